/* district: a school district, the tenant of everything else. */
#ifndef CG_DISTRICT_H
#define CG_DISTRICT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "domain/field.h"

struct district {
	int64_t id;
	const char *slug;       /* a-z, 0-9 and '-', used in public URLs */
	const char *name;
	const char *timezone;   /* IANA name, e.g. America/Chicago */
	const char *languages;  /* the languages it serves: BCP 47 tags separated by commas
	                         * (core/lang.h's lists), the first its default */
	int64_t created_at;
};

/* The fields a district's settings form sets (domain/field.h): name,
 * timezone, languages; the checks below hold their values to the rules
 * that a table cannot say (a zone that exists, language tags). */
extern const struct field district_fields[];

/* Each returns 0, or ERR_INVALID with e->field set to the given field name
 * and a message a person can act on. */
int district_check_slug(const char *slug, struct err *e);
int district_check_name(const char *name, struct err *e);
int district_check_timezone(const char *tz, struct err *e);
/* The most languages a district serves. */
#define DISTRICT_MAX_LANGUAGES 40
/* Accepts "en, es, zh-hans" or "en,es"; writes the stored list
 * ("en,es,zh-Hans") into out (size n: DISTRICT_MAX_LANGUAGES tags of
 * LANG_TAG_MAX). */
int district_check_languages(const char *langs, char *out, size_t n, struct err *e);
/* Whether lang (a tag, exact spelling) is among the district's languages. */
bool district_has_language(const struct district *d, const char *lang);

#endif

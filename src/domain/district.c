#include "domain/district.h"

#include "core/lang.h"

#include <stddef.h>
#include <string.h>
#include <sys/stat.h>

#include "core/buf.h"
#include "core/i18n.h"
#include "core/lang.h"
#include "core/str.h"

int district_check_slug(const char *slug, struct err *e)
{
	size_t n = strlen(slug);
	if (n < 2 || n > 63)
		return err_set(e, ERR_INVALID, "slug", "The short name must be 2 to 63 characters long.");
	for (size_t i = 0; i < n; i++) {
		char c = slug[i];
		bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && i > 0 && i + 1 < n);
		if (!ok)
			return err_set(e, ERR_INVALID, "slug",
			               "The short name may hold only lowercase letters, digits and inner hyphens.");
	}
	return 0;
}

/* The name signs every e-mail (its From line): one line only. */
#define D(n, t, m, l) .name = n, .type = t, .off = offsetof(struct district, m), .label = l
const struct field district_fields[] = {
	{D("name", FIELD_LINE, name, N_("The name")), .flags = FIELD_REQUIRED | FIELD_TRANSLATABLE, .max = 200},
	{D("timezone", FIELD_LINE, timezone, N_("The time zone")), .flags = FIELD_REQUIRED, .max = 63},
	{D("languages", FIELD_LINE, languages, N_("The languages")), .max = 120},
	FIELD_END,
};
#undef D

int district_check_name(const char *name, struct err *e)
{
	return field_check_one(&district_fields[0], &(struct district){.name = name}, e);
}

int district_check_timezone(const char *tz, struct err *e)
{
	size_t n = strlen(tz);
	bool ok = n > 0 && n < 64 && tz[0] != '/' && !strstr(tz, "..");
	for (size_t i = 0; ok && i < n; i++) {
		char c = tz[i];
		ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		     c == '/' || c == '_' || c == '-' || c == '+';
	}
	if (ok) {
		char path[128];
		struct stat st;
		struct buf b;
		buf_init(&b, sizeof(path));
		buf_printf(&b, "/usr/share/zoneinfo/%s", tz);
		str_copy(path, sizeof(path), b.p);
		buf_release(&b);
		ok = stat(path, &st) == 0 && S_ISREG(st.st_mode);
	}
	if (!ok)
		return err_set(e, ERR_INVALID, "timezone",
		               "The time zone must be an IANA name such as America/Chicago.");
	return 0;
}

int district_check_languages(const char *langs, char *out, size_t n, struct err *e)
{
	size_t bad;
	int count = lang_list_normalise(langs, out, n, &bad);
	if (count < 0 && bad)
		return err_set(e, ERR_INVALID, "languages",
		               "Languages are language tags separated by commas, such as \"en, es, zh-Hans\".");
	if (count <= 0 || count > DISTRICT_MAX_LANGUAGES)
		return err_set(e, ERR_INVALID, "languages", "Give between one and forty languages, such as \"en, es\".");
	return 0;
}

bool district_has_language(const struct district *d, const char *lang)
{
	return lang_list_has(d->languages, lang);
}

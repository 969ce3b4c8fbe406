/* survey: the short form people answer on a phone at the end of a session.
 *
 * One multiple-choice question per dimension of the district's community
 * baseline (the same categories, so that answers can be set against it,
 * with "prefer not to say" always allowed), an experience rating from 1 to
 * 5, and "is there anything else you would like to share?".  An answer
 * tied to a registration's private link counts once; anonymous answers are
 * welcome too.  Rules only: no HTTP, no SQL. */
#ifndef CG_SURVEY_H
#define CG_SURVEY_H
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "domain/plan.h"

#define SURVEY_COMMENT_MAX 4000

struct survey_answer {
	const char *dimension, *category;
};

struct survey_response {
	int64_t id, district_id, session_id;
	int64_t registration_id;   /* 0: anonymous */
	int64_t rating;            /* 1..5; 0: not given */
	const char *comment;       /* redacted before it is stored */
	const char *lang;
	struct survey_answer *answers;
	size_t nanswers;
	int64_t created_at;
};

/* The fields of the form (domain/field.h): rating and comment; the
 * answers, one per dimension of the baseline, are read by the page. */
extern const struct field survey_fields[];
/* The answers the API lists: of a session or of an initiative. */
struct survey_list_ask {
	int64_t session_id, initiative_id;
};
extern const struct field survey_list_fields[];
/* Checks a response against the baseline: rating 0..5, comment at most
 * SURVEY_COMMENT_MAX characters of text, each answer's dimension one of
 * the baseline's with a category it lists (compared exactly: the form
 * offers them), a dimension at most once.  Field names: rating, comment,
 * and the dimension's name for an answer. */
int survey_check(const struct survey_response *r, const struct baseline_share *base, size_t nbase, struct err *e);

/* The dimensions the baseline covers, in plan_dimensions order; *out holds
 * pointers to plan_dimensions' strings.  Returns how many (at most
 * plan_ndimensions). */
size_t survey_dimensions(const struct baseline_share *base, size_t nbase, const char **out);

#endif

#include "domain/survey.h"

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "core/i18n.h"

static bool in_baseline(const struct baseline_share *base, size_t nbase, const char *dim, const char *cat)
{
	for (size_t i = 0; i < nbase; i++)
		if (strcmp(base[i].dimension, dim) == 0 && (!cat || strcmp(base[i].category, cat) == 0))
			return true;
	return false;
}

#define R(n, t, m, l) .name = n, .type = t, .off = offsetof(struct survey_response, m), .label = l
const struct field survey_list_fields[] = {
	{.name = "session_id", .type = FIELD_INT, .off = offsetof(struct survey_list_ask, session_id),
	 .label = N_("The session"), .min = 1, .max = INT64_MAX},
	{.name = "initiative_id", .type = FIELD_INT, .off = offsetof(struct survey_list_ask, initiative_id),
	 .label = N_("The initiative"), .min = 1, .max = INT64_MAX},
	FIELD_END,
};

const struct field survey_fields[] = {
	{R("rating", FIELD_INT, rating, N_("Your rating")), .min = 1, .max = 5, .msg = N_("Choose a rating from 1 to 5.")},
	{R("comment", FIELD_TEXT, comment, N_("Your comment")), .max = SURVEY_COMMENT_MAX},
	FIELD_END,
};
#undef R

int survey_check(const struct survey_response *r, const struct baseline_share *base, size_t nbase, struct err *e)
{
	if (field_check(survey_fields, r, e) < 0)
		return ERR_INVALID;
	for (size_t i = 0; i < r->nanswers; i++) {
		const struct survey_answer *a = &r->answers[i];
		if (!a->dimension || !in_baseline(base, nbase, a->dimension, NULL))
			return err_set(e, ERR_INVALID, "answers", "One of the questions is not part of this survey.");
		if (!a->category || !in_baseline(base, nbase, a->dimension, a->category))
			return err_set(e, ERR_INVALID, a->dimension, "Choose one of the answers offered.");
		for (size_t j = 0; j < i; j++)
			if (strcmp(r->answers[j].dimension, a->dimension) == 0)
				return err_set(e, ERR_INVALID, a->dimension, "Give one answer per question.");
	}
	return 0;
}

size_t survey_dimensions(const struct baseline_share *base, size_t nbase, const char **out)
{
	size_t n = 0;
	for (size_t d = 0; d < plan_ndimensions; d++)
		if (in_baseline(base, nbase, plan_dimensions[d], NULL))
			out[n++] = plan_dimensions[d];
	return n;
}

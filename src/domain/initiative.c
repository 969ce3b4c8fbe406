#include "domain/initiative.h"

#include <stddef.h>
#include <string.h>

#include "core/i18n.h"
#include "core/str.h"

static const char *const modes[] = {"cooperate", "collaborate", NULL};

#define I(n, t, m, l) .name = n, .type = t, .off = offsetof(struct initiative, m), .label = l
const struct field initiative_fields[] = {
	{I("title", FIELD_LINE, title, N_("The title")), .flags = FIELD_REQUIRED | FIELD_TRANSLATABLE, .max = 200},
	{I("why", FIELD_TEXT, why, N_("The reason")), .flags = FIELD_TRANSLATABLE, .max = 20000},
	{I("data_behind", FIELD_TEXT, data_behind, N_("The data behind it")), .max = 20000},
	{I("goals", FIELD_TEXT, goals, N_("The goals")), .max = 20000},
	{I("questions", FIELD_TEXT, questions, N_("The essential questions")), .max = 20000},
	{I("mode", FIELD_CHOICE, mode, N_("The mode")), .flags = FIELD_REQUIRED, .choices = modes,
	 .msg = N_("Choose whether the district means to cooperate or collaborate.")},
	FIELD_END,
};
#undef I

int initiative_check(const struct initiative *in, struct err *e)
{
	return field_check(initiative_fields, in, e);
}

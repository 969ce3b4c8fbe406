#include "domain/initiative.h"

#include <string.h>

#include "core/str.h"

int initiative_check(const struct initiative *in, struct err *e)
{
	struct str t = str_trim(str_from(in->title ? in->title : ""));
	if (t.len == 0)
		return err_set(e, ERR_INVALID, "title", "The title is required.");
	if (t.len > 200)
		return err_set(e, ERR_INVALID, "title", "The title must be at most 200 characters long.");
	if (!utf8_valid(in->title, strlen(in->title)))
		return err_set(e, ERR_INVALID, "title", "The title must be valid UTF-8 text.");
	const char *why = in->why ? in->why : "";
	if (strlen(why) > 20000)
		return err_set(e, ERR_INVALID, "why", "The reason must be at most 20,000 characters long.");
	if (!utf8_valid(why, strlen(why)))
		return err_set(e, ERR_INVALID, "why", "The reason must be valid UTF-8 text.");
	static const char *const fields[][2] = {{"data_behind", "The data behind it"}, {"goals", "The goals"},
	                                         {"questions", "The essential questions"}};
	const char *values[] = {in->data_behind, in->goals, in->questions};
	for (size_t i = 0; i < 3; i++) {
		const char *v = values[i] ? values[i] : "";
		if (strlen(v) > 20000)
			return err_set(e, ERR_INVALID, fields[i][0], "%s must be at most 20,000 characters long.", fields[i][1]);
		if (!utf8_valid(v, strlen(v)))
			return err_set(e, ERR_INVALID, fields[i][0], "%s must be valid UTF-8 text.", fields[i][1]);
	}
	if (!in->mode || (strcmp(in->mode, "cooperate") != 0 && strcmp(in->mode, "collaborate") != 0))
		return err_set(e, ERR_INVALID, "mode", "Choose whether the district means to cooperate or collaborate.");
	return 0;
}

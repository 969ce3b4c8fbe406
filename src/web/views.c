#include "web/views.h"

#include <string.h>
#include <time.h>

json_t *view_time(int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	char s[32];
	gmtime_r(&tt, &tm);
	strftime(s, sizeof(s), "%Y-%m-%dT%H:%M:%SZ", &tm);
	return json_string(s);
}

json_t *view_district(const struct district *d)
{
	json_t *langs = json_array();
	for (const char *p = d->languages; p && strlen(p) >= 2; p += 3) {
		json_array_append_new(langs, json_stringn(p, 2));
		if (!p[2])
			break;
	}
	return json_pack("{s:I, s:s, s:s, s:s, s:o, s:o}", "id", (json_int_t)d->id, "slug", d->slug, "name",
	                 d->name, "timezone", d->timezone, "languages", langs, "created_at",
	                 view_time(d->created_at));
}

json_t *view_user(const struct user *u)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:b, s:o}", "id", (json_int_t)u->id, "email", u->email, "name",
	                 u->name, "role", role_name(u->role), "disabled", u->disabled, "created_at",
	                 view_time(u->created_at));
}

json_t *view_initiative(const struct initiative *in)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:o, s:o}", "id", (json_int_t)in->id, "title", in->title, "why",
	                 in->why, "mode", in->mode, "created_at", view_time(in->created_at), "updated_at",
	                 view_time(in->updated_at));
}

/* `commonground routes`: the route table as JSON, for tests and audits that
 * walk every address the server answers without a list of their own. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

#include "cmd/cmd.h"
#include "domain/account.h"
#include "web/app.h"

static const struct {
	unsigned flag;
	const char *name;
} flag_names[] = {
	{R_LOGIN, "login"}, {R_CSRF, "csrf"}, {R_API, "api"}, {R_UPLOAD, "upload"},
};

/* The least role as the route table means it; "team" is not an account's
 * role (partner, facilitator, or staff and up). */
static const char *role_label(enum role r)
{
	switch (r) {
	case ROLE_NONE: return "none";
	case ROLE_TEAM: return "team";
	default: return role_name(r);
	}
}

int cmd_routes(int argc, char **argv)
{
	struct opt opts[] = {{NULL, 0, NULL}};
	if (cmd_opts("routes", argc, argv, 1, opts, NULL, 0) < 0)
		return cmd_usage("routes", 0);
	json_t *all = json_array();
	for (int i = 0; i < nroutes; i++) {
		json_t *flags = json_array();
		for (size_t k = 0; k < sizeof(flag_names) / sizeof(flag_names[0]); k++)
			if (routes[i].flags & flag_names[k].flag)
				json_array_append_new(flags, json_string(flag_names[k].name));
		json_array_append_new(all, json_pack("{s:s, s:s, s:o, s:s}", "method", routes[i].method, "pattern",
		                                     routes[i].pattern, "flags", flags, "role",
		                                     role_label(routes[i].role)));
	}
	char *text = json_dumps(all, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
	json_decref(all);
	if (!text)
		return cmd_fail("routes", 1, "out of memory");
	int ok = puts(text) >= 0;
	free(text);
	return ok ? 0 : cmd_fail("routes", 1, "could not write the table");
}

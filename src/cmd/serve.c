#include <stdlib.h>

#include "cmd/cmd.h"
#include "core/log.h"
#include "core/str.h"
#include "web/server.h"

int cmd_serve(int argc, char **argv)
{
	const char *listen = NULL, *db = NULL, *base = NULL, *threads = NULL, *quiet = NULL, *root = NULL;
	const char *no_cache = NULL;
	struct opt opts[] = {
		{"listen", 1, &listen}, {"db", 1, &db},       {"base-url", 1, &base},
		{"threads", 1, &threads}, {"quiet", 0, &quiet}, {"root", 1, &root}, {"no-page-cache", 0, &no_cache},
		{NULL, 0, NULL},
	};
	if (cmd_opts("serve", argc, argv, 1, opts, NULL, 0) < 0)
		return cmd_usage("serve", 0);
	int64_t nthreads = 0;
	if (threads && parse_i64(threads, 1, 64, &nthreads) < 0)
		return cmd_fail("serve", EXIT_USAGE, "--threads takes a number from 1 to 64");
	struct server_config cfg = {
		.listen = listen ? listen : "127.0.0.1:8080",
		.db_url = db ? db : db_default_url(),
		.base_url = base ? base : getenv("COMMONGROUND_BASE_URL"),
		.root = root ? root : CG_ROOT,
		.threads = (int)nthreads,
		.quiet = quiet != NULL,
		.no_page_cache = no_cache != NULL,
	};
	struct err e;
	err_clear(&e);
	if (server_run(&cfg, &e) < 0)
		return cmd_fail("serve", e.code == ERR_INVALID ? EXIT_USAGE : 1, "%s", e.msg);
	return 0;
}

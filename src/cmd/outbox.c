#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cmd/cmd.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/i18n.h"
#include "core/mail.h"
#include "domain/clock.h"
#include "service/outbox.h"

int cmd_outbox(int argc, char **argv)
{
	const char *url = NULL, *now_s = NULL, *base = NULL;
	struct opt opts[] = {{"db", 1, &url}, {"now", 1, &now_s}, {"base-url", 1, &base}, {NULL, 0, NULL}};
	if (argc < 2 || strcmp(argv[1], "run") != 0)
		return cmd_usage("outbox", 0);
	if (cmd_opts("outbox", argc, argv, 2, opts, NULL, 0) < 0)
		return cmd_usage("outbox", 0);
	int64_t now = time(NULL);
	if (now_s && clock_parse_iso(now_s, &now) < 0)
		return cmd_fail("outbox", EXIT_USAGE, "--now takes an ISO 8601 UTC instant such as 2026-12-03T15:00:00Z");
	struct db *db = cmd_open_db("outbox", url, 1);
	if (!db)
		return cmd_db_status();
	struct i18n *cat = i18n_new();
	struct err e;
	err_clear(&e);
	/* The catalogs compiled from po/ by make.  Messages are composed once
	 * and kept, so without a language's catalog nothing is composed at all. */
	int rc = i18n_load_dir(cat, CG_ROOT "/build/locale", &e);
	if (rc == 0)
		rc = i18n_check_pages(cat, CG_ROOT "/build/locale", &e);
	struct arena a;
	arena_init(&a);
	mail_global_init();
	const char *env_base = getenv("COMMONGROUND_BASE_URL");
	const char *from = getenv("COMMONGROUND_MAIL_FROM");
	struct outbox_ctx x = {
		.db = db,
		.a = &a,
		.i18n = cat,
		.base_url = base ? base : env_base && *env_base ? env_base : "http://127.0.0.1:8080",
		.smtp_url = getenv("COMMONGROUND_SMTP_URL"),
		.from_addr = from && *from ? from : "noreply@commonground.localhost",
		.now = now,
	};
	struct outbox_counts n = {0};
	if (rc == 0)
		rc = outbox_run(&x, &n, &e);
	if (rc == 0) {
		char iso[21];
		clock_iso(now, iso);
		printf("outbox at %s: %d queued, %d skipped, %d sent, %d to retry, %d failed, %d waiting for SMTP\n", iso,
		       n.scheduled, n.skipped, n.sent, n.retried, n.failed, n.waiting);
	}
	arena_free(&a);
	i18n_free(cat);
	db_close(db);
	mail_global_cleanup();
	return rc < 0 ? cmd_fail("outbox", 1, "%s", e.msg) : 0;
}

#include <stdio.h>
#include <string.h>

#include "cmd/cmd.h"
#include "core/arena.h"
#include "core/lang.h"
#include "store/audit_store.h"
#include "store/district_store.h"

static int add(int argc, char **argv)
{
	const char *url = NULL, *slug = NULL, *name = NULL, *tz = NULL, *langs = NULL;
	struct opt opts[] = {{"db", 1, &url}, {"slug", 1, &slug}, {"name", 1, &name}, {"timezone", 1, &tz},
	                     {"languages", 1, &langs}, {NULL, 0, NULL}};
	if (cmd_opts("district", argc, argv, 2, opts, NULL, 0) < 0)
		return cmd_usage("district", 0);
	if (!slug || !name)
		return cmd_fail("district", EXIT_USAGE, "add needs --slug and --name");
	char norm[DISTRICT_MAX_LANGUAGES * LANG_TAG_MAX];
	struct err e;
	struct district d = {.slug = slug, .name = name, .timezone = tz ? tz : "America/Chicago",
	                     .languages = langs ? langs : "en"};
	if (district_check_slug(d.slug, &e) < 0 || district_check_name(d.name, &e) < 0 ||
	    district_check_timezone(d.timezone, &e) < 0 ||
	    district_check_languages(d.languages, norm, sizeof(norm), &e) < 0)
		return cmd_fail("district", EXIT_USAGE, "--%s: %s", e.field, e.msg);
	d.languages = norm;
	struct db *db = cmd_open_db("district", url, 1);
	if (!db)
		return cmd_db_status();
	int rc = district_store_add(db, &d, &e);
	if (rc == 0) {
		struct audit_entry ev = {.district_id = d.id, .actor = "cli", .action = "district.add", .detail = d.slug};
		audit_store_add(db, &ev, &e);
		printf("district %s added (id %lld)\n", d.slug, (long long)d.id);
	}
	db_close(db);
	return rc < 0 ? cmd_fail("district", 1, "%s", e.msg) : 0;
}

static int list(int argc, char **argv)
{
	const char *url = NULL;
	struct opt opts[] = {{"db", 1, &url}, {NULL, 0, NULL}};
	if (cmd_opts("district", argc, argv, 2, opts, NULL, 0) < 0)
		return cmd_usage("district", 0);
	struct db *db = cmd_open_db("district", url, 1);
	if (!db)
		return cmd_db_status();
	struct arena a;
	arena_init(&a);
	struct district *ds;
	size_t n;
	struct err e;
	int rc = district_store_list(db, &a, &ds, &n, &e);
	for (size_t i = 0; rc == 0 && i < n; i++)
		printf("%s\t%s\t%s\t%s\n", ds[i].slug, ds[i].name, ds[i].timezone, ds[i].languages);
	arena_free(&a);
	db_close(db);
	return rc < 0 ? cmd_fail("district", 1, "%s", e.msg) : 0;
}

int cmd_district(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "add") == 0)
		return add(argc, argv);
	if (argc >= 2 && strcmp(argv[1], "list") == 0)
		return list(argc, argv);
	return cmd_usage("district", 0);
}

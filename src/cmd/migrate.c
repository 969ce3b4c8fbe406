#include <stdio.h>

#include "cmd/cmd.h"
#include "store/migrate.h"

int cmd_migrate(int argc, char **argv)
{
	const char *url = NULL;
	struct opt opts[] = {{"db", 1, &url}, {NULL, 0, NULL}};
	if (cmd_opts("migrate", argc, argv, 1, opts, NULL, 0) < 0)
		return cmd_usage("migrate", 0);
	struct db *db = cmd_open_db("migrate", url, 0);
	if (!db)
		return cmd_db_status();
	struct err e;
	int applied = 0;
	int rc = migrate_run(db, &applied, &e);
	if (rc < 0) {
		db_close(db);
		return cmd_fail("migrate", 1, "%s", e.msg);
	}
	printf("schema at version %d (%d migration%s applied)\n", migrate_latest(), applied, applied == 1 ? "" : "s");
	db_close(db);
	return 0;
}

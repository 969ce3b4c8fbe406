#include <stdio.h>
#include <unistd.h>

#include "cmd/cmd.h"

int cmd_backup(int argc, char **argv)
{
	const char *url = NULL, *out = NULL;
	struct opt opts[] = {{"db", 1, &url}, {"out", 1, &out}, {NULL, 0, NULL}};
	if (cmd_opts("backup", argc, argv, 1, opts, NULL, 0) < 0)
		return cmd_usage("backup", 0);
	if (!out)
		return cmd_fail("backup", EXIT_USAGE, "--out FILE is required");
	if (access(out, F_OK) == 0)
		return cmd_fail("backup", 1, "%s already exists; choose a new file", out);
	struct db *db = cmd_open_db("backup", url, 0);
	if (!db)
		return cmd_db_status();
	struct err e;
	int rc = db_backup(db, out, &e);
	db_close(db);
	if (rc < 0) {
		unlink(out);
		return cmd_fail("backup", rc == ERR_INVALID ? EXIT_USAGE : 1, "%s", e.msg);
	}
	printf("backup written to %s\n", out);
	return 0;
}

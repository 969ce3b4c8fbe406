#include <stdio.h>

#include "cmd/cmd.h"
#include "version.h"
#include "store/migrate.h"

int cmd_version(int argc, char **argv)
{
	printf("commonground %s (schema %d)\n", CG_VERSION, migrate_latest());
	return 0;
}

/* migrate: numbered schema migrations, applied in order, each in its own
 * transaction and recorded in schema_migrations. */
#ifndef CG_MIGRATE_H
#define CG_MIGRATE_H
#include "store/db.h"

/* Applies every migration not yet recorded.  *applied (may be NULL) gets how
 * many ran.  On error the failing migration is rolled back whole and e names
 * it; those before it stay applied. */
int migrate_run(struct db *db, int *applied, struct err *e);
/* The highest version this program knows. */
int migrate_latest(void);
/* The highest version recorded in db (0 when none). */
int migrate_current(struct db *db, struct err *e);

#endif

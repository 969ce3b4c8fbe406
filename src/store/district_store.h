/* district_store: districts in the database.  Strings of returned records
 * live in the caller's arena. */
#ifndef CG_DISTRICT_STORE_H
#define CG_DISTRICT_STORE_H
#include "core/arena.h"
#include "domain/district.h"
#include "store/db.h"

/* Fills d->id on success; ERR_CONFLICT when the slug is taken. */
int district_store_add(struct db *db, struct district *d, struct err *e);
/* ERR_NOTFOUND when absent. */
int district_store_by_slug(struct db *db, struct arena *a, const char *slug, struct district *d, struct err *e);
int district_store_by_id(struct db *db, struct arena *a, int64_t id, struct district *d, struct err *e);
/* Updates name, timezone and languages of d->id. */
int district_store_update(struct db *db, const struct district *d, struct err *e);
/* All districts by slug; *out is an arena array of *n records. */
int district_store_list(struct db *db, struct arena *a, struct district **out, size_t *n, struct err *e);

#endif

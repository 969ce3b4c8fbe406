/* initiative_store: initiatives of a district. */
#ifndef CG_INITIATIVE_STORE_H
#define CG_INITIATIVE_STORE_H
#include "core/arena.h"
#include "domain/initiative.h"
#include "store/db.h"

int initiative_store_add(struct db *db, struct initiative *in, struct err *e);
/* Within one district only: another district's initiative is ERR_NOTFOUND. */
int initiative_store_get(struct db *db, struct arena *a, int64_t district_id, int64_t id,
                         struct initiative *in, struct err *e);
int initiative_store_update(struct db *db, struct initiative *in, struct err *e);
int initiative_store_list(struct db *db, struct arena *a, int64_t district_id, struct initiative **out,
                          size_t *n, struct err *e);
/* The titles of the district's initiatives, in order. */
int initiative_store_titles(struct db *db, struct arena *a, int64_t district_id, const char ***out, size_t *n,
                            struct err *e);
int initiative_store_count(struct db *db, int64_t district_id, int64_t *n, struct err *e);

#endif

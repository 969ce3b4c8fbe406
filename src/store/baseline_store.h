/* baseline_store: the community baseline of a district, the share of each
 * category of each dimension (baseline_shares).  Every query is scoped by
 * district_id.  Strings of returned records live in the caller's arena. */
#ifndef CG_BASELINE_STORE_H
#define CG_BASELINE_STORE_H
#include "core/arena.h"
#include "domain/plan.h"
#include "store/db.h"

/* Sets the share of one category (replacing what was there). */
int baseline_store_set(struct db *db, const struct baseline_share *b, struct err *e);
int baseline_store_list(struct db *db, struct arena *a, int64_t district_id, struct baseline_share **out,
                        size_t *n, struct err *e);

#endif

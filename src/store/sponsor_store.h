/* sponsor_store: an initiative's sponsorship committee (sponsors).  Every
 * query is scoped by district_id: another district's record is ERR_NOTFOUND.
 * Strings of returned records live in the caller's arena. */
#ifndef CG_SPONSOR_STORE_H
#define CG_SPONSOR_STORE_H
#include "core/arena.h"
#include "domain/plan.h"
#include "store/db.h"

int sponsor_store_add(struct db *db, struct sponsor *s, struct err *e);
int sponsor_store_list(struct db *db, struct arena *a, int64_t district_id, int64_t initiative_id,
                       struct sponsor **out, size_t *n, struct err *e);
/* The organisations of every initiative's sponsors, each once (none empty),
 * in order. */
int sponsor_store_organizations(struct db *db, struct arena *a, int64_t district_id, const char ***out, size_t *n,
                                struct err *e);

#endif

/* group_store: the stakeholder groups of a district (stakeholder_groups).
 * Every query is scoped by district_id: another district's record is
 * ERR_NOTFOUND.  Strings of returned records live in the caller's arena. */
#ifndef CG_GROUP_STORE_H
#define CG_GROUP_STORE_H
#include "core/arena.h"
#include "domain/plan.h"
#include "store/db.h"

int group_store_add(struct db *db, struct group *g, struct err *e);
int group_store_list(struct db *db, struct arena *a, int64_t district_id, struct group **out, size_t *n,
                     struct err *e);
int group_store_get(struct db *db, struct arena *a, int64_t district_id, int64_t id, struct group *g,
                    struct err *e);

#endif

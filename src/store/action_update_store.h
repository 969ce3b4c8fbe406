/* action_update_store: the updates on an action over time (action_updates).
 * Every query is scoped by district_id.  Strings of returned records live in
 * the caller's arena. */
#ifndef CG_ACTION_UPDATE_STORE_H
#define CG_ACTION_UPDATE_STORE_H
#include "core/arena.h"
#include "domain/share.h"
#include "store/db.h"

int action_update_store_add(struct db *db, struct action_update *u, struct err *e);
/* action_id 0: every update of the district.  Newest first. */
int action_update_store_list(struct db *db, struct arena *ar, int64_t district_id, int64_t action_id,
                             struct action_update **out, size_t *n, struct err *e);

#endif

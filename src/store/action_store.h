/* action_store: "you said, we did" — what the district does about a theme
 * (actions).  Every query is scoped by district_id: another district's record
 * is ERR_NOTFOUND.  Strings of returned records live in the caller's arena. */
#ifndef CG_ACTION_STORE_H
#define CG_ACTION_STORE_H
#include "core/arena.h"
#include "domain/share.h"
#include "store/db.h"

int action_store_add(struct db *db, struct action *a, struct err *e);
int action_store_update(struct db *db, const struct action *a, struct err *e);
int action_store_get(struct db *db, struct arena *ar, int64_t district_id, int64_t id, struct action *a,
                     struct err *e);
/* initiative_id 0: every initiative's.  By theme, then status, due date. */
int action_store_list(struct db *db, struct arena *ar, int64_t district_id, int64_t initiative_id,
                      struct action **out, size_t *n, struct err *e);

#endif

/* protocol_store: the conversation protocols of a district (protocols).  Every
 * query is scoped by district_id: another district's record is ERR_NOTFOUND.
 * Strings of returned records live in the caller's arena. */
#ifndef CG_PROTOCOL_STORE_H
#define CG_PROTOCOL_STORE_H
#include "core/arena.h"
#include "domain/plan.h"
#include "store/db.h"

int protocol_store_add(struct db *db, struct protocol *p, struct err *e);
int protocol_store_list(struct db *db, struct arena *a, int64_t district_id, struct protocol **out, size_t *n,
                        struct err *e);
int protocol_store_get(struct db *db, struct arena *a, int64_t district_id, int64_t id, struct protocol *p,
                       struct err *e);

#endif

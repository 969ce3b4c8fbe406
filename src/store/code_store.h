/* code_store: an initiative's codes (codes), and the merges and splits that
 * move codings between them.  Every query is scoped by district_id: another
 * district's record is ERR_NOTFOUND.  Strings of returned records live in the
 * caller's arena. */
#ifndef CG_CODE_STORE_H
#define CG_CODE_STORE_H
#include "core/arena.h"
#include "domain/codebook.h"
#include "store/db.h"

/* ERR_CONFLICT (field "name") when the initiative has a code of that name. */
int code_store_add(struct db *db, struct code *c, struct err *e);
int code_store_update(struct db *db, const struct code *c, struct err *e);
int code_store_get(struct db *db, struct arena *a, int64_t district_id, int64_t id, struct code *c, struct err *e);
/* Parents first, each followed by its children, by name; with counts. */
int code_store_list(struct db *db, struct arena *a, int64_t district_id, int64_t initiative_id, struct code **out,
                    size_t *n, struct err *e);
/* Moves from's codings to into (a coding into already has is dropped),
 * re-parents from's children, deletes from. */
int code_store_merge(struct db *db, int64_t district_id, int64_t from, int64_t into, struct err *e);

/* Moves the codings of code from on one excerpt to code into (a split). */
int code_store_move_excerpt(struct db *db, int64_t district_id, int64_t from, int64_t into, const char *kind,
                            int64_t excerpt_id, struct err *e);

#endif

/* team_store: the accounts a conversation is handed to (conversation_team).
 * Scoped by district_id, except team_store_member, which takes a conversation
 * the caller has already found in its district.  Lists live in the caller's
 * arena. */
#ifndef CG_TEAM_STORE_H
#define CG_TEAM_STORE_H
#include "core/arena.h"
#include "store/db.h"

/* The accounts (facilitators, partners) a conversation is handed to. */
int team_store_set(struct db *db, int64_t district_id, int64_t conversation_id, const int64_t *user_ids,
                   size_t n, struct err *e);
int team_store_list(struct db *db, struct arena *a, int64_t district_id, int64_t conversation_id,
                    int64_t **user_ids, size_t *n, struct err *e);
/* 1 in *member when user_id is on the conversation's team. */
int team_store_member(struct db *db, int64_t conversation_id, int64_t user_id, int *member, struct err *e);

#endif

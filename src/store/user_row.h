/* user_row: how a user is read from a row, for the store modules whose
 * queries give a user (user_store, web_session_store, api_token_store).
 * Internal to store/: callers outside it use those modules' headers. */
#ifndef CG_USER_ROW_H
#define CG_USER_ROW_H
#include "core/arena.h"
#include "domain/account.h"
#include "store/db.h"

/* The columns user_store_row reads, in order, of users aliased u. */
#define USER_COLS "u.id, u.district_id, u.email, u.name, u.role, u.disabled, u.created_at"

/* Fills the struct user at out from the first columns of st; strings in a. */
void user_store_row(struct db_stmt *st, struct arena *a, void *out);
/* Steps st once into *u: ERR_NOTFOUND ("No such user.") without a row.
 * With extra, the column after the user's goes there (NULL for SQL NULL). */
int user_store_one(struct db_stmt *st, struct arena *a, struct user *u, const char **extra, struct err *e);

#endif

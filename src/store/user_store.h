/* user_store: accounts (web sessions, API tokens and failed sign-ins have
 * their own modules).
 * Strings of returned records live in the caller's arena. */
#ifndef CG_USER_STORE_H
#define CG_USER_STORE_H
#include "core/arena.h"
#include "domain/account.h"
#include "store/db.h"

/* password_hash may be NULL (no password yet).  ERR_CONFLICT when the
 * e-mail address is taken. */
int user_store_add(struct db *db, struct user *u, const char *password_hash, struct err *e);
/* *hash (may be NULL) gets the stored password hash. */
int user_store_by_email(struct db *db, struct arena *a, const char *email, struct user *u,
                        const char **hash, struct err *e);
/* Within one district only: a user of another district is ERR_NOTFOUND. */
int user_store_by_id(struct db *db, struct arena *a, int64_t district_id, int64_t id, struct user *u,
                     struct err *e);
int user_store_list(struct db *db, struct arena *a, int64_t district_id, struct user **out, size_t *n,
                    struct err *e);
int user_store_set_password(struct db *db, int64_t id, const char *hash, struct err *e);
/* Disabling also ends the user's sessions and revokes the user's tokens. */
int user_store_set_disabled(struct db *db, int64_t district_id, int64_t id, bool disabled, struct err *e);
int user_store_update(struct db *db, const struct user *u, struct err *e);
int user_store_count_admins(struct db *db, int64_t district_id, int64_t *n, struct err *e);

#endif

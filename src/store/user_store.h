/* user_store: accounts, web sessions, API tokens and sign-in throttling.
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

/* Web sessions, found by the hash of the cookie's secret. */
int user_store_session_add(struct db *db, const struct user *u, const char *token_hash, const char *csrf,
                           int64_t expires_at, struct err *e);
/* ERR_NOTFOUND for an unknown, expired session or a disabled user. */
int user_store_session_get(struct db *db, struct arena *a, const char *token_hash, int64_t now,
                           struct user *u, const char **csrf, struct err *e);
int user_store_session_end(struct db *db, const char *token_hash, struct err *e);
int user_store_sessions_purge(struct db *db, int64_t now, struct err *e);

/* API tokens. */
int user_store_token_add(struct db *db, const struct user *u, const char *token_hash, const char *label,
                         int64_t *id, struct err *e);
int user_store_token_get(struct db *db, struct arena *a, const char *token_hash, struct user *u,
                         struct err *e);
/* Revokes by the token's hash; ERR_NOTFOUND when no live token matches. */
int user_store_token_revoke(struct db *db, const char *token_hash, struct err *e);

/* Failed sign-ins, counted per key ("email:…", "ip:…") within a window. */
int user_store_failure_add(struct db *db, const char *key, int64_t now, struct err *e);
int user_store_failure_count(struct db *db, const char *key, int64_t since, int64_t *n, struct err *e);
int user_store_failure_clear(struct db *db, const char *key, struct err *e);
/* Forgets failures older than `before`. */
int user_store_failures_purge(struct db *db, int64_t before, struct err *e);

#endif

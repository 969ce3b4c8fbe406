/* web_session_store: the signed-in sessions of the admin pages, found by
 * the hash of the cookie's secret; each gives its user.  Not scoped by
 * district: a session names its own.  Strings live in the caller's arena. */
#ifndef CG_WEB_SESSION_STORE_H
#define CG_WEB_SESSION_STORE_H
#include "core/arena.h"
#include "domain/account.h"
#include "store/db.h"

/* Web sessions, found by the hash of the cookie's secret. */
int web_session_store_add(struct db *db, const struct user *u, const char *token_hash, const char *csrf,
                          int64_t expires_at, struct err *e);
/* ERR_NOTFOUND for an unknown, expired session or a disabled user. */
int web_session_store_get(struct db *db, struct arena *a, const char *token_hash, int64_t now,
                          struct user *u, const char **csrf, struct err *e);
int web_session_store_end(struct db *db, const char *token_hash, struct err *e);
int web_session_store_purge(struct db *db, int64_t now, struct err *e);

#endif

/* signin_failure_store: failed sign-ins, counted per key ("email:…",
 * "ip:…") within a window, for throttling. */
#ifndef CG_SIGNIN_FAILURE_STORE_H
#define CG_SIGNIN_FAILURE_STORE_H
#include "core/arena.h"
#include "domain/account.h"
#include "store/db.h"

/* Failed sign-ins, counted per key ("email:…", "ip:…") within a window. */
int signin_failure_store_add(struct db *db, const char *key, int64_t now, struct err *e);
int signin_failure_store_count(struct db *db, const char *key, int64_t since, int64_t *n, struct err *e);
int signin_failure_store_clear(struct db *db, const char *key, struct err *e);
/* Forgets failures older than `before`. */
int signin_failure_store_purge(struct db *db, int64_t before, struct err *e);

#endif

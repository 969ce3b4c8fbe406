/* api_token_store: API tokens, found by the hash of the bearer token;
 * each gives its user (and so its district).  Strings live in the caller's
 * arena. */
#ifndef CG_API_TOKEN_STORE_H
#define CG_API_TOKEN_STORE_H
#include "core/arena.h"
#include "domain/account.h"
#include "store/db.h"

/* API tokens. */
int api_token_store_add(struct db *db, const struct user *u, const char *token_hash, const char *label,
                        int64_t *id, struct err *e);
int api_token_store_get(struct db *db, struct arena *a, const char *token_hash, struct user *u,
                        struct err *e);
/* Revokes by the token's hash; ERR_NOTFOUND when no live token matches. */
int api_token_store_revoke(struct db *db, const char *token_hash, struct err *e);

#endif

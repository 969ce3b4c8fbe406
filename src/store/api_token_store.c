#include "store/api_token_store.h"

#include <time.h>

#include "store/user_row.h"

static const char *const sql_token_add =
	"INSERT INTO api_tokens (district_id, user_id, token_hash, label, created_at)"
	" VALUES (?, ?, ?, ?, ?) RETURNING id";
static const char *const sql_token_get =
	"SELECT " USER_COLS " FROM api_tokens t JOIN users u ON u.id = t.user_id"
	" WHERE t.token_hash = ? AND t.revoked_at IS NULL AND u.disabled = 0";
static const char *const sql_token_revoke =
	"UPDATE api_tokens SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL";

int api_token_store_add(struct db *db, const struct user *u, const char *token_hash, const char *label,
                         int64_t *id, struct err *e)
{
	return db_run_int(db, sql_token_add, e, id, DB_ARGS(db_int(u->district_id), db_int(u->id),
			db_text(token_hash), db_text(label ? label : ""), db_int((int64_t)time(NULL))));
}

int api_token_store_get(struct db *db, struct arena *a, const char *token_hash, struct user *u,
                         struct err *e)
{
	return user_store_one(db_query(db, sql_token_get, e, DB_ARGS(db_text(token_hash))), a, u, NULL, e);
}

int api_token_store_revoke(struct db *db, const char *token_hash, struct err *e)
{
	int64_t n = 0;
	int rc = db_run(db, sql_token_revoke, e, &n, DB_ARGS(db_int((int64_t)time(NULL)),
			db_text(token_hash)));
	return rc == 0 && n == 0 ? err_set(e, ERR_NOTFOUND, "token", "No live token matches.") : rc;
}

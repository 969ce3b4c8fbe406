#include "store/web_session_store.h"

#include <time.h>

#include "store/user_row.h"

static const char *const sql_session_add =
	"INSERT INTO web_sessions (district_id, user_id, token_hash, csrf, created_at, expires_at)"
	" VALUES (?, ?, ?, ?, ?, ?)";
static const char *const sql_session_get =
	"SELECT " USER_COLS ", s.csrf FROM web_sessions s JOIN users u ON u.id = s.user_id"
	" WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled = 0";
static const char *const sql_session_end = "DELETE FROM web_sessions WHERE token_hash = ?";
static const char *const sql_sessions_purge = "DELETE FROM web_sessions WHERE expires_at <= ?";

int web_session_store_add(struct db *db, const struct user *u, const char *token_hash, const char *csrf,
                           int64_t expires_at, struct err *e)
{
	return db_run(db, sql_session_add, e, NULL, DB_ARGS(db_int(u->district_id), db_int(u->id),
			db_text(token_hash), db_text(csrf), db_int((int64_t)time(NULL)), db_int(expires_at)));
}

int web_session_store_get(struct db *db, struct arena *a, const char *token_hash, int64_t now,
                           struct user *u, const char **csrf, struct err *e)
{
	return user_store_one(db_query(db, sql_session_get, e, DB_ARGS(db_text(token_hash), db_int(now))), a, u,
	                      csrf, e);
}

int web_session_store_end(struct db *db, const char *token_hash, struct err *e)
{
	return db_run(db, sql_session_end, e, NULL, DB_ARGS(db_text(token_hash)));
}

int web_session_store_purge(struct db *db, int64_t now, struct err *e)
{
	return db_run(db, sql_sessions_purge, e, NULL, DB_ARGS(db_int(now)));
}

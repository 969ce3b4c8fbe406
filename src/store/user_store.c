#include "store/user_store.h"

#include <time.h>

#define COLS "u.id, u.district_id, u.email, u.name, u.role, u.disabled, u.created_at"
static const char *const sql_add =
	"INSERT INTO users (district_id, email, name, role, password_hash, created_at)"
	" VALUES (?, ?, ?, ?, ?, ?) RETURNING id";
static const char *const sql_by_email =
	"SELECT " COLS ", u.password_hash FROM users u WHERE u.email = ?";
static const char *const sql_by_id = "SELECT " COLS " FROM users u WHERE u.district_id = ? AND u.id = ?";
static const char *const sql_list =
	"SELECT " COLS " FROM users u WHERE u.district_id = ? ORDER BY u.disabled, u.email";
static const char *const sql_set_password = "UPDATE users SET password_hash = ? WHERE id = ?";
static const char *const sql_set_disabled = "UPDATE users SET disabled = ? WHERE district_id = ? AND id = ?";
static const char *const sql_end_user_sessions = "DELETE FROM web_sessions WHERE user_id = ?";
static const char *const sql_revoke_user_tokens =
	"UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL";
static const char *const sql_update =
	"UPDATE users SET name = ?, role = ? WHERE district_id = ? AND id = ?";
static const char *const sql_count_admins =
	"SELECT COUNT(*) FROM users WHERE district_id = ? AND role = 'admin' AND disabled = 0";
static const char *const sql_session_add =
	"INSERT INTO web_sessions (district_id, user_id, token_hash, csrf, created_at, expires_at)"
	" VALUES (?, ?, ?, ?, ?, ?)";
static const char *const sql_session_get =
	"SELECT " COLS ", s.csrf FROM web_sessions s JOIN users u ON u.id = s.user_id"
	" WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled = 0";
static const char *const sql_session_end = "DELETE FROM web_sessions WHERE token_hash = ?";
static const char *const sql_sessions_purge = "DELETE FROM web_sessions WHERE expires_at <= ?";
static const char *const sql_token_add =
	"INSERT INTO api_tokens (district_id, user_id, token_hash, label, created_at)"
	" VALUES (?, ?, ?, ?, ?) RETURNING id";
static const char *const sql_token_get =
	"SELECT " COLS " FROM api_tokens t JOIN users u ON u.id = t.user_id"
	" WHERE t.token_hash = ? AND t.revoked_at IS NULL AND u.disabled = 0";
static const char *const sql_token_revoke =
	"UPDATE api_tokens SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL";
static const char *const sql_failure_add = "INSERT INTO signin_failures (key, at) VALUES (?, ?)";
static const char *const sql_failure_count = "SELECT COUNT(*) FROM signin_failures WHERE key = ? AND at > ?";
static const char *const sql_failure_clear = "DELETE FROM signin_failures WHERE key = ?";
static const char *const sql_failures_purge = "DELETE FROM signin_failures WHERE at < ?";

static void row(struct db_stmt *st, struct arena *a, void *out)
{
	struct user *u = out;
	u->id = db_col_int(st, 0);
	u->district_id = db_col_int(st, 1);
	u->email = db_col_dup(st, a, 2);
	u->name = db_col_dup(st, a, 3);
	u->role = role_parse(db_col_text(st, 4));
	u->disabled = db_col_int(st, 5) != 0;
	u->created_at = db_col_int(st, 6);
}

/* A user and one more text column (the password hash, the session's CSRF
 * token), for the queries that return one. */
struct user_extra {
	struct user *u;
	const char *extra;
};

static void row_extra(struct db_stmt *st, struct arena *a, void *out)
{
	struct user_extra *x = out;
	row(st, a, x->u);
	x->extra = db_col_is_null(st, 7) ? NULL : db_col_dup(st, a, 7);
}

static int one(struct db_stmt *st, struct arena *a, struct user *u, const char **extra, struct err *e)
{
	if (!extra)
		return db_one(st, a, row, u, "No such user.", e);
	struct user_extra x = {.u = u};
	int rc = db_one(st, a, row_extra, &x, "No such user.", e);
	if (rc == 0)
		*extra = x.extra;
	return rc;
}

int user_store_add(struct db *db, struct user *u, const char *password_hash, struct err *e)
{
	if (!u->created_at)
		u->created_at = time(NULL);
	int rc = db_run_int(db, sql_add, e, &u->id, DB_ARGS(db_int(u->district_id), db_text(u->email),
			db_text(u->name ? u->name : ""), db_text(role_name(u->role)),
			db_text(password_hash), db_int(u->created_at)));
	if (rc == ERR_CONFLICT)
		return err_set(e, ERR_CONFLICT, "email", "Someone with the address %s already has an account.", u->email);
	return rc;
}

int user_store_by_email(struct db *db, struct arena *a, const char *email, struct user *u,
                        const char **hash, struct err *e)
{
	return one(db_query(db, sql_by_email, e, DB_ARGS(db_text(email))), a, u, hash, e);
}

int user_store_by_id(struct db *db, struct arena *a, int64_t district_id, int64_t id, struct user *u,
                     struct err *e)
{
	return one(db_query(db, sql_by_id, e, DB_ARGS(db_int(district_id), db_int(id))), a, u, NULL, e);
}

int user_store_list(struct db *db, struct arena *a, int64_t district_id, struct user **out, size_t *n,
                    struct err *e)
{
	return db_all(db_query(db, sql_list, e, DB_ARGS(db_int(district_id))), a, row, sizeof(**out), out, n, e);
}

int user_store_set_password(struct db *db, int64_t id, const char *hash, struct err *e)
{
	int64_t n = 0;
	int rc = db_run(db, sql_set_password, e, &n, DB_ARGS(db_text(hash), db_int(id)));
	return rc == 0 && n == 0 ? err_set(e, ERR_NOTFOUND, NULL, "No such user.") : rc;
}

int user_store_set_disabled(struct db *db, int64_t district_id, int64_t id, bool disabled, struct err *e)
{
	int64_t n = 0;
	int rc = db_begin(db, e);
	if (rc < 0)
		return rc;
	rc = db_run(db, sql_set_disabled, e, &n, DB_ARGS(db_int(disabled), db_int(district_id), db_int(id)));
	if (rc == 0 && n == 0)
		rc = err_set(e, ERR_NOTFOUND, NULL, "No such user.");
	if (rc == 0 && disabled)
		rc = db_run(db, sql_end_user_sessions, e, NULL, DB_ARGS(db_int(id)));
	if (rc == 0 && disabled)
		rc = db_run(db, sql_revoke_user_tokens, e, NULL, DB_ARGS(db_int((int64_t)time(NULL)),
				db_int(id)));
	if (rc == 0)
		rc = db_commit(db, e);
	if (rc < 0)
		db_rollback(db);
	return rc;
}

int user_store_update(struct db *db, const struct user *u, struct err *e)
{
	int64_t n = 0;
	int rc = db_run(db, sql_update, e, &n, DB_ARGS(db_text(u->name), db_text(role_name(u->role)),
			db_int(u->district_id), db_int(u->id)));
	return rc == 0 && n == 0 ? err_set(e, ERR_NOTFOUND, NULL, "No such user.") : rc;
}

int user_store_count_admins(struct db *db, int64_t district_id, int64_t *n, struct err *e)
{
	return db_run_int(db, sql_count_admins, e, n, DB_ARGS(db_int(district_id)));
}

int user_store_session_add(struct db *db, const struct user *u, const char *token_hash, const char *csrf,
                           int64_t expires_at, struct err *e)
{
	return db_run(db, sql_session_add, e, NULL, DB_ARGS(db_int(u->district_id), db_int(u->id),
			db_text(token_hash), db_text(csrf), db_int((int64_t)time(NULL)), db_int(expires_at)));
}

int user_store_session_get(struct db *db, struct arena *a, const char *token_hash, int64_t now,
                           struct user *u, const char **csrf, struct err *e)
{
	return one(db_query(db, sql_session_get, e, DB_ARGS(db_text(token_hash), db_int(now))), a, u, csrf, e);
}

int user_store_session_end(struct db *db, const char *token_hash, struct err *e)
{
	return db_run(db, sql_session_end, e, NULL, DB_ARGS(db_text(token_hash)));
}

int user_store_sessions_purge(struct db *db, int64_t now, struct err *e)
{
	return db_run(db, sql_sessions_purge, e, NULL, DB_ARGS(db_int(now)));
}

int user_store_token_add(struct db *db, const struct user *u, const char *token_hash, const char *label,
                         int64_t *id, struct err *e)
{
	return db_run_int(db, sql_token_add, e, id, DB_ARGS(db_int(u->district_id), db_int(u->id),
			db_text(token_hash), db_text(label ? label : ""), db_int((int64_t)time(NULL))));
}

int user_store_token_get(struct db *db, struct arena *a, const char *token_hash, struct user *u,
                         struct err *e)
{
	return one(db_query(db, sql_token_get, e, DB_ARGS(db_text(token_hash))), a, u, NULL, e);
}

int user_store_token_revoke(struct db *db, const char *token_hash, struct err *e)
{
	int64_t n = 0;
	int rc = db_run(db, sql_token_revoke, e, &n, DB_ARGS(db_int((int64_t)time(NULL)),
			db_text(token_hash)));
	return rc == 0 && n == 0 ? err_set(e, ERR_NOTFOUND, "token", "No live token matches.") : rc;
}

int user_store_failure_add(struct db *db, const char *key, int64_t now, struct err *e)
{
	return db_run(db, sql_failure_add, e, NULL, DB_ARGS(db_text(key), db_int(now)));
}

int user_store_failure_count(struct db *db, const char *key, int64_t since, int64_t *n, struct err *e)
{
	return db_run_int(db, sql_failure_count, e, n, DB_ARGS(db_text(key), db_int(since)));
}

int user_store_failure_clear(struct db *db, const char *key, struct err *e)
{
	return db_run(db, sql_failure_clear, e, NULL, DB_ARGS(db_text(key)));
}

int user_store_failures_purge(struct db *db, int64_t before, struct err *e)
{
	return db_run(db, sql_failures_purge, e, NULL, DB_ARGS(db_int(before)));
}

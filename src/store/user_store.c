#include "store/user_store.h"

#include <time.h>

#include "store/user_row.h"

static const char *const sql_add =
	"INSERT INTO users (district_id, email, name, role, password_hash, created_at)"
	" VALUES (?, ?, ?, ?, ?, ?) RETURNING id";
static const char *const sql_by_email =
	"SELECT " USER_COLS ", u.password_hash FROM users u WHERE u.email = ?";
static const char *const sql_by_id = "SELECT " USER_COLS " FROM users u WHERE u.district_id = ? AND u.id = ?";
static const char *const sql_list =
	"SELECT " USER_COLS " FROM users u WHERE u.district_id = ? ORDER BY u.disabled, u.email";
static const char *const sql_set_password = "UPDATE users SET password_hash = ? WHERE id = ?";
static const char *const sql_set_disabled = "UPDATE users SET disabled = ? WHERE district_id = ? AND id = ?";
static const char *const sql_end_user_sessions = "DELETE FROM web_sessions WHERE user_id = ?";
static const char *const sql_revoke_user_tokens =
	"UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL";
static const char *const sql_update =
	"UPDATE users SET name = ?, role = ? WHERE district_id = ? AND id = ?";
static const char *const sql_count_admins =
	"SELECT COUNT(*) FROM users WHERE district_id = ? AND role = 'admin' AND disabled = 0";

void user_store_row(struct db_stmt *st, struct arena *a, void *out)
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
	user_store_row(st, a, x->u);
	x->extra = db_col_is_null(st, 7) ? NULL : db_col_dup(st, a, 7);
}

int user_store_one(struct db_stmt *st, struct arena *a, struct user *u, const char **extra, struct err *e)
{
	if (!extra)
		return db_one(st, a, user_store_row, u, "No such user.", e);
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
	return user_store_one(db_query(db, sql_by_email, e, DB_ARGS(db_text(email))), a, u, hash, e);
}

int user_store_by_id(struct db *db, struct arena *a, int64_t district_id, int64_t id, struct user *u,
                     struct err *e)
{
	return user_store_one(db_query(db, sql_by_id, e, DB_ARGS(db_int(district_id), db_int(id))), a, u, NULL, e);
}

int user_store_list(struct db *db, struct arena *a, int64_t district_id, struct user **out, size_t *n,
                    struct err *e)
{
	return db_all(db_query(db, sql_list, e, DB_ARGS(db_int(district_id))), a, user_store_row, sizeof(**out), out, n, e);
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
	return db_end(db, rc, e);
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


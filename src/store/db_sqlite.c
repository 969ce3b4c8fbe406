/* SQLite backend of db.h. */
#include <sqlite3.h>
#include <string.h>

#include "core/mem.h"
#include "store/db_backend.h"

static int fail(sqlite3 *h, struct err *e, const char *what)
{
	int code = sqlite3_extended_errcode(h);
	int primary = code & 0xff;
	int kind = primary == SQLITE_CONSTRAINT ? ERR_CONFLICT : ERR_FAIL;
	return err_set(e, kind, NULL, "%s: %s", what, sqlite3_errmsg(h));
}

static int s_open(struct db *db, const char *path, struct err *e)
{
	sqlite3 *h = NULL;
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
	if (sqlite3_open_v2(path, &h, flags, NULL) != SQLITE_OK) {
		err_set(e, ERR_FAIL, "db", "cannot open SQLite database %s: %s", path,
		        h ? sqlite3_errmsg(h) : "out of memory");
		sqlite3_close(h);
		return ERR_FAIL;
	}
	sqlite3_busy_timeout(h, 5000);
	sqlite3_extended_result_codes(h, 1);
	db->conn = h;
	/* WAL lets readers go on while one writer commits; foreign keys are off
	 * by default in SQLite and must be asked for on every connection. */
	static const char *const pragmas = "PRAGMA journal_mode=WAL;"
	                                   "PRAGMA synchronous=NORMAL;"
	                                   "PRAGMA foreign_keys=ON;";
	char *msg = NULL;
	if (sqlite3_exec(h, pragmas, NULL, NULL, &msg) != SQLITE_OK) {
		err_set(e, ERR_FAIL, "db", "cannot set up SQLite database %s: %s", path,
		        msg ? msg : "unknown error");
		sqlite3_free(msg);
		sqlite3_close(h);
		db->conn = NULL;
		return ERR_FAIL;
	}
	return 0;
}

static void s_close(struct db *db)
{
	sqlite3_close(db->conn);
}

static int s_prepare(struct db *db, struct db_stmt *st, struct err *e)
{
	sqlite3_stmt *h = NULL;
	if (sqlite3_prepare_v3(db->conn, st->sql, -1, SQLITE_PREPARE_PERSISTENT, &h, NULL) != SQLITE_OK)
		return fail(db->conn, e, "prepare");
	st->handle = h;
	return 0;
}

static void s_finalize(struct db_stmt *st)
{
	sqlite3_finalize(st->handle);
}

static int s_step(struct db_stmt *st, struct err *e)
{
	sqlite3_stmt *h = st->handle;
	if (st->row == 0) {
		/* First step: bind what was collected.  A count that does not match
		 * the SQL is a programming error; refuse rather than bind NULLs. */
		if (st->nparams != sqlite3_bind_parameter_count(h))
			return err_set(e, ERR_FAIL, NULL, "statement takes %d parameters, %d bound: %.80s",
			               sqlite3_bind_parameter_count(h), st->nparams, st->sql);
		sqlite3_clear_bindings(h);
		for (int i = 0; i < st->nparams; i++) {
			const struct db_param *p = &st->params[i];
			if (p->kind == P_TEXT)
				sqlite3_bind_text(h, i + 1, p->text, -1, SQLITE_STATIC);
			else if (p->kind == P_INT)
				sqlite3_bind_int64(h, i + 1, p->i);
			else
				sqlite3_bind_null(h, i + 1);
		}
	}
	st->row++;
	int rc = sqlite3_step(h);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE) {
		st->changes = sqlite3_changes(st->db->conn);
		return 0;
	}
	return fail(st->db->conn, e, "query");
}

static const char *s_col_text(struct db_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st->handle, i);
}

static int s_col_count(struct db_stmt *st)
{
	return sqlite3_column_count(st->handle);
}

static void s_reset(struct db_stmt *st)
{
	sqlite3_reset(st->handle);
	st->row = 0;
	st->changes = 0;
}

static int s_exec_script(struct db *db, const char *sql, struct err *e)
{
	char *msg = NULL;
	if (sqlite3_exec(db->conn, sql, NULL, NULL, &msg) != SQLITE_OK) {
		int code = (sqlite3_extended_errcode(db->conn) & 0xff) == SQLITE_CONSTRAINT ? ERR_CONFLICT : ERR_FAIL;
		err_set(e, code, NULL, "%s", msg ? msg : "SQLite error");
		sqlite3_free(msg);
		return code;
	}
	return 0;
}

const struct db_ops db_sqlite_ops = {
	.open = s_open,
	.close = s_close,
	.prepare = s_prepare,
	.finalize = s_finalize,
	.step = s_step,
	.col_text = s_col_text,
	.col_count = s_col_count,
	.reset = s_reset,
	.exec_script = s_exec_script,
};

/* Online backup used by `commonground backup`: a consistent copy of a live
 * database, taken page by page while other connections keep writing. */

int db_backup(struct db *db, const char *dest, struct err *e)
{
	if (db->kind != DB_SQLITE)
		return err_set(e, ERR_INVALID, "db", "backup copies SQLite databases; use pg_dump for PostgreSQL");
	sqlite3 *out = NULL;
	if (sqlite3_open_v2(dest, &out, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		err_set(e, ERR_FAIL, "out", "cannot create %s: %s", dest, out ? sqlite3_errmsg(out) : "out of memory");
		sqlite3_close(out);
		return ERR_FAIL;
	}
	sqlite3_backup *bk = sqlite3_backup_init(out, "main", db->conn, "main");
	if (!bk) {
		err_set(e, ERR_FAIL, "out", "cannot start backup: %s", sqlite3_errmsg(out));
		sqlite3_close(out);
		return ERR_FAIL;
	}
	int rc;
	do {
		rc = sqlite3_backup_step(bk, 256);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(20);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(bk);
	if (rc != SQLITE_DONE) {
		err_set(e, ERR_FAIL, "out", "backup failed: %s", sqlite3_errstr(rc));
		sqlite3_close(out);
		return ERR_FAIL;
	}
	if (sqlite3_close(out) != SQLITE_OK)
		return err_set(e, ERR_FAIL, "out", "cannot finish writing %s", dest);
	return 0;
}

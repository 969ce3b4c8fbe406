/* db: one interface over SQLite and PostgreSQL.
 *
 * Store modules write portable SQL with `?` placeholders, keep it in a
 * static table, and run it through db_prepare: statements are prepared once
 * per connection (cached by the address of the SQL text) and always bound,
 * never built from strings.  Values travel as text or 64-bit integers,
 * bound through typed values (struct db_val) that the compiler checks.
 *
 * A struct db is one connection and is used by one thread at a time; the
 * server takes connections from a struct db_pool.
 */
#ifndef CG_DB_H
#define CG_DB_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"

enum db_kind { DB_SQLITE, DB_POSTGRES };

struct db;
struct db_stmt;

/* url: "sqlite:PATH" or "postgres://…" / "postgresql://…".  On error *out is
 * NULL and e says why.  SQLite connections use WAL, a busy timeout and
 * foreign keys. */
int db_open(const char *url, struct db **out, struct err *e);
void db_close(struct db *db);
enum db_kind db_kind(const struct db *db);
/* The URL given to db_open, with any password replaced by "***". */
const char *db_url_display(const struct db *db);
/* The default database URL: $COMMONGROUND_DB or sqlite:var/commonground.db. */
const char *db_default_url(void);

/* Returns the connection's prepared statement for sql (a string with static
 * storage: the pointer is the cache key), reset and with bindings cleared.
 * NULL on error.  The statement stays owned by the connection. */
struct db_stmt *db_prepare(struct db *db, const char *sql, struct err *e);
/* Parameters are numbered from 1. text NULL binds SQL NULL.  A bound text
 * is not copied: it must stay valid until the statement is reset (db_reset,
 * or the end of db_run, db_run_int, db_one or db_all). */
void db_bind_text(struct db_stmt *st, int i, const char *text);
void db_bind_int(struct db_stmt *st, int i, int64_t v);
void db_bind_null(struct db_stmt *st, int i);
/* 1 when a row is ready, 0 when done, negative on error (ERR_CONFLICT for a
 * unique or foreign-key violation, ERR_FAIL otherwise). */
int db_step(struct db_stmt *st, struct err *e);
/* Columns are numbered from 0.  db_col_text never returns NULL: SQL NULL
 * reads as "" (ask db_col_is_null where the difference matters).  The text
 * is valid until the next step or reset; db_col_dup copies it into a. */
const char *db_col_text(struct db_stmt *st, int i);
char *db_col_dup(struct db_stmt *st, struct arena *a, int i);
int64_t db_col_int(struct db_stmt *st, int i);
bool db_col_is_null(struct db_stmt *st, int i);
int db_col_count(struct db_stmt *st);
/* Ends the use of a statement; call after the last step (db_run does). */
void db_reset(struct db_stmt *st);

/* A value to bind, made by one function per type so that the compiler
 * checks each argument: db_text(const char *) (NULL binds SQL NULL),
 * db_int(int64_t) (any integer converts exactly), db_null().  A text value
 * holds the caller's pointer, with the lifetime of db_bind_text. */
enum db_val_kind { DB_V_NULL, DB_V_TEXT, DB_V_INT };
struct db_val {
	enum db_val_kind kind;
	const char *text;
	int64_t i;
};
static inline struct db_val db_text(const char *s)
{
	return (struct db_val){s ? DB_V_TEXT : DB_V_NULL, s, 0};
}
static inline struct db_val db_int(int64_t v)
{
	return (struct db_val){DB_V_INT, NULL, v};
}
static inline struct db_val db_null(void)
{
	return (struct db_val){DB_V_NULL, NULL, 0};
}
/* The values of a statement's parameters, in order, as the last two
 * arguments of db_run, db_run_int and db_query:
 *   db_run(db, sql, &e, NULL, DB_ARGS(db_int(id), db_text(name)));
 * DB_NONE for a statement without parameters. */
#define DB_ARGS(...)                                                                              \
	((const struct db_val[]){__VA_ARGS__}),                                                       \
	(sizeof((const struct db_val[]){__VA_ARGS__}) / sizeof(struct db_val))
#define DB_NONE NULL, (size_t)0

/* Binds args, steps once and resets.  Returns 0 when the statement ran
 * (with or without a row), negative on error.  *changes, when given, gets
 * the number of rows written. */
int db_run(struct db *db, const char *sql, struct err *e, int64_t *changes, const struct db_val *args,
           size_t nargs);
/* Like db_run, for `INSERT … RETURNING id` and one-value queries: *out gets
 * column 0 of the first row.  ERR_NOTFOUND when there is no row. */
int db_run_int(struct db *db, const char *sql, struct err *e, int64_t *out, const struct db_val *args,
               size_t nargs);
/* Binds like db_run and leaves the statement ready for db_step. */
struct db_stmt *db_query(struct db *db, const char *sql, struct err *e, const struct db_val *args, size_t nargs);

/* Reading a row by a table: one entry per column, in the order the SELECT
 * names them, ended by DB_COLS_END.  Each entry names the member the column
 * goes to, and the compiler checks the member's type against the entry's:
 *     static const struct db_col goal_cols[] = {
 *         DB_INT_COL(struct goal, id),       an int64_t
 *         DB_TEXT_COL(struct goal, title),   a const char *, copied into a
 *         DB_BOOL_COL(struct goal, met),     a bool: the column is not 0
 *         DB_COLS_END,
 *     };
 * db_fill fills out (a struct of that type) from the current row of st. */
enum db_col_kind { DB_COL_END, DB_COL_INT, DB_COL_BOOL, DB_COL_TEXT };
struct db_col {
	enum db_col_kind kind;
	size_t off;
};
/* offsetof(T, m), or a compile error when ok is 0. */
#define DB_COL_AT_(T, m, ok) (offsetof(T, m) + 0 * sizeof(char[(ok) ? 1 : -1]))
#define DB_INT_COL(T, m) {DB_COL_INT, DB_COL_AT_(T, m, _Generic(((T *)0)->m, int64_t: 1, default: 0))}
#define DB_BOOL_COL(T, m) {DB_COL_BOOL, DB_COL_AT_(T, m, _Generic(((T *)0)->m, bool: 1, default: 0))}
#define DB_TEXT_COL(T, m)                                                                         \
	{DB_COL_TEXT, DB_COL_AT_(T, m, _Generic(((T *)0)->m, const char *: 1, char *: 1, default: 0))}
#define DB_COLS_END {DB_COL_END, 0}
void db_fill(struct db_stmt *st, struct arena *a, const struct db_col *cols, void *out);

/* Fills one record from the current row; strings are copied into a. */
typedef void (*db_row_fn)(struct db_stmt *st, struct arena *a, void *out);
/* Steps st (from db_query; NULL gives ERR_FAIL) once: fills *out and
 * returns 0, or ERR_NOTFOUND with notfound as the message.  Resets st. */
int db_one(struct db_stmt *st, struct arena *a, db_row_fn fill, void *out, const char *notfound, struct err *e);
/* Collects every row of st into an arena array of elem-byte records:
 * *out and *n (both 0 when there are none).  Resets st. */
int db_all(struct db_stmt *st, struct arena *a, db_row_fn fill, size_t elem, void *out, size_t *n, struct err *e);
/* db_one and db_all reading each row by a column table (db_fill). */
int db_one_cols(struct db_stmt *st, struct arena *a, const struct db_col *cols, void *out, const char *notfound,
                struct err *e);
int db_all_cols(struct db_stmt *st, struct arena *a, const struct db_col *cols, size_t elem, void *out, size_t *n,
                struct err *e);

/* Transactions nest: inside an open transaction, db_begin makes a savepoint
 * that db_commit releases and db_rollback undoes, leaving the outer
 * transaction going. */
int db_begin(struct db *db, struct err *e);
/* A read-only transaction: one consistent view and, on SQLite, one file lock
 * for a page that makes several queries.  End it with db_commit. */
int db_begin_read(struct db *db, struct err *e);
/* How many transactions (and savepoints) are open on db. */
int db_depth(const struct db *db);
int db_commit(struct db *db, struct err *e);
void db_rollback(struct db *db);
/* Ends the transaction (or savepoint) the caller's db_begin opened: commits
 * when rc is 0, rolls back when it is not or when the commit itself fails,
 * so that no error leaves a transaction open.  Returns rc, or the commit's
 * error.  The one way a service ends its transaction:
 *     if ((rc = db_begin(db, e)) < 0) return rc;
 *     rc = …work…;
 *     return db_end(db, rc, e); */
int db_end(struct db *db, int rc, struct err *e);
/* Runs SQL text with several statements and no parameters (migrations only). */
int db_exec_script(struct db *db, const char *sql, struct err *e);

/* Writes a consistent copy of a live SQLite database to dest (online backup
 * API: other connections keep reading and writing meanwhile). */
int db_backup(struct db *db, const char *dest, struct err *e);

/* A fixed set of connections shared by threads. */
struct db_pool;
int db_pool_open(const char *url, int size, struct db_pool **out, struct err *e);
void db_pool_close(struct db_pool *p);
/* Blocks until a connection is free. */
struct db *db_pool_get(struct db_pool *p);
/* Gives a connection back.  A connection always goes back with no
 * transaction open: one left open by mistake is rolled back here and a
 * warning logged, so the next user of the connection starts clean. */
void db_pool_put(struct db_pool *p, struct db *db);

#endif

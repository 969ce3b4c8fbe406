/* db_backend: what db.c needs of each database.  Private to store/. */
#ifndef CG_DB_BACKEND_H
#define CG_DB_BACKEND_H
#include <stdint.h>

#include "store/db.h"

#define DB_MAX_PARAMS 32
#define DB_STMT_CACHE 128

struct db_ops {
	int (*open)(struct db *db, const char *target, struct err *e);
	void (*close)(struct db *db);
	int (*prepare)(struct db *db, struct db_stmt *st, struct err *e);
	void (*finalize)(struct db_stmt *st);
	int (*step)(struct db_stmt *st, struct err *e);
	const char *(*col_text)(struct db_stmt *st, int i);
	int (*col_count)(struct db_stmt *st);
	void (*reset)(struct db_stmt *st);
	int (*exec_script)(struct db *db, const char *sql, struct err *e);
};

struct db_param {
	enum { P_NULL, P_TEXT, P_INT } kind;
	const char *text;   /* borrowed until the statement is reset */
	int64_t i;
	char num[24];       /* P_INT as text, for PostgreSQL */
};

struct db_stmt {
	struct db *db;
	const char *sql;    /* cache key */
	void *handle;       /* sqlite3_stmt *, or the PostgreSQL statement name */
	void *result;       /* PGresult * while stepping */
	int row, nrows;
	int64_t changes;   /* rows written by the last step */
	int nparams;
	int want_params;    /* placeholders in the SQL (PostgreSQL) */
	struct db_param params[DB_MAX_PARAMS];
};

struct db {
	enum db_kind kind;
	const struct db_ops *ops;
	void *conn;
	char *url_display;
	int depth;          /* open transactions: 1 BEGIN, then savepoints */
	int nstmts;
	struct db_stmt *stmts[DB_STMT_CACHE];
};

extern const struct db_ops db_sqlite_ops;
extern const struct db_ops db_pg_ops;

#endif

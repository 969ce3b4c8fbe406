/* PostgreSQL backend of db.h, on libpq. */
#include <libpq-fe.h>
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/mem.h"
#include "store/db_backend.h"

struct pgconn {
	PGconn *c;
	int next_name;
};

static void quiet_notice(void *arg, const char *msg)
{
	(void)arg;
	(void)msg;
}

static int g_open(struct db *db, const char *url, struct err *e)
{
	PGconn *c = PQconnectdb(url);
	if (!c || PQstatus(c) != CONNECTION_OK) {
		err_set(e, ERR_FAIL, "db", "cannot connect to PostgreSQL: %s",
		        c ? PQerrorMessage(c) : "out of memory");
		/* libpq messages end in a newline; keep the line single. */
		if (e) {
			char *nl = strchr(e->msg, '\n');
			if (nl)
				*nl = '\0';
		}
		PQfinish(c);
		return ERR_FAIL;
	}
	PQsetNoticeProcessor(c, quiet_notice, NULL);
	struct pgconn *pc = mem_alloc(sizeof(*pc));
	pc->c = c;
	db->conn = pc;
	PGresult *r = PQexec(c, "SET client_min_messages TO warning; SET TIME ZONE 'UTC'");
	PQclear(r);
	return 0;
}

static void g_close(struct db *db)
{
	struct pgconn *pc = db->conn;
	PQfinish(pc->c);
	mem_free(pc);
}

static int result_fail(PGresult *r, PGconn *c, struct err *e, const char *what)
{
	const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
	int kind = state && strncmp(state, "23", 2) == 0 ? ERR_CONFLICT : ERR_FAIL;
	const char *msg = r ? PQresultErrorMessage(r) : PQerrorMessage(c);
	err_set(e, kind, NULL, "%s: %s", what, msg && *msg ? msg : "PostgreSQL error");
	if (e) {
		char *nl = strchr(e->msg, '\n');
		if (nl)
			*nl = '\0';
	}
	return kind;
}

/* Rewrites ? placeholders as $1, $2, … outside quotes. */
static char *pg_sql(const char *sql, int *count)
{
	struct buf b;
	buf_init(&b, 1 << 20);
	int n = 0;
	char quote = 0;
	for (const char *p = sql; *p; p++) {
		if (quote) {
			if (*p == quote)
				quote = 0;
			buf_addc(&b, *p);
		} else if (*p == '\'' || *p == '"') {
			quote = *p;
			buf_addc(&b, *p);
		} else if (*p == '?') {
			buf_printf(&b, "$%d", ++n);
		} else {
			buf_addc(&b, *p);
		}
	}
	*count = n;
	return buf_detach(&b, NULL);
}

static int g_prepare(struct db *db, struct db_stmt *st, struct err *e)
{
	struct pgconn *pc = db->conn;
	char name[32];
	snprintf(name, sizeof(name), "cg%d", ++pc->next_name);
	char *sql = pg_sql(st->sql, &st->want_params);
	PGresult *r = PQprepare(pc->c, name, sql, 0, NULL);
	mem_free(sql);
	if (!r || PQresultStatus(r) != PGRES_COMMAND_OK) {
		int rc = result_fail(r, pc->c, e, "prepare");
		PQclear(r);
		return rc;
	}
	PQclear(r);
	st->handle = mem_strdup(name);
	return 0;
}

static void g_reset(struct db_stmt *st)
{
	PQclear(st->result);
	st->result = NULL;
	st->row = 0;
	st->nrows = 0;
	st->changes = 0;
}

static void g_finalize(struct db_stmt *st)
{
	g_reset(st);
	mem_free(st->handle);
}

static int g_step(struct db_stmt *st, struct err *e)
{
	struct pgconn *pc = st->db->conn;
	if (!st->result) {
		/* As on SQLite: a count that does not match the SQL is refused. */
		if (st->nparams != st->want_params)
			return err_set(e, ERR_FAIL, NULL, "statement takes %d parameters, %d bound: %.80s",
			               st->want_params, st->nparams, st->sql);
		const char *values[DB_MAX_PARAMS];
		for (int i = 0; i < st->nparams; i++) {
			const struct db_param *p = &st->params[i];
			values[i] = p->kind == P_TEXT ? p->text : p->kind == P_INT ? p->num : NULL;
		}
		PGresult *r = PQexecPrepared(pc->c, st->handle, st->nparams, values, NULL, NULL, 0);
		ExecStatusType s = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
		if (s != PGRES_TUPLES_OK && s != PGRES_COMMAND_OK) {
			int rc = result_fail(r, pc->c, e, "query");
			PQclear(r);
			return rc;
		}
		st->result = r;
		st->nrows = PQntuples(r);
		st->row = 0;
		const char *ct = PQcmdTuples(r);
		int64_t n = 0;
		for (; ct && *ct >= '0' && *ct <= '9'; ct++)
			n = n * 10 + (*ct - '0');
		st->changes = n;
	} else {
		st->row++;
	}
	return st->row < st->nrows ? 1 : 0;
}

static const char *g_col_text(struct db_stmt *st, int i)
{
	if (!st->result || st->row >= st->nrows || PQgetisnull(st->result, st->row, i))
		return NULL;
	return PQgetvalue(st->result, st->row, i);
}

static int g_col_count(struct db_stmt *st)
{
	return st->result ? PQnfields(st->result) : 0;
}

static int g_exec_script(struct db *db, const char *sql, struct err *e)
{
	struct pgconn *pc = db->conn;
	PGresult *r = PQexec(pc->c, sql);
	ExecStatusType s = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
	int rc = 0;
	if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK)
		rc = result_fail(r, pc->c, e, "query");
	PQclear(r);
	return rc;
}

const struct db_ops db_pg_ops = {
	.open = g_open,
	.close = g_close,
	.prepare = g_prepare,
	.finalize = g_finalize,
	.step = g_step,
	.col_text = g_col_text,
	.col_count = g_col_count,
	.reset = g_reset,
	.exec_script = g_exec_script,
};

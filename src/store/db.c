#include "store/db.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/str.h"
#include "store/db_backend.h"

const char *db_default_url(void)
{
	const char *env = getenv("COMMONGROUND_DB");
	return env && *env ? env : "sqlite:var/commonground.db";
}

/* postgres://user:secret@host/db → postgres://user:***@host/db */
static char *display_url(const char *url)
{
	struct buf b;
	buf_init(&b, 4096);
	const char *scheme = strstr(url, "://");
	const char *at = scheme ? strchr(scheme + 3, '@') : NULL;
	const char *colon = at ? memchr(scheme + 3, ':', (size_t)(at - scheme - 3)) : NULL;
	if (colon) {
		buf_add(&b, url, (size_t)(colon - url + 1));
		buf_adds(&b, "***");
		buf_adds(&b, at);
	} else {
		buf_adds(&b, url);
	}
	return buf_detach(&b, NULL);
}

int db_open(const char *url, struct db **out, struct err *e)
{
	*out = NULL;
	struct db *db = mem_alloc(sizeof(*db));
	const char *target;
	if (strncmp(url, "sqlite:", 7) == 0) {
		db->kind = DB_SQLITE;
		db->ops = &db_sqlite_ops;
		target = url + 7;
	} else if (strncmp(url, "postgres://", 11) == 0 || strncmp(url, "postgresql://", 13) == 0) {
		db->kind = DB_POSTGRES;
		db->ops = &db_pg_ops;
		target = url;
	} else {
		mem_free(db);
		return err_set(e, ERR_INVALID, "db",
		               "database URL must start with sqlite: or postgres:// (got \"%.60s\")", url);
	}
	db->url_display = display_url(url);
	if (db->ops->open(db, target, e) < 0) {
		mem_free(db->url_display);
		mem_free(db);
		return e ? e->code : ERR_FAIL;
	}
	*out = db;
	return 0;
}

void db_close(struct db *db)
{
	if (!db)
		return;
	for (int i = 0; i < db->nstmts; i++) {
		db->ops->finalize(db->stmts[i]);
		mem_free(db->stmts[i]);
	}
	db->ops->close(db);
	mem_free(db->url_display);
	mem_free(db);
}

enum db_kind db_kind(const struct db *db)
{
	return db->kind;
}

const char *db_url_display(const struct db *db)
{
	return db->url_display;
}

struct db_stmt *db_prepare(struct db *db, const char *sql, struct err *e)
{
	for (int i = 0; i < db->nstmts; i++) {
		struct db_stmt *st = db->stmts[i];
		if (st->sql == sql) {
			db->ops->reset(st);
			st->nparams = 0;
			return st;
		}
	}
	if (db->nstmts == DB_STMT_CACHE) {
		err_set(e, ERR_FAIL, NULL, "too many distinct statements on one connection");
		return NULL;
	}
	struct db_stmt *st = mem_alloc(sizeof(*st));
	st->db = db;
	st->sql = sql;
	if (db->ops->prepare(db, st, e) < 0) {
		mem_free(st);
		return NULL;
	}
	db->stmts[db->nstmts++] = st;
	return st;
}

static struct db_param *param(struct db_stmt *st, int i)
{
	if (i < 1 || i > DB_MAX_PARAMS)
		abort(); /* a programming error, not input */
	if (i > st->nparams) {
		for (int k = st->nparams; k < i; k++)
			st->params[k].kind = P_NULL;
		st->nparams = i;
	}
	return &st->params[i - 1];
}

void db_bind_text(struct db_stmt *st, int i, const char *text)
{
	struct db_param *p = param(st, i);
	p->kind = text ? P_TEXT : P_NULL;
	p->text = text;
}

void db_bind_int(struct db_stmt *st, int i, int64_t v)
{
	struct db_param *p = param(st, i);
	p->kind = P_INT;
	p->i = v;
	snprintf(p->num, sizeof(p->num), "%lld", (long long)v);
}

void db_bind_null(struct db_stmt *st, int i)
{
	param(st, i)->kind = P_NULL;
}

int db_step(struct db_stmt *st, struct err *e)
{
	return st->db->ops->step(st, e);
}

const char *db_col_text(struct db_stmt *st, int i)
{
	const char *t = st->db->ops->col_text(st, i);
	return t ? t : "";
}

char *db_col_dup(struct db_stmt *st, struct arena *a, int i)
{
	return arena_strdup(a, db_col_text(st, i));
}

int64_t db_col_int(struct db_stmt *st, int i)
{
	int64_t v = 0;
	if (parse_i64(db_col_text(st, i), INT64_MIN, INT64_MAX, &v) < 0)
		v = 0;
	return v;
}

bool db_col_is_null(struct db_stmt *st, int i)
{
	return st->db->ops->col_text(st, i) == NULL;
}

int db_col_count(struct db_stmt *st)
{
	return st->db->ops->col_count(st);
}

void db_reset(struct db_stmt *st)
{
	st->db->ops->reset(st);
	st->nparams = 0;
}

/* Prepares sql and binds the values in order. */
static struct db_stmt *bound(struct db *db, const char *sql, struct err *e, const struct db_val *args, size_t n)
{
	struct db_stmt *st = db_prepare(db, sql, e);
	if (!st)
		return NULL;
	for (size_t k = 0; k < n; k++) {
		int i = (int)k + 1;
		switch (args[k].kind) {
		case DB_V_TEXT:
			db_bind_text(st, i, args[k].text);
			break;
		case DB_V_INT:
			db_bind_int(st, i, args[k].i);
			break;
		case DB_V_NULL:
			db_bind_null(st, i);
			break;
		}
	}
	return st;
}

struct db_stmt *db_query(struct db *db, const char *sql, struct err *e, const struct db_val *args, size_t nargs)
{
	return bound(db, sql, e, args, nargs);
}

int db_run(struct db *db, const char *sql, struct err *e, int64_t *changes, const struct db_val *args, size_t nargs)
{
	struct db_stmt *st = bound(db, sql, e, args, nargs);
	if (!st)
		return ERR_FAIL;
	int r = db_step(st, e);
	if (r >= 0 && changes)
		*changes = st->changes;
	db_reset(st);
	return r < 0 ? r : 0;
}

int db_run_int(struct db *db, const char *sql, struct err *e, int64_t *out, const struct db_val *args, size_t nargs)
{
	struct db_stmt *st = bound(db, sql, e, args, nargs);
	if (!st)
		return ERR_FAIL;
	int r = db_step(st, e);
	if (r == 1) {
		*out = db_col_int(st, 0);
		r = 0;
	} else if (r == 0) {
		r = err_set(e, ERR_NOTFOUND, NULL, "no row");
	}
	db_reset(st);
	return r;
}

void db_fill(struct db_stmt *st, struct arena *a, const struct db_col *cols, void *out)
{
	char *base = out;
	for (int i = 0; cols[i].kind != DB_COL_END; i++) {
		void *at = base + cols[i].off;
		switch (cols[i].kind) {
		case DB_COL_INT:
			*(int64_t *)at = db_col_int(st, i);
			break;
		case DB_COL_BOOL:
			*(bool *)at = db_col_int(st, i) != 0;
			break;
		case DB_COL_TEXT:
			*(const char **)at = db_col_dup(st, a, i);
			break;
		case DB_COL_END:
			break;
		}
	}
}

/* A row goes into a record by a function or by a column table. */
struct row_reader {
	db_row_fn fill;
	const struct db_col *cols;
};

static void read_row(const struct row_reader *rd, struct db_stmt *st, struct arena *a, void *out)
{
	if (rd->fill)
		rd->fill(st, a, out);
	else
		db_fill(st, a, rd->cols, out);
}

static int one(struct db_stmt *st, struct arena *a, const struct row_reader *rd, void *out, const char *notfound,
               struct err *e)
{
	if (!st)
		return ERR_FAIL;
	int rc = db_step(st, e);
	if (rc == 1) {
		read_row(rd, st, a, out);
		rc = 0;
	} else if (rc == 0) {
		rc = err_set(e, ERR_NOTFOUND, NULL, "%s", notfound);
	}
	db_reset(st);
	return rc;
}

static int all(struct db_stmt *st, struct arena *a, const struct row_reader *rd, size_t elem, void *out, size_t *n,
               struct err *e)
{
	void **arr = out;
	size_t cap = 0;
	*arr = NULL;
	*n = 0;
	if (!st)
		return ERR_FAIL;
	int rc;
	while ((rc = db_step(st, e)) == 1) {
		*arr = arena_grow(a, *arr, *n, &cap, elem);
		read_row(rd, st, a, (char *)*arr + *n * elem);
		(*n)++;
	}
	db_reset(st);
	return rc < 0 ? rc : 0;
}

int db_one(struct db_stmt *st, struct arena *a, db_row_fn fill, void *out, const char *notfound, struct err *e)
{
	return one(st, a, &(struct row_reader){.fill = fill}, out, notfound, e);
}

int db_one_cols(struct db_stmt *st, struct arena *a, const struct db_col *cols, void *out, const char *notfound,
                struct err *e)
{
	return one(st, a, &(struct row_reader){.cols = cols}, out, notfound, e);
}

int db_all(struct db_stmt *st, struct arena *a, db_row_fn fill, size_t elem, void *out, size_t *n, struct err *e)
{
	return all(st, a, &(struct row_reader){.fill = fill}, elem, out, n, e);
}

int db_all_cols(struct db_stmt *st, struct arena *a, const struct db_col *cols, size_t elem, void *out, size_t *n,
                struct err *e)
{
	return all(st, a, &(struct row_reader){.cols = cols}, elem, out, n, e);
}

/* Transactions nest: the outermost is a real one, inner ones are
 * savepoints, so that a service that keeps its own work atomic can be
 * called from inside a larger transaction (the demo data, imports). */
static int begin(struct db *db, const char *sql, struct err *e)
{
	char sp[32];
	int rc;
	if (db->depth == 0) {
		rc = db->ops->exec_script(db, sql, e);
	} else {
		snprintf(sp, sizeof(sp), "SAVEPOINT sp%d", db->depth);
		rc = db->ops->exec_script(db, sp, e);
	}
	if (rc == 0)
		db->depth++;
	return rc;
}

int db_depth(const struct db *db)
{
	return db->depth;
}

int db_begin(struct db *db, struct err *e)
{
	return begin(db, db->kind == DB_SQLITE ? "BEGIN IMMEDIATE" : "BEGIN", e);
}

int db_begin_read(struct db *db, struct err *e)
{
	return begin(db, db->kind == DB_SQLITE ? "BEGIN DEFERRED" : "BEGIN READ ONLY", e);
}

int db_commit(struct db *db, struct err *e)
{
	char sp[32];
	if (db->depth <= 1) {
		int rc = db->ops->exec_script(db, "COMMIT", e);
		if (rc == 0)
			db->depth = 0;
		return rc;
	}
	/* The depth drops only once the savepoint is released, so that a
	 * rollback after a failed release undoes this savepoint, not the
	 * transaction around it. */
	snprintf(sp, sizeof(sp), "RELEASE sp%d", db->depth - 1);
	int rc = db->ops->exec_script(db, sp, e);
	if (rc == 0)
		db->depth--;
	return rc;
}

void db_rollback(struct db *db)
{
	char sp[64];
	if (db->depth <= 1) {
		db->ops->exec_script(db, "ROLLBACK", NULL);
		db->depth = 0;
		return;
	}
	db->depth--;
	snprintf(sp, sizeof(sp), "ROLLBACK TO sp%d; RELEASE sp%d", db->depth, db->depth);
	db->ops->exec_script(db, sp, NULL);
}

int db_end(struct db *db, int rc, struct err *e)
{
	if (rc == 0)
		rc = db_commit(db, e);
	if (rc < 0)
		db_rollback(db);
	return rc;
}

int db_exec_script(struct db *db, const char *sql, struct err *e)
{
	return db->ops->exec_script(db, sql, e);
}

struct db_pool {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int size, nfree;
	struct db **all;
	struct db **free;
};

int db_pool_open(const char *url, int size, struct db_pool **out, struct err *e)
{
	struct db_pool *p = mem_alloc(sizeof(*p));
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->cv, NULL);
	p->all = mem_alloc(sizeof(*p->all) * (size_t)size);
	p->free = mem_alloc(sizeof(*p->free) * (size_t)size);
	for (int i = 0; i < size; i++) {
		if (db_open(url, &p->all[i], e) < 0) {
			db_pool_close(p);
			*out = NULL;
			return e ? e->code : ERR_FAIL;
		}
		p->size++;
		p->free[p->nfree++] = p->all[i];
	}
	*out = p;
	return 0;
}

void db_pool_close(struct db_pool *p)
{
	if (!p)
		return;
	for (int i = 0; i < p->size; i++)
		db_close(p->all[i]);
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->cv);
	mem_free(p->all);
	mem_free(p->free);
	mem_free(p);
}

struct db *db_pool_get(struct db_pool *p)
{
	pthread_mutex_lock(&p->mu);
	while (p->nfree == 0)
		pthread_cond_wait(&p->cv, &p->mu);
	struct db *db = p->free[--p->nfree];
	pthread_mutex_unlock(&p->mu);
	return db;
}

void db_pool_put(struct db_pool *p, struct db *db)
{
	if (db->depth > 0) {
		log_warn("a database connection came back with %d transaction%s open; rolled back", db->depth,
		         db->depth == 1 ? "" : "s");
		while (db->depth > 0)
			db_rollback(db);
	}
	pthread_mutex_lock(&p->mu);
	p->free[p->nfree++] = db;
	pthread_cond_signal(&p->cv);
	pthread_mutex_unlock(&p->mu);
}

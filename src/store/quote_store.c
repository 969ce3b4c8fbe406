#include "store/quote_store.h"

#include <time.h>

#define QCOLS                                                                                              \
	"id, district_id, initiative_id, COALESCE(code_id, 0), excerpt_kind, excerpt_id, text, attribution, status," \
	" COALESCE(proposed_by, 0), COALESCE(decided_by, 0), created_at, COALESCE(decided_at, 0)"
static const char *const sql_quote_add =
	"INSERT INTO quotes (district_id, initiative_id, code_id, excerpt_kind, excerpt_id, text, attribution, status,"
	" proposed_by, created_at) VALUES (?, ?, NULLIF(?, 0), ?, ?, ?, ?, 'proposed', NULLIF(?, 0), ?) RETURNING id";
static const char *const sql_quote_get = "SELECT " QCOLS " FROM quotes WHERE district_id = ? AND id = ?";
static const char *const sql_quote_list =
	"SELECT " QCOLS " FROM quotes WHERE district_id = ? AND initiative_id = ? AND (? = '' OR status = ?)"
	" ORDER BY created_at DESC, id DESC";
static const char *const sql_quote_decide =
	"UPDATE quotes SET status = ?, decided_by = NULLIF(?, 0), decided_at = ? WHERE district_id = ? AND id = ?";

int quote_store_add(struct db *db, struct quote *q, struct err *e)
{
	q->created_at = time(NULL);
	int rc = db_run_int(db, sql_quote_add, e, &q->id, DB_ARGS(db_int(q->district_id),
			db_int(q->initiative_id), db_int(q->code_id), db_text(q->excerpt_kind),
			db_int(q->excerpt_id), db_text(q->text), db_text(q->attribution),
			db_int(q->proposed_by), db_int(q->created_at)));
	if (rc == ERR_CONFLICT)
		err_set(e, rc, "quote", "These words of this excerpt are already proposed as a quote.");
	return rc;
}

static void quote_row(struct db_stmt *st, struct arena *a, void *out)
{
	struct quote *q = out;
	int i = 0;
	q->id = db_col_int(st, i++);
	q->district_id = db_col_int(st, i++);
	q->initiative_id = db_col_int(st, i++);
	q->code_id = db_col_int(st, i++);
	q->excerpt_kind = db_col_dup(st, a, i++);
	q->excerpt_id = db_col_int(st, i++);
	q->text = db_col_dup(st, a, i++);
	q->attribution = db_col_dup(st, a, i++);
	q->status = db_col_dup(st, a, i++);
	q->proposed_by = db_col_int(st, i++);
	q->decided_by = db_col_int(st, i++);
	q->created_at = db_col_int(st, i++);
	q->decided_at = db_col_int(st, i++);
}

int quote_store_get(struct db *db, struct arena *a, int64_t district_id, int64_t id, struct quote *q, struct err *e)
{
	return db_one(db_query(db, sql_quote_get, e, DB_ARGS(db_int(district_id), db_int(id))), a, quote_row, q, "There is no such quote.",
	              e);
}

int quote_store_list(struct db *db, struct arena *a, int64_t district_id, int64_t initiative_id, const char *status,
                     struct quote **out, size_t *n, struct err *e)
{
	const char *st = status ? status : "";
	return db_all(db_query(db, sql_quote_list, e, DB_ARGS(db_int(district_id), db_int(initiative_id),
			db_text(st), db_text(st))), a, quote_row,
	              sizeof(**out), out, n, e);
}

int quote_store_decide(struct db *db, int64_t district_id, int64_t id, const char *status, int64_t user_id,
                       struct err *e)
{
	int64_t changed = 0;
	int rc = db_run(db, sql_quote_decide, e, &changed, DB_ARGS(db_text(status), db_int(user_id),
			db_int((int64_t)time(NULL)), db_int(district_id), db_int(id)));
	return rc == 0 && changed == 0 ? err_set(e, ERR_NOTFOUND, NULL, "There is no such quote.") : rc;
}

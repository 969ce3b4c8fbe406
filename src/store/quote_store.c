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
static const char *const sql_quote_of_excerpt =
	"SELECT " QCOLS " FROM quotes WHERE district_id = ? AND excerpt_kind = ? AND excerpt_id = ? ORDER BY id";
static const char *const sql_quote_redact = "UPDATE quotes SET text = ? WHERE district_id = ? AND id = ?";
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

static const struct db_col quote_cols[] = {
	DB_INT_COL(struct quote, id),
	DB_INT_COL(struct quote, district_id),
	DB_INT_COL(struct quote, initiative_id),
	DB_INT_COL(struct quote, code_id),
	DB_TEXT_COL(struct quote, excerpt_kind),
	DB_INT_COL(struct quote, excerpt_id),
	DB_TEXT_COL(struct quote, text),
	DB_TEXT_COL(struct quote, attribution),
	DB_TEXT_COL(struct quote, status),
	DB_INT_COL(struct quote, proposed_by),
	DB_INT_COL(struct quote, decided_by),
	DB_INT_COL(struct quote, created_at),
	DB_INT_COL(struct quote, decided_at),
	DB_COLS_END,
};

int quote_store_get(struct db *db, struct arena *a, int64_t district_id, int64_t id, struct quote *q, struct err *e)
{
	return db_one_cols(db_query(db, sql_quote_get, e, DB_ARGS(db_int(district_id), db_int(id))), a, quote_cols, q, "There is no such quote.",
	              e);
}

int quote_store_list(struct db *db, struct arena *a, int64_t district_id, int64_t initiative_id, const char *status,
                     struct quote **out, size_t *n, struct err *e)
{
	const char *st = status ? status : "";
	return db_all_cols(db_query(db, sql_quote_list, e, DB_ARGS(db_int(district_id), db_int(initiative_id),
			db_text(st), db_text(st))), a, quote_cols,
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

int quote_store_of_excerpt(struct db *db, struct arena *a, int64_t district_id, const char *kind, int64_t excerpt_id,
                           struct quote **out, size_t *n, struct err *e)
{
	return db_all_cols(db_query(db, sql_quote_of_excerpt, e,
	                            DB_ARGS(db_int(district_id), db_text(kind), db_int(excerpt_id))),
	                   a, quote_cols, sizeof(**out), out, n, e);
}

int quote_store_redact(struct db *db, int64_t district_id, int64_t id, const char *text, struct err *e)
{
	int64_t changed = 0;
	int rc = db_run(db, sql_quote_redact, e, &changed, DB_ARGS(db_text(text), db_int(district_id), db_int(id)));
	if (rc == ERR_CONFLICT)
		return err_set(e, rc, "text", "Another quote of this excerpt already has these words once redacted.");
	return rc == 0 && changed == 0 ? err_set(e, ERR_NOTFOUND, NULL, "There is no such quote.") : rc;
}

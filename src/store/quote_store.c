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
#define QCOLS_Q                                                                                              \
	"q.id, q.district_id, q.initiative_id, COALESCE(q.code_id, 0), q.excerpt_kind, q.excerpt_id, q.text,"     \
	" q.attribution, q.status, COALESCE(q.proposed_by, 0), COALESCE(q.decided_by, 0), q.created_at,"        \
	" COALESCE(q.decided_at, 0)"
static const char *const sql_quote_batch =
	"SELECT " QCOLS_Q ", COALESCE(n.session_id, x.session_id, r.session_id, 0) FROM quotes q"
	" LEFT JOIN notes n ON q.excerpt_kind = 'note' AND n.id = q.excerpt_id AND n.district_id = q.district_id"
	" LEFT JOIN segments x ON q.excerpt_kind = 'segment' AND x.id = q.excerpt_id AND x.district_id = q.district_id"
	" LEFT JOIN survey_responses r ON q.excerpt_kind = 'survey' AND r.id = q.excerpt_id"
	"  AND r.district_id = q.district_id"
	" WHERE q.district_id = ? AND q.id > ? ORDER BY q.id LIMIT ?";
static const char *const sql_quote_count = "SELECT COUNT(*) FROM quotes WHERE district_id = ?";
static const char *const sql_quote_set_text =
	"UPDATE quotes SET text = ?, status = ?,"
	" decided_by = CASE WHEN ? = 'proposed' THEN NULL ELSE decided_by END,"
	" decided_at = CASE WHEN ? = 'proposed' THEN NULL ELSE decided_at END WHERE district_id = ? AND id = ?";
static const char *const sql_quote_delete = "DELETE FROM quotes WHERE district_id = ? AND id = ?";
static const char *const sql_quote_of_excerpt =
	"SELECT " QCOLS " FROM quotes WHERE district_id = ? AND excerpt_kind = ? AND excerpt_id = ? ORDER BY id";
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

static const struct db_col quote_row_cols[] = {
	DB_INT_COL(struct quote_row, q.id),
	DB_INT_COL(struct quote_row, q.district_id),
	DB_INT_COL(struct quote_row, q.initiative_id),
	DB_INT_COL(struct quote_row, q.code_id),
	DB_TEXT_COL(struct quote_row, q.excerpt_kind),
	DB_INT_COL(struct quote_row, q.excerpt_id),
	DB_TEXT_COL(struct quote_row, q.text),
	DB_TEXT_COL(struct quote_row, q.attribution),
	DB_TEXT_COL(struct quote_row, q.status),
	DB_INT_COL(struct quote_row, q.proposed_by),
	DB_INT_COL(struct quote_row, q.decided_by),
	DB_INT_COL(struct quote_row, q.created_at),
	DB_INT_COL(struct quote_row, q.decided_at),
	DB_INT_COL(struct quote_row, session_id),
	DB_COLS_END,
};

int quote_store_batch(struct db *db, struct arena *a, int64_t district_id, int64_t after, int64_t limit,
                      struct quote_row **out, size_t *n, struct err *e)
{
	return db_all_cols(db_query(db, sql_quote_batch, e, DB_ARGS(db_int(district_id), db_int(after), db_int(limit))),
	                   a, quote_row_cols, sizeof(**out), out, n, e);
}

int quote_store_count(struct db *db, int64_t district_id, int64_t *n, struct err *e)
{
	return db_run_int(db, sql_quote_count, e, n, DB_ARGS(db_int(district_id)));
}

int quote_store_set_text(struct db *db, int64_t district_id, int64_t id, const char *text, const char *status,
                         struct err *e)
{
	int64_t changed = 0;
	int rc = db_run(db, sql_quote_set_text, e, &changed, DB_ARGS(db_text(text), db_text(status), db_text(status),
			db_text(status), db_int(district_id), db_int(id)));
	if (rc == ERR_CONFLICT)
		return err_set(e, rc, "text", "Another quote of this excerpt already has these words once redacted.");
	return rc == 0 && changed == 0 ? err_set(e, ERR_NOTFOUND, NULL, "There is no such quote.") : rc;
}

int quote_store_delete(struct db *db, int64_t district_id, int64_t id, struct err *e)
{
	int64_t changed = 0;
	int rc = db_run(db, sql_quote_delete, e, &changed, DB_ARGS(db_int(district_id), db_int(id)));
	return rc == 0 && changed == 0 ? err_set(e, ERR_NOTFOUND, NULL, "There is no such quote.") : rc;
}

int quote_store_of_excerpt(struct db *db, struct arena *a, int64_t district_id, const char *kind, int64_t excerpt_id,
                           struct quote **out, size_t *n, struct err *e)
{
	return db_all_cols(db_query(db, sql_quote_of_excerpt, e,
	                            DB_ARGS(db_int(district_id), db_text(kind), db_int(excerpt_id))),
	                   a, quote_cols, sizeof(**out), out, n, e);
}


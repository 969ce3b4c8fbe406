#include "store/question_store.h"

#include <time.h>

#define QCOLS                                                                                                  \
	"id, district_id, COALESCE(initiative_id, 0), lang, body, email, status, hidden_reason,"                     \
	" COALESCE(merged_into, 0), answer, COALESCE(answered_by, 0), COALESCE(answered_at, 0),"                  \
	" COALESCE(moderated_by, 0), COALESCE(moderated_at, 0), asked_at"
static const char *const sql_add =
	"INSERT INTO questions (district_id, initiative_id, lang, body, email, status, asked_at)"
	" VALUES (?, NULLIF(?, 0), ?, ?, ?, 'new', ?) RETURNING id";
static const char *const sql_get = "SELECT " QCOLS " FROM questions WHERE district_id = ? AND id = ?";
static const char *const sql_all =
	"SELECT " QCOLS " FROM questions WHERE district_id = ? ORDER BY asked_at DESC, id DESC LIMIT ?";
static const char *const sql_new =
	"SELECT " QCOLS " FROM questions WHERE district_id = ? AND status = 'new' ORDER BY asked_at, id LIMIT ?";
static const char *const sql_answered =
	"SELECT " QCOLS " FROM questions WHERE district_id = ? AND status = 'published' AND answered_at IS NOT NULL"
	" ORDER BY answered_at DESC, id DESC LIMIT ?";
static const char *const sql_open =
	"SELECT " QCOLS " FROM questions WHERE district_id = ? AND status = 'published' AND answered_at IS NULL"
	" ORDER BY asked_at, id LIMIT ?";
static const char *const sql_merged =
	"SELECT " QCOLS " FROM questions WHERE district_id = ? AND merged_into = ? AND status = 'merged'"
	" ORDER BY asked_at, id";
static const char *const sql_moderate =
	"UPDATE questions SET status = ?, hidden_reason = ?, merged_into = NULLIF(?, 0), moderated_by = NULLIF(?, 0),"
	" moderated_at = ? WHERE district_id = ? AND id = ?";
static const char *const sql_answer =
	"UPDATE questions SET answer = ?, answered_by = NULLIF(?, 0), answered_at = COALESCE(answered_at, ?),"
	" status = 'published', hidden_reason = '', merged_into = NULL WHERE district_id = ? AND id = ?";
static const char *const sql_figures =
	"SELECT q.asked_at, COALESCE(q.answered_at, t.answered_at, 0) FROM questions q"
	" LEFT JOIN questions t ON t.id = q.merged_into AND q.status = 'merged'"
	" WHERE q.district_id = ? AND q.status <> 'hidden'";

int question_store_add(struct db *db, struct question *q, struct err *e)
{
	if (!q->asked_at)
		q->asked_at = time(NULL);
	q->status = "new";
	return db_run_int(db, sql_add, e, &q->id, DB_ARGS(db_int(q->district_id), db_int(q->initiative_id),
			db_text(q->lang), db_text(q->body), db_text(q->email ? q->email : ""),
			db_int(q->asked_at)));
}

static const struct db_col question_cols[] = {
	DB_INT_COL(struct question, id),
	DB_INT_COL(struct question, district_id),
	DB_INT_COL(struct question, initiative_id),
	DB_TEXT_COL(struct question, lang),
	DB_TEXT_COL(struct question, body),
	DB_TEXT_COL(struct question, email),
	DB_TEXT_COL(struct question, status),
	DB_TEXT_COL(struct question, hidden_reason),
	DB_INT_COL(struct question, merged_into),
	DB_TEXT_COL(struct question, answer),
	DB_INT_COL(struct question, answered_by),
	DB_INT_COL(struct question, answered_at),
	DB_INT_COL(struct question, moderated_by),
	DB_INT_COL(struct question, moderated_at),
	DB_INT_COL(struct question, asked_at),
	DB_COLS_END,
};

int question_store_get(struct db *db, struct arena *a, int64_t district_id, int64_t id, struct question *q,
                       struct err *e)
{
	return db_one_cols(db_query(db, sql_get, e, DB_ARGS(db_int(district_id), db_int(id))), a, question_cols, q, "There is no such question.",
	              e);
}

int question_store_list(struct db *db, struct arena *a, int64_t district_id, enum question_filter f, int limit,
                        struct question **out, size_t *n, struct err *e)
{
	const char *sql = f == Q_NEW ? sql_new : f == Q_ANSWERED ? sql_answered : f == Q_OPEN ? sql_open : sql_all;
	int64_t lim = limit > 0 ? limit : INT32_MAX;
	return db_all_cols(db_query(db, sql, e, DB_ARGS(db_int(district_id), db_int(lim))), a, question_cols, sizeof(**out), out, n, e);
}

int question_store_merged(struct db *db, struct arena *a, int64_t district_id, int64_t id, struct question **out,
                          size_t *n, struct err *e)
{
	return db_all_cols(db_query(db, sql_merged, e, DB_ARGS(db_int(district_id), db_int(id))), a, question_cols, sizeof(**out), out, n, e);
}

int question_store_moderate(struct db *db, const struct question *q, int64_t user_id, struct err *e)
{
	int64_t changed = 0;
	int rc = db_run(db, sql_moderate, e, &changed, DB_ARGS(db_text(q->status),
			db_text(q->hidden_reason ? q->hidden_reason : ""), db_int(q->merged_into),
			db_int(user_id), db_int((int64_t)time(NULL)), db_int(q->district_id), db_int(q->id)));
	return rc == 0 && changed == 0 ? err_set(e, ERR_NOTFOUND, NULL, "There is no such question.") : rc;
}

int question_store_answer(struct db *db, int64_t district_id, int64_t id, const char *answer, int64_t user_id,
                          int64_t now, struct err *e)
{
	int64_t changed = 0;
	int rc = db_run(db, sql_answer, e, &changed, DB_ARGS(db_text(answer), db_int(user_id), db_int(now),
			db_int(district_id), db_int(id)));
	return rc == 0 && changed == 0 ? err_set(e, ERR_NOTFOUND, NULL, "There is no such question.") : rc;
}

struct wait_row {
	int64_t asked_at, answered_at;
};

static void wait_row(struct db_stmt *st, struct arena *a, void *out)
{
	struct wait_row *w = out;
	w->asked_at = db_col_int(st, 0);
	w->answered_at = db_col_int(st, 1);
}

int question_store_figures(struct db *db, struct arena *a, int64_t district_id, struct question_figures *out,
                           struct err *e)
{
	struct wait_row *rows;
	size_t n = 0;
	int rc = db_all(db_query(db, sql_figures, e, DB_ARGS(db_int(district_id))), a, wait_row, sizeof(*rows), &rows, &n, e);
	if (rc < 0)
		return rc;
	int64_t *waits = arena_alloc(a, (n + 1) * sizeof(*waits));
	size_t nw = 0;
	for (size_t i = 0; i < n; i++)
		if (rows[i].answered_at > 0)
			waits[nw++] = rows[i].answered_at > rows[i].asked_at ? rows[i].answered_at - rows[i].asked_at : 0;
	question_figures_of((int64_t)n, waits, nw, out);
	return 0;
}

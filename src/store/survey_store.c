#include "store/survey_store.h"

#include <string.h>
#include <time.h>

static const char *const sql_add =
	"INSERT INTO survey_responses (district_id, session_id, registration_id, rating, comment, lang, created_at)"
	" VALUES (?, ?, NULLIF(?, 0), ?, ?, ?, ?) RETURNING id";
static const char *const sql_answer =
	"INSERT INTO survey_answers (response_id, district_id, dimension, category) VALUES (?, ?, ?, ?)";
static const char *const sql_answered = "SELECT COUNT(*) FROM survey_responses WHERE registration_id = ?";
#define RCOLS "r.id, r.district_id, r.session_id, COALESCE(r.registration_id, 0), r.rating, r.comment, r.lang," \
	      " r.created_at"
/* One of session_id and initiative_id is 0 and matches nothing on its own. */
static const char *const sql_list =
	"SELECT " RCOLS " FROM survey_responses r JOIN sessions s ON s.id = r.session_id"
	" JOIN conversations c ON c.id = s.conversation_id"
	" WHERE r.district_id = ? AND (r.session_id = ? OR c.initiative_id = ?) ORDER BY r.created_at DESC, r.id DESC";
static const char *const sql_comment_batch =
	"SELECT " RCOLS " FROM survey_responses r WHERE r.district_id = ? AND r.id > ? AND r.comment <> ''"
	" ORDER BY r.id LIMIT ?";
static const char *const sql_comment_count =
	"SELECT COUNT(*) FROM survey_responses WHERE district_id = ? AND comment <> ''";
static const char *const sql_set_comment = "UPDATE survey_responses SET comment = ? WHERE district_id = ? AND id = ?";
static const char *const sql_answers =
	"SELECT a.response_id, a.dimension, a.category FROM survey_answers a"
	" JOIN survey_responses r ON r.id = a.response_id JOIN sessions s ON s.id = r.session_id"
	" JOIN conversations c ON c.id = s.conversation_id"
	" WHERE a.district_id = ? AND (r.session_id = ? OR c.initiative_id = ?) ORDER BY a.response_id, a.dimension";

int survey_store_add(struct db *db, struct survey_response *r, struct err *e)
{
	r->created_at = time(NULL);
	int rc = db_begin(db, e);
	if (rc < 0)
		return rc;
	rc = db_run_int(db, sql_add, e, &r->id, DB_ARGS(db_int(r->district_id), db_int(r->session_id),
			db_int(r->registration_id), db_int(r->rating),
			db_text(r->comment ? r->comment : ""), db_text(r->lang), db_int(r->created_at)));
	for (size_t i = 0; rc == 0 && i < r->nanswers; i++)
		rc = db_run(db, sql_answer, e, NULL, DB_ARGS(db_int(r->id), db_int(r->district_id),
				db_text(r->answers[i].dimension), db_text(r->answers[i].category)));
	rc = db_end(db, rc, e);
	if (rc == ERR_CONFLICT)
		err_set(e, rc, "token", "This survey has already been answered with this link. Thank you!");
	return rc;
}

int survey_store_answered(struct db *db, int64_t registration_id, int *answered, struct err *e)
{
	int64_t n = 0;
	int rc = db_run_int(db, sql_answered, e, &n, DB_ARGS(db_int(registration_id)));
	*answered = n > 0;
	return rc;
}

static void response_row(struct db_stmt *st, struct arena *a, void *out)
{
	struct survey_response *r = out;
	int i = 0;
	r->id = db_col_int(st, i++);
	r->district_id = db_col_int(st, i++);
	r->session_id = db_col_int(st, i++);
	r->registration_id = db_col_int(st, i++);
	r->rating = db_col_int(st, i++);
	r->comment = db_col_dup(st, a, i++);
	r->lang = db_col_dup(st, a, i++);
	r->created_at = db_col_int(st, i++);
	r->answers = NULL;
	r->nanswers = 0;
}

struct answer_row {
	int64_t response_id;
	struct survey_answer a;
};

static const struct db_col answer_cols[] = {
	DB_INT_COL(struct answer_row, response_id),
	DB_TEXT_COL(struct answer_row, a.dimension),
	DB_TEXT_COL(struct answer_row, a.category),
	DB_COLS_END,
};

static void answer_row(struct db_stmt *st, struct arena *a, void *out)
{
	db_fill(st, a, answer_cols, out);
}

int survey_store_list(struct db *db, struct arena *a, int64_t district_id, int64_t session_id,
                      int64_t initiative_id, struct survey_response **out, size_t *n, struct err *e)
{
	struct answer_row *ans;
	size_t nans = 0;
	int rc = db_all(db_query(db, sql_list, e, DB_ARGS(db_int(district_id), db_int(session_id),
			db_int(initiative_id))), a, response_row,
	                sizeof(**out), out, n, e);
	if (rc < 0 || (rc = db_all(db_query(db, sql_answers, e, DB_ARGS(db_int(district_id),
			db_int(session_id), db_int(initiative_id))), a,
	                           answer_row, sizeof(*ans), &ans, &nans, e)) < 0)
		return rc;
	/* Answers come ordered by response: each response takes its run. */
	for (size_t i = 0, j = 0; i < nans; i = j) {
		for (j = i; j < nans && ans[j].response_id == ans[i].response_id; j++)
			;
		for (size_t k = 0; k < *n; k++) {
			struct survey_response *r = &(*out)[k];
			if (r->id != ans[i].response_id)
				continue;
			r->answers = arena_alloc(a, (j - i) * sizeof(*r->answers));
			for (size_t m = i; m < j; m++)
				r->answers[r->nanswers++] = ans[m].a;
		}
	}
	return 0;
}

int survey_store_comment_batch(struct db *db, struct arena *a, int64_t district_id, int64_t after, int64_t limit,
                               struct survey_response **out, size_t *n, struct err *e)
{
	return db_all(db_query(db, sql_comment_batch, e, DB_ARGS(db_int(district_id), db_int(after), db_int(limit))), a,
	              response_row, sizeof(**out), out, n, e);
}

int survey_store_comment_count(struct db *db, int64_t district_id, int64_t *n, struct err *e)
{
	return db_run_int(db, sql_comment_count, e, n, DB_ARGS(db_int(district_id)));
}

int survey_store_set_comment(struct db *db, int64_t district_id, int64_t id, const char *comment, struct err *e)
{
	int64_t changed = 0;
	int rc = db_run(db, sql_set_comment, e, &changed, DB_ARGS(db_text(comment), db_int(district_id), db_int(id)));
	return rc == 0 && changed == 0 ? err_set(e, ERR_NOTFOUND, NULL, "There is no such survey response.") : rc;
}

#include "store/redaction_review_store.h"

#include <time.h>

static const char *const sql_keep =
	"INSERT INTO redaction_reviews (district_id, subject, subject_id, word_fold, occurrences, reviewed_by,"
	" reviewed_at) VALUES (?, ?, ?, ?, ?, NULLIF(?, 0), ?)"
	" ON CONFLICT (district_id, subject, subject_id, word_fold) DO UPDATE SET"
	" occurrences = excluded.occurrences, reviewed_by = excluded.reviewed_by, reviewed_at = excluded.reviewed_at";
static const char *const sql_list =
	"SELECT district_id, subject, subject_id, word_fold, occurrences, COALESCE(reviewed_by, 0), reviewed_at"
	" FROM redaction_reviews WHERE district_id = ? AND subject = ? AND subject_id = ? ORDER BY word_fold";

static const struct db_col review_cols[] = {
	DB_INT_COL(struct redaction_review, district_id),
	DB_TEXT_COL(struct redaction_review, subject),
	DB_INT_COL(struct redaction_review, subject_id),
	DB_TEXT_COL(struct redaction_review, word_fold),
	DB_INT_COL(struct redaction_review, occurrences),
	DB_INT_COL(struct redaction_review, reviewed_by),
	DB_INT_COL(struct redaction_review, reviewed_at),
	DB_COLS_END,
};

int redaction_review_store_keep(struct db *db, const struct redaction_review *rv, struct err *e)
{
	int64_t at = rv->reviewed_at ? rv->reviewed_at : (int64_t)time(NULL);
	return db_run(db, sql_keep, e, NULL,
	              DB_ARGS(db_int(rv->district_id), db_text(rv->subject), db_int(rv->subject_id),
	                      db_text(rv->word_fold), db_int(rv->occurrences), db_int(rv->reviewed_by), db_int(at)));
}

int redaction_review_store_list(struct db *db, struct arena *a, int64_t district_id, const char *subject,
                                int64_t subject_id, struct redaction_review **out, size_t *n, struct err *e)
{
	return db_all_cols(db_query(db, sql_list, e, DB_ARGS(db_int(district_id), db_text(subject), db_int(subject_id))),
	                   a, review_cols, sizeof(**out), out, n, e);
}

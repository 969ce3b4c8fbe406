#include "store/note_store.h"

#include <time.h>

#define NCOLS                                                                                              \
	"id, district_id, session_id, client_id, question, speaker_code, kind, text, words, redacted,"       \
	" COALESCE(author_id, 0), taken_at, created_at"
static const char *const sql_note_add =
	"INSERT INTO notes (district_id, session_id, client_id, question, speaker_code, kind, text, words, redacted,"
	" author_id, taken_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULLIF(?, 0), ?, ?)"
	" ON CONFLICT (session_id, client_id) DO NOTHING RETURNING id";
static const char *const sql_note_by_client =
	"SELECT " NCOLS " FROM notes WHERE district_id = ? AND session_id = ? AND client_id = ?";
static const char *const sql_note_list =
	"SELECT " NCOLS " FROM notes WHERE district_id = ? AND session_id = ? ORDER BY taken_at, id";
static const char *const sql_note_batch =
	"SELECT " NCOLS " FROM notes WHERE district_id = ? AND id > ? ORDER BY id LIMIT ?";
static const char *const sql_note_count = "SELECT COUNT(*) FROM notes WHERE district_id = ?";
static const char *const sql_note_set_text =
	"UPDATE notes SET text = ?, words = ?, redacted = ? WHERE district_id = ? AND id = ?";

static const struct db_col note_cols[] = {
	DB_INT_COL(struct note, id),
	DB_INT_COL(struct note, district_id),
	DB_INT_COL(struct note, session_id),
	DB_TEXT_COL(struct note, client_id),
	DB_INT_COL(struct note, question),
	DB_TEXT_COL(struct note, speaker_code),
	DB_TEXT_COL(struct note, kind),
	DB_TEXT_COL(struct note, text),
	DB_INT_COL(struct note, words),
	DB_INT_COL(struct note, redacted),
	DB_INT_COL(struct note, author_id),
	DB_INT_COL(struct note, taken_at),
	DB_INT_COL(struct note, created_at),
	DB_COLS_END,
};

int note_store_add(struct db *db, struct arena *a, struct note *n, int *added, struct err *e)
{
	n->created_at = time(NULL);
	if (!n->taken_at)
		n->taken_at = n->created_at;
	*added = 0;
	int rc = db_run_int(db, sql_note_add, e, &n->id, DB_ARGS(db_int(n->district_id),
			db_int(n->session_id), db_text(n->client_id), db_int(n->question),
			db_text(n->speaker_code), db_text(n->kind), db_text(n->text), db_int(n->words),
			db_int(n->redacted), db_int(n->author_id), db_int(n->taken_at),
			db_int(n->created_at)));
	if (rc == 0) {
		*added = 1;
		return 0;
	}
	if (rc != ERR_NOTFOUND)
		return rc;
	return db_one_cols(db_query(db, sql_note_by_client, e, DB_ARGS(db_int(n->district_id),
			db_int(n->session_id), db_text(n->client_id))), a,
	              note_cols, n, "The note could not be found.", e);
}

int note_store_list(struct db *db, struct arena *a, int64_t district_id, int64_t session_id, struct note **out,
                    size_t *n, struct err *e)
{
	return db_all_cols(db_query(db, sql_note_list, e, DB_ARGS(db_int(district_id), db_int(session_id))), a, note_cols, sizeof(**out), out,
	              n, e);
}

int note_store_batch(struct db *db, struct arena *a, int64_t district_id, int64_t after, int64_t limit,
                     struct note **out, size_t *n, struct err *e)
{
	return db_all_cols(db_query(db, sql_note_batch, e, DB_ARGS(db_int(district_id), db_int(after), db_int(limit))),
	                   a, note_cols, sizeof(**out), out, n, e);
}

int note_store_count(struct db *db, int64_t district_id, int64_t *n, struct err *e)
{
	return db_run_int(db, sql_note_count, e, n, DB_ARGS(db_int(district_id)));
}

int note_store_set_text(struct db *db, int64_t district_id, int64_t id, const char *text, int64_t words,
                        int64_t redacted, struct err *e)
{
	int64_t changed = 0;
	int rc = db_run(db, sql_note_set_text, e, &changed, DB_ARGS(db_text(text), db_int(words), db_int(redacted),
			db_int(district_id), db_int(id)));
	return rc == 0 && changed == 0 ? err_set(e, ERR_NOTFOUND, NULL, "There is no such note.") : rc;
}

#include "store/transcript_store.h"

#include <time.h>

static const char *const sql_add =
	"INSERT INTO transcripts (district_id, session_id, format, filename, uploaded_by, segments, created_at)"
	" VALUES (?, ?, ?, ?, NULLIF(?, 0), ?, ?) RETURNING id";
static const char *const sql_speaker =
	"INSERT INTO transcript_speakers (district_id, transcript_id, name_in_file, code) VALUES (?, ?, ?, ?)";
static const char *const sql_segment =
	"INSERT INTO segments (district_id, session_id, transcript_id, seq, start_ms, end_ms, speaker_code, text, words)"
	" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char *const sql_list =
	"SELECT id, district_id, session_id, format, filename, COALESCE(uploaded_by, 0), segments, created_at"
	" FROM transcripts WHERE district_id = ? AND session_id = ? ORDER BY id";
static const char *const sql_segments =
	"SELECT id, transcript_id, seq, start_ms, end_ms, words, speaker_code, text FROM segments"
	" WHERE district_id = ? AND session_id = ? ORDER BY transcript_id, seq";
static const char *const sql_segments_after =
	"SELECT id, transcript_id, seq, start_ms, end_ms, words, speaker_code, text FROM segments"
	" WHERE district_id = ? AND session_id = ? AND (transcript_id > ? OR (transcript_id = ? AND seq > ?))"
	" ORDER BY transcript_id, seq LIMIT ?";

static const char *const sql_speaker_names =
	"SELECT DISTINCT p.name_in_file FROM transcript_speakers p JOIN transcripts t ON t.id = p.transcript_id"
	" WHERE p.district_id = ? AND t.session_id = ? ORDER BY 1";

int transcript_store_add(struct db *db, struct transcript_row *t, struct err *e)
{
	t->created_at = time(NULL);
	return db_run_int(db, sql_add, e, &t->id, DB_ARGS(db_int(t->district_id), db_int(t->session_id),
			db_text(t->format), db_text(t->filename), db_int(t->uploaded_by),
			db_int(t->segments), db_int(t->created_at)));
}

int transcript_store_speaker(struct db *db, int64_t district_id, int64_t transcript_id, const char *name,
                             const char *code, struct err *e)
{
	return db_run(db, sql_speaker, e, NULL, DB_ARGS(db_int(district_id), db_int(transcript_id),
			db_text(name), db_text(code)));
}

int transcript_store_segment(struct db *db, int64_t district_id, int64_t session_id, const struct segment_row *s,
                             struct err *e)
{
	return db_run(db, sql_segment, e, NULL, DB_ARGS(db_int(district_id), db_int(session_id),
			db_int(s->transcript_id), db_int(s->seq), db_int(s->start_ms), db_int(s->end_ms),
			db_text(s->speaker_code), db_text(s->text), db_int(s->words)));
}

static const struct db_col transcript_cols[] = {
	DB_INT_COL(struct transcript_row, id),
	DB_INT_COL(struct transcript_row, district_id),
	DB_INT_COL(struct transcript_row, session_id),
	DB_TEXT_COL(struct transcript_row, format),
	DB_TEXT_COL(struct transcript_row, filename),
	DB_INT_COL(struct transcript_row, uploaded_by),
	DB_INT_COL(struct transcript_row, segments),
	DB_INT_COL(struct transcript_row, created_at),
	DB_COLS_END,
};

static void transcript_row(struct db_stmt *st, struct arena *a, void *out)
{
	db_fill(st, a, transcript_cols, out);
}

static const struct db_col segment_cols[] = {
	DB_INT_COL(struct segment_row, id),
	DB_INT_COL(struct segment_row, transcript_id),
	DB_INT_COL(struct segment_row, seq),
	DB_INT_COL(struct segment_row, start_ms),
	DB_INT_COL(struct segment_row, end_ms),
	DB_INT_COL(struct segment_row, words),
	DB_TEXT_COL(struct segment_row, speaker_code),
	DB_TEXT_COL(struct segment_row, text),
	DB_COLS_END,
};

static void segment_row(struct db_stmt *st, struct arena *a, void *out)
{
	db_fill(st, a, segment_cols, out);
}

int transcript_store_list(struct db *db, struct arena *a, int64_t district_id, int64_t session_id,
                          struct transcript_row **out, size_t *n, struct err *e)
{
	return db_all(db_query(db, sql_list, e, DB_ARGS(db_int(district_id), db_int(session_id))), a, transcript_row, sizeof(**out), out,
	              n, e);
}

int transcript_store_segments(struct db *db, struct arena *a, int64_t district_id, int64_t session_id,
                              struct segment_row **out, size_t *n, struct err *e)
{
	return db_all(db_query(db, sql_segments, e, DB_ARGS(db_int(district_id), db_int(session_id))), a, segment_row, sizeof(**out), out,
	              n, e);
}

int transcript_store_segments_after(struct db *db, struct arena *a, int64_t district_id, int64_t session_id,
                                    int64_t after_transcript, int64_t after_seq, int64_t limit,
                                    struct segment_row **out, size_t *n, struct err *e)
{
	return db_all(db_query(db, sql_segments_after, e, DB_ARGS(db_int(district_id), db_int(session_id),
			db_int(after_transcript), db_int(after_transcript), db_int(after_seq), db_int(limit))),
	              a, segment_row, sizeof(**out), out, n, e);
}

static const struct db_col speaker_name_cols[] = {
	DB_TEXT_COL(struct speaker_name, name),
	DB_COLS_END,
};

int transcript_store_speaker_names(struct db *db, struct arena *a, int64_t district_id, int64_t session_id,
                                   struct speaker_name **out, size_t *n, struct err *e)
{
	return db_all_cols(db_query(db, sql_speaker_names, e, DB_ARGS(db_int(district_id), db_int(session_id))), a,
	                   speaker_name_cols, sizeof(**out), out, n, e);
}

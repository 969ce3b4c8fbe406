#include "store/excerpt_store.h"

#include <string.h>

/* One row shape for three sources; group names through the conversation. */
#define EXCERPT_FROM(src, alias)                                                                           \
	" FROM " src " " alias " JOIN sessions s ON s.id = " alias ".session_id"                               \
	" JOIN conversations c ON c.id = s.conversation_id"                                                     \
	" LEFT JOIN stakeholder_groups g ON g.id = c.group_id"                                                  \
	" WHERE " alias ".district_id = ? AND c.initiative_id = ?"
static const char *const sql_excerpts =
	"SELECT 'note', n.id, n.session_id, n.text, COALESCE(g.name, ''), n.question,"
	" CASE WHEN n.kind = 'quote' THEN n.speaker_code ELSE '' END" EXCERPT_FROM("notes", "n")
	" UNION ALL SELECT 'segment', x.id, x.session_id, x.text, COALESCE(g.name, ''), 0, x.speaker_code"
	EXCERPT_FROM("segments", "x") " AND x.speaker_code <> 'F'"
	" UNION ALL SELECT 'survey', r.id, r.session_id, r.comment, COALESCE(g.name, ''), 0, ''"
	EXCERPT_FROM("survey_responses", "r") " AND r.comment <> ''"
	" ORDER BY 1, 2";

static const struct db_col excerpt_cols[] = {
	DB_TEXT_COL(struct excerpt_row, kind),
	DB_INT_COL(struct excerpt_row, id),
	DB_INT_COL(struct excerpt_row, session_id),
	DB_TEXT_COL(struct excerpt_row, text),
	DB_TEXT_COL(struct excerpt_row, group),
	DB_INT_COL(struct excerpt_row, question),
	DB_TEXT_COL(struct excerpt_row, speaker),
	DB_COLS_END,
};

static void excerpt_row(struct db_stmt *st, struct arena *a, void *out)
{
	db_fill(st, a, excerpt_cols, out);
}

int excerpt_store_initiative(struct db *db, struct arena *a, int64_t district_id, int64_t initiative_id,
                             struct excerpt_row **out, size_t *n, struct err *e)
{
	return db_all(db_query(db, sql_excerpts, e, DB_ARGS(db_int(district_id), db_int(initiative_id),
			db_int(district_id), db_int(initiative_id), db_int(district_id),
			db_int(initiative_id))),
	              a, excerpt_row, sizeof(**out), out, n, e);
}

/* A note in the facilitator's own words has no speaker to quote. */
static const char *const sql_note_speaker =
	"SELECT session_id, CASE WHEN kind = 'quote' THEN speaker_code ELSE '-' END, '' FROM notes"
	" WHERE district_id = ? AND id = ?";
static const char *const sql_segment_speaker =
	"SELECT x.session_id, x.speaker_code, COALESCE(t.name_in_file, '') FROM segments x"
	" LEFT JOIN transcript_speakers t ON t.transcript_id = x.transcript_id AND t.code = x.speaker_code"
	" WHERE x.district_id = ? AND x.id = ?";
static const char *const sql_survey_speaker =
	"SELECT session_id, '', '' FROM survey_responses WHERE district_id = ? AND id = ?";

struct speaker_row {
	int64_t session_id;
	const char *code, *name;
};

static const struct db_col speaker_cols[] = {
	DB_INT_COL(struct speaker_row, session_id),
	DB_TEXT_COL(struct speaker_row, code),
	DB_TEXT_COL(struct speaker_row, name),
	DB_COLS_END,
};

static void speaker_row(struct db_stmt *st, struct arena *a, void *out)
{
	db_fill(st, a, speaker_cols, out);
}

int excerpt_store_speaker(struct db *db, struct arena *a, int64_t district_id, const char *kind, int64_t id,
                          int64_t *session_id, const char **code, const char **name_in_file, struct err *e)
{
	const char *sql = strcmp(kind, "note") == 0      ? sql_note_speaker
	                  : strcmp(kind, "segment") == 0 ? sql_segment_speaker
	                                                 : sql_survey_speaker;
	struct speaker_row r;
	int rc = db_one(db_query(db, sql, e, DB_ARGS(db_int(district_id), db_int(id))), a, speaker_row, &r, "There is no such excerpt.", e);
	if (rc == 0) {
		*session_id = r.session_id;
		*code = r.code;
		*name_in_file = r.name;
	}
	return rc;
}

static const char *const sql_get_note =
	"SELECT 'note', id, session_id, text, '', question FROM notes WHERE district_id = ? AND id = ?";
static const char *const sql_get_segment =
	"SELECT 'segment', id, session_id, text, '', 0 FROM segments WHERE district_id = ? AND id = ?";
static const char *const sql_get_survey =
	"SELECT 'survey', id, session_id, comment, '', 0 FROM survey_responses WHERE district_id = ? AND id = ?";
static const char *const sql_redact_note =
	"UPDATE notes SET text = ?, words = ?, redacted = redacted + ? WHERE district_id = ? AND id = ?";
static const char *const sql_redact_segment =
	"UPDATE segments SET text = ?, words = ? WHERE district_id = ? AND id = ?";
static const char *const sql_redact_survey =
	"UPDATE survey_responses SET comment = ? WHERE district_id = ? AND id = ?";

int excerpt_store_get(struct db *db, struct arena *a, int64_t district_id, const char *kind, int64_t id,
                      struct excerpt_row *out, struct err *e)
{
	const char *sql = strcmp(kind, "note") == 0      ? sql_get_note
	                  : strcmp(kind, "segment") == 0 ? sql_get_segment
	                                                 : sql_get_survey;
	return db_one(db_query(db, sql, e, DB_ARGS(db_int(district_id), db_int(id))), a, excerpt_row, out,
	              "There is no such excerpt.", e);
}

int excerpt_store_redact(struct db *db, int64_t district_id, const char *kind, int64_t id, const char *text,
                         int64_t words, int64_t added, struct err *e)
{
	int64_t changed = 0;
	int rc;
	if (strcmp(kind, "note") == 0)
		rc = db_run(db, sql_redact_note, e, &changed, DB_ARGS(db_text(text), db_int(words), db_int(added),
		                                                     db_int(district_id), db_int(id)));
	else if (strcmp(kind, "segment") == 0)
		rc = db_run(db, sql_redact_segment, e, &changed,
		            DB_ARGS(db_text(text), db_int(words), db_int(district_id), db_int(id)));
	else
		rc = db_run(db, sql_redact_survey, e, &changed, DB_ARGS(db_text(text), db_int(district_id), db_int(id)));
	return rc == 0 && changed == 0 ? err_set(e, ERR_NOTFOUND, NULL, "There is no such excerpt.") : rc;
}

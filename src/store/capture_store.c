#include "store/capture_store.h"

#include <string.h>
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

int transcript_store_add(struct db *db, struct transcript_row *t, struct err *e)
{
	t->created_at = time(NULL);
	return db_run_int(db, sql_add, e, &t->id, "iittiii", t->district_id, t->session_id, t->format, t->filename,
	                  t->uploaded_by, t->segments, t->created_at);
}

int transcript_store_speaker(struct db *db, int64_t district_id, int64_t transcript_id, const char *name,
                             const char *code, struct err *e)
{
	return db_run(db, sql_speaker, e, NULL, "iitt", district_id, transcript_id, name, code);
}

int transcript_store_segment(struct db *db, int64_t district_id, int64_t session_id, const struct segment_row *s,
                             struct err *e)
{
	return db_run(db, sql_segment, e, NULL, "iiiiiitti", district_id, session_id, s->transcript_id, s->seq,
	              s->start_ms, s->end_ms, s->speaker_code, s->text, s->words);
}

static void transcript_row(struct db_stmt *st, struct arena *a, void *out)
{
	struct transcript_row *t = out;
	t->id = db_col_int(st, 0);
	t->district_id = db_col_int(st, 1);
	t->session_id = db_col_int(st, 2);
	t->format = arena_strdup(a, db_col_text(st, 3));
	t->filename = arena_strdup(a, db_col_text(st, 4));
	t->uploaded_by = db_col_int(st, 5);
	t->segments = db_col_int(st, 6);
	t->created_at = db_col_int(st, 7);
}

static void segment_row(struct db_stmt *st, struct arena *a, void *out)
{
	struct segment_row *s = out;
	s->id = db_col_int(st, 0);
	s->transcript_id = db_col_int(st, 1);
	s->seq = db_col_int(st, 2);
	s->start_ms = db_col_int(st, 3);
	s->end_ms = db_col_int(st, 4);
	s->words = db_col_int(st, 5);
	s->speaker_code = arena_strdup(a, db_col_text(st, 6));
	s->text = arena_strdup(a, db_col_text(st, 7));
}

int transcript_store_list(struct db *db, struct arena *a, int64_t district_id, int64_t session_id,
                          struct transcript_row **out, size_t *n, struct err *e)
{
	return db_all(db_query(db, sql_list, e, "ii", district_id, session_id), a, transcript_row, sizeof(**out), out,
	              n, e);
}

int transcript_store_segments(struct db *db, struct arena *a, int64_t district_id, int64_t session_id,
                              struct segment_row **out, size_t *n, struct err *e)
{
	return db_all(db_query(db, sql_segments, e, "ii", district_id, session_id), a, segment_row, sizeof(**out), out,
	              n, e);
}

static void note_row(struct db_stmt *st, struct arena *a, void *out)
{
	struct note *n = out;
	int i = 0;
	n->id = db_col_int(st, i++);
	n->district_id = db_col_int(st, i++);
	n->session_id = db_col_int(st, i++);
	n->client_id = arena_strdup(a, db_col_text(st, i++));
	n->question = db_col_int(st, i++);
	n->speaker_code = arena_strdup(a, db_col_text(st, i++));
	n->kind = arena_strdup(a, db_col_text(st, i++));
	n->text = arena_strdup(a, db_col_text(st, i++));
	n->words = db_col_int(st, i++);
	n->redacted = db_col_int(st, i++);
	n->author_id = db_col_int(st, i++);
	n->taken_at = db_col_int(st, i++);
	n->created_at = db_col_int(st, i++);
}

int note_store_add(struct db *db, struct arena *a, struct note *n, int *added, struct err *e)
{
	n->created_at = time(NULL);
	if (!n->taken_at)
		n->taken_at = n->created_at;
	*added = 0;
	int rc = db_run_int(db, sql_note_add, e, &n->id, "iititttiiiii", n->district_id, n->session_id, n->client_id,
	                    n->question, n->speaker_code, n->kind, n->text, n->words, n->redacted, n->author_id,
	                    n->taken_at, n->created_at);
	if (rc == 0) {
		*added = 1;
		return 0;
	}
	if (rc != ERR_NOTFOUND)
		return rc;
	return db_one(db_query(db, sql_note_by_client, e, "iit", n->district_id, n->session_id, n->client_id), a,
	              note_row, n, "The note could not be found.", e);
}

int note_store_list(struct db *db, struct arena *a, int64_t district_id, int64_t session_id, struct note **out,
                    size_t *n, struct err *e)
{
	return db_all(db_query(db, sql_note_list, e, "ii", district_id, session_id), a, note_row, sizeof(**out), out,
	              n, e);
}

/* One row shape for three sources; group names through the conversation. */
#define EXCERPT_FROM(src, alias)                                                                           \
	" FROM " src " " alias " JOIN sessions s ON s.id = " alias ".session_id"                               \
	" JOIN conversations c ON c.id = s.conversation_id"                                                     \
	" LEFT JOIN stakeholder_groups g ON g.id = c.group_id"                                                  \
	" WHERE " alias ".district_id = ? AND c.initiative_id = ?"
static const char *const sql_excerpts =
	"SELECT 'note', n.id, n.session_id, n.text, COALESCE(g.name, ''), n.question" EXCERPT_FROM("notes", "n")
	" UNION ALL SELECT 'segment', x.id, x.session_id, x.text, COALESCE(g.name, ''), 0" EXCERPT_FROM("segments", "x")
	" AND x.speaker_code <> 'F'"
	" UNION ALL SELECT 'survey', r.id, r.session_id, r.comment, COALESCE(g.name, ''), 0"
	EXCERPT_FROM("survey_responses", "r") " AND r.comment <> ''"
	" ORDER BY 1, 2";

static void excerpt_row(struct db_stmt *st, struct arena *a, void *out)
{
	struct excerpt_row *x = out;
	x->kind = arena_strdup(a, db_col_text(st, 0));
	x->id = db_col_int(st, 1);
	x->session_id = db_col_int(st, 2);
	x->text = arena_strdup(a, db_col_text(st, 3));
	x->group = arena_strdup(a, db_col_text(st, 4));
	x->question = db_col_int(st, 5);
}

int excerpt_store_initiative(struct db *db, struct arena *a, int64_t district_id, int64_t initiative_id,
                             struct excerpt_row **out, size_t *n, struct err *e)
{
	return db_all(db_query(db, sql_excerpts, e, "iiiiii", district_id, initiative_id, district_id, initiative_id,
	                       district_id, initiative_id),
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

static void speaker_row(struct db_stmt *st, struct arena *a, void *out)
{
	struct speaker_row *r = out;
	r->session_id = db_col_int(st, 0);
	r->code = arena_strdup(a, db_col_text(st, 1));
	r->name = arena_strdup(a, db_col_text(st, 2));
}

int excerpt_store_speaker(struct db *db, struct arena *a, int64_t district_id, const char *kind, int64_t id,
                          int64_t *session_id, const char **code, const char **name_in_file, struct err *e)
{
	const char *sql = strcmp(kind, "note") == 0      ? sql_note_speaker
	                  : strcmp(kind, "segment") == 0 ? sql_segment_speaker
	                                                 : sql_survey_speaker;
	struct speaker_row r;
	int rc = db_one(db_query(db, sql, e, "ii", district_id, id), a, speaker_row, &r, "There is no such excerpt.", e);
	if (rc == 0) {
		*session_id = r.session_id;
		*code = r.code;
		*name_in_file = r.name;
	}
	return rc;
}

/* capture_store: transcripts of sessions, the mapping of the names in each
 * file to speaker codes (kept apart from the text), and the coded,
 * redacted segments. */
#ifndef CG_CAPTURE_STORE_H
#define CG_CAPTURE_STORE_H
#include "core/arena.h"
#include "domain/attendance.h"
#include "store/db.h"

struct transcript_row {
	int64_t id, district_id, session_id;
	const char *format, *filename;
	int64_t uploaded_by, segments, created_at;
};

struct segment_row {
	int64_t id, transcript_id, seq, start_ms, end_ms, words;
	const char *speaker_code, *text;
};

int transcript_store_add(struct db *db, struct transcript_row *t, struct err *e);
int transcript_store_speaker(struct db *db, int64_t district_id, int64_t transcript_id, const char *name,
                             const char *code, struct err *e);
int transcript_store_segment(struct db *db, int64_t district_id, int64_t session_id, const struct segment_row *s,
                             struct err *e);
int transcript_store_list(struct db *db, struct arena *a, int64_t district_id, int64_t session_id,
                          struct transcript_row **out, size_t *n, struct err *e);
/* The segments of a session, every transcript, in order. */
int transcript_store_segments(struct db *db, struct arena *a, int64_t district_id, int64_t session_id,
                              struct segment_row **out, size_t *n, struct err *e);

/* Adds a live note.  A note whose client_id the session already has is not
 * added again: *added is 0 and n gets the stored note (a device resending
 * after a dropped connection). */
int note_store_add(struct db *db, struct arena *a, struct note *n, int *added, struct err *e);
/* The notes of a session, in the order they were taken. */
int note_store_list(struct db *db, struct arena *a, int64_t district_id, int64_t session_id, struct note **out,
                    size_t *n, struct err *e);

/* Who said an excerpt, for consent: the speaker code of a word-for-word
 * note ("-" for a note in the facilitator's words), or the name a
 * transcript file gave the speaker of a segment (speaker "" for a survey
 * comment or a note about the room).  ERR_NOTFOUND for an unknown excerpt. */
int excerpt_store_speaker(struct db *db, struct arena *a, int64_t district_id, const char *kind, int64_t id,
                          int64_t *session_id, const char **code, const char **name_in_file, struct err *e);

/* A piece of what was said, from a note, a transcript segment or a survey
 * comment, with the stakeholder group of its conversation. */
struct excerpt_row {
	const char *kind;    /* note, segment, survey */
	int64_t id, session_id;
	int64_t question;    /* a note's protocol question (1-based); 0 otherwise */
	const char *text, *group;
};
/* Every excerpt of an initiative's sessions (the facilitator's turns left
 * out), in a fixed order: kind, then id. */
int excerpt_store_initiative(struct db *db, struct arena *a, int64_t district_id, int64_t initiative_id,
                             struct excerpt_row **out, size_t *n, struct err *e);

#endif

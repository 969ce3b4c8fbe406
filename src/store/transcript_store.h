/* transcript_store: transcripts of sessions (transcripts), the mapping of the
 * names in each file to speaker codes, kept apart from the text
 * (transcript_speakers), and the redacted segments (segments).  Every query is
 * scoped by district_id.  Strings of returned records live in the caller's
 * arena. */
#ifndef CG_TRANSCRIPT_STORE_H
#define CG_TRANSCRIPT_STORE_H
#include "core/arena.h"
#include "store/db.h"

struct transcript_row {
	int64_t id, district_id, session_id;
	const char *format, *filename;
	int64_t uploaded_by, segments, created_at;
};

struct segment_row {
	int64_t id, transcript_id, seq, start_ms, end_ms, words;   /* times -1 when unknown */
	const char *speaker_code, *text;                           /* code "?" when unknown */
	int64_t session_id;   /* filled by transcript_store_segment_batch only */
};

int transcript_store_add(struct db *db, struct transcript_row *t, struct err *e);
int transcript_store_speaker(struct db *db, int64_t district_id, int64_t transcript_id, const char *name,
                             const char *code, struct err *e);
int transcript_store_segment(struct db *db, int64_t district_id, int64_t session_id, const struct segment_row *s,
                             struct err *e);
/* The transcripts of a session, oldest first. */
int transcript_store_list(struct db *db, struct arena *a, int64_t district_id, int64_t session_id,
                          struct transcript_row **out, size_t *n, struct err *e);
/* The segments of a session, every transcript, in order. */
int transcript_store_segments(struct db *db, struct arena *a, int64_t district_id, int64_t session_id,
                              struct segment_row **out, size_t *n, struct err *e);
/* At most limit segments of a session in the same order, from the one
 * after segment after_seq of transcript after_transcript (0, 0: from the
 * first). */
int transcript_store_segments_after(struct db *db, struct arena *a, int64_t district_id, int64_t session_id,
                                    int64_t after_transcript, int64_t after_seq, int64_t limit,
                                    struct segment_row **out, size_t *n, struct err *e);
/* The names the files of a session's transcripts gave their speakers, as
 * written there (decorations and all), each once. */
int transcript_store_speaker_names(struct db *db, struct arena *a, int64_t district_id, int64_t session_id,
                                   const char ***out, size_t *n, struct err *e);
/* Up to limit segments of the district with an id above after, by id, each
 * with its session (pages of a pass over every segment). */
int transcript_store_segment_batch(struct db *db, struct arena *a, int64_t district_id, int64_t after,
                                   int64_t limit, struct segment_row **out, size_t *n, struct err *e);
int transcript_store_segment_count(struct db *db, int64_t district_id, int64_t *n, struct err *e);
/* Replaces the text of a segment, with its words. */
int transcript_store_set_segment_text(struct db *db, int64_t district_id, int64_t id, const char *text,
                                      int64_t words, struct err *e);


#endif

/* transcript: reads the transcripts that meeting tools export (Zoom, Teams
 * and YouTube WebVTT, SRT, YouTube and Google SBV, Google Meet and other
 * plain text) into segments with a speaker, times and clean text, so that a conversation's record can be
 * searched, quoted and summarised.
 *
 * Everything returned lives in the caller's arena.  See
 * docs/internals/transcripts.md for the exact rules, and for how a
 * "Name: text" line is told apart from text that merely holds a colon.
 */
#ifndef CG_TRANSCRIPT_H
#define CG_TRANSCRIPT_H
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "domain/field.h"

/* The values are stable (the fuzz seeds' first byte names them). */
enum transcript_format { TRANSCRIPT_AUTO, TRANSCRIPT_VTT, TRANSCRIPT_SRT, TRANSCRIPT_TEXT, TRANSCRIPT_SBV };

/* Limits: over any of them transcript_parse fails with ERR_LIMIT. */
#define TRANSCRIPT_MAX_BYTES ((size_t)16 << 20)   /* whole input, BOM included */
#define TRANSCRIPT_MAX_SEGMENTS 100000
#define TRANSCRIPT_MAX_SPEAKERS 10000
#define TRANSCRIPT_MAX_TEXT ((size_t)64 << 10)    /* bytes of one cue's text, once cleaned */
#define TRANSCRIPT_MAX_NAME 256                   /* bytes of a <v Name> speaker name */

struct transcript_segment {
	int64_t start_ms, end_ms;   /* -1 when unknown; plain text has no end times */
	int speaker;                /* index into speakers, -1 when unknown */
	const char *text;           /* non-empty UTF-8: tags removed, references decoded,
	                             * whitespace collapsed, no control characters */
	size_t line;                /* 1-based line where the cue/turn starts */
};

struct transcript {
	enum transcript_format format;   /* the one read: never AUTO after a parse */
	size_t nspeakers;
	const char **speakers;      /* as written (trimmed, inner spaces collapsed),
	                             * first-seen order, unique (case-sensitive) */
	size_t nsegments;
	struct transcript_segment *segments;   /* in file order */
};

/* Parses len bytes of data (any bytes; data may be NULL when len is 0) read
 * as fmt; TRANSCRIPT_AUTO picks VTT when the file starts with WEBVTT (after
 * an optional UTF-8 BOM), SRT when the first non-empty line is a number and
 * the next a timing line with a comma, SBV when the first non-empty line is
 * an SBV timing line (0:00:01.000,0:00:04.000), else TEXT.  Allocates from a only;
 * the input may be freed once this returns.
 *
 * Invariants of a result: segments' known start times never decrease;
 * end_ms >= start_ms when both are known; every text is non-empty valid
 * UTF-8; speaker is -1 or < nspeakers; each cue (VTT, SRT, SBV) or turn (text) is
 * one segment, consecutive ones of one speaker are not merged.
 *
 * Returns 0; or ERR_INVALID with e->field "file" and e->msg "line N: ..."
 * (bad UTF-8, a malformed or impossible time, a cue out of time order, a
 * missing WEBVTT header or timing line), or ERR_LIMIT over the limits above.
 * On error *out is zeroed (what was taken from a stays until arena_free).
 * Never prints, never aborts on input. */
int transcript_parse(struct arena *a, const char *data, size_t len,
		     enum transcript_format fmt, struct transcript *out,
		     struct err *e);

/* What comes with an uploaded transcript (the API's query, the page's
 * form): the format asked for ("" to guess; the import reads it) and the
 * file's name as the client gave it, one line.  Its fields: */
struct transcript_upload {
	const char *format, *filename;
};
extern const struct field transcript_upload_fields[];

/* Which stored segments of a session to read (the API's query): those
 * after segment after_seq of transcript after_transcript, in the order of
 * transcripts then seq, at most limit of them (0: TRANSCRIPT_PAGE_DEFAULT;
 * 1 to TRANSCRIPT_PAGE_MAX when given).  Its fields: */
#define TRANSCRIPT_PAGE_DEFAULT 500
#define TRANSCRIPT_PAGE_MAX 1000
struct transcript_page_ask {
	int64_t after_transcript, after_seq, limit;
};
extern const struct field transcript_page_fields[];

/* "auto", "vtt", "srt", "sbv" or "text": stable names for logs, forms and the API;
 * "unknown" for a value outside the enum.  Static storage. */
const char *transcript_format_name(enum transcript_format f);

/* Words in NUL-terminated UTF-8 text (NULL counts 0): runs of letters and
 * digits, where any multibyte letter counts (é, ñ, 中) but the common
 * punctuation and symbols outside ASCII do not (¿ ¡ « » “ ” — … emoji).  An
 * apostrophe (' or ’) between letters stays inside the word (don't, it's,
 * l’école), as do '.' and ',' between digits (3.5, 1,200).  A hyphen
 * separates words (well-being is 2). */
size_t transcript_words(const char *text);

#endif

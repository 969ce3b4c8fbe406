/* attendance: who came to a session and what was noted while they spoke.
 *
 * At the door the facilitator checks people in — registrants and walk-ins —
 * and each attendee gets a speaker code (P1, P2, … in the order they
 * arrive; the facilitator is F).  Consent to be recorded and to be quoted
 * is confirmed per attendee at the start, and the stipend is marked when it
 * is handed over.  Live notes carry a code, never a name: the attendee list
 * that maps codes to names stays with the people allowed to see it.
 * Rules only: no HTTP, no SQL.  See docs/internals/capture.md. */
#ifndef CG_ATTENDANCE_H
#define CG_ATTENDANCE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "domain/field.h"

struct attendee {
	int64_t id, district_id, session_id;
	int64_t registration_id;    /* 0: a walk-in */
	const char *code;           /* P1, P2, … */
	const char *name;
	int64_t group_id;           /* 0: not given */
	int64_t checked_in_at;
	bool consent_record, consent_quote;
	int64_t consent_at;         /* 0: not yet confirmed */
	int64_t stipend_at;         /* 0: not handed over */
};

/* Whether registration_id is among the n attendees (checked in). */
bool attendance_checked_in(const struct attendee *as, size_t n, int64_t registration_id);

/* The fields a facilitator sends (domain/field.h): a registrant to check
 * in, or a walk-in's name, group and consents. */
extern const struct field attendee_fields[];
/* Name 1 to 200 characters on one line. */
int attendee_check(const struct attendee *a, struct err *e);
/* The code of the n-th attendee (1-based): "P1", "P2", … */
const char *attendee_code(struct arena *a, int64_t n);
/* n for "P<n>" (1..99999), 0 for anything else ("F", "P0", "P01"). */
int64_t attendee_code_number(const char *code);

#define NOTE_TEXT_MAX 4000
#define NOTE_CLIENT_ID_MAX 64

/* One live note: what someone said (a note in the facilitator's words, or a
 * quote word for word), under a protocol question. */
struct note {
	int64_t id, district_id, session_id;
	const char *client_id;      /* chosen by the device; the same id twice is one note */
	int64_t question;           /* 1-based protocol question; 0: none in particular */
	const char *speaker_code;   /* F, P<n>, or "" for the room / no one in particular */
	const char *kind;           /* note, quote */
	const char *text;           /* redacted before it is stored */
	int64_t words, redacted, author_id;
	int64_t taken_at, created_at;
};

/* Checks a note against its session: client_id 1 to 64 of A-Z a-z 0-9 . _ -;
 * question 0..nquestions; speaker "" or "F" or one of codes (n of them); a
 * quote needs a speaker; kind note or quote; text 1 to NOTE_TEXT_MAX bytes of
 * valid UTF-8.  Field names: client_id, question, speaker, kind, text. */
extern const struct field note_fields[];
int note_check(const struct note *n, size_t nquestions, const char *const *codes, size_t ncodes, struct err *e);

#endif

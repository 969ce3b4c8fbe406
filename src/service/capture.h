/* capture: what was said at a session, made safe to analyse.
 *
 * A transcript file (WebVTT, SRT, SBV or plain text) is parsed, each name in it
 * becomes a speaker code (F for the facilitator, P1, P2, … for the others,
 * in the order they first speak), the mapping is stored apart from the text,
 * and every segment is redacted — names of the session's registrants, the
 * district's staff and the speakers themselves, e-mail addresses, phone
 * numbers, street addresses — before it is stored.  All or nothing. */
#ifndef CG_CAPTURE_H
#define CG_CAPTURE_H
#include <stdint.h>

#include "core/arena.h"
#include "domain/attendance.h"
#include "domain/district.h"
#include "domain/plan.h"
#include "domain/representation.h"
#include "domain/survey.h"
#include "store/db.h"
#include "store/transcript_store.h"

struct capture_result {
	int64_t transcript_id;
	size_t segments, speakers;
	int redacted;     /* placeholders put in */
	const char *format;
};

/* The names redaction looks for in what was said at session session_id of
 * d: its registrants and attendees, the district's staff, the facilitator
 * and the speakers its transcript files named — the names its notes and
 * segments were redacted with.  NULL on error (e says why; ERR_NOTFOUND for
 * another district's session).  Everything lives in a. */
struct redact_names;
struct redact_names *capture_session_names(struct db *db, struct arena *a, const struct district *d,
                                           int64_t session_id, struct err *e);

/* format: "vtt", "srt", "sbv", "txt" (or "text"), or NULL, "" or "auto" to
 * detect.  uploaded_by may be 0. */
int capture_import_transcript(struct db *db, struct arena *a, const struct district *d, const struct session *s,
                              const struct conversation *c, int64_t uploaded_by, const char *filename,
                              const char *data, size_t len, const char *format, struct capture_result *res,
                              struct err *e);

/* A page of a session's stored transcripts: the segments q asks for (at
 * most its limit), and the transcripts they belong to, in order.  more:
 * segments follow the last one. */
struct capture_transcripts {
	struct transcript_row *transcripts;
	size_t ntranscripts;
	struct segment_row *segments;
	size_t nsegments;
	bool more;
};
struct transcript_page_ask;
int capture_transcripts(struct db *db, struct arena *a, const struct session *s,
                        const struct transcript_page_ask *q, struct capture_transcripts *out, struct err *e);

/* The questions of the conversation's protocol, in order (none when it has
 * no protocol). */
int capture_questions(struct db *db, struct arena *a, const struct conversation *c, const char ***out, size_t *n,
                      struct err *e);

/* Checks in a registrant of s with the next speaker code; the consent given
 * when registering is carried over, still to be confirmed.  ERR_NOTFOUND
 * when the registration is not s's, ERR_INVALID when it was cancelled,
 * ERR_CONFLICT when already checked in. */
int capture_check_in(struct db *db, struct arena *a, const struct session *s, int64_t registration_id,
                     struct attendee *out, struct err *e);
/* Adds someone who came without registering (name, group, consent). */
int capture_walk_in(struct db *db, struct arena *a, const struct session *s, struct attendee *at, struct err *e);

/* Checks a live note against the protocol and the attendee codes, redacts
 * its text and stores it; a client id already stored gives back that note
 * with *added 0. */
int capture_add_note(struct db *db, struct arena *a, const struct district *d, const struct session *s,
                     const struct conversation *c, struct note *n, int *added, struct err *e);

/* Checks a survey response against the baseline, redacts its comment and
 * stores it.  ERR_CONFLICT when its registration has answered already. */
int capture_survey(struct db *db, struct arena *a, const struct district *d, const struct session *s,
                   const struct conversation *c, struct survey_response *r, struct err *e);

/* Who took part in an initiative against the baseline.  Every survey answer
 * counts in its dimensions; the language of participants who have not
 * given it in their own survey answer comes from their registration.  Participants
 * are the people checked in, or for a session without check-ins that has
 * ended, its confirmed registrants.  *people: participants and anonymous
 * answers counted. */
int capture_representation(struct db *db, struct arena *a, int64_t district_id, int64_t initiative_id,
                           int64_t now, bool public_view, struct representation *out, int64_t *people,
                           struct err *e);

#endif

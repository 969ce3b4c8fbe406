/* capture: what was said at a session, made safe to analyse.
 *
 * A transcript file (WebVTT, SRT or plain text) is parsed, each name in it
 * becomes a speaker code (F for the facilitator, P1, P2, … for the others,
 * in the order they first speak), the mapping is stored apart from the text,
 * and every segment is redacted — names of the session's registrants, the
 * district's staff and the speakers themselves, e-mail addresses, phone
 * numbers, street addresses — before it is stored.  All or nothing. */
#ifndef CG_CAPTURE_H
#define CG_CAPTURE_H
#include <stdint.h>

#include "core/arena.h"
#include "domain/district.h"
#include "domain/plan.h"
#include "store/db.h"

struct capture_result {
	int64_t transcript_id;
	size_t segments, speakers;
	int redacted;     /* placeholders put in */
	const char *format;
};

/* format: "vtt", "srt", "txt" or NULL/"" to detect.  uploaded_by may be 0. */
int capture_import_transcript(struct db *db, struct arena *a, const struct district *d, const struct session *s,
                              const struct conversation *c, int64_t uploaded_by, const char *filename,
                              const char *data, size_t len, const char *format, struct capture_result *res,
                              struct err *e);

#endif

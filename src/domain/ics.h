/* ics: one conversation session as an iCalendar object (RFC 5545), built
 * with libical, for "add to calendar" downloads and invitation e-mails. */
#ifndef CG_ICS_H
#define CG_ICS_H
#include <stdint.h>

#include "core/buf.h"
#include "core/err.h"

struct ics_event {
	const char *uid;          /* stable per session, e.g. "session-42@riverside.commonground" */
	int sequence;             /* bumped each time time or place changes (updates) */
	int64_t start, end;       /* Unix seconds, UTC instants */
	const char *tzid;         /* the district's IANA zone, e.g. "America/Chicago"; NULL, empty
	                           * or unknown to libical: times are written in UTC */
	const char *summary;      /* title, any UTF-8 */
	const char *description;  /* may be NULL; may contain newlines */
	const char *location;     /* venue and address, or NULL */
	const char *url;          /* the registration page or join link (http or https), or NULL */
	const char *organizer_name, *organizer_email; /* may be NULL; the name alone is not written */
	int alarm_minutes;        /* >0: a DISPLAY alarm that many minutes before start */
	int cancelled;            /* STATUS:CANCELLED and METHOD:CANCEL instead of PUBLISH */
	int64_t dtstamp;          /* Unix seconds; 0 means now */
};

/* Appends one VCALENDAR with one VEVENT (and the VTIMEZONE of tzid when
 * libical knows the zone) to out: CRLF line ends, lines folded at 75 octets
 * without splitting a UTF-8 sequence, METHOD PUBLISH or CANCEL.
 *
 * Text is written as given except that CR LF and lone CR become LF, and other
 * control characters (which RFC 5545 forbids in TEXT) are dropped.  A
 * cancelled event carries no alarm.
 *
 * Returns 0; ERR_INVALID with e->field naming the struct member when uid or
 * summary is empty, end <= start, a time is outside 1970..9999, text is not
 * valid UTF-8, the URL is not an http(s) URL or the e-mail address is
 * malformed; ERR_LIMIT when out would pass its maximum; ERR_FAIL when libical
 * fails.  On error out is left as it was.  Safe to call from several threads
 * (libical guards its time zone cache). */
int ics_render(const struct ics_event *ev, struct buf *out, struct err *e);

#endif

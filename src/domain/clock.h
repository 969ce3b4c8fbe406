/* clock: instants (Unix seconds, UTC) and a district's local time.
 *
 * Sessions are entered and shown in the district's time zone and stored as
 * UTC instants; the zone rules come from libical's copy of the IANA
 * database, which is safe to use from several threads. */
#ifndef CG_CLOCK_H
#define CG_CLOCK_H
#include <stdint.h>

#include "core/buf.h"
#include "core/err.h"

struct clock_local {
	int year, month, day;     /* month 1-12 */
	int hour, minute;
	int weekday;              /* 0 = Sunday */
};

/* "2026-12-03" and "18:30" in zone tzid → UTC instant.  ERR_INVALID with
 * e->field set to date_field or time_field when either does not parse. */
int clock_parse_local(const char *tzid, const char *date, const char *time, const char *date_field,
                      const char *time_field, int64_t *out, struct err *e);
void clock_to_local(const char *tzid, int64_t t, struct clock_local *out);
/* "2026-12-03" and "18:30" for form fields. */
void clock_format_date(const struct clock_local *l, char out[11]);
void clock_format_time(const struct clock_local *l, char out[6]);
/* "Thursday, December 3, 2026" / "jueves, 3 de diciembre de 2026". */
void clock_human_date(const struct clock_local *l, const char *lang, struct buf *out);
/* "6:30 PM" / "18:30". */
void clock_human_time(const struct clock_local *l, const char *lang, struct buf *out);
/* "Thursday, December 3, 2026, 6:00 PM – 7:30 PM" in one call. */
void clock_human_span(const char *tzid, int64_t start, int64_t end, const char *lang, struct buf *out);
/* The same from local times already converted. */
void clock_human_span_local(const struct clock_local *a, const struct clock_local *b, const char *lang,
                            struct buf *out);
/* ISO 8601 UTC "2026-12-04T00:00:00Z". */
void clock_iso(int64_t t, char out[21]);
/* Parses an RFC 3339 instant, as JavaScript's toISOString() writes it and
 * more: "2026-12-04T18:00:00Z", "2026-12-04T18:00:00.000Z",
 * "2026-12-04T12:00:00-06:00" (a fraction of up to nine digits is dropped;
 * 't', 'z' and a space for 'T' are accepted).  Seconds and an offset (Z or
 * ±HH:MM) are required.  Returns 0, or -1 leaving *out untouched. */
int clock_parse_rfc3339(const char *s, int64_t *out);
/* The same, seconds optional ("2026-12-04T00:00Z"), for the command line. */
int clock_parse_iso(const char *s, int64_t *out);

#endif

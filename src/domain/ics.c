/* ics: one session as an iCalendar object, built with libical.
 *
 * libical escapes TEXT values (\\ \; \, \n), quotes parameter values, folds
 * lines at 75 octets on UTF-8 boundaries and ends lines with CRLF; this file
 * validates the input, cleans control characters out of text and works
 * around three libical 3.0 quirks (see docs/internals/ics.md):
 * icaltime_from_timet_with_zone returns a UTC time whatever the zone,
 * DTSTART/DTEND get no TZID parameter by themselves, and builtin zones carry
 * a "/freeassociation.sourceforge.net/" TZID prefix and their whole history.
 */
#include "domain/ics.h"

#include <libical/ical.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/mem.h"
#include "core/str.h"

#define ICS_PRODID "-//Common Ground//Community Conversations//EN"
#define TIME_MAX INT64_C(253402300799)    /* 9999-12-31T23:59:59Z */
#define ALARM_MAX (366 * 24 * 60)         /* a year, in minutes */

/* A copy of s fit for a TEXT value: CR LF and lone CR become LF, other
 * control characters are dropped.  For a parameter value (param), LF and
 * TAB become spaces and '"' becomes '\'': a parameter cannot hold a double
 * quote, and the RFC 6868 ^' that libical would write instead is shown
 * as is by clients that do not know it.  s must be valid UTF-8 (bytes >=
 * 0x80 are copied as they are).  Free with mem_free. */
static char *clean_text(const char *s, bool param)
{
	size_t n = strlen(s), j = 0;
	char *t = mem_alloc(n + 1);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\r') {
			if (s[i + 1] == '\n')
				i++;
			c = '\n';
		}
		if (param && (c == '\n' || c == '\t'))
			c = ' ';
		if (param && c == '"')
			c = '\'';
		if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
			continue;
		t[j++] = (char)c;
	}
	t[j] = '\0';
	return t;
}

/* Whether s holds something besides white space and control characters. */
static bool has_text(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s > 0x20 && *s != 0x7f)
			return true;
	return false;
}

/* An optional text field: NULL is fine, anything else must be UTF-8. */
static int check_utf8(const char *s, const char *field, struct err *e)
{
	if (s && !utf8_valid(s, strlen(s)))
		return err_set(e, ERR_INVALID, field, "The text must be valid UTF-8.");
	return 0;
}

/* True when s is printable ASCII without space and without any of bad. */
static bool plain_ascii(const char *s, const char *bad)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c <= 0x20 || c >= 0x7f || strchr(bad, c))
			return false;
	}
	return true;
}

/* An absolute http or https URL with a host, in plain ASCII (a URI value
 * is written verbatim, so nothing in it may need escaping). */
static bool url_ok(const char *u)
{
	const char *rest;
	if (!strncasecmp(u, "https://", 8))
		rest = u + 8;
	else if (!strncasecmp(u, "http://", 7))
		rest = u + 7;
	else
		return false;
	return *rest && *rest != '/' && strlen(u) <= 2000 && plain_ascii(u, "\"<>\\^`{|}");
}

/* local@domain, ASCII, nothing that would need quoting or percent-encoding
 * in a mailto: URI. */
static bool email_ok(const char *s)
{
	const char *at = strchr(s, '@');
	return at && at != s && at[1] && !strchr(at + 1, '@') && strlen(s) <= 254 &&
	       plain_ascii(s, "\"(),:;<>[\\]%?#");
}

/* A name that may be handed to libical's zone lookup, which in 3.0 falls
 * back to reading /usr/share/zoneinfo/<name>: no absolute paths, no "..". */
static bool tzid_ok(const char *tz)
{
	size_t n = strlen(tz);
	if (n == 0 || n > 63 || tz[0] == '/' || strstr(tz, ".."))
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = tz[i];
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '/' || c == '_' || c == '-' || c == '+'))
			return false;
	}
	return true;
}

/* Checks every field; e->field names the first at fault. */
static int check_event(const struct ics_event *ev, struct err *e)
{
	const struct {
		const char *s, *field;
	} texts[] = {
		{ev->uid, "uid"},
		{ev->summary, "summary"},
		{ev->description, "description"},
		{ev->location, "location"},
		{ev->organizer_name, "organizer_name"},
	};
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		if (check_utf8(texts[i].s, texts[i].field, e))
			return ERR_INVALID;
	if (!ev->uid || !has_text(ev->uid))
		return err_set(e, ERR_INVALID, "uid", "The event needs a unique identifier.");
	if (!ev->summary || !has_text(ev->summary))
		return err_set(e, ERR_INVALID, "summary", "The event needs a title.");
	if (ev->start < 0 || ev->start > TIME_MAX)
		return err_set(e, ERR_INVALID, "start", "The start time must fall between 1970 and 9999.");
	if (ev->end < 0 || ev->end > TIME_MAX)
		return err_set(e, ERR_INVALID, "end", "The end time must fall between 1970 and 9999.");
	if (ev->end <= ev->start)
		return err_set(e, ERR_INVALID, "end", "The end time must come after the start time.");
	if (ev->dtstamp < 0 || ev->dtstamp > TIME_MAX)
		return err_set(e, ERR_INVALID, "dtstamp", "The time stamp must fall between 1970 and 9999.");
	if (ev->sequence < 0)
		return err_set(e, ERR_INVALID, "sequence", "The sequence number cannot be negative.");
	if (ev->alarm_minutes > ALARM_MAX)
		return err_set(e, ERR_INVALID, "alarm_minutes",
		               "A reminder can come at most a year (%d minutes) before the event.", ALARM_MAX);
	if (ev->url && *ev->url && !url_ok(ev->url))
		return err_set(e, ERR_INVALID, "url",
		               "The link must be a full http:// or https:// address without spaces.");
	if (ev->organizer_email && *ev->organizer_email && !email_ok(ev->organizer_email))
		return err_set(e, ERR_INVALID, "organizer_email",
		               "The organizer's e-mail address must look like name@example.org.");
	return 0;
}

/* The district's zone, or NULL to write UTC: unknown names, malformed names
 * and UTC itself (which needs no VTIMEZONE). */
static icaltimezone *find_zone(const char *tzid)
{
	if (!tzid || !tzid_ok(tzid))
		return NULL;
	icaltimezone *z = icaltimezone_get_builtin_timezone(tzid);
	if (!z || z == icaltimezone_get_utc_timezone() || !icaltimezone_get_component(z))
		return NULL;
	return z;
}

/* t as a UTC DATE-TIME (written with Z). */
static struct icaltimetype utc_time(int64_t t)
{
	return icaltime_from_timet_with_zone((time_t)t, 0, icaltimezone_get_utc_timezone());
}

/* A DTSTART or DTEND for instant t: local time with a TZID parameter
 * naming tzid when zone is set, else UTC.  libical 3.0's
 * icaltime_from_timet_with_zone converts but leaves the zone UTC, so convert
 * from UTC explicitly; and it never adds the TZID parameter itself. */
static icalproperty *zoned_time(icalproperty *(*make)(struct icaltimetype), int64_t t,
                                icaltimezone *zone, const char *tzid)
{
	if (!zone)
		return make(utc_time(t));
	icalproperty *p = make(icaltime_convert_to_zone(utc_time(t), zone));
	icalparameter *tp = icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER);
	if (tp)
		icalparameter_set_tzid(tp, tzid);
	else
		icalproperty_add_parameter(p, icalparameter_new_tzid(tzid));
	return p;
}

/* A copy of the zone's VTIMEZONE named tzid (without libical's prefix),
 * cut to the observances in force from `from` on: a full tzfile history
 * since 1883 is 5 KB that no client needs.  ms_compatible keeps the
 * current rules' original DTSTART, which Outlook expects. */
static icalcomponent *make_vtimezone(icaltimezone *zone, const char *tzid, int64_t from)
{
	icalcomponent *vtz = icalcomponent_new_clone(icaltimezone_get_component(zone));
	icalproperty *p = icalcomponent_get_first_property(vtz, ICAL_TZID_PROPERTY);
	if (p)
		icalproperty_set_tzid(p, tzid);
	else
		icalcomponent_add_property(vtz, icalproperty_new_tzid(tzid));
	icaltimezone_truncate_vtimezone(vtz, utc_time(from), icaltime_null_time(), 1);
	return vtz;
}

/* A DISPLAY alarm `minutes` before the start; RFC 5545 requires its
 * DESCRIPTION. */
static icalcomponent *make_alarm(int minutes, const char *text)
{
	struct icaltriggertype tr;
	memset(&tr, 0, sizeof(tr));
	tr.time = icaltime_null_time();
	tr.duration = icaldurationtype_from_int(-minutes * 60);
	icalcomponent *a = icalcomponent_new_valarm();
	icalcomponent_add_property(a, icalproperty_new_action(ICAL_ACTION_DISPLAY));
	icalcomponent_add_property(a, icalproperty_new_trigger(tr));
	icalcomponent_add_property(a, icalproperty_new_description(text));
	return a;
}

/* Adds a TEXT property made by make from a cleaned copy of s, unless s is
 * NULL or empty. */
static void add_text(icalcomponent *c, icalproperty *(*make)(const char *), const char *s)
{
	if (!s || !*s)
		return;
	char *t = clean_text(s, false);
	icalcomponent_add_property(c, make(t));
	mem_free(t);
}

/* ORGANIZER;CN=name:mailto:email; libical quotes the CN when it holds
 * ; : or ,. */
static icalproperty *make_organizer(const char *name, const char *email)
{
	struct buf b;
	buf_init(&b, 512);
	buf_adds(&b, "mailto:");
	buf_adds(&b, email);
	icalproperty *p = icalproperty_new_organizer(b.p);
	buf_release(&b);
	if (name && has_text(name)) {
		char *cn = clean_text(name, true);
		icalproperty_add_parameter(p, icalparameter_new_cn(cn));
		mem_free(cn);
	}
	return p;
}

/* The VEVENT itself. */
static icalcomponent *make_vevent(const struct ics_event *ev, icaltimezone *zone, int64_t stamp)
{
	icalcomponent *v = icalcomponent_new_vevent();
	char *summary = clean_text(ev->summary, false);
	add_text(v, icalproperty_new_uid, ev->uid);
	icalcomponent_add_property(v, icalproperty_new_sequence(ev->sequence));
	icalcomponent_add_property(v, icalproperty_new_dtstamp(utc_time(stamp)));
	icalcomponent_add_property(v, zoned_time(icalproperty_new_dtstart, ev->start, zone, ev->tzid));
	icalcomponent_add_property(v, zoned_time(icalproperty_new_dtend, ev->end, zone, ev->tzid));
	icalcomponent_add_property(v, icalproperty_new_summary(summary));
	add_text(v, icalproperty_new_description, ev->description);
	add_text(v, icalproperty_new_location, ev->location);
	if (ev->url && *ev->url)
		icalcomponent_add_property(v, icalproperty_new_url(ev->url));
	if (ev->organizer_email && *ev->organizer_email)
		icalcomponent_add_property(v, make_organizer(ev->organizer_name, ev->organizer_email));
	icalcomponent_add_property(v, icalproperty_new_status(ev->cancelled ? ICAL_STATUS_CANCELLED
	                                                                    : ICAL_STATUS_CONFIRMED));
	if (ev->alarm_minutes > 0 && !ev->cancelled)
		icalcomponent_add_component(v, make_alarm(ev->alarm_minutes, summary));
	mem_free(summary);
	return v;
}

int ics_render(const struct ics_event *ev, struct buf *out, struct err *e)
{
	int rc = check_event(ev, e);
	if (rc)
		return rc;
	icaltimezone *zone = find_zone(ev->tzid);
	int64_t stamp = ev->dtstamp ? ev->dtstamp : (int64_t)time(NULL);

	icalcomponent *cal = icalcomponent_new_vcalendar();
	icalcomponent_add_property(cal, icalproperty_new_prodid(ICS_PRODID));
	icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
	icalcomponent_add_property(cal, icalproperty_new_calscale("GREGORIAN"));
	icalcomponent_add_property(cal, icalproperty_new_method(ev->cancelled ? ICAL_METHOD_CANCEL
	                                                                      : ICAL_METHOD_PUBLISH));
	if (zone)
		icalcomponent_add_component(cal, make_vtimezone(zone, ev->tzid, ev->start));
	icalcomponent_add_component(cal, make_vevent(ev, zone, stamp));

	char *text = icalcomponent_as_ical_string_r(cal);
	if (!text)
		rc = err_set(e, ERR_FAIL, NULL, "The calendar file could not be written.");
	else if (buf_adds(out, text) < 0)
		rc = err_set(e, ERR_LIMIT, NULL, "The calendar file is too large.");
	icalmemory_free_buffer(text);
	icalcomponent_free(cal);
	return rc;
}

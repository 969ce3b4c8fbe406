/* domain/plan.c, domain/registration.c, domain/clock.c: planning rules,
 * seats, private links and when each message is due. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <sodium.h>
#include <string.h>

#include "core/arena.h"
#include "domain/clock.h"
#include "domain/contact.h"
#include "domain/plan.h"
#include "domain/registration.h"

static struct session base_session(void)
{
	return (struct session){.format = "in_person", .venue_name = "Library", .venue_address = "1 Main St",
	                        .access_notes = "", .platform = "", .join_url = "", .language = "en",
	                        .interpretation = "es", .starts_at = 1000000, .ends_at = 1005400, .capacity = 20,
	                        .reserved_seats = 4, .registration_open = true, .wheelchair_access = true,
	                        .transit_access = true};
}

static void sessions_are_checked(void **state)
{
	struct err e;
	struct session s = base_session();
	assert_int_equal(session_check(&s, 0, &e), 0);
	s.ends_at = s.starts_at;
	assert_int_equal(session_check(&s, 0, &e), ERR_INVALID);
	/* The rules name the table's field; a form renames it (end_time). */
	assert_string_equal(e.field, "ends_at");
	field_err_form(session_fields, &e);
	assert_string_equal(e.field, "end_time");
	s = base_session();
	s.venue_name = "Library\r\nBcc: x@example.org";
	assert_int_equal(session_check(&s, 0, &e), ERR_INVALID);
	assert_string_equal(e.field, "venue_name");
	s = base_session();
	assert_int_equal(session_check(&s, 21, &e), ERR_INVALID);
	assert_string_equal(e.field, "capacity");
	assert_non_null(strstr(e.msg, "21"));
	s = base_session();
	s.format = "virtual";
	assert_int_equal(session_check(&s, 0, &e), ERR_INVALID);
	assert_string_equal(e.field, "join_url");
	s.join_url = "javascript:alert(1)";
	assert_int_equal(session_check(&s, 0, &e), ERR_INVALID);
	s.join_url = "https://zoom.example.org/j/1";
	assert_int_equal(session_check(&s, 0, &e), 0);
	s = base_session();
	s.venue_name = "  ";
	assert_int_equal(session_check(&s, 0, &e), ERR_INVALID);
	assert_string_equal(e.field, "venue_name");
	s = base_session();
	s.reserved_seats = 21;
	assert_int_equal(session_check(&s, 0, &e), ERR_INVALID);
	assert_string_equal(e.field, "reserved_seats");
	s = base_session();
	s.interpretation = "spanish";
	assert_int_equal(session_check(&s, 0, &e), ERR_INVALID);
	assert_string_equal(e.field, "interpretation");
}

static void moves_are_noticed(void **state)
{
	struct session a = base_session(), b = base_session();
	assert_false(session_moved(&a, &b));
	b.capacity = 30;
	assert_false(session_moved(&a, &b)); /* more seats is not a move */
	b.starts_at += 3600;
	assert_true(session_moved(&a, &b));
	b = base_session();
	b.venue_address = "2 Main St";
	assert_true(session_moved(&a, &b));
}

static void checklist_names_what_is_missing(void **state)
{
	struct conversation c = {.title = "T", .managed_by = "partner", .partner_name = "CBO", .partner_duties = "",
	                         .facilitator = "", .planned_reserved = 6, .status = "planning"};
	struct session s = base_session();
	s.transit_access = false;
	struct session_demand d = {.confirmed = 3, .need_childcare = 2};
	memcpy(d.interpretation, "es,vi", 6);
	struct buf items;
	buf_init(&items, 8192);
	int n = plan_checklist(&c, &s, 1, &d, &items);
	assert_non_null(strstr(items.p, "No facilitator"));
	assert_non_null(strstr(items.p, "No stakeholder group"));
	assert_non_null(strstr(items.p, "public transit"));
	assert_non_null(strstr(items.p, "interpretation into vi"));
	assert_null(strstr(items.p, "interpretation into es")); /* es is offered */
	assert_non_null(strstr(items.p, "2 registrants asked for childcare"));
	assert_non_null(strstr(items.p, "reserves 6 seats"));
	assert_non_null(strstr(items.p, "duties"));
	assert_int_equal(n, 8);
	c.facilitator = "Ana";
	c.group_id = 1;
	c.protocol_id = 1;
	c.partner_duties = "invite";
	c.planned_reserved = 4;
	s.transit_access = true;
	s.childcare = true;
	s.interpretation = "es,vi";
	buf_reset(&items);
	assert_int_equal(plan_checklist(&c, &s, 1, &d, &items), 0);
	buf_release(&items);
}

static void conversations_are_checked(void **state)
{
	struct err e;
	struct conversation c = {.initiative_id = 1, .title = "Devices", .objective = "", .managed_by = "district",
	                         .partner_name = "", .partner_duties = "", .facilitator = "",
	                         .compensation_kind = "stipend", .compensation_cents = 2500, .status = "planning"};
	assert_int_equal(conversation_check(&c, &e), 0);
	c.managed_by = "partner";
	assert_int_equal(conversation_check(&c, &e), ERR_INVALID);
	assert_string_equal(e.field, "partner_name");
	c.partner_name = "La Familia";
	c.partner_duties = "invite,teleport";
	assert_int_equal(conversation_check(&c, &e), ERR_INVALID);
	assert_string_equal(e.field, "partner_duties");
	c.partner_duties = "invite, record";
	assert_int_equal(conversation_check(&c, &e), 0);
	assert_true(conversation_has_duty(&c, "record"));
	assert_false(conversation_has_duty(&c, "facilitate"));
	c.compensation_cents = -1;
	assert_int_equal(conversation_check(&c, &e), ERR_INVALID);
	c.compensation_cents = 0;
	c.title = "Devices\r\nBcc: everyone@example.org"; /* it goes into e-mail subjects */
	assert_int_equal(conversation_check(&c, &e), ERR_INVALID);
	assert_string_equal(e.field, "title");
}

static void registrations_are_normalised(void **state)
{
	struct arena a;
	arena_init(&a);
	struct err e;
	struct registration r = {.name = "  Rosa Martínez ", .email = "Rosa@Example.NET", .phone = "(512) 555-0101",
	                         .language = "es"};
	assert_int_equal(registration_check(&r, &a, "en,es", &e), 0);
	assert_string_equal(r.name, "Rosa Martínez");
	assert_string_equal(r.email, "rosa@example.net");
	assert_string_equal(r.phone, "15125550101");
	assert_string_equal(r.person_key, "e:rosa@example.net");
	struct registration p = {.name = "Tom", .email = "", .phone = "512.555.0199", .language = "en"};
	assert_int_equal(registration_check(&p, &a, "en,es", &e), 0);
	assert_string_equal(p.person_key, "p:15125550199");
	struct registration bad = {.name = "Tom", .email = "", .phone = "", .language = "en"};
	assert_int_equal(registration_check(&bad, &a, "en,es", &e), ERR_INVALID);
	assert_string_equal(e.field, "email");
	bad.email = "tom@";
	assert_int_equal(registration_check(&bad, &a, "en,es", &e), ERR_INVALID);
	bad.email = "tom@example.org";
	bad.language = "fr";
	assert_int_equal(registration_check(&bad, &a, "en,es", &e), ERR_INVALID);
	assert_string_equal(e.field, "language");
	bad.language = "en";
	bad.phone = "555-CALL-NOW";
	assert_int_equal(registration_check(&bad, &a, "en,es", &e), ERR_INVALID);
	assert_string_equal(e.field, "phone");
	bad.phone = "";
	bad.name = "";
	assert_int_equal(registration_check(&bad, &a, "en,es", &e), ERR_INVALID);
	assert_string_equal(e.field, "name");
	bad.name = "Tom\r\nBcc: all@example.org";
	assert_int_equal(registration_check(&bad, &a, "en,es", &e), ERR_INVALID);
	assert_string_equal(e.field, "name");
	bad.name = "Tom";
	bad.need_other = "a ramp\nplease";
	assert_int_equal(registration_check(&bad, &a, "en,es", &e), ERR_INVALID);
	assert_string_equal(e.field, "need_other");
	/* An imported contact's wrapped name is one line. */
	struct contact c = {.name = "Multi\r\nLine", .email = "ml@example.org", .phone = "", .language = "en"};
	assert_int_equal(contact_check(&c, &a, "en,es", &e), 0);
	assert_string_equal(c.name, "Multi Line");
	arena_free(&a);
}

static void seats_respect_reservations(void **state)
{
	/* capacity 10, 3 reserved for invited people */
	assert_string_equal(registration_seat(10, 3, 0, 0, false), "confirmed");
	assert_string_equal(registration_seat(10, 3, 6, 0, false), "confirmed");
	assert_string_equal(registration_seat(10, 3, 7, 0, false), "waitlisted");
	assert_string_equal(registration_seat(10, 3, 7, 0, true), "confirmed");
	assert_string_equal(registration_seat(10, 3, 7, 2, true), "confirmed");
	assert_string_equal(registration_seat(10, 3, 7, 3, true), "waitlisted");
	/* once invited people hold their seats, the reservation is used up */
	assert_string_equal(registration_seat(10, 3, 6, 3, false), "confirmed");
	assert_string_equal(registration_seat(1, 0, 1, 0, false), "waitlisted");
}

static void private_links_are_genuine(void **state)
{
	unsigned char secret[32], other[32];
	randombytes_buf(secret, sizeof(secret));
	randombytes_buf(other, sizeof(other));
	char tok[REGISTRATION_TOKEN_MAX];
	int64_t id = 0;
	registration_token(secret, 42, tok);
	assert_int_equal(strncmp(tok, "42-", 3), 0);
	assert_int_equal(registration_token_check(secret, tok, &id), 0);
	assert_int_equal(id, 42);
	assert_int_equal(registration_token_check(other, tok, &id), -1);
	char forged[REGISTRATION_TOKEN_MAX];
	memcpy(forged, tok, sizeof(forged));
	forged[0] = '4';
	forged[1] = '3'; /* another id with the same MAC */
	assert_int_equal(registration_token_check(secret, forged, &id), -1);
	assert_int_equal(registration_token_check(secret, "42", &id), -1);
	assert_int_equal(registration_token_check(secret, "-abc", &id), -1);
	assert_int_equal(registration_token_check(secret, "", &id), -1);
}

static void messages_are_decided_when_due(void **state)
{
	const int64_t start = 1000000, end = start + 5400, H = 3600;
	struct registration r = {.status = "confirmed", .created_at = start - 72 * H};
	const char *why;
	assert_int_equal(message_decide(MSG_DAY_BEFORE, &r, start, end, start - 25 * H, &why), MSG_WAIT);
	assert_int_equal(message_decide(MSG_DAY_BEFORE, &r, start, end, start - 24 * H, &why), MSG_SEND);
	assert_int_equal(message_decide(MSG_DAY_OF, &r, start, end, start - 4 * H, &why), MSG_WAIT);
	assert_int_equal(message_decide(MSG_DAY_OF, &r, start, end, start - 2 * H, &why), MSG_SEND);
	/* Too late: the session started before the job ran. */
	assert_int_equal(message_decide(MSG_DAY_OF, &r, start, end, start + 60, &why), MSG_SKIP);
	assert_non_null(strstr(why, "started"));
	/* Registered on the day: no "tomorrow" reminder, but today's. */
	struct registration late = {.status = "confirmed", .created_at = start - 10 * H};
	assert_int_equal(message_decide(MSG_DAY_BEFORE, &late, start, end, start - 9 * H, &why), MSG_SKIP);
	assert_non_null(strstr(why, "after"));
	assert_int_equal(message_decide(MSG_DAY_OF, &late, start, end, start - 2 * H, &why), MSG_SEND);
	/* Cancelled or waiting: nothing. */
	struct registration gone = {.status = "cancelled", .created_at = start - 72 * H};
	assert_int_equal(message_decide(MSG_DAY_BEFORE, &gone, start, end, start - 20 * H, &why), MSG_SKIP);
	assert_non_null(strstr(why, "cancelled"));
	struct registration wait = {.status = "waitlisted", .created_at = start - 72 * H};
	assert_int_equal(message_decide(MSG_THANK_YOU, &wait, start, end, end + 3 * H, &why), MSG_SKIP);
	/* Thank-you after the end, not years later. */
	assert_int_equal(message_decide(MSG_THANK_YOU, &r, start, end, end + H, &why), MSG_WAIT);
	assert_int_equal(message_decide(MSG_THANK_YOU, &r, start, end, end + 2 * H, &why), MSG_SEND);
	assert_int_equal(message_decide(MSG_THANK_YOU, &r, start, end, end + 30 * 24 * H, &why), MSG_SKIP);
	assert_int_equal(message_retry_delay(1), 60);
	assert_int_equal(message_retry_delay(2), 300);
	assert_int_equal(message_retry_delay(99), 180 * 60);
	assert_int_equal(message_kind_parse("day_before"), MSG_DAY_BEFORE);
	assert_int_equal(message_kind_parse("nope"), -1);
}

static void local_times_convert(void **state)
{
	struct err e;
	int64_t t;
	/* 18:00 in Chicago on 2026-12-03 (CST, UTC-6) is 00:00 UTC the next day. */
	assert_int_equal(clock_parse_local("America/Chicago", "2026-12-03", "18:00", "date", "start", &t, &e), 0);
	char iso[21];
	clock_iso(t, iso);
	assert_string_equal(iso, "2026-12-04T00:00:00Z");
	/* In July (CDT, UTC-5). */
	assert_int_equal(clock_parse_local("America/Chicago", "2026-07-01", "09:30", "date", "start", &t, &e), 0);
	clock_iso(t, iso);
	assert_string_equal(iso, "2026-07-01T14:30:00Z");
	struct clock_local l;
	clock_to_local("America/Chicago", t, &l);
	assert_int_equal(l.hour, 9);
	assert_int_equal(l.minute, 30);
	assert_int_equal(l.weekday, 3); /* Wednesday */
	assert_int_equal(clock_parse_local("America/Chicago", "2026-02-30", "10:00", "date", "start", &t, &e), ERR_INVALID);
	assert_string_equal(e.field, "date");
	assert_int_equal(clock_parse_local("America/Chicago", "2026-02-03", "25:00", "date", "start", &t, &e), ERR_INVALID);
	assert_string_equal(e.field, "start");
	struct buf b;
	buf_init(&b, 256);
	clock_human_span("America/Chicago", 1796342400, 1796347800, "en", &b); /* 2026-12-04T00:00Z + 1.5 h */
	assert_string_equal(b.p, "Thursday, December 3, 2026, 6:00 PM – 7:30 PM");
	buf_reset(&b);
	clock_human_span("America/Chicago", 1796342400, 1796347800, "es", &b);
	assert_string_equal(b.p, "jueves, 3 de diciembre de 2026, 18:00 – 19:30");
	buf_reset(&b);
	clock_human_span("America/Chicago", 1796342400, 1796347800, "vi", &b);
	assert_string_equal(b.p, "Thứ Năm, ngày 3 tháng 12 năm 2026, 18:00 – 19:30");
	buf_reset(&b);
	clock_human_span("America/Chicago", 1796342400, 1796347800, "zh-Hans", &b);
	assert_string_equal(b.p, "2026年12月3日 星期四 18:00 – 19:30");
	buf_reset(&b);
	clock_human_span("America/Chicago", 1796342400, 1796347800, "ar", &b);
	assert_string_equal(b.p, "الخميس، 3 ديسمبر 2026، 18:00 – 19:30");
	buf_reset(&b);
	clock_human_span("America/Chicago", 1796342400, 1796347800, "fr", &b);
	assert_string_equal(b.p, "Thursday, December 3, 2026, 6:00 PM – 7:30 PM");
	buf_release(&b);
	int64_t back;
	assert_int_equal(clock_parse_iso("2026-12-04T00:00:00Z", &back), 0);
	assert_int_equal(back, 1796342400);
	assert_int_equal(clock_parse_iso("2026-12-04T00:00Z", &back), 0);
	assert_int_equal(clock_parse_iso("2026-12-04 00:00:00", &back), -1);
	assert_int_equal(clock_parse_iso("2026-13-04T00:00:00Z", &back), -1);
}

/* RFC 3339 as browsers write it (toISOString) and as people do. */
static void rfc3339_instants_parse(void **state)
{
	static const struct {
		const char *in;
		int rc;
		int64_t t;
	} cases[] = {
		{"2026-12-04T18:00:00Z", 0, 1796407200},
		{"2026-12-04T18:00:00.000Z", 0, 1796407200},
		{"2026-12-04T18:00:00.5Z", 0, 1796407200},
		{"2026-12-04T18:00:00.123456789Z", 0, 1796407200},
		{"2026-12-04T12:00:00-06:00", 0, 1796407200},
		{"2026-12-04T12:00:00.000-06:00", 0, 1796407200},
		{"2026-12-05T03:30:00+09:30", 0, 1796407200},
		{"2026-12-04T18:00:00+00:00", 0, 1796407200},
		{"2026-12-04t18:00:00z", 0, 1796407200},
		{"2026-12-04 18:00:00Z", 0, 1796407200},
		{"2026-12-31T23:30:00-01:00", 0, 1798763400},   /* into the next year */
		{"2028-02-29T00:00:00Z", 0, 1835395200},        /* a leap day */
		{"2026-12-04T18:00Z", -1, 0},                   /* seconds are required */
		{"2026-12-04T18:00:00", -1, 0},                 /* so is an offset */
		{"2026-12-04", -1, 0},
		{"2026-12-04T18:00:00.Z", -1, 0},
		{"2026-12-04T18:00:00.1234567890Z", -1, 0},
		{"2026-12-04T18:00:00+0600", -1, 0},
		{"2026-12-04T18:00:00+24:00", -1, 0},
		{"2026-12-04T18:00:00+06:60", -1, 0},
		{"2026-12-04T18:00:00ZZ", -1, 0},
		{"2026-12-04T18:00:00Z ", -1, 0},
		{"2026-02-29T00:00:00Z", -1, 0},
		{"2026-13-01T00:00:00Z", -1, 0},
		{"2026-12-04T24:00:00Z", -1, 0},
		{"2026-12-04T18:60:00Z", -1, 0},
		{"+2026-12-04T18:00:00Z", -1, 0},
		{"", -1, 0},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int64_t t = 42;
		int rc = clock_parse_rfc3339(cases[i].in, &t);
		if (rc != cases[i].rc)
			fail_msg("%s: %d", cases[i].in, rc);
		assert_int_equal(t, cases[i].rc == 0 ? cases[i].t : 42);
	}
	int64_t t = 42;
	assert_int_equal(clock_parse_rfc3339(NULL, &t), -1);
	/* What the API answers reads back as the same instant, in UTC. */
	char iso[21];
	clock_iso(1796407200, iso);
	assert_string_equal(iso, "2026-12-04T18:00:00Z");
	assert_int_equal(clock_parse_rfc3339(iso, &t), 0);
	assert_int_equal(t, 1796407200);
}

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sessions_are_checked),
		cmocka_unit_test(moves_are_noticed),
		cmocka_unit_test(checklist_names_what_is_missing),
		cmocka_unit_test(conversations_are_checked),
		cmocka_unit_test(registrations_are_normalised),
		cmocka_unit_test(seats_respect_reservations),
		cmocka_unit_test(private_links_are_genuine),
		cmocka_unit_test(messages_are_decided_when_due),
		cmocka_unit_test(local_times_convert),
		cmocka_unit_test(rfc3339_instants_parse),
	};
	return cmocka_run_group_tests_name("plan", tests, NULL, NULL);
}

/* Unit tests for domain/redact. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/mem.h"
#include "domain/redact.h"
#include "unit/fixture.h"
#include "unit/redact_table.h"

/* The people of the conversations below. */
static const char *const people[] = {
	"María José García López",
	"Tom O'Neil",
	"Lee Ann Park",
	"Hope Martínez",
	"Will Park",
	"Grace Kim",
	"Mark Ellis",
	"Bill Nguyen",
	"June Carter",
	"Rose Thompson",
	"Paz Ortega",
	"Luz Hernández",
	"Dolores Ruiz",
	"Rosario Vega",
	"Amparo Soto",
	"Consuelo Díaz",
	"Pilar Romero",
	"Juan de la Cruz",
	"Ana del Río",
	"Pieter van der Berg",
	"Jean-Luc Picard",
	"D'Angelo Brooks",
};

static int setup(void **state)
{
	return redact_setup(state, people, sizeof(people) / sizeof(*people));
}

#define RUN(state, t) run_table(state, t, sizeof(t) / sizeof(*(t)))

static void test_full_names(void **state)
{
	static const struct tcase t[] = {
		{"María José García López spoke first.", "[NAME] spoke first."},
		{"Maria Jose Garcia Lopez spoke first.", "[NAME] spoke first."},
		{"MARÍA JOSÉ GARCÍA LÓPEZ", "[NAME]"},
		{"Señora García López dijo que sí.", "Señora [NAME] dijo que sí."},
		{"María García came late.", "[NAME] came late."},
		{"Ask García or López.", "Ask [NAME] or [NAME]."},
		{"Lee Ann Park", "[NAME]"},
		{"Lee Ann said no.", "[NAME] said no."},
		{"Tom O'Neil and Tom", "[NAME] and [NAME]"},
		{"María, Tom and Lee met.", "[NAME], [NAME] and [NAME] met."},
		{"Tom\nLee", "[NAME]\n[NAME]"},
		{"María-José came.", "[NAME] came."},
		{"Tom O'Neil-García", "[NAME]"},
		{"García-López", "[NAME]"},
		{"Paz Will", "[NAME]"},
	};

	RUN(state, t);
}

static void test_boundaries_possessives(void **state)
{
	static const struct tcase t[] = {
		{"Tom's idea", "[NAME]'s idea"},
		{"Tom’s idea", "[NAME]’s idea"},
		{"O'Neil's son", "[NAME]'s son"},
		{"Tomato soup for Tom.", "Tomato soup for [NAME]."},
		{"Tommy and Atom", "[NAME] and Atom"},
		{"tom2 is a login", "tom2 is a login"},
		{"(Tom)", "([NAME])"},
		{"\"Tom,\" she said", "\"[NAME],\" she said"},
		{"tom_oneil", "[NAME]_[NAME]"},
	};

	RUN(state, t);
}

static void test_ordinary_word_names_english(void **state)
{
	static const struct tcase t[] = {
		{"I hope we can.", "I hope we can."},
		{"We will see.", "We will see."},
		{"Hope said the bus is late.", "[NAME] said the bus is late."},
		{"Hope we can fix it.", "Hope we can fix it."},
		{"Then Hope arrived.", "Then [NAME] arrived."},
		{"Hope Martínez arrived.", "[NAME] arrived."},
		{"Hope, can you read it?", "[NAME], can you read it?"},
		{"Hope: the buses are full.", "[NAME]: the buses are full."},
		{"Hope's plan works.", "[NAME]'s plan works."},
		{"hope martínez came", "[NAME] came"},
		{"We talked to Will.", "We talked to [NAME]."},
		{"Will you come?", "Will you come?"},
		{"Will said yes.", "[NAME] said yes."},
		{"Will Park said yes.", "[NAME] said yes."},
		{"we will park here", "we will park here"},
		{"The park is closed.", "The park is closed."},
		{"We met Ms. Park.", "We met Ms. [NAME]."},
		{"by the grace of", "by the grace of"},
		{"Grace Kim", "[NAME]"},
		{"Mark my words.", "Mark my words."},
		{"ask Mark about it", "ask [NAME] about it"},
		{"the bill passed", "the bill passed"},
		{"Bill said so.", "[NAME] said so."},
		{"In June we meet.", "In June we meet."},
		{"The meeting is on June 12.", "The meeting is on June 12."},
		{"June Carter said so.", "[NAME] said so."},
		{"ask June about it", "ask [NAME] about it"},
		{"June, can you?", "[NAME], can you?"},
		{"a rose garden", "a rose garden"},
		{"Rose Thompson", "[NAME]"},
		{"the Will of the people", "the Will of the people"},
		{"I HOPE WE CAN", "I HOPE WE CAN"},
		{"notes by HOPE", "notes by [NAME]"},
		{"Dr. Will", "Dr. [NAME]"},
		/* After a relation, in lower case: a name that is a word is the
		 * name before a pause or "said", the verb before its object. */
		{"my daughter hope said no", "my daughter [NAME] said no"},
		{"The kids love it.", "The kids love it."},
		{"my kids hope to go", "my kids hope to go"},
		{"The kids wait in front of my house", "The kids wait in front of my house"},
		{"mi comadre rosa elena siempre está", "mi comadre [NAME] siempre está"},
	};

	RUN(state, t);
}

static void test_ordinary_word_names_spanish(void **state)
{
	static const struct tcase t[] = {
		{"la paz de la comunidad", "la paz de la comunidad"},
		{"Queremos paz.", "Queremos paz."},
		{"la luz del salón", "la luz del salón"},
		{"Paz dijo que sí.", "[NAME] dijo que sí."},
		{"Paz Ortega llegó.", "[NAME] llegó."},
		{"Hablé con Luz ayer.", "Hablé con [NAME] ayer."},
		{"Dolores de cabeza, otra vez.", "Dolores de cabeza, otra vez."},
		{"tengo dolores de espalda", "tengo dolores de espalda"},
		{"el rosario de mi abuela", "el rosario de mi abuela"},
		{"Doña Rosario habló.", "Doña [NAME] habló."},
		{"Sra. Paz dijo", "Sra. [NAME] dijo"},
		{"con amparo legal", "con amparo legal"},
		{"gracias, Amparo.", "gracias, [NAME]."},
		{"un consuelo", "un consuelo"},
		{"el pilar de la escuela", "el pilar de la escuela"},
		{"Pilar Romero", "[NAME]"},
		{"¿Consuelo vino?", "¿[NAME] vino?"},
		{"¿Vino Consuelo?", "¿Vino [NAME]?"},
		{"la vega del río", "la vega del río"},
	};

	RUN(state, t);
}

static void test_particles_hyphens_apostrophes(void **state)
{
	static const struct tcase t[] = {
		{"Juan de la Cruz", "[NAME]"},
		{"la señora de la Cruz", "la señora [NAME]"},
		{"la cruz roja", "la cruz roja"},
		{"Cruz dijo que no.", "[NAME] dijo que no."},
		{"Ana del Río habló.", "[NAME] habló."},
		{"cerca del río", "cerca del río"},
		{"La maestra del Río", "La maestra [NAME]"},
		{"Mr. Van der Berg", "Mr. [NAME]"},
		{"van der berg", "[NAME]"},
		{"Berg said", "[NAME] said"},
		{"a van", "a van"},
		{"Jean-Luc", "[NAME]"},
		{"Jean Luc", "[NAME]"},
		{"Luc and Jean", "[NAME] and [NAME]"},
		{"Jean-Luc's car", "[NAME]'s car"},
		{"D'Angelo", "[NAME]"},
		{"D’Angelo said", "[NAME] said"},
		{"Angelo came.", "[NAME] came."},
		{"Brooks said", "[NAME] said"},
		{"by the brooks", "by the brooks"},
	};

	RUN(state, t);
}

static void test_emails(void **state)
{
	static const struct tcase t[] = {
		{"write to ana@example.org.", "write to [EMAIL]."},
		{"Ana.Garcia+pta@Schools.Example.EDU", "[EMAIL]"},
		{"(tom.o-neil_2@mail.example.co.uk)", "([EMAIL])"},
		{"ANA@EXAMPLE.ORG, thanks", "[EMAIL], thanks"},
		{"tom.oneil@example.org", "[EMAIL]"},
		{"<maría@ejemplo.mx>", "<[EMAIL]>"},
		{"mail:a@b.io;b@c.io", "mail:[EMAIL];[EMAIL]"},
		{"user@localhost", "user@localhost"},
		{"@handle on social", "@handle on social"},
		{"a@b.c", "a@b.c"},
		{"at @ noon", "at @ noon"},
		{"x@example.org5", "x@example.org5"},
		{"...@example.org", "...@example.org"},
	};

	RUN(state, t);
}

static void test_phones(void **state)
{
	static const struct tcase t[] = {
		{"Call 512-555-0199.", "Call [PHONE]."},
		{"(512) 555-0199", "[PHONE]"},
		{"512.555.0199", "[PHONE]"},
		{"+1 512 555 0199", "[PHONE]"},
		{"+1 (512) 555-0199", "[PHONE]"},
		{"5125550199", "[PHONE]"},
		{"1-800-555-0199", "[PHONE]"},
		{"555-0199", "[PHONE]"},
		{"+52 55 1234 5678", "[PHONE]"},
		{"55 1234 5678", "[PHONE]"},
		{"+34 612 34 56 78", "[PHONE]"},
		{"tel:+15125550199", "tel:[PHONE]"},
		{"call 3 512-555-0199 now", "call 3 [PHONE] now"},
		{"In 2025 we", "In 2025 we"},
		{"at 10:30 today", "at 10:30 today"},
		{"costs $1,250 now", "costs $1,250 now"},
		{"€1.250.000", "€1.250.000"},
		{"45% of families", "45% of families"},
		{"on 12/03/2026", "on 12/03/2026"},
		{"on 12.03.2026 and 2026-03-12", "on 12.03.2026 and 2026-03-12"},
		{"zip 78701 or 78701-1234", "zip 78701 or 78701-1234"},
		{"2024-2025 school year", "2024-2025 school year"},
		{"3 kids, 12 buses", "3 kids, 12 buses"},
		{"Room 101 at 192.168.1.10", "Room 101 at 192.168.1.10"},
		{"id A512-555-0199", "id A512-555-0199"},
		{"100 200 300", "100 200 300"},
		{"555 0199", "555 0199"},
	};

	RUN(state, t);
}

static void test_addresses(void **state)
{
	static const struct tcase t[] = {
		{"She lives at 1200 E Main St.", "She lives at [ADDRESS]."},
		{"1200 E Main St. near the school", "[ADDRESS] near the school"},
		{"1200 E Main St, Apt 4B", "[ADDRESS]"},
		{"42 Oak Lane #12 is blue", "[ADDRESS] is blue"},
		{"77 Martin Luther King Jr Blvd", "[ADDRESS]"},
		{"300 W 5th Street", "[ADDRESS]"},
		{"9 Elm Ct NW, Suite 200", "[ADDRESS]"},
		{"12 Rose Lane", "[ADDRESS]"},
		{"Calle 5 de Mayo 123", "[ADDRESS]"},
		{"Avenida Juárez 45", "[ADDRESS]"},
		{"Av. Reforma 222, Int. 4", "[ADDRESS]"},
		{"vivo en la calle Hidalgo 45 con mis hijos", "vivo en la [ADDRESS] con mis hijos"},
		{"Calle Hidalgo #12", "[ADDRESS]"},
		{"Calle Hidalgo No. 12, Col. Centro", "[ADDRESS], Col. Centro"},
		{"C/ Mayor 5", "[ADDRESS]"},
		{"I have 3 kids.", "I have 3 kids."},
		{"2 buses a day", "2 buses a day"},
		{"the 5 of us", "the 5 of us"},
		{"I walked 2 blocks down the road", "I walked 2 blocks down the road"},
		{"In 2025 Main Street closed.", "In 2025 Main Street closed."},
		{"la calle 5 de Mayo está cerrada", "la calle 5 de Mayo está cerrada"},
		{"3 Main", "3 Main"},
	};

	RUN(state, t);
}

static void test_stats(void **state)
{
	struct state *s = *state;
	struct redact_stats st = {9, 9, 9, 9};
	const char *got = redact(&s->a, s->names,
				 "Tom O'Neil (tom@example.org, 512-555-0199) lives at 42 Oak Lane; "
				 "Paz too, at Calle Hidalgo 45, tel. +52 55 1234 5678.", &st);

	assert_string_equal(got, "[NAME] ([EMAIL], [PHONE]) lives at [ADDRESS]; "
			    "[NAME] too, at [ADDRESS], tel. [PHONE].");
	assert_int_equal(st.names, 2);
	assert_int_equal(st.emails, 1);
	assert_int_equal(st.phones, 2);
	assert_int_equal(st.addresses, 2);
	/* Nothing to find: zeros. */
	redact(&s->a, s->names, "nothing here", &st);
	assert_int_equal(st.names + st.emails + st.phones + st.addresses, 0);
}

static void test_placeholders_not_rematched(void **state)
{
	struct state *s = *state;
	const char *const odd[] = {"Email Name", "Phone Address"};
	struct redact_names *rn = redact_names_new(&s->a, odd, 2);
	struct redact_stats st;
	const char *got = redact(&s->a, rn, "[NAME] and [EMAIL] wrote to Name; [PHONE], [ADDRESS], Phone.",
				 &st);

	assert_string_equal(got, "[NAME] and [EMAIL] wrote to [NAME]; [PHONE], [ADDRESS], [NAME].");
	assert_int_equal(st.names, 2);
	assert_int_equal(st.emails + st.phones + st.addresses, 0);
}

static void test_null_and_odd_names(void **state)
{
	struct state *s = *state;
	const char *const odd[] = {NULL, "", "bad \xff name", "  ", "Bo", "X"};
	struct redact_names *rn = redact_names_new(&s->a, odd, 6);

	/* No names at all: the rest is still redacted. */
	assert_string_equal(redact(&s->a, NULL, "Write at tom@example.org", NULL), "Write at [EMAIL]");
	assert_string_equal(redact(&s->a, redact_names_new(&s->a, NULL, 0), "Tom", NULL), "Tom");
	/* Bad entries are skipped; a short full name is still a name; a
	 * one-letter one is not. */
	assert_string_equal(redact(&s->a, rn, "Bo saw X and bad", NULL), "[NAME] saw X and bad");
}

static void test_invalid_utf8(void **state)
{
	static const char *const bad[] = {"\xff", "caf\xc3", "\xc0\xaf", "\xed\xa0\x80", "Tom\x80"};
	struct state *s = *state;
	struct buf b;
	struct err e = {0};
	struct redact_stats st = {1, 1, 1, 1};

	buf_init(&b, 0);
	buf_adds(&b, "keep");
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		err_clear(&e);
		assert_int_equal(redact_text(s->names, bad[i], strlen(bad[i]), &b, &st, &e), ERR_INVALID);
		assert_int_equal(e.code, ERR_INVALID);
		assert_string_equal(e.field, "text");
		assert_string_equal(b.p, "keep");
	}
	/* An embedded NUL. */
	assert_int_equal(redact_text(s->names, "a\0b", 3, &b, &st, &e), ERR_INVALID);
	assert_string_equal(b.p, "keep");
	assert_int_equal(st.names + st.emails + st.phones + st.addresses, 0);
	/* Empty text: nothing to do. */
	assert_int_equal(redact_text(s->names, NULL, 0, &b, NULL, &e), 0);
	assert_int_equal(b.len, 4);
	buf_release(&b);
}

static void test_limit(void **state)
{
	struct state *s = *state;
	struct buf b;
	struct err e = {0};
	const char *in = "Tom wrote to tom@example.org about it";

	buf_init(&b, 16);
	buf_adds(&b, "pre:");
	assert_int_equal(redact_text(s->names, in, strlen(in), &b, NULL, &e), ERR_LIMIT);
	assert_int_equal(e.code, ERR_LIMIT);
	assert_string_equal(b.p, "pre:");
	assert_int_equal(b.len, 4);
	assert_int_equal(b.overflow, 0);
	buf_release(&b);
}

/* Appends the text with no line break once; the input is not a NUL-
 * terminated string. */
static void test_length_not_nul(void **state)
{
	struct state *s = *state;
	struct buf b;
	struct err e = {0};
	const char in[] = "Tom 512-555-0199 and more";

	buf_init(&b, 0);
	/* Cut in the middle of the phone number: no whole number left. */
	assert_int_equal(redact_text(s->names, in, 10, &b, NULL, &e), 0);
	assert_string_equal(b.p, "[NAME] 512-55");
	buf_release(&b);
}

/* A 1 MB transcript: well under a second unsanitised; here a loose bound
 * that still catches quadratic behaviour. */
static void test_large(void **state)
{
	struct state *s = *state;
	static const char *const lines[] = {
		"Hope said the bus from 1200 E Main St is late again, call 512-555-0199. ",
		"María García López: la paz de la comunidad depende de todos, escríbanos a ana@example.org. ",
		"We will park near Calle 5 de Mayo 123 in June; 45% of 2025 families agreed. ",
		"Tom's daughter and Jean-Luc asked about $1,250 at 10:30 on 12/03/2026. ",
	};
	struct buf in, out;
	struct err e = {0};
	struct redact_stats st;
	struct timespec t0, t1;
	double secs;

	buf_init(&in, 0);
	buf_init(&out, 0);
	for (size_t i = 0; in.len < (1u << 20); i++)
		buf_adds(&in, lines[i % 4]);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(redact_text(s->names, in.p, in.len, &out, &st, &e), 0);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	print_message("1 MB in %.3f s: %d names, %d e-mails, %d phones, %d addresses\n", secs,
		      st.names, st.emails, st.phones, st.addresses);
	assert_true(secs < 5.0);
	assert_null(strstr(out.p, "ana@example.org"));
	assert_null(strstr(out.p, "Hope said"));
	assert_non_null(strstr(out.p, "la paz de la comunidad"));
	assert_true(st.emails > 3000 && st.phones > 3000 && st.addresses > 6000);
	buf_release(&in);
	buf_release(&out);
}

/* Pathological inputs stay linear: long runs of digits and separators,
 * '@' signs, spaces. */
static void test_pathological(void **state)
{
	struct state *s = *state;
	static const char unit[][8] = {"1 ", "1-", "a@", "@b.", "Tom ", "  ", "1."};
	struct buf in, out;
	struct err e = {0};
	struct timespec t0, t1;
	double secs;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (size_t u = 0; u < sizeof(unit) / sizeof(*unit); u++) {
		buf_init(&in, 0);
		buf_init(&out, 0);
		while (in.len < 200000)
			buf_adds(&in, unit[u]);
		assert_int_equal(redact_text(s->names, in.p, in.len, &out, NULL, &e), 0);
		buf_release(&in);
		buf_release(&out);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	assert_true(secs < 5.0);
}

/* Regressions found by the generated inputs: a domain in Unicode letters
 * was left whole, and a number in brackets was left when the bracket held
 * more than an area code. */
static void test_idn_domains_and_bracketed_numbers(void **state)
{
	static const struct tcase t[] = {
		{"write to maría@escuela-pública.mx.", "write to [EMAIL]."},
		{"ana@münchen.de or x9@ñandú.mx", "[EMAIL] or [EMAIL]"},
		{"b@m.aoÑoño", "[EMAIL]"},
		{"x@example.org5", "x@example.org5"},
		{"x@ejemplo.ñandú stays", "x@ejemplo.ñandú stays"},
		{"call (920-5599) or (512-555-0199)", "call ([PHONE]) or ([PHONE])"},
		{"(612 34 56 78)", "([PHONE])"},
		{"(5125550199)", "([PHONE])"},
		{"(1-800-555-0199)", "([PHONE])"},
		{"(512) 555-0199", "[PHONE]"},
		{"(2025)", "(2025)"},
		{"512-555-0299 (5991950199 555-0199", "[PHONE] ([PHONE] [PHONE]"},
	};
	RUN(state, t);
}

/* ---- generated inputs ---- */

#define PROP_CASES 600

/* n random characters of set appended to b. */
static void gen_chars(struct prop *p, struct buf *b, const char *set, int lo, int hi)
{
	int n = prop_int(p, lo, hi);
	size_t len = strlen(set);
	for (int i = 0; i < n; i++)
		buf_addc(b, set[prop_next(p) % len]);
}

/* One DNS label: letters and digits with hyphens inside. */
static void gen_label(struct prop *p, struct buf *b)
{
	static const char *const idn[] = {"münchen", "escuela-pública", "niño", "ñandú", "école", "straße"};
	if (prop_int(p, 0, 5) == 0) {
		buf_adds(b, PROP_PICK(p, idn));
		return;
	}
	gen_chars(p, b, "abcdefghijklmnopqrstuvwxyz0123456789", 1, 6);
	if (prop_int(p, 0, 2) == 0) {
		buf_addc(b, '-');
		gen_chars(p, b, "abcdefghijklmnopqrstuvwxyz0123456789", 1, 6);
	}
}

/* An e-mail address: a local part with dots, hyphens, digits and
 * plus-addressing (ASCII or not), then sub-domains and a TLD. */
static void gen_email(struct prop *p, struct buf *b)
{
	static const char *const local[] = {"ana", "maría", "j.smith", "tom_o", "Lee.Ann", "x9", "pta-chair", "José"};
	static const char *const tld[] = {"org", "edu", "us", "mx", "info", "k12.tx.us", "co.uk", "es", "ORG"};
	static const char *const fixed[] = {"ana@north-valley.k12.tx.us", "a.b+pta@x.example.edu",
	                                    "ana@münchen.de", "maría@escuela-pública.mx"};
	if (prop_int(p, 0, 7) == 0) {
		buf_adds(b, PROP_PICK(p, fixed));
		return;
	}
	buf_adds(b, PROP_PICK(p, local));
	if (prop_int(p, 0, 2) == 0)
		gen_chars(p, b, "0123456789", 1, 3);
	if (prop_int(p, 0, 2) == 0) {
		buf_addc(b, '+');
		gen_chars(p, b, "abcdefghij0123456789", 1, 5);
	}
	buf_addc(b, '@');
	for (int i = prop_int(p, 1, 3); i > 0; i--) {
		gen_label(p, b);
		buf_addc(b, '.');
	}
	buf_adds(b, PROP_PICK(p, tld));
}

/* Three digits of a US area code or exchange (2-9 first, so that a number
 * never starts with 1 where the shape says it must not). */
static void gen_digits(struct prop *p, struct buf *b, int n, char first_lo)
{
	buf_addc(b, (char)prop_int(p, first_lo, '9'));
	for (int i = 1; i < n; i++)
		buf_addc(b, (char)prop_int(p, '0', '9'));
}

/* Groups of digits parted by spaces, as shape says ("3.2.2.2"); the first
 * digit from first_lo. */
static void gen_groups(struct prop *p, struct buf *b, const char *shape, char first_lo)
{
	for (const char *c = shape; *c; c++) {
		if (*c == '.') {
			buf_addc(b, ' ');
			continue;
		}
		gen_digits(p, b, *c - '0', c == shape ? first_lo : '0');
	}
}

/* A phone number in one of the shapes docs/internals/redaction.md lists. */
static void gen_phone(struct prop *p, struct buf *b)
{
	static const char *const sep[] = {"-", ".", " "};
	const char *s = PROP_PICK(p, sep);
	switch (prop_int(p, 0, 10)) {
	case 0: /* (555) 123-4567 */
		buf_addc(b, '(');
		gen_digits(p, b, 3, '2');
		buf_adds(b, ") ");
		gen_digits(p, b, 3, '2');
		buf_adds(b, prop_int(p, 0, 1) ? "-" : " ");
		gen_digits(p, b, 4, '0');
		break;
	case 1: /* 555.123.4567, 555-123-4567, 555 123 4567 */
		gen_digits(p, b, 3, '2');
		buf_adds(b, s);
		gen_digits(p, b, 3, '2');
		buf_adds(b, s);
		gen_digits(p, b, 4, '0');
		break;
	case 2: /* +1 555 123 4567 */
		buf_adds(b, "+1 ");
		gen_digits(p, b, 3, '2');
		buf_addc(b, ' ');
		gen_digits(p, b, 3, '2');
		buf_addc(b, ' ');
		gen_digits(p, b, 4, '0');
		break;
	case 3: /* 5551234567, or 15551234567 */
		if (prop_int(p, 0, 1))
			buf_addc(b, '1');
		gen_digits(p, b, 10, '2');
		break;
	case 4: /* 1-800-555-0199, 1 (512) 555-0199 */
		if (prop_int(p, 0, 1)) {
			buf_adds(b, "1-");
			gen_digits(p, b, 3, '2');
		} else {
			buf_adds(b, "1 (");
			gen_digits(p, b, 3, '2');
			buf_addc(b, ')');
		}
		buf_addc(b, prop_int(p, 0, 1) ? '-' : ' ');
		gen_digits(p, b, 3, '2');
		buf_addc(b, '-');
		gen_digits(p, b, 4, '0');
		break;
	case 5: /* +52 55 1234 5678 */
		buf_adds(b, "+52 ");
		gen_groups(p, b, "2.4.4", '1');
		break;
	case 6: /* +34 612 34 56 78 */
		buf_adds(b, "+34 ");
		gen_groups(p, b, "3.2.2.2", '6');
		break;
	case 7: /* +15125550199 */
		buf_adds(b, "+1");
		gen_digits(p, b, 10, '2');
		break;
	case 8: /* 55 1234 5678 */
		gen_groups(p, b, "2.4.4", '1');
		break;
	case 9: /* 612 34 56 78 */
		gen_groups(p, b, "3.2.2.2", '6');
		break;
	default: /* 555-0199 */
		gen_digits(p, b, 3, '2');
		buf_addc(b, '-');
		gen_digits(p, b, 4, '0');
		break;
	}
}

/* A street address in the English or the Spanish form. */
static void gen_address(struct prop *p, struct buf *b)
{
	static const char *const words[] = {"Main", "Oak", "North Valley", "Rose", "Martin Luther King", "5th",
	                                    "Lincoln", "Cedar Hill", "E Main", "Old Mill", "W 3rd"};
	static const char *const types[] = {"Street", "St", "Avenue", "Ave", "Road", "Rd", "Boulevard", "Blvd",
	                                    "Lane", "Ln", "Drive", "Dr", "Court", "Ct", "Way", "Place", "Pl",
	                                    "Parkway", "Pkwy", "Highway", "Hwy", "Circle", "Terrace", "Trail",
	                                    "Loop", "Square", "Alley"};
	static const char *const units[] = {"", "", "", " Apt 4B", " Apt. 4", ", Suite 200", " Unit 3", " #12"};
	static const char *const calles[] = {"Calle", "Avenida", "Av.", "Avda.", "Calzada", "Bulevar", "calle",
	                                     "Paseo", "Privada", "Camino", "Plaza", "Carretera"};
	static const char *const nombres[] = {"Hidalgo", "Juárez", "Reforma", "5 de Mayo", "Benito Juárez",
	                                      "de los Insurgentes", "Morelos"};
	static const char *const numeros[] = {"", "#", "No. ", "núm. "};
	static const char *const interiores[] = {"", "", ", Int. 4", " Depto 3", " Piso 2"};
	if (prop_int(p, 0, 2) == 0) {
		buf_adds(b, PROP_PICK(p, calles));
		buf_addc(b, ' ');
		buf_adds(b, PROP_PICK(p, nombres));
		buf_addc(b, ' ');
		buf_adds(b, PROP_PICK(p, numeros));
		gen_digits(p, b, prop_int(p, 1, 4), '1');
		buf_adds(b, PROP_PICK(p, interiores));
		return;
	}
	gen_digits(p, b, prop_int(p, 1, 6), '1');
	if (prop_int(p, 0, 5) == 0)
		buf_addc(b, 'B');
	buf_addc(b, ' ');
	buf_adds(b, PROP_PICK(p, words));
	buf_addc(b, ' ');
	buf_adds(b, PROP_PICK(p, types));
	if (prop_int(p, 0, 5) == 0)
		buf_adds(b, " NW");
	buf_adds(b, PROP_PICK(p, units));
}

/* Sentences with one hole, and the placeholder the hole must become. */
struct frame {
	const char *before, *after;
};

static const struct frame frames[] = {
	{"Write to ", " if you can."},
	{"", ", that is the one."},
	{"(", ")"},
	{"She said: ", "."},
	{"my details are ", " and that is all"},
	{"Escríbeme a ", " por favor."},
	{"Vivo cerca; ", " es lo que tengo.\n"},
	{"\"", "\""},
	{"Contact: ", "\nThanks!"},
	{"", ""},
};

/* Every generated address, e-mail or phone number, alone in a sentence or
 * two of them in one, becomes its placeholder and leaves nothing behind:
 * the output is the sentence with the placeholders.  And redacting the
 * output again changes nothing. */
static void test_generated_personal_data(void **state)
{
	struct state *s = *state;
	struct prop p;
	struct buf in, want, item;
	int bad = 0;
	static const char *const ph[] = {"[EMAIL]", "[PHONE]", "[ADDRESS]"};
	void (*gen[])(struct prop *, struct buf *) = {gen_email, gen_phone, gen_address};

	prop_init(&p);
	buf_init(&in, 0);
	buf_init(&want, 0);
	buf_init(&item, 0);
	for (int i = 0; i < PROP_CASES && bad < 5; i++) {
		buf_reset(&in);
		buf_reset(&want);
		int n = prop_int(&p, 1, 2);
		for (int k = 0; k < n; k++) {
			const struct frame *f = &frames[prop_next(&p) % (sizeof(frames) / sizeof(*frames))];
			int kind = prop_int(&p, 0, 2);
			buf_reset(&item);
			gen[kind](&p, &item);
			buf_printf(&in, "%s%s%s", f->before, item.p, f->after);
			buf_printf(&want, "%s%s%s", f->before, ph[kind], f->after);
			if (k + 1 < n) {
				buf_adds(&in, "\n");
				buf_adds(&want, "\n");
			}
		}
		const char *got = redact(&s->a, NULL, in.p, NULL);
		const char *again = redact(&s->a, NULL, got, NULL);
		if (strcmp(got, want.p) != 0) {
			prop_fail(&p, "case %d\nin:   %s\nwant: %s\ngot:  %s\n", i, in.p, want.p, got);
			bad++;
		} else if (strcmp(again, got) != 0) {
			prop_fail(&p, "case %d twice: %s\ngave:  %s\n", i, got, again);
			bad++;
		}
	}
	buf_release(&in);
	buf_release(&want);
	buf_release(&item);
	assert_int_equal(bad, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_full_names, setup, teardown),
		cmocka_unit_test_setup_teardown(test_boundaries_possessives, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ordinary_word_names_english, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ordinary_word_names_spanish, setup, teardown),
		cmocka_unit_test_setup_teardown(test_particles_hyphens_apostrophes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_emails, setup, teardown),
		cmocka_unit_test_setup_teardown(test_phones, setup, teardown),
		cmocka_unit_test_setup_teardown(test_addresses, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stats, setup, teardown),
		cmocka_unit_test_setup_teardown(test_placeholders_not_rematched, setup, teardown),
		cmocka_unit_test_setup_teardown(test_null_and_odd_names, setup, teardown),
		cmocka_unit_test_setup_teardown(test_invalid_utf8, setup, teardown),
		cmocka_unit_test_setup_teardown(test_limit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_length_not_nul, setup, teardown),
		cmocka_unit_test_setup_teardown(test_large, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pathological, setup, teardown),
		cmocka_unit_test_setup_teardown(test_idn_domains_and_bracketed_numbers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_generated_personal_data, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

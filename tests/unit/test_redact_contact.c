/* Unit tests for the contact data of domain/redact (redact_contact.c):
 * phone numbers, e-mail addresses and street addresses as people write
 * them and as captions spell their speech, and what must stay as it is. */
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

/* The people of the conversations below: their names meet street names
 * ("Clark"), number words' neighbours and e-mail local parts. */
static const char *const people[] = {
	"María López",
	"Ana Clark",
	"Tom O'Neil",
	"Hope Martínez",
};

static int setup(void **state)
{
	return redact_setup(state, people, sizeof(people) / sizeof(*people));
}

/* Cases whose text holds no name of the set: the same with no names. */
static void run_table_both(void **state, const struct tcase *tc, size_t n)
{
	struct state *s = *state;
	int bad = 0;

	run_table(state, tc, n);
	for (size_t i = 0; i < n; i++) {
		const char *got = redact(&s->a, NULL, tc[i].in, NULL);

		if (strcmp(got, tc[i].want) != 0) {
			print_error("no names\nin:   %s\nwant: %s\ngot:  %s\n", tc[i].in, tc[i].want, got);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

#define RUN(state, t) run_table_both(state, t, sizeof(t) / sizeof(*(t)))
#define RUN_NAMES(state, t) run_table(state, t, sizeof(t) / sizeof(*(t)))

/* ---- phone numbers ---- */

static void test_phone_written_forms(void **state)
{
	static const struct tcase t[] = {
		{"call 555.123.4567 today", "call [PHONE] today"},
		{"call 555 123 4567 today", "call [PHONE] today"},
		{"+1 555 123 4567", "[PHONE]"},
		{"+1-555-123-4567", "[PHONE]"},
		{"+1.555.123.4567", "[PHONE]"},
		{"1-555-123-4567", "[PHONE]"},
		{"1 555 123 4567", "[PHONE]"},
		{"1 (555) 123-4567", "[PHONE]"},
		{"(555) 123 4567", "[PHONE]"},
		{"(555)123-4567", "[PHONE]"},
		{"(555) 123-4567 ext. 12", "[PHONE]"},
		{"555-123-4567, ext 12.", "[PHONE]."},
		{"555-123-4567 Ext.12 please", "[PHONE] please"},
		{"555-123-4567 x12", "[PHONE]"},
		{"555-123-4567x12", "[PHONE]"},
		{"555-123-4567 extension 1234", "[PHONE]"},
		{"555-123-4567 extensión 4", "[PHONE]"},
		/* Not an extension: the number stays a number, the word a word. */
		{"555-123-4567 extra 12", "[PHONE] extra 12"},
		{"555-123-4567 x 1234567", "[PHONE] x 1234567"},
		{"555-123-4567 ext. 12.5", "[PHONE] ext. 12.5"},
	};

	RUN(state, t);
}

/* Digits in pairs and threes, as Spanish speakers say and write them. */
static void test_phone_pairs(void **state)
{
	static const struct tcase t[] = {
		{"mi número es 55 12 34 56", "mi número es [PHONE]"},
		{"312 55 12 34 56", "[PHONE]"},
		{"33 12 34 56 78", "[PHONE]"},
		{"312 123 45 67", "[PHONE]"},
		{"(312) 55 12 34 56", "[PHONE]"},
		{"55-12-34-56", "[PHONE]"},
		{"55.12.34.56", "[PHONE]"},
		{"tel. 612 34 56 78", "tel. [PHONE]"},
		{"55 55 55 55", "[PHONE]"},
		/* Counting, lists, mixed separators, a 1 or 0 first. */
		{"10 20 30 40", "10 20 30 40"},
		{"20 21 22 23", "20 21 22 23"},
		{"25 50 75 100", "25 50 75 100"},
		{"rooms 204 205 206 207", "rooms 204 205 206 207"},
		{"05 12 34 56", "05 12 34 56"},
		{"55 12-34 56", "55 12-34 56"},
		{"55 12 34", "55 12 34"},
		{"2025 12 05", "2025 12 05"},
		{"12 05 2025", "12 05 2025"},
	};

	RUN(state, t);
}

static void test_phone_spoken(void **state)
{
	static const struct tcase t[] = {
		{"five five five, one two three, four five six seven", "[PHONE]"},
		{"my number is five five five one two three four five six seven.", "my number is [PHONE]."},
		{"Five Five Five, One Two Three, Four Five Six Seven", "[PHONE]"},
		{"five-five-five, one-two-three, four-five-six-seven", "[PHONE]"},
		{"five five five oh one nine nine", "[PHONE]"},
		{"one eight hundred five five five one two three four", "[PHONE]"},
		{"double five five, one two three, four five six", "[PHONE]"},
		{"three twelve, five five five, one two three four", "[PHONE]"},
		{"cinco cinco cinco, doce, treinta y cuatro, cincuenta y seis", "[PHONE]"},
		{"es el cincuenta y cinco, doce, treinta y cuatro, cincuenta y seis", "es el [PHONE]"},
		{"trescientos doce, cinco cinco cinco, doce, treinta y cuatro", "[PHONE]"},
		{"llámame al tres uno dos cinco cinco cinco cero uno nueve nueve", "llámame al [PHONE]"},
		{"veintidós, treinta y tres, cuarenta y cuatro, cincuenta", "[PHONE]"},
		/* A long run: the longest stretch of 15 digits, then the rest as
		 * its own number when it is long enough. */
		{"five five five five five five five five five five five five five five five five five five five five "
		 "five five",
		 "[PHONE] [PHONE]"},
	};

	RUN(state, t);
}

/* What looks a little like a phone number and is not. */
static void test_phone_survivors(void **state)
{
	static const struct tcase t[] = {
		{"the bus comes at 6:40, or 7 30 am", "the bus comes at 6:40, or 7 30 am"},
		{"on 12/05/2025 and 2025-12-05", "on 12/05/2025 and 2025-12-05"},
		{"it costs $1,200 a year", "it costs $1,200 a year"},
		{"in 2025 and 2026", "in 2025 and 2026"},
		{"about 300 families", "about 300 families"},
		{"grades 3 4 and 5", "grades 3 4 and 5"},
		{"room 12 and room 204", "room 12 and room 204"},
		{"take bus 12 or bus 7", "take bus 12 or bus 7"},
		{"45% of parents, 12.5 %", "45% of parents, 12.5 %"},
		{"one or two, three or four", "one or two, three or four"},
		{"one two three four five six seven eight nine ten", "one two three four five six seven eight nine ten"},
		{"ten nine eight seven six five four three two one", "ten nine eight seven six five four three two one"},
		{"we have twenty, thirty, forty, fifty kids", "we have twenty, thirty, forty, fifty kids"},
		{"in twenty twenty-five, twenty twenty-six", "in twenty twenty-five, twenty twenty-six"},
		{"nineteen ninety-nine, twenty twenty", "nineteen ninety-nine, twenty twenty"},
		{"at seven thirty, eight fifteen, nine forty five", "at seven thirty, eight fifteen, nine forty five"},
		{"five hundred twelve families and three hundred twenty", "five hundred twelve families and three hundred twenty"},
		{"oh, one two three four five six", "oh, one two three four five six"},
		{"uno, dos, tres, cuatro, cinco, seis, siete", "uno, dos, tres, cuatro, cinco, seis, siete"},
		{"cinco o seis, siete u ocho", "cinco o seis, siete u ocho"},
		{"dos mil veinticinco", "dos mil veinticinco"},
		{"555 0199", "555 0199"},
		{"100 200 300", "100 200 300"},
	};

	RUN(state, t);
}

/* ---- e-mail addresses ---- */

static void test_email_spoken(void **state)
{
	static const struct tcase t[] = {
		{"write to maria at gmail dot com", "write to [EMAIL]"},
		{"maria dot lopez at yahoo dot com", "[EMAIL]"},
		{"maria arroba gmail punto com", "[EMAIL]"},
		{"escríbeme a maria punto lopez arroba hotmail punto com punto mx", "escríbeme a [EMAIL]"},
		{"m a r i a at hotmail dot com", "[EMAIL]"},
		{"escríbeme a m a r i a arroba hotmail punto com", "escríbeme a [EMAIL]"},
		{"a n a at hotmail dot com", "[EMAIL]"},
		{"my email is maria lopez at gmail dot com", "my email is [EMAIL]"},
		{"maria underscore lopez at outlook dot com", "[EMAIL]"},
		{"maria guion bajo lopez arroba hotmail punto com", "[EMAIL]"},
		{"ana85 at icloud dot com", "[EMAIL]"},
		{"maria at gmail com", "[EMAIL]"},
		{"juan at cps dot k12 dot il dot us", "[EMAIL]"},
		{"info at north-valley dot org, thanks", "[EMAIL], thanks"},
		{"MARIA AT GMAIL DOT COM", "[EMAIL]"},
		/* Written and spoken mixed, and '@' with spaces. */
		{"maria at gmail.com", "[EMAIL]"},
		{"maria@gmail dot com", "[EMAIL]"},
		{"maria.lopez at gmail dot com", "[EMAIL]"},
		{"maria @ gmail.com", "[EMAIL]"},
		{"maria @gmail.com or ana@ yahoo.com.mx", "[EMAIL] or [EMAIL]"},
		/* As captions and hurried notes write them. */
		{"his email minh.ng.2013 at gmail.com ok", "his email [EMAIL] ok"},
		{"write to j achebe at rusd dot org", "write to [EMAIL]"},
		{"my email is p nakamura at r u s d dot org all one word", "my email is [EMAIL] all one word"},
		{"l u p i t a underscore g o m e z at hotmail dot com.", "[EMAIL]."},
		{"escríbanle a mercedes arroba casa esperanza punto org o a mí", "escríbanle a [EMAIL] o a mí"},
	};

	RUN(state, t);
}

/* "at" and "dot" in ordinary sentences. */
static void test_email_survivors(void **state)
{
	static const struct tcase t[] = {
		{"we met at school. dot the i's", "we met at school. dot the i's"},
		{"we met at school dot the i's", "we met at school dot the i's"},
		{"look at gmail dot com for it", "look at gmail dot com for it"},
		{"email me at gmail dot com", "email me at gmail dot com"},
		{"we were at the dot com", "we were at the dot com"},
		{"it's at gmail dot com", "it's at gmail dot com"},
		{"rosa at gmail", "rosa at gmail"},
		{"I was at a u s d dot org", "I was at a u s d dot org"},
		{"meet me at 2013 at gmail.com", "meet me at 2013 at gmail.com"},
		{"we met at the casa esperanza punto org", "we met at the casa esperanza punto org"},
		{"rosa at lincoln dot school", "rosa at [NAME] dot school"},
		{"send it to a at gmail dot com", "send it to a at gmail dot com"},
		{"at @ noon", "at @ noon"},
		{"Sam @ the office", "[NAME] @ the office"},
		{"three at gmail dot com", "three at gmail dot com"},
		{"5551234 at gmail dot com", "5551234 at gmail dot com"},
	};

	RUN(state, t);
}

/* ---- street addresses ---- */

static void test_address_without_type(void **state)
{
	static const struct tcase t[] = {
		{"she lives at 5320 S. Wabash", "she lives at [ADDRESS]"},
		{"1200 N Clark", "[ADDRESS]"},
		{"I live at 1200 N Clark. The bus stops there.", "I live at [ADDRESS]. The bus stops there."},
		{"we live at 1200 N Clark and 300 W Madison", "we live at [ADDRESS] and [ADDRESS]"},
		{"2500 West Fullerton", "[ADDRESS]"},
		{"4400 N Lake Shore, Apt 3B", "[ADDRESS]"},
		{"5900 S 63rd", "[ADDRESS]"},
		/* With a street type the longer reading wins. */
		{"1200 N Clark St", "[ADDRESS]"},
	};

	RUN(state, t);
}

static void test_address_spanish_order(void **state)
{
	static const struct tcase t[] = {
		{"2115 de la calle Cermak", "[ADDRESS]"},
		{"vivo en 2115 de la calle Cermak", "vivo en [ADDRESS]"},
		{"vivo en la calle Hidalgo número 45", "vivo en la [ADDRESS]"},
		{"en el 45 de la avenida Juárez", "en el [ADDRESS]"},
		{"el número 45 de la calle Hidalgo", "el [ADDRESS]"},
		{"Dirección: 45 de la avenida Juárez", "Dirección: [ADDRESS]"},
		{"en el 120 del bulevar Díaz Ordaz", "en el [ADDRESS]"},
		{"en el 45 de la calle 5 de Mayo", "en el [ADDRESS]"},
		{"Calle 5 de Mayo 123", "[ADDRESS]"},
		{"Calle Hidalgo 45 depto 4", "[ADDRESS]"},
		{"Avenida Juárez #12, Int. 4", "[ADDRESS]"},
	};

	RUN(state, t);
}

static void test_address_captions(void **state)
{
	static const struct tcase t[] = {
		{"i live at 5320 south wabash avenue", "i live at [ADDRESS]"},
		{"on 2115 west cermak road", "on [ADDRESS]"},
		{"on 2115 w cermak rd", "on [ADDRESS]"},
		{"on 5320 s. wabash ave. then left", "on [ADDRESS] then left"},
		{"i live at 42 oak lane apt 4b", "i live at [ADDRESS]"},
		{"the bus stops at 300 main street", "the bus stops at [ADDRESS]"},
		{"vivo en la calle hidalgo 45 con mis hijos", "vivo en la [ADDRESS] con mis hijos"},
		{"vivo en la calle hidalgo número 45", "vivo en la [ADDRESS]"},
		{"vivo en la avenida juárez #12 depto 4", "vivo en la [ADDRESS]"},
		{"vivo en la calle 5 de mayo 123", "vivo en la [ADDRESS]"},
		{"vivo en el 45 de la avenida juárez", "vivo en el [ADDRESS]"},
	};

	RUN(state, t);
}

/* Numbers and street words that are not an address. */
static void test_address_survivors(void **state)
{
	static const struct tcase t[] = {
		{"the 2 buses are late", "the 2 buses are late"},
		{"in 2025 we start", "in 2025 we start"},
		{"she is in grade 5", "she is in grade 5"},
		{"el 5 de mayo hay fiesta", "el 5 de mayo hay fiesta"},
		{"el 5 de mayo en la calle Juárez", "el 5 de mayo en la calle Juárez"},
		{"room 12 Main Street", "room 12 Main Street"},
		{"take Highway 99 North to Fresno", "take Highway 99 North to Fresno"},
		{"bus 12 West Side", "bus 12 West Side"},
		{"Lincoln Elementary is on Halsted", "Lincoln Elementary is on Halsted"},
		{"300 families came", "300 families came"},
		{"300 East Side families came", "300 East Side families came"},
		{"about 300 North Campus students", "about 300 North Campus students"},
		{"In 2025 N Halsted opened", "In 2025 N [NAME] opened"},
		{"I walked 2 blocks down the road", "I walked 2 blocks down the road"},
		{"it is a 5 minute drive", "it is a 5 minute drive"},
		{"it's a 2 way street", "it's a 2 way street"},
		{"meet at 5 park place", "meet at 5 park place"},
		{"at 10 the drive begins", "at 10 the drive begins"},
		{"we have 2 new ways to drive", "we have 2 new ways to drive"},
		{"la calle principal tiene 45 casas", "la calle principal tiene 45 casas"},
		{"en la calle hidalgo hay 3 perros", "en la calle hidalgo hay 3 perros"},
		{"vivo en la calle hidalgo 45 casas más allá", "vivo en la calle hidalgo 45 casas más allá"},
		{"vinieron 12 de la calle Hidalgo", "vinieron 12 de la calle Hidalgo"},
		{"la calle 5 de mayo está cerrada", "la calle 5 de mayo está cerrada"},
		{"5 N", "5 N"},
	};

	RUN(state, t);
}

/* An address wins over a name inside it; a name said before a spoken
 * e-mail goes with it. */
static void test_with_names(void **state)
{
	static const struct tcase t[] = {
		{"Ana Clark lives at 1200 N Clark", "[NAME] lives at [ADDRESS]"},
		{"María López: maria lopez at gmail dot com", "[NAME]: [EMAIL]"},
		{"Tom said five five five, one two three, four five six seven", "[NAME] said [PHONE]"},
		{"Hope Martínez, 2115 de la calle Cermak", "[NAME], [ADDRESS]"},
		{"Tom: 45 de la avenida Juárez", "[NAME]: [ADDRESS]"},
	};

	RUN_NAMES(state, t);
}

/* Placeholders next to the new forms: nothing more is replaced, so that
 * redacting output again changes nothing. */
static void test_placeholders(void **state)
{
	static const struct tcase t[] = {
		{"[NAME] at gmail dot com", "[NAME] at gmail dot com"},
		{"[NAME] dot lopez at gmail dot com", "[NAME] dot [EMAIL]"},
		{"[PHONE] at gmail dot com", "[PHONE] at gmail dot com"},
		{"rosa at [EMAIL] dot com", "rosa at [EMAIL] dot com"},
		{"1200 N [NAME]", "1200 N [NAME]"},
		{"vivo en la calle [NAME] 45", "vivo en la calle [NAME] 45"},
		{"vivo en la calle hidalgo 45 [NAME]", "vivo en la calle hidalgo 45 [NAME]"},
		{"[PHONE] ext. 12", "[PHONE] ext. 12"},
		{"five five five [PHONE] one two three four", "five five five [PHONE] one two three four"},
		{"[ADDRESS] apt 3B", "[ADDRESS] apt 3B"},
		/* "[ADDRESS]" folds to the cue word "address". */
		{"[ADDRESS] de calle lyo 123", "[ADDRESS] de calle lyo 123"},
		{"[ADDRESS] 42 oak lane", "[ADDRESS] 42 oak lane"},
		/* Its brackets are no part of the gap beside it. */
		{"[NAME]: 45 de la avenida Juárez", "[NAME]: [ADDRESS]"},
		{"[NAME].lopez at gmail dot com", "[NAME].[EMAIL]"},
	};

	RUN(state, t);
}

static void test_stats(void **state)
{
	struct state *s = *state;
	struct redact_stats st;
	const char *got = redact(&s->a, s->names,
				 "call five five five, one two three, four five six seven or 55 12 34 56; "
				 "write maria dot lopez arroba gmail punto com; we live at 1200 N Clark, "
				 "en el 45 de la avenida Juárez.",
				 &st);

	assert_string_equal(got, "call [PHONE] or [PHONE]; write [EMAIL]; we live at [ADDRESS], "
			    "en el [ADDRESS].");
	assert_int_equal(st.phones, 2);
	assert_int_equal(st.emails, 1);
	assert_int_equal(st.addresses, 2);
	assert_int_equal(st.names, 0);
}

/* Regressions found by the fuzz target: a placeholder read as the cue
 * word its text folds to; a hyphenated street name whose second half was
 * a number read aloud or a name; a cue word counted across a placeholder
 * that stands for several words. */
static void test_fuzz_regressions(void **state)
{
	static const struct tcase t[] = {
		{"vivo en 2115 de calle la aven 2115 de calle lyo 123", "vivo en [ADDRESS] de calle lyo 123"},
		{"address 42 oak lane", "address [ADDRESS]"},
		{"Dirección: 45 de la avenida Juárez-five, one-two-three, four-five-six-seven",
		 "Dirección: [ADDRESS]-[PHONE]"},
		{"45 de la avenida Juárez-[PHONE]", "[ADDRESS]-[PHONE]"},
		{"1200 N Clark-[NAME]", "[ADDRESS]-[NAME]"},
		{"45 de la avenida Díaz-Ordaz", "[ADDRESS]"},
		{"en 2116 de la calle de la calnsa-María", "en [ADDRESS]"},
		{"en 2116 de la calle de la calnsa-[NAME]", "en [ADDRESS]-[NAME]"},
		{"vivo en 2115 de calle lade calle lyo 123", "vivo en [ADDRESS] calle lyo 123"},
		{"vivo en [ADDRESS] calle lyo 123", "vivo en [ADDRESS] calle lyo 123"},
		{"vivo [NAME] calle lyo 123", "vivo [NAME] calle lyo 123"},
	};

	RUN(state, t);
}

/* ---- generated inputs ---- */

#define PROP_CASES 600

static void gen_digits(struct prop *p, struct buf *b, int n, char first_lo)
{
	buf_addc(b, (char)prop_int(p, first_lo, '9'));
	for (int i = 1; i < n; i++)
		buf_addc(b, (char)prop_int(p, '0', '9'));
}

/* A phone number in the new written shapes: pairs, an extension. */
static void gen_written_phone(struct prop *p, struct buf *in, struct buf *want)
{
	static const char *const ext[] = {" ext. ", ", ext ", " x", " extension ", " Ext."};

	switch (prop_int(p, 0, 3)) {
	case 0: { /* 55 12 34 56, never counting up or down */
		int v[4];

		v[0] = prop_int(p, 20, 99);
		for (int i = 1; i < 4; i++)
			v[i] = prop_int(p, 0, 99);
		if (v[1] - v[0] == v[2] - v[1] && v[3] - v[2] == v[2] - v[1] && v[1] != v[0])
			v[3] = (v[3] + 1) % 100;
		buf_printf(in, "%02d %02d %02d %02d", v[0], v[1], v[2], v[3]);
		break;
	}
	case 1:   /* 312 55 12 34 56 */
		gen_digits(p, in, 3, '2');
		for (int i = 0; i < 4; i++) {
			buf_addc(in, ' ');
			gen_digits(p, in, 2, '0');
		}
		break;
	default:  /* 555.123.4567 ext. 12 */
		gen_digits(p, in, 3, '2');
		buf_addc(in, '.');
		gen_digits(p, in, 3, '2');
		buf_addc(in, '.');
		gen_digits(p, in, 4, '0');
		buf_adds(in, PROP_PICK(p, ext));
		gen_digits(p, in, prop_int(p, 1, 4), '1');
		break;
	}
	buf_adds(want, "[PHONE]");
}

/* Seven to ten digits read aloud, one by one, in English or Spanish,
 * in groups parted by commas, spaces or hyphens; never counting. */
static void gen_spoken_phone(struct prop *p, struct buf *in, struct buf *want)
{
	static const char *const en[] = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"};
	static const char *const es[] = {"cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve"};
	static const char *const pairs[] = {"doce", "treinta y cuatro", "cincuenta y seis", "veintidós", "once",
	                                    "setenta y ocho", "noventa"};
	const char *const *w = prop_int(p, 0, 1) ? en : es;
	int spanish_pairs = w == es && prop_int(p, 0, 1);
	int n = prop_int(p, 7, spanish_pairs ? 9 : 10);   /* at most 15 digits */

	/* 5 5 5 first: never a count up or down, never all times of day. */
	for (int i = 0; i < 3; i++) {
		if (i)
			buf_addc(in, ' ');
		buf_adds(in, w[5]);
	}
	for (int i = 3; i < n; i++) {
		buf_adds(in, i == 3 || i == 6 ? ", " : prop_int(p, 0, 3) ? " " : "-");
		buf_adds(in, spanish_pairs ? PROP_PICK(p, pairs) : w[prop_int(p, 0, 9)]);
	}
	buf_adds(want, "[PHONE]");
}

/* An e-mail address read aloud. */
static void gen_spoken_email(struct prop *p, struct buf *in, struct buf *want)
{
	static const char *const local[] = {"maria", "ana", "jlopez", "maria dot lopez", "ana underscore ruiz",
	                                    "tom.oneil", "m a r i a", "rosa85", "maria lopez"};
	static const char *const at[] = {" at ", " arroba ", " @ ", "@"};
	static const char *const dom[] = {"gmail", "yahoo", "hotmail", "outlook", "icloud", "cps", "north-valley"};
	static const char *const dot[] = {" dot ", " punto ", "."};
	static const char *const tld[] = {"com", "org", "net", "edu", "mx", "com dot mx", "us"};

	buf_adds(in, PROP_PICK(p, local));
	buf_adds(in, PROP_PICK(p, at));
	buf_adds(in, PROP_PICK(p, dom));
	buf_adds(in, PROP_PICK(p, dot));
	buf_adds(in, PROP_PICK(p, tld));
	buf_adds(want, "[EMAIL]");
}

/* A street address in one of the new forms; some keep words before it. */
static void gen_new_address(struct prop *p, struct buf *in, struct buf *want)
{
	static const char *const dirs[] = {"N", "S.", "W", "E", "North", "South", "West", "East"};
	static const char *const streets[] = {"Wabash", "Clark", "Lake Shore", "Cermak", "Fullerton", "63rd"};
	static const char *const units[] = {"", "", " apt 3B", ", Apt 12", " #4"};
	static const char *const ldirs[] = {"south", "west", "n", "s.", "east"};
	static const char *const lnames[] = {"wabash", "cermak", "oak", "lake shore", "martin luther king"};
	static const char *const ltypes[] = {"avenue", "road", "street", "rd", "drive", "blvd"};
	static const char *const calles[] = {"calle", "avenida", "Calle", "Avenida", "bulevar"};
	static const char *const nombres[] = {"Cermak", "Juárez", "Hidalgo", "5 de Mayo", "Benito Juárez", "juárez",
	                                      "hidalgo"};
	static const char *const cues[] = {"el ", "en el ", "el número ", ""};

	switch (prop_int(p, 0, 2)) {
	case 0:   /* 5320 S. Wabash apt 3B */
		gen_digits(p, in, prop_int(p, 2, 5), '1');
		buf_addc(in, ' ');
		buf_adds(in, PROP_PICK(p, dirs));
		buf_addc(in, ' ');
		buf_adds(in, PROP_PICK(p, streets));
		buf_adds(in, PROP_PICK(p, units));
		buf_adds(want, "[ADDRESS]");
		break;
	case 1:   /* 5320 south wabash avenue */
		gen_digits(p, in, prop_int(p, 2, 5), '1');
		buf_addc(in, ' ');
		buf_adds(in, PROP_PICK(p, ldirs));
		buf_addc(in, ' ');
		buf_adds(in, PROP_PICK(p, lnames));
		buf_addc(in, ' ');
		buf_adds(in, PROP_PICK(p, ltypes));
		buf_adds(in, PROP_PICK(p, units));
		buf_adds(want, "[ADDRESS]");
		break;
	default: { /* en el 45 de la avenida Juárez */
		const char *cue = PROP_PICK(p, cues);
		const char *nombre = PROP_PICK(p, nombres);

		/* A lower-case name is a caption's: then all of it is. */
		buf_adds(in, cue);
		buf_adds(want, strcmp(cue, "el número ") == 0 ? "el " : cue);
		gen_digits(p, in, *cue ? prop_int(p, 1, 4) : prop_int(p, 3, 4), '1');
		buf_adds(in, prop_int(p, 0, 1) ? " de la " : " de ");
		buf_adds(in, nombre[0] >= 'a' && nombre[0] <= 'z' ? "calle" : PROP_PICK(p, calles));
		buf_addc(in, ' ');
		buf_adds(in, nombre);
		buf_adds(want, "[ADDRESS]");
		break;
	}
	}
}

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

/* Every generated item, alone in a sentence or two of them in one,
 * becomes its placeholder and leaves nothing behind; redacting the output
 * again changes nothing. */
static void test_generated_contact_data(void **state)
{
	struct state *s = *state;
	struct prop p;
	struct buf in, want;
	int bad = 0;
	void (*gen[])(struct prop *, struct buf *, struct buf *) = {gen_written_phone, gen_spoken_phone,
	                                                            gen_spoken_email, gen_new_address};

	prop_init(&p);
	buf_init(&in, 0);
	buf_init(&want, 0);
	for (int i = 0; i < PROP_CASES && bad < 5; i++) {
		int n = prop_int(&p, 1, 2);

		buf_reset(&in);
		buf_reset(&want);
		for (int k = 0; k < n; k++) {
			const struct frame *f = &frames[prop_next(&p) % (sizeof(frames) / sizeof(*frames))];

			buf_adds(&in, f->before);
			buf_adds(&want, f->before);
			gen[prop_int(&p, 0, 3)](&p, &in, &want);
			buf_adds(&in, f->after);
			buf_adds(&want, f->after);
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
	assert_int_equal(bad, 0);
}

/* Long runs of the words the new rules read stay linear: quadratic work
 * on 100 kB would take minutes; the bound leaves room for a loaded
 * machine and the sanitizers. */
static void test_pathological(void **state)
{
	struct state *s = *state;
	static const char *const unit[] = {
		"five ", "five, ", "twenty ", "treinta y ", "oh ", "double ", "one hundred and ",
		"at gmail dot ", "a ", "maria dot ", "dot ", "x@ ", "@ ", "a-", "5 de la calle ",
		"1200 N ", "Calle ", "vivo en la calle hidalgo ", "12 ", "55 ", "55 12 ", "1 ext ",
	};
	struct buf in, out;
	struct err e = {0};
	struct timespec t0, t1;
	double secs;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (size_t u = 0; u < sizeof(unit) / sizeof(*unit); u++) {
		buf_init(&in, 0);
		buf_init(&out, 0);
		while (in.len < 100000)
			buf_adds(&in, unit[u]);
		assert_int_equal(redact_text(s->names, in.p, in.len, &out, NULL, &e), 0);
		buf_release(&in);
		buf_release(&out);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	print_message("%zu runs of 100 kB in %.3f s\n", sizeof(unit) / sizeof(*unit), secs);
	assert_true(secs < 10.0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_phone_written_forms, setup, teardown),
		cmocka_unit_test_setup_teardown(test_phone_pairs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_phone_spoken, setup, teardown),
		cmocka_unit_test_setup_teardown(test_phone_survivors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_email_spoken, setup, teardown),
		cmocka_unit_test_setup_teardown(test_email_survivors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_address_without_type, setup, teardown),
		cmocka_unit_test_setup_teardown(test_address_spanish_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_address_captions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_address_survivors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_with_names, setup, teardown),
		cmocka_unit_test_setup_teardown(test_placeholders, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stats, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fuzz_regressions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_generated_contact_data, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pathological, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

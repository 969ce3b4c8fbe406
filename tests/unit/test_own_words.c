/* Unit tests for domain/own_words: the district's words that redaction
 * leaves alone. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <string.h>

#include "core/buf.h"
#include "domain/own_words.h"
#include "domain/redact.h"
#include "fixture.h"

static void expect(const struct own_words *w, const char *const *want, size_t n)
{
	for (size_t i = 0; i < w->n && i < n; i++)
		if (strcmp(w->v[i], want[i]) != 0)
			fail_msg("phrase %zu is \"%s\", not \"%s\"", i, w->v[i], want[i]);
	if (w->n != n)
		fail_msg("%zu phrases, not %zu", w->n, n);
}

static void texts_are_cut_into_phrases_of_two_words(void **state)
{
	struct arena *a = *state;
	struct own_words w = {0};
	own_words_add(&w, a, "Eastside Public Library, Community Room");
	own_words_add(&w, a, "Iglesia San José, salón parroquial");
	own_words_add(&w, a, "Lincoln Elementary (Room 4) / Gym");   /* "Room 4": one word with letters */
	own_words_add(&w, a, "Boys & Girls Club – Eastside");
	own_words_add(&w, a, "Jean-Luc Elementary");
	own_words_add(&w, a, "Riverside Unified School District.");
	own_words_add(&w, a, "Lincoln");            /* one word: never */
	own_words_add(&w, a, "  ");
	own_words_add(&w, a, "12 34");               /* no letters */
	own_words_add(&w, a, "eastside public  LIBRARY");   /* already there */
	own_words_add(&w, a, "Iglesia San Jose");
	own_words_add(&w, a, NULL);
	own_words_add(&w, a, "bad \xff bytes");
	static const char *const want[] = {"Eastside Public Library", "Community Room", "Iglesia San José",
	                                   "salón parroquial", "Lincoln Elementary", "Boys & Girls Club",
	                                   "Jean-Luc Elementary", "Riverside Unified School District"};
	expect(&w, want, sizeof(want) / sizeof(*want));
}

static void a_persons_full_name_is_not_sheltered(void **state)
{
	struct arena *a = *state;
	struct own_words w = {0};
	own_words_add(&w, a, "Rosa Parks");
	own_words_add(&w, a, "Rosa Parks Elementary");
	static const char *const people[] = {"ROSA PARKS", NULL, "Tom Nguyen"};
	own_words_drop_names(&w, a, people, 3);
	static const char *const want[] = {"Rosa Parks Elementary"};
	expect(&w, want, 1);
}

/* What the list is for: the school stays, the person goes. */
static void the_school_stays_the_person_goes(void **state)
{
	struct arena *a = *state;
	struct own_words w = {0};
	own_words_add(&w, a, "Lincoln Elementary, Room 4");
	const char *name = "Maya Lincoln";
	struct redact_names *rn = redact_names_new(a, &name, 1);
	redact_names_allow(rn, a, w.v, w.n);
	static const char text[] = "Maya Lincoln said the buses to Lincoln Elementary run late; ask Ms. Lincoln.";
	struct buf out;
	struct err e;
	buf_init(&out, 1 << 12);
	assert_int_equal(redact_text(rn, text, strlen(text), &out, NULL, &e), 0);
	assert_string_equal(out.p, "[NAME] said the buses to Lincoln Elementary run late; ask Ms. [NAME].");
	buf_release(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(texts_are_cut_into_phrases_of_two_words, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(a_persons_full_name_is_not_sheltered, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(the_school_stays_the_person_goes, arena_setup, arena_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

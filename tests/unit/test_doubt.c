/* Unit tests for domain/doubt: doubts gathered into words, what waits for
 * review, staff's plan, edits (whole words, longest first), the edits of a
 * run of redaction, and offsets moved through edits. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/str.h"
#include "domain/doubt.h"
#include "unit/fixture.h"

/* The spans of the words of list in text, as a finder would report them. */
static size_t spans_of(const char *text, const char *const *list, size_t n, struct redact_span *out)
{
	size_t k = 0;
	for (const char *p = text; *p; p++)
		for (size_t i = 0; i < n; i++)
			if (strncmp(p, list[i], strlen(list[i])) == 0 && (p == text || p[-1] == ' '))
				out[k++] = (struct redact_span){(size_t)(p - text), (size_t)(p - text) + strlen(list[i]),
				                                REDACT_NAME};
	return k;
}

static void test_fold(void **state)
{
	struct arena *a = *state;
	assert_string_equal(doubt_fold(a, "GARCÍA", strlen("GARCÍA")), "garcia");
	assert_string_equal(doubt_fold(a, "García", strlen("García")), "garcia");
	assert_string_equal(doubt_fold(a, "Hope", 4), "hope");
	assert_string_equal(doubt_fold(a, "ﬁona", strlen("ﬁona")), "fiona");
	assert_string_equal(doubt_fold(a, "Hope and more", 4), "hope");
	assert_string_equal(doubt_fold(a, "\xff", 1), "");
}

static void test_words_and_pending(void **state)
{
	struct arena *a = *state;
	const char *text = "Hope and Grace met HOPE, then Rosa.";
	static const char *const list[] = {"Hope", "Grace", "HOPE", "Rosa"};
	struct redact_span ds[8];
	size_t nd = spans_of(text, list, 4, ds);
	assert_int_equal(nd, 4);
	struct doubt_word *ws;
	size_t n = doubt_words(a, text, ds, nd, NULL, 0, &ws);
	assert_int_equal(n, 3);
	assert_string_equal(ws[0].word, "Hope");
	assert_int_equal(ws[0].count, 2);   /* Hope and HOPE are one word */
	assert_string_equal(ws[1].word, "Grace");
	assert_string_equal(ws[2].word, "Rosa");
	assert_int_equal(doubt_pending(ws, n), 3);
	/* Kept for as many times as it is there: no longer waits. */
	struct doubt_kept k1[] = {{"hope", 2}, {"grace", 5}};
	n = doubt_words(a, text, ds, nd, k1, 2, &ws);
	assert_true(ws[0].kept);
	assert_true(ws[1].kept);
	assert_false(ws[2].kept);
	assert_int_equal(doubt_pending(ws, n), 1);
	/* Kept once, there twice now: asked again. */
	struct doubt_kept k2[] = {{"hope", 1}};
	n = doubt_words(a, text, ds, nd, k2, 1, &ws);
	assert_false(ws[0].kept);
	assert_int_equal(doubt_pending(ws, n), 3);
	/* Spans outside the text are ignored, none gives no words. */
	struct redact_span odd[] = {{30, 99, REDACT_NAME}, {3, 3, REDACT_NAME}};
	assert_int_equal(doubt_words(a, text, odd, 2, NULL, 0, &ws), 0);
	assert_null(ws);
}

static void test_find_whole_words(void **state)
{
	struct arena *a = *state;
	struct doubt_edit *ed = NULL;
	size_t n = 0, cap = 0;
	const char *text = "Hope hoped Hopeful; Hope's hat, (Hope) and xHope, Hope";
	assert_int_equal(doubt_find(a, text, "Hope", "[NAME]", &ed, &n, &cap), 4);
	assert_int_equal(ed[0].start, 0);
	assert_int_equal(ed[1].start, strlen("Hope hoped Hopeful; "));
	assert_int_equal(ed[2].start, strlen("Hope hoped Hopeful; Hope's hat, ("));
	assert_int_equal(ed[3].end, strlen(text));
	assert_string_equal(doubt_apply(a, text, ed, n), "[NAME] hoped Hopeful; [NAME]'s hat, ([NAME]) and xHope, [NAME]");
	/* Letters beyond ASCII part words too. */
	n = 0;
	assert_int_equal(doubt_find(a, "Ana, Anaís y Ana", "Ana", "[NAME]", &ed, &n, &cap), 2);
	assert_int_equal(doubt_find(a, "Ana, Anaís y Ana", "", "[NAME]", &ed, &n, &cap), 0);
	assert_true(doubt_contains(a, "Ana, Anaís y Ana", " Anaís "));
	assert_false(doubt_contains(a, "Ana, Anaís y Ana", "Anaí"));
	assert_false(doubt_contains(a, "Ana", "  "));
	/* A phrase ending in punctuation may be followed by anything. */
	n = 0;
	assert_int_equal(doubt_find(a, "Mr. Okafor,Mr. Okafors", "Mr. Okafor,", "[NAME]", &ed, &n, &cap), 1);
}

static void test_settle_longest_first(void **state)
{
	struct arena *a = *state;
	const char *text = "Hope Martínez and Hope";
	struct doubt_edit *ed = NULL;
	size_t n = 0, cap = 0;
	doubt_find(a, text, "Hope", "[NAME]", &ed, &n, &cap);
	doubt_find(a, text, "Hope Martínez", "[NAME]", &ed, &n, &cap);
	assert_int_equal(n, 3);
	doubt_settle(ed, &n);
	assert_int_equal(n, 2);
	assert_int_equal(ed[0].start, 0);
	assert_int_equal(ed[0].end, strlen("Hope Martínez"));
	assert_string_equal(doubt_apply(a, text, ed, n), "[NAME] and [NAME]");
	n = 0;
	doubt_settle(ed, &n);
	assert_string_equal(doubt_apply(a, text, ed, 0), text);
}

static void test_plan(void **state)
{
	struct arena *a = *state;
	const char *text = "Hope met Grace and HOPE, said Mr. Okafor.";
	static const char *const list[] = {"Hope", "Grace", "HOPE"};
	struct redact_span ds[8];
	size_t nd = spans_of(text, list, 3, ds);
	struct doubt_word *ws;
	size_t nw = doubt_words(a, text, ds, nd, NULL, 0, &ws);
	struct doubt_plan plan;
	struct err e;
	size_t bad = 99;
	struct doubt_pick picks[] = {{"hope", "replace"}, {"Grace", "keep"}};
	assert_int_equal(doubt_plan(a, text, ds, nd, ws, nw, picks, 2, "Mr. Okafor", &plan, &bad, &e), 0);
	assert_int_equal(plan.nreplace, 3);   /* Hope, HOPE, and the phrase */
	assert_string_equal(plan.replace[0], "Hope");
	assert_string_equal(plan.replace[1], "HOPE");
	assert_string_equal(plan.replace[2], "Mr. Okafor");
	assert_int_equal(plan.nkeep, 1);
	assert_string_equal(plan.keep[0].fold, "grace");
	assert_int_equal(plan.keep[0].occurrences, 1);
	assert_int_equal(plan.decided, 3);
	struct doubt_edit *ed;
	size_t n = doubt_edits(a, text, &plan, &ed);
	assert_string_equal(doubt_apply(a, text, ed, n), "[NAME] met Grace and [NAME], said [NAME].");
	/* Undecided picks and an empty phrase: a plan of nothing. */
	struct doubt_pick none[] = {{"Hope", ""}, {"", ""}};
	assert_int_equal(doubt_plan(a, text, ds, nd, ws, nw, none, 2, "  ", &plan, &bad, &e), 0);
	assert_int_equal(plan.nreplace + plan.nkeep + plan.decided, 0);
	/* A word not marked, at its index. */
	struct doubt_pick stale[] = {{"Grace", "keep"}, {"Okafor", "replace"}};
	assert_int_equal(doubt_plan(a, text, ds, nd, ws, nw, stale, 2, "", &plan, &bad, &e), ERR_INVALID);
	assert_string_equal(e.field, "word");
	assert_int_equal(bad, 1);
	/* A phrase not in the text as whole words, or only punctuation. */
	assert_int_equal(doubt_plan(a, text, ds, nd, ws, nw, NULL, 0, "Okafo", &plan, &bad, &e), ERR_INVALID);
	assert_string_equal(e.field, "also");
	assert_int_equal(doubt_plan(a, text, ds, nd, ws, nw, NULL, 0, ", ", &plan, &bad, &e), ERR_INVALID);
	assert_string_equal(e.field, "also");
	assert_int_equal(doubt_plan(a, text, ds, nd, ws, nw, NULL, 0, " Okafor ", &plan, &bad, &e), 0);
	assert_string_equal(plan.replace[0], "Okafor");
}

static void test_edits_of_run(void **state)
{
	struct arena *a = *state;
	const char *in = "Call Ana García at 512-555-0199 now";
	const char *out = "Call [NAME] at [PHONE] now";
	size_t name = (size_t)(strstr(in, "Ana") - in), phone = (size_t)(strstr(in, "512") - in);
	struct redact_span rs[] = {{name, name + strlen("Ana García"), REDACT_NAME},
	                           {phone, phone + strlen("512-555-0199"), REDACT_PHONE}};
	struct doubt_edit *ed;
	assert_int_equal(doubt_edits_of_run(a, in, out, rs, 2, &ed), 2);
	assert_string_equal(ed[0].with, "[NAME]");
	assert_string_equal(ed[1].with, "[PHONE]");
	assert_string_equal(doubt_apply(a, in, ed, 2), out);
	assert_int_equal(doubt_edits_of_run(a, in, in, NULL, 0, &ed), 0);
	/* A report that does not explain the output. */
	assert_int_equal(doubt_edits_of_run(a, in, "Call [NAME] at 512", rs, 1, &ed), -1);
	assert_int_equal(doubt_edits_of_run(a, in, "Call Ana", rs, 1, &ed), -1);
}

/* A span of old (characters) moved: the same words in new. */
static const char *moved(struct arena *a, const char *old, const char *new_text, const struct doubt_edit *ed, size_t n,
                         const char *words)
{
	const char *at = strstr(old, words);
	int64_t s = (int64_t)utf8_chars(old, (size_t)(at - old));
	int64_t e = s + (int64_t)utf8_chars(words, strlen(words));
	int64_t s2 = doubt_move(old, new_text, ed, n, s, false), e2 = doubt_move(old, new_text, ed, n, e, true);
	size_t nl = strlen(new_text), b0 = utf8_offset(new_text, nl, (size_t)s2), b1 = utf8_offset(new_text, nl, (size_t)e2);
	return arena_strndup(a, new_text + b0, b1 - b0);
}

static void test_move(void **state)
{
	struct arena *a = *state;
	const char *old = "Ñandú met Hope Ríos; Hope drove home, said Íñigo.";
	struct doubt_edit *ed = NULL;
	size_t n = 0, cap = 0;
	doubt_find(a, old, "Hope Ríos", "[NAME]", &ed, &n, &cap);
	doubt_find(a, old, "Íñigo", "[NAME]", &ed, &n, &cap);
	doubt_settle(ed, &n);
	const char *new_text = doubt_apply(a, old, ed, n);
	assert_string_equal(new_text, "Ñandú met [NAME]; Hope drove home, said [NAME].");
	assert_string_equal(moved(a, old, new_text, ed, n, "Ñandú"), "Ñandú");
	assert_string_equal(moved(a, old, new_text, ed, n, "drove home"), "drove home");
	assert_string_equal(moved(a, old, new_text, ed, n, old), new_text);
	/* A span over part of a replaced name covers its placeholder. */
	assert_string_equal(moved(a, old, new_text, ed, n, "Ríos; Hope"), "[NAME]; Hope");
	assert_string_equal(moved(a, old, new_text, ed, n, "met Hope"), "met [NAME]");
	assert_string_equal(moved(a, old, new_text, ed, n, "said Íñigo."), "said [NAME].");
	/* No edits: offsets stay. */
	assert_int_equal(doubt_move(old, old, NULL, 0, 7, false), 7);
	/* Past the end: the end of the new text. */
	assert_int_equal(doubt_move(old, new_text, ed, n, 999, true), (int64_t)utf8_chars(new_text, strlen(new_text)));
}

static void test_field_tables(void **state)
{
	struct doubt_pick p = {"Hope", "maybe"};
	struct err e;
	assert_int_equal(field_check(doubt_pick_fields, &p, &e), ERR_INVALID);
	assert_string_equal(e.field, "choice");
	p.choice = "keep";
	assert_int_equal(field_check(doubt_pick_fields, &p, &e), 0);
	p.word = "Hope\nGrace";
	assert_int_equal(field_check(doubt_pick_fields, &p, &e), ERR_INVALID);
	assert_string_equal(e.field, "word");
	char long_phrase[260];
	memset(long_phrase, 'a', sizeof(long_phrase) - 1);
	long_phrase[sizeof(long_phrase) - 1] = '\0';
	struct doubt_ask ask = {long_phrase};
	assert_int_equal(field_check(doubt_ask_fields, &ask, &e), ERR_INVALID);
	assert_string_equal(e.field, "also");
	(void)state;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_fold, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(test_words_and_pending, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(test_find_whole_words, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(test_settle_longest_first, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(test_plan, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(test_edits_of_run, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(test_move, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(test_field_tables, arena_setup, arena_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

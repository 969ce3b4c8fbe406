/* Unit tests for domain/respan: coded spans carried through a redaction. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <string.h>

#include "core/buf.h"
#include "core/str.h"
#include "domain/redact.h"
#include "domain/respan.h"
#include "fixture.h"

/* Characters of the words of text, for spans. */
static int64_t chars_at(const char *text, const char *words)
{
	const char *at = strstr(text, words);
	assert_non_null(at);
	return (int64_t)utf8_chars(text, (size_t)(at - text));
}

/* The words of text at characters start..end. */
static const char *slice(struct arena *a, const char *text, int64_t start, int64_t end)
{
	size_t len = strlen(text), b = utf8_offset(text, len, (size_t)start), f = utf8_offset(text, len, (size_t)end);
	return arena_strndup(a, text + b, f - b);
}

struct redone {
	const char *text;
	struct redact_report rep;
};

static struct redone redact_with(struct arena *a, const char *name, const char *text)
{
	struct redone r;
	struct buf out;
	struct err e;
	buf_init(&out, 1 << 16);
	struct redact_names *rn = redact_names_new(a, &name, 1);
	assert_int_equal(redact_run(rn, text, strlen(text), a, &out, &r.rep, &e), 0);
	r.text = arena_strdup(a, out.p);
	buf_release(&out);
	return r;
}

/* Where the words old_words of old stand after the redaction, as words of
 * the new text. */
static const char *moved(struct arena *a, const char *old, const struct redone *r, const char *old_words)
{
	int64_t s = chars_at(old, old_words), t = s + (int64_t)utf8_chars(old_words, strlen(old_words));
	struct err e;
	assert_int_equal(respan_map(old, r->text, r->rep.replaced, r->rep.nreplaced, &s, &t, &e), 0);
	return slice(a, r->text, s, t);
}

static void spans_keep_their_words(void **state)
{
	struct arena *a = *state;
	static const char old[] = "Zanele Mokoena and I share the bus wifi; Zanele says it drops at the bridge.";
	struct redone r = redact_with(a, "Zanele Mokoena", old);
	assert_string_equal(r.text, "[NAME] and I share the bus wifi; [NAME] says it drops at the bridge.");
	assert_string_equal(moved(a, old, &r, "it drops at the bridge"), "it drops at the bridge");
	assert_string_equal(moved(a, old, &r, "share the bus wifi"), "share the bus wifi");
	assert_string_equal(moved(a, old, &r, old), r.text);
	/* A bound inside a name takes the whole placeholder. */
	assert_string_equal(moved(a, old, &r, "Mokoena and I"), "[NAME] and I");
	assert_string_equal(moved(a, old, &r, "Zanele"), "[NAME]");
	assert_string_equal(moved(a, old, &r, "wifi; Zan"), "wifi; [NAME]");
	assert_string_equal(moved(a, old, &r, "ele says"), "[NAME] says");
}

static void characters_are_not_bytes(void **state)
{
	struct arena *a = *state;
	static const char old[] = "María José García dijo que la señal se cae en el puente, según José.";
	struct redone r = redact_with(a, "María José García", old);
	assert_string_equal(r.text, "[NAME] dijo que la señal se cae en el puente, según [NAME].");
	assert_string_equal(moved(a, old, &r, "la señal se cae"), "la señal se cae");
	assert_string_equal(moved(a, old, &r, "según José."), "según [NAME].");
}

static void a_text_without_changes_keeps_its_spans(void **state)
{
	struct arena *a = *state;
	static const char old[] = "Nobody is named here.";
	struct redone r = redact_with(a, "Zanele Mokoena", old);
	assert_int_equal(r.rep.nreplaced, 0);
	assert_string_equal(moved(a, old, &r, "named"), "named");
}

static void other_texts_are_refused(void **state)
{
	struct arena *a = *state;
	static const char old[] = "Zanele Mokoena came.";
	struct redone r = redact_with(a, "Zanele Mokoena", old);
	struct err e;
	int64_t s = 0, t = 6;
	assert_int_equal(respan_map(old, "[NAME] went.", r.rep.replaced, r.rep.nreplaced, &s, &t, &e), ERR_INVALID);
	assert_string_equal(e.field, "span");
	assert_int_equal(respan_map(old, "NAME came.", r.rep.replaced, r.rep.nreplaced, &s, &t, &e), ERR_INVALID);
	assert_int_equal(respan_map(old, old, r.rep.replaced, r.rep.nreplaced, &s, &t, &e), ERR_INVALID);
	assert_true(s == 0 && t == 6);
	/* Spans outside the text. */
	s = 5, t = 40;
	assert_int_equal(respan_map(old, r.text, r.rep.replaced, r.rep.nreplaced, &s, &t, &e), ERR_INVALID);
	s = 3, t = 3;
	assert_int_equal(respan_map(old, r.text, r.rep.replaced, r.rep.nreplaced, &s, &t, &e), ERR_INVALID);
	assert_true(s == 3 && t == 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(spans_keep_their_words, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(characters_are_not_bytes, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(a_text_without_changes_keeps_its_spans, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(other_texts_are_refused, arena_setup, arena_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

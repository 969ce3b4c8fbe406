/* core/: buffers, arenas, slices, number parsing, UTF-8, catalogs. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/i18n.h"
#include "core/mem.h"
#include "core/str.h"

static void buf_grows_and_stays_terminated(void **state)
{
	struct buf b;
	buf_init(&b, 0);
	assert_non_null(b.p);
	assert_string_equal(b.p, "");
	for (int i = 0; i < 1000; i++)
		assert_int_equal(buf_adds(&b, "ab"), 0);
	assert_int_equal(b.len, 2000);
	assert_int_equal(b.p[2000], '\0');
	assert_int_equal(buf_printf(&b, "%d-%s", 42, "x"), 0);
	assert_string_equal(b.p + 2000, "42-x");
	size_t len;
	char *p = buf_detach(&b, &len);
	assert_int_equal(len, 2004);
	assert_int_equal(b.len, 0);
	assert_string_equal(b.p, "");
	mem_free(p);
}

static void buf_refuses_past_its_maximum(void **state)
{
	struct buf b;
	buf_init(&b, 8);
	assert_int_equal(buf_adds(&b, "12345678"), 0);
	assert_int_equal(buf_addc(&b, '9'), -1);
	assert_true(b.overflow);
	assert_string_equal(b.p, "12345678");
	assert_int_equal(buf_printf(&b, "%s", "more"), -1);
	assert_int_equal(b.len, 8);
	buf_reset(&b);
	assert_false(b.overflow);
	assert_int_equal(buf_adds(&b, "ok"), 0);
	buf_release(&b);
}

static void arena_allocates_aligned_zeroed_memory(void **state)
{
	struct arena a;
	arena_init(&a);
	for (int i = 1; i < 200; i++) {
		unsigned char *p = arena_alloc(&a, (size_t)i * 7);
		assert_int_equal((uintptr_t)p % _Alignof(max_align_t), 0);
		for (int k = 0; k < i * 7; k++)
			assert_int_equal(p[k], 0);
		memset(p, 0xab, (size_t)i * 7);
	}
	char *big = arena_alloc(&a, 100000);
	big[99999] = 1;
	assert_string_equal(arena_printf(&a, "%s=%d", "n", 5), "n=5");
	assert_string_equal(arena_strndup(&a, "hello", 4), "hell");
	arena_free(&a);
}

static int deferred_calls;
static void count_call(void *arg)
{
	deferred_calls += *(int *)arg;
}

static void arena_runs_deferred_cleanups(void **state)
{
	struct arena a;
	arena_init(&a);
	int one = 1, ten = 10;
	deferred_calls = 0;
	arena_defer(&a, count_call, &one);
	arena_defer(&a, count_call, &ten);
	arena_free(&a);
	assert_int_equal(deferred_calls, 11);
}

static void arena_grow_keeps_elements(void **state)
{
	struct arena a;
	arena_init(&a);
	int *v = NULL;
	size_t cap = 0;
	for (size_t i = 0; i < 100; i++) {
		v = arena_grow(&a, v, i, &cap, sizeof(*v));
		v[i] = (int)i * 3;
	}
	for (size_t i = 0; i < 100; i++)
		assert_int_equal(v[i], (int)i * 3);
	assert_true(cap >= 100);
	arena_free(&a);
}

static void numbers_are_range_checked(void **state)
{
	static const struct {
		const char *in;
		int64_t min, max;
		int rc;
		int64_t want;
	} cases[] = {
		{"0", 0, 10, 0, 0},
		{"10", 0, 10, 0, 10},
		{"11", 0, 10, -1, 0},
		{"-1", 0, 10, -1, 0},
		{"-5", -10, 10, 0, -5},
		{"", 0, 10, -1, 0},
		{" 1", 0, 10, -1, 0},
		{"1 ", 0, 10, -1, 0},
		{"1x", 0, 10, -1, 0},
		{"+1", 0, 10, -1, 0},
		{"9223372036854775807", 0, INT64_MAX, 0, INT64_MAX},
		{"9223372036854775808", 0, INT64_MAX, -1, 0},
		{"-9223372036854775808", INT64_MIN, 0, 0, INT64_MIN},
		{"99999999999999999999", 0, INT64_MAX, -1, 0},
		{"-", -10, 10, -1, 0},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int64_t v = 0;
		int rc = parse_i64(cases[i].in, cases[i].min, cases[i].max, &v);
		if (rc != cases[i].rc || (rc == 0 && v != cases[i].want))
			fail_msg("parse_i64(\"%s\") = %d, %lld", cases[i].in, rc, (long long)v);
	}
}

static void slices_cut_and_trim(void **state)
{
	struct str head, rest = str_cut(str_from("a=b=c"), '=', &head);
	assert_true(str_eqs(head, "a"));
	assert_true(str_eqs(rest, "b=c"));
	rest = str_cut(str_from("abc"), '=', &head);
	assert_null(rest.p);
	assert_true(str_eqs(head, "abc"));
	assert_true(str_eqs(str_trim(str_from("  x y \r\n")), "x y"));
	assert_true(str_eq_nocase(str_from("Bearer"), "bEARER"));
	char small[4];
	assert_int_equal(str_copy(small, sizeof(small), "abcdef"), -1);
	assert_string_equal(small, "abc");
}

static void utf8_validation(void **state)
{
	static const struct {
		const char *s;
		size_t n;
		bool ok;
	} cases[] = {
		{"plain", 5, true},
		{"Ñandú — “ok”", 17, true},
		{"\xf0\x9f\x98\x80", 4, true},    /* emoji */
		{"\xc3", 1, false},               /* truncated */
		{"\xc0\xaf", 2, false},           /* overlong / */
		{"\xed\xa0\x80", 3, false},       /* surrogate */
		{"\xf4\x90\x80\x80", 4, false},   /* past U+10FFFF */
		{"a\0b", 3, false},               /* NUL */
		{"\xff", 1, false},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (utf8_valid(cases[i].s, cases[i].n) != cases[i].ok)
			fail_msg("utf8_valid case %zu", i);
}

static void po_catalogs_load(void **state)
{
	static const char po[] = "# comment\n"
	                         "msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\n"
	                         "msgid \"Sign in\"\nmsgstr \"Iniciar sesión\"\n\n"
	                         "#, fuzzy\nmsgid \"Draft\"\nmsgstr \"Borrador\"\n\n"
	                         "msgid \"\"\n\"Two \"\n\"lines\"\nmsgstr \"Dos \"\n\"líneas \\\"citadas\\\"\"\n\n"
	                         "msgid \"Untranslated\"\nmsgstr \"\"\n";
	struct i18n *c = i18n_new();
	struct err e;
	assert_int_equal(i18n_parse_po(c, "es", po, sizeof(po) - 1, &e), 0);
	assert_string_equal(i18n_lookup(c, "es", "Sign in"), "Iniciar sesión");
	assert_string_equal(i18n_lookup(c, "es", "Two lines"), "Dos líneas \"citadas\"");
	assert_null(i18n_lookup(c, "es", "Draft"));        /* fuzzy entries are not used */
	assert_null(i18n_lookup(c, "es", "Untranslated"));
	assert_null(i18n_lookup(c, "fr", "Sign in"));
	assert_true(i18n_has_lang(c, "es"));
	static const char bad[] = "msgid \"a\"\nmsgstr \"b\nmsgid \"c\"\n";
	assert_int_equal(i18n_parse_po(c, "es", bad, sizeof(bad) - 1, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "line 2"));
	i18n_free(c);
}

static void the_spanish_catalog_covers_every_template_string(void **state)
{
	/* Every {{t "…"}} in templates/ must have a Spanish translation. */
	struct i18n *c = i18n_new();
	struct err e;
	assert_int_equal(i18n_load_po(c, "es", CG_ROOT "/po/es.po", &e), 0);
	FILE *f = popen("grep -rhoE '\\{\\{t \"[^\"]+\"' " CG_ROOT "/templates", "r");
	assert_non_null(f);
	char line[1024];
	int checked = 0, missing = 0;
	while (fgets(line, sizeof(line), f)) {
		char *start = strchr(line, '"') + 1;
		char *end = strrchr(line, '"');
		*end = '\0';
		if (!i18n_lookup(c, "es", start)) {
			print_error("no Spanish for \"%s\"\n", start);
			missing++;
		}
		checked++;
	}
	pclose(f);
	i18n_free(c);
	assert_true(checked > 20);
	assert_int_equal(missing, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(buf_grows_and_stays_terminated),
		cmocka_unit_test(buf_refuses_past_its_maximum),
		cmocka_unit_test(arena_allocates_aligned_zeroed_memory),
		cmocka_unit_test(arena_runs_deferred_cleanups),
		cmocka_unit_test(arena_grow_keeps_elements),
		cmocka_unit_test(numbers_are_range_checked),
		cmocka_unit_test(slices_cut_and_trim),
		cmocka_unit_test(utf8_validation),
		cmocka_unit_test(po_catalogs_load),
		cmocka_unit_test(the_spanish_catalog_covers_every_template_string),
	};
	return cmocka_run_group_tests_name("core", tests, NULL, NULL);
}

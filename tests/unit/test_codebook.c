/* Unit tests for domain/codebook: codes, spans in characters, Cohen's kappa. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "core/err.h"
#include "domain/codebook.h"

static void codes_are_checked(void **state)
{
	(void)state;
	struct err e;
	struct code c = {.name = "Home internet", .description = "", .colour = codebook_colours[3]};
	assert_int_equal(code_check(&c, &e), 0);
	c.name = "";
	assert_int_equal(code_check(&c, &e), ERR_INVALID);
	assert_string_equal(e.field, "name");
	c.name = "two\nlines";
	assert_int_equal(code_check(&c, &e), ERR_INVALID);
	/* A right-to-left override (U+202E) would reorder what is shown around the name. */
	c.name = "Devices \xe2\x80\xae" "skrow";
	assert_int_equal(code_check(&c, &e), ERR_INVALID);
	assert_string_equal(e.field, "name");
	c.name = "Fine";
	c.colour = "";
	assert_int_equal(code_check(&c, &e), ERR_INVALID);
	assert_string_equal(e.field, "colour");
	c.colour = "#ff0000";
	assert_int_equal(code_check(&c, &e), ERR_INVALID);
	assert_string_equal(e.field, "colour");
	assert_int_equal(codebook_colour_index(codebook_colours[7]), 7);
	assert_int_equal(codebook_colour_index(NULL), -1);
}

static void parents_nest_one_level(void **state)
{
	(void)state;
	struct err e;
	struct code top = {.id = 1, .initiative_id = 5}, child = {.id = 2, .initiative_id = 5, .parent_id = 1};
	struct code c = {.id = 3, .initiative_id = 5};
	assert_int_equal(code_check_parent(&c, NULL, &e), 0);
	assert_int_equal(code_check_parent(&c, &top, &e), 0);
	assert_int_equal(code_check_parent(&c, &child, &e), ERR_INVALID);
	assert_string_equal(e.field, "parent_id");
	assert_int_equal(code_check_parent(&top, &top, &e), ERR_INVALID);
	struct code other = {.id = 9, .initiative_id = 6};
	assert_int_equal(code_check_parent(&c, &other, &e), ERR_INVALID);
}

static void spans_count_characters(void **state)
{
	(void)state;
	struct err e;
	int64_t s, t;
	const char *text = "Sí, la computadora ayuda; la computadora es útil.";
	assert_int_equal(coding_span(text, "la computadora", &s, &t, &e), 0);
	assert_int_equal(s, 4);   /* "Sí, " is four characters, five bytes */
	assert_int_equal(t, 18);
	assert_int_equal(coding_span(text, "  útil ", &s, &t, &e), 0);
	assert_int_equal(s, 44);
	assert_int_equal(t, 48);
	assert_int_equal(coding_span(text, "", &s, &t, &e), 0);
	assert_int_equal(s, 0);
	assert_int_equal(t, 49);
	assert_int_equal(coding_span(text, "La Computadora", &s, &t, &e), ERR_INVALID);
	assert_string_equal(e.field, "quote");
	assert_int_equal(coding_span("", NULL, &s, &t, &e), ERR_INVALID);
	assert_int_equal(coding_check_span(text, 0, 49, &e), 0);
	assert_int_equal(coding_check_span(text, 0, 50, &e), ERR_INVALID);
	assert_int_equal(coding_check_span(text, 5, 5, &e), ERR_INVALID);
	assert_int_equal(coding_check_span(text, -1, 3, &e), ERR_INVALID);
	assert_string_equal(e.field, "span");
	assert_true(coding_kind_ok("note") && coding_kind_ok("segment") && coding_kind_ok("survey"));
	assert_false(coding_kind_ok("memo") || coding_kind_ok(NULL));
}

static void kappa_follows_cohen(void **state)
{
	(void)state;
	/* The textbook table: 20 yes-yes, 5 yes-no, 10 no-yes, 15 no-no of 50.
	 * po = 0.7, pe = 0.5 x 0.6 + 0.5 x 0.4 = 0.5, kappa = 0.4. */
	bool a[50], b[50];
	size_t i = 0;
	for (int k = 0; k < 20; k++, i++)
		a[i] = true, b[i] = true;
	for (int k = 0; k < 5; k++, i++)
		a[i] = true, b[i] = false;
	for (int k = 0; k < 10; k++, i++)
		a[i] = false, b[i] = true;
	for (int k = 0; k < 15; k++, i++)
		a[i] = false, b[i] = false;
	assert_true(fabs(cohen_kappa(a, b, 50) - 0.4) < 1e-12);
	assert_true(fabs(cohen_kappa(a, a, 50) - 1.0) < 1e-12);
	/* Always opposite on a balanced set: -1. */
	bool x[4] = {true, false, true, false}, y[4] = {false, true, false, true};
	assert_true(fabs(cohen_kappa(x, y, 4) + 1.0) < 1e-12);
	/* Both always yes: chance explains all; undefined. */
	bool all[3] = {true, true, true};
	assert_true(isnan(cohen_kappa(all, all, 3)));
	assert_true(isnan(cohen_kappa(NULL, NULL, 0)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(codes_are_checked),
		cmocka_unit_test(parents_nest_one_level),
		cmocka_unit_test(spans_count_characters),
		cmocka_unit_test(kappa_follows_cohen),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

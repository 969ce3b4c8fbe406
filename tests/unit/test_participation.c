/* Unit tests for domain/participation, domain/representation and tmpl/svg. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/mem.h"
#include "domain/participation.h"
#include "domain/representation.h"
#include "tmpl/svg.h"
#include "fixture.h"

#define EPS 1e-9
#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* ---- participation ---- */

/* The speaker of code in p, or fails the test. */
static const struct participation_speaker *speaker(const struct participation *p, const char *code)
{
	for (size_t i = 0; i < p->nspeakers; i++)
		if (strcmp(p->speakers[i].code, code) == 0)
			return &p->speakers[i];
	fail_msg("no speaker %s", code);
	return NULL;
}

/* Balance of participants speaking the given word counts (P1..Pn), plus a
 * facilitator who talks a lot and must not change it. */
static double balance_of(struct arena *a, const size_t *words, size_t n)
{
	static const char *const codes[] = {"P1", "P2", "P3", "P4", "P5", "P6"};
	struct participation_turn t[8];
	struct participation p;
	struct err e = {0};
	size_t k = 0;

	assert_true(n <= NELEM(codes));
	t[k++] = (struct participation_turn){"F", 500};
	for (size_t i = 0; i < n; i++)
		if (words[i])
			t[k++] = (struct participation_turn){codes[i], words[i]};
	assert_int_equal(participation_compute(a, t, k, codes, n, &p, &e), 0);
	return p.balance;
}

static void participation_orders_speakers(void **state)
{
	const struct participation_turn t[] = {
		{"P10", 1}, {"P2", 1}, {"X", 1}, {"F", 1}, {"P1", 1}, {"P9", 1}, {"P2", 1},
	};
	const char *const order[] = {"F", "P1", "P2", "P9", "P10", "X"};
	struct participation p;
	struct err e = {0};

	assert_int_equal(participation_compute(*state, t, NELEM(t), NULL, 0, &p, &e), 0);
	assert_int_equal(p.nspeakers, NELEM(order));
	for (size_t i = 0; i < NELEM(order); i++)
		assert_string_equal(p.speakers[i].code, order[i]);
	assert_int_equal(speaker(&p, "P2")->turns, 2);
}

static void participation_counts_totals_and_shares(void **state)
{
	const struct participation_turn t[] = {
		{"F", 15}, {"P1", 30}, {"P2", 30}, {"F", 5}, {"P1", 20},
	};
	const char *const expected[] = {"P1", "P2"};
	struct participation p;
	struct err e = {0};

	assert_int_equal(participation_compute(*state, t, NELEM(t), expected, 2, &p, &e), 0);
	assert_int_equal(p.total_turns, 5);
	assert_int_equal(p.total_words, 100);
	assert_int_equal(speaker(&p, "F")->turns, 2);
	assert_int_equal(speaker(&p, "F")->words, 20);
	assert_int_equal(speaker(&p, "P1")->words, 50);
	assert_true(fabs(speaker(&p, "P1")->share_words - 0.5) < EPS);
	assert_true(fabs(p.facilitator_share - 0.2) < EPS);
	/* Loudest among participants only: 50 of their 80 words. */
	assert_string_equal(p.loudest, "P1");
	assert_true(fabs(p.loudest_share - 0.625) < EPS);
	assert_int_equal(p.nsilent, 0);
}

static void participation_loudest_excludes_facilitator_and_breaks_ties(void **state)
{
	const struct participation_turn t[] = {{"F", 920}, {"P3", 40}, {"P2", 40}};
	struct participation p;
	struct err e = {0};

	assert_int_equal(participation_compute(*state, t, NELEM(t), NULL, 0, &p, &e), 0);
	assert_string_equal(p.loudest, "P2");   /* first in speaker order */
	assert_true(fabs(p.loudest_share - 0.5) < EPS);
	assert_true(fabs(p.facilitator_share - 0.92) < EPS);
}

static void participation_balance_is_one_minus_gini(void **state)
{
	const size_t even[] = {1, 1, 1, 1};
	const size_t one[] = {0, 0, 0, 10};
	const size_t ramp[] = {1, 2, 3, 4};
	const size_t two[] = {10, 30};

	assert_true(fabs(balance_of(*state, even, 4) - 1) < EPS);
	assert_true(fabs(balance_of(*state, one, 4) - 0.25) < EPS);
	assert_true(fabs(balance_of(*state, ramp, 4) - 0.75) < EPS);
	/* Mean absolute difference 10 over twice the mean 40: Gini 0.25. */
	assert_true(fabs(balance_of(*state, two, 2) - 0.75) < EPS);
	/* One participant, and nobody at all: defined as even. */
	assert_true(fabs(balance_of(*state, ramp, 1) - 1) < EPS);
	assert_true(fabs(balance_of(*state, ramp, 0) - 1) < EPS);
}

static void participation_lists_silent_in_expected_order(void **state)
{
	const struct participation_turn t[] = {{"F", 10}, {"P1", 10}};
	const char *const expected[] = {"P3", "F", "P1", "P2", "P3"};
	struct participation p;
	struct err e = {0};

	assert_int_equal(participation_compute(*state, t, NELEM(t), expected, NELEM(expected), &p, &e), 0);
	assert_int_equal(p.nsilent, 2);
	assert_string_equal(p.silent[0], "P3");
	assert_string_equal(p.silent[1], "P2");
	/* Silent people are speakers with nothing said, and weigh on balance. */
	assert_int_equal(p.nspeakers, 4);
	assert_int_equal(speaker(&p, "P3")->turns, 0);
	assert_int_equal(speaker(&p, "P3")->words, 0);
	assert_true(fabs(p.balance - 1.0 / 3) < EPS);   /* {0,0,10}: Gini 2/3 */
}

static void participation_counts_unexpected_speakers(void **state)
{
	const struct participation_turn t[] = {{"P1", 10}, {"P7", 30}};
	const char *const expected[] = {"P1"};
	struct participation p;
	struct err e = {0};

	assert_int_equal(participation_compute(*state, t, NELEM(t), expected, 1, &p, &e), 0);
	assert_int_equal(p.nspeakers, 2);
	assert_int_equal(p.total_words, 40);
	assert_string_equal(p.loudest, "P7");
	assert_true(fabs(p.loudest_share - 0.75) < EPS);
	assert_true(fabs(p.balance - 0.75) < EPS);
	assert_int_equal(p.nsilent, 0);
}

static void participation_handles_empty_input(void **state)
{
	struct participation p;
	struct err e = {0};

	assert_int_equal(participation_compute(*state, NULL, 0, NULL, 0, &p, &e), 0);
	assert_int_equal(p.nspeakers, 0);
	assert_int_equal(p.total_turns, 0);
	assert_int_equal(p.total_words, 0);
	assert_null(p.loudest);
	assert_true(fabs(p.balance - 1) < EPS);
	assert_true(p.facilitator_share == 0);
	assert_int_equal(p.nsilent, 0);

	/* Everyone present, nobody spoke: all silent, no loudest. */
	const char *const expected[] = {"P2", "P1"};
	assert_int_equal(participation_compute(*state, NULL, 0, expected, 2, &p, &e), 0);
	assert_int_equal(p.nsilent, 2);
	assert_null(p.loudest);
	assert_true(fabs(p.balance - 1) < EPS);
	assert_string_equal(p.speakers[0].code, "P1");
}

static void participation_rejects_bad_codes(void **state)
{
	const struct participation_turn t[] = {{"P1", 3}, {"", 2}};
	const struct participation_turn t2[] = {{NULL, 2}};
	const char *const expected[] = {"P1", NULL};
	struct participation p;
	struct err e = {0};

	assert_int_equal(participation_compute(*state, t, NELEM(t), NULL, 0, &p, &e), ERR_INVALID);
	assert_string_equal(e.field, "speaker");
	assert_int_equal(p.nspeakers, 0);
	assert_int_equal(participation_compute(*state, t2, 1, NULL, 0, &p, &e), ERR_INVALID);
	assert_int_equal(participation_compute(*state, t, 1, expected, 2, &p, &e), ERR_INVALID);
	assert_string_equal(e.field, "expected");
	assert_int_equal(participation_compute(*state, NULL, 3, NULL, 0, &p, NULL), ERR_INVALID);
}

/* ---- representation ---- */

static const struct baseline_share race[] = {
	{0, 1, "race_ethnicity", "White", 5000},
	{0, 1, "race_ethnicity", "Hispanic or Latino", 2500},
	{0, 1, "race_ethnicity", "Black", 1500},
	{0, 1, "race_ethnicity", "Asian", 1000},
};

/* The row of category in d, or fails the test. */
static const struct representation_row *row(const struct representation_dim *d, const char *category)
{
	for (size_t i = 0; i < d->nrows; i++)
		if (strcmp(d->rows[i].category, category) == 0)
			return &d->rows[i];
	fail_msg("no row %s", category);
	return NULL;
}

static void representation_joins_counts_with_baseline(void **state)
{
	const struct representation_count c[] = {
		{"race_ethnicity", "White", 14},
		{"race_ethnicity", "Hispanic or Latino", 4},
		{"race_ethnicity", "Black", 2},
	};
	const struct baseline_share b[] = {race[0], race[1], race[2]};
	struct representation r;
	struct err e = {0};

	assert_int_equal(representation_compute(*state, c, NELEM(c), b, NELEM(b), false, &r, &e), 0);
	assert_int_equal(r.ndims, 1);
	const struct representation_dim *d = &r.dims[0];
	assert_string_equal(d->dimension, "race_ethnicity");
	assert_int_equal(d->known, 20);
	assert_int_equal(d->nrows, 3);
	assert_string_equal(d->rows[0].category, "White");   /* baseline order */
	const struct representation_row *w = row(d, "White"), *h = row(d, "Hispanic or Latino");
	const struct representation_row *bl = row(d, "Black");
	assert_int_equal(w->count, 14);
	assert_true(fabs(w->share - 0.7) < EPS);
	assert_true(fabs(w->baseline - 0.5) < EPS);
	assert_true(fabs(w->ratio - 1.4) < EPS);
	assert_false(w->under);
	/* 20% against 25%: exactly 0.8 x baseline is not under. */
	assert_true(fabs(h->ratio - 0.8) < EPS);
	assert_false(h->under);
	/* 10% against 15%: under. */
	assert_int_equal(bl->count, 2);
	assert_true(bl->under);
}

static void representation_keeps_categories_missing_on_either_side(void **state)
{
	const struct representation_count c[] = {
		{"race_ethnicity", "White", 20},
		{"race_ethnicity", "Multiracial", 5},
		{"gender", "Woman", 7},
	};
	const struct baseline_share b[] = {
		race[0],
		{0, 1, "race_ethnicity", "Native", 600},
		{0, 1, "race_ethnicity", "Other", 400},
	};
	struct representation r;
	struct err e = {0};

	assert_int_equal(representation_compute(*state, c, NELEM(c), b, NELEM(b), false, &r, &e), 0);
	assert_int_equal(r.ndims, 2);
	const struct representation_dim *d = &r.dims[0];
	assert_int_equal(d->known, 25);
	assert_int_equal(d->nrows, 4);
	assert_string_equal(d->rows[3].category, "Multiracial");   /* counted only: last */
	const struct representation_row *m = row(d, "Multiracial");
	assert_true(m->baseline == -1);
	assert_true(m->ratio == -1);
	assert_true(fabs(m->share - 0.2) < EPS);
	assert_false(m->under);
	/* Nobody came: count 0; flagged only with a baseline of 5% or more. */
	assert_int_equal(row(d, "Native")->count, 0);
	assert_true(row(d, "Native")->share == 0);
	assert_true(row(d, "Native")->under);
	assert_int_equal(row(d, "Other")->count, 0);
	assert_false(row(d, "Other")->under);
	/* A dimension without a baseline. */
	assert_string_equal(r.dims[1].dimension, "gender");
	assert_true(r.dims[1].rows[0].baseline == -1);
	assert_false(r.dims[1].rows[0].under);

	/* A dimension nobody was counted in: nothing to compare, no flags. */
	assert_int_equal(representation_compute(*state, NULL, 0, b, NELEM(b), false, &r, &e), 0);
	assert_int_equal(r.dims[0].known, 0);
	assert_true(r.dims[0].rows[1].share == -1);
	assert_false(r.dims[0].rows[1].under);
}

static void representation_matches_case_insensitively(void **state)
{
	const struct representation_count c[] = {
		{"Race_Ethnicity", " hispanic or LATINO ", 6},
		{"race_ethnicity", "HISPANIC OR LATINO", 4},
		{"race_ethnicity", "white", 10},
	};
	struct representation r;
	struct err e = {0};

	assert_int_equal(representation_compute(*state, c, NELEM(c), race, 2, false, &r, &e), 0);
	assert_int_equal(r.ndims, 1);
	assert_int_equal(r.dims[0].nrows, 2);
	assert_string_equal(r.dims[0].rows[1].category, "Hispanic or Latino");
	assert_int_equal(r.dims[0].rows[1].count, 10);
	assert_true(fabs(r.dims[0].rows[1].ratio - 2) < EPS);
}

static void representation_hides_small_counts_in_public(void **state)
{
	const struct representation_count c[] = {
		{"race_ethnicity", "White", 40},
		{"race_ethnicity", "Hispanic or Latino", 3},
		{"race_ethnicity", "Black", 2},
		{"race_ethnicity", "Asian", 10},
	};
	struct representation r;
	struct err e = {0};

	assert_int_equal(representation_compute(*state, c, NELEM(c), race, NELEM(race), true, &r, &e), 0);
	const struct representation_dim *d = &r.dims[0];
	assert_int_equal(d->known, 55);
	const struct representation_row *h = row(d, "Hispanic or Latino"), *b = row(d, "Black");
	assert_int_equal(h->count, -1);
	assert_true(h->share == -1 && h->ratio == -1);
	assert_true(fabs(h->baseline - 0.25) < EPS);   /* the baseline is not secret */
	assert_int_equal(b->count, -1);
	assert_int_equal(row(d, "Asian")->count, 10);
	assert_int_equal(row(d, "White")->count, 40);
	/* Even the 5 hidden people together are under 0.8 x 25% and 0.8 x 15%
	 * of 55: the flags reveal nothing the page does not. */
	assert_true(h->under);
	assert_true(b->under);
	assert_false(row(d, "Asian")->under);

	/* The staff view shows everything. */
	assert_int_equal(representation_compute(*state, c, NELEM(c), race, NELEM(race), false, &r, &e), 0);
	assert_int_equal(row(&r.dims[0], "Hispanic or Latino")->count, 3);
}

static void representation_hides_a_second_row_when_one_is_hidden(void **state)
{
	const struct representation_count c[] = {
		{"race_ethnicity", "White", 40},
		{"race_ethnicity", "Hispanic or Latino", 3},
		{"race_ethnicity", "Black", 20},
		{"race_ethnicity", "Asian", 10},
		{"language", "Spanish", 3},
	};
	struct representation r;
	struct err e = {0};

	assert_int_equal(representation_compute(*state, c, NELEM(c), race, NELEM(race), true, &r, &e), 0);
	const struct representation_dim *d = &r.dims[0];
	assert_int_equal(d->known, 73);
	/* Alone, 3 would be 73 - 40 - 20 - 10: the smallest other row goes too. */
	assert_int_equal(row(d, "Hispanic or Latino")->count, -1);
	assert_int_equal(row(d, "Asian")->count, -1);
	assert_int_equal(row(d, "Black")->count, 20);
	assert_int_equal(row(d, "White")->count, 40);
	/* 13 hidden of 73 is under 20% but not under 8%. */
	assert_true(row(d, "Hispanic or Latino")->under);
	assert_false(row(d, "Asian")->under);
	/* A lone small row: the total would give it away. */
	assert_string_equal(r.dims[1].dimension, "language");
	assert_int_equal(r.dims[1].known, -1);
	assert_int_equal(r.dims[1].rows[0].count, -1);
	assert_false(r.dims[1].rows[0].under);
}

/* The threshold at its edge: 4 is hidden, 5 is shown.  Two rows of 4 hide
 * each other; a single row of 4 takes the smallest other non-zero row (a 5,
 * not the 9) with it; one row of 5 alone hides nothing. */
static void representation_hides_four_and_shows_five(void **state)
{
	const struct representation_count c[] = {
		{"race_ethnicity", "White", 5},
		{"race_ethnicity", "Hispanic or Latino", 4},
		{"race_ethnicity", "Black", 4},
		{"language", "English", 9},
		{"language", "Spanish", 5},
		{"language", "Vietnamese", 4},
		{"gender", "Woman", 5},
		{"gender", "Man", 6},
	};
	struct representation r;
	struct err e = {0};

	assert_int_equal(representation_compute(*state, c, NELEM(c), race, NELEM(race), true, &r, &e), 0);
	assert_int_equal(r.ndims, 3);
	const struct representation_dim *d = &r.dims[0];
	assert_int_equal(d->known, 13);
	assert_int_equal(row(d, "White")->count, 5);
	assert_true(fabs(row(d, "White")->share - 5.0 / 13) < EPS);
	assert_int_equal(row(d, "Hispanic or Latino")->count, -1);
	assert_int_equal(row(d, "Black")->count, -1);
	assert_int_equal(row(d, "Asian")->count, 0);   /* two hidden: the zero row stays */

	d = &r.dims[1];
	assert_string_equal(d->dimension, "language");
	assert_int_equal(d->known, 18);
	assert_int_equal(row(d, "Vietnamese")->count, -1);
	assert_int_equal(row(d, "Spanish")->count, -1);   /* 4 alone would be 18 - 9 - 5 */
	assert_int_equal(row(d, "English")->count, 9);

	d = &r.dims[2];
	assert_int_equal(d->known, 11);
	assert_int_equal(row(d, "Woman")->count, 5);
	assert_int_equal(row(d, "Man")->count, 6);

	/* A single row of 4 among zero rows takes a zero row; of 5, nothing. */
	const struct representation_count four[] = {{"race_ethnicity", "Asian", 4}};
	assert_int_equal(representation_compute(*state, four, 1, race, NELEM(race), true, &r, &e), 0);
	d = &r.dims[0];
	assert_int_equal(d->known, 4);
	assert_int_equal(row(d, "Asian")->count, -1);
	assert_int_equal(row(d, "White")->count, -1);
	assert_int_equal(row(d, "Black")->count, 0);
	const struct representation_count five[] = {{"race_ethnicity", "Asian", 5}};
	assert_int_equal(representation_compute(*state, five, 1, race, NELEM(race), true, &r, &e), 0);
	d = &r.dims[0];
	assert_int_equal(d->known, 5);
	assert_int_equal(row(d, "Asian")->count, 5);
	assert_int_equal(row(d, "White")->count, 0);
}

static void representation_public_shows_zero_and_flags_it(void **state)
{
	const struct representation_count c[] = {
		{"race_ethnicity", "White", 30},
		{"race_ethnicity", "Black", 10},
		{"race_ethnicity", "Asian", 8},
	};
	struct representation r;
	struct err e = {0};

	assert_int_equal(representation_compute(*state, c, NELEM(c), race, NELEM(race), true, &r, &e), 0);
	const struct representation_row *h = row(&r.dims[0], "Hispanic or Latino");
	assert_int_equal(h->count, 0);
	assert_true(h->share == 0);
	assert_true(h->under);
	assert_false(row(&r.dims[0], "Black")->under);   /* 10/48 > 12% */
}

static void representation_rejects_bad_input(void **state)
{
	const struct baseline_share too_big[] = {{0, 1, "gender", "Woman", 10001}};
	const struct baseline_share twice[] = {
		{0, 1, "gender", "Woman", 5000},
		{0, 1, "gender", " woman", 5000},
	};
	const struct representation_count negative[] = {{"gender", "Woman", -1}};
	const struct representation_count unnamed[] = {{"gender", "  ", 3}};
	struct representation r;
	struct err e = {0};

	assert_int_equal(representation_compute(*state, NULL, 0, too_big, 1, false, &r, &e), ERR_INVALID);
	assert_string_equal(e.field, "share");
	assert_int_equal(representation_compute(*state, NULL, 0, twice, 2, false, &r, &e), ERR_INVALID);
	assert_string_equal(e.field, "category");
	assert_int_equal(representation_compute(*state, negative, 1, NULL, 0, false, &r, &e), ERR_INVALID);
	assert_string_equal(e.field, "count");
	assert_int_equal(representation_compute(*state, unnamed, 1, NULL, 0, false, &r, &e), ERR_INVALID);
	assert_int_equal(r.ndims, 0);
}

/* ---- svg ---- */

/* Occurrences of needle in hay. */
static size_t count_of(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

static void svg_draws_accessible_bars(void **state)
{
	const struct svg_bar bars[] = {
		{"<script>alert(\"x\")</script> & co", 0.34, 0.25, "34%"},
		{"Spanish", 0.5, -1, "50%"},
		{"Other", 0.0, 0.1, NULL},
	};
	struct buf b;
	buf_init(&b, 0);

	svg_bars(&b, "c1", "Who <spoke>", "P1 & P2 spoke most", bars, NELEM(bars));
	assert_false(b.overflow);
	assert_non_null(strstr(b.p, "role=\"img\""));
	assert_non_null(strstr(b.p, "aria-labelledby=\"c1-title c1-desc\""));
	assert_non_null(strstr(b.p, "<title id=\"c1-title\">Who &lt;spoke&gt;</title>"));
	assert_non_null(strstr(b.p, "<desc id=\"c1-desc\">P1 &amp; P2 spoke most</desc>"));
	assert_non_null(strstr(b.p, "viewBox=\"0 0 360 128.0\""));
	assert_int_equal(count_of(b.p, "<rect"), 3);
	assert_int_equal(count_of(b.p, "<line"), 2);
	assert_non_null(strstr(b.p, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co"));
	assert_null(strstr(b.p, "<script"));
	assert_null(strstr(b.p, "href"));
	assert_null(strstr(b.p, "style"));
	/* 34% of the 290-unit track; the marker at 25% of it, from x = 1. */
	assert_non_null(strstr(b.p, "width=\"98.6\""));
	assert_non_null(strstr(b.p, "x1=\"73.5\""));
	assert_int_equal(count_of(b.p, ">34%</text>"), 1);
	assert_well_formed(b.p);
	buf_release(&b);
}

static void svg_clamps_values_and_cleans_ids(void **state)
{
	const struct svg_bar bars[] = {
		{"big", 2.5, 7, "250%"},
		{"nan", NAN, NAN, ""},
		{"neg", -1, -0.5, NULL},
	};
	struct buf b;
	buf_init(&b, 0);

	svg_bars(&b, "a b\"<x>", NULL, NULL, bars, NELEM(bars));
	assert_non_null(strstr(b.p, "aria-labelledby=\"abx-title abx-desc\""));
	assert_int_equal(count_of(b.p, "width=\"290.0\""), 1);
	assert_int_equal(count_of(b.p, "width=\"0.0\""), 2);
	assert_int_equal(count_of(b.p, "<line"), 1);   /* clamped to the end; NaN and < 0: none */
	assert_non_null(strstr(b.p, "x1=\"291.0\""));
	assert_non_null(strstr(b.p, "<title id=\"abx-title\"></title>"));
	/* A generated description carries the data. */
	assert_non_null(strstr(b.p, ">big: 250%; nan: ; neg: 0%</desc>"));
	assert_well_formed(b.p);

	buf_reset(&b);
	svg_bars(&b, "", "t", "d", NULL, 0);
	assert_non_null(strstr(b.p, "id=\"chart-title\""));
	assert_int_equal(count_of(b.p, "<rect"), 0);
	assert_well_formed(b.p);
	buf_release(&b);
}

static void svg_keeps_text_well_formed(void **state)
{
	const struct svg_bar bars[] = {
		{"tab\there\x01 and \xff bad", 0.5, -1, "\xc3\xa9t\xc3\xa9"},
		{"A category name that is far too long to fit on one line of a phone", 0.2, -1, "123456789"},
		{"non\xef\xbf\xbe-char", 0.1, -1, NULL},
	};
	struct buf b;
	buf_init(&b, 0);

	svg_bars(&b, "t", "Title", "Desc", bars, NELEM(bars));
	assert_null(strchr(b.p, '\x01'));
	assert_null(strchr(b.p, '\t'));
	assert_null(strchr(b.p, '\xff'));
	assert_non_null(strstr(b.p, ">tab here  and  bad</text>"));
	assert_non_null(strstr(b.p, ">\xc3\xa9t\xc3\xa9</text>"));
	assert_non_null(strstr(b.p, ">A category name that is far too long to fit on \xe2\x80\xa6</text>"));
	assert_non_null(strstr(b.p, ">1234567\xe2\x80\xa6</text>"));
	assert_non_null(strstr(b.p, "non\xef\xbf\xbd-char"));
	assert_well_formed(b.p);
	buf_release(&b);
}

static void svg_heatmap_shades_cells_and_describes_them(void **state)
{
	(void)state;
	const char *rows[] = {"Internet <at> home", "Screen time"};
	const char *cols[] = {"families", "students & staff"};
	double vals[] = {1.0, 0.25, 0.0, 2.0};
	const char *notes[] = {"40%", NULL, "0%", "12%"};
	struct buf b;
	buf_init(&b, 1 << 20);
	svg_heatmap(&b, "hm 1", "Themes by group", rows, 2, cols, 2, vals, notes);
	assert_false(b.overflow);
	assert_well_formed(b.p);
	assert_non_null(strstr(b.p, "aria-labelledby=\"hm1-title hm1-desc\""));
	/* Every cell in the description, escaped; a missing note is the value. */
	assert_non_null(strstr(b.p, "Internet &lt;at&gt; home, families: 40%; Internet &lt;at&gt; home, students &amp; staff: 25%"));
	assert_non_null(strstr(b.p, "Screen time, students &amp; staff: 12%"));
	/* Four cells: 0 is white, 1 (and 2, clamped) the darkest shade. */
	size_t cells = 0;
	for (const char *p = b.p; (p = strstr(p, "<rect ")); p++)
		cells++;
	assert_int_equal(cells, 4);
	assert_non_null(strstr(b.p, "fill=\"#ffffff\""));
	assert_non_null(strstr(b.p, "fill=\"#799fcb\""));
	buf_release(&b);
	/* Nothing to draw: still a valid, titled image. */
	buf_init(&b, 1 << 20);
	svg_heatmap(&b, NULL, "Empty", NULL, 0, NULL, 0, NULL, NULL);
	assert_well_formed(b.p);
	assert_non_null(strstr(b.p, "id=\"heatmap-title\""));
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(svg_heatmap_shades_cells_and_describes_them),
		cmocka_unit_test_setup_teardown(participation_orders_speakers, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(participation_counts_totals_and_shares, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(participation_loudest_excludes_facilitator_and_breaks_ties,
		                                arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(participation_balance_is_one_minus_gini, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(participation_lists_silent_in_expected_order, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(participation_counts_unexpected_speakers, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(participation_handles_empty_input, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(participation_rejects_bad_codes, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(representation_joins_counts_with_baseline, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(representation_keeps_categories_missing_on_either_side,
		                                arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(representation_matches_case_insensitively, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(representation_hides_small_counts_in_public, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(representation_hides_a_second_row_when_one_is_hidden,
		                                arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(representation_hides_four_and_shows_five, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(representation_public_shows_zero_and_flags_it, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(representation_rejects_bad_input, arena_setup, arena_teardown),
		cmocka_unit_test(svg_draws_accessible_bars),
		cmocka_unit_test(svg_clamps_values_and_cleans_ids),
		cmocka_unit_test(svg_keeps_text_well_formed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Unit tests for tmpl/qr. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <qrencode.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "core/buf.h"
#include "core/mem.h"
#include "tmpl/qr.h"
#include "fixture.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define URL "https://commonground.example/c/42/sign-up?lang=es&ref=poster"

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && memcmp(s + n - m, suffix, m) == 0;
}

/* The width in modules of text's code, as qr_svg makes it. */
static int qr_width(const char *text)
{
	QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	assert_non_null(q);
	int w = q->width;
	QRcode_free(q);
	return w;
}

/* The N of viewBox="0 0 N N" in svg, or fails the test. */
static int view_size(const char *svg)
{
	const char *v = strstr(svg, "viewBox=\"0 0 ");
	int a = -1, b = -2, end = -1;
	assert_non_null(v);
	assert_int_equal(sscanf(v, "viewBox=\"0 0 %d %d\"%n", &a, &b, &end), 2);
	assert_true(end > 0);
	assert_int_equal(a, b);
	return a;
}

/* Draws text, reads the path back into a grid of n x n modules and compares
 * it, module by module, with libqrencode's symbol inside a white quiet zone
 * of 4 modules.  Every run must be a well-formed rectangle one module high,
 * inside the drawing, overlapping no other. */
static void assert_decodes_to(const char *text)
{
	struct buf b;
	buf_init(&b, 0);
	assert_int_equal(qr_svg(&b, "t", "t", text), 0);
	QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	assert_non_null(q);
	int n = view_size(b.p);
	assert_int_equal(n, q->width + 8);
	unsigned char *grid = mem_alloc((size_t)n * (size_t)n);

	const char *p = strstr(b.p, " d=\"");
	assert_non_null(p);
	assert_null(strstr(p + 1, " d=\""));   /* one path */
	for (p += 4; *p != '"';) {
		int x = -1, y = -1, w = -1, back = -1, used = -1;
		assert_int_equal(sscanf(p, "M%d %dh%dv1h-%dz%n", &x, &y, &w, &back, &used), 4);
		assert_true(used > 0);
		assert_int_equal(w, back);
		assert_true(x >= 0 && y >= 0 && w >= 1 && x + w <= n && y < n);
		for (int i = 0; i < w; i++) {
			assert_int_equal(grid[(size_t)y * (size_t)n + (size_t)(x + i)], 0);
			grid[(size_t)y * (size_t)n + (size_t)(x + i)] = 1;
		}
		p += used;
	}
	assert_string_equal(p, "\"/></svg>");
	for (int y = 0; y < n; y++)
		for (int x = 0; x < n; x++) {
			int inside = x >= 4 && y >= 4 && x < n - 4 && y < n - 4;
			int dark = inside && (q->data[(size_t)(y - 4) * (size_t)q->width + (size_t)(x - 4)] & 1);
			if (grid[(size_t)y * (size_t)n + (size_t)x] != dark)
				fail_msg("%s: module (%d, %d) is %d, want %d", text, x, y,
				         grid[(size_t)y * (size_t)n + (size_t)x], dark);
		}
	mem_free(grid);
	QRcode_free(q);
	buf_release(&b);
}

static void qr_draws_accessible_svg(void **state)
{
	struct buf b;
	buf_init(&b, 0);

	assert_int_equal(qr_svg(&b, "poster-1", "Sign up: a<b & \"c\"", URL), 0);
	assert_false(b.overflow);
	assert_int_equal(strncmp(b.p, "<svg", 4), 0);
	assert_true(ends_with(b.p, "</svg>"));
	assert_non_null(strstr(b.p, "xmlns=\"http://www.w3.org/2000/svg\" role=\"img\""));
	assert_non_null(strstr(b.p, "aria-labelledby=\"poster-1-title\""));
	assert_non_null(strstr(b.p, "<title id=\"poster-1-title\">Sign up: a&lt;b &amp; &quot;c&quot;</title>"));
	assert_non_null(strstr(b.p, "width=\"100%\" shape-rendering=\"crispEdges\""));
	assert_non_null(strstr(b.p, "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"M"));
	assert_int_equal(view_size(b.p), qr_width(URL) + 8);
	assert_null(strstr(b.p, "<script"));
	assert_null(strstr(b.p, "href"));
	assert_null(strstr(b.p, "style"));
	assert_well_formed(b.p);

	/* Control bytes in the title become spaces; NULL is an empty title. */
	buf_reset(&b);
	assert_int_equal(qr_svg(&b, "c", "tab\there\x01", URL), 0);
	assert_non_null(strstr(b.p, ">tab here </title>"));
	assert_well_formed(b.p);
	buf_reset(&b);
	assert_int_equal(qr_svg(&b, "c", NULL, URL), 0);
	assert_non_null(strstr(b.p, "<title id=\"c-title\"></title>"));
	assert_well_formed(b.p);
	buf_release(&b);
}

static void qr_cleans_ids(void **state)
{
	char long_id[101], want[80];
	struct buf b;
	buf_init(&b, 0);

	assert_int_equal(qr_svg(&b, "a b\"<x>-_9", "a<b", URL), 0);
	assert_non_null(strstr(b.p, "aria-labelledby=\"abx-_9-title\""));
	assert_non_null(strstr(b.p, "<title id=\"abx-_9-title\">a&lt;b</title>"));
	assert_well_formed(b.p);

	const char *empty[] = {"", "\"<>& /", NULL};
	for (size_t i = 0; i < NELEM(empty); i++) {
		buf_reset(&b);
		assert_int_equal(qr_svg(&b, empty[i], "t", URL), 0);
		assert_non_null(strstr(b.p, "aria-labelledby=\"qr-title\""));
		assert_non_null(strstr(b.p, "<title id=\"qr-title\">"));
	}

	memset(long_id, 'k', 100);
	long_id[100] = '\0';
	snprintf(want, sizeof(want), "\"%.64s-title\"", long_id);
	buf_reset(&b);
	assert_int_equal(qr_svg(&b, long_id, "t", URL), 0);
	assert_non_null(strstr(b.p, want));
	assert_null(strstr(b.p, "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk"));   /* 65 */
	buf_release(&b);
}

static void qr_path_matches_the_symbol(void **state)
{
	char big[QR_TEXT_MAX + 1];

	assert_decodes_to(URL);
	assert_decodes_to("a");
	assert_decodes_to("https://commonground.example/");
	assert_decodes_to("https://commonground.example/c/\xc3\xa9t\xc3\xa9?q=1&r=<2>");
	for (size_t i = 0; i < QR_TEXT_MAX; i++)
		big[i] = (char)('!' + i * 7 % 90);
	big[QR_TEXT_MAX] = '\0';
	assert_decodes_to(big);   /* the longest text: a large version */
}

static void qr_rejects_bad_text(void **state)
{
	char text[2001];
	struct buf b;
	buf_init(&b, 0);
	buf_adds(&b, "before");

	memset(text, 'a', 2000);
	text[2000] = '\0';
	assert_int_equal(qr_svg(&b, "x", "t", NULL), -1);
	assert_int_equal(qr_svg(&b, "x", "t", ""), -1);
	assert_int_equal(qr_svg(&b, "x", "t", text), -1);
	text[QR_TEXT_MAX + 1] = '\0';
	assert_int_equal(qr_svg(&b, "x", "t", text), -1);
	assert_int_equal(b.len, 6);
	assert_string_equal(b.p, "before");
	assert_false(b.overflow);

	/* Exactly QR_TEXT_MAX bytes is accepted, after what was there. */
	text[QR_TEXT_MAX] = '\0';
	assert_int_equal(qr_svg(&b, "x", "t", text), 0);
	assert_int_equal(strncmp(b.p, "before<svg", 10), 0);
	assert_true(ends_with(b.p, "</svg>"));
	buf_release(&b);
}

static void qr_appends_nothing_on_overflow(void **state)
{
	struct buf b;
	buf_init(&b, 300);   /* room for the head of the drawing, not the path */
	buf_adds(&b, "keep");

	assert_int_equal(qr_svg(&b, "x", "t", URL), -1);
	assert_true(b.overflow);
	assert_string_equal(b.p, "keep");
	assert_int_equal(b.len, 4);
	buf_release(&b);
}

static void qr_is_deterministic(void **state)
{
	struct buf a, b;
	buf_init(&a, 0);
	buf_init(&b, 0);

	assert_int_equal(qr_svg(&a, "d", "Same", URL), 0);
	assert_int_equal(qr_svg(&b, "d", "Same", URL), 0);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.p, b.p, a.len);
	buf_release(&a);
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(qr_draws_accessible_svg),
		cmocka_unit_test(qr_cleans_ids),
		cmocka_unit_test(qr_path_matches_the_symbol),
		cmocka_unit_test(qr_rejects_bad_text),
		cmocka_unit_test(qr_appends_nothing_on_overflow),
		cmocka_unit_test(qr_is_deterministic),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

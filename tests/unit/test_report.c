/* Unit tests for domain/report (the draft summary) and tmpl/markdown. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <string.h>

#include "core/buf.h"
#include "domain/report.h"
#include "tmpl/markdown.h"

static const char *escaped(struct buf *b, const char *s)
{
	buf_reset(b);
	report_escape(b, s);
	return b->p ? b->p : "";
}

static void text_is_escaped_for_markdown(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 1 << 16);
	assert_string_equal(escaped(&b, "*Fair* [rules](http://x) <b>"), "\\*Fair\\* \\[rules\\](http://x) \\<b\\>");
	assert_string_equal(escaped(&b, "# not a heading"), "\\# not a heading");
	assert_string_equal(escaped(&b, "- not a list"), "\\- not a list");
	assert_string_equal(escaped(&b, "1. not a list, 2 is fine"), "1\\. not a list, 2 is fine");
	assert_string_equal(escaped(&b, "a\nb"), "a  \nb");
	assert_string_equal(escaped(&b, "x - y # z"), "x - y \\# z");   /* "-" only where a line starts */
	assert_string_equal(escaped(&b, NULL), "");
	buf_release(&b);
}

/* What the escaped text becomes in HTML: the characters, never markup. */
static void escaped_text_renders_as_text(void **state)
{
	(void)state;
	struct buf md, html;
	buf_init(&md, 1 << 16);
	buf_init(&html, 1 << 16);
	report_escape(&md, "*Fair* [rules](javascript:alert(1)) <script>x</script>\n1. one");
	assert_int_equal(markdown_html(&html, md.p), 0);
	assert_null(strstr(html.p, "<em>"));
	assert_null(strstr(html.p, "<a "));
	assert_null(strstr(html.p, "<script>"));
	assert_null(strstr(html.p, "<ol>"));
	assert_non_null(strstr(html.p, "*Fair*"));
	assert_non_null(strstr(html.p, "&lt;script&gt;"));
	buf_release(&md);
	buf_release(&html);
}

static void markdown_is_rendered_safely(void **state)
{
	(void)state;
	struct buf html;
	buf_init(&html, 1 << 16);
	assert_int_equal(markdown_html(&html, "## Heading\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1)) "
	                                      "<img src=x onerror=alert(1)>\n\n> quote"), 0);
	assert_non_null(strstr(html.p, "<h2>Heading</h2>"));
	assert_non_null(strstr(html.p, "<blockquote>"));
	assert_null(strstr(html.p, "<script"));
	assert_null(strstr(html.p, "onerror"));
	assert_null(strstr(html.p, "javascript:"));
	buf_reset(&html);
	assert_int_equal(markdown_html(&html, NULL), 0);
	buf_release(&html);
}

static void drafts_hold_every_section(void **state)
{
	(void)state;
	struct report_quote qs[] = {{"We need *real* hotspots.", "High school students"}};
	struct report_theme ts[] = {
		{"Home internet", "Access at home.", 12, qs, 1, true, NULL, 0.95},
		{"Teacher training", "", 5, NULL, 0, false, "Teachers", 0.4},
	};
	struct representation_row rows[] = {{"Spanish", -1, -1, 0.27, -1, 0}, {"English", 9, 0.8, 0.68, 1.2, 0}};
	struct representation_dim dims[] = {{"language", 2, rows, 12}};
	struct representation rep = {1, dims};
	struct report_input in = {.public_view = true, .district = "Riverside", .title = "Laptops", .why = "Because.",
	                          .data_behind = "Secret numbers", .goals = "One\n\nTwo", .sessions_held = 2,
	                          .first_date = "Monday", .last_date = "Friday", .people = 12, .rep = &rep,
	                          .themes = ts, .nthemes = 2, .quotes_waiting = 3};
	struct buf b;
	buf_init(&b, 1 << 20);
	report_markdown(&in, &b);
	const char *md = b.p;
	assert_non_null(strstr(md, "# Laptops: what we heard"));
	assert_null(strstr(md, "Secret numbers"));               /* internal only */
	assert_non_null(strstr(md, "- One\n- Two\n"));
	assert_non_null(strstr(md, "2 conversation sessions between Monday and Friday; 12 people took part."));
	assert_non_null(strstr(md, "Spanish not shown (community 27%); English 80% (community 68%)"));
	assert_non_null(strstr(md, "### Home internet\n\n12 comments; raised by every group."));
	assert_non_null(strstr(md, "> We need \\*real\\* hotspots.  \n> — High school students"));
	assert_non_null(strstr(md, "5 comments; mostly from Teachers."));
	assert_non_null(strstr(md, "## Common ground\n\n- Home internet\n"));
	assert_non_null(strstr(md, "- Teacher training: mostly Teachers\n"));
	assert_null(strstr(md, "waiting for approval"));         /* internal only */
	buf_reset(&b);
	in.public_view = false;
	report_markdown(&in, &b);
	assert_non_null(strstr(b.p, ": internal summary"));
	assert_non_null(strstr(b.p, "**Data behind it:** Secret numbers"));
	assert_non_null(strstr(b.p, "*3 quotes are waiting for approval.*"));
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(text_is_escaped_for_markdown),
		cmocka_unit_test(escaped_text_renders_as_text),
		cmocka_unit_test(markdown_is_rendered_safely),
		cmocka_unit_test(drafts_hold_every_section),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

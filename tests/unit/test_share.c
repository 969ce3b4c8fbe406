/* Unit tests for domain/share: recaps, questions, actions, search terms;
 * and markdown_plain, which feeds the search index. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "domain/share.h"
#include "tmpl/markdown.h"

static void slugs_come_from_titles(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	assert_string_equal(post_slugify(&a, "Devices at home: what families told us"),
	                    "devices-at-home-what-families-told-us");
	assert_string_equal(post_slugify(&a, "¿Educación en ESPAÑOL?  Sí — 2027"), "educacion-en-espanol-si-2027");
	assert_string_equal(post_slugify(&a, "!!!"), "recap");
	assert_string_equal(post_slugify(&a, NULL), "recap");
	const char *longer = post_slugify(&a, "word word word word word word word word word word word word word word word "
	                                      "word word word word word word word word");
	assert_true(strlen(longer) <= POST_SLUG_MAX);
	assert_true(longer[strlen(longer) - 1] != '-');
	struct err e;
	struct post p = {.slug = longer, .status = "draft"};
	assert_int_equal(post_check(&p, &e), 0);
	arena_free(&a);
}

static void posts_are_checked(void **state)
{
	(void)state;
	struct err e;
	struct post p = {.slug = "ok-slug", .status = "published", .publish_at = 10};
	assert_int_equal(post_check(&p, &e), 0);
	p.slug = "Bad Slug";
	assert_int_equal(post_check(&p, &e), ERR_INVALID);
	assert_string_equal(e.field, "slug");
	p.slug = "-edge";
	assert_int_equal(post_check(&p, &e), ERR_INVALID);
	p.slug = "fine";
	p.status = "live";
	assert_int_equal(post_check(&p, &e), ERR_INVALID);
	assert_string_equal(e.field, "status");
	p.status = "scheduled";
	p.publish_at = 0;
	assert_int_equal(post_check(&p, &e), ERR_INVALID);
	assert_string_equal(e.field, "publish_at");
	struct post_text t = {.lang = "fr", .title = "T", .summary = "", .body = "B"};
	assert_int_equal(post_text_check(&t, &e), ERR_INVALID);
	assert_string_equal(e.field, "lang");
	t.lang = "es";
	t.title = "two\nlines";
	assert_int_equal(post_text_check(&t, &e), ERR_INVALID);
	assert_string_equal(e.field, "title");
	t.title = "two\rlines";
	assert_int_equal(post_text_check(&t, &e), ERR_INVALID);
	assert_string_equal(e.field, "title");
	t.title = "";
	assert_int_equal(post_text_check(&t, &e), ERR_INVALID);
	assert_string_equal(e.msg, "The title is required.");
	t.title = "Título";
	t.body = "";
	assert_int_equal(post_text_check(&t, &e), ERR_INVALID);
	assert_string_equal(e.field, "body");
}

static void visibility_and_language_choice(void **state)
{
	(void)state;
	struct post p = {.status = "scheduled", .publish_at = 100};
	assert_false(post_visible(&p, 99));
	assert_true(post_visible(&p, 100));
	p.status = "draft";
	assert_false(post_visible(&p, 1000));
	struct post_text ts[2] = {{.lang = "es"}, {.lang = "en"}};
	assert_ptr_equal(post_pick_text(ts, 2, "es"), &ts[0]);
	assert_ptr_equal(post_pick_text(ts, 2, "fr"), &ts[1]);   /* English before the rest */
	assert_ptr_equal(post_pick_text(ts, 1, "en"), &ts[0]);   /* else what there is */
	assert_null(post_pick_text(ts, 0, "en"));
}

static void questions_are_checked(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	struct err e;
	struct question q = {.lang = "xx", .body = "Short?", .email = ""};
	assert_int_equal(question_check_ask(&q, &a, &e), ERR_INVALID);
	assert_string_equal(e.field, "body");
	assert_string_equal(e.msg, "Your question is too short: write at least 10 characters.");
	q.body = "¿Cuándo empieza?";   /* 16 characters, more bytes */
	assert_int_equal(question_check_ask(&q, &a, &e), 0);
	assert_string_equal(q.lang, "en");
	q.email = "not an address";
	assert_int_equal(question_check_ask(&q, &a, &e), ERR_INVALID);
	assert_string_equal(e.field, "email");
	q.email = " Pat@Example.ORG ";
	assert_int_equal(question_check_ask(&q, &a, &e), 0);
	assert_string_equal(q.email, "pat@example.org");
	char big[1200];
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	q.body = big;
	assert_int_equal(question_check_ask(&q, &a, &e), ERR_INVALID);
	q.body = "\xff\xfe not text at all";
	assert_int_equal(question_check_ask(&q, &a, &e), ERR_INVALID);
	assert_int_equal(question_check_hide("  ", &e), ERR_INVALID);
	assert_string_equal(e.field, "hidden_reason");
	assert_int_equal(question_check_answer("", &e), ERR_INVALID);
	assert_true(question_status_ok("merged"));
	assert_false(question_status_ok("deleted"));
	arena_free(&a);
}

static void median_time_to_answer(void **state)
{
	(void)state;
	struct question_figures f;
	int64_t odd[] = {300, 100, 200};
	question_figures_of(5, odd, 3, &f);
	assert_int_equal(f.asked, 5);
	assert_int_equal(f.answered, 3);
	assert_int_equal(f.median_seconds, 200);
	int64_t even[] = {400, 100, 300, 200};
	question_figures_of(4, even, 4, &f);
	assert_int_equal(f.median_seconds, 250);
	question_figures_of(2, NULL, 0, &f);
	assert_int_equal(f.median_seconds, 0);
}

static void actions_are_checked(void **state)
{
	(void)state;
	struct err e;
	struct action a = {.title = "Hotspots", .description = "", .owner = "", .due_on = "2027-02-30",
	                   .status = "planned", .reason = "", .progress = 10};
	assert_int_equal(action_check(&a, &e), ERR_INVALID);
	assert_string_equal(e.field, "due_on");
	a.due_on = "2027-02-28";
	assert_int_equal(action_check(&a, &e), 0);
	a.progress = 101;
	assert_int_equal(action_check(&a, &e), ERR_INVALID);
	assert_string_equal(e.field, "progress");
	a.progress = 20;
	a.status = "not_doing";
	assert_int_equal(action_check(&a, &e), ERR_INVALID);
	assert_string_equal(e.field, "reason");
	a.reason = "No money this year.";
	assert_int_equal(action_check(&a, &e), 0);
	a.status = "done";
	assert_int_equal(action_check(&a, &e), 0);
	assert_int_equal(a.progress, 100);
	a.status = "maybe";
	assert_int_equal(action_check(&a, &e), ERR_INVALID);
	assert_string_equal(e.field, "status");
	assert_string_equal(action_status_label("in_progress"), "In progress");
	assert_string_equal(action_status_label("bogus"), "");
}

static void search_terms_hold_only_words(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	const char **t;
	assert_int_equal(search_terms(&a, "  \"hot*\" NEAR(spots) -x:y ", &t), 5);
	assert_string_equal(t[0], "hot");
	assert_string_equal(t[1], "NEAR");
	assert_string_equal(t[4], "y");
	assert_string_equal(search_fts5_query(&a, "Educación, ¿dónde?"), "\"Educación\"* \"dónde\"*");
	assert_null(search_fts5_query(&a, "?!* \"\""));
	assert_int_equal(search_terms(&a, "a b c d e f g h i j k", &t), SEARCH_MAX_TERMS);
	assert_int_equal(search_terms(&a, "\xff\xfeok", &t), 1);
	assert_string_equal(t[0], "ok");
	arena_free(&a);
}

static void markdown_plain_keeps_the_words(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 1 << 16);
	assert_int_equal(markdown_plain(&b, "## What we heard\n\n- **Internet** at home\n- [Rules](/x) too\n\n<b>raw</b>"), 0);
	assert_non_null(strstr(b.p, "What we heard\n"));
	assert_non_null(strstr(b.p, "Internet at home\n"));
	assert_non_null(strstr(b.p, "Rules too"));
	assert_null(strstr(b.p, "**"));
	assert_null(strstr(b.p, "<b>"));
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(slugs_come_from_titles),
		cmocka_unit_test(posts_are_checked),
		cmocka_unit_test(visibility_and_language_choice),
		cmocka_unit_test(questions_are_checked),
		cmocka_unit_test(median_time_to_answer),
		cmocka_unit_test(actions_are_checked),
		cmocka_unit_test(search_terms_hold_only_words),
		cmocka_unit_test(markdown_plain_keeps_the_words),
	};
	return cmocka_run_group_tests_name("share", tests, NULL, NULL);
}

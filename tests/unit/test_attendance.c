/* Unit tests for domain/attendance (attendees, live notes), domain/survey
 * and the shared text helpers they use. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/err.h"
#include "core/str.h"
#include "domain/attendance.h"
#include "domain/survey.h"
#include "fixture.h"

static void codes_number_attendees(void **state)
{
	struct arena *a = *state;
	assert_string_equal(attendee_code(a, 1), "P1");
	assert_string_equal(attendee_code(a, 42), "P42");
	assert_int_equal(attendee_code_number("P1"), 1);
	assert_int_equal(attendee_code_number("P99999"), 99999);
	assert_int_equal(attendee_code_number("P100000"), 0);
	assert_int_equal(attendee_code_number("F"), 0);
	assert_int_equal(attendee_code_number("P0"), 0);
	assert_int_equal(attendee_code_number("P01"), 0);
	assert_int_equal(attendee_code_number("P1x"), 0);
	assert_int_equal(attendee_code_number("p1"), 0);
	assert_int_equal(attendee_code_number(NULL), 0);
}

static void attendees_need_a_name_on_one_line(void **state)
{
	struct err e;
	struct attendee at = {.name = "Rosa Martínez"};
	assert_int_equal(attendee_check(&at, &e), 0);
	at.name = "   ";
	assert_int_equal(attendee_check(&at, &e), ERR_INVALID);
	assert_string_equal(e.field, "name");
	at.name = "Rosa\nMartínez";
	assert_int_equal(attendee_check(&at, &e), ERR_INVALID);
	at.name = "\xff\xfe";
	assert_int_equal(attendee_check(&at, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "UTF-8"));
}

static const char *const codes[] = {"P1", "P2", "P3"};

/* A note as the form sends it; tests change one thing at a time. */
static struct note good(void)
{
	return (struct note){.client_id = "c-0a1b2c", .question = 2, .speaker_code = "P2", .kind = "quote",
	                     .text = "We have no internet at home."};
}

static void expect_refused(struct note n, const char *field)
{
	struct err e;
	err_clear(&e);
	assert_int_equal(note_check(&n, 3, codes, 3, &e), ERR_INVALID);
	assert_string_equal(e.field, field);
	assert_true(strlen(e.msg) > 10);
}

static void notes_are_checked_against_the_session(void **state)
{
	struct err e;
	struct note n = good();
	assert_int_equal(note_check(&n, 3, codes, 3, &e), 0);
	n.speaker_code = "F";
	assert_int_equal(note_check(&n, 3, codes, 3, &e), 0);
	n = good();
	n.kind = "note";
	n.speaker_code = "";
	n.question = 0;
	assert_int_equal(note_check(&n, 3, codes, 3, &e), 0);   /* about the room, no question */

	n = good(); n.client_id = "";        expect_refused(n, "client_id");
	n = good(); n.client_id = "a b";     expect_refused(n, "client_id");
	n = good(); n.client_id = "a/b";     expect_refused(n, "client_id");
	char long_id[NOTE_CLIENT_ID_MAX + 2];
	memset(long_id, 'x', sizeof(long_id) - 1);
	long_id[sizeof(long_id) - 1] = '\0';
	n = good(); n.client_id = long_id;   expect_refused(n, "client_id");
	long_id[NOTE_CLIENT_ID_MAX] = '\0';
	n = good(); n.client_id = long_id;
	assert_int_equal(note_check(&n, 3, codes, 3, &e), 0);
	n = good(); n.question = 4;          expect_refused(n, "question");
	n = good(); n.question = -1;         expect_refused(n, "question");
	n = good(); n.kind = "rumour";       expect_refused(n, "kind");
	n = good(); n.kind = NULL;           expect_refused(n, "kind");
	n = good(); n.speaker_code = "P4";   expect_refused(n, "speaker");
	n = good(); n.speaker_code = "Rosa"; expect_refused(n, "speaker");
	n = good(); n.speaker_code = "";     expect_refused(n, "speaker");   /* a quote needs its speaker */
	n = good(); n.text = " \n ";         expect_refused(n, "text");
	n = good(); n.text = "caf\xc3";      expect_refused(n, "text");
	char big[NOTE_TEXT_MAX + 2];
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	n = good(); n.text = big;            expect_refused(n, "text");
}

static void protocol_questions_are_its_lines(void **state)
{
	struct arena *a = *state;
	const char **qs;
	assert_int_equal(str_lines(a, "  First?\r\n\n\tSecond?  \n\nThird?", &qs), 3);
	assert_string_equal(qs[0], "First?");
	assert_string_equal(qs[1], "Second?");
	assert_string_equal(qs[2], "Third?");
	assert_int_equal(str_lines(a, "", &qs), 0);
	assert_int_equal(str_lines(a, NULL, &qs), 0);
	assert_int_equal(str_lines(a, "\n \n", &qs), 0);
	/* Many lines grow the array. */
	char many[400];
	size_t n = 0;
	for (int i = 0; i < 40; i++)
		n += (size_t)snprintf(many + n, sizeof(many) - n, "q%d\n", i);
	assert_int_equal(str_lines(a, many, &qs), 40);
	assert_string_equal(qs[39], "q39");
}

static const struct baseline_share base[] = {
	{.dimension = "language", .category = "English", .share_bp = 6800},
	{.dimension = "language", .category = "Spanish", .share_bp = 3200},
	{.dimension = "neighborhood", .category = "East side", .share_bp = 5000},
	{.dimension = "neighborhood", .category = "West side", .share_bp = 5000},
};

static void survey_answers_follow_the_baseline(void **state)
{
	struct err e;
	struct survey_answer ans[2] = {{"language", "Spanish"}, {"neighborhood", "East side"}};
	struct survey_response r = {.rating = 5, .comment = "Gracias.", .answers = ans, .nanswers = 2};
	assert_int_equal(survey_check(&r, base, 4, &e), 0);
	r.rating = 0;
	assert_int_equal(survey_check(&r, base, 4, &e), 0);   /* not given */
	r.rating = 6;
	assert_int_equal(survey_check(&r, base, 4, &e), ERR_INVALID);
	assert_string_equal(e.field, "rating");
	r.rating = -1;
	assert_int_equal(survey_check(&r, base, 4, &e), ERR_INVALID);
	r.rating = 3;
	ans[0].category = "Klingon";
	assert_int_equal(survey_check(&r, base, 4, &e), ERR_INVALID);
	assert_string_equal(e.field, "language");
	ans[0].category = "spanish";    /* compared exactly: the form offers the spelling */
	assert_int_equal(survey_check(&r, base, 4, &e), ERR_INVALID);
	ans[0] = (struct survey_answer){"income", "High"};
	assert_int_equal(survey_check(&r, base, 4, &e), ERR_INVALID);
	assert_string_equal(e.field, "answers");
	ans[0] = (struct survey_answer){"neighborhood", "West side"};
	assert_int_equal(survey_check(&r, base, 4, &e), ERR_INVALID);   /* twice the same question */
	assert_string_equal(e.field, "neighborhood");
	ans[0] = (struct survey_answer){"language", "English"};
	r.comment = "\xc0\x80";
	assert_int_equal(survey_check(&r, base, 4, &e), ERR_INVALID);
	assert_string_equal(e.field, "comment");
	r.comment = NULL;
	assert_int_equal(survey_check(&r, base, 4, &e), 0);
}

static void survey_asks_the_baselines_dimensions_in_order(void **state)
{
	const char *dims[16];
	assert_int_equal(survey_dimensions(base, 4, dims), 2);
	/* plan_dimensions order: language before neighborhood. */
	assert_string_equal(dims[0], "language");
	assert_string_equal(dims[1], "neighborhood");
	assert_int_equal(survey_dimensions(base, 0, dims), 0);
}

static void text_fields_are_checked_one_way(void **state)
{
	struct err e;
	assert_int_equal(err_check_text("Ana", 1, 10, "name", "Your name", &e), 0);
	assert_int_equal(err_check_text(NULL, 0, 10, "name", "Your name", &e), 0);
	assert_int_equal(err_check_text(NULL, 1, 10, "name", "Your name", &e), ERR_INVALID);
	assert_string_equal(e.msg, "Your name is required.");
	assert_int_equal(err_check_text("abcdefghijk", 1, 10, "name", "Your name", &e), ERR_INVALID);
	assert_string_equal(e.msg, "Your name must be at most 10 characters long.");
	assert_string_equal(e.field, "name");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(codes_number_attendees, arena_setup, arena_teardown),
		cmocka_unit_test(attendees_need_a_name_on_one_line),
		cmocka_unit_test(notes_are_checked_against_the_session),
		cmocka_unit_test_setup_teardown(protocol_questions_are_its_lines, arena_setup, arena_teardown),
		cmocka_unit_test(survey_answers_follow_the_baseline),
		cmocka_unit_test(survey_asks_the_baselines_dimensions_in_order),
		cmocka_unit_test(text_fields_are_checked_one_way),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

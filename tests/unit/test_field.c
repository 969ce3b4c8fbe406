/* Unit tests for domain/field: declared fields read from a form-like and a
 * JSON-like source, each type, each limit at its edges, and the messages in
 * the reader's language. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <string.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/i18n.h"
#include "domain/field.h"

#include "unit/fixture.h"

struct thing {
	const char *name;      /* one line, required, 3..5 characters */
	const char *notes;     /* many lines, at most 4 */
	int64_t count;         /* 1..10 */
	bool open;
	const char *color;     /* red or blue */
	const char *tags;      /* a set of x, y */
	int64_t owner_id;
	int64_t starts_at;
	int64_t cents;         /* a form sends dollars */
	const char *secret;    /* role 3 and up */
};

static const char *const colors[] = {"red", "blue", NULL};
static const char *const tags[] = {"x", "y", NULL};
#define T(n, t, m, l) .name = n, .type = t, .off = offsetof(struct thing, m), .label = l
static const struct field thing_fields[] = {
	{T("name", FIELD_LINE, name, "The name"), .flags = FIELD_REQUIRED, .min = 3, .max = 5},
	{T("notes", FIELD_TEXT, notes, "The notes"), .max = 4},
	{T("count", FIELD_INT, count, "The count"), .flags = FIELD_REQUIRED, .min = 1, .max = 10},
	{T("open", FIELD_BOOL, open, "Open")},
	{T("color", FIELD_CHOICE, color, "The colour"), .flags = FIELD_REQUIRED, .choices = colors,
	 .msg = "Choose red or blue.", .def = "red"},
	{T("tags", FIELD_SET, tags, "The tags"), .choices = tags, .form = "tag_"},
	{T("owner_id", FIELD_ID, owner_id, "The owner")},
	{T("starts_at", FIELD_TIME, starts_at, "The start"), .flags = FIELD_REQUIRED, .form = "start_time", .date = "date"},
	{T("cents", FIELD_INT, cents, "The amount"), .min = 0, .max = 100000, .form = "dollars", .scale = 100},
	{T("secret", FIELD_LINE, secret, "The secret"), .role = 3},
	FIELD_END,
};

/* A source of name/value pairs; in JSON mode a value "#5" is the number 5,
 * "?t" / "?f" true and false, "!" another kind, and "$…" a string. */
struct pairs {
	const char *const *kv;
	size_t n;
};

static void pairs_get(void *ctx, const char *name, struct field_value *v)
{
	const struct pairs *p = ctx;
	for (size_t i = 0; i + 1 < p->n; i += 2) {
		if (strcmp(p->kv[i], name) != 0)
			continue;
		const char *s = p->kv[i + 1];
		if (s[0] == '#')
			*v = (struct field_value){.kind = FIELD_NUMBER, .i = strtoll(s + 1, NULL, 10)};
		else if (strcmp(s, "?t") == 0)
			v->kind = FIELD_TRUE;
		else if (strcmp(s, "?f") == 0)
			v->kind = FIELD_FALSE;
		else if (strcmp(s, "!") == 0)
			v->kind = FIELD_OTHER;
		else
			*v = (struct field_value){.kind = FIELD_STRING, .s = s + (s[0] == '$'), .len = strlen(s + (s[0] == '$'))};
		return;
	}
}

static struct thing base(void)
{
	return (struct thing){.name = "Alma", .notes = "", .count = 2, .color = "red", .tags = "", .secret = ""};
}

static int read_with(struct arena *a, bool json, int role, const char *const *kv, size_t n, struct thing *t,
                     struct err *e)
{
	struct pairs p = {kv, n};
	struct field_source src = {.get = pairs_get, .ctx = &p, .typed = json};
	struct field_ctx cx = {.lang = "en", .role = role, .tzid = "America/Chicago", .a = a};
	err_clear(e);
	return field_read(thing_fields, t, &src, &cx, e);
}

#define FORM(t, e, ...)                                                                      \
	read_with(*state, false, 0, (const char *const[]){__VA_ARGS__},                       \
	          sizeof((const char *const[]){__VA_ARGS__}) / sizeof(char *), t, e)
#define JSON(t, e, ...)                                                                      \
	read_with(*state, true, 0, (const char *const[]){__VA_ARGS__},                        \
	          sizeof((const char *const[]){__VA_ARGS__}) / sizeof(char *), t, e)

static void form_fills_every_type(void **state)
{
	struct thing t = {0};
	struct err e;
	assert_int_equal(FORM(&t, &e, "name", "Alma", "notes", "a\r\nb", "count", "7", "open", "on", "tag_y", "1",
	                      "owner_id", "12", "date", "2026-12-03", "start_time", "18:00", "dollars", "12"),
	                 0);
	assert_string_equal(t.name, "Alma");
	assert_string_equal(t.notes, "a\r\nb");
	assert_int_equal(t.count, 7);
	assert_true(t.open);
	assert_string_equal(t.color, "red");      /* left out: the default */
	assert_string_equal(t.tags, "y");
	assert_int_equal(t.owner_id, 12);
	assert_int_equal(t.starts_at, 1796342400); /* 18:00 in Chicago is 00:00 UTC */
	assert_int_equal(t.cents, 1200);
	assert_null(t.secret);                   /* above the role, left out: untouched */
	/* An unticked box is false, an empty id none. */
	t.open = true;
	assert_int_equal(FORM(&t, &e, "name", "Alma", "count", "1", "owner_id", "", "date", "2026-12-03",
	                      "start_time", "18:00"),
	                 0);
	assert_false(t.open);
	assert_int_equal(t.owner_id, 0);
}

static void text_limits_count_characters(void **state)
{
	struct thing t = base();
	struct err e;
	/* min 3, max 5 characters, after trimming; "é" is two bytes. */
	assert_int_equal(JSON(&t, &e, "name", "abc"), 0);
	assert_int_equal(JSON(&t, &e, "name", "ééééé"), 0);
	assert_int_equal(JSON(&t, &e, "name", "  abcde  "), 0);
	assert_int_equal(JSON(&t, &e, "name", "ab"), ERR_INVALID);
	assert_string_equal(e.field, "name");
	assert_string_equal(e.msg, "The name must be at least 3 characters long.");
	assert_int_equal(JSON(&t, &e, "name", "éééééé"), ERR_INVALID);
	assert_string_equal(e.msg, "The name must be at most 5 characters long.");
	assert_int_equal(JSON(&t, &e, "name", "   "), ERR_INVALID);
	assert_string_equal(e.msg, "The name is required.");
	assert_int_equal(JSON(&t, &e, "notes", "1234"), 0);
	assert_int_equal(JSON(&t, &e, "notes", "12345"), ERR_INVALID);
	assert_string_equal(e.field, "notes");
	assert_int_equal(JSON(&t, &e, "notes", ""), 0);   /* not required */
}

static void one_line_refuses_line_breaks(void **state)
{
	struct thing t = base();
	struct err e;
	for (const char *const *v = (const char *const[]){"ab\ncd", "ab\rcd", "ab\r\n", "\nabc", "ab\tc", NULL}; *v;
	     v++) {
		t = base();
		assert_int_equal(FORM(&t, &e, "name", *v, "count", "1", "date", "2026-12-03", "start_time", "18:00"),
		                 ERR_INVALID);
		assert_string_equal(e.field, "name");
		t = base();
		assert_int_equal(JSON(&t, &e, "name", *v), ERR_INVALID);
		assert_string_equal(e.field, "name");
		assert_string_equal(t.name, "Alma");      /* JSON: nothing stored */
	}
	assert_int_equal(JSON(&t, &e, "name", "ab\ncd"), ERR_INVALID);
	assert_string_equal(e.msg, "The name must be one line of text.");
	/* Many lines may hold TAB, CR and LF. */
	assert_int_equal(JSON(&t, &e, "notes", "a\tb\r\n"), 0);
}

static void controls_are_refused(void **state)
{
	struct thing t = base();
	struct err e;
	static const char *const bad[] = {
		"ab\xe2\x80\xaa",  "ab\xe2\x80\xae", "ab\xe2\x81\xa6", "ab\xe2\x81\xa9", /* bidi controls */
		"ab\x01", "ab\x1b[", "ab\x7f", "ab\xff", "ab\xc3", "\xed\xa0\x80" "ab", /* C0, DEL, not UTF-8 */
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(JSON(&t, &e, "notes", bad[i]), ERR_INVALID);
		assert_string_equal(e.field, "notes");
		assert_int_equal(field_text_ok(bad[i], strlen(bad[i]), true), -1);
	}
	/* Marks that are not controls are text: U+200F, U+2067 is not, U+2065 is. */
	assert_int_equal(field_text_ok("a\xe2\x80\x8f", 4, false), 0);
	assert_int_equal(field_text_ok("a\xe2\x81\xa5", 4, false), 0);
	assert_int_equal(field_text_ok("a\0b", 3, true), -1);
	assert_int_equal(JSON(&t, &e, "notes", "ok"), 0);
}

static void numbers_at_their_edges(void **state)
{
	static const struct {
		const char *form;
		int rc;
	} cases[] = {{"0", ERR_INVALID}, {"1", 0}, {"10", 0}, {"11", ERR_INVALID}, {"-1", ERR_INVALID},
	             {"x", ERR_INVALID}, {"1.5", ERR_INVALID}, {"99999999999999999999", ERR_INVALID}, {" 5 ", 0}};
	struct err e;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct thing t = base();
		int rc = FORM(&t, &e, "name", "Alma", "count", cases[i].form, "date", "2026-12-03", "start_time", "18:00");
		if (rc != cases[i].rc)
			fail_msg("count=%s: %d (%s)", cases[i].form, rc, e.msg);
		if (rc)
			assert_string_equal(e.field, "count");
	}
	/* Empty in a form: required.  Not required, 0 is "not given". */
	struct thing t = base();
	assert_int_equal(FORM(&t, &e, "name", "Alma", "count", " ", "date", "2026-12-03", "start_time", "18:00"),
	                 ERR_INVALID);
	assert_string_equal(e.msg, "The count is required.");
	assert_int_equal(JSON(&t, &e, "cents", "#0"), 0);
	t.cents = 0;
	assert_int_equal(field_check(thing_fields, &t, &e), 0);
	assert_int_equal(JSON(&t, &e, "count", "#0"), ERR_INVALID);
	assert_string_equal(e.msg, "The count must be between 1 and 10.");
	assert_int_equal(JSON(&t, &e, "count", "#1"), 0);
	assert_int_equal(JSON(&t, &e, "count", "#10"), 0);
	assert_int_equal(t.count, 10);
	assert_int_equal(JSON(&t, &e, "count", "#11"), ERR_INVALID);
	/* Scaled: the form's dollars, the limits said in dollars. */
	t = base();
	assert_int_equal(FORM(&t, &e, "name", "Alma", "count", "1", "dollars", "1001", "date", "2026-12-03",
	                      "start_time", "18:00"),
	                 ERR_INVALID);
	assert_string_equal(e.field, "dollars");
	assert_string_equal(e.msg, "The amount must be between 0 and 1000.");
	/* Ids: positive, 0 none. */
	assert_int_equal(JSON(&t, &e, "owner_id", "#-3"), ERR_INVALID);
	assert_string_equal(e.field, "owner_id");
	assert_int_equal(JSON(&t, &e, "owner_id", "#0"), 0);
}

static void choices_and_sets(void **state)
{
	struct thing t = base();
	struct err e;
	assert_int_equal(JSON(&t, &e, "color", "blue"), 0);
	assert_string_equal(t.color, "blue");
	assert_int_equal(JSON(&t, &e, "color", "green"), ERR_INVALID);
	assert_string_equal(e.field, "color");
	assert_string_equal(e.msg, "Choose red or blue.");
	assert_int_equal(JSON(&t, &e, "color", ""), ERR_INVALID);
	assert_int_equal(JSON(&t, &e, "tags", "x, y"), 0);
	assert_int_equal(JSON(&t, &e, "tags", "x,z"), ERR_INVALID);
	assert_string_equal(e.field, "tags");
	t = base();
	assert_int_equal(FORM(&t, &e, "name", "Alma", "count", "1", "color", "blue", "tag_x", "on", "tag_y", "on",
	                      "tag_z", "on", "date", "2026-12-03", "start_time", "18:00"),
	                 0);
	assert_string_equal(t.tags, "x,y");
	assert_int_equal(FORM(&t, &e, "name", "Alma", "count", "1", "color", "green", "date", "2026-12-03",
	                      "start_time", "18:00"),
	                 ERR_INVALID);
	assert_string_equal(e.field, "color");
	assert_string_equal(t.color, "green");   /* a form keeps what was sent, to show it again */
}

static void json_updates_leave_absent_members(void **state)
{
	struct thing t = base();
	t.count = 4;
	t.open = true;
	t.starts_at = 77;
	struct err e;
	assert_int_equal(JSON(&t, &e, "notes", "n", "unknown", "#1"), 0);
	assert_string_equal(t.name, "Alma");
	assert_string_equal(t.notes, "n");
	assert_int_equal(t.count, 4);
	assert_true(t.open);
	assert_int_equal(t.starts_at, 77);
	assert_int_equal(JSON(&t, &e, "open", "?f"), 0);
	assert_false(t.open);
}

static void json_wrong_types_name_the_member(void **state)
{
	static const char *const cases[][3] = {
		{"name", "#5", "The name must be text."},       {"name", "!", "The name must be text."},
		{"count", "$5", "The count must be a whole number."}, {"count", "?t", "The count must be a whole number."},
		{"open", "$true", "Open must be true or false."},   {"open", "#1", "Open must be true or false."},
		{"starts_at", "#1796342400", "The start must be a time such as 2026-12-04T18:00:00Z."},
		{"owner_id", "$12", "The owner must name a record by its number."},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct thing t = base();
		struct err e;
		assert_int_equal(JSON(&t, &e, cases[i][0], cases[i][1]), ERR_INVALID);
		assert_string_equal(e.field, cases[i][0]);
		assert_string_equal(e.msg, cases[i][2]);
	}
}

static void json_times_are_rfc3339(void **state)
{
	struct thing t = base();
	struct err e;
	assert_int_equal(JSON(&t, &e, "starts_at", "2026-12-04T18:00:00.000Z"), 0);
	assert_int_equal(t.starts_at, 1796407200);
	assert_int_equal(JSON(&t, &e, "starts_at", "2026-12-04T12:00:00-06:00"), 0);
	assert_int_equal(t.starts_at, 1796407200);
	assert_int_equal(JSON(&t, &e, "starts_at", "2026-12-04 18:00"), ERR_INVALID);
	assert_string_equal(e.field, "starts_at");
	assert_int_equal(t.starts_at, 1796407200);
	/* A form's time is named by the field that was wrong. */
	t = base();
	assert_int_equal(FORM(&t, &e, "name", "Alma", "count", "1", "date", "2026-12-03", "start_time", "25:00"),
	                 ERR_INVALID);
	assert_string_equal(e.field, "start_time");
	assert_int_equal(FORM(&t, &e, "name", "Alma", "count", "1", "date", "tomorrow", "start_time", "18:00"),
	                 ERR_INVALID);
	assert_string_equal(e.field, "date");
}

static void roles_guard_fields(void **state)
{
	struct thing t = base();
	struct err e;
	assert_int_equal(JSON(&t, &e, "secret", "s"), ERR_DENIED);
	assert_string_equal(e.field, "secret");
	assert_string_equal(t.secret, "");
	static const char *const kv[] = {"secret", "s"};
	assert_int_equal(read_with(*state, true, 3, kv, 2, &t, &e), 0);
	assert_string_equal(t.secret, "s");
}

static void forms_read_on_after_a_refusal(void **state)
{
	struct thing t = {0};
	struct err e;
	assert_int_equal(FORM(&t, &e, "name", "a\nb", "notes", "too long", "count", "3", "date", "2026-12-03",
	                      "start_time", "18:00"),
	                 ERR_INVALID);
	assert_string_equal(e.field, "name");   /* the first refusal */
	assert_int_equal(t.count, 3);           /* and the rest was read */
	assert_string_equal(t.notes, "too long");
	assert_non_null(t.color);
}

static void check_holds_a_filled_struct(void **state)
{
	struct thing t = base();
	t.starts_at = 1;
	struct err e;
	assert_int_equal(field_check(thing_fields, &t, &e), 0);
	t.name = NULL;
	assert_int_equal(field_check(thing_fields, &t, &e), ERR_INVALID);
	assert_string_equal(e.field, "name");
	t = base();
	t.count = 11;
	assert_int_equal(field_check(thing_fields, &t, &e), ERR_INVALID);
	assert_string_equal(e.field, "count");
	t = base();
	t.cents = 100001;
	assert_int_equal(field_check(thing_fields, &t, &e), ERR_INVALID);
	assert_string_equal(e.field, "cents");
	field_err_form(thing_fields, &e);
	assert_string_equal(e.field, "dollars");
	assert_null(field_find(thing_fields, "nothing"));
	assert_non_null(field_find(thing_fields, "tags"));
}

static void messages_in_the_readers_language(void **state)
{
	static const char po[] = "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n\n"
	                         "msgid \"%s is required.\"\nmsgstr \"Campo obligatorio: %s.\"\n\n"
	                         "msgid \"%s must be at most %s characters long.\"\n"
	                         "msgstr \"%s: como máximo %s caracteres.\"\n\n"
	                         "msgid \"The name\"\nmsgstr \"El nombre\"\n";
	struct i18n *c = i18n_new();
	struct err e;
	assert_int_equal(i18n_parse_po(c, "es", po, sizeof(po) - 1, &e), 0);
	struct thing t = base();
	static const char *const blank[] = {"name", " "};
	struct pairs p = {blank, 2};
	struct field_source src = {.get = pairs_get, .ctx = &p, .typed = true};
	struct field_ctx cx = {.i18n = c, .lang = "es", .a = *state};
	assert_int_equal(field_read(thing_fields, &t, &src, &cx, &e), ERR_INVALID);
	assert_string_equal(e.msg, "Campo obligatorio: El nombre.");
	static const char *const longer[] = {"name", "abcdefg"};
	p.kv = longer;
	assert_int_equal(field_read(thing_fields, &t, &src, &cx, &e), ERR_INVALID);
	assert_string_equal(e.msg, "El nombre: como máximo 5 caracteres.");
	/* A message without its Spanish stays English, with the label's. */
	static const char *const count[] = {"count", "#0"};
	p.kv = count;
	assert_int_equal(field_read(thing_fields, &t, &src, &cx, &e), ERR_INVALID);
	assert_string_equal(e.msg, "The count must be between 1 and 10.");
	cx.lang = "en";
	p.kv = blank;
	assert_int_equal(field_read(thing_fields, &t, &src, &cx, &e), ERR_INVALID);
	assert_string_equal(e.msg, "The name is required.");
	i18n_free(c);
}

int main(void)
{
#define A(f) cmocka_unit_test_setup_teardown(f, arena_setup, arena_teardown)
	const struct CMUnitTest tests[] = {
		A(form_fills_every_type),
		A(text_limits_count_characters),
		A(one_line_refuses_line_breaks),
		A(controls_are_refused),
		A(numbers_at_their_edges),
		A(choices_and_sets),
		A(json_updates_leave_absent_members),
		A(json_wrong_types_name_the_member),
		A(json_times_are_rfc3339),
		A(roles_guard_fields),
		A(forms_read_on_after_a_refusal),
		A(check_holds_a_filled_struct),
		A(messages_in_the_readers_language),
	};
	return cmocka_run_group_tests_name("field", tests, NULL, NULL);
}

/* libFuzzer target for domain/field through its two sources, web/form's
 * urlencoded forms and JSON objects, with the sessions' table
 * (session_fields), which has every type.
 *
 * The first byte picks the source and the editor's role, the rest is the
 * body:
 *   even  an urlencoded form, read as a form (times in America/Chicago)
 *   odd   a JSON object, read as a partial update of a valid session
 * Invariants: no crash; a read that succeeds leaves a struct that
 * field_check accepts, every text valid UTF-8 within its limits and every
 * one-line text without CR or LF; a refusal names a field of the table as
 * its source knows it, with a message.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/str.h"
#include "domain/field.h"
#include "domain/plan.h"
#include "web/form.h"
#include "web/handlers.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_result(int rc, const struct session *s, const struct err *e, bool form)
{
	if (rc < 0) {
		CHECK(rc == ERR_INVALID || rc == ERR_DENIED);
		CHECK(e->code == rc && e->field[0] && e->msg[0]);
		CHECK(utf8_valid(e->msg, strlen(e->msg)));
		bool known = false;
		for (const struct field *f = session_fields; f->name && !known; f++)
			known = strcmp(e->field, f->name) == 0 || (f->form && strcmp(e->field, f->form) == 0) ||
			        (f->date && strcmp(e->field, f->date) == 0);
		CHECK(known);
		return;
	}
	struct err ce;
	CHECK(field_check(session_fields, s, &ce) == 0);
	for (const struct field *f = session_fields; f->name; f++) {
		if (f->type != FIELD_LINE && f->type != FIELD_TEXT && f->type != FIELD_CHOICE)
			continue;
		const char *v = *(const char *const *)((const char *)s + f->off);
		CHECK(v != NULL);
		size_t n = strlen(v);
		CHECK(utf8_valid(v, n));
		CHECK(field_text_ok(v, n, f->type == FIELD_TEXT) == 0);
		if (f->type == FIELD_LINE)
			CHECK(!strpbrk(v, "\r\n"));
		struct str t = str_trim((struct str){v, n});
		if (f->max)
			CHECK(utf8_chars(t.p, t.len) <= (size_t)f->max);
		if (f->flags & FIELD_REQUIRED)
			CHECK(t.len > 0);
	}
	CHECK(s->capacity >= 1 && s->capacity <= 10000);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	size_t n = size - 1;
	char *body = malloc(n ? n : 1);
	if (!body)
		return 0;
	memcpy(body, data + 1, n);
	struct arena a;
	arena_init(&a);
	struct field_ctx cx = {.lang = "en", .role = (data[0] >> 1) % 5, .tzid = "America/Chicago", .a = &a};
	struct session s = {.format = "in_person", .venue_name = "Library", .venue_address = "", .access_notes = "",
	                    .platform = "", .join_url = "", .language = "en", .interpretation = "",
	                    .starts_at = 1796407200, .ends_at = 1796412600, .capacity = 25};
	struct err e;
	if (data[0] % 2 == 0) {
		struct form f;
		if (form_parse_urlencoded(&a, body, n, NULL, &f, &e) == 0) {
			struct field_source src = form_source(&f);
			int rc = field_read(session_fields, &s, &src, &cx, &e);
			check_result(rc, &s, &e, true);
		}
	} else {
		json_error_t je;
		json_t *o = json_loadb(body, n, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &je);
		if (o && json_is_object(o)) {
			struct field_source src = api_source(o);
			int rc = field_read(session_fields, &s, &src, &cx, &e);
			check_result(rc, &s, &e, false);
		}
		json_decref(o);
	}
	arena_free(&a);
	free(body);
	return 0;
}

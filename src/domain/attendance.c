#include "domain/attendance.h"

#include <stddef.h>
#include <string.h>

#include "core/i18n.h"
#include "core/str.h"

#define A(n, t, m, l) .name = n, .type = t, .off = offsetof(struct attendee, m), .label = l
const struct field attendee_fields[] = {
	{A("registration_id", FIELD_ID, registration_id, N_("The registrant")), .flags = FIELD_KEEP,
	 .msg = N_("Choose someone from the list of registrants.")},
	{A("name", FIELD_LINE, name, N_("The name")), .flags = FIELD_KEEP, .max = 200},
	{A("group_id", FIELD_ID, group_id, N_("The stakeholder group")), .flags = FIELD_KEEP},
	{A("consent_record", FIELD_BOOL, consent_record, N_("Consent to be recorded"))},
	{A("consent_quote", FIELD_BOOL, consent_quote, N_("Consent to be quoted"))},
	FIELD_END,
};
#undef A

static const char *const note_kinds[] = {"note", "quote", NULL};
#define N(n, t, m, l) .name = n, .type = t, .off = offsetof(struct note, m), .label = l
const struct field note_fields[] = {
	{N("client_id", FIELD_LINE, client_id, N_("The note's client id")), .max = 64},
	{N("question", FIELD_INT, question, N_("The question")), .min = 0, .max = 10000,
	 .msg = N_("Choose one of the protocol's questions.")},
	{N("speaker", FIELD_LINE, speaker_code, N_("The speaker")), .max = 16},
	{N("kind", FIELD_CHOICE, kind, N_("The kind of note")), .flags = FIELD_REQUIRED, .choices = note_kinds,
	 .msg = N_("A note is either a note or a quote."), .def = "note"},
	{N("text", FIELD_TEXT, text, N_("The note")), .flags = FIELD_REQUIRED, .max = NOTE_TEXT_MAX},
	{N("taken_at", FIELD_INT, taken_at, N_("The time it was taken")), .min = 0, .max = INT64_MAX,
	 .msg = N_("taken_at is a Unix time, not in the future.")},
	FIELD_END,
};
#undef N

int attendee_check(const struct attendee *a, struct err *e)
{
	if (field_check(attendee_fields, a, e) < 0)
		return ERR_INVALID;
	if (str_trim(str_from(a->name ? a->name : "")).len == 0)
		return err_set(e, ERR_INVALID, "name", "The name is required.");
	return 0;
}

bool attendance_checked_in(const struct attendee *as, size_t n, int64_t registration_id)
{
	for (size_t i = 0; i < n; i++)
		if (as[i].registration_id == registration_id)
			return true;
	return false;
}

const char *attendee_code(struct arena *a, int64_t n)
{
	return arena_printf(a, "P%lld", (long long)n);
}

int64_t attendee_code_number(const char *code)
{
	int64_t n = 0;
	if (!code || code[0] != 'P' || code[1] < '1' || code[1] > '9' || parse_i64(code + 1, 1, 99999, &n) < 0)
		return 0;
	return n;
}

static bool client_id_ok(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n == 0 || n > NOTE_CLIENT_ID_MAX)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
		      c == '_' || c == '-'))
			return false;
	}
	return true;
}

int note_check(const struct note *n, size_t nquestions, const char *const *codes, size_t ncodes, struct err *e)
{
	if (!client_id_ok(n->client_id))
		return err_set(e, ERR_INVALID, "client_id",
		               "The note's client id is 1 to 64 letters, digits, dots, dashes or underscores.");
	if (n->question < 0 || (size_t)n->question > nquestions)
		return err_set(e, ERR_INVALID, "question", "Choose one of the protocol's questions.");
	if (!n->kind || (strcmp(n->kind, "note") != 0 && strcmp(n->kind, "quote") != 0))
		return err_set(e, ERR_INVALID, "kind", "A note is either a note or a quote.");
	const char *sp = n->speaker_code ? n->speaker_code : "";
	bool known = !*sp || strcmp(sp, "F") == 0;
	for (size_t i = 0; !known && i < ncodes; i++)
		known = strcmp(sp, codes[i]) == 0;
	if (!known)
		return err_set(e, ERR_INVALID, "speaker", "Choose a speaker code from the attendee list (F, P1, P2, …).");
	if (!*sp && strcmp(n->kind, "quote") == 0)
		return err_set(e, ERR_INVALID, "speaker", "A quote needs the code of the person who said it.");
	return field_check(note_fields, n, e);
}

#include "domain/attendance.h"

#include <string.h>

#include "core/str.h"

int attendee_check(const struct attendee *a, struct err *e)
{
	if (err_check_text(a->name, 1, 200, "name", "The name", e) < 0)
		return ERR_INVALID;
	if (strpbrk(a->name, "\r\n"))
		return err_set(e, ERR_INVALID, "name", "The name must be on one line.");
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
	if (err_check_text(n->text, 1, NOTE_TEXT_MAX, "text", "The note", e) < 0)
		return ERR_INVALID;
	return 0;
}

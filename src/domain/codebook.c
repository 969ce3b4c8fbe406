#include "domain/codebook.h"

#include <math.h>
#include <stddef.h>
#include <string.h>

#include "core/i18n.h"
#include "core/str.h"

const char *const codebook_colours[CODEBOOK_NCOLOURS + 1] = {
	"#cfe0f5", "#d4edda", "#fde2c8", "#f8d7e3", "#e5dbf5", "#fff3bf", "#d5f0ef", "#e9ecef", NULL,
};

static const char *const kinds[] = {"note", "segment", "survey", NULL};
static const char *const kind_msg = N_("An excerpt is a note, a segment or a survey comment.");

#define C(n, t, m, l) .name = n, .type = t, .off = offsetof(struct code, m), .label = l
const struct field code_fields[] = {
	{C("initiative_id", FIELD_ID, initiative_id, N_("The initiative")), .form = "initiative", .flags = FIELD_ONCE,
	 .msg = N_("Choose one of the district's initiatives.")},
	{C("name", FIELD_LINE, name, N_("The name")), .flags = FIELD_REQUIRED, .max = 100},
	{C("description", FIELD_TEXT, description, N_("The description")), .max = 2000},
	{C("colour", FIELD_CHOICE, colour, N_("The colour")), .choices = codebook_colours,
	 .msg = N_("Choose one of the colours offered.")},
	{C("parent_id", FIELD_ID, parent_id, N_("The parent code")), .msg = N_("Choose one of this initiative's codes.")},
	FIELD_END,
};
#undef C

static const char *const code_actions[] = {"save", "merge", "split", "confirm", NULL};
#define A(n, t, m, l) .name = n, .type = t, .off = offsetof(struct code_action, m), .label = l
const struct field code_action_fields[] = {
	{A("action", FIELD_CHOICE, action, N_("What to do")), .choices = code_actions},
	{A("into", FIELD_ID, into, N_("The code to merge into")), .msg = N_("Choose one of this initiative's codes.")},
	{A("new_name", FIELD_LINE, new_name, N_("The name")), .max = 100},
	FIELD_END,
};
#undef A

#define V(n, t, m, l) .name = n, .type = t, .off = offsetof(struct codebook_view, m), .label = l
const struct field codebook_view_fields[] = {
	{V("initiative", FIELD_ID, initiative, N_("The initiative")), .msg = N_("Choose one of the district's initiatives.")},
	{V("code", FIELD_ID, code, N_("The code"))},
	{V("session", FIELD_ID, session, N_("The session"))},
	{V("question", FIELD_INT, question, N_("The question")), .min = 1, .max = 10000},
	{V("group", FIELD_LINE, group, N_("The group")), .max = 200},
	{V("kind", FIELD_CHOICE, kind, N_("The source")), .choices = kinds, .msg = kind_msg},
	FIELD_END,
};
const struct field code_list_fields[] = {
	{V("initiative_id", FIELD_ID, initiative, N_("The initiative")), .flags = FIELD_REQUIRED,
	 .msg = N_("Give ?initiative_id=N.")},
	FIELD_END,
};
#undef V

#define K(n, t, m, l) .name = n, .type = t, .off = offsetof(struct coding_ask, m), .label = l
static const char *const coding_dos[] = {"code", "quote", NULL};
const struct field coding_ask_fields[] = {
	{K("initiative_id", FIELD_ID, initiative_id, N_("The initiative")), .form = "initiative",
	 .msg = N_("Choose one of the district's initiatives.")},
	{K("code_id", FIELD_ID, code_id, N_("The code")), .msg = N_("Choose one of this initiative's codes.")},
	{K("kind", FIELD_CHOICE, kind, N_("The source")), .choices = kinds, .msg = kind_msg},
	{K("excerpt_id", FIELD_ID, excerpt_id, N_("The excerpt"))},
	{K("quote", FIELD_TEXT, quote, N_("The words to code"))},
	{K("start", FIELD_INT, start, N_("The start")), .flags = FIELD_NO_FORM},
	{K("end", FIELD_INT, end, N_("The end")), .flags = FIELD_NO_FORM},
	{K("do", FIELD_CHOICE, do_, N_("What to do")), .flags = FIELD_NO_JSON, .choices = coding_dos},
	FIELD_END,
};
#undef K

int codebook_colour_index(const char *colour)
{
	for (int i = 0; colour && i < CODEBOOK_NCOLOURS; i++)
		if (strcmp(colour, codebook_colours[i]) == 0)
			return i;
	return -1;
}

int code_check(const struct code *c, struct err *e)
{
	if (field_check(code_fields, c, e) < 0)
		return ERR_INVALID;
	/* The table lets an empty colour through ("" is "not chosen"); a code has one. */
	if (codebook_colour_index(c->colour) < 0)
		return err_set(e, ERR_INVALID, "colour", "Choose one of the colours offered.");
	return 0;
}

int code_check_parent(const struct code *c, const struct code *parent, struct err *e)
{
	if (!parent)
		return 0;
	if (parent->id == c->id)
		return err_set(e, ERR_INVALID, "parent_id", "A code cannot sit under itself.");
	if (parent->initiative_id != c->initiative_id)
		return err_set(e, ERR_INVALID, "parent_id", "The parent belongs to another initiative.");
	if (parent->parent_id)
		return err_set(e, ERR_INVALID, "parent_id", "Codes nest one level only: choose a top-level code.");
	return 0;
}

bool coding_kind_ok(const char *kind)
{
	for (size_t i = 0; kind && kinds[i]; i++)
		if (strcmp(kind, kinds[i]) == 0)
			return true;
	return false;
}

int coding_span(const char *text, const char *quote, int64_t *start, int64_t *end, struct err *e)
{
	struct str q = str_trim(str_from(quote ? quote : ""));
	size_t len = strlen(text ? text : "");
	if (!q.len) {
		*start = 0;
		*end = (int64_t)utf8_chars(text, len);
		return *end > 0 ? 0 : err_set(e, ERR_INVALID, "quote", "This excerpt has no text to code.");
	}
	const char *at = NULL;
	for (const char *p = text; p && (size_t)(p - text) + q.len <= len; p++)
		if (memcmp(p, q.p, q.len) == 0) {
			at = p;
			break;
		}
	if (!at)
		return err_set(e, ERR_INVALID, "quote", "The words to code must be copied exactly from the excerpt.");
	*start = (int64_t)utf8_chars(text, (size_t)(at - text));
	*end = *start + (int64_t)utf8_chars(q.p, q.len);
	return 0;
}

int coding_check_span(const char *text, int64_t start, int64_t end, struct err *e)
{
	int64_t chars = (int64_t)utf8_chars(text ? text : "", strlen(text ? text : ""));
	if (start < 0 || end <= start || end > chars)
		return err_set(e, ERR_INVALID, "span", "The span must lie within the excerpt (0 to %lld characters).",
		               (long long)chars);
	return 0;
}

double cohen_kappa(const bool *a, const bool *b, size_t n)
{
	if (n == 0)
		return NAN;
	size_t agree = 0, ya = 0, yb = 0;
	for (size_t i = 0; i < n; i++) {
		agree += a[i] == b[i];
		ya += a[i];
		yb += b[i];
	}
	double po = (double)agree / (double)n;
	double pa = (double)ya / (double)n, pb = (double)yb / (double)n;
	double pe = pa * pb + (1 - pa) * (1 - pb);
	if (fabs(1 - pe) < 1e-12)
		return NAN;
	return (po - pe) / (1 - pe);
}

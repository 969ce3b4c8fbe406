#include "domain/codebook.h"

#include <math.h>
#include <string.h>

#include "core/str.h"

const char *const codebook_colours[CODEBOOK_NCOLOURS] = {
	"#cfe0f5", "#d4edda", "#fde2c8", "#f8d7e3", "#e5dbf5", "#fff3bf", "#d5f0ef", "#e9ecef",
};

int codebook_colour_index(const char *colour)
{
	for (int i = 0; colour && i < CODEBOOK_NCOLOURS; i++)
		if (strcmp(colour, codebook_colours[i]) == 0)
			return i;
	return -1;
}

int code_check(const struct code *c, struct err *e)
{
	if (err_check_text(c->name, 1, 100, "name", "The name", e) < 0)
		return ERR_INVALID;
	if (strpbrk(c->name, "\r\n"))
		return err_set(e, ERR_INVALID, "name", "The name must be on one line.");
	if (err_check_text(c->description, 0, 2000, "description", "The description", e) < 0)
		return ERR_INVALID;
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
	return kind && (strcmp(kind, "note") == 0 || strcmp(kind, "segment") == 0 || strcmp(kind, "survey") == 0);
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

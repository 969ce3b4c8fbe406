/* respan: see respan.h. */
#include "domain/respan.h"

#include <string.h>

#include "core/mem.h"
#include "core/str.h"

/* Where byte b of the old text stands in the new one, given where each
 * replaced span [os, oe) of it went, [ns, ne).  A bound strictly inside a
 * span goes to the placeholder's start (a span's start) or end (its
 * end). */
static size_t map_byte(size_t b, const size_t *os, const size_t *oe, const size_t *ns, const size_t *ne, size_t n,
                       int is_end)
{
	size_t from = 0, to = 0;   /* the end of the last span before b, old and new */
	for (size_t i = 0; i < n && os[i] < b; i++) {
		if (oe[i] > b)
			return is_end ? ne[i] : ns[i];
		from = oe[i];
		to = ne[i];
	}
	return b - from + to;
}

int respan_map(const char *old_text, const char *new_text, const struct redact_span *spans, size_t n,
               int64_t *start, int64_t *end, struct err *e)
{
	size_t olen = strlen(old_text), nlen = strlen(new_text);
	size_t ochars = utf8_chars(old_text, olen);
	if (*start < 0 || *end <= *start || (uint64_t)*end > ochars)
		return err_set(e, ERR_INVALID, "span", "The span is not within the text.");
	size_t *os = NULL, *oe = NULL, *ns = NULL, *ne = NULL;
	size_t op = 0, np = 0;
	int rc = 0;
	if (n) {
		size_t *all = mem_alloc(4 * n * sizeof(*all));
		os = all, oe = all + n, ns = all + 2 * n, ne = all + 3 * n;
	}
	for (size_t i = 0; i < n && rc == 0; i++) {
		size_t s = spans[i].start, t = spans[i].end, copy = s - op;
		const char *close;
		if (s < op || t < s || t > olen || np + copy > nlen || memcmp(old_text + op, new_text + np, copy) != 0 ||
		    np + copy >= nlen || new_text[np + copy] != '[' ||
		    !(close = memchr(new_text + np + copy, ']', nlen - np - copy))) {
			rc = ERR_INVALID;
			break;
		}
		os[i] = s, oe[i] = t, ns[i] = np + copy, ne[i] = (size_t)(close - new_text) + 1;
		np = ne[i];
		op = t;
	}
	if (rc == 0 && (nlen - np != olen - op || memcmp(old_text + op, new_text + np, olen - op) != 0))
		rc = ERR_INVALID;
	if (rc == 0) {
		size_t bs = utf8_offset(old_text, olen, (size_t)*start), be = utf8_offset(old_text, olen, (size_t)*end);
		*start = (int64_t)utf8_chars(new_text, map_byte(bs, os, oe, ns, ne, n, 0));
		*end = (int64_t)utf8_chars(new_text, map_byte(be, os, oe, ns, ne, n, 1));
	}
	mem_free(os);
	return rc == 0 ? 0 : err_set(e, ERR_INVALID, "span", "The new text is not the old one with placeholders.");
}

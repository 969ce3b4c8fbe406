#include "domain/doubt.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "core/i18n.h"
#include "core/str.h"

static const char *const pick_choices[] = {"replace", "keep", NULL};

#define P(n, t, m, l) .name = n, .type = t, .off = offsetof(struct doubt_pick, m), .label = l
const struct field doubt_pick_fields[] = {
	{P("word", FIELD_LINE, word, N_("The word")), .max = 200},
	{P("choice", FIELD_CHOICE, choice, N_("The choice")), .choices = pick_choices,
	 .msg = N_("Replace the word with [NAME] or keep it.")},
	FIELD_END,
};
#undef P

const struct field doubt_ask_fields[] = {
	{.name = "also", .type = FIELD_LINE, .off = offsetof(struct doubt_ask, also),
	 .label = N_("The words to replace too"), .max = 200},
	FIELD_END,
};

const char *doubt_fold(struct arena *a, const char *s, size_t n)
{
	utf8proc_uint8_t *folded = NULL;
	if (!s || !utf8_valid(s, n))
		return "";
	const char *z = arena_strndup(a, s, n);
	utf8proc_ssize_t len = utf8proc_map((const utf8proc_uint8_t *)z, 0, &folded,
	                                    UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
	                                            UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE);
	const char *out = len >= 0 && folded ? arena_strndup(a, (const char *)folded, (size_t)len) : "";
	free(folded);
	return out;
}

size_t doubt_words(struct arena *a, const char *text, const struct redact_span *ds, size_t nd,
                   const struct doubt_kept *kept, size_t nkept, struct doubt_word **out)
{
	struct doubt_word *ws = NULL;
	size_t n = 0, cap = 0, len = strlen(text);
	for (size_t i = 0; i < nd; i++) {
		if (ds[i].start >= ds[i].end || ds[i].end > len)
			continue;
		const char *f = doubt_fold(a, text + ds[i].start, ds[i].end - ds[i].start);
		size_t k = 0;
		while (k < n && strcmp(ws[k].fold, f) != 0)
			k++;
		if (k == n) {
			ws = arena_grow(a, ws, n, &cap, sizeof(*ws));
			const char *w = arena_strndup(a, text + ds[i].start, ds[i].end - ds[i].start);
			ws[n++] = (struct doubt_word){w, f, 0, false};
		}
		ws[k].count++;
	}
	for (size_t k = 0; k < n; k++)
		for (size_t j = 0; j < nkept && !ws[k].kept; j++)
			ws[k].kept = strcmp(kept[j].fold, ws[k].fold) == 0 && kept[j].occurrences >= ws[k].count;
	*out = ws;
	return n;
}

size_t doubt_pending(const struct doubt_word *ws, size_t n)
{
	size_t p = 0;
	for (size_t i = 0; i < n; i++)
		p += !ws[i].kept;
	return p;
}

/* Letters, marks and digits make words; anything else parts them. */
static bool word_char(int32_t c)
{
	if (c < 0)
		return false;
	switch (utf8proc_category(c)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME: case UTF8PROC_CATEGORY_ND:
		return true;
	default:
		return false;
	}
}

/* The code point at s (n bytes left), or -1. */
static int32_t first_char(const char *s, size_t n)
{
	utf8proc_int32_t c = -1;
	if (n == 0 || utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &c) < 0)
		return -1;
	return c;
}

/* The code point that ends at byte i of t, or -1. */
static int32_t char_before(const char *t, size_t i)
{
	if (i == 0)
		return -1;
	size_t k = i - 1;
	while (k > 0 && ((unsigned char)t[k] & 0xC0) == 0x80)
		k--;
	return first_char(t + k, i - k);
}

static int32_t last_char(const char *s, size_t n)
{
	return char_before(s, n);
}

static bool has_word_char(const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		utf8proc_int32_t c;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &c);
		if (k <= 0)
			return false;
		if (word_char(c))
			return true;
		i += (size_t)k;
	}
	return false;
}

size_t doubt_find(struct arena *a, const char *text, const char *phrase, const char *with, struct doubt_edit **ed,
                  size_t *n, size_t *cap)
{
	size_t plen = strlen(phrase), found = 0;
	if (plen == 0)
		return 0;
	bool open = word_char(first_char(phrase, plen)), close = word_char(last_char(phrase, plen));
	for (const char *at = strstr(text, phrase); at; at = strstr(at + 1, phrase)) {
		size_t i = (size_t)(at - text);
		if (open && word_char(char_before(text, i)))
			continue;
		if (close && word_char(first_char(at + plen, strlen(at + plen))))
			continue;
		*ed = arena_grow(a, *ed, *n, cap, sizeof(**ed));
		(*ed)[(*n)++] = (struct doubt_edit){i, i + plen, with};
		found++;
	}
	return found;
}

bool doubt_contains(struct arena *a, const char *text, const char *phrase)
{
	struct str p = str_trim(str_from(phrase ? phrase : ""));
	struct doubt_edit *ed = NULL;
	size_t n = 0, cap = 0;
	return p.len && doubt_find(a, text, arena_strndup(a, p.p, p.len), "", &ed, &n, &cap) > 0;
}

static int by_length(const void *x, const void *y)
{
	const struct doubt_edit *p = x, *q = y;
	size_t lp = p->end - p->start, lq = q->end - q->start;
	if (lp != lq)
		return lp > lq ? -1 : 1;
	return p->start < q->start ? -1 : p->start > q->start;
}

static int by_start(const void *x, const void *y)
{
	const struct doubt_edit *p = x, *q = y;
	return p->start < q->start ? -1 : p->start > q->start;
}

void doubt_settle(struct doubt_edit *ed, size_t *n)
{
	if (*n == 0)
		return;
	qsort(ed, *n, sizeof(*ed), by_length);
	size_t kept = 0;
	for (size_t i = 0; i < *n; i++) {
		bool clash = false;
		for (size_t k = 0; k < kept && !clash; k++)
			clash = ed[i].start < ed[k].end && ed[k].start < ed[i].end;
		if (!clash)
			ed[kept++] = ed[i];
	}
	*n = kept;
	qsort(ed, *n, sizeof(*ed), by_start);
}

const char *doubt_apply(struct arena *a, const char *text, const struct doubt_edit *ed, size_t n)
{
	size_t len = strlen(text), out = len + 1;
	for (size_t i = 0; i < n; i++)
		out += strlen(ed[i].with);
	char *p = arena_alloc(a, out), *w = p;
	size_t pos = 0;
	for (size_t i = 0; i < n; i++) {
		memcpy(w, text + pos, ed[i].start - pos);
		w += ed[i].start - pos;
		size_t k = strlen(ed[i].with);
		memcpy(w, ed[i].with, k);
		w += k;
		pos = ed[i].end;
	}
	memcpy(w, text + pos, len - pos);
	w[len - pos] = '\0';
	return p;
}

size_t doubt_edits(struct arena *a, const char *text, const struct doubt_plan *plan, struct doubt_edit **out)
{
	struct doubt_edit *ed = NULL;
	size_t n = 0, cap = 0;
	for (size_t i = 0; i < plan->nreplace; i++)
		doubt_find(a, text, plan->replace[i], DOUBT_PLACEHOLDER, &ed, &n, &cap);
	doubt_settle(ed, &n);
	*out = ed;
	return n;
}

long doubt_edits_of_run(struct arena *a, const char *in, const char *out, const struct redact_span *rs, size_t n,
                        struct doubt_edit **ed)
{
	size_t pin = 0, pout = 0, lin = strlen(in), lout = strlen(out);
	*ed = n ? arena_alloc(a, n * sizeof(**ed)) : NULL;
	for (size_t i = 0; i < n; i++) {
		if (rs[i].start < pin || rs[i].end > lin || rs[i].start > rs[i].end)
			return -1;
		pout += rs[i].start - pin;
		if (pout >= lout || out[pout] != '[')
			return -1;
		const char *close = memchr(out + pout, ']', lout - pout);
		if (!close)
			return -1;
		size_t plen = (size_t)(close - (out + pout)) + 1;
		(*ed)[i] = (struct doubt_edit){rs[i].start, rs[i].end, arena_strndup(a, out + pout, plen)};
		pout += plen;
		pin = rs[i].end;
	}
	return lout - pout == lin - pin ? (long)n : -1;
}

int64_t doubt_move(const char *old_text, const char *new_text, const struct doubt_edit *ed, size_t n, int64_t chars,
                   bool end)
{
	size_t olen = strlen(old_text), nlen = strlen(new_text);
	size_t b = utf8_offset(old_text, olen, chars < 0 ? 0 : (size_t)chars);
	long long delta = 0, pos = -1;
	for (size_t i = 0; i < n && pos < 0; i++) {
		long long wl = (long long)strlen(ed[i].with);
		if (b <= ed[i].start)
			break;
		if (b >= ed[i].end)
			delta += wl - (long long)(ed[i].end - ed[i].start);
		else   /* inside the words replaced */
			pos = (long long)ed[i].start + delta + (end ? wl : 0);
	}
	if (pos < 0)
		pos = (long long)b + delta;
	if (pos > (long long)nlen)
		pos = (long long)nlen;
	return (int64_t)utf8_chars(new_text, (size_t)pos);
}

int doubt_plan(struct arena *a, const char *text, const struct redact_span *ds, size_t nd,
               const struct doubt_word *ws, size_t nw, const struct doubt_pick *picks, size_t np, const char *also,
               struct doubt_plan *plan, size_t *bad, struct err *e)
{
	size_t len = strlen(text);
	*plan = (struct doubt_plan){0};
	plan->replace = arena_alloc(a, (nd + 2) * sizeof(*plan->replace));
	plan->keep = arena_alloc(a, (np + 1) * sizeof(*plan->keep));
	for (size_t i = 0; i < np; i++) {
		const char *choice = picks[i].choice ? picks[i].choice : "";
		struct str w = str_trim(str_from(picks[i].word ? picks[i].word : ""));
		if (!*choice && !w.len)
			continue;
		const char *f = doubt_fold(a, w.p, w.len);
		const struct doubt_word *word = NULL;
		for (size_t k = 0; k < nw && !word; k++)
			if (*f && strcmp(ws[k].fold, f) == 0)
				word = &ws[k];
		if (!word) {
			*bad = i;
			return err_set(e, ERR_INVALID, "word",
			               "This word is no longer marked in the text: load the page again.");
		}
		if (!*choice)
			continue;
		plan->decided++;
		if (strcmp(choice, "keep") == 0) {
			plan->keep[plan->nkeep++] = (struct doubt_kept){word->fold, word->count};
			continue;
		}
		/* Every way the word is written among the doubts. */
		for (size_t d = 0; d < nd; d++) {
			if (ds[d].start >= ds[d].end || ds[d].end > len)
				continue;
			const char *s = arena_strndup(a, text + ds[d].start, ds[d].end - ds[d].start);
			if (strcmp(doubt_fold(a, s, strlen(s)), word->fold) != 0)
				continue;
			bool seen = false;
			for (size_t k = 0; k < plan->nreplace && !seen; k++)
				seen = strcmp(plan->replace[k], s) == 0;
			if (!seen)
				plan->replace[plan->nreplace++] = s;
		}
	}
	struct str p = str_trim(str_from(also ? also : ""));
	if (p.len) {
		const char *phrase = arena_strndup(a, p.p, p.len);
		struct doubt_edit *ed = NULL;
		size_t n = 0, cap = 0;
		if (!has_word_char(phrase))
			return err_set(e, ERR_INVALID, "also", "Give words of the text to replace, not only punctuation.");
		if (doubt_find(a, text, phrase, DOUBT_PLACEHOLDER, &ed, &n, &cap) == 0)
			return err_set(e, ERR_INVALID, "also",
			               "These words are not in the text: copy them exactly as they are written.");
		plan->replace[plan->nreplace++] = phrase;
		plan->decided++;
	}
	return 0;
}

/* own_words: see own_words.h. */
#include "domain/own_words.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "core/str.h"

/* text folded (case, accents) with its runs of spaces made one, for
 * comparing phrases. */
static char *fold(struct arena *a, const char *p, size_t len)
{
	utf8proc_uint8_t *f = NULL;
	utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)p, (utf8proc_ssize_t)len, &f,
	                                  UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK);
	char *out = arena_alloc(a, (r > 0 ? (size_t)r : len) + 1);
	const char *s = r >= 0 ? (const char *)f : p;
	size_t n = r >= 0 ? (size_t)r : len, k = 0;
	for (size_t i = 0; i < n; i++) {
		bool sp = s[i] == ' ' || s[i] == '\t';
		if (sp && (k == 0 || out[k - 1] == ' '))
			continue;
		out[k++] = sp ? ' ' : s[i];
	}
	while (k && out[k - 1] == ' ')
		k--;
	out[k] = '\0';
	free(f);
	return out;
}

/* Words of a piece with at least one letter. */
static size_t words(const char *p, size_t len)
{
	size_t n = 0;
	bool in = false, letter = false;
	for (size_t i = 0; i <= len;) {
		if (i == len || p[i] == ' ' || p[i] == '\t') {
			n += in && letter;
			in = letter = false;
			i++;
			continue;
		}
		utf8proc_int32_t c;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)p + i, (utf8proc_ssize_t)(len - i), &c);
		if (k <= 0)
			break;
		in = true;
		letter |= utf8_is_letter(c);
		i += (size_t)k;
	}
	return n;
}

static void add_piece(struct own_words *w, struct arena *a, const char *p, size_t len)
{
	while (len && (*p == ' ' || *p == '\t'))
		p++, len--;
	while (len && (p[len - 1] == ' ' || p[len - 1] == '\t' || p[len - 1] == '.'))
		len--;
	if (words(p, len) < 2)
		return;
	const char *f = fold(a, p, len);
	for (size_t i = 0; i < w->n; i++)
		if (strcmp(w->key[i], f) == 0)
			return;
	w->v = arena_grow(a, w->v, w->n, &w->cap, sizeof(*w->v));
	w->key = arena_grow(a, w->key, w->n, &w->kcap, sizeof(*w->key));
	w->key[w->n] = f;
	w->v[w->n++] = arena_strndup(a, p, len);
}

/* Bytes of a cut at s[i]: a dash counts only with a space beside it, so
 * "Boys-and-Girls" and "Jean-Luc" stay whole. */
static size_t cut_at(const char *s, size_t n, size_t i)
{
	if (strchr(",;:()[]{}/|\n\r", s[i]))
		return 1;
	size_t k = s[i] == '-' ? 1
	           : n - i >= 3 && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
	                           ((unsigned char)s[i + 2] == 0x93 || (unsigned char)s[i + 2] == 0x94)
	                   ? 3
	                   : 0;
	if (!k)
		return 0;
	return i == 0 || s[i - 1] == ' ' || i + k >= n || s[i + k] == ' ' ? k : 0;
}

void own_words_add(struct own_words *w, struct arena *a, const char *text)
{
	if (!text || !*text || !utf8_valid(text, strlen(text)))
		return;
	size_t n = strlen(text), start = 0;
	for (size_t i = 0; i <= n;) {
		size_t k = i < n ? cut_at(text, n, i) : 1;
		if (!k) {
			i++;
			continue;
		}
		add_piece(w, a, text + start, i - start);
		i += k;
		start = i;
	}
}

void own_words_drop_names(struct own_words *w, struct arena *a, const char *const *names, size_t n)
{
	if (!w->n)
		return;
	const char **folded = arena_alloc(a, (n + 1) * sizeof(*folded));
	for (size_t j = 0; j < n; j++)
		folded[j] = names[j] && utf8_valid(names[j], strlen(names[j])) ? fold(a, names[j], strlen(names[j])) : "";
	size_t k = 0;
	for (size_t i = 0; i < w->n; i++) {
		bool person = false;
		for (size_t j = 0; !person && j < n; j++)
			person = strcmp(folded[j], w->key[i]) == 0;
		if (!person) {
			w->key[k] = w->key[i];
			w->v[k++] = w->v[i];
		}
	}
	w->n = k;
}

/* libFuzzer target for analysis/text and analysis/themes.
 *
 * The input, as a NUL-terminated copy, goes through the tokenizer with its
 * language guessed.  Beyond not crashing, every word is checked against the
 * header's promises: non-empty valid UTF-8 of at most TEXT_WORD_MAX bytes,
 * lower case (utf8proc_tolower leaves every character alone), letters and
 * digits with an apostrophe only between them, no single letter or number;
 * a non-empty stem (the word itself for a stop word); sentiment in -3..3.
 * The guessed language is text_guess_lang's, and text_next_raw with
 * text_classify gives what text_next gives.
 *
 * An input of at least two lines is also a set of comments (one a line, in
 * three groups and none) for themes_find with k = 2 on one thread: an error
 * is ERR_INVALID with a message; a result assigns every comment to 0 (none)
 * or a theme, whose sizes, excerpts and lists agree with the assignments.
 * A small input is run twice and must give the same result.  A broken
 * promise aborts.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "analysis/lexicon.h"
#include "analysis/text.h"
#include "analysis/themes.h"
#include "core/arena.h"
#include "core/err.h"
#include "core/str.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Above this many bytes, the themes run once (the words are still checked). */
#define TWICE_MAX 512

/* One tokenizer for the whole run: making stemmers is slow. */
static struct tokenizer *tk;

struct seen {
	char word[TEXT_WORD_MAX + 1];
	char stem[TEXT_WORD_MAX + 1];
	bool stop, gap, negator;
	int sentiment;
};

static bool word_byte(unsigned char c)
{
	return c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '\'';
}

static void check_word(const struct text_word *w)
{
	size_t n = strlen(w->word), sn = strlen(w->stem);

	CHECK(n >= 1 && n <= TEXT_WORD_MAX);
	CHECK(utf8_valid(w->word, n));
	CHECK(sn >= 1 && sn <= TEXT_WORD_MAX);
	CHECK(utf8_valid(w->stem, sn));
	/* Lower case; ASCII only as letters, digits and inner apostrophes. */
	for (size_t i = 0; i < n; i++)
		CHECK(word_byte((unsigned char)w->word[i]));
	/* Non-ASCII letters are lowercased too. */
	for (const char *p = w->word; *p;) {
		utf8proc_int32_t c;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)p, -1, &c);

		CHECK(k > 0);
		CHECK(utf8proc_tolower(c) == c);
		p += k;
	}
	CHECK(w->word[0] != '\'' && w->word[n - 1] != '\'');
	CHECK(strstr(w->word, "''") == NULL);
	/* Single letters and numbers are skipped. */
	CHECK(n >= 2);
	CHECK(strspn(w->word, "0123456789") < n);
	if (w->stop)
		CHECK(strcmp(w->stem, w->word) == 0);
	CHECK(w->sentiment >= -3 && w->sentiment <= 3);
}

/* The words of the text started on, in language lang, into *out
 * (malloc'd); returns how many. */
static size_t words(int lang, struct seen **out)
{
	size_t n = 0, cap = 0;
	struct seen *v = NULL;
	struct text_word w;

	while (text_next(tk, &w)) {
		check_word(&w);
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			v = realloc(v, cap * sizeof(*v));
			CHECK(v != NULL);
		}
		memcpy(v[n].word, w.word, strlen(w.word) + 1);
		memcpy(v[n].stem, w.stem, strlen(w.stem) + 1);
		v[n].stop = w.stop;
		v[n].gap = w.gap;
		v[n].negator = w.negator;
		v[n].sentiment = w.sentiment;
		n++;
	}
	CHECK(!text_next(tk, &w));   /* the end stays the end */
	CHECK(text_lang(tk) == lang);
	*out = v;
	return n;
}

static void check_tokens(const char *s, size_t len)
{
	struct seen *a, *b;
	size_t na, nb;
	struct text_word w;
	int lang = text_start(tk, s, -1);

	CHECK(lang == LEX_EN || lang == LEX_ES);
	CHECK(lang == text_guess_lang(tk, s));
	na = words(lang, &a);
	/* A word takes at least two bytes of the input and one more to end it
	 * (or the end); a lowercase letter is at most 3/2 times its capital. */
	CHECK(na <= len / 2 + 1);
	/* The two-step form gives the same words. */
	CHECK(text_start(tk, s, lang) == lang);
	nb = 0;
	while (text_next_raw(tk, &w)) {
		CHECK(nb < na);
		CHECK(strcmp(w.word, a[nb].word) == 0);
		CHECK(w.gap == a[nb].gap);
		text_classify(tk, &w);
		CHECK(strcmp(w.stem, a[nb].stem) == 0);
		CHECK(w.stop == a[nb].stop && w.negator == a[nb].negator && w.sentiment == a[nb].sentiment);
		nb++;
	}
	CHECK(nb == na);
	/* The other language gives the same words, classified its way. */
	CHECK(text_start(tk, s, !lang) == !lang);
	nb = words(!lang, &b);
	CHECK(nb == na);
	for (size_t i = 0; i < na; i++) {
		CHECK(strcmp(a[i].word, b[i].word) == 0);
		CHECK(a[i].gap == b[i].gap);
		CHECK(b[i].stop == lexicon_stop((enum lexicon_lang)!lang, b[i].word));
	}
	free(a);
	free(b);
}

static void check_result(const struct themes_result *r, const struct theme_doc *docs, size_t n)
{
	size_t assigned = 0, total = 0;

	CHECK(r->ndocs == n);
	CHECK(r->nthemes == 2);
	for (size_t d = 0; d < n; d++) {
		CHECK(r->assignments[d] >= 0 && (size_t)r->assignments[d] <= r->nthemes);
		assigned += r->assignments[d] != 0;
	}
	for (size_t i = 0; i < r->nthemes; i++) {
		const struct theme *th = &r->themes[i];
		size_t mine = 0;

		CHECK(th->id == (int)i + 1);
		if (i)
			CHECK(th->size <= r->themes[i - 1].size);
		for (size_t d = 0; d < n; d++)
			mine += r->assignments[d] == th->id;
		CHECK(th->size == mine);
		total += th->size;
		CHECK(th->label && utf8_valid(th->label, strlen(th->label)));
		CHECK(th->nterms >= 1 && th->nterms <= THEMES_TERMS);
		for (size_t k = 0; k < th->nterms; k++)
			CHECK(th->terms[k][0] && utf8_valid(th->terms[k], strlen(th->terms[k])));
		CHECK(th->nexcerpts <= THEMES_EXCERPTS && th->nexcerpts <= th->size);
		CHECK(th->size == 0 || th->nexcerpts >= 1);
		for (size_t k = 0; k < th->nexcerpts; k++) {
			CHECK(th->excerpts[k] < n);
			CHECK(r->assignments[th->excerpts[k]] == th->id);
			for (size_t q = 0; q < k; q++)
				CHECK(strcmp(docs[th->excerpts[q]].text, docs[th->excerpts[k]].text) != 0);
		}
		size_t grouped = 0;
		for (size_t g = 0; g < r->ngroups; g++)
			grouped += th->group_counts[g];
		CHECK(grouped <= th->size);
		CHECK(th->sentiment >= -1 && th->sentiment <= 1);
		CHECK(th->divergent_group >= -1 && th->divergent_group < (int)r->ngroups);
	}
	CHECK(total == assigned);
	CHECK(r->ngroups <= 3);
	for (size_t i = 0; i < r->ncommon; i++)
		CHECK(r->common_ground[i] >= 1 && (size_t)r->common_ground[i] <= r->nthemes &&
		      r->themes[r->common_ground[i] - 1].common);
	for (size_t i = 0; i < r->ndivergence; i++)
		CHECK(r->divergence[i] >= 1 && (size_t)r->divergence[i] <= r->nthemes &&
		      r->themes[r->divergence[i] - 1].divergent_group >= 0);
}

static const char *const groups[] = {"north", "south", "east", NULL};

static void check_themes(char *s, size_t len)
{
	size_t n = count_lines(s, len);
	struct theme_doc *docs = calloc(n, sizeof(*docs));
	struct themes_result r, again;
	struct theme_opts o = {.k = 2, .lang = -1, .threads = 1};
	struct err e;
	struct arena a;
	size_t d = 0;
	char *p = s;
	int rc;

	CHECK(docs != NULL);
	/* The lines, cut in place; the copy holds no NUL before its end. */
	for (;;) {
		char *nl = strchr(p, '\n');

		docs[d] = (struct theme_doc){p, groups[d % 4]};
		d++;
		if (!nl)
			break;
		*nl = '\0';
		p = nl + 1;
	}
	CHECK(d == n);
	arena_init(&a);
	err_clear(&e);
	rc = themes_find(&a, docs, n, &o, &r, &e);
	if (rc < 0) {
		CHECK(rc == ERR_INVALID);
		CHECK(e.code == rc && e.msg[0] && utf8_valid(e.msg, strlen(e.msg)));
	} else {
		CHECK(rc == 0);
		check_result(&r, docs, n);
		if (len <= TWICE_MAX) {
			CHECK(themes_find(&a, docs, n, &o, &again, NULL) == 0);
			CHECK(memcmp(r.assignments, again.assignments, n * sizeof(int)) == 0);
			for (size_t i = 0; i < r.nthemes; i++) {
				CHECK(strcmp(r.themes[i].label, again.themes[i].label) == 0);
				CHECK(r.themes[i].nexcerpts == again.themes[i].nexcerpts);
				CHECK(memcmp(r.themes[i].excerpts, again.themes[i].excerpts,
				             r.themes[i].nexcerpts * sizeof(size_t)) == 0);
			}
		}
	}
	arena_free(&a);
	free(docs);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s;
	size_t len;

	if (!tk) {
		tk = tokenizer_new();
		CHECK(tk != NULL);
	}
	/* An exact-size heap copy, NUL-terminated, so that any over-read is
	 * caught.  The text ends at its first NUL, as a C string does. */
	s = malloc(size + 1);
	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	len = strlen(s);
	check_tokens(s, len);
	if (count_lines(s, len) >= 2)
		check_themes(s, len);
	free(s);
	return 0;
}

#include "analysis/text.h"

#include <libstemmer.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "core/mem.h"
#include "core/str.h"

struct tokenizer {
	struct sb_stemmer *stem[2];   /* LEX_EN, LEX_ES */
	const char *p;                /* where the next word is looked for */
	int lang;
	char word[TEXT_WORD_MAX + 8];
	char stem_buf[TEXT_WORD_MAX + 8];
};

struct tokenizer *tokenizer_new(void)
{
	struct tokenizer *t = mem_alloc(sizeof(*t));
	memset(t, 0, sizeof(*t));
	t->stem[LEX_EN] = sb_stemmer_new("english", "UTF_8");
	t->stem[LEX_ES] = sb_stemmer_new("spanish", "UTF_8");
	if (!t->stem[LEX_EN] || !t->stem[LEX_ES]) {
		tokenizer_free(t);
		return NULL;
	}
	return t;
}

void tokenizer_free(struct tokenizer *t)
{
	if (!t)
		return;
	for (int i = 0; i < 2; i++)
		if (t->stem[i])
			sb_stemmer_delete(t->stem[i]);
	mem_free(t);
}

/* Letters, the marks that join them, and decimal digits. */
static bool word_char(utf8proc_int32_t c)
{
	utf8proc_category_t k = utf8proc_category(c);
	return utf8_is_letter(c) || k == UTF8PROC_CATEGORY_MN || k == UTF8PROC_CATEGORY_MC || k == UTF8PROC_CATEGORY_ND;
}

/* ASCII letters and digits, for the common case. */
static bool ascii_word(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static bool apostrophe(utf8proc_int32_t c)
{
	return c == '\'' || c == 0x2019;
}

/* Reads one code point at *p: its value, or -1 for a byte that does not
 * start valid UTF-8 (skipped one byte at a time). */
static utf8proc_int32_t next_cp(const char **p)
{
	utf8proc_int32_t c;
	utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)*p, -1, &c);
	if (n <= 0) {
		(*p)++;
		return -1;
	}
	*p += n;
	return c;
}

int text_start(struct tokenizer *t, const char *text, int lang)
{
	t->p = text ? text : "";
	t->lang = lang == LEX_EN || lang == LEX_ES ? lang : text_guess_lang(t, t->p);
	return t->lang;
}

/* The next raw word (lowercased into t->word); *gap when punctuation
 * other than spaces came before it.  False at the end. */
static bool raw_word(struct tokenizer *t, bool *gap, bool *too_long)
{
	*gap = false;
	*too_long = false;
	for (;;) {
		if (!*t->p)
			return false;
		unsigned char u = (unsigned char)*t->p;
		if (u < 0x80) {
			/* ASCII: no decoding needed. */
			if (ascii_word(u))
				break;
			if (!(u == ' ' || u == '\t' || u == '"' || u == '(' || u == ')' || u == '\''))
				*gap = true;
			t->p++;
			continue;
		}
		const char *at = t->p;
		utf8proc_int32_t c = next_cp(&t->p);
		if (c >= 0 && word_char(c)) {
			t->p = at;
			break;
		}
		if (c < 0 || !(c == ' ' || c == '\t' || c == '"' || c == '(' || c == ')' || apostrophe(c) ||
		               utf8proc_category(c) == UTF8PROC_CATEGORY_ZS))
			*gap = true;
	}
	size_t n = 0;
	bool marks = false;
	for (;;) {
		unsigned char u = (unsigned char)*t->p;
		if (u && u < 0x80 && ascii_word(u)) {
			if (n + 1 <= TEXT_WORD_MAX)
				t->word[n] = (char)(u >= 'A' && u <= 'Z' ? u + 32 : u);
			n++;
			t->p++;
			continue;
		}
		const char *at = t->p;
		utf8proc_int32_t c = next_cp(&t->p);
		if (c >= 0 && apostrophe(c)) {
			/* Inside a word only: a letter must follow. */
			const char *q = t->p;
			utf8proc_int32_t d = *q ? next_cp(&q) : -1;
			if (d >= 0 && word_char(d) && n > 0) {
				if (n + 1 <= TEXT_WORD_MAX)
					t->word[n] = '\'';
				n++;
				continue;
			}
			t->p = at;
			break;
		}
		if (c < 0 || !word_char(c)) {
			t->p = at;
			break;
		}
		utf8proc_category_t cat = utf8proc_category(c);
		marks |= cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_MC;
		utf8proc_uint8_t enc[4];
		utf8proc_ssize_t k = utf8proc_encode_char(utf8proc_tolower(c), enc);
		if (n + (size_t)k <= TEXT_WORD_MAX)
			memcpy(t->word + n, enc, (size_t)k);
		n += (size_t)k;
	}
	if (n > TEXT_WORD_MAX) {
		*too_long = true;
		n = 0;
	}
	t->word[n] = '\0';
	/* An accent typed as a combining mark ("e" + U+0301): composed, as the
	 * lexicon and the stemmers expect ("é"). */
	if (marks && n) {
		utf8proc_uint8_t *nfc = NULL;
		utf8proc_ssize_t m = utf8proc_map((const utf8proc_uint8_t *)t->word, (utf8proc_ssize_t)n, &nfc,
		                                  UTF8PROC_STABLE | UTF8PROC_COMPOSE);
		if (m > 0 && (size_t)m <= n) {
			memcpy(t->word, nfc, (size_t)m);
			t->word[m] = '\0';
		}
		free(nfc);
	}
	return true;
}

/* Fewer than two characters, or only digits (of any script). */
static bool not_a_word(const char *s)
{
	size_t chars = 0;
	bool digits = true;
	const char *p = s;
	while (*p) {
		utf8proc_int32_t c = next_cp(&p);
		chars++;
		digits &= c >= 0 && utf8proc_category(c) == UTF8PROC_CATEGORY_ND;
	}
	return chars < 2 || digits;
}

bool text_next_raw(struct tokenizer *t, struct text_word *w)
{
	bool gap = false, g, too_long;
	for (;;) {
		if (!raw_word(t, &g, &too_long))
			return false;
		gap |= g;
		/* Single letters, numbers and noise are skipped, but break phrases. */
		if (too_long || not_a_word(t->word)) {
			gap = true;
			continue;
		}
		break;
	}
	w->word = t->word;
	w->gap = gap;
	return true;
}

void text_classify(struct tokenizer *t, struct text_word *w)
{
	enum lexicon_lang l = (enum lexicon_lang)t->lang;
	w->stop = lexicon_stop(l, w->word);
	w->negator = lexicon_negator(l, w->word);
	w->sentiment = lexicon_sentiment(l, w->word);
	w->stem = w->word;
	if (w->stop)
		return;
	const sb_symbol *s = sb_stemmer_stem(t->stem[l], (const sb_symbol *)w->word, (int)strlen(w->word));
	int n = s ? sb_stemmer_length(t->stem[l]) : 0;
	if (!s || n <= 0 || n > TEXT_WORD_MAX)
		return;
	memcpy(t->stem_buf, s, (size_t)n);
	t->stem_buf[n] = '\0';
	w->stem = t->stem_buf;
}

bool text_next(struct tokenizer *t, struct text_word *w)
{
	if (!text_next_raw(t, w))
		return false;
	text_classify(t, w);
	return true;
}

int text_lang(const struct tokenizer *t)
{
	return t->lang;
}

int text_guess_lang(struct tokenizer *t, const char *text)
{
	const char *save = t->p;
	int save_lang = t->lang;
	t->p = text ? text : "";
	int en = 0, es = 0;
	struct text_word w;
	/* The same words text_next returns. */
	while (text_next_raw(t, &w)) {
		en += lexicon_stop(LEX_EN, w.word);
		es += lexicon_stop(LEX_ES, w.word);
	}
	t->p = save;
	t->lang = save_lang;
	return es > en ? LEX_ES : LEX_EN;
}

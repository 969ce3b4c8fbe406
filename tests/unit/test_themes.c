/* Unit tests for the theme engine: analysis/text (words, stems, language),
 * analysis/nmf (the factorization and its thread helper) and
 * analysis/themes (themes, common ground and divergence on planted corpora).
 * The corpora are generated here from a fixed generator, so every run sees
 * the same text. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "analysis/lexicon.h"
#include "analysis/nmf.h"
#include "analysis/text.h"
#include "analysis/themes.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/mem.h"
#include "core/str.h"

#include "unit/fixture.h"

/* ---- the tokenizer ---- */

/* A word as text_next gave it, copied (its buffers are reused). */
struct tok {
	char word[TEXT_WORD_MAX + 8];
	char stem[TEXT_WORD_MAX + 8];
	bool stop, gap, negator;
	int sentiment;
};

#define MAX_TOKS 64

/* The words of s in language lang (-1: guessed) into out; returns how many
 * and sets *used to the language text_start settled on. */
static size_t tokenize(struct tokenizer *t, const char *s, int lang, int *used, struct tok *out)
{
	int l = text_start(t, s, lang);
	assert_int_equal(text_lang(t), l);
	if (used)
		*used = l;
	size_t n = 0;
	struct text_word w;
	while (text_next(t, &w)) {
		assert_true(n < MAX_TOKS);
		size_t wl = strlen(w.word), sl = strlen(w.stem);
		/* What every word promises, whatever the input. */
		assert_true(wl >= 1 && wl <= TEXT_WORD_MAX);
		assert_true(sl >= 1 && sl <= TEXT_WORD_MAX);
		assert_true(utf8_valid(w.word, wl));
		assert_true(utf8_valid(w.stem, sl));
		memcpy(out[n].word, w.word, wl + 1);
		memcpy(out[n].stem, w.stem, sl + 1);
		out[n].stop = w.stop;
		out[n].gap = w.gap;
		out[n].negator = w.negator;
		out[n].sentiment = w.sentiment;
		n++;
	}
	/* The end stays the end. */
	assert_false(text_next(t, &w));
	return n;
}

/* The words of s joined by spaces, with "|" before a word that follows a gap:
 * "hello |world".  In the arena. */
static const char *words_of(struct arena *a, struct tokenizer *t, const char *s, int lang)
{
	struct tok w[MAX_TOKS];
	size_t n = tokenize(t, s, lang, NULL, w);
	struct buf b;
	buf_init(&b, 1 << 16);
	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "%s%s%s", i ? " " : "", w[i].gap ? "|" : "", w[i].word);
	const char *r = arena_strdup(a, b.p ? b.p : "");
	buf_release(&b);
	return r;
}

/* The tokenizer tests' state: a tokenizer and an arena, freed even when an
 * assertion fails. */
struct tok_state {
	struct tokenizer *t;
	struct arena a;
};

static int tok_setup(void **state)
{
	struct tok_state *s = mem_alloc(sizeof(*s));
	s->t = tokenizer_new();
	if (!s->t) {
		mem_free(s);
		return -1;
	}
	arena_init(&s->a);
	*state = s;
	return 0;
}

static int tok_teardown(void **state)
{
	struct tok_state *s = *state;
	tokenizer_free(s->t);
	arena_free(&s->a);
	mem_free(s);
	return 0;
}

static void words_are_lowercased_runs_of_letters(void **state)
{
	struct tokenizer *t = ((struct tok_state *)*state)->t;
	struct arena *a = &((struct tok_state *)*state)->a;
	assert_string_equal(words_of(a, t, "Hello World", LEX_EN), "hello world");
	assert_string_equal(words_of(a, t, "ÁRBOL", LEX_ES), "árbol");
	assert_string_equal(words_of(a, t, "ÉCOLE Ñandú ÇA ÖL", LEX_EN), "école ñandú ça öl");
	/* Greek and Cyrillic capitals are letters too. */
	assert_string_equal(words_of(a, t, "ΑΘΗΝΑ МОСКВА", LEX_EN), "αθηνα москва");
	/* Digits inside a word belong to it. */
	assert_string_equal(words_of(a, t, "covid19 3rd", LEX_EN), "covid19 3rd");
	assert_string_equal(words_of(a, t, "", LEX_EN), "");
	assert_string_equal(words_of(a, t, "   \t  ", LEX_EN), "");
	/* NULL reads as "". */
	assert_int_equal(text_start(t, NULL, -1), LEX_EN);
	struct text_word w;
	assert_false(text_next(t, &w));
}

static void apostrophes_stay_inside_words(void **state)
{
	struct tokenizer *t = ((struct tok_state *)*state)->t;
	struct arena *a = &((struct tok_state *)*state)->a;
	/* The typographic ’ becomes ASCII ', as the lexicon spells it. */
	assert_string_equal(words_of(a, t, "don’t", LEX_EN), "don't");
	assert_string_equal(words_of(a, t, "DON'T", LEX_EN), "don't");
	assert_string_equal(words_of(a, t, "rock’n’roll", LEX_EN), "rock'n'roll");
	/* Only between letters: not at the start or the end, and not doubled. */
	assert_string_equal(words_of(a, t, "’tis students’ lockers", LEX_EN), "tis students lockers");
	assert_string_equal(words_of(a, t, "'quoted' word", LEX_EN), "quoted word");
	assert_string_equal(words_of(a, t, "rock''roll", LEX_EN), "rock roll");
	struct tok w[MAX_TOKS];
	assert_int_equal(tokenize(t, "I don’t know", LEX_EN, NULL, w), 2);
	assert_string_equal(w[0].word, "don't");
	assert_true(w[0].stop);      /* found in the lexicon as typed with ' */
	assert_true(w[0].negator);
}

static void letters_and_numbers_alone_are_skipped_as_gaps(void **state)
{
	struct tokenizer *t = ((struct tok_state *)*state)->t;
	struct arena *a = &((struct tok_state *)*state)->a;
	assert_string_equal(words_of(a, t, "take bus 42 daily", LEX_EN), "take bus |daily");
	assert_string_equal(words_of(a, t, "I take bus x daily", LEX_EN), "|take bus |daily");
	assert_string_equal(words_of(a, t, "route 2024 2025 stops", LEX_EN), "route |stops");
	assert_string_equal(words_of(a, t, "1 2 3 a b c", LEX_EN), "");
	/* A skipped word at the end leaves no word behind. */
	assert_string_equal(words_of(a, t, "late bus 7", LEX_EN), "late bus");
}

static void punctuation_breaks_and_spaces_do_not(void **state)
{
	struct tokenizer *t = ((struct tok_state *)*state)->t;
	struct arena *a = &((struct tok_state *)*state)->a;
	assert_string_equal(words_of(a, t, "late bus. new route, then more", LEX_EN), "late bus |new route |then more");
	/* Tabs, quotes, parentheses and apostrophes outside words are not breaks. */
	assert_string_equal(words_of(a, t, "tab\tsep (paren) \"quote\" 'single'", LEX_EN),
	                    "tab sep paren quote single");
	/* A new line, hyphen, slash or dash is. */
	assert_string_equal(words_of(a, t, "one\ntwo well-known and/or bus—route", LEX_EN),
	                    "one |two well |known and |or bus |route");
	/* A no-break space is a space; an ideographic one too. */
	assert_string_equal(words_of(a, t, "bus\xc2\xa0route\xe3\x80\x80stop", LEX_EN), "bus route stop");
	/* Several marks are one gap. */
	assert_string_equal(words_of(a, t, "really?!... yes", LEX_EN), "really |yes");
}

static void stop_words_are_flagged_and_kept_as_typed(void **state)
{
	struct tokenizer *t = ((struct tok_state *)*state)->t;
	struct tok w[MAX_TOKS];
	assert_int_equal(tokenize(t, "The buses were late", LEX_EN, NULL, w), 4);
	assert_true(w[0].stop);
	assert_string_equal(w[0].stem, "the");   /* a stop word is its own stem */
	assert_false(w[1].stop);
	assert_true(w[2].stop);
	assert_string_equal(w[2].stem, "were");
	assert_false(w[3].stop);
	/* A Spanish stop word is not an English one. */
	assert_int_equal(tokenize(t, "para", LEX_EN, NULL, w), 1);
	assert_false(w[0].stop);
	assert_int_equal(tokenize(t, "para", LEX_ES, NULL, w), 1);
	assert_true(w[0].stop);
}

static void english_words_get_english_stems(void **state)
{
	struct tokenizer *t = ((struct tok_state *)*state)->t;
	struct tok w[MAX_TOKS];
	assert_int_equal(tokenize(t, "connections connected connecting", LEX_EN, NULL, w), 3);
	for (int i = 0; i < 3; i++)
		assert_string_equal(w[i].stem, "connect");
	assert_string_equal(w[0].word, "connections");   /* the word itself is kept */
	assert_int_equal(tokenize(t, "Running buses", LEX_EN, NULL, w), 2);
	assert_string_equal(w[0].stem, "run");
	assert_string_equal(w[1].stem, "buse");
	assert_int_equal(tokenize(t, "happiness", LEX_EN, NULL, w), 1);
	assert_string_equal(w[0].stem, "happi");
}

static void spanish_is_guessed_and_stemmed(void **state)
{
	struct tokenizer *t = ((struct tok_state *)*state)->t;
	struct tok w[MAX_TOKS];
	int lang = -2;
	const char *s = "La computadora no funciona en casa";
	assert_int_equal(text_guess_lang(t, s), LEX_ES);
	assert_int_equal(tokenize(t, s, -1, &lang, w), 6);
	assert_int_equal(lang, LEX_ES);
	const char *stems[] = {"la", "comput", "no", "funcion", "en", "cas"};
	const bool stops[] = {true, false, true, false, true, false};
	for (int i = 0; i < 6; i++) {
		assert_string_equal(w[i].stem, stems[i]);
		assert_int_equal(w[i].stop, stops[i]);
	}
	/* Singular and plural share a stem. */
	struct tok p[MAX_TOKS];
	assert_int_equal(tokenize(t, "las computadoras", -1, &lang, p), 2);
	assert_int_equal(lang, LEX_ES);
	assert_string_equal(p[1].stem, w[1].stem);
	/* English is guessed for English, and the default on a tie. */
	const char *en = "The computer does not work at home";
	assert_int_equal(text_guess_lang(t, en), LEX_EN);
	assert_int_equal(tokenize(t, en, -1, &lang, w), 7);
	assert_int_equal(lang, LEX_EN);
	assert_int_equal(text_guess_lang(t, "bus route"), LEX_EN);
	assert_int_equal(text_guess_lang(t, ""), LEX_EN);
	assert_int_equal(text_guess_lang(t, NULL), LEX_EN);
	/* A language given is used as given. */
	assert_int_equal(tokenize(t, s, LEX_EN, &lang, w), 6);
	assert_int_equal(lang, LEX_EN);
	assert_false(w[0].stop);   /* "la" is no English stop word */
	/* Guessing in the middle of a text leaves the position alone. */
	assert_int_equal(text_start(t, "bus route", LEX_EN), LEX_EN);
	struct text_word x;
	assert_true(text_next(t, &x));
	assert_string_equal(x.word, "bus");
	assert_int_equal(text_guess_lang(t, s), LEX_ES);
	assert_int_equal(text_lang(t), LEX_EN);
	assert_true(text_next(t, &x));
	assert_string_equal(x.word, "route");
	assert_false(text_next(t, &x));
}

static void invalid_utf8_breaks_words_without_harm(void **state)
{
	struct tokenizer *t = ((struct tok_state *)*state)->t;
	struct arena *a = &((struct tok_state *)*state)->a;
	assert_string_equal(words_of(a, t, "ab\xff" "cd", LEX_EN), "ab |cd");
	assert_string_equal(words_of(a, t, "caf\xc3", LEX_EN), "caf");                  /* cut short */
	assert_string_equal(words_of(a, t, "\xc0\x80word", LEX_EN), "|word");             /* overlong NUL */
	assert_string_equal(words_of(a, t, "half\xed\xa0\x80way", LEX_EN), "half |way");  /* a surrogate */
	assert_string_equal(words_of(a, t, "\x80\x80\x80", LEX_EN), "");
	assert_string_equal(words_of(a, t, "ok\xf4\x90\x80\x80go", LEX_EN), "ok |go");    /* above U+10FFFF */
	/* A lone continuation byte after a good multibyte letter. */
	assert_string_equal(words_of(a, t, "ñu\xa9ña", LEX_EN), "ñu |ña");
}

static void words_longer_than_the_limit_are_skipped(void **state)
{
	struct tokenizer *t = ((struct tok_state *)*state)->t;
	char s[4 * TEXT_WORD_MAX];
	struct tok w[MAX_TOKS];
	/* Exactly TEXT_WORD_MAX bytes: kept. */
	memset(s, 'a', TEXT_WORD_MAX);
	snprintf(s + TEXT_WORD_MAX, sizeof(s) - TEXT_WORD_MAX, " next");
	assert_int_equal(tokenize(t, s, LEX_EN, NULL, w), 2);
	assert_int_equal(strlen(w[0].word), TEXT_WORD_MAX);
	assert_false(w[1].gap);
	/* One more byte: skipped, and the next word follows a gap. */
	memset(s, 'B', TEXT_WORD_MAX + 1);
	snprintf(s + TEXT_WORD_MAX + 1, sizeof(s) - TEXT_WORD_MAX - 1, " next");
	assert_int_equal(tokenize(t, s, LEX_EN, NULL, w), 1);
	assert_string_equal(w[0].word, "next");
	assert_true(w[0].gap);
	/* Over by a two-byte letter at the edge. */
	memset(s, 'c', TEXT_WORD_MAX - 1);
	snprintf(s + TEXT_WORD_MAX - 1, sizeof(s) - TEXT_WORD_MAX + 1, "é after");
	assert_int_equal(tokenize(t, s, LEX_EN, NULL, w), 1);
	assert_string_equal(w[0].word, "after");
	assert_true(w[0].gap);
	/* Many long words in a row, then a short one. */
	size_t n = 0;
	for (int i = 0; i < 3; i++) {
		memset(s + n, 'x', TEXT_WORD_MAX + 10);
		n += TEXT_WORD_MAX + 10;
		s[n++] = ' ';
	}
	snprintf(s + n, sizeof(s) - n, "end");
	assert_int_equal(tokenize(t, s, LEX_EN, NULL, w), 1);
	assert_string_equal(w[0].word, "end");
}

static void sentiment_and_negators_come_from_the_lexicon(void **state)
{
	struct tokenizer *t = ((struct tok_state *)*state)->t;
	struct tok w[MAX_TOKS];
	assert_int_equal(tokenize(t, "not helpful, broken", LEX_EN, NULL, w), 3);
	assert_true(w[0].negator);
	assert_int_equal(w[0].sentiment, 0);
	assert_false(w[1].negator);
	assert_int_equal(w[1].sentiment, lexicon_sentiment(LEX_EN, "helpful"));
	assert_true(w[1].sentiment > 0);
	assert_true(w[2].sentiment < 0);
	assert_int_equal(tokenize(t, "Never WONDERFUL", LEX_EN, NULL, w), 2);
	assert_true(w[0].negator);
	assert_int_equal(w[1].sentiment, 3);
	assert_int_equal(tokenize(t, "no funciona, excelente", LEX_ES, NULL, w), 3);
	assert_true(w[0].negator);
	assert_int_equal(w[1].sentiment, lexicon_sentiment(LEX_ES, "funciona"));
	assert_true(w[1].sentiment > 0);
	assert_int_equal(w[2].sentiment, 3);
	/* A neutral word. */
	assert_int_equal(tokenize(t, "cafeteria", LEX_EN, NULL, w), 1);
	assert_int_equal(w[0].sentiment, 0);
	assert_false(w[0].negator);
}

static void raw_and_classify_make_text_next(void **state)
{
	struct tokenizer *t = ((struct tok_state *)*state)->t;
	const char *s = "The drivers weren’t helpful; 12 routes changed.";
	struct tok full[MAX_TOKS];
	size_t n = tokenize(t, s, LEX_EN, NULL, full);
	assert_int_equal(n, 6);
	text_start(t, s, LEX_EN);
	struct text_word w;
	for (size_t i = 0; i < n; i++) {
		memset(&w, 0, sizeof(w));
		assert_true(text_next_raw(t, &w));
		assert_string_equal(w.word, full[i].word);
		assert_int_equal(w.gap, full[i].gap);
		text_classify(t, &w);
		assert_string_equal(w.stem, full[i].stem);
		assert_int_equal(w.stop, full[i].stop);
		assert_int_equal(w.negator, full[i].negator);
		assert_int_equal(w.sentiment, full[i].sentiment);
	}
	assert_false(text_next_raw(t, &w));
}

/* ---- nmf ---- */

#define NR 60
#define NC 15
#define NB 3

struct planted {
	struct sparse x;
	size_t rowptr[NR + 1];
	uint32_t col[NR * NC];
	float val[NR * NC];
};

/* A 60 × 15 matrix in three blocks: row i is strong on the five columns of
 * block i % 3 (rows interleaved, so no slice holds one block), with small
 * noise on a few other columns; rows of unit length. */
static void plant(struct planted *p)
{
	uint64_t rng = 12345;
	size_t q = 0;
	for (size_t i = 0; i < NR; i++) {
		size_t b = i % NB;
		p->rowptr[i] = q;
		double norm = 0;
		size_t from = q;
		for (size_t c = 0; c < NC; c++) {
			double r = (double)(nmf_rand(&rng) >> 11) / 9007199254740992.0;
			float v;
			if (c / 5 == b)
				v = (float)(0.6 + 0.8 * r);
			else if (r < 0.3)
				v = (float)(0.05 * r);
			else
				continue;
			p->col[q] = (uint32_t)c;
			p->val[q++] = v;
			norm += (double)v * v;
		}
		for (size_t k = from; k < q; k++)
			p->val[k] = (float)(p->val[k] / sqrt(norm));
	}
	p->rowptr[NR] = q;
	p->x = (struct sparse){.nrows = NR, .ncols = NC, .rowptr = p->rowptr, .col = p->col, .val = p->val};
}

static int argmax(const float *row, int k)
{
	int best = 0;
	for (int r = 1; r < k; r++)
		if (row[r] > row[best])
			best = r;
	return best;
}

/* Each factor holds exactly one block: rows of a block share their argmax
 * and different blocks have different ones. */
static void assert_blocks(const float *w, int k)
{
	int of_block[NB];
	for (int b = 0; b < NB; b++)
		of_block[b] = argmax(w + (size_t)b * (size_t)k, k);
	for (int b = 0; b < NB; b++)
		for (int c = b + 1; c < NB; c++)
			assert_int_not_equal(of_block[b], of_block[c]);
	for (size_t i = 0; i < NR; i++)
		assert_int_equal(argmax(w + i * (size_t)k, k), of_block[i % NB]);
}

static void nmf_recovers_planted_blocks(void **state)
{
	static struct planted p;
	plant(&p);
	float w[NR * NB], h[NB * NC];
	struct nmf_result res = {-1, -1};
	struct err e;
	err_clear(&e);
	for (int threads = 1; threads <= 2; threads++) {
		struct nmf_opts o = {.k = NB, .threads = threads, .seed = 7};
		assert_int_equal(nmf_fit(&p.x, &o, w, h, &res, &e), 0);
		assert_blocks(w, NB);
		assert_true(res.iterations >= 1 && res.iterations <= 200);
		assert_true(res.error >= 0 && res.error < 0.2);
		for (size_t q = 0; q < NR * NB; q++)
			assert_true(w[q] >= 0 && isfinite(w[q]));
		/* Rows of H: unit length, non-negative, strongest on their block. */
		for (int r = 0; r < NB; r++) {
			double s = 0;
			int top = 0;
			for (int c = 0; c < NC; c++) {
				float v = h[r * NC + c];
				assert_true(v >= 0 && isfinite(v));
				s += (double)v * v;
				if (v > h[r * NC + top])
					top = c;
			}
			assert_true(fabs(sqrt(s) - 1) < 1e-4);
			/* The factor of block b has its top column in block b. */
			for (int b = 0; b < NB; b++)
				if (argmax(w + (size_t)b * NB, NB) == r)
					assert_int_equal(top / 5, b);
		}
	}
}

static void nmf_is_deterministic(void **state)
{
	static struct planted p;
	plant(&p);
	for (int threads = 1; threads <= 3; threads++) {
		float w1[NR * NB], h1[NB * NC], w2[NR * NB], h2[NB * NC];
		memset(w2, 0xff, sizeof(w2));   /* different garbage before each run */
		memset(h2, 0x7f, sizeof(h2));
		struct nmf_opts o = {.k = NB, .threads = threads, .seed = 99};
		struct nmf_result r1, r2;
		assert_int_equal(nmf_fit(&p.x, &o, w1, h1, &r1, NULL), 0);
		assert_int_equal(nmf_fit(&p.x, &o, w2, h2, &r2, NULL), 0);
		assert_memory_equal(w1, w2, sizeof(w1));
		assert_memory_equal(h1, h2, sizeof(h1));
		assert_int_equal(r1.iterations, r2.iterations);
		assert_memory_equal(&r1.error, &r2.error, sizeof(r1.error));
	}
}

static void nmf_refuses_a_bad_k(void **state)
{
	static struct planted p;
	plant(&p);
	static float w[NR * (NR + 1)], h[(NR + 1) * NC];
	struct err e;
	int bad[] = {0, -1, NR + 1};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		err_clear(&e);
		struct nmf_opts o = {.k = bad[i]};
		assert_int_equal(nmf_fit(&p.x, &o, w, h, NULL, &e), ERR_INVALID);
		assert_int_equal(e.code, ERR_INVALID);
		assert_true(strlen(e.msg) > 0);
	}
	/* k = 1 and k = rows are allowed (and e may be NULL). */
	struct nmf_opts one = {.k = 1, .max_iter = 5};
	assert_int_equal(nmf_fit(&p.x, &one, w, h, NULL, NULL), 0);
	/* A single factor puts every row on it. */
	for (size_t i = 0; i < NR; i++)
		assert_true(w[i] > 0);
	struct nmf_opts all = {.k = NB * 4, .max_iter = 3};
	assert_int_equal(nmf_fit(&p.x, &all, w, h, NULL, NULL), 0);
	/* nmf_transform refuses a bad k too. */
	assert_int_equal(nmf_transform(&p.x, 0, h, 3, 1, w), ERR_INVALID);
	assert_int_equal(nmf_transform(&p.x, -2, h, 3, 1, w), ERR_INVALID);
}

static void nmf_transform_places_rows_in_their_blocks(void **state)
{
	static struct planted p;
	plant(&p);
	float w[NR * NB], h[NB * NC], w2[NR * NB];
	struct nmf_opts o = {.k = NB, .threads = 2, .seed = 3};
	assert_int_equal(nmf_fit(&p.x, &o, w, h, NULL, NULL), 0);
	for (int threads = 1; threads <= 2; threads++) {
		memset(w2, 0, sizeof(w2));
		assert_int_equal(nmf_transform(&p.x, NB, h, 10, threads, w2), 0);
		for (size_t i = 0; i < NR; i++) {
			assert_int_equal(argmax(w2 + i * NB, NB), argmax(w + i * NB, NB));
			for (int r = 0; r < NB; r++)
				assert_true(w2[i * NB + r] >= 0 && isfinite(w2[i * NB + r]));
		}
	}
	/* Zero sweeps: the start alone already points at the block. */
	assert_int_equal(nmf_transform(&p.x, NB, h, 0, 1, w2), 0);
	for (size_t i = 0; i < NR; i++)
		assert_int_equal(argmax(w2 + i * NB, NB), argmax(w + i * NB, NB));
}

#define PAR_MAX 64

struct cover {
	unsigned char hits[1000];
	size_t from[PAR_MAX], to[PAR_MAX];
	int calls[PAR_MAX];
};

static void mark(void *ctx, int t, size_t from, size_t to)
{
	struct cover *c = ctx;
	/* Each slot of these arrays belongs to one thread. */
	c->from[t] = from;
	c->to[t] = to;
	c->calls[t]++;
	for (size_t i = from; i < to; i++)
		c->hits[i]++;
}

static void nmf_parallel_covers_the_range_once(void **state)
{
	const size_t ns[] = {0, 1, 3, 7, 16, 100, 1000};
	const int ts[] = {-3, 0, 1, 2, 3, 4, 8, 16, 40};
	for (size_t a = 0; a < sizeof(ns) / sizeof(*ns); a++)
		for (size_t b = 0; b < sizeof(ts) / sizeof(*ts); b++) {
			static struct cover c;
			memset(&c, 0, sizeof(c));
			size_t n = ns[a];
			int want = ts[b] < 1 ? 1 : ts[b] > 16 ? 16 : ts[b];   /* 1..16 threads */
			nmf_parallel(ts[b], n, mark, &c);
			for (size_t i = 0; i < n; i++)
				assert_int_equal(c.hits[i], 1);
			for (size_t i = n; i < sizeof(c.hits); i++)
				assert_int_equal(c.hits[i], 0);
			/* Consecutive slices, in thread order, as even as can be. */
			assert_int_equal(c.from[0], 0);
			assert_int_equal(c.to[want - 1], n);
			for (int t = 0; t < want; t++) {
				assert_int_equal(c.calls[t], 1);
				assert_true(c.from[t] <= c.to[t]);
				size_t len = c.to[t] - c.from[t];
				assert_true(len == n / (size_t)want || len == n / (size_t)want + 1);
				if (t + 1 < want)
					assert_int_equal(c.to[t], c.from[t + 1]);
			}
			for (int t = want; t < PAR_MAX; t++)
				assert_int_equal(c.calls[t], 0);
		}
}

static void nmf_rand_is_a_fixed_sequence(void **state)
{
	uint64_t a = 5, b = 5, z = 0;
	for (int i = 0; i < 100; i++)
		assert_true(nmf_rand(&a) == nmf_rand(&b));
	uint64_t c = 6;
	assert_true(nmf_rand(&a) != nmf_rand(&c));
	/* A zero state is not stuck at zero. */
	uint64_t first = nmf_rand(&z);
	assert_true(z != 0);
	assert_true(first != nmf_rand(&z));
}

/* ---- themes on a planted corpus ---- */

#define TOPICS 3
#define VOCAB 8
#define PLANTED 240
/* After the planted comments: some without words. */
static const char *const wordless[] = {"!!! ...", "", "42 7 1", "a b c", "???"};
#define NWORDLESS (sizeof(wordless) / sizeof(*wordless))
#define NDOCS (PLANTED + NWORDLESS)

static const char *const vocab[TOPICS][VOCAB] = {
	{"bus", "driver", "route", "schedule", "pickup", "ride", "traffic", "transportation"},
	{"lunch", "cafeteria", "menu", "meal", "vegetables", "portions", "breakfast", "fruit"},
	{"laptop", "wifi", "internet", "password", "charger", "screen", "software", "tablet"},
};
static const char *const filler[] = {"school", "kids", "week"};
static const char *const group_names[] = {"parents", "teachers", "students"};

struct corpus {
	struct theme_doc docs[NDOCS];
	int topic[NDOCS];    /* -1 for the wordless */
	char text[PLANTED][160];
};

static uint32_t next_u32(uint64_t *s)
{
	return (uint32_t)(nmf_rand(s) >> 32);
}

/* 240 comments, 80 per topic.  Topic 0 (buses) comes evenly from the three
 * groups; topic 1 (lunch) mostly from parents and teachers; topic 2
 * (laptops) 85% from students.  Topics are interleaved.  Group sizes:
 * parents 70, teachers 70, students 100. */
static void make_corpus(struct corpus *c)
{
	uint64_t rng = 2024;
	int seen[TOPICS] = {0};
	for (size_t d = 0; d < PLANTED; d++) {
		int tp = (int)(d % TOPICS);
		int i = seen[tp]++;   /* 0..79 within the topic */
		int g;
		if (tp == 0)
			g = i % 3;
		else if (tp == 1)
			g = i < 37 ? 0 : i < 74 ? 1 : 2;
		else
			g = i < 6 ? 0 : i < 12 ? 1 : 2;
		const char *const *v = vocab[tp];
		const char *w1 = v[next_u32(&rng) % VOCAB], *w2 = v[next_u32(&rng) % VOCAB];
		const char *w3 = v[next_u32(&rng) % VOCAB], *w4 = v[next_u32(&rng) % VOCAB];
		const char *f = filler[next_u32(&rng) % 3];
		switch (next_u32(&rng) % 3) {
		case 0:
			snprintf(c->text[d], sizeof(c->text[d]), "The %s and the %s at %s. Also %s!", w1, w2, f, w3);
			break;
		case 1:
			snprintf(c->text[d], sizeof(c->text[d]), "My %s, %s, %s and %s for the %s", w1, w2, w3, w4, f);
			break;
		default:
			snprintf(c->text[d], sizeof(c->text[d]), "%s %s? We need a %s this %s.", w1, w2, w3, f);
			break;
		}
		c->docs[d] = (struct theme_doc){c->text[d], group_names[g]};
		c->topic[d] = tp;
	}
	for (size_t i = 0; i < NWORDLESS; i++) {
		c->docs[PLANTED + i] = (struct theme_doc){wordless[i], NULL};
		c->topic[PLANTED + i] = -1;
	}
}

static bool in_vocab(int tp, const char *w, size_t len)
{
	for (int i = 0; i < VOCAB; i++)
		if (strlen(vocab[tp][i]) == len && memcmp(vocab[tp][i], w, len) == 0)
			return true;
	return false;
}

/* Whether every word of s (split at ", " and " ") is a word of topic tp. */
static bool all_of_topic(int tp, const char *s)
{
	if (!*s)
		return false;
	while (*s) {
		size_t len = strcspn(s, ", ");
		if (len && !in_vocab(tp, s, len))
			return false;
		s += len;
		s += strspn(s, ", ");
	}
	return true;
}

/* What any result must hold. */
static void check_result(const struct themes_result *r, const struct theme_doc *docs, size_t n)
{
	assert_int_equal(r->ndocs, n);
	assert_true(r->nthemes >= 1 && r->nthemes <= THEMES_K_MAX);
	assert_non_null(r->assignments);
	size_t assigned = 0;
	for (size_t d = 0; d < n; d++) {
		assert_true(r->assignments[d] >= 0 && (size_t)r->assignments[d] <= r->nthemes);
		assigned += r->assignments[d] != 0;
	}
	size_t total = 0;
	for (size_t i = 0; i < r->nthemes; i++) {
		const struct theme *th = &r->themes[i];
		assert_int_equal(th->id, (int)i + 1);
		if (i)
			assert_true(th->size <= r->themes[i - 1].size);   /* largest first */
		size_t mine = 0;
		for (size_t d = 0; d < n; d++)
			mine += r->assignments[d] == th->id;
		assert_int_equal(th->size, mine);
		total += th->size;
		assert_true(fabs(th->share - (double)th->size / (double)n) < 1e-12);
		assert_non_null(th->label);
		assert_true(th->nterms >= 1 && th->nterms <= THEMES_TERMS);
		for (size_t k = 0; k < th->nterms; k++)
			assert_true(strlen(th->terms[k]) > 0);
		assert_true(th->nexcerpts <= THEMES_EXCERPTS && th->nexcerpts <= th->size);
		if (th->size)
			assert_true(th->nexcerpts >= 1);
		for (size_t k = 0; k < th->nexcerpts; k++) {
			assert_true(th->excerpts[k] < n);
			assert_int_equal(r->assignments[th->excerpts[k]], th->id);
			for (size_t q = 0; q < k; q++)   /* distinct texts */
				assert_string_not_equal(docs[th->excerpts[q]].text, docs[th->excerpts[k]].text);
		}
		size_t grouped = 0;
		for (size_t g = 0; g < r->ngroups; g++)
			grouped += th->group_counts[g];
		assert_true(grouped <= th->size);
		assert_true(th->sentiment >= -1 && th->sentiment <= 1);
		if (r->ngroups < 2) {
			assert_false(th->common);
			assert_int_equal(th->divergent_group, -1);
		}
		assert_true(th->evenness == -1 || (th->evenness >= 0 && th->evenness <= 1 + 1e-9));
		assert_true(th->divergent_group >= -1 && th->divergent_group < (int)r->ngroups);
	}
	assert_int_equal(total, assigned);
	size_t sizes = 0;
	for (size_t g = 0; g < r->ngroups; g++)
		sizes += r->group_sizes[g];
	assert_true(sizes <= n);
	for (size_t i = 0; i < r->ncommon; i++) {
		assert_true(r->common_ground[i] >= 1 && (size_t)r->common_ground[i] <= r->nthemes);
		assert_true(r->themes[r->common_ground[i] - 1].common);
	}
	for (size_t i = 0; i < r->ndivergence; i++) {
		assert_true(r->divergence[i] >= 1 && (size_t)r->divergence[i] <= r->nthemes);
		assert_true(r->themes[r->divergence[i] - 1].divergent_group >= 0);
	}
}

/* The theme most of topic tp's comments went to. */
static int theme_of_topic(const struct themes_result *r, const struct corpus *c, int tp)
{
	int count[THEMES_K_MAX + 1] = {0};
	for (size_t d = 0; d < NDOCS; d++)
		if (c->topic[d] == tp)
			count[r->assignments[d]]++;
	int best = 1;
	for (int id = 1; id <= (int)r->nthemes; id++)
		if (count[id] > count[best])
			best = id;
	return best;
}

static bool has_id(const int *ids, size_t n, int id)
{
	for (size_t i = 0; i < n; i++)
		if (ids[i] == id)
			return true;
	return false;
}

static void themes_recover_planted_topics(void **state)
{
	struct arena *a = *state;
	static struct corpus c;
	make_corpus(&c);
	/* The corpus is what it claims: topic words are no stop words. */
	for (int tp = 0; tp < TOPICS; tp++)
		for (int i = 0; i < VOCAB; i++)
			assert_false(lexicon_stop(LEX_EN, vocab[tp][i]));
	struct themes_result r;
	struct err e;
	err_clear(&e);
	struct theme_opts o = {.k = 3, .lang = -1};
	assert_int_equal(themes_find(a, c.docs, NDOCS, &o, &r, &e), 0);
	check_result(&r, c.docs, NDOCS);
	assert_int_equal(r.nthemes, 3);
	assert_true(r.nterms >= TOPICS * VOCAB);
	assert_true(r.error >= 0 && r.error < 1);
	/* Groups in order of first appearance, with their sizes. */
	assert_int_equal(r.ngroups, 3);
	for (int g = 0; g < 3; g++)
		assert_string_equal(r.groups[g], group_names[g]);
	assert_int_equal(r.group_sizes[0], 70);
	assert_int_equal(r.group_sizes[1], 70);
	assert_int_equal(r.group_sizes[2], 100);

	/* Each topic its own theme, each theme ≥ 90% one topic. */
	int th_of[TOPICS];
	for (int tp = 0; tp < TOPICS; tp++)
		th_of[tp] = theme_of_topic(&r, &c, tp);
	assert_int_not_equal(th_of[0], th_of[1]);
	assert_int_not_equal(th_of[0], th_of[2]);
	assert_int_not_equal(th_of[1], th_of[2]);
	for (int tp = 0; tp < TOPICS; tp++) {
		const struct theme *th = &r.themes[th_of[tp] - 1];
		size_t from_topic = 0;
		for (size_t d = 0; d < NDOCS; d++)
			if (r.assignments[d] == th->id) {
				assert_true(c.topic[d] >= 0);   /* no wordless comment in a theme */
				from_topic += c.topic[d] == tp;
			}
		assert_true(th->size > 0);
		assert_true(from_topic * 10 >= th->size * 9);
		/* ... and most of the topic. */
		assert_true(from_topic >= 72);
		/* The label and the strongest terms are the topic's words. */
		assert_true(all_of_topic(tp, th->label));
		assert_true(all_of_topic(tp, th->terms[0]));
		size_t of_topic = 0;
		for (size_t k = 0; k < th->nterms; k++)
			of_topic += all_of_topic(tp, th->terms[k]);
		assert_true(of_topic >= 6);
		/* Excerpts are of the topic. */
		for (size_t k = 0; k < th->nexcerpts; k++)
			assert_int_equal(c.topic[th->excerpts[k]], tp);
		assert_int_equal(th->nexcerpts, THEMES_EXCERPTS);
	}
	/* Comments without words belong to no theme. */
	for (size_t i = 0; i < NWORDLESS; i++)
		assert_int_equal(r.assignments[PLANTED + i], 0);

	/* Buses are common ground; laptops are not, and are the students'. */
	const struct theme *bus = &r.themes[th_of[0] - 1], *lunch = &r.themes[th_of[1] - 1],
	                   *tech = &r.themes[th_of[2] - 1];
	assert_true(has_id(r.common_ground, r.ncommon, bus->id));
	assert_true(bus->common);
	assert_true(bus->evenness > 0.9);
	assert_false(has_id(r.common_ground, r.ncommon, tech->id));
	assert_false(tech->common);
	assert_false(has_id(r.common_ground, r.ncommon, lunch->id));
	assert_true(has_id(r.divergence, r.ndivergence, tech->id));
	assert_int_equal(tech->divergent_group, 2);
	assert_true(tech->concentration >= 3);
	assert_false(has_id(r.divergence, r.ndivergence, bus->id));
	assert_int_equal(bus->divergent_group, -1);
	/* Group counts follow the plan. */
	assert_true(tech->group_counts[2] >= 60);
	assert_true(bus->group_counts[0] >= 20 && bus->group_counts[1] >= 20 && bus->group_counts[2] >= 20);
}

static void themes_are_deterministic(void **state)
{
	struct arena *a = *state;
	static struct corpus c;
	make_corpus(&c);
	for (int threads = 1; threads <= 3; threads++) {
		struct themes_result r1, r2;
		struct theme_opts o = {.k = 3, .lang = -1, .threads = threads, .seed = 11};
		assert_int_equal(themes_find(a, c.docs, NDOCS, &o, &r1, NULL), 0);
		assert_int_equal(themes_find(a, c.docs, NDOCS, &o, &r2, NULL), 0);
		assert_int_equal(r1.nthemes, r2.nthemes);
		assert_memory_equal(r1.assignments, r2.assignments, NDOCS * sizeof(int));
		assert_int_equal(r1.ncommon, r2.ncommon);
		assert_int_equal(r1.ndivergence, r2.ndivergence);
		if (r1.ncommon)
			assert_memory_equal(r1.common_ground, r2.common_ground, r1.ncommon * sizeof(int));
		if (r1.ndivergence)
			assert_memory_equal(r1.divergence, r2.divergence, r1.ndivergence * sizeof(int));
		assert_memory_equal(&r1.error, &r2.error, sizeof(double));
		for (size_t i = 0; i < r1.nthemes; i++) {
			const struct theme *x = &r1.themes[i], *y = &r2.themes[i];
			assert_string_equal(x->label, y->label);
			assert_int_equal(x->nterms, y->nterms);
			for (size_t k = 0; k < x->nterms; k++)
				assert_string_equal(x->terms[k], y->terms[k]);
			assert_int_equal(x->nexcerpts, y->nexcerpts);
			assert_memory_equal(x->excerpts, y->excerpts, x->nexcerpts * sizeof(size_t));
			assert_memory_equal(&x->sentiment, &y->sentiment, sizeof(double));
		}
		check_result(&r1, c.docs, NDOCS);
	}
}

static void themes_choose_k_when_asked(void **state)
{
	struct arena *a = *state;
	static struct corpus c;
	make_corpus(&c);
	struct themes_result r;
	struct err e;
	err_clear(&e);
	struct theme_opts o = {.k = 0, .lang = -1};
	assert_int_equal(themes_find(a, c.docs, NDOCS, &o, &r, &e), 0);
	assert_true(r.nthemes >= 2 && r.nthemes <= 10);
	check_result(&r, c.docs, NDOCS);
	/* Three planted topics with disjoint words: three themes. */
	assert_int_equal(r.nthemes, 3);
	/* A handful of comments: fewer themes, still some. */
	const struct theme_doc few[] = {
		{"bus driver route", "a"}, {"bus driver late", "b"}, {"lunch menu fruit", "a"},
		{"lunch menu cold", "b"},  {"bus route late", "a"},  {"lunch fruit cold", "b"},
	};
	assert_int_equal(themes_find(a, few, 6, &o, &r, &e), 0);
	assert_true(r.nthemes >= 1 && r.nthemes <= 3);
	check_result(&r, few, 6);
}

/* Progress reports from the calling thread, in order, never past the total. */
struct progress_log {
	int calls;
	bool bad;
};

static void on_progress(void *ctx, const char *stage, size_t done, size_t total)
{
	struct progress_log *l = ctx;
	l->calls++;
	if (!stage || !*stage || done > total)
		l->bad = true;
}

static void themes_report_progress(void **state)
{
	struct arena *a = *state;
	static struct corpus c;
	make_corpus(&c);
	struct progress_log log = {0};
	struct themes_result r;
	struct theme_opts o = {.k = 0, .lang = LEX_EN, .progress = on_progress, .progress_ctx = &log};
	assert_int_equal(themes_find(a, c.docs, NDOCS, &o, &r, NULL), 0);
	assert_true(log.calls >= 6);
	assert_false(log.bad);
}

static void themes_refuse_what_they_cannot_do(void **state)
{
	struct arena *a = *state;
	struct themes_result r;
	struct err e;
	const struct theme_doc two[] = {{"bus driver late", NULL}, {"bus route late", NULL}};
	struct theme_opts o = {.k = 2, .lang = -1};

	err_clear(&e);
	assert_int_equal(themes_find(a, two, 1, &o, &r, &e), ERR_INVALID);
	assert_true(strlen(e.msg) > 0);
	assert_int_equal(r.nthemes, 0);
	err_clear(&e);
	assert_int_equal(themes_find(a, two, 0, &o, &r, &e), ERR_INVALID);
	assert_true(strlen(e.msg) > 0);

	o.k = THEMES_K_MAX + 1;
	err_clear(&e);
	assert_int_equal(themes_find(a, two, 2, &o, &r, &e), ERR_INVALID);
	assert_string_equal(e.field, "k");
	assert_true(strlen(e.msg) > 0);
	o.k = -1;
	err_clear(&e);
	assert_int_equal(themes_find(a, two, 2, &o, &r, &e), ERR_INVALID);
	assert_string_equal(e.field, "k");

	/* No words at all. */
	const struct theme_doc empty[] = {{"", "a"}, {"!!! ...", "b"}, {"42", NULL}, {NULL, NULL}, {"a b c", "a"}};
	o.k = 2;
	err_clear(&e);
	assert_int_equal(themes_find(a, empty, 5, &o, &r, &e), ERR_INVALID);
	assert_true(strlen(e.msg) > 0);
	o.k = 0;
	err_clear(&e);
	assert_int_equal(themes_find(a, empty, 5, &o, &r, &e), ERR_INVALID);
	assert_true(strlen(e.msg) > 0);
	/* Only stop words. */
	const struct theme_doc stops[] = {{"the and of", NULL}, {"it is what it is", NULL}, {"y de la", NULL}};
	o.k = 1;
	err_clear(&e);
	assert_int_equal(themes_find(a, stops, 3, &o, &r, &e), ERR_INVALID);
	assert_true(strlen(e.msg) > 0);
	/* More themes than comments with words. */
	const struct theme_doc some[] = {{"bus driver", NULL}, {"bus route", NULL}, {"", NULL}, {"...", NULL}};
	o.k = 3;
	err_clear(&e);
	assert_int_equal(themes_find(a, some, 4, &o, &r, &e), ERR_INVALID);
	assert_string_equal(e.field, "k");
	assert_true(strlen(e.msg) > 0);
	/* Two comments with words are enough for one or two themes. */
	o.k = 2;
	err_clear(&e);
	assert_int_equal(themes_find(a, some, 4, &o, &r, &e), 0);
	check_result(&r, some, 4);
	assert_int_equal(r.assignments[2], 0);
	assert_int_equal(r.assignments[3], 0);
	assert_true(r.assignments[0] > 0 && r.assignments[1] > 0);
}

static void themes_group_spanish_stems(void **state)
{
	struct arena *a = *state;
	const struct theme_doc docs[] = {
		{"La computadora de mi hijo no funciona", "familias"},
		{"Las computadoras de la escuela son muy lentas", "docentes"},
		{"Necesitamos computadoras nuevas para los estudiantes", "familias"},
		{"Mi computadora está rota desde octubre", "docentes"},
		{"Las computadoras no tienen internet", "familias"},
		{"La computadora portátil no carga", "docentes"},
		{"Pedimos más computadoras en la biblioteca", "familias"},
		{"Faltan computadoras para cada estudiante", "docentes"},
		{"El autobús llega tarde todos los días", "familias"},
		{"Los autobuses van llenos por la mañana", "docentes"},
		{"El autobús no para en nuestra calle", "familias"},
		{"Necesitamos más autobuses en la ruta norte", "docentes"},
		{"El chofer del autobús es muy amable", "familias"},
		{"Los autobuses salen muy temprano", "docentes"},
		{"El autobús de la tarde nunca llega", "familias"},
		{"Queremos otra ruta de autobuses", "docentes"},
	};
	size_t n = sizeof(docs) / sizeof(*docs);
	struct themes_result r;
	struct err e;
	err_clear(&e);
	struct theme_opts o = {.k = 2, .lang = -1};
	assert_int_equal(themes_find(a, docs, n, &o, &r, &e), 0);
	check_result(&r, docs, n);
	assert_int_equal(r.nthemes, 2);
	/* Every computer comment in one theme, every bus comment in the other. */
	int comp = r.assignments[0], bus = r.assignments[8];
	assert_true(comp > 0 && bus > 0);
	assert_int_not_equal(comp, bus);
	for (size_t d = 0; d < 8; d++)
		assert_int_equal(r.assignments[d], comp);
	for (size_t d = 8; d < n; d++)
		assert_int_equal(r.assignments[d], bus);
	/* One term for both spellings, shown as the more frequent one
	 * ("computadoras" 5 times, "computadora" 3). */
	const struct theme *th = &r.themes[comp - 1];
	bool found = false;
	for (size_t k = 0; k < th->nterms; k++) {
		assert_string_not_equal(th->terms[k], "computadora");
		found |= strcmp(th->terms[k], "computadoras") == 0;
	}
	assert_true(found);
	assert_non_null(strstr(th->label, "computadoras"));
	/* "autobús" and "autobuses" share the Spanish stem "autobus" (the
	 * English stemmer keeps them apart): one term, shown as the spelling
	 * first in byte order since each is written 4 times. */
	th = &r.themes[bus - 1];
	found = false;
	for (size_t k = 0; k < th->nterms; k++) {
		assert_string_not_equal(th->terms[k], "autobús");
		found |= strcmp(th->terms[k], "autobuses") == 0;
	}
	assert_true(found);
	/* Spanish stop words were dropped. */
	for (size_t i = 0; i < r.nthemes; i++)
		for (size_t k = 0; k < r.themes[i].nterms; k++)
			assert_false(lexicon_stop(LEX_ES, r.themes[i].terms[k]));
}

static void themes_carry_the_feeling_of_their_comments(void **state)
{
	struct arena *a = *state;
	static char text[40][96];
	struct theme_doc docs[40];
	const char *good[] = {"wonderful", "helpful", "great", "friendly"};
	const char *bad[] = {"terrible", "broken", "awful", "useless"};
	for (int i = 0; i < 40; i++) {
		if (i % 2 == 0)
			snprintf(text[i], sizeof(text[i]), "The bus driver is %s and the route is %s", good[i / 2 % 4],
			         good[(i / 2 + 1) % 4]);
		else   /* "not good": a negated positive counts as negative */
			snprintf(text[i], sizeof(text[i]), "The cafeteria lunch is %s, not good", bad[i / 2 % 4]);
		docs[i] = (struct theme_doc){text[i], NULL};
	}
	struct themes_result r;
	struct theme_opts o = {.k = 2, .lang = LEX_EN};
	assert_int_equal(themes_find(a, docs, 40, &o, &r, NULL), 0);
	check_result(&r, docs, 40);
	int bus = r.assignments[0], lunch = r.assignments[1];
	assert_int_not_equal(bus, lunch);
	for (int i = 0; i < 40; i++)
		assert_int_equal(r.assignments[i], i % 2 == 0 ? bus : lunch);
	assert_true(r.themes[bus - 1].sentiment > 0.5);
	assert_true(r.themes[lunch - 1].sentiment < -0.5);
	/* No groups: no common ground, no divergence. */
	assert_int_equal(r.ngroups, 0);
	assert_int_equal(r.ncommon, 0);
	assert_int_equal(r.ndivergence, 0);
}

/* Neighbours that recur become phrases; a stop word or punctuation between
 * two words keeps them apart. */
static void themes_join_recurring_neighbours_into_phrases(void **state)
{
	struct arena *a = *state;
	static char text[60][120];
	struct theme_doc docs[60];
	const char *when[] = {"morning", "afternoon", "monday", "friday", "winter", "spring"};
	const char *how[] = {"cold", "noisy", "crowded", "expensive", "bland", "small"};
	for (int i = 0; i < 60; i++) {
		if (i % 2 == 0)
			snprintf(text[i], sizeof(text[i]), "The school bus driver was late on %s and %s", when[i / 2 % 6],
			         when[(i / 2 + 1) % 6]);
		else
			snprintf(text[i], sizeof(text[i]), "Cafeteria food is %s. Really %s", how[i / 2 % 6], how[(i / 2 + 3) % 6]);
		docs[i] = (struct theme_doc){text[i], NULL};
	}
	struct themes_result r;
	struct theme_opts o = {.k = 2, .lang = -1};
	assert_int_equal(themes_find(a, docs, 60, &o, &r, NULL), 0);
	check_result(&r, docs, 60);
	int bus = r.assignments[0], food = r.assignments[1];
	assert_int_not_equal(bus, food);
	bool school_bus = false, cafeteria_food = false;
	for (size_t i = 0; i < r.nthemes; i++)
		for (size_t k = 0; k < r.themes[i].nterms; k++) {
			const char *t = r.themes[i].terms[k];
			if (strcmp(t, "school bus") == 0 || strcmp(t, "school bus driver") == 0)
				school_bus |= r.themes[i].id == bus;
			cafeteria_food |= strcmp(t, "cafeteria food") == 0 && r.themes[i].id == food;
			/* Not neighbours: "was" and "on" stand between, or a full stop. */
			assert_string_not_equal(t, "driver late");
			assert_null(strstr(t, "late morning"));
			assert_null(strstr(t, "cold really"));
		}
	assert_true(school_bus);
	assert_true(cafeteria_food);
	/* Labels lead with phrases. */
	assert_non_null(strstr(r.themes[bus - 1].label, "school bus"));
	assert_non_null(strstr(r.themes[food - 1].label, "cafeteria food"));
}

/* A corpus larger than the engine fits at once: every comment is still
 * placed, in its topic's theme. */
static void themes_place_every_comment_of_a_large_corpus(void **state)
{
	struct arena *a = *state;
	enum { BIG = 64000 };
	struct theme_doc *docs = mem_alloc(BIG * sizeof(*docs));
	char (*text)[96] = mem_alloc((size_t)BIG * sizeof(*text));
	uint64_t rng = 77;
	for (size_t d = 0; d < BIG; d++) {
		const char *const *v = vocab[d % TOPICS];
		snprintf(text[d], sizeof(text[d]), "the %s and %s, %s %s", v[next_u32(&rng) % VOCAB],
		         v[next_u32(&rng) % VOCAB], v[next_u32(&rng) % VOCAB], v[next_u32(&rng) % VOCAB]);
		docs[d] = (struct theme_doc){text[d], group_names[d % 2]};
	}
	struct themes_result r;
	struct err e;
	err_clear(&e);
	struct theme_opts o = {.k = 3, .lang = LEX_EN};
	int rc = themes_find(a, docs, BIG, &o, &r, &e);
	if (rc == 0) {
		assert_int_equal(r.ndocs, BIG);
		assert_int_equal(r.nthemes, 3);
		int th[TOPICS] = {r.assignments[0], r.assignments[1], r.assignments[2]};
		assert_int_not_equal(th[0], th[1]);
		assert_int_not_equal(th[0], th[2]);
		assert_int_not_equal(th[1], th[2]);
		size_t wrong = 0;
		for (size_t d = 0; d < BIG; d++)
			wrong += r.assignments[d] != th[d % TOPICS];
		assert_int_equal(wrong, 0);
		for (int i = 0; i < 3; i++) {
			assert_true(r.themes[i].size >= BIG / 3 - 1 && r.themes[i].size <= BIG / 3 + 1);
			assert_true(r.themes[i].common);   /* every topic in both groups alike */
		}
		assert_int_equal(r.ncommon, 3);
		assert_int_equal(r.ndivergence, 0);
	}
	mem_free(docs);
	mem_free(text);
	assert_int_equal(rc, 0);
}

/* Found by review: the guess skips what text_next skips; one character
 * in any script is not a word, nor are digits of any script; an accent
 * typed as a combining mark is composed before the lexicon sees it. */
static void guess_and_skips_agree_with_the_words(void **state)
{
	struct tokenizer *t = ((struct tok_state *)*state)->t;
	assert_int_equal(text_start(t, "Check e-mail", -1), LEX_EN);
	struct text_word w;
	text_start(t, "é ñ \xef\xbc\x91\xef\xbc\x92\xef\xbc\x93 \xd9\xa1\xd9\xa2 ok", LEX_ES);
	assert_true(text_next(t, &w));
	assert_string_equal(w.word, "ok");
	assert_true(w.gap);
	assert_false(text_next(t, &w));
	text_start(t, "Esta\xcc\x81 bien", LEX_ES);   /* "está" with U+0301 */
	assert_true(text_next(t, &w));
	assert_string_equal(w.word, "está");
	assert_true(w.stop);
}

/* Found by review: k is chosen among the comments that have words. */
static void themes_choose_k_among_comments_with_words(void **state)
{
	struct arena *a = *state;
	struct theme_doc docs[20];
	for (size_t i = 0; i < 20; i++)
		docs[i] = (struct theme_doc){"-", NULL};
	docs[3].text = "bus driver late";
	docs[11].text = "bus route late";
	struct theme_opts o = {.k = 0, .lang = -1, .threads = 1};
	struct themes_result r;
	struct err e;
	assert_int_equal(themes_find(a, docs, 20, &o, &r, &e), 0);
	assert_true(r.nthemes >= 1 && r.nthemes <= 2);
	assert_int_equal(r.assignments[0], 0);
	assert_true(r.assignments[3] >= 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(words_are_lowercased_runs_of_letters, tok_setup, tok_teardown),
		cmocka_unit_test_setup_teardown(apostrophes_stay_inside_words, tok_setup, tok_teardown),
		cmocka_unit_test_setup_teardown(letters_and_numbers_alone_are_skipped_as_gaps, tok_setup, tok_teardown),
		cmocka_unit_test_setup_teardown(punctuation_breaks_and_spaces_do_not, tok_setup, tok_teardown),
		cmocka_unit_test_setup_teardown(stop_words_are_flagged_and_kept_as_typed, tok_setup, tok_teardown),
		cmocka_unit_test_setup_teardown(english_words_get_english_stems, tok_setup, tok_teardown),
		cmocka_unit_test_setup_teardown(spanish_is_guessed_and_stemmed, tok_setup, tok_teardown),
		cmocka_unit_test_setup_teardown(invalid_utf8_breaks_words_without_harm, tok_setup, tok_teardown),
		cmocka_unit_test_setup_teardown(words_longer_than_the_limit_are_skipped, tok_setup, tok_teardown),
		cmocka_unit_test_setup_teardown(sentiment_and_negators_come_from_the_lexicon, tok_setup, tok_teardown),
		cmocka_unit_test_setup_teardown(raw_and_classify_make_text_next, tok_setup, tok_teardown),
		cmocka_unit_test_setup_teardown(guess_and_skips_agree_with_the_words, tok_setup, tok_teardown),
		cmocka_unit_test_setup_teardown(themes_choose_k_among_comments_with_words, arena_setup, arena_teardown),
		cmocka_unit_test(nmf_recovers_planted_blocks),
		cmocka_unit_test(nmf_is_deterministic),
		cmocka_unit_test(nmf_refuses_a_bad_k),
		cmocka_unit_test(nmf_transform_places_rows_in_their_blocks),
		cmocka_unit_test(nmf_parallel_covers_the_range_once),
		cmocka_unit_test(nmf_rand_is_a_fixed_sequence),
		cmocka_unit_test_setup_teardown(themes_recover_planted_topics, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(themes_are_deterministic, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(themes_choose_k_when_asked, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(themes_report_progress, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(themes_refuse_what_they_cannot_do, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(themes_group_spanish_stems, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(themes_carry_the_feeling_of_their_comments, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(themes_join_recurring_neighbours_into_phrases, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(themes_place_every_comment_of_a_large_corpus, arena_setup, arena_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Unit tests for analysis/lexicon: the lists are well formed (sorted,
 * unique, lower case, accent-less twins present) and answer the words the
 * theme finder will ask about. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "analysis/lexicon.h"
#include "core/lang.h"

static const enum lexicon_lang langs[] = {LEX_EN, LEX_ES};

/* Whether w is a word as the lookups expect it: non-empty, valid UTF-8 of
 * two bytes at most per character (Latin letters), no ASCII or Latin-1
 * capitals, no spaces or other ASCII but letters and the apostrophe, no
 * combining accents (composed form). */
static bool well_formed(const char *w)
{
	const unsigned char *p = (const unsigned char *)w;
	if (!*p)
		return false;
	while (*p) {
		if (*p < 0x80) {
			if (!((*p >= 'a' && *p <= 'z') || *p == '\''))
				return false;
			p++;
			continue;
		}
		if (*p < 0xc2 || *p > 0xdf || (p[1] & 0xc0) != 0x80)
			return false;
		unsigned cp = ((p[0] & 0x1fu) << 6) | (p[1] & 0x3fu);
		if ((cp >= 0xc0 && cp <= 0xde) || (cp >= 0x300 && cp <= 0x36f))
			return false;
		p += 2;
	}
	return true;
}

/* w with á é í ó ú ü ñ replaced by plain letters, in out (size n). */
static void strip_accents(const char *w, char *out, size_t n)
{
	static const char from[][3] = {"á", "é", "í", "ó", "ú", "ü", "ñ"};
	static const char to[] = "aeiouun";
	size_t o = 0;
	while (*w && o + 1 < n) {
		size_t k = 0;
		while (k < sizeof(to) - 1 && strncmp(w, from[k], 2) != 0)
			k++;
		if (k < sizeof(to) - 1) {
			out[o++] = to[k];
			w += 2;
		} else {
			out[o++] = *w++;
		}
	}
	out[o] = '\0';
}

static void check_word_list(const char *const *list, size_t n, bool (*lookup)(enum lexicon_lang, const char *),
                            enum lexicon_lang l)
{
	assert_non_null(list);
	assert_true(n > 0);
	for (size_t i = 0; i < n; i++) {
		if (!well_formed(list[i]))
			fail_msg("badly formed word \"%s\"", list[i]);
		if (i > 0 && strcmp(list[i - 1], list[i]) >= 0)
			fail_msg("\"%s\" then \"%s\": out of order or repeated", list[i - 1], list[i]);
		assert_true(lookup(l, list[i]));
		if (l == LEX_ES) {
			char plain[64];
			strip_accents(list[i], plain, sizeof(plain));
			if (!lookup(l, plain))
				fail_msg("\"%s\" is listed but not \"%s\"", list[i], plain);
		}
	}
}

static void word_lists_are_sorted_unique_and_found(void **state)
{
	for (size_t k = 0; k < sizeof(langs) / sizeof(langs[0]); k++) {
		size_t n;
		const char *const *list = lexicon_stop_list(langs[k], &n);
		assert_int_equal(n, lexicon_stop_count(langs[k]));
		check_word_list(list, n, lexicon_stop, langs[k]);
		list = lexicon_negator_list(langs[k], &n);
		check_word_list(list, n, lexicon_negator, langs[k]);
	}
}

static void sentiment_lists_are_sorted_unique_and_scored(void **state)
{
	for (size_t k = 0; k < sizeof(langs) / sizeof(langs[0]); k++) {
		enum lexicon_lang l = langs[k];
		const char *prev = NULL, *w;
		int score, seen[7] = {0};
		size_t i = 0;
		while (lexicon_sentiment_entry(l, i, &w, &score)) {
			if (!well_formed(w))
				fail_msg("badly formed word \"%s\"", w);
			if (prev && strcmp(prev, w) >= 0)
				fail_msg("\"%s\" then \"%s\": out of order or repeated", prev, w);
			if (score < -3 || score > 3 || score == 0)
				fail_msg("\"%s\" scores %d", w, score);
			seen[score + 3]++;
			assert_int_equal(lexicon_sentiment(l, w), score);
			if (l == LEX_ES) {
				char plain[64];
				strip_accents(w, plain, sizeof(plain));
				if (lexicon_sentiment(l, plain) != score)
					fail_msg("\"%s\" scores %d but \"%s\" %d", w, score, plain,
					         lexicon_sentiment(l, plain));
			}
			prev = w;
			i++;
		}
		assert_int_equal(i, lexicon_sentiment_count(l));
		/* Every strength is used, on both sides. */
		for (int s = 0; s < 7; s++)
			if (s != 3)
				assert_true(seen[s] > 0);
		/* Past the end leaves the outputs alone. */
		w = "unchanged";
		score = 99;
		assert_false(lexicon_sentiment_entry(l, i, &w, &score));
		assert_string_equal(w, "unchanged");
		assert_int_equal(score, 99);
	}
}

static void stop_words_are_known(void **state)
{
	static const char *const en[] = {"the", "and", "a", "of", "is", "i", "i'm", "don't", "dont", "can't", "it's",
	                                 "they're", "let's", "that's", "also", "would", "really", "just", "like",
	                                 "thing", "things", "us", "yes", "okay", "ok", "etc", "no", "not"};
	static const char *const es[] = {"de", "la", "que", "qué", "el", "él", "y", "en", "los", "también",
	                                 "tambien", "está", "esta", "más", "mas", "sí", "si", "había", "habia",
	                                 "estábamos", "estabamos", "ser", "hacer", "cosa", "cosas", "creo", "bueno",
	                                 "pues", "entonces", "así", "asi", "etc", "no", "nada", "sin"};
	for (size_t i = 0; i < sizeof(en) / sizeof(en[0]); i++)
		if (!lexicon_stop(LEX_EN, en[i]))
			fail_msg("\"%s\" should be an English stop word", en[i]);
	for (size_t i = 0; i < sizeof(es) / sizeof(es[0]); i++)
		if (!lexicon_stop(LEX_ES, es[i]))
			fail_msg("\"%s\" should be a Spanish stop word", es[i]);
}

static void content_words_are_not_stop_words(void **state)
{
	static const char *const en[] = {"laptop", "internet", "teacher", "teachers", "bus", "lunch", "safety",
	                                 "homework", "wifi", "schedule", "good", "bad", "", "don’t", "The"};
	static const char *const es[] = {"computadora", "escuela", "maestra", "maestros", "transporte", "internet",
	                                 "comida", "seguridad", "tarea", "horario", "malo", "útil", "", "Que"};
	for (size_t i = 0; i < sizeof(en) / sizeof(en[0]); i++)
		if (lexicon_stop(LEX_EN, en[i]))
			fail_msg("\"%s\" should not be an English stop word", en[i]);
	for (size_t i = 0; i < sizeof(es) / sizeof(es[0]); i++)
		if (lexicon_stop(LEX_ES, es[i]))
			fail_msg("\"%s\" should not be a Spanish stop word", es[i]);
	/* Each language has its own list. */
	assert_false(lexicon_stop(LEX_EN, "de"));
	assert_false(lexicon_stop(LEX_EN, "que"));
	assert_false(lexicon_stop(LEX_ES, "the"));
	assert_false(lexicon_stop(LEX_ES, "and"));
}

static void sentiment_has_the_expected_signs(void **state)
{
	assert_int_equal(lexicon_sentiment(LEX_EN, "excellent"), 3);
	assert_int_equal(lexicon_sentiment(LEX_EN, "great"), 3);
	assert_int_equal(lexicon_sentiment(LEX_EN, "good"), 2);
	assert_int_equal(lexicon_sentiment(LEX_EN, "helpful"), 2);
	assert_int_equal(lexicon_sentiment(LEX_EN, "fair"), 1);
	assert_int_equal(lexicon_sentiment(LEX_EN, "slow"), -1);
	assert_int_equal(lexicon_sentiment(LEX_EN, "confusing"), -2);
	assert_int_equal(lexicon_sentiment(LEX_EN, "unfair"), -2);
	assert_int_equal(lexicon_sentiment(LEX_EN, "broken"), -2);
	assert_int_equal(lexicon_sentiment(LEX_EN, "terrible"), -3);
	/* Forms a stemmer would not bring together. */
	assert_true(lexicon_sentiment(LEX_EN, "better") > 0);
	assert_true(lexicon_sentiment(LEX_EN, "best") >= lexicon_sentiment(LEX_EN, "good"));
	assert_true(lexicon_sentiment(LEX_EN, "worse") < 0);
	assert_true(lexicon_sentiment(LEX_EN, "worst") <= lexicon_sentiment(LEX_EN, "bad"));

	assert_int_equal(lexicon_sentiment(LEX_ES, "excelente"), 3);
	assert_int_equal(lexicon_sentiment(LEX_ES, "bueno"), 2);
	assert_int_equal(lexicon_sentiment(LEX_ES, "buena"), 2);
	assert_int_equal(lexicon_sentiment(LEX_ES, "buenos"), 2);
	assert_int_equal(lexicon_sentiment(LEX_ES, "buenas"), 2);
	assert_int_equal(lexicon_sentiment(LEX_ES, "útil"), 2);
	assert_int_equal(lexicon_sentiment(LEX_ES, "util"), 2);
	assert_int_equal(lexicon_sentiment(LEX_ES, "injusto"), -2);
	assert_int_equal(lexicon_sentiment(LEX_ES, "roto"), -2);
	assert_int_equal(lexicon_sentiment(LEX_ES, "pésimo"), -3);
	assert_int_equal(lexicon_sentiment(LEX_ES, "pesimo"), -3);
	assert_true(lexicon_sentiment(LEX_ES, "mala") < 0);
	assert_true(lexicon_sentiment(LEX_ES, "peligroso") < 0);
	assert_true(lexicon_sentiment(LEX_ES, "mejor") > 0);

	/* Unknown words, other languages, other spellings: 0. */
	assert_int_equal(lexicon_sentiment(LEX_EN, "laptop"), 0);
	assert_int_equal(lexicon_sentiment(LEX_EN, "the"), 0);
	assert_int_equal(lexicon_sentiment(LEX_EN, ""), 0);
	assert_int_equal(lexicon_sentiment(LEX_EN, "Excellent"), 0);   /* the caller folds case */
	assert_int_equal(lexicon_sentiment(LEX_EN, "excelente"), 0);
	assert_int_equal(lexicon_sentiment(LEX_ES, "escuela"), 0);
	assert_int_equal(lexicon_sentiment(LEX_ES, "excellent"), 0);
	/* Negation is the caller's: a negator has no score of its own. */
	assert_int_equal(lexicon_sentiment(LEX_EN, "not"), 0);
	assert_int_equal(lexicon_sentiment(LEX_ES, "nunca"), 0);
}

static void negators_are_known(void **state)
{
	static const char *const en[] = {"not", "no", "never", "nobody", "nothing", "none", "neither", "nor", "without",
	                                 "can't", "don't", "doesn't", "didn't", "won't", "isn't", "aren't", "wasn't",
	                                 "weren't", "cannot", "dont"};
	static const char *const es[] = {"no", "nunca", "jamás", "jamas", "nadie", "nada", "ninguno", "ninguna",
	                                 "ni", "sin", "tampoco"};
	for (size_t i = 0; i < sizeof(en) / sizeof(en[0]); i++)
		if (!lexicon_negator(LEX_EN, en[i]))
			fail_msg("\"%s\" should be an English negator", en[i]);
	for (size_t i = 0; i < sizeof(es) / sizeof(es[0]); i++)
		if (!lexicon_negator(LEX_ES, es[i]))
			fail_msg("\"%s\" should be a Spanish negator", es[i]);
	assert_false(lexicon_negator(LEX_EN, "now"));
	assert_false(lexicon_negator(LEX_EN, "know"));
	assert_false(lexicon_negator(LEX_EN, "good"));
	assert_false(lexicon_negator(LEX_EN, "nunca"));
	assert_false(lexicon_negator(LEX_ES, "not"));
	assert_false(lexicon_negator(LEX_ES, "sí"));
	assert_false(lexicon_negator(LEX_ES, "bueno"));
	assert_false(lexicon_negator(LEX_ES, ""));
}

static void counts_are_in_range(void **state)
{
	/* Snowball's 174 English and 308 Spanish words, plus additions and accent-less twins. */
	assert_in_range(lexicon_stop_count(LEX_EN), 200, 260);
	assert_in_range(lexicon_stop_count(LEX_ES), 360, 440);
	assert_in_range(lexicon_sentiment_count(LEX_EN), 300, 400);
	assert_in_range(lexicon_sentiment_count(LEX_ES), 300, 400);
	size_t n;
	assert_non_null(lexicon_negator_list(LEX_EN, &n));
	assert_in_range(n, 19, 60);
	assert_non_null(lexicon_negator_list(LEX_ES, &n));
	assert_in_range(n, 11, 30);
}

static void bad_arguments_find_nothing(void **state)
{
	enum lexicon_lang bad = (enum lexicon_lang)7;
	assert_false(lexicon_stop(LEX_EN, NULL));
	assert_false(lexicon_negator(LEX_ES, NULL));
	assert_int_equal(lexicon_sentiment(LEX_EN, NULL), 0);
	assert_false(lexicon_stop(bad, "the"));
	assert_false(lexicon_negator(bad, "not"));
	assert_int_equal(lexicon_sentiment(bad, "excellent"), 0);
	assert_int_equal(lexicon_stop_count(bad), 0);
	assert_int_equal(lexicon_sentiment_count(bad), 0);
	size_t n = 5;
	assert_null(lexicon_stop_list(bad, &n));
	assert_int_equal(n, 0);
	n = 5;
	assert_null(lexicon_negator_list(bad, &n));
	assert_int_equal(n, 0);
	const char *w = "unchanged";
	int score = 99;
	assert_false(lexicon_sentiment_entry(bad, 0, &w, &score));
	assert_string_equal(w, "unchanged");
	assert_int_equal(score, 99);
}

/* The lexicon's languages are the ones core/lang.h marks for analysis. */
static void lexicon_languages_follow_the_table(void **state)
{
	(void)state;
	assert_int_equal(lexicon_lang_of("en"), LEX_EN);
	assert_int_equal(lexicon_lang_of("es"), LEX_ES);
	assert_int_equal(lexicon_lang_of("vi"), -1);
	assert_int_equal(lexicon_lang_of("EN"), -1);
	assert_int_equal(lexicon_lang_of("xx"), -1);
	assert_int_equal(lexicon_lang_of(NULL), -1);
	for (size_t i = 0; i < lang_count(); i++) {
		const struct lang *l = lang_at(i);
		assert_int_equal(lexicon_lang_of(l->tag) >= 0, (l->flags & LANG_ANALYSIS) != 0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(word_lists_are_sorted_unique_and_found),
		cmocka_unit_test(sentiment_lists_are_sorted_unique_and_scored),
		cmocka_unit_test(stop_words_are_known),
		cmocka_unit_test(content_words_are_not_stop_words),
		cmocka_unit_test(sentiment_has_the_expected_signs),
		cmocka_unit_test(negators_are_known),
		cmocka_unit_test(counts_are_in_range),
		cmocka_unit_test(bad_arguments_find_nothing),
		cmocka_unit_test(lexicon_languages_follow_the_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

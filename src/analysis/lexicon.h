/* lexicon: stop words, sentiment scores and negators for English and Spanish.
 *
 * The theme finder drops stop words before it counts terms, scores the
 * feeling of a comment from the words it knows, and flips that score for
 * the few words after a negator ("not helpful", "no funciona").  This
 * module only answers questions about single words; cutting text into
 * words, case folding and negation scopes belong to the caller.
 *
 * Words are looked up exactly as given: lower case, UTF-8 in composed
 * form (NFC), accents as typed ("también", "qué"), the apostrophe of a
 * contraction as ASCII "'" ("don't").  Spanish lists hold both the
 * accented and the accent-less spelling of a word ("útil" and "util",
 * "está" and "esta"), since many people type without accents; English
 * ones hold the common contractions with and without the apostrophe
 * ("don't", "dont").  Inflected forms that share a score are listed one
 * by one (good, better, best; bueno, buena, buenos, buenas).
 *
 * The lists overlap on purpose: "no", "not" and "nada" are stop words and
 * negators, and "bueno" is a Spanish filler and a positive word.  A caller
 * that drops stop words should first ask whether the word negates or
 * carries sentiment.
 *
 * The stop lists are the Snowball lists with this project's additions; the
 * sentiment scores and negators are this project's own.  The sources and
 * licences are at the top of lexicon.c.  Everything is constant data:
 * nothing is allocated, and every function is safe from any thread.
 * A word that is NULL, or a language that is not one of enum lexicon_lang,
 * is in no list.
 */
#ifndef CG_LEXICON_H
#define CG_LEXICON_H
#include <stdbool.h>
#include <stddef.h>

enum lexicon_lang { LEX_EN, LEX_ES };

/* The lexicon language of a BCP 47 tag ("es" → LEX_ES): a language that
 * core/lang.h marks LANG_ANALYSIS and this module has lists for; -1 for
 * any other tag or NULL. */
int lexicon_lang_of(const char *tag);

/* Whether word is a stop word of language l. */
bool lexicon_stop(enum lexicon_lang l, const char *word);

/* The sentiment of word in language l, from -3 (very negative) to +3 (very
 * positive); 0 when the word is unknown.  Negation is the caller's. */
int lexicon_sentiment(enum lexicon_lang l, const char *word);

/* Whether word flips the sentiment of the next few words ("not", "never",
 * "don't", "no", "nunca", "sin"). */
bool lexicon_negator(enum lexicon_lang l, const char *word);

/* How many words each list of language l holds, for tests and docs. */
size_t lexicon_stop_count(enum lexicon_lang l);
size_t lexicon_sentiment_count(enum lexicon_lang l);

/* The lists themselves, for tests and docs: static arrays in strcmp order
 * without duplicates.  *n is set to the length; an unknown language gives
 * NULL and 0. */
const char *const *lexicon_stop_list(enum lexicon_lang l, size_t *n);
const char *const *lexicon_negator_list(enum lexicon_lang l, size_t *n);

/* Entry i of the sentiment list of language l, in strcmp order: sets *word
 * (static) and *score and returns true; returns false, leaving both alone,
 * when i is past the end or the language is unknown. */
bool lexicon_sentiment_entry(enum lexicon_lang l, size_t i, const char **word, int *score);

#endif

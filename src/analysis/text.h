/* text: comments cut into words for the theme engine.
 *
 * A word is a run of letters, combining marks and digits, with an
 * apostrophe inside it kept ("don't"; the typographic ’ counts as ').
 * Words are lowercased with utf8proc (accents kept: the Spanish stemmer
 * needs them), stop words are marked, and every other word gets its
 * Snowball stem (libstemmer) in its language.  A comment's language is
 * given, or guessed from which language's stop words it holds more of.
 * Sentence punctuation and stop words break phrases: the engine only joins
 * words that stood next to each other.
 *
 * A tokenizer holds one stemmer per language and a word buffer: one per
 * thread.  See docs/internals/themes.md.
 */
#ifndef CG_ANALYSIS_TEXT_H
#define CG_ANALYSIS_TEXT_H
#include <stdbool.h>
#include <stddef.h>

#include "analysis/lexicon.h"

/* Words longer than this many bytes are skipped (URLs, tokens of noise). */
#define TEXT_WORD_MAX 64

struct text_word {
	const char *word;   /* lowercased, NUL-terminated; valid until the next text_next call */
	const char *stem;   /* the stem (stop words: the word itself); same lifetime */
	bool stop;          /* a stop word of the comment's language */
	bool gap;           /* punctuation or a skipped word stood before it */
	int sentiment;      /* -3..3 from the lexicon */
	bool negator;
};

struct tokenizer;

/* NULL when a stemmer cannot be made (out of memory). */
struct tokenizer *tokenizer_new(void);
void tokenizer_free(struct tokenizer *t);

/* Starts on text (UTF-8; invalid bytes are treated as breaks).  lang:
 * LEX_EN, LEX_ES, or -1 to guess.  Returns the language used. */
int text_start(struct tokenizer *t, const char *text, int lang);
/* The next word into *w; false at the end. */
bool text_next(struct tokenizer *t, struct text_word *w);
/* The same in two steps, for callers that cache what they learn of a word:
 * text_next_raw sets only w->word and w->gap (a word to skip is never
 * returned); text_classify fills the rest for that word. */
bool text_next_raw(struct tokenizer *t, struct text_word *w);
void text_classify(struct tokenizer *t, struct text_word *w);
/* The language text_start settled on. */
int text_lang(const struct tokenizer *t);

/* The language a text's stop words point to: LEX_ES when it holds more
 * Spanish than English stop words, else LEX_EN. */
int text_guess_lang(struct tokenizer *t, const char *text);

#endif

/* lang: the one table of the languages the program knows.
 *
 * A language is named by its BCP 47 tag ("en", "es", "zh-Hans"),
 * spelled as the table spells it (canonical case): lang_find compares
 * exactly, lang_negotiate (for Accept-Language) ignores case.  Each row
 * says what the program has for the language:
 *   LANG_PAGES     the pages speak it: English, the language of the message
 *                  ids, or a catalog po/TAG.po (compiled to
 *                  build/locale/TAG.mo, which the programs then require);
 *   LANG_ANALYSIS  stop words, sentiment words and a stemmer
 *                  (analysis/lexicon.h keeps those lists, by tag);
 * and a language with neither is one people may name (what they speak,
 * what they need an interpreter for), shown by its names.  The pages'
 * languages come first, the source language first of all.
 *
 * Adding a language is a row here (and for LANG_PAGES its catalog).  The
 * table is constant: every function is safe from any thread, and what they
 * return is static.
 */
#ifndef CG_LANG_H
#define CG_LANG_H
#include <stdbool.h>
#include <stddef.h>

enum lang_dir { LANG_LTR, LANG_RTL };

enum lang_flag {
	LANG_PAGES = 1u << 0,
	LANG_ANALYSIS = 1u << 1,
};

struct lang {
	const char *tag;          /* BCP 47: "es" */
	const char *english;      /* its name in English: "Spanish" */
	const char *native;       /* its name in itself: "Español" */
	enum lang_dir dir;        /* the direction of its script */
	unsigned flags;           /* enum lang_flag */
	const char *og_locale;    /* LANG_PAGES: the Open Graph locale ("es_US"); else NULL */
};

/* How many pages languages there are (rows with LANG_PAGES, which come
 * first); tests/unit/test_core.c checks it against the table. */
#define LANG_NPAGES 5

size_t lang_count(void);
/* The i-th language (i < lang_count()), or NULL. */
const struct lang *lang_at(size_t i);
/* The language of tag (exact spelling), or NULL for NULL or an unknown tag. */
const struct lang *lang_find(const char *tag);
/* Whether tag is a language the pages speak (LANG_PAGES). */
bool lang_valid(const char *tag);
/* Whether tag is a known language with all of flags. */
bool lang_has(const char *tag, unsigned flags);
/* The tag of the i-th pages language (i < LANG_NPAGES), English first. */
const char *lang_page(size_t i);
/* The source language ("en"): the message ids, the fallback of the pages. */
const char *lang_source(void);
/* A language's name in itself ("Español"); an unknown tag as it is. */
const char *lang_native_name(const char *tag);
/* The direction of a language's script as HTML's dir says it: "rtl" or
 * "ltr" (an unknown tag too). */
const char *lang_dir_of(const char *tag);
/* A language's name in English ("Spanish"), or NULL for an unknown tag. */
const char *lang_english_name(const char *tag);
/* The first range of an Accept-Language value (in the order given) whose
 * primary subtag is that of a pages language, as "es-MX" is "es": that
 * language's tag.  NULL when none (or header is NULL). */
const char *lang_negotiate(const char *header);

/* Lists of languages, as a district's or a session's are stored: tags
 * separated by commas, no spaces ("en,es,zh-Hans").
 *
 * The longest tag a list holds ("zh-Hant-TW" and a little more). */
#define LANG_TAG_MAX 16
/* Whether tag is a well-formed tag of the kind the program stores: a
 * primary language subtag of 2 or 3 letters, then subtags of 2 to 8
 * letters and digits separated by '-', at most LANG_TAG_MAX - 1 bytes, in
 * canonical case (language lower, a 4-letter script title, a region
 * upper: "zh-Hans", "es-MX"). */
bool lang_tag_ok(const char *tag);
/* The next tag of the list *p into tag (LANG_TAG_MAX bytes), moving *p
 * past it; false at the end of the list (or for a NULL one). */
bool lang_list_next(const char **p, char *tag);
/* Whether the list holds tag (exact spelling). */
bool lang_list_has(const char *list, const char *tag);
/* Reads "en, ES ,zh-hans" (commas, spaces around them) into the stored
 * form "en,es,zh-Hans" in out (size n): each item's case made canonical,
 * a repeated tag dropped.  Returns how many tags, or -1 when an item is
 * not a tag (or out is too small), with the 1-based position of the bad
 * item in *bad (0 for out too small). */
int lang_list_normalise(const char *in, char *out, size_t n, size_t *bad);

#endif

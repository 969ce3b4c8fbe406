/* doubt: the words redaction kept but was unsure of, as staff review them
 * before a quote or a summary leaves the team.
 *
 * Redaction (domain/redact.h, redact_run) is the one judge of what is
 * doubtful: it reports its doubts as byte spans of the text it wrote.  This
 * module finds no names itself.  It
 *   1. gathers the doubts into words, one per folded form, with how many
 *      times each is in the text (doubt_words);
 *   2. says which still wait for a person: a word nobody kept, or kept
 *      fewer times than it is there now — a text that gains the word anew
 *      asks again (doubt_pending);
 *   3. reads staff's choices against those words — replace, keep, and an
 *      exact phrase to replace too — into a plan (doubt_plan);
 *   4. turns a plan into edits of any text holding the same words: every
 *      whole-word occurrence of each phrase, longest first
 *      (doubt_find, doubt_settle, doubt_apply), and recovers the edits a run
 *      of redaction made (doubt_edits_of_run);
 *   5. moves a character offset (a coding's span) through edits
 *      (doubt_move).
 * Rules only: no HTTP, no SQL.  Everything returned lives in the caller's
 * arena.  See docs/internals/redaction.md, "Staff review".
 */
#ifndef CG_DOUBT_H
#define CG_DOUBT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "domain/field.h"
#include "domain/redact.h"

/* What a word replaced by hand becomes. */
#define DOUBT_PLACEHOLDER "[NAME]"
/* The most words one review lists (a form's slots word_1 …). */
#define DOUBT_MAX_WORDS 50

/* One doubtful word of a text. */
struct doubt_word {
	const char *word;     /* as first written in the text */
	const char *fold;     /* doubt_fold of it */
	int64_t count;        /* doubts of it in the text */
	bool kept;            /* kept ("not a name") for at least count of them */
};

/* A word staff kept, as recorded: its folded form and how many times it
 * was doubtful when kept. */
struct doubt_kept {
	const char *fold;
	int64_t occurrences;
};

/* The form of s (n bytes of UTF-8) that words are compared by: case
 * folded, compatibility forms, marks stripped ("GARCÍA", "García" and
 * "garcia" are one).  "" for text that is not UTF-8.  In a. */
const char *doubt_fold(struct arena *a, const char *s, size_t n);

/* The doubts ds (nd spans of text, in text order) as words, in the order
 * they first appear; a word is kept when kept holds its fold with at least
 * as many occurrences.  Returns how many; *out in a (NULL when none). */
size_t doubt_words(struct arena *a, const char *text, const struct redact_span *ds, size_t nd,
                   const struct doubt_kept *kept, size_t nkept, struct doubt_word **out);
/* How many of the n words wait for review (not kept). */
size_t doubt_pending(const struct doubt_word *ws, size_t n);

/* A staff choice on one word of the review: choice "replace", "keep", or
 * "" (not decided yet). */
struct doubt_pick {
	const char *word;
	const char *choice;
};
/* Its fields (domain/field.h): the word as the form showed it, one line of
 * at most 200 characters; the choice. */
extern const struct field doubt_pick_fields[];

/* The rest of the review: more words to replace, an exact phrase of the
 * text (one line, at most 200 characters; "" for none). */
struct doubt_ask {
	const char *also;
};
extern const struct field doubt_ask_fields[];

/* What staff asked for, checked against the text. */
struct doubt_plan {
	const char **replace;     /* phrases to replace by DOUBT_PLACEHOLDER */
	size_t nreplace;
	struct doubt_kept *keep;  /* words to record as kept, with their count now */
	size_t nkeep;
	size_t decided;           /* picks that chose something */
};

/* Reads np picks and the phrase also against the words ws of text (nd
 * doubts ds, as doubt_words gathered them): a word to replace gives every
 * way it is written among the doubts, a word to keep its fold and count.
 * A pick with no choice is skipped.  ERR_INVALID, field "word" with *bad
 * the pick's index, when a pick names no word of ws; field "also" when the
 * phrase has no letter or digit, or is not in text as whole words.  On
 * error plan is unspecified. */
int doubt_plan(struct arena *a, const char *text, const struct redact_span *ds, size_t nd,
               const struct doubt_word *ws, size_t nw, const struct doubt_pick *picks, size_t np, const char *also,
               struct doubt_plan *plan, size_t *bad, struct err *e);

/* An edit of a text: bytes start..end become with. */
struct doubt_edit {
	size_t start, end;
	const char *with;
};

/* Appends to *ed (n used, cap slots, grown in a) an edit to with for every
 * occurrence of phrase in text as whole words: exact bytes, and where the
 * phrase starts (ends) with a letter, mark or digit, none right before
 * (after) it.  Returns how many were found. */
size_t doubt_find(struct arena *a, const char *text, const char *phrase, const char *with, struct doubt_edit **ed,
                  size_t *n, size_t *cap);
/* Whether phrase (trimmed) stands in text as whole words, as doubt_find
 * reads it. */
bool doubt_contains(struct arena *a, const char *text, const char *phrase);
/* Puts edits in text order and drops those that overlap one kept before:
 * the longest first, then the leftmost.  *n becomes how many are left. */
void doubt_settle(struct doubt_edit *ed, size_t *n);
/* The text with the n settled edits made, in a. */
const char *doubt_apply(struct arena *a, const char *text, const struct doubt_edit *ed, size_t n);
/* The plan's replacements in text: doubt_find of each phrase, settled.
 * Returns how many; *out in a. */
size_t doubt_edits(struct arena *a, const char *text, const struct doubt_plan *plan, struct doubt_edit **out);

/* The edits redact_run made of in to write out, from the spans it
 * replaced (rs, n, bytes of in, in order): each one becomes the
 * placeholder written in its place.  Returns how many, or -1 when out is
 * not in made from in by those spans (a program error). */
long doubt_edits_of_run(struct arena *a, const char *in, const char *out, const struct redact_span *rs, size_t n,
                        struct doubt_edit **ed);

/* Character offset chars of old_text (a coding's start, or its end when
 * end) moved through the settled edits that made new_text: before an edit
 * it stays, after one it shifts by the change in length, inside one a
 * start moves to the edit's start and an end to the end of what replaced
 * it, so that a span keeps covering what became of its words. */
int64_t doubt_move(const char *old_text, const char *new_text, const struct doubt_edit *ed, size_t n, int64_t chars,
                   bool end);

#endif

/* redact_int: what the parts of redaction share (internal to src/domain).
 *
 * redact.c cuts a text into tokens, settles the candidate spans and writes
 * the result; redact_known.c finds the names of the people the system
 * knows; redact_contact.c finds e-mail addresses, phone numbers and street
 * addresses.  docs/internals/redaction.md explains the rules.
 */
#ifndef CG_REDACT_INT_H
#define CG_REDACT_INT_H
#include <stddef.h>
#include <stdint.h>

#include "domain/redact.h"

/* Kinds of span, in the order that breaks ties between equal lengths. */
enum { K_EMAIL, K_ADDRESS, K_PHONE, K_NAME };


/* What lies between a token and the next one. */
enum {
	SEP_END,      /* no next token */
	SEP_SPACE,    /* whitespace on one line */
	SEP_NL,       /* whitespace with a line break */
	SEP_APOS,     /* one apostrophe: O'Neil, Tom's */
	SEP_HYPHEN,   /* one hyphen: Jean-Luc */
	SEP_DOT,      /* a full stop, then perhaps spaces: "Av. ", "J." */
	SEP_OTHER,
};

/* Token flags. */
#define T_ALPHA  1    /* starts with a letter */
#define T_DIGITS 2    /* ASCII digits only */
#define T_CAP    4    /* starts with an upper-case letter */
#define T_UPPER  8    /* two or more letters, all upper case */
#define T_HOLD   16   /* the word of a placeholder already in the text */
#define T_KEEP   32   /* under a phrase of the allow list: never a name */

/* Longest name pattern, in tokens; a longer name is found by its parts. */
#define MAX_PAT_ATOMS 32
/* How far back sentence_start looks before it calls a gap a break. */
#define MAX_LOOKBACK 64

struct tok {
	size_t s, e;          /* bytes of the text */
	size_t fo;            /* folded form: scan.fold + fo, flen bytes */
	uint32_t flen, hash;
	uint32_t letters;
	uint8_t sep, flags;
	uint8_t cover;        /* 1 + kind of the kept span over it, or 0 */
};

/* A text cut into tokens.  Scratch memory from mem_*, freed by scan_free. */
struct scan {
	const char *t;
	size_t len;
	struct tok *tok;
	size_t ntok, captok;
	char *fold;
	size_t nfold, capfold;
};

/* One way of writing a name: a run of folded tokens and the gaps between
 * them (SEP_SPACE, SEP_APOS, SEP_HYPHEN or SEP_DOT). */
struct pat {
	char **atom;
	uint32_t *alen;
	uint8_t *sep;         /* sep[k] lies between atom k and k + 1 */
	uint8_t *kind;        /* per atom: 0, W_COMMON or W_PARTICLE */
	uint32_t hash;        /* of atom[0] */
	int next;             /* bucket chain; -1 ends it */
	int person;           /* index of the full name; -2: several */
	uint8_t natoms;
	uint8_t family;       /* does not start with the first word of the name */
	uint8_t ambig;        /* every atom an ordinary word or a particle */
	uint8_t date;         /* a single month or season word */
	uint8_t dead;         /* merged into an identical pattern */
};

enum { W_COMMON = 1, W_PARTICLE = 2 };

struct redact_names {
	struct pat *pat;
	size_t npat;
	int *bucket;
	size_t nbucket;       /* a power of two, or 0 */
	struct redact_names *keep;   /* the allow list, whole phrases; or NULL */
	char lang[4];         /* "en", "es", or "" (each text decides) */
};

struct span {
	size_t s, e;
	int kind;
};

struct spans {
	struct span *v;
	size_t n, cap;
};

void rx_add_span(struct spans *sp, size_t s, size_t e, int kind);
int32_t rx_decode(const char *p, size_t n, size_t *k);
int32_t rx_decode_back(const char *t, size_t i, size_t *k);
const char *rx_fold_of(const struct scan *sc, size_t i);
int rx_hsep(const struct scan *sc, size_t i);
int rx_in_list(const char *const *list, const char *s, size_t n);
int rx_is_apos(int32_t c);
int rx_is_ascii_alnum(int c);
int rx_is_digit(int c);
int rx_is_letter(int32_t c);
int rx_is_space(int32_t c);
int rx_is_word(int32_t c);
int rx_opaque(const struct tok *t);
void rx_scan_free(struct scan *sc);
void rx_settle(struct spans *sp, size_t len);
int rx_tok_in(const struct scan *sc, size_t i, const char *const *list);
void rx_tokenize(struct scan *sc, const char *t, size_t len);
void rx_find_addresses(const struct scan *sc, struct spans *sp);
void rx_find_emails(const struct scan *sc, struct spans *sp);
void rx_find_phones(const struct scan *sc, struct spans *sp);
void rx_find_names(const struct scan *sc, const struct redact_names *rn, struct spans *sp);
extern const char *const rx_particles[];

extern const char *const rx_titles[];
extern const char *const rx_speech_verbs[];
extern const char *const rx_articles[];
extern const char *const rx_date_words[];
extern const char *const rx_date_preps[];
extern const char *const rx_common_words[];
int rx_capitalized(const struct scan *sc, size_t i);
int rx_sentence_start(const struct scan *sc, size_t i);
int rx_prev_in(const struct scan *sc, size_t i, const char *const *list, int dot);
int rx_after_elision(const struct scan *sc, size_t i);
int rx_opens_as_name(const struct scan *sc, size_t j);
int rx_opens_as_person(const struct scan *sc, size_t j);
long rx_known_end(const struct scan *sc, const struct redact_names *rn, size_t i);
void rx_mark_kept(struct scan *sc, const struct redact_names *rn);
void rx_find_people(struct scan *sc, const struct redact_names *rn, struct spans *names,
                    struct spans *doubts);

#endif

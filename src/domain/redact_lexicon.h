/* redact_lexicon: what the word lists say of a folded word (internal to
 * src/domain).  The lists and their sources: data/lexicon/README.md. */
#ifndef CG_REDACT_LEXICON_H
#define CG_REDACT_LEXICON_H
#include <stddef.h>

#define LEX_EN     1    /* an ordinary English word */
#define LEX_ES     2    /* an ordinary Spanish word */
#define LEX_GIVEN  4    /* a given name or a nickname */
#define LEX_FAMILY 8    /* a family name */
#define LEX_PLACE  16   /* a place */
#define LEX_PROPER 32   /* an English proper noun: a place, a people, a month, a name… */

/* The LEX_ bits of the folded word (n bytes), 0 when no list has it. */
unsigned rx_lex(const char *fold, size_t n);

#endif

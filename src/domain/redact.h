/* redact: personal data in conversation text replaced by placeholders.
 *
 * Before live notes or transcript segments are analysed or quoted, the names
 * of the people present, e-mail addresses, phone numbers and street
 * addresses are replaced by "[NAME]", "[EMAIL]", "[PHONE]" and "[ADDRESS]".
 * The rules, the built-in word lists and their trade-offs are described in
 * docs/internals/redaction.md.  Unicode case folding and accent stripping
 * use utf8proc.
 */
#ifndef CG_REDACT_H
#define CG_REDACT_H
#include <stddef.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"

/* A prepared set of names to find. */
struct redact_names;

/* Builds the set from full names ("María José García López", "Tom O'Neil").
 * Each full name is found as a whole; each part of 3+ letters on its own
 * ("García", "Tom"); a family name with its particles as a unit
 * ("de la Cruz", "van der Berg"); and each half of a hyphenated part
 * ("Jean-Luc": "Jean", "Luc").  Matching ignores case and accents and
 * respects word boundaries.  Parts that are also ordinary words ("Hope",
 * "Will", "Paz", "Luz") are replaced only in name-like contexts (see the
 * doc).  Names that are NULL, empty or not valid UTF-8 are skipped; names
 * may be NULL when n is 0.  Everything lives in the arena a; the caller's
 * strings are not kept.  Never returns NULL. */
struct redact_names *redact_names_new(struct arena *a, const char *const *names, size_t n);

/* How many placeholders of each kind redact_text wrote. */
struct redact_stats {
	int names, emails, phones, addresses;
};

/* Appends text (len bytes, need not be NUL-terminated) to out with personal
 * data replaced.  Where candidates overlap, e-mail addresses win, then the
 * longer of phone numbers and street addresses; names fill the rest, the
 * longest match first, and names parted only by spaces or a hyphen become
 * one "[NAME]".  Placeholders already in the text are kept as they are, so redacting twice
 * changes nothing more.  names and stats may be NULL; stats is zeroed first.
 *
 * Returns 0; ERR_INVALID (field "text") when text is not valid UTF-8 or
 * holds a NUL byte; ERR_LIMIT when out would pass its maximum.  On error
 * nothing is appended and out is left as it was. */
int redact_text(const struct redact_names *names, const char *text, size_t len,
		struct buf *out, struct redact_stats *stats, struct err *e);

#endif

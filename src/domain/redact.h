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

/* Words that are not people even where they look like names: the
 * district's schools, venues and partner organisations ("Lincoln
 * Elementary", "Boys & Girls Club").  Each phrase is matched as a whole,
 * ignoring case and accents; the words under a match are never replaced as
 * a name.  May be called once per set, after redact_names_new. */
void redact_names_allow(struct redact_names *rn, struct arena *a, const char *const *phrases, size_t n);

/* The language of the texts the set will see ("en", "es"; NULL or "" lets
 * each text's words decide).  Words of the language are what a capitalised
 * word must not be to be taken for a name. */
void redact_names_lang(struct redact_names *rn, const char *lang);

/* Kinds of placeholder, in the order that breaks ties between spans. */
enum redact_kind { REDACT_EMAIL, REDACT_ADDRESS, REDACT_PHONE, REDACT_NAME };

/* Bytes start..end of a text. */
struct redact_span {
	size_t start, end;
	enum redact_kind kind;
};

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

/* What redact_run did: the spans of the input it replaced (in text
 * order) and the words it kept but was unsure of ("doubts": a capitalised
 * word that is both an ordinary word and a given name, with nothing around
 * it to tell which), as bytes of the text it appended to out (0 is the first
 * byte it appended).  A doubt's kind is REDACT_NAME. */
struct redact_report {
	struct redact_stats stats;
	struct redact_span *replaced;
	size_t nreplaced;
	struct redact_span *doubts;
	size_t ndoubts;
};

/* redact_text, reporting into rep (spans allocated in a; when a is NULL
 * only rep->stats is filled).  Redacting the
 * output again changes nothing and reports the same doubts, so the doubts
 * of stored text are found by running it again. */
int redact_run(const struct redact_names *names, const char *text, size_t len, struct arena *a,
               struct buf *out, struct redact_report *rep, struct err *e);

/* Words "kind" names: "email", "address", "phone", "name". */
const char *redact_kind_name(enum redact_kind k);

#endif

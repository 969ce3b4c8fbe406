/* respan: a span of a text carried through a redaction of the text.
 *
 * Codings point at characters of an excerpt.  When the excerpt is
 * redacted again, the parts replaced become placeholders of other lengths
 * and what follows them moves; respan_map finds where a span of the old
 * text stands in the new one, so that a coding keeps covering the same
 * words.  Rules only: no I/O, no SQL. */
#ifndef CG_RESPAN_H
#define CG_RESPAN_H
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "domain/redact.h"

/* new_text must be old_text with the n spans (bytes of old_text, in text
 * order, not overlapping, as struct redact_report gives them) each
 * replaced by a placeholder in square brackets ("[NAME]").  Moves the
 * characters *start..*end (end exclusive) of old_text to characters of
 * new_text: a bound inside a replaced span goes to the edge of its
 * placeholder that keeps the whole placeholder in the span.  Returns 0; or
 * ERR_INVALID (field "span"), leaving *start and *end as they were, when
 * new_text is not made so or the span is not within old_text. */
int respan_map(const char *old_text, const char *new_text, const struct redact_span *spans, size_t n,
               int64_t *start, int64_t *end, struct err *e);

#endif

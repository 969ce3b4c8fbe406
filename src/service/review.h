/* review: the human check before a quote or a public summary leaves the
 * team.
 *
 * Redaction runs again over the stored text, with the context the text was
 * redacted in (redaction_context_of) — for a quote, its excerpt's session;
 * for a summary of an initiative, the district's staff — with the
 * district's own words allowed.  What it replaces now that the stored text still holds
 * ("recognised"), and the words it kept but was unsure of (its doubts,
 * domain/redact.h) less those staff kept for this object, wait for a
 * person.  Staff replace a word with [NAME], keep it ("not a name"), or
 * replace an exact phrase of the text too; a quote's replacements reach the
 * excerpt it was cut from (and the excerpt's codings, other quotes and the
 * saved summaries that show them), so every page and export, which all read
 * the stored text, shows the redacted form.  Nothing here finds a name:
 * redact_run is the one judge of doubt (domain/doubt.h gathers its
 * answers). */
#ifndef CG_SERVICE_REVIEW_H
#define CG_SERVICE_REVIEW_H
#include <stdint.h>

#include "core/arena.h"
#include "domain/district.h"
#include "domain/doubt.h"
#include "domain/report.h"
#include "store/db.h"
#include "store/quote_store.h"

/* What the check of one text found.  Strings and arrays live in the arena. */
struct review {
	const char *subject;          /* "quote", "summary" */
	int64_t subject_id;           /* 0: a summary not saved yet */
	const char *stored;           /* the text as stored */
	const char *text;             /* the same as redaction writes it now */
	struct redact_span *doubts;   /* spans of text, in order */
	size_t ndoubts;
	struct doubt_word *words;     /* the doubts as words, with what staff kept */
	size_t nwords;
	size_t recognised;            /* spans redaction now replaces in the stored text */
	size_t pending;               /* words not kept, plus recognised: 0 lets it leave */
};

/* The check of quote q of district d.  ERR_NOTFOUND when its excerpt or
 * session is gone. */
int review_quote(struct db *db, struct arena *a, const struct district *d, const struct quote *q, struct review *out,
                 struct err *e);
/* The checks of n quotes (out has n slots), each session's names gathered
 * once. */
int review_quotes(struct db *db, struct arena *a, const struct district *d, const struct quote *qs, size_t n,
                  struct review *out, struct err *e);
/* The check of a summary's Markdown (s->id 0: a draft not saved, of which
 * nothing was kept yet). */
int review_summary(struct db *db, struct arena *a, const struct district *d, const struct summary *s,
                   struct review *out, struct err *e);

/* What a review changed. */
struct review_result {
	size_t replaced;      /* spans replaced in the quote or summary */
	size_t kept;          /* words recorded as kept */
	size_t texts;         /* records whose text changed: the quote, its excerpt, other quotes, summaries */
};

/* Applies staff's choices (np picks, the phrase also, "" for none) to quote
 * id of d, checked against its review now, in one transaction: words kept
 * are recorded; the words to replace and what redaction recognises now
 * become placeholders in the quote, its excerpt (whose codings keep
 * covering the same words), the other quotes of that excerpt and the saved
 * summaries that show them.  ERR_NOTFOUND for another district's quote;
 * ERR_INVALID with field "word" (*bad: the pick's index) or "also"
 * (domain/doubt.h: doubt_plan); ERR_CONFLICT (field "text") when another
 * quote of the excerpt would become the same words.  On any error nothing
 * has changed. */
int review_apply_quote(struct db *db, struct arena *a, const struct district *d, int64_t id,
                       const struct doubt_pick *picks, size_t np, const char *also, int64_t user_id,
                       struct review_result *res, size_t *bad, struct err *e);
/* The same for the saved public summary of initiative_id: ERR_INVALID
 * (field "text") when none has been saved. */
int review_apply_summary(struct db *db, struct arena *a, const struct district *d, int64_t initiative_id,
                         const struct doubt_pick *picks, size_t np, const char *also, int64_t user_id,
                         struct review_result *res, size_t *bad, struct err *e);

/* ERR_CONFLICT, field "text", saying how many words wait for review
 * before what (a verb: "approving"); 0 when rv->pending is 0. */
int review_block(const struct review *rv, const char *before, struct err *e);

#endif

/* report: the summaries of an initiative and the quotes that may go in them.
 * Drafts are built from what is stored (domain/report.h); staff edit and
 * save them; quotes come only from speakers who consented to be quoted and
 * appear only once approved. */
#ifndef CG_SERVICE_REPORT_H
#define CG_SERVICE_REPORT_H
#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/buf.h"
#include "domain/district.h"
#include "domain/report.h"
#include "store/db.h"
#include "store/quote_store.h"

/* Appends the draft summary (public_view: small counts hidden, only
 * approved quotes, no internal data) of an initiative at instant now. */
int report_draft(struct db *db, struct arena *a, const struct district *d, int64_t initiative_id, bool public_view,
                 int64_t now, struct buf *md, struct err *e);

/* The summary to show, whole: the saved one, or else a fresh draft (*saved
 * false, out->id 0, out->markdown the draft). */
int report_summary_now(struct db *db, struct arena *a, const struct district *d, int64_t initiative_id,
                       const char *audience, int64_t now, struct summary *out, bool *saved, struct err *e);
/* The summary to show: the saved one, or else a fresh draft (*saved false). */
int report_current(struct db *db, struct arena *a, const struct district *d, int64_t initiative_id,
                   const char *audience, int64_t now, const char **markdown, bool *saved, struct err *e);

/* Proposes the words quote (empty: all) of an excerpt as a quote under
 * code_id (0: none).  ERR_INVALID (field "quote") when the speaker has not
 * consented to be quoted: survey comments, notes not taken word for word,
 * the facilitator, a remark about the room, or someone whose consent to be
 * quoted was not confirmed. */
int report_propose_quote(struct db *db, struct arena *a, int64_t district_id, int64_t initiative_id, const char *kind,
                         int64_t excerpt_id, int64_t code_id, const char *quote, int64_t user_id, struct quote *out,
                         struct err *e);

/* A quote no longer approved leaves the saved summaries it stood in (the
 * blockquote as the draft wrote it).  *changed: summaries changed. */
int report_withdraw_quote(struct db *db, struct arena *a, const struct quote *q, int64_t user_id, int *changed,
                          struct err *e);

/* A quote's words redacted further (new_text): the saved summaries that
 * show its blockquote show the new words, keeping their approval.
 * *changed: summaries changed. */
int report_requote(struct db *db, struct arena *a, const struct quote *q, const char *new_text, int64_t user_id,
                   int *changed, struct err *e);

/* Staff's decision on quote id of d: action "approve" or "reject" (a
 * rejected quote leaves the saved summaries: report_withdraw_quote).  A
 * quote is approved only once nothing of it waits for review
 * (service/review.h): ERR_CONFLICT, field "text", saying how many words
 * wait.  One transaction; *q gets the quote as decided. */
int report_decide_quote(struct db *db, struct arena *a, const struct district *d, int64_t id, const char *action,
                        int64_t user_id, struct quote *q, struct err *e);

/* Approves the saved public summary of initiative_id for sharing, once
 * nothing of it waits for review (ERR_CONFLICT, field "text", as above).
 * ERR_NOTFOUND when no public summary is saved.  *s gets it, approved. */
int report_approve_summary(struct db *db, struct arena *a, const struct district *d, int64_t initiative_id,
                           int64_t user_id, int64_t now, struct summary *s, struct err *e);

#endif

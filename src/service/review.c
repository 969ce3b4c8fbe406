#include "service/review.h"

#include <string.h>

#include "core/buf.h"
#include "domain/redact.h"
#include "domain/transcript.h"
#include "service/redaction.h"
#include "service/report.h"
#include "store/coding_store.h"
#include "store/excerpt_store.h"
#include "store/redaction_review_store.h"
#include "store/summary_store.h"

/* The largest text checked: a summary is at most 200,000 characters. */
#define REVIEW_MAX_BYTES ((size_t)4 << 20)

/* Texts are checked in the context they were redacted in
 * (service/redaction.h): a quote in that of the session its excerpt was
 * said at; what staff write in session 0's, the staff and the district's
 * own words. */
static int quote_context(struct db *db, struct arena *a, const struct district *d, const struct quote *q,
                         struct redact_names **out, struct err *e)
{
	const char *code, *name;
	int64_t session_id = 0;
	struct redaction_contexts cx = {0};
	int rc = excerpt_store_speaker(db, a, d->id, q->excerpt_kind, q->excerpt_id, &session_id, &code, &name, e);
	if (rc == 0)
		rc = redaction_contexts_init(db, a, d, &cx, e);
	return rc < 0 ? rc : redaction_context_of(db, a, &cx, session_id, out, e);
}

/* One run of redaction over text: what it writes, its doubts and the edits
 * it made (those are what a stored text still holds). */
struct run {
	const char *out;
	struct redact_span *doubts;
	size_t ndoubts;
	struct doubt_edit *edits;
	size_t nedits;
};

static int run_text(struct arena *a, const struct redact_names *rn, const char *text, struct run *r, struct err *e)
{
	struct buf out;
	struct redact_report rep;
	buf_init(&out, REVIEW_MAX_BYTES);
	int rc = redact_run(rn, text, strlen(text), a, &out, &rep, e);
	if (rc == 0) {
		r->out = arena_strdup(a, out.p ? out.p : "");
		r->doubts = rep.doubts;
		r->ndoubts = rep.ndoubts;
		long n = doubt_edits_of_run(a, text, r->out, rep.replaced, rep.nreplaced, &r->edits);
		if (n < 0)
			rc = err_set(e, ERR_FAIL, NULL, "redaction wrote a text its report does not explain");
		r->nedits = n < 0 ? 0 : (size_t)n;
	}
	buf_release(&out);
	return rc;
}

static int check(struct db *db, struct arena *a, int64_t district_id, const struct redact_names *rn,
                 const char *subject, int64_t subject_id, const char *stored, struct review *rv, struct err *e)
{
	struct run r;
	int rc = run_text(a, rn, stored, &r, e);
	if (rc < 0)
		return rc;
	struct redaction_review *kept = NULL;
	size_t nk = 0;
	if (subject_id && (rc = redaction_review_store_list(db, a, district_id, subject, subject_id, &kept, &nk, e)) < 0)
		return rc;
	struct doubt_kept *dk = arena_alloc(a, (nk + 1) * sizeof(*dk));
	for (size_t i = 0; i < nk; i++)
		dk[i] = (struct doubt_kept){kept[i].word_fold, kept[i].occurrences};
	*rv = (struct review){.subject = subject, .subject_id = subject_id, .stored = stored, .text = r.out,
	                      .doubts = r.doubts, .ndoubts = r.ndoubts, .recognised = r.nedits};
	rv->nwords = doubt_words(a, r.out, r.doubts, r.ndoubts, dk, nk, &rv->words);
	rv->pending = doubt_pending(rv->words, rv->nwords) + rv->recognised;
	return 0;
}

int review_quote(struct db *db, struct arena *a, const struct district *d, const struct quote *q, struct review *out,
                 struct err *e)
{
	return review_quotes(db, a, d, q, 1, out, e);
}

int review_quotes(struct db *db, struct arena *a, const struct district *d, const struct quote *qs, size_t n,
                  struct review *out, struct err *e)
{
	struct redaction_contexts cx = {0};
	int rc = redaction_contexts_init(db, a, d, &cx, e);
	for (size_t i = 0; rc == 0 && i < n; i++) {
		const char *code, *name;
		int64_t sid = 0;
		struct redact_names *rn;
		rc = excerpt_store_speaker(db, a, d->id, qs[i].excerpt_kind, qs[i].excerpt_id, &sid, &code, &name, e);
		if (rc == 0)
			rc = redaction_context_of(db, a, &cx, sid, &rn, e);
		if (rc == 0)
			rc = check(db, a, d->id, rn, "quote", qs[i].id, qs[i].text, &out[i], e);
	}
	return rc;
}

/* The context of what staff write. */
static int staff_context(struct db *db, struct arena *a, const struct district *d, struct redact_names **out,
                         struct err *e)
{
	struct redaction_contexts cx = {0};
	int rc = redaction_contexts_init(db, a, d, &cx, e);
	return rc < 0 ? rc : redaction_context_of(db, a, &cx, 0, out, e);
}

int review_summary(struct db *db, struct arena *a, const struct district *d, const struct summary *s,
                   struct review *out, struct err *e)
{
	struct redact_names *rn;
	int rc = staff_context(db, a, d, &rn, e);
	return rc < 0 ? rc : check(db, a, d->id, rn, "summary", s->id, s->markdown ? s->markdown : "", out, e);
}

int review_block(const struct review *rv, const char *before, struct err *e)
{
	if (!rv->pending)
		return 0;
	if (rv->pending == 1)
		return err_set(e, ERR_CONFLICT, "text",
		               "1 word waits for review: replace it or keep it before %s.", before);
	return err_set(e, ERR_CONFLICT, "text", "%zu words wait for review: replace or keep each one before %s.",
	               rv->pending, before);
}

/* ---- applying a review ---- */

/* A text through a run of redaction and then the plan: the new text and
 * the two rounds of edits, for moving offsets. */
struct redone {
	const char *mid, *text;           /* after redaction; after the plan too */
	struct doubt_edit *e1, *e2;
	size_t n1, n2;
};

static int redo(struct arena *a, const struct redact_names *rn, const char *text, const struct doubt_plan *plan,
                struct redone *out, struct err *e)
{
	struct run r;
	int rc = run_text(a, rn, text, &r, e);
	if (rc < 0)
		return rc;
	out->mid = r.out;
	out->e1 = r.edits;
	out->n1 = r.nedits;
	out->n2 = doubt_edits(a, r.out, plan, &out->e2);
	out->text = doubt_apply(a, r.out, out->e2, out->n2);
	return 0;
}

static int64_t move2(const char *old, const struct redone *x, int64_t chars, bool end)
{
	int64_t mid = doubt_move(old, x->mid, x->e1, x->n1, chars, end);
	return doubt_move(x->mid, x->text, x->e2, x->n2, mid, end);
}

static int keep_words(struct db *db, int64_t district_id, const char *subject, int64_t id, const struct doubt_plan *plan,
                      int64_t user_id, struct review_result *res, struct err *e)
{
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < plan->nkeep; i++) {
		struct redaction_review rv = {.district_id = district_id, .subject = subject, .subject_id = id,
		                              .word_fold = plan->keep[i].fold, .occurrences = plan->keep[i].occurrences,
		                              .reviewed_by = user_id};
		rc = redaction_review_store_keep(db, &rv, e);
		res->kept += rc == 0;
	}
	return rc;
}

/* The excerpt quote q was cut from, redacted the same way, its codings
 * moved with its words. */
static int redo_excerpt(struct db *db, struct arena *a, int64_t district_id, const struct quote *q,
                        const struct redact_names *rn, const struct doubt_plan *plan, struct review_result *res,
                        struct err *e)
{
	struct excerpt_row x;
	struct redone r = {0};
	int rc = excerpt_store_get(db, a, district_id, q->excerpt_kind, q->excerpt_id, &x, e);
	if (rc == 0)
		rc = redo(a, rn, x.text, plan, &r, e);
	if (rc < 0 || strcmp(r.text, x.text) == 0)
		return rc;
	rc = excerpt_store_redact(db, district_id, x.kind, x.id, r.text, (int64_t)transcript_words(r.text),
	                          (int64_t)(r.n1 + r.n2), e);
	res->texts++;
	struct coding *cs;
	size_t nc = 0;
	if (rc == 0)
		rc = coding_store_of_excerpt(db, a, district_id, x.kind, x.id, &cs, &nc, e);
	if (rc < 0 || nc == 0)
		return rc;
	/* Two spans of one code and coder that end up the same are one. */
	size_t keep = 0;
	for (size_t i = 0; rc == 0 && i < nc; i++) {
		cs[i].start = move2(x.text, &r, cs[i].start, false);
		cs[i].end = move2(x.text, &r, cs[i].end, true);
		bool twin = false;
		for (size_t k = 0; k < keep && !twin; k++)
			twin = cs[k].code_id == cs[i].code_id && cs[k].coder_id == cs[i].coder_id &&
			       cs[k].start == cs[i].start && cs[k].end == cs[i].end;
		if (twin)
			rc = coding_store_delete(db, district_id, cs[i].id, e);
		else
			cs[keep++] = cs[i];
	}
	if (rc == 0)
		rc = coding_store_respan(db, district_id, cs, keep, e);
	return rc;
}

/* doubt_plan against the text as redaction writes it now.  Words staff
 * copied from the stored text that redaction now replaces in part (the
 * surname of "Ms. Vance") are going anyway: the phrase is not asked for. */
static int plan_of(struct arena *a, const struct review *rv, const struct doubt_pick *picks, size_t np,
                   const char *also, struct doubt_plan *plan, size_t *bad, struct err *e)
{
	if (also && rv->recognised && !doubt_contains(a, rv->text, also) && doubt_contains(a, rv->stored, also))
		also = "";
	return doubt_plan(a, rv->text, rv->doubts, rv->ndoubts, rv->words, rv->nwords, picks, np, also, plan, bad, e);
}

int review_apply_quote(struct db *db, struct arena *a, const struct district *d, int64_t id,
                       const struct doubt_pick *picks, size_t np, const char *also, int64_t user_id,
                       struct review_result *res, size_t *bad, struct err *e)
{
	*res = (struct review_result){0};
	int rc = db_begin(db, e);
	if (rc < 0)
		return rc;
	struct quote q;
	struct review rv = {0};
	struct doubt_plan plan = {0};
	struct redact_names *rn = NULL;
	rc = quote_store_get(db, a, d->id, id, &q, e);
	if (rc == 0)
		rc = quote_context(db, a, d, &q, &rn, e);
	if (rc == 0)
		rc = check(db, a, d->id, rn, "quote", q.id, q.text, &rv, e);
	if (rc == 0)
		rc = plan_of(a, &rv, picks, np, also, &plan, bad, e);
	if (rc == 0)
		rc = keep_words(db, d->id, "quote", q.id, &plan, user_id, res, e);
	if (rc == 0 && (plan.nreplace || rv.recognised)) {
		/* The quote and every other quote of its excerpt. */
		struct quote *qs;
		size_t nq = 0;
		rc = quote_store_of_excerpt(db, a, d->id, q.excerpt_kind, q.excerpt_id, &qs, &nq, e);
		for (size_t i = 0; rc == 0 && i < nq; i++) {
			struct redone r = {0};
			if ((rc = redo(a, rn, qs[i].text, &plan, &r, e)) < 0 || strcmp(r.text, qs[i].text) == 0)
				continue;
			if (qs[i].id == q.id)
				res->replaced = r.n1 + r.n2;
			int changed = 0;
			rc = quote_store_set_text(db, d->id, qs[i].id, r.text, qs[i].status, e);
			if (rc == 0)
				rc = report_requote(db, a, &qs[i], r.text, user_id, &changed, e);
			res->texts += 1 + (size_t)changed;
		}
		if (rc == 0)
			rc = redo_excerpt(db, a, d->id, &q, rn, &plan, res, e);
	}
	return db_end(db, rc, e);
}

int review_apply_summary(struct db *db, struct arena *a, const struct district *d, int64_t initiative_id,
                         const struct doubt_pick *picks, size_t np, const char *also, int64_t user_id,
                         struct review_result *res, size_t *bad, struct err *e)
{
	*res = (struct review_result){0};
	int rc = db_begin(db, e);
	if (rc < 0)
		return rc;
	struct summary s;
	struct review rv = {0};
	struct doubt_plan plan = {0};
	struct redact_names *rn = NULL;
	rc = summary_store_get(db, a, d->id, initiative_id, "public", &s, e);
	if (rc == ERR_NOTFOUND)
		rc = err_set(e, ERR_INVALID, "text", "Save the public summary first: only a saved summary is reviewed.");
	if (rc == 0)
		rc = staff_context(db, a, d, &rn, e);
	if (rc == 0)
		rc = check(db, a, d->id, rn, "summary", s.id, s.markdown, &rv, e);
	if (rc == 0)
		rc = plan_of(a, &rv, picks, np, also, &plan, bad, e);
	if (rc == 0)
		rc = keep_words(db, d->id, "summary", s.id, &plan, user_id, res, e);
	struct redone r = {0};
	if (rc == 0 && (plan.nreplace || rv.recognised) && (rc = redo(a, rn, s.markdown, &plan, &r, e)) == 0 &&
	    strcmp(r.text, s.markdown) != 0) {
		res->replaced = r.n1 + r.n2;
		res->texts = 1;
		rc = summary_store_redact(db, d->id, s.id, r.text, user_id, e);
	}
	return db_end(db, rc, e);
}

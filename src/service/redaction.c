#include "service/redaction.h"

#include <string.h>

#include "core/buf.h"
#include "domain/codebook.h"
#include "domain/display_name.h"
#include "domain/respan.h"
#include "domain/transcript.h"
#include "service/report.h"
#include "store/attendee_store.h"
#include "store/audit_store.h"
#include "store/baseline_store.h"
#include "store/coding_store.h"
#include "store/conversation_store.h"
#include "store/group_store.h"
#include "store/initiative_store.h"
#include "store/note_store.h"
#include "store/quote_store.h"
#include "store/registration_store.h"
#include "store/session_store.h"
#include "store/sponsor_store.h"
#include "store/survey_store.h"
#include "store/transcript_store.h"
#include "store/user_store.h"

/* The redacted text of one stored row may be at most this long. */
#define REDACTION_MAX_BYTES ((size_t)4 << 20)

int redaction_own_words(struct db *db, struct arena *a, const struct district *d, struct own_words *out,
                        struct err *e)
{
	const char **venues, **partners, **orgs, **titles;
	size_t nv = 0, np = 0, no = 0, nt = 0, ng = 0, nb = 0;
	struct group *gs;
	struct baseline_share *bs;
	memset(out, 0, sizeof(*out));
	/* Venues, partners and sponsors: one DISTINCT over every session,
	 * conversation and sponsor of the district, so the cost follows how
	 * many of those the district has had (hundreds), not its people. */
	int rc = session_store_venues(db, a, d->id, &venues, &nv, e);
	if (rc < 0 || (rc = conversation_store_partners(db, a, d->id, &partners, &np, e)) < 0 ||
	    (rc = sponsor_store_organizations(db, a, d->id, &orgs, &no, e)) < 0 ||
	    (rc = initiative_store_titles(db, a, d->id, &titles, &nt, e)) < 0 ||
	    (rc = group_store_list(db, a, d->id, &gs, &ng, e)) < 0 ||
	    (rc = baseline_store_list(db, a, d->id, &bs, &nb, e)) < 0)
		return rc;
	own_words_add(out, a, d->name);
	for (size_t i = 0; i < nv; i++)
		own_words_add(out, a, venues[i]);
	for (size_t i = 0; i < np; i++)
		own_words_add(out, a, partners[i]);
	for (size_t i = 0; i < no; i++)
		own_words_add(out, a, orgs[i]);
	for (size_t i = 0; i < nt; i++)
		own_words_add(out, a, titles[i]);
	for (size_t i = 0; i < ng; i++)
		own_words_add(out, a, gs[i].name);
	/* Neighbourhoods are places; the other dimensions' categories
	 * ("White", "Spanish") are not, and a word of them may be a name. */
	for (size_t i = 0; i < nb; i++)
		if (strcmp(bs[i].dimension, "neighborhood") == 0)
			own_words_add(out, a, bs[i].category);
	return 0;
}

/* The context of a session (s and c may be NULL: a text whose session is
 * gone, redacted against the staff and the district's words), with the
 * district's own words given. */
static int context_with(struct db *db, struct arena *a, const struct district *d, const struct session *s,
                        const struct conversation *c, const char *const *speakers, size_t nspeakers,
                        const struct own_words *own, struct redact_names **out, struct err *e)
{
	struct registration *rs = NULL;
	struct user *us = NULL;
	struct attendee *as = NULL;
	const char **stored = NULL;
	size_t nr = 0, nu = 0, na = 0, ns = 0;
	int rc = user_store_list(db, a, d->id, &us, &nu, e);
	if (rc == 0 && s)
		rc = registration_store_list(db, a, d->id, s->id, &rs, &nr, e);
	if (rc == 0 && s)
		rc = attendee_store_list(db, a, d->id, s->id, &as, &na, e);
	if (rc == 0 && s)
		rc = transcript_store_speaker_names(db, a, d->id, s->id, &stored, &ns, e);
	if (rc < 0)
		return rc;
	size_t n = 0, cap = nr + nu + na + ns + nspeakers + 1;
	const char **names = arena_alloc(a, cap * sizeof(*names));
	for (size_t i = 0; i < nr; i++)
		names[n++] = rs[i].name;
	for (size_t i = 0; i < nu; i++)
		if (*us[i].name)
			names[n++] = us[i].name;
	for (size_t i = 0; i < na; i++)
		names[n++] = as[i].name;
	/* Speakers as a meeting program showed them: "Ana Ruiz (she/her)" is
	 * Ana Ruiz, and "she" and "her" are nobody. */
	for (size_t i = 0; i < ns; i++)
		names[n++] = display_name_clean(a, stored[i]);
	for (size_t i = 0; i < nspeakers; i++)
		names[n++] = display_name_clean(a, speakers[i]);
	if (c && c->facilitator && *c->facilitator)
		names[n++] = c->facilitator;
	/* The allow list is copied: taking out the names of this session's
	 * people must not change it for the next session. */
	struct own_words allow = {0};
	for (size_t i = 0; i < own->n; i++)
		own_words_add(&allow, a, own->v[i]);
	own_words_drop_names(&allow, a, names, n);
	*out = redact_names_new(a, names, n);
	redact_names_allow(*out, a, allow.v, allow.n);
	return 0;
}

int redaction_context(struct db *db, struct arena *a, const struct district *d, const struct session *s,
                      const struct conversation *c, const char *const *speakers, size_t nspeakers,
                      struct redact_names **out, struct err *e)
{
	struct own_words own;
	int rc = redaction_own_words(db, a, d, &own, e);
	return rc < 0 ? rc : context_with(db, a, d, s, c, speakers, nspeakers, &own, out, e);
}

const char *redaction_kind_name(enum redaction_kind k)
{
	static const char *const names[] = {"notes", "transcript segments", "survey comments", "quotes"};
	return (unsigned)k < REDACTION_NKINDS ? names[k] : "texts";
}

int redaction_contexts_init(struct db *db, struct arena *a, const struct district *d, struct redaction_contexts *cx,
                            struct err *e)
{
	struct own_words *own = arena_alloc(a, sizeof(*own));
	*cx = (struct redaction_contexts){.d = d, .own = own};
	return redaction_own_words(db, a, d, own, e);
}

int redaction_context_of(struct db *db, struct arena *a, struct redaction_contexts *cx, int64_t session_id,
                         struct redact_names **out, struct err *e)
{
	const struct district *d = cx->d;
	for (size_t i = 0; i < cx->n; i++)
		if (cx->session[i] == session_id) {
			*out = cx->rn[i];
			return 0;
		}
	struct session s;
	struct conversation c;
	bool found = false;
	int rc = 0;
	if (session_id) {
		rc = session_store_get(db, a, d->id, session_id, &s, e);
		if (rc == 0)
			rc = conversation_store_get(db, a, d->id, s.conversation_id, &c, e);
		found = rc == 0;
		if (rc == ERR_NOTFOUND)
			rc = 0;
	}
	if (rc == 0)
		rc = context_with(db, a, d, found ? &s : NULL, found ? &c : NULL, NULL, 0, cx->own, out, e);
	if (rc < 0)
		return rc;
	cx->session = arena_grow(a, cx->session, cx->n, &cx->cap, sizeof(*cx->session));
	cx->rn = arena_grow(a, cx->rn, cx->n, &cx->rcap, sizeof(*cx->rn));
	cx->session[cx->n] = session_id;
	cx->rn[cx->n++] = *out;
	return 0;
}

/* A stored text redacted again: *out (in a) and what was replaced.
 * *changed when it differs from text. */
static int again(struct redact_names *rn, struct arena *a, const char *text, const char **out,
                 struct redact_report *rep, bool *changed, struct err *e)
{
	struct buf b;
	buf_init(&b, REDACTION_MAX_BYTES);
	int rc = redact_run(rn, text, strlen(text), a, &b, rep, e);
	if (rc == 0) {
		*out = arena_strndup(a, b.p ? b.p : "", b.len);
		*changed = strcmp(*out, text) != 0;
	}
	buf_release(&b);
	return rc;
}

static int64_t placeholders(const struct redact_report *rep)
{
	return rep->stats.names + rep->stats.emails + rep->stats.phones + rep->stats.addresses;
}

/* Moves the codings of an excerpt whose text went from old to new. */
static int move_codings(struct db *db, struct arena *a, struct redaction_pass *p, const char *kind, int64_t id,
                        const char *old, const char *new_text, const struct redact_report *rep, struct err *e)
{
	struct coding *cs;
	size_t n = 0;
	int rc = coding_store_of_excerpt(db, a, p->d->id, kind, id, &cs, &n, e);
	for (size_t i = 0; rc == 0 && i < n; i++) {
		int64_t start = cs[i].start, end = cs[i].end;
		if (respan_map(old, new_text, rep->replaced, rep->nreplaced, &start, &end, e) < 0) {
			/* A span that no longer fit its text stays where it was. */
			if (coding_check_span(old, cs[i].start, cs[i].end, e) < 0)
				continue;
			return err_set(e, ERR_FAIL, NULL, "The coding %lld of %s %lld could not follow its text.",
			               (long long)cs[i].id, kind, (long long)id);
		}
		if (start == cs[i].start && end == cs[i].end)
			continue;
		p->tally.codings++;
		if (p->dry_run)
			continue;
		/* Moved onto a coding it now equals: one of the two is enough. */
		if ((rc = db_begin(db, e)) < 0)
			return rc;
		rc = db_end(db, coding_store_move(db, p->d->id, cs[i].id, start, end, e), e);
		if (rc == ERR_CONFLICT)
			rc = coding_store_delete(db, p->d->id, cs[i].id, e);
	}
	return rc;
}

/* One stored text of the session, redacted again and counted: *out (in a)
 * and what was replaced, or *out NULL when the text does not change. */
static int redo(struct db *db, struct arena *a, struct redaction_pass *p, struct redaction_contexts *cx,
                int64_t session_id, const char *text, const char **out, struct redact_report *rep, struct err *e)
{
	struct redact_names *rn;
	bool changed = false;
	*out = NULL;
	p->tally.seen++;
	int rc = redaction_context_of(db, a, cx, session_id, &rn, e);
	if (rc == 0)
		rc = again(rn, a, text, out, rep, &changed, e);
	if (rc < 0)
		return rc;
	if (!changed) {
		*out = NULL;
		return 0;
	}
	p->tally.changed++;
	p->tally.placeholders += placeholders(rep);
	return 0;
}

static int rerun_notes(struct db *db, struct arena *a, struct redaction_pass *p, struct redaction_contexts *cx,
                       int64_t limit, size_t *got, struct err *e)
{
	struct note *ns;
	int rc = note_store_batch(db, a, p->d->id, p->after, limit, &ns, got, e);
	for (size_t i = 0; rc == 0 && i < *got; i++) {
		const char *text;
		struct redact_report rep;
		p->after = ns[i].id;
		if ((rc = redo(db, a, p, cx, ns[i].session_id, ns[i].text, &text, &rep, e)) < 0 || !text)
			continue;
		if (!p->dry_run)
			rc = note_store_set_text(db, p->d->id, ns[i].id, text, (int64_t)transcript_words(text),
			                         ns[i].redacted + placeholders(&rep), e);
		if (rc == 0)
			rc = move_codings(db, a, p, "note", ns[i].id, ns[i].text, text, &rep, e);
	}
	return rc;
}

static int rerun_segments(struct db *db, struct arena *a, struct redaction_pass *p, struct redaction_contexts *cx,
                          int64_t limit, size_t *got, struct err *e)
{
	struct segment_row *ss;
	int rc = transcript_store_segment_batch(db, a, p->d->id, p->after, limit, &ss, got, e);
	for (size_t i = 0; rc == 0 && i < *got; i++) {
		const char *text;
		struct redact_report rep;
		p->after = ss[i].id;
		if ((rc = redo(db, a, p, cx, ss[i].session_id, ss[i].text, &text, &rep, e)) < 0 || !text)
			continue;
		if (!p->dry_run)
			rc = transcript_store_set_segment_text(db, p->d->id, ss[i].id, text, (int64_t)transcript_words(text),
			                                       e);
		if (rc == 0)
			rc = move_codings(db, a, p, "segment", ss[i].id, ss[i].text, text, &rep, e);
	}
	return rc;
}

static int rerun_surveys(struct db *db, struct arena *a, struct redaction_pass *p, struct redaction_contexts *cx,
                         int64_t limit, size_t *got, struct err *e)
{
	struct survey_response *rs;
	int rc = survey_store_comment_batch(db, a, p->d->id, p->after, limit, &rs, got, e);
	for (size_t i = 0; rc == 0 && i < *got; i++) {
		const char *text;
		struct redact_report rep;
		p->after = rs[i].id;
		if ((rc = redo(db, a, p, cx, rs[i].session_id, rs[i].comment, &text, &rep, e)) < 0 || !text)
			continue;
		if (!p->dry_run)
			rc = survey_store_set_comment(db, p->d->id, rs[i].id, text, e);
		if (rc == 0)
			rc = move_codings(db, a, p, "survey", rs[i].id, rs[i].comment, text, &rep, e);
	}
	return rc;
}

/* A quote whose words changed: approved, it goes back to proposed (someone
 * approved other words) and leaves the saved summaries; the same words as
 * another quote of its excerpt, it goes. */
static int rewrite_quote(struct db *db, struct arena *a, struct redaction_pass *p, const struct quote *q,
                         const char *text, struct err *e)
{
	bool approved = strcmp(q->status, "approved") == 0;
	p->tally.reproposed += approved;
	if (p->dry_run)
		return 0;
	int rc = db_begin(db, e);
	if (rc < 0)
		return rc;
	rc = db_end(db, quote_store_set_text(db, p->d->id, q->id, text, approved ? "proposed" : q->status, e), e);
	if (rc == ERR_CONFLICT) {
		rc = quote_store_delete(db, p->d->id, q->id, e);
		p->tally.merged++;
	}
	int left = 0;
	if (rc == 0 && approved && (rc = report_withdraw_quote(db, a, q, 0, &left, e)) == 0)
		p->tally.summaries += left;
	return rc;
}

static int rerun_quotes(struct db *db, struct arena *a, struct redaction_pass *p, struct redaction_contexts *cx,
                        int64_t limit, size_t *got, struct err *e)
{
	struct quote_row *qs;
	int rc = quote_store_batch(db, a, p->d->id, p->after, limit, &qs, got, e);
	for (size_t i = 0; rc == 0 && i < *got; i++) {
		const char *text;
		struct redact_report rep;
		p->after = qs[i].q.id;
		if ((rc = redo(db, a, p, cx, qs[i].session_id, qs[i].q.text, &text, &rep, e)) == 0 && text)
			rc = rewrite_quote(db, a, p, &qs[i].q, text, e);
	}
	return rc;
}

int redaction_rerun_batch(struct db *db, struct arena *a, struct redaction_pass *p, int64_t limit, struct err *e)
{
	static int (*const kinds[REDACTION_NKINDS])(struct db *, struct arena *, struct redaction_pass *,
	                                           struct redaction_contexts *, int64_t, size_t *, struct err *) = {
		rerun_notes, rerun_segments, rerun_surveys, rerun_quotes,
	};
	if ((unsigned)p->kind >= REDACTION_NKINDS || limit < 1)
		return err_set(e, ERR_INVALID, NULL, "There is no such kind of text, or the batch is empty.");
	struct redaction_pass start = *p;
	struct redaction_contexts cx = {0};
	size_t got = 0;
	int rc = db_begin(db, e);
	if (rc < 0)
		return rc;
	rc = redaction_contexts_init(db, a, p->d, &cx, e);
	if (rc == 0)
		rc = kinds[p->kind](db, a, p, &cx, limit, &got, e);
	if ((rc = db_end(db, rc, e)) < 0) {
		*p = start;
		return rc;
	}
	p->done = got < (size_t)limit;
	return 0;
}

int redaction_rerun_total(struct db *db, int64_t district_id, enum redaction_kind k, int64_t *n, struct err *e)
{
	switch (k) {
	case REDACTION_NOTES:
		return note_store_count(db, district_id, n, e);
	case REDACTION_SEGMENTS:
		return transcript_store_segment_count(db, district_id, n, e);
	case REDACTION_SURVEYS:
		return survey_store_comment_count(db, district_id, n, e);
	case REDACTION_QUOTES:
		return quote_store_count(db, district_id, n, e);
	}
	return err_set(e, ERR_INVALID, NULL, "There is no such kind of text.");
}

int redaction_rerun_log(struct db *db, struct arena *a, const struct district *d, const char *actor,
                        const struct redaction_tally *t, struct err *e)
{
	struct buf b;
	buf_init(&b, 4096);
	for (int k = 0; k < REDACTION_NKINDS; k++) {
		buf_printf(&b, "%s%s %lld/%lld changed, %lld placeholders", k ? "; " : "", redaction_kind_name(k),
		           (long long)t[k].changed, (long long)t[k].seen, (long long)t[k].placeholders);
		if (t[k].codings)
			buf_printf(&b, ", %lld codings moved", (long long)t[k].codings);
		if (t[k].reproposed)
			buf_printf(&b, ", %lld approved back to proposed", (long long)t[k].reproposed);
		if (t[k].merged)
			buf_printf(&b, ", %lld merged", (long long)t[k].merged);
	}
	struct audit_entry ev = {.district_id = d->id, .actor = actor, .action = "redact.rerun",
	                         .detail = arena_strndup(a, b.p ? b.p : "", b.len)};
	buf_release(&b);
	return audit_store_add(db, &ev, e);
}

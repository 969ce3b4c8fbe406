#include "service/report.h"

#include <math.h>
#include <string.h>
#include <strings.h>

#include "analysis/themes.h"
#include "core/str.h"
#include "domain/clock.h"
#include "domain/codebook.h"
#include "domain/report.h"
#include "service/capture.h"
#include "service/review.h"
#include "service/understand.h"
#include "store/attendee_store.h"
#include "store/code_store.h"
#include "store/coding_store.h"
#include "store/conversation_store.h"
#include "store/excerpt_store.h"
#include "store/initiative_store.h"
#include "store/quote_store.h"
#include "store/registration_store.h"
#include "store/session_store.h"
#include "store/summary_store.h"

/* Sessions of the initiative that have ended: how many, the first and last
 * dates in words. */
static int held(struct db *db, struct arena *a, const struct district *d, int64_t initiative_id, int64_t now,
                struct report_input *in, struct err *e)
{
	struct conversation *cs;
	size_t nc = 0;
	int rc = conversation_store_list(db, a, d->id, initiative_id, &cs, &nc, e);
	int64_t first = 0, last = 0;
	for (size_t i = 0; rc == 0 && i < nc; i++) {
		struct session *ss;
		size_t ns = 0;
		rc = session_store_list(db, a, d->id, cs[i].id, &ss, &ns, e);
		for (size_t k = 0; rc == 0 && k < ns; k++) {
			if (ss[k].ends_at > now)
				continue;
			in->sessions_held++;
			if (!first || ss[k].starts_at < first)
				first = ss[k].starts_at;
			if (ss[k].starts_at > last)
				last = ss[k].starts_at;
		}
	}
	if (rc == 0 && in->sessions_held) {
		struct clock_local l;
		struct buf b;
		buf_init(&b, 256);
		clock_to_local(d->timezone, first, &l);
		clock_human_date(&l, "en", &b);
		in->first_date = arena_strdup(a, b.p);
		buf_reset(&b);
		clock_to_local(d->timezone, last, &l);
		clock_human_date(&l, "en", &b);
		in->last_date = arena_strdup(a, b.p);
		buf_release(&b);
	}
	return rc;
}

/* The codebook's codes as themes: excerpts coded, groups, approved quotes. */
static int coded_themes(struct db *db, struct arena *a, int64_t district_id, int64_t initiative_id,
                        struct report_input *in, struct err *e)
{
	struct code *codes;
	struct coding *cs;
	struct excerpt_row *xs;
	struct quote *qs;
	size_t ncodes = 0, nc = 0, nx = 0, nq = 0;
	int rc = code_store_list(db, a, district_id, initiative_id, &codes, &ncodes, e);
	if (rc == 0)
		rc = coding_store_list(db, a, district_id, initiative_id, &cs, &nc, e);
	if (rc == 0)
		rc = excerpt_store_initiative(db, a, district_id, initiative_id, &xs, &nx, e);
	if (rc == 0)
		rc = quote_store_list(db, a, district_id, initiative_id, NULL, &qs, &nq, e);
	if (rc < 0 || ncodes == 0)
		return rc;
	/* Groups of the excerpts, and their sizes. */
	const char **groups = arena_alloc(a, (nx + 1) * sizeof(*groups));
	size_t ngroups = 0, *gsize = arena_alloc(a, (nx + 1) * sizeof(*gsize));
	size_t *xgroup = arena_alloc(a, (nx + 1) * sizeof(*xgroup));
	for (size_t i = 0; i < nx; i++) {
		size_t g = 0;
		while (g < ngroups && strcmp(groups[g], xs[i].group) != 0)
			g++;
		if (g == ngroups)
			groups[ngroups++] = xs[i].group;
		gsize[g]++;
		xgroup[i] = g;
	}
	struct report_theme *ts = arena_alloc(a, ncodes * sizeof(*ts));
	for (size_t k = 0; k < ncodes; k++) {
		struct theme th = {.group_counts = arena_alloc(a, (ngroups + 1) * sizeof(size_t)), .divergent_group = -1};
		/* Each excerpt once, whoever coded it. */
		for (size_t i = 0; i < nx; i++) {
			bool coded = false;
			for (size_t c = 0; c < nc && !coded; c++)
				coded = cs[c].code_id == codes[k].id && cs[c].excerpt_id == xs[i].id &&
				        strcmp(cs[c].excerpt_kind, xs[i].kind) == 0;
			if (coded) {
				th.size++;
				th.group_counts[xgroup[i]]++;
			}
		}
		theme_spread(&th, gsize, ngroups);
		struct report_quote *rq = arena_alloc(a, (nq + 1) * sizeof(*rq));
		size_t nrq = 0;
		for (size_t q = 0; q < nq; q++) {
			if (qs[q].code_id == codes[k].id && strcmp(qs[q].status, "approved") == 0)
				rq[nrq++] = (struct report_quote){qs[q].text, qs[q].attribution};
		}
		ts[k] = (struct report_theme){codes[k].name, codes[k].description, th.size, rq, nrq, th.common,
		                              th.divergent_group >= 0 ? groups[th.divergent_group] : NULL, th.evenness};
	}
	for (size_t q = 0; q < nq; q++)
		in->quotes_waiting += strcmp(qs[q].status, "proposed") == 0;
	in->themes = ts;
	in->nthemes = ncodes;
	return 0;
}

/* No codebook yet: the engine's suggestions, without quotes. */
static int suggested_themes(struct db *db, struct arena *a, int64_t district_id, int64_t initiative_id,
                            struct report_input *in, struct err *e)
{
	struct suggestion s;
	int rc = understand_suggest(db, a, district_id, initiative_id, 0, &s, e);
	if (rc < 0 || !s.enough)
		return rc;
	struct report_theme *ts = arena_alloc(a, (s.r.nthemes + 1) * sizeof(*ts));
	for (size_t i = 0; i < s.r.nthemes; i++) {
		const struct theme *t = &s.r.themes[i];
		ts[i] = (struct report_theme){t->label, "", t->size, NULL, 0, t->common,
		                              t->divergent_group >= 0 ? s.r.groups[t->divergent_group] : NULL, t->evenness};
	}
	in->themes = ts;
	in->nthemes = s.r.nthemes;
	in->suggested = true;
	return 0;
}

int report_draft(struct db *db, struct arena *a, const struct district *d, int64_t initiative_id, bool public_view,
                 int64_t now, struct buf *md, struct err *e)
{
	struct initiative init;
	int rc = initiative_store_get(db, a, d->id, initiative_id, &init, e);
	if (rc < 0)
		return rc;
	struct report_input in = {.public_view = public_view, .district = d->name, .title = init.title, .why = init.why,
	                          .data_behind = init.data_behind, .goals = init.goals, .people = -1};
	struct representation rep;
	int64_t people = 0;
	if ((rc = held(db, a, d, initiative_id, now, &in, e)) < 0 ||
	    (rc = capture_representation(db, a, d->id, initiative_id, now, public_view, &rep, &people, e)) < 0)
		return rc;
	/* In public a total under 5 is not shown either. */
	in.people = public_view && people < REPRESENTATION_MIN_PUBLIC ? -1 : people;
	in.rep = &rep;
	rc = coded_themes(db, a, d->id, initiative_id, &in, e);
	if (rc == 0 && in.nthemes == 0)
		rc = suggested_themes(db, a, d->id, initiative_id, &in, e);
	if (rc < 0)
		return rc;
	if (public_view)
		in.quotes_waiting = 0;
	report_markdown(&in, md);
	return 0;
}

int report_summary_now(struct db *db, struct arena *a, const struct district *d, int64_t initiative_id,
                       const char *audience, int64_t now, struct summary *out, bool *saved, struct err *e)
{
	int rc = summary_store_get(db, a, d->id, initiative_id, audience, out, e);
	*saved = rc == 0;
	if (rc != ERR_NOTFOUND)
		return rc;
	*out = (struct summary){.district_id = d->id, .initiative_id = initiative_id, .audience = audience};
	struct buf md;
	buf_init(&md, 1 << 22);
	rc = report_draft(db, a, d, initiative_id, strcmp(audience, "public") == 0, now, &md, e);
	out->markdown = rc == 0 ? arena_strdup(a, md.p ? md.p : "") : NULL;
	buf_release(&md);
	return rc;
}

int report_current(struct db *db, struct arena *a, const struct district *d, int64_t initiative_id,
                   const char *audience, int64_t now, const char **markdown, bool *saved, struct err *e)
{
	struct summary s;
	int rc = report_summary_now(db, a, d, initiative_id, audience, now, &s, saved, e);
	*markdown = rc == 0 ? s.markdown : NULL;
	return rc;
}

/* Whether the speaker of an excerpt consented to be quoted: a note's code
 * (an attendee whose consent was confirmed), or a transcript speaker's
 * name matched to such an attendee, or else to a registrant who agreed. */
static int consented(struct db *db, struct arena *a, int64_t district_id, const char *kind, int64_t id, bool *ok,
                     const char **why, struct err *e)
{
	int64_t session_id = 0;
	const char *code = "", *name = "";
	*ok = false;
	int rc = excerpt_store_speaker(db, a, district_id, kind, id, &session_id, &code, &name, e);
	if (rc < 0)
		return rc;
	if (strcmp(kind, "survey") == 0) {
		*why = "Survey comments are not quoted: the survey does not ask for consent to quote.";
		return 0;
	}
	if (strcmp(code, "-") == 0) {
		*why = "This note is in the note-taker's words: only word-for-word quotes can be quoted.";
		return 0;
	}
	if (!*code || strcmp(code, "F") == 0) {
		*why = "Only what participants said can be quoted, not the facilitator's words or remarks about the room.";
		return 0;
	}
	struct attendee *as;
	struct registration *rs;
	size_t na = 0, nr = 0;
	if ((rc = attendee_store_list(db, a, district_id, session_id, &as, &na, e)) < 0 ||
	    (rc = registration_store_list(db, a, district_id, session_id, &rs, &nr, e)) < 0)
		return rc;
	for (size_t i = 0; i < na; i++) {
		bool same = strcmp(kind, "note") == 0 ? strcmp(as[i].code, code) == 0 : strcasecmp(as[i].name, name) == 0;
		if (same) {
			*ok = as[i].consent_quote && as[i].consent_at;
			*why = "This speaker did not agree to be quoted (or the consent was not confirmed at the session).";
			return 0;
		}
	}
	for (size_t i = 0; strcmp(kind, "segment") == 0 && i < nr; i++)
		if (strcasecmp(rs[i].name, name) == 0) {
			*ok = rs[i].consent_quote;
			*why = "This speaker did not agree to be quoted.";
			return 0;
		}
	*why = "There is no record of this speaker's consent to be quoted.";
	return 0;
}

int report_propose_quote(struct db *db, struct arena *a, int64_t district_id, int64_t initiative_id, const char *kind,
                         int64_t excerpt_id, int64_t code_id, const char *quote, int64_t user_id, struct quote *out,
                         struct err *e)
{
	struct excerpt_row xr;
	int rc = understand_excerpt(db, a, district_id, initiative_id, code_id, kind, excerpt_id, &xr, e);
	if (rc < 0)
		return rc;
	const struct excerpt_row *x = &xr;
	bool ok = false;
	const char *why = "";
	if ((rc = consented(db, a, district_id, kind, excerpt_id, &ok, &why, e)) < 0)
		return rc;
	if (!ok)
		return err_set(e, ERR_INVALID, "quote", "%s", why);
	int64_t start, end;
	if ((rc = coding_span(x->text, quote, &start, &end, e)) < 0)
		return rc;
	struct str q = str_trim(str_from(quote ? quote : ""));
	*out = (struct quote){.district_id = district_id, .initiative_id = initiative_id, .code_id = code_id,
	                      .excerpt_kind = x->kind, .excerpt_id = x->id,
	                      .text = q.len ? arena_strndup(a, q.p, q.len) : x->text, .attribution = x->group,
	                      .proposed_by = user_id};
	return quote_store_add(db, out, e);
}

/* Removes from text the blockquote that starts with needle (the quote line
 * and its attribution, up to the next blank line).  True when found. */
static bool cut_quote(struct arena *a, const char *text, const char *needle, const char **out)
{
	const char *at = strstr(text, needle);
	if (!at || (at != text && at[-1] != '\n'))
		return false;
	const char *end = strstr(at, "\n\n");
	end = end ? end + 1 : at + strlen(at);
	size_t before = (size_t)(at - text);
	/* Drop the blank line before it too, so no gap is left. */
	if (before >= 1 && text[before - 1] == '\n' && before >= 2 && text[before - 2] == '\n')
		before--;
	struct buf b;
	buf_init(&b, strlen(text) + 1);
	buf_add(&b, text, before);
	buf_adds(&b, end);
	*out = arena_strdup(a, b.p ? b.p : "");
	buf_release(&b);
	return true;
}

int report_withdraw_quote(struct db *db, struct arena *a, const struct quote *q, int64_t user_id, int *changed,
                          struct err *e)
{
	static const char *const audiences[] = {"public", "internal"};
	struct buf needle;
	buf_init(&needle, 1 << 16);
	buf_adds(&needle, "> ");
	report_escape(&needle, q->text);
	int rc = 0;
	*changed = 0;
	for (size_t i = 0; rc == 0 && i < 2; i++) {
		struct summary s;
		rc = summary_store_get(db, a, q->district_id, q->initiative_id, audiences[i], &s, e);
		if (rc == ERR_NOTFOUND) {
			rc = 0;
			continue;
		}
		const char *cut;
		if (rc == 0 && cut_quote(a, s.markdown, needle.p, &cut)) {
			s.markdown = cut;
			s.updated_by = user_id;
			rc = summary_store_save(db, &s, e);
			(*changed)++;
		}
	}
	buf_release(&needle);
	return rc;
}

/* The blockquote of text as the draft writes it: "> " and the escaped words. */
static const char *blockquote(struct arena *a, const char *text)
{
	struct buf b;
	buf_init(&b, 1 << 20);
	buf_adds(&b, "> ");
	report_escape(&b, text);
	const char *out = arena_strdup(a, b.p ? b.p : "");
	buf_release(&b);
	return out;
}

/* text with each line that starts with from (and goes on with a space, a
 * line break or nothing) starting with to instead; NULL when none does. */
static const char *swap_lines(struct arena *a, const char *text, const char *from, const char *to)
{
	struct buf b;
	size_t flen = strlen(from);
	bool found = false;
	buf_init(&b, (size_t)8 << 20);
	for (const char *p = text; *p;) {
		bool line_start = p == text || p[-1] == '\n';
		if (line_start && strncmp(p, from, flen) == 0 && (p[flen] == ' ' || p[flen] == '\n' || !p[flen])) {
			buf_adds(&b, to);
			p += flen;
			found = true;
			continue;
		}
		buf_addc(&b, *p++);
	}
	const char *out = found && !b.overflow ? arena_strdup(a, b.p ? b.p : "") : NULL;
	buf_release(&b);
	return out;
}

int report_requote(struct db *db, struct arena *a, const struct quote *q, const char *new_text, int64_t user_id,
                   int *changed, struct err *e)
{
	static const char *const audiences[] = {"public", "internal"};
	const char *from = blockquote(a, q->text), *to = blockquote(a, new_text);
	int rc = 0;
	*changed = 0;
	for (size_t i = 0; rc == 0 && i < 2; i++) {
		struct summary s;
		rc = summary_store_get(db, a, q->district_id, q->initiative_id, audiences[i], &s, e);
		if (rc == ERR_NOTFOUND) {
			rc = 0;
			continue;
		}
		const char *md = rc == 0 ? swap_lines(a, s.markdown, from, to) : NULL;
		if (md) {
			rc = summary_store_redact(db, s.district_id, s.id, md, user_id, e);
			(*changed)++;
		}
	}
	return rc;
}

int report_decide_quote(struct db *db, struct arena *a, const struct district *d, int64_t id, const char *action,
                        int64_t user_id, struct quote *q, struct err *e)
{
	bool approve = strcmp(action, "approve") == 0;
	int rc = db_begin(db, e);
	if (rc < 0)
		return rc;
	rc = quote_store_get(db, a, d->id, id, q, e);
	if (rc == 0 && approve) {
		struct review rv;
		rc = review_quote(db, a, d, q, &rv, e);
		if (rc == 0)
			rc = review_block(&rv, "approving", e);
	}
	if (rc == 0)
		rc = quote_store_decide(db, d->id, q->id, approve ? "approved" : "rejected", user_id, e);
	int changed = 0;
	if (rc == 0 && !approve)
		rc = report_withdraw_quote(db, a, q, user_id, &changed, e);
	if (rc == 0)
		q->status = approve ? "approved" : "rejected";
	return db_end(db, rc, e);
}

int report_approve_summary(struct db *db, struct arena *a, const struct district *d, int64_t initiative_id,
                           int64_t user_id, int64_t now, struct summary *s, struct err *e)
{
	int rc = db_begin(db, e);
	if (rc < 0)
		return rc;
	struct review rv;
	rc = summary_store_get(db, a, d->id, initiative_id, "public", s, e);
	if (rc == ERR_NOTFOUND)
		rc = err_set(e, ERR_NOTFOUND, NULL, "Save the public summary before you approve it.");
	if (rc == 0)
		rc = review_summary(db, a, d, s, &rv, e);
	if (rc == 0)
		rc = review_block(&rv, "approving", e);
	if (rc == 0)
		rc = summary_store_approve(db, d->id, s->id, user_id, now, e);
	if (rc == 0) {
		s->approved_by = user_id;
		s->approved_at = now;
	}
	return db_end(db, rc, e);
}

/* Summaries and quotes: the internal and the public summary of an
 * initiative (drafted from what is stored, edited as Markdown, previewed,
 * printed), the quotes proposed from the codebook and their approval, and
 * GET /api/v1/reports/{id} in Markdown or HTML.  See service/report.h. */
#include <string.h>
#include <time.h>

#include "core/log.h"
#include "core/str.h"
#include "domain/report.h"
#include "service/qdpx.h"
#include "service/report.h"
#include "service/review.h"
#include "store/initiative_store.h"
#include "store/quote_store.h"
#include "store/summary_store.h"
#include "tmpl/markdown.h"
#include "web/app.h"
#include "web/handlers.h"
#include "web/views.h"

/* Reads what a summary page or the reports API is asked for from f (the
 * query or the form); a refusal answers 400 naming the field. */
static bool read_ask(struct req *r, struct resp *w, const struct form *f, struct summary_ask *q)
{
	struct err e;
	*q = (struct summary_ask){0};
	if (req_fields_from(r, f, summary_ask_fields, q, &e) < 0) {
		resp_error(w, r, 400, e.field, e.msg);
		return false;
	}
	return true;
}

/* What a page says after a redirect: done=1 saved, done=reviewed the
 * review saved, done=approved approved for sharing. */
static void done_flags(struct req *r, json_t *data)
{
	const char *done = form_get(&r->query, "done");
	if (!data || !done)
		return;
	const char *key = strcmp(done, "reviewed") == 0   ? "reviewed"
	                  : strcmp(done, "approved") == 0 ? "approved_now"
	                                                  : "done";
	json_object_set_new(data, key, json_true());
}

/* The summary page; the public one with its check for names (what
 * redaction marked, what staff kept) and whether it is approved for
 * sharing.  blocked: an approval just refused. */
static void summary_page(struct req *r, struct resp *w, int status, const struct initiative *in,
                         const struct summary *sm, bool saved, bool blocked, const struct err *e)
{
	bool pub = strcmp(sm->audience, "public") == 0;
	const char *markdown = sm->markdown ? sm->markdown : "";
	struct buf html;
	buf_init(&html, 1 << 22);
	markdown_html(&html, markdown);
	json_t *data = json_pack("{s:s, s:I, s:s, s:s, s:s, s:s, s:b, s:b}", "title", "Summary", "initiative_id",
	                         (json_int_t)in->id, "initiative_title", in->title, "audience", sm->audience, "markdown",
	                         markdown, "html", html.p ? html.p : "", "saved", saved, "public", pub);
	buf_release(&html);
	struct review rv = {0};
	struct err re;
	if (data && pub) {
		json_object_set_new(data, "review_id", json_string("summary"));
		if (review_summary(r->db, r->a, &r->district, sm, &rv, &re) == 0)
			json_object_set_new(data, "review", view_review(r->a, &rv, true));
		else
			log_warn("summary review: %s", re.msg);
		if (saved && sm->approved_at) {
			json_object_set_new(data, "approved", json_true());
			json_object_set_new(data, "approved_day", view_day(sm->approved_at, r->district.timezone, r->lang));
		}
		if (blocked)
			json_object_set_new(data, "blocked", json_integer((json_int_t)rv.pending));
	}
	if (!blocked)
		view_error(data, e);
	done_flags(r, data);
	resp_page(w, r, status, "admin/summary", data);
}

static int load_initiative(struct req *r, int64_t id, struct initiative *in, struct err *e)
{
	if (id <= 0)
		return err_set(e, ERR_NOTFOUND, NULL, "There is no such initiative.");
	return initiative_store_get(r->db, r->a, r->user.district_id, id, in, e);
}

void h_summary(struct req *r, struct resp *w)
{
	struct initiative in;
	struct err e;
	struct summary_ask q;
	if (!read_ask(r, w, &r->query, &q))
		return;
	struct summary sm;
	bool saved = false;
	if (load_initiative(r, q.initiative, &in, &e) < 0 ||
	    report_summary_now(r->db, r->a, &r->district, in.id, summary_audience(&q), time(NULL), &sm, &saved, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	summary_page(r, w, 200, &in, &sm, saved, false, NULL);
}

/* POST: action save (markdown), draft (start again from a fresh draft) or
 * approve (the public one, for sharing, once nothing waits for review). */
void h_summary_save(struct req *r, struct resp *w)
{
	struct initiative in;
	struct err e;
	err_clear(&e);
	struct summary_ask q;
	if (!read_ask(r, w, &r->form, &q))
		return;
	if (!*q.audience) {
		resp_error(w, r, 400, "audience", "The summary is internal or public.");
		return;
	}
	const char *audience = summary_audience(&q);
	if (load_initiative(r, q.initiative, &in, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	struct summary s = {.district_id = in.district_id, .initiative_id = in.id, .audience = audience,
	                    .updated_by = r->user.id};
	if (strcmp(q.action, "approve") == 0) {
		bool saved = false;
		int rc = strcmp(audience, "public") != 0
		                 ? err_set(&e, ERR_INVALID, "audience", "Only the public summary is approved for sharing.")
		                 : report_approve_summary(r->db, r->a, &r->district, in.id, r->user.id, time(NULL), &s, &e);
		if (rc == ERR_CONFLICT || rc == ERR_INVALID) {
			struct err le;
			if (report_summary_now(r->db, r->a, &r->district, in.id, audience, time(NULL), &s, &saved, &le) < 0) {
				resp_err(w, r, &le);
				return;
			}
			summary_page(r, w, rc == ERR_CONFLICT ? 409 : 422, &in, &s, saved, rc == ERR_CONFLICT, &e);
			return;
		}
		if (rc < 0) {
			resp_err(w, r, &e);
			return;
		}
		req_audit(r, "summary.approve", arena_printf(r->a, "initiative %lld, public", (long long)in.id));
		resp_redirect(w, r, arena_printf(r->a, "/admin/understand/summary?initiative=%lld&audience=public&done=approved",
		                                 (long long)in.id));
		return;
	}
	if (strcmp(q.action, "draft") == 0) {
		struct buf md;
		buf_init(&md, 1 << 22);
		int rc = report_draft(r->db, r->a, &r->district, in.id, strcmp(audience, "public") == 0, time(NULL), &md, &e);
		s.markdown = arena_strdup(r->a, md.p ? md.p : "");
		buf_release(&md);
		if (rc < 0) {
			resp_err(w, r, &e);
			return;
		}
	} else {
		if (req_fields(r, summary_fields, &s, &e) < 0) {
			s.markdown = req_form(r, "markdown");
			summary_page(r, w, 422, &in, &s, true, false, &e);
			return;
		}
	}
	if (summary_store_save(r->db, &s, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	req_audit(r, "summary.save", arena_printf(r->a, "initiative %lld, %s", (long long)in.id, audience));
	resp_redirect(w, r, arena_printf(r->a, "/admin/understand/summary?initiative=%lld&audience=%s&done=1",
	                                 (long long)in.id, audience));
}

/* ---- quotes ---- */

/* The quotes of an initiative, each with its check for names.  blocked:
 * the quote whose approval was just refused (0: none), its card says why. */
static void quotes_page(struct req *r, struct resp *w, int status, int64_t initiative_id, int64_t blocked,
                        const struct err *e)
{
	struct initiative in;
	struct err le;
	struct quote *qs;
	size_t n = 0;
	if (load_initiative(r, initiative_id, &in, &le) < 0 ||
	    quote_store_list(r->db, r->a, in.district_id, in.id, NULL, &qs, &n, &le) < 0) {
		resp_err(w, r, &le);
		return;
	}
	struct review *rvs = arena_alloc(r->a, (n + 1) * sizeof(*rvs));
	if (review_quotes(r->db, r->a, &r->district, qs, n, rvs, &le) < 0) {
		resp_err(w, r, &le);
		return;
	}
	json_t *list = json_array();
	json_int_t waiting = -1;
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:b, s:b, s:o}", "id", (json_int_t)qs[i].id, "text", qs[i].text,
		                      "attribution", qs[i].attribution, "status", qs[i].status, "approved",
		                      strcmp(qs[i].status, "approved") == 0, "proposed", strcmp(qs[i].status, "proposed") == 0,
		                      "review", view_review(r->a, &rvs[i], true));
		if (o)
			json_object_set_new(o, "review_id", json_integer((json_int_t)qs[i].id));
		if (o && qs[i].id == blocked) {
			waiting = (json_int_t)rvs[i].pending;
			json_object_set_new(o, "blocked", json_integer(waiting));
		}
		json_array_append_new(list, o);
	}
	json_t *data = json_pack("{s:s, s:I, s:s, s:o}", "title", "Quotes", "initiative_id", (json_int_t)in.id,
	                         "initiative_title", in.title, "quotes", list);
	if (waiting >= 0 && data)
		json_object_set_new(data, "blocked", json_integer(waiting));
	else
		view_error(data, e);
	done_flags(r, data);
	resp_page(w, r, status, "admin/quotes", data);
}

void h_quotes(struct req *r, struct resp *w)
{
	struct summary_ask q;
	if (read_ask(r, w, &r->query, &q))
		quotes_page(r, w, 200, q.initiative, 0, NULL);
}

/* POST /admin/understand/quotes/{id}: action approve or reject.  An
 * approval while words wait for review shows the page again (409) with
 * how many. */
void h_quote_decide(struct req *r, struct resp *w)
{
	struct quote q = {0};
	struct err e;
	struct quote_decision d = {0};
	if (req_fields(r, quote_decision_fields, &d, &e) < 0) {
		resp_error(w, r, 400, e.field, e.msg);
		return;
	}
	int rc = report_decide_quote(r->db, r->a, &r->district, req_param_id(r, "id"), d.action, r->user.id, &q, &e);
	if (rc == ERR_CONFLICT && q.initiative_id) {
		quotes_page(r, w, 409, q.initiative_id, q.id, &e);
		return;
	}
	if (rc < 0) {
		resp_err(w, r, &e);
		return;
	}
	req_audit(r, "quote.decide", arena_printf(r->a, "quote %lld %s", (long long)q.id, q.status));
	resp_redirect(w, r, arena_printf(r->a, "/admin/understand/quotes?initiative=%lld&done=1", (long long)q.initiative_id));
}

/* Shown again after a refused review (web/h_review.c). */
void h_quotes_page(struct req *r, struct resp *w, int status, int64_t initiative_id, const struct err *e)
{
	quotes_page(r, w, status, initiative_id, 0, e);
}

void h_summary_public_page(struct req *r, struct resp *w, int status, int64_t initiative_id, const struct err *e)
{
	struct initiative in;
	struct summary sm;
	struct err le;
	bool saved = false;
	if (load_initiative(r, initiative_id, &in, &le) < 0 ||
	    report_summary_now(r->db, r->a, &r->district, in.id, "public", time(NULL), &sm, &saved, &le) < 0) {
		resp_err(w, r, &le);
		return;
	}
	summary_page(r, w, status, &in, &sm, saved, false, e);
}

/* GET /api/v1/reports/{id}?audience=internal|public&format=md|html */
void api_report(struct req *r, struct resp *w)
{
	struct initiative in;
	struct err e;
	struct summary_ask q;
	if (!read_ask(r, w, &r->query, &q))
		return;
	struct summary sm;
	bool saved = false;
	if (initiative_store_get(r->db, r->a, r->user.district_id, req_param_id(r, "id"), &in, &e) < 0 ||
	    report_summary_now(r->db, r->a, &r->district, in.id, summary_audience(&q), time(NULL), &sm, &saved, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	if (strcmp(q.format, "html") == 0) {
		w->content_type = "text/html; charset=utf-8";
		markdown_html(&w->body, sm.markdown);
	} else {
		w->content_type = "text/markdown; charset=utf-8";
		buf_adds(&w->body, sm.markdown);
	}
	resp_header(w, r, "X-Summary-Saved", saved ? "yes" : "draft");
	resp_header(w, r, "X-Summary-Approved", saved && sm.approved_at ? "yes" : "no");
}

/* The REFI-QDA project of an initiative, for QualCoder, ATLAS.ti and the
 * like: GET /admin/understand/export.qdpx?initiative=N and
 * GET /api/v1/initiatives/{id}/qdpx. */
static void send_qdpx(struct req *r, struct resp *w, int64_t initiative_id)
{
	struct initiative in;
	struct err e;
	if (initiative_store_get(r->db, r->a, r->user.district_id, initiative_id, &in, &e) < 0 ||
	    qdpx_export(r->db, r->a, &r->district, in.id, time(NULL), &w->body, &e) < 0) {
		buf_reset(&w->body);
		resp_err(w, r, &e);
		return;
	}
	w->content_type = "application/zip";
	resp_header(w, r, "Content-Disposition",
	            arena_printf(r->a, "attachment; filename=\"initiative-%lld.qdpx\"", (long long)in.id));
	req_audit(r, "initiative.export", arena_printf(r->a, "initiative %lld as REFI-QDA", (long long)in.id));
}

void h_qdpx(struct req *r, struct resp *w)
{
	struct summary_ask q;
	if (read_ask(r, w, &r->query, &q))
		send_qdpx(r, w, q.initiative);
}

void api_qdpx(struct req *r, struct resp *w)
{
	send_qdpx(r, w, req_param_id(r, "id"));
}

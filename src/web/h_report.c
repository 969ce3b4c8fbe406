/* Summaries and quotes: the internal and the public summary of an
 * initiative (drafted from what is stored, edited as Markdown, previewed,
 * printed), the quotes proposed from the codebook and their approval, and
 * GET /api/v1/reports/{id} in Markdown or HTML.  See service/report.h. */
#include <string.h>
#include <time.h>

#include "core/str.h"
#include "domain/report.h"
#include "service/qdpx.h"
#include "service/report.h"
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

static void summary_page(struct req *r, struct resp *w, int status, const struct initiative *in, const char *audience,
                         const char *markdown, bool saved, const struct err *e)
{
	struct buf html;
	buf_init(&html, 1 << 22);
	markdown_html(&html, markdown);
	json_t *data = json_pack("{s:s, s:I, s:s, s:s, s:s, s:s, s:b, s:b}", "title", "Summary", "initiative_id",
	                         (json_int_t)in->id, "initiative_title", in->title, "audience", audience, "markdown",
	                         markdown ? markdown : "", "html", html.p ? html.p : "", "saved", saved, "public",
	                         strcmp(audience, "public") == 0);
	buf_release(&html);
	view_error(data, e);
	if (data && form_get(&r->query, "done"))
		json_object_set_new(data, "done", json_true());
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
	const char *audience = summary_audience(&q), *md = NULL;
	bool saved = false;
	if (load_initiative(r, q.initiative, &in, &e) < 0 ||
	    report_current(r->db, r->a, &r->district, in.id, audience, time(NULL), &md, &saved, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	summary_page(r, w, 200, &in, audience, md, saved, NULL);
}

/* POST: action save (markdown) or draft (start again from a fresh draft). */
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
			summary_page(r, w, 422, &in, audience, req_form(r, "markdown"), true, &e);
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

void h_quotes(struct req *r, struct resp *w)
{
	struct initiative in;
	struct err e;
	struct quote *qs;
	size_t n = 0;
	struct summary_ask q;
	if (!read_ask(r, w, &r->query, &q))
		return;
	if (load_initiative(r, q.initiative, &in, &e) < 0 ||
	    quote_store_list(r->db, r->a, in.district_id, in.id, NULL, &qs, &n, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(list, json_pack("{s:I, s:s, s:s, s:s, s:b, s:b}", "id", (json_int_t)qs[i].id, "text",
		                                      qs[i].text, "attribution", qs[i].attribution, "status", qs[i].status,
		                                      "approved", strcmp(qs[i].status, "approved") == 0, "proposed",
		                                      strcmp(qs[i].status, "proposed") == 0));
	json_t *data = json_pack("{s:s, s:I, s:s, s:o}", "title", "Quotes", "initiative_id", (json_int_t)in.id,
	                         "initiative_title", in.title, "quotes", list);
	if (data && form_get(&r->query, "done"))
		json_object_set_new(data, "done", json_true());
	resp_page(w, r, 200, "admin/quotes", data);
}

/* POST /admin/understand/quotes/{id}: action approve or reject. */
void h_quote_decide(struct req *r, struct resp *w)
{
	struct quote q;
	struct err e;
	struct quote_decision d = {0};
	if (req_fields(r, quote_decision_fields, &d, &e) < 0) {
		resp_error(w, r, 400, e.field, e.msg);
		return;
	}
	const char *status = strcmp(d.action, "approve") == 0 ? "approved" : "rejected";
	int changed = 0;
	if (quote_store_get(r->db, r->a, r->user.district_id, req_param_id(r, "id"), &q, &e) < 0 ||
	    quote_store_decide(r->db, q.district_id, q.id, status, r->user.id, &e) < 0 ||
	    (strcmp(status, "rejected") == 0 && report_withdraw_quote(r->db, r->a, &q, r->user.id, &changed, &e) < 0)) {
		resp_err(w, r, &e);
		return;
	}
	req_audit(r, "quote.decide", arena_printf(r->a, "quote %lld %s", (long long)q.id, status));
	resp_redirect(w, r, arena_printf(r->a, "/admin/understand/quotes?initiative=%lld&done=1", (long long)q.initiative_id));
}

/* GET /api/v1/reports/{id}?audience=internal|public&format=md|html */
void api_report(struct req *r, struct resp *w)
{
	struct initiative in;
	struct err e;
	struct summary_ask q;
	if (!read_ask(r, w, &r->query, &q))
		return;
	const char *md = NULL;
	bool saved = false;
	if (initiative_store_get(r->db, r->a, r->user.district_id, req_param_id(r, "id"), &in, &e) < 0 ||
	    report_current(r->db, r->a, &r->district, in.id, summary_audience(&q), time(NULL), &md, &saved, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	if (strcmp(q.format, "html") == 0) {
		w->content_type = "text/html; charset=utf-8";
		markdown_html(&w->body, md);
	} else {
		w->content_type = "text/markdown; charset=utf-8";
		buf_adds(&w->body, md);
	}
	resp_header(w, r, "X-Summary-Saved", saved ? "yes" : "draft");
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

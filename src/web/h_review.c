/* The check for names before a quote or the public summary leaves the
 * team (service/review.h): staff replace the words redaction was unsure of,
 * keep them, or replace any exact phrase of the text by hand — by the
 * review forms of the quotes and summary pages (no JavaScript: a choice per
 * word, fields word_N and choice_N, and "also") and by the API; and the
 * API's quotes (list, read, decide) and approval of the public summary.
 * The audit log says who reviewed what and how many spans changed, never
 * the words. */
#include <string.h>
#include <time.h>

#include "core/str.h"
#include "domain/codebook.h"
#include "domain/doubt.h"
#include "domain/report.h"
#include "service/report.h"
#include "service/review.h"
#include "store/initiative_store.h"
#include "store/quote_store.h"
#include "store/summary_store.h"
#include "web/app.h"
#include "web/handlers.h"
#include "web/views.h"

/* The form's fields of one row of the review: the table's "word" is word_3. */
struct row_form {
	struct field_source form;
	size_t row;
	struct arena *a;
};

static void row_form_get(void *ctx, const char *name, struct field_value *v)
{
	const struct row_form *rf = ctx;
	rf->form.get(rf->form.ctx, arena_printf(rf->a, "%s_%zu", name, rf->row), v);
}

/* Reads the rows word_1/choice_1 … (up to the first row without a word)
 * and also from the form.  ERR_INVALID naming the row's field. */
static int form_picks(struct req *r, struct doubt_pick **picks, size_t *np, const char **also, struct err *e)
{
	struct field_ctx cx = req_field_ctx(r);
	*picks = arena_alloc(r->a, (DOUBT_MAX_WORDS + 1) * sizeof(**picks));
	*np = 0;
	for (size_t i = 1; i <= DOUBT_MAX_WORDS; i++) {
		if (!*req_form(r, arena_printf(r->a, "word_%zu", i)))
			break;
		struct row_form rf = {form_source(&r->form), i, r->a};
		struct field_source src = {.get = row_form_get, .ctx = &rf, .typed = false};
		struct doubt_pick *p = &(*picks)[(*np)++];
		*p = (struct doubt_pick){0};
		if (field_read(doubt_pick_fields, p, &src, &cx, e) < 0) {
			str_copy(e->field, sizeof(e->field), arena_printf(r->a, "%s_%zu", e->field, i));
			return ERR_INVALID;
		}
	}
	struct doubt_ask ask = {0};
	int rc = req_fields(r, doubt_ask_fields, &ask, e);
	*also = ask.also ? ask.also : "";
	return rc;
}

/* Reads {"words": [{"word", "choice"}], "also"} from o; false when it has
 * answered 400. */
static bool json_picks(struct req *r, struct resp *w, json_t *o, struct doubt_pick **picks, size_t *np,
                       const char **also)
{
	json_t *words = json_object_get(o, "words");
	if (words && (!json_is_array(words) || json_array_size(words) > DOUBT_MAX_WORDS)) {
		resp_error(w, r, 400, "words", "\"words\" must be a list of at most 50 {word, choice}.");
		return false;
	}
	size_t n = json_array_size(words);
	*picks = arena_alloc(r->a, (n + 1) * sizeof(**picks));
	*np = n;
	for (size_t i = 0; i < n; i++) {
		json_t *p = json_array_get(words, i);
		(*picks)[i] = (struct doubt_pick){.word = "", .choice = ""};
		if (!json_is_object(p)) {
			resp_error(w, r, 400, "words", "\"words\" must be a list of at most 50 {word, choice}.");
			return false;
		}
		if (!api_fields(r, w, p, doubt_pick_fields, &(*picks)[i]))
			return false;
	}
	struct doubt_ask ask = {.also = ""};
	if (!api_fields(r, w, o, doubt_ask_fields, &ask))
		return false;
	*also = ask.also;
	return true;
}

static void audit_review(struct req *r, const char *subject, int64_t id, const struct review_result *res)
{
	if (!res->replaced && !res->kept)
		return;
	req_audit(r, "redaction.review",
	          arena_printf(r->a, "%s %lld: %zu spans replaced, %zu words kept, %zu records changed", subject,
	                       (long long)id, res->replaced, res->kept, res->texts));
}

/* POST /admin/understand/quotes/{id}/review */
void h_quote_review(struct req *r, struct resp *w)
{
	struct err e;
	struct quote q;
	struct doubt_pick *picks;
	size_t np = 0, bad = 0;
	const char *also = "";
	if (quote_store_get(r->db, r->a, r->user.district_id, req_param_id(r, "id"), &q, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	struct review_result res;
	int rc = form_picks(r, &picks, &np, &also, &e);
	if (rc == 0)
		rc = review_apply_quote(r->db, r->a, &r->district, q.id, picks, np, also, r->user.id, &res, &bad, &e);
	if (rc == ERR_INVALID && strcmp(e.field, "word") == 0)
		str_copy(e.field, sizeof(e.field), arena_printf(r->a, "word_%zu", bad + 1));
	if (rc == ERR_INVALID || rc == ERR_CONFLICT) {
		h_quotes_page(r, w, rc == ERR_CONFLICT ? 409 : 422, q.initiative_id, &e);
		return;
	}
	if (rc < 0) {
		resp_err(w, r, &e);
		return;
	}
	audit_review(r, "quote", q.id, &res);
	resp_redirect(w, r, arena_printf(r->a, "/admin/understand/quotes?initiative=%lld&done=reviewed#q-%lld",
	                                 (long long)q.initiative_id, (long long)q.id));
}

/* POST /admin/understand/summary/review: the public summary of the form's
 * initiative. */
void h_summary_review(struct req *r, struct resp *w)
{
	struct err e;
	struct summary_ask q = {0};
	struct initiative in;
	if (req_fields(r, summary_ask_fields, &q, &e) < 0) {
		resp_error(w, r, 400, e.field, e.msg);
		return;
	}
	if (initiative_store_get(r->db, r->a, r->user.district_id, q.initiative, &in, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	struct doubt_pick *picks;
	size_t np = 0, bad = 0;
	const char *also = "";
	struct review_result res;
	int rc = form_picks(r, &picks, &np, &also, &e);
	if (rc == 0)
		rc = review_apply_summary(r->db, r->a, &r->district, in.id, picks, np, also, r->user.id, &res, &bad, &e);
	if (rc == ERR_INVALID && strcmp(e.field, "word") == 0)
		str_copy(e.field, sizeof(e.field), arena_printf(r->a, "word_%zu", bad + 1));
	if (rc == ERR_INVALID || rc == ERR_CONFLICT) {
		h_summary_public_page(r, w, rc == ERR_CONFLICT ? 409 : 422, in.id, &e);
		return;
	}
	if (rc < 0) {
		resp_err(w, r, &e);
		return;
	}
	audit_review(r, "summary", in.id, &res);
	resp_redirect(w, r,
	              arena_printf(r->a, "/admin/understand/summary?initiative=%lld&audience=public&done=reviewed#check",
	                           (long long)in.id));
}

/* ---- API ---- */

static json_t *quote_json(struct req *r, const struct quote *q, const struct review *rv)
{
	return json_pack("{s:I, s:I, s:I, s:s, s:I, s:s, s:s, s:s, s:o, s:o}", "id", (json_int_t)q->id, "initiative_id",
	                 (json_int_t)q->initiative_id, "code_id", (json_int_t)q->code_id, "kind", q->excerpt_kind,
	                 "excerpt_id", (json_int_t)q->excerpt_id, "text", q->text, "attribution", q->attribution,
	                 "status", q->status, "created_at", view_time(q->created_at), "review",
	                 view_review(r->a, rv, false));
}

/* GET /api/v1/quotes?initiative_id=N */
void api_quotes(struct req *r, struct resp *w)
{
	struct codebook_view v = {0};
	struct initiative in;
	struct quote *qs;
	size_t n = 0;
	struct err e;
	if (req_fields_from(r, &r->query, code_list_fields, &v, &e) < 0 ||
	    initiative_store_get(r->db, r->a, r->user.district_id, v.initiative, &in, &e) < 0 ||
	    quote_store_list(r->db, r->a, in.district_id, in.id, NULL, &qs, &n, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	struct review *rvs = arena_alloc(r->a, (n + 1) * sizeof(*rvs));
	if (review_quotes(r->db, r->a, &r->district, qs, n, rvs, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(list, quote_json(r, &qs[i], &rvs[i]));
	resp_json(w, 200, req_json(r, json_pack("{s:o}", "quotes", list)));
}

/* One quote of the token's district with its review, as the API shows it. */
static void send_quote(struct req *r, struct resp *w, int status, int64_t id)
{
	struct quote q;
	struct review rv;
	struct err e;
	if (quote_store_get(r->db, r->a, r->user.district_id, id, &q, &e) < 0 ||
	    review_quote(r->db, r->a, &r->district, &q, &rv, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	resp_json(w, status, req_json(r, quote_json(r, &q, &rv)));
}

/* GET /api/v1/quotes/{id} */
void api_quote(struct req *r, struct resp *w)
{
	send_quote(r, w, 200, req_param_id(r, "id"));
}

/* PATCH /api/v1/quotes/{id} {"action": "approve" | "reject"}: 409 with
 * field "text" while words wait for review. */
void api_quote_decide(struct req *r, struct resp *w)
{
	json_t *o = api_body(r, w);
	struct quote_decision d = {.action = ""};
	if (!o || !api_fields(r, w, o, quote_decision_fields, &d))
		return;
	if (!*d.action) {
		resp_error(w, r, 400, "action", "Approve or reject the quote.");
		return;
	}
	struct quote q = {0};
	struct err e;
	if (report_decide_quote(r->db, r->a, &r->district, req_param_id(r, "id"), d.action, r->user.id, &q, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	req_audit(r, "quote.decide", arena_printf(r->a, "quote %lld %s", (long long)q.id, q.status));
	send_quote(r, w, 200, q.id);
}

/* POST /api/v1/quotes/{id}/review {"words": [{"word", "choice"}], "also"} */
void api_quote_review(struct req *r, struct resp *w)
{
	json_t *o = api_body(r, w);
	struct doubt_pick *picks;
	size_t np = 0, bad = 0;
	const char *also = "";
	if (!o || !json_picks(r, w, o, &picks, &np, &also))
		return;
	struct review_result res;
	struct err e;
	int64_t id = req_param_id(r, "id");
	int rc = review_apply_quote(r->db, r->a, &r->district, id, picks, np, also, r->user.id, &res, &bad, &e);
	if (rc == ERR_INVALID && strcmp(e.field, "word") == 0)
		str_copy(e.field, sizeof(e.field), "words");
	if (rc < 0) {
		resp_err(w, r, &e);
		return;
	}
	audit_review(r, "quote", id, &res);
	send_quote(r, w, 200, id);
}

/* The public summary of initiative {id} (saved, or else a draft) with its
 * review and approval. */
static void send_summary_review(struct req *r, struct resp *w, int status)
{
	struct initiative in;
	struct summary sm;
	struct review rv;
	struct err e;
	bool saved = false;
	if (initiative_store_get(r->db, r->a, r->user.district_id, req_param_id(r, "id"), &in, &e) < 0 ||
	    report_summary_now(r->db, r->a, &r->district, in.id, "public", time(NULL), &sm, &saved, &e) < 0 ||
	    review_summary(r->db, r->a, &r->district, &sm, &rv, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	json_t *o = json_pack("{s:I, s:s, s:b, s:b, s:o, s:o}", "initiative_id", (json_int_t)in.id, "audience", "public",
	                      "saved", saved, "approved", saved && sm.approved_at != 0, "approved_at",
	                      saved && sm.approved_at ? view_time(sm.approved_at) : json_null(), "review",
	                      view_review(r->a, &rv, false));
	resp_json(w, status, req_json(r, o));
}

/* GET /api/v1/reports/{id}/review */
void api_report_review(struct req *r, struct resp *w)
{
	send_summary_review(r, w, 200);
}

/* POST /api/v1/reports/{id}/review {"words": [{"word", "choice"}], "also"} */
void api_report_review_save(struct req *r, struct resp *w)
{
	json_t *o = api_body(r, w);
	struct doubt_pick *picks;
	size_t np = 0, bad = 0;
	const char *also = "";
	if (!o || !json_picks(r, w, o, &picks, &np, &also))
		return;
	struct initiative in;
	struct review_result res;
	struct err e;
	int rc = initiative_store_get(r->db, r->a, r->user.district_id, req_param_id(r, "id"), &in, &e);
	if (rc == 0)
		rc = review_apply_summary(r->db, r->a, &r->district, in.id, picks, np, also, r->user.id, &res, &bad, &e);
	if (rc == ERR_INVALID && strcmp(e.field, "word") == 0)
		str_copy(e.field, sizeof(e.field), "words");
	if (rc < 0) {
		resp_err(w, r, &e);
		return;
	}
	audit_review(r, "summary", in.id, &res);
	send_summary_review(r, w, 200);
}

/* POST /api/v1/reports/{id}/approval: approves the saved public summary
 * for sharing; 409 with field "text" while words wait for review. */
void api_report_approve(struct req *r, struct resp *w)
{
	struct initiative in;
	struct summary sm;
	struct err e;
	if (initiative_store_get(r->db, r->a, r->user.district_id, req_param_id(r, "id"), &in, &e) < 0 ||
	    report_approve_summary(r->db, r->a, &r->district, in.id, r->user.id, time(NULL), &sm, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	req_audit(r, "summary.approve", arena_printf(r->a, "initiative %lld, public", (long long)in.id));
	send_summary_review(r, w, 200);
}

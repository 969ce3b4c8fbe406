/* The JSON API of Share: posts (recaps), questions and actions, with the
 * validation and permissions of the admin pages (service/share). */
#include <string.h>
#include <time.h>

#include "core/str.h"
#include "domain/clock.h"
#include "service/share.h"
#include "store/action_store.h"
#include "store/action_update_store.h"
#include "store/post_store.h"
#include "store/post_text_store.h"
#include "web/app.h"
#include "web/handlers.h"
#include "web/pagecache.h"
#include "web/views.h"

/* ---- Posts ------------------------------------------------------------- */

static json_t *post_json(struct req *r, const struct post *p)
{
	struct post_text *ts;
	size_t n = 0;
	json_t *j = view_post(p, NULL);
	json_t *texts = json_array();
	if (post_text_store_list(r->db, r->a, p->id, &ts, &n, NULL) == 0)
		for (size_t i = 0; i < n; i++)
			json_array_append_new(texts, json_pack("{s:s, s:s, s:s, s:s}", "lang", ts[i].lang, "title",
			                                       ts[i].title, "summary", ts[i].summary, "body", ts[i].body));
	json_object_set_new(j, "texts", texts);
	json_object_set_new(j, "url", json_string(arena_printf(r->a, "%s/d/%s/recaps/%s", r->app->base_url,
	                                                       r->district.slug, p->slug)));
	return j;
}

void api_posts(struct req *r, struct resp *w)
{
	struct post *ps;
	size_t n = 0;
	struct err e;
	if (post_store_list(r->db, r->a, r->user.district_id, 0, 0, &ps, &n, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, post_json(r, &ps[i]));
	resp_json(w, 200, req_json(r, json_pack("{s:o}", "posts", arr)));
}

static void post_write(struct req *r, struct resp *w, struct post *p, bool create)
{
	json_t *o = api_body(r, w);
	if (!o)
		return;
	if (!api_fields(r, w, o, post_fields, p))
		return;
	/* texts: the languages given replace theirs; the others stay. */
	json_t *texts = json_object_get(o, "texts");
	if (texts && !json_is_array(texts)) {
		resp_error(w, r, 400, "texts", "\"texts\" must be a list of {lang, title, summary, body}.");
		return;
	}
	size_t nt = json_array_size(texts);
	struct post_text *ts = arena_alloc(r->a, (nt + 1) * sizeof(*ts));
	for (size_t i = 0; i < nt; i++) {
		json_t *t = json_array_get(texts, i);
		if (!json_is_object(t)) {
			resp_error(w, r, 400, "texts", "\"texts\" must be a list of {lang, title, summary, body}.");
			return;
		}
		ts[i] = (struct post_text){.lang = "", .title = "", .summary = "", .body = ""};
		if (!api_fields(r, w, t, post_text_fields, &ts[i]))
			return;
		for (size_t k = 0; k < i; k++)
			if (strcmp(ts[k].lang, ts[i].lang) == 0) {
				resp_error(w, r, 400, "texts", "Give each language once.");
				return;
			}
	}
	if (create && nt == 0) {
		resp_error(w, r, 400, "texts", "A post needs its text in at least one language.");
		return;
	}
	struct err e;
	if (share_post_save(r->db, r->a, p, ts, nt, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	pagecache_invalidate();
	req_audit(r, create ? "post.add" : "post.update", p->slug);
	resp_json(w, create ? 201 : 200, req_json(r, post_json(r, p)));
}

void api_post_add(struct req *r, struct resp *w)
{
	struct post p = {.district_id = r->user.district_id, .slug = "", .status = "draft", .created_by = r->user.id};
	post_write(r, w, &p, true);
}

void api_post(struct req *r, struct resp *w)
{
	struct post p;
	struct err e;
	if (post_store_get(r->db, r->a, r->user.district_id, req_param_id(r, "id"), &p, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	resp_json(w, 200, req_json(r, post_json(r, &p)));
}

void api_post_update(struct req *r, struct resp *w)
{
	struct post p;
	struct err e;
	if (post_store_get(r->db, r->a, r->user.district_id, req_param_id(r, "id"), &p, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	post_write(r, w, &p, false);
}

/* ---- Questions --------------------------------------------------------- */

void api_questions(struct req *r, struct resp *w)
{
	struct question_list_ask f = {.status = ""};
	struct err fe;
	if (req_fields_from(r, &r->query, question_list_fields, &f, &fe) < 0) {
		resp_err(w, r, &fe);
		return;
	}
	const char *status = *f.status ? f.status : NULL;
	struct question *qs;
	size_t n = 0;
	struct err e;
	if (question_store_list(r->db, r->a, r->user.district_id, Q_ALL, 0, &qs, &n, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		if (!status || strcmp(qs[i].status, status) == 0)
			json_array_append_new(arr, view_question(&qs[i], true));
	struct question_figures fig;
	json_t *figures = json_null();
	if (question_store_figures(r->db, r->a, r->user.district_id, &fig, NULL) == 0)
		figures = json_pack("{s:I, s:I, s:I}", "asked", (json_int_t)fig.asked, "answered",
		                    (json_int_t)fig.answered, "median_seconds_to_answer", (json_int_t)fig.median_seconds);
	resp_json(w, 200, req_json(r, json_pack("{s:o, s:o}", "questions", arr, "figures", figures)));
}

void api_question(struct req *r, struct resp *w)
{
	struct question q;
	struct err e;
	if (question_store_get(r->db, r->a, r->user.district_id, req_param_id(r, "id"), &q, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	resp_json(w, 200, req_json(r, view_question(&q, true)));
}

/* {"decision": "publish" | "hide" | "merge", "hidden_reason", "into"} or
 * {"answer": "Markdown"}. */
void api_question_update(struct req *r, struct resp *w)
{
	json_t *o = api_body(r, w);
	if (!o)
		return;
	int64_t id = req_param_id(r, "id");
	/* Absent members stay NULL: a decision or an answer, not both. */
	struct question_decision d = {.hidden_reason = ""};
	if (!api_fields(r, w, o, question_decision_fields, &d))
		return;
	const char *decision = d.decision, *answer = d.answer, *reason = d.hidden_reason;
	int64_t into = d.into;
	if (!decision == !answer) {
		resp_error(w, r, 400, "decision", "Send either a decision (publish, hide, merge) or an answer.");
		return;
	}
	struct err e;
	int rc, told = 0;
	if (answer) {
		struct outbox_ctx x = req_outbox(r);
		rc = share_question_answer(&x, &r->district, id, answer, r->user.id, &told, &e);
	} else {
		rc = share_question_moderate(r->db, r->a, r->user.district_id, id, decision, reason, into, r->user.id, &e);
	}
	struct question q;
	if (rc == 0)
		rc = question_store_get(r->db, r->a, r->user.district_id, id, &q, &e);
	if (rc < 0) {
		resp_err(w, r, &e);
		return;
	}
	pagecache_invalidate();
	req_audit(r, "question.update", answer ? "answer" : decision);
	json_t *j = view_question(&q, true);
	json_object_set_new(j, "notified", json_integer(told));
	resp_json(w, 200, req_json(r, j));
}

/* ---- Actions ----------------------------------------------------------- */

static json_t *action_json(struct req *r, const struct action *a)
{
	json_t *j = view_action(a);
	struct action_update *us;
	size_t n = 0;
	json_t *ups = json_array();
	if (action_update_store_list(r->db, r->a, r->user.district_id, a->id, &us, &n, NULL) == 0)
		for (size_t i = 0; i < n; i++)
			json_array_append_new(ups, view_action_update(&us[i]));
	json_object_set_new(j, "updates", ups);
	return j;
}

void api_actions(struct req *r, struct resp *w)
{
	struct action_list_ask f = {0};
	struct err fe;
	if (req_fields_from(r, &r->query, action_list_fields, &f, &fe) < 0) {
		resp_err(w, r, &fe);
		return;
	}
	int64_t initiative = f.initiative_id;
	struct action *as;
	size_t n = 0;
	struct err e;
	if (action_store_list(r->db, r->a, r->user.district_id, initiative, &as, &n, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, action_json(r, &as[i]));
	resp_json(w, 200, req_json(r, json_pack("{s:o}", "actions", arr)));
}

static void action_write(struct req *r, struct resp *w, struct action *a, bool create)
{
	json_t *o = api_body(r, w);
	if (!o)
		return;
	struct action_update u = {.body = ""};
	if (!api_fields(r, w, o, action_fields, a) || !api_fields(r, w, o, action_note_fields, &u))
		return;
	const char *note = u.body;
	struct err e;
	if (share_action_save(r->db, r->a, a, note, r->user.id, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	pagecache_invalidate();
	req_audit(r, create ? "action.add" : "action.update", a->title);
	resp_json(w, create ? 201 : 200, req_json(r, action_json(r, a)));
}

void api_action_add(struct req *r, struct resp *w)
{
	struct action a = {.district_id = r->user.district_id, .title = "", .description = "", .owner = "",
	                   .due_on = "", .status = "planned", .reason = ""};
	action_write(r, w, &a, true);
}

void api_action(struct req *r, struct resp *w)
{
	struct action a;
	struct err e;
	if (action_store_get(r->db, r->a, r->user.district_id, req_param_id(r, "id"), &a, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	resp_json(w, 200, req_json(r, action_json(r, &a)));
}

void api_action_update(struct req *r, struct resp *w)
{
	struct action a;
	struct err e;
	if (action_store_get(r->db, r->a, r->user.district_id, req_param_id(r, "id"), &a, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	action_write(r, w, &a, false);
}

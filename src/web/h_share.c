/* Share, for staff: report-back, recaps, questions to moderate and answer,
 * and "you said, we did" actions.  The public side is in h_hub.c. */
#include <string.h>
#include <time.h>

#include "core/lang.h"
#include "core/str.h"
#include "domain/clock.h"
#include "service/share.h"
#include "store/action_store.h"
#include "store/action_update_store.h"
#include "store/code_store.h"
#include "store/conversation_store.h"
#include "store/image_store.h"
#include "store/initiative_store.h"
#include "store/post_store.h"
#include "store/post_text_store.h"
#include "store/summary_store.h"
#include "store/theme_store.h"
#include "tmpl/markdown.h"
#include "web/app.h"
#include "web/handlers.h"
#include "web/pagecache.h"
#include "web/views.h"

/* A recap has a text in each language of the pages. */
#define NLANGS LANG_NPAGES

/* "3 days", "5 hours", "under an hour" — the median time to answer. */
static json_t *wait_words(int64_t s)
{
	if (s < 3600)
		return json_pack("{s:i, s:s}", "n", 0, "unit", "under an hour");
	if (s < 2 * 86400)
		return json_pack("{s:I, s:s}", "n", (json_int_t)(s / 3600), "unit", "hours");
	return json_pack("{s:I, s:s}", "n", (json_int_t)(s / 86400), "unit", "days");
}

static json_t *initiatives_json(struct req *r, int64_t selected)
{
	struct initiative *ins = NULL;
	size_t n = 0;
	if (initiative_store_list(r->db, r->a, r->user.district_id, &ins, &n, NULL) < 0)
		n = 0;
	return view_initiative_choices(ins, n, selected);
}

static json_t *conversations_json(struct req *r, int64_t selected)
{
	struct conversation *cs;
	size_t n = 0;
	json_t *arr = json_array();
	if (conversation_store_list(r->db, r->a, r->user.district_id, 0, &cs, &n, NULL) == 0)
		for (size_t i = 0; i < n; i++)
			json_array_append_new(arr, json_pack("{s:I, s:s, s:b}", "id", (json_int_t)cs[i].id, "title",
			                                     cs[i].title, "selected", cs[i].id == selected));
	return arr;
}

/* ---- Overview and report-back ----------------------------------------- */

void h_share(struct req *r, struct resp *w)
{
	struct err e;
	int64_t now = time(NULL);
	struct report_back *rb;
	size_t nrb = 0;
	struct question_figures qf;
	struct question *waiting;
	size_t nwaiting = 0;
	int rc = conversation_store_report_back(r->db, r->a, r->user.district_id, now, &rb, &nrb, &e);
	if (rc == 0)
		rc = question_store_figures(r->db, r->a, r->user.district_id, &qf, &e);
	if (rc == 0)
		rc = question_store_list(r->db, r->a, r->user.district_id, Q_NEW, 0, &waiting, &nwaiting, &e);
	if (rc < 0) {
		resp_err(w, r, &e);
		return;
	}
	const char *tz = r->district.timezone;
	json_t *rows = json_array();
	int reported = 0;
	for (size_t i = 0; i < nrb; i++) {
		bool done = rb[i].results_sent_at || rb[i].recap_at;
		reported += done;
		json_t *row = json_pack("{s:I, s:s, s:o, s:b}", "id", (json_int_t)rb[i].conversation_id, "title",
		                        rb[i].title, "held_day", view_day(rb[i].held_at, tz, r->lang), "reported", done);
		if (rb[i].results_sent_at)
			json_object_set_new(row, "results_day", view_day(rb[i].results_sent_at, tz, r->lang));
		if (rb[i].recap_at)
			json_object_set_new(row, "recap_day", view_day(rb[i].recap_at, tz, r->lang));
		json_array_append_new(rows, row);
	}
	json_t *data = json_pack("{s:s, s:o, s:i, s:i, s:{s:I, s:I, s:o, s:b}, s:i}", "title", "Share", "report_back",
	                         rows, "reported", reported, "held", (int)nrb, "questions", "asked",
	                         (json_int_t)qf.asked, "answered", (json_int_t)qf.answered, "median",
	                         wait_words(qf.median_seconds), "any_answered", qf.answered > 0, "waiting",
	                         (int)nwaiting);
	json_object_set_new(data, "sent", json_boolean(form_get(&r->query, "sent") != NULL));
	json_object_set_new(data, "sent_count", json_string(form_get(&r->query, "sent") ? form_get(&r->query, "sent") : ""));
	resp_page(w, r, 200, "admin/share", data);
}

void h_report_back(struct req *r, struct resp *w)
{
	struct err e;
	int64_t id = req_param_id(r, "id");
	struct outbox_ctx x = req_outbox(r);
	/* The link is the newest recap about the conversation, or the hub's
	 * recaps when there is none yet. */
	struct post *ps;
	size_t np = 0;
	const char *url = arena_printf(r->a, "%s/d/%s/recaps", r->app->base_url, r->district.slug);
	if (post_store_for_conversation(r->db, r->a, r->user.district_id, id, x.now, &ps, &np, NULL) == 0 && np > 0)
		url = arena_printf(r->a, "%s/d/%s/recaps/%s", r->app->base_url, r->district.slug, ps[np - 1].slug);
	int queued = 0;
	if (share_report_back(&x, &r->district, id, url, &queued, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	req_audit(r, "share.report_back", arena_printf(r->a, "conversation %lld: %d messages", (long long)id, queued));
	resp_redirect(w, r, arena_printf(r->a, "/admin/share?sent=%d", queued));
}

/* ---- Recaps ------------------------------------------------------------ */

static void posts_page(struct req *r, struct resp *w)
{
	struct err e;
	struct post *ps;
	size_t n = 0;
	if (post_store_list(r->db, r->a, r->user.district_id, 0, 0, &ps, &n, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	json_t *arr = json_array();
	int64_t now = time(NULL);
	for (size_t i = 0; i < n; i++) {
		struct post_text *ts;
		size_t nt = 0;
		post_text_store_list(r->db, r->a, ps[i].id, &ts, &nt, NULL);
		const struct post_text *t = post_pick_text(ts, nt, r->lang);
		json_t *j = view_post(&ps[i], t);
		json_t *ls = json_array();
		for (size_t k = 0; k < nt; k++)
			json_array_append_new(ls, json_string(ts[k].lang));
		json_object_set_new(j, "langs", ls);
		json_object_set_new(j, "visible", json_boolean(post_visible(&ps[i], now)));
		json_object_set_new(j, "day", view_day(ps[i].publish_at ? ps[i].publish_at : ps[i].updated_at,
		                                       r->district.timezone, r->lang));
		json_array_append_new(arr, j);
	}
	resp_page(w, r, 200, "admin/posts", json_pack("{s:s, s:o}", "title", "Recaps", "posts", arr));
}

void h_posts(struct req *r, struct resp *w)
{
	posts_page(r, w);
}

/* The edit page of p (id 0: a new one) with its texts by language. */
static void post_page(struct req *r, struct resp *w, int status, const struct post *p, const struct post_text *ts,
                      size_t nt, const struct err *fe)
{
	json_t *texts = json_array();
	for (int l = 0; l < NLANGS; l++) {
		const struct post_text *t = NULL;
		for (size_t k = 0; k < nt; k++)
			if (strcmp(ts[k].lang, lang_page(l)) == 0)
				t = &ts[k];
		json_array_append_new(texts, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "tag", lang_page(l), "name",
		                                       lang_native_name(lang_page(l)), "dir", lang_dir_of(lang_page(l)),
		                                       "title", t ? t->title : "", "summary", t ? t->summary : "", "body",
		                                       t ? t->body : ""));
	}
	json_t *post = view_post(p, NULL);
	char date[11] = "", tm[6] = "";
	if (p->publish_at) {
		struct clock_local l;
		clock_to_local(r->district.timezone, p->publish_at, &l);
		clock_format_date(&l, date);
		clock_format_time(&l, tm);
	}
	json_object_set_new(post, "publish_date", json_string(date));
	json_object_set_new(post, "publish_time", json_string(tm));
	json_object_set_new(post, "is_draft", json_boolean(strcmp(p->status, "draft") == 0));
	json_object_set_new(post, "is_scheduled", json_boolean(strcmp(p->status, "scheduled") == 0));
	json_object_set_new(post, "is_published", json_boolean(strcmp(p->status, "published") == 0));
	json_object_set_new(post, "visible", json_boolean(post_visible(p, time(NULL))));
	if (p->image_id) {
		struct image im;
		if (image_store_get(r->db, r->a, r->user.district_id, p->image_id, false, &im, NULL) == 0)
			json_object_set_new(post, "image", json_pack("{s:s, s:s}", "src",
			                                             arena_printf(r->a, "/d/%s/images/%lld", r->district.slug,
			                                                          (long long)im.id),
			                                             "alt", im.alt));
	}
	json_t *data = json_pack("{s:s, s:o, s:o, s:o, s:o, s:b}", "title", p->id ? "Edit recap" : "New recap", "post",
	                         post, "texts", texts, "initiatives", initiatives_json(r, p->initiative_id),
	                         "conversations", conversations_json(r, p->conversation_id), "saved",
	                         form_get(&r->query, "saved") != NULL);
	view_error(data, fe);
	resp_page(w, r, status, "admin/post", data);
}

void h_post_new(struct req *r, struct resp *w)
{
	struct post p = {.district_id = r->user.district_id, .slug = "", .status = "draft"};
	struct post_text t = {.lang = lang_source(), .title = "", .summary = "", .body = ""};
	/* "Start from the public summary" of an initiative. */
	struct post q = {0};
	struct err qe;
	int64_t from = req_fields_from(r, &r->query, post_fields, &q, &qe) == 0 ? q.initiative_id : 0;
	if (from) {
		struct summary s;
		struct initiative in;
		if (initiative_store_get(r->db, r->a, r->user.district_id, from, &in, NULL) == 0) {
			p.initiative_id = from;
			t.title = in.title;
			if (summary_store_get(r->db, r->a, r->user.district_id, from, "public", &s, NULL) == 0)
				t.body = s.markdown;
		}
	}
	post_page(r, w, 200, &p, &t, 1, NULL);
}

/* The form's fields of one language: the table's "title" is title_es. */
struct lang_form {
	struct field_source form;
	const char *lang;
	struct arena *a;
};

static void lang_form_get(void *ctx, const char *name, struct field_value *v)
{
	const struct lang_form *lf = ctx;
	lf->form.get(lf->form.ctx, arena_printf(lf->a, "%s_%s", name, lf->lang), v);
}

/* Reads the form of the edit page into p and texts[NLANGS]. */
static int post_from_form(struct req *r, struct post *p, struct post_text *texts, struct err *e)
{
	p->district_id = r->user.district_id;
	int rc = req_fields(r, post_fields, p, e);
	struct str slug = str_trim(str_from(p->slug));
	p->slug = arena_strndup(r->a, slug.p, slug.len);
	struct field_ctx cx = req_field_ctx(r);
	for (int l = 0; l < NLANGS; l++) {
		struct lang_form lf = {form_source(&r->form), lang_page(l), r->a};
		struct field_source src = {.get = lang_form_get, .ctx = &lf, .typed = false};
		struct err le;
		texts[l] = (struct post_text){.district_id = p->district_id, .lang = lang_page(l)};
		if (field_read(post_text_fields, &texts[l], &src, &cx, &le) < 0 && rc == 0) {
			*e = le;
			str_copy(e->field, sizeof(e->field), arena_printf(r->a, "%s_%s", le.field, lf.lang));
			rc = ERR_INVALID;
		}
	}
	if (rc < 0)
		return rc;
	/* A date alone means 08:00, which a table's time does not say. */
	const char *date = req_form(r, "publish_date"), *tm = req_form(r, "publish_time");
	if (*date) {
		if (clock_parse_local(r->district.timezone, date, *tm ? tm : "08:00", "publish_date", "publish_time",
		                      &p->publish_at, e) < 0)
			return ERR_INVALID;
	} else if (strcmp(p->status, "scheduled") == 0) {
		return err_set(e, ERR_INVALID, "publish_date", "Give the date and time the recap should appear.");
	}
	return 0;
}

static void post_save(struct req *r, struct resp *w, struct post *p)
{
	struct err e;
	err_clear(&e);
	struct post_text texts[NLANGS];
	int rc = post_from_form(r, p, texts, &e);
	if (rc == 0)
		rc = share_post_save(r->db, r->a, p, texts, NLANGS, &e);
	if (rc == ERR_INVALID || rc == ERR_CONFLICT) {
		post_page(r, w, rc == ERR_CONFLICT ? 409 : 422, p, texts, NLANGS, &e);
		return;
	}
	if (rc < 0) {
		resp_err(w, r, &e);
		return;
	}
	pagecache_invalidate();
	req_audit(r, "share.recap", arena_printf(r->a, "recap %lld %s", (long long)p->id, p->status));
	resp_redirect(w, r, arena_printf(r->a, "/admin/share/recaps/%lld?saved=1", (long long)p->id));
}

void h_post_add(struct req *r, struct resp *w)
{
	struct post p = {0};
	post_save(r, w, &p);
}

static bool load_post(struct req *r, struct resp *w, struct post *p, struct post_text **ts, size_t *nt)
{
	struct err e;
	int rc = post_store_get(r->db, r->a, r->user.district_id, req_param_id(r, "id"), p, &e);
	if (rc == 0 && ts)
		rc = post_text_store_list(r->db, r->a, p->id, ts, nt, &e);
	if (rc < 0)
		resp_err(w, r, &e);
	return rc == 0;
}

void h_post(struct req *r, struct resp *w)
{
	struct post p;
	struct post_text *ts;
	size_t nt = 0;
	if (load_post(r, w, &p, &ts, &nt))
		post_page(r, w, 200, &p, ts, nt, NULL);
}

void h_post_save(struct req *r, struct resp *w)
{
	struct post p;
	if (!load_post(r, w, &p, NULL, NULL))
		return;
	post_save(r, w, &p);
}

void h_post_image(struct req *r, struct resp *w)
{
	struct err e;
	err_clear(&e);
	struct post p;
	struct post_text *ts;
	size_t nt = 0;
	if (!load_post(r, w, &p, &ts, &nt))
		return;
	/* The file is bytes, not a field of a table; the service checks them
	 * and the description. */
	const struct form_field *f = form_field(&r->form, "image");
	struct image_alt alt = {0};
	int rc;
	if (!f || !f->filename || f->len == 0)
		rc = err_set(&e, ERR_INVALID, "image", "Choose an image file.");
	else
		rc = req_fields(r, image_alt_fields, &alt, &e);
	if (rc == 0)
		rc = share_post_image(r->db, &p, r->user.id, f->value, f->len, alt.alt, &e);
	if (rc == ERR_INVALID || rc == ERR_LIMIT) {
		post_page(r, w, rc == ERR_LIMIT ? 413 : 422, &p, ts, nt, &e);
		return;
	}
	if (rc < 0) {
		resp_err(w, r, &e);
		return;
	}
	pagecache_invalidate();
	resp_redirect(w, r, arena_printf(r->a, "/admin/share/recaps/%lld?saved=1#image", (long long)p.id));
}

/* ---- Questions --------------------------------------------------------- */

static void questions_admin_page(struct req *r, struct resp *w, int status, int64_t err_id, const struct err *fe)
{
	struct err e;
	struct question *qs;
	size_t n = 0;
	if (question_store_list(r->db, r->a, r->user.district_id, Q_ALL, 0, &qs, &n, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	json_t *fresh = json_array(), *open = json_array(), *answered = json_array(), *other = json_array(),
	       *targets = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *q = view_question(&qs[i], true);
		json_object_set_new(q, "asked_day", view_day(qs[i].asked_at, r->district.timezone, r->lang));
		if (err_id == qs[i].id && fe) {
			json_object_set_new(q, "error", json_string(fe->msg));
			json_object_set_new(q, "error_field", json_string(fe->field));
		}
		bool shown = strcmp(qs[i].status, "published") == 0;
		if (shown || strcmp(qs[i].status, "new") == 0)
			json_array_append_new(targets, json_pack("{s:I, s:s}", "id", (json_int_t)qs[i].id, "body", qs[i].body));
		if (strcmp(qs[i].status, "new") == 0)
			json_array_append_new(fresh, q);
		else if (shown && !qs[i].answered_at)
			json_array_append_new(open, q);
		else if (shown)
			json_array_append_new(answered, q);
		else
			json_array_append_new(other, q);
	}
	json_t *data = json_pack("{s:s, s:o, s:o, s:o, s:o, s:o}", "title", "Questions", "fresh", fresh, "open", open,
	                         "answered", answered, "other", other, "targets", targets);
	json_object_set_new(data, "told", json_string(form_get(&r->query, "told") ? form_get(&r->query, "told") : ""));
	resp_page(w, r, status, "admin/questions", data);
}

void h_questions_admin(struct req *r, struct resp *w)
{
	questions_admin_page(r, w, 200, 0, NULL);
}

void h_question_decide(struct req *r, struct resp *w)
{
	struct err e;
	err_clear(&e);
	int64_t id = req_param_id(r, "id");
	struct question_decision d = {0};
	int rc = req_fields(r, question_decision_fields, &d, &e), told = 0;
	if (rc < 0) {
		/* refused: shown below */
	} else if (strcmp(d.decision, "answer") == 0) {
		struct outbox_ctx x = req_outbox(r);
		rc = share_question_answer(&x, &r->district, id, d.answer, r->user.id, &told, &e);
	} else {
		rc = share_question_moderate(r->db, r->a, r->user.district_id, id, d.decision, d.hidden_reason, d.into,
		                             r->user.id, &e);
	}
	if (rc == ERR_INVALID) {
		questions_admin_page(r, w, 422, id, &e);
		return;
	}
	if (rc < 0) {
		resp_err(w, r, &e);
		return;
	}
	pagecache_invalidate();
	req_audit(r, "share.question", arena_printf(r->a, "question %lld: %s", (long long)id, d.decision));
	resp_redirect(w, r, arena_printf(r->a, "/admin/share/questions?told=%d#q-%lld", told, (long long)id));
}

/* ---- Actions ----------------------------------------------------------- */

/* Every code of every initiative, for the theme menu and the public
 * descriptions. */
static json_t *themes_json(struct req *r, int64_t selected)
{
	struct initiative *ins;
	size_t n = 0;
	json_t *arr = json_array();
	if (initiative_store_list(r->db, r->a, r->user.district_id, &ins, &n, NULL) < 0)
		return arr;
	for (size_t i = 0; i < n; i++) {
		struct code *cs;
		size_t nc = 0;
		if (code_store_list(r->db, r->a, r->user.district_id, ins[i].id, &cs, &nc, NULL) < 0)
			continue;
		for (size_t k = 0; k < nc; k++)
			json_array_append_new(arr, json_pack("{s:I, s:s, s:s, s:b}", "id", (json_int_t)cs[k].id, "name",
			                                     cs[k].name, "initiative", ins[i].title, "selected",
			                                     cs[k].id == selected));
	}
	return arr;
}

static json_t *statuses_json(const char *selected)
{
	static const char *const st[] = {"planned", "in_progress", "done", "not_doing"};
	json_t *arr = json_array();
	for (int i = 0; i < 4; i++)
		json_array_append_new(arr, json_pack("{s:s, s:s, s:b}", "value", st[i], "label", action_status_label(st[i]),
		                                     "selected", selected && strcmp(selected, st[i]) == 0));
	return arr;
}

static void actions_admin_page(struct req *r, struct resp *w, int status, const struct action *draft,
                               const struct err *fe)
{
	struct err e;
	struct action *as;
	size_t n = 0;
	if (action_store_list(r->db, r->a, r->user.district_id, 0, &as, &n, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	json_t *themes = themes_json(r, draft ? draft->code_id : 0);
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *a = view_action(&as[i]);
		size_t k;
		json_t *t;
		json_array_foreach(themes, k, t)
			if (json_integer_value(json_object_get(t, "id")) == as[i].code_id)
				json_object_set(a, "theme", json_object_get(t, "name"));
		json_array_append_new(arr, a);
	}
	/* The themes that have actions, with what they mean to the public. */
	struct public_theme *pts;
	size_t npt = 0;
	json_t *pub = json_array();
	if (theme_store_with_actions(r->db, r->a, r->user.district_id, &pts, &npt, NULL) == 0)
		for (size_t i = 0; i < npt; i++)
			json_array_append_new(pub, json_pack("{s:I, s:s, s:s}", "id", (json_int_t)pts[i].code_id, "name",
			                                     pts[i].name, "public_description", pts[i].public_description));
	struct action blank = {.status = "planned", .title = "", .description = "", .owner = "", .due_on = "",
	                       .reason = ""};
	const struct action *d = draft ? draft : &blank;
	json_t *data = json_pack("{s:s, s:o, s:o, s:o, s:o, s:o, s:o}", "title", "Actions", "actions", arr, "themes",
	                         themes, "public_themes", pub, "initiatives", initiatives_json(r, d->initiative_id),
	                         "statuses", statuses_json(d->status), "action", view_action(d));
	view_error(data, fe);
	resp_page(w, r, status, "admin/actions", data);
}

void h_actions_admin(struct req *r, struct resp *w)
{
	actions_admin_page(r, w, 200, NULL, NULL);
}

/* Reads the action's form into a and the update's note into u. */
static int action_from_form(struct req *r, struct action *a, struct action_update *u, struct err *e)
{
	a->district_id = r->user.district_id;
	int rc = req_fields(r, action_fields, a, e);
	struct err ne;
	if (req_fields(r, action_note_fields, u, &ne) < 0 && rc == 0) {
		*e = ne;
		rc = ERR_INVALID;
	}
	return rc;
}

void h_action_add(struct req *r, struct resp *w)
{
	struct err e;
	err_clear(&e);
	struct action a = {0};
	struct action_update u = {0};
	int rc = action_from_form(r, &a, &u, &e);
	if (rc == 0)
		rc = share_action_save(r->db, r->a, &a, u.body, r->user.id, &e);
	if (rc == ERR_INVALID) {
		actions_admin_page(r, w, 422, &a, &e);
		return;
	}
	if (rc < 0) {
		resp_err(w, r, &e);
		return;
	}
	pagecache_invalidate();
	req_audit(r, "share.action", arena_printf(r->a, "action %lld added", (long long)a.id));
	resp_redirect(w, r, arena_printf(r->a, "/admin/share/actions/%lld?saved=1", (long long)a.id));
}

static void action_page(struct req *r, struct resp *w, int status, const struct action *a, const struct err *fe)
{
	struct err e;
	struct action_update *us;
	size_t nu = 0;
	if (action_update_store_list(r->db, r->a, r->user.district_id, a->id, &us, &nu, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	json_t *ups = json_array();
	for (size_t i = 0; i < nu; i++) {
		json_t *u = view_action_update(&us[i]);
		json_object_set_new(u, "day", view_day(us[i].created_at, r->district.timezone, r->lang));
		json_array_append_new(ups, u);
	}
	json_t *data = json_pack("{s:s, s:o, s:o, s:o, s:o, s:o, s:b}", "title", "Action", "action", view_action(a),
	                         "themes", themes_json(r, a->code_id), "initiatives",
	                         initiatives_json(r, a->initiative_id), "statuses", statuses_json(a->status), "updates",
	                         ups, "saved", form_get(&r->query, "saved") != NULL);
	view_error(data, fe);
	resp_page(w, r, status, "admin/action", data);
}

void h_action(struct req *r, struct resp *w)
{
	struct err e;
	struct action a;
	if (action_store_get(r->db, r->a, r->user.district_id, req_param_id(r, "id"), &a, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	action_page(r, w, 200, &a, NULL);
}

void h_action_save(struct req *r, struct resp *w)
{
	struct err e;
	err_clear(&e);
	struct action a;
	if (action_store_get(r->db, r->a, r->user.district_id, req_param_id(r, "id"), &a, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	struct action_update u = {0};
	int rc = action_from_form(r, &a, &u, &e);
	if (rc == 0)
		rc = share_action_save(r->db, r->a, &a, u.body, r->user.id, &e);
	if (rc == ERR_INVALID) {
		action_page(r, w, 422, &a, &e);
		return;
	}
	if (rc < 0) {
		resp_err(w, r, &e);
		return;
	}
	pagecache_invalidate();
	req_audit(r, "share.action", arena_printf(r->a, "action %lld: %s %lld%%", (long long)a.id, a.status,
	                                          (long long)a.progress));
	resp_redirect(w, r, arena_printf(r->a, "/admin/share/actions/%lld?saved=1", (long long)a.id));
}

void h_theme_save(struct req *r, struct resp *w)
{
	struct err e;
	err_clear(&e);
	struct theme_public t = {0};
	int rc = req_fields(r, theme_public_fields, &t, &e);
	if (rc == 0)
		rc = theme_store_set_public(r->db, r->user.district_id, req_param_id(r, "id"), t.public_description, &e);
	if (rc == ERR_INVALID) {
		actions_admin_page(r, w, 422, NULL, &e);
		return;
	}
	if (rc < 0) {
		resp_err(w, r, &e);
		return;
	}
	pagecache_invalidate();
	resp_redirect(w, r, "/admin/share/actions#themes");
}

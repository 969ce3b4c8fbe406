/* The district hub: what the district is working on, upcoming
 * conversations, recaps, questions and answers, "you said, we did"
 * actions, search and the Atom feed.  Public, readable on a phone, without
 * JavaScript, in the visitor's language. */
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "core/buf.h"
#include "core/lang.h"
#include "core/log.h"
#include "core/str.h"
#include "domain/clock.h"
#include "service/share.h"
#include "store/action_store.h"
#include "store/action_update_store.h"
#include "store/district_store.h"
#include "store/image_store.h"
#include "store/initiative_store.h"
#include "store/quote_store.h"
#include "store/search_store.h"
#include "store/session_store.h"
#include "store/theme_store.h"
#include "tmpl/escape.h"
#include "tmpl/markdown.h"
#include "web/app.h"
#include "web/handlers.h"
#include "web/pagecache.h"
#include "web/views.h"

#define QUESTIONS_PER_HOUR 5

static json_t *md_html(const char *md)
{
	struct buf b;
	buf_init(&b, 4u << 20);
	markdown_html(&b, md);
	json_t *j = json_string(b.p ? b.p : "");
	buf_release(&b);
	return j;
}

/* A recap for lists: address, title, summary, date, and its language when
 * it is not the reader's (so that lang="" can say so). */
static json_t *recap_item(struct req *r, const struct district *d, const struct recap *rc)
{
	json_t *j = view_post(&rc->p, rc->text);
	json_object_set_new(j, "day", view_day(rc->p.publish_at, d->timezone, r->lang));
	json_object_set_new(j, "other_lang", json_boolean(strcmp(rc->text->lang, r->lang) != 0));
	json_object_del(j, "body");
	return j;
}

/* Where a page of the hub starts: its district, or a 404 answered. */
static bool hub_district(struct req *r, struct resp *w, struct district *d)
{
	struct err e;
	if (district_store_by_slug(r->db, r->a, req_param(r, "slug"), d, &e) < 0) {
		resp_err(w, r, &e);
		return false;
	}
	return true;
}

/* with_html: each answer rendered for the page (the hub lists only the
 * questions). */
static json_t *questions_json(const struct question *qs, size_t n, const struct district *d, const char *lang,
                              bool with_html)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *q = view_question(&qs[i], false);
		if (qs[i].answered_at) {
			if (with_html)
				json_object_set_new(q, "answer_html", md_html(qs[i].answer));
			json_object_set_new(q, "answered_day", view_day(qs[i].answered_at, d->timezone, lang));
		}
		json_object_set_new(q, "asked_day", view_day(qs[i].asked_at, d->timezone, lang));
		json_object_set_new(q, "other_lang", json_boolean(strcmp(qs[i].lang, lang) != 0));
		json_array_append_new(arr, q);
	}
	return arr;
}

void h_hub_redirect(struct req *r, struct resp *w)
{
	struct district d;
	if (hub_district(r, w, &d))
		resp_redirect(w, r, arena_printf(r->a, "/d/%s/", d.slug));
}

void h_hub(struct req *r, struct resp *w)
{
	struct err e;
	const char *key = arena_printf(r->a, "hub:%s:%s", req_param(r, "slug"), r->lang);
	resp_header(w, r, "Vary", "Cookie, Accept-Language");
	if (r->app->page_cache && pagecache_get(key, &w->body)) {
		w->content_type = "text/html; charset=utf-8";
		return;
	}
	struct share_hub h;
	if (share_hub_load(r->db, r->a, req_param(r, "slug"), time(NULL), r->lang, &h, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	const struct district *d = &h.d;
	json_t *items = json_array();
	for (size_t i = 0; i < h.ninitiatives; i++)
		json_array_append_new(items, view_initiative(&h.initiatives[i]));
	json_t *upcoming = json_array();
	for (size_t i = 0; i < h.nupcoming; i++) {
		json_t *v = view_session(&h.upcoming[i].s, d->timezone, r->lang);
		json_object_set_new(v, "title", json_string(h.upcoming[i].title));
		json_array_append_new(upcoming, v);
	}
	json_t *rj = json_array();
	for (size_t i = 0; i < h.nrecaps; i++)
		json_array_append_new(rj, recap_item(r, d, &h.recaps[i]));
	/* The actions in three counts and the few most recently changed. */
	int counts[4] = {0};
	static const char *const st[] = {"planned", "in_progress", "done", "not_doing"};
	for (size_t i = 0; i < h.nactions; i++)
		for (int k = 0; k < 4; k++)
			counts[k] += strcmp(h.actions[i].status, st[k]) == 0;
	json_t *data = json_pack("{s:o, s:o, s:o, s:s, s:o, s:o, s:i, s:{s:i, s:i, s:i, s:i, s:i}}", "district",
	                         view_district(d), "initiatives", items, "upcoming", upcoming, "title", d->name,
	                         "recaps", rj, "answered", questions_json(h.answered, h.nanswered, d, r->lang, false),
	                         "open_questions", (int)h.nopen, "actions", "total", (int)h.nactions, "planned", counts[0],
	                         "in_progress", counts[1], "done", counts[2], "not_doing", counts[3]);
	resp_page(w, r, 200, "hub", data);
	if (r->app->page_cache && w->status == 200)
		pagecache_put(key, w->body.p, w->body.len, PAGECACHE_TTL_MS);
}

/* The district and its visible recaps (limit 0: all), or an error
 * answered. */
static bool hub_recaps(struct req *r, struct resp *w, struct district *d, int limit, struct recap **rs, size_t *n)
{
	struct err e;
	if (!hub_district(r, w, d))
		return false;
	if (share_recaps(r->db, r->a, d->id, time(NULL), r->lang, limit, rs, n, &e) < 0) {
		resp_err(w, r, &e);
		return false;
	}
	return true;
}

void h_recaps(struct req *r, struct resp *w)
{
	struct district d;
	struct recap *rs;
	size_t n = 0;
	if (!hub_recaps(r, w, &d, 0, &rs, &n))
		return;
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, recap_item(r, &d, &rs[i]));
	resp_page(w, r, 200, "recaps",
	          json_pack("{s:o, s:o, s:s}", "district", view_district(&d), "recaps", arr, "title", "Recaps"));
}

void h_recap(struct req *r, struct resp *w)
{
	struct district d;
	struct err e;
	/* ?lang= picks a version of the text; the page around it stays in the
	 * visitor's language. */
	const char *want = form_get(&r->query, "lang");
	if (!lang_valid(want))
		want = r->lang;
	/* Visitors all see the same page per language: kept for a moment, as
	 * the hub is (staff, who may see a preview, are not served from it). */
	const char *key = NULL;
	resp_header(w, r, "Vary", "Cookie, Accept-Language");
	if (r->app->page_cache && !r->user.id) {
		key = arena_printf(r->a, "recap:%s:%s:%s:%s", req_param(r, "slug"), req_param(r, "post"), r->lang, want);
		if (pagecache_get(key, &w->body)) {
			w->content_type = "text/html; charset=utf-8";
			return;
		}
	}
	if (!hub_district(r, w, &d))
		return;
	/* Staff may look at a draft before it is published. */
	bool preview = r->user.id && r->user.district_id == d.id && role_at_least(r->user.role, ROLE_STAFF);
	struct recap rc;
	if (share_recap(r->db, r->a, d.id, req_param(r, "post"), time(NULL), want, preview, &rc, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	const struct post_text *t = rc.text;
	json_t *others = json_array();
	for (size_t i = 0; i < rc.ntexts; i++)
		if (&rc.texts[i] != t)
			json_array_append_new(others, json_pack("{s:s, s:s}", "lang", rc.texts[i].lang, "name",
			                                        view_language_name(rc.texts[i].lang)));
	const char *url = arena_printf(r->a, "%s/d/%s/recaps/%s", r->app->base_url, d.slug, rc.p.slug);
	json_t *og = json_pack("{s:s, s:s, s:s, s:s, s:s}", "title", t->title, "description",
	                       *t->summary ? t->summary : d.name, "url", url, "locale",
	                       lang_valid(t->lang) ? lang_find(t->lang)->og_locale : "en_US", "site", d.name);
	json_t *recap = view_post(&rc.p, t);
	json_object_set_new(recap, "html", md_html(t->body));
	json_object_set_new(recap, "day", view_day(rc.p.publish_at ? rc.p.publish_at : rc.p.updated_at, d.timezone,
	                                             r->lang));
	json_object_set_new(recap, "visible", json_boolean(post_visible(&rc.p, time(NULL))));
	if (rc.p.image_id) {
		struct image im;
		if (image_store_get(r->db, r->a, d.id, rc.p.image_id, false, &im, NULL) == 0) {
			const char *src = arena_printf(r->a, "/d/%s/images/%lld", d.slug, (long long)im.id);
			json_object_set_new(recap, "image", json_pack("{s:s, s:s, s:I, s:I}", "src", src, "alt", im.alt,
			                                              "width", (json_int_t)im.width, "height",
			                                              (json_int_t)im.height));
			json_object_set_new(og, "image", json_string(arena_printf(r->a, "%s%s", r->app->base_url, src)));
			json_object_set_new(og, "image_alt", json_string(im.alt));
		}
	}
	json_t *data = json_pack("{s:o, s:o, s:o, s:s, s:o}", "district", view_district(&d), "recap", recap,
	                         "other_langs", others, "title", t->title, "og", og);
	resp_page(w, r, 200, "recap", data);
	if (key && w->status == 200)
		pagecache_put(key, w->body.p, w->body.len, PAGECACHE_TTL_MS);
}

/* The questions page: answered questions (or those matching ?q=), the
 * questions waiting for an answer, and the form to ask. */
static void questions_page(struct req *r, struct resp *w, int status, const struct district *d,
                           const struct question *draft, const struct err *fe)
{
	struct err e;
	struct question *answered = NULL, *open = NULL;
	size_t na = 0, no = 0;
	const char *q = form_get(&r->query, "q");
	int rc = 0;
	if (q && *q) {
		/* Search the answers: the index, then the questions it names. */
		struct search_hit *hits;
		size_t nh = 0;
		rc = share_search(r->db, r->a, d->id, q, time(NULL), &hits, &nh, &e);
		answered = arena_alloc(r->a, (nh + 1) * sizeof(*answered));
		for (size_t i = 0; rc == 0 && i < nh; i++) {
			if (strcmp(hits[i].kind, "question") != 0)
				continue;
			struct question one;
			if (question_store_get(r->db, r->a, d->id, hits[i].ref_id, &one, NULL) == 0 &&
			    strcmp(one.status, "published") == 0 && one.answered_at)
				answered[na++] = one;
		}
	} else {
		rc = question_store_list(r->db, r->a, d->id, Q_ANSWERED, 0, &answered, &na, &e);
	}
	if (rc == 0)
		rc = question_store_list(r->db, r->a, d->id, Q_OPEN, 0, &open, &no, &e);
	if (rc < 0) {
		resp_err(w, r, &e);
		return;
	}
	req_ensure_csrf(r, w);
	json_t *data = json_pack("{s:o, s:o, s:o, s:s, s:s, s:b, s:{s:s, s:s}}", "district", view_district(d),
	                         "answered", questions_json(answered, na, d, r->lang, true), "open",
	                         questions_json(open, no, d, r->lang, false), "title", "Questions and answers", "q",
	                         q ? q : "", "asked", form_get(&r->query, "asked") != NULL, "draft", "body",
	                         draft ? draft->body : "", "email", draft ? draft->email : "");
	view_error(data, fe);
	resp_page(w, r, status, "questions", data);
}

void h_questions(struct req *r, struct resp *w)
{
	struct district d;
	if (hub_district(r, w, &d))
		questions_page(r, w, 200, &d, NULL, NULL);
}

void h_question_ask(struct req *r, struct resp *w)
{
	struct district d;
	struct err e;
	err_clear(&e);
	if (!hub_district(r, w, &d))
		return;
	const char *thanks = arena_printf(r->a, "/d/%s/questions?asked=1#ask", d.slug);
	/* A filled honeypot is a robot: thank it, keep nothing. */
	if (*req_form(r, "website")) {
		log_info("question honeypot filled from %s", r->ip);
		resp_redirect(w, r, thanks);
		return;
	}
	struct question q = {.district_id = d.id, .lang = r->lang};
	struct err fe;
	int rc = req_fields(r, question_ask_fields, &q, &fe);
	if (req_over_limit(r, w, "question", QUESTIONS_PER_HOUR,
	                   "Too many questions from your connection. Please try again in an hour.", &e)) {
		questions_page(r, w, 429, &d, &q, &e);
		return;
	}
	if (rc < 0)
		e = fe;
	else
		rc = share_question_ask(r->db, r->a, &q, &e);
	if (rc == ERR_INVALID) {
		questions_page(r, w, 422, &d, &q, &e);
		return;
	}
	if (rc < 0) {
		resp_err(w, r, &e);
		return;
	}
	req_count_post(r, "question");
	resp_redirect(w, r, thanks);
}

void h_question(struct req *r, struct resp *w)
{
	struct district d;
	struct err e;
	if (!hub_district(r, w, &d))
		return;
	struct question q;
	int64_t id = req_param_id(r, "id");
	if (id <= 0 || question_store_get(r->db, r->a, d.id, id, &q, &e) < 0 ||
	    (strcmp(q.status, "published") != 0 && strcmp(q.status, "merged") != 0)) {
		resp_error(w, r, 404, NULL, "There is no such question.");
		return;
	}
	/* A duplicate leads to the question it was merged into. */
	if (strcmp(q.status, "merged") == 0) {
		resp_redirect(w, r, arena_printf(r->a, "/d/%s/questions/%lld", d.slug, (long long)q.merged_into));
		return;
	}
	json_t *one = questions_json(&q, 1, &d, r->lang, true);
	json_t *data = json_pack("{s:o, s:O, s:s}", "district", view_district(&d), "question",
	                         json_array_get(one, 0), "title", "Question");
	json_decref(one);
	resp_page(w, r, 200, "question", data);
}

/* "You said, we did": the actions grouped by theme, each theme with what
 * it means and the quotes approved for it. */
void h_actions(struct req *r, struct resp *w)
{
	struct district d;
	struct err e;
	if (!hub_district(r, w, &d))
		return;
	struct action *as;
	size_t na = 0;
	struct public_theme *ts;
	size_t nt = 0;
	struct action_update *us;
	size_t nu = 0;
	int rc = action_store_list(r->db, r->a, d.id, 0, &as, &na, &e);
	if (rc == 0)
		rc = theme_store_with_actions(r->db, r->a, d.id, &ts, &nt, &e);
	if (rc == 0)
		rc = action_update_store_list(r->db, r->a, d.id, 0, &us, &nu, &e);
	if (rc < 0) {
		resp_err(w, r, &e);
		return;
	}
	json_t *themes = json_array();
	for (size_t t = 0; t <= nt; t++) {
		/* The last group holds the actions tied to no theme. */
		int64_t code = t < nt ? ts[t].code_id : 0;
		json_t *list = json_array();
		for (size_t i = 0; i < na; i++) {
			if (as[i].code_id != code)
				continue;
			json_t *a = view_action(&as[i]);
			if (*as[i].due_on) {
				int64_t due;
				if (clock_parse_local(d.timezone, as[i].due_on, "12:00", "due_on", "due_on", &due, NULL) == 0)
					json_object_set_new(a, "due_day", view_day(due, d.timezone, r->lang));
			}
			json_t *ups = json_array();
			for (size_t k = 0; k < nu; k++)
				if (us[k].action_id == as[i].id && *us[k].body) {
					json_t *u = view_action_update(&us[k]);
					json_object_set_new(u, "day", view_day(us[k].created_at, d.timezone, r->lang));
					json_array_append_new(ups, u);
				}
			json_object_set_new(a, "updates", ups);
			json_array_append_new(list, a);
		}
		if (json_array_size(list) == 0) {
			json_decref(list);
			continue;
		}
		json_t *quotes = json_array();
		if (t < nt) {
			struct quote *qs;
			size_t nq = 0;
			if (quote_store_list(r->db, r->a, d.id, ts[t].initiative_id, "approved", &qs, &nq, NULL) == 0)
				for (size_t k = 0; k < nq; k++)
					if (qs[k].code_id == code)
						json_array_append_new(quotes, json_pack("{s:s, s:s}", "text", qs[k].text,
						                                        "attribution", qs[k].attribution));
		}
		json_array_append_new(themes, json_pack("{s:s?, s:s, s:o, s:o, s:I}", "name", t < nt ? ts[t].name : NULL,
		                                        "description", t < nt ? ts[t].public_description : "",
		                                        "actions", list, "quotes", quotes, "id", (json_int_t)code));
	}
	resp_page(w, r, 200, "actions",
	          json_pack("{s:o, s:o, s:s}", "district", view_district(&d), "themes", themes, "title",
	                    "You said, we did"));
}

/* Splits a snippet with matches between \x01 and \x02 into parts for the
 * template, which marks the matches. */
static json_t *snippet_parts(const char *s)
{
	json_t *parts = json_array();
	bool hit = false;
	const char *p = s;
	while (*p) {
		size_t n = strcspn(p, "\x01\x02");
		if (n)
			json_array_append_new(parts, json_pack("{s:s%, s:b}", "text", p, n, "hit", hit));
		p += n;
		if (*p) {
			hit = *p == '\x01';
			p++;
		}
	}
	return parts;
}

void h_search(struct req *r, struct resp *w)
{
	struct district d;
	struct err e;
	if (!hub_district(r, w, &d))
		return;
	const char *q = form_get(&r->query, "q");
	struct search_hit *hits = NULL;
	size_t n = 0;
	if (q && *q && share_search(r->db, r->a, d.id, q, time(NULL), &hits, &n, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++) {
		const char *href = hits[i].slug
		                           ? arena_printf(r->a, "/d/%s/recaps/%s?lang=%s", d.slug, hits[i].slug, hits[i].lang)
		                           : arena_printf(r->a, "/d/%s/questions/%lld", d.slug, (long long)hits[i].ref_id);
		json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:o, s:b, s:b}", "href", href, "title",
		                                     hits[i].title, "lang", hits[i].lang, "parts",
		                                     snippet_parts(hits[i].snippet), "is_question",
		                                     strcmp(hits[i].kind, "question") == 0, "other_lang",
		                                     strcmp(hits[i].lang, r->lang) != 0));
	}
	resp_page(w, r, 200, "search",
	          json_pack("{s:o, s:o, s:s, s:s, s:b}", "district", view_district(&d), "hits", arr, "q", q ? q : "",
	                    "title", "Search", "searched", q && *q));
}

/* ---- Atom -------------------------------------------------------------- */

static void xml_elem(struct buf *b, const char *name, const char *attrs, const char *text)
{
	buf_printf(b, "<%s%s>", name, attrs ? attrs : "");
	esc_xml(b, text);
	buf_printf(b, "</%s>\n", name);
}

void h_feed(struct req *r, struct resp *w)
{
	struct district d;
	struct recap *rs;
	size_t n = 0;
	if (!hub_recaps(r, w, &d, 20, &rs, &n))
		return;
	const char *base = r->app->base_url;
	const char *hub = arena_printf(r->a, "%s/d/%s/", base, d.slug);
	int64_t updated = d.created_at;
	for (size_t i = 0; i < n; i++) {
		int64_t t = rs[i].p.updated_at > rs[i].p.publish_at ? rs[i].p.updated_at : rs[i].p.publish_at;
		if (t > updated)
			updated = t;
	}
	char iso[21];
	struct buf *b = &w->body;
	buf_reset(b);
	buf_adds(b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
	buf_printf(b, "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"%s\">\n", r->lang);
	xml_elem(b, "id", NULL, arena_printf(r->a, "%sfeed.atom", hub));
	const char *what = i18n_lookup(r->app->i18n, r->lang, "conversation recaps");
	xml_elem(b, "title", NULL, arena_printf(r->a, "%s: %s", d.name, what ? what : "conversation recaps"));
	clock_iso(updated, iso);
	xml_elem(b, "updated", NULL, iso);
	buf_adds(b, "<author>");
	xml_elem(b, "name", NULL, d.name);
	buf_adds(b, "</author>\n");
	buf_adds(b, "<link rel=\"self\" type=\"application/atom+xml\" href=\"");
	esc_xml(b, arena_printf(r->a, "%sfeed.atom", hub));
	buf_adds(b, "\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"");
	esc_xml(b, hub);
	buf_adds(b, "\"/>\n");
	xml_elem(b, "generator", NULL, "Common Ground");
	for (size_t i = 0; i < n; i++) {
		const struct recap *rc = &rs[i];
		const char *url = arena_printf(r->a, "%srecaps/%s", hub, rc->p.slug);
		buf_printf(b, "<entry xml:lang=\"%s\">\n", rc->text->lang);
		xml_elem(b, "id", NULL, url);
		xml_elem(b, "title", NULL, rc->text->title);
		clock_iso(rc->p.publish_at, iso);
		xml_elem(b, "published", NULL, iso);
		clock_iso(rc->p.updated_at > rc->p.publish_at ? rc->p.updated_at : rc->p.publish_at, iso);
		xml_elem(b, "updated", NULL, iso);
		buf_adds(b, "<link rel=\"alternate\" type=\"text/html\" href=\"");
		esc_xml(b, url);
		buf_adds(b, "\"/>\n");
		if (*rc->text->summary)
			xml_elem(b, "summary", NULL, rc->text->summary);
		struct buf html;
		buf_init(&html, 4u << 20);
		markdown_html(&html, rc->text->body);
		xml_elem(b, "content", " type=\"html\"", html.p ? html.p : "");
		buf_release(&html);
		buf_adds(b, "</entry>\n");
	}
	buf_adds(b, "</feed>\n");
	w->status = 200;
	w->content_type = "application/atom+xml; charset=utf-8";
	resp_header(w, r, "Vary", "Cookie, Accept-Language");
}

void h_image(struct req *r, struct resp *w)
{
	struct district d;
	struct err e;
	if (!hub_district(r, w, &d))
		return;
	struct image im;
	int64_t id = req_param_id(r, "id");
	if (id <= 0 || image_store_get(r->db, r->a, d.id, id, true, &im, &e) < 0) {
		resp_error(w, r, 404, NULL, "There is nothing at this address.");
		return;
	}
	const char *etag = arena_printf(r->a, "\"%s\"", im.sha256);
	resp_header(w, r, "ETag", etag);
	resp_header(w, r, "Cache-Control", "public, max-age=31536000, immutable");
	const char *inm = req_header(r, "If-None-Match");
	if (inm && strstr(inm, im.sha256)) {
		w->status = 304;
		return;
	}
	size_t cap = strlen(im.data_b64) / 4 * 3 + 3, len = 0;
	unsigned char *bytes = arena_alloc(r->a, cap);
	if (sodium_base642bin(bytes, cap, im.data_b64, strlen(im.data_b64), NULL, &len, NULL,
	                      sodium_base64_VARIANT_ORIGINAL) != 0) {
		log_warn("image %lld: stored bytes do not decode", (long long)id);
		resp_error(w, r, 500, NULL, "Something went wrong on our side.");
		return;
	}
	w->status = 200;
	w->content_type = im.content_type;
	buf_reset(&w->body);
	buf_add(&w->body, bytes, len);
}

/* Public pages: health, static files, language choice, the district hub. */
#include <string.h>

#include "store/district_store.h"
#include "store/initiative_store.h"
#include "store/plan_store.h"
#include <time.h>
#include "web/app.h"
#include "web/handlers.h"
#include "web/pagecache.h"
#include "web/views.h"

void h_healthz(struct req *r, struct resp *w)
{
	resp_text(w, 200, "ok\n");
}

void h_root(struct req *r, struct resp *w)
{
	resp_redirect(w, r, r->user.id ? "/admin" : "/signin");
}

void h_static(struct req *r, struct resp *w)
{
	const struct static_file *f = static_find(r->app->statics, req_param(r, "file"));
	if (!f) {
		resp_error(w, r, 404, NULL, "There is nothing at this address.");
		return;
	}
	resp_header(w, r, "ETag", f->etag);
	resp_header(w, r, "Cache-Control", "public, max-age=86400");
	const char *inm = req_header(r, "If-None-Match");
	if (inm && strstr(inm, f->etag)) {
		w->status = 304;
		return;
	}
	w->content_type = f->content_type;
	w->shared = f->data;
	w->shared_len = f->len;
}

/* /lang/es?next=/d/riverside/ — remembers the visitor's language. */
void h_lang(struct req *r, struct resp *w)
{
	const char *code = req_param(r, "code");
	if (strcmp(code, "en") != 0 && strcmp(code, "es") != 0) {
		resp_error(w, r, 404, NULL, "That language is not available.");
		return;
	}
	resp_cookie(w, r, "lang", code, 365L * 24 * 3600);
	const char *next = form_get(&r->query, "next");
	resp_redirect(w, r, http_local_path(next) ? next : "/");
}

void h_hub_redirect(struct req *r, struct resp *w)
{
	const char *slug = req_param(r, "slug");
	struct district d;
	struct err e;
	if (district_store_by_slug(r->db, r->a, slug, &d, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	resp_redirect(w, r, arena_printf(r->a, "/d/%s/", d.slug));
}

void h_hub(struct req *r, struct resp *w)
{
	struct district d;
	struct initiative *list;
	size_t n;
	struct err e;
	const char *key = arena_printf(r->a, "hub:%s:%s", req_param(r, "slug"), r->lang);
	resp_header(w, r, "Vary", "Cookie, Accept-Language");
	if (r->app->page_cache && pagecache_get(key, &w->body)) {
		w->content_type = "text/html; charset=utf-8";
		return;
	}
	/* Several reads, one view of the data (and one lock on SQLite). */
	if (db_begin_read(r->db, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	int rc = district_store_by_slug(r->db, r->a, req_param(r, "slug"), &d, &e);
	if (rc == 0)
		rc = initiative_store_list(r->db, r->a, d.id, &list, &n, &e);
	struct upcoming *ss;
	size_t ns = 0;
	if (rc == 0)
		rc = session_store_upcoming(r->db, r->a, d.id, time(NULL), &ss, &ns, &e);
	db_rollback(r->db);
	if (rc < 0) {
		resp_err(w, r, &e);
		return;
	}
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, view_initiative(&list[i]));
	json_t *upcoming = json_array();
	for (size_t i = 0; i < ns; i++) {
		json_t *v = view_session(&ss[i].s, d.timezone, r->lang);
		json_object_set_new(v, "title", json_string(ss[i].title));
		json_array_append_new(upcoming, v);
	}
	json_t *data = json_pack("{s:o, s:o, s:o, s:s}", "district", view_district(&d), "initiatives", items,
	                         "upcoming", upcoming, "title", d.name);
	resp_page(w, r, 200, "hub", data);
	if (r->app->page_cache && w->status == 200)
		pagecache_put(key, w->body.p, w->body.len, PAGECACHE_TTL_MS);
}

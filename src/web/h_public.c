/* Public pages: health, static files, language choice. */
#include <string.h>

#include "core/lang.h"
#include "web/app.h"
#include "web/handlers.h"
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
	if (!lang_valid(code)) {
		resp_error(w, r, 404, NULL, "That language is not available.");
		return;
	}
	resp_cookie(w, r, "lang", code, 365L * 24 * 3600);
	const char *next = form_get(&r->query, "next");
	resp_redirect(w, r, http_local_path(next) ? next : "/");
}

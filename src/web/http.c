#include "web/http.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/lang.h"
#include "core/log.h"
#include "core/str.h"
#include "store/audit_store.h"
#include "store/signin_failure_store.h"
#include "web/app.h"
#include "web/area.h"

const char *req_param(const struct req *r, const char *name)
{
	for (int i = 0; i < r->nparams; i++)
		if (strcmp(r->param_names[i], name) == 0)
			return r->params[i];
	return NULL;
}

int64_t req_param_id(const struct req *r, const char *name)
{
	const char *s = req_param(r, name);
	int64_t id;
	if (!s || parse_i64(s, 1, INT64_MAX, &id) < 0)
		return -1;
	return id;
}

const char *req_cookie(const struct req *r, const char *name)
{
	return cookie_get(r->cookies, r->ncookies, name);
}

const char *req_form(const struct req *r, const char *name)
{
	const char *v = form_get(&r->form, name);
	return v ? v : "";
}

bool req_checked(const struct req *r, const char *name)
{
	const char *v = form_get(&r->form, name);
	return v && (strcmp(v, "1") == 0 || strcmp(v, "on") == 0 || strcmp(v, "yes") == 0);
}

struct field_ctx req_field_ctx(const struct req *r)
{
	return (struct field_ctx){.i18n = r->app ? r->app->i18n : NULL, .lang = r->lang, .role = (int)r->user.role,
	                          .tzid = r->district.timezone, .a = r->a};
}

int req_fields_from(struct req *r, const struct form *f, const struct field *t, void *obj, struct err *e)
{
	struct field_source src = form_source(f);
	struct field_ctx cx = req_field_ctx(r);
	return field_read(t, obj, &src, &cx, e);
}

int req_fields(struct req *r, const struct field *t, void *obj, struct err *e)
{
	return req_fields_from(r, &r->form, t, obj, e);
}

void resp_header(struct resp *w, struct req *r, const char *name, const char *value)
{
	if (w->nheaders == REQ_MAX_HEADERS) {
		log_warn("too many response headers; dropping %s", name);
		return;
	}
	w->hnames[w->nheaders] = name;
	w->hvalues[w->nheaders] = arena_strdup(r->a, value);
	w->nheaders++;
}

void resp_text(struct resp *w, int status, const char *text)
{
	w->status = status;
	w->content_type = "text/plain; charset=utf-8";
	buf_reset(&w->body);
	buf_adds(&w->body, text);
}

bool http_local_path(const char *s)
{
	if (!s || s[0] != '/' || s[1] == '/' || s[1] == '\\')
		return false;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f || *p == '\\')
			return false;
	return true;
}

void resp_redirect(struct resp *w, struct req *r, const char *location)
{
	/* Only local paths: an open redirect would let a link to us send people
	 * anywhere. */
	if (!http_local_path(location))
		location = "/";
	w->status = 303;
	resp_header(w, r, "Location", location);
	buf_reset(&w->body);
}

void resp_json(struct resp *w, int status, json_t *j)
{
	w->status = status;
	w->content_type = "application/json";
	buf_reset(&w->body);
	char *s = json_dumps(j, JSON_COMPACT | JSON_ENSURE_ASCII);
	if (s) {
		buf_adds(&w->body, s);
		free(s);
	}
	buf_addc(&w->body, '\n');
}

json_t *req_json(struct req *r, json_t *j)
{
	arena_defer(r->a, (void (*)(void *))json_decref, j);
	return j;
}

void req_audit(struct req *r, const char *action, const char *detail)
{
	struct audit_entry ev = {
		.district_id = r->user.district_id,
		.user_id = r->user.id,
		.actor = r->user.email,
		.action = action,
		.detail = detail,
		.ip = r->ip,
	};
	struct err e;
	if (audit_store_add(r->db, &ev, &e) < 0)
		log_warn("audit log: %s", e.msg);
}

/* The other languages of the pages, each by its own name. */
static json_t *page_langs(const char *lang)
{
	json_t *list = json_array();
	for (size_t i = 0; i < LANG_NPAGES; i++)
		if (strcmp(lang_page(i), lang) != 0)
			json_array_append_new(list, json_pack("{s:s, s:s, s:s}", "tag", lang_page(i), "name",
			                                      lang_native_name(lang_page(i)), "dir",
			                                      lang_dir_of(lang_page(i))));
	return list;
}

static json_t *nav(struct req *r)
{
	json_t *list = json_array();
	for (size_t i = 0; i < area_count(); i++) {
		const struct area *ar = area_at(i);
		if (!area_visible(ar, r->user.role))
			continue;
		bool current = str_starts(str_from(r->path), ar->path);
		json_array_append_new(list, json_pack("{s:s, s:s, s:s, s:b}", "key", ar->key, "label", ar->label, "href",
		                                      ar->path, "current", current));
	}
	return list;
}

void resp_page(struct resp *w, struct req *r, int status, const char *tmpl, json_t *data)
{
	struct app *app = r->app;
	if (!data) {
		/* A json_pack whose format and arguments disagree returns NULL: a
		 * programming error that must not pass for an empty page. */
		log_warn("rendering %s: the page's data could not be built", tmpl);
		resp_text(w, 500, "Something went wrong on our side.");
		return;
	}
	req_json(r, data);
	json_object_set_new(data, "lang", json_string(r->lang));
	json_object_set_new(data, "dir", json_string(lang_dir_of(r->lang)));
	json_object_set_new(data, "page_langs", page_langs(r->lang));
	json_object_set_new(data, "asset_version", json_string(static_version(app->statics)));
	json_object_set_new(data, "path", json_string(r->path));
	if (r->csrf)
		json_object_set_new(data, "csrf", json_string(r->csrf));
	if (r->user.id) {
		json_object_set_new(data, "me",
		                    json_pack("{s:I, s:s, s:s, s:s, s:b, s:b}", "id", (json_int_t)r->user.id,
		                              "email", r->user.email, "name", r->user.name, "role",
		                              role_name(r->user.role), "is_admin", r->user.role == ROLE_ADMIN,
		                              "is_staff", role_at_least(r->user.role, ROLE_STAFF)));
		json_object_set_new(data, "my_district",
		                    json_pack("{s:s, s:s}", "name", r->district.name, "slug", r->district.slug));
		json_object_set_new(data, "nav", nav(r));
	}
	const char *layout = strncmp(tmpl, "admin/", 6) == 0 ? "layout/admin" : "layout/public";
	w->status = status;
	w->content_type = "text/html; charset=utf-8";
	buf_reset(&w->body);
	struct err e;
	if (tmpl_render(app->tmpl, tmpl, layout, data, r->lang, &w->body, &e) < 0) {
		log_warn("rendering %s: %s", tmpl, e.msg);
		resp_text(w, 500, "Something went wrong on our side.");
	}
}

static void error_json(struct resp *w, int status, const char *code, const char *field, const char *msg)
{
	json_t *j = json_pack("{s:{s:s, s:s, s:o}}", "error", "code", code, "message", msg, "field",
	                      field ? json_string(field) : json_null());
	resp_json(w, status, j);
	json_decref(j);
}

void resp_error(struct resp *w, struct req *r, int status, const char *field, const char *msg)
{
	if (r->api) {
		static const struct {
			int status;
			const char *code;
		} codes[] = {
			{400, "bad_request"}, {401, "unauthorized"}, {403, "forbidden"}, {404, "not_found"},
			{405, "method_not_allowed"}, {409, "conflict"}, {413, "too_large"}, {422, "invalid"},
			{429, "too_many_requests"}, {500, "internal"},
		};
		const char *code = "error";
		for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++)
			if (codes[i].status == status)
				code = codes[i].code;
		error_json(w, status, code, field, msg);
		return;
	}
	const char *title = status == 404   ? "Page not found"
	                    : status == 403 ? "Not allowed"
	                    : status == 405 ? "Method not allowed"
	                    : status == 413 ? "Too large"
	                    : status == 429 ? "Too many attempts"
	                    : status >= 500 ? "Something went wrong"
	                                    : "Something is not right";
	json_t *data = json_pack("{s:i, s:s, s:s}", "status", status, "title", title, "message", msg);
	resp_page(w, r, status, "error", data);
}

void resp_err(struct resp *w, struct req *r, const struct err *e)
{
	int status;
	switch (e->code) {
	case ERR_INVALID: status = r->api ? 400 : 422; break;
	case ERR_NOTFOUND: status = 404; break;
	case ERR_CONFLICT: status = 409; break;
	case ERR_DENIED: status = 403; break;
	case ERR_LIMIT: status = 413; break;
	default: status = 500; break;
	}
	if (status == 500) {
		log_warn("%s %s: %s", r->method, r->path, e->msg);
		resp_error(w, r, 500, NULL, "Something went wrong on our side. Please try again.");
		return;
	}
	/* The API answers input it cannot accept with 400 "invalid", naming
	 * the field; pages answer 422. */
	if (r->api && e->code == ERR_INVALID)
		error_json(w, status, "invalid", e->field[0] ? e->field : NULL, e->msg);
	else
		resp_error(w, r, status, e->field[0] ? e->field : NULL, e->msg);
}

void resp_keyed(struct resp *w, struct req *r)
{
	resp_header(w, r, "Cache-Control", "no-store");
	resp_header(w, r, "Referrer-Policy", "no-referrer");
}

void resp_cookie(struct resp *w, struct req *r, const char *name, const char *value, long max_age)
{
	struct buf b;
	buf_init(&b, 4096);
	struct cookie_attrs at = {
		.path = "/",
		.max_age = max_age,
		.http_only = 1,
		.secure = r->app->secure_cookies,
		.same_site = "Lax",
	};
	if (cookie_format(&b, name, value, &at) == 0)
		resp_header(w, r, "Set-Cookie", b.p);
	else
		log_warn("refused to format cookie %s", name);
	buf_release(&b);
}

struct outbox_ctx req_outbox(struct req *r)
{
	return (struct outbox_ctx){.db = r->db, .a = r->a, .i18n = r->app->i18n, .base_url = r->app->base_url,
	                           .smtp_url = r->app->smtp_url, .from_addr = r->app->mail_from, .now = time(NULL)};
}

bool req_over_limit(struct req *r, struct resp *w, const char *kind, int per_hour, const char *msg,
                    struct err *e)
{
	const char *key = arena_printf(r->a, "%s:%s", kind, r->ip);
	int64_t recent = 0;
	if (signin_failure_store_count(r->db, key, time(NULL) - 3600, &recent, NULL) < 0 || recent < per_hour)
		return false;
	resp_header(w, r, "Retry-After", "3600");
	err_set(e, ERR_LIMIT, NULL, "%s", msg);
	return true;
}

void req_count_post(struct req *r, const char *kind)
{
	signin_failure_store_add(r->db, arena_printf(r->a, "%s:%s", kind, r->ip), time(NULL), NULL);
}

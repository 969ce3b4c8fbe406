/* The JSON API under /api/v1, scoped to the token's district. */
#include <string.h>

#include "store/initiative_store.h"
#include "store/user_store.h"
#include "web/app.h"
#include "web/handlers.h"
#include "web/views.h"

json_t *api_body(struct req *r, struct resp *w)
{
	json_error_t je;
	const char *ct = r->content_type ? r->content_type : "";
	if (strncasecmp(ct, "application/json", 16) != 0) {
		resp_error(w, r, 415, NULL, "Send the body as application/json.");
		return NULL;
	}
	json_t *j = json_loadb(r->body, r->body_len, JSON_REJECT_DUPLICATES, &je);
	if (!j || !json_is_object(j)) {
		json_decref(j);
		resp_error(w, r, 400, NULL,
		           arena_printf(r->a, "The body is not a JSON object (line %d: %s).", je.line, je.text));
		return NULL;
	}
	return req_json(r, j);
}

static void json_source_get(void *ctx, const char *name, struct field_value *v)
{
	json_t *j = json_object_get(ctx, name);
	if (!j)
		return;
	if (json_is_string(j))
		*v = (struct field_value){.kind = FIELD_STRING, .s = json_string_value(j), .len = json_string_length(j)};
	else if (json_is_integer(j))
		*v = (struct field_value){.kind = FIELD_NUMBER, .i = (int64_t)json_integer_value(j)};
	else if (json_is_boolean(j))
		v->kind = json_is_true(j) ? FIELD_TRUE : FIELD_FALSE;
	else
		v->kind = FIELD_OTHER;
}

struct field_source api_source(json_t *o)
{
	return (struct field_source){.get = json_source_get, .ctx = o, .typed = true};
}

bool api_fields(struct req *r, struct resp *w, json_t *o, const struct field *t, void *obj)
{
	struct field_source src = api_source(o);
	struct field_ctx cx = req_field_ctx(r);
	struct err e;
	if (field_read(t, obj, &src, &cx, &e) < 0) {
		resp_err(w, r, &e);
		return false;
	}
	return true;
}

void api_district(struct req *r, struct resp *w)
{
	json_t *j = req_json(r, view_district(&r->district));
	resp_json(w, 200, j);
}

void api_initiatives(struct req *r, struct resp *w)
{
	struct initiative *list;
	size_t n;
	struct err e;
	if (initiative_store_list(r->db, r->a, r->user.district_id, &list, &n, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, view_initiative(&list[i]));
	resp_json(w, 200, req_json(r, json_pack("{s:o}", "initiatives", items)));
}

static void save(struct req *r, struct resp *w, struct initiative *in, bool create)
{
	json_t *o = api_body(r, w);
	if (!o)
		return;
	if (!api_fields(r, w, o, initiative_fields, in))
		return;
	struct err e;
	int rc = initiative_check(in, &e);
	if (rc == 0)
		rc = create ? initiative_store_add(r->db, in, &e) : initiative_store_update(r->db, in, &e);
	if (rc < 0) {
		resp_err(w, r, &e);
		return;
	}
	req_audit(r, create ? "initiative.add" : "initiative.update", in->title);
	resp_json(w, create ? 201 : 200, req_json(r, view_initiative(in)));
}

void api_initiative_add(struct req *r, struct resp *w)
{
	struct initiative in = {.district_id = r->user.district_id, .title = "", .why = "", .mode = "cooperate",
	                        .data_behind = "", .goals = "", .questions = ""};
	save(r, w, &in, true);
}

void api_initiative(struct req *r, struct resp *w)
{
	struct initiative in;
	struct err e;
	if (initiative_store_get(r->db, r->a, r->user.district_id, req_param_id(r, "id"), &in, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	resp_json(w, 200, req_json(r, view_initiative(&in)));
}

void api_initiative_update(struct req *r, struct resp *w)
{
	struct initiative in;
	struct err e;
	if (initiative_store_get(r->db, r->a, r->user.district_id, req_param_id(r, "id"), &in, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	save(r, w, &in, false);
}

void api_users(struct req *r, struct resp *w)
{
	struct user *list;
	size_t n;
	struct err e;
	if (user_store_list(r->db, r->a, r->user.district_id, &list, &n, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, view_user(&list[i]));
	resp_json(w, 200, req_json(r, json_pack("{s:o}", "users", items)));
}

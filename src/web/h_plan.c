/* Plan: the district's initiatives. */
#include <string.h>

#include "core/str.h"

#include "store/conversation_store.h"
#include "store/group_store.h"
#include "store/initiative_store.h"
#include "store/sponsor_store.h"
#include "web/app.h"
#include "web/handlers.h"
#include "web/views.h"

static void plan_page(struct req *r, struct resp *w, int status, json_t *form, const struct err *e)
{
	struct initiative *list;
	size_t n;
	struct err le;
	if (initiative_store_list(r->db, r->a, r->user.district_id, &list, &n, &le) < 0) {
		json_decref(form);
		resp_err(w, r, &le);
		return;
	}
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, view_initiative(&list[i]));
	if (!form)
		form = json_pack("{s:s}", "mode", "cooperate");
	const char *mode = json_string_value(json_object_get(form, "mode"));
	json_t *data = json_pack("{s:s, s:o, s:o, s:b}", "title", "Plan", "initiatives", items, "form", form,
	                         "collaborate", mode && strcmp(mode, "collaborate") == 0);
	view_error(data, e);
	resp_page(w, r, status, "admin/plan", data);
}

void h_plan(struct req *r, struct resp *w)
{
	plan_page(r, w, 200, NULL, NULL);
}

/* The form's fields, then the rules. */
static int read_form(struct req *r, struct initiative *in, struct err *e)
{
	in->district_id = r->user.district_id;
	int rc = req_fields(r, initiative_fields, in, e);
	return rc < 0 ? rc : initiative_check(in, e);
}

void h_initiative_add(struct req *r, struct resp *w)
{
	struct initiative in = {0};
	struct err e;
	if (read_form(r, &in, &e) < 0) {
		plan_page(r, w, 422, view_initiative(&in), &e);
		return;
	}
	if (initiative_store_add(r->db, &in, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	req_audit(r, "initiative.add", in.title);
	resp_redirect(w, r, arena_printf(r->a, "/admin/plan/initiatives/%lld", (long long)in.id));
}

static void initiative_page(struct req *r, struct resp *w, int status, const struct initiative *in,
                            const struct err *e)
{
	json_t *data = json_pack("{s:s, s:o, s:o, s:b}", "title", in->title, "initiative", view_initiative(in),
	                         "form", view_initiative(in), "collaborate", strcmp(in->mode, "collaborate") == 0);
	view_error(data, e);
	if (status == 200 && form_get(&r->query, "saved"))
		json_object_set_new(data, "saved", json_true());
	struct conversation *cs;
	struct group *gs;
	size_t nc = 0, ng = 0;
	struct err le;
	json_t *convs = json_array(), *groups = json_array();
	if (conversation_store_list(r->db, r->a, in->district_id, in->id, &cs, &nc, &le) == 0)
		for (size_t i = 0; i < nc; i++)
			json_array_append_new(convs, view_conversation(&cs[i]));
	if (group_store_list(r->db, r->a, in->district_id, &gs, &ng, &le) == 0)
		for (size_t i = 0; i < ng; i++)
			json_array_append_new(groups, view_group(&gs[i]));
	json_object_set_new(data, "conversations", convs);
	struct sponsor *sp;
	size_t nsp = 0;
	json_t *sponsors = json_array();
	if (sponsor_store_list(r->db, r->a, in->district_id, in->id, &sp, &nsp, &le) == 0)
		for (size_t i = 0; i < nsp; i++)
			json_array_append_new(sponsors, json_pack("{s:s, s:s, s:s, s:I}", "name", sp[i].name, "organization",
			                                          sp[i].organization, "contributed", sp[i].contributed,
			                                          "recruited", (json_int_t)sp[i].recruited));
	json_object_set_new(data, "sponsors", sponsors);
	json_object_set_new(data, "groups", groups);
	resp_page(w, r, status, "admin/initiative", data);
}

void h_initiative(struct req *r, struct resp *w)
{
	struct initiative in;
	struct err e;
	if (initiative_store_get(r->db, r->a, r->user.district_id, req_param_id(r, "id"), &in, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	initiative_page(r, w, 200, &in, NULL);
}

void h_initiative_save(struct req *r, struct resp *w)
{
	struct initiative in;
	struct err e;
	if (initiative_store_get(r->db, r->a, r->user.district_id, req_param_id(r, "id"), &in, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	if (read_form(r, &in, &e) < 0) {
		initiative_page(r, w, 422, &in, &e);
		return;
	}
	if (initiative_store_update(r->db, &in, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	req_audit(r, "initiative.update", in.title);
	resp_redirect(w, r, arena_printf(r->a, "/admin/plan/initiatives/%lld?saved=1", (long long)in.id));
}

/* A member of the initiative's sponsorship committee. */
void h_sponsor_add(struct req *r, struct resp *w)
{
	struct initiative in;
	struct err e;
	if (initiative_store_get(r->db, r->a, r->user.district_id, req_param_id(r, "id"), &in, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	struct sponsor s = {.district_id = in.district_id, .initiative_id = in.id};
	int rc = req_fields(r, sponsor_fields, &s, &e);
	if (rc == 0)
		rc = sponsor_check(&s, &e);
	if (rc == ERR_INVALID) {
		initiative_page(r, w, 422, &in, &e);
		return;
	}
	if (rc == 0)
		rc = sponsor_store_add(r->db, &s, &e);
	if (rc < 0) {
		resp_err(w, r, &e);
		return;
	}
	req_audit(r, "sponsor.add", s.name);
	resp_redirect(w, r, arena_printf(r->a, "/admin/plan/initiatives/%lld#sponsors", (long long)in.id));
}

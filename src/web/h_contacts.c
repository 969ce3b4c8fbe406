/* Invite: the contact list (imported from CSV) and personal invitations. */
#include <string.h>
#include <time.h>

#include "core/str.h"
#include "service/baseline.h"
#include "service/contacts.h"
#include "store/baseline_store.h"
#include "store/contact_store.h"
#include "store/conversation_store.h"
#include "store/group_store.h"
#include "store/session_store.h"
#include "web/app.h"
#include "web/handlers.h"
#include "web/views.h"

static void contacts_page(struct req *r, struct resp *w, int status, const struct import_report *rep,
                          const struct err *e)
{
	struct contact *cs;
	size_t n = 0;
	struct err le;
	if (contact_store_list(r->db, r->a, r->user.district_id, &cs, &n, &le) < 0) {
		resp_err(w, r, &le);
		return;
	}
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(list, json_pack("{s:I, s:s, s:s, s:s, s:s}", "id", (json_int_t)cs[i].id, "name",
		                                      cs[i].name, "email", cs[i].email, "phone", cs[i].phone, "language",
		                                      cs[i].language));
	json_t *data = json_pack("{s:s, s:o, s:I}", "title", "Contacts", "contacts", list, "count", (json_int_t)n);
	if (rep) {
		json_t *rej = json_array();
		for (size_t i = 0; i < rep->nrejects; i++)
			json_array_append_new(rej, json_string(rep->rejects[i].msg));
		json_object_set_new(data, "report", json_pack("{s:i, s:i, s:o, s:I}", "added", rep->added, "updated",
		                                              rep->updated, "rejects", rej, "nrejects",
		                                              (json_int_t)rep->nrejects));
	}
	view_error(data, e);
	resp_page(w, r, status, "admin/contacts", data);
}

void h_contacts(struct req *r, struct resp *w)
{
	contacts_page(r, w, 200, NULL, NULL);
}

void h_contacts_import(struct req *r, struct resp *w)
{
	const struct form_field *f = form_field(&r->form, "file");
	struct err e;
	err_clear(&e);
	if (!f || f->len == 0) {
		err_set(&e, ERR_INVALID, "file", "Choose a CSV file to import.");
		contacts_page(r, w, 422, NULL, &e);
		return;
	}
	struct import_report rep;
	int rc = contacts_import(r->db, r->a, &r->district, f->value, f->len, &rep, &e);
	if (rc == ERR_INVALID || rc == ERR_LIMIT) {
		contacts_page(r, w, rc == ERR_LIMIT ? 413 : 422, NULL, &e);
		return;
	}
	if (rc < 0) {
		resp_err(w, r, &e);
		return;
	}
	req_audit(r, "contacts.import",
	          arena_printf(r->a, "%d added, %d updated, %zu rejected", rep.added, rep.updated, rep.nrejects));
	contacts_page(r, w, 200, &rep, NULL);
}

void h_session_invite(struct req *r, struct resp *w)
{
	struct session s;
	struct conversation c;
	struct err e;
	if (session_store_get(r->db, r->a, r->user.district_id, req_param_id(r, "id"), &s, &e) < 0 ||
	    conversation_store_get(r->db, r->a, s.district_id, s.conversation_id, &c, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	struct contact_invite to = {0};
	struct group grp;
	if (req_fields(r, contact_invite_fields, &to, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	if (to.group_id && group_store_get(r->db, r->a, r->user.district_id, to.group_id, &grp, &e) < 0) {
		resp_error(w, r, 422, "group_id", "Choose one of the district's groups.");
		return;
	}
	struct outbox_ctx x = req_outbox(r);
	int invited = 0;
	if (contacts_invite(&x, &s, &c, &r->district, to.group_id, &invited, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	req_audit(r, "session.invite", arena_printf(r->a, "%d invited to session %lld", invited, (long long)s.id));
	resp_redirect(w, r, arena_printf(r->a, "/admin/plan/sessions/%lld?invited=%d", (long long)s.id, invited));
}

/* ---- the community baseline ---- */

static void baseline_page(struct req *r, struct resp *w, int status, const struct import_report *rep,
                          const struct err *e)
{
	struct baseline_share *bs;
	size_t n = 0;
	struct err le;
	if (baseline_store_list(r->db, r->a, r->user.district_id, &bs, &n, &le) < 0) {
		resp_err(w, r, &le);
		return;
	}
	json_t *dims = json_array();
	for (size_t k = 0; k < plan_ndimensions; k++) {
		json_t *rows = json_array();
		int64_t total = 0;
		for (size_t i = 0; i < n; i++) {
			if (strcmp(bs[i].dimension, plan_dimensions[k]) != 0)
				continue;
			total += bs[i].share_bp;
			json_array_append_new(rows, json_pack("{s:s, s:s}", "category", bs[i].category, "share",
			                                      arena_printf(r->a, "%lld.%02lld%%", (long long)(bs[i].share_bp / 100),
			                                                   (long long)(bs[i].share_bp % 100))));
		}
		json_array_append_new(dims, json_pack("{s:s, s:o, s:b, s:s}", "dimension", plan_dimensions[k], "rows", rows,
		                                      "incomplete", json_array_size(rows) > 0 && (total < 9900 || total > 10100),
		                                      "total", arena_printf(r->a, "%lld.%02lld%%", (long long)(total / 100),
		                                                            (long long)(total % 100))));
	}
	json_t *data = json_pack("{s:s, s:o}", "title", "Community baseline", "dimensions", dims);
	if (rep) {
		json_t *rej = json_array();
		for (size_t i = 0; i < rep->nrejects; i++)
			json_array_append_new(rej, json_string(rep->rejects[i].msg));
		json_object_set_new(data, "report", json_pack("{s:i, s:o}", "added", rep->added, "rejects", rej));
	}
	view_error(data, e);
	resp_page(w, r, status, "admin/baseline", data);
}

void h_baseline(struct req *r, struct resp *w)
{
	baseline_page(r, w, 200, NULL, NULL);
}

void h_baseline_save(struct req *r, struct resp *w)
{
	struct err e;
	err_clear(&e);
	const struct form_field *f = form_field(&r->form, "file");
	if (f && f->filename && f->len) {
		struct import_report rep;
		int rc = baseline_import(r->db, r->a, &r->district, f->value, f->len, &rep, &e);
		if (rc == ERR_INVALID || rc == ERR_LIMIT) {
			baseline_page(r, w, rc == ERR_LIMIT ? 413 : 422, NULL, &e);
			return;
		}
		if (rc < 0) {
			resp_err(w, r, &e);
			return;
		}
		req_audit(r, "baseline.import", arena_printf(r->a, "%d shares", rep.added));
		baseline_page(r, w, 200, &rep, NULL);
		return;
	}
	struct baseline_form bf = {0};
	int rc = req_fields(r, baseline_form_fields, &bf, &e);
	struct baseline_share b = {.district_id = r->user.district_id, .dimension = bf.dimension,
	                           .category = bf.category};
	if (rc == 0)
		rc = baseline_parse_share(bf.share, &b.share_bp, &e);
	if (rc == 0)
		rc = baseline_check(&b, &e);
	if (rc == ERR_INVALID) {
		baseline_page(r, w, 422, NULL, &e);
		return;
	}
	if (rc == 0)
		rc = baseline_store_set(r->db, &b, &e);
	if (rc < 0) {
		resp_err(w, r, &e);
		return;
	}
	req_audit(r, "baseline.set", arena_printf(r->a, "%s: %s", b.dimension, b.category));
	resp_redirect(w, r, "/admin/plan/baseline");
}

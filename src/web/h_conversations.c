/* Plan: stakeholder groups, conversations, sessions and the outbox, for
 * staff.  Every record is looked up within the signed-in person's district. */
#include <string.h>
#include <time.h>

#include "core/log.h"
#include "core/str.h"
#include "domain/clock.h"
#include "service/outbox.h"
#include "service/register.h"
#include "store/conversation_store.h"
#include "store/group_store.h"
#include "store/initiative_store.h"
#include "store/message_store.h"
#include "store/protocol_store.h"
#include "store/registration_store.h"
#include "store/session_store.h"
#include "store/team_store.h"
#include "store/user_store.h"
#include "web/app.h"
#include "web/handlers.h"
#include "web/views.h"

static json_t *group_choices(struct req *r, int64_t selected)
{
	struct group *gs;
	size_t n = 0;
	struct err e;
	json_t *list = json_array();
	if (group_store_list(r->db, r->a, r->user.district_id, &gs, &n, &e) == 0)
		for (size_t i = 0; i < n; i++) {
			json_t *g = view_group(&gs[i]);
			json_object_set_new(g, "selected", json_boolean(gs[i].id == selected));
			json_array_append_new(list, g);
		}
	return list;
}

static json_t *kind_choices(const char *selected)
{
	json_t *list = json_array();
	for (size_t i = 0; i < plan_ngroup_kinds; i++)
		json_array_append_new(list, json_pack("{s:s, s:b}", "kind", plan_group_kinds[i], "selected",
		                                      selected && strcmp(selected, plan_group_kinds[i]) == 0));
	return list;
}

/* ---- groups ---- */

static void groups_page(struct req *r, struct resp *w, int status, const struct group *form, const struct err *e)
{
	json_t *data = json_pack("{s:s, s:o, s:o}", "title", "Stakeholder groups", "groups", group_choices(r, 0),
	                         "kinds", kind_choices(form ? form->kind : NULL));
	if (form)
		json_object_set_new(data, "form", view_group(form));
	view_error(data, e);
	resp_page(w, r, status, "admin/groups", data);
}

void h_groups(struct req *r, struct resp *w)
{
	groups_page(r, w, 200, NULL, NULL);
}

void h_group_add(struct req *r, struct resp *w)
{
	struct group g = {.district_id = r->user.district_id};
	struct err e;
	int rc = req_fields(r, group_fields, &g, &e);
	if (rc == 0)
		rc = group_check(&g, &e);
	if (rc == 0)
		rc = group_store_add(r->db, &g, &e);
	if (rc == ERR_INVALID || rc == ERR_CONFLICT) {
		groups_page(r, w, rc == ERR_CONFLICT ? 409 : 422, &g, &e);
		return;
	}
	if (rc < 0) {
		resp_err(w, r, &e);
		return;
	}
	req_audit(r, "group.add", g.name);
	resp_redirect(w, r, "/admin/plan/groups");
}

/* ---- conversations ---- */

/* The form's fields, then the rules; e names the form's field. */
static int read_conversation(struct req *r, struct conversation *c, struct err *e)
{
	int rc = req_fields(r, conversation_fields, c, e);
	if (rc == 0 && (rc = conversation_check(c, e)) < 0)
		field_err_form(conversation_fields, e);
	return rc;
}

/* A group or protocol from a form must be the district's own. */
static int check_refs(struct req *r, const struct conversation *c, struct err *e)
{
	struct group g;
	struct protocol p;
	if (c->group_id && group_store_get(r->db, r->a, r->user.district_id, c->group_id, &g, e) < 0)
		return err_set(e, ERR_INVALID, "group_id", "Choose one of the district's groups.");
	if (c->protocol_id && protocol_store_get(r->db, r->a, r->user.district_id, c->protocol_id, &p, e) < 0)
		return err_set(e, ERR_INVALID, "protocol_id", "Choose one of the district's protocols.");
	return 0;
}

void h_conversation_add(struct req *r, struct resp *w)
{
	struct initiative in;
	struct err e;
	if (initiative_store_get(r->db, r->a, r->user.district_id, req_param_id(r, "id"), &in, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	struct conversation c = {.district_id = r->user.district_id, .initiative_id = in.id, .status = "planning"};
	int rc = read_conversation(r, &c, &e);
	if (rc == 0)
		rc = check_refs(r, &c, &e);
	if (rc == 0)
		rc = conversation_store_add(r->db, &c, &e);
	if (rc < 0) {
		resp_err(w, r, &e);
		return;
	}
	req_audit(r, "conversation.add", c.title);
	resp_redirect(w, r, arena_printf(r->a, "/admin/plan/conversations/%lld", (long long)c.id));
}

/* The district's facilitators and partners, each marked when the
 * conversation is handed to them. */
static json_t *team_choices(struct req *r, const struct conversation *c)
{
	struct user *us;
	int64_t *ids;
	size_t nu = 0, ni = 0;
	struct err e;
	json_t *list = json_array();
	if (user_store_list(r->db, r->a, c->district_id, &us, &nu, &e) < 0 ||
	    team_store_list(r->db, r->a, c->district_id, c->id, &ids, &ni, &e) < 0)
		return list;
	for (size_t i = 0; i < nu; i++) {
		if (us[i].disabled || (us[i].role != ROLE_FACILITATOR && us[i].role != ROLE_PARTNER))
			continue;
		bool on = false;
		for (size_t k = 0; k < ni; k++)
			on |= ids[k] == us[i].id;
		json_array_append_new(list, json_pack("{s:I, s:s, s:s, s:s, s:b}", "id", (json_int_t)us[i].id, "name",
		                                      us[i].name, "email", us[i].email, "role", role_name(us[i].role),
		                                      "on", on));
	}
	return list;
}

static void conversation_page(struct req *r, struct resp *w, int status, struct conversation *c,
                              const struct session *form_session, const struct err *e)
{
	struct session *ss;
	size_t n = 0;
	struct err le;
	struct district *d = &r->district;
	if (session_store_list(r->db, r->a, c->district_id, c->id, &ss, &n, &le) < 0) {
		resp_err(w, r, &le);
		return;
	}
	struct session_demand *dem = arena_alloc(r->a, sizeof(*dem) * (n ? n : 1));
	json_t *sessions = json_array();
	for (size_t i = 0; i < n; i++) {
		registration_store_demand(r->db, ss[i].id, &dem[i], &le);
		json_t *v = view_session(&ss[i], d->timezone, r->lang);
		json_object_set_new(v, "confirmed", json_integer(dem[i].confirmed));
		json_object_set_new(v, "waitlisted", json_integer(dem[i].waitlisted));
		json_array_append_new(sessions, v);
	}
	struct buf items;
	buf_init(&items, 64 * 1024);
	plan_checklist(c, ss, n, dem, &items);
	json_t *checklist = view_lines(items.p);
	buf_release(&items);
	json_t *statuses = json_array();
	for (size_t i = 0; i < plan_nstatuses; i++)
		json_array_append_new(statuses, json_pack("{s:s, s:b}", "name", plan_statuses[i], "selected",
		                                          strcmp(c->status, plan_statuses[i]) == 0));
	json_t *data = json_pack("{s:s, s:o, s:o, s:o, s:o, s:o}", "title", c->title, "conversation",
	                         view_conversation(c), "sessions", sessions, "checklist", checklist, "groups",
	                         group_choices(r, c->group_id), "statuses", statuses);
	json_object_set_new(data, "compensation_amount", json_integer(c->compensation_cents / 100));
	struct protocol *ps;
	size_t np = 0;
	json_t *protos = json_array();
	if (protocol_store_list(r->db, r->a, c->district_id, &ps, &np, &le) == 0)
		for (size_t i = 0; i < np; i++)
			json_array_append_new(protos, json_pack("{s:I, s:s, s:b}", "id", (json_int_t)ps[i].id, "name",
			                                        ps[i].name, "selected", ps[i].id == c->protocol_id));
	json_object_set_new(data, "protocols", protos);
	static const char *const comp[][2] = {
		{"none", "None"}, {"stipend", "Stipend"}, {"gift_card", "Gift card"}, {"other", "Other"}};
	json_t *comps = json_array();
	for (size_t i = 0; i < 4; i++)
		json_array_append_new(comps, json_pack("{s:s, s:s, s:b}", "kind", comp[i][0], "label", comp[i][1],
		                                       "selected", strcmp(c->compensation_kind, comp[i][0]) == 0));
	json_object_set_new(data, "compensation", comps);
	json_object_set_new(data, "team", team_choices(r, c));
	if (status == 200 && form_get(&r->query, "saved"))
		json_object_set_new(data, "team_saved", json_true());
	if (form_session)
		json_object_set_new(data, "new_session", view_session(form_session, d->timezone, r->lang));
	else
		json_object_set_new(data, "new_session", json_pack("{s:s, s:s, s:s, s:s, s:i, s:b}", "format", "in_person", "language",
		                                                   "en", "start_time", "18:00", "end_time", "19:30",
		                                                   "capacity", 25, "registration_open", 1));
	view_error(data, e);
	resp_page(w, r, status, "admin/conversation", data);
}

static int load_conversation(struct req *r, struct conversation *c, struct err *e)
{
	return conversation_store_get(r->db, r->a, r->user.district_id, req_param_id(r, "id"), c, e);
}

void h_conversation(struct req *r, struct resp *w)
{
	struct conversation c;
	struct err e;
	if (load_conversation(r, &c, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	conversation_page(r, w, 200, &c, NULL, NULL);
}

void h_conversation_save(struct req *r, struct resp *w)
{
	struct conversation c;
	struct err e;
	if (load_conversation(r, &c, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	int rc = read_conversation(r, &c, &e);
	if (rc == 0)
		rc = check_refs(r, &c, &e);
	if (rc == 0)
		rc = conversation_store_update(r->db, &c, &e);
	if (rc == ERR_INVALID) {
		conversation_page(r, w, 422, &c, NULL, &e);
		return;
	}
	if (rc < 0) {
		resp_err(w, r, &e);
		return;
	}
	req_audit(r, "conversation.update", c.title);
	resp_redirect(w, r, arena_printf(r->a, "/admin/plan/conversations/%lld", (long long)c.id));
}

/* ---- sessions ---- */

void h_session_add(struct req *r, struct resp *w)
{
	struct conversation c;
	struct err e;
	if (load_conversation(r, &c, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	struct session s = {.district_id = c.district_id, .conversation_id = c.id};
	int rc = req_fields(r, session_fields, &s, &e);
	if (rc == 0)
		rc = session_check(&s, 0, &e);
	if (rc == 0)
		rc = session_store_add(r->db, &s, &e);
	if (rc == ERR_INVALID) {
		field_err_form(session_fields, &e);
		if (!s.ends_at)
			s.ends_at = s.starts_at + 1;
		conversation_page(r, w, 422, &c, &s, &e);
		return;
	}
	if (rc < 0) {
		resp_err(w, r, &e);
		return;
	}
	req_audit(r, "session.add", c.title);
	resp_redirect(w, r, arena_printf(r->a, "/admin/plan/sessions/%lld", (long long)s.id));
}

static void session_admin_page(struct req *r, struct resp *w, int status, const struct session *s,
                               const struct conversation *c, const struct err *e)
{
	struct registration *rs;
	size_t n = 0;
	struct err le;
	if (registration_store_list(r->db, r->a, s->district_id, s->id, &rs, &n, &le) < 0) {
		resp_err(w, r, &le);
		return;
	}
	json_t *regs = json_array();
	int64_t confirmed = 0;
	for (size_t i = 0; i < n; i++) {
		json_array_append_new(regs, view_registration(&rs[i]));
		confirmed += strcmp(rs[i].status, "confirmed") == 0;
	}
	json_t *data = json_pack("{s:s, s:o, s:o, s:o, s:I, s:s}", "title", c->title, "session",
	                         view_session(s, r->district.timezone, r->lang), "conversation", view_conversation(c),
	                         "registrations", regs, "confirmed", (json_int_t)confirmed, "public_url",
	                         arena_printf(r->a, "/d/%s/sessions/%lld", r->district.slug, (long long)s->id));
	view_error(data, e);
	if (status == 200 && form_get(&r->query, "saved"))
		json_object_set_new(data, "saved", json_true());
	const char *inv = form_get(&r->query, "invited");
	if (inv)
		json_object_set_new(data, "invited_now", json_string(inv));
	json_object_set_new(data, "groups", group_choices(r, 0));
	resp_page(w, r, status, "admin/session", data);
}

static int load_session(struct req *r, struct session *s, struct conversation *c, struct err *e)
{
	int rc = session_store_get(r->db, r->a, r->user.district_id, req_param_id(r, "id"), s, e);
	return rc < 0 ? rc : conversation_store_get(r->db, r->a, s->district_id, s->conversation_id, c, e);
}

void h_session_admin(struct req *r, struct resp *w)
{
	struct session s;
	struct conversation c;
	struct err e;
	if (load_session(r, &s, &c, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	session_admin_page(r, w, 200, &s, &c, NULL);
}

/* Saving a session that moves in time or place bumps its sequence and
 * tells everyone with a seat, in the same transaction. */
void h_session_save(struct req *r, struct resp *w)
{
	struct session old, s;
	struct conversation c;
	struct err e;
	if (load_session(r, &old, &c, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	s = old;
	bool moved = false;
	struct outbox_ctx x = req_outbox(r);
	int rc = req_fields(r, session_fields, &s, &e);
	if (rc == 0)
		rc = register_session_save(&x, &old, &s, &c, &r->district, &moved, &e);
	if (rc == ERR_INVALID) {
		field_err_form(session_fields, &e);
		session_admin_page(r, w, 422, &s, &c, &e);
		return;
	}
	if (rc < 0) {
		resp_err(w, r, &e);
		return;
	}
	req_audit(r, "session.update", moved ? "moved: registrants told" : c.title);
	resp_redirect(w, r, arena_printf(r->a, "/admin/plan/sessions/%lld?saved=1", (long long)s.id));
}

/* ---- the outbox ---- */

void h_outbox(struct req *r, struct resp *w)
{
	struct message *ms;
	size_t n = 0;
	struct err e;
	if (message_store_list(r->db, r->a, r->user.district_id, 200, &ms, &n, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(list, view_message(&ms[i]));
	json_t *data = json_pack("{s:s, s:o, s:b}", "title", "Outbox", "messages", list, "smtp",
	                         r->app->smtp_url && *r->app->smtp_url);
	resp_page(w, r, 200, "admin/outbox", data);
}

void h_message(struct req *r, struct resp *w)
{
	struct message m;
	struct err e;
	if (message_store_get(r->db, r->a, r->user.district_id, req_param_id(r, "id"), &m, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	json_t *data = json_pack("{s:s, s:o}", "title", m.subject, "message", view_message(&m));
	resp_page(w, r, 200, "admin/message", data);
}

/* ---- protocols and the facilitator guide ---- */

static json_t *view_protocol(const struct protocol *p)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:s}", "id", (json_int_t)p->id, "name", p->name, "framing",
	                 p->framing, "introductions", p->introductions, "questions", p->questions, "question_list",
	                 view_lines(p->questions), "closing", p->closing);
}

static void protocols_page(struct req *r, struct resp *w, int status, const struct protocol *form,
                           const struct err *e)
{
	struct protocol *ps;
	size_t n = 0;
	struct err le;
	if (protocol_store_list(r->db, r->a, r->user.district_id, &ps, &n, &le) < 0) {
		resp_err(w, r, &le);
		return;
	}
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(list, view_protocol(&ps[i]));
	json_t *data = json_pack("{s:s, s:o}", "title", "Protocols", "protocols", list);
	if (form)
		json_object_set_new(data, "form", view_protocol(form));
	view_error(data, e);
	resp_page(w, r, status, "admin/protocols", data);
}

void h_protocols(struct req *r, struct resp *w)
{
	protocols_page(r, w, 200, NULL, NULL);
}

void h_protocol_add(struct req *r, struct resp *w)
{
	struct protocol p = {.district_id = r->user.district_id};
	struct err e;
	int rc = req_fields(r, protocol_fields, &p, &e);
	if (rc == 0)
		rc = protocol_check(&p, &e);
	if (rc == 0)
		rc = protocol_store_add(r->db, &p, &e);
	if (rc == ERR_INVALID) {
		protocols_page(r, w, 422, &p, &e);
		return;
	}
	if (rc < 0) {
		resp_err(w, r, &e);
		return;
	}
	req_audit(r, "protocol.add", p.name);
	resp_redirect(w, r, "/admin/plan/protocols");
}

/* A printable guide for the facilitator of one session: the practical
 * facts, the protocol in order, and the practice of seed 002, step 5. */
void h_session_guide(struct req *r, struct resp *w)
{
	struct session s;
	struct conversation c;
	struct protocol p;
	struct err e;
	if (load_session(r, &s, &c, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	json_t *data = json_pack("{s:s, s:o, s:o, s:o}", "title", c.title, "session",
	                         view_session(&s, r->district.timezone, r->lang), "conversation", view_conversation(&c),
	                         "district", view_district(&r->district));
	if (c.protocol_id && protocol_store_get(r->db, r->a, c.district_id, c.protocol_id, &p, &e) == 0)
		json_object_set_new(data, "protocol", view_protocol(&p));
	struct session_demand d;
	if (registration_store_demand(r->db, s.id, &d, &e) == 0)
		json_object_set_new(data, "demand", json_pack("{s:I, s:I, s:I, s:s}", "confirmed", (json_int_t)d.confirmed,
		                                              "childcare", (json_int_t)d.need_childcare, "transport",
		                                              (json_int_t)d.need_transport, "interpretation",
		                                              d.interpretation));
	resp_page(w, r, 200, "admin/guide", data);
}

/* Hands the conversation to the facilitators and partners ticked. */
void h_team_save(struct req *r, struct resp *w)
{
	struct conversation c;
	struct err e;
	if (load_conversation(r, &c, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	int64_t *ids = arena_alloc(r->a, (r->form.n + 1) * sizeof(*ids));
	size_t n = 0;
	for (size_t i = 0; i < r->form.n; i++) {
		int64_t id;
		if (strcmp(r->form.fields[i].name, "user_id") == 0 && parse_i64(r->form.fields[i].value, 1, INT64_MAX, &id) == 0)
			ids[n++] = id;
	}
	if (team_store_set(r->db, c.district_id, c.id, ids, n, &e) < 0) {
		if (e.code == ERR_INVALID)
			conversation_page(r, w, 422, &c, NULL, &e);
		else
			resp_err(w, r, &e);
		return;
	}
	req_audit(r, "conversation.team", arena_printf(r->a, "conversation %lld, %zu people", (long long)c.id, n));
	resp_redirect(w, r, arena_printf(r->a, "/admin/plan/conversations/%lld?saved=team#team", (long long)c.id));
}

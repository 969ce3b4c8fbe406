/* The JSON API of planning: groups, conversations, sessions, their
 * registrations and the outbox.  Same rules as the pages (domain/plan.c). */
#include <string.h>
#include <time.h>

#include "core/str.h"
#include "domain/clock.h"
#include "service/outbox.h"
#include "service/register.h"
#include "store/conversation_store.h"
#include "store/group_store.h"
#include "store/initiative_store.h"
#include "store/message_store.h"
#include "store/registration_store.h"
#include "store/session_store.h"
#include "web/app.h"
#include "web/handlers.h"
#include "web/views.h"

void api_groups(struct req *r, struct resp *w)
{
	struct group *items_;
	API_LIST(group_store_list, view_group(&items_[i_]), "groups", r->db, r->a, r->user.district_id);
}

void api_group_add(struct req *r, struct resp *w)
{
	json_t *o = api_body(r, w);
	if (!o)
		return;
	struct group g = {.district_id = r->user.district_id};
	if (!(g.name = api_text(r, w, o, "name", "")) || !(g.kind = api_text(r, w, o, "kind", "")) ||
	    !(g.description = api_text(r, w, o, "description", "")))
		return;
	struct err e;
	int rc = group_check(&g, &e);
	if (rc == 0)
		rc = group_store_add(r->db, &g, &e);
	if (rc < 0) {
		resp_err(w, r, &e);
		return;
	}
	req_audit(r, "group.add", g.name);
	resp_json(w, 201, req_json(r, view_group(&g)));
}

/* ---- conversations ---- */

static bool read_conversation(struct req *r, struct resp *w, json_t *o, struct conversation *c)
{
	return (c->title = api_text(r, w, o, "title", c->title)) &&
	       (c->objective = api_text(r, w, o, "objective", c->objective)) &&
	       (c->managed_by = api_text(r, w, o, "managed_by", c->managed_by)) &&
	       (c->partner_name = api_text(r, w, o, "partner_name", c->partner_name)) &&
	       (c->partner_duties = api_text(r, w, o, "partner_duties", c->partner_duties)) &&
	       (c->facilitator = api_text(r, w, o, "facilitator", c->facilitator)) &&
	       (c->compensation_kind = api_text(r, w, o, "compensation_kind", c->compensation_kind)) &&
	       (c->status = api_text(r, w, o, "status", c->status)) &&
	       api_int(r, w, o, "group_id", &c->group_id) == 0 &&
	       api_int(r, w, o, "initiative_id", &c->initiative_id) == 0 &&
	       api_int(r, w, o, "compensation_cents", &c->compensation_cents) == 0 &&
	       api_int(r, w, o, "planned_reserved", &c->planned_reserved) == 0;
}

/* Ids given in a body must name records of the caller's district. */
static int check_refs(struct req *r, const struct conversation *c, struct err *e)
{
	struct group g;
	struct initiative in;
	if (c->group_id && group_store_get(r->db, r->a, r->user.district_id, c->group_id, &g, e) < 0)
		return err_set(e, ERR_INVALID, "group_id", "No group of this district has that id.");
	if (initiative_store_get(r->db, r->a, r->user.district_id, c->initiative_id, &in, e) < 0)
		return err_set(e, ERR_INVALID, "initiative_id", "No initiative of this district has that id.");
	return 0;
}

static void save_conversation(struct req *r, struct resp *w, struct conversation *c, bool create)
{
	json_t *o = api_body(r, w);
	if (!o || !read_conversation(r, w, o, c))
		return;
	struct err e;
	int rc = conversation_check(c, &e);
	if (rc == 0)
		rc = check_refs(r, c, &e);
	if (rc == 0)
		rc = create ? conversation_store_add(r->db, c, &e) : conversation_store_update(r->db, c, &e);
	if (rc < 0) {
		resp_err(w, r, &e);
		return;
	}
	req_audit(r, create ? "conversation.add" : "conversation.update", c->title);
	resp_json(w, create ? 201 : 200, req_json(r, view_conversation(c)));
}

void api_conversations(struct req *r, struct resp *w)
{
	int64_t initiative = 0;
	const char *q = form_get(&r->query, "initiative_id");
	if (q && parse_i64(q, 1, INT64_MAX, &initiative) < 0) {
		resp_error(w, r, 400, "initiative_id", "initiative_id must be a positive number.");
		return;
	}
	struct conversation *items_;
	API_LIST(conversation_store_list, view_conversation(&items_[i_]), "conversations", r->db, r->a,
	     r->user.district_id, initiative);
}

void api_conversation_add(struct req *r, struct resp *w)
{
	struct conversation c = {.district_id = r->user.district_id, .title = "", .objective = "",
	                         .managed_by = "district", .partner_name = "", .partner_duties = "",
	                         .facilitator = "", .compensation_kind = "none", .status = "planning"};
	save_conversation(r, w, &c, true);
}

void api_conversation(struct req *r, struct resp *w)
{
	struct conversation c;
	struct err e;
	if (conversation_store_get(r->db, r->a, r->user.district_id, req_param_id(r, "id"), &c, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	resp_json(w, 200, req_json(r, view_conversation(&c)));
}

void api_conversation_update(struct req *r, struct resp *w)
{
	struct conversation c;
	struct err e;
	if (conversation_store_get(r->db, r->a, r->user.district_id, req_param_id(r, "id"), &c, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	save_conversation(r, w, &c, false);
}

/* ---- sessions ---- */

/* Times travel as ISO 8601 UTC instants: "2026-12-04T00:00:00Z". */
static bool read_time(struct req *r, struct resp *w, json_t *o, const char *name, int64_t *t)
{
	const char *s = api_text(r, w, o, name, NULL);
	if (!s)
		return !json_object_get(o, name);
	if (clock_parse_iso(s, t) < 0) {
		resp_error(w, r, 400, name, arena_printf(r->a, "\"%s\" must be a UTC time such as 2026-12-04T00:00:00Z.", name));
		return false;
	}
	return true;
}

static bool read_session(struct req *r, struct resp *w, json_t *o, struct session *s)
{
	return read_time(r, w, o, "starts_at", &s->starts_at) && read_time(r, w, o, "ends_at", &s->ends_at) &&
	       (s->format = api_text(r, w, o, "format", s->format)) &&
	       (s->venue_name = api_text(r, w, o, "venue_name", s->venue_name)) &&
	       (s->venue_address = api_text(r, w, o, "venue_address", s->venue_address)) &&
	       (s->access_notes = api_text(r, w, o, "access_notes", s->access_notes)) &&
	       (s->platform = api_text(r, w, o, "platform", s->platform)) &&
	       (s->join_url = api_text(r, w, o, "join_url", s->join_url)) &&
	       (s->language = api_text(r, w, o, "language", s->language)) &&
	       (s->interpretation = api_text(r, w, o, "interpretation", s->interpretation)) &&
	       api_bool(r, w, o, "transit_access", &s->transit_access) == 0 &&
	       api_bool(r, w, o, "wheelchair_access", &s->wheelchair_access) == 0 &&
	       api_bool(r, w, o, "community_space", &s->community_space) == 0 &&
	       api_bool(r, w, o, "sign_language", &s->sign_language) == 0 &&
	       api_bool(r, w, o, "captions", &s->captions) == 0 && api_bool(r, w, o, "childcare", &s->childcare) == 0 &&
	       api_bool(r, w, o, "registration_open", &s->registration_open) == 0 &&
	       api_int(r, w, o, "capacity", &s->capacity) == 0 &&
	       api_int(r, w, o, "reserved_seats", &s->reserved_seats) == 0;
}

void api_sessions(struct req *r, struct resp *w)
{
	int64_t conv = 0;
	const char *q = form_get(&r->query, "conversation_id");
	if (!q || parse_i64(q, 1, INT64_MAX, &conv) < 0) {
		resp_error(w, r, 400, "conversation_id", "Give ?conversation_id=N.");
		return;
	}
	struct session *items_;
	API_LIST(session_store_list, view_session(&items_[i_], r->district.timezone, r->lang), "sessions", r->db, r->a,
	     r->user.district_id, conv);
}

void api_session_add(struct req *r, struct resp *w)
{
	json_t *o = api_body(r, w);
	if (!o)
		return;
	struct session s = {.district_id = r->user.district_id, .format = "in_person", .venue_name = "",
	                    .venue_address = "", .access_notes = "", .platform = "", .join_url = "", .language = "en",
	                    .interpretation = "", .capacity = 25};
	struct conversation c;
	struct err e;
	if (api_int(r, w, o, "conversation_id", &s.conversation_id) < 0 || !read_session(r, w, o, &s))
		return;
	int rc = conversation_store_get(r->db, r->a, r->user.district_id, s.conversation_id, &c, &e);
	if (rc == ERR_NOTFOUND)
		rc = err_set(&e, ERR_INVALID, "conversation_id", "No conversation of this district has that id.");
	if (rc == 0)
		rc = session_check(&s, 0, &e);
	if (rc == 0)
		rc = session_store_add(r->db, &s, &e);
	if (rc < 0) {
		resp_err(w, r, &e);
		return;
	}
	req_audit(r, "session.add", c.title);
	resp_json(w, 201, req_json(r, view_session(&s, r->district.timezone, r->lang)));
}

void api_session(struct req *r, struct resp *w)
{
	struct session s;
	struct err e;
	if (session_store_get(r->db, r->a, r->user.district_id, req_param_id(r, "id"), &s, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	resp_json(w, 200, req_json(r, view_session(&s, r->district.timezone, r->lang)));
}

void api_session_update(struct req *r, struct resp *w)
{
	struct session old, s;
	struct conversation c;
	struct err e;
	if (session_store_get(r->db, r->a, r->user.district_id, req_param_id(r, "id"), &old, &e) < 0 ||
	    conversation_store_get(r->db, r->a, old.district_id, old.conversation_id, &c, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	json_t *o = api_body(r, w);
	s = old;
	if (!o || !read_session(r, w, o, &s))
		return;
	bool moved = false;
	struct outbox_ctx x = req_outbox(r);
	if (register_session_save(&x, &old, &s, &c, &r->district, &moved, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	req_audit(r, "session.update", moved ? "moved: registrants told" : c.title);
	resp_json(w, 200, req_json(r, view_session(&s, r->district.timezone, r->lang)));
}

void api_registrations(struct req *r, struct resp *w)
{
	struct session s;
	struct err e;
	if (session_store_get(r->db, r->a, r->user.district_id, req_param_id(r, "id"), &s, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	struct registration *items_;
	API_LIST(registration_store_list, view_registration(&items_[i_]), "registrations", r->db, r->a,
	     r->user.district_id, s.id);
}

void api_messages(struct req *r, struct resp *w)
{
	struct message *items_;
	API_LIST(message_store_list, view_message(&items_[i_]), "messages", r->db, r->a, r->user.district_id, 200);
}

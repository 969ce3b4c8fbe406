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
	struct group g = {.district_id = r->user.district_id, .name = "", .kind = "", .description = ""};
	if (!api_fields(r, w, o, group_fields, &g))
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
	if (!o || !api_fields(r, w, o, conversation_fields, c))
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
	struct plan_list_ask q = {0};
	struct err e;
	if (req_fields_from(r, &r->query, conversation_list_fields, &q, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	struct conversation *items_;
	API_LIST(conversation_store_list, view_conversation(&items_[i_]), "conversations", r->db, r->a,
	     r->user.district_id, q.initiative_id);
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

void api_sessions(struct req *r, struct resp *w)
{
	struct plan_list_ask q = {0};
	struct err e;
	if (req_fields_from(r, &r->query, session_list_fields, &q, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	struct session *items_;
	API_LIST(session_store_list, view_session(&items_[i_], r->district.timezone, r->lang), "sessions", r->db, r->a,
	     r->user.district_id, q.conversation_id);
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
	if (!api_fields(r, w, o, session_fields, &s))
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
	if (!o || !api_fields(r, w, o, session_fields, &s))
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

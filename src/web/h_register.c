/* Public registration: the session page, registering, the private link to
 * see, change or cancel, and the calendar file.  No account, no JavaScript. */
#include <string.h>
#include <time.h>

#include "core/lang.h"
#include "core/log.h"
#include "core/str.h"
#include "service/outbox.h"
#include "service/register.h"
#include "store/conversation_store.h"
#include "store/district_store.h"
#include "store/group_store.h"
#include "store/invitation_store.h"
#include "store/registration_store.h"
#include "store/session_store.h"
#include "store/settings_store.h"
#include "web/app.h"
#include "web/handlers.h"
#include "web/views.h"

/* Registrations one client may make in an hour before it is slowed down. */
#define REGISTER_PER_HOUR 20

struct place {
	struct district d;
	struct session s;
	struct conversation c;
};

/* The district, session and conversation of /d/{slug}/sessions/{id}; a
 * session of another district, or not open to the public, is not found. */
static int load_place(struct req *r, const char *id_text, struct place *p, struct err *e)
{
	int64_t id;
	struct str t = str_from(id_text);
	if (t.len > 4 && memcmp(t.p + t.len - 4, ".ics", 4) == 0)
		t.len -= 4;
	if (str_to_i64(t, 1, INT64_MAX, &id) < 0)
		return err_set(e, ERR_NOTFOUND, NULL, "There is nothing at this address.");
	int rc = district_store_by_slug(r->db, r->a, req_param(r, "slug"), &p->d, e);
	if (rc == 0)
		rc = session_store_get(r->db, r->a, p->d.id, id, &p->s, e);
	if (rc == 0)
		rc = conversation_store_get(r->db, r->a, p->d.id, p->s.conversation_id, &p->c, e);
	return rc;
}

static json_t *choices(struct req *r, const struct district *d, const struct registration *reg)
{
	json_t *langs = json_array();
	char code[LANG_TAG_MAX];
	for (const char *p = d->languages; lang_list_next(&p, code);)
		json_array_append_new(langs, json_pack("{s:s, s:s, s:b}", "code", code, "label", view_language_name(code),
		                                       "selected",
		                                       reg ? strcmp(reg->language, code) == 0 : strcmp(r->lang, code) == 0));
	json_t *interp = json_array();
	/* Every language of core/lang.h by its own name, English last. */
	for (size_t i = 1; i <= lang_count(); i++) {
		const struct lang *l = lang_at(i % lang_count());
		json_array_append_new(interp, json_pack("{s:s, s:s, s:b}", "code", l->tag, "label", l->native, "selected",
		                                        reg && strcmp(reg->need_interpretation, l->tag) == 0));
	}
	struct group *gs;
	size_t ng = 0;
	struct err e;
	json_t *groups = json_array();
	if (group_store_list(r->db, r->a, d->id, &gs, &ng, &e) == 0)
		for (size_t i = 0; i < ng; i++)
			json_array_append_new(groups, json_pack("{s:I, s:s, s:b}", "id", (json_int_t)gs[i].id, "name", gs[i].name,
			                                        "selected", reg && reg->group_id == gs[i].id));
	return json_pack("{s:o, s:o, s:o}", "languages", langs, "interpretation", interp, "groups", groups);
}

static void session_page(struct req *r, struct resp *w, int status, struct place *p, const struct registration *form,
                         const struct err *e)
{
	struct err ce;
	int64_t open = 0, invited = 0, waiting = 0;
	if (registration_store_counts(r->db, p->s.id, &open, &invited, &waiting, &ce) < 0) {
		resp_err(w, r, &ce);
		return;
	}
	req_ensure_csrf(r, w);
	int64_t left = p->s.capacity - p->s.reserved_seats - open;
	json_t *data = json_pack("{s:s, s:o, s:o, s:o, s:o, s:I, s:b, s:b}", "title", p->c.title, "district",
	                         view_district(&p->d), "session", view_session(&p->s, p->d.timezone, r->lang),
	                         "conversation", view_conversation(&p->c), "choices", choices(r, &p->d, form), "seats_left",
	                         (json_int_t)(left > 0 ? left : 0), "full", left <= 0, "closed",
	                         !p->s.registration_open || p->s.starts_at <= (int64_t)time(NULL));
	const char *code = form_get(&r->query, "code");
	if (!code)
		code = form_get(&r->form, "code");
	struct invitation inv = {0};
	struct contact who = {0};
	struct err ie;
	if (code && invitation_store_by_code(r->db, r->a, p->s.id, code, &inv, &who, &ie) == 0) {
		json_object_set_new(data, "code", json_string(code));
		json_object_set_new(data, "full", json_false()); /* a seat is held for the invited */
		if (!form) {
			struct registration pre = {.name = who.name, .email = who.email, .phone = who.phone,
			                           .language = who.language, .need_interpretation = "", .need_other = "",
			                           .status = ""};
			json_object_set_new(data, "form", view_registration(&pre));
		}
	}
	if (form)
		json_object_set_new(data, "form", view_registration(form));
	view_error(data, e);
	resp_page(w, r, status, "session", data);
}

static void session_ics(struct req *r, struct resp *w, struct place *p)
{
	struct err e;
	const char *url = arena_printf(r->a, "%s/d/%s/sessions/%lld", r->app->base_url, p->d.slug, (long long)p->s.id);
	const char *ics = outbox_ics(r->a, &p->s, &p->c, &p->d, url, r->app->mail_from, &e);
	if (!ics) {
		resp_err(w, r, &e);
		return;
	}
	w->content_type = "text/calendar; charset=utf-8";
	resp_header(w, r, "Content-Disposition", "attachment; filename=\"session.ics\"");
	buf_adds(&w->body, ics);
}

void h_session_public(struct req *r, struct resp *w)
{
	struct place p;
	struct err e;
	const char *id = req_param(r, "id");
	if (load_place(r, id, &p, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	if (strlen(id) > 4 && strcmp(id + strlen(id) - 4, ".ics") == 0)
		session_ics(r, w, &p);
	else
		session_page(r, w, 200, &p, NULL, NULL);
}

static const char *manage_path(struct req *r, const struct district *d, int64_t id, struct err *e)
{
	unsigned char secret[32];
	char tok[REGISTRATION_TOKEN_MAX];
	if (settings_store_secret(r->db, secret, e) < 0)
		return NULL;
	registration_token(secret, id, tok);
	return arena_printf(r->a, "/d/%s/r/%s", d->slug, tok);
}

void h_register(struct req *r, struct resp *w)
{
	struct place p;
	struct err e;
	err_clear(&e);
	if (load_place(r, req_param(r, "id"), &p, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	struct registration reg = {.district_id = p.d.id, .session_id = p.s.id};
	int rc = req_fields(r, registration_fields, &reg, &e);
	/* A filled honeypot is a robot: answer as if all went well, keep nothing.
	 * It is read as it comes: whatever a robot puts there, it is a robot. */
	if (*req_form(r, "website")) {
		log_info("registration honeypot filled from %s", r->ip);
		resp_redirect(w, r, arena_printf(r->a, "/d/%s/sessions/%lld?thanks=1", p.d.slug, (long long)p.s.id));
		return;
	}
	if (!p.s.registration_open || p.s.starts_at <= (int64_t)time(NULL)) {
		err_set(&e, ERR_INVALID, NULL, "Registration for this session is closed.");
		session_page(r, w, 409, &p, &reg, &e);
		return;
	}
	if (req_over_limit(r, w, "register", REGISTER_PER_HOUR,
	                   "Too many registrations from your connection. Please try again in an hour.", &e)) {
		session_page(r, w, 429, &p, &reg, &e);
		return;
	}
	struct outbox_ctx x = req_outbox(r);
	if (rc == 0)
		rc = register_join(&x, &reg, req_form(r, "code"), &p.s, &p.c, &p.d, &e);
	if (rc < 0) {
		/* A failure of the database is logged, not shown to the visitor. */
		if (rc == ERR_CONFLICT || rc == ERR_INVALID)
			session_page(r, w, rc == ERR_CONFLICT ? 409 : 422, &p, &reg, &e);
		else
			resp_err(w, r, &e);
		return;
	}
	req_count_post(r, "register");
	const char *path = manage_path(r, &p.d, reg.id, &e);
	resp_redirect(w, r, path ? arena_printf(r->a, "%s?new=1", path) : "/");
}

/* ---- the private link ---- */

struct mine {
	struct place p;
	struct registration reg;
	const char *path;
};

static int load_mine(struct req *r, struct mine *m, struct err *e)
{
	unsigned char secret[32];
	int64_t id;
	int rc = district_store_by_slug(r->db, r->a, req_param(r, "slug"), &m->p.d, e);
	if (rc == 0)
		rc = settings_store_secret(r->db, secret, e);
	if (rc == 0 && registration_token_check(secret, req_param(r, "token"), &id) < 0)
		rc = err_set(e, ERR_NOTFOUND, NULL, "This link is not valid. Please use the link in your latest message.");
	if (rc == 0)
		rc = registration_store_get(r->db, r->a, m->p.d.id, id, &m->reg, e);
	if (rc == 0)
		rc = session_store_get(r->db, r->a, m->p.d.id, m->reg.session_id, &m->p.s, e);
	if (rc == 0)
		rc = conversation_store_get(r->db, r->a, m->p.d.id, m->p.s.conversation_id, &m->p.c, e);
	if (rc == 0)
		m->path = arena_printf(r->a, "/d/%s/r/%s", m->p.d.slug, req_param(r, "token"));
	return rc;
}

static void mine_page(struct req *r, struct resp *w, int status, struct mine *m, const struct err *e)
{
	json_t *data = json_pack("{s:s, s:o, s:o, s:o, s:o, s:o, s:s, s:b, s:b, s:b}", "title", m->p.c.title,
	                         "district", view_district(&m->p.d), "session",
	                         view_session(&m->p.s, m->p.d.timezone, r->lang), "conversation",
	                         view_conversation(&m->p.c), "form", view_registration(&m->reg), "choices",
	                         choices(r, &m->p.d, &m->reg), "self", m->path, "confirmed",
	                         strcmp(m->reg.status, "confirmed") == 0, "waitlisted",
	                         strcmp(m->reg.status, "waitlisted") == 0, "cancelled",
	                         strcmp(m->reg.status, "cancelled") == 0);
	if (form_get(&r->query, "new"))
		json_object_set_new(data, "new", json_true());
	if (form_get(&r->query, "saved"))
		json_object_set_new(data, "saved", json_true());
	view_error(data, e);
	req_ensure_csrf(r, w);
	resp_keyed(w, r);
	resp_page(w, r, status, "registration", data);
}

void h_registration(struct req *r, struct resp *w)
{
	struct mine m;
	struct err e;
	if (load_mine(r, &m, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	mine_page(r, w, 200, &m, NULL);
}

void h_registration_save(struct req *r, struct resp *w)
{
	struct mine m;
	struct err e;
	err_clear(&e);
	if (load_mine(r, &m, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	struct registration_action act = {0};
	struct outbox_ctx x = req_outbox(r);
	int rc = req_fields(r, registration_action_fields, &act, &e);
	if (rc < 0) {
		/* a choice the page does not offer: said below */
	} else if (strcmp(act.action, "cancel") == 0) {
		rc = register_cancel(&x, &m.reg, &m.p.s, &m.p.c, &m.p.d, NULL, &e);
	} else if (strcmp(act.action, "save") == 0) {
		struct registration upd = m.reg;
		rc = req_fields(r, registration_fields, &upd, &e);
		if (rc == 0)
			rc = register_change(r->db, r->a, &m.p.d, &m.reg, &upd, &e);
		if (rc == 0 || rc == ERR_INVALID || rc == ERR_CONFLICT)
			m.reg = upd;  /* saved, or shown again as typed */
	} else if (strcmp(act.action, "rejoin") == 0 && strcmp(m.reg.status, "cancelled") == 0) {
		rc = register_rejoin(&x, &m.reg, &m.p.s, &m.p.c, &m.p.d, &e);
	} else {
		rc = err_set(&e, ERR_INVALID, "action", "Choose what to do with your registration.");
	}
	if (rc < 0) {
		if (rc == ERR_INVALID || rc == ERR_CONFLICT)
			mine_page(r, w, rc == ERR_CONFLICT ? 409 : 422, &m, &e);
		else
			resp_err(w, r, &e);
		return;
	}
	resp_redirect(w, r, arena_printf(r->a, "%s?saved=1", m.path));
}

/* The admin shell: dashboard, district settings, users, audit log. */
#include <string.h>

#include "core/lang.h"
#include "core/log.h"
#include "core/str.h"
#include "store/audit_store.h"
#include "store/conversation_store.h"
#include "store/district_store.h"
#include "store/initiative_store.h"
#include "store/registration_store.h"
#include "store/session_store.h"
#include <time.h>
#include "store/user_store.h"
#include "web/app.h"
#include "web/area.h"
#include "web/handlers.h"
#include "web/views.h"

static json_t *audit_list(struct req *r, int limit)
{
	struct audit_entry *ev;
	size_t n;
	struct err e;
	json_t *list = json_array();
	if (audit_store_recent(r->db, r->a, r->user.district_id, limit, &ev, &n, &e) < 0) {
		log_warn("audit log: %s", e.msg);
		return list;
	}
	for (size_t i = 0; i < n; i++)
		json_array_append_new(list, json_pack("{s:s, s:s, s:s, s:s, s:o}", "actor", ev[i].actor, "action",
		                                      ev[i].action, "detail", ev[i].detail, "ip", ev[i].ip, "at",
		                                      view_time(ev[i].at)));
	return list;
}

void h_dashboard(struct req *r, struct resp *w)
{
	struct initiative *ins;
	struct user *users;
	size_t nins = 0, nusers = 0;
	struct err e;
	if (initiative_store_list(r->db, r->a, r->user.district_id, &ins, &nins, &e) < 0 ||
	    user_store_list(r->db, r->a, r->user.district_id, &users, &nusers, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	json_t *items = json_array();
	for (size_t i = 0; i < nins; i++)
		json_array_append_new(items, view_initiative(&ins[i]));
	json_t *data = json_pack("{s:s, s:o, s:o, s:I, s:I}", "title", "Dashboard", "district",
	                         view_district(&r->district), "initiatives", items, "initiative_count",
	                         (json_int_t)nins, "user_count", (json_int_t)nusers);
	json_object_set_new(data, "dashboard", json_true());
	/* What is coming up, and how full it is. */
	struct upcoming *ss;
	size_t ns = 0;
	json_t *upcoming = json_array();
	if (session_store_upcoming(r->db, r->a, r->user.district_id, time(NULL), &ss, &ns, &e) == 0)
		for (size_t i = 0; i < ns && i < 8; i++) {
			int64_t open = 0, invited = 0, waiting = 0;
			registration_store_counts(r->db, ss[i].s.id, &open, &invited, &waiting, &e);
			json_t *v = view_session(&ss[i].s, r->district.timezone, r->lang);
			json_object_set_new(v, "title", json_string(ss[i].title));
			json_object_set_new(v, "confirmed", json_integer(open + invited));
			json_object_set_new(v, "waitlisted", json_integer(waiting));
			json_array_append_new(upcoming, v);
		}
	json_object_set_new(data, "upcoming", upcoming);
	/* Conversations held whose results have not gone back to the people
	 * who took part (seed 001: close the feedback loop). */
	struct report_back *rb;
	size_t nrb = 0;
	json_t *pending = json_array();
	if (role_at_least(r->user.role, ROLE_STAFF) &&
	    conversation_store_report_back(r->db, r->a, r->user.district_id, time(NULL), &rb, &nrb, &e) == 0)
		for (size_t i = 0; i < nrb; i++)
			if (!rb[i].results_sent_at && !rb[i].recap_at)
				json_array_append_new(pending, json_pack("{s:I, s:s, s:o}", "id", (json_int_t)rb[i].conversation_id,
				                                         "title", rb[i].title, "held_day",
				                                         view_day(rb[i].held_at, r->district.timezone, r->lang)));
	json_object_set_new(data, "not_reported", pending);
	if (r->user.role == ROLE_ADMIN)
		json_object_set_new(data, "audit", audit_list(r, 8));
	resp_page(w, r, 200, "admin/dashboard", data);
}

static void settings_page(struct req *r, struct resp *w, int status, const struct district *d,
                          const struct err *e)
{
	json_t *data = json_pack("{s:s, s:o}", "title", "District settings", "district", view_district(d));
	json_object_set_new(data, "languages_text", json_string(d->languages));
	view_error(data, e);
	if (status == 200 && form_get(&r->query, "saved"))
		json_object_set_new(data, "saved", json_true());
	resp_page(w, r, status, "admin/settings", data);
}

void h_settings(struct req *r, struct resp *w)
{
	settings_page(r, w, 200, &r->district, NULL);
}

void h_settings_save(struct req *r, struct resp *w)
{
	struct district d = r->district;
	char langs[DISTRICT_MAX_LANGUAGES * LANG_TAG_MAX];
	struct err e;
	if (req_fields(r, district_fields, &d, &e) < 0 || district_check_timezone(d.timezone, &e) < 0 ||
	    district_check_languages(d.languages, langs, sizeof(langs), &e) < 0) {
		settings_page(r, w, 422, &d, &e);
		return;
	}
	d.languages = langs;
	if (district_store_update(r->db, &d, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	req_audit(r, "district.update", arena_printf(r->a, "name=%s timezone=%s languages=%s", d.name,
	                                              d.timezone, d.languages));
	resp_redirect(w, r, "/admin/settings?saved=1");
}

static void users_page(struct req *r, struct resp *w, int status, json_t *form, const struct err *e)
{
	struct user *users;
	size_t n;
	struct err le;
	if (user_store_list(r->db, r->a, r->user.district_id, &users, &n, &le) < 0) {
		json_decref(form);
		resp_err(w, r, &le);
		return;
	}
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(list, view_user(&users[i]));
	json_t *data = json_pack("{s:s, s:o, s:o}", "title", "Users", "users", list, "form",
	                         form ? form : json_object());
	view_error(data, e);
	const char *added = form_get(&r->query, "added");
	if (added)
		json_object_set_new(data, "added", json_string(added));
	resp_page(w, r, status, "admin/users", data);
}

void h_users(struct req *r, struct resp *w)
{
	users_page(r, w, 200, NULL, NULL);
}

void h_user_add(struct req *r, struct resp *w)
{
	char email[256], hash[ACCOUNT_HASH_MAX];
	struct err e;
	struct user u = {.district_id = r->user.district_id};
	struct account_form f = {0};
	int rc = req_fields(r, account_fields, &f, &e);
	const char *pw = f.password;
	u.name = f.name;
	u.role = role_parse(f.role);
	json_t *form = json_pack("{s:s, s:s, s:s}", "email", f.email, "name", u.name, "role", f.role);
	if (rc == 0)
		rc = account_check_email(f.email, email, sizeof(email), &e);
	if (rc == 0 && u.role == ROLE_NONE)
		rc = err_set(&e, ERR_INVALID, "role", "Choose a role: admin, staff, facilitator or partner.");
	if (rc == 0)
		rc = account_check_password(pw, &e);
	if (rc == 0)
		rc = account_hash_password(pw, hash, &e);
	u.email = email;
	if (rc == 0)
		rc = user_store_add(r->db, &u, hash, &e);
	if (rc < 0) {
		if (rc == ERR_FAIL) {
			json_decref(form);
			resp_err(w, r, &e);
			return;
		}
		users_page(r, w, rc == ERR_CONFLICT ? 409 : 422, form, &e);
		return;
	}
	json_decref(form);
	req_audit(r, "user.add", arena_printf(r->a, "%s as %s", u.email, role_name(u.role)));
	resp_redirect(w, r, "/admin/users?added=1");
}

static void user_page(struct req *r, struct resp *w, int status, const struct user *u, const struct err *e)
{
	json_t *data = json_pack("{s:s, s:o, s:b}", "title", u->email, "user", view_user(u), "is_self",
	                         u->id == r->user.id);
	json_t *roles = json_array();
	for (enum role k = ROLE_ADMIN; k >= ROLE_PARTNER; k--)
		json_array_append_new(roles, json_pack("{s:s, s:b}", "name", role_name(k), "selected", k == u->role));
	json_object_set_new(data, "roles", roles);
	view_error(data, e);
	if (status == 200 && form_get(&r->query, "saved"))
		json_object_set_new(data, "saved", json_true());
	resp_page(w, r, status, "admin/user", data);
}

void h_user(struct req *r, struct resp *w)
{
	struct user u;
	struct err e;
	if (user_store_by_id(r->db, r->a, r->user.district_id, req_param_id(r, "id"), &u, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	user_page(r, w, 200, &u, NULL);
}

/* One form, several actions: save name and role, set a password, disable or
 * enable.  An admin cannot lock themself out, nor remove the last admin. */
void h_user_save(struct req *r, struct resp *w)
{
	struct user u;
	struct err e;
	if (user_store_by_id(r->db, r->a, r->user.district_id, req_param_id(r, "id"), &u, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	struct account_form f = {0};
	int rc = req_fields(r, account_fields, &f, &e);
	const char *action = f.action;
	const char *what = NULL;
	if (rc < 0) {
		/* refused above: shown on the page */
	} else if (strcmp(action, "save") == 0) {
		enum role role = role_parse(f.role);
		const char *name = f.name;
		if (role == ROLE_NONE)
			rc = err_set(&e, ERR_INVALID, "role", "Choose a role: admin, staff, facilitator or partner.");
		if (rc == 0 && u.id == r->user.id && role != ROLE_ADMIN)
			rc = err_set(&e, ERR_INVALID, "role", "You cannot take away your own admin role.");
		if (rc == 0) {
			u.name = name;
			u.role = role;
			rc = user_store_update(r->db, &u, &e);
			what = arena_printf(r->a, "%s role=%s", u.email, role_name(role));
		}
	} else if (strcmp(action, "password") == 0) {
		const char *pw = f.password;
		char hash[ACCOUNT_HASH_MAX];
		rc = account_check_password(pw, &e);
		if (rc == 0)
			rc = account_hash_password(pw, hash, &e);
		if (rc == 0)
			rc = user_store_set_password(r->db, u.id, hash, &e);
		what = u.email;
	} else if (strcmp(action, "disable") == 0 || strcmp(action, "enable") == 0) {
		bool disable = action[0] == 'd';
		if (disable && u.id == r->user.id)
			rc = err_set(&e, ERR_INVALID, "action", "You cannot disable your own account.");
		if (rc == 0)
			rc = user_store_set_disabled(r->db, u.district_id, u.id, disable, &e);
		if (rc == 0)
			u.disabled = disable;
		what = u.email;
	} else {
		rc = err_set(&e, ERR_INVALID, "action", "Choose what to do with this account.");
	}
	if (rc < 0) {
		if (rc == ERR_INVALID)
			user_page(r, w, 422, &u, &e);
		else
			resp_err(w, r, &e);
		return;
	}
	req_audit(r, arena_printf(r->a, "user.%s", action), what);
	resp_redirect(w, r, arena_printf(r->a, "/admin/users/%lld?saved=1", (long long)u.id));
}

void h_audit(struct req *r, struct resp *w)
{
	json_t *data = json_pack("{s:s, s:o}", "title", "Audit log", "entries", audit_list(r, 200));
	resp_page(w, r, 200, "admin/audit", data);
}

/* Areas whose tools are still to come show what they will hold. */
void h_area(struct req *r, struct resp *w)
{
	const struct area *ar = area_find(req_param(r, "area"));
	if (!ar || !ar->about) {
		resp_error(w, r, 404, NULL, "There is nothing at this address.");
		return;
	}
	/* The dispatcher checks roles by route; this one route serves every
	 * area to come, so the table's role is checked here. */
	if (!area_visible(ar, r->user.role)) {
		resp_error(w, r, 403, NULL, "Your role does not give access to this page.");
		return;
	}
	resp_page(w, r, 200, "admin/area", json_pack("{s:s, s:s}", "title", ar->label, "about", ar->about));
}

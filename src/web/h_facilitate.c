/* Running a session: the facilitator's view on a phone or tablet — the
 * protocol's questions, check-in of registrants and walk-ins, consent per
 * attendee, the stipend, live notes under speaker codes — and the API for
 * notes and attendees.  Facilitators and partners reach only the
 * conversations handed to them (req_session_access). */
#include <sodium.h>
#include <string.h>
#include <time.h>

#include "core/str.h"
#include "service/capture.h"
#include "store/attendee_store.h"
#include "store/conversation_store.h"
#include "store/group_store.h"
#include "store/note_store.h"
#include "store/protocol_store.h"
#include "store/registration_store.h"
#include "store/session_store.h"
#include "store/team_store.h"
#include "tmpl/qr.h"
#include "web/app.h"
#include "web/handlers.h"
#include "web/views.h"

int req_session_access(struct req *r, int64_t session_id, struct session *s, struct conversation *c, struct err *e)
{
	int rc = session_store_get(r->db, r->a, r->user.district_id, session_id, s, e);
	if (rc == 0)
		rc = conversation_store_get(r->db, r->a, s->district_id, s->conversation_id, c, e);
	if (rc < 0 || role_at_least(r->user.role, ROLE_STAFF))
		return rc;
	int member = 0;
	if ((rc = team_store_member(r->db, c->id, r->user.id, &member, e)) < 0)
		return rc;
	/* Not handed to this person: as if it did not exist. */
	return member ? 0 : err_set(e, ERR_NOTFOUND, NULL, "There is nothing at this address.");
}

/* ---- the list of sessions to run ---- */

void h_capture_home(struct req *r, struct resp *w)
{
	struct upcoming *us;
	size_t n = 0;
	struct err e;
	int64_t uid = role_at_least(r->user.role, ROLE_STAFF) ? 0 : r->user.id;
	/* Sessions of the last four weeks stay listed for notes and transcripts. */
	if (session_store_runnable(r->db, r->a, r->user.district_id, uid, (int64_t)time(NULL) - 28 * 86400, &us, &n,
	                           &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *v = view_session(&us[i].s, r->district.timezone, r->lang);
		json_object_set_new(v, "title", json_string(us[i].title));
		json_array_append_new(list, v);
	}
	resp_page(w, r, 200, "admin/capture", json_pack("{s:s, s:o}", "title", "Capture", "sessions", list));
}

/* ---- the facilitator's view ---- */

static const char *new_client_id(struct req *r)
{
	unsigned char raw[12];
	char hex[sizeof(raw) * 2 + 1];
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(hex, sizeof(hex), raw, sizeof(raw));
	return arena_printf(r->a, "s-%s", hex);
}

static const char *survey_url(struct req *r, const struct session *s)
{
	return arena_printf(r->a, "%s/d/%s/sessions/%lld/survey", r->app->base_url, r->district.slug, (long long)s->id);
}

struct run {
	struct session s;
	struct conversation c;
	struct protocol p;
	bool has_protocol;
	const char **questions;
	size_t nq;
	struct attendee *as;
	size_t na;
	struct registration *regs;
	size_t nregs;
	struct note *notes;
	size_t nnotes;
};

static int load_run(struct req *r, struct run *x, struct err *e)
{
	memset(x, 0, sizeof(*x));
	int rc = req_session_access(r, req_param_id(r, "id"), &x->s, &x->c, e);
	if (rc == 0 && x->c.protocol_id) {
		rc = protocol_store_get(r->db, r->a, x->c.district_id, x->c.protocol_id, &x->p, e);
		x->has_protocol = rc == 0;
		if (rc == ERR_NOTFOUND)
			rc = 0;
	}
	if (rc == 0)
		x->nq = str_lines(r->a, x->has_protocol ? x->p.questions : "", &x->questions);
	if (rc == 0)
		rc = attendee_store_list(r->db, r->a, x->s.district_id, x->s.id, &x->as, &x->na, e);
	if (rc == 0)
		rc = registration_store_list(r->db, r->a, x->s.district_id, x->s.id, &x->regs, &x->nregs, e);
	if (rc == 0)
		rc = note_store_list(r->db, r->a, x->s.district_id, x->s.id, &x->notes, &x->nnotes, e);
	return rc;
}

static json_t *run_data(struct req *r, struct run *x, const struct note *kept)
{
	const char *ksp = kept && kept->speaker_code ? kept->speaker_code : "";
	int64_t kq = 0;
	if (kept)
		kq = kept->question;
	else
		parse_i64(form_get(&r->query, "q"), 0, 10000, &kq);
	json_t *questions = json_array();
	for (size_t i = 0; i < x->nq; i++)
		json_array_append_new(questions, json_pack("{s:I, s:s, s:b}", "n", (json_int_t)(i + 1), "text",
		                                           x->questions[i], "selected", kq == (int64_t)i + 1));
	json_t *waiting = json_array();
	for (size_t i = 0; i < x->nregs; i++)
		if (strcmp(x->regs[i].status, "cancelled") != 0 && !attendance_checked_in(x->as, x->na, x->regs[i].id))
			json_array_append_new(waiting, json_pack("{s:I, s:s, s:b}", "id", (json_int_t)x->regs[i].id, "name",
			                                         x->regs[i].name, "waitlisted",
			                                         strcmp(x->regs[i].status, "waitlisted") == 0));
	json_t *attendees = json_array(), *codes = json_array();
	size_t unconfirmed = 0;
	for (size_t i = 0; i < x->na; i++) {
		json_array_append_new(attendees, view_attendee(&x->as[i], true));
		json_array_append_new(codes, json_pack("{s:s, s:b}", "code", x->as[i].code, "selected",
		                                       strcmp(ksp, x->as[i].code) == 0));
		unconfirmed += x->as[i].consent_at == 0;
	}
	json_t *notes = json_array();
	for (size_t i = x->nnotes; i-- > 0;) {
		json_t *v = view_note(&x->notes[i]);
		if (x->notes[i].question > 0 && (size_t)x->notes[i].question <= x->nq)
			json_object_set_new(v, "question_text", json_string(x->questions[x->notes[i].question - 1]));
		json_array_append_new(notes, v);
	}
	struct group *gs;
	size_t ng = 0;
	struct err e;
	json_t *groups = json_array();
	if (group_store_list(r->db, r->a, x->s.district_id, &gs, &ng, &e) == 0)
		for (size_t i = 0; i < ng; i++)
			json_array_append_new(groups, json_pack("{s:I, s:s}", "id", (json_int_t)gs[i].id, "name", gs[i].name));
	const char *url = survey_url(r, &x->s);
	struct buf qr;
	buf_init(&qr, 64 * 1024);
	qr_svg(&qr, "survey-qr", "QR code: the survey for this session", url);
	json_t *data = json_pack(
		"{s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:s, s:s, s:b, s:I, s:I, s:I, s:s}", "title", x->c.title,
		"session", view_session(&x->s, r->district.timezone, r->lang), "conversation", view_conversation(&x->c),
		"questions", questions, "waiting", waiting, "attendees", attendees, "codes", codes, "notes", notes,
		"groups", groups, "survey_url", url, "qr", qr.p ? qr.p : "", "pays_stipend",
		strcmp(x->c.compensation_kind, "none") != 0, "checked_in", (json_int_t)x->na, "unconfirmed",
		(json_int_t)unconfirmed, "note_count", (json_int_t)x->nnotes, "client_id", new_client_id(r));
	buf_release(&qr);
	if (data && x->has_protocol)
		json_object_set_new(data, "protocol",
		                    json_pack("{s:s, s:s, s:s, s:s}", "name", x->p.name, "framing", x->p.framing,
		                              "introductions", x->p.introductions, "closing", x->p.closing));
	if (data) {
		json_object_set_new(data, "speaker_f", json_boolean(strcmp(ksp, "F") == 0));
		json_object_set_new(data, "quote_kept", json_boolean(kept && kept->kind && strcmp(kept->kind, "quote") == 0));
	}
	if (data)
		json_object_set_new(data, "is_staff", json_boolean(role_at_least(r->user.role, ROLE_STAFF)));
	return data;
}

static void run_page(struct req *r, struct resp *w, int status, const struct err *e, const struct note *kept)
{
	struct run x;
	struct err le;
	if (load_run(r, &x, &le) < 0) {
		resp_err(w, r, &le);
		return;
	}
	json_t *data = run_data(r, &x, kept);
	const char *done = form_get(&r->query, "done");
	if (data && done)
		json_object_set_new(data, "done", json_string(done));
	view_error(data, e);
	/* A note refused is shown again in the form, not lost. */
	if (data && kept)
		json_object_set_new(data, "kept", json_pack("{s:s, s:s, s:I, s:s, s:s}", "text", kept->text ? kept->text : "",
		                                             "speaker", kept->speaker_code ? kept->speaker_code : "",
		                                             "question", (json_int_t)kept->question, "kind",
		                                             kept->kind ? kept->kind : "note", "client_id",
		                                             kept->client_id ? kept->client_id : ""));
	resp_header(w, r, "Cache-Control", "no-store");
	resp_page(w, r, status, "admin/run", data);
}

void h_run(struct req *r, struct resp *w)
{
	run_page(r, w, 200, NULL, NULL);
}

static void back(struct req *r, struct resp *w, const char *done, const char *anchor)
{
	resp_redirect(w, r, arena_printf(r->a, "/admin/capture/sessions/%lld?done=%s#%s",
	                                 (long long)req_param_id(r, "id"), done, anchor));
}

static int status_of(int rc)
{
	return rc == ERR_CONFLICT ? 409 : rc == ERR_LIMIT ? 413 : 422;
}

/* Check-in: registration_id for a registrant, otherwise a walk-in's name,
 * group and consent. */
void h_attendee_add(struct req *r, struct resp *w)
{
	struct session s;
	struct conversation c;
	struct attendee at = {0};
	struct err e;
	err_clear(&e);
	int rc = req_session_access(r, req_param_id(r, "id"), &s, &c, &e);
	if (rc < 0) {
		resp_err(w, r, &e);
		return;
	}
	rc = req_fields(r, attendee_fields, &at, &e);
	int64_t reg_id = at.registration_id;
	if (rc == 0 && reg_id)
		rc = capture_check_in(r->db, r->a, &s, reg_id, &at, &e);
	else if (rc == 0)
		rc = capture_walk_in(r->db, r->a, &s, &at, &e);
	if (rc == ERR_NOTFOUND && reg_id)
		rc = err_set(&e, ERR_INVALID, "registration_id", "This person did not register for this session.");
	if (rc == ERR_INVALID || rc == ERR_CONFLICT) {
		run_page(r, w, status_of(rc), &e, NULL);
		return;
	}
	if (rc < 0) {
		resp_err(w, r, &e);
		return;
	}
	req_audit(r, "attendee.add", arena_printf(r->a, "session %lld, %s", (long long)s.id, at.code));
	back(r, w, "checkin", "checkin");
}

/* Consent confirmed (or withdrawn) and the stipend, for one attendee. */
void h_attendee_save(struct req *r, struct resp *w)
{
	struct session s;
	struct conversation c;
	struct attendee at;
	struct err e;
	int rc = req_session_access(r, req_param_id(r, "id"), &s, &c, &e);
	if (rc == 0)
		rc = attendee_store_get(r->db, r->a, s.district_id, s.id, req_param_id(r, "aid"), &at, &e);
	if (rc < 0) {
		resp_err(w, r, &e);
		return;
	}
	int64_t now = time(NULL);
	/* The consents (the store changes nothing else of an attendee). */
	if (req_fields(r, attendee_fields, &at, &e) < 0) {
		run_page(r, w, status_of(e.code), &e, NULL);
		return;
	}
	at.consent_at = now;
	bool stipend = req_checked(r, "stipend");
	at.stipend_at = stipend ? (at.stipend_at ? at.stipend_at : now) : 0;
	if (attendee_store_update(r->db, &at, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	req_audit(r, "attendee.save",
	          arena_printf(r->a, "session %lld, %s: record %d, quote %d, stipend %d", (long long)s.id, at.code,
	                       at.consent_record, at.consent_quote, stipend));
	back(r, w, "consent", arena_printf(r->a, "a-%lld", (long long)at.id));
}

/* A note kept offline carries the time it was typed: one from the future
 * is taken now instead. */
static int read_note(struct req *r, struct note *n, struct err *e)
{
	n->author_id = r->user.id;
	int rc = req_fields(r, note_fields, n, e);
	if (n->taken_at > (int64_t)time(NULL) + 300)
		n->taken_at = 0;
	return rc;
}

static bool wants_json(struct req *r)
{
	const char *acc = req_header(r, "Accept");
	return acc && strstr(acc, "application/json");
}

/* A live note from the form, or from the page's script resending what was
 * typed offline (Accept: application/json, answered in JSON). */
void h_note_add(struct req *r, struct resp *w)
{
	struct session s;
	struct conversation c;
	struct note n = {0};
	struct err e;
	err_clear(&e);
	int added = 0;
	int rc = req_session_access(r, req_param_id(r, "id"), &s, &c, &e);
	if (rc < 0) {
		resp_err(w, r, &e);
		return;
	}
	rc = read_note(r, &n, &e);
	struct note typed = n;
	if (rc == 0)
		rc = capture_add_note(r->db, r->a, &r->district, &s, &c, &n, &added, &e);
	if (wants_json(r)) {
		r->api = true;   /* errors as JSON naming the field */
		if (rc < 0)
			resp_err(w, r, &e);
		else
			resp_json(w, added ? 201 : 200, req_json(r, view_note(&n)));
		return;
	}
	if (rc == ERR_INVALID || rc == ERR_LIMIT) {
		run_page(r, w, status_of(rc), &e, &typed);
		return;
	}
	if (rc < 0) {
		resp_err(w, r, &e);
		return;
	}
	/* The next note is most likely under the same question. */
	resp_redirect(w, r, arena_printf(r->a, "/admin/capture/sessions/%lld?done=note&q=%lld#notes", (long long)s.id,
	                                 (long long)n.question));
}

/* ---- API ---- */

/* The session of the address, when r may use it; false once the error is
 * answered. */
static bool session_of_address(struct req *r, struct resp *w, struct session *s, struct conversation *c)
{
	struct err e;
	if (req_session_access(r, req_param_id(r, "id"), s, c, &e) < 0) {
		resp_err(w, r, &e);
		return false;
	}
	return true;
}

/* The same, and the request's JSON body read into obj through table t;
 * false once the error is answered. */
static bool api_session_body(struct req *r, struct resp *w, struct session *s, struct conversation *c,
                             const struct field *t, void *obj)
{
	json_t *o = session_of_address(r, w, s, c) ? api_body(r, w) : NULL;
	return o && api_fields(r, w, o, t, obj);
}

void api_notes(struct req *r, struct resp *w)
{
	struct session s;
	struct conversation c;
	struct note *items_;
	if (!session_of_address(r, w, &s, &c))
		return;
	API_LIST(note_store_list, view_note(&items_[i_]), "notes", r->db, r->a, s.district_id, s.id);
}

/* {"client_id", "question", "speaker", "kind", "text", "taken_at"}: 201 with
 * the note, or 200 with the note already stored under that client id. */
void api_note_add(struct req *r, struct resp *w)
{
	struct session s;
	struct conversation c;
	struct err e;
	struct note n = {.author_id = r->user.id, .kind = "note", .client_id = "", .speaker_code = "", .text = ""};
	int64_t now = time(NULL);
	if (!api_session_body(r, w, &s, &c, note_fields, &n))
		return;
	if (n.taken_at > now + 300) {
		err_set(&e, ERR_INVALID, "taken_at", "taken_at is a Unix time, not in the future.");
		resp_err(w, r, &e);
		return;
	}
	int added = 0;
	if (capture_add_note(r->db, r->a, &r->district, &s, &c, &n, &added, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	resp_json(w, added ? 201 : 200, req_json(r, view_note(&n)));
}

void api_attendees(struct req *r, struct resp *w)
{
	struct session s;
	struct conversation c;
	struct attendee *items_;
	if (!session_of_address(r, w, &s, &c))
		return;
	API_LIST(attendee_store_list, view_attendee(&items_[i_], true), "attendees", r->db, r->a, s.district_id, s.id);
}

/* {"registration_id"} checks a registrant in; {"name", "group_id",
 * "consent_record", "consent_quote"} adds a walk-in. */
void api_attendee_add(struct req *r, struct resp *w)
{
	struct session s;
	struct conversation c;
	struct err e;
	struct attendee at = {.name = ""};
	if (!api_session_body(r, w, &s, &c, attendee_fields, &at))
		return;
	int64_t reg_id = at.registration_id;
	int rc = reg_id ? capture_check_in(r->db, r->a, &s, reg_id, &at, &e) : capture_walk_in(r->db, r->a, &s, &at, &e);
	if (rc == ERR_NOTFOUND)
		err_set(&e, ERR_INVALID, "registration_id", "This person did not register for this session.");
	if (rc < 0) {
		resp_err(w, r, &e);
		return;
	}
	resp_json(w, 201, req_json(r, view_attendee(&at, true)));
}

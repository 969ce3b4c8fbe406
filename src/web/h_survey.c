/* The end-of-session survey: a public form answered on a phone, reached by
 * the QR code the facilitator shows or by the link in the thank-you
 * message (?r= the registration's token, so that the answer counts once).
 * Anonymous answers are welcome.  No account, no JavaScript. */
#include <string.h>
#include <time.h>

#include "core/log.h"
#include "core/str.h"
#include "service/capture.h"
#include "store/baseline_store.h"
#include "store/conversation_store.h"
#include "store/district_store.h"
#include "store/registration_store.h"
#include "store/session_store.h"
#include "store/settings_store.h"
#include "store/survey_store.h"
#include "web/app.h"
#include "web/handlers.h"
#include "web/views.h"

/* Answers one client may give in an hour (a room sharing one connection
 * stays well under it). */
#define SURVEY_PER_HOUR 60

struct survey_place {
	struct district d;
	struct session s;
	struct conversation c;
	struct baseline_share *base;
	size_t nbase;
	int64_t registration_id;   /* from a valid token; 0 anonymous */
	const char *token;
	bool answered;
};

static const char *const dimension_questions[][2] = {
	{"race_ethnicity", "Which best describes your race or ethnicity?"},
	{"gender", "What is your gender?"},
	{"language", "Which language do you mostly speak at home?"},
	{"education", "What is the highest level of education in your household?"},
	{"neighborhood", "Which part of the district do you live in?"},
	{"income", "What is your household's yearly income?"},
};

static const char *question_for(const char *dim)
{
	for (size_t i = 0; i < sizeof(dimension_questions) / sizeof(dimension_questions[0]); i++)
		if (strcmp(dim, dimension_questions[i][0]) == 0)
			return dimension_questions[i][1];
	return dim;
}

/* The district and session of the address, the baseline, and the token's
 * registration when there is one: a token that is not genuine, or names a
 * registration of another session, is refused rather than ignored, so that
 * nobody answers twice believing the first answer was lost. */
static int load(struct req *r, const char *token, struct survey_place *p, struct err *e)
{
	memset(p, 0, sizeof(*p));
	int rc = district_store_by_slug(r->db, r->a, req_param(r, "slug"), &p->d, e);
	if (rc == 0)
		rc = session_store_get(r->db, r->a, p->d.id, req_param_id(r, "id"), &p->s, e);
	if (rc == 0)
		rc = conversation_store_get(r->db, r->a, p->d.id, p->s.conversation_id, &p->c, e);
	if (rc == 0)
		rc = baseline_store_list(r->db, r->a, p->d.id, &p->base, &p->nbase, e);
	if (rc < 0 || !token || !*token)
		return rc;
	unsigned char secret[32];
	int64_t id = 0;
	struct registration reg;
	if ((rc = settings_store_secret(r->db, secret, e)) < 0)
		return rc;
	if (registration_token_check(secret, token, &id) < 0 ||
	    registration_store_get(r->db, r->a, p->d.id, id, &reg, e) < 0 || reg.session_id != p->s.id)
		return err_set(e, ERR_NOTFOUND, "token",
		               "This survey link is not valid. You can still answer without it, anonymously.");
	if (strcmp(reg.status, "cancelled") == 0)
		return err_set(e, ERR_NOTFOUND, "token",
		               "This registration was cancelled. If you came anyway, you can answer without the link.");
	p->registration_id = id;
	p->token = token;
	int answered = 0;
	rc = survey_store_answered(r->db, id, &answered, e);
	p->answered = answered;
	return rc;
}

static json_t *questions(struct req *r, const struct survey_place *p, const struct survey_response *form)
{
	const char *dims[16];
	size_t nd = survey_dimensions(p->base, p->nbase, dims);
	json_t *list = json_array();
	for (size_t i = 0; i < nd; i++) {
		const char *chosen = NULL;
		for (size_t k = 0; form && k < form->nanswers; k++)
			if (strcmp(form->answers[k].dimension, dims[i]) == 0)
				chosen = form->answers[k].category;
		json_t *options = json_array();
		for (size_t k = 0; k < p->nbase; k++)
			if (strcmp(p->base[k].dimension, dims[i]) == 0)
				json_array_append_new(options, json_pack("{s:s, s:s, s:b}", "value", p->base[k].category, "id",
				                                         arena_printf(r->a, "q-%s-%zu", dims[i], k), "selected",
				                                         chosen && strcmp(chosen, p->base[k].category) == 0));
		json_array_append_new(list, json_pack("{s:s, s:s, s:o, s:b}", "dimension", dims[i], "question",
		                                      question_for(dims[i]), "options", options, "unanswered", !chosen));
	}
	return list;
}

static void survey_page(struct req *r, struct resp *w, int status, const struct survey_place *p,
                        const struct survey_response *form, const struct err *e)
{
	json_t *ratings = json_array();
	static const char *const words[] = {"", "Poor", "Fair", "Good", "Very good", "Excellent"};
	for (int i = 5; i >= 1; i--)
		json_array_append_new(ratings, json_pack("{s:i, s:s, s:b}", "value", i, "label", words[i], "selected",
		                                         form && form->rating == i));
	json_t *data = json_pack("{s:s, s:o, s:o, s:o, s:o, s:o, s:s, s:s, s:b, s:b}", "title", p->c.title, "district",
	                         view_district(&p->d), "session", view_session(&p->s, p->d.timezone, r->lang),
	                         "conversation", view_conversation(&p->c), "questions", questions(r, p, form), "ratings",
	                         ratings, "token", p->token ? p->token : "", "comment",
	                         form && form->comment ? form->comment : "", "answered", p->answered, "thanks",
	                         form_get(&r->query, "thanks") != NULL);
	view_error(data, e);
	req_ensure_csrf(r, w);
	resp_keyed(w, r);
	resp_page(w, r, status, "survey", data);
}

void h_survey(struct req *r, struct resp *w)
{
	struct survey_place p;
	struct err e;
	if (load(r, form_get(&r->query, "r"), &p, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	survey_page(r, w, 200, &p, NULL, NULL);
}

void h_survey_save(struct req *r, struct resp *w)
{
	struct survey_place p;
	struct err e;
	err_clear(&e);
	if (load(r, req_form(r, "r"), &p, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	const char *thanks = arena_printf(r->a, "/d/%s/sessions/%lld/survey?thanks=1", p.d.slug, (long long)p.s.id);
	/* A filled honeypot is a robot: thank it, keep nothing. */
	if (*req_form(r, "website")) {
		log_info("survey honeypot filled from %s", r->ip);
		resp_redirect(w, r, thanks);
		return;
	}
	/* Read the form: one answer per dimension, "" for prefer not to say. */
	const char *dims[16];
	size_t nd = survey_dimensions(p.base, p.nbase, dims);
	struct survey_response resp = {.registration_id = p.registration_id, .lang = r->lang};
	int rc = req_fields(r, survey_fields, &resp, &e);
	resp.answers = arena_alloc(r->a, (nd + 1) * sizeof(*resp.answers));
	for (size_t i = 0; i < nd; i++) {
		const char *v = req_form(r, arena_printf(r->a, "a_%s", dims[i]));
		if (*v)
			resp.answers[resp.nanswers++] = (struct survey_answer){dims[i], v};
	}
	if (p.answered) {
		err_set(&e, ERR_CONFLICT, "token", "This survey has already been answered with this link. Thank you!");
		survey_page(r, w, 409, &p, &resp, &e);
		return;
	}
	if (req_over_limit(r, w, "survey", SURVEY_PER_HOUR,
	                   "Too many answers from your connection. Please try again in an hour.", &e)) {
		survey_page(r, w, 429, &p, &resp, &e);
		return;
	}
	if (rc == 0)
		rc = capture_survey(r->db, r->a, &p.d, &p.s, &p.c, &resp, &e);
	if (rc == ERR_INVALID || rc == ERR_CONFLICT) {
		p.answered = rc == ERR_CONFLICT;
		survey_page(r, w, rc == ERR_CONFLICT ? 409 : 422, &p, &resp, &e);
		return;
	}
	if (rc < 0) {
		resp_err(w, r, &e);
		return;
	}
	req_count_post(r, "survey");
	resp_redirect(w, r, thanks);
}

/* GET /api/v1/surveys?session_id=N or ?initiative_id=N */
void api_surveys(struct req *r, struct resp *w)
{
	struct survey_list_ask q = {0};
	struct err e;
	if (req_fields_from(r, &r->query, survey_list_fields, &q, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	if (!q.session_id && !q.initiative_id) {
		resp_error(w, r, 400, "session_id", "Give ?session_id=N or ?initiative_id=N.");
		return;
	}
	int64_t sid = q.session_id, iid = q.initiative_id;
	struct survey_response *rs;
	size_t n = 0;
	if (survey_store_list(r->db, r->a, r->user.district_id, sid, iid, &rs, &n, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	json_t *list = json_array();
	for (size_t k = 0; k < n; k++) {
		json_t *answers = json_object();
		for (size_t m = 0; m < rs[k].nanswers; m++)
			json_object_set_new(answers, rs[k].answers[m].dimension, json_string(rs[k].answers[m].category));
		json_array_append_new(list, json_pack("{s:I, s:I, s:b, s:o, s:s, s:s, s:o, s:o}", "id", (json_int_t)rs[k].id,
		                                      "session_id", (json_int_t)rs[k].session_id, "anonymous",
		                                      rs[k].registration_id == 0, "rating",
		                                      rs[k].rating ? json_integer(rs[k].rating) : json_null(), "comment",
		                                      rs[k].comment, "lang", rs[k].lang, "answers", answers, "created_at",
		                                      view_time(rs[k].created_at)));
	}
	resp_json(w, 200, req_json(r, json_pack("{s:o}", "surveys", list)));
}

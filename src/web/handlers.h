/* handlers: one function per route (see routes.c).  Thin: they read the
 * request, call domain/ and store/, and answer. */
#ifndef CG_HANDLERS_H
#define CG_HANDLERS_H
#include "web/http.h"

/* h_public.c */
void h_healthz(struct req *r, struct resp *w);
void h_root(struct req *r, struct resp *w);
void h_static(struct req *r, struct resp *w);
void h_lang(struct req *r, struct resp *w);

/* h_register.c */
void h_session_public(struct req *r, struct resp *w);
void h_register(struct req *r, struct resp *w);
void h_registration(struct req *r, struct resp *w);
void h_registration_save(struct req *r, struct resp *w);

/* h_auth.c */
void h_signin_form(struct req *r, struct resp *w);
void h_signin(struct req *r, struct resp *w);
void h_signout(struct req *r, struct resp *w);

/* h_admin.c */
void h_dashboard(struct req *r, struct resp *w);
void h_settings(struct req *r, struct resp *w);
void h_settings_save(struct req *r, struct resp *w);
void h_users(struct req *r, struct resp *w);
void h_user_add(struct req *r, struct resp *w);
void h_user(struct req *r, struct resp *w);
void h_user_save(struct req *r, struct resp *w);
void h_audit(struct req *r, struct resp *w);
void h_area(struct req *r, struct resp *w);

/* h_plan.c */
void h_plan(struct req *r, struct resp *w);
void h_initiative_add(struct req *r, struct resp *w);
void h_initiative(struct req *r, struct resp *w);
void h_initiative_save(struct req *r, struct resp *w);

/* h_conversations.c */
void h_team_save(struct req *r, struct resp *w);
void h_groups(struct req *r, struct resp *w);
void h_group_add(struct req *r, struct resp *w);
void h_conversation_add(struct req *r, struct resp *w);
void h_conversation(struct req *r, struct resp *w);
void h_conversation_save(struct req *r, struct resp *w);
void h_session_add(struct req *r, struct resp *w);
void h_session_admin(struct req *r, struct resp *w);
void h_session_save(struct req *r, struct resp *w);
void h_outbox(struct req *r, struct resp *w);
void h_protocols(struct req *r, struct resp *w);
void h_protocol_add(struct req *r, struct resp *w);
void h_session_guide(struct req *r, struct resp *w);
void h_sponsor_add(struct req *r, struct resp *w);
void h_message(struct req *r, struct resp *w);

/* h_contacts.c */
void h_contacts(struct req *r, struct resp *w);
void h_contacts_import(struct req *r, struct resp *w);
void h_session_invite(struct req *r, struct resp *w);
void h_baseline(struct req *r, struct resp *w);
void h_baseline_save(struct req *r, struct resp *w);

/* h_capture.c */
void h_representation(struct req *r, struct resp *w);
void h_taking_part(struct req *r, struct resp *w);
void api_representation(struct req *r, struct resp *w);

/* h_facilitate.c.  req_session_access loads a session of the signed-in
 * person's district and its conversation; facilitators and partners get
 * ERR_NOTFOUND unless the conversation was handed to them. */
struct session;
struct conversation;
int req_session_access(struct req *r, int64_t session_id, struct session *s, struct conversation *c, struct err *e);
void h_capture_home(struct req *r, struct resp *w);
void h_run(struct req *r, struct resp *w);
void h_attendee_add(struct req *r, struct resp *w);
void h_attendee_save(struct req *r, struct resp *w);
void h_note_add(struct req *r, struct resp *w);
void api_notes(struct req *r, struct resp *w);
void api_note_add(struct req *r, struct resp *w);
void api_attendees(struct req *r, struct resp *w);
void api_attendee_add(struct req *r, struct resp *w);

/* h_understand.c */
void h_understand(struct req *r, struct resp *w);
void api_themes(struct req *r, struct resp *w);
void h_theme_accept(struct req *r, struct resp *w);

/* h_codebook.c */
void h_codebook(struct req *r, struct resp *w);
void h_code_add(struct req *r, struct resp *w);
void h_code_save(struct req *r, struct resp *w);
void h_coding_add(struct req *r, struct resp *w);
void h_codings_csv(struct req *r, struct resp *w);
void api_codes(struct req *r, struct resp *w);
void api_coding_add(struct req *r, struct resp *w);

/* h_report.c */
void h_summary(struct req *r, struct resp *w);
void h_summary_save(struct req *r, struct resp *w);
void h_quotes(struct req *r, struct resp *w);
void h_quote_decide(struct req *r, struct resp *w);
void api_report(struct req *r, struct resp *w);
void h_qdpx(struct req *r, struct resp *w);
void api_qdpx(struct req *r, struct resp *w);
/* The quotes page and the public summary page again, after a refused
 * review (status 409 or 422, the message in e). */
void h_quotes_page(struct req *r, struct resp *w, int status, int64_t initiative_id, const struct err *e);
void h_summary_public_page(struct req *r, struct resp *w, int status, int64_t initiative_id, const struct err *e);

/* h_review.c: the check for names before anything leaves the team */
void h_quote_review(struct req *r, struct resp *w);
void h_summary_review(struct req *r, struct resp *w);
void api_quotes(struct req *r, struct resp *w);
void api_quote(struct req *r, struct resp *w);
void api_quote_decide(struct req *r, struct resp *w);
void api_quote_review(struct req *r, struct resp *w);
void api_report_review(struct req *r, struct resp *w);
void api_report_review_save(struct req *r, struct resp *w);
void api_report_approve(struct req *r, struct resp *w);

/* h_survey.c */
void h_survey(struct req *r, struct resp *w);
void h_survey_save(struct req *r, struct resp *w);
void api_surveys(struct req *r, struct resp *w);
void h_transcript(struct req *r, struct resp *w);
void h_transcript_add(struct req *r, struct resp *w);
void api_transcript_add(struct req *r, struct resp *w);
void api_transcripts(struct req *r, struct resp *w);
void api_participation(struct req *r, struct resp *w);

/* h_api.c: JSON helpers shared by the API handlers.  api_body parses the
 * body as a JSON object (owned by the request) or answers 400/415 and
 * returns NULL. */
json_t *api_body(struct req *r, struct resp *w);
/* Fills obj from the members of o by table t (domain/field.h); members
 * absent are left as they were, unknown ones ignored.  On the first refusal
 * answers 400 (403 for a field above the role) naming the member, in the
 * visitor's language, and returns false. */
bool api_fields(struct req *r, struct resp *w, json_t *o, const struct field *t, void *obj);
/* The members of o (borrowed) as a source of declared fields: strings,
 * integers, true and false as such, anything else FIELD_OTHER. */
struct field_source api_source(json_t *o);

/* The body of a JSON list handler: calls fn_list(..., &items_, &n, &e)
 * (items_ declared by the caller), answers its error, or {key: [view, …]}
 * with view built from items_[i_]. */
#define API_LIST(fn_list, view, key, ...)                                                        \
	do {                                                                                  \
		size_t n_ = 0;                                                                    \
		struct err e_;                                                                    \
		if (fn_list(__VA_ARGS__, &items_, &n_, &e_) < 0) {                                \
			resp_err(w, r, &e_);                                                          \
			return;                                                                       \
		}                                                                                 \
		json_t *arr_ = json_array();                                                      \
		for (size_t i_ = 0; i_ < n_; i_++)                                                \
			json_array_append_new(arr_, view);                                            \
		resp_json(w, 200, req_json(r, json_pack("{s:o}", key, arr_)));                     \
	} while (0)

/* h_api_plan.c */
void api_groups(struct req *r, struct resp *w);
void api_group_add(struct req *r, struct resp *w);
void api_conversations(struct req *r, struct resp *w);
void api_conversation_add(struct req *r, struct resp *w);
void api_conversation(struct req *r, struct resp *w);
void api_conversation_update(struct req *r, struct resp *w);
void api_sessions(struct req *r, struct resp *w);
void api_session_add(struct req *r, struct resp *w);
void api_session(struct req *r, struct resp *w);
void api_session_update(struct req *r, struct resp *w);
void api_registrations(struct req *r, struct resp *w);
void api_messages(struct req *r, struct resp *w);

/* h_api.c */
void api_district(struct req *r, struct resp *w);
void api_initiatives(struct req *r, struct resp *w);
void api_initiative_add(struct req *r, struct resp *w);
void api_initiative(struct req *r, struct resp *w);
void api_initiative_update(struct req *r, struct resp *w);
void api_users(struct req *r, struct resp *w);

/* h_hub.c: the public hub */
void h_hub_redirect(struct req *r, struct resp *w);
void h_hub(struct req *r, struct resp *w);
void h_recaps(struct req *r, struct resp *w);
void h_recap(struct req *r, struct resp *w);
void h_questions(struct req *r, struct resp *w);
void h_question_ask(struct req *r, struct resp *w);
void h_question(struct req *r, struct resp *w);
void h_actions(struct req *r, struct resp *w);
void h_search(struct req *r, struct resp *w);
void h_feed(struct req *r, struct resp *w);
void h_image(struct req *r, struct resp *w);

/* h_share.c: Share, for staff */
void h_share(struct req *r, struct resp *w);
void h_report_back(struct req *r, struct resp *w);
void h_posts(struct req *r, struct resp *w);
void h_post_new(struct req *r, struct resp *w);
void h_post_add(struct req *r, struct resp *w);
void h_post(struct req *r, struct resp *w);
void h_post_save(struct req *r, struct resp *w);
void h_post_image(struct req *r, struct resp *w);
void h_questions_admin(struct req *r, struct resp *w);
void h_question_decide(struct req *r, struct resp *w);
void h_actions_admin(struct req *r, struct resp *w);
void h_action_add(struct req *r, struct resp *w);
void h_action(struct req *r, struct resp *w);
void h_action_save(struct req *r, struct resp *w);
void h_theme_save(struct req *r, struct resp *w);

/* h_api_share.c */
void api_posts(struct req *r, struct resp *w);
void api_post_add(struct req *r, struct resp *w);
void api_post(struct req *r, struct resp *w);
void api_post_update(struct req *r, struct resp *w);
void api_questions(struct req *r, struct resp *w);
void api_question(struct req *r, struct resp *w);
void api_question_update(struct req *r, struct resp *w);
void api_actions(struct req *r, struct resp *w);
void api_action_add(struct req *r, struct resp *w);
void api_action(struct req *r, struct resp *w);
void api_action_update(struct req *r, struct resp *w);

#endif

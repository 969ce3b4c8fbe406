/* The route table: every address the server answers, with what it needs.
 * The dispatcher in server.c enforces the flags and roles; handlers never
 * check sign-in or CSRF themselves. */
#include <string.h>

#include "core/str.h"
#include "web/app.h"
#include "web/handlers.h"

const struct route routes[] = {
	/* Public */
	{"GET", "/healthz", h_healthz, R_PUBLIC, ROLE_NONE},
	{"GET", "/", h_root, R_PUBLIC, ROLE_NONE},
	{"GET", "/static/{file}", h_static, R_PUBLIC, ROLE_NONE},
	{"GET", "/lang/{code}", h_lang, R_PUBLIC, ROLE_NONE},
	{"GET", "/signin", h_signin_form, R_PUBLIC, ROLE_NONE},
	{"POST", "/signin", h_signin, R_CSRF, ROLE_NONE},
	{"POST", "/signout", h_signout, R_LOGIN | R_CSRF, ROLE_NONE},
	{"GET", "/d/{slug}", h_hub_redirect, R_PUBLIC, ROLE_NONE},
	{"GET", "/d/{slug}/", h_hub, R_PUBLIC, ROLE_NONE},
	{"GET", "/d/{slug}/sessions/{id}", h_session_public, R_PUBLIC, ROLE_NONE},
	{"POST", "/d/{slug}/sessions/{id}", h_register, R_CSRF, ROLE_NONE},
	{"GET", "/d/{slug}/sessions/{id}/survey", h_survey, R_PUBLIC, ROLE_NONE},
	{"POST", "/d/{slug}/sessions/{id}/survey", h_survey_save, R_CSRF, ROLE_NONE},
	{"GET", "/d/{slug}/taking-part", h_taking_part, R_PUBLIC, ROLE_NONE},
	{"GET", "/d/{slug}/recaps", h_recaps, R_PUBLIC, ROLE_NONE},
	{"GET", "/d/{slug}/recaps/{post}", h_recap, R_PUBLIC, ROLE_NONE},
	{"GET", "/d/{slug}/questions", h_questions, R_PUBLIC, ROLE_NONE},
	{"POST", "/d/{slug}/questions", h_question_ask, R_CSRF, ROLE_NONE},
	{"GET", "/d/{slug}/questions/{id}", h_question, R_PUBLIC, ROLE_NONE},
	{"GET", "/d/{slug}/actions", h_actions, R_PUBLIC, ROLE_NONE},
	{"GET", "/d/{slug}/search", h_search, R_PUBLIC, ROLE_NONE},
	{"GET", "/d/{slug}/feed.atom", h_feed, R_PUBLIC, ROLE_NONE},
	{"GET", "/d/{slug}/images/{id}", h_image, R_PUBLIC, ROLE_NONE},
	{"GET", "/d/{slug}/r/{token}", h_registration, R_PUBLIC, ROLE_NONE},
	{"POST", "/d/{slug}/r/{token}", h_registration_save, R_CSRF, ROLE_NONE},

	/* Admin shell */
	{"GET", "/admin", h_dashboard, R_LOGIN, ROLE_NONE},
	{"GET", "/admin/settings", h_settings, R_LOGIN, ROLE_ADMIN},
	{"POST", "/admin/settings", h_settings_save, R_CSRF, ROLE_ADMIN},
	{"GET", "/admin/users", h_users, R_LOGIN, ROLE_ADMIN},
	{"POST", "/admin/users", h_user_add, R_CSRF, ROLE_ADMIN},
	{"GET", "/admin/users/{id}", h_user, R_LOGIN, ROLE_ADMIN},
	{"POST", "/admin/users/{id}", h_user_save, R_CSRF, ROLE_ADMIN},
	{"GET", "/admin/audit", h_audit, R_LOGIN, ROLE_ADMIN},
	{"GET", "/admin/plan", h_plan, R_LOGIN, ROLE_STAFF},
	{"POST", "/admin/plan/initiatives", h_initiative_add, R_CSRF, ROLE_STAFF},
	{"GET", "/admin/plan/initiatives/{id}", h_initiative, R_LOGIN, ROLE_STAFF},
	{"POST", "/admin/plan/initiatives/{id}", h_initiative_save, R_CSRF, ROLE_STAFF},
	{"GET", "/admin/plan/groups", h_groups, R_LOGIN, ROLE_STAFF},
	{"POST", "/admin/plan/groups", h_group_add, R_CSRF, ROLE_STAFF},
	{"POST", "/admin/plan/initiatives/{id}/conversations", h_conversation_add, R_CSRF, ROLE_STAFF},
	{"GET", "/admin/plan/conversations/{id}", h_conversation, R_LOGIN, ROLE_STAFF},
	{"POST", "/admin/plan/conversations/{id}", h_conversation_save, R_CSRF, ROLE_STAFF},
	{"POST", "/admin/plan/conversations/{id}/sessions", h_session_add, R_CSRF, ROLE_STAFF},
	{"GET", "/admin/plan/sessions/{id}", h_session_admin, R_LOGIN, ROLE_STAFF},
	{"POST", "/admin/plan/sessions/{id}", h_session_save, R_CSRF, ROLE_STAFF},
	{"POST", "/admin/plan/sessions/{id}/invite", h_session_invite, R_CSRF, ROLE_STAFF},
	{"GET", "/admin/plan/sessions/{id}/guide", h_session_guide, R_LOGIN, ROLE_STAFF},
	{"GET", "/admin/plan/sessions/{id}/transcript", h_transcript, R_LOGIN, ROLE_TEAM},
	{"POST", "/admin/plan/sessions/{id}/transcript", h_transcript_add, R_CSRF | R_UPLOAD, ROLE_TEAM},
	{"GET", "/admin/plan/initiatives/{id}/representation", h_representation, R_LOGIN, ROLE_STAFF},
	{"POST", "/admin/plan/conversations/{id}/team", h_team_save, R_CSRF, ROLE_STAFF},
	{"GET", "/admin/plan/protocols", h_protocols, R_LOGIN, ROLE_STAFF},
	{"GET", "/admin/plan/baseline", h_baseline, R_LOGIN, ROLE_STAFF},
	{"POST", "/admin/plan/baseline", h_baseline_save, R_CSRF | R_UPLOAD, ROLE_STAFF},
	{"POST", "/admin/plan/protocols", h_protocol_add, R_CSRF, ROLE_STAFF},
	{"POST", "/admin/plan/initiatives/{id}/sponsors", h_sponsor_add, R_CSRF, ROLE_STAFF},
	{"GET", "/admin/invite", h_outbox, R_LOGIN, ROLE_STAFF},
	{"GET", "/admin/invite/contacts", h_contacts, R_LOGIN, ROLE_STAFF},
	{"POST", "/admin/invite/contacts", h_contacts_import, R_CSRF | R_UPLOAD, ROLE_STAFF},
	{"GET", "/admin/invite/messages/{id}", h_message, R_LOGIN, ROLE_STAFF},
	{"GET", "/admin/capture", h_capture_home, R_LOGIN, ROLE_TEAM},
	{"GET", "/admin/capture/sessions/{id}", h_run, R_LOGIN, ROLE_TEAM},
	{"POST", "/admin/capture/sessions/{id}/attendees", h_attendee_add, R_CSRF, ROLE_TEAM},
	{"POST", "/admin/capture/sessions/{id}/attendees/{aid}", h_attendee_save, R_CSRF, ROLE_TEAM},
	{"POST", "/admin/capture/sessions/{id}/notes", h_note_add, R_CSRF, ROLE_TEAM},
	{"GET", "/admin/understand", h_understand, R_LOGIN, ROLE_STAFF},
	{"POST", "/admin/understand/accept", h_theme_accept, R_CSRF, ROLE_STAFF},
	{"GET", "/admin/understand/codebook", h_codebook, R_LOGIN, ROLE_STAFF},
	{"GET", "/admin/understand/codings.csv", h_codings_csv, R_LOGIN, ROLE_STAFF},
	{"GET", "/admin/understand/export.qdpx", h_qdpx, R_LOGIN, ROLE_STAFF},
	{"POST", "/admin/understand/codes", h_code_add, R_CSRF, ROLE_STAFF},
	{"POST", "/admin/understand/codes/{id}", h_code_save, R_CSRF, ROLE_STAFF},
	{"POST", "/admin/understand/codings", h_coding_add, R_CSRF, ROLE_STAFF},
	{"GET", "/admin/understand/quotes", h_quotes, R_LOGIN, ROLE_STAFF},
	{"POST", "/admin/understand/quotes/{id}", h_quote_decide, R_CSRF, ROLE_STAFF},
	{"POST", "/admin/understand/quotes/{id}/review", h_quote_review, R_CSRF, ROLE_STAFF},
	{"GET", "/admin/understand/summary", h_summary, R_LOGIN, ROLE_STAFF},
	{"POST", "/admin/understand/summary", h_summary_save, R_CSRF, ROLE_STAFF},
	{"POST", "/admin/understand/summary/review", h_summary_review, R_CSRF, ROLE_STAFF},
	{"GET", "/admin/share", h_share, R_LOGIN, ROLE_STAFF},
	{"POST", "/admin/share/conversations/{id}/report-back", h_report_back, R_CSRF, ROLE_STAFF},
	{"GET", "/admin/share/recaps", h_posts, R_LOGIN, ROLE_STAFF},
	{"GET", "/admin/share/recaps/new", h_post_new, R_LOGIN, ROLE_STAFF},
	{"POST", "/admin/share/recaps", h_post_add, R_CSRF, ROLE_STAFF},
	{"GET", "/admin/share/recaps/{id}", h_post, R_LOGIN, ROLE_STAFF},
	{"POST", "/admin/share/recaps/{id}", h_post_save, R_CSRF, ROLE_STAFF},
	{"POST", "/admin/share/recaps/{id}/image", h_post_image, R_CSRF | R_UPLOAD, ROLE_STAFF},
	{"GET", "/admin/share/questions", h_questions_admin, R_LOGIN, ROLE_STAFF},
	{"POST", "/admin/share/questions/{id}", h_question_decide, R_CSRF, ROLE_STAFF},
	{"GET", "/admin/share/actions", h_actions_admin, R_LOGIN, ROLE_STAFF},
	{"POST", "/admin/share/actions", h_action_add, R_CSRF, ROLE_STAFF},
	{"GET", "/admin/share/actions/{id}", h_action, R_LOGIN, ROLE_STAFF},
	{"POST", "/admin/share/actions/{id}", h_action_save, R_CSRF, ROLE_STAFF},
	{"POST", "/admin/share/themes/{id}", h_theme_save, R_CSRF, ROLE_STAFF},
	{"GET", "/admin/{area}", h_area, R_LOGIN, ROLE_NONE},

	/* JSON API */
	{"GET", "/api/v1/district", api_district, R_API, ROLE_TEAM},
	{"GET", "/api/v1/initiatives", api_initiatives, R_API, ROLE_STAFF},
	{"POST", "/api/v1/initiatives", api_initiative_add, R_API, ROLE_STAFF},
	{"GET", "/api/v1/initiatives/{id}", api_initiative, R_API, ROLE_STAFF},
	{"PATCH", "/api/v1/initiatives/{id}", api_initiative_update, R_API, ROLE_STAFF},
	{"GET", "/api/v1/users", api_users, R_API, ROLE_ADMIN},
	{"GET", "/api/v1/groups", api_groups, R_API, ROLE_STAFF},
	{"POST", "/api/v1/groups", api_group_add, R_API, ROLE_STAFF},
	{"GET", "/api/v1/conversations", api_conversations, R_API, ROLE_STAFF},
	{"POST", "/api/v1/conversations", api_conversation_add, R_API, ROLE_STAFF},
	{"GET", "/api/v1/conversations/{id}", api_conversation, R_API, ROLE_STAFF},
	{"PATCH", "/api/v1/conversations/{id}", api_conversation_update, R_API, ROLE_STAFF},
	{"GET", "/api/v1/sessions", api_sessions, R_API, ROLE_STAFF},
	{"POST", "/api/v1/sessions", api_session_add, R_API, ROLE_STAFF},
	{"GET", "/api/v1/sessions/{id}", api_session, R_API, ROLE_STAFF},
	{"PATCH", "/api/v1/sessions/{id}", api_session_update, R_API, ROLE_STAFF},
	{"GET", "/api/v1/sessions/{id}/registrations", api_registrations, R_API, ROLE_STAFF},
	{"GET", "/api/v1/messages", api_messages, R_API, ROLE_STAFF},
	{"POST", "/api/v1/sessions/{id}/transcripts", api_transcript_add, R_API | R_UPLOAD, ROLE_TEAM},
	{"GET", "/api/v1/sessions/{id}/transcripts", api_transcripts, R_API, ROLE_TEAM},
	{"GET", "/api/v1/sessions/{id}/participation", api_participation, R_API, ROLE_TEAM},
	{"GET", "/api/v1/sessions/{id}/notes", api_notes, R_API, ROLE_TEAM},
	{"POST", "/api/v1/sessions/{id}/notes", api_note_add, R_API, ROLE_TEAM},
	{"GET", "/api/v1/sessions/{id}/attendees", api_attendees, R_API, ROLE_TEAM},
	{"POST", "/api/v1/sessions/{id}/attendees", api_attendee_add, R_API, ROLE_TEAM},
	{"GET", "/api/v1/surveys", api_surveys, R_API, ROLE_STAFF},
	{"GET", "/api/v1/initiatives/{id}/representation", api_representation, R_API, ROLE_STAFF},
	{"GET", "/api/v1/initiatives/{id}/themes", api_themes, R_API, ROLE_STAFF},
	{"GET", "/api/v1/codes", api_codes, R_API, ROLE_STAFF},
	{"POST", "/api/v1/codings", api_coding_add, R_API, ROLE_STAFF},
	{"GET", "/api/v1/reports/{id}", api_report, R_API, ROLE_STAFF},
	{"GET", "/api/v1/reports/{id}/review", api_report_review, R_API, ROLE_STAFF},
	{"POST", "/api/v1/reports/{id}/review", api_report_review_save, R_API, ROLE_STAFF},
	{"POST", "/api/v1/reports/{id}/approval", api_report_approve, R_API, ROLE_STAFF},
	{"GET", "/api/v1/quotes", api_quotes, R_API, ROLE_STAFF},
	{"GET", "/api/v1/quotes/{id}", api_quote, R_API, ROLE_STAFF},
	{"PATCH", "/api/v1/quotes/{id}", api_quote_decide, R_API, ROLE_STAFF},
	{"POST", "/api/v1/quotes/{id}/review", api_quote_review, R_API, ROLE_STAFF},
	{"GET", "/api/v1/initiatives/{id}/qdpx", api_qdpx, R_API, ROLE_STAFF},
	{"GET", "/api/v1/posts", api_posts, R_API, ROLE_STAFF},
	{"POST", "/api/v1/posts", api_post_add, R_API, ROLE_STAFF},
	{"GET", "/api/v1/posts/{id}", api_post, R_API, ROLE_STAFF},
	{"PATCH", "/api/v1/posts/{id}", api_post_update, R_API, ROLE_STAFF},
	{"GET", "/api/v1/questions", api_questions, R_API, ROLE_STAFF},
	{"GET", "/api/v1/questions/{id}", api_question, R_API, ROLE_STAFF},
	{"PATCH", "/api/v1/questions/{id}", api_question_update, R_API, ROLE_STAFF},
	{"GET", "/api/v1/actions", api_actions, R_API, ROLE_STAFF},
	{"POST", "/api/v1/actions", api_action_add, R_API, ROLE_STAFF},
	{"GET", "/api/v1/actions/{id}", api_action, R_API, ROLE_STAFF},
	{"PATCH", "/api/v1/actions/{id}", api_action_update, R_API, ROLE_STAFF},
};

const int nroutes = (int)(sizeof(routes) / sizeof(routes[0]));

/* Matches one pattern against a path segment by segment; on success fills
 * the parameters (still encoded) into vals. */
static bool match(const char *pattern, const char *path, const char **names, struct str *vals, int *n)
{
	struct str p = str_from(pattern), s = str_from(path), pseg, sseg;
	*n = 0;
	while (p.p && s.p) {
		p = str_cut(p, '/', &pseg);
		s = str_cut(s, '/', &sseg);
		if (pseg.len > 2 && pseg.p[0] == '{' && pseg.p[pseg.len - 1] == '}') {
			if (sseg.len == 0 || *n == REQ_MAX_PARAMS)
				return false;
			names[*n] = pseg.p;   /* "{id}/…": trimmed by the caller */
			vals[*n] = sseg;
			(*n)++;
		} else if (!str_eq(pseg, sseg)) {
			return false;
		}
	}
	return !p.p && !s.p;
}

const struct route *route_match(struct req *r, const char *method, const char *path, char *allow,
                                size_t allow_len)
{
	const char *names[REQ_MAX_PARAMS];
	struct str vals[REQ_MAX_PARAMS];
	int n;
	allow[0] = '\0';
	const struct route *found = NULL;
	for (int i = 0; i < nroutes; i++) {
		const struct route *rt = &routes[i];
		if (!match(rt->pattern, path, names, vals, &n))
			continue;
		if (strcmp(rt->method, method) != 0) {
			/* Remember the methods this path takes, for 405's Allow. */
			if (!strstr(allow, rt->method) && strlen(allow) + strlen(rt->method) + 3 < allow_len) {
				if (allow[0])
					strncat(allow, ", ", allow_len - strlen(allow) - 1);
				strncat(allow, rt->method, allow_len - strlen(allow) - 1);
			}
			continue;
		}
		found = rt;
		break;
	}
	if (!found)
		return NULL;
	for (int i = 0; i < n; i++) {
		char *v;
		size_t vlen;
		if (form_decode(r->a, vals[i].p, vals[i].len, 0, &v, &vlen) < 0 || !utf8_valid(v, vlen)) {
			allow[0] = '\0';
			return NULL;
		}
		const char *close = strchr(names[i], '}');
		r->param_names[i] = arena_strndup(r->a, names[i] + 1, (size_t)(close - names[i] - 1));
		r->params[i] = v;
	}
	r->nparams = n;
	return found;
}

/* views: records as JSON objects, the one shape shared by page templates and
 * the API.  Each returns a new reference. */
#ifndef CG_VIEWS_H
#define CG_VIEWS_H
#include <jansson.h>
#include <stdbool.h>

#include "domain/account.h"
#include "domain/district.h"
#include "domain/initiative.h"
#include "domain/plan.h"
#include "domain/registration.h"

json_t *view_district(const struct district *d);
json_t *view_user(const struct user *u);
json_t *view_initiative(const struct initiative *in);
json_t *view_group(const struct group *g);
/* A menu of initiatives: [{id, title, selected}]. */
json_t *view_initiative_choices(const struct initiative *ins, size_t n, int64_t selected);
json_t *view_conversation(const struct conversation *c);
/* A session with its times in the district's zone and language: "when"
 * (human), "date", "start_time", "end_time" (form values), "starts_at". */
json_t *view_session(const struct session *s, const char *tzid, const char *lang);
json_t *view_registration(const struct registration *r);
json_t *view_message(const struct message *m);
/* The non-empty lines of text, trimmed, as a JSON array of strings
 * (questions, goals, checklist items); text may be NULL. */
json_t *view_lines(const char *text);
/* A page's form error: "error" (the message) and "error_field" set on data
 * when e is given; data NULL or e NULL: nothing. */
void view_error(json_t *data, const struct err *e);
/* An attendee: code, consent and stipend; the name only with names. */
struct attendee;
json_t *view_attendee(const struct attendee *a, bool names);
struct note;
json_t *view_note(const struct note *n);
/* Recaps, questions and actions (domain/share.h). */
struct post;
struct post_text;
struct question;
struct action;
struct action_update;
/* p with t's language, title, summary and body (t may be NULL). */
json_t *view_post(const struct post *p, const struct post_text *t);
/* staff: with the asker's e-mail address and the reason a question was
 * hidden, which the public never sees. */
json_t *view_question(const struct question *q, bool staff);
json_t *view_action(const struct action *a);
json_t *view_action_update(const struct action_update *u);
/* "November 20, 2026" / "20 de noviembre de 2026" in the zone. */
json_t *view_day(int64_t t, const char *tzid, const char *lang);
/* A language's own name for the languages the product speaks ("Español",
 * "English"); other codes as they are. */
const char *view_language_name(const char *code);
/* What the check of a quote's or summary's text found (service/review.h):
 * "text" (as redaction writes it now), "pending", "recognised", "words"
 * [{word, count, kept, many}], "doubts" [{start, end, word}] (bytes of
 * text); with pieces, "pieces" [{text, doubt, kept}] for a page to mark. */
struct review;
struct arena;
json_t *view_review(struct arena *a, const struct review *rv, bool pieces);
/* Unix seconds as ISO 8601 UTC. */
json_t *view_time(int64_t t);

#endif

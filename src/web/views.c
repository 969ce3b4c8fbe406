#include "web/views.h"

#include <string.h>
#include <time.h>

#include "core/buf.h"
#include "core/lang.h"
#include "core/str.h"
#include "domain/attendance.h"
#include "domain/clock.h"
#include "domain/share.h"
#include "service/review.h"

/* Every time the API writes is UTC with Z, as clock_iso writes it. */
json_t *view_time(int64_t t)
{
	char s[21];
	clock_iso(t, s);
	return json_string(s);
}

json_t *view_initiative_choices(const struct initiative *ins, size_t n, int64_t selected)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, json_pack("{s:I, s:s, s:b}", "id", (json_int_t)ins[i].id, "title", ins[i].title,
		                                     "selected", ins[i].id == selected));
	return arr;
}

const char *view_language_name(const char *code)
{
	return lang_valid(code) ? lang_native_name(code) : code;
}

json_t *view_district(const struct district *d)
{
	json_t *langs = json_array();
	char tag[LANG_TAG_MAX];
	for (const char *p = d->languages; lang_list_next(&p, tag);)
		json_array_append_new(langs, json_string(tag));
	return json_pack("{s:I, s:s, s:s, s:s, s:o, s:o}", "id", (json_int_t)d->id, "slug", d->slug, "name",
	                 d->name, "timezone", d->timezone, "languages", langs, "created_at",
	                 view_time(d->created_at));
}

json_t *view_user(const struct user *u)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:b, s:o}", "id", (json_int_t)u->id, "email", u->email, "name",
	                 u->name, "role", role_name(u->role), "disabled", u->disabled, "created_at",
	                 view_time(u->created_at));
}

json_t *view_lines(const char *text)
{
	json_t *list = json_array();
	struct str rest = str_from(text ? text : ""), line;
	while (rest.p && rest.len) {
		rest = str_cut(rest, '\n', &line);
		line = str_trim(line);
		if (line.len)
			json_array_append_new(list, json_stringn(line.p, line.len));
	}
	return list;
}

json_t *view_initiative(const struct initiative *in)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o}", "id", (json_int_t)in->id, "title",
	                 in->title, "why", in->why, "mode", in->mode, "data_behind",
	                 in->data_behind ? in->data_behind : "", "goals", in->goals ? in->goals : "", "questions",
	                 in->questions ? in->questions : "", "question_list", view_lines(in->questions), "created_at",
	                 view_time(in->created_at), "updated_at", view_time(in->updated_at));
}

json_t *view_group(const struct group *g)
{
	return json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)g->id, "name", g->name, "kind", g->kind,
	                 "description", g->description);
}

json_t *view_conversation(const struct conversation *c)
{
	json_t *duties = json_object();
	for (size_t i = 0; i < plan_nduties; i++)
		json_object_set_new(duties, plan_duties[i], json_boolean(conversation_has_duty(c, plan_duties[i])));
	return json_pack("{s:I, s:I, s:I, s:I, s:s, s:s, s:s, s:b, s:s, s:o, s:s, s:s, s:I, s:I, s:s}", "id",
	                 (json_int_t)c->id, "initiative_id", (json_int_t)c->initiative_id, "group_id",
	                 (json_int_t)c->group_id, "protocol_id", (json_int_t)c->protocol_id, "title", c->title,
	                 "objective", c->objective, "managed_by", c->managed_by, "by_partner",
	                 strcmp(c->managed_by, "partner") == 0, "partner_name", c->partner_name, "duties", duties,
	                 "facilitator", c->facilitator, "compensation_kind", c->compensation_kind,
	                 "compensation_cents", (json_int_t)c->compensation_cents, "planned_reserved",
	                 (json_int_t)c->planned_reserved, "status", c->status);
}

json_t *view_session(const struct session *s, const char *tzid, const char *lang)
{
	struct buf when;
	buf_init(&when, 512);
	struct clock_local a, b;
	clock_to_local(tzid, s->starts_at, &a);
	clock_to_local(tzid, s->ends_at, &b);
	clock_human_span_local(&a, &b, lang, &when);
	char date[11], st[6], et[6];
	clock_format_date(&a, date);
	clock_format_time(&a, st);
	clock_format_time(&b, et);
	json_t *j = json_pack(
		"{s:I, s:I, s:s, s:s, s:s, s:s, s:o, s:o, s:s, s:s, s:s, s:b, s:b, s:b, s:s, s:s, s:s, s:s, s:s,"
		" s:b, s:b, s:b, s:I, s:I, s:b, s:b, s:b}",
		"id", (json_int_t)s->id, "conversation_id", (json_int_t)s->conversation_id, "when", when.p, "date", date,
		"start_time", st, "end_time", et, "starts_at", view_time(s->starts_at), "ends_at", view_time(s->ends_at),
		"format", s->format, "venue_name", s->venue_name, "venue_address", s->venue_address, "transit_access",
		s->transit_access, "wheelchair_access", s->wheelchair_access, "community_space", s->community_space,
		"access_notes", s->access_notes, "platform", s->platform, "join_url", s->join_url, "language", s->language,
		"interpretation", s->interpretation, "sign_language", s->sign_language, "captions", s->captions,
		"childcare", s->childcare, "capacity", (json_int_t)s->capacity, "reserved_seats",
		(json_int_t)s->reserved_seats, "registration_open", s->registration_open, "in_person",
		session_in_person(s), "online", session_online(s));
	json_object_set_new(j, "language_name", json_string(view_language_name(s->language)));
	json_object_set_new(j, "is_virtual", json_boolean(strcmp(s->format, "virtual") == 0));
	json_object_set_new(j, "is_hybrid", json_boolean(strcmp(s->format, "hybrid") == 0));
	json_object_set_new(j, "is_in_person", json_boolean(strcmp(s->format, "in_person") == 0));
	buf_release(&when);
	return j;
}

json_t *view_registration(const struct registration *r)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:I, s:s, s:b, s:b, s:b, s:s, s:b, s:b, s:s, s:b, s:o}", "id",
	                 (json_int_t)r->id, "name", r->name, "email", r->email, "phone", r->phone, "language",
	                 r->language, "group_id", (json_int_t)r->group_id, "need_interpretation",
	                 r->need_interpretation, "need_sign_language", r->need_sign_language, "need_childcare",
	                 r->need_childcare, "need_transport", r->need_transport, "need_other", r->need_other,
	                 "consent_record", r->consent_record, "consent_quote", r->consent_quote, "status",
	                 r->status ? r->status : "",
	                 "invited", r->invitation_id != 0, "created_at", view_time(r->created_at));
}

json_t *view_message(const struct message *m)
{
	json_t *j = json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:s, s:o, s:b}", "id",
	                      (json_int_t)m->id, "registration_id", (json_int_t)m->registration_id, "kind", m->kind,
	                      "lang", m->lang, "to", m->to_addr, "subject", m->subject, "body", m->body, "state",
	                      m->state, "note", m->note, "attempts", (json_int_t)m->attempts, "last_error",
	                      m->last_error, "created_at", view_time(m->created_at), "has_calendar", m->ics != NULL);
	json_object_set_new(j, "sent_at", m->sent_at ? view_time(m->sent_at) : json_null());
	return j;
}

json_t *view_attendee(const struct attendee *a, bool names)
{
	json_t *j = json_pack("{s:I, s:s, s:I, s:b, s:b, s:b, s:b, s:b, s:o}", "id", (json_int_t)a->id, "code", a->code,
	                      "registration_id", (json_int_t)a->registration_id, "walk_in", a->registration_id == 0,
	                      "consent_record", a->consent_record, "consent_quote", a->consent_quote,
	                      "consent_confirmed", a->consent_at != 0, "stipend", a->stipend_at != 0, "checked_in_at",
	                      view_time(a->checked_in_at));
	if (j && names)
		json_object_set_new(j, "name", json_string(a->name));
	return j;
}

json_t *view_note(const struct note *n)
{
	return json_pack("{s:I, s:s, s:I, s:s, s:s, s:b, s:s, s:I, s:I, s:o}", "id", (json_int_t)n->id, "client_id",
	                 n->client_id, "question", (json_int_t)n->question, "speaker", n->speaker_code, "kind", n->kind,
	                 "quote", strcmp(n->kind, "quote") == 0, "text", n->text, "words", (json_int_t)n->words,
	                 "redacted", (json_int_t)n->redacted, "taken_at", view_time(n->taken_at));
}

void view_error(json_t *data, const struct err *e)
{
	if (!data || !e)
		return;
	json_object_set_new(data, "error", json_string(e->msg));
	json_object_set_new(data, "error_field", json_string(e->field));
}

json_t *view_day(int64_t t, const char *tzid, const char *lang)
{
	struct clock_local l;
	struct buf b;
	clock_to_local(tzid, t, &l);
	buf_init(&b, 256);
	clock_human_date(&l, lang, &b);
	json_t *j = json_string(b.p ? b.p : "");
	buf_release(&b);
	return j;
}

/* "is_STATUS": true, for templates that show each status its own way. */
static void status_flag(json_t *j, const char *status)
{
	char key[40];
	str_copy(key, sizeof(key), "is_");
	str_copy(key + 3, sizeof(key) - 3, status ? status : "");
	json_object_set_new(j, key, json_true());
}

static json_t *time_or_null(int64_t t)
{
	return t ? view_time(t) : json_null();
}

json_t *view_post(const struct post *p, const struct post_text *t)
{
	json_t *j = json_pack("{s:I, s:s, s:s, s:o, s:I, s:I, s:I, s:o, s:o}", "id", (json_int_t)p->id, "slug", p->slug,
	                      "status", p->status, "publish_at", time_or_null(p->publish_at), "initiative_id",
	                      (json_int_t)p->initiative_id, "conversation_id", (json_int_t)p->conversation_id, "image_id",
	                      (json_int_t)p->image_id, "created_at", view_time(p->created_at), "updated_at",
	                      view_time(p->updated_at));
	if (t)
		json_object_update_new(j, json_pack("{s:s, s:s, s:s, s:s}", "lang", t->lang, "title", t->title, "summary",
		                                     t->summary, "body", t->body));
	return j;
}

json_t *view_question(const struct question *q, bool staff)
{
	json_t *j = json_pack("{s:I, s:s, s:s, s:s, s:b, s:o, s:o}", "id", (json_int_t)q->id, "lang", q->lang, "body",
	                      q->body, "status", q->status, "answered", q->answered_at != 0, "asked_at",
	                      view_time(q->asked_at), "answered_at", time_or_null(q->answered_at));
	json_object_set_new(j, "answer", json_string(q->answered_at ? q->answer : ""));
	json_object_set_new(j, "initiative_id", q->initiative_id ? json_integer(q->initiative_id) : json_null());
	if (staff) {
		json_object_set_new(j, "email", json_string(q->email));
		json_object_set_new(j, "hidden_reason", json_string(q->hidden_reason));
		json_object_set_new(j, "merged_into", q->merged_into ? json_integer(q->merged_into) : json_null());
	}
	status_flag(j, q->status);
	return j;
}

json_t *view_action(const struct action *a)
{
	json_t *j = json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:o}", "id", (json_int_t)a->id,
	                      "initiative_id", (json_int_t)a->initiative_id, "title", a->title, "description",
	                      a->description, "owner", a->owner, "due_on", a->due_on, "status", a->status,
	                      "status_label", action_status_label(a->status), "reason", a->reason, "progress",
	                      (json_int_t)a->progress, "updated_at", view_time(a->updated_at));
	json_object_set_new(j, "code_id", a->code_id ? json_integer(a->code_id) : json_null());
	status_flag(j, a->status);
	return j;
}

json_t *view_action_update(const struct action_update *u)
{
	json_t *j = json_pack("{s:I, s:I, s:s, s:s, s:s, s:I, s:o}", "id", (json_int_t)u->id, "action_id",
	                      (json_int_t)u->action_id, "body", u->body, "status", u->status, "status_label",
	                      action_status_label(u->status), "progress", (json_int_t)u->progress, "created_at",
	                      view_time(u->created_at));
	status_flag(j, u->status);
	return j;
}

/* The word of rv that the doubt start..end of text is, or NULL. */
static const struct doubt_word *word_of(struct arena *a, const struct review *rv, const char *text, size_t start,
                                        size_t end)
{
	const char *f = doubt_fold(a, text + start, end - start);
	for (size_t i = 0; i < rv->nwords; i++)
		if (strcmp(rv->words[i].fold, f) == 0)
			return &rv->words[i];
	return NULL;
}

json_t *view_review(struct arena *a, const struct review *rv, bool pieces)
{
	json_t *words = json_array(), *doubts = json_array(), *ps = json_array();
	for (size_t i = 0; i < rv->nwords; i++)
		json_array_append_new(words, json_pack("{s:s, s:I, s:b, s:b}", "word", rv->words[i].word, "count",
		                                       (json_int_t)rv->words[i].count, "kept", rv->words[i].kept, "many",
		                                       rv->words[i].count > 1));
	size_t pos = 0, len = strlen(rv->text);
	for (size_t i = 0; i < rv->ndoubts; i++) {
		const struct redact_span *d = &rv->doubts[i];
		if (d->start < pos || d->end > len || d->start >= d->end)
			continue;
		const struct doubt_word *w = word_of(a, rv, rv->text, d->start, d->end);
		json_array_append_new(doubts, json_pack("{s:I, s:I, s:s%}", "start", (json_int_t)d->start, "end",
		                                        (json_int_t)d->end, "word", rv->text + d->start, d->end - d->start));
		if (d->start > pos)
			json_array_append_new(ps, json_pack("{s:s%, s:b}", "text", rv->text + pos, d->start - pos, "doubt", 0));
		json_array_append_new(ps, json_pack("{s:s%, s:b, s:b}", "text", rv->text + d->start, d->end - d->start,
		                                    "doubt", 1, "kept", w && w->kept));
		pos = d->end;
	}
	if (pos < len)
		json_array_append_new(ps, json_pack("{s:s%, s:b}", "text", rv->text + pos, len - pos, "doubt", 0));
	json_t *o = json_pack("{s:s, s:I, s:I, s:o, s:o}", "text", rv->text, "pending", (json_int_t)rv->pending,
	                      "recognised", (json_int_t)rv->recognised, "words", words, "doubts", doubts);
	if (o && pieces)
		json_object_set_new(o, "pieces", ps);
	else
		json_decref(ps);
	return o;
}

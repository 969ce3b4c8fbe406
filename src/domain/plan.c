#include "domain/plan.h"

#include <string.h>

#include "core/str.h"

const char *const plan_group_kinds[] = {
	"students", "families", "community", "teachers", "staff", "for_profit", "non_profit",
	"faith_based", "advocacy", "higher_education", "government", "philanthropy",
};
const size_t plan_ngroup_kinds = sizeof(plan_group_kinds) / sizeof(plan_group_kinds[0]);
const char *const plan_dimensions[] = {"race_ethnicity", "gender", "language", "education", "neighborhood",
                                       "income"};
const size_t plan_ndimensions = sizeof(plan_dimensions) / sizeof(plan_dimensions[0]);

const char *plan_dimension_label(const char *dim)
{
	static const char *const labels[][2] = {
		{"race_ethnicity", "Race or ethnicity"}, {"gender", "Gender"},
		{"language", "Language spoken at home"},  {"education", "Education"},
		{"neighborhood", "Neighborhood"},         {"income", "Household income"},
	};
	for (size_t i = 0; dim && i < sizeof(labels) / sizeof(labels[0]); i++)
		if (strcmp(dim, labels[i][0]) == 0)
			return labels[i][1];
	return dim;
}
const char *const plan_duties[] = {"invite", "confirm", "technology", "facilitate", "record", "transcript"};
const size_t plan_nduties = sizeof(plan_duties) / sizeof(plan_duties[0]);
const char *const plan_statuses[] = {"planning", "inviting", "scheduled", "held", "reported"};
const size_t plan_nstatuses = sizeof(plan_statuses) / sizeof(plan_statuses[0]);

static bool one_of(const char *v, const char *const *list, size_t n)
{
	for (size_t i = 0; v && i < n; i++)
		if (strcmp(v, list[i]) == 0)
			return true;
	return false;
}

/* Text of at most max bytes, valid UTF-8; required when min > 0. */
int group_check(const struct group *g, struct err *e)
{
	if (err_check_text(g->name, 1, 200, "name", "The group's name", e) < 0 ||
	    err_check_text(g->description, 0, 4000, "description", "The description", e) < 0)
		return ERR_INVALID;
	if (!one_of(g->kind, plan_group_kinds, plan_ngroup_kinds))
		return err_set(e, ERR_INVALID, "kind", "Choose what kind of group this is.");
	return 0;
}

/* Checks a comma list against allowed values (or two-letter codes when
 * allowed is NULL). */
static int list_ok(const char *v, const char *const *allowed, size_t n)
{
	struct str rest = str_from(v ? v : ""), item;
	while (rest.p && rest.len) {
		rest = str_cut(rest, ',', &item);
		item = str_trim(item);
		if (!item.len)
			continue;
		if (allowed) {
			bool ok = false;
			for (size_t i = 0; i < n && !ok; i++)
				ok = str_eqs(item, allowed[i]);
			if (!ok)
				return -1;
		} else if (item.len != 2 || item.p[0] < 'a' || item.p[0] > 'z' || item.p[1] < 'a' || item.p[1] > 'z') {
			return -1;
		}
	}
	return 0;
}

/* A title travels in e-mail subjects and calendar summaries: one line. */
static int one_line(const char *v, const char *field, const char *label, struct err *e)
{
	for (const unsigned char *p = (const unsigned char *)(v ? v : ""); *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return err_set(e, ERR_INVALID, field, "%s must be one line of text.", label);
	return 0;
}

int conversation_check(const struct conversation *c, struct err *e)
{
	static const char *const comp[] = {"none", "stipend", "gift_card", "other"};
	if (err_check_text(c->title, 1, 200, "title", "The title", e) < 0 ||
	    one_line(c->title, "title", "The title", e) < 0 ||
	    err_check_text(c->objective, 0, 4000, "objective", "The objective", e) < 0 ||
	    err_check_text(c->facilitator, 0, 200, "facilitator", "The facilitator", e) < 0 ||
	    err_check_text(c->partner_name, 0, 200, "partner_name", "The partner's name", e) < 0)
		return ERR_INVALID;
	if (!c->managed_by || (strcmp(c->managed_by, "district") && strcmp(c->managed_by, "partner")))
		return err_set(e, ERR_INVALID, "managed_by", "Choose who manages this conversation.");
	if (strcmp(c->managed_by, "partner") == 0 && str_trim(str_from(c->partner_name)).len == 0)
		return err_set(e, ERR_INVALID, "partner_name", "Name the partner organization that manages it.");
	if (list_ok(c->partner_duties, plan_duties, plan_nduties) < 0)
		return err_set(e, ERR_INVALID, "partner_duties", "Unknown partner duty.");
	if (!one_of(c->compensation_kind, comp, 4))
		return err_set(e, ERR_INVALID, "compensation_kind", "Choose how participants are thanked.");
	if (c->compensation_cents < 0 || c->compensation_cents > 100000000)
		return err_set(e, ERR_INVALID, "compensation_amount", "The amount must be between 0 and 1,000,000.");
	if (c->planned_reserved < 0 || c->planned_reserved > 10000)
		return err_set(e, ERR_INVALID, "planned_reserved", "Reserved seats must be between 0 and 10,000.");
	if (!one_of(c->status, plan_statuses, plan_nstatuses))
		return err_set(e, ERR_INVALID, "status", "Unknown status.");
	if (c->initiative_id <= 0)
		return err_set(e, ERR_INVALID, "initiative_id", "Choose the initiative this conversation serves.");
	return 0;
}

bool conversation_has_duty(const struct conversation *c, const char *duty)
{
	struct str rest = str_from(c->partner_duties ? c->partner_duties : ""), item;
	while (rest.p && rest.len) {
		rest = str_cut(rest, ',', &item);
		if (str_eqs(str_trim(item), duty))
			return true;
	}
	return false;
}

bool session_in_person(const struct session *s)
{
	return s->format && (strcmp(s->format, "in_person") == 0 || strcmp(s->format, "hybrid") == 0);
}

bool session_online(const struct session *s)
{
	return s->format && (strcmp(s->format, "virtual") == 0 || strcmp(s->format, "hybrid") == 0);
}

static bool url_ok(const char *u)
{
	return u && (strncmp(u, "https://", 8) == 0 || strncmp(u, "http://", 7) == 0) && !strpbrk(u, " \t\r\n\"<>");
}

int session_check(const struct session *s, int64_t held, struct err *e)
{
	static const char *const formats[] = {"in_person", "virtual", "hybrid"};
	if (!one_of(s->format, formats, 3))
		return err_set(e, ERR_INVALID, "format", "Choose in person, virtual or hybrid.");
	if (s->ends_at <= s->starts_at)
		return err_set(e, ERR_INVALID, "end_time", "The session must end after it starts.");
	if (s->ends_at - s->starts_at > 12 * 3600)
		return err_set(e, ERR_INVALID, "end_time", "A session lasts at most 12 hours.");
	if (err_check_text(s->venue_name, 0, 200, "venue_name", "The venue", e) < 0 ||
	    err_check_text(s->venue_address, 0, 400, "venue_address", "The address", e) < 0 ||
	    err_check_text(s->access_notes, 0, 2000, "access_notes", "The access notes", e) < 0 ||
	    err_check_text(s->platform, 0, 100, "platform", "The platform", e) < 0)
		return ERR_INVALID;
	if (session_in_person(s) && str_trim(str_from(s->venue_name)).len == 0)
		return err_set(e, ERR_INVALID, "venue_name", "Give the venue of an in-person session.");
	if (session_online(s) && !url_ok(s->join_url))
		return err_set(e, ERR_INVALID, "join_url", "Give the join link (https://…) of a virtual or hybrid session.");
	if (s->join_url && *s->join_url && !url_ok(s->join_url))
		return err_set(e, ERR_INVALID, "join_url", "The join link must start with https:// or http://.");
	if (!s->language || list_ok(s->language, NULL, 0) < 0 || strlen(s->language) != 2)
		return err_set(e, ERR_INVALID, "language", "Choose the language of the session.");
	if (list_ok(s->interpretation, NULL, 0) < 0)
		return err_set(e, ERR_INVALID, "interpretation", "Interpretation languages are two-letter codes such as \"es, vi\".");
	if (s->capacity < 1 || s->capacity > 10000)
		return err_set(e, ERR_INVALID, "capacity", "Capacity must be between 1 and 10,000.");
	if (s->capacity < held)
		return err_set(e, ERR_INVALID, "capacity",
		               "Capacity cannot go below the %lld people already registered.", (long long)held);
	if (s->reserved_seats < 0 || s->reserved_seats > s->capacity)
		return err_set(e, ERR_INVALID, "reserved_seats", "Reserved seats must be between 0 and the capacity.");
	return 0;
}

static bool same(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

bool session_moved(const struct session *old, const struct session *now)
{
	return old->starts_at != now->starts_at || old->ends_at != now->ends_at || !same(old->format, now->format) ||
	       !same(old->venue_name, now->venue_name) || !same(old->venue_address, now->venue_address) ||
	       !same(old->join_url, now->join_url);
}

int plan_checklist(const struct conversation *c, const struct session *sessions, size_t n,
                   const struct session_demand *demand, struct buf *items)
{
	int count = 0;
#define ITEM(...) (buf_printf(items, __VA_ARGS__), buf_addc(items, '\n'), count++)
	if (!c->facilitator || !*c->facilitator)
		ITEM("No facilitator is named.");
	if (!c->group_id)
		ITEM("No stakeholder group is chosen.");
	if (!c->protocol_id)
		ITEM("No protocol is chosen.");
	if (n == 0)
		ITEM("No session is scheduled.");
	int64_t reserved = 0;
	for (size_t i = 0; i < n; i++) {
		const struct session *s = &sessions[i];
		reserved += s->reserved_seats;
		if (session_in_person(s) && !s->wheelchair_access && (!s->access_notes || !*s->access_notes))
			ITEM("Session %zu: no information on wheelchair access.", i + 1);
		if (session_in_person(s) && !s->transit_access)
			ITEM("Session %zu: the venue is not marked as reachable by public transit.", i + 1);
		if (!s->registration_open)
			ITEM("Session %zu: registration is closed.", i + 1);
		const struct session_demand *d = demand ? &demand[i] : NULL;
		if (!d)
			continue;
		struct str rest = str_from(d->interpretation), lang;
		while (rest.p && rest.len) {
			rest = str_cut(rest, ',', &lang);
			if (lang.len != 2 || (s->language && str_eqs(lang, s->language)))
				continue;
			bool offered = false;
			struct str r2 = str_from(s->interpretation ? s->interpretation : ""), o;
			while (r2.p && r2.len) {
				r2 = str_cut(r2, ',', &o);
				offered |= str_eq(str_trim(o), lang);
			}
			if (!offered)
				ITEM("Session %zu: registrants asked for interpretation into %.2s, which is not planned.", i + 1,
				     lang.p);
		}
		if (d->need_sign_language && !s->sign_language)
			ITEM("Session %zu: %lld registrants asked for sign language, which is not planned.", i + 1,
			     (long long)d->need_sign_language);
		if (d->need_childcare && !s->childcare)
			ITEM("Session %zu: %lld registrants asked for childcare, which is not planned.", i + 1,
			     (long long)d->need_childcare);
	}
	if (c->planned_reserved > reserved)
		ITEM("The plan reserves %lld seats for invited people, the sessions only %lld.",
		     (long long)c->planned_reserved, (long long)reserved);
	if (strcmp(c->managed_by ? c->managed_by : "", "partner") == 0 && (!c->partner_duties || !*c->partner_duties))
		ITEM("The partner's duties are not ticked.");
#undef ITEM
	return count;
}

int protocol_check(const struct protocol *p, struct err *e)
{
	if (err_check_text(p->name, 1, 200, "name", "The protocol's name", e) < 0 ||
	    err_check_text(p->framing, 0, 8000, "framing", "The framing", e) < 0 ||
	    err_check_text(p->introductions, 0, 8000, "introductions", "The introductions", e) < 0 ||
	    err_check_text(p->questions, 1, 8000, "questions", "The questions", e) < 0 ||
	    err_check_text(p->closing, 0, 8000, "closing", "The closing", e) < 0)
		return ERR_INVALID;
	return 0;
}

int sponsor_check(const struct sponsor *s, struct err *e)
{
	if (err_check_text(s->name, 1, 200, "name", "The name", e) < 0 ||
	    err_check_text(s->organization, 0, 200, "organization", "The organization", e) < 0 ||
	    err_check_text(s->contributed, 0, 2000, "contributed", "What they did", e) < 0)
		return ERR_INVALID;
	if (s->recruited < 0 || s->recruited > 100000)
		return err_set(e, ERR_INVALID, "recruited", "The number recruited must be between 0 and 100,000.");
	return 0;
}

int baseline_parse_share(const char *s, int64_t *bp, struct err *e)
{
	int64_t whole = 0, frac = 0;
	int digits = 0, fdigits = 0;
	const char *p = s ? s : "";
	while (*p == ' ')
		p++;
	for (; *p >= '0' && *p <= '9' && digits < 4; p++, digits++)
		whole = whole * 10 + (*p - '0');
	if (*p == '.' || *p == ',') {
		p++;
		for (; *p >= '0' && *p <= '9' && fdigits < 2; p++, fdigits++)
			frac = frac * 10 + (*p - '0');
	}
	if (fdigits == 1)
		frac *= 10;
	if (*p == '%')
		p++;
	while (*p == ' ')
		p++;
	if (*p || (digits == 0 && fdigits == 0) || whole * 100 + frac > 10000)
		return err_set(e, ERR_INVALID, "share", "The share is a percentage from 0 to 100, such as 12.5.");
	*bp = whole * 100 + frac;
	return 0;
}

int baseline_check(const struct baseline_share *b, struct err *e)
{
	bool ok = false;
	for (size_t i = 0; i < plan_ndimensions; i++)
		ok |= b->dimension && strcmp(b->dimension, plan_dimensions[i]) == 0;
	if (!ok)
		return err_set(e, ERR_INVALID, "dimension", "Choose a dimension such as language or neighborhood.");
	if (err_check_text(b->category, 1, 200, "category", "The category", e) < 0)
		return ERR_INVALID;
	if (b->share_bp < 0 || b->share_bp > 10000)
		return err_set(e, ERR_INVALID, "share", "The share is a percentage from 0 to 100, such as 12.5.");
	return 0;
}

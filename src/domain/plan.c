#include "domain/plan.h"

#include <stddef.h>
#include <string.h>

#include "core/i18n.h"
#include "core/lang.h"
#include "core/str.h"

const char *const plan_group_kinds[] = {
	"students", "families", "community", "teachers", "staff", "for_profit", "non_profit",
	"faith_based", "advocacy", "higher_education", "government", "philanthropy", NULL,
};
const size_t plan_ngroup_kinds = sizeof(plan_group_kinds) / sizeof(plan_group_kinds[0]) - 1;
const char *const plan_dimensions[] = {"race_ethnicity", "gender", "language", "education", "neighborhood",
                                       "income", NULL};
const size_t plan_ndimensions = sizeof(plan_dimensions) / sizeof(plan_dimensions[0]) - 1;

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
const char *const plan_duties[] = {"invite", "confirm", "technology", "facilitate", "record", "transcript", NULL};
const size_t plan_nduties = sizeof(plan_duties) / sizeof(plan_duties[0]) - 1;
const char *const plan_statuses[] = {"planning", "inviting", "scheduled", "held", "reported", NULL};
const size_t plan_nstatuses = sizeof(plan_statuses) / sizeof(plan_statuses[0]) - 1;
static const char *const managers[] = {"district", "partner", NULL};
static const char *const compensations[] = {"none", "stipend", "gift_card", "other", NULL};
static const char *const formats[] = {"in_person", "virtual", "hybrid", NULL};

#define G(n, t, m, l) .name = n, .type = t, .off = offsetof(struct group, m), .label = l
const struct field group_fields[] = {
	{G("name", FIELD_LINE, name, N_("The group's name")), .flags = FIELD_REQUIRED, .max = 200},
	{G("kind", FIELD_CHOICE, kind, N_("The kind of group")), .flags = FIELD_REQUIRED, .choices = plan_group_kinds,
	 .msg = N_("Choose what kind of group this is.")},
	{G("description", FIELD_TEXT, description, N_("The description")), .max = 4000},
	FIELD_END,
};
#undef G

#define P(n, t, m, l) .name = n, .type = t, .off = offsetof(struct protocol, m), .label = l
const struct field protocol_fields[] = {
	{P("name", FIELD_LINE, name, N_("The protocol's name")), .flags = FIELD_REQUIRED, .max = 200},
	{P("framing", FIELD_TEXT, framing, N_("The framing")), .max = 8000},
	{P("introductions", FIELD_TEXT, introductions, N_("The introductions")), .max = 8000},
	{P("questions", FIELD_TEXT, questions, N_("The questions")), .flags = FIELD_REQUIRED, .max = 8000},
	{P("closing", FIELD_TEXT, closing, N_("The closing")), .max = 8000},
	FIELD_END,
};
#undef P

#define C(n, t, m, l) .name = n, .type = t, .off = offsetof(struct conversation, m), .label = l
const struct field conversation_fields[] = {
	{C("title", FIELD_LINE, title, N_("The title")), .flags = FIELD_REQUIRED | FIELD_TRANSLATABLE, .max = 200},
	{C("objective", FIELD_TEXT, objective, N_("The objective")), .flags = FIELD_TRANSLATABLE, .max = 4000},
	{C("initiative_id", FIELD_ID, initiative_id, N_("The initiative")), .flags = FIELD_REQUIRED | FIELD_NO_FORM,
	 .msg = N_("Choose the initiative this conversation serves.")},
	{C("group_id", FIELD_ID, group_id, N_("The stakeholder group"))},
	{C("protocol_id", FIELD_ID, protocol_id, N_("The protocol")), .flags = FIELD_NO_JSON},
	{C("managed_by", FIELD_CHOICE, managed_by, N_("Who manages it")), .flags = FIELD_REQUIRED, .choices = managers,
	 .msg = N_("Choose who manages this conversation."), .def = "district"},
	{C("partner_name", FIELD_LINE, partner_name, N_("The partner's name")), .max = 200},
	{C("partner_duties", FIELD_SET, partner_duties, N_("The partner's duties")), .choices = plan_duties,
	 .msg = N_("Unknown partner duty."), .form = "duty_"},
	{C("facilitator", FIELD_LINE, facilitator, N_("The facilitator")), .max = 200},
	{C("compensation_kind", FIELD_CHOICE, compensation_kind, N_("The compensation")), .flags = FIELD_REQUIRED,
	 .choices = compensations, .msg = N_("Choose how participants are thanked."), .def = "none"},
	{C("compensation_cents", FIELD_INT, compensation_cents, N_("The amount")), .min = 0, .max = 100000000,
	 .msg = N_("The amount must be between 0 and 1,000,000."), .form = "compensation_amount", .scale = 100},
	{C("planned_reserved", FIELD_INT, planned_reserved, N_("Reserved seats")), .min = 0, .max = 10000,
	 .msg = N_("Reserved seats must be between 0 and 10,000.")},
	{C("status", FIELD_CHOICE, status, N_("The status")), .flags = FIELD_REQUIRED | FIELD_KEEP, .choices = plan_statuses,
	 .msg = N_("Unknown status.")},
	FIELD_END,
};
#undef C

#define S(n, t, m, l) .name = n, .type = t, .off = offsetof(struct session, m), .label = l
const struct field conversation_list_fields[] = {
	{.name = "initiative_id", .type = FIELD_INT, .off = offsetof(struct plan_list_ask, initiative_id),
	 .label = N_("The initiative"), .min = 1, .max = INT64_MAX},
	FIELD_END,
};

const struct field session_list_fields[] = {
	{.name = "conversation_id", .type = FIELD_INT, .off = offsetof(struct plan_list_ask, conversation_id),
	 .label = N_("The conversation"), .flags = FIELD_REQUIRED, .min = 1,
	 .max = INT64_MAX},
	FIELD_END,
};

const struct field session_fields[] = {
	{S("conversation_id", FIELD_ID, conversation_id, N_("The conversation")), .flags = FIELD_NO_FORM | FIELD_ONCE},
	{S("starts_at", FIELD_TIME, starts_at, N_("The start")), .flags = FIELD_REQUIRED, .form = "start_time", .date = "date"},
	{S("ends_at", FIELD_TIME, ends_at, N_("The end")), .flags = FIELD_REQUIRED, .form = "end_time", .date = "date"},
	{S("format", FIELD_CHOICE, format, N_("The format")), .flags = FIELD_REQUIRED, .choices = formats,
	 .msg = N_("Choose in person, virtual or hybrid.")},
	{S("venue_name", FIELD_LINE, venue_name, N_("The venue")), .flags = FIELD_TRANSLATABLE, .max = 200},
	{S("venue_address", FIELD_LINE, venue_address, N_("The address")), .max = 400},
	{S("transit_access", FIELD_BOOL, transit_access, N_("Reachable by public transit"))},
	{S("wheelchair_access", FIELD_BOOL, wheelchair_access, N_("Wheelchair access"))},
	{S("community_space", FIELD_BOOL, community_space, N_("A community space"))},
	{S("access_notes", FIELD_TEXT, access_notes, N_("The access notes")), .flags = FIELD_TRANSLATABLE, .max = 2000},
	{S("platform", FIELD_LINE, platform, N_("The platform")), .max = 100},
	{S("join_url", FIELD_LINE, join_url, N_("The join link")), .max = 2000},
	{S("language", FIELD_LINE, language, N_("The language"))},
	{S("interpretation", FIELD_LINE, interpretation, N_("The interpretation")), .max = 200},
	{S("sign_language", FIELD_BOOL, sign_language, N_("Sign language"))},
	{S("captions", FIELD_BOOL, captions, N_("Captions"))},
	{S("childcare", FIELD_BOOL, childcare, N_("Childcare"))},
	{S("capacity", FIELD_INT, capacity, N_("The capacity")), .flags = FIELD_REQUIRED, .min = 1, .max = 10000,
	 .msg = N_("Capacity must be between 1 and 10,000.")},
	{S("reserved_seats", FIELD_INT, reserved_seats, N_("Reserved seats")), .min = 0, .max = 10000,
	 .msg = N_("Reserved seats must be between 0 and the capacity.")},
	{S("registration_open", FIELD_BOOL, registration_open, N_("Registration open"))},
	FIELD_END,
};
#undef S

int group_check(const struct group *g, struct err *e)
{
	return field_check(group_fields, g, e);
}

/* Checks a comma list against allowed values (or language tags when
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
		} else {
			char tag[LANG_TAG_MAX];
			if (item.len >= LANG_TAG_MAX)
				return -1;
			memcpy(tag, item.p, item.len);
			tag[item.len] = '\0';
			if (!lang_tag_ok(tag))
				return -1;
		}
	}
	return 0;
}

int conversation_check(const struct conversation *c, struct err *e)
{
	if (field_check(conversation_fields, c, e) < 0)
		return ERR_INVALID;
	if (strcmp(c->managed_by, "partner") == 0 && str_trim(str_from(c->partner_name)).len == 0)
		return err_set(e, ERR_INVALID, "partner_name", "Name the partner organization that manages it.");
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
	if (field_check(session_fields, s, e) < 0)
		return ERR_INVALID;
	if (s->ends_at <= s->starts_at)
		return err_set(e, ERR_INVALID, "ends_at", "The session must end after it starts.");
	if (s->ends_at - s->starts_at > 12 * 3600)
		return err_set(e, ERR_INVALID, "ends_at", "A session lasts at most 12 hours.");
	if (session_in_person(s) && str_trim(str_from(s->venue_name)).len == 0)
		return err_set(e, ERR_INVALID, "venue_name", "Give the venue of an in-person session.");
	if (session_online(s) && !url_ok(s->join_url))
		return err_set(e, ERR_INVALID, "join_url", "Give the join link (https://…) of a virtual or hybrid session.");
	if (s->join_url && *s->join_url && !url_ok(s->join_url))
		return err_set(e, ERR_INVALID, "join_url", "The join link must start with https:// or http://.");
	if (!s->language || !lang_tag_ok(s->language))
		return err_set(e, ERR_INVALID, "language", "Choose the language of the session.");
	if (list_ok(s->interpretation, NULL, 0) < 0)
		return err_set(e, ERR_INVALID, "interpretation", "Interpretation languages are language tags such as \"es, vi\".");
	if (s->capacity < held)
		return err_set(e, ERR_INVALID, "capacity",
		               "Capacity cannot go below the %lld people already registered.", (long long)held);
	if (s->reserved_seats > s->capacity)
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
	return field_check(protocol_fields, p, e);
}

#define SP(n, t, m, l) .name = n, .type = t, .off = offsetof(struct sponsor, m), .label = l
const struct field sponsor_fields[] = {
	{SP("name", FIELD_LINE, name, N_("The name")), .flags = FIELD_REQUIRED, .max = 200},
	{SP("organization", FIELD_LINE, organization, N_("The organization")), .max = 200},
	{SP("contributed", FIELD_TEXT, contributed, N_("What they did")), .max = 2000},
	{SP("recruited", FIELD_INT, recruited, N_("The number recruited")), .min = 0, .max = 100000,
	 .msg = N_("The number recruited must be between 0 and 100,000.")},
	FIELD_END,
};
#undef SP

int sponsor_check(const struct sponsor *s, struct err *e)
{
	return field_check(sponsor_fields, s, e);
}

#define B(n, t, m, l) .name = n, .type = t, .off = offsetof(struct baseline_form, m), .label = l
const struct field baseline_form_fields[] = {
	{B("dimension", FIELD_CHOICE, dimension, N_("The dimension")), .flags = FIELD_REQUIRED, .choices = plan_dimensions,
	 .msg = N_("Choose a dimension such as language or neighborhood.")},
	{B("category", FIELD_LINE, category, N_("The category")), .flags = FIELD_REQUIRED, .max = 200},
	{B("share", FIELD_LINE, share, N_("The share")), .flags = FIELD_REQUIRED, .max = 20},
	FIELD_END,
};
#undef B

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

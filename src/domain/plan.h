/* plan: stakeholder groups, conversations and their sessions — what a
 * district decides before anyone is invited (seed 002, steps 1 to 4).
 * Rules only: no HTTP, no SQL. */
#ifndef CG_PLAN_H
#define CG_PLAN_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/err.h"
#include "domain/field.h"

struct group {
	int64_t id, district_id;
	const char *name;
	const char *kind;         /* one of plan_group_kinds */
	const char *description;
	int64_t created_at;
};

/* students, families, community, teachers, staff, for-profit, … (NULL after the last) */
extern const char *const plan_group_kinds[];
extern const size_t plan_ngroup_kinds;
/* The fields of each noun (domain/field.h); the *_check functions hold a
 * filled struct to them, then check what spans several fields. */
extern const struct field group_fields[], protocol_fields[], conversation_fields[], session_fields[],
	sponsor_fields[];
int group_check(const struct group *g, struct err *e);

/* What a list of the API is asked for: the conversations of an initiative
 * (0: all), the sessions of a conversation (required there).  Ids given
 * are positive: an explicit 0 is refused. */
struct plan_list_ask {
	int64_t initiative_id, conversation_id;
};
extern const struct field conversation_list_fields[], session_list_fields[];

/* A conversation protocol: how it is framed, introduced, asked and closed
 * (seed 002, step 4).  Questions one per line. */
struct protocol {
	int64_t id, district_id;
	const char *name, *framing, *introductions, *questions, *closing;
	int64_t created_at;
};
int protocol_check(const struct protocol *p, struct err *e);

/* A member of the sponsorship committee: who recruits participants, what
 * they contributed, how many people they brought (seed 002, step 3). */
struct sponsor {
	int64_t id, district_id, initiative_id;
	const char *name, *organization, *contributed;
	int64_t recruited;
	int64_t created_at;
};
int sponsor_check(const struct sponsor *s, struct err *e);

/* The community's own make-up, one share per category of a dimension: the
 * baseline participation is measured against (seed 002, step 1). */
struct baseline_share {
	int64_t id, district_id;
	const char *dimension;   /* one of plan_dimensions */
	const char *category;    /* "Hispanic or Latino", "Spanish", "East side", … */
	int64_t share_bp;        /* basis points: 1250 = 12.5% */
};
/* race_ethnicity, gender, language, education, neighborhood, income
 * (NULL after the last) */
extern const char *const plan_dimensions[];
extern const size_t plan_ndimensions;
/* A dimension in words, for people ("Race or ethnicity"); dim itself when
 * it is not one of plan_dimensions. */
const char *plan_dimension_label(const char *dim);
/* Reads "12.5" or "12.5%" (0 to 100, at most two decimals) as basis points. */
int baseline_parse_share(const char *s, int64_t *bp, struct err *e);
/* A share as the baseline form sends it: the share is a percentage in
 * words ("12.5", "12,5%"), read by baseline_parse_share. */
struct baseline_form {
	const char *dimension, *category, *share;
};
extern const struct field baseline_form_fields[];
int baseline_check(const struct baseline_share *b, struct err *e);

struct conversation {
	int64_t id, district_id, initiative_id;
	int64_t group_id;          /* 0: none yet */
	int64_t protocol_id;       /* 0: none yet */
	const char *title;
	const char *objective;
	const char *managed_by;    /* "district" or "partner" */
	const char *partner_name;
	const char *partner_duties;/* comma list of plan_duties */
	const char *facilitator;
	const char *compensation_kind; /* none, stipend, gift_card, other */
	int64_t compensation_cents;
	int64_t planned_reserved;  /* seats the plan means to hold for invited people */
	const char *status;        /* planning … reported */
	int64_t created_at, updated_at;
};

/* Both NULL after the last. */
extern const char *const plan_duties[];   /* invite, confirm, technology, facilitate, record, transcript */
extern const size_t plan_nduties;
extern const char *const plan_statuses[]; /* planning, inviting, scheduled, held, reported */
extern const size_t plan_nstatuses;
int conversation_check(const struct conversation *c, struct err *e);
bool conversation_has_duty(const struct conversation *c, const char *duty);

struct session {
	int64_t id, district_id, conversation_id;
	int64_t starts_at, ends_at;  /* UTC instants */
	const char *format;          /* in_person, virtual, hybrid */
	const char *venue_name, *venue_address;
	bool transit_access, wheelchair_access, community_space;
	const char *access_notes;
	const char *platform, *join_url;
	const char *language;        /* the session's language, two letters */
	const char *interpretation;  /* comma list of language tags (core/lang.h) */
	bool sign_language, captions, childcare;
	int64_t capacity, reserved_seats;
	bool registration_open;
	int64_t sequence;            /* bumped when time or place changes */
	int64_t created_at, updated_at;
};

/* Checks every field; `held` is the number of confirmed registrations, so
 * that capacity cannot go below them. */
int session_check(const struct session *s, int64_t held, struct err *e);
bool session_in_person(const struct session *s);
bool session_online(const struct session *s);
/* Whether a change from old to new moves the session in time or place, so
 * that those registered must be told. */
bool session_moved(const struct session *old, const struct session *now);

/* What the registrations of a session ask for, for the checklist. */
struct session_demand {
	int64_t confirmed, waitlisted, from_invitations;
	int64_t need_sign_language, need_childcare, need_transport;
	char interpretation[64];     /* comma list of languages asked for */
};

/* The planning checklist: what is still missing before a conversation can
 * be held.  Appends one line per problem to items (an array of strings in
 * buf form: each item ends in '\n'); returns the count. */
int plan_checklist(const struct conversation *c, const struct session *sessions, size_t n,
                   const struct session_demand *demand, struct buf *items);

#endif

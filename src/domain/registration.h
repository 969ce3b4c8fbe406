/* registration: a person's place at a session, and the messages it earns.
 * Rules only: no HTTP, no SQL. */
#ifndef CG_REGISTRATION_H
#define CG_REGISTRATION_H
#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "domain/field.h"

struct registration {
	int64_t id, district_id, session_id;
	const char *person_key;     /* "e:ann@example.org" or "p:15125550123": one registration per person */
	const char *name, *email, *phone, *language;
	int64_t group_id;           /* 0: not given */
	const char *need_interpretation;  /* a language tag or "" */
	bool need_sign_language, need_childcare, need_transport;
	const char *need_other;
	bool consent_record, consent_quote;
	const char *status;         /* confirmed, waitlisted, cancelled */
	int64_t invitation_id;      /* 0: open registration */
	int64_t created_at, updated_at;
};

/* The fields a person fills in (domain/field.h): name, email, phone,
 * language, group_id, the needs and the consents; each on one line.  The
 * rules that depend on the district (its languages) or on several fields
 * are registration_check's. */
extern const struct field registration_fields[];

/* What to do on the private link's page: "save", "cancel" or "rejoin". */
struct registration_action {
	const char *action;
};
extern const struct field registration_action_fields[];

/* Checks and normalises what a person typed: the table's limits; name required; an e-mail
 * address or a phone number (or both); e-mail lowercased, phone reduced to
 * digits (10 digits get the North American 1); language among langs (a
 * district's "en,es").  Sets person_key.  Strings it rewrites live in a. */
int registration_check(struct registration *r, struct arena *a, const char *langs, struct err *e);

/* Where a new registration goes: "confirmed" or "waitlisted".  Open
 * registrations may not take the seats reserved for invited people;
 * invited ones may take any free seat. */
const char *registration_seat(int64_t capacity, int64_t reserved, int64_t confirmed_open,
                              int64_t confirmed_invited, bool invited);

/* One registration per person and session.  old is the person's
 * registration found at the session: when it holds a place (confirmed or
 * waitlisted) the person is refused with ERR_CONFLICT (field "email");
 * when it was cancelled, reg comes back on it (old's id and created_at). */
int registration_again(const struct registration *old, struct registration *reg, struct err *e);

/* Whether cancelling r frees a seat for the first person waiting. */
bool registration_frees_seat(const struct registration *r);

/* The private link of a registration: a token that names the registration
 * and proves it was issued here (HMAC-SHA-256 of the id with the site's
 * secret), so nothing secret is stored per registration and messages sent
 * later can carry the same link.  out holds REGISTRATION_TOKEN_MAX bytes. */
#define REGISTRATION_TOKEN_MAX 64
void registration_token(const unsigned char secret[32], int64_t id, char *out);
/* 0 and *id when the token is genuine, -1 otherwise (constant time). */
int registration_token_check(const unsigned char secret[32], const char *token, int64_t *id);

/* Messages of a registration, each sent at most once per kind. */
enum message_kind {
	MSG_CONFIRMATION,   /* on registering (or leaving the waitlist) */
	MSG_WAITLIST,       /* on landing on the waitlist */
	MSG_DAY_BEFORE,     /* 24 hours before the start */
	MSG_DAY_OF,         /* 3 hours before the start */
	MSG_THANK_YOU,      /* 2 hours after the end */
	MSG_UPDATE,         /* the time or place changed */
	MSG_CANCELLED,      /* the person cancelled */
	MSG_INVITATION,     /* a personal invitation with a held seat */
	MSG_ANSWER,         /* the district answered a question the person asked */
	MSG_RESULTS,        /* what came out of a conversation the person joined */
	MSG_NKINDS
};
const char *message_kind_name(enum message_kind k);
int message_kind_parse(const char *s);

/* The decision, at instant now, on a scheduled kind (day before, day of,
 * thank-you) for one registration.  MSG_WAIT: not due yet; MSG_SEND: due and
 * wanted; MSG_SKIP: due but not wanted, with *why in words.  Decided when it
 * is due, so that someone who registers on the day gets no "tomorrow"
 * reminder and a cancelled registration gets nothing. */
enum message_decision { MSG_WAIT, MSG_SEND, MSG_SKIP };
int64_t message_due_at(enum message_kind k, int64_t starts_at, int64_t ends_at);
enum message_decision message_decide(enum message_kind k, const struct registration *r, int64_t starts_at,
                                     int64_t ends_at, int64_t now, const char **why);

/* One message in the outbox. */
struct message {
	int64_t id, district_id;
	int64_t registration_id;    /* 0: not tied to a registration */
	const char *kind;           /* message_kind_name() */
	const char *once_key;       /* unique: "reg:12:day_before", "reg:12:update:3" */
	const char *lang, *to_addr, *subject, *body;
	const char *ics;            /* NULL: no calendar attached */
	const char *state;          /* pending, sent, failed, skipped */
	const char *note;           /* why skipped */
	int64_t attempts, next_attempt_at;
	const char *last_error;
	int64_t created_at, sent_at;
};

/* Retries of a failed delivery: 1, 5, 15, 60, 180 minutes after each
 * attempt; after the last, the message is marked failed. */
#define MESSAGE_MAX_ATTEMPTS 6
int64_t message_retry_delay(int attempts);

#endif

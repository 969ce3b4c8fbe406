/* registration_store: registrations, the outbox and site settings.
 * Scoped by district like every store of district data. */
#ifndef CG_REGISTRATION_STORE_H
#define CG_REGISTRATION_STORE_H
#include "core/arena.h"
#include "domain/plan.h"
#include "domain/registration.h"
#include "store/db.h"

/* ERR_CONFLICT when the person is already registered for the session. */
int registration_store_add(struct db *db, struct registration *r, struct err *e);
int registration_store_update(struct db *db, struct registration *r, struct err *e);
int registration_store_get(struct db *db, struct arena *a, int64_t district_id, int64_t id,
                           struct registration *r, struct err *e);
int registration_store_by_person(struct db *db, struct arena *a, int64_t session_id, const char *person_key,
                                 struct registration *r, struct err *e);
int registration_store_list(struct db *db, struct arena *a, int64_t district_id, int64_t session_id,
                            struct registration **out, size_t *n, struct err *e);
/* Confirmed registrations, open and through invitations. */
int registration_store_counts(struct db *db, int64_t session_id, int64_t *confirmed_open,
                              int64_t *confirmed_invited, int64_t *waitlisted, struct err *e);
/* What the confirmed registrations ask for (the planning checklist). */
int registration_store_demand(struct db *db, int64_t session_id, struct session_demand *d, struct err *e);
/* The first person on the waitlist, or ERR_NOTFOUND. */
int registration_store_next_waiting(struct db *db, struct arena *a, int64_t session_id, struct registration *r,
                                    struct err *e);

/* Adds a message unless one with its once_key exists: *added tells. */
int message_store_add(struct db *db, struct message *m, int *added, struct err *e);
/* Pending messages due at now, oldest first, at most limit. */
int message_store_due(struct db *db, struct arena *a, int64_t now, int limit, struct message **out, size_t *n,
                      struct err *e);
/* Takes a due message for this process (other processes skip it for
 * lease seconds): *mine is 0 when another process took it first. */
int message_store_claim(struct db *db, int64_t id, int64_t now, int64_t lease, int *mine, struct err *e);
int message_store_sent(struct db *db, int64_t id, int64_t now, struct err *e);
/* A failed attempt: pending again at next, or failed when next is 0. */
int message_store_attempt_failed(struct db *db, int64_t id, const char *error, int64_t next, struct err *e);
int message_store_list(struct db *db, struct arena *a, int64_t district_id, int limit, struct message **out,
                       size_t *n, struct err *e);
int message_store_get(struct db *db, struct arena *a, int64_t district_id, int64_t id, struct message *m,
                      struct err *e);
/* How many messages of that kind a registration has had. */
int message_store_count_kind(struct db *db, int64_t registration_id, const char *kind, int64_t *n, struct err *e);
/* Whether a message with that once_key exists. */
int message_store_exists(struct db *db, const char *once_key, int *exists, struct err *e);

/* The site's secret for registration links: made once, 32 random bytes. */
int settings_store_secret(struct db *db, unsigned char out[32], struct err *e);

#endif

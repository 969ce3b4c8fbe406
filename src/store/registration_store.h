/* registration_store: the registrations for sessions (registrations).  Every
 * query by id is scoped by district_id (another district's record is
 * ERR_NOTFOUND); those by session take a session the caller has already found
 * in its district.  Strings of returned records live in the caller's arena. */
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

#endif

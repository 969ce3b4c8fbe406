/* attendee_store: the people checked in at a session, with their speaker
 * codes, consent and stipend.  Names live here and nowhere else in capture. */
#ifndef CG_ATTENDEE_STORE_H
#define CG_ATTENDEE_STORE_H
#include "core/arena.h"
#include "domain/attendance.h"
#include "store/db.h"

/* Adds a with the next free code of its session (a->code is set).
 * ERR_CONFLICT when the registration is already checked in. */
int attendee_store_add(struct db *db, struct arena *ar, struct attendee *a, struct err *e);
int attendee_store_get(struct db *db, struct arena *ar, int64_t district_id, int64_t session_id, int64_t id,
                       struct attendee *a, struct err *e);
/* In check-in order. */
int attendee_store_list(struct db *db, struct arena *ar, int64_t district_id, int64_t session_id,
                        struct attendee **out, size_t *n, struct err *e);
/* Writes consent (and consent_at) and stipend_at as given in a. */
int attendee_store_update(struct db *db, const struct attendee *a, struct err *e);

#endif

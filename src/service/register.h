/* register: giving a person a seat (or a place on the waitlist) and the
 * message that says so — shared by the public pages and the demo data. */
#ifndef CG_REGISTER_H
#define CG_REGISTER_H
#include <stdbool.h>

#include "service/outbox.h"

/* Decides confirmed or waitlisted from the seats held now, stores the
 * registration (is_new: insert, else update) and queues its confirmation or
 * waitlist message.  Run it inside the caller's transaction. */
int register_seat(struct outbox_ctx *x, struct registration *reg, const struct session *s,
                  const struct conversation *c, const struct district *d, bool is_new, struct err *e);

/* A person registers for s: the invitation code (NULL or "": an open
 * registration) must be one of s's, *reg must pass registration_check with
 * d's languages (strings it rewrites live in x->a) and name one of d's
 * groups, if any.  Then, in one transaction, the registration rule: one
 * registration per person and session, so someone already confirmed or
 * waitlisted is refused with ERR_CONFLICT (field "email"), and someone who
 * cancelled comes back on the same registration (reg->id taken over);
 * register_seat does the rest.  ERR_INVALID names the field; any error
 * leaves nothing written.  On success reg->id and reg->status are set. */
int register_join(struct outbox_ctx *x, struct registration *reg, const char *code, const struct session *s,
                  const struct conversation *c, const struct district *d, struct err *e);

/* Cancels *reg (a registration of s) and queues the message that says so;
 * when it held a confirmed seat, the seat goes to the first person waiting
 * (by the time they registered), who is confirmed and told.  One
 * transaction; a registration already cancelled is left as it is (0, no
 * message).  *promoted (may be NULL) gets the id of the person moved off
 * the waitlist, 0 for nobody.  On success reg->status is "cancelled"; on
 * error *reg is unchanged and nothing is written. */
int register_cancel(struct outbox_ctx *x, struct registration *reg, const struct session *s,
                    const struct conversation *c, const struct district *d, int64_t *promoted, struct err *e);

/* A cancelled registration *reg takes a seat again (or a place on the
 * waitlist), as register_seat decides, in one transaction. */
int register_rejoin(struct outbox_ctx *x, struct registration *reg, const struct session *s,
                    const struct conversation *c, const struct district *d, struct err *e);

/* Saves a person's change to their registration: upd (old's id and
 * status, with what they typed) must pass registration_check and name one
 * of d's groups, and a new address must not be another registration's at
 * the session (ERR_CONFLICT, field "email").  One transaction; strings
 * registration_check rewrites live in a. */
int register_change(struct db *db, struct arena *a, const struct district *d, const struct registration *old,
                    struct registration *upd, struct err *e);

/* Saves a change to a session: *s must pass session_check with the seats
 * already held; a move in time or place bumps its sequence and queues an
 * update to everyone with a seat, all in one transaction.  *moved tells. */
int register_session_save(struct outbox_ctx *x, const struct session *old, struct session *s,
                          const struct conversation *c, const struct district *d, bool *moved, struct err *e);

#endif

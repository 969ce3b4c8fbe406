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

/* Saves a change to a session: *s must pass session_check with the seats
 * already held; a move in time or place bumps its sequence and queues an
 * update to everyone with a seat, all in one transaction.  *moved tells. */
int register_session_save(struct outbox_ctx *x, const struct session *old, struct session *s,
                          const struct conversation *c, const struct district *d, bool *moved, struct err *e);

#endif

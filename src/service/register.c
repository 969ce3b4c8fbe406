#include "service/register.h"

#include <string.h>

#include "store/registration_store.h"
#include "store/session_store.h"

int register_seat(struct outbox_ctx *x, struct registration *reg, const struct session *s,
                  const struct conversation *c, const struct district *d, bool is_new, struct err *e)
{
	int64_t open, invited, waiting;
	int rc = registration_store_counts(x->db, s->id, &open, &invited, &waiting, e);
	if (rc < 0)
		return rc;
	reg->status = registration_seat(s->capacity, s->reserved_seats, open, invited, reg->invitation_id != 0);
	rc = is_new ? registration_store_add(x->db, reg, e) : registration_store_update(x->db, reg, e);
	if (rc < 0)
		return rc;
	enum message_kind k = strcmp(reg->status, "confirmed") == 0 ? MSG_CONFIRMATION : MSG_WAITLIST;
	return outbox_enqueue(x, k, reg, s, c, d, e);
}

int register_session_save(struct outbox_ctx *x, const struct session *old, struct session *s,
                          const struct conversation *c, const struct district *d, bool *moved, struct err *e)
{
	int64_t open = 0, invited = 0, waiting = 0;
	*moved = false;
	int rc = registration_store_counts(x->db, s->id, &open, &invited, &waiting, e);
	if (rc == 0)
		rc = session_check(s, open + invited, e);
	if (rc < 0)
		return rc;
	*moved = session_moved(old, s);
	if (*moved)
		s->sequence = old->sequence + 1;
	if ((rc = db_begin(x->db, e)) < 0)
		return rc;
	rc = session_store_update(x->db, s, e);
	if (rc == 0 && *moved)
		rc = outbox_session_moved(x, s, c, d, e);
	if (rc == 0)
		rc = db_commit(x->db, e);
	if (rc < 0)
		db_rollback(x->db);
	return rc;
}

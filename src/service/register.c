#include "service/register.h"

#include <string.h>

#include "store/contact_store.h"
#include "store/group_store.h"
#include "store/invitation_store.h"
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

/* What a person typed, checked: the rules of the domain, and a group that
 * is one of the district's. */
static int check(struct db *db, struct arena *a, const struct district *d, struct registration *reg, struct err *e)
{
	int rc = registration_check(reg, a, d->languages, e);
	if (rc < 0)
		return rc;
	struct group g;
	if (reg->group_id && group_store_get(db, a, reg->district_id, reg->group_id, &g, e) == ERR_NOTFOUND)
		return err_set(e, ERR_INVALID, "group_id", "Choose one of the groups listed.");
	return 0;
}

int register_join(struct outbox_ctx *x, struct registration *reg, const char *code, const struct session *s,
                  const struct conversation *c, const struct district *d, struct err *e)
{
	if (code && *code) {
		struct invitation inv = {0};
		struct contact who = {0};
		if (invitation_store_by_code(x->db, x->a, s->id, code, &inv, &who, e) < 0)
			return err_set(e, ERR_INVALID, "code", "That invitation code does not belong to this session.");
		reg->invitation_id = inv.id;
	}
	int rc = check(x->db, x->a, d, reg, e);
	if (rc < 0 || (rc = db_begin(x->db, e)) < 0)
		return rc;
	struct registration old;
	bool again = false;
	rc = registration_store_by_person(x->db, x->a, s->id, reg->person_key, &old, e);
	if (rc == 0) {
		rc = registration_again(&old, reg, e);
		again = rc == 0;
	} else if (rc == ERR_NOTFOUND) {
		rc = 0;
	}
	if (rc == 0)
		rc = register_seat(x, reg, s, c, d, !again, e);
	return db_end(x->db, rc, e);
}

int register_cancel(struct outbox_ctx *x, struct registration *reg, const struct session *s,
                    const struct conversation *c, const struct district *d, int64_t *promoted, struct err *e)
{
	if (promoted)
		*promoted = 0;
	if (strcmp(reg->status, "cancelled") == 0)
		return 0;
	int rc = db_begin(x->db, e);
	if (rc < 0)
		return rc;
	struct registration gone = *reg, next;
	gone.status = "cancelled";
	rc = registration_store_update(x->db, &gone, e);
	if (rc == 0)
		rc = outbox_enqueue(x, MSG_CANCELLED, &gone, s, c, d, e);
	int nr = rc == 0 && registration_frees_seat(reg) ? registration_store_next_waiting(x->db, x->a, s->id, &next, e)
	                                                 : ERR_NOTFOUND;
	if (nr == 0) {
		next.status = "confirmed";
		rc = registration_store_update(x->db, &next, e);
		if (rc == 0)
			rc = outbox_enqueue(x, MSG_CONFIRMATION, &next, s, c, d, e);
		if (rc == 0 && promoted)
			*promoted = next.id;
	} else if (nr != ERR_NOTFOUND) {
		rc = nr;
	}
	if ((rc = db_end(x->db, rc, e)) < 0) {
		if (promoted)
			*promoted = 0;
		return rc;
	}
	*reg = gone;
	return 0;
}

int register_rejoin(struct outbox_ctx *x, struct registration *reg, const struct session *s,
                    const struct conversation *c, const struct district *d, struct err *e)
{
	struct registration back = *reg;
	int rc = db_begin(x->db, e);
	if (rc < 0)
		return rc;
	rc = register_seat(x, &back, s, c, d, false, e);
	if ((rc = db_end(x->db, rc, e)) == 0)
		*reg = back;
	return rc;
}

int register_change(struct db *db, struct arena *a, const struct district *d, const struct registration *old,
                    struct registration *upd, struct err *e)
{
	int rc = check(db, a, d, upd, e);
	if (rc < 0 || (rc = db_begin(db, e)) < 0)
		return rc;
	if (strcmp(upd->person_key, old->person_key) != 0) {
		struct registration other;
		if (registration_store_by_person(db, a, old->session_id, upd->person_key, &other, e) == 0)
			rc = err_set(e, ERR_CONFLICT, "email", "Someone with that address is already registered for this session.");
	}
	if (rc == 0)
		rc = registration_store_update(db, upd, e);
	return db_end(db, rc, e);
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
	return db_end(x->db, rc, e);
}

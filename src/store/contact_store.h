/* contact_store: contacts and invitations of a district. */
#ifndef CG_CONTACT_STORE_H
#define CG_CONTACT_STORE_H
#include "core/arena.h"
#include "domain/contact.h"
#include "store/db.h"

/* Adds c, or updates the contact with the same e-mail address: *added says
 * which. */
int contact_store_upsert(struct db *db, struct contact *c, int *added, struct err *e);
int contact_store_list(struct db *db, struct arena *a, int64_t district_id, struct contact **out, size_t *n,
                       struct err *e);
int contact_store_count(struct db *db, int64_t district_id, int64_t *n, struct err *e);

struct invitation {
	int64_t id, district_id, session_id, contact_id;
	const char *code;
	int64_t created_at;
};
/* Invites a contact to a session once: *added is 0 when already invited. */
int invitation_store_add(struct db *db, struct invitation *inv, int *added, struct err *e);
/* By code, within a session; ERR_NOTFOUND otherwise.  Also gives the contact. */
int invitation_store_by_code(struct db *db, struct arena *a, int64_t session_id, const char *code,
                             struct invitation *inv, struct contact *c, struct err *e);
int invitation_store_count(struct db *db, int64_t session_id, int64_t *n, struct err *e);

#endif

/* invitation_store: invitations of contacts to sessions (invitations).  Each
 * call takes a session the caller has already found in its district.  Strings
 * of returned records live in the caller's arena. */
#ifndef CG_INVITATION_STORE_H
#define CG_INVITATION_STORE_H
#include "core/arena.h"
#include "domain/contact.h"
#include "store/db.h"

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

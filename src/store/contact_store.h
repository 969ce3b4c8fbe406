/* contact_store: the contacts of a district (contacts).  Every query is scoped
 * by district_id.  Strings of returned records live in the caller's arena. */
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

#endif

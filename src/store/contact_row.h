/* contact_row: how a contact is read from a row, for the two store modules
 * that read contacts (contact_store, and invitation_store, which gives an
 * invitation's contact with it).  Internal to store/: callers outside it
 * use contact_store.h. */
#ifndef CG_CONTACT_ROW_H
#define CG_CONTACT_ROW_H
#include "core/arena.h"
#include "store/db.h"

/* The columns contact_store_row reads, in order, of contacts aliased c. */
#define CONTACT_COLS "c.id, c.district_id, c.name, c.email, c.phone, c.language, COALESCE(c.group_id, 0), c.created_at"

/* Fills the struct contact at out from the first columns of st; strings in a. */
void contact_store_row(struct db_stmt *st, struct arena *a, void *out);

#endif

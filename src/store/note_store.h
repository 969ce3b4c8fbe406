/* note_store: the live notes taken during a session (notes).  Every query is
 * scoped by district_id.  Strings of returned records live in the caller's
 * arena. */
#ifndef CG_NOTE_STORE_H
#define CG_NOTE_STORE_H
#include "core/arena.h"
#include "domain/attendance.h"
#include "store/db.h"

/* Adds a live note.  A note whose client_id the session already has is not
 * added again: *added is 0 and n gets the stored note (a device resending
 * after a dropped connection). */
int note_store_add(struct db *db, struct arena *a, struct note *n, int *added, struct err *e);
/* The notes of a session, in the order they were taken. */
int note_store_list(struct db *db, struct arena *a, int64_t district_id, int64_t session_id, struct note **out,
                    size_t *n, struct err *e);
/* Up to limit notes of the district with an id above after, by id (pages
 * of a pass over every note). */
int note_store_batch(struct db *db, struct arena *a, int64_t district_id, int64_t after, int64_t limit,
                     struct note **out, size_t *n, struct err *e);
int note_store_count(struct db *db, int64_t district_id, int64_t *n, struct err *e);
/* Replaces the text of a note, with its words and placeholders. */
int note_store_set_text(struct db *db, int64_t district_id, int64_t id, const char *text, int64_t words,
                        int64_t redacted, struct err *e);

#endif

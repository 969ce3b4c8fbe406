/* summary_store: the summaries of an initiative, internal and public
 * (summaries), and the approval of the public one for sharing.  Every query
 * is scoped by district_id: another district's record is ERR_NOTFOUND.
 * Strings of returned records live in the caller's arena. */
#ifndef CG_SUMMARY_STORE_H
#define CG_SUMMARY_STORE_H
#include "core/arena.h"
#include "domain/report.h"
#include "store/db.h"

/* ERR_NOTFOUND when none has been saved. */
int summary_store_get(struct db *db, struct arena *a, int64_t district_id, int64_t initiative_id,
                      const char *audience, struct summary *s, struct err *e);
/* Saves staff's text (s->id is set): a summary saved again is no longer
 * approved, since nobody has checked the new text. */
int summary_store_save(struct db *db, struct summary *s, struct err *e);
/* Replaces the text of saved summary id with the same text redacted
 * (words replaced by placeholders), keeping its approval.  ERR_NOTFOUND
 * when there is none. */
int summary_store_redact(struct db *db, int64_t district_id, int64_t id, const char *markdown, int64_t user_id,
                         struct err *e);
/* Marks saved summary id approved by user_id at instant at. */
int summary_store_approve(struct db *db, int64_t district_id, int64_t id, int64_t user_id, int64_t at,
                          struct err *e);

#endif

/* summary_store: the summaries of an initiative, internal and public
 * (summaries).  Every query is scoped by district_id: another district's
 * record is ERR_NOTFOUND.  Strings of returned records live in the caller's
 * arena. */
#ifndef CG_SUMMARY_STORE_H
#define CG_SUMMARY_STORE_H
#include "core/arena.h"
#include "domain/report.h"
#include "store/db.h"

/* ERR_NOTFOUND when none has been saved. */
int summary_store_get(struct db *db, struct arena *a, int64_t district_id, int64_t initiative_id,
                      const char *audience, struct summary *s, struct err *e);
int summary_store_save(struct db *db, struct summary *s, struct err *e);

#endif

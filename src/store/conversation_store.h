/* conversation_store: the conversations of a district (conversations), and the
 * report-back of those that have held sessions.  Every query is scoped by
 * district_id: another district's record is ERR_NOTFOUND.  Strings of returned
 * records live in the caller's arena. */
#ifndef CG_CONVERSATION_STORE_H
#define CG_CONVERSATION_STORE_H
#include "core/arena.h"
#include "domain/plan.h"
#include "store/db.h"

int conversation_store_add(struct db *db, struct conversation *c, struct err *e);
int conversation_store_update(struct db *db, struct conversation *c, struct err *e);
int conversation_store_get(struct db *db, struct arena *a, int64_t district_id, int64_t id,
                           struct conversation *c, struct err *e);
/* initiative_id 0: all of the district. */
int conversation_store_list(struct db *db, struct arena *a, int64_t district_id, int64_t initiative_id,
                            struct conversation **out, size_t *n, struct err *e);

/* The partner organisations of the district's conversations, each once
 * (none empty), in order.  Reads every conversation of the district. */
int conversation_store_partners(struct db *db, struct arena *a, int64_t district_id, const char ***out, size_t *n,
                                struct err *e);

/* Report-back of a conversation that has held sessions: when the last
 * ended, and when its results went back to participants (a results
 * message, or a recap published about it; 0: not yet). */
struct report_back {
	int64_t conversation_id, initiative_id;
	const char *title;
	int64_t held_at, results_sent_at, recap_at;
};
/* Newest first. */
int conversation_store_report_back(struct db *db, struct arena *a, int64_t district_id, int64_t now,
                                   struct report_back **out, size_t *n, struct err *e);

#endif

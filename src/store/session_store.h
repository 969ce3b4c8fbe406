/* session_store: the sessions of a conversation (sessions), and the lists of
 * them the hub, the facilitators and the outbox need.  Every query is scoped
 * by district_id (another district's record is ERR_NOTFOUND) except
 * session_store_get_any and session_store_active, which act for the operator
 * and the outbox across districts.  Strings of returned records live in the
 * caller's arena. */
#ifndef CG_SESSION_STORE_H
#define CG_SESSION_STORE_H
#include "core/arena.h"
#include "domain/plan.h"
#include "store/db.h"

int session_store_add(struct db *db, struct session *s, struct err *e);
int session_store_update(struct db *db, struct session *s, struct err *e);
int session_store_get(struct db *db, struct arena *a, int64_t district_id, int64_t id, struct session *s,
                      struct err *e);
/* Any district's session (the command line, which acts for the operator). */
int session_store_get_any(struct db *db, struct arena *a, int64_t id, struct session *s, struct err *e);
int session_store_list(struct db *db, struct arena *a, int64_t district_id, int64_t conversation_id,
                       struct session **out, size_t *n, struct err *e);
/* Sessions open for registration that have not started, soonest first,
 * each with its conversation's title (the hub's one query). */
struct upcoming {
	struct session s;
	const char *title;
};
int session_store_upcoming(struct db *db, struct arena *a, int64_t district_id, int64_t now,
                           struct upcoming **out, size_t *n, struct err *e);
/* Sessions a person may run, each with its conversation's title: for staff
 * (user_id 0) every session of the district, otherwise those of the
 * conversations handed to user_id; started after since, soonest first. */
int session_store_runnable(struct db *db, struct arena *a, int64_t district_id, int64_t user_id, int64_t since,
                           struct upcoming **out, size_t *n, struct err *e);
/* Sessions whose messages may be due at now: started within the last 15
 * days or starting within the next 2 days, of every district. */
int session_store_active(struct db *db, struct arena *a, int64_t now, struct session **out, size_t *n,
                         struct err *e);
/* The names of the places the district's sessions meet, each once (none
 * empty), in order.  Reads every session of the district. */
int session_store_venues(struct db *db, struct arena *a, int64_t district_id, const char ***out, size_t *n,
                         struct err *e);

#endif

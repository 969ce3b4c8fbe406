/* plan_store: stakeholder groups, conversations and sessions of a
 * district.  Every query is scoped by district_id: another district's
 * record is ERR_NOTFOUND.  Strings of returned records live in the arena. */
#ifndef CG_PLAN_STORE_H
#define CG_PLAN_STORE_H
#include "core/arena.h"
#include "domain/plan.h"
#include "store/db.h"

int group_store_add(struct db *db, struct group *g, struct err *e);
int group_store_list(struct db *db, struct arena *a, int64_t district_id, struct group **out, size_t *n,
                     struct err *e);
int group_store_get(struct db *db, struct arena *a, int64_t district_id, int64_t id, struct group *g,
                    struct err *e);

int conversation_store_add(struct db *db, struct conversation *c, struct err *e);
int conversation_store_update(struct db *db, struct conversation *c, struct err *e);
int conversation_store_get(struct db *db, struct arena *a, int64_t district_id, int64_t id,
                           struct conversation *c, struct err *e);
/* initiative_id 0: all of the district. */
int conversation_store_list(struct db *db, struct arena *a, int64_t district_id, int64_t initiative_id,
                            struct conversation **out, size_t *n, struct err *e);

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

/* The accounts (facilitators, partners) a conversation is handed to. */
int team_store_set(struct db *db, int64_t district_id, int64_t conversation_id, const int64_t *user_ids,
                   size_t n, struct err *e);
int team_store_list(struct db *db, struct arena *a, int64_t district_id, int64_t conversation_id,
                    int64_t **user_ids, size_t *n, struct err *e);
/* 1 in *member when user_id is on the conversation's team. */
int team_store_member(struct db *db, int64_t conversation_id, int64_t user_id, int *member, struct err *e);

int protocol_store_add(struct db *db, struct protocol *p, struct err *e);
int protocol_store_list(struct db *db, struct arena *a, int64_t district_id, struct protocol **out, size_t *n,
                        struct err *e);
int protocol_store_get(struct db *db, struct arena *a, int64_t district_id, int64_t id, struct protocol *p,
                       struct err *e);

int sponsor_store_add(struct db *db, struct sponsor *s, struct err *e);
int sponsor_store_list(struct db *db, struct arena *a, int64_t district_id, int64_t initiative_id,
                       struct sponsor **out, size_t *n, struct err *e);

/* Sets the share of one category (replacing what was there). */
int baseline_store_set(struct db *db, const struct baseline_share *b, struct err *e);
int baseline_store_list(struct db *db, struct arena *a, int64_t district_id, struct baseline_share **out,
                        size_t *n, struct err *e);

#endif

/* audit_store: the audit log of sign-ins and administrative changes. */
#ifndef CG_AUDIT_STORE_H
#define CG_AUDIT_STORE_H
#include "core/arena.h"
#include "store/db.h"

struct audit_entry {
	int64_t id;
	int64_t district_id;   /* 0 for events outside any district */
	int64_t user_id;       /* 0 when nobody was signed in */
	const char *actor;     /* e-mail address or "cli" */
	const char *action;    /* e.g. "signin", "signin.failed", "user.add" */
	const char *detail;
	const char *ip;
	int64_t at;
};

/* Records one event (at = now when 0).  Failure to log is reported, and the
 * caller decides whether to go on. */
int audit_store_add(struct db *db, const struct audit_entry *ev, struct err *e);
/* The newest `limit` events of a district, newest first. */
int audit_store_recent(struct db *db, struct arena *a, int64_t district_id, int limit,
                       struct audit_entry **out, size_t *n, struct err *e);

#endif

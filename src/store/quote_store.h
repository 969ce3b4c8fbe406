/* quote_store: quotes proposed for public use and the decisions on them
 * (quotes).  Every query is scoped by district_id: another district's record
 * is ERR_NOTFOUND.  Strings of returned records live in the caller's arena. */
#ifndef CG_QUOTE_STORE_H
#define CG_QUOTE_STORE_H
#include "core/arena.h"
#include "store/db.h"

struct quote {
	int64_t id, district_id, initiative_id, code_id;
	const char *excerpt_kind;
	int64_t excerpt_id;
	const char *text, *attribution;
	const char *status;       /* proposed, approved, rejected */
	int64_t proposed_by, decided_by, created_at, decided_at;
};

/* ERR_CONFLICT when the same words of the same excerpt are proposed. */
int quote_store_add(struct db *db, struct quote *q, struct err *e);
int quote_store_get(struct db *db, struct arena *a, int64_t district_id, int64_t id, struct quote *q, struct err *e);
/* status NULL: all; newest first. */
int quote_store_list(struct db *db, struct arena *a, int64_t district_id, int64_t initiative_id, const char *status,
                     struct quote **out, size_t *n, struct err *e);
int quote_store_decide(struct db *db, int64_t district_id, int64_t id, const char *status, int64_t user_id,
                       struct err *e);

/* A quote with the session of its excerpt (0 when the excerpt is gone). */
struct quote_row {
	struct quote q;
	int64_t session_id;
};
/* Up to limit quotes of the district with an id above after, by id (pages
 * of a pass over every quote). */
int quote_store_batch(struct db *db, struct arena *a, int64_t district_id, int64_t after, int64_t limit,
                      struct quote_row **out, size_t *n, struct err *e);
int quote_store_count(struct db *db, int64_t district_id, int64_t *n, struct err *e);
/* Replaces the words of a quote (redacted further) and sets its status
 * (its own to keep it); a quote back to "proposed" has no decision.
 * ERR_CONFLICT (field "text") when another quote of the same excerpt has
 * these words; ERR_NOTFOUND for an unknown one. */
int quote_store_set_text(struct db *db, int64_t district_id, int64_t id, const char *text, const char *status,
                         struct err *e);
int quote_store_delete(struct db *db, int64_t district_id, int64_t id, struct err *e);
/* Every quote cut from one excerpt, whatever its status. */
int quote_store_of_excerpt(struct db *db, struct arena *a, int64_t district_id, const char *kind, int64_t excerpt_id,
                           struct quote **out, size_t *n, struct err *e);

#endif

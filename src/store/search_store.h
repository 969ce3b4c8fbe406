/* search_store: the full-text index of what the hub publishes
 * (search_docs: FTS5 on SQLite, tsvector on PostgreSQL).  Writes and
 * searches are scoped by district_id; search_store_drop goes by (kind,
 * ref_id) alone.  Strings of returned hits live in the caller's arena. */
#ifndef CG_SEARCH_STORE_H
#define CG_SEARCH_STORE_H
#include "core/arena.h"
#include "store/db.h"

/* The search index: one document per (kind, ref_id, lang). */
struct search_hit {
	const char *kind;           /* post, question */
	int64_t ref_id;
	const char *lang, *title;
	const char *snippet;        /* matches between \x01 and \x02 */
	const char *slug;           /* a recap's address, set by share_search */
};
int search_store_put(struct db *db, int64_t district_id, const char *kind, int64_t ref_id, const char *lang,
                     const char *title, const char *body, struct err *e);
/* Drops every language of (kind, ref_id). */
int search_store_drop(struct db *db, const char *kind, int64_t ref_id, struct err *e);
/* Documents holding every word of q (prefixes count), best first, at most
 * limit.  No words: no hits. */
int search_store_find(struct db *db, struct arena *a, int64_t district_id, const char *q, int limit,
                      struct search_hit **out, size_t *n, struct err *e);

#endif

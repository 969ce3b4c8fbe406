/* post_store: recaps, the posts the hub publishes (posts).  Every query is
 * scoped by district_id: another district's recap is ERR_NOTFOUND.  Strings of
 * returned records live in the caller's arena. */
#ifndef CG_POST_STORE_H
#define CG_POST_STORE_H
#include "core/arena.h"
#include "domain/share.h"
#include "store/db.h"

/* ERR_CONFLICT (field slug) when the district has a recap at that address. */
int post_store_add(struct db *db, struct post *p, struct err *e);
int post_store_update(struct db *db, const struct post *p, struct err *e);
int post_store_get(struct db *db, struct arena *a, int64_t district_id, int64_t id, struct post *p, struct err *e);
int post_store_by_slug(struct db *db, struct arena *a, int64_t district_id, const char *slug, struct post *p,
                       struct err *e);
/* visible_at > 0: only what the hub shows at that instant, newest first by
 * publish_at; 0: every post, most recently changed first.  limit 0: all. */
int post_store_list(struct db *db, struct arena *a, int64_t district_id, int64_t visible_at, int limit,
                    struct post **out, size_t *n, struct err *e);
/* The visible recaps linked to a conversation, oldest first. */
int post_store_for_conversation(struct db *db, struct arena *a, int64_t district_id, int64_t conversation_id,
                                int64_t now, struct post **out, size_t *n, struct err *e);

#endif

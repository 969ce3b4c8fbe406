/* post_store: recaps (posts and their text in each language), the images
 * they show, and the full-text index of what the hub publishes. */
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

/* Creates or replaces the text of t->post_id in t->lang. */
int post_text_store_save(struct db *db, struct post_text *t, struct err *e);
int post_text_store_delete(struct db *db, int64_t district_id, int64_t post_id, const char *lang, struct err *e);
/* English first, then the others by language. */
int post_text_store_list(struct db *db, struct arena *a, int64_t post_id, struct post_text **out, size_t *n,
                         struct err *e);

struct image {
	int64_t id, district_id;
	const char *content_type;
	int64_t width, height, bytes;
	const char *sha256;         /* hex, for ETag */
	const char *alt;
	const char *data_b64;       /* the bytes, base64 (only from image_store_get) */
	int64_t created_by, created_at;
};
int image_store_add(struct db *db, struct image *im, struct err *e);
int image_store_get(struct db *db, struct arena *a, int64_t district_id, int64_t id, bool with_data,
                    struct image *im, struct err *e);

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

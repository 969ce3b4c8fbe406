/* share: recaps, questions and answers, "you said, we did" actions and
 * report-back — the rules of domain/share joined to their stores, the
 * search index and the outbox.  Used by the hub, the admin pages and the
 * API alike. */
#ifndef CG_SERVICE_SHARE_H
#define CG_SERVICE_SHARE_H
#include "core/arena.h"
#include "domain/district.h"
#include "domain/initiative.h"
#include "domain/share.h"
#include "service/outbox.h"
#include "store/db.h"
#include "store/question_store.h"
#include "store/search_store.h"

/* A recap as the hub shows it: the post, all its texts and the one picked
 * for the reader's language. */
struct recap {
	struct post p;
	struct post_text *texts;
	size_t ntexts;
	const struct post_text *text;
};

/* Saves p with its texts (at most one per language; a text with neither
 * title nor body removes that language) in one transaction, and keeps the
 * search index in step.  At least one language must remain.  A new post
 * (id 0) gets a slug from its first title when it has none.  Field names
 * of text errors carry the language: title_en, body_es. */
int share_post_save(struct db *db, struct arena *a, struct post *p, struct post_text *texts, size_t ntexts,
                    struct err *e);
/* The recaps the hub shows at now, newest first (limit 0: all). */
int share_recaps(struct db *db, struct arena *a, int64_t district_id, int64_t now, const char *lang, int limit,
                 struct recap **out, size_t *n, struct err *e);
/* One recap by address; ERR_NOTFOUND unless visible at now (or, with
 * preview, at all). */
int share_recap(struct db *db, struct arena *a, int64_t district_id, const char *slug, int64_t now,
                const char *lang, bool preview, struct recap *out, struct err *e);
/* Checks an uploaded image by its bytes (core/image) and keeps it. */
int share_image_add(struct db *db, int64_t district_id, int64_t user_id, const void *data, size_t len,
                    const char *alt, int64_t *id, struct err *e);
/* The cover image of post p: the image is checked and stored as
 * share_image_add does and p updated to show it, in one transaction.
 * ERR_INVALID (fields image, alt) or ERR_LIMIT for an image refused; on
 * any error nothing is kept and *p is unchanged, on success p->image_id is
 * the new image. */
int share_post_image(struct db *db, struct post *p, int64_t user_id, const void *data, size_t len,
                     const char *alt, struct err *e);

/* What the district hub shows at now: the district of slug, its
 * initiatives, upcoming sessions, the three newest recaps in lang, the
 * three newest answers, how many questions wait for one, and the actions.
 * Read in one read-only transaction, so the page is one view of the data
 * (and takes one lock on SQLite), ended before returning.  Everything is
 * in a; ERR_NOTFOUND for an unknown district. */
struct share_hub {
	struct district d;
	struct initiative *initiatives;
	size_t ninitiatives;
	struct upcoming *upcoming;
	size_t nupcoming;
	struct recap *recaps;
	size_t nrecaps;
	struct question *answered;
	size_t nanswered;
	size_t nopen;
	struct action *actions;
	size_t nactions;
};
int share_hub_load(struct db *db, struct arena *a, const char *slug, int64_t now, const char *lang,
                   struct share_hub *out, struct err *e);

/* A visitor's question, checked and stored as new (for moderation). */
int share_question_ask(struct db *db, struct arena *a, struct question *q, struct err *e);
/* Staff moderation: decision "publish", "hide" (with reason) or "merge"
 * (into another question of the district, which is not itself merged or
 * hidden). */
int share_question_moderate(struct db *db, struct arena *a, int64_t district_id, int64_t id, const char *decision,
                            const char *reason, int64_t into, int64_t user_id, struct err *e);
/* Stores and publishes the answer, indexes it, and tells the asker and
 * the askers of questions merged into it (those who left an address).
 * *told: messages queued. */
int share_question_answer(struct outbox_ctx *x, const struct district *d, int64_t id, const char *answer,
                          int64_t user_id, int *told, struct err *e);

/* Creates (id 0) or changes an action; a change of status or progress, or
 * a note, is kept as an update. */
int share_action_save(struct db *db, struct arena *a, struct action *act, const char *note, int64_t user_id,
                      struct err *e);

/* Sends the results of conversation_id to its participants (url: where
 * they are) and marks the conversation reported. */
int share_report_back(struct outbox_ctx *x, const struct district *d, int64_t conversation_id, const char *url,
                      int *queued, struct err *e);

/* Search hits the hub may show at now: published recaps (with their
 * slug) and answered, published questions. */
int share_search(struct db *db, struct arena *a, int64_t district_id, const char *q, int64_t now,
                 struct search_hit **out, size_t *n, struct err *e);

#endif

/* post_text_store: the text of a recap in each language (post_texts).  Writes
 * are scoped by district_id; the list takes a post the caller has already
 * found in its district.  Strings of returned records live in the caller's
 * arena. */
#ifndef CG_POST_TEXT_STORE_H
#define CG_POST_TEXT_STORE_H
#include "core/arena.h"
#include "domain/share.h"
#include "store/db.h"

/* Creates or replaces the text of t->post_id in t->lang. */
int post_text_store_save(struct db *db, struct post_text *t, struct err *e);
int post_text_store_delete(struct db *db, int64_t district_id, int64_t post_id, const char *lang, struct err *e);
/* English first, then the others by language. */
int post_text_store_list(struct db *db, struct arena *a, int64_t post_id, struct post_text **out, size_t *n,
                         struct err *e);

#endif

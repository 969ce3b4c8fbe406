/* coding_store: the codings that apply a code to a span of an excerpt
 * (codings).  Every call is scoped by district_id (coding_store_add through
 * c->district_id): another district's coding is ERR_NOTFOUND.  Strings of
 * returned records live in the caller's arena. */
#ifndef CG_CODING_STORE_H
#define CG_CODING_STORE_H
#include "core/arena.h"
#include "domain/codebook.h"
#include "store/db.h"

/* *added 0 when the same coding exists. */
int coding_store_add(struct db *db, struct coding *c, int *added, struct err *e);
int coding_store_delete(struct db *db, int64_t district_id, int64_t id, struct err *e);
/* The suggestions of a code become the coder's (those the coder has too are
 * dropped).  *changed: how many. */
int coding_store_confirm(struct db *db, int64_t district_id, int64_t code_id, int64_t coder_id, int64_t *changed,
                         struct err *e);
/* Every coding of an initiative's codes, by excerpt. */
int coding_store_list(struct db *db, struct arena *a, int64_t district_id, int64_t initiative_id,
                      struct coding **out, size_t *n, struct err *e);
/* The codings of one excerpt (kind note, segment or survey), by id. */
int coding_store_of_excerpt(struct db *db, struct arena *a, int64_t district_id, const char *kind,
                            int64_t excerpt_id, struct coding **out, size_t *n, struct err *e);
/* Moves a coding to the characters start..end of its excerpt.
 * ERR_CONFLICT when the same coding is there already. */
int coding_store_move(struct db *db, int64_t district_id, int64_t id, int64_t start, int64_t end, struct err *e);
/* Gives each coding cs[i] (by id) the span cs[i].start..end: after the
 * excerpt's text was redacted, the same words at their new characters.
 * The new spans of one code and coder must differ from each other; on the
 * way no span meets another (the rows pass through spans no text has). */
int coding_store_respan(struct db *db, int64_t district_id, const struct coding *cs, size_t n, struct err *e);

#endif

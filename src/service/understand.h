/* understand: from what was said to a codebook.  Suggested themes of an
 * initiative (the theme engine over its notes, transcript segments and
 * survey comments), accepting one into the codebook with its excerpts coded
 * as suggestions, coding an excerpt by hand, and the agreement of two
 * coders. */
#ifndef CG_UNDERSTAND_H
#define CG_UNDERSTAND_H
#include <stdbool.h>
#include <stdint.h>

#include "analysis/themes.h"
#include "core/arena.h"
#include "domain/codebook.h"
#include "domain/field.h"
#include "store/db.h"
#include "store/excerpt_store.h"

/* A suggested theme chosen on the page or asked of the API: the
 * initiative, the number of themes asked for (0: the service decides) and
 * the theme's number.  Its fields (domain/field.h): */
struct theme_pick {
	int64_t initiative, k, theme;
};
extern const struct field theme_pick_fields[];

struct suggestion {
	struct excerpt_row *xs;
	size_t n;
	struct themes_result r;
	bool enough;      /* false: too little text to find themes (not an error) */
};

int understand_suggest(struct db *db, struct arena *a, int64_t district_id, int64_t initiative_id, int k,
                       struct suggestion *s, struct err *e);

/* Makes suggested theme theme_id (of understand_suggest with the same k) a
 * code named after its label, its excerpts coded whole as suggestions.
 * ERR_NOTFOUND for an unknown theme. */
int understand_accept(struct db *db, struct arena *a, int64_t district_id, int64_t initiative_id, int k,
                      int theme_id, int64_t user_id, struct code *out, struct err *e);

/* The excerpt (kind, id) of an initiative, checking that code_id is one of
 * its codes.  ERR_INVALID naming code_id, kind or excerpt_id otherwise. */
int understand_excerpt(struct db *db, struct arena *a, int64_t district_id, int64_t initiative_id, int64_t code_id,
                       const char *kind, int64_t excerpt_id, struct excerpt_row *out, struct err *e);

/* Codes the words quote (empty: all) of an excerpt of the initiative, or
 * the characters start..end when both are 0 or more. */
int understand_code(struct db *db, struct arena *a, int64_t district_id, int64_t initiative_id, int64_t code_id,
                    const char *kind, int64_t excerpt_id, const char *quote, int64_t start, int64_t end,
                    int64_t coder_id, struct coding *out, int *added, struct err *e);

/* Whether any code sits under c (codes nest one level only). */
int understand_has_children(struct db *db, struct arena *a, const struct code *c, bool *kids, struct err *e);

/* Merges code from into code into (another code of from's initiative):
 * its codings move (one the target has already is dropped), its children
 * move under the target, and from is deleted.  A code with children goes
 * only into a top-level code, so that codes stay one level deep.
 * ERR_INVALID (field "into") for a target that breaks these rules.  One
 * transaction: on any error, the commit's included, nothing has changed.
 * *target (may be NULL) gets the code merged into. */
int understand_code_merge(struct db *db, struct arena *a, const struct code *from, int64_t into,
                          struct code *target, struct err *e);

/* Splits code from: a new code named name, beside from (same initiative
 * and parent, the next colour), takes from's codings on the excerpts
 * refs names ("kind:id", such as "note:12"; at least one).  ERR_INVALID
 * names the field: name (from code_check), excerpt; ERR_CONFLICT (field
 * "name") when the initiative has a code of that name.  One transaction:
 * on any error, the commit's included, nothing has changed.  *out gets the
 * new code (strings borrowed from the arguments). */
int understand_code_split(struct db *db, const struct code *from, const char *name, int64_t user_id,
                          const char *const *refs, size_t nrefs, struct code *out, struct err *e);

struct agreement {
	int64_t code_id;
	size_t units;     /* excerpts both coders coded */
	double kappa;     /* NaN when undefined */
};

/* Cohen's kappa per code between coders a and b (0: the two who coded the
 * most excerpts; *ca and *cb say who).  *out has one row per code. */
int understand_agreement(struct db *db, struct arena *ar, int64_t district_id, int64_t initiative_id, int64_t *ca,
                         int64_t *cb, struct agreement **out, size_t *n, struct err *e);

#endif

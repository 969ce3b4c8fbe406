/* theme_store: themes as the public sees them, the codes that have actions and
 * what each means in words for the public (codes).  Every query is scoped by
 * district_id.  Strings of returned records live in the caller's arena. */
#ifndef CG_THEME_STORE_H
#define CG_THEME_STORE_H
#include "core/arena.h"
#include "store/db.h"

/* What a theme means, in words for the public (codes.public_description). */
int theme_store_set_public(struct db *db, int64_t district_id, int64_t code_id, const char *text, struct err *e);
struct public_theme {
	int64_t code_id, initiative_id;
	const char *name, *colour, *public_description;
};
/* The themes that have at least one action, by name. */
int theme_store_with_actions(struct db *db, struct arena *ar, int64_t district_id, struct public_theme **out,
                             size_t *n, struct err *e);

#endif

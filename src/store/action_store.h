/* action_store: "you said, we did" — what the district does about a theme,
 * and the updates on it over time. */
#ifndef CG_ACTION_STORE_H
#define CG_ACTION_STORE_H
#include "core/arena.h"
#include "domain/share.h"
#include "store/db.h"

int action_store_add(struct db *db, struct action *a, struct err *e);
int action_store_update(struct db *db, const struct action *a, struct err *e);
int action_store_get(struct db *db, struct arena *ar, int64_t district_id, int64_t id, struct action *a,
                     struct err *e);
/* initiative_id 0: every initiative's.  By theme, then status, due date. */
int action_store_list(struct db *db, struct arena *ar, int64_t district_id, int64_t initiative_id,
                      struct action **out, size_t *n, struct err *e);
int action_update_store_add(struct db *db, struct action_update *u, struct err *e);
/* action_id 0: every update of the district.  Newest first. */
int action_update_store_list(struct db *db, struct arena *ar, int64_t district_id, int64_t action_id,
                             struct action_update **out, size_t *n, struct err *e);

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

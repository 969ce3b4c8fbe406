/* area: the areas of the staff pages, one table for what each is.
 *
 * The navigation of every admin page lists them in this order, to the roles
 * that may work in them; an area whose tools are still to come answers at
 * its path with a page saying what it will hold (h_area).  The routes of a
 * built area (routes.c) ask for the same least role; tests/unit/test_routes.c
 * checks that they agree.  The table is constant: safe from any thread. */
#ifndef CG_WEB_AREA_H
#define CG_WEB_AREA_H
#include <stdbool.h>
#include <stddef.h>

#include "domain/account.h"

struct area {
	const char *key;     /* "plan": the last part of its path */
	const char *path;    /* "/admin/plan" */
	const char *label;   /* its name (an English msgid, translated by the page) */
	enum role least;     /* the least role that sees it in the navigation */
	const char *about;   /* an area not built yet: what it will hold (msgid); NULL once built */
};

size_t area_count(void);
/* The i-th area (i < area_count()), in the order of the navigation. */
const struct area *area_at(size_t i);
/* The area of key, or NULL. */
const struct area *area_find(const char *key);
/* Whether a person of role sees the area in the navigation. */
bool area_visible(const struct area *ar, enum role role);

#endif

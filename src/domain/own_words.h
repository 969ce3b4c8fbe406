/* own_words: the district's own names for things, which are not people.
 *
 * The district's name, the places its sessions meet (its schools,
 * libraries, churches), its partner organisations, its sponsors'
 * organisations, its initiatives and groups are the district's words, and
 * redaction leaves them alone even where one of their words is someone's
 * name: "Lincoln Elementary" stays when Maya Lincoln came.  This module
 * cuts those texts into the phrases redact_names_allow takes.  Rules only:
 * no I/O, no SQL. */
#ifndef CG_OWN_WORDS_H
#define CG_OWN_WORDS_H
#include <stddef.h>

#include "core/arena.h"

/* A list of phrases; zero it to start.  Strings and the array live in the
 * arena given to own_words_add. */
struct own_words {
	const char **v;      /* the phrases as written */
	const char **key;    /* each folded, for comparing */
	size_t n, cap, kcap;
};

/* Adds the phrases of text.  text is cut at commas, semicolons, colons,
 * brackets, slashes, '|', line breaks and dashes set off by spaces
 * ("Eastside Public Library, Community Room" gives "Eastside Public
 * Library" and "Community Room"); each piece is trimmed and kept when it
 * has two words or more with a letter, and is not in the list already
 * (case and accents aside).  One word alone is never kept: it would
 * shelter everyone who bears it ("Lincoln", "Brooks").  text NULL, empty
 * or not UTF-8 adds nothing. */
void own_words_add(struct own_words *w, struct arena *a, const char *text);

/* Drops the phrases that are the full name of one of the n people (case
 * and accents aside): a school named after someone ("Rosa Parks") does
 * not shelter Rosa Parks when she comes.  names may hold NULL. */
void own_words_drop_names(struct own_words *w, struct arena *a, const char *const *names, size_t n);

#endif

/* excerpt_store: excerpts, the pieces of what was said that can be coded and
 * quoted, read from notes, transcript segments and survey comments (and
 * redacted further there when staff replace words by hand).  Every
 * query is scoped by district_id: another district's excerpt is ERR_NOTFOUND.
 * Strings of returned records live in the caller's arena. */
#ifndef CG_EXCERPT_STORE_H
#define CG_EXCERPT_STORE_H
#include "core/arena.h"
#include "store/db.h"

/* Who said an excerpt, for consent: the speaker code of a word-for-word
 * note ("-" for a note in the facilitator's words), or the name a
 * transcript file gave the speaker of a segment (speaker "" for a survey
 * comment or a note about the room).  ERR_NOTFOUND for an unknown excerpt. */
int excerpt_store_speaker(struct db *db, struct arena *a, int64_t district_id, const char *kind, int64_t id,
                          int64_t *session_id, const char **code, const char **name_in_file, struct err *e);

/* A piece of what was said, from a note, a transcript segment or a survey
 * comment, with the stakeholder group of its conversation. */
struct excerpt_row {
	const char *kind;    /* note, segment, survey */
	int64_t id, session_id;
	int64_t question;    /* a note's protocol question (1-based); 0 otherwise */
	const char *text, *group;
	const char *speaker; /* who said it: a segment's speaker code ("?" when
	                      * the file did not say), a quote's; "" otherwise */
};
/* One excerpt by kind ("note", "segment", "survey") and id, its group left
 * "".  ERR_NOTFOUND for another district's or an unknown one. */
int excerpt_store_get(struct db *db, struct arena *a, int64_t district_id, const char *kind, int64_t id,
                      struct excerpt_row *out, struct err *e);
/* Replaces the text of an excerpt with the same text redacted further
 * (a note's and a segment's word count too, words; a note's count of
 * placeholders grows by added).  ERR_NOTFOUND for an unknown one. */
int excerpt_store_redact(struct db *db, int64_t district_id, const char *kind, int64_t id, const char *text,
                         int64_t words, int64_t added, struct err *e);
/* Every excerpt of an initiative's sessions (the facilitator's turns left
 * out), in a fixed order: kind, then id. */
int excerpt_store_initiative(struct db *db, struct arena *a, int64_t district_id, int64_t initiative_id,
                             struct excerpt_row **out, size_t *n, struct err *e);

#endif

/* survey_store: end-of-session survey responses and their answers. */
#ifndef CG_SURVEY_STORE_H
#define CG_SURVEY_STORE_H
#include "core/arena.h"
#include "domain/survey.h"
#include "store/db.h"

/* Adds the response and its answers in one transaction.  ERR_CONFLICT
 * (field "token") when the registration has already answered. */
int survey_store_add(struct db *db, struct survey_response *r, struct err *e);
/* 1 in *answered when the registration has a response. */
int survey_store_answered(struct db *db, int64_t registration_id, int *answered, struct err *e);
/* Responses of a session (session_id > 0) or of every session of an
 * initiative (initiative_id > 0), newest first, answers filled in. */
int survey_store_list(struct db *db, struct arena *a, int64_t district_id, int64_t session_id,
                      int64_t initiative_id, struct survey_response **out, size_t *n, struct err *e);
/* Up to limit responses of the district with a comment and an id above
 * after, by id, without their answers (pages of a pass over every
 * comment). */
int survey_store_comment_batch(struct db *db, struct arena *a, int64_t district_id, int64_t after, int64_t limit,
                               struct survey_response **out, size_t *n, struct err *e);
int survey_store_comment_count(struct db *db, int64_t district_id, int64_t *n, struct err *e);
int survey_store_set_comment(struct db *db, int64_t district_id, int64_t id, const char *comment, struct err *e);

#endif

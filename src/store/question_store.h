/* question_store: questions from the community, their moderation and the
 * district's answers. */
#ifndef CG_QUESTION_STORE_H
#define CG_QUESTION_STORE_H
#include "core/arena.h"
#include "domain/share.h"
#include "store/db.h"

int question_store_add(struct db *db, struct question *q, struct err *e);
int question_store_get(struct db *db, struct arena *a, int64_t district_id, int64_t id, struct question *q,
                       struct err *e);

enum question_filter {
	Q_ALL,          /* every question, newest first (staff) */
	Q_NEW,          /* waiting for moderation, oldest first */
	Q_ANSWERED,     /* published and answered, most recently answered first */
	Q_OPEN,         /* published, not yet answered, oldest first */
};
int question_store_list(struct db *db, struct arena *a, int64_t district_id, enum question_filter f, int limit,
                        struct question **out, size_t *n, struct err *e);
/* The questions merged into id. */
int question_store_merged(struct db *db, struct arena *a, int64_t district_id, int64_t id, struct question **out,
                          size_t *n, struct err *e);
/* Sets the status (and, for hidden, the reason; for merged, the target). */
int question_store_moderate(struct db *db, const struct question *q, int64_t user_id, struct err *e);
/* Stores the answer and publishes the question. */
int question_store_answer(struct db *db, int64_t district_id, int64_t id, const char *answer, int64_t user_id,
                          int64_t now, struct err *e);
/* Figures: every question not hidden counts as asked; a merged one is
 * answered when the question it joined is. */
int question_store_figures(struct db *db, struct arena *a, int64_t district_id, struct question_figures *out,
                           struct err *e);

#endif

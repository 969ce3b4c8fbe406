/* redaction_review_store: the words staff read in a quote or a summary and
 * kept as they are ("not a name") after redaction marked them as doubtful
 * (redaction_reviews).  One row per object and word (folded), with how many
 * times the word was doubtful when kept.  Every query is scoped by
 * district_id.  Strings of returned records live in the caller's arena. */
#ifndef CG_REDACTION_REVIEW_STORE_H
#define CG_REDACTION_REVIEW_STORE_H
#include "core/arena.h"
#include "store/db.h"

struct redaction_review {
	int64_t district_id;
	const char *subject;      /* quote, summary */
	int64_t subject_id;
	const char *word_fold;    /* domain/doubt.h: doubt_fold */
	int64_t occurrences;      /* times the word was doubtful when kept */
	int64_t reviewed_by, reviewed_at;
};

/* Records rv (reviewed_at = now when 0), or replaces the row of the same
 * object and word. */
int redaction_review_store_keep(struct db *db, const struct redaction_review *rv, struct err *e);
/* The words kept in one object, by word. */
int redaction_review_store_list(struct db *db, struct arena *a, int64_t district_id, const char *subject,
                                int64_t subject_id, struct redaction_review **out, size_t *n, struct err *e);

#endif

/* message_store: the outbox, the messages sent to registered people
 * (messages).  message_store_list and message_store_get are scoped by
 * district_id; the other calls serve the one outbox across districts, by
 * message id, registration or once_key.  Strings of returned records live
 * in the caller's arena. */
#ifndef CG_MESSAGE_STORE_H
#define CG_MESSAGE_STORE_H
#include "core/arena.h"
#include "domain/registration.h"
#include "store/db.h"

/* Adds a message unless one with its once_key exists: *added tells. */
int message_store_add(struct db *db, struct message *m, int *added, struct err *e);
/* Pending messages due at now, oldest first, at most limit. */
int message_store_due(struct db *db, struct arena *a, int64_t now, int limit, struct message **out, size_t *n,
                      struct err *e);
/* Takes a due message for this process (other processes skip it for
 * lease seconds): *mine is 0 when another process took it first. */
int message_store_claim(struct db *db, int64_t id, int64_t now, int64_t lease, int *mine, struct err *e);
int message_store_sent(struct db *db, int64_t id, int64_t now, struct err *e);
/* A failed attempt: pending again at next, or failed when next is 0. */
int message_store_attempt_failed(struct db *db, int64_t id, const char *error, int64_t next, struct err *e);
int message_store_list(struct db *db, struct arena *a, int64_t district_id, int limit, struct message **out,
                       size_t *n, struct err *e);
int message_store_get(struct db *db, struct arena *a, int64_t district_id, int64_t id, struct message *m,
                      struct err *e);
/* How many messages of that kind a registration has had. */
int message_store_count_kind(struct db *db, int64_t registration_id, const char *kind, int64_t *n, struct err *e);
/* Whether a message with that once_key exists. */
int message_store_exists(struct db *db, const char *once_key, int *exists, struct err *e);

#endif

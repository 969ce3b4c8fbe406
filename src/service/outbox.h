/* outbox: the messages a registration earns, composed in the person's
 * language, scheduled when they fall due, delivered over SMTP with retries.
 *
 * The service layer joins domain rules to the stores; it is used by the web
 * handlers (confirmations, updates), by `commonground outbox run` and by the
 * server's minute job.  Nothing here prints: counters and errors come back. */
#ifndef CG_OUTBOX_H
#define CG_OUTBOX_H
#include <stdint.h>

#include "core/arena.h"
#include "core/i18n.h"
#include "domain/district.h"
#include "domain/plan.h"
#include "domain/registration.h"
#include "store/db.h"

struct outbox_ctx {
	struct db *db;
	struct arena *a;
	const struct i18n *i18n;
	const char *base_url;     /* for links in messages: http://127.0.0.1:8080 */
	const char *smtp_url;     /* NULL or "": messages wait in the outbox */
	const char *from_addr;    /* envelope and From: address */
	int64_t now;
};

struct outbox_counts {
	int scheduled, skipped, sent, retried, failed, waiting;
};

/* Queues one message of kind k for registration r (at most once per
 * registration and kind; updates once per session sequence).  Messages to a
 * person without an e-mail address are recorded as skipped. */
int outbox_enqueue(struct outbox_ctx *x, enum message_kind k, const struct registration *r,
                   const struct session *s, const struct conversation *c, const struct district *d,
                   struct err *e);
/* Queues a personal invitation for a contact, with the registration link
 * that carries the code (once per contact and session). */
struct contact;
int outbox_invite(struct outbox_ctx *x, const struct contact *who, const char *code, const struct session *s,
                  const struct conversation *c, const struct district *d, struct err *e);
/* Queues an update for everyone with a seat at s, which has just moved in
 * time or place (its sequence already bumped). */
int outbox_session_moved(struct outbox_ctx *x, const struct session *s, const struct conversation *c,
                         const struct district *d, struct err *e);
/* Decides, at x->now, the scheduled reminders and thank-yous that have
 * fallen due, and queues or skips them. */
int outbox_schedule(struct outbox_ctx *x, struct outbox_counts *n, struct err *e);
/* Sends what is pending and due at x->now (nothing without an SMTP URL). */
int outbox_deliver(struct outbox_ctx *x, struct outbox_counts *n, struct err *e);
/* Both, in order: what `outbox run` and the minute job do. */
int outbox_run(struct outbox_ctx *x, struct outbox_counts *n, struct err *e);

/* Tells the asker of a question (when they left an e-mail address) the
 * answer, with url, the question on the hub; once per question.  *queued:
 * 1 when a message was added. */
struct question;
int outbox_answer(struct outbox_ctx *x, const struct district *d, const struct question *asked, const char *answer,
                  const char *url, int *queued, struct err *e);
/* Reports back to the participants of c's ended sessions — those checked
 * in, or the confirmed registrants where nobody was — with url, where the
 * results are; once per registration.  *queued: messages added. */
int outbox_results(struct outbox_ctx *x, const struct conversation *c, const struct district *d, const char *url,
                   int *queued, struct err *e);
/* The private link of a registration: BASE/d/SLUG/r/TOKEN (in the arena). */
const char *outbox_manage_link(struct outbox_ctx *x, const struct district *d, int64_t registration_id,
                               struct err *e);
/* The calendar file of a session (arena string), or NULL on error. */
const char *outbox_ics(struct arena *a, const struct session *s, const struct conversation *c,
                       const struct district *d, const char *url, const char *organizer_email, struct err *e);

#endif

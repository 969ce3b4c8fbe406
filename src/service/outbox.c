#include "service/outbox.h"

#include <string.h>

#include "core/buf.h"
#include "core/mail.h"
#include "domain/clock.h"
#include "domain/contact.h"
#include "domain/ics.h"
#include "domain/share.h"
#include "core/str.h"
#include "store/attendee_store.h"
#include "store/conversation_store.h"
#include "store/district_store.h"
#include "store/message_store.h"
#include "store/registration_store.h"
#include "store/session_store.h"
#include "store/settings_store.h"

#define SAY(b, lang, tmpl, ...)                                                             \
	do {                                                                                 \
		const char *const args_[] = {__VA_ARGS__};                                       \
		i18n_say(x->i18n, lang, b, tmpl, args_, (int)(sizeof(args_) / sizeof(args_[0])));           \
	} while (0)

const char *outbox_manage_link(struct outbox_ctx *x, const struct district *d, int64_t registration_id,
                               struct err *e)
{
	unsigned char secret[32];
	char tok[REGISTRATION_TOKEN_MAX];
	if (settings_store_secret(x->db, secret, e) < 0)
		return NULL;
	registration_token(secret, registration_id, tok);
	return arena_printf(x->a, "%s/d/%s/r/%s", x->base_url, d->slug, tok);
}

const char *outbox_ics(struct arena *a, const struct session *s, const struct conversation *c,
                       const struct district *d, const char *url, const char *organizer_email, struct err *e)
{
	struct buf loc, out;
	buf_init(&loc, 4096);
	buf_init(&out, 1 << 20);
	if (session_in_person(s)) {
		buf_adds(&loc, s->venue_name);
		if (*s->venue_address)
			buf_printf(&loc, ", %s", s->venue_address);
	} else {
		buf_adds(&loc, s->join_url);
	}
	struct ics_event ev = {
		.uid = arena_printf(a, "session-%lld@%s.commonground", (long long)s->id, d->slug),
		.sequence = (int)s->sequence,
		.start = s->starts_at,
		.end = s->ends_at,
		.tzid = d->timezone,
		.summary = c->title,
		.description = c->objective,
		.location = loc.p,
		.url = url,
		.organizer_name = d->name,
		.organizer_email = organizer_email,
		.alarm_minutes = 60,
	};
	const char *r = NULL;
	if (ics_render(&ev, &out, e) == 0)
		r = arena_strndup(a, out.p, out.len);
	buf_release(&loc);
	buf_release(&out);
	return r;
}

/* What each kind of message says; "%s" is the conversation's title.  The
 * English is the msgid of the translations in po/. */
static const struct {
	const char *subject, *body;
} texts[MSG_NKINDS] = {
	[MSG_CONFIRMATION] = {"You are registered: %s",
	                      "Thank you for registering for \"%s\". Your seat is confirmed."},
	[MSG_WAITLIST] = {"You are on the waitlist: %s",
	                  "\"%s\" is full for now. You are on the waitlist, and we will write as soon as a seat frees up."},
	[MSG_DAY_BEFORE] = {"Reminder: %s is tomorrow",
	                    "This is a reminder that \"%s\" is tomorrow. We look forward to hearing from you."},
	[MSG_DAY_OF] = {"Today: %s", "\"%s\" is today. We look forward to hearing from you."},
	[MSG_THANK_YOU] = {"Thank you for joining %s",
	                   "Thank you for taking part in \"%s\". What you shared will shape what the district does next, "
	                   "and we will send you a summary of what we heard."},
	[MSG_UPDATE] = {"Time or place changed: %s",
	                "The time or place of \"%s\" has changed. Here are the new details."},
	[MSG_CANCELLED] = {"Your registration is cancelled: %s",
	                   "Your registration for \"%s\" is cancelled. You can register again at any time while seats are open."},
	[MSG_INVITATION] = {"You are invited: %s",
	                    "We would like to hear from you at \"%s\". A seat is held for you."},
	[MSG_ANSWER] = {"Your question has been answered", "%s"},
	[MSG_RESULTS] = {"What we heard: %s",
	                 "Thank you again for taking part in \"%s\". Here is what we heard, and what the district will "
	                 "do about it."},
};

/* The body of a message: greeting, what happened, when and where, the
 * private link, the district's name. */
static void compose_text(struct outbox_ctx *x, enum message_kind k, const struct registration *r,
                         const struct session *s, const struct conversation *c, const struct district *d,
                         const char *link, struct buf *subject, struct buf *body)
{
	const char *lang = r->language;
	struct buf when;
	buf_init(&when, 512);
	clock_human_span(d->timezone, s->starts_at, s->ends_at, lang, &when);
	SAY(subject, lang, texts[k].subject, c->title);
	SAY(body, lang, "Hello %s,", r->name);
	buf_adds(body, "\n\n");
	SAY(body, lang, texts[k].body, c->title);
	buf_adds(body, "\n\n");
	if (k != MSG_THANK_YOU && k != MSG_CANCELLED && k != MSG_RESULTS) {
		SAY(body, lang, "When: %s", when.p);
		buf_addc(body, '\n');
		if (session_in_person(s)) {
			SAY(body, lang, "Where: %s", s->venue_name);
			if (*s->venue_address)
				buf_printf(body, ", %s", s->venue_address);
			buf_addc(body, '\n');
		}
		if (session_online(s)) {
			SAY(body, lang, "Join online: %s", s->join_url);
			buf_addc(body, '\n');
		}
		if (s->childcare) {
			SAY(body, lang, "Childcare is provided.", "");
			buf_addc(body, '\n');
		}
		buf_addc(body, '\n');
	}
	if (k == MSG_CONFIRMATION || k == MSG_UPDATE) {
		SAY(body, lang, "A calendar file is attached.", "");
		buf_adds(body, "\n\n");
	}
	if (link && k == MSG_INVITATION) {
		SAY(body, lang, "To take your seat, register with your personal link: %s", link);
		buf_adds(body, "\n\n");
	} else if (link && k == MSG_THANK_YOU) {
		/* The survey link carries the registration's token, so that the
		 * answer counts once; link ends with /r/TOKEN. */
		const char *tok = strrchr(link, '/');
		SAY(body, lang, "Tell us how it went, in two minutes: %s",
		    arena_printf(x->a, "%s/d/%s/sessions/%lld/survey?r=%s", x->base_url, d->slug, (long long)s->id,
		                 tok ? tok + 1 : ""));
		buf_adds(body, "\n\n");
	} else if (link && k == MSG_RESULTS) {
		SAY(body, lang, "Read it here: %s", link);
		buf_adds(body, "\n\n");
	} else if (link) {
		SAY(body, lang, "To see, change or cancel your registration: %s", link);
		buf_adds(body, "\n\n");
	}
	buf_adds(body, d->name);
	buf_addc(body, '\n');
	buf_release(&when);
}

/* A message of kind k to `to`, due now, with the text composed in subject
 * and body (copied into the arena; the buffers are released). */
static struct message pending(struct outbox_ctx *x, const struct district *d, enum message_kind k, const char *lang,
                              const char *to, struct buf *subject, struct buf *body)
{
	struct message m = {
		.district_id = d->id,
		.kind = message_kind_name(k),
		.lang = lang,
		.to_addr = to,
		.subject = arena_strdup(x->a, subject->p ? subject->p : ""),
		.body = arena_strdup(x->a, body->p ? body->p : ""),
		.state = "pending",
		.next_attempt_at = x->now,
		.created_at = x->now,
	};
	buf_release(subject);
	buf_release(body);
	return m;
}

/* A pending message of kind k to r (a registration, or a contact dressed
 * as one), due now, with its subject and body in r's language. */
static struct message compose(struct outbox_ctx *x, enum message_kind k, const struct registration *r,
                              const struct session *s, const struct conversation *c, const struct district *d,
                              const char *link)
{
	struct buf subject, body;
	buf_init(&subject, 1024);
	buf_init(&body, 64 * 1024);
	compose_text(x, k, r, s, c, d, link, &subject, &body);
	struct message m = pending(x, d, k, r->language, r->email, &subject, &body);
	m.registration_id = r->id;
	return m;
}

int outbox_enqueue(struct outbox_ctx *x, enum message_kind k, const struct registration *r,
                   const struct session *s, const struct conversation *c, const struct district *d,
                   struct err *e)
{
	const char *link = outbox_manage_link(x, d, r->id, e);
	if (!link)
		return ERR_FAIL;
	struct message m = compose(x, k, r, s, c, d, link);
	/* Scheduled kinds go once per registration; updates once per move of
	 * the session; what a person's own action sets off (confirmation,
	 * waitlist, cancellation) once per action, so that someone who
	 * cancels and comes back hears about it again. */
	if (k == MSG_UPDATE) {
		m.once_key = arena_printf(x->a, "reg:%lld:update:%lld", (long long)r->id, (long long)s->sequence);
	} else if (k == MSG_CONFIRMATION || k == MSG_WAITLIST || k == MSG_CANCELLED) {
		int64_t before = 0;
		int rc = message_store_count_kind(x->db, r->id, m.kind, &before, e);
		if (rc < 0)
			return rc;
		m.once_key = arena_printf(x->a, "reg:%lld:%s:%lld", (long long)r->id, m.kind, (long long)before + 1);
	} else {
		m.once_key = arena_printf(x->a, "reg:%lld:%s", (long long)r->id, m.kind);
	}
	if (!*r->email) {
		m.state = "skipped";
		m.note = "no e-mail address; call or text the person";
	}
	if (k == MSG_CONFIRMATION || k == MSG_UPDATE) {
		m.ics = outbox_ics(x->a, s, c, d, link, x->from_addr, e);
		if (!m.ics)
			return e ? e->code : ERR_FAIL;
	}
	int added;
	return message_store_add(x->db, &m, &added, e);
}

int outbox_invite(struct outbox_ctx *x, const struct contact *who, const char *code, const struct session *s,
                  const struct conversation *c, const struct district *d, struct err *e)
{
	/* compose() speaks to a registration; an invitation has only a contact. */
	struct registration as = {.name = who->name, .language = who->language, .email = who->email};
	const char *link = arena_printf(x->a, "%s/d/%s/sessions/%lld?code=%s", x->base_url, d->slug,
	                                (long long)s->id, code);
	struct message m = compose(x, MSG_INVITATION, &as, s, c, d, link);
	m.once_key = arena_printf(x->a, "inv:%lld:%lld", (long long)s->id, (long long)who->id);
	int added;
	return message_store_add(x->db, &m, &added, e);
}

int outbox_session_moved(struct outbox_ctx *x, const struct session *s, const struct conversation *c,
                         const struct district *d, struct err *e)
{
	struct registration *rs;
	size_t n = 0;
	int rc = registration_store_list(x->db, x->a, s->district_id, s->id, &rs, &n, e);
	for (size_t i = 0; rc == 0 && i < n; i++)
		if (strcmp(rs[i].status, "confirmed") == 0)
			rc = outbox_enqueue(x, MSG_UPDATE, &rs[i], s, c, d, e);
	return rc;
}

int outbox_schedule(struct outbox_ctx *x, struct outbox_counts *n, struct err *e)
{
	static const enum message_kind kinds[] = {MSG_DAY_BEFORE, MSG_DAY_OF, MSG_THANK_YOU};
	struct session *ss;
	size_t ns;
	int rc = session_store_active(x->db, x->a, x->now, &ss, &ns, e);
	for (size_t i = 0; rc == 0 && i < ns; i++) {
		const struct session *s = &ss[i];
		struct district d;
		struct conversation c;
		struct registration *rs = NULL;
		size_t nr = 0;
		rc = district_store_by_id(x->db, x->a, s->district_id, &d, e);
		if (rc == 0)
			rc = conversation_store_get(x->db, x->a, s->district_id, s->conversation_id, &c, e);
		if (rc == 0)
			rc = registration_store_list(x->db, x->a, s->district_id, s->id, &rs, &nr, e);
		struct attendee *as = NULL;
		size_t na = 0;
		if (rc == 0)
			rc = attendee_store_list(x->db, x->a, s->district_id, s->id, &as, &na, e);
		for (size_t j = 0; rc == 0 && j < nr; j++) {
			for (size_t k = 0; rc == 0 && k < sizeof(kinds) / sizeof(kinds[0]); k++) {
				const char *why;
				enum message_decision dec = message_decide(kinds[k], &rs[j], s->starts_at, s->ends_at, x->now, &why);
				if (dec == MSG_WAIT)
					continue;
				/* Where people were checked in, thank only those who came. */
				if (dec == MSG_SEND && kinds[k] == MSG_THANK_YOU && na > 0 &&
				    !attendance_checked_in(as, na, rs[j].id)) {
					dec = MSG_SKIP;
					why = "did not check in";
				}
				const char *key = arena_printf(x->a, "reg:%lld:%s", (long long)rs[j].id, message_kind_name(kinds[k]));
				int exists;
				if ((rc = message_store_exists(x->db, key, &exists, e)) < 0 || exists)
					continue;
				if (dec == MSG_SEND) {
					rc = outbox_enqueue(x, kinds[k], &rs[j], s, &c, &d, e);
					n->scheduled++;
				} else {
					struct message m = {
						.district_id = d.id, .registration_id = rs[j].id, .kind = message_kind_name(kinds[k]),
						.once_key = key, .lang = rs[j].language, .to_addr = rs[j].email, .subject = "",
						.body = "", .state = "skipped", .note = why, .next_attempt_at = x->now,
						.created_at = x->now,
					};
					int added;
					rc = message_store_add(x->db, &m, &added, e);
					n->skipped++;
				}
			}
		}
	}
	return rc;
}

int outbox_deliver(struct outbox_ctx *x, struct outbox_counts *n, struct err *e)
{
	struct message *ms;
	size_t nm;
	int rc = message_store_due(x->db, x->a, x->now, 200, &ms, &nm, e);
	if (rc < 0)
		return rc;
	if (!x->smtp_url || !*x->smtp_url) {
		n->waiting += (int)nm;
		return 0;
	}
	int64_t sender_id = 0;
	const char *sender = "Common Ground";
	for (size_t i = 0; i < nm; i++) {
		const struct message *m = &ms[i];
		int mine;
		/* Five minutes to send it before another process may try. */
		if ((rc = message_store_claim(x->db, m->id, x->now, 300, &mine, e)) < 0)
			return rc;
		if (!mine)
			continue;
		struct mail_attachment ics = {
			.filename = "invite.ics",
			.content_type = "text/calendar; charset=utf-8; method=PUBLISH",
			.data = m->ics,
			.len = m->ics ? strlen(m->ics) : 0,
		};
		/* The sender is the district, as people know it (looked up once
		 * for a run of its messages). */
		if (m->district_id != sender_id) {
			struct district d;
			sender_id = m->district_id;
			sender = district_store_by_id(x->db, x->a, m->district_id, &d, e) == 0 ? d.name : "Common Ground";
		}
		const char *from_name = sender;
		struct mail_message mm = {
			.from_name = from_name,
			.from_addr = x->from_addr,
			.to_addr = m->to_addr,
			.subject = m->subject,
			.text = m->body,
			.lang = m->lang,
			.attachments = m->ics ? &ics : NULL,
			.nattachments = m->ics ? 1 : 0,
			.date = x->now,
		};
		struct buf raw;
		buf_init(&raw, 8 << 20);
		struct err se;
		err_clear(&se);
		int sr = mail_compose(&mm, &raw, &se);
		if (sr == 0)
			sr = mail_send(x->smtp_url, &mm, raw.p, raw.len, 30, &se);
		buf_release(&raw);
		if (sr == 0) {
			rc = message_store_sent(x->db, m->id, x->now, e);
			n->sent++;
		} else {
			int attempts = (int)m->attempts + 1;
			/* Refused by the server (5xx) or too large to compose: trying
			 * again cannot help. */
			bool permanent = sr == ERR_INVALID || sr == ERR_LIMIT;
			int64_t next = permanent || attempts >= MESSAGE_MAX_ATTEMPTS ? 0 : x->now + message_retry_delay(attempts);
			rc = message_store_attempt_failed(x->db, m->id, se.msg, next, e);
			if (next)
				n->retried++;
			else
				n->failed++;
		}
		if (rc < 0)
			return rc;
	}
	return 0;
}

int outbox_run(struct outbox_ctx *x, struct outbox_counts *n, struct err *e)
{
	int rc = outbox_schedule(x, n, e);
	return rc < 0 ? rc : outbox_deliver(x, n, e);
}

int outbox_answer(struct outbox_ctx *x, const struct district *d, const struct question *asked, const char *answer,
                  const char *url, int *queued, struct err *e)
{
	*queued = 0;
	if (!asked->email || !*asked->email)
		return 0;
	const char *lang = asked->lang;
	struct buf subject, body;
	buf_init(&subject, 1024);
	buf_init(&body, 64 * 1024);
	SAY(&subject, lang, texts[MSG_ANSWER].subject, "");
	SAY(&body, lang, "Hello,", "");
	buf_adds(&body, "\n\n");
	SAY(&body, lang, "You asked us:", "");
	buf_adds(&body, "\n\n");
	/* The question and the answer as they were written: the answer is
	 * Markdown, which reads as plain text. */
	struct str rest = str_from(asked->body), line;
	while (rest.p) {
		rest = str_cut(rest, '\n', &line);
		buf_adds(&body, "> ");
		buf_add(&body, line.p, line.len);
		buf_addc(&body, '\n');
	}
	buf_addc(&body, '\n');
	SAY(&body, lang, "Our answer:", "");
	buf_adds(&body, "\n\n");
	buf_adds(&body, answer);
	buf_adds(&body, "\n\n");
	SAY(&body, lang, "You can also read it on our page: %s", url);
	buf_adds(&body, "\n\n");
	buf_adds(&body, d->name);
	buf_addc(&body, '\n');
	struct message m = pending(x, d, MSG_ANSWER, lang, asked->email, &subject, &body);
	m.once_key = arena_printf(x->a, "question:%lld:answer", (long long)asked->id);
	return message_store_add(x->db, &m, queued, e);
}

int outbox_results(struct outbox_ctx *x, const struct conversation *c, const struct district *d, const char *url,
                   int *queued, struct err *e)
{
	*queued = 0;
	struct session *ss;
	size_t ns = 0;
	int rc = session_store_list(x->db, x->a, d->id, c->id, &ss, &ns, e);
	for (size_t i = 0; rc == 0 && i < ns; i++) {
		const struct session *s = &ss[i];
		if (s->ends_at > x->now)
			continue;
		struct registration *rs = NULL;
		size_t nr = 0;
		struct attendee *as = NULL;
		size_t na = 0;
		rc = registration_store_list(x->db, x->a, d->id, s->id, &rs, &nr, e);
		if (rc == 0)
			rc = attendee_store_list(x->db, x->a, d->id, s->id, &as, &na, e);
		for (size_t j = 0; rc == 0 && j < nr; j++) {
			/* Those who came, where people were checked in; else those
			 * who held a seat. */
			if (na > 0 ? !attendance_checked_in(as, na, rs[j].id) : strcmp(rs[j].status, "confirmed") != 0)
				continue;
			struct message m = compose(x, MSG_RESULTS, &rs[j], s, c, d, url);
			m.once_key = arena_printf(x->a, "reg:%lld:results", (long long)rs[j].id);
			if (!*rs[j].email) {
				m.state = "skipped";
				m.note = "no e-mail address; call or text the person";
			}
			int added = 0;
			rc = message_store_add(x->db, &m, &added, e);
			*queued += added && *rs[j].email;
		}
	}
	return rc;
}

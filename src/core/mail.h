/* mail: composing a MIME e-mail and delivering it over SMTP with libcurl.
 *
 * mail_compose turns a struct mail_message into the exact bytes of an RFC
 * 5322 message; mail_send hands those bytes, unchanged, to one SMTP server.
 * The two are separate so that a message can be composed once, stored in an
 * outbox and sent (and retried) later.  Neither prints nor exits.
 *
 * Every string of a message is borrowed: nothing here keeps a pointer after
 * the call returns.  See docs/internals/mail.md.
 */
#ifndef CG_MAIL_H
#define CG_MAIL_H
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/err.h"

struct mail_attachment {
	const char *filename;       /* UTF-8, no path; at most 200 bytes */
	const char *content_type;   /* "text/calendar; charset=utf-8; method=PUBLISH";
	                               NULL → application/octet-stream */
	const char *data;           /* any bytes */
	size_t len;
};

struct mail_message {
	const char *from_name, *from_addr;   /* "Riverside USD", "engage@riverside.example.org" */
	const char *to_name, *to_addr;       /* to_name may be NULL */
	const char *reply_to;                /* may be NULL */
	const char *subject;                 /* UTF-8 */
	const char *text;                    /* UTF-8 plain-text body, LF line ends */
	const char *html;                    /* may be NULL: then text only */
	const char *message_id;              /* may be NULL → generated "<random@from-domain>" */
	const char *lang;                    /* "en", "es": Content-Language; may be NULL */
	const struct mail_attachment *attachments;
	size_t nattachments;
	int64_t date;                        /* Unix seconds; 0 → now */
};

/* Appends the whole message to out: CRLF line ends, no line longer than 76
 * characters in the bodies, 7-bit only.  Subject and display names are
 * RFC 2047 encoded when they are not plain ASCII; bodies are quoted-printable
 * (text, html) and base64 (attachments); multipart/alternative holds text and
 * html, multipart/mixed wraps them when there are attachments.  The message
 * always ends with CRLF.
 *
 * Errors leave out as it was: ERR_INVALID with e->field naming the member
 * ("subject", "to_addr", "attachments.filename", …) for a CR or LF in a header
 * value, a bad address, invalid UTF-8 or a missing member; ERR_LIMIT when out
 * would pass its maximum. */
int mail_compose(const struct mail_message *m, struct buf *out, struct err *e);

/* Delivers composed (len bytes, as mail_compose produced them) to the server
 * at url: "smtp://host:port" (STARTTLS is used when the server offers it) or
 * "smtps://host:port", optionally "smtp://user:password@host:port".  The
 * envelope is m->from_addr → m->to_addr; the rest of m is not used.
 * timeout_s bounds the whole exchange (connect + send); <= 0 means 60.
 *
 * Returns 0 once the server has accepted the message.  Otherwise e->field is
 * "smtp" and e->msg carries the server's answer and the command it answered
 * ("550 5.1.1 no such user (after RCPT)") or curl's error text ("Couldn't
 * connect to server"), never the password.  The code is ERR_INVALID when
 * retrying this message cannot help: a 5xx answer to MAIL, RCPT or DATA, or
 * an envelope address that is not valid.  It is ERR_FAIL for everything
 * worth retrying later: 4xx answers, network errors, timeouts, and what the
 * operator must fix (a bad URL, refused credentials, a 5xx greeting).
 * Thread-safe once mail_global_init has run. */
int mail_send(const char *url, const struct mail_message *m, const char *composed,
	      size_t len, int timeout_s, struct err *e);

/* Once per program, before any thread calls mail_send: initialises libcurl
 * and libsodium.  Returns 0 or -1.  mail_global_cleanup undoes it at exit. */
int mail_global_init(void);
void mail_global_cleanup(void);

/* True (1) when addr can be used as an envelope address: printable ASCII,
 * no spaces, CR, LF, '<', '>', '"', '(', ')', ',' or ';', exactly one '@',
 * a non-empty local part, a domain with a dot, no empty labels, at most 254
 * bytes.  Deliberately stricter than RFC 5321. */
int mail_address_ok(const char *addr);

#endif

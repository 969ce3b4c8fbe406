/* mail: MIME composition (RFC 5322, 2045-2047, 2231) and SMTP delivery
 * through libcurl.  See mail.h for the contract, docs/internals/mail.md for
 * the choices. */
#include "core/mail.h"

#include <curl/curl.h>
#include <sodium.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/str.h"

#define LINE_MAX_LEN 76      /* body and header lines we write, without CRLF */
#define NAME_MAX_LEN 200     /* display names, file names */
#define SUBJECT_MAX_LEN 998
#define CTYPE_MAX_LEN 200
#define MSGID_MAX_LEN 250
#define LANG_MAX_LEN 35
#define ADDR_MAX_LEN 254
#define EW_OVERHEAD 12       /* "=?UTF-8?Q?" + "?=" */
#define EW_MAX_LEN 75        /* RFC 2047 §2 */

static const char hexdig[] = "0123456789ABCDEF";

/* ---- validation ------------------------------------------------------ */

/* True when s holds a CR or LF: the one thing that could start a header. */
static bool has_line_break(const char *s)
{
	return strpbrk(s, "\r\n") != NULL;
}

/* True when every byte of s is printable ASCII (space included). */
static bool printable_ascii(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] > 0x7e)
			return false;
	return true;
}

int mail_address_ok(const char *addr)
{
	if (!addr)
		return 0;
	size_t n = strlen(addr);
	if (n < 3 || n > ADDR_MAX_LEN)
		return 0;
	const char *at = strchr(addr, '@');
	if (!at || at == addr || strchr(at + 1, '@'))
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)addr[i];
		if (c <= 0x20 || c >= 0x7f || strchr("<>\"(),;:[]\\", c))
			return 0;
	}
	/* Domain: dot-separated non-empty labels, at least two of them. */
	const char *d = at + 1;
	if (!strchr(d, '.') || d[0] == '.' || d[strlen(d) - 1] == '.' || strstr(d, ".."))
		return 0;
	if (addr[0] == '.' || at[-1] == '.')
		return 0;
	return 1;
}

/* A Message-ID as we accept it from callers: "<left@right>", printable
 * ASCII without spaces or further angle brackets. */
static bool msgid_ok(const char *s)
{
	size_t n = strlen(s);
	if (n < 5 || n > MSGID_MAX_LEN || s[0] != '<' || s[n - 1] != '>')
		return false;
	const char *at = memchr(s, '@', n);
	if (!at || at == s + 1 || at == s + n - 2)
		return false;
	for (size_t i = 1; i + 1 < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c <= 0x20 || c >= 0x7f || c == '<' || c == '>')
			return false;
	}
	return true;
}

/* A language tag: letters, digits and hyphens (RFC 5646 shape, loosely). */
static bool lang_ok(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > LANG_MAX_LEN || s[0] == '-')
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '-'))
			return false;
	}
	return true;
}

/* Checks a text header value: line breaks first (the injection case), then
 * UTF-8 and length. */
static int check_text(const char *field, const char *v, size_t max, struct err *e)
{
	if (has_line_break(v))
		return err_set(e, ERR_INVALID, field, "%s must not contain a line break", field);
	size_t n = strlen(v);
	if (!utf8_valid(v, n))
		return err_set(e, ERR_INVALID, field, "%s is not valid UTF-8", field);
	if (n > max)
		return err_set(e, ERR_INVALID, field, "%s is longer than %zu bytes", field, max);
	return 0;
}

/* Checks an address header value; NULL is allowed only when optional. */
static int check_addr(const char *field, const char *v, bool optional, struct err *e)
{
	if (!v)
		return optional ? 0 : err_set(e, ERR_INVALID, field, "%s is missing", field);
	if (has_line_break(v))
		return err_set(e, ERR_INVALID, field, "%s must not contain a line break", field);
	if (!mail_address_ok(v))
		return err_set(e, ERR_INVALID, field, "%s is not a valid e-mail address", field);
	return 0;
}

/* Checks everything mail_compose will write before it writes anything. */
static int validate(const struct mail_message *m, struct err *e)
{
	int rc;
	if ((rc = check_addr("from_addr", m->from_addr, false, e)) ||
	    (rc = check_addr("to_addr", m->to_addr, false, e)) ||
	    (rc = check_addr("reply_to", m->reply_to, true, e)))
		return rc;
	if (m->from_name && (rc = check_text("from_name", m->from_name, NAME_MAX_LEN, e)))
		return rc;
	if (m->to_name && (rc = check_text("to_name", m->to_name, NAME_MAX_LEN, e)))
		return rc;
	if (!m->subject)
		return err_set(e, ERR_INVALID, "subject", "subject is missing");
	if ((rc = check_text("subject", m->subject, SUBJECT_MAX_LEN, e)))
		return rc;
	if (m->message_id) {
		if (has_line_break(m->message_id))
			return err_set(e, ERR_INVALID, "message_id",
				       "message_id must not contain a line break");
		if (!msgid_ok(m->message_id))
			return err_set(e, ERR_INVALID, "message_id",
				       "message_id must look like <id@domain>");
	}
	if (m->lang) {
		if (has_line_break(m->lang))
			return err_set(e, ERR_INVALID, "lang", "lang must not contain a line break");
		if (!lang_ok(m->lang))
			return err_set(e, ERR_INVALID, "lang", "lang is not a language tag");
	}
	if (!m->text)
		return err_set(e, ERR_INVALID, "text", "text is missing");
	if (!utf8_valid(m->text, strlen(m->text)))
		return err_set(e, ERR_INVALID, "text", "text is not valid UTF-8");
	if (m->html && !utf8_valid(m->html, strlen(m->html)))
		return err_set(e, ERR_INVALID, "html", "html is not valid UTF-8");
	if (m->nattachments && !m->attachments)
		return err_set(e, ERR_INVALID, "attachments", "attachments are missing");
	if (m->date < 0 || m->date > INT64_C(253402300799))
		return err_set(e, ERR_INVALID, "date", "date is out of range");
	for (size_t i = 0; i < m->nattachments; i++) {
		const struct mail_attachment *a = &m->attachments[i];
		if (!a->filename || !a->filename[0])
			return err_set(e, ERR_INVALID, "attachments.filename",
				       "attachment %zu has no file name", i + 1);
		if ((rc = check_text("attachments.filename", a->filename, NAME_MAX_LEN, e)))
			return rc;
		if (a->content_type) {
			const char *ct = a->content_type;
			if (has_line_break(ct))
				return err_set(e, ERR_INVALID, "attachments.content_type",
					       "attachments.content_type must not contain a line break");
			size_t n = strlen(ct);
			if (!n || n > CTYPE_MAX_LEN || !printable_ascii(ct, n) || !strchr(ct, '/'))
				return err_set(e, ERR_INVALID, "attachments.content_type",
					       "attachment %zu has an invalid content type", i + 1);
		}
		if (a->len && !a->data)
			return err_set(e, ERR_INVALID, "attachments.data",
				       "attachment %zu has no data", i + 1);
	}
	return 0;
}

/* ---- headers --------------------------------------------------------- */

/* A header being written, with the column of its current line so that
 * encoded words and long values can be folded before LINE_MAX_LEN. */
struct hdr {
	struct buf *b;
	size_t col;
};

/* Starts "Name:"; values add their own leading space. */
static void hdr_start(struct hdr *h, struct buf *b, const char *name)
{
	h->b = b;
	buf_adds(b, name);
	buf_addc(b, ':');
	h->col = strlen(name) + 1;
}

/* Adds one unbreakable token preceded by a space, folding first when the
 * token would pass the line limit and something already precedes it. */
static void hdr_token(struct hdr *h, const char *s, size_t n)
{
	if (h->col > 1 && h->col + 1 + n > LINE_MAX_LEN) {
		buf_adds(h->b, "\r\n");
		h->col = 0;
	}
	buf_addc(h->b, ' ');
	buf_add(h->b, s, n);
	h->col += 1 + n;
}

static void hdr_end(struct hdr *h)
{
	buf_adds(h->b, "\r\n");
}

/* Characters written as themselves inside a Q-encoded word; this set is
 * safe in every place an encoded word may stand (RFC 2047 §5 (3)). */
static bool q_literal(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '!' || c == '*' || c == '+' ||
	       c == '-' || c == '/';
}

/* Length of the UTF-8 sequence that starts with c (input is validated). */
static size_t utf8_len(unsigned char c)
{
	if (c < 0x80)
		return 1;
	if ((c & 0xe0) == 0xc0)
		return 2;
	if ((c & 0xf0) == 0xe0)
		return 3;
	return 4;
}

/* Adds s as RFC 2047 Q-encoded words, each at most 75 characters, never
 * splitting a UTF-8 character between two words (RFC 2047 §5). */
static void hdr_encoded(struct hdr *h, const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		/* Room on this line for the payload, after a space. */
		size_t room = 0;
		if (h->col + 1 + EW_OVERHEAD < LINE_MAX_LEN)
			room = LINE_MAX_LEN - h->col - 1 - EW_OVERHEAD;
		if (room < 12 && h->col > 1) {
			buf_adds(h->b, "\r\n");
			h->col = 0;
			room = LINE_MAX_LEN - 1 - EW_OVERHEAD;
		}
		if (room > EW_MAX_LEN - EW_OVERHEAD)
			room = EW_MAX_LEN - EW_OVERHEAD;
		buf_adds(h->b, " =?UTF-8?Q?");
		size_t used = 0;
		while (i < n) {
			size_t k = utf8_len((unsigned char)s[i]);
			if (k > n - i)
				k = n - i;
			size_t w = 0;
			for (size_t j = 0; j < k; j++) {
				unsigned char c = (unsigned char)s[i + j];
				w += (q_literal(c) || c == ' ') ? 1 : 3;
			}
			if (used && used + w > room)
				break;
			for (size_t j = 0; j < k; j++) {
				unsigned char c = (unsigned char)s[i + j];
				if (c == ' ') {
					buf_addc(h->b, '_');
				} else if (q_literal(c)) {
					buf_addc(h->b, (char)c);
				} else {
					char x[3] = {'=', hexdig[c >> 4], hexdig[c & 15]};
					buf_add(h->b, x, 3);
				}
			}
			used += w;
			i += k;
		}
		buf_adds(h->b, "?=");
		h->col += 1 + EW_OVERHEAD + used;
	}
}

/* True when s can go into a header as it is: printable ASCII that cannot be
 * mistaken for an encoded word. */
static bool plain_ok(const char *s, size_t n)
{
	return printable_ascii(s, n) && !strstr(s, "=?");
}

/* Adds an unstructured value (Subject): plain ASCII folded at spaces when
 * every line then fits, encoded words otherwise. */
static void hdr_unstructured(struct hdr *h, const char *s)
{
	size_t n = strlen(s);
	if (!n)
		return;
	if (!plain_ok(s, n)) {
		hdr_encoded(h, s, n);
		return;
	}
	struct buf p;
	buf_init(&p, 0);
	size_t col = h->col + 1, widest = col, i = 0;
	buf_addc(&p, ' ');
	while (i < n) {
		/* One chunk: the spaces before a word, then the word. */
		size_t j = i;
		while (j < n && s[j] == ' ')
			j++;
		while (j < n && s[j] != ' ')
			j++;
		if (i > 0 && col + (j - i) > LINE_MAX_LEN) {
			buf_adds(&p, "\r\n");
			col = 0;
		}
		buf_add(&p, s + i, j - i);
		col += j - i;
		if (col > widest)
			widest = col;
		i = j;
	}
	if (widest > LINE_MAX_LEN) {
		hdr_encoded(h, s, n);
	} else {
		buf_add(h->b, p.p, p.len);
		h->col = col;
	}
	buf_release(&p);
}

/* Adds "Display Name <addr>" or "addr": a quoted string for plain ASCII
 * names, encoded words otherwise. */
static void hdr_mailbox(struct hdr *h, const char *name, const char *addr)
{
	if (name && name[0]) {
		size_t n = strlen(name);
		if (plain_ok(name, n)) {
			struct buf q;
			buf_init(&q, 0);
			buf_addc(&q, '"');
			for (size_t i = 0; i < n; i++) {
				if (name[i] == '"' || name[i] == '\\')
					buf_addc(&q, '\\');
				buf_addc(&q, name[i]);
			}
			buf_addc(&q, '"');
			hdr_token(h, q.p, q.len);
			buf_release(&q);
		} else {
			hdr_encoded(h, name, n);
		}
		struct buf a;
		buf_init(&a, 0);
		buf_printf(&a, "<%s>", addr);
		hdr_token(h, a.p, a.len);
		buf_release(&a);
	} else {
		hdr_token(h, addr, strlen(addr));
	}
}

/* "Tue, 14 Nov 2023 22:13:20 +0000", independent of the locale. */
static void put_date(struct buf *b, int64_t when)
{
	static const char *const days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
	static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
					     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	time_t t = (time_t)when;
	struct tm tm;
	gmtime_r(&t, &tm);
	buf_printf(b, "Date: %s, %d %s %04d %02d:%02d:%02d +0000\r\n", days[tm.tm_wday],
		   tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
		   tm.tm_sec);
}

/* n random bytes as 2n lowercase hex digits into dst (2n + 1 bytes). */
static void random_hex(char *dst, size_t n)
{
	unsigned char raw[32];
	if (n > sizeof(raw))
		n = sizeof(raw);
	randombytes_buf(raw, n);
	sodium_bin2hex(dst, 2 * n + 1, raw, n);
}

/* ---- bodies ---------------------------------------------------------- */

/* Length of the line break at s[i] (LF or CRLF), or 0. */
static size_t eol_at(const char *s, size_t n, size_t i)
{
	if (i >= n)
		return 0;
	if (s[i] == '\n')
		return 1;
	if (s[i] == '\r' && i + 1 < n && s[i + 1] == '\n')
		return 2;
	return 0;
}

/* Quoted-printable (RFC 2045 §6.7) with CRLF line ends and lines of at most
 * 76 characters.  Beyond the RFC, a "." or "From " at the start of an
 * output line is encoded so that no relay dot-stuffs or mbox-quotes it. */
static void put_qp(struct buf *b, const char *s, size_t n)
{
	size_t col = 0, i = 0;
	while (i < n) {
		size_t k = eol_at(s, n, i);
		if (k) {
			buf_adds(b, "\r\n");
			col = 0;
			i += k;
			continue;
		}
		unsigned char c = (unsigned char)s[i];
		bool at_eol = i + 1 == n || eol_at(s, n, i + 1);
		bool lit = (c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !at_eol);
		if (col == 0 && (c == '.' || (c == 'F' && n - i >= 5 && !memcmp(s + i, "From ", 5))))
			lit = false;
		size_t w = lit ? 1 : 3;
		/* A line that goes on needs room for the soft break's '='. */
		if (col + w > (at_eol ? LINE_MAX_LEN : LINE_MAX_LEN - 1)) {
			buf_adds(b, "=\r\n");
			col = 0;
			continue;   /* the rules for a line start apply again */
		}
		if (lit) {
			buf_addc(b, (char)c);
		} else {
			char x[3] = {'=', hexdig[c >> 4], hexdig[c & 15]};
			buf_add(b, x, 3);
		}
		col += w;
		i++;
	}
}

/* Base64 (RFC 2045 §6.8) in lines of 76 characters joined by CRLF, with no
 * line break after the last one. */
static void put_base64(struct buf *b, const unsigned char *p, size_t n)
{
	static const char tab[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t col = 0;
	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned)p[i] << 16;
		if (i + 1 < n)
			v |= (unsigned)p[i + 1] << 8;
		if (i + 2 < n)
			v |= p[i + 2];
		char q[4] = {tab[(v >> 18) & 63], tab[(v >> 12) & 63],
			     i + 1 < n ? tab[(v >> 6) & 63] : '=', i + 2 < n ? tab[v & 63] : '='};
		if (col == LINE_MAX_LEN) {
			buf_adds(b, "\r\n");
			col = 0;
		}
		buf_add(b, q, 4);
		col += 4;
	}
}

/* A text/plain or text/html entity: its headers, a blank line, the body. */
static void put_text_entity(struct buf *b, const char *subtype, const char *body)
{
	buf_printf(b, "Content-Type: text/%s; charset=utf-8\r\n"
		      "Content-Transfer-Encoding: quoted-printable\r\n\r\n", subtype);
	put_qp(b, body, strlen(body));
}

/* The file name as Content-Disposition parameter: a quoted string when it is
 * plain ASCII, RFC 2231 percent-encoding otherwise. */
static void put_filename(struct buf *b, const char *name)
{
	size_t n = strlen(name);
	if (printable_ascii(name, n)) {
		buf_adds(b, " filename=\"");
		for (size_t i = 0; i < n; i++) {
			if (name[i] == '"' || name[i] == '\\')
				buf_addc(b, '\\');
			buf_addc(b, name[i]);
		}
		buf_addc(b, '"');
		return;
	}
	buf_adds(b, " filename*=UTF-8''");
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)name[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '.' || c == '_' || c == '~') {
			buf_addc(b, (char)c);
		} else {
			char x[3] = {'%', hexdig[c >> 4], hexdig[c & 15]};
			buf_add(b, x, 3);
		}
	}
}

static void put_attachment(struct buf *b, const struct mail_attachment *a)
{
	buf_printf(b, "Content-Type: %s\r\n"
		      "Content-Transfer-Encoding: base64\r\n"
		      "Content-Disposition: attachment;\r\n",
		   a->content_type ? a->content_type : "application/octet-stream");
	put_filename(b, a->filename);
	buf_adds(b, "\r\n\r\n");
	put_base64(b, (const unsigned char *)a->data, a->len);
}

/* A fresh boundary.  "=_" cannot occur in quoted-printable or base64
 * output, so the boundary cannot occur in any body we write. */
static void new_boundary(char out[40])
{
	char hex[33];
	random_hex(hex, 16);
	memcpy(out, "=_cg", 4);
	memcpy(out + 4, hex, 33);
}

/* The text, or text and html as multipart/alternative.  Writes no line
 * break after the last body line. */
static void put_main(struct buf *b, const struct mail_message *m)
{
	if (!m->html) {
		put_text_entity(b, "plain", m->text);
		return;
	}
	char bd[40];
	new_boundary(bd);
	buf_printf(b, "Content-Type: multipart/alternative;\r\n boundary=\"%s\"\r\n\r\n", bd);
	buf_printf(b, "--%s\r\n", bd);
	put_text_entity(b, "plain", m->text);
	buf_printf(b, "\r\n--%s\r\n", bd);
	put_text_entity(b, "html", m->html);
	buf_printf(b, "\r\n--%s--", bd);
}

/* Writes the whole message into b (whose overflow flag the caller checks). */
static void put_message(struct buf *b, const struct mail_message *m)
{
	struct hdr h;
	put_date(b, m->date ? m->date : (int64_t)time(NULL));
	hdr_start(&h, b, "From");
	hdr_mailbox(&h, m->from_name, m->from_addr);
	hdr_end(&h);
	hdr_start(&h, b, "To");
	hdr_mailbox(&h, m->to_name, m->to_addr);
	hdr_end(&h);
	if (m->reply_to) {
		hdr_start(&h, b, "Reply-To");
		hdr_mailbox(&h, NULL, m->reply_to);
		hdr_end(&h);
	}
	hdr_start(&h, b, "Subject");
	hdr_unstructured(&h, m->subject);
	hdr_end(&h);
	if (m->message_id) {
		buf_printf(b, "Message-ID: %s\r\n", m->message_id);
	} else {
		char hex[33];
		random_hex(hex, 16);
		buf_printf(b, "Message-ID: <%s@%s>\r\n", hex, strchr(m->from_addr, '@') + 1);
	}
	buf_adds(b, "MIME-Version: 1.0\r\n");
	if (m->lang)
		buf_printf(b, "Content-Language: %s\r\n", m->lang);
	if (!m->nattachments) {
		put_main(b, m);
		if (b->len < 2 || memcmp(b->p + b->len - 2, "\r\n", 2))
			buf_adds(b, "\r\n");
		return;
	}
	char bd[40];
	new_boundary(bd);
	buf_printf(b, "Content-Type: multipart/mixed;\r\n boundary=\"%s\"\r\n\r\n", bd);
	buf_printf(b, "--%s\r\n", bd);
	put_main(b, m);
	for (size_t i = 0; i < m->nattachments; i++) {
		buf_printf(b, "\r\n--%s\r\n", bd);
		put_attachment(b, &m->attachments[i]);
	}
	buf_printf(b, "\r\n--%s--\r\n", bd);
}

int mail_compose(const struct mail_message *m, struct buf *out, struct err *e)
{
	int rc = validate(m, e);
	if (rc)
		return rc;
	if (out->len >= out->max)
		return err_set(e, ERR_LIMIT, "", "the message is too large");
	struct buf b;
	buf_init(&b, out->max - out->len);
	put_message(&b, m);
	if (b.overflow) {
		rc = err_set(e, ERR_LIMIT, "", "the message is too large");
		goto out;
	}
	if (buf_add(out, b.p, b.len) < 0)
		rc = err_set(e, ERR_LIMIT, "", "the message is too large");
out:
	buf_release(&b);
	return rc;
}

/* ---- delivery -------------------------------------------------------- */

int mail_global_init(void)
{
	if (sodium_init() < 0)
		return -1;
	return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? 0 : -1;
}

void mail_global_cleanup(void)
{
	curl_global_cleanup();
}

/* The bytes still to upload. */
struct upload {
	const char *p;
	size_t left;
};

/* CURLOPT_READFUNCTION: hands curl the composed message as it is. */
static size_t read_cb(char *dst, size_t size, size_t nmemb, void *arg)
{
	struct upload *u = arg;
	size_t n = size * nmemb;
	if (n > u->left)
		n = u->left;
	memcpy(dst, u->p, n);
	u->p += n;
	u->left -= n;
	return n;
}

/* What the conversation left behind: the server's last reply line and the
 * verb of the last command (never its arguments: AUTH carries secrets).
 * The QUIT curl sends after a failure must not hide the failure. */
struct trace {
	char reply[160];
	char verb[12];
	bool quitting;
};

/* Copies the last non-empty line of data into dst, printable ASCII only. */
static void keep_line(char *dst, size_t cap, const char *data, size_t n)
{
	while (n && (data[n - 1] == '\r' || data[n - 1] == '\n'))
		n--;
	size_t start = n;
	while (start && data[start - 1] != '\n')
		start--;
	size_t k = 0;
	for (size_t i = start; i < n && k + 1 < cap; i++) {
		unsigned char c = (unsigned char)data[i];
		dst[k++] = c >= 0x20 && c < 0x7f ? (char)c : '?';
	}
	dst[k] = '\0';
}

/* The commands a reply can be blamed on.  Anything else curl sends is an
 * argument line (an AUTH exchange) and must not be recorded. */
static const char *const verbs[] = {"EHLO", "HELO", "STARTTLS", "AUTH", "MAIL",
				    "RCPT", "DATA", "RSET", "NOOP"};

/* CURLOPT_DEBUGFUNCTION: records replies and commands, prints nothing. */
static int debug_cb(CURL *h, curl_infotype type, char *data, size_t size, void *arg)
{
	struct trace *t = arg;
	if (t->quitting)
		return 0;
	if (type == CURLINFO_HEADER_IN) {
		keep_line(t->reply, sizeof(t->reply), data, size);
	} else if (type == CURLINFO_HEADER_OUT) {
		if (size >= 4 && !strncasecmp(data, "QUIT", 4)) {
			t->quitting = true;
			return 0;
		}
		for (size_t i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++) {
			size_t n = strlen(verbs[i]);
			if (size >= n && !strncasecmp(data, verbs[i], n) &&
			    (size == n || data[n] == ' ' || data[n] == '\r')) {
				str_copy(t->verb, sizeof(t->verb), verbs[i]);
				break;
			}
		}
	}
	return 0;
}

/* True when a 5xx reply refused this message for good: an answer to MAIL,
 * RCPT or DATA.  A refused greeting, EHLO, STARTTLS or login (530-538 may
 * come as the answer to MAIL too) is the operator's to fix, and the message
 * may go through once they have. */
static bool permanent(long code, const char *verb)
{
	if (code < 500 || code > 599 || (code >= 530 && code <= 538))
		return false;
	return !strcmp(verb, "MAIL") || !strcmp(verb, "RCPT") || !strcmp(verb, "DATA");
}

/* Fills e after a failed transfer: the server's words when it refused,
 * curl's otherwise; ERR_INVALID only for a permanent refusal. */
static int send_error(CURL *h, CURLcode cc, const struct trace *t, const char *ebuf,
		      struct err *e)
{
	long code = 0;
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
	if (code < 400 && t->reply[0] >= '4' && t->reply[0] <= '5')
		code = (t->reply[0] - '0') * 100;
	bool refused = code >= 400 && code < 600 && cc != CURLE_OPERATION_TIMEDOUT;
	int kind = refused && permanent(code, t->verb) ? ERR_INVALID : ERR_FAIL;
	if (refused && t->reply[0])
		return err_set(e, kind, "smtp", "%s (after %s)", t->reply,
			       t->verb[0] ? t->verb : "connecting");
	const char *what = curl_easy_strerror(cc);
	if (!ebuf[0] || strstr(ebuf, what))
		return err_set(e, kind, "smtp", "%s", ebuf[0] ? ebuf : what);
	return err_set(e, kind, "smtp", "%s: %s", what, ebuf);
}

/* True when url names an SMTP server we are willing to talk to. */
static bool url_ok(const char *url)
{
	if (strncasecmp(url, "smtp://", 7) && strncasecmp(url, "smtps://", 8))
		return false;
	for (const char *p = url; *p; p++)
		if ((unsigned char)*p <= 0x20 || (unsigned char)*p >= 0x7f)
			return false;
	return true;
}

int mail_send(const char *url, const struct mail_message *m, const char *composed,
	      size_t len, int timeout_s, struct err *e)
{
	/* A bad URL is the operator's to fix: not a reason to drop the message. */
	if (!url || !url_ok(url))
		return err_set(e, ERR_FAIL, "smtp", "the mail server URL must be smtp://host:port or smtps://host:port");
	if (!mail_address_ok(m->from_addr))
		return err_set(e, ERR_INVALID, "smtp", "the sender address is not valid");
	if (!mail_address_ok(m->to_addr))
		return err_set(e, ERR_INVALID, "smtp", "the recipient address is not valid");
	if (!composed || !len)
		return err_set(e, ERR_INVALID, "smtp", "the message is empty");
	if (timeout_s <= 0)
		timeout_s = 60;

	int rc = 0;
	char from[ADDR_MAX_LEN + 3], to[ADDR_MAX_LEN + 3];
	char ebuf[CURL_ERROR_SIZE] = "";
	struct trace t = {"", "", false};
	struct upload u = {composed, len};
	struct curl_slist *rcpt = NULL;
	CURL *h = curl_easy_init();
	if (!h)
		return err_set(e, ERR_FAIL, "smtp", "could not start a mail transfer");
	/* Both addresses were checked to be at most ADDR_MAX_LEN bytes. */
	snprintf(from, sizeof(from), "<%s>", m->from_addr);
	snprintf(to, sizeof(to), "<%s>", m->to_addr);
	rcpt = curl_slist_append(NULL, to);
	if (!rcpt) {
		rc = err_set(e, ERR_FAIL, "smtp", "out of memory");
		goto out;
	}
#if LIBCURL_VERSION_NUM >= 0x075500
	CURLcode pc = curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
#else
	CURLcode pc = curl_easy_setopt(h, CURLOPT_PROTOCOLS, (long)(CURLPROTO_SMTP | CURLPROTO_SMTPS));
#endif
	if (pc != CURLE_OK || curl_easy_setopt(h, CURLOPT_URL, url) != CURLE_OK) {
		rc = err_set(e, ERR_FAIL, "smtp", "the mail server URL is not usable");
		goto out;
	}
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, (long)timeout_s);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, (long)timeout_s);
	curl_easy_setopt(h, CURLOPT_USE_SSL, (long)CURLUSESSL_TRY);
	curl_easy_setopt(h, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, (curl_off_t)len);
	curl_easy_setopt(h, CURLOPT_READFUNCTION, read_cb);
	curl_easy_setopt(h, CURLOPT_READDATA, &u);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, ebuf);
	curl_easy_setopt(h, CURLOPT_DEBUGFUNCTION, debug_cb);
	curl_easy_setopt(h, CURLOPT_DEBUGDATA, &t);
	curl_easy_setopt(h, CURLOPT_VERBOSE, 1L);

	CURLcode cc = curl_easy_perform(h);
	if (cc != CURLE_OK)
		rc = send_error(h, cc, &t, ebuf, e);
out:
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(h);
	return rc;
}

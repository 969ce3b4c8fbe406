#include "tmpl/escape.h"

#include <stdint.h>
#include <string.h>
#include <strings.h>

/* Byte -> replacement, for the bytes an escaper changes; NULL keeps it. */
struct repl {
	const char *s;
	uint8_t n;
};

#define R(str) {(str), sizeof(str) - 1}

static const struct repl html_repl[256] = {
	['&'] = R("&amp;"),
	['<'] = R("&lt;"),
	['>'] = R("&gt;"),
	['"'] = R("&quot;"),
	['\''] = R("&#39;"),
};

static const struct repl js_repl[256] = {
	[0x00] = R("\\u0000"), [0x01] = R("\\u0001"), [0x02] = R("\\u0002"),
	[0x03] = R("\\u0003"), [0x04] = R("\\u0004"), [0x05] = R("\\u0005"),
	[0x06] = R("\\u0006"), [0x07] = R("\\u0007"), [0x08] = R("\\b"),
	[0x09] = R("\\t"),     [0x0a] = R("\\n"),     [0x0b] = R("\\u000b"),
	[0x0c] = R("\\f"),     [0x0d] = R("\\r"),     [0x0e] = R("\\u000e"),
	[0x0f] = R("\\u000f"), [0x10] = R("\\u0010"), [0x11] = R("\\u0011"),
	[0x12] = R("\\u0012"), [0x13] = R("\\u0013"), [0x14] = R("\\u0014"),
	[0x15] = R("\\u0015"), [0x16] = R("\\u0016"), [0x17] = R("\\u0017"),
	[0x18] = R("\\u0018"), [0x19] = R("\\u0019"), [0x1a] = R("\\u001a"),
	[0x1b] = R("\\u001b"), [0x1c] = R("\\u001c"), [0x1d] = R("\\u001d"),
	[0x1e] = R("\\u001e"), [0x1f] = R("\\u001f"),
	['"'] = R("\\\""),
	['\\'] = R("\\\\"),
	['<'] = R("\\u003c"),
	['>'] = R("\\u003e"),
	['&'] = R("\\u0026"),
	['\''] = R("\\u0027"),
};

#undef R

/* Copies s to out, replacing the bytes tab names; runs of kept bytes are
 * appended in one go. */
static void esc_table(struct buf *out, const struct repl *tab,
		      const char *s, size_t n)
{
	size_t start = 0;
	for (size_t i = 0; i < n; i++) {
		const struct repl *r = &tab[(unsigned char)s[i]];
		if (!r->s)
			continue;
		if (i > start)
			buf_add(out, s + start, i - start);
		buf_add(out, r->s, r->n);
		start = i + 1;
	}
	if (n > start)
		buf_add(out, s + start, n - start);
}

void esc_html(struct buf *out, const char *s, size_t n)
{
	esc_table(out, html_repl, s, n);
}

static int is_unreserved(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
	       c == '~';
}

void esc_url_component(struct buf *out, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t start = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (is_unreserved(c))
			continue;
		if (i > start)
			buf_add(out, s + start, i - start);
		char pct[3] = {'%', hex[c >> 4], hex[c & 15]};
		buf_add(out, pct, 3);
		start = i + 1;
	}
	if (n > start)
		buf_add(out, s + start, n - start);
}

static const char *const safe_schemes[] = {"http", "https", "mailto", "tel"};

int esc_url_is_safe(const char *s, size_t n)
{
	char scheme[8];
	size_t len = 0, i = 0;
	int too_long = 0;

	while (i < n && (unsigned char)s[i] <= 0x20)
		i++;
	for (; i < n; i++) {
		char c = s[i];
		if (c == '\t' || c == '\n' || c == '\r')
			continue;
		if (c == '/' || c == '?' || c == '#')
			return 1;
		if (c == ':')
			break;
		if (len < sizeof(scheme))
			scheme[len++] = c;
		else
			too_long = 1;
	}
	if (i == n)
		return 1;	/* no scheme: relative */
	if (too_long || len == 0)
		return 0;
	for (size_t k = 0; k < sizeof(safe_schemes) / sizeof(safe_schemes[0]); k++) {
		if (strlen(safe_schemes[k]) == len &&
		    strncasecmp(scheme, safe_schemes[k], len) == 0)
			return 1;
	}
	return 0;
}

void esc_js_string(struct buf *out, const char *s, size_t n)
{
	size_t start = 0;
	buf_addc(out, '"');
	for (size_t i = 0; i + 2 < n; i++) {
		/* U+2028 and U+2029 end a line in older JavaScript. */
		if ((unsigned char)s[i] == 0xe2 && (unsigned char)s[i + 1] == 0x80 &&
		    ((unsigned char)s[i + 2] == 0xa8 || (unsigned char)s[i + 2] == 0xa9)) {
			esc_table(out, js_repl, s + start, i - start);
			buf_adds(out, (unsigned char)s[i + 2] == 0xa8 ? "\\u2028" : "\\u2029");
			i += 2;
			start = i + 1;
		}
	}
	esc_table(out, js_repl, s + start, n - start);
	buf_addc(out, '"');
}

void esc_xml(struct buf *out, const char *s)
{
	for (const char *p = s ? s : ""; *p;) {
		const char *q = p;
		while (*q && ((unsigned char)*q >= 0x20 || *q == '\t' || *q == '\n' || *q == '\r'))
			q++;
		esc_html(out, p, (size_t)(q - p));
		if (!*q)
			break;
		buf_addc(out, ' ');
		p = q + 1;
	}
}

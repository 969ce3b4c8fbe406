#include "web/cookie.h"

#include <stdbool.h>
#include <string.h>

#include "core/str.h"



/* RFC 6265 §4.1.1 cookie-octet: printable ASCII but for space, '"', ',',
 * ';' and '\'. */
static bool is_cookie_octet(unsigned char c)
{
	return c >= 0x21 && c <= 0x7e && c != '"' && c != ',' && c != ';' &&
	       c != '\\';
}

static struct str trim_ows(struct str s)
{
	while (s.len && (s.p[0] == ' ' || s.p[0] == '\t')) {
		s.p++;
		s.len--;
	}
	while (s.len && (s.p[s.len - 1] == ' ' || s.p[s.len - 1] == '\t'))
		s.len--;
	return s;
}

/* What a lenient reader keeps: any UTF-8 text without control bytes.
 * Browsers send back whatever a server once set, spaces and commas
 * included, so only what would hurt later code is refused. */
static bool value_usable(struct str v)
{
	for (size_t i = 0; i < v.len; i++) {
		unsigned char c = (unsigned char)v.p[i];

		if (c < 0x20 || c == 0x7f)
			return false;
	}
	return utf8_valid(v.p, v.len);
}

size_t cookie_parse(struct arena *a, const char *header, struct cookie *out,
		    size_t max)
{
	struct str rest, pair, name, value;
	size_t n = 0;

	if (!header || !out)
		return 0;
	if (max > COOKIE_MAX)
		max = COOKIE_MAX;
	rest = str_from(header);
	while (rest.p && n < max) {
		rest = str_cut(rest, ';', &pair);
		value = str_cut(pair, '=', &name);
		if (!value.p)
			continue;   /* no '=': not a pair */
		name = trim_ows(name);
		value = trim_ows(value);
		if (!str_is_token(name))
			continue;
		if (value.len >= 2 && value.p[0] == '"' &&
		    value.p[value.len - 1] == '"') {
			value.p++;
			value.len -= 2;
		}
		if (!value_usable(value))
			continue;
		out[n].name = arena_strndup(a, name.p, name.len);
		out[n].value = arena_strndup(a, value.p, value.len);
		n++;
	}
	return n;
}

const char *cookie_get(const struct cookie *c, size_t n, const char *name)
{
	if (!c || !name)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(c[i].name, name) == 0)
			return c[i].value;
	}
	return NULL;
}

/* cookie-value = *cookie-octet / ( DQUOTE *cookie-octet DQUOTE ) */
static bool value_ok(const char *v)
{
	size_t n = strlen(v);

	if (n >= 2 && v[0] == '"' && v[n - 1] == '"') {
		v++;
		n -= 2;
	}
	for (size_t i = 0; i < n; i++) {
		if (!is_cookie_octet((unsigned char)v[i]))
			return false;
	}
	return true;
}

/* path-value: any CHAR but CTLs or ';'.  Only absolute paths: a browser
 * ignores any other and falls back to the request's directory, which is
 * never what the caller meant. */
static bool path_ok(const char *p)
{
	if (p[0] != '/')
		return false;
	for (; *p; p++) {
		unsigned char c = (unsigned char)*p;

		if (c < 0x20 || c >= 0x7f || c == ';')
			return false;
	}
	return true;
}

int cookie_format(struct buf *out, const char *name, const char *value,
		  const struct cookie_attrs *at)
{
	size_t old = out->len;
	int r = 0;

	if (!name || !value || !str_is_token(str_from(name)) || !value_ok(value))
		return -1;
	if (at && at->path && !path_ok(at->path))
		return -1;
	if (at && at->same_site && strcmp(at->same_site, "Lax") != 0 &&
	    strcmp(at->same_site, "Strict") != 0)
		return -1;

	r |= buf_adds(out, name);
	r |= buf_addc(out, '=');
	r |= buf_adds(out, value);
	if (at) {
		if (at->path)
			r |= buf_printf(out, "; Path=%s", at->path);
		if (at->max_age == 0)
			r |= buf_adds(out, "; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT");
		else if (at->max_age > 0)
			r |= buf_printf(out, "; Max-Age=%ld", at->max_age);
		if (at->secure)
			r |= buf_adds(out, "; Secure");
		if (at->http_only)
			r |= buf_adds(out, "; HttpOnly");
		if (at->same_site)
			r |= buf_printf(out, "; SameSite=%s", at->same_site);
	}
	if (r) {
		/* An append past the maximum: undo the ones that fitted. */
		if (out->len > old) {
			out->len = old;
			out->p[old] = '\0';
		}
		return -1;
	}
	return 0;
}

#include "web/form.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/str.h"

const struct form_limits form_default_limits = {
	.max_fields = 256,
	.max_name = 256,
	.max_value = (size_t)64 << 10,
	.max_file = (size_t)10 << 20,
};

/* Bytes of one part's header section, blank line included. */
#define MP_MAX_HEADERS 8192
/* Parameters in one Content-Type or Content-Disposition value. */
#define MP_MAX_PARAMS 8
/* RFC 2046 §5.1.1. */
#define BOUNDARY_MAX 70

/* Fills e with the message and the field name, cut at a character boundary
 * so that e->field stays valid UTF-8 (it may end up in a JSON answer).
 * field must be valid UTF-8 or NULL. */
static int fail(struct err *e, int code, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int fail(struct err *e, int code, const char *field, const char *fmt, ...)
{
	char name[sizeof(e->field)], msg[sizeof(e->msg)];
	size_t n = field ? strlen(field) : 0;
	va_list ap;

	if (n >= sizeof(name)) {
		n = sizeof(name) - 1;
		while (n && ((unsigned char)field[n] & 0xc0) == 0x80)
			n--;
	}
	if (n)
		memcpy(name, field, n);
	name[n] = '\0';
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return err_set(e, code, name, "%s", msg);
}

/* ---- percent-decoding ---- */

static int hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Checks every escape and counts the decoded bytes. */
static int pct_len(const char *s, size_t len, size_t *n)
{
	size_t i = 0, k = 0;

	while (i < len) {
		if (s[i] == '%') {
			if (len - i < 3 || hexval((unsigned char)s[i + 1]) < 0 ||
			    hexval((unsigned char)s[i + 2]) < 0)
				return -1;
			i += 3;
		} else {
			i++;
		}
		k++;
	}
	*n = k;
	return 0;
}

/* Decodes what pct_len accepted; dst has room for its count. */
static void pct_copy(char *dst, const char *s, size_t len, int plus_is_space)
{
	size_t i = 0;

	while (i < len) {
		if (s[i] == '%') {
			*dst++ = (char)(hexval((unsigned char)s[i + 1]) << 4 |
					hexval((unsigned char)s[i + 2]));
			i += 3;
		} else {
			*dst++ = plus_is_space && s[i] == '+' ? ' ' : s[i];
			i++;
		}
	}
}

int form_decode(struct arena *a, const char *s, size_t len, int plus_is_space,
		char **out, size_t *outlen)
{
	size_t n;
	char *p;

	if (pct_len(s, len, &n) < 0)
		return -1;
	p = arena_alloc(a, n + 1);
	pct_copy(p, s, len, plus_is_space);
	p[n] = '\0';
	*out = p;
	if (outlen)
		*outlen = n;
	return 0;
}

/* ---- application/x-www-form-urlencoded ---- */

/* Decodes and checks one name=value pair into f. */
static int url_field(struct arena *a, struct str name, struct str val,
		     const struct form_limits *lim, struct form_field *f,
		     struct err *e)
{
	char *n, *v;
	size_t nlen, vlen;

	if (pct_len(name.p, name.len, &nlen) < 0)
		return fail(e, ERR_INVALID, NULL,
			    "A field name has a '%%' not followed by two hex digits.");
	if (nlen > lim->max_name)
		return fail(e, ERR_LIMIT, NULL,
			    "A field name is longer than %zu bytes.", lim->max_name);
	form_decode(a, name.p, name.len, 1, &n, &nlen);
	if (!utf8_valid(n, nlen))
		return fail(e, ERR_INVALID, NULL,
			    "A field name is not valid UTF-8 text.");
	if (pct_len(val.p, val.len, &vlen) < 0)
		return fail(e, ERR_INVALID, n,
			    "The value has a '%%' not followed by two hex digits.");
	if (vlen > lim->max_value)
		return fail(e, ERR_LIMIT, n,
			    "The value is longer than %zu bytes.", lim->max_value);
	form_decode(a, val.p, val.len, 1, &v, &vlen);
	if (!utf8_valid(v, vlen))
		return fail(e, ERR_INVALID, n,
			    "The value is not valid UTF-8 text or contains a NUL byte.");
	f->name = n;
	f->value = v;
	f->len = vlen;
	return 0;
}

int form_parse_urlencoded(struct arena *a, const char *s, size_t len,
			  const struct form_limits *lim, struct form *out,
			  struct err *e)
{
	struct form_field *fields;
	struct str rest, pair, name, val;
	size_t count = 0, n = 0;
	int rc;

	out->fields = NULL;
	out->n = 0;
	if (!lim)
		lim = &form_default_limits;
	if (!s || !len)
		return 0;

	/* Size the array once: at most one field per non-empty pair. */
	for (rest = (struct str){s, len}; rest.p;) {
		rest = str_cut(rest, '&', &pair);
		if (pair.len)
			count++;
	}
	if (count > lim->max_fields)
		count = lim->max_fields;
	fields = count ? arena_alloc(a, count * sizeof(*fields)) : NULL;

	for (rest = (struct str){s, len}; rest.p;) {
		rest = str_cut(rest, '&', &pair);
		val = str_cut(pair, '=', &name);
		if (!name.len)
			continue;
		if (n == lim->max_fields)
			return fail(e, ERR_LIMIT, NULL,
				    "The form has more than %zu fields.",
				    lim->max_fields);
		rc = url_field(a, name, val, lim, &fields[n], e);
		if (rc < 0)
			return rc;
		n++;
	}
	out->fields = n ? fields : NULL;
	out->n = n;
	return 0;
}

/* ---- header values with parameters (RFC 7231 §3.1.1.1) ---- */

struct param {
	struct str name;
	const char *value;  /* arena copy, quotes and escapes removed */
	size_t len;
};


static bool is_ctl(unsigned char c)
{
	return (c < 0x20 && c != '\t') || c == 0x7f;
}

static size_t skip_ows(const char *p, size_t i, size_t n)
{
	while (i < n && (p[i] == ' ' || p[i] == '\t'))
		i++;
	return i;
}

/* Reads a quoted-string starting at the '"' at *i.  A backslash escapes only
 * '"' and '\': browsers do not escape backslashes in file names
 * ("C:\dir\a.txt"), so any other backslash is kept as it is. */
static int quoted(struct arena *a, const char *p, size_t n, size_t *i,
		  struct param *out)
{
	size_t j, k = 0;
	char *v;

	for (j = *i + 1; j < n && p[j] != '"'; j++, k++) {
		if (p[j] == '\\' && j + 1 < n && (p[j + 1] == '"' || p[j + 1] == '\\'))
			j++;
	}
	if (j == n)
		return -1;
	v = arena_alloc(a, k + 1);
	for (j = *i + 1, k = 0; p[j] != '"'; j++) {
		if (p[j] == '\\' && (p[j + 1] == '"' || p[j + 1] == '\\'))
			j++;
		v[k++] = p[j];
	}
	out->value = v;
	out->len = k;
	*i = j + 1;
	return 0;
}

/* Splits `type; a=b; c="d"` into the type and up to max parameters.
 * Unquoted values are taken up to ';' or white space (boundaries often hold
 * characters that are not token characters).  Returns the parameter count,
 * or -1 when the value is malformed or has more than max parameters. */
static int parse_params(struct arena *a, struct str s, struct str *type,
			struct param *out, size_t max)
{
	const char *p = s.p;
	size_t n = s.len, i, start, k = 0;

	for (i = 0; i < n; i++) {
		if (is_ctl((unsigned char)p[i]))
			return -1;
	}
	i = skip_ows(p, 0, n);
	for (start = i; i < n && p[i] != ';' && p[i] != ' ' && p[i] != '\t'; i++)
		;
	*type = (struct str){p + start, i - start};
	i = skip_ows(p, i, n);
	while (i < n) {
		struct param pm;

		if (p[i] != ';')
			return -1;
		i = skip_ows(p, i + 1, n);
		if (i == n || p[i] == ';')
			continue;
		for (start = i; i < n && str_is_tchar((unsigned char)p[i]); i++)
			;
		if (i == start)
			return -1;
		pm.name = (struct str){p + start, i - start};
		i = skip_ows(p, i, n);
		if (i == n || p[i] != '=')
			return -1;
		i = skip_ows(p, i + 1, n);
		if (i < n && p[i] == '"') {
			if (quoted(a, p, n, &i, &pm) < 0)
				return -1;
		} else {
			for (start = i; i < n && p[i] != ';' && p[i] != ' ' &&
			     p[i] != '\t' && p[i] != '"'; i++)
				;
			if (i == start)
				return -1;
			pm.value = arena_strndup(a, p + start, i - start);
			pm.len = i - start;
		}
		if (k == max)
			return -1;
		out[k++] = pm;
		i = skip_ows(p, i, n);
	}
	return (int)k;
}

/* Finds the parameter called name: 0 and *v set, 1 when absent, -1 when
 * given twice (two readers could disagree on which one counts). */
static int param_get(const struct param *p, int np, const char *name,
		     const struct param **v)
{
	*v = NULL;
	for (int i = 0; i < np; i++) {
		if (!str_eq_nocase(p[i].name, name))
			continue;
		if (*v)
			return -1;
		*v = &p[i];
	}
	return *v ? 0 : 1;
}

/* ---- multipart/form-data ---- */

struct mp {
	struct arena *a;
	const struct form_limits *lim;
	struct err *e;
	const char *body;
	size_t len;
	char *delim;         /* "\n--" boundary */
	size_t dlen;
	struct form_field *fields;
	size_t n, cap;
};

/* RFC 2046 bcharsnospace, plus the space allowed inside. */
static bool is_bchar(unsigned char c)
{
	if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z'))
		return true;
	switch (c) {
	case '\'': case '(': case ')': case '+': case '_': case ',':
	case '-': case '.': case '/': case ':': case '=': case '?': case ' ':
		return true;
	default:
		return false;
	}
}

static bool boundary_ok(const char *b, size_t n)
{
	if (n < 1 || n > BOUNDARY_MAX || b[n - 1] == ' ')
		return false;
	for (size_t i = 0; i < n; i++) {
		if (!is_bchar((unsigned char)b[i]))
			return false;
	}
	return true;
}

/* Looks at what follows a "--boundary" ending at index at: 1 for the close
 * delimiter, 0 for a delimiter line (then *next is where the part begins),
 * -1 when this is not a delimiter at all (say "--boundaryX"). */
static int mp_after(const struct mp *m, size_t at, size_t *next)
{
	size_t i = at;

	if (m->len - at >= 2 && m->body[at] == '-' && m->body[at + 1] == '-')
		return 1;
	while (i < m->len && (m->body[i] == ' ' || m->body[i] == '\t'))
		i++;
	if (i < m->len && m->body[i] == '\r')
		i++;
	if (i < m->len && m->body[i] == '\n') {
		*next = i + 1;
		return 0;
	}
	return -1;
}

/* Finds the first delimiter (CRLF or LF, "--", boundary) at or after from.
 * *nl is the index of its LF.  Returns as mp_after, or -1 when none. */
static int mp_find(const struct mp *m, size_t from, size_t *nl, size_t *next)
{
	while (from < m->len) {
		const char *hit = memmem(m->body + from, m->len - from,
					 m->delim, m->dlen);
		int r;

		if (!hit)
			return -1;
		*nl = (size_t)(hit - m->body);
		r = mp_after(m, *nl + m->dlen, next);
		if (r >= 0)
			return r;
		from = *nl + 1;
	}
	return -1;
}

static int mp_disposition(struct mp *m, struct str v, struct form_field *f)
{
	struct param ps[MP_MAX_PARAMS];
	const struct param *name, *file;
	struct str type;
	int np;

	np = parse_params(m->a, v, &type, ps, MP_MAX_PARAMS);
	if (np < 0)
		return fail(m->e, ERR_INVALID, NULL,
			    "A part has a malformed Content-Disposition header.");
	if (!str_eq_nocase(type, "form-data"))
		return fail(m->e, ERR_INVALID, NULL,
			    "A part's Content-Disposition is not form-data.");
	if (param_get(ps, np, "name", &name) < 0 ||
	    param_get(ps, np, "filename", &file) < 0)
		return fail(m->e, ERR_INVALID, NULL,
			    "A part's Content-Disposition repeats a parameter.");
	if (!name || !name->len)
		return fail(m->e, ERR_INVALID, NULL, "A part has no field name.");
	if (name->len > m->lim->max_name)
		return fail(m->e, ERR_LIMIT, NULL,
			    "A field name is longer than %zu bytes.",
			    m->lim->max_name);
	if (!utf8_valid(name->value, name->len))
		return fail(m->e, ERR_INVALID, NULL,
			    "A field name is not valid UTF-8 text.");
	f->name = name->value;
	if (file) {
		if (!utf8_valid(file->value, file->len))
			return fail(m->e, ERR_INVALID, f->name,
				    "The file name is not valid UTF-8 text.");
		f->filename = file->value;
	}
	return 0;
}

/* Reads one header line (without its line end) into f. */
static int mp_header(struct mp *m, struct str line, struct form_field *f)
{
	struct str name, v;
	size_t skip;

	if (line.p[0] == ' ' || line.p[0] == '\t')
		return fail(m->e, ERR_INVALID, f->name,
			    "A part has a folded header line.");
	v = str_cut(line, ':', &name);
	if (!v.p || !name.len)
		return fail(m->e, ERR_INVALID, f->name,
			    "A part has a malformed header line.");
	for (size_t i = 0; i < name.len; i++) {
		if (!str_is_tchar((unsigned char)name.p[i]))
			return fail(m->e, ERR_INVALID, f->name,
				    "A part has a malformed header name.");
	}
	skip = skip_ows(v.p, 0, v.len);
	v.p += skip;
	v.len -= skip;
	while (v.len && (v.p[v.len - 1] == ' ' || v.p[v.len - 1] == '\t'))
		v.len--;
	for (size_t i = 0; i < v.len; i++) {
		if (is_ctl((unsigned char)v.p[i]))
			return fail(m->e, ERR_INVALID, f->name,
				    "A part header holds a control character.");
	}

	if (str_eq_nocase(name, "Content-Disposition")) {
		if (f->name)
			return fail(m->e, ERR_INVALID, f->name,
				    "A part has two Content-Disposition headers.");
		return mp_disposition(m, v, f);
	}
	if (str_eq_nocase(name, "Content-Type")) {
		if (f->content_type)
			return fail(m->e, ERR_INVALID, f->name,
				    "A part has two Content-Type headers.");
		if (!utf8_valid(v.p, v.len))
			return fail(m->e, ERR_INVALID, f->name,
				    "A part's Content-Type is not valid UTF-8 text.");
		f->content_type = arena_strndup(m->a, v.p, v.len);
	}
	return 0;   /* other headers (Content-Transfer-Encoding...) are ignored */
}

/* Reads the header section of a part starting at *pos, up to and including
 * its blank line; *pos is left at the first byte of content. */
static int mp_headers(struct mp *m, size_t *pos, struct form_field *f)
{
	size_t start = *pos, i = *pos;

	for (;;) {
		size_t left = m->len - i, room = MP_MAX_HEADERS - (i - start);
		size_t look = left < room ? left : room, end;
		const char *lf = memchr(m->body + i, '\n', look);
		struct str line;
		int rc;

		if (!lf) {
			if (left > room)
				return fail(m->e, ERR_LIMIT, f->name,
					    "A part's headers are longer than %d bytes.",
					    MP_MAX_HEADERS);
			return fail(m->e, ERR_INVALID, f->name,
				    "The body ends inside a part's headers.");
		}
		end = (size_t)(lf - m->body);
		line = (struct str){m->body + i, end - i};
		if (line.len && line.p[line.len - 1] == '\r')
			line.len--;
		i = end + 1;
		if (!line.len)
			break;
		rc = mp_header(m, line, f);
		if (rc < 0)
			return rc;
	}
	if (!f->name)
		return fail(m->e, ERR_INVALID, NULL,
			    "A part has no Content-Disposition header.");
	*pos = i;
	return 0;
}

/* Checks a part's content against the limits and appends the field. */
static int mp_add(struct mp *m, struct form_field *f, const char *p, size_t n)
{
	if (f->filename) {
		if (n > m->lim->max_file)
			return fail(m->e, ERR_LIMIT, f->name,
				    "The file is larger than %zu bytes.",
				    m->lim->max_file);
	} else {
		if (n > m->lim->max_value)
			return fail(m->e, ERR_LIMIT, f->name,
				    "The value is longer than %zu bytes.",
				    m->lim->max_value);
		if (!utf8_valid(p, n))
			return fail(m->e, ERR_INVALID, f->name,
				    "The value is not valid UTF-8 text or contains a NUL byte.");
	}
	if (m->n == m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 8;
		struct form_field *nf;

		if (cap > m->lim->max_fields)
			cap = m->lim->max_fields;
		nf = arena_alloc(m->a, cap * sizeof(*nf));
		if (m->n)
			memcpy(nf, m->fields, m->n * sizeof(*nf));
		m->fields = nf;
		m->cap = cap;
	}
	f->value = arena_strndup(m->a, p, n);
	f->len = n;
	m->fields[m->n++] = *f;
	return 0;
}

/* Reads the boundary out of the Content-Type header into m->delim. */
static int mp_boundary(struct mp *m, const char *content_type)
{
	struct param ps[MP_MAX_PARAMS];
	const struct param *b;
	struct str type;
	int np;

	if (!content_type)
		return fail(m->e, ERR_INVALID, NULL, "The request has no Content-Type.");
	np = parse_params(m->a, str_from(content_type), &type, ps, MP_MAX_PARAMS);
	if (np < 0)
		return fail(m->e, ERR_INVALID, NULL,
			    "The Content-Type header is malformed.");
	if (!str_eq_nocase(type, "multipart/form-data"))
		return fail(m->e, ERR_INVALID, NULL,
			    "The Content-Type is not multipart/form-data.");
	if (param_get(ps, np, "boundary", &b) != 0)
		return fail(m->e, ERR_INVALID, NULL,
			    "The Content-Type needs exactly one boundary.");
	if (!boundary_ok(b->value, b->len))
		return fail(m->e, ERR_INVALID, NULL,
			    "The multipart boundary is not 1-70 allowed characters.");
	m->dlen = b->len + 3;
	m->delim = arena_alloc(m->a, m->dlen + 1);
	memcpy(m->delim, "\n--", 3);
	memcpy(m->delim + 3, b->value, b->len);
	return 0;
}

int form_parse_multipart(struct arena *a, const char *content_type,
			 const char *body, size_t len,
			 const struct form_limits *lim, struct form *out,
			 struct err *e)
{
	struct mp m = {.a = a, .lim = lim ? lim : &form_default_limits, .e = e,
		       .body = body ? body : "", .len = body ? len : 0};
	size_t next = 0, nl;
	int rc, r = -1;

	out->fields = NULL;
	out->n = 0;
	rc = mp_boundary(&m, content_type);
	if (rc < 0)
		return rc;

	/* The first delimiter may open the body, without a line end before it. */
	if (m.len >= m.dlen - 1 && memcmp(m.body, m.delim + 1, m.dlen - 1) == 0)
		r = mp_after(&m, m.dlen - 1, &next);
	if (r < 0)
		r = mp_find(&m, 0, &nl, &next);
	if (r < 0)
		return fail(e, ERR_INVALID, NULL,
			    "The body has no multipart boundary line.");

	while (r == 0) {
		struct form_field f = {0};
		size_t pos = next, end;

		if (m.n == m.lim->max_fields)
			return fail(e, ERR_LIMIT, NULL,
				    "The form has more than %zu fields.",
				    m.lim->max_fields);
		rc = mp_headers(&m, &pos, &f);
		if (rc < 0)
			return rc;
		/* From the LF of the blank line: a delimiter right after it
		 * means empty content (the boundary never occurs in content). */
		r = mp_find(&m, pos - 1, &nl, &next);
		if (r < 0)
			return fail(e, ERR_INVALID, f.name,
				    "The body ends before its closing boundary.");
		end = nl < pos ? pos : nl;
		if (end > pos && m.body[end - 1] == '\r')
			end--;
		rc = mp_add(&m, &f, m.body + pos, end - pos);
		if (rc < 0)
			return rc;
	}
	out->fields = m.fields;
	out->n = m.n;
	return 0;
}

/* ---- lookup ---- */

const struct form_field *form_field(const struct form *f, const char *name)
{
	if (!f || !name)
		return NULL;
	for (size_t i = 0; i < f->n; i++) {
		if (strcmp(f->fields[i].name, name) == 0)
			return &f->fields[i];
	}
	return NULL;
}

const char *form_get(const struct form *f, const char *name)
{
	const struct form_field *ff = form_field(f, name);

	return ff ? ff->value : NULL;
}

static void form_source_get(void *ctx, const char *name, struct field_value *v)
{
	const struct form_field *f = form_field(ctx, name);
	if (f)
		*v = (struct field_value){.kind = FIELD_STRING, .s = f->value, .len = f->len};
}

struct field_source form_source(const struct form *f)
{
	return (struct field_source){.get = form_source_get, .ctx = (void *)f, .typed = false};
}

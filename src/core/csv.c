/* csv: a hand-written RFC 4180 state machine (see docs/internals/csv.md for
 * why not libcsv).  One pass checks the bytes (UTF-8, no NUL), a second reads
 * records.  A record is first scanned into spans of the input; only a record
 * that is kept is copied into the arena, so rejected rows cost a message.
 */
#include "core/csv.h"

#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/str.h"

const struct csv_limits csv_default_limits = {
	.max_bytes = (size_t)20 << 20,
	.max_rows = 100000,
	.max_cols = 200,
	.max_field = (size_t)64 << 10,
};

/* What can be wrong with one record without making the file unusable. */
enum problem { P_NONE, P_STRAY_QUOTE, P_AFTER_QUOTE, P_LONE_CR };

static const char *const problem_text[] = {
	[P_NONE] = "",
	[P_STRAY_QUOTE] = ("has a quote (\") in the middle; put the whole "
			   "field in quotes and write the quote twice (\"\")"),
	[P_AFTER_QUOTE] = "has text after its closing quote",
	[P_LONE_CR] = "has a carriage return (CR) without a line feed",
};

/* One field of the record being read, as a place in the input. */
struct span {
	size_t off;    /* first byte; inside the quotes when quoted */
	size_t raw;    /* bytes it covers in the input */
	size_t len;    /* bytes once unquoted */
	bool quoted;   /* raw holds doubled quotes to undo */
};

struct parser {
	struct arena *a;
	const char *s;
	size_t n, i;
	size_t line;          /* physical line of s[i], 1-based */
	size_t rec_line;      /* where the current record starts */
	char delim;
	struct csv_limits lim;
	struct err *e;
	struct span *f;       /* fields of the current record, reused */
	size_t nf, capf;
	enum problem prob;    /* first problem of the current record */
	size_t prob_field;    /* its field, 1-based */
};

/* Line of byte off: one more than the LFs before it. */
static size_t line_at(const char *s, size_t off)
{
	size_t line = 1;
	const char *p = s, *end = s + off, *nl;

	while (p < end && (nl = memchr(p, '\n', (size_t)(end - p)))) {
		line++;
		p = nl + 1;
	}
	return line;
}

/* Checks that all of s is UTF-8 without NUL, line by line so that the first
 * bad line can be named (no UTF-8 sequence holds the byte LF).  Returns 0, or
 * ERR_INVALID with e filled. */
static int check_text(const char *s, size_t n, struct err *e)
{
	size_t i = 0, line = 1;

	while (i < n) {
		const char *nl = memchr(s + i, '\n', n - i);
		size_t end = nl ? (size_t)(nl - s) : n;

		if (!utf8_valid(s + i, end - i)) {
			if (memchr(s + i, '\0', end - i))
				return err_set(e, ERR_INVALID, NULL,
					       "line %zu: the file holds a NUL byte, so it is "
					       "not text; export it again as CSV", line);
			return err_set(e, ERR_INVALID, NULL,
				       "line %zu: the text is not UTF-8; in the "
				       "spreadsheet, save as \"CSV UTF-8\" and upload "
				       "it again", line);
		}
		i = end + 1;
		line++;
	}
	return 0;
}

/* Remembers the first problem of the current record only: later ones are
 * often consequences of it. */
static void problem(struct parser *p, enum problem k)
{
	if (p->prob == P_NONE) {
		p->prob = k;
		p->prob_field = p->nf + 1;
	}
}

/* True when s[i] ends a field: delim, LF, CRLF or the end. */
static bool at_field_end(const struct parser *p, size_t i)
{
	const char *s = p->s;

	return i == p->n || s[i] == p->delim || s[i] == '\n' ||
	       (s[i] == '\r' && i + 1 < p->n && s[i + 1] == '\n');
}

/* Reads one field from *pos and appends its span; leaves *pos at what ended
 * it (see at_field_end).  Fatal: an unterminated quote (ERR_INVALID), too
 * many columns or too long a field (ERR_LIMIT).  After a record problem the
 * rest of the field is read as unquoted text, so that a stray quote cannot
 * swallow the lines after it. */
static int read_field(struct parser *p, size_t *pos)
{
	const char *s = p->s;
	size_t n = p->n, i = *pos, start_line = p->line;
	struct span f = {0};
	bool rest = true;   /* an unquoted run follows */

	if (p->nf == p->lim.max_cols)
		return err_set(p->e, ERR_LIMIT, NULL,
			       "line %zu: more than %zu columns", p->rec_line,
			       p->lim.max_cols);
	f.off = i;
	if (i < n && s[i] == '"') {
		f.quoted = true;
		f.off = ++i;
		for (;;) {
			if (i == n)
				return err_set(p->e, ERR_INVALID, NULL,
					       "line %zu: a quoted field starts here "
					       "but its closing quote is missing",
					       start_line);
			if (s[i] == '"') {
				if (i + 1 == n || s[i + 1] != '"')
					break;
				i++;
			} else if (s[i] == '\n') {
				p->line++;
			}
			i++;
			f.len++;
		}
		f.raw = i - f.off;
		i++;   /* the closing quote */
		rest = !at_field_end(p, i);
		if (rest) {
			problem(p, P_AFTER_QUOTE);
			f.quoted = false;   /* raw bytes, quotes and all */
		}
	}
	if (rest) {
		for (; i < n; i++) {
			char c = s[i];

			if (c == p->delim || c == '\n')
				break;
			if (c == '\r') {
				if (i + 1 < n && s[i + 1] == '\n')
					break;
				problem(p, P_LONE_CR);
			} else if (c == '"') {
				problem(p, P_STRAY_QUOTE);
			}
		}
		f.raw = i - f.off;
		f.len = f.raw;
	}
	if (f.len > p->lim.max_field)
		return err_set(p->e, ERR_LIMIT, NULL,
			       "line %zu: a field is longer than %zu bytes",
			       start_line, p->lim.max_field);
	p->f = arena_grow(p->a, p->f, p->nf, &p->capf, sizeof(*p->f));
	p->f[p->nf++] = f;
	*pos = i;
	return 0;
}

/* Reads the next record into p->f / p->nf, skipping blank lines first; *line
 * gets the line where it starts.  Returns 1, 0 at the end of the input, or a
 * fatal error from read_field. */
static int read_record(struct parser *p, size_t *line)
{
	const char *s = p->s;
	size_t n = p->n, i = p->i;
	int rc;

	while (i < n && (s[i] == '\n' ||
			 (s[i] == '\r' && i + 1 < n && s[i + 1] == '\n'))) {
		i += s[i] == '\r' ? 2 : 1;
		p->line++;
	}
	p->i = i;
	if (i == n)
		return 0;
	*line = p->rec_line = p->line;
	p->nf = 0;
	p->prob = P_NONE;
	for (;;) {
		rc = read_field(p, &i);
		if (rc < 0)
			return rc;
		if (i == n)
			break;
		if (s[i] == p->delim) {
			i++;
			continue;
		}
		i += s[i] == '\r' ? 2 : 1;   /* CRLF or LF */
		p->line++;
		break;
	}
	p->i = i;
	return 1;
}

/* Copies the field to d (f->len + 1 bytes), doubled quotes undone and
 * NUL-terminated; returns the byte after the NUL. */
static char *field_copy(const struct parser *p, const struct span *f, char *d)
{
	const char *s = p->s + f->off, *end = s + f->raw, *q;

	if (f->quoted) {
		while ((q = memchr(s, '"', (size_t)(end - s)))) {
			memcpy(d, s, (size_t)(q - s) + 1);   /* through the quote */
			d += q - s + 1;
			s = q + 2;                          /* past its double */
		}
	}
	memcpy(d, s, (size_t)(end - s));
	d += end - s;
	*d++ = '\0';
	return d;
}

/* One byte folded for comparing names: ASCII letters, and the second byte
 * of À..Þ (C3 80..9E but not × C3 97) after a C3 lead byte. */
static unsigned char fold(unsigned char prev, unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return (unsigned char)(c + 32);
	if (prev == 0xc3 && c >= 0x80 && c <= 0x9e && c != 0x97)
		return (unsigned char)(c + 0x20);
	return c;
}

/* Orders names as fold sees them; 0 exactly when they are the same name. */
static int fold_cmp(struct str a, struct str b)
{
	const unsigned char *x = (const unsigned char *)a.p;
	const unsigned char *y = (const unsigned char *)b.p;
	size_t n = a.len < b.len ? a.len : b.len;

	for (size_t i = 0; i < n; i++) {
		unsigned char cx = fold(i ? x[i - 1] : 0, x[i]);
		unsigned char cy = fold(i ? y[i - 1] : 0, y[i]);

		if (cx != cy)
			return cx < cy ? -1 : 1;
	}
	return a.len < b.len ? -1 : a.len > b.len;
}

struct name {
	struct str s;
	size_t col;
};

static int name_cmp(const void *va, const void *vb)
{
	const struct name *a = va, *b = vb;
	int c = fold_cmp(a->s, b->s);

	if (c)
		return c;
	return a->col < b->col ? -1 : a->col > b->col;
}

/* Bytes of s to show in a message: at most max, cut at a character. */
static int shown(const char *s, size_t len, size_t max)
{
	if (len <= max)
		return (int)len;
	while (max && ((unsigned char)s[max] & 0xc0) == 0x80)
		max--;
	return (int)max;
}

/* Fails when two header names are the same name, naming the pair whose
 * second column comes first. */
static int check_unique(struct parser *p, const struct csv_table *t, size_t line)
{
	struct name *v = arena_alloc(p->a, t->ncols * sizeof(*v));
	size_t first = 0, second = 0;

	for (size_t i = 0; i < t->ncols; i++) {
		v[i].s = str_from(t->header[i]);
		v[i].col = i;
	}
	qsort(v, t->ncols, sizeof(*v), name_cmp);
	/* Sorted, a name's columns form a run in column order: its first two
	 * entries are the pair to report. */
	for (size_t i = 0, j; i + 1 < t->ncols; i = j) {
		j = i + 1;
		if (fold_cmp(v[i].s, v[j].s) == 0 &&
		    (!second || v[j].col + 1 < second)) {
			first = v[i].col + 1;
			second = v[j].col + 1;
		}
		while (j < t->ncols && fold_cmp(v[i].s, v[j].s) == 0)
			j++;
	}
	if (!second)
		return 0;
	const char *nm = t->header[second - 1];
	return err_set(p->e, ERR_INVALID, NULL,
		       "line %zu: columns %zu and %zu are both named \"%.*s\"; "
		       "column names must differ, ignoring case",
		       line, first, second, shown(nm, strlen(nm), 40), nm);
}

/* Reads the first record as the header: names trimmed, non-empty, unique.
 * Any problem with it makes the file unusable. */
static int read_header(struct parser *p, struct csv_table *t)
{
	size_t line = 1;
	int rc = read_record(p, &line);

	if (rc < 0)
		return rc;
	if (rc == 0)
		return err_set(p->e, ERR_INVALID, NULL,
			       "line 1: the file is empty; its first line must "
			       "name the columns");
	if (p->prob)
		return err_set(p->e, ERR_INVALID, NULL,
			       "line %zu: column name %zu %s", line,
			       p->prob_field, problem_text[p->prob]);
	t->ncols = p->nf;
	t->header = arena_alloc(p->a, p->nf * sizeof(*t->header));
	for (size_t i = 0; i < p->nf; i++) {
		char *d = arena_alloc(p->a, p->f[i].len + 1);
		struct str nm;

		field_copy(p, &p->f[i], d);
		nm = str_trim(str_from(d));
		if (nm.len == 0)
			return err_set(p->e, ERR_INVALID, NULL,
				       "line %zu: column %zu has no name; every "
				       "column in the first line needs one",
				       line, i + 1);
		d = (char *)nm.p;
		d[nm.len] = '\0';
		t->header[i] = d;
	}
	return check_unique(p, t, line);
}

/* Files the record just read as a row or, when it has a problem or the
 * wrong number of fields, as a reject. */
static void keep_record(struct parser *p, struct csv_table *t, size_t line,
			size_t *caprows, size_t *caprej)
{
	if (p->prob == P_NONE && p->nf == t->ncols) {
		struct csv_row *r;
		size_t bytes = 0;
		char *d;

		/* One block per row: the pointers, then the strings. */
		for (size_t i = 0; i < p->nf; i++)
			bytes += p->f[i].len + 1;
		t->rows = arena_grow(p->a, t->rows, t->nrows, caprows,
				     sizeof(*t->rows));
		r = &t->rows[t->nrows++];
		r->line = line;
		r->fields = arena_alloc(p->a, p->nf * sizeof(*r->fields) + bytes);
		d = (char *)(r->fields + p->nf);
		for (size_t i = 0; i < p->nf; i++) {
			r->fields[i] = d;
			d = field_copy(p, &p->f[i], d);
		}
		return;
	}
	struct csv_reject *j;

	t->rejects = arena_grow(p->a, t->rejects, t->nrejects, caprej,
				sizeof(*t->rejects));
	j = &t->rejects[t->nrejects++];
	j->line = line;
	if (p->prob)
		j->msg = arena_printf(p->a, "line %zu: field %zu %s", line,
				      p->prob_field, problem_text[p->prob]);
	else
		j->msg = arena_printf(p->a, "line %zu: %zu field%s, the header has %zu",
				      line, p->nf, p->nf == 1 ? "" : "s", t->ncols);
}

int csv_parse(struct arena *a, const char *data, size_t len, char delim,
	      const struct csv_limits *lim, struct csv_table *out,
	      struct err *e)
{
	struct parser p = {0};
	size_t line = 0, caprows = 0, caprej = 0, nrec = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!data)
		len = 0;
	if (!lim)
		lim = &csv_default_limits;
	p.a = a;
	p.s = data ? data : "";
	p.n = len;
	p.line = 1;
	p.e = e;
	p.delim = delim ? delim : ',';
	p.lim.max_bytes = lim->max_bytes ? lim->max_bytes : csv_default_limits.max_bytes;
	p.lim.max_rows = lim->max_rows ? lim->max_rows : csv_default_limits.max_rows;
	p.lim.max_cols = lim->max_cols ? lim->max_cols : csv_default_limits.max_cols;
	p.lim.max_field = lim->max_field ? lim->max_field : csv_default_limits.max_field;

	if (p.delim == '"' || p.delim == '\r' || p.delim == '\n' ||
	    (unsigned char)p.delim >= 0x80)
		return err_set(e, ERR_INVALID, NULL,
			       "csv: the delimiter must be an ASCII character "
			       "other than a quote, CR or LF");
	if (len > p.lim.max_bytes)
		return err_set(e, ERR_LIMIT, NULL,
			       "line %zu: the file is larger than %zu bytes; "
			       "split it into smaller files",
			       line_at(p.s, p.lim.max_bytes), p.lim.max_bytes);
	rc = check_text(p.s, len, e);
	if (rc < 0)
		return rc;
	if (len >= 3 && memcmp(p.s, "\xef\xbb\xbf", 3) == 0)
		p.i = 3;

	rc = read_header(&p, out);
	while (rc == 0) {
		rc = read_record(&p, &line);
		if (rc <= 0)
			break;
		if (++nrec > p.lim.max_rows) {
			rc = err_set(e, ERR_LIMIT, NULL,
				     "line %zu: more than %zu rows; split the file",
				     line, p.lim.max_rows);
			break;
		}
		keep_record(&p, out, line, &caprows, &caprej);
		rc = 0;
	}
	if (rc < 0) {
		memset(out, 0, sizeof(*out));
		return rc;
	}
	return 0;
}

int csv_column(const struct csv_table *t, const char *name)
{
	struct str want = str_trim(str_from(name));

	for (size_t i = 0; i < t->ncols && i < (size_t)INT_MAX; i++)
		if (fold_cmp(want, str_from(t->header[i])) == 0)
			return (int)i;
	return -1;
}

/* The delimiter a writer uses: ',' for 0 and for the ones csv_parse refuses. */
static char write_delim(char delim)
{
	if (!delim || delim == '"' || delim == '\r' || delim == '\n' ||
	    (unsigned char)delim >= 0x80)
		return ',';
	return delim;
}

void csv_write_field(struct buf *out, const char *s, size_t n, char delim)
{
	bool guard, quote;
	const char *q, *end;

	if (n == 0)
		return;
	delim = write_delim(delim);
	guard = s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' ||
		s[0] == '\t' || s[0] == '\r';
	quote = s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' ||
		s[n - 1] == '\t';
	for (size_t i = 0; i < n && !quote; i++)
		quote = s[i] == delim || s[i] == '"' || s[i] == '\r' ||
			s[i] == '\n';
	if (quote)
		buf_addc(out, '"');
	if (guard)
		buf_addc(out, '\'');
	if (!quote) {
		buf_add(out, s, n);
		return;
	}
	end = s + n;
	while ((q = memchr(s, '"', (size_t)(end - s)))) {
		buf_add(out, s, (size_t)(q - s) + 1);   /* through the quote */
		buf_addc(out, '"');
		s = q + 1;
	}
	buf_add(out, s, (size_t)(end - s));
	buf_addc(out, '"');
}

void csv_write_row(struct buf *out, const char *const *fields, size_t n,
		   char delim)
{
	delim = write_delim(delim);
	if (n == 1 && fields[0][0] == '\0') {
		buf_adds(out, "\"\"\r\n");
		return;
	}
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_addc(out, delim);
		csv_write_field(out, fields[i], strlen(fields[i]), delim);
	}
	buf_adds(out, "\r\n");
}

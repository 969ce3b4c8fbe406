/* csv: an RFC 4180 reader for uploaded files, and a field writer for exports.
 *
 * The reader takes bytes as uploaded (contact lists, community baselines,
 * survey exports) and returns a table whose every string lives in the
 * caller's arena.  Problems come in two kinds:
 *   - the file is unusable: csv_parse fails, e->msg starts "line N:" with the
 *     1-based physical line where the problem starts;
 *   - one record is wrong (field count, a stray quote, a lone CR): the record
 *     goes to t->rejects with its line and a message, the others are kept.
 * See docs/internals/csv.md for the exact rules.
 */
#ifndef CG_CSV_H
#define CG_CSV_H
#include <stddef.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"

/* A zero member means "the default" (csv_default_limits). */
struct csv_limits {
	size_t max_bytes;   /* whole input, BOM included */
	size_t max_rows;    /* data records, rejected ones included */
	size_t max_cols;    /* fields in any one record */
	size_t max_field;   /* bytes of one field after unquoting */
};

/* 20 MiB, 100 000 rows, 200 columns, 64 KiB per field. */
extern const struct csv_limits csv_default_limits;

struct csv_row {
	size_t line;           /* physical line where the record starts */
	const char **fields;   /* ncols NUL-terminated UTF-8 strings, arena */
};

struct csv_reject {
	size_t line;           /* physical line where the record starts */
	const char *msg;       /* "line 14: 3 fields, the header has 5", arena */
};

struct csv_table {
	size_t ncols;
	const char **header;   /* ncols names, trimmed, non-empty, unique */
	size_t nrows;
	struct csv_row *rows;  /* in file order, lines increasing */
	size_t nrejects;
	struct csv_reject *rejects;   /* in file order */
};

/* Parses len bytes of data (any bytes; data may be NULL when len is 0) into
 * *out, allocating from a only.  lim NULL → csv_default_limits; delim 0 →
 * ','.  The input may be freed once this returns.
 * Returns 0; or ERR_INVALID (unusable file, or a delim that is '"', CR, LF
 * or not ASCII) or ERR_LIMIT (a limit passed), with e filled and *out
 * zeroed.  Never prints, never aborts on input. */
int csv_parse(struct arena *a, const char *data, size_t len, char delim,
	      const struct csv_limits *lim, struct csv_table *out,
	      struct err *e);

/* Index of the column named name, compared without surrounding whitespace
 * and without case (ASCII, and the accented Latin-1 letters such as Ñ/ñ,
 * Á/á); -1 when absent. */
int csv_column(const struct csv_table *t, const char *name);

/* Appends the n bytes of s as one field for delimiter delim (0 → ',').
 * Quoted when it holds delim, '"', CR or LF or starts or ends with a space
 * or tab.  Formula guard: a field starting with = + - @ TAB or CR gets a
 * leading apostrophe, so that a spreadsheet shows it as text instead of
 * running it ("=HYPERLINK(...)" → "'=HYPERLINK(...)"); read back, the
 * value keeps the apostrophe.  An empty field is written as nothing.
 * On overflow out->overflow is set and out may hold part of the field:
 * check it once after writing everything. */
void csv_write_field(struct buf *out, const char *s, size_t n, char delim);

/* Appends n NUL-terminated fields joined by delim, then CRLF.  A record of a
 * single empty field is written as "" so that it is not read back as a
 * blank line.  Overflow as for csv_write_field. */
void csv_write_row(struct buf *out, const char *const *fields, size_t n,
		   char delim);

#endif

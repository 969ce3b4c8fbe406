/* libFuzzer target for core/csv.
 *
 * The first byte picks the delimiter (bits 0-1: ',' ';' TAB '|') and the
 * limits (bit 2: tiny ones); the rest is the file.  Beyond not crashing,
 * every result is checked against the header's promises, and a parsed table
 * is written back with csv_write_row and read again: it must give the same
 * fields, the formula guard's apostrophe aside.  A broken promise aborts.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/csv.h"
#include "core/err.h"
#include "core/str.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char delims[] = {',', ';', '\t', '|'};

static const struct csv_limits tiny = {
	.max_bytes = 512, .max_rows = 8, .max_cols = 6, .max_field = 16,
};



/* e->msg is "line N: ..." with 1 <= N <= lines; returns N. */
static size_t msg_line(const char *msg, size_t lines)
{
	char *end;
	unsigned long long v;

	CHECK(strncmp(msg, "line ", 5) == 0);
	CHECK(msg[5] >= '1' && msg[5] <= '9');
	v = strtoull(msg + 5, &end, 10);
	CHECK(end[0] == ':' && end[1] == ' ');
	CHECK(v >= 1 && v <= lines);
	CHECK(utf8_valid(msg, strlen(msg)));
	return (size_t)v;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static void check_table(const struct csv_table *t, const struct csv_limits *lim,
			size_t lines)
{
	size_t last = 0;

	CHECK(t->ncols >= 1 && t->ncols <= lim->max_cols);
	CHECK(t->nrows + t->nrejects <= lim->max_rows);
	for (size_t i = 0; i < t->ncols; i++) {
		const char *h = t->header[i];
		size_t hl = strlen(h);

		CHECK(hl > 0 && hl <= lim->max_field);
		CHECK(!is_space(h[0]) && !is_space(h[hl - 1]));
		CHECK(utf8_valid(h, hl));
		/* Unique: each name finds its own column. */
		CHECK(csv_column(t, h) == (int)i);
	}
	for (size_t r = 0; r < t->nrows; r++) {
		const struct csv_row *row = &t->rows[r];

		CHECK(row->line > last && row->line <= lines);
		last = row->line;
		CHECK(row->fields != NULL);
		for (size_t i = 0; i < t->ncols; i++) {
			size_t fl;

			CHECK(row->fields[i] != NULL);
			fl = strlen(row->fields[i]);
			CHECK(fl <= lim->max_field);
			CHECK(utf8_valid(row->fields[i], fl));
		}
	}
	last = 0;
	for (size_t r = 0; r < t->nrejects; r++) {
		const struct csv_reject *j = &t->rejects[r];

		CHECK(j->line > last);
		last = j->line;
		CHECK(msg_line(j->msg, lines) == j->line);
		for (size_t k = 0; k < t->nrows; k++)
			CHECK(t->rows[k].line != j->line);
	}
}

/* Writes t back out with a header of plain names and reads it again. */
static void round_trip(struct arena *a, const struct csv_table *t, char delim,
		       const struct csv_limits *lim)
{
	struct csv_limits big = *lim;
	struct csv_table back;
	struct err e = {0};
	struct buf b;
	const char **head = arena_alloc(a, t->ncols * sizeof(*head));

	for (size_t i = 0; i < t->ncols; i++)
		head[i] = arena_printf(a, "c%zu", i);
	buf_init(&b, 0);
	csv_write_row(&b, head, t->ncols, delim);
	for (size_t r = 0; r < t->nrows; r++)
		csv_write_row(&b, t->rows[r].fields, t->ncols, delim);
	CHECK(!b.overflow);
	/* Quotes and the guard's apostrophe make the text longer. */
	big.max_bytes = (size_t)-1;
	big.max_field = lim->max_field + 1;
	CHECK(csv_parse(a, b.p, b.len, delim, &big, &back, &e) == 0);
	CHECK(back.ncols == t->ncols);
	CHECK(back.nrows == t->nrows);
	CHECK(back.nrejects == 0);
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t i = 0; i < t->ncols; i++) {
			const char *want = t->rows[r].fields[i];
			const char *got = back.rows[r].fields[i];

			if (want[0] && strchr("=+-@\t\r", want[0])) {
				CHECK(got[0] == '\'');
				got++;
			}
			CHECK(strcmp(want, got) == 0);
		}
	}
	buf_release(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct csv_limits *lim;
	struct csv_table t;
	struct err e = {0};
	struct arena a;
	char delim;
	char *s = NULL;
	size_t n, lines;
	int rc;

	if (size < 1)
		return 0;
	delim = delims[data[0] & 3];
	lim = data[0] & 4 ? &tiny : &csv_default_limits;
	/* An exact-size heap copy, so that any over-read is caught. */
	n = size - 1;
	if (n) {
		s = malloc(n);
		if (!s)
			return 0;
		memcpy(s, data + 1, n);
	}
	lines = count_lines(s ? s : "", n);
	arena_init(&a);
	rc = csv_parse(&a, s, n, delim, lim, &t, &e);
	if (rc < 0) {
		CHECK(rc == ERR_INVALID || rc == ERR_LIMIT);
		CHECK(e.code == rc);
		CHECK(t.ncols == 0 && t.header == NULL && t.nrows == 0 &&
		      t.rows == NULL && t.nrejects == 0 && t.rejects == NULL);
		msg_line(e.msg, lines);
	} else {
		CHECK(rc == 0);
		check_table(&t, lim, lines);
		round_trip(&a, &t, delim, lim);
	}
	arena_free(&a);
	free(s);
	return 0;
}

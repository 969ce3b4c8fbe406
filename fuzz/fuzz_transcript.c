/* libFuzzer target for domain/transcript.
 *
 * The first byte picks the format (its value modulo 5: AUTO, VTT, SRT,
 * TEXT, SBV); the rest is the file.  Beyond not crashing, every result is checked against
 * the header's promises: an error leaves the result zeroed and names a line
 * of the file; segments have non-empty clean UTF-8 text, a speaker that
 * exists, known start times that never go back and ends no earlier than
 * starts.  What AUTO reads must read the same when its format is given.
 * A broken promise aborts.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/str.h"
#include "domain/transcript.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);



/* e->msg is valid UTF-8 and, when it names a line, 1 <= N <= lines. */
static void check_msg(const struct err *e, size_t lines)
{
	const char *msg = e->msg;
	char *end;
	unsigned long long v;

	CHECK(utf8_valid(msg, strlen(msg)));
	CHECK(strcmp(e->field, "file") == 0);
	if (e->code == ERR_LIMIT && strncmp(msg, "line ", 5) != 0)
		return;
	CHECK(strncmp(msg, "line ", 5) == 0);
	CHECK(msg[5] >= '1' && msg[5] <= '9');
	v = strtoull(msg + 5, &end, 10);
	CHECK(end[0] == ':' && end[1] == ' ');
	CHECK(v >= 1 && v <= lines);
}

/* Clean text: non-empty UTF-8, no control characters, no space at either
 * end nor two in a row. */
static void check_text(const char *s, size_t max)
{
	size_t n = strlen(s);

	CHECK(n > 0 && n <= max);
	CHECK(utf8_valid(s, n));
	CHECK(s[0] != ' ' && s[n - 1] != ' ');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		CHECK(c >= 0x20 && c != 0x7f);
		CHECK(!(c == ' ' && s[i + 1] == ' '));
	}
	CHECK(transcript_words(s) <= n);
}

static void check_result(const struct transcript *t, enum transcript_format fmt,
			 size_t lines)
{
	int64_t last = -1;
	size_t last_line = 0;

	CHECK(t->format == TRANSCRIPT_VTT || t->format == TRANSCRIPT_SRT ||
	      t->format == TRANSCRIPT_TEXT || t->format == TRANSCRIPT_SBV);
	CHECK(fmt == TRANSCRIPT_AUTO || t->format == fmt);
	CHECK(t->nspeakers <= TRANSCRIPT_MAX_SPEAKERS);
	CHECK(t->nsegments <= TRANSCRIPT_MAX_SEGMENTS);
	for (size_t i = 0; i < t->nspeakers; i++) {
		check_text(t->speakers[i], TRANSCRIPT_MAX_NAME);
		if (t->nspeakers <= 100)
			for (size_t j = 0; j < i; j++)
				CHECK(strcmp(t->speakers[i], t->speakers[j]) != 0);
	}
	for (size_t i = 0; i < t->nsegments; i++) {
		const struct transcript_segment *s = &t->segments[i];

		check_text(s->text, TRANSCRIPT_MAX_TEXT);
		CHECK(s->speaker >= -1);
		CHECK(s->speaker < 0 || (size_t)s->speaker < t->nspeakers);
		CHECK(s->line >= 1 && s->line <= lines && s->line > last_line);
		last_line = s->line;
		if (t->format == TRANSCRIPT_TEXT) {
			CHECK(s->end_ms == -1 && s->start_ms >= -1);
		} else {
			CHECK(s->start_ms >= 0 && s->end_ms >= s->start_ms);
		}
		if (s->start_ms >= 0) {
			CHECK(s->start_ms >= last);
			last = s->start_ms;
		}
	}
}

/* Same segments, speakers and texts. */
static void check_same(const struct transcript *x, const struct transcript *y)
{
	CHECK(x->format == y->format);
	CHECK(x->nspeakers == y->nspeakers && x->nsegments == y->nsegments);
	for (size_t i = 0; i < x->nspeakers; i++)
		CHECK(strcmp(x->speakers[i], y->speakers[i]) == 0);
	for (size_t i = 0; i < x->nsegments; i++) {
		const struct transcript_segment *a = &x->segments[i], *b = &y->segments[i];

		CHECK(a->start_ms == b->start_ms && a->end_ms == b->end_ms);
		CHECK(a->speaker == b->speaker && a->line == b->line);
		CHECK(strcmp(a->text, b->text) == 0);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum transcript_format fmts[] = {
		TRANSCRIPT_AUTO, TRANSCRIPT_VTT, TRANSCRIPT_SRT, TRANSCRIPT_TEXT, TRANSCRIPT_SBV,
	};
	enum transcript_format fmt;
	struct transcript t, again;
	struct err e = {0};
	struct arena a;
	char *s = NULL, *z;
	size_t n, lines;
	int rc;

	if (size < 1)
		return 0;
	fmt = fmts[data[0] % (sizeof(fmts) / sizeof(fmts[0]))];
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
	rc = transcript_parse(&a, s, n, fmt, &t, &e);
	if (rc < 0) {
		CHECK(rc == ERR_INVALID || rc == ERR_LIMIT);
		CHECK(e.code == rc);
		CHECK(t.format == 0 && t.nspeakers == 0 && t.speakers == NULL &&
		      t.nsegments == 0 && t.segments == NULL);
		check_msg(&e, lines);
	} else {
		CHECK(rc == 0);
		check_result(&t, fmt, lines);
		if (fmt == TRANSCRIPT_AUTO) {
			CHECK(transcript_parse(&a, s, n, t.format, &again, &e) == 0);
			check_same(&t, &again);
		}
	}
	/* Words of any bytes up to a NUL never read past it. */
	z = arena_strndup(&a, s ? s : "", n);
	CHECK(transcript_words(z) <= strlen(z));
	arena_free(&a);
	free(s);
	return 0;
}

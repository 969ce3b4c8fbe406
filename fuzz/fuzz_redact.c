/* libFuzzer target for domain/redact.
 *
 * The first byte picks the names: bits 0-2 how many come from the table
 * below, chosen by the bytes that follow; bit 3 adds one more name taken
 * from the input up to its first newline (raw, so it may be invalid).  The
 * rest is the text.  Beyond not crashing, a broken promise aborts:
 *  - the result is ERR_INVALID exactly when the text is not valid UTF-8,
 *    and then the output buffer is untouched;
 *  - the output is valid UTF-8;
 *  - no e-mail address (checked here by a separate, simpler reading of the
 *    rule in docs/internals/redaction.md) is left in the output;
 *  - each placeholder occurs in the output as often as in the input plus
 *    the count in the stats;
 *  - redacting the output again changes nothing and counts nothing.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/str.h"
#include "domain/redact.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);


static const char *const table[] = {
	"María José García López", "Tom O'Neil", "Lee Ann Park", "Hope Martínez",
	"Will Park", "Grace", "Juan de la Cruz", "Ana del Río", "Pieter van der Berg",
	"Jean-Luc Picard", "D'Angelo Brooks", "Paz", "Luz Hernández", "June Carter",
	"Ana (Annie) Ruiz", "J. R. Smith", "Bo", "A-B-C-D-E-F", "de la", "Ñoño Öß",
	"İlker Straße", "May", "Name Email", "ﬁona", "Rosa-María", "X",
};

#define NTABLE (sizeof(table) / sizeof(*table))

static int local_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}

static int label_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-';
}

static int alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* The rule, read independently: an '@' with a non-dot character among the
 * [A-Za-z0-9._%+-] run before it, and after it labels of [A-Za-z0-9-]
 * joined by single dots, the first two or more of which end in a label of
 * two or more letters. */
static int has_email(const char *s, size_t n)
{
	for (size_t a = 0; a < n; a++) {
		size_t q = a, i, labels = 0;
		int nondot = 0;

		if (s[a] != '@')
			continue;
		while (q > 0 && local_char(s[q - 1])) {
			q--;
			nondot |= s[q] != '.';
		}
		if (!nondot)
			continue;
		i = a + 1;
		for (;;) {
			size_t st = i;
			int all = 1;

			while (i < n && label_char(s[i])) {
				all &= alpha(s[i]);
				i++;
			}
			if (i == st)
				break;
			labels++;
			if (labels >= 2 && all && i - st >= 2)
				return 1;
			if (i < n && s[i] == '.')
				i++;
			else
				break;
		}
	}
	return 0;
}

static size_t count(const char *s, size_t n, const char *pat)
{
	size_t c = 0, m = strlen(pat);

	for (size_t i = 0; i + m <= n; i++)
		if (memcmp(s + i, pat, m) == 0)
			c++;
	return c;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *names[9];
	size_t nn = 0, i = 1, n;
	struct redact_names *rn;
	struct redact_stats st, st2;
	struct err e = {0};
	struct arena a;
	struct buf out, again;
	char *text = NULL;
	int rc;

	if (size < 1)
		return 0;
	arena_init(&a);
	for (unsigned k = 0; k < (data[0] & 7u) && i < size; k++, i++)
		names[nn++] = table[data[i] % NTABLE];
	if (data[0] & 8) {
		const uint8_t *nl = memchr(data + i, '\n', size - i);
		size_t l = nl ? (size_t)(nl - (data + i)) : 0;

		names[nn++] = arena_strndup(&a, (const char *)data + i, l);
		i += nl ? l + 1 : 0;
	}
	rn = redact_names_new(&a, names, nn);
	/* An exact-size heap copy, so that any over-read is caught. */
	n = size - i;
	if (n) {
		text = malloc(n);
		if (!text)
			goto out;
		memcpy(text, data + i, n);
	}
	buf_init(&out, 0);
	buf_adds(&out, "x");
	rc = redact_text(rn, text, n, &out, &st, &e);
	if (n && !utf8_valid(text, n)) {
		CHECK(rc == ERR_INVALID && e.code == ERR_INVALID);
		CHECK(out.len == 1 && strcmp(out.p, "x") == 0);
		buf_release(&out);
		goto out;
	}
	CHECK(rc == 0);
	CHECK(out.p[0] == 'x');
	CHECK(utf8_valid(out.p + 1, out.len - 1));
	CHECK(!has_email(out.p + 1, out.len - 1));
	if (n) {
		CHECK(count(out.p, out.len, "[NAME]") == count(text, n, "[NAME]") + (size_t)st.names);
		CHECK(count(out.p, out.len, "[EMAIL]") == count(text, n, "[EMAIL]") + (size_t)st.emails);
		CHECK(count(out.p, out.len, "[PHONE]") == count(text, n, "[PHONE]") + (size_t)st.phones);
		CHECK(count(out.p, out.len, "[ADDRESS]") ==
		      count(text, n, "[ADDRESS]") + (size_t)st.addresses);
	} else {
		CHECK(out.len == 1 && st.names + st.emails + st.phones + st.addresses == 0);
	}
	buf_init(&again, 0);
	CHECK(redact_text(rn, out.p + 1, out.len - 1, &again, &st2, &e) == 0);
	CHECK(again.len == out.len - 1 && memcmp(again.p, out.p + 1, again.len) == 0);
	CHECK(st2.names + st2.emails + st2.phones + st2.addresses == 0);
	buf_release(&again);
	buf_release(&out);
out:
	free(text);
	arena_free(&a);
	return 0;
}

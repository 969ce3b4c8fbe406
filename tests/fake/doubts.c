/* A stand-in for redaction's doubts, for the HTTP tests of the review
 * (tests/http/review.test.mjs) only; linked into build/asan/commonground-doubts
 * with -Wl,--wrap=redact_run, never into the program.
 *
 * The service asks redact_run (domain/redact.h) which words are doubtful.
 * The real finder decides that from context and is being improved, so the
 * tests of what staff do with a doubt cannot lean on its judgement.  This
 * wrapper runs the real redact_run and then adds, as doubts, the words of
 * COMMONGROUND_FAKE_DOUBTS (comma-separated, default "hope,grace": words of
 * lower-case captions the finder leaves alone) wherever
 * they stand in its output as whole words, exactly as written, keeping the
 * contract: spans of the output, in order, none overlapping, none under a
 * placeholder.  Calls inside redact.c (redact_text, what capture uses) are
 * not wrapped, so stored text is redacted as always. */
#include <stdlib.h>
#include <string.h>

#include "domain/redact.h"

int __real_redact_run(const struct redact_names *names, const char *text, size_t len, struct arena *a,
                      struct buf *out, struct redact_report *rep, struct err *e);
int __wrap_redact_run(const struct redact_names *names, const char *text, size_t len, struct arena *a,
                      struct buf *out, struct redact_report *rep, struct err *e);

static int letter(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
}

static int covered(const struct redact_span *v, size_t n, size_t s, size_t e)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].start < e && s < v[i].end)
			return 1;
	return 0;
}

static int by_start(const void *x, const void *y)
{
	const struct redact_span *p = x, *q = y;
	return p->start < q->start ? -1 : p->start > q->start;
}

int __wrap_redact_run(const struct redact_names *names, const char *text, size_t len, struct arena *a,
                      struct buf *out, struct redact_report *rep, struct err *e)
{
	struct redact_report local;
	if (!rep)
		rep = &local;
	size_t base = out->len;
	int rc = __real_redact_run(names, text, len, a, out, rep, e);
	if (rc < 0 || !a)
		return rc;
	const char *env = getenv("COMMONGROUND_FAKE_DOUBTS");
	const char *list = env && *env ? env : "hope,grace";
	const char *w = out->p + base;
	size_t wl = out->len - base, cap = rep->ndoubts + 16, n = rep->ndoubts;
	struct redact_span *v = arena_alloc(a, cap * sizeof(*v));
	if (n)
		memcpy(v, rep->doubts, n * sizeof(*v));
	for (const char *p = list; *p;) {
		const char *comma = strchr(p, ',');
		size_t k = comma ? (size_t)(comma - p) : strlen(p);
		for (size_t i = 0; k && i + k <= wl; i++) {
			if (memcmp(w + i, p, k) != 0 || (i && letter((unsigned char)w[i - 1])) ||
			    (i + k < wl && letter((unsigned char)w[i + k])) || (i && w[i - 1] == '['))
				continue;
			if (covered(v, n, i, i + k))
				continue;
			if (n == cap) {
				struct redact_span *nv = arena_alloc(a, 2 * cap * sizeof(*v));
				memcpy(nv, v, n * sizeof(*v));
				v = nv;
				cap *= 2;
			}
			v[n++] = (struct redact_span){i, i + k, REDACT_NAME};
		}
		p += k + (comma != NULL);
	}
	qsort(v, n, sizeof(*v), by_start);
	rep->doubts = v;
	rep->ndoubts = n;
	return rc;
}

#include "domain/participation.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/str.h"

/* One speaker while counting. */
struct acc {
	const char *code;
	size_t turns, words;
	bool listed;   /* already in the silent list */
};

/* The speakers seen so far, an arena array. */
struct table {
	struct acc *v;
	size_t n, cap;
};

/* True for the facilitator's code. */
static bool is_facilitator(const char *code)
{
	return strcmp(code, "F") == 0;
}

/* Where a code sorts: 0 the facilitator, 1 "P<number>" (number in *num),
 * 2 anything else. */
static int code_rank(const char *code, int64_t *num)
{
	*num = 0;
	if (is_facilitator(code))
		return 0;
	if (code[0] == 'P' && str_to_i64(str_from(code + 1), 0, INT64_MAX, num) == 0)
		return 1;
	return 2;
}

/* qsort order of speakers: F, P1, P2, … P10 numerically, then other codes;
 * ties (such as "P01" and "P1") in byte order so the result is stable. */
static int acc_cmp(const void *pa, const void *pb)
{
	const struct acc *a = pa, *b = pb;
	int64_t na, nb;
	int ra = code_rank(a->code, &na), rb = code_rank(b->code, &nb);
	if (ra != rb)
		return ra < rb ? -1 : 1;
	if (na != nb)
		return na < nb ? -1 : 1;
	return strcmp(a->code, b->code);
}

/* qsort order of word counts, ascending. */
static int size_cmp(const void *pa, const void *pb)
{
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
	return (a > b) - (a < b);
}

/* The entry of code, or NULL. */
static struct acc *table_find(struct table *t, const char *code)
{
	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->v[i].code, code) == 0)
			return &t->v[i];
	return NULL;
}

/* Points *sp at the entry of code, added (copied into the arena) when new.
 * Returns 0, or an error for an empty code or one speaker too many. */
static int table_get(struct arena *a, struct table *t, const char *code, const char *field,
                     struct acc **sp, struct err *e)
{
	if (!code || !code[0])
		return err_set(e, ERR_INVALID, field, "Every speaker needs a code such as F or P1.");
	*sp = table_find(t, code);
	if (*sp)
		return 0;
	if (t->n >= PARTICIPATION_MAX_SPEAKERS)
		return err_set(e, ERR_LIMIT, field, "A session can have at most %d speakers.",
		               PARTICIPATION_MAX_SPEAKERS);
	t->v = arena_grow(a, t->v, t->n, &t->cap, sizeof(*t->v));
	*sp = &t->v[t->n++];
	(*sp)->code = arena_strdup(a, code);
	return 0;
}

/* Gini coefficient of n non-negative values (sorted in place): the mean
 * absolute difference over twice the mean, by the sorted-rank formula
 * G = 2·Σ i·x(i) / (n·Σx) − (n+1)/n.  0 when n < 2 or the sum is 0. */
static double gini(size_t *x, size_t n)
{
	if (n < 2)
		return 0;
	qsort(x, n, sizeof(*x), size_cmp);
	double sum = 0, ranked = 0;
	for (size_t i = 0; i < n; i++) {
		sum += (double)x[i];
		ranked += (double)(i + 1) * (double)x[i];
	}
	if (sum <= 0)
		return 0;
	double g = 2 * ranked / ((double)n * sum) - ((double)n + 1) / (double)n;
	/* Rounding may leave a hair outside [0, 1). */
	return g < 0 ? 0 : g > 1 ? 1 : g;
}

/* Fills the shares, the loudest participant and the balance of out from its
 * sorted speakers. */
static void summarise(struct arena *a, struct participation *out)
{
	size_t nparts = 0, part_words = 0, best = 0;
	const struct participation_speaker *loud = NULL;
	size_t *words = arena_alloc(a, (out->nspeakers ? out->nspeakers : 1) * sizeof(*words));

	for (size_t i = 0; i < out->nspeakers; i++) {
		struct participation_speaker *s = &out->speakers[i];
		if (out->total_words)
			s->share_words = (double)s->words / (double)out->total_words;
		if (is_facilitator(s->code)) {
			out->facilitator_share = s->share_words;
			continue;
		}
		words[nparts++] = s->words;
		part_words += s->words;
		if (s->words > best) {
			best = s->words;
			loud = s;
		}
	}
	if (loud) {
		out->loudest = loud->code;
		out->loudest_share = (double)loud->words / (double)part_words;
	}
	out->balance = 1 - gini(words, nparts);
}

int participation_compute(struct arena *a, const struct participation_turn *turns, size_t nturns,
                          const char *const *expected, size_t nexpected, struct participation *out,
                          struct err *e)
{
	struct table t = {0};
	struct acc *s;
	size_t total = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((!turns && nturns) || (!expected && nexpected))
		return err_set(e, ERR_INVALID, NULL, "Missing turns or expected speakers.");
	for (size_t i = 0; i < nturns; i++) {
		rc = table_get(a, &t, turns[i].speaker, "speaker", &s, e);
		if (rc < 0)
			goto fail;
		if (turns[i].words > SIZE_MAX - total) {
			rc = err_set(e, ERR_LIMIT, "words", "The session has too many words to count.");
			goto fail;
		}
		total += turns[i].words;
		s->words += turns[i].words;
		s->turns++;
	}
	for (size_t i = 0; i < nexpected; i++)
		if ((rc = table_get(a, &t, expected[i], "expected", &s, e)) < 0)
			goto fail;

	if (t.n)
		qsort(t.v, t.n, sizeof(*t.v), acc_cmp);
	out->nspeakers = t.n;
	out->speakers = arena_alloc(a, (t.n ? t.n : 1) * sizeof(*out->speakers));
	for (size_t i = 0; i < t.n; i++) {
		out->speakers[i].code = t.v[i].code;
		out->speakers[i].turns = t.v[i].turns;
		out->speakers[i].words = t.v[i].words;
	}
	out->total_turns = nturns;
	out->total_words = total;
	summarise(a, out);

	/* Silent: expected, not the facilitator, no turn; each code once. */
	out->silent = arena_alloc(a, (nexpected ? nexpected : 1) * sizeof(*out->silent));
	for (size_t i = 0; i < nexpected; i++) {
		s = table_find(&t, expected[i]);
		if (is_facilitator(s->code) || s->turns || s->listed)
			continue;
		s->listed = true;
		out->silent[out->nsilent++] = s->code;
	}
	return 0;
fail:
	memset(out, 0, sizeof(*out));
	return rc;
}

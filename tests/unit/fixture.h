/* fixture: what several unit tests share.  Include after cmocka.h. */
#ifndef CG_TEST_FIXTURE_H
#define CG_TEST_FIXTURE_H
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/mem.h"

/* Each test has its own arena in *state, freed even when an assertion
 * fails: cmocka_unit_test_setup_teardown(t, arena_setup, arena_teardown). */
static inline int arena_setup(void **state)
{
	struct arena *a = mem_alloc(sizeof(*a));
	arena_init(a);
	*state = a;
	return 0;
}

static inline int arena_teardown(void **state)
{
	arena_free(*state);
	mem_free(*state);
	return 0;
}

/* Whether xmllint --noout accepts the document. */
static inline bool xmllint_accepts(const char *doc)
{
	FILE *f = popen("xmllint --noout - >/dev/null 2>&1", "w");
	assert_non_null(f);
	assert_int_equal(fwrite(doc, 1, strlen(doc), f), strlen(doc));
	int status = pclose(f);
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/* Fails unless xmllint accepts the document (and rejects a broken one, so
 * the check itself is known to work).  xmllint comes with Debian's
 * libxml2-utils, which scripts/deps.sh installs for the tests. */
static inline void assert_well_formed(const char *doc)
{
	if (system("command -v xmllint >/dev/null 2>&1") != 0)
		fail_msg("xmllint is missing: run scripts/deps.sh test (libxml2-utils)");
	assert_false(xmllint_accepts("<svg><g></svg>"));
	assert_true(xmllint_accepts(doc));
}

/* Property tests: a seeded generator, so that a failing case can be made
 * again.  The seed comes from CG_PROP_SEED when set, else from the clock;
 * prop_seed() prints it so that a failure can be replayed with
 * CG_PROP_SEED=N.  splitmix64: small, and good enough for test data. */
struct prop {
	uint64_t seed, s;
};

static inline void prop_init(struct prop *p)
{
	const char *env = getenv("CG_PROP_SEED");
	char *end = NULL;
	unsigned long long v = env && *env ? strtoull(env, &end, 10) : 0;
	if (!env || !*env || !end || *end)
		v = (unsigned long long)time(NULL) ^ ((unsigned long long)getpid() << 20);
	p->seed = p->s = (uint64_t)v;
}

static inline uint64_t prop_next(struct prop *p)
{
	uint64_t z = (p->s += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/* A number in [lo, hi]. */
static inline int prop_int(struct prop *p, int lo, int hi)
{
	return lo + (int)(prop_next(p) % (uint64_t)(hi - lo + 1));
}

/* One of the n strings of list. */
static inline const char *prop_pick(struct prop *p, const char *const *list, size_t n)
{
	return list[prop_next(p) % n];
}

#define PROP_PICK(p, list) prop_pick(p, list, sizeof(list) / sizeof(*(list)))

/* Reports a failing case with the seed that makes it again. */
#define prop_fail(p, ...)                                                                   \
	do {                                                                                \
		print_error(__VA_ARGS__);                                                   \
		print_error("replay with CG_PROP_SEED=%llu\n", (unsigned long long)(p)->seed); \
	} while (0)

#endif

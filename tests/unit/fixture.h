/* fixture: what several unit tests share.  Include after cmocka.h. */
#ifndef CG_TEST_FIXTURE_H
#define CG_TEST_FIXTURE_H
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

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

#endif

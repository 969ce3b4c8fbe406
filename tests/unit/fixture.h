/* fixture: what several unit tests share.  Include after cmocka.h. */
#ifndef CG_TEST_FIXTURE_H
#define CG_TEST_FIXTURE_H
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

#endif

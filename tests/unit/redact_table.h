/* redact_table: what the unit tests of domain/redact share — a name set
 * in an arena per test, and tables of texts with the text redaction must
 * write for each.  Include after cmocka.h. */
#ifndef CG_TEST_REDACT_TABLE_H
#define CG_TEST_REDACT_TABLE_H
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/mem.h"
#include "domain/redact.h"

struct state {
	struct arena a;
	struct redact_names *names;
};

/* Each test has its own arena and name set (the n names of people), freed
 * even when an assertion fails. */
static inline int redact_setup(void **state, const char *const *people, size_t n)
{
	struct state *s = mem_alloc(sizeof(*s));

	arena_init(&s->a);
	s->names = redact_names_new(&s->a, people, n);
	*state = s;
	return 0;
}

static inline int teardown(void **state)
{
	struct state *s = *state;

	arena_free(&s->a);
	mem_free(s);
	return 0;
}

struct tcase {
	const char *in, *want;
};

/* Redacts in with names; returns the text in the arena a. */
static inline const char *redact(struct arena *a, const struct redact_names *names, const char *in,
                                 struct redact_stats *st)
{
	struct buf b;
	struct err e = {0};
	const char *r;

	buf_init(&b, 0);
	assert_int_equal(redact_text(names, in, strlen(in), &b, st, &e), 0);
	r = arena_strdup(a, b.p);
	buf_release(&b);
	return r;
}

/* Every case gives its expected text, and redacting that again changes
 * nothing. */
static inline void run_table(void **state, const struct tcase *tc, size_t n)
{
	struct state *s = *state;
	int bad = 0;

	for (size_t i = 0; i < n; i++) {
		const char *got = redact(&s->a, s->names, tc[i].in, NULL);
		const char *again = redact(&s->a, s->names, got, NULL);

		if (strcmp(got, tc[i].want) != 0) {
			print_error("in:   %s\nwant: %s\ngot:  %s\n", tc[i].in, tc[i].want, got);
			bad++;
		} else if (strcmp(again, got) != 0) {
			print_error("twice: %s\ngave:  %s\n", got, again);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

#endif

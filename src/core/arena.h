/* arena: a region allocator, one per request.
 *
 * Everything a request allocates comes from its arena and is freed at once by
 * arena_free.  Objects owned elsewhere (a jansson value, a prepared
 * statement) can be tied to the arena with arena_defer so that they are
 * released at the same moment.  Allocation never fails (see mem.h).
 */
#ifndef CG_ARENA_H
#define CG_ARENA_H
#include <stddef.h>

struct arena_block;
struct arena_defer;

struct arena {
	struct arena_block *head;
	struct arena_defer *defers;
	size_t used;   /* bytes handed out, for diagnostics */
};

void arena_init(struct arena *a);
/* Runs deferred cleanups in reverse order, then frees every block. */
void arena_free(struct arena *a);
/* Zeroed memory aligned for any type. */
void *arena_alloc(struct arena *a, size_t n);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_printf(struct arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Room for element n of an arena array of elem-sized items with *cap slots:
 * returns arr, or a larger copy of it.  Use: a = arena_grow(ar, a, n, &cap, sizeof(*a)). */
void *arena_grow(struct arena *a, void *arr, size_t n, size_t *cap, size_t elem);
void arena_defer(struct arena *a, void (*fn)(void *), void *arg);

#endif

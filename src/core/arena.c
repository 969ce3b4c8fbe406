#include "core/arena.h"

#include <stdarg.h>
#include <stdalign.h>
#include <stdio.h>
#include <string.h>

#include "core/mem.h"

#define BLOCK_SIZE 8192

struct arena_block {
	struct arena_block *next;
	size_t size, off;
	alignas(max_align_t) unsigned char data[];
};

struct arena_defer {
	struct arena_defer *next;
	void (*fn)(void *);
	void *arg;
};

void arena_init(struct arena *a)
{
	a->head = NULL;
	a->defers = NULL;
	a->used = 0;
}

void arena_free(struct arena *a)
{
	/* Deferred records live in the blocks, so run them first. */
	for (struct arena_defer *d = a->defers; d; d = d->next)
		d->fn(d->arg);
	struct arena_block *b = a->head;
	while (b) {
		struct arena_block *next = b->next;
		mem_free(b);
		b = next;
	}
	arena_init(a);
}

void *arena_alloc(struct arena *a, size_t n)
{
	const size_t align = alignof(max_align_t);
	n = (n + align - 1) & ~(align - 1);
	if (n == 0)
		n = align;
	struct arena_block *b = a->head;
	if (!b || b->size - b->off < n) {
		size_t size = n > BLOCK_SIZE / 2 ? n : BLOCK_SIZE;
		struct arena_block *nb = mem_alloc(sizeof(*nb) + size);
		nb->size = size;
		nb->off = 0;
		if (size == n && b) {
			/* Big one-off block: keep the current block in front for small ones. */
			nb->next = b->next;
			b->next = nb;
		} else {
			nb->next = b;
			a->head = nb;
		}
		b = nb;
	}
	void *p = b->data + b->off;
	b->off += n;
	a->used += n;
	memset(p, 0, n);
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap, cp;
	va_start(ap, fmt);
	va_copy(cp, ap);
	int n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		n = 0;
	char *p = arena_alloc(a, (size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void arena_defer(struct arena *a, void (*fn)(void *), void *arg)
{
	struct arena_defer *d = arena_alloc(a, sizeof(*d));
	d->fn = fn;
	d->arg = arg;
	d->next = a->defers;
	a->defers = d;
}

void *arena_grow(struct arena *a, void *arr, size_t n, size_t *cap, size_t elem)
{
	if (n < *cap)
		return arr;
	size_t ncap = *cap ? *cap * 2 : 16;
	void *grown = arena_alloc(a, ncap * elem);
	if (n)
		memcpy(grown, arr, n * elem);
	*cap = ncap;
	return grown;
}

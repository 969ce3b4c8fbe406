/* mem: every heap allocation of the program goes through here.
 *
 * Allocation failure is handled in one place: the process logs and aborts.
 * A web server that cannot allocate a few bytes cannot answer sensibly, and a
 * single exit keeps every caller free of NULL checks that are never tested.
 */
#ifndef CG_MEM_H
#define CG_MEM_H
#include <stddef.h>

/* Never return NULL.  mem_alloc zeroes the block. */
void *mem_alloc(size_t n);
void *mem_realloc(void *p, size_t n);
/* Copies of a NUL-terminated string and of n bytes (result NUL-terminated). */
char *mem_strdup(const char *s);
char *mem_strndup(const char *s, size_t n);
void mem_free(void *p);

#endif

/* pagecache: public pages kept for a moment after they are rendered.
 *
 * The hub of a district is the same for every visitor who reads it in one
 * language, and is read far more often than it changes; it is rendered at
 * most once per key and TTL, and served from memory in between.  Staff see
 * their changes on it within that TTL (one second).  Thread-safe. */
#ifndef CG_PAGECACHE_H
#define CG_PAGECACHE_H
#include <stdbool.h>
#include <stdint.h>

#include "core/buf.h"

#define PAGECACHE_TTL_MS 1000

/* Appends the cached page of key to out and returns true when there is a
 * fresh one. */
bool pagecache_get(const char *key, struct buf *out);
/* Keeps a copy of len bytes of body under key for ttl_ms. */
void pagecache_put(const char *key, const char *body, size_t len, int64_t ttl_ms);
/* Forgets every page: something may have changed. */
void pagecache_invalidate(void);
/* Empties the cache and frees its memory (tests, shutdown). */
void pagecache_clear(void);

#endif

#include "web/pagecache.h"

#include <pthread.h>
#include <string.h>
#include <time.h>

#include "core/hash.h"
#include "core/mem.h"
#include "core/str.h"

#define SLOTS 64

struct slot {
	char key[192];   /* "recap:" + two slugs (80 each) + two languages */
	char *body;
	size_t len;
	int64_t expires;   /* CLOCK_MONOTONIC milliseconds */
	uint64_t gen;      /* the generation it was rendered in */
};

static uint64_t generation;   /* under mu */

static struct slot slots[SLOTS];
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;

static int64_t now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

bool pagecache_get(const char *key, struct buf *out)
{
	if (strlen(key) >= sizeof(slots[0].key))
		return false;
	struct slot *sl = &slots[hash_str(key) % SLOTS];
	bool hit = false;
	pthread_mutex_lock(&mu);
	if (sl->body && sl->gen == generation && sl->expires > now_ms() && strcmp(sl->key, key) == 0)
		hit = buf_add(out, sl->body, sl->len) == 0;
	pthread_mutex_unlock(&mu);
	return hit;
}

void pagecache_put(const char *key, const char *body, size_t len, int64_t ttl_ms)
{
	if (strlen(key) >= sizeof(slots[0].key))
		return;
	char *copy = mem_strndup(body, len);
	struct slot *sl = &slots[hash_str(key) % SLOTS];
	pthread_mutex_lock(&mu);
	char *old = sl->body;
	str_copy(sl->key, sizeof(sl->key), key);
	sl->body = copy;
	sl->len = len;
	sl->expires = now_ms() + ttl_ms;
	sl->gen = generation;
	pthread_mutex_unlock(&mu);
	mem_free(old);
}

void pagecache_invalidate(void)
{
	pthread_mutex_lock(&mu);
	generation++;
	pthread_mutex_unlock(&mu);
}

void pagecache_clear(void)
{
	pthread_mutex_lock(&mu);
	for (int i = 0; i < SLOTS; i++) {
		mem_free(slots[i].body);
		slots[i].body = NULL;
	}
	pthread_mutex_unlock(&mu);
}

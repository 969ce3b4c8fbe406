/* web/pagecache.c: pages kept for a moment, by key. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "web/pagecache.h"

static void hits_misses_and_expiry(void **state)
{
	struct buf b;
	buf_init(&b, 1 << 20);
	assert_false(pagecache_get("hub:riverside:en", &b));
	pagecache_put("hub:riverside:en", "<p>English</p>", 14, 60000);
	pagecache_put("hub:riverside:es", "<p>Español</p>", 15, 60000);
	assert_true(pagecache_get("hub:riverside:en", &b));
	assert_string_equal(b.p, "<p>English</p>");
	buf_reset(&b);
	assert_true(pagecache_get("hub:riverside:es", &b));
	assert_string_equal(b.p, "<p>Español</p>");
	buf_reset(&b);
	assert_false(pagecache_get("hub:lakeview:en", &b));
	/* An expired page is not served. */
	pagecache_put("hub:old:en", "stale", 5, -1);
	assert_false(pagecache_get("hub:old:en", &b));
	/* A newer render replaces the older. */
	pagecache_put("hub:riverside:en", "<p>New</p>", 10, 60000);
	assert_true(pagecache_get("hub:riverside:en", &b));
	assert_string_equal(b.p, "<p>New</p>");
	/* A page that does not fit the caller's buffer is a miss, not a cut. */
	struct buf small;
	buf_init(&small, 4);
	assert_false(pagecache_get("hub:riverside:en", &small));
	assert_int_equal(small.len, 0);
	buf_release(&small);
	char longkey[200];
	memset(longkey, 'k', sizeof(longkey) - 1);
	longkey[sizeof(longkey) - 1] = '\0';
	pagecache_put(longkey, "x", 1, 60000);
	assert_false(pagecache_get(longkey, &b));
	/* A change anywhere forgets every page. */
	pagecache_invalidate();
	buf_reset(&b);
	assert_false(pagecache_get("hub:riverside:es", &b));
	pagecache_put("hub:riverside:es", "<p>Nuevo</p>", 12, 60000);
	assert_true(pagecache_get("hub:riverside:es", &b));
	pagecache_clear();
	buf_reset(&b);
	assert_false(pagecache_get("hub:riverside:en", &b));
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hits_misses_and_expiry),
	};
	return cmocka_run_group_tests_name("pagecache", tests, NULL, NULL);
}

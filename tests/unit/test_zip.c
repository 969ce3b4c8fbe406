/* Unit tests for core/zip: the CRC and the archive's records. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/buf.h"
#include "core/mem.h"
#include "core/zip.h"
#include "unit/fixture.h"

static uint32_t u32(const char *p)
{
	const unsigned char *u = (const unsigned char *)p;
	return (uint32_t)u[0] | (uint32_t)u[1] << 8 | (uint32_t)u[2] << 16 | (uint32_t)u[3] << 24;
}

static uint16_t u16(const char *p)
{
	const unsigned char *u = (const unsigned char *)p;
	return (uint16_t)(u[0] | u[1] << 8);
}

static void crc_is_the_zip_crc(void **state)
{
	(void)state;
	assert_int_equal(zip_crc32("123456789", 9), 0xcbf43926u);   /* the check value of CRC-32 */
	assert_int_equal(zip_crc32("", 0), 0);
}

static void archives_hold_their_entries(void **state)
{
	(void)state;
	struct buf out;
	buf_init(&out, 1 << 20);
	struct zip z;
	zip_begin(&z, &out, 1795000000);   /* 2026-11-17 */
	assert_int_equal(zip_add(&z, "project.qde", "<Project/>", 10), 0);
	assert_int_equal(zip_add(&z, "Sources/á.txt", "hola", 4), 0);
	zip_end(&z);
	/* First entry: header, name, data. */
	assert_int_equal(u32(out.p), 0x04034b50);
	assert_int_equal(u16(out.p + 6), 1 << 11);   /* UTF-8 names */
	assert_int_equal(u16(out.p + 8), 0);         /* stored */
	assert_int_equal(u32(out.p + 14), zip_crc32("<Project/>", 10));
	assert_int_equal(u32(out.p + 18), 10);
	assert_memory_equal(out.p + 30, "project.qde", 11);
	assert_memory_equal(out.p + 41, "<Project/>", 10);
	/* Second entry right after it. */
	assert_int_equal(u32(out.p + 51), 0x04034b50);
	/* The end record: two entries, the directory where it says. */
	const char *end = out.p + out.len - 22;
	assert_int_equal(u32(end), 0x06054b50);
	assert_int_equal(u16(end + 10), 2);
	uint32_t dir = u32(end + 16);
	assert_int_equal(u32(out.p + dir), 0x02014b50);
	assert_int_equal(u32(out.p + dir + 42), 0);   /* the first entry's offset */
	assert_int_equal(dir + u32(end + 12), out.len - 22);
	buf_release(&out);
}

/* Generated archives: any number of entries with UTF-8 names and any bytes
 * (none, NULs, a local header's signature) read back through the central
 * directory: each name, size, CRC and every byte, in order. */
static void generated_archives_read_back(void **state)
{
	(void)state;
	static const char *const parts[] = {"Sources/", "project.qde", "á", "日本", "sesión 3", ".txt", "-", "PK"};
	struct prop p;
	int bad = 0;

	prop_init(&p);
	for (int i = 0; i < 200 && !bad; i++) {
		int n = prop_int(&p, 0, 12);
		char *names[12], *data[12];
		size_t lens[12];
		struct buf out, nb;
		struct zip z;

		buf_init(&out, 1 << 22);
		buf_init(&nb, 0);
		zip_begin(&z, &out, INT64_C(1795000000) + prop_int(&p, 0, 1 << 30));
		for (int k = 0; k < n; k++) {
			buf_reset(&nb);
			buf_printf(&nb, "%d-", k);
			for (int m = prop_int(&p, 1, 4); m > 0; m--)
				buf_adds(&nb, PROP_PICK(&p, parts));
			names[k] = mem_strdup(nb.p);
			lens[k] = (size_t)prop_int(&p, 0, 3000);
			data[k] = mem_alloc(lens[k] + 1);
			for (size_t b = 0; b < lens[k]; b++)
				data[k][b] = prop_int(&p, 0, 3) ? (char)prop_next(&p) : "PK\x03\x04"[b % 4];
			assert_int_equal(zip_add(&z, names[k], data[k], lens[k]), 0);
		}
		zip_end(&z);
		assert_false(out.overflow);
		const char *end = out.p + out.len - 22;
		uint32_t at = u32(end + 16);
		if (u32(end) != 0x06054b50 || u16(end + 10) != n) {
			prop_fail(&p, "case %d: no end record for %d entries\n", i, n);
			bad++;
		}
		for (int k = 0; k < n && !bad; k++) {
			const char *c = out.p + at;
			uint16_t nlen = u16(c + 28);
			uint32_t off = u32(c + 42), size = u32(c + 24), crc = u32(c + 16);
			const char *l = out.p + off;
			const char *body = l + 30 + u16(l + 26) + u16(l + 28);
			if (u32(c) != 0x02014b50 || u32(l) != 0x04034b50 || nlen != strlen(names[k]) ||
			    memcmp(c + 46, names[k], nlen) != 0 || size != lens[k] || u32(l + 18) != size ||
			    crc != zip_crc32(data[k], lens[k]) || memcmp(body, data[k], lens[k]) != 0) {
				prop_fail(&p, "case %d: entry %d (%s, %zu bytes) does not read back\n", i, k, names[k], lens[k]);
				bad++;
			}
			at += 46 + nlen + u16(c + 30) + u16(c + 32);
		}
		for (int k = 0; k < n; k++) {
			mem_free(names[k]);
			mem_free(data[k]);
		}
		buf_release(&out);
		buf_release(&nb);
	}
	assert_int_equal(bad, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(crc_is_the_zip_crc),
		cmocka_unit_test(archives_hold_their_entries),
		cmocka_unit_test(generated_archives_read_back),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

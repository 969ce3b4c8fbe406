/* Unit tests for core/zip: the CRC and the archive's records. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/buf.h"
#include "core/zip.h"

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(crc_is_the_zip_crc),
		cmocka_unit_test(archives_hold_their_entries),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

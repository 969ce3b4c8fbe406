/* libFuzzer target for core/i18n's reader of compiled catalogs (GNU .mo).
 *
 * The input is the file, as an exact-size heap copy, so that any read past
 * its end is caught.  Beyond not crashing, the result is checked against
 * the header's promises.  On failure: ERR_INVALID with a message, and the
 * catalog left without the language.  On success, the file is read again
 * here, independently: its tables and every string must lie inside it,
 * end in a NUL and, where kept, be UTF-8; every kept message (not the
 * header, no context, a non-empty msgid and first form) is found, and
 * gives the first form of its last occurrence; the header's msgid "" and
 * other languages give nothing.  A broken promise aborts.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/i18n.h"
#include "core/str.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct file {
	const unsigned char *p;
	size_t len;
	int be;
};

static uint32_t word(const struct file *f, uint64_t off)
{
	const unsigned char *b;

	CHECK(off + 4 <= f->len);
	b = f->p + off;
	if (f->be)
		return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
	return (uint32_t)b[3] << 24 | (uint32_t)b[2] << 16 | (uint32_t)b[1] << 8 | b[0];
}

/* String i of the table at tab, which must lie inside the file and end in
 * a NUL there; *len is its whole length (all plural forms). */
static const char *string_at(const struct file *f, uint32_t tab, uint32_t i, uint32_t *len)
{
	uint64_t at = (uint64_t)tab + (uint64_t)i * 8;
	uint32_t n = word(f, at), off = word(f, at + 4);

	CHECK((uint64_t)off + n + 1 <= f->len);
	CHECK(f->p[(size_t)off + n] == '\0');
	*len = n;
	return (const char *)f->p + off;
}

/* Whether entry i is one the catalog keeps; its msgid and first form. */
static int kept(const struct file *f, uint32_t orig, uint32_t trans, uint32_t i, const char **id,
		const char **str)
{
	uint32_t idn, strn;

	*id = string_at(f, orig, i, &idn);
	*str = string_at(f, trans, i, &strn);
	return idn > 0 && !memchr(*id, '\x04', idn) && **id && **str;
}

static void check_loaded(const struct i18n *c, const struct file *f)
{
	uint32_t n, orig, trans, hsize, hoff;
	const char *id, *str, *id2, *str2;

	CHECK(f->len >= 28);
	n = word(f, 8);
	orig = word(f, 12);
	trans = word(f, 16);
	hsize = word(f, 20);
	hoff = word(f, 24);
	CHECK((uint64_t)orig + (uint64_t)n * 8 <= f->len);
	CHECK((uint64_t)trans + (uint64_t)n * 8 <= f->len);
	CHECK(!hsize || (uint64_t)hoff + (uint64_t)hsize * 4 <= f->len);
	for (uint32_t i = 0; i < n; i++) {
		const char *got;
		uint32_t j;

		if (!kept(f, orig, trans, i, &id, &str))
			continue;
		CHECK(utf8_valid(id, strlen(id)));
		CHECK(utf8_valid(str, strlen(str)));
		/* The last occurrence of the msgid wins. */
		for (j = n - 1; j > i; j--)
			if (kept(f, orig, trans, j, &id2, &str2) && strcmp(id, id2) == 0)
				break;
		if (j > i)
			str = str2;
		got = i18n_lookup(c, "es", id);
		CHECK(got != NULL);
		CHECK(strcmp(got, str) == 0);
		CHECK(utf8_valid(got, strlen(got)));
		CHECK(i18n_lookup(c, "xx", id) == NULL);
	}
	CHECK(i18n_lookup(c, "es", "") == NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct i18n *c;
	struct err e;
	unsigned char *s = NULL;
	int rc;

	/* Past this many strings the quadratic check above gets slow; the
	 * reader itself is linear. */
	if (size > 16 * 1024)
		return 0;
	if (size) {
		s = malloc(size);
		if (!s)
			return 0;
		memcpy(s, data, size);
	}
	err_clear(&e);
	c = i18n_new();
	rc = i18n_parse_mo(c, "es", s, size, &e);
	if (rc < 0) {
		CHECK(rc == ERR_INVALID);
		CHECK(e.code == rc);
		CHECK(e.msg[0] != '\0');
		CHECK(utf8_valid(e.msg, strlen(e.msg)));
		CHECK(!i18n_has_lang(c, "es"));
	} else {
		struct file f = {s, size, 0};

		CHECK(rc == 0);
		CHECK(i18n_has_lang(c, "es"));
		if (word(&f, 0) != 0x950412deu)
			f.be = 1;
		CHECK(word(&f, 0) == 0x950412deu);
		CHECK(word(&f, 4) >> 16 <= 1);
		check_loaded(c, &f);
	}
	i18n_free(c);
	free(s);
	return 0;
}

/* libFuzzer target for web/form and web/cookie.
 *
 * The first byte picks the parser, the rest is its input:
 *   0  urlencoded, default limits, plus form_decode both ways
 *   1  urlencoded, tiny limits
 *   2  multipart, fixed Content-Type (boundary "XyZ"), default limits
 *   3  multipart, tiny limits
 *   4  multipart, Content-Type taken from the input up to the first '\n'
 *   5  Cookie header, then cookie_format of each cookie read back
 * Beyond not crashing, every result is checked against the header's
 * promises; a broken promise aborts.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/str.h"
#include "web/cookie.h"
#include "web/form.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct form_limits tiny = {
	.max_fields = 3, .max_name = 4, .max_value = 8, .max_file = 16,
};


static void check_form(int rc, const struct form *f, const struct err *e,
		       const struct form_limits *lim)
{
	if (rc < 0) {
		CHECK(rc == ERR_INVALID || rc == ERR_LIMIT);
		CHECK(e->code == rc);
		CHECK(f->n == 0 && f->fields == NULL);
		CHECK(memchr(e->field, '\0', sizeof(e->field)) != NULL);
		CHECK(utf8_valid(e->field, strlen(e->field)));
		return;
	}
	CHECK(rc == 0);
	CHECK(f->n <= lim->max_fields);
	CHECK(f->n == 0 || f->fields != NULL);
	for (size_t i = 0; i < f->n; i++) {
		const struct form_field *ff = &f->fields[i];
		size_t nl = strlen(ff->name);

		CHECK(nl > 0 && nl <= lim->max_name);
		CHECK(utf8_valid(ff->name, nl));
		CHECK(ff->value[ff->len] == '\0');
		if (ff->filename) {
			CHECK(ff->len <= lim->max_file);
			CHECK(utf8_valid(ff->filename, strlen(ff->filename)));
		} else {
			CHECK(ff->len <= lim->max_value);
			CHECK(utf8_valid(ff->value, ff->len));
		}
		if (ff->content_type)
			CHECK(utf8_valid(ff->content_type, strlen(ff->content_type)));
		CHECK(form_get(f, ff->name) != NULL);
	}
}

static void run_urlencoded(struct arena *a, const char *s, size_t n,
			   const struct form_limits *lim)
{
	struct form f;
	struct err e = {0};
	char *out;
	size_t len;

	check_form(form_parse_urlencoded(a, s, n, lim, &f, &e), &f, &e, lim);
	if (form_decode(a, s, n, 1, &out, &len) == 0) {
		CHECK(len <= n && out[len] == '\0');
		CHECK(form_decode(a, s, n, 0, &out, &len) == 0);
	}
}

static void run_multipart(struct arena *a, const char *ct, const char *s,
			  size_t n, const struct form_limits *lim)
{
	struct form f;
	struct err e = {0};

	check_form(form_parse_multipart(a, ct, s, n, lim, &f, &e), &f, &e, lim);
}

static void run_cookie(struct arena *a, const char *s, size_t n)
{
	struct cookie c[COOKIE_MAX + 1], back[4];
	char *h = arena_strndup(a, s, n);   /* stops at a NUL, like a header */
	size_t k = cookie_parse(a, h, c, COOKIE_MAX + 1);
	struct cookie_attrs at = {"/", 0, 1, 1, "Lax"};
	struct buf b;
	size_t vl;

	CHECK(k <= COOKIE_MAX);
	for (size_t i = 0; i < k; i++) {
		CHECK(cookie_get(c, k, c[i].name) != NULL);
		/* Vary the attributes with the input, refusals included. */
		at.path = i & 1 ? c[i].value : "/";
		at.max_age = (long)i - 1;
		at.same_site = i % 3 == 0 ? "Lax" : i % 3 == 1 ? NULL : c[i].name;
		buf_init(&b, i & 2 ? 40 : 4096);
		if (cookie_format(&b, c[i].name, c[i].value, &at) < 0) {
			CHECK(b.len == 0);
			buf_release(&b);
			continue;
		}
		/* What was accepted reads back the same. */
		CHECK(cookie_parse(a, b.p, back, 4) >= 1);
		CHECK(strcmp(back[0].name, c[i].name) == 0);
		vl = strlen(c[i].value);
		if (vl >= 2 && c[i].value[0] == '"' && c[i].value[vl - 1] == '"')
			CHECK(strlen(back[0].value) == vl - 2 &&
			      memcmp(back[0].value, c[i].value + 1, vl - 2) == 0);
		else
			CHECK(strcmp(back[0].value, c[i].value) == 0);
		buf_release(&b);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	const char *s;
	size_t n;

	if (size < 1)
		return 0;
	/* An exact-size heap copy, so that any over-read is caught. */
	n = size - 1;
	s = NULL;
	if (n) {
		char *p = malloc(n);

		if (!p)
			return 0;
		s = memcpy(p, data + 1, n);
	}
	arena_init(&a);
	switch (data[0] % 6) {
	case 0:
		run_urlencoded(&a, s, n, &form_default_limits);
		break;
	case 1:
		run_urlencoded(&a, s, n, &tiny);
		break;
	case 2:
		run_multipart(&a, "multipart/form-data; boundary=XyZ", s, n,
			      &form_default_limits);
		break;
	case 3:
		run_multipart(&a, "multipart/form-data; boundary=\"XyZ\"", s, n,
			      &tiny);
		break;
	case 4: {
		const char *nl = n ? memchr(s, '\n', n) : NULL;
		size_t hl = nl ? (size_t)(nl - s) : n;
		char *ct = arena_strndup(&a, s ? s : "", hl);

		run_multipart(&a, ct, nl ? nl + 1 : NULL, nl ? n - hl - 1 : 0,
			      &form_default_limits);
		break;
	}
	default:
		run_cookie(&a, s ? s : "", n);
		break;
	}
	arena_free(&a);
	free((void *)s);
	return 0;
}

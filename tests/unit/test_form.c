/* Unit tests for web/form and web/cookie. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/mem.h"
#include "web/cookie.h"
#include "web/form.h"

#define MP_CT "multipart/form-data; boundary=XyZ"

#include "unit/fixture.h"

/* ---- form_decode ---- */

static void test_decode(void **state)
{
	static const struct {
		const char *in;
		int plus;
		int rc;
		const char *out;
		size_t len;
	} t[] = {
		{"", 1, 0, "", 0},
		{"abc", 1, 0, "abc", 3},
		{"a+b", 1, 0, "a b", 3},
		{"a+b", 0, 0, "a+b", 3},
		{"%20", 1, 0, " ", 1},
		{"%2B", 1, 0, "+", 1},
		{"%2b%2B", 0, 0, "++", 2},
		{"%e2%82%ac", 1, 0, "\xe2\x82\xac", 3},
		{"%E2%82%AC", 1, 0, "\xe2\x82\xac", 3},
		{"x%00y", 1, 0, "x\0y", 3},
		{"%zz", 1, -1, NULL, 0},
		{"%4", 1, -1, NULL, 0},
		{"%", 1, -1, NULL, 0},
		{"ab%", 1, -1, NULL, 0},
		{"%g0", 1, -1, NULL, 0},
		{"%0g", 1, -1, NULL, 0},
		{"ok%2", 1, -1, NULL, 0},
	};
	struct arena *a = *state;

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		char *out = (char *)"untouched";
		size_t len = 12345;
		int rc = form_decode(a, t[i].in, strlen(t[i].in), t[i].plus,
				     &out, &len);

		print_message("decode case %zu: \"%s\"\n", i, t[i].in);
		assert_int_equal(rc, t[i].rc);
		if (rc == 0) {
			assert_int_equal(len, t[i].len);
			assert_memory_equal(out, t[i].out, len);
			assert_int_equal(out[len], '\0');
		} else {
			assert_string_equal(out, "untouched");
			assert_int_equal(len, 12345);
		}
	}
}

/* ---- urlencoded ---- */

struct pair {
	const char *name, *value;
};

static void test_urlencoded(void **state)
{
	static const struct {
		const char *in;
		int rc;
		const char *field;       /* e->field on error */
		size_t n;
		struct pair f[4];
	} t[] = {
		{"", 0, NULL, 0, {{0}}},
		{"a=1&b=2", 0, NULL, 2, {{"a", "1"}, {"b", "2"}}},
		{"a", 0, NULL, 1, {{"a", ""}}},
		{"a=", 0, NULL, 1, {{"a", ""}}},
		{"a=1&&b=2&", 0, NULL, 2, {{"a", "1"}, {"b", "2"}}},
		{"&&&", 0, NULL, 0, {{0}}},
		{"=x&b=2", 0, NULL, 1, {{"b", "2"}}},
		{"=&=", 0, NULL, 0, {{0}}},
		{"a=b=c", 0, NULL, 1, {{"a", "b=c"}}},
		{"q=caf%C3%A9+au+lait", 0, NULL, 1, {{"q", "caf\xc3\xa9 au lait"}}},
		{"a%20b=c%2Bd", 0, NULL, 1, {{"a b", "c+d"}}},
		{"a+b=%e2%82%ac", 0, NULL, 1, {{"a b", "\xe2\x82\xac"}}},
		{"t=line%0D%0Anext", 0, NULL, 1, {{"t", "line\r\nnext"}}},
		{"raw=\xc3\xa9", 0, NULL, 1, {{"raw", "\xc3\xa9"}}},
		{"a=%zz", ERR_INVALID, "a", 0, {{0}}},
		{"ok=1&a=%4", ERR_INVALID, "a", 0, {{0}}},
		{"a=%", ERR_INVALID, "a", 0, {{0}}},
		{"%zz=1", ERR_INVALID, "", 0, {{0}}},
		{"a=%00", ERR_INVALID, "a", 0, {{0}}},
		{"a%00=1", ERR_INVALID, "", 0, {{0}}},
		{"a=%ff", ERR_INVALID, "a", 0, {{0}}},
		{"a=%c0%af", ERR_INVALID, "a", 0, {{0}}},       /* overlong '/' */
		{"a=%ed%a0%80", ERR_INVALID, "a", 0, {{0}}},    /* surrogate */
		{"a=%e2%82", ERR_INVALID, "a", 0, {{0}}},       /* cut short */
		{"a=\xff", ERR_INVALID, "a", 0, {{0}}},
		{"%ff=1", ERR_INVALID, "", 0, {{0}}},
	};
	struct arena *a = *state;

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct form f = {(struct form_field *)1, 99};
		struct err e = {0};
		int rc = form_parse_urlencoded(a, t[i].in, strlen(t[i].in), NULL,
					       &f, &e);

		print_message("urlencoded case %zu: \"%s\"\n", i, t[i].in);
		assert_int_equal(rc, t[i].rc);
		assert_int_equal(f.n, t[i].n);
		if (rc < 0) {
			assert_null(f.fields);
			assert_int_equal(e.code, rc);
			assert_string_equal(e.field, t[i].field);
			assert_true(e.msg[0] != '\0');
			continue;
		}
		for (size_t j = 0; j < t[i].n; j++) {
			assert_string_equal(f.fields[j].name, t[i].f[j].name);
			assert_string_equal(f.fields[j].value, t[i].f[j].value);
			assert_int_equal(f.fields[j].len, strlen(t[i].f[j].value));
			assert_null(f.fields[j].filename);
			assert_null(f.fields[j].content_type);
		}
	}
}

static void test_urlencoded_duplicates(void **state)
{
	struct arena *a = *state;
	const char *s = "a=1&b=x&a=2";
	struct form f;
	struct err e = {0};

	assert_int_equal(form_parse_urlencoded(a, s, strlen(s), NULL, &f, &e), 0);
	assert_int_equal(f.n, 3);
	assert_string_equal(form_get(&f, "a"), "1");
	assert_string_equal(f.fields[2].value, "2");
	assert_ptr_equal(form_field(&f, "a"), &f.fields[0]);
	assert_ptr_equal(form_field(&f, "b"), &f.fields[1]);
	assert_null(form_get(&f, "c"));
	assert_null(form_get(&f, ""));
	assert_null(form_get(NULL, "a"));
	assert_null(form_field(&f, "A"));
}

/* The input need not be NUL-terminated: bytes past len are never read. */
static void test_urlencoded_length(void **state)
{
	struct arena *a = *state;
	const char s[] = "a=1&b=2%41&c=3";
	struct form f;
	struct err e = {0};

	assert_int_equal(form_parse_urlencoded(a, s, 7, NULL, &f, &e), 0);
	assert_int_equal(f.n, 2);
	assert_string_equal(form_get(&f, "b"), "2");
	/* Cut in the middle of an escape: that escape is now truncated. */
	assert_int_equal(form_parse_urlencoded(a, s, 9, NULL, &f, &e), ERR_INVALID);
	assert_string_equal(e.field, "b");
	assert_int_equal(form_parse_urlencoded(a, NULL, 0, NULL, &f, &e), 0);
	assert_int_equal(f.n, 0);
}

static void test_urlencoded_limits(void **state)
{
	static const struct form_limits lim = {
		.max_fields = 2, .max_name = 4, .max_value = 5, .max_file = 10,
	};
	static const struct {
		const char *in;
		int rc;
		const char *field;
	} t[] = {
		{"a=1&b=2", 0, ""},
		{"a=1&&&=z&b=2&", 0, ""},     /* skipped pairs do not count */
		{"a=1&b=2&c=3", ERR_LIMIT, ""},
		{"a&b&c", ERR_LIMIT, ""},
		{"abcd=1", 0, ""},
		{"%41%42%43%44=1", 0, ""},    /* the decoded length counts */
		{"abcde=1", ERR_LIMIT, ""},
		{"a+b+c=1", ERR_LIMIT, ""},
		{"a=12345", 0, ""},
		{"a=%31%32%33%34%35", 0, ""},
		{"a=123456", ERR_LIMIT, "a"},
		{"x=1&long=1+2+3+", ERR_LIMIT, "long"},
	};
	struct arena *a = *state;

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct form f;
		struct err e = {0};
		int rc = form_parse_urlencoded(a, t[i].in, strlen(t[i].in), &lim,
					       &f, &e);

		print_message("limit case %zu: \"%s\"\n", i, t[i].in);
		assert_int_equal(rc, t[i].rc);
		assert_string_equal(e.field, t[i].field);
		if (rc < 0) {
			assert_int_equal(f.n, 0);
			assert_null(f.fields);
		}
	}
}

/* Defaults: 256 fields pass, 257 do not. */
static void test_urlencoded_default_limits(void **state)
{
	struct arena *a = *state;
	struct buf b;
	struct form f;
	struct err e = {0};

	assert_int_equal(form_default_limits.max_fields, 256);
	assert_int_equal(form_default_limits.max_value, 65536);
	buf_init(&b, 0);
	for (int i = 0; i < 256; i++)
		buf_printf(&b, "f%d=%d&", i, i);
	assert_int_equal(form_parse_urlencoded(a, b.p, b.len, NULL, &f, &e), 0);
	assert_int_equal(f.n, 256);
	assert_string_equal(form_get(&f, "f255"), "255");
	buf_adds(&b, "one=more");
	assert_int_equal(form_parse_urlencoded(a, b.p, b.len, NULL, &f, &e),
			 ERR_LIMIT);
	buf_release(&b);
}

/* ---- multipart ---- */

/* Two text fields and a file whose bytes hold CRLF, "--", a near-boundary
 * and NUL bytes. */
static const char mp_body[] =
	"--XyZ\r\n"
	"Content-Disposition: form-data; name=\"title\"\r\n"
	"\r\n"
	"Caf\xc3\xa9 night\r\n"
	"--XyZ\r\n"
	"content-disposition: form-data; name=\"notes\"\r\n"
	"Content-Type: text/plain; charset=utf-8\r\n"
	"\r\n"
	"line one\r\nline two\r\n"
	"--XyZ\r\n"
	"Content-Disposition: form-data; name=\"file\"; filename=\"a b.bin\"\r\n"
	"Content-Type: application/octet-stream\r\n"
	"\r\n"
	"\0\x01\r\n--\r\n--XyZZ\r\n--Xy\0\xff\r\n"
	"\r\n--XyZ--\r\n";
static const char mp_file[] = "\0\x01\r\n--\r\n--XyZZ\r\n--Xy\0\xff\r\n";

static void test_multipart(void **state)
{
	struct arena *a = *state;
	struct form f;
	struct err e = {0};
	const struct form_field *ff;

	assert_int_equal(form_parse_multipart(a, MP_CT, mp_body,
					      sizeof(mp_body) - 1, NULL, &f, &e), 0);
	assert_int_equal(f.n, 3);
	assert_string_equal(form_get(&f, "title"), "Caf\xc3\xa9 night");
	assert_null(f.fields[0].filename);
	assert_null(f.fields[0].content_type);
	assert_string_equal(form_get(&f, "notes"), "line one\r\nline two");
	assert_string_equal(f.fields[1].content_type, "text/plain; charset=utf-8");
	ff = form_field(&f, "file");
	assert_non_null(ff);
	assert_string_equal(ff->filename, "a b.bin");
	assert_string_equal(ff->content_type, "application/octet-stream");
	assert_int_equal(ff->len, sizeof(mp_file) - 1);
	assert_memory_equal(ff->value, mp_file, ff->len);
	assert_int_equal(ff->value[ff->len], '\0');
}

static void test_multipart_variants(void **state)
{
	static const struct {
		const char *ct;
		const char *body;
		size_t n;
		struct pair f[3];
	} t[] = {
		/* Quoted boundary with a space; parameters in any case. */
		{"multipart/form-data; boundary=\"x y\"",
		 "--x y\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--x y--\r\n",
		 1, {{"a", "1"}}},
		{"Multipart/Form-Data;BOUNDARY=XyZ ; charset=utf-8",
		 "--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--XyZ--",
		 1, {{"a", "1"}}},
		/* LF-only lines. */
		{MP_CT,
		 "--XyZ\nContent-Disposition: form-data; name=\"a\"\n\nx\ny\n"
		 "--XyZ\nContent-Disposition: form-data; name=\"b\"\n\n2\n--XyZ--\n",
		 2, {{"a", "x\ny"}, {"b", "2"}}},
		/* Preamble, transport padding and epilogue. */
		{MP_CT,
		 "ignore me\r\n--XyZ \t\r\nContent-Disposition: form-data; name=\"a\"\r\n"
		 "\r\n1\r\n--XyZ--  epilogue\r\n--XyZ\r\nnot a part",
		 1, {{"a", "1"}}},
		/* No parts at all. */
		{MP_CT, "--XyZ--\r\n", 0, {{0}}},
		/* Empty content, with and without the CRLF of the delimiter. */
		{MP_CT,
		 "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n\r\n"
		 "--XyZ\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\n--XyZ--",
		 2, {{"a", ""}, {"b", ""}}},
		/* A line that only starts like the boundary is content. */
		{MP_CT,
		 "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n"
		 "--XyZa\r\n--XyZ-\r\n--XyZ--",
		 1, {{"a", "--XyZa\r\n--XyZ-"}}},
		/* Other headers are ignored; backslash escapes in quotes. */
		{MP_CT,
		 "--XyZ\r\nX-Foo: bar\r\nContent-Disposition: form-data; "
		 "name=\"q\\\"t\"\r\n\r\nv\r\n--XyZ--",
		 1, {{"q\"t", "v"}}},
	};
	struct arena *a = *state;

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct form f;
		struct err e = {0};
		int rc = form_parse_multipart(a, t[i].ct, t[i].body,
					      strlen(t[i].body), NULL, &f, &e);

		print_message("multipart case %zu: %s\n", i, e.msg);
		assert_int_equal(rc, 0);
		assert_int_equal(f.n, t[i].n);
		for (size_t j = 0; j < t[i].n; j++) {
			assert_string_equal(f.fields[j].name, t[i].f[j].name);
			assert_string_equal(f.fields[j].value, t[i].f[j].value);
		}
	}
}

/* A file input left empty: filename "" and no bytes. */
static void test_multipart_empty_file(void **state)
{
	static const char body[] =
		"--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"\"\r\n"
		"Content-Type: application/octet-stream\r\n\r\n\r\n--XyZ--\r\n";
	static const char win[] =
		"--XyZ\r\nContent-Disposition: form-data; name=\"f\"; "
		"filename=\"C:\\dir\\a.txt\"\r\n\r\nhi\r\n--XyZ--\r\n";
	struct arena *a = *state;
	struct form f;
	struct err e = {0};

	assert_int_equal(form_parse_multipart(a, MP_CT, body, sizeof(body) - 1,
					      NULL, &f, &e), 0);
	assert_int_equal(f.n, 1);
	assert_non_null(f.fields[0].filename);
	assert_string_equal(f.fields[0].filename, "");
	assert_int_equal(f.fields[0].len, 0);
	/* Browsers do not escape backslashes in file names. */
	assert_int_equal(form_parse_multipart(a, MP_CT, win, sizeof(win) - 1,
					      NULL, &f, &e), 0);
	assert_string_equal(f.fields[0].filename, "C:\\dir\\a.txt");
}

static void test_multipart_errors(void **state)
{
	static const struct form_limits lim = {
		.max_fields = 2, .max_name = 4, .max_value = 5, .max_file = 8,
	};
	static const struct {
		const char *ct;
		const char *body;
		int rc;
		const char *field;
	} t[] = {
		/* Content-Type header. */
		{NULL, "--XyZ--", ERR_INVALID, ""},
		{"multipart/form-data", "--XyZ--", ERR_INVALID, ""},
		{"multipart/form-data; boundary=", "----", ERR_INVALID, ""},
		{"multipart/form-data; boundary=\"\"", "----", ERR_INVALID, ""},
		{"multipart/mixed; boundary=XyZ", "--XyZ--", ERR_INVALID, ""},
		{"text/plain; boundary=XyZ", "--XyZ--", ERR_INVALID, ""},
		{"multipart/form-data; boundary=a@b", "--a@b--", ERR_INVALID, ""},
		{"multipart/form-data; boundary=\"ab \"", "--ab --", ERR_INVALID, ""},
		{"multipart/form-data; boundary=\"XyZ", "--XyZ--", ERR_INVALID, ""},
		{"multipart/form-data; boundary=XyZ; boundary=abc", "--XyZ--",
		 ERR_INVALID, ""},
		{"multipart/form-data boundary=XyZ", "--XyZ--", ERR_INVALID, ""},
		{"multipart/form-data; boundary=XyZ\r\nX: y", "--XyZ--", ERR_INVALID, ""},
		{"multipart/form-data; boundary="
		 "12345678901234567890123456789012345678901234567890123456789012345678901",
		 "--x--", ERR_INVALID, ""},
		/* Framing. */
		{MP_CT, "", ERR_INVALID, ""},
		{MP_CT, "no boundary here", ERR_INVALID, ""},
		{MP_CT, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n",
		 ERR_INVALID, "a"},
		{MP_CT, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--XyZ",
		 ERR_INVALID, "a"},
		{MP_CT, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n",
		 ERR_INVALID, "a"},
		/* Part headers. */
		{MP_CT, "--XyZ\r\nContent-Disposition: form-data\r\n\r\n1\r\n--XyZ--",
		 ERR_INVALID, ""},
		{MP_CT, "--XyZ\r\nContent-Disposition: form-data; filename=\"a\"\r\n\r\n1\r\n--XyZ--",
		 ERR_INVALID, ""},
		{MP_CT, "--XyZ\r\nContent-Disposition: form-data; name=\"\"\r\n\r\n1\r\n--XyZ--",
		 ERR_INVALID, ""},
		{MP_CT, "--XyZ\r\nContent-Type: text/plain\r\n\r\n1\r\n--XyZ--",
		 ERR_INVALID, ""},
		{MP_CT, "--XyZ\r\n\r\n1\r\n--XyZ--", ERR_INVALID, ""},
		{MP_CT, "--XyZ\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\n1\r\n--XyZ--",
		 ERR_INVALID, ""},
		{MP_CT, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"; name=\"b\"\r\n\r\n1\r\n--XyZ--",
		 ERR_INVALID, ""},
		{MP_CT, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n"
		 "Content-Disposition: form-data; name=\"b\"\r\n\r\n1\r\n--XyZ--",
		 ERR_INVALID, "a"},
		{MP_CT, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n"
		 "\tfolded\r\n\r\n1\r\n--XyZ--", ERR_INVALID, "a"},
		{MP_CT, "--XyZ\r\nno colon\r\n\r\n1\r\n--XyZ--", ERR_INVALID, ""},
		{MP_CT, "--XyZ\r\nContent-Disposition: form-data; name=\"a\x01\"\r\n\r\n1\r\n--XyZ--",
		 ERR_INVALID, ""},
		{MP_CT, "--XyZ\r\nContent-Disposition: form-data; name=\"\xff\"\r\n\r\n1\r\n--XyZ--",
		 ERR_INVALID, ""},
		{MP_CT, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"; filename=\"\xc3\"\r\n\r\n1\r\n--XyZ--",
		 ERR_INVALID, "a"},
		/* Text values. */
		{MP_CT, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n\xff\r\n--XyZ--",
		 ERR_INVALID, "a"},
		/* Limits. */
		{MP_CT, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n123456\r\n--XyZ--",
		 ERR_LIMIT, "a"},
		{MP_CT, "--XyZ\r\nContent-Disposition: form-data; name=\"abcde\"\r\n\r\n1\r\n--XyZ--",
		 ERR_LIMIT, ""},
		{MP_CT, "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x\"\r\n"
		 "\r\n123456789\r\n--XyZ--", ERR_LIMIT, "f"},
		{MP_CT, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n"
		 "--XyZ\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\n2\r\n"
		 "--XyZ\r\nContent-Disposition: form-data; name=\"c\"\r\n\r\n3\r\n--XyZ--",
		 ERR_LIMIT, ""},
	};
	struct arena *a = *state;

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct form f = {(struct form_field *)1, 99};
		struct err e = {0};
		int rc = form_parse_multipart(a, t[i].ct, t[i].body,
					      strlen(t[i].body), &lim, &f, &e);

		print_message("multipart error case %zu: %s\n", i, e.msg);
		assert_int_equal(rc, t[i].rc);
		assert_int_equal(e.code, t[i].rc);
		assert_string_equal(e.field, t[i].field);
		assert_true(e.msg[0] != '\0');
		assert_int_equal(f.n, 0);
		assert_null(f.fields);
	}
}

/* NUL in a text part is refused; the same bytes in a file are kept. */
static void test_multipart_nul(void **state)
{
	static const char text[] =
		"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\0y\r\n--XyZ--";
	static const char file[] =
		"--XyZ\r\nContent-Disposition: form-data; name=\"a\"; filename=\"n\"\r\n"
		"\r\nx\0y\r\n--XyZ--";
	struct arena *a = *state;
	struct form f;
	struct err e = {0};

	assert_int_equal(form_parse_multipart(a, MP_CT, text, sizeof(text) - 1,
					      NULL, &f, &e), ERR_INVALID);
	assert_string_equal(e.field, "a");
	assert_int_equal(form_parse_multipart(a, MP_CT, file, sizeof(file) - 1,
					      NULL, &f, &e), 0);
	assert_int_equal(f.fields[0].len, 3);
	assert_memory_equal(f.fields[0].value, "x\0y", 4);
}

/* A file of exactly max_file bytes passes; one more byte does not. */
static void test_multipart_file_limit(void **state)
{
	static const char head[] =
		"--XyZ\r\nContent-Disposition: form-data; name=\"up\"; filename=\"big\"\r\n\r\n";
	static const char tail[] = "\r\n--XyZ--\r\n";
	struct form_limits lim = form_default_limits;
	struct arena *a = *state;
	struct buf b;
	struct form f;
	struct err e = {0};

	lim.max_file = 1000;
	buf_init(&b, 0);
	buf_adds(&b, head);
	for (int i = 0; i < 1000; i++)
		buf_addc(&b, (char)(i & 0xff));
	buf_adds(&b, tail);
	assert_int_equal(form_parse_multipart(a, MP_CT, b.p, b.len, &lim, &f, &e), 0);
	assert_int_equal(f.fields[0].len, 1000);
	assert_int_equal((unsigned char)f.fields[0].value[999], 999 & 0xff);

	buf_reset(&b);
	buf_adds(&b, head);
	for (int i = 0; i < 1001; i++)
		buf_addc(&b, 'x');
	buf_adds(&b, tail);
	assert_int_equal(form_parse_multipart(a, MP_CT, b.p, b.len, &lim, &f, &e),
			 ERR_LIMIT);
	assert_string_equal(e.field, "up");
	assert_int_equal(f.n, 0);
	buf_release(&b);
}

/* Part headers are capped at 8 KiB, blank line included. */
static void test_multipart_header_limit(void **state)
{
	static const char cd[] = "Content-Disposition: form-data; name=\"a\"\r\n";
	struct arena *a = *state;
	struct buf b;
	struct form f;
	struct err e = {0};
	size_t pad;

	buf_init(&b, 0);
	buf_adds(&b, "--XyZ\r\n");
	buf_adds(&b, cd);
	/* X-Pad line so that the section is exactly 8192 bytes. */
	pad = 8192 - (sizeof(cd) - 1) - 2 - strlen("X-Pad: \r\n");
	buf_adds(&b, "X-Pad: ");
	for (size_t i = 0; i < pad; i++)
		buf_addc(&b, 'p');
	buf_adds(&b, "\r\n\r\nv\r\n--XyZ--");
	assert_int_equal(form_parse_multipart(a, MP_CT, b.p, b.len, NULL, &f, &e), 0);
	assert_string_equal(form_get(&f, "a"), "v");

	buf_reset(&b);
	buf_adds(&b, "--XyZ\r\n");
	buf_adds(&b, cd);
	buf_adds(&b, "X-Pad: ");
	for (size_t i = 0; i < pad + 1; i++)
		buf_addc(&b, 'p');
	buf_adds(&b, "\r\n\r\nv\r\n--XyZ--");
	assert_int_equal(form_parse_multipart(a, MP_CT, b.p, b.len, NULL, &f, &e),
			 ERR_LIMIT);
	buf_release(&b);
}

/* ---- cookies ---- */

static void test_cookie_parse(void **state)
{
	static const struct {
		const char *in;
		size_t n;
		struct pair c[4];
	} t[] = {
		{"a=1; b=2", 2, {{"a", "1"}, {"b", "2"}}},
		{"  a = 1 ;b=2  ;\tc=3\t", 3, {{"a", "1"}, {"b", "2"}, {"c", "3"}}},
		{"a=1;b=2", 2, {{"a", "1"}, {"b", "2"}}},
		{"a=\"quoted\"; b=\"\"", 2, {{"a", "quoted"}, {"b", ""}}},
		{"a=\"half", 1, {{"a", "\"half"}}},
		{"a=\"", 1, {{"a", "\""}}},
		{"a=1; a=2", 2, {{"a", "1"}, {"a", "2"}}},
		{"a=b=c", 1, {{"a", "b=c"}}},
		{"a=; b", 1, {{"a", ""}}},
		{"sid=abc, def", 1, {{"sid", "abc, def"}}},
		{"", 0, {{0}}},
		{"   ", 0, {{0}}},
		{";;; ; ", 0, {{0}}},
		{"garbage", 0, {{0}}},
		{"=x; b=2", 1, {{"b", "2"}}},
		{"a b=1; c=2", 1, {{"c", "2"}}},
		{"a(b)=1; @=2; c=3", 1, {{"c", "3"}}},
		{"a=x\x01y; c=2", 1, {{"c", "2"}}},
		{"a=x\x7fy; c=2", 1, {{"c", "2"}}},
		{"a=\xff; c=2", 1, {{"c", "2"}}},
		{"\xc3\xa9=1; c=2", 1, {{"c", "2"}}},
		{"a=\xc3\xa9", 1, {{"a", "\xc3\xa9"}}},
		{"$Version=1; a=1", 2, {{"$Version", "1"}, {"a", "1"}}},
	};
	struct arena *a = *state;

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct cookie c[8];
		size_t n = cookie_parse(a, t[i].in, c, 8);

		print_message("cookie case %zu: \"%s\"\n", i, t[i].in);
		assert_int_equal(n, t[i].n);
		for (size_t j = 0; j < n; j++) {
			assert_string_equal(c[j].name, t[i].c[j].name);
			assert_string_equal(c[j].value, t[i].c[j].value);
		}
	}
}

static void test_cookie_get_and_max(void **state)
{
	struct arena *a = *state;
	struct cookie c[COOKIE_MAX + 10];
	struct buf b;
	size_t n;

	n = cookie_parse(a, "sid=one; theme=dark; sid=two", c, 8);
	assert_int_equal(n, 3);
	assert_string_equal(cookie_get(c, n, "sid"), "one");
	assert_string_equal(cookie_get(c, n, "theme"), "dark");
	assert_null(cookie_get(c, n, "Sid"));
	assert_null(cookie_get(c, n, "missing"));
	assert_null(cookie_get(c, 0, "sid"));
	assert_int_equal(cookie_parse(a, NULL, c, 8), 0);
	assert_int_equal(cookie_parse(a, "a=1", c, 0), 0);

	/* max is honoured, and never more than COOKIE_MAX. */
	assert_int_equal(cookie_parse(a, "a=1; b=2; c=3; d=4", c, 2), 2);
	assert_string_equal(c[1].name, "b");
	buf_init(&b, 0);
	for (int i = 0; i < COOKIE_MAX + 6; i++)
		buf_printf(&b, "c%d=%d; ", i, i);
	n = cookie_parse(a, b.p, c, COOKIE_MAX + 10);
	assert_int_equal(n, COOKIE_MAX);
	assert_string_equal(c[COOKIE_MAX - 1].name, "c63");
	buf_release(&b);
}

static void test_cookie_format(void **state)
{
	static const struct {
		const char *name, *value;
		struct cookie_attrs at;
		int use_at;
		const char *out;
	} t[] = {
		{"sid", "abc", {0}, 0, "sid=abc"},
		{"sid", "", {NULL, -1, 0, 0, NULL}, 1, "sid="},
		{"sid", "abc", {"/", 3600, 1, 1, "Lax"}, 1,
		 "sid=abc; Path=/; Max-Age=3600; Secure; HttpOnly; SameSite=Lax"},
		{"sid", "abc", {"/app", -1, 1, 0, "Strict"}, 1,
		 "sid=abc; Path=/app; HttpOnly; SameSite=Strict"},
		{"sid", "", {"/", 0, 1, 0, NULL}, 1,
		 "sid=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly"},
		{"csrf", "\"a-b_c.d~!#$%&'()*+/:<=>?@[]^`{|}\"", {NULL, 60, 0, 1, NULL}, 1,
		 "csrf=\"a-b_c.d~!#$%&'()*+/:<=>?@[]^`{|}\"; Max-Age=60; Secure"},
		{"a.b-c_d", "x", {"/p a", -5, 0, 0, NULL}, 1, "a.b-c_d=x; Path=/p a"},
	};
	struct buf b;

	(void)state;
	buf_init(&b, 0);
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		buf_reset(&b);
		print_message("format case %zu\n", i);
		assert_int_equal(cookie_format(&b, t[i].name, t[i].value,
					       t[i].use_at ? &t[i].at : NULL), 0);
		assert_string_equal(b.p, t[i].out);
	}
	/* Appends to what is there. */
	buf_reset(&b);
	buf_adds(&b, "Set-Cookie: ");
	assert_int_equal(cookie_format(&b, "a", "1", NULL), 0);
	assert_string_equal(b.p, "Set-Cookie: a=1");
	buf_release(&b);
}

static void test_cookie_format_refused(void **state)
{
	static const char *bad_names[] = {
		"", "a b", "a;b", "a=b", "a,b", "a\"b", "(a)", "a/b", "a\tb",
		"a\r\nSet-Cookie: x", "\xc3\xa9", "a\x7f",
	};
	static const char *bad_values[] = {
		"a b", "a;b", "a,b", "a\"b", "a\\b", "\"", "\"ab", "x\x7f", "\xc3\xa9",
		"a\r\nb", "\"a b\"",
	};
	static const struct cookie_attrs bad_attrs[] = {
		{"", -1, 0, 0, NULL},
		{"relative", -1, 0, 0, NULL},
		{"/a;b", -1, 0, 0, NULL},
		{"/a\nb", -1, 0, 0, NULL},
		{"/caf\xc3\xa9", -1, 0, 0, NULL},
		{"/", -1, 0, 0, "None"},
		{"/", -1, 0, 0, "lax"},
		{"/", -1, 0, 0, ""},
	};
	struct buf b, small;

	(void)state;
	buf_init(&b, 0);
	buf_adds(&b, "keep");
	for (size_t i = 0; i < sizeof(bad_names) / sizeof(bad_names[0]); i++) {
		print_message("bad name %zu\n", i);
		assert_int_equal(cookie_format(&b, bad_names[i], "v", NULL), -1);
	}
	for (size_t i = 0; i < sizeof(bad_values) / sizeof(bad_values[0]); i++) {
		print_message("bad value %zu\n", i);
		assert_int_equal(cookie_format(&b, "n", bad_values[i], NULL), -1);
	}
	for (size_t i = 0; i < sizeof(bad_attrs) / sizeof(bad_attrs[0]); i++) {
		print_message("bad attrs %zu\n", i);
		assert_int_equal(cookie_format(&b, "n", "v", &bad_attrs[i]), -1);
	}
	assert_int_equal(cookie_format(&b, NULL, "v", NULL), -1);
	assert_int_equal(cookie_format(&b, "n", NULL, NULL), -1);
	assert_string_equal(b.p, "keep");
	assert_int_equal(b.len, 4);
	buf_release(&b);

	/* Past the buffer's maximum: refused, and nothing half-written. */
	buf_init(&small, 16);
	buf_adds(&small, "x");
	struct cookie_attrs at = {"/", 3600, 1, 1, "Lax"};
	assert_int_equal(cookie_format(&small, "sid", "abcdef", &at), -1);
	assert_string_equal(small.p, "x");
	assert_int_equal(small.len, 1);
	buf_release(&small);
}

/* What cookie_format writes, cookie_parse reads back. */
static void test_cookie_roundtrip(void **state)
{
	struct arena *a = *state;
	struct cookie_attrs at = {"/", 60, 1, 1, "Strict"};
	struct cookie c[8];
	struct buf b;
	size_t n;

	buf_init(&b, 0);
	assert_int_equal(cookie_format(&b, "sid", "\"tok/en=\"", &at), 0);
	n = cookie_parse(a, b.p, c, 8);
	assert_true(n >= 1);
	assert_string_equal(c[0].name, "sid");
	assert_string_equal(c[0].value, "tok/en=");
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, arena_setup, arena_teardown)
		T(test_decode),
		T(test_urlencoded),
		T(test_urlencoded_duplicates),
		T(test_urlencoded_length),
		T(test_urlencoded_limits),
		T(test_urlencoded_default_limits),
		T(test_multipart),
		T(test_multipart_variants),
		T(test_multipart_empty_file),
		T(test_multipart_errors),
		T(test_multipart_nul),
		T(test_multipart_file_limit),
		T(test_multipart_header_limit),
		T(test_cookie_parse),
		T(test_cookie_get_and_max),
		T(test_cookie_format),
		T(test_cookie_format_refused),
		T(test_cookie_roundtrip),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

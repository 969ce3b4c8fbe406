/* Unit tests for core/csv. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/csv.h"
#include "core/err.h"
#include "core/mem.h"

#include "unit/fixture.h"

/* Appends s with CR, LF and '|' made visible, so a rendering stays one line
 * per record. */
static void add_visible(struct buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '\n')
			buf_adds(b, "\\n");
		else if (*s == '\r')
			buf_adds(b, "\\r");
		else if (*s == '|')
			buf_adds(b, "\\|");
		else
			buf_addc(b, *s);
	}
}

/* The table as text: "h1|h2", then "\n@LINE f1|f2" per row, then "\n!MSG"
 * per reject.  Returned in the arena. */
static const char *render(struct arena *a, const struct csv_table *t)
{
	struct buf b;
	const char *s;

	buf_init(&b, 0);
	for (size_t i = 0; i < t->ncols; i++) {
		if (i)
			buf_addc(&b, '|');
		add_visible(&b, t->header[i]);
	}
	for (size_t r = 0; r < t->nrows; r++) {
		buf_printf(&b, "\n@%zu ", t->rows[r].line);
		for (size_t i = 0; i < t->ncols; i++) {
			if (i)
				buf_addc(&b, '|');
			add_visible(&b, t->rows[r].fields[i]);
		}
	}
	for (size_t r = 0; r < t->nrejects; r++) {
		buf_adds(&b, "\n!");
		add_visible(&b, t->rejects[r].msg);
	}
	s = arena_strdup(a, b.p);
	buf_release(&b);
	return s;
}

/* ---- files that parse ---- */

static void test_parse_ok(void **state)
{
	static const struct {
		const char *in;
		char delim;
		const char *out;
	} t[] = {
		/* BOM, line ends */
		{"a,b\n1,2\n", 0, "a|b\n@2 1|2"},
		{"\xef\xbb\xbf" "a,b\n1,2\n", 0, "a|b\n@2 1|2"},
		{"\xef\xbb\xbf" "a\n\xef\xbb\xbf" "x\n", 0,
		 "a\n@2 \xef\xbb\xbfx"},   /* only the first BOM is skipped */
		{"a,b\r\n1,2\r\n3,4\r\n", 0, "a|b\n@2 1|2\n@3 3|4"},
		{"a,b\r\n1,2\n3,4\r\n5,6", 0, "a|b\n@2 1|2\n@3 3|4\n@4 5|6"},
		{"a,b\n1,2", 0, "a|b\n@2 1|2"},
		{"a,b", 0, "a|b"},
		/* quoting */
		{"a,b\n\"x,y\",z\n", 0, "a|b\n@2 x,y|z"},
		{"a\n\"say \"\"hi\"\"\"\n", 0, "a\n@2 say \"hi\""},
		{"a\n\"\"\"\"\n", 0, "a\n@2 \""},
		{"a,b\n\"l1\nl2\",x\n3,4\n", 0,
		 "a|b\n@2 l1\\nl2|x\n@4 3|4"},
		{"a,b\r\n\"l1\r\nl2\r\nl3\",x\r\n3,4\r\n", 0,
		 "a|b\n@2 l1\\r\\nl2\\r\\nl3|x\n@5 3|4"},
		{"a\n\"x\ry\"\n", 0, "a\n@2 x\\ry"},
		{"\"na,me\",\"b\"\"\"\n1,2\n", 0, "na,me|b\"\n@2 1|2"},
		{"a,b\n\"\n\",1\n\n\"\n\n\",2\n", 0,
		 "a|b\n@2 \\n|1\n@5 \\n\\n|2"},
		/* empty fields */
		{"a,b,c\n,,\n", 0, "a|b|c\n@2 ||"},
		{"a,b\n\"\",x\n", 0, "a|b\n@2 |x"},
		{"a,b\n1,\n", 0, "a|b\n@2 1|"},
		{"a,b\n1,", 0, "a|b\n@2 1|"},
		{"a\n\"\"\n", 0, "a\n@2 "},
		/* blank lines */
		{"a\n1\n\n", 0, "a\n@2 1"},
		{"a\n1\n\r\n", 0, "a\n@2 1"},
		{"a\n1\n\n\n\n", 0, "a\n@2 1"},
		{"a,b\n\n1,2\n\r\n\n3,4\n", 0, "a|b\n@3 1|2\n@6 3|4"},
		{"\n\r\na\n1\n", 0, "a\n@4 1"},
		/* whitespace: kept in data, trimmed from names */
		{"a,b\n 1 , 2\t\n", 0, "a|b\n@2  1 | 2\t"},
		{" a ,\tb \n1,2\n", 0, "a|b\n@2 1|2"},
		{"\" a \",b\n1,2\n", 0, "a|b\n@2 1|2"},
		/* Spanish text */
		{"nombre,año,ciudad\nNuñez,1998,Cádiz\n", 0,
		 "nombre|año|ciudad\n@2 Nuñez|1998|Cádiz"},
		{"\xc2\xbf" "Qué?\n\xc2\xa1S\xc3\xad!\n", 0,
		 "¿Qué?\n@2 ¡Sí!"},
		/* other delimiters */
		{"a;b\n1,5;2\n", ';', "a|b\n@2 1,5|2"},
		{"a;b\n\"x;y\";2\n", ';', "a|b\n@2 x;y|2"},
		{"a\tb\n1\t2\n", '\t', "a|b\n@2 1|2"},
		{"a,b\n1,2\n", ';', "a,b\n@2 1,2"},
	};

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct csv_table tab;
		struct err e = {0};
		int rc = csv_parse(*state, t[i].in, strlen(t[i].in), t[i].delim,
				   NULL, &tab, &e);

		if (rc != 0)
			print_error("case %zu: %s\n", i, e.msg);
		assert_int_equal(rc, 0);
		assert_int_equal(tab.nrejects, 0);
		assert_string_equal(render(*state, &tab), t[i].out);
	}
}

/* ---- records that are rejected while the others are kept ---- */

static void test_rejects(void **state)
{
	static const struct {
		const char *in;
		const char *out;
	} t[] = {
		{"a,b,c\n1,2,3\n1,2\n1,2,3,4\n4,5,6\n",
		 "a|b|c\n@2 1|2|3\n@5 4|5|6\n"
		 "!line 3: 2 fields, the header has 3\n"
		 "!line 4: 4 fields, the header has 3"},
		{"a,b\n\"x\ny\",1\n1\n2,2\n",
		 "a|b\n@2 x\\ny|1\n@5 2|2\n!line 4: 1 field, the header has 2"},
		{"a,b\n\n\n\"x\n\ny\"\n3,4\n",
		 "a|b\n@7 3|4\n!line 4: 1 field, the header has 2"},
		/* a quote in an unquoted field */
		{"a,b\n1,x\"y\n2,3\n",
		 "a|b\n@3 2|3\n!line 2: field 2 has a quote (\") in the middle; "
		 "put the whole field in quotes and write the quote twice (\"\")"},
		{"a,b\n1,2\"\n3,4\n",
		 "a|b\n@3 3|4\n!line 2: field 2 has a quote (\") in the middle; "
		 "put the whole field in quotes and write the quote twice (\"\")"},
		{"a,b\n5\" screen,1\n3,4\n",
		 "a|b\n@3 3|4\n!line 2: field 1 has a quote (\") in the middle; "
		 "put the whole field in quotes and write the quote twice (\"\")"},
		/* text after a closing quote, which must not swallow lines */
		{"a,b\n\"ab\"c,1\n2,3\n",
		 "a|b\n@3 2|3\n!line 2: field 1 has text after its closing quote"},
		{"a,b\n\"ab\" ,1\n2,3\n",
		 "a|b\n@3 2|3\n!line 2: field 1 has text after its closing quote"},
		{"a,b\n1,\"x\"y\"z\n2,3\n",
		 "a|b\n@3 2|3\n!line 2: field 2 has text after its closing quote"},
		{"a,b\n\"l1\nl2\"x,1\n2,3\n",
		 "a|b\n@4 2|3\n!line 2: field 1 has text after its closing quote"},
		/* a CR without LF */
		{"a,b\n1,x\ry\n3,4\n",
		 "a|b\n@3 3|4\n!line 2: field 2 has a carriage return (CR) "
		 "without a line feed"},
		{"a,b\n3,4\n1,2\r",
		 "a|b\n@2 3|4\n!line 3: field 2 has a carriage return (CR) "
		 "without a line feed"},
		{"a,b\n\"1\"\r2,3\n3,4\n",
		 "a|b\n@3 3|4\n!line 2: field 1 has text after its closing quote"},
		/* the first problem wins over the field count */
		{"a,b\n1,x\"y,z\n",
		 "a|b\n!line 2: field 2 has a quote (\") in the middle; "
		 "put the whole field in quotes and write the quote twice (\"\")"},
	};

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct csv_table tab;
		struct err e = {0};
		int rc = csv_parse(*state, t[i].in, strlen(t[i].in), 0, NULL,
				   &tab, &e);

		if (rc != 0)
			print_error("case %zu: %s\n", i, e.msg);
		assert_int_equal(rc, 0);
		assert_true(tab.nrejects > 0);
		assert_string_equal(render(*state, &tab), t[i].out);
	}
}

/* The reject's line field is where the record starts, as in its message. */
static void test_reject_lines(void **state)
{
	const char *in = "a,b\n1,2\n\"x\ny\",2,3\n4,5\n";
	struct csv_table t;
	struct err e = {0};

	assert_int_equal(csv_parse(*state, in, strlen(in), 0, NULL, &t, &e), 0);
	assert_int_equal(t.nrows, 2);
	assert_int_equal(t.rows[0].line, 2);
	assert_int_equal(t.rows[1].line, 5);
	assert_int_equal(t.nrejects, 1);
	assert_int_equal(t.rejects[0].line, 3);
	assert_string_equal(t.rejects[0].msg, "line 3: 3 fields, the header has 2");
}

/* One typo in a 5 000-row import costs that row only. */
static void test_big_import_one_typo(void **state)
{
	struct buf b;
	struct csv_table t;
	struct err e = {0};

	buf_init(&b, 0);
	buf_adds(&b, "name,email\r\n");
	for (int i = 0; i < 5000; i++) {
		if (i == 2500)
			buf_adds(&b, "Ana \"La Flaca\" Ruiz,ana@example.org\r\n");
		else
			buf_printf(&b, "Person %d,p%d@example.org\r\n", i, i);
	}
	assert_int_equal(csv_parse(*state, b.p, b.len, 0, NULL, &t, &e), 0);
	assert_int_equal(t.nrows, 4999);
	assert_int_equal(t.nrejects, 1);
	assert_int_equal(t.rejects[0].line, 2502);
	assert_int_equal(t.rows[2500].line, 2503);
	assert_string_equal(t.rows[2500].fields[1], "p2501@example.org");
	assert_int_equal(t.rows[4998].line, 5001);
	buf_release(&b);
}

/* ---- unusable files ---- */

static void test_unusable(void **state)
{
	static const struct {
		const char *in;
		size_t len;   /* 0: strlen */
		int rc;
		const char *msg;   /* the message starts with it */
	} t[] = {
		{"", 0, ERR_INVALID, "line 1: the file is empty"},
		{"\n\r\n\n", 0, ERR_INVALID, "line 1: the file is empty"},
		{"\xef\xbb\xbf", 0, ERR_INVALID, "line 1: the file is empty"},
		/* header names */
		{"a,a\n1,2\n", 0, ERR_INVALID,
		 "line 1: columns 1 and 2 are both named \"a\""},
		{"Email,name,EMAIL ,name\n", 0, ERR_INVALID,
		 "line 1: columns 1 and 3 are both named \"EMAIL\""},
		{"x,b,c,B,a,C\n", 0, ERR_INVALID,
		 "line 1: columns 2 and 4 are both named \"B\""},
		{"Año,AÑO\n", 0, ERR_INVALID,
		 "line 1: columns 1 and 2 are both named \"AÑO\""},
		{"\n\nid,Id\n", 0, ERR_INVALID, "line 3: columns 1 and 2"},
		{"a,,b\n", 0, ERR_INVALID, "line 1: column 2 has no name"},
		{"a, \t,b\n", 0, ERR_INVALID, "line 1: column 2 has no name"},
		{"a,b,\n", 0, ERR_INVALID, "line 1: column 3 has no name"},
		{"\"\"\n1\n", 0, ERR_INVALID, "line 1: column 1 has no name"},
		{"a,b\"c\n", 0, ERR_INVALID, "line 1: column name 2 has a quote"},
		{"a,b\r1,2\r", 0, ERR_INVALID,
		 "line 1: column name 2 has a carriage return"},
		/* unterminated quotes swallow the rest: fatal, where they start */
		{"a,b\n1,2\n\n3,\"open\n4,5\n", 0, ERR_INVALID,
		 "line 4: a quoted field starts here but its closing quote is missing"},
		{"\"a,b\n1,2\n", 0, ERR_INVALID, "line 1: a quoted field starts"},
		{"a\n\"x\"\"\n", 0, ERR_INVALID, "line 2: a quoted field starts"},
		{"a\n\"", 0, ERR_INVALID, "line 2: a quoted field starts"},
		/* bytes that are not UTF-8 text */
		{"a,b\n1,2\nJos\xe9,3\n", 0, ERR_INVALID,
		 "line 3: the text is not UTF-8"},
		{"a\n\xc0\xaf\n", 0, ERR_INVALID, "line 2: the text is not UTF-8"},
		{"a\n\xed\xa0\x80\n", 0, ERR_INVALID, "line 2: the text is not UTF-8"},
		{"a\n\xc3", 0, ERR_INVALID, "line 2: the text is not UTF-8"},
		{"a\n\xc3\n\xb1", 0, ERR_INVALID, "line 2: the text is not UTF-8"},
		{"a\n1\0002\n", 6, ERR_INVALID, "line 2: the file holds a NUL byte"},
		{"a\n\"x\ny\"\n\0", 9, ERR_INVALID,
		 "line 4: the file holds a NUL byte"},
		/* a quoted field beats the row problem: it is never closed */
		{"a\nx\"y\n\"z\n", 0, ERR_INVALID, "line 3: a quoted field starts"},
	};

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct csv_table tab;
		struct err e = {0};
		size_t len = t[i].len ? t[i].len : strlen(t[i].in);
		int rc = csv_parse(*state, t[i].in, len, 0, NULL, &tab, &e);

		if (rc != t[i].rc || strncmp(e.msg, t[i].msg, strlen(t[i].msg)))
			print_error("case %zu: rc %d: %s\n", i, rc, e.msg);
		assert_int_equal(rc, t[i].rc);
		assert_int_equal(e.code, t[i].rc);
		assert_true(strncmp(e.msg, t[i].msg, strlen(t[i].msg)) == 0);
		assert_int_equal(tab.ncols, 0);
		assert_null(tab.header);
		assert_int_equal(tab.nrows, 0);
		assert_null(tab.rows);
		assert_int_equal(tab.nrejects, 0);
		assert_null(tab.rejects);
	}
}

/* A result left over from an earlier call is wiped by a failure. */
static void test_error_zeroes_out(void **state)
{
	struct csv_table t;
	struct err e = {0};

	memset(&t, 0x5a, sizeof(t));
	assert_int_equal(csv_parse(*state, "a,a", 3, 0, NULL, &t, &e), ERR_INVALID);
	assert_int_equal(t.ncols, 0);
	assert_null(t.header);
	assert_null(t.rows);
	assert_null(t.rejects);
	/* NULL data with no length is an empty file, not a crash. */
	assert_int_equal(csv_parse(*state, NULL, 0, 0, NULL, &t, &e), ERR_INVALID);
	assert_string_equal(e.msg,
			    "line 1: the file is empty; its first line must name the columns");
}

static void test_bad_delim(void **state)
{
	static const char bad[] = {'"', '\r', '\n', (char)0xc3};
	struct csv_table t;

	for (size_t i = 0; i < sizeof(bad); i++) {
		struct err e = {0};

		assert_int_equal(csv_parse(*state, "a\n1\n", 4, bad[i], NULL, &t, &e),
				 ERR_INVALID);
		assert_non_null(strstr(e.msg, "delimiter"));
	}
}

/* ---- limits ---- */

static void test_limits(void **state)
{
	static const struct {
		struct csv_limits lim;
		const char *in;
		int rc;
		const char *msg;   /* prefix of e.msg, or the rendering on success */
	} t[] = {
		/* bytes: the line is where the limit is passed */
		{{.max_bytes = 11}, "a,b\n1,2\n3,4", 0, "a|b\n@2 1|2\n@3 3|4"},
		{{.max_bytes = 10}, "a,b\n1,2\n3,4", ERR_LIMIT,
		 "line 3: the file is larger than 10 bytes"},
		{{.max_bytes = 3}, "a,b\n1,2\n3,4", ERR_LIMIT,
		 "line 1: the file is larger than 3 bytes"},
		/* rows, rejected ones included */
		{{.max_rows = 2}, "a\n1\n2\n", 0, "a\n@2 1\n@3 2"},
		{{.max_rows = 2}, "a\n1\n2\n\n3\n", ERR_LIMIT,
		 "line 5: more than 2 rows"},
		{{.max_rows = 2}, "a\n1\n2,x\n3\n", ERR_LIMIT,
		 "line 4: more than 2 rows"},
		/* columns, in any record */
		{{.max_cols = 3}, "a,b,c\n1,2,3\n", 0, "a|b|c\n@2 1|2|3"},
		{{.max_cols = 3}, "a,b,c,d\n", ERR_LIMIT, "line 1: more than 3 columns"},
		{{.max_cols = 3}, "a,b,c\n1,2,3\n\"x\ny\",2,3,4\n", ERR_LIMIT,
		 "line 3: more than 3 columns"},
		/* a field counts its bytes once unquoted */
		{{.max_field = 4}, "abcd\n\"a\"\"bc\"\n", 0, "abcd\n@2 a\"bc"},
		{{.max_field = 4}, "abcd\nabcde\n", ERR_LIMIT,
		 "line 2: a field is longer than 4 bytes"},
		{{.max_field = 4}, "abcd\n\"ab\"\"cd\"\n", ERR_LIMIT,
		 "line 2: a field is longer than 4 bytes"},
		{{.max_field = 4}, "a,b\n1,\"\nxxxx\"\n", ERR_LIMIT,
		 "line 2: a field is longer than 4 bytes"},
		{{.max_field = 2}, "a\nñá\n", ERR_LIMIT,
		 "line 2: a field is longer than 2 bytes"},
		/* a zero member is the default */
		{{.max_rows = 1}, "a,b,c,d,e,f,g,h,i,j\n1,2,3,4,5,6,7,8,9,10\n", 0,
		 "a|b|c|d|e|f|g|h|i|j\n@2 1|2|3|4|5|6|7|8|9|10"},
	};

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct csv_table tab;
		struct err e = {0};
		int rc = csv_parse(*state, t[i].in, strlen(t[i].in), 0, &t[i].lim,
				   &tab, &e);

		if (rc != t[i].rc)
			print_error("case %zu: rc %d: %s\n", i, rc, e.msg);
		assert_int_equal(rc, t[i].rc);
		if (rc == 0) {
			assert_string_equal(render(*state, &tab), t[i].msg);
		} else {
			if (strncmp(e.msg, t[i].msg, strlen(t[i].msg)))
				print_error("case %zu: %s\n", i, e.msg);
			assert_true(strncmp(e.msg, t[i].msg, strlen(t[i].msg)) == 0);
			assert_int_equal(tab.nrows, 0);
		}
	}
}

static void test_default_limits(void **state)
{
	struct buf b;
	struct csv_table t;
	struct err e = {0};

	assert_int_equal(csv_default_limits.max_bytes, 20u << 20);
	assert_int_equal(csv_default_limits.max_rows, 100000);
	assert_int_equal(csv_default_limits.max_cols, 200);
	assert_int_equal(csv_default_limits.max_field, 64u << 10);

	/* 200 columns pass, 201 do not. */
	buf_init(&b, 0);
	for (int i = 0; i < 200; i++)
		buf_printf(&b, "%sc%d", i ? "," : "", i);
	assert_int_equal(csv_parse(*state, b.p, b.len, 0, NULL, &t, &e), 0);
	assert_int_equal(t.ncols, 200);
	buf_adds(&b, ",c200");
	assert_int_equal(csv_parse(*state, b.p, b.len, 0, NULL, &t, &e), ERR_LIMIT);
	buf_release(&b);

	/* A 64 KiB field passes, one byte more does not. */
	buf_init(&b, 0);
	buf_adds(&b, "notes\n");
	for (int i = 0; i < 64 * 1024; i++)
		buf_addc(&b, 'x');
	assert_int_equal(csv_parse(*state, b.p, b.len, 0, NULL, &t, &e), 0);
	assert_int_equal(strlen(t.rows[0].fields[0]), 64 * 1024);
	buf_addc(&b, 'x');
	assert_int_equal(csv_parse(*state, b.p, b.len, 0, NULL, &t, &e), ERR_LIMIT);
	assert_string_equal(e.msg, "line 2: a field is longer than 65536 bytes");
	buf_release(&b);
}

/* ---- csv_column ---- */

static void test_column(void **state)
{
	const char *in = " Email ,Nombre,Año,Teléfono\nx,y,z,w\n";
	struct csv_table t;
	struct err e = {0};

	assert_int_equal(csv_parse(*state, in, strlen(in), 0, NULL, &t, &e), 0);
	assert_int_equal(csv_column(&t, "Email"), 0);
	assert_int_equal(csv_column(&t, "email"), 0);
	assert_int_equal(csv_column(&t, "  EMAIL\t"), 0);
	assert_int_equal(csv_column(&t, "NOMBRE"), 1);
	assert_int_equal(csv_column(&t, "año"), 2);
	assert_int_equal(csv_column(&t, "AÑO"), 2);
	assert_int_equal(csv_column(&t, "TELÉFONO"), 3);
	assert_int_equal(csv_column(&t, "ano"), -1);
	assert_int_equal(csv_column(&t, "Emai"), -1);
	assert_int_equal(csv_column(&t, "Emails"), -1);
	assert_int_equal(csv_column(&t, "phone"), -1);
	assert_int_equal(csv_column(&t, ""), -1);
	assert_int_equal(csv_column(&t, "   "), -1);
	assert_int_equal(csv_column(&t, NULL), -1);

	/* × and ÷ sit where an upper and a lower case letter would: they are
	 * two names, not one. */
	in = "2×3,2÷3,ÀÉÎÕÜ\n6,0.67,x\n";
	assert_int_equal(csv_parse(*state, in, strlen(in), 0, NULL, &t, &e), 0);
	assert_int_equal(csv_column(&t, "2÷3"), 1);
	assert_int_equal(csv_column(&t, "2×3"), 0);
	assert_int_equal(csv_column(&t, "àéîõü"), 2);
}

/* ---- writing ---- */

static void test_write_field(void **state)
{
	static const struct {
		const char *in;
		char delim;
		const char *out;
	} t[] = {
		{"plain", 0, "plain"},
		{"", 0, ""},
		{"Nuñez Cádiz", 0, "Nuñez Cádiz"},
		{"a,b", 0, "\"a,b\""},
		{"a;b", 0, "a;b"},
		{"a;b", ';', "\"a;b\""},
		{"a,b", ';', "a,b"},
		{"a\tb", '\t', "\"a\tb\""},
		{"say \"hi\"", 0, "\"say \"\"hi\"\"\""},
		{"\"", 0, "\"\"\"\""},
		{"l1\nl2", 0, "\"l1\nl2\""},
		{"l1\r\nl2", 0, "\"l1\r\nl2\""},
		{"x\r", 0, "\"x\r\""},
		{" lead", 0, "\" lead\""},
		{"trail ", 0, "\"trail \""},
		{"trail\t", 0, "\"trail\t\""},
		{"in side", 0, "in side"},
		{"a,b", '"', "\"a,b\""},   /* a refused delimiter means ',' */
		/* formula guard */
		{"=SUM(A1:A9)", 0, "'=SUM(A1:A9)"},
		{"=HYPERLINK(\"http://x\",\"y\")", 0,
		 "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""},
		{"+1", 0, "'+1"},
		{"-5", 0, "'-5"},
		{"@cmd", 0, "'@cmd"},
		{"\tx", 0, "\"'\tx\""},
		{"\rx", 0, "\"'\rx\""},
		{"=a,b", 0, "\"'=a,b\""},
		{"=", 0, "'="},
		{"a=b", 0, "a=b"},
		{"1-2", 0, "1-2"},
		{"'=x", 0, "'=x"},
	};

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct buf b;

		buf_init(&b, 0);
		csv_write_field(&b, t[i].in, strlen(t[i].in), t[i].delim);
		assert_false(b.overflow);
		if (strcmp(b.p, t[i].out))
			print_error("case %zu: got [%s]\n", i, b.p);
		assert_string_equal(b.p, t[i].out);
		buf_release(&b);
	}
}

/* Fields are written with the given length, so bytes after it are not. */
static void test_write_field_len(void **state)
{
	struct buf b;

	buf_init(&b, 0);
	csv_write_field(&b, "ab,cd", 2, 0);
	assert_string_equal(b.p, "ab");
	csv_write_field(&b, "x\"yz", 2, 0);
	assert_string_equal(b.p, "ab\"x\"\"\"");
	buf_release(&b);
}

static void test_write_overflow(void **state)
{
	struct buf b;
	const char *f[] = {"hello", "world"};

	buf_init(&b, 8);
	csv_write_row(&b, f, 2, 0);
	assert_true(b.overflow);
	assert_true(b.len <= 8);
	buf_release(&b);
}

/* What is written reads back as the same values, the guard's apostrophe
 * aside. */
static void test_round_trip(void **state)
{
	static const char *const values[] = {
		"plain", "", " ", "  two  ", "a,b", "a;b", "a\tb", "\"",
		"\"\"", "say \"hi\"", "l1\nl2", "l1\r\nl2", "\r\n", "x\ry",
		"\n", "Nuñez", "Año escolar, 2024–25", "'quoted'",
		"=1+2", "+34 600 000 000", "-5", "@home", "\tindent",
		"\rcr", "==", "trailing\t", "¿Cómo está?",
	};
	static const char delims[] = {',', ';', '\t', '|'};
	const size_t nv = sizeof(values) / sizeof(values[0]);

	for (size_t d = 0; d < sizeof(delims); d++) {
		const char *head[] = {"value", "other"};
		struct buf b;
		struct csv_table t;
		struct err e = {0};

		buf_init(&b, 0);
		csv_write_row(&b, head, 2, delims[d]);
		for (size_t i = 0; i < nv; i++) {
			const char *row[] = {values[i], values[nv - 1 - i]};

			csv_write_row(&b, row, 2, delims[d]);
		}
		assert_false(b.overflow);
		assert_int_equal(csv_parse(*state, b.p, b.len, delims[d], NULL,
					   &t, &e), 0);
		assert_int_equal(t.nrejects, 0);
		assert_int_equal(t.nrows, nv);
		for (size_t i = 0; i < nv; i++) {
			for (size_t c = 0; c < 2; c++) {
				const char *v = values[c ? nv - 1 - i : i];
				const char *got = t.rows[i].fields[c];

				if (v[0] && strchr("=+-@\t\r", v[0])) {
					assert_int_equal(got[0], '\'');
					got++;
				}
				assert_string_equal(got, v);
			}
		}
		buf_release(&b);
	}
}

/* A one-column table keeps its empty values: they are not blank lines. */
static void test_round_trip_one_column(void **state)
{
	const char *head[] = {"note"}, *empty[] = {""}, *x[] = {"x"};
	struct buf b;
	struct csv_table t;
	struct err e = {0};

	buf_init(&b, 0);
	csv_write_row(&b, head, 1, 0);
	csv_write_row(&b, empty, 1, 0);
	csv_write_row(&b, x, 1, 0);
	csv_write_row(&b, empty, 1, 0);
	assert_string_equal(b.p, "note\r\n\"\"\r\nx\r\n\"\"\r\n");
	assert_int_equal(csv_parse(*state, b.p, b.len, 0, NULL, &t, &e), 0);
	assert_string_equal(render(*state, &t), "note\n@2 \n@3 x\n@4 ");
	buf_release(&b);
}

/* Generated tables: any cells made of quotes, delimiters, CR, LF, spaces,
 * formula starters and multi-byte letters, under a header, with or without
 * a BOM, read back as written (a formula starter gains its apostrophe). */
static void test_round_trip_generated(void **state)
{
	static const char *const bits[] = {"a", "Zoë", "\"", "\"\"", ",", ";", "|", "\t", " ", "\n",
	                                   "\r\n", "=", "+", "-", "@", "'", "x y", "Año", "1,250",
	                                   "—", "\xEF\xBB\xBF"};
	static const char delims[] = {',', ';', '\t', '|'};
	struct prop p;
	int bad = 0;

	prop_init(&p);
	for (int i = 0; i < 300 && !bad; i++) {
		char delim = delims[prop_next(&p) % sizeof(delims)];
		size_t ncols = (size_t)prop_int(&p, 1, 5), nrows = (size_t)prop_int(&p, 1, 8);
		int bom = prop_int(&p, 0, 1);
		const char *head[5] = {"c1", "c2", "c3", "c4", "c5"};
		char **cells = test_malloc(ncols * nrows * sizeof(*cells));
		struct buf b, cell;
		struct csv_table t;
		struct err e = {0};

		buf_init(&b, 0);
		buf_init(&cell, 0);
		if (bom)
			buf_adds(&b, "\xEF\xBB\xBF");
		csv_write_row(&b, head, ncols, delim);
		for (size_t r = 0; r < nrows; r++) {
			for (size_t c = 0; c < ncols; c++) {
				buf_reset(&cell);
				for (int k = prop_int(&p, 0, 6); k > 0; k--)
					buf_adds(&cell, PROP_PICK(&p, bits));
				/* One column of nothing is a blank line, not a record. */
				if (ncols == 1 && !cell.len)
					buf_adds(&cell, "a");
				cells[r * ncols + c] = mem_strdup(cell.p);
			}
			csv_write_row(&b, (const char *const *)&cells[r * ncols], ncols, delim);
		}
		assert_false(b.overflow);
		int rc = csv_parse(*state, b.p, b.len, delim, NULL, &t, &e);
		if (rc != 0 || t.nrejects || t.nrows != nrows || t.ncols != ncols || strcmp(t.header[0], "c1") != 0) {
			prop_fail(&p, "case %d: rc %d (%s), %zu rejects, %zu rows of %zu, header %s\n%s\n", i, rc, e.msg,
			          rc ? 0 : t.nrejects, rc ? 0 : t.nrows, nrows, rc ? "" : t.header[0], b.p);
			bad++;
		}
		for (size_t r = 0; !bad && r < nrows; r++)
			for (size_t c = 0; !bad && c < ncols; c++) {
				const char *v = cells[r * ncols + c], *got = t.rows[r].fields[c];
				int guarded = v[0] && strchr("=+-@\t\r", v[0]);
				if (guarded && got[0] == '\'')
					got++;
				else if (guarded)
					got = "(no apostrophe)";
				if (strcmp(got, v) != 0) {
					prop_fail(&p, "case %d, row %zu, column %zu (delimiter %d): wrote [%s], read [%s]\n", i,
					          r, c, delim, v, t.rows[r].fields[c]);
					bad++;
				}
			}
		for (size_t k = 0; k < ncols * nrows; k++)
			mem_free(cells[k]);
		test_free(cells);
		buf_release(&b);
		buf_release(&cell);
	}
	assert_int_equal(bad, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_parse_ok, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(test_rejects, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(test_reject_lines, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(test_big_import_one_typo, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(test_unusable, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(test_error_zeroes_out, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(test_bad_delim, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(test_limits, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(test_default_limits, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(test_column, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(test_write_field, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(test_write_field_len, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(test_write_overflow, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(test_round_trip, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(test_round_trip_one_column, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(test_round_trip_generated, arena_setup, arena_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

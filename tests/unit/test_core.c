/* core/: buffers, arenas, slices, number parsing, UTF-8, catalogs. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/hash.h"
#include "core/i18n.h"
#include "core/lang.h"
#include "core/mem.h"
#include "core/str.h"

static void buf_grows_and_stays_terminated(void **state)
{
	struct buf b;
	buf_init(&b, 0);
	assert_non_null(b.p);
	assert_string_equal(b.p, "");
	for (int i = 0; i < 1000; i++)
		assert_int_equal(buf_adds(&b, "ab"), 0);
	assert_int_equal(b.len, 2000);
	assert_int_equal(b.p[2000], '\0');
	assert_int_equal(buf_printf(&b, "%d-%s", 42, "x"), 0);
	assert_string_equal(b.p + 2000, "42-x");
	size_t len;
	char *p = buf_detach(&b, &len);
	assert_int_equal(len, 2004);
	assert_int_equal(b.len, 0);
	assert_string_equal(b.p, "");
	mem_free(p);
}

static void buf_refuses_past_its_maximum(void **state)
{
	struct buf b;
	buf_init(&b, 8);
	assert_int_equal(buf_adds(&b, "12345678"), 0);
	assert_int_equal(buf_addc(&b, '9'), -1);
	assert_true(b.overflow);
	assert_string_equal(b.p, "12345678");
	assert_int_equal(buf_printf(&b, "%s", "more"), -1);
	assert_int_equal(b.len, 8);
	buf_reset(&b);
	assert_false(b.overflow);
	assert_int_equal(buf_adds(&b, "ok"), 0);
	buf_release(&b);
}

static void arena_allocates_aligned_zeroed_memory(void **state)
{
	struct arena a;
	arena_init(&a);
	for (int i = 1; i < 200; i++) {
		unsigned char *p = arena_alloc(&a, (size_t)i * 7);
		assert_int_equal((uintptr_t)p % _Alignof(max_align_t), 0);
		for (int k = 0; k < i * 7; k++)
			assert_int_equal(p[k], 0);
		memset(p, 0xab, (size_t)i * 7);
	}
	char *big = arena_alloc(&a, 100000);
	big[99999] = 1;
	assert_string_equal(arena_printf(&a, "%s=%d", "n", 5), "n=5");
	assert_string_equal(arena_strndup(&a, "hello", 4), "hell");
	arena_free(&a);
}

static int deferred_calls;
static void count_call(void *arg)
{
	deferred_calls += *(int *)arg;
}

static void arena_runs_deferred_cleanups(void **state)
{
	struct arena a;
	arena_init(&a);
	int one = 1, ten = 10;
	deferred_calls = 0;
	arena_defer(&a, count_call, &one);
	arena_defer(&a, count_call, &ten);
	arena_free(&a);
	assert_int_equal(deferred_calls, 11);
}

static void arena_grow_keeps_elements(void **state)
{
	struct arena a;
	arena_init(&a);
	int *v = NULL;
	size_t cap = 0;
	for (size_t i = 0; i < 100; i++) {
		v = arena_grow(&a, v, i, &cap, sizeof(*v));
		v[i] = (int)i * 3;
	}
	for (size_t i = 0; i < 100; i++)
		assert_int_equal(v[i], (int)i * 3);
	assert_true(cap >= 100);
	arena_free(&a);
}

static void numbers_are_range_checked(void **state)
{
	static const struct {
		const char *in;
		int64_t min, max;
		int rc;
		int64_t want;
	} cases[] = {
		{"0", 0, 10, 0, 0},
		{"10", 0, 10, 0, 10},
		{"11", 0, 10, -1, 0},
		{"-1", 0, 10, -1, 0},
		{"-5", -10, 10, 0, -5},
		{"", 0, 10, -1, 0},
		{" 1", 0, 10, -1, 0},
		{"1 ", 0, 10, -1, 0},
		{"1x", 0, 10, -1, 0},
		{"+1", 0, 10, -1, 0},
		{"9223372036854775807", 0, INT64_MAX, 0, INT64_MAX},
		{"9223372036854775808", 0, INT64_MAX, -1, 0},
		{"-9223372036854775808", INT64_MIN, 0, 0, INT64_MIN},
		{"99999999999999999999", 0, INT64_MAX, -1, 0},
		{"-", -10, 10, -1, 0},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int64_t v = 0;
		int rc = parse_i64(cases[i].in, cases[i].min, cases[i].max, &v);
		if (rc != cases[i].rc || (rc == 0 && v != cases[i].want))
			fail_msg("parse_i64(\"%s\") = %d, %lld", cases[i].in, rc, (long long)v);
	}
}

static void slices_cut_and_trim(void **state)
{
	struct str head, rest = str_cut(str_from("a=b=c"), '=', &head);
	assert_true(str_eqs(head, "a"));
	assert_true(str_eqs(rest, "b=c"));
	rest = str_cut(str_from("abc"), '=', &head);
	assert_null(rest.p);
	assert_true(str_eqs(head, "abc"));
	assert_true(str_eqs(str_trim(str_from("  x y \r\n")), "x y"));
	assert_true(str_eq_nocase(str_from("Bearer"), "bEARER"));
	char small[4];
	assert_int_equal(str_copy(small, sizeof(small), "abcdef"), -1);
	assert_string_equal(small, "abc");
}

static void utf8_validation(void **state)
{
	static const struct {
		const char *s;
		size_t n;
		bool ok;
	} cases[] = {
		{"plain", 5, true},
		{"Ñandú — “ok”", 17, true},
		{"\xf0\x9f\x98\x80", 4, true},    /* emoji */
		{"\xc3", 1, false},               /* truncated */
		{"\xc0\xaf", 2, false},           /* overlong / */
		{"\xed\xa0\x80", 3, false},       /* surrogate */
		{"\xf4\x90\x80\x80", 4, false},   /* past U+10FFFF */
		{"a\0b", 3, false},               /* NUL */
		{"\xff", 1, false},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (utf8_valid(cases[i].s, cases[i].n) != cases[i].ok)
			fail_msg("utf8_valid case %zu", i);
}

static void po_catalogs_load(void **state)
{
	static const char po[] = "# comment\n"
	                         "msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\n"
	                         "msgid \"Sign in\"\nmsgstr \"Iniciar sesión\"\n\n"
	                         "#, fuzzy\nmsgid \"Draft\"\nmsgstr \"Borrador\"\n\n"
	                         "msgid \"\"\n\"Two \"\n\"lines\"\nmsgstr \"Dos \"\n\"líneas \\\"citadas\\\"\"\n\n"
	                         "msgid \"Untranslated\"\nmsgstr \"\"\n";
	struct i18n *c = i18n_new();
	struct err e;
	assert_int_equal(i18n_parse_po(c, "es", po, sizeof(po) - 1, &e), 0);
	assert_string_equal(i18n_lookup(c, "es", "Sign in"), "Iniciar sesión");
	assert_string_equal(i18n_lookup(c, "es", "Two lines"), "Dos líneas \"citadas\"");
	assert_null(i18n_lookup(c, "es", "Draft"));        /* fuzzy entries are not used */
	assert_null(i18n_lookup(c, "es", "Untranslated"));
	assert_null(i18n_lookup(c, "fr", "Sign in"));
	assert_true(i18n_has_lang(c, "es"));
	static const char bad[] = "msgid \"a\"\nmsgstr \"b\nmsgid \"c\"\n";
	assert_int_equal(i18n_parse_po(c, "es", bad, sizeof(bad) - 1, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "line 2"));
	i18n_free(c);
}

static void the_spanish_catalog_covers_every_template_string(void **state)
{
	/* Every {{t "…"}} in templates/ must have a Spanish translation. */
	struct i18n *c = i18n_new();
	struct err e;
	assert_int_equal(i18n_load_po(c, "es", CG_ROOT "/po/es.po", &e), 0);
	FILE *f = popen("grep -rhoE '\\{\\{t \"[^\"]+\"' " CG_ROOT "/templates", "r");
	assert_non_null(f);
	char line[1024];
	int checked = 0, missing = 0;
	while (fgets(line, sizeof(line), f)) {
		char *start = strchr(line, '"') + 1;
		char *end = strrchr(line, '"');
		*end = '\0';
		if (!i18n_lookup(c, "es", start)) {
			print_error("no Spanish for \"%s\"\n", start);
			missing++;
		}
		checked++;
	}
	pclose(f);
	i18n_free(c);
	assert_true(checked > 20);
	assert_int_equal(missing, 0);
}

/* ---- compiled catalogs (.mo) ---- */

/* A PO text with what the catalogs meet: a header, continued and escaped
 * strings, UTF-8, a fuzzy and an untranslated entry. */
static const char mo_po[] =
	"msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\"Language: es\\n\"\n\n"
	"msgid \"Sign in\"\nmsgstr \"Iniciar sesión\"\n\n"
	"msgid \"\"\n\"Two \"\n\"lines\"\nmsgstr \"Dos \"\n\"líneas \\\"citadas\\\"\"\n\n"
	"msgid \"Hello, %s\"\nmsgstr \"Hola, %s\"\n\n"
	"msgid \"Line one\\nline two\\ttab\"\nmsgstr \"Línea uno\\nlínea dos\\ttab\"\n\n"
	"#, fuzzy\nmsgid \"Draft\"\nmsgstr \"Borrador\"\n\n"
	"msgid \"Untranslated\"\nmsgstr \"\"\n\n"
	"msgid \"Childcare\"\nmsgstr \"Cuidado de niños\"\n";

static const char *const mo_ids[] = {
	"Sign in", "Two lines", "Hello, %s", "Line one\nline two\ttab", "Draft", "Untranslated", "Childcare",
	"", "Content-Type: text/plain; charset=UTF-8\nLanguage: es\n", "Not in the catalog",
};

/* A scratch directory for msgfmt's input and output, new for each test. */
static char mo_dir[32];

static int mo_setup(void **state)
{
	str_copy(mo_dir, sizeof(mo_dir), "/tmp/cg-test-i18n-XXXXXX");
	return mkdtemp(mo_dir) ? 0 : -1;
}

static int mo_teardown(void **state)
{
	struct buf cmd;
	buf_init(&cmd, 4096);
	buf_printf(&cmd, "rm -rf '%s'", mo_dir);
	int rc = system(cmd.p);
	buf_release(&cmd);
	return rc == 0 ? 0 : -1;
}

static void write_file(const char *path, const char *text, size_t len)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

/* Compiles po with msgfmt (extra options in opts) into mo_dir/NAME.mo and
 * reads the result into out. */
static void msgfmt(const char *po, const char *opts, const char *name, struct buf *out)
{
	struct buf path, cmd;
	struct err e;
	buf_init(&path, 4096);
	buf_init(&cmd, 4096);
	buf_printf(&path, "%s/%s.po", mo_dir, name);
	write_file(path.p, po, strlen(po));
	buf_printf(&cmd, "msgfmt %s -o '%s/%s.mo' '%s'", opts, mo_dir, name, path.p);
	if (system(cmd.p) != 0)
		fail_msg("%s failed (is GNU gettext installed?)", cmd.p);
	buf_reset(&path);
	buf_printf(&path, "%s/%s.mo", mo_dir, name);
	buf_init(out, 1 << 20);
	assert_int_equal(buf_add_file(out, path.p, &e), 0);
	buf_release(&path);
	buf_release(&cmd);
}

/* An exact-size heap copy of the first n bytes of b, so that AddressSanitizer
 * sees any read past them. */
static char *exact(const struct buf *b, size_t n)
{
	char *p = malloc(n ? n : 1);
	assert_non_null(p);
	memcpy(p, b->p, n);
	return p;
}

static void same_lookups(const struct i18n *a, const struct i18n *b, const char *const *ids, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *x = i18n_lookup(a, "es", ids[i]), *y = i18n_lookup(b, "es", ids[i]);
		if (!x != !y || (x && strcmp(x, y) != 0))
			fail_msg("\"%s\": \"%s\" against \"%s\"", ids[i], x ? x : "(none)", y ? y : "(none)");
	}
}

static void mo_catalogs_match_po(void **state)
{
	/* Both byte orders msgfmt can write give what the PO parser gives. */
	static const char *const orders[] = {"--endianness=little", "--endianness=big"};
	struct i18n *po = i18n_new();
	struct err e;
	assert_int_equal(i18n_parse_po(po, "es", mo_po, sizeof(mo_po) - 1, &e), 0);
	for (size_t k = 0; k < 2; k++) {
		struct buf mo;
		msgfmt(mo_po, orders[k], k ? "big" : "little", &mo);
		char *data = exact(&mo, mo.len);
		struct i18n *c = i18n_new();
		if (i18n_parse_mo(c, "es", data, mo.len, &e) < 0)
			fail_msg("%s: %s", orders[k], e.msg);
		assert_true(i18n_has_lang(c, "es"));
		same_lookups(c, po, mo_ids, sizeof(mo_ids) / sizeof(mo_ids[0]));
		assert_string_equal(i18n_lookup(c, "es", "Two lines"), "Dos líneas \"citadas\"");
		assert_null(i18n_lookup(c, "es", "Draft"));
		assert_null(i18n_lookup(c, "fr", "Sign in"));
		i18n_free(c);
		free(data);
		buf_release(&mo);
	}
	/* And from the file, through the directory loader, which takes only
	 * LANG.mo, LANG a language tag. */
	struct buf path;
	buf_init(&path, 4096);
	buf_printf(&path, "%s/es.mo", mo_dir);
	struct buf mo;
	msgfmt(mo_po, "", "es", &mo);
	struct i18n *c = i18n_new();
	assert_int_equal(i18n_load_mo(c, "es", path.p, &e), 0);
	same_lookups(c, po, mo_ids, sizeof(mo_ids) / sizeof(mo_ids[0]));
	i18n_free(c);
	c = i18n_new();
	assert_int_equal(i18n_load_dir(c, mo_dir, &e), 0);   /* also holds little.mo, big.mo, *.po */
	assert_true(i18n_has_lang(c, "es"));
	assert_false(i18n_has_lang(c, "little"));   /* not a language tag */
	assert_false(i18n_has_lang(c, "es.po"));
	same_lookups(c, po, mo_ids, sizeof(mo_ids) / sizeof(mo_ids[0]));
	i18n_free(c);
	buf_release(&mo);
	buf_release(&path);
	i18n_free(po);
}

static void mo_plurals_and_contexts(void **state)
{
	/* A context makes another message: the bare msgid keeps its own
	 * translation whichever comes first.  A plural's singular gets the
	 * first form. */
	static const char po[] =
		"msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
		"\"Plural-Forms: nplurals=2; plural=(n != 1);\\n\"\n\n"
		"msgctxt \"verb\"\nmsgid \"Close\"\nmsgstr \"Cerrar\"\n\n"
		"msgid \"Close\"\nmsgstr \"Cerca\"\n\n"
		"msgctxt \"menu\"\nmsgid \"Only in a context\"\nmsgstr \"Solo con contexto\"\n\n"
		"msgid \"One seat left\"\nmsgid_plural \"%d seats left\"\n"
		"msgstr[0] \"Queda un lugar\"\nmsgstr[1] \"Quedan %d lugares\"\n";
	struct buf mo;
	struct err e;
	msgfmt(po, "", "plural", &mo);
	char *data = exact(&mo, mo.len);
	struct i18n *c = i18n_new();
	if (i18n_parse_mo(c, "es", data, mo.len, &e) < 0)
		fail_msg("%s", e.msg);
	assert_string_equal(i18n_lookup(c, "es", "Close"), "Cerca");
	assert_null(i18n_lookup(c, "es", "Only in a context"));
	assert_null(i18n_lookup(c, "es", "verb\x04" "Close"));
	assert_string_equal(i18n_lookup(c, "es", "One seat left"), "Queda un lugar");
	assert_null(i18n_lookup(c, "es", "%d seats left"));
	i18n_free(c);
	free(data);
	buf_release(&mo);
}

static uint32_t le32(const char *p)
{
	const unsigned char *b = (const unsigned char *)p;
	return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

static void put_le32(char *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (char)(v >> (8 * i));
}

/* Parses n bytes of a copy of good after edit(); expects ERR_INVALID with
 * want in the message, and the catalog left without the language. */
static void refused(const struct buf *good, size_t n, void (*edit)(char *, size_t), const char *want)
{
	char *data = exact(good, n);
	if (edit)
		edit(data, n);
	struct i18n *c = i18n_new();
	struct err e;
	err_clear(&e);
	int rc = i18n_parse_mo(c, "es", data, n, &e);
	if (rc != ERR_INVALID || !strstr(e.msg, want))
		fail_msg("want ERR_INVALID with \"%s\", got %d \"%s\"", want, rc, e.msg);
	assert_false(i18n_has_lang(c, "es"));
	i18n_free(c);
	free(data);
}

static void bad_magic(char *p, size_t n) { p[0] ^= 0x55; }
static void huge_table_offset(char *p, size_t n) { put_le32(p + 12, 0xfffffff0u); }
static void huge_count(char *p, size_t n) { put_le32(p + 8, 0x40000000u); }
static void hash_outside(char *p, size_t n) { put_le32(p + 24, (uint32_t)n - 2); }
static void future_revision(char *p, size_t n) { put_le32(p + 4, 2u << 16); }

/* Entry 1 of the table of original strings (entry 0 is the header). */
static char *entry1(char *p) { return p + le32(p + 12) + 8; }
static void string_offset_outside(char *p, size_t n) { put_le32(entry1(p) + 4, (uint32_t)n + 100); }
static void string_length_wraps(char *p, size_t n) { put_le32(entry1(p), 0xffffffffu); }
static void no_nul(char *p, size_t n)
{
	char *ent = entry1(p);
	p[le32(ent + 4) + le32(ent)] = 'x';
}
static void bad_utf8(char *p, size_t n) { p[le32(entry1(p) + 4)] = (char)0xff; }

static void mo_refuses_damaged_files(void **state)
{
	struct buf mo;
	msgfmt(mo_po, "--endianness=little", "damaged", &mo);
	assert_true(mo.len > 100);
	refused(&mo, 0, NULL, "too short");
	refused(&mo, 27, NULL, "too short");
	refused(&mo, mo.len - 1, NULL, "lies outside the file");     /* the last NUL cut off */
	refused(&mo, mo.len / 2, NULL, "lies outside the file");
	refused(&mo, mo.len, bad_magic, "not a .mo catalog");
	refused(&mo, mo.len, future_revision, "revision");
	refused(&mo, mo.len, huge_table_offset, "table of");
	refused(&mo, mo.len, huge_count, "table of");
	refused(&mo, mo.len, hash_outside, "hash table");
	refused(&mo, mo.len, string_offset_outside, "original string 1");
	refused(&mo, mo.len, string_length_wraps, "lies outside the file");
	refused(&mo, mo.len, no_nul, "not NUL-terminated");
	refused(&mo, mo.len, bad_utf8, "not valid UTF-8");

	/* A header that names another charset: the catalog is not converted. */
	static const char latin1[] = "msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=ISO-8859-1\\n\"\n\n"
	                             "msgid \"Sign in\"\nmsgstr \"Entrar\"\n";
	struct buf l1;
	msgfmt(latin1, "", "latin1", &l1);
	refused(&l1, l1.len, NULL, "charset ISO-8859-1");
	buf_release(&l1);

	/* From a file, the message names it. */
	struct buf path;
	struct err e;
	buf_init(&path, 4096);
	buf_printf(&path, "%s/latin1.mo", mo_dir);
	unlink(path.p);   /* so that xx.mo is the directory's one bad catalog */
	buf_reset(&path);
	buf_printf(&path, "%s/xx.mo", mo_dir);
	write_file(path.p, mo.p, 40);
	struct i18n *c = i18n_new();
	assert_int_equal(i18n_load_mo(c, "xx", path.p, &e), ERR_INVALID);
	assert_true(strncmp(e.msg, path.p, path.len) == 0);
	assert_non_null(strstr(e.msg, "lies outside the file"));
	/* The directory loader stops at it, naming it too. */
	assert_int_equal(i18n_load_dir(c, mo_dir, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "/xx.mo: "));
	assert_int_equal(i18n_load_mo(c, "xx", "/nonexistent/xx.mo", &e), ERR_FAIL);
	assert_non_null(strstr(e.msg, "/nonexistent/xx.mo"));
	assert_true(i18n_load_dir(c, "/nonexistent", &e) < 0);
	assert_non_null(strstr(e.msg, "/nonexistent"));
	i18n_free(c);
	unlink(path.p);
	buf_release(&path);
	buf_release(&mo);
}

static void the_built_spanish_catalog_matches_its_po(void **state)
{
	/* build/locale/es.mo (msgfmt, at build time) and po/es.po (the PO
	 * parser) agree on every msgid of es.po.  The msgids come from
	 * gettext's own tools: msgfilter empties every msgstr, msgen copies
	 * each msgid into its msgstr and msgexec prints them, NUL-separated
	 * (the header's text among them, which neither catalog answers). */
	struct i18n *po = i18n_new(), *mo = i18n_new();
	struct err e;
	if (i18n_load_po(po, "es", CG_ROOT "/po/es.po", &e) < 0)
		fail_msg("%s", e.msg);
	if (i18n_load_mo(mo, "es", CG_ROOT "/build/locale/es.mo", &e) < 0)
		fail_msg("%s (make builds it)", e.msg);
	FILE *f = popen("msgfilter --keep-header -i " CG_ROOT "/po/es.po sed -e d | msgen - | msgexec -i - 0", "r");
	assert_non_null(f);
	struct buf ids;
	buf_init(&ids, 8 << 20);
	char chunk[4096];
	size_t got;
	while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0)
		assert_int_equal(buf_add(&ids, chunk, got), 0);
	assert_int_equal(pclose(f), 0);
	int checked = 0, translated = 0;
	for (size_t at = 0; at < ids.len; at += strlen(ids.p + at) + 1) {
		const char *id = ids.p + at;
		const char *a = i18n_lookup(po, "es", id), *b = i18n_lookup(mo, "es", id);
		if (!a != !b || (a && strcmp(a, b) != 0))
			fail_msg("\"%s\": es.po says \"%s\", es.mo \"%s\"", id, a ? a : "(none)", b ? b : "(none)");
		checked++;
		translated += a != NULL;
	}
	assert_true(checked > 600);
	assert_true(translated > 600);
	buf_release(&ids);
	i18n_free(po);
	i18n_free(mo);
}

/* The published FNV-1a 64 test vectors; hash_str agrees with hash_bytes,
 * and bytes after a NUL count. */
static void hash_matches_fnv1a_vectors(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		uint64_t want;
	} v[] = {
		{"", 0xcbf29ce484222325ull},
		{"a", 0xaf63dc4c8601ec8cull},
		{"foobar", 0x85944171f73967e8ull},
		{"chongo was here!\n", 0x46810940eff5f915ull},
	};
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		assert_true(hash_bytes(v[i].in, strlen(v[i].in)) == v[i].want);
		assert_true(hash_str(v[i].in) == v[i].want);
	}
	assert_true(hash_bytes(NULL, 0) == 0xcbf29ce484222325ull);
	assert_true(hash_bytes("a\0b", 3) != hash_bytes("a", 1));
	assert_true(hash_str("ab") != hash_str("ba"));
}

/* The table of languages: tags unique and canonical, the pages' languages
 * first (English, the source, at 0) and LANG_NPAGES of them, each with its
 * Open Graph locale; names and directions. */
static void lang_table_and_lookups(void **state)
{
	(void)state;
	size_t n = lang_count(), pages = 0;
	assert_true(n >= LANG_NPAGES);
	assert_null(lang_at(n));
	for (size_t i = 0; i < n; i++) {
		const struct lang *l = lang_at(i);
		assert_ptr_equal(lang_find(l->tag), l);
		assert_true(*l->english && *l->native);
		if (l->flags & LANG_PAGES) {
			assert_int_equal(i, pages);
			assert_string_equal(lang_page(pages), l->tag);
			assert_non_null(l->og_locale);
			pages++;
		}
		for (size_t q = 0; q < i; q++)
			assert_string_not_equal(lang_at(q)->tag, l->tag);
	}
	assert_int_equal(pages, LANG_NPAGES);
	assert_null(lang_page(LANG_NPAGES));
	assert_string_equal(lang_source(), "en");
	assert_string_equal(lang_page(0), "en");

	assert_true(lang_valid("en"));
	assert_true(lang_valid("es"));
	assert_true(lang_valid("vi"));
	assert_false(lang_valid("so"));   /* known, but the pages do not speak it */
	assert_false(lang_valid("ES"));   /* tags as the table spells them */
	assert_false(lang_valid("e"));
	assert_false(lang_valid(""));
	assert_false(lang_valid(NULL));
	assert_null(lang_find("xx"));
	assert_true(lang_has("es", LANG_PAGES | LANG_ANALYSIS));
	assert_false(lang_has("vi", LANG_ANALYSIS));
	assert_false(lang_has("xx", 0));

	assert_string_equal(lang_native_name("es"), "Español");
	assert_string_equal(lang_native_name("en"), "English");
	assert_string_equal(lang_native_name("vi"), "Tiếng Việt");
	assert_string_equal(lang_native_name("xx"), "xx");
	assert_string_equal(lang_english_name("es"), "Spanish");
	assert_string_equal(lang_english_name("ht"), "Haitian Creole");
	assert_null(lang_english_name("xx"));
	assert_int_equal(lang_find("ar")->dir, LANG_RTL);
	assert_int_equal(lang_find("es")->dir, LANG_LTR);
	assert_string_equal(lang_find("es")->og_locale, "es_US");
}

/* Accept-Language: the first range, in the order given, whose primary
 * subtag is a pages language; case does not matter, q-values are not read. */
static void lang_negotiates_accept_language(void **state)
{
	(void)state;
	static const struct {
		const char *header, *want;
	} v[] = {
		{"es", "es"},
		{"es-MX,es;q=0.9,en;q=0.8", "es"},
		{"ES-mx", "es"},
		{"fr-CA, fr;q=0.9, en-US;q=0.5", "en"},
		{"en;q=0.1, es", "en"},
		{" es ; q=1", NULL},
		{"esp, spa", NULL},
		{"es_MX", NULL},
		{"*", NULL},
		{",,, ;", NULL},
		{"", NULL},
		{NULL, NULL},
		{"vi, es-419", "vi"},
		{"so, es-419", "es"},
		{"zh-CN,zh;q=0.9", "zh-Hans"},
	};
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		const char *got = lang_negotiate(v[i].header);
		if (v[i].want)
			assert_string_equal(got, v[i].want);
		else
			assert_null(got);
	}
}

/* Lists of tags as districts and sessions store them. */
static void lang_lists(void **state)
{
	(void)state;
	assert_true(lang_tag_ok("en"));
	assert_true(lang_tag_ok("zh-Hans"));
	assert_true(lang_tag_ok("es-MX"));
	assert_true(lang_tag_ok("es-419"));
	assert_true(lang_tag_ok("haw"));
	assert_false(lang_tag_ok("zh-hans"));
	assert_false(lang_tag_ok("EN"));
	assert_false(lang_tag_ok("e"));
	assert_false(lang_tag_ok("engl"));
	assert_false(lang_tag_ok("en-"));
	assert_false(lang_tag_ok("-en"));
	assert_false(lang_tag_ok("en--US"));
	assert_false(lang_tag_ok("1a"));
	assert_false(lang_tag_ok("en-x"));
	assert_false(lang_tag_ok("zh-Hant-TW-abcdefgh"));
	assert_false(lang_tag_ok(""));
	assert_false(lang_tag_ok(NULL));

	char out[64], tag[LANG_TAG_MAX];
	size_t bad = 9;
	assert_int_equal(lang_list_normalise(" en , ZH-hant-tw,es,en ", out, sizeof(out), &bad), 3);
	assert_string_equal(out, "en,zh-Hant-TW,es");
	assert_int_equal(bad, 0);
	assert_int_equal(lang_list_normalise("en, español", out, sizeof(out), &bad), -1);
	assert_int_equal(bad, 2);
	assert_int_equal(lang_list_normalise("en,es,vi", out, 6, &bad), -1);
	assert_int_equal(bad, 0);
	assert_int_equal(lang_list_normalise(", ,", out, sizeof(out), &bad), 0);
	assert_string_equal(out, "");

	const char *p = "en,zh-Hans,vi";
	assert_true(lang_list_next(&p, tag));
	assert_string_equal(tag, "en");
	assert_true(lang_list_next(&p, tag));
	assert_string_equal(tag, "zh-Hans");
	assert_true(lang_list_next(&p, tag));
	assert_string_equal(tag, "vi");
	assert_false(lang_list_next(&p, tag));
	p = NULL;
	assert_false(lang_list_next(&p, tag));
	assert_true(lang_list_has("en,zh-Hans", "zh-Hans"));
	assert_false(lang_list_has("en,zh-Hans", "zh"));
	assert_false(lang_list_has("en,es", "e"));
	assert_false(lang_list_has("en,es", ""));
	assert_false(lang_list_has(NULL, "en"));
	assert_string_equal(lang_dir_of("ar"), "rtl");
	assert_string_equal(lang_dir_of("es"), "ltr");
	assert_string_equal(lang_dir_of("xx"), "ltr");
}

/* The programs need a catalog for every pages language but English. */
static void i18n_checks_the_pages_catalogs(void **state)
{
	(void)state;
	struct i18n *c = i18n_new();
	struct err e;
	err_clear(&e);
	assert_int_equal(i18n_check_pages(c, "/x", &e), ERR_FAIL);
	assert_string_equal(e.msg, "/x/es.mo is missing: run make, which compiles po/es.po into it");
	static const char po[] = "msgid \"Hello\"\nmsgstr \"Hola\"\n";
	assert_int_equal(i18n_parse_po(c, "es", po, sizeof(po) - 1, &e), 0);
	/* Every one of them: the next is named. */
	assert_int_equal(i18n_check_pages(c, "/x", &e), ERR_FAIL);
	assert_string_equal(e.msg, "/x/vi.mo is missing: run make, which compiles po/vi.po into it");
	for (size_t i = 2; i < LANG_NPAGES; i++)
		assert_int_equal(i18n_parse_po(c, lang_page(i), po, sizeof(po) - 1, &e), 0);
	assert_int_equal(i18n_check_pages(c, "/x", &e), 0);
	i18n_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(buf_grows_and_stays_terminated),
		cmocka_unit_test(buf_refuses_past_its_maximum),
		cmocka_unit_test(arena_allocates_aligned_zeroed_memory),
		cmocka_unit_test(arena_runs_deferred_cleanups),
		cmocka_unit_test(arena_grow_keeps_elements),
		cmocka_unit_test(numbers_are_range_checked),
		cmocka_unit_test(slices_cut_and_trim),
		cmocka_unit_test(utf8_validation),
		cmocka_unit_test(hash_matches_fnv1a_vectors),
		cmocka_unit_test(lang_table_and_lookups),
		cmocka_unit_test(lang_negotiates_accept_language),
		cmocka_unit_test(lang_lists),
		cmocka_unit_test(i18n_checks_the_pages_catalogs),
		cmocka_unit_test(po_catalogs_load),
		cmocka_unit_test(the_spanish_catalog_covers_every_template_string),
		cmocka_unit_test_setup_teardown(mo_catalogs_match_po, mo_setup, mo_teardown),
		cmocka_unit_test_setup_teardown(mo_plurals_and_contexts, mo_setup, mo_teardown),
		cmocka_unit_test_setup_teardown(mo_refuses_damaged_files, mo_setup, mo_teardown),
		cmocka_unit_test(the_built_spanish_catalog_matches_its_po),
	};
	return cmocka_run_group_tests_name("core", tests, NULL, NULL);
}

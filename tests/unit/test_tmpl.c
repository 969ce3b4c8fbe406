/* Unit tests of tmpl/escape.c and tmpl/tmpl.c. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/mem.h"
#include "tmpl/escape.h"
#include "tmpl/tmpl.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static struct tmpl_set *set;
static struct buf out;
static struct err e;

static int setup(void **state)
{
	set = tmpl_set_new();
	buf_init(&out, 0);
	err_clear(&e);
	return 0;
}

static int teardown(void **state)
{
	tmpl_set_free(set);
	buf_release(&out);
	return 0;
}

/* JSON with ' for " so that tables stay readable (use \u0027 for a quote). */
static json_t *jdata(const char *s)
{
	char *copy = mem_strdup(s ? s : "{}");
	for (char *p = copy; *p; p++)
		if (*p == '\'')
			*p = '"';
	json_error_t je;
	json_t *j = json_loads(copy, JSON_DECODE_ANY, &je);
	if (!j)
		fail_msg("bad test JSON %s: %s", s, je.text);
	mem_free(copy);
	return j;
}

static void add_ok(const char *name, const char *src)
{
	int rc = tmpl_set_add(set, name, src, strlen(src), &e);
	if (rc != 0)
		fail_msg("adding %s failed: %s", name, e.msg);
}

/* Renders name (with layout) against data; returns tmpl_render's result. */
static int render_with(const char *name, const char *layout, const char *data,
		       const char *lang)
{
	json_t *j = jdata(data);
	buf_reset(&out);
	err_clear(&e);
	int rc = tmpl_render(set, name, layout, j, lang, &out, &e);
	json_decref(j);
	return rc;
}

/* Adds src as "t", renders it and compares the output with want. */
static void check(const char *src, const char *data, const char *want)
{
	add_ok("t", src);
	int rc = render_with("t", NULL, data, NULL);
	if (rc != 0)
		fail_msg("render of %s failed: %s", src, e.msg);
	if (strcmp(out.p, want) != 0)
		fail_msg("template %s\n data %s\n got  [%s]\n want [%s]",
			 src, data, out.p, want);
}

/* Adds src as "t" and expects ERR_INVALID with msg in the message. */
static void check_parse_error(const char *src, size_t len, const char *msg)
{
	err_clear(&e);
	int rc = tmpl_set_add(set, "bad", src, len, &e);
	if (rc != ERR_INVALID)
		fail_msg("template [%s] parsed (rc %d), want error \"%s\"", src, rc, msg);
	if (!strstr(e.msg, msg))
		fail_msg("template [%s]: message \"%s\" lacks \"%s\"", src, e.msg, msg);
	assert_false(tmpl_set_has(set, "bad"));
}

/* ---- escapers ---- */

struct esc_case {
	const char *in;
	const char *want;
};

static void run_escaper(void (*fn)(struct buf *, const char *, size_t),
			const struct esc_case *c, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct buf b;
		buf_init(&b, 0);
		fn(&b, c[i].in, strlen(c[i].in));
		if (strcmp(b.p, c[i].want) != 0)
			fail_msg("escaping [%s]: got [%s], want [%s]", c[i].in, b.p, c[i].want);
		buf_release(&b);
	}
}

static void test_esc_html(void **state)
{
	static const struct esc_case c[] = {
		{"", ""},
		{"plain text", "plain text"},
		{"&", "&amp;"},
		{"<script>", "&lt;script&gt;"},
		{"\"q\" 'a'", "&quot;q&quot; &#39;a&#39;"},
		{"a&b<c>d\"e'f", "a&amp;b&lt;c&gt;d&quot;e&#39;f"},
		{"&amp;", "&amp;amp;"},
		{"caf\xc3\xa9 \xe2\x80\xa8", "caf\xc3\xa9 \xe2\x80\xa8"},
	};
	run_escaper(esc_html, c, N(c));
}

static void test_esc_url_component(void **state)
{
	static const struct esc_case c[] = {
		{"", ""},
		{"AZaz09-._~", "AZaz09-._~"},
		{"a b", "a%20b"},
		{"/?#&=+:;,@", "%2F%3F%23%26%3D%2B%3A%3B%2C%40"},
		{"\"<>'", "%22%3C%3E%27"},
		{"caf\xc3\xa9", "caf%C3%A9"},
		{"100%", "100%25"},
		{"javascript:alert(1)", "javascript%3Aalert%281%29"},
	};
	run_escaper(esc_url_component, c, N(c));
}

static void test_esc_url_is_safe(void **state)
{
	static const struct {
		const char *url;
		int safe;
	} c[] = {
		{"", 1},
		{"/", 1},
		{"/a/b?c=d#e", 1},
		{"?q=1", 1},
		{"#top", 1},
		{"page.html", 1},
		{"a/b:c", 1},
		{"a?b:c", 1},
		{"//example.org/x", 1},
		{"http://example.org", 1},
		{"https://example.org", 1},
		{"HTTPS://EXAMPLE.ORG", 1},
		{"mailto:a@example.org", 1},
		{"tel:+15551234", 1},
		{"  https://x", 1},
		{"javascript:alert(1)", 0},
		{"JAVASCRIPT:alert(1)", 0},
		{"JavaScript:alert(1)", 0},
		{" javascript:alert(1)", 0},
		{"\x01\x02javascript:alert(1)", 0},
		{"java\tscript:alert(1)", 0},
		{"java\nscript:alert(1)", 0},
		{"data:text/html,<script>", 0},
		{"vbscript:msgbox", 0},
		{"ftp://example.org", 0},
		{":nothing", 0},
		{"httpx:", 0},
		{"verylongscheme:x", 0},
		{"h\tt\ttp:x", 1},
	};
	for (size_t i = 0; i < N(c); i++) {
		int got = esc_url_is_safe(c[i].url, strlen(c[i].url));
		if (got != c[i].safe)
			fail_msg("esc_url_is_safe(\"%s\") = %d, want %d", c[i].url, got, c[i].safe);
	}
}

static void test_esc_js_string(void **state)
{
	static const struct esc_case c[] = {
		{"", "\"\""},
		{"abc", "\"abc\""},
		{"</script>", "\"\\u003c/script\\u003e\""},
		{"a\"b\\c", "\"a\\\"b\\\\c\""},
		{"it's & more", "\"it\\u0027s \\u0026 more\""},
		{"\n\r\t\x01", "\"\\n\\r\\t\\u0001\""},
		{"a\xe2\x80\xa8" "b\xe2\x80\xa9" "c", "\"a\\u2028b\\u2029c\""},
		{"\xe2\x80\xa7", "\"\xe2\x80\xa7\""},
		{"\xe2\x80", "\"\xe2\x80\""},
		{"caf\xc3\xa9", "\"caf\xc3\xa9\""},
	};
	run_escaper(esc_js_string, c, N(c));
}

static void test_esc_nul_bytes(void **state)
{
	struct buf b;
	buf_init(&b, 0);
	esc_js_string(&b, "a\0b", 3);
	assert_string_equal(b.p, "\"a\\u0000b\"");
	buf_reset(&b);
	esc_url_component(&b, "a\0b", 3);
	assert_string_equal(b.p, "a%00b");
	buf_release(&b);
}

/* ---- contexts ---- */

struct ctx_case {
	const char *tmpl;
	const char *data;
	const char *want;
};

static void run_cases(const struct ctx_case *c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		check(c[i].tmpl, c[i].data, c[i].want);
}

static void test_ctx_text(void **state)
{
	static const struct ctx_case c[] = {
		{"<p>{{x}}</p>", "{'x': '<b>hi</b>'}", "<p>&lt;b&gt;hi&lt;/b&gt;</p>"},
		{"<p>{{x}}</p>", "{'x': 'a&b \\u0027c\\u0027 \\'d\\''}",
		 "<p>a&amp;b &#39;c&#39; &quot;d&quot;</p>"},
		{"{{x}}", "{'x': 'plain'}", "plain"},
		{"<title>{{x}}</title>", "{'x': '</title><script>'}",
		 "<title>&lt;/title&gt;&lt;script&gt;</title>"},
		{"<textarea>{{x}}</textarea>", "{'x': '</textarea>'}",
		 "<textarea>&lt;/textarea&gt;</textarea>"},
		{"<!DOCTYPE html><p>{{x}}", "{'x': '<'}", "<!DOCTYPE html><p>&lt;"},
		{"<!-- c --><p>{{x}}", "{'x': '<'}", "<!-- c --><p>&lt;"},
		{"a < b {{x}}", "{'x': '<'}", "a < b &lt;"},
		{"<br/>{{x}}", "{'x': '>'}", "<br/>&gt;"},
	};
	run_cases(c, N(c));
}

static void test_ctx_attr(void **state)
{
	static const struct ctx_case c[] = {
		{"<a title=\"{{x}}\">", "{'x': '\\\" onmouseover=\\\"x'}",
		 "<a title=\"&quot; onmouseover=&quot;x\">"},
		{"<a title='{{x}}'>", "{'x': '\\u0027 onmouseover=\\u0027x'}",
		 "<a title='&#39; onmouseover=&#39;x'>"},
		{"<a class=\"btn {{x}}\">", "{'x': '<&>'}", "<a class=\"btn &lt;&amp;&gt;\">"},
		{"<input value=\"{{x}}\" name=x>", "{'x': 'a\\\"b'}",
		 "<input value=\"a&quot;b\" name=x>"},
		{"<a data-x=\"{{x}}\">", "{'x': 'javascript:1'}",
		 "<a data-x=\"javascript:1\">"},
		{"<img alt = \"{{x}}\">", "{'x': '>'}", "<img alt = \"&gt;\">"},
	};
	run_cases(c, N(c));
}

static void test_ctx_url_start(void **state)
{
	static const struct ctx_case c[] = {
		{"<a href=\"{{u}}\">", "{'u': 'javascript:alert(1)'}", "<a href=\"#unsafe-url\">"},
		{"<a href=\"{{u}}\">", "{'u': 'JAVASCRIPT:alert(1)'}", "<a href=\"#unsafe-url\">"},
		{"<a href=\"{{u}}\">", "{'u': ' javascript:alert(1)'}", "<a href=\"#unsafe-url\">"},
		{"<a href=\"{{u}}\">", "{'u': '\\tjava\\nscript:alert(1)'}", "<a href=\"#unsafe-url\">"},
		{"<a href=\"{{u}}\">", "{'u': 'data:text/html,x'}", "<a href=\"#unsafe-url\">"},
		{"<a href=\"{{u}}\">", "{'u': '/d/x?a=1&b=2'}", "<a href=\"/d/x?a=1&amp;b=2\">"},
		{"<a href=\"{{u}}\">", "{'u': 'page?q=\\\"'}", "<a href=\"page?q=&quot;\">"},
		{"<a href=\"{{u}}\">", "{'u': '#top'}", "<a href=\"#top\">"},
		{"<a href=\"{{u}}\">", "{'u': 'https://example.org/a'}",
		 "<a href=\"https://example.org/a\">"},
		{"<a href=\"{{u}}\">", "{'u': 'mailto:a@example.org'}",
		 "<a href=\"mailto:a@example.org\">"},
		{"<A HREF='{{u}}'>", "{'u': 'javascript:x'}", "<A HREF='#unsafe-url'>"},
		{"<img src=\"{{u}}\">", "{'u': 'javascript:x'}", "<img src=\"#unsafe-url\">"},
		{"<form action=\"{{u}}\">", "{'u': 'vbscript:x'}", "<form action=\"#unsafe-url\">"},
		{"<button formaction=\"{{u}}\">", "{'u': 'javascript:x'}",
		 "<button formaction=\"#unsafe-url\">"},
		{"<video poster=\"{{u}}\">", "{'u': 'javascript:x'}", "<video poster=\"#unsafe-url\">"},
		{"<q cite=\"{{u}}\">", "{'u': 'javascript:x'}", "<q cite=\"#unsafe-url\">"},
		{"<object data=\"{{u}}\">", "{'u': 'javascript:x'}", "<object data=\"#unsafe-url\">"},
		{"<a href=\"{{u}}\">", "{}", "<a href=\"\">"},
		{"<a href=\"{{u}}\">", "{'u': 42}", "<a href=\"42\">"},
	};
	run_cases(c, N(c));
}

static void test_ctx_url_mid(void **state)
{
	static const struct ctx_case c[] = {
		{"<a href=\"/d/{{s}}/\">", "{'s': 'a b/c?d&e'}", "<a href=\"/d/a%20b%2Fc%3Fd%26e/\">"},
		{"<a href=\"/d/{{s}}\">", "{'s': 'javascript:x'}", "<a href=\"/d/javascript%3Ax\">"},
		{"<a href=\"?q={{s}}\">", "{'s': '\\\"><script>'}",
		 "<a href=\"?q=%22%3E%3Cscript%3E\">"},
		{"<a href=\"{{a}}{{b}}\">", "{'a': '/x', 'b': 'javascript:'}",
		 "<a href=\"/xjavascript%3A\">"},
		{"<a href=\" {{s}}\">", "{'s': 'javascript:x'}", "<a href=\" javascript%3Ax\">"},
		{"<a href=\"{{#each xs}}{{.}}{{/each}}\">", "{'xs': ['java', 'script:x']}",
		 "<a href=\"javascript%3Ax\">"},
	};
	run_cases(c, N(c));
}

static void test_ctx_script(void **state)
{
	static const struct ctx_case c[] = {
		{"<script>var x = {{x}};</script>", "{'x': '</script><b>'}",
		 "<script>var x = \"\\u003c/script\\u003e\\u003cb\\u003e\";</script>"},
		{"<script>var x = {{x}};</script>", "{'x': 'a\\u2028b\\u2029'}",
		 "<script>var x = \"a\\u2028b\\u2029\";</script>"},
		{"<script>f({{x}})</script>", "{'x': 'it\\u0027s \\\"q\\\" & \\\\'}",
		 "<script>f(\"it\\u0027s \\\"q\\\" \\u0026 \\\\\")</script>"},
		{"<script>f({{n}}, {{r}}, {{b}}, {{f}})</script>",
		 "{'n': -42, 'r': 1.5, 'b': true, 'f': false}",
		 "<script>f(-42, 1.5, true, false)</script>"},
		{"<script>f({{m}}, {{z}}, {{o}})</script>", "{'z': null, 'o': {'a': 1}}",
		 "<script>f(\"\", \"\", \"\")</script>"},
		{"<SCRIPT type=\"module\">f({{x}})</SCRIPT >{{x}}", "{'x': '<'}",
		 "<SCRIPT type=\"module\">f(\"\\u003c\")</SCRIPT >&lt;"},
		{"<script>if (a < b) f({{x}});</script>", "{'x': '\\n'}",
		 "<script>if (a < b) f(\"\\n\");</script>"},
		{"<script>\"</scriptx>\";f({{x}})</script>", "{'x': '<'}",
		 "<script>\"</scriptx>\";f(\"\\u003c\")</script>"},
		{"<script>f({{x|url}})</script>", "{'x': 'a b'}", "<script>f(\"a%20b\")</script>"},
	};
	run_cases(c, N(c));
}

static void test_url_filter(void **state)
{
	static const struct ctx_case c[] = {
		{"{{x|url}}", "{'x': 'a b&c'}", "a%20b%26c"},
		{"<a title=\"{{x|url}}\">", "{'x': '\\\"'}", "<a title=\"%22\">"},
		{"<a href=\"{{x|url}}\">", "{'x': 'javascript:x'}", "<a href=\"javascript%3Ax\">"},
		{"<a href=\"/t/{{x | url}}\">", "{'x': 'a/b'}", "<a href=\"/t/a%2Fb\">"},
	};
	run_cases(c, N(c));
}

/* ---- values and lookup ---- */

static void test_values(void **state)
{
	static const struct ctx_case c[] = {
		{"[{{missing}}]", "{}", "[]"},
		{"[{{a.b.missing}}]", "{'a': {'b': {}}}", "[]"},
		{"[{{n}}]", "{'n': 42}", "[42]"},
		{"[{{n}}]", "{'n': -9007199254740993}", "[-9007199254740993]"},
		{"[{{n}}]", "{'n': -9223372036854775808}", "[-9223372036854775808]"},
		{"[{{n}}]", "{'n': 9223372036854775807}", "[9223372036854775807]"},
		{"[{{n}}]", "{'n': 0}", "[0]"},
		{"[{{r}}]", "{'r': 2.5}", "[2.5]"},
		{"[{{r}}]", "{'r': 3.0}", "[3]"},
		{"[{{r}}]", "{'r': 1e21}", "[1e+21]"},
		{"[{{yes}} {{no}}]", "{'yes': true, 'no': false}", "[true false]"},
		{"[{{z}}]", "{'z': null}", "[]"},
		{"[{{o}}{{a}}]", "{'o': {'x': 1}, 'a': [1]}", "[]"},
		{"[{{a.b.c}}]", "{'a': {'b': {'c': 'deep'}}}", "[deep]"},
		{"[{{a.b.c}}]", "{'a': {'b': 'str'}}", "[]"},
		{"[{{items.1.name}}]", "{'items': [{'name': 'a'}, {'name': 'b'}]}", "[b]"},
		{"[{{items.5}}]", "{'items': [1]}", "[]"},
		{"[{{.}}]", "'root'", "[root]"},
		{"[{{my-name}} {{x_1}}]", "{'my-name': 'd', 'x_1': 'u'}", "[d u]"},
		{"[{{! a comment {{x}} }}]", "{'x': 1}", "[ }}]"},
		{"[{{!-- a \"quote }}]", "{}", "[]"},
		{"[{{ x }}]", "{'x': 1}", "[1]"},
		{"[{{raw h}}]", "{'h': '<b>&amp;</b>'}", "[<b>&amp;</b>]"},
		{"<a title=\"{{raw h}}\">", "{'h': '&quot;'}", "<a title=\"&quot;\">"},
		{"{{x}}", "{'x': 'caf\\u00e9 \\ud83d\\ude00'}", "caf\xc3\xa9 \xf0\x9f\x98\x80"},
		{"{{@index}}{{@number}}", "{}", ""},
	};
	run_cases(c, N(c));
}

static void test_scopes(void **state)
{
	static const struct ctx_case c[] = {
		/* the innermost scope first, then outer ones, then the root */
		{"{{#each xs}}{{name}}{{site}};{{/each}}",
		 "{'site': 'S', 'xs': [{'name': 'a'}, {'name': 'b', 'site': 'T'}]}", "aS;bT;"},
		{"{{#with a}}{{#with b}}{{x}}{{y}}{{z}}{{/with}}{{/with}}",
		 "{'z': 3, 'a': {'y': 2, 'b': {'x': 1}}}", "123"},
		/* a null found in an inner scope hides the outer value */
		{"{{#with a}}[{{x}}]{{/with}}", "{'x': 'outer', 'a': {'x': null}}", "[]"},
		/* the rest of a dotted path is not looked up in outer scopes */
		{"{{#with a}}[{{b.c}}]{{/with}}", "{'b': {'c': 1}, 'a': {'b': {}}}", "[]"},
		{"{{#each xs}}{{#each ys}}{{@index}}{{.}}{{/each}}|{{@number}} {{/each}}",
		 "{'xs': [1, 2], 'ys': ['a', 'b']}", "0a1b|1 0a1b|2 "},
	};
	run_cases(c, N(c));
}

/* ---- blocks ---- */

static void test_truthiness(void **state)
{
	static const struct {
		const char *val;
		int truthy;
	} c[] = {
		{"null", 0}, {"false", 0}, {"0", 0}, {"0.0", 0}, {"''", 0},
		{"[]", 0}, {"{}", 0}, {"true", 1}, {"1", 1}, {"-1", 1},
		{"0.5", 1}, {"'0'", 1}, {"' '", 1}, {"[0]", 1}, {"{'a': 0}", 1},
	};
	char data[64];
	for (size_t i = 0; i < N(c); i++) {
		snprintf(data, sizeof(data), "{'x': %s}", c[i].val);
		check("{{#if x}}T{{else}}F{{/if}}", data, c[i].truthy ? "T" : "F");
		check("{{#unless x}}F{{else}}T{{/unless}}", data, c[i].truthy ? "T" : "F");
	}
	check("{{#if missing}}T{{else}}F{{/if}}", "{}", "F");
	check("{{#if missing}}T{{/if}}", "{}", "");
	check("{{#unless missing}}U{{/unless}}", "{}", "U");
}

static void test_each(void **state)
{
	static const struct ctx_case c[] = {
		{"<ul>{{#each xs}}<li>{{@index}}/{{@number}}:{{.}}</li>{{/each}}</ul>",
		 "{'xs': ['a', '<b>']}", "<ul><li>0/1:a</li><li>1/2:&lt;b&gt;</li></ul>"},
		{"{{#each xs}}x{{else}}empty{{/each}}", "{'xs': []}", "empty"},
		{"{{#each xs}}x{{else}}empty{{/each}}", "{'xs': 'str'}", "empty"},
		{"{{#each xs}}x{{else}}empty{{/each}}", "{}", "empty"},
		{"{{#each xs}}x{{/each}}", "{'xs': {'a': 1}}", ""},
		{"{{#each xs}}{{#if @index}}, {{/if}}{{.}}{{/each}}", "{'xs': [1, 2, 3]}", "1, 2, 3"},
		{"{{#each a.b}}{{.}}{{/each}}", "{'a': {'b': [7, 8]}}", "78"},
		{"{{#each xs}}{{#each .}}{{.}}{{/each}};{{/each}}", "{'xs': [[1, 2], [3]]}", "12;3;"},
	};
	run_cases(c, N(c));
}

static void test_with(void **state)
{
	static const struct ctx_case c[] = {
		{"{{#with u}}{{name}} &lt;{{email}}&gt;{{/with}}",
		 "{'u': {'name': 'Ann', 'email': 'a@x'}}", "Ann &lt;a@x&gt;"},
		{"{{#with u}}yes{{else}}no{{/with}}", "{}", "no"},
		{"{{#with u}}{{.}}{{/with}}", "{'u': 'str'}", "str"},
	};
	run_cases(c, N(c));
}

static void test_blocks_in_tags(void **state)
{
	static const struct ctx_case c[] = {
		{"<input type=\"checkbox\" {{#if c}}checked{{/if}}>", "{'c': true}",
		 "<input type=\"checkbox\" checked>"},
		{"<input type=\"checkbox\" {{#if c}}checked{{/if}}>", "{'c': false}",
		 "<input type=\"checkbox\" >"},
		{"<a class=\"btn {{#if p}}btn-primary{{/if}}\" href=\"/\">", "{'p': 1}",
		 "<a class=\"btn btn-primary\" href=\"/\">"},
		{"<a href=\"/\" {{#if cur}}aria-current=\"page\"{{/if}}>x</a>", "{'cur': 1}",
		 "<a href=\"/\" aria-current=\"page\">x</a>"},
		{"<li{{#if a}} class=\"{{a}}\"{{/if}}>", "{'a': '\\\"'}", "<li class=\"&quot;\">"},
		/* a value possibly started by a branch is treated as started */
		{"<a href=\"{{#if a}}/x/{{/if}}{{u}}\">", "{'u': 'javascript:x'}",
		 "<a href=\"javascript%3Ax\">"},
		{"<a href=\"{{#if a}}{{u}}{{else}}{{v}}{{/if}}\">", "{'v': 'javascript:x'}",
		 "<a href=\"#unsafe-url\">"},
		{"{{#if a}}<b>{{else}}<i>{{/if}}{{x}}", "{'a': 1, 'x': '<'}", "<b>&lt;"},
		{"<script>var xs = [{{#each xs}}{{.}},{{/each}}];</script>",
		 "{'xs': ['<', 2]}", "<script>var xs = [\"\\u003c\",2,];</script>"},
	};
	run_cases(c, N(c));
}

/* ---- partials and layouts ---- */

static void test_partials(void **state)
{
	/* used before it is defined: partials are found at render time */
	add_ok("list", "<ul>{{#each items}}{{> item}}{{/each}}</ul>");
	add_ok("item", "<li>{{name}}{{#if admin}}*{{/if}}</li>");
	assert_int_equal(render_with("list", NULL,
		"{'admin': true, 'items': [{'name': 'a'}, {'name': '<b>'}]}", NULL), 0);
	assert_string_equal(out.p, "<ul><li>a*</li><li>&lt;b&gt;*</li></ul>");

	add_ok("sub/dir-x.y", "[{{x}}]");
	check("a{{> sub/dir-x.y}}b", "{'x': 1}", "a[1]b");

	add_ok("t", "a{{> nosuch}}b");
	assert_int_equal(render_with("t", NULL, "{}", NULL), ERR_NOTFOUND);
	assert_non_null(strstr(e.msg, "nosuch"));
	assert_int_equal(out.len, 0);
}

static void test_partial_recursion(void **state)
{
	add_ok("loop", "x{{> loop}}");
	assert_int_equal(render_with("loop", NULL, "{}", NULL), ERR_INVALID);
	assert_non_null(strstr(e.msg, "16"));
	assert_int_equal(out.len, 0);

	/* bounded recursion over data is fine */
	add_ok("tree", "({{name}}{{#each kids}}{{> tree}}{{/each}})");
	assert_int_equal(render_with("tree", NULL,
		"{'name': 'a', 'kids': [{'name': 'b', 'kids': [{'name': 'c', 'kids': []}]}]}",
		NULL), 0);
	assert_string_equal(out.p, "(a(b(c)))");
	/* a leaf without "kids" finds its parent's: recursion without end */
	assert_int_equal(render_with("tree", NULL,
		"{'name': 'a', 'kids': [{'name': 'b'}]}", NULL), ERR_INVALID);
}

static void test_layout(void **state)
{
	add_ok("layout", "<html><title>{{title}}</title><body>{{yield}}</body></html>");
	add_ok("page", "<p>{{msg}}</p>");
	assert_int_equal(render_with("page", "layout",
		"{'title': 'T&C', 'msg': '<hi>'}", NULL), 0);
	assert_string_equal(out.p,
		"<html><title>T&amp;C</title><body><p>&lt;hi&gt;</p></body></html>");

	/* appended to what out holds already */
	buf_reset(&out);
	buf_adds(&out, "X");
	json_t *j = jdata("{'msg': 1}");
	assert_int_equal(tmpl_render(set, "page", NULL, j, NULL, &out, &e), 0);
	json_decref(j);
	assert_string_equal(out.p, "X<p>1</p>");

	assert_int_equal(render_with("page", "nolayout", "{}", NULL), ERR_NOTFOUND);
	assert_non_null(strstr(e.msg, "nolayout"));
	assert_int_equal(render_with("nopage", "layout", "{}", NULL), ERR_NOTFOUND);
	assert_int_equal(out.len, 0);

	/* no layout: {{yield}} outputs nothing */
	assert_int_equal(render_with("layout", NULL, "{'title': 't'}", NULL), 0);
	assert_string_equal(out.p, "<html><title>t</title><body></body></html>");
}

/* ---- translation ---- */

static const char *fake_tr(void *ctx, const char *lang, const char *msgid)
{
	int *calls = ctx;
	(*calls)++;
	if (!lang || strcmp(lang, "fr") != 0)
		return NULL;
	if (strcmp(msgid, "Sign in") == 0)
		return "Connexion";
	if (strcmp(msgid, "Hello, %s") == 0)
		return "Bonjour <%s> & bienvenue";
	if (strcmp(msgid, "Quote") == 0)
		return "l'\"esprit\"";
	if (strcmp(msgid, "No arg") == 0)
		return "Sans argument";
	return NULL;
}

static void test_translate(void **state)
{
	int calls = 0;

	/* no callback: the msgid, escaped */
	add_ok("t", "{{t \"Sign in\"}}|{{t \"a<b\"}}|{{t \"Hello, %s\" name}}");
	assert_int_equal(render_with("t", NULL, "{'name': '<N>'}", "fr"), 0);
	assert_string_equal(out.p, "Sign in|a&lt;b|Hello, &lt;N&gt;");

	tmpl_set_translator(set, fake_tr, &calls);
	assert_int_equal(render_with("t", NULL, "{'name': '<N>'}", "fr"), 0);
	assert_string_equal(out.p, "Connexion|a&lt;b|Bonjour &lt;&lt;N&gt;&gt; &amp; bienvenue");
	assert_int_equal(calls, 3);

	/* the callback returns NULL: the msgid */
	assert_int_equal(render_with("t", NULL, "{'name': 'N'}", "de"), 0);
	assert_string_equal(out.p, "Sign in|a&lt;b|Hello, N");
	assert_int_equal(render_with("t", NULL, "{'name': 'N'}", NULL), 0);
	assert_string_equal(out.p, "Sign in|a&lt;b|Hello, N");

	static const struct ctx_case c[] = {
		{"<a title=\"{{t \"Quote\"}}\">", "{}", "<a title=\"l&#39;&quot;esprit&quot;\">"},
		{"<script>f({{t \"Quote\"}})</script>", "{}",
		 "<script>f(\"l\\u0027\\\"esprit\\\"\")</script>"},
		{"<script>f({{t \"Hello, %s\" n}})</script>", "{'n': '</script>'}",
		 "<script>f(\"Bonjour \\u003c\\u003c/script\\u003e\\u003e \\u0026 bienvenue\")</script>"},
		{"<a href=\"/s?q={{t \"Sign in\"}}\">", "{}", "<a href=\"/s?q=Connexion\">"},
		{"<a href=\"{{t \"Hello, %s\" n}}\">", "{'n': 'x'}", "<a href=\"Bonjour &lt;x&gt; &amp; bienvenue\">"},
		{"{{t \"No arg\" n}}", "{'n': 'x'}", "Sans argument"},
		{"{{t \"esc \\\"q\\\" \\\\\"}}", "{}", "esc &quot;q&quot; \\"},
		/* the msgid from the data */
		{"[{{t msg}}]", "{'msg': 'Sign in'}", "[Connexion]"},
		{"[{{t msg}}]", "{'msg': '<unknown>'}", "[&lt;unknown&gt;]"},
		{"[{{t msg}}]", "{'msg': ''}", "[]"},
		{"[{{t msg}}]", "{}", "[]"},
		{"[{{t msg n}}]", "{'msg': 'Hello, %s', 'n': 7}", "[Bonjour &lt;7&gt; &amp; bienvenue]"},
		{"<script>f({{t msg}})</script>", "{'msg': 'Quote'}",
		 "<script>f(\"l\\u0027\\\"esprit\\\"\")</script>"},
		{"<script>f({{t msg}})</script>", "{}", "<script>f(\"\")</script>"},
	};
	for (size_t i = 0; i < N(c); i++) {
		add_ok("t", c[i].tmpl);
		assert_int_equal(render_with("t", NULL, c[i].data, "fr"), 0);
		if (strcmp(out.p, c[i].want) != 0)
			fail_msg("%s: got [%s], want [%s]", c[i].tmpl, out.p, c[i].want);
	}
}

/* ---- parse errors ---- */

static void test_parse_errors(void **state)
{
	static const struct {
		const char *src;
		const char *msg;
	} c[] = {
		{"\n\n<div {{x}}>", "line 3: {{x}} inside a tag must be in a quoted attribute value"},
		{"<a href={{x}}>", "line 1: {{x}} inside a tag must be in a quoted attribute value"},
		{"<a href= {{x}}>", "line 1: {{x}} inside a tag"},
		{"<a b=c{{x}}>", "line 1: {{x}} inside a tag"},
		{"<{{x}}>", "line 1: {{x}} inside a tag"},
		{"</{{x}}>", "line 1: {{x}} inside a tag"},
		{"<a {{raw x}}>", "line 1: {{raw x}} inside a tag"},
		{"<p>\n<style>p { color: {{c}} }</style>", "line 2: {{c}} inside <style>"},
		{"<!-- {{x}} -->", "line 1: {{x}} inside an HTML comment"},
		{"<!DOCTYPE {{x}}>", "line 1: {{x}} inside <!...>"},
		{"<a onclick=\"f('{{x}}')\">", "line 1: {{x}} inside a style, srcdoc or on* attribute"},
		{"<a style=\"color: {{x}}\">", "line 1: {{x}} inside a style"},
		{"<iframe srcdoc=\"{{x}}\">", "line 1: {{x}} inside a style"},
		{"<a title=\"{{> p}}\">", "line 1: {{> p}} must stand in HTML text"},
		{"<a title=\"{{yield}}\">", "line 1: {{yield}} must stand in HTML text"},
		{"x\n{{#if a}}\n", "line 2: {{#if}} is never closed"},
		{"{{#each xs}}\n{{#if a}}\n{{/each}}", "line 3: {{/each}} closes {{#if}} from line 2"},
		{"{{/if}}", "line 1: {{/if}} closes no open block"},
		{"{{#if a}}{{/if x}}", "line 1: {{/if x}}: a closing tag takes no name"},
		{"\n{{#foo x}}{{/foo}}", "line 2: unknown block helper"},
		{"{{#if}}{{/if}}", "line 1: {{#if}} needs exactly one name"},
		{"{{#if a b}}{{/if}}", "line 1: {{#if a b}} needs exactly one name"},
		{"a\nb {{x", "line 2: unterminated {{"},
		{"{{x}", "line 1: unterminated {{"},
		{"{{t \"a}}", "line 1: unterminated {{"},
		{"{{}}", "line 1: empty {{}}"},
		{"{{  }}", "line 1: empty {{}}"},
		{"{{#}}", "line 1: empty name"},
		{"{{a b}}", "line 1: cannot parse {{a b}}"},
		{"{{a$b}}", "line 1: invalid character in name"},
		{"{{a/b}}", "line 1: invalid character in name"},
		{"{{{x}}}", "line 1: invalid character in name"},
		{"{{a..b}}", "line 1: empty part in name"},
		{"{{.a}}", "line 1: empty part in name"},
		{"{{a.}}", "line 1: empty part in name"},
		{"{{@foo}}", "line 1: unknown name \"@foo\""},
		{"{{a@b}}", "line 1: invalid character in name"},
		{"{{x|upper}}", "line 1: unknown filter \"upper\""},
		{"{{x|}}", "line 1: cannot parse"},
		{"{{raw}}", "line 1: {{raw}} takes exactly one name"},
		{"{{raw x|url}}", "line 1: {{raw}} takes exactly one name"},
		{"{{t}}", "line 1: {{t}} takes a quoted message"},
		{"{{t |}}", "line 1: {{t}} takes a quoted message"},
		{"{{t \"a\" \"b\"}}", "line 1: {{t}} takes a quoted message"},
		{"{{t \"a\" b c}}", "line 1: {{t}} takes a quoted message"},
		{"{{t a$}}", "line 1: invalid character in name"},
		{"{{t \"a\\n\"}}", "line 1: only \\\" and \\\\"},
		{"{{> }}", "line 1: empty name"},
		{"{{> a b}}", "line 1: {{> a b}}: a partial takes one name"},
		{"{{> a$}}", "line 1: {{> a$}}: a partial takes one name"},
		{"{{else}}", "line 1: {{else}} outside a block"},
		{"{{#if a}}{{else}}\n{{else}}{{/if}}", "line 2: second {{else}} in {{#if}} from line 1"},
		{"{{a b c d e}}", "line 1: cannot parse"},
		{"<div", "line 1: template ends inside a tag"},
		{"a <", "line 1: template ends inside a tag"},
		{"<a href=\"x", "line 1: template ends inside a tag"},
		{"<script>\n", "line 2: template ends inside <script>"},
		{"<style>", "line 1: template ends inside <style>"},
		{"<!-- x", "line 1: template ends inside an HTML comment"},
		{"<script>\n<!--</script>", "line 2: \"<!--\" inside <script>"},
		{"{{#if a}}<a href=\"{{else}}<b>{{/if}}\">",
		 "line 1: the branches of {{#if}} from line 1 end in different HTML states"},
		{"{{#each xs}}<a href=\"{{/each}}\">",
		 "line 1: the body of {{#each}} from line 1 ends in a tag but starts in text"},
		{"<a {{#if x}}href{{/if}}=\"{{u}}\">", "line 1: {{u}} inside a tag"},
		{"<{{#if x}}b{{else}}i{{/if}}>", "line 1: the branches of {{#if}}"},
	};
	for (size_t i = 0; i < N(c); i++)
		check_parse_error(c[i].src, strlen(c[i].src), c[i].msg);
}

static void test_parse_error_limits(void **state)
{
	/* 64 nested blocks parse, 65 do not */
	struct buf b;
	buf_init(&b, 0);
	for (int i = 0; i < 64; i++)
		buf_adds(&b, "{{#if a}}");
	for (int i = 0; i < 64; i++)
		buf_adds(&b, "{{/if}}");
	assert_int_equal(tmpl_set_add(set, "deep", b.p, b.len, &e), 0);
	buf_reset(&b);
	buf_adds(&b, "\n");
	for (int i = 0; i < 65; i++)
		buf_adds(&b, "{{#if a}}");
	for (int i = 0; i < 65; i++)
		buf_adds(&b, "{{/if}}");
	check_parse_error(b.p, b.len, "line 2: blocks nested deeper than 64");
	buf_release(&b);

	check_parse_error("ok\n\xff", 4, "line 2: not valid UTF-8");
	check_parse_error("ok\n\xc0\xaf", 5, "line 2: not valid UTF-8");
	check_parse_error("a\0b", 3, "line 1: not valid UTF-8");
}

static void test_failed_add_keeps_old(void **state)
{
	add_ok("t", "old {{x}}");
	err_clear(&e);
	assert_int_equal(tmpl_set_add(set, "t", "{{#if}}", 7, &e), ERR_INVALID);
	assert_int_equal(render_with("t", NULL, "{'x': 1}", NULL), 0);
	assert_string_equal(out.p, "old 1");
	add_ok("t", "new {{x}}");
	assert_int_equal(render_with("t", NULL, "{'x': 2}", NULL), 0);
	assert_string_equal(out.p, "new 2");
	assert_true(tmpl_set_has(set, "t"));
	assert_false(tmpl_set_has(set, "u"));
}

/* ---- render errors ---- */

static void test_render_errors(void **state)
{
	assert_int_equal(render_with("nope", NULL, "{}", NULL), ERR_NOTFOUND);
	assert_non_null(strstr(e.msg, "nope"));

	add_ok("big", "{{#each xs}}0123456789{{/each}}");
	struct buf small;
	buf_init(&small, 25);
	buf_adds(&small, "keep");
	json_t *j = jdata("{'xs': [1, 2, 3]}");
	assert_int_equal(tmpl_render(set, "big", NULL, j, NULL, &small, &e), ERR_LIMIT);
	assert_string_equal(small.p, "keep");
	buf_release(&small);

	/* the step bound stops runaway loops */
	add_ok("nest", "{{#each xs}}{{#each xs}}{{#each xs}}{{/each}}{{/each}}{{/each}}");
	tmpl_set_max_steps(set, 20);
	assert_int_equal(tmpl_render(set, "nest", NULL, j, NULL, &out, &e), ERR_LIMIT);
	assert_non_null(strstr(e.msg, "steps"));
	tmpl_set_max_steps(set, 0);
	assert_int_equal(tmpl_render(set, "nest", NULL, j, NULL, &out, &e), 0);
	json_decref(j);

	/* many templates: the table grows and finds them all */
	char name[32], src[32];
	for (int i = 0; i < 300; i++) {
		snprintf(name, sizeof(name), "n%d", i);
		snprintf(src, sizeof(src), "<%d>", i);
		add_ok(name, src);
	}
	assert_int_equal(render_with("n123", NULL, "{}", NULL), 0);
	assert_string_equal(out.p, "<123>");
	assert_true(tmpl_set_has(set, "n299"));

	assert_int_equal(render_with("big", NULL, "null", NULL), 0);
	assert_string_equal(out.p, "");
}

/* ---- loading a directory ---- */

static void write_file(const char *dir, const char *rel, const char *text)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void test_load_dir(void **state)
{
	char dir[] = "/tmp/test_tmpl_XXXXXX";
	char path[512];
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/admin", dir);
	assert_int_equal(mkdir(path, 0700), 0);
	write_file(dir, "layout.html", "<main>{{yield}}</main>");
	write_file(dir, "admin/users.html", "<p>{{> admin/row}}</p>");
	write_file(dir, "admin/row.html", "{{name}}");
	write_file(dir, "notes.txt", "{{#if}}");
	write_file(dir, ".hidden.html", "{{#if}}");

	assert_int_equal(tmpl_set_load_dir(set, dir, &e), 0);
	assert_true(tmpl_set_has(set, "admin/users"));
	assert_true(tmpl_set_has(set, "admin/row"));
	assert_true(tmpl_set_has(set, "layout"));
	assert_false(tmpl_set_has(set, "notes"));
	assert_false(tmpl_set_has(set, ".hidden"));
	assert_int_equal(render_with("admin/users", "layout", "{'name': '<n>'}", NULL), 0);
	assert_string_equal(out.p, "<main><p>&lt;n&gt;</p></main>");

	write_file(dir, "admin/broken.html", "ok\n<div {{x}}>");
	err_clear(&e);
	assert_int_equal(tmpl_set_load_dir(set, dir, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "admin/broken.html"));
	assert_non_null(strstr(e.msg, "line 2"));
	assert_false(tmpl_set_has(set, "admin/broken"));

	err_clear(&e);
	snprintf(path, sizeof(path), "%s/nonexistent", dir);
	assert_int_equal(tmpl_set_load_dir(set, path, &e), ERR_FAIL);
	assert_non_null(strstr(e.msg, "nonexistent"));

	static const char *const files[] = {
		"layout.html", "admin/users.html", "admin/row.html",
		"admin/broken.html", "notes.txt", ".hidden.html",
	};
	for (size_t i = 0; i < N(files); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
		unlink(path);
	}
	snprintf(path, sizeof(path), "%s/admin", dir);
	rmdir(path);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_esc_html),
		cmocka_unit_test(test_esc_url_component),
		cmocka_unit_test(test_esc_url_is_safe),
		cmocka_unit_test(test_esc_js_string),
		cmocka_unit_test(test_esc_nul_bytes),
		cmocka_unit_test_setup_teardown(test_ctx_text, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ctx_attr, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ctx_url_start, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ctx_url_mid, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ctx_script, setup, teardown),
		cmocka_unit_test_setup_teardown(test_url_filter, setup, teardown),
		cmocka_unit_test_setup_teardown(test_values, setup, teardown),
		cmocka_unit_test_setup_teardown(test_scopes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_truthiness, setup, teardown),
		cmocka_unit_test_setup_teardown(test_each, setup, teardown),
		cmocka_unit_test_setup_teardown(test_with, setup, teardown),
		cmocka_unit_test_setup_teardown(test_blocks_in_tags, setup, teardown),
		cmocka_unit_test_setup_teardown(test_partials, setup, teardown),
		cmocka_unit_test_setup_teardown(test_partial_recursion, setup, teardown),
		cmocka_unit_test_setup_teardown(test_layout, setup, teardown),
		cmocka_unit_test_setup_teardown(test_translate, setup, teardown),
		cmocka_unit_test_setup_teardown(test_parse_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_parse_error_limits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_failed_add_keeps_old, setup, teardown),
		cmocka_unit_test_setup_teardown(test_render_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_load_dir, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Fuzz target: arbitrary bytes as a template source.
 *
 * Each input is parsed with tmpl_set_add and, when it parses, rendered
 * against a fixed data object, alone and inside a layout, with a translator.
 * Beyond "no crash, no leak, no UB" it checks escaping, differentially: the
 * data and the translations are rendered once full of < > " ' and once with
 * those bytes replaced by '_'.  Unless the template uses {{raw}}, both
 * outputs must hold as many unescaped < > ' and " (not after a backslash,
 * as in a <script> string) -- whatever the template, the data never adds
 * one.  Every output must be valid UTF-8, and every parse error must name
 * its line.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/mem.h"
#include "core/str.h"
#include "tmpl/tmpl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char data_json[] =
	"{\"name\": \"<xss>\", \"title\": \"a\\\"b'c&d<e>\","
	" \"url\": \"javascript:xss()\", \"rel\": \"/p?q=<x>&y='1'\","
	" \"n\": 42, \"r\": 2.5, \"t\": true, \"f\": false, \"z\": null,"
	" \"items\": [{\"name\": \"<b>\", \"url\": \"JAVASCRIPT:x\", \"kids\": []},"
	"            {\"name\": \"x\\u2028y\", \"n\": 0}, \"'q'\", 7, [1, [\"<\"]]],"
	" \"obj\": {\"a\": {\"b\": \"\\\"x\\\"\"}, \"list\": [\"<i>\", \"</script>\"]},"
	" \"empty\": [], \"eo\": {}}";

static const char *const tr_sharp[] = {"<xss> '%s' \"%s\"", "%s<x>"};
static const char *const tr_dull[] = {"_xss_ _%s_ _%s_", "%s_x_"};
static const char *const *tr_now = tr_sharp;

static const char *translate(void *ctx, const char *lang, const char *msgid)
{
	if (msgid[0] == 'a')
		return tr_now[0];
	if (msgid[0] == 'b')
		return tr_now[1];
	return NULL;
}

static const struct {
	const char *name;
	const char *src;
} fixed[] = {
	{"p", "<i title=\"{{name}}\">{{name}}</i>{{#each items}}{{> p2}}{{/each}}"},
	{"p2", "<a href=\"{{url}}\">{{.}}</a>"},
	{"layout", "<html><title>{{title}}</title>{{yield}}</html>"},
};

static json_t *sharp, *dull;

/* The data with every < > ' & and escaped " of its strings made '_'. */
static json_t *load_dull(void)
{
	char *s = mem_strdup(data_json);
	size_t n = 0;
	for (size_t i = 0; s[i]; i++) {
		if (s[i] == '\\' && s[i + 1] == '"') {
			s[n++] = '_';
			i++;
		} else {
			s[n++] = strchr("<>'&", s[i]) ? '_' : s[i];
		}
	}
	s[n] = '\0';
	json_t *j = json_loads(s, 0, NULL);
	mem_free(s);
	return j;
}

static void count(const char *s, size_t n, size_t k[4])
{
	memset(k, 0, 4 * sizeof(k[0]));
	for (size_t i = 0; i < n; i++) {
		switch (s[i]) {
		case '<': k[0]++; break;
		case '>': k[1]++; break;
		case '\'': k[2]++; break;
		case '"': k[3] += i == 0 || s[i - 1] != '\\'; break;
		}
	}
}

/* Renders t with data into out; returns tmpl_render's result. */
static int render(struct tmpl_set *set, const char *layout, json_t *data,
		  struct buf *out)
{
	struct err e;
	buf_reset(out);
	int rc = tmpl_render(set, "t", layout, data, "fr", out, &e);
	if (rc != 0 && out->len != 0)
		abort();	/* out is cut back on error */
	if (!utf8_valid(out->p, out->len))
		abort();
	return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tmpl_set *set;
	struct err e;
	struct buf a, b;

	if (!sharp) {
		sharp = json_loads(data_json, 0, NULL);
		dull = load_dull();
	}
	if (!sharp || !dull)
		abort();

	set = tmpl_set_new();
	tmpl_set_max_steps(set, 20000);
	tmpl_set_translator(set, translate, NULL);
	for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		if (tmpl_set_add(set, fixed[i].name, fixed[i].src,
				 strlen(fixed[i].src), &e) != 0)
			abort();

	if (tmpl_set_add(set, "t", (const char *)data, size, &e) == 0) {
		int check = !memmem(data, size, "raw", 3);
		buf_init(&a, 1 << 16);
		buf_init(&b, 1 << 16);
		for (int pass = 0; pass < 2; pass++) {
			const char *layout = pass ? "layout" : NULL;
			tr_now = tr_sharp;
			int ra = render(set, layout, sharp, &a);
			tr_now = tr_dull;
			int rb = render(set, layout, dull, &b);
			if (check && ra == 0 && rb == 0) {
				size_t ka[4], kb[4];
				count(a.p, a.len, ka);
				count(b.p, b.len, kb);
				if (memcmp(ka, kb, sizeof(ka)) != 0)
					abort();
			}
		}
		buf_release(&a);
		buf_release(&b);
	} else if (e.code != ERR_INVALID || strncmp(e.msg, "line ", 5) != 0) {
		abort();
	}
	tmpl_set_free(set);
	return 0;
}

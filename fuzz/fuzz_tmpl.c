/* Fuzz target: arbitrary bytes as a template source.
 *
 * Each input is parsed with tmpl_set_add and, when it parses, rendered
 * against a fixed data object, alone and inside a layout, with a translator.
 * Beyond "no crash, no leak, no UB" it checks two properties of escaping:
 * the output is valid UTF-8, and the marker "<xss>" that the data and the
 * translations are full of never reaches the output unescaped, unless the
 * template writes it itself or uses {{raw}}.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/str.h"
#include "tmpl/tmpl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char data_json[] =
	"{\"name\": \"<xss>\", \"title\": \"a\\\"b'c&d<xss>\","
	" \"url\": \"javascript:xss()\", \"rel\": \"/p?q=<xss>\","
	" \"n\": 42, \"r\": 2.5, \"t\": true, \"f\": false, \"z\": null,"
	" \"items\": [{\"name\": \"<xss>\", \"url\": \"JAVASCRIPT:x\", \"kids\": []},"
	"            {\"name\": \"x\\u2028y\", \"n\": 0}, \"<xss>\", 7, [1, [2]]],"
	" \"obj\": {\"a\": {\"b\": \"<xss>\"}, \"list\": [\"<xss>\", \"</script>\"]},"
	" \"empty\": [], \"eo\": {}}";

static const char *translate(void *ctx, const char *lang, const char *msgid)
{
	if (msgid[0] == 'a')
		return "<xss> %s %s";
	if (msgid[0] == 'b')
		return "%s<xss>";
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

static json_t *root;

static int has(const uint8_t *data, size_t size, const char *s)
{
	return memmem(data, size, s, strlen(s)) != NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tmpl_set *set;
	struct err e;
	struct buf out;

	if (!root)
		root = json_loads(data_json, 0, NULL);
	if (!root)
		abort();

	set = tmpl_set_new();
	tmpl_set_max_steps(set, 20000);
	tmpl_set_translator(set, translate, NULL);
	for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		if (tmpl_set_add(set, fixed[i].name, fixed[i].src,
				 strlen(fixed[i].src), &e) != 0)
			abort();

	if (tmpl_set_add(set, "t", (const char *)data, size, &e) == 0) {
		int check = !has(data, size, "raw") && !has(data, size, "<xss");
		buf_init(&out, 1 << 16);
		for (int pass = 0; pass < 2; pass++) {
			buf_reset(&out);
			int rc = tmpl_render(set, "t", pass ? "layout" : NULL, root,
					     "fr", &out, &e);
			if (rc != 0 && out.len != 0)
				abort();	/* out is restored on error */
			if (!utf8_valid(out.p, out.len))
				abort();
			if (check && strstr(out.p, "<xss>"))
				abort();
		}
		buf_release(&out);
	} else if (e.code != ERR_INVALID || strncmp(e.msg, "line ", 5) != 0) {
		abort();	/* every parse error names its line */
	}
	tmpl_set_free(set);
	return 0;
}

#include "tmpl/markdown.h"

#include <cmark.h>
#include <stdlib.h>
#include <string.h>

int markdown_html(struct buf *out, const char *md)
{
	const char *s = md ? md : "";
	/* CMARK_OPT_SAFE is the default since cmark 0.29; said here anyway so
	 * that an older library does not render raw HTML. */
	char *html = cmark_markdown_to_html(s, strlen(s), CMARK_OPT_DEFAULT | CMARK_OPT_SAFE);
	if (!html)
		return -1;
	buf_adds(out, html);
	free(html);
	return 0;
}

int markdown_plain(struct buf *out, const char *md)
{
	const char *s = md ? md : "";
	cmark_node *doc = cmark_parse_document(s, strlen(s), CMARK_OPT_DEFAULT);
	if (!doc)
		return -1;
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		switch (t) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
		case CMARK_NODE_CODE_BLOCK:
			if (ev == CMARK_EVENT_ENTER)
				buf_adds(out, cmark_node_get_literal(n) ? cmark_node_get_literal(n) : "");
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			buf_addc(out, ' ');
			break;
		case CMARK_NODE_PARAGRAPH:
		case CMARK_NODE_HEADING:
		case CMARK_NODE_ITEM:
			if (ev == CMARK_EVENT_EXIT && out->len && out->p[out->len - 1] != '\n')
				buf_addc(out, '\n');
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
	return 0;
}

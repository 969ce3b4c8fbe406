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

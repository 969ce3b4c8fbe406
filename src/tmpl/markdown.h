/* markdown: what staff write (summaries, later recaps and answers) turned
 * into HTML by cmark, in its safe mode: raw HTML is dropped and links to
 * javascript:, vbscript:, file: and data: (but images) are removed, so the
 * result can go into a page as it is. */
#ifndef CG_TMPL_MARKDOWN_H
#define CG_TMPL_MARKDOWN_H
#include "core/buf.h"

/* Appends the HTML of md (NULL as "").  Returns 0, or -1 when cmark fails
 * (nothing appended). */
int markdown_html(struct buf *out, const char *md);

/* Appends the words of md without its markup: one line per paragraph,
 * heading or list item (for the search index and plain-text snippets). */
int markdown_plain(struct buf *out, const char *md);
#endif

#include "tmpl/qr.h"

#include <qrencode.h>
#include <string.h>

#include "core/str.h"
#include "tmpl/escape.h"
#include "tmpl/svg.h"

#define QUIET 4   /* modules of white border on each side */

/* Appends s (NULL as empty) as XML character data: control bytes as a
 * space, the rest through esc_html. */
static void put_title(struct buf *out, const char *s)
{
	size_t start = 0, i = 0;
	if (!s)
		return;
	for (; s[i]; i++) {
		if ((unsigned char)s[i] >= 0x20)
			continue;
		esc_html(out, s + start, i - start);
		buf_addc(out, ' ');
		start = i + 1;
	}
	esc_html(out, s + start, i - start);
}

/* Appends the path data: each horizontal run of dark modules (bit 0 of a
 * byte of q->data) as one closed rectangle one module high. */
static void put_modules(struct buf *out, const QRcode *q)
{
	int w = q->width;
	for (int y = 0; y < w; y++) {
		const unsigned char *row = q->data + (size_t)y * (size_t)w;
		for (int x = 0; x < w;) {
			if (!(row[x] & 1)) {
				x++;
				continue;
			}
			int run = 1;
			while (x + run < w && (row[x + run] & 1))
				run++;
			buf_printf(out, "M%d %dh%dv1h-%dz", x + QUIET, y + QUIET, run, run);
			x += run;
		}
	}
}

int qr_svg(struct buf *out, const char *id, const char *title, const char *text)
{
	char cid[SVG_ID_MAX + 1];
	size_t start = out->len;
	int was_overflow = out->overflow;

	if (!text || !text[0] || strnlen(text, QR_TEXT_MAX + 1) > QR_TEXT_MAX)
		return -1;
	QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (!q)
		return -1;
	svg_clean_id(cid, id, "qr");
	out->overflow = 0;
	buf_printf(out,
	           "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"%s-title\""
	           " viewBox=\"0 0 %d %d\" width=\"100%%\" shape-rendering=\"crispEdges\"><title id=\"%s-title\">",
	           cid, q->width + 2 * QUIET, q->width + 2 * QUIET, cid);
	put_title(out, title);
	buf_adds(out, "</title><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"");
	put_modules(out, q);
	buf_adds(out, "\"/></svg>");
	QRcode_free(q);
	if (out->overflow) {
		/* Some append was dropped: take back the part that was made. */
		out->len = start;
		out->p[start] = '\0';
		return -1;
	}
	out->overflow = was_overflow;
	return 0;
}

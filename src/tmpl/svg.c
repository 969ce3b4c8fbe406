#include "tmpl/svg.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "core/str.h"
#include "tmpl/escape.h"

/* Geometry in viewBox units: 360 wide, one 40-unit row per bar. */
#define W 360
#define TOP 4
#define ROW 40
#define BAR_X 1
#define BAR_W 290
#define BAR_H 14

#define COLOR_TEXT "#1b1b1b"
#define COLOR_BAR "#1f5fa8"
#define COLOR_MARK "#000"

/* Bytes of the UTF-8 sequence led by c (s is known valid). */
static size_t seq_len(unsigned char c)
{
	return c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
}

/* Appends one character of text (len bytes at p) as XML character data:
 * control bytes as a space, U+FFFE and U+FFFF (not XML characters) as
 * U+FFFD, the rest escaped. */
static void put_char(struct buf *out, const char *p, size_t len)
{
	const unsigned char *u = (const unsigned char *)p;
	if (len == 1 && u[0] < 0x20)
		buf_addc(out, ' ');
	else if (len == 3 && u[0] == 0xef && u[1] == 0xbf && (u[2] == 0xbe || u[2] == 0xbf))
		buf_adds(out, "\xef\xbf\xbd");
	else
		esc_html(out, p, len);
}

/* Appends s (NULL as empty) as escaped XML text of at most max characters,
 * cut with an ellipsis; text that is not valid UTF-8 keeps only its ASCII
 * bytes, so the document stays well-formed whatever the input. */
static void put_text(struct buf *out, const char *s, size_t max)
{
	if (!s)
		return;
	size_t n = strlen(s), count = 0, limit = max;
	bool valid = utf8_valid(s, n);
	for (size_t i = 0; i < n; i += valid ? seq_len((unsigned char)s[i]) : 1)
		count += valid || (unsigned char)s[i] < 0x80;
	if (count > max)
		limit = max - 1;
	count = 0;
	for (size_t i = 0; i < n && count < limit;) {
		size_t len = valid ? seq_len((unsigned char)s[i]) : 1;
		if (valid || (unsigned char)s[i] < 0x80) {
			put_char(out, s + i, len);
			count++;
		}
		i += len;
	}
	if (limit < max)
		buf_adds(out, "\xe2\x80\xa6");   /* … */
}

/* Appends a non-negative coordinate with one decimal, independent of the
 * C locale's decimal separator. */
static void put_num(struct buf *out, double v)
{
	long t = (long)(v * 10 + 0.5);
	buf_printf(out, "%ld.%ld", t / 10, t % 10);
}

/* v clamped to [0, 1], NaN as 0. */
static double unit(double v)
{
	if (isnan(v) || v < 0)
		return 0;
	return v > 1 ? 1 : v;
}

void svg_clean_id(char *dst, const char *id, const char *fallback)
{
	size_t k = 0;
	for (const char *p = id ? id : ""; *p && k < SVG_ID_MAX; p++) {
		char c = *p;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
		    c == '_')
			dst[k++] = c;
	}
	dst[k] = '\0';
	if (!k)
		str_copy(dst, SVG_ID_MAX + 1, fallback);
}

/* The generated description: "label: note; label: note". */
static void put_desc(struct buf *out, const struct svg_bar *bars, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_adds(out, "; ");
		put_text(out, bars[i].label, SIZE_MAX);
		buf_adds(out, ": ");
		if (bars[i].note)
			put_text(out, bars[i].note, SIZE_MAX);
		else
			buf_printf(out, "%ld%%", (long)(unit(bars[i].value) * 100 + 0.5));
	}
}

/* One row: label, bar, optional marker line, optional note. */
static void put_row(struct buf *out, const struct svg_bar *b, size_t i)
{
	double y = TOP + (double)i * ROW;
	double bar_y = y + 20;

	buf_adds(out, "<g><text x=\"0\" y=\"");
	put_num(out, y + 14);
	buf_adds(out, "\">");
	put_text(out, b->label, SVG_LABEL_MAX);
	buf_printf(out, "</text><rect x=\"%d\" y=\"", BAR_X);
	put_num(out, bar_y);
	buf_adds(out, "\" width=\"");
	put_num(out, unit(b->value) * BAR_W);
	buf_printf(out, "\" height=\"%d\" fill=\"" COLOR_BAR "\"/>", BAR_H);
	if (!isnan(b->marker) && b->marker >= 0) {
		double x = BAR_X + unit(b->marker) * BAR_W;
		buf_adds(out, "<line x1=\"");
		put_num(out, x);
		buf_adds(out, "\" x2=\"");
		put_num(out, x);
		buf_adds(out, "\" y1=\"");
		put_num(out, bar_y - 3);
		buf_adds(out, "\" y2=\"");
		put_num(out, bar_y + BAR_H + 3);
		buf_adds(out, "\" stroke=\"" COLOR_MARK "\" stroke-width=\"2\"/>");
	}
	if (b->note && b->note[0]) {
		buf_printf(out, "<text x=\"%d\" y=\"", W - 4);
		put_num(out, bar_y + 11);
		buf_adds(out, "\" text-anchor=\"end\" font-size=\"12\">");
		put_text(out, b->note, SVG_NOTE_MAX);
		buf_adds(out, "</text>");
	}
	buf_adds(out, "</g>");
}

void svg_bars(struct buf *out, const char *id, const char *title, const char *desc, const struct svg_bar *bars,
              size_t n)
{
	char cid[SVG_ID_MAX + 1];
	if (!bars)
		n = 0;
	svg_clean_id(cid, id, "chart");
	buf_printf(out,
	           "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"%s-title %s-desc\""
	           " viewBox=\"0 0 %d ",
	           cid, cid, W);
	put_num(out, TOP * 2 + (double)n * ROW);
	buf_printf(out,
	           "\" width=\"100%%\" font-family=\"sans-serif\" font-size=\"13\" fill=\"" COLOR_TEXT "\">"
	           "<title id=\"%s-title\">",
	           cid);
	put_text(out, title, SIZE_MAX);
	buf_printf(out, "</title><desc id=\"%s-desc\">", cid);
	if (desc)
		put_text(out, desc, SIZE_MAX);
	else
		put_desc(out, bars, n);
	buf_adds(out, "</desc>");
	for (size_t i = 0; i < n; i++)
		put_row(out, &bars[i], i);
	buf_adds(out, "</svg>");
}

/* ---- heat map ---- */

#define HM_LABEL_W 130
#define HM_HEAD 34
#define HM_ROW 28

/* The shade of a value: white (0) to 60% of the way to the bar's blue (1),
 * light enough for the dark text to keep 6:1 on every cell. */
static void put_shade(struct buf *out, double v)
{
	static const int blue[3] = {0x1f, 0x5f, 0xa8};
	v = unit(v) * 0.6;
	buf_adds(out, "#");
	for (int c = 0; c < 3; c++)
		buf_printf(out, "%02x", (int)(255 - (255 - blue[c]) * v + 0.5));
}

static void put_cell_note(struct buf *out, const double *values, const char *const *notes, size_t i)
{
	if (notes && notes[i])
		put_text(out, notes[i], SVG_NOTE_MAX);
	else
		buf_printf(out, "%ld%%", (long)(unit(values[i]) * 100 + 0.5));
}

void svg_heatmap(struct buf *out, const char *id, const char *title, const char *const *rows, size_t nrows,
                 const char *const *cols, size_t ncols, const double *values, const char *const *notes)
{
	char cid[SVG_ID_MAX + 1];
	if (!rows || !cols || !values)
		nrows = ncols = 0;
	svg_clean_id(cid, id, "heatmap");
	double cell = ncols ? (double)(W - HM_LABEL_W) / (double)ncols : 0;
	buf_printf(out,
	           "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"%s-title %s-desc\""
	           " viewBox=\"0 0 %d ",
	           cid, cid, W);
	put_num(out, HM_HEAD + (double)nrows * HM_ROW + 4);
	buf_printf(out,
	           "\" width=\"100%%\" font-family=\"sans-serif\" font-size=\"12\" fill=\"" COLOR_TEXT "\">"
	           "<title id=\"%s-title\">",
	           cid);
	put_text(out, title, SIZE_MAX);
	buf_printf(out, "</title><desc id=\"%s-desc\">", cid);
	for (size_t r = 0; r < nrows; r++)
		for (size_t c = 0; c < ncols; c++) {
			if (r || c)
				buf_adds(out, "; ");
			put_text(out, rows[r], SIZE_MAX);
			buf_adds(out, ", ");
			put_text(out, cols[c], SIZE_MAX);
			buf_adds(out, ": ");
			put_cell_note(out, values, notes, r * ncols + c);
		}
	buf_adds(out, "</desc>");
	for (size_t c = 0; c < ncols; c++) {
		buf_adds(out, "<text x=\"");
		put_num(out, HM_LABEL_W + cell * ((double)c + 0.5));
		buf_printf(out, "\" y=\"%d\" text-anchor=\"middle\">", HM_HEAD - 10);
		put_text(out, cols[c], 12);
		buf_adds(out, "</text>");
	}
	for (size_t r = 0; r < nrows; r++) {
		double y = HM_HEAD + (double)r * HM_ROW;
		buf_adds(out, "<g><text x=\"0\" y=\"");
		put_num(out, y + 18);
		buf_adds(out, "\">");
		put_text(out, rows[r], 18);
		buf_adds(out, "</text>");
		for (size_t c = 0; c < ncols; c++) {
			double v = values[r * ncols + c];
			buf_adds(out, "<rect x=\"");
			put_num(out, HM_LABEL_W + cell * (double)c + 1);
			buf_adds(out, "\" y=\"");
			put_num(out, y + 2);
			buf_adds(out, "\" width=\"");
			put_num(out, cell - 2);
			buf_printf(out, "\" height=\"%d\" fill=\"", HM_ROW - 4);
			put_shade(out, v);
			buf_adds(out, "\" stroke=\"#d5dbe3\"/><text x=\"");
			put_num(out, HM_LABEL_W + cell * ((double)c + 0.5));
			buf_adds(out, "\" y=\"");
			put_num(out, y + 18);
			buf_adds(out, "\" text-anchor=\"middle\">");
			put_cell_note(out, values, notes, r * ncols + c);
			buf_adds(out, "</text>");
		}
		buf_adds(out, "</g>");
	}
	buf_adds(out, "</svg>");
}

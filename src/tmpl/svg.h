/* svg: small charts drawn on the server, as inline SVG.
 *
 * No scripts, no styles from outside, no external references: a chart is
 * plain markup that works without JavaScript and scales to the width of its
 * container (viewBox, width 100%), so it reads at 360 px.  Colours meet WCAG
 * AA against white: text #1b1b1b (17:1), bars #1f5fa8 (6.4:1), markers
 * black (21:1 on white, 3.3:1 on a bar).  See docs/internals/participation.md.
 */
#ifndef CG_TMPL_SVG_H
#define CG_TMPL_SVG_H
#include <stddef.h>

#include "core/buf.h"

/* Labels longer than this many characters are cut with an ellipsis in the
 * drawing (the desc, when generated, keeps them whole); notes at
 * SVG_NOTE_MAX. */
#define SVG_LABEL_MAX 48
#define SVG_NOTE_MAX 8

struct svg_bar {
	const char *label;   /* NULL: empty */
	double value;        /* 0..1, clamped; NaN as 0 */
	double marker;       /* 0..1, clamped; < 0 or NaN for none: e.g. the baseline, a thin line */
	const char *note;    /* right-hand text such as "34%"; NULL for none */
};

/* Appends a horizontal bar chart, one row per bar (label above, bar and
 * note below), as <svg role="img" aria-labelledby="ID-title ID-desc"> with
 * <title> and <desc>.  id makes the element ids unique in the page: bytes
 * other than A-Z a-z 0-9 - _ are dropped ("chart" when nothing is left).
 * desc NULL: generated from the bars ("label: note; …"), so that a screen
 * reader gets the data.  All text is escaped for XML; control bytes become
 * spaces and text that is not valid UTF-8 keeps only its ASCII.  Like the
 * escapers, never fails on its own: check out->overflow. */
/* The letters, digits, '-' and '_' of id, at most SVG_ID_MAX of them, into
 * dst (SVG_ID_MAX + 1 bytes); fallback when none: element ids a page can
 * hold. */
#define SVG_ID_MAX 64
void svg_clean_id(char *dst, const char *id, const char *fallback);

void svg_bars(struct buf *out, const char *id, const char *title, const char *desc, const struct svg_bar *bars,
              size_t n);

/* Appends a heat map: one row per row label, one column per column label,
 * each cell shaded by its value (0..1, clamped; white to a light blue) with
 * its note written in it (NULL: the value as a percentage).  values and
 * notes are nrows × ncols, row by row; notes may be NULL.  The desc lists
 * every cell for screen readers.  Escaping and ids as for svg_bars. */
void svg_heatmap(struct buf *out, const char *id, const char *title, const char *const *rows, size_t nrows,
                 const char *const *cols, size_t ncols, const double *values, const char *const *notes);

#endif

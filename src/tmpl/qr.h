/* qr: a QR code drawn on the server, as inline SVG.
 *
 * Used to put a link (a consultation's page, a sign-up form) on a printed
 * poster or a projected slide.  The drawing is plain markup, like the charts
 * of tmpl/svg.h: no scripts, no styles, no external references.  It scales to
 * its container (viewBox in modules, width 100%) and keeps sharp edges
 * (shape-rendering crispEdges); black modules on white (21:1) with the quiet
 * zone of 4 modules that scanners need.  The code is made by libqrencode:
 * error correction level M (about 15% of the symbol may be lost), 8-bit mode,
 * the smallest version that holds the text.
 */
#ifndef CG_TMPL_QR_H
#define CG_TMPL_QR_H
#include <stddef.h>

#include "core/buf.h"

/* Longest text qr_svg accepts, in bytes (well within version 40-M). */
#define QR_TEXT_MAX 1024

/* Appends <svg role="img" aria-labelledby="ID-title"> with <title> and one
 * <path> holding every horizontal run of dark modules.  id makes the element
 * id unique in the page: bytes other than A-Z a-z 0-9 - _ are dropped, at
 * most 64 kept ("qr" when nothing is left).  title (NULL: empty) is escaped
 * for XML, control bytes becoming spaces; it should say where the link goes.
 * Returns 0, or -1 when text is NULL, empty or longer than QR_TEXT_MAX, when
 * libqrencode fails, or when out reaches its maximum (out->overflow set);
 * on -1 nothing is appended. */
int qr_svg(struct buf *out, const char *id, const char *title, const char *text);

#endif

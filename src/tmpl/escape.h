/* escape: one escaper per output context of the template engine.
 *
 * Each function appends to out and never fails on its own: when out reaches
 * its maximum the append is dropped and out->overflow is set (see buf.h), so
 * a caller checks out->overflow once after a batch of appends.  Input is any
 * n bytes (NUL bytes included); nothing is read past s + n.
 */
#ifndef CG_TMPL_ESCAPE_H
#define CG_TMPL_ESCAPE_H
#include <stddef.h>

#include "core/buf.h"

/* HTML text and quoted attribute values: & < > " ' become &amp; &lt; &gt;
 * &quot; &#39;; every other byte is copied. */
void esc_html(struct buf *out, const char *s, size_t n);

/* XML 1.0 text or attribute value (s NUL-terminated, NULL as ""): escaped
 * as esc_html does, with the control characters XML does not allow turned
 * into spaces. */
void esc_xml(struct buf *out, const char *s);
/* Percent-encoding of a URL path or query component: every byte but the
 * unreserved A-Z a-z 0-9 - . _ ~ becomes %XX (upper-case hex).  The result
 * needs no further escaping in any HTML context. */
void esc_url_component(struct buf *out, const char *s, size_t n);

/* True when s is safe as the whole value of a URL attribute: relative (starts
 * with / ? # or has no ':' before the first / ? #), or of scheme http, https,
 * mailto or tel (case-insensitive).  Leading spaces and control bytes are
 * skipped and tab, CR and LF are ignored anywhere, as browsers do.  An empty
 * or unknown scheme is unsafe. */
int esc_url_is_safe(const char *s, size_t n);

/* A JSON string literal, surrounding double quotes included, that is also
 * safe inside an HTML <script> element: " \ and control bytes are escaped as
 * JSON requires, and < > & ' U+2028 U+2029 as \u003c, \u003e, \u0026,
 * \u0027, \u2028, \u2029. */
void esc_js_string(struct buf *out, const char *s, size_t n);

#endif

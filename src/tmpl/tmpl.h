/* tmpl: HTML templates, parsed once at start-up, escaped by context.
 *
 * A set holds named templates.  Each is parsed into a tree when added; while
 * parsing, the literal HTML is followed through a small state machine so
 * that every {{output}} gets the escaper of its context (text, attribute
 * value, URL attribute, <script>) once, at parse time.  Outputs the engine
 * cannot escape safely (inside a tag, <style>, a comment, an unquoted or
 * style/on* attribute value) are parse errors.  The language is described in
 * docs/internals/templates.md.
 *
 * A set is built by one thread; once loading is over it is read-only and may
 * be rendered from many threads at once (the translate callback must then be
 * thread-safe too).
 */
#ifndef CG_TMPL_TMPL_H
#define CG_TMPL_TMPL_H
#include <stddef.h>

#include <jansson.h>

#include "core/buf.h"
#include "core/err.h"

struct tmpl_set;

/* Returns the translation of msgid for lang (lang may be NULL), or NULL for
 * "no translation" (msgid is then used).  The string must stay valid for the
 * rest of the render. */
typedef const char *(*tmpl_translate_fn)(void *ctx, const char *lang,
					 const char *msgid);

/* A new, empty set; free with tmpl_set_free.  Never NULL. */
struct tmpl_set *tmpl_set_new(void);
/* Frees the set and every template in it.  set may be NULL. */
void tmpl_set_free(struct tmpl_set *set);

/* Parses src (len bytes, valid UTF-8, no NUL) and stores it under name,
 * replacing any template of that name; src and name are copied.  On a parse
 * error returns ERR_INVALID with "line N: ..." in e->msg and leaves the set
 * as it was. */
int tmpl_set_add(struct tmpl_set *set, const char *name, const char *src,
		 size_t len, struct err *e);

/* Loads every *.html file under dir (recursively, skipping names that begin
 * with '.'); the name is the path relative to dir without ".html", e.g.
 * "admin/users".  Stops at the first error, naming the file in e->msg:
 * ERR_INVALID for a parse error, ERR_FAIL for I/O, ERR_LIMIT for a file over
 * 4 MiB.  Templates loaded before the error stay in the set. */
int tmpl_set_load_dir(struct tmpl_set *set, const char *dir, struct err *e);

/* 1 when the set holds a template of that name, else 0. */
int tmpl_set_has(const struct tmpl_set *set, const char *name);

/* Sets the callback of {{t "..."}}; fn may be NULL (msgids are output). */
void tmpl_set_translator(struct tmpl_set *set, tmpl_translate_fn fn,
			 void *ctx);

/* Bounds the work of one render: after visiting more than steps template
 * nodes (loop iterations included) tmpl_render fails with ERR_LIMIT.  The
 * default, 10 million, is far above any real page; 0 restores it. */
void tmpl_set_max_steps(struct tmpl_set *set, size_t steps);

/* Renders template `name` with data (borrowed; may be NULL) in language lang
 * (may be NULL) and appends the result to out.  When layout is not NULL the
 * page is rendered first, then the layout, whose {{yield}} outputs the page.
 * Errors: ERR_NOTFOUND for an unknown template or layout (or partial),
 * ERR_LIMIT when out would pass its maximum or the step bound is passed,
 * ERR_INVALID for partials nested deeper than 16.  On error out is truncated
 * back to its length at entry. */
int tmpl_render(const struct tmpl_set *set, const char *name,
		const char *layout, json_t *data, const char *lang,
		struct buf *out, struct err *e);

#endif

/* i18n: GNU gettext message catalogs, loaded once at start.
 *
 * Each language has one catalog: its source is po/LANG.po, which the build
 * compiles (msgfmt --check) into build/locale/LANG.mo, the binary form the
 * programs load.  English is the language of the message ids and needs
 * none.  Lookups are lock-free after loading.  See docs/internals/i18n.md.
 */
#ifndef CG_I18N_H
#define CG_I18N_H
#include <stddef.h>

#include "core/err.h"

/* Marks a string for xgettext where it is kept to be looked up later, as
 * in a table: { N_("Poor"), N_("Fair") }.  scripts/i18n_check.sh finds it. */
#define N_(s) (s)

struct i18n;

struct i18n *i18n_new(void);
void i18n_free(struct i18n *c);
/* Parses one PO file for lang ("es").  Fuzzy and empty entries are skipped,
 * as msgfmt does.  On a syntax error e gives the line.  The programs load
 * the compiled .mo; the PO reader stays for tests, which compare the two. */
int i18n_load_po(struct i18n *c, const char *lang, const char *path, struct err *e);
/* Same, from memory (tests, fuzzing). */
int i18n_parse_po(struct i18n *c, const char *lang, const char *text, size_t len, struct err *e);
/* Reads one compiled catalog (GNU .mo, either byte order) for lang from
 * memory.  Every offset and length is checked against len, every string
 * must end in a NUL inside the buffer and be UTF-8, and the header's
 * charset, when it names one, UTF-8 or ASCII; anything else is ERR_INVALID
 * with the reason in e, and then c is left as it was (ERR_LIMIT when c
 * already holds 16 languages).  The header (empty msgid) and entries with
 * a context (msgctxt) are skipped; of a plural entry the singular msgid
 * gets the first form.  data need not be NUL-terminated or aligned, and is
 * not kept. */
int i18n_parse_mo(struct i18n *c, const char *lang, const void *data, size_t len, struct err *e);
/* Same, from the file at path; e's message starts with path. */
int i18n_load_mo(struct i18n *c, const char *lang, const char *path, struct err *e);
/* Loads every DIR/LANG.mo (LANG: 2 to 7 letters or '_', as "es" or
 * "pt_BR"); other files are ignored.  Stops at the first error, naming the
 * file.  A directory without catalogs is not an error: check with
 * i18n_has_lang. */
int i18n_load_dir(struct i18n *c, const char *dir, struct err *e);
/* The translation of msgid in lang, or NULL when there is none. */
const char *i18n_lookup(const struct i18n *c, const char *lang, const char *msgid);
/* The translation of msgid in lang, or msgid itself.  c may be NULL. */
const char *i18n_text(const struct i18n *c, const char *lang, const char *msgid);
/* Appends to b the translation of tmpl with each "%s" replaced by the next
 * of args, in order ("" once they run out, or for a NULL one).  Never a
 * printf format: translations are data, and only "%s" is a directive. */
struct buf;
void i18n_say(const struct i18n *c, const char *lang, struct buf *b, const char *tmpl, const char *const *args,
              int nargs);
/* Whether a catalog was loaded for lang. */
int i18n_has_lang(const struct i18n *c, const char *lang);
/* Checks that every language of the pages but the source (core/lang.h)
 * has a catalog in c: 0, or ERR_FAIL with e naming the missing DIR/TAG.mo
 * and how to build it. */
int i18n_check_pages(const struct i18n *c, const char *dir, struct err *e);

#endif

/* i18n: message catalogs in GNU gettext's PO format, loaded once at start.
 *
 * Each language has one catalog, po/LANG.po; English is the language of the
 * message ids and needs none.  Lookups are lock-free after loading.
 */
#ifndef CG_I18N_H
#define CG_I18N_H
#include <stddef.h>

#include "core/err.h"

struct i18n;

struct i18n *i18n_new(void);
void i18n_free(struct i18n *c);
/* Parses one PO file for lang ("es").  Fuzzy and empty entries are skipped,
 * as msgfmt does.  On a syntax error e gives the line. */
int i18n_load_po(struct i18n *c, const char *lang, const char *path, struct err *e);
/* Same, from memory (tests, fuzzing). */
int i18n_parse_po(struct i18n *c, const char *lang, const char *text, size_t len, struct err *e);
/* Loads every DIR/xx.po. */
int i18n_load_dir(struct i18n *c, const char *dir, struct err *e);
/* The translation of msgid in lang, or NULL when there is none. */
const char *i18n_lookup(const struct i18n *c, const char *lang, const char *msgid);
/* Whether a catalog was loaded for lang. */
int i18n_has_lang(const struct i18n *c, const char *lang);

#endif

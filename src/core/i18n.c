#include "core/i18n.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/hash.h"
#include "core/lang.h"
#include "core/mem.h"
#include "core/str.h"

#define MAX_LANGS 64

struct entry {
	char *id;
	char *str;
};

struct catalog {
	char lang[LANG_TAG_MAX];
	struct entry *slots;  /* open addressing, power-of-two size */
	size_t cap, n;
};

struct i18n {
	struct catalog langs[MAX_LANGS];
	int nlangs;
};

struct i18n *i18n_new(void)
{
	return mem_alloc(sizeof(struct i18n));
}

void i18n_free(struct i18n *c)
{
	if (!c)
		return;
	for (int i = 0; i < c->nlangs; i++) {
		struct catalog *cat = &c->langs[i];
		for (size_t k = 0; k < cat->cap; k++) {
			mem_free(cat->slots[k].id);
			mem_free(cat->slots[k].str);
		}
		mem_free(cat->slots);
	}
	mem_free(c);
}

static struct catalog *catalog_for(struct i18n *c, const char *lang, int create)
{
	for (int i = 0; i < c->nlangs; i++)
		if (strcmp(c->langs[i].lang, lang) == 0)
			return &c->langs[i];
	if (!create || c->nlangs == MAX_LANGS)
		return NULL;
	struct catalog *cat = &c->langs[c->nlangs++];
	str_copy(cat->lang, sizeof(cat->lang), lang);
	return cat;
}

static void put(struct catalog *cat, char *id, char *str);

static void grow(struct catalog *cat)
{
	struct entry *old = cat->slots;
	size_t oldcap = cat->cap;
	cat->cap = oldcap ? oldcap * 2 : 64;
	cat->slots = mem_alloc(cat->cap * sizeof(*cat->slots));
	cat->n = 0;
	for (size_t i = 0; i < oldcap; i++)
		if (old[i].id)
			put(cat, old[i].id, old[i].str);
	mem_free(old);
}

/* Takes ownership of id and str. */
static void put(struct catalog *cat, char *id, char *str)
{
	if ((cat->n + 1) * 2 > cat->cap)
		grow(cat);
	size_t i = hash_str(id) & (cat->cap - 1);
	while (cat->slots[i].id) {
		if (strcmp(cat->slots[i].id, id) == 0) {
			mem_free(cat->slots[i].str);
			mem_free(id);
			cat->slots[i].str = str;
			return;
		}
		i = (i + 1) & (cat->cap - 1);
	}
	cat->slots[i].id = id;
	cat->slots[i].str = str;
	cat->n++;
}

/* Appends the C-escaped string literal starting at *p ('"') to out. */
static int unquote(const char **p, const char *end, struct buf *out)
{
	const char *s = *p + 1;
	while (s < end && *s != '"') {
		char c = *s++;
		if (c == '\\') {
			if (s >= end)
				return -1;
			c = *s++;
			switch (c) {
			case 'n': c = '\n'; break;
			case 't': c = '\t'; break;
			case 'r': c = '\r'; break;
			case '"': case '\\': break;
			default: return -1;
			}
		}
		if (buf_addc(out, c) < 0)
			return -1;
	}
	if (s >= end)
		return -1;
	*p = s + 1;
	return 0;
}

int i18n_parse_po(struct i18n *c, const char *lang, const char *text, size_t len, struct err *e)
{
	struct catalog *cat = catalog_for(c, lang, 1);
	if (!cat)
		return err_set(e, ERR_LIMIT, NULL, "too many languages");
	struct buf id, str;
	buf_init(&id, 1 << 16);
	buf_init(&str, 1 << 16);
	struct buf *cur = NULL;
	int fuzzy = 0, next_fuzzy = 0, lineno = 0, rc = 0, have = 0;
	const char *p = text, *end = text + len;
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		const char *le = eol ? eol : end;
		lineno++;
		struct str line = str_trim((struct str){p, (size_t)(le - p)});
		const char *q = line.p;
		const char *qe = line.p + line.len;
		if (line.len == 0 || (line.len && q[0] == '#')) {
			if (line.len > 2 && q[1] == ',' && memmem(q, line.len, "fuzzy", 5))
				next_fuzzy = 1;
		} else if (str_starts(line, "msgid ") || str_starts(line, "msgstr ") || q[0] == '"') {
			if (str_starts(line, "msgid ")) {
				if (have && str.len && !fuzzy && id.len)
					put(cat, mem_strdup(id.p), mem_strdup(str.p));
				fuzzy = next_fuzzy;
				next_fuzzy = 0;
				buf_reset(&id);
				buf_reset(&str);
				cur = &id;
				have = 1;
				q += 6;
			} else if (str_starts(line, "msgstr ")) {
				cur = &str;
				q += 7;
			}
			while (q < qe && *q == ' ')
				q++;
			if (!cur || q >= qe || *q != '"' || unquote(&q, qe, cur) < 0 || q != qe) {
				rc = err_set(e, ERR_INVALID, NULL, "line %d: malformed string", lineno);
				goto out;
			}
		} else if (str_starts(line, "msgctxt") || str_starts(line, "msgid_plural") ||
		           str_starts(line, "msgstr[")) {
			rc = err_set(e, ERR_INVALID, NULL, "line %d: contexts and plurals are not used here", lineno);
			goto out;
		} else {
			rc = err_set(e, ERR_INVALID, NULL, "line %d: expected msgid, msgstr or a string", lineno);
			goto out;
		}
		p = eol ? eol + 1 : end;
	}
	if (have && str.len && !fuzzy && id.len)
		put(cat, mem_strdup(id.p), mem_strdup(str.p));
out:
	buf_release(&id);
	buf_release(&str);
	return rc;
}

/* Prefixes e's message with path: "po/es.po: line 3: ...". */
static int with_path(int rc, const char *path, struct err *e)
{
	if (rc < 0 && e) {
		char msg[sizeof(e->msg)];
		memcpy(msg, e->msg, sizeof(msg));
		err_set(e, rc, NULL, "%s: %s", path, msg);
	}
	return rc;
}

int i18n_load_po(struct i18n *c, const char *lang, const char *path, struct err *e)
{
	struct buf b;
	buf_init(&b, 8 << 20);
	int rc = buf_add_file(&b, path, e);
	if (rc == 0)
		rc = with_path(i18n_parse_po(c, lang, b.p, b.len, e), path, e);
	buf_release(&b);
	return rc;
}

/* ---- compiled catalogs: GNU .mo ----
 *
 * The layout (gettext manual, "The Format of GNU MO Files"): seven 32-bit
 * words in the writer's byte order — magic 0x950412de, revision, number of
 * strings N, offset of the table of original strings, offset of the table
 * of translations, size and offset of a hash table — then for each table N
 * pairs (length, offset) of strings that end in a NUL not counted in the
 * length.  A plural entry holds its forms one after another, separated by
 * NULs; a msgctxt precedes its msgid, separated by \x04.  The hash table
 * is gettext's own lookup aid; ours is built on loading, so it is only
 * checked to lie inside the file. */

#define MO_MAGIC 0x950412deu
#define MO_HEADER 28

struct mo {
	const unsigned char *p;
	size_t len;
	int big_endian;
};

static uint32_t mo_word(const struct mo *m, size_t off)
{
	const unsigned char *b = m->p + off;
	if (m->big_endian)
		return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
	return (uint32_t)b[3] << 24 | (uint32_t)b[2] << 16 | (uint32_t)b[1] << 8 | b[0];
}

/* Whether count items of size bytes from off lie inside the file; in 64
 * bits, so that no sum of 32-bit words can wrap. */
static int mo_fits(const struct mo *m, uint32_t off, uint32_t count, uint32_t size)
{
	return (uint64_t)off + (uint64_t)count * size <= m->len;
}

/* String i of the table at tab in *s (it ends in a NUL inside the file, so
 * *s is its first NUL-separated part) and its whole length in *n. */
static int mo_string(const struct mo *m, uint32_t tab, uint32_t i, const char *what, const char **s,
                     size_t *n, struct err *e)
{
	uint32_t len = mo_word(m, (size_t)tab + (size_t)i * 8);
	uint32_t off = mo_word(m, (size_t)tab + (size_t)i * 8 + 4);
	if ((uint64_t)off + len + 1 > m->len)
		return err_set(e, ERR_INVALID, NULL, "%s %u (%u bytes at offset %u) lies outside the file", what, i,
		               len, off);
	if (m->p[(size_t)off + len] != '\0')
		return err_set(e, ERR_INVALID, NULL, "%s %u is not NUL-terminated", what, i);
	*s = (const char *)m->p + off;
	*n = len;
	/* Each NUL-separated part (plural forms, context and msgid). */
	for (size_t at = 0; at <= len;) {
		size_t part = strnlen(*s + at, len - at);
		if (!utf8_valid(*s + at, part))
			return err_set(e, ERR_INVALID, NULL, "%s %u is not valid UTF-8", what, i);
		at += part + 1;
	}
	return 0;
}

/* The header's charset, when it names one, must be UTF-8 (or its subset
 * ASCII): pages and mail are UTF-8 and the catalog is not converted. */
static int mo_charset(const char *header, struct err *e)
{
	const char *cs = strstr(header, "charset=");
	if (!cs)
		return 0;
	cs += 8;
	size_t n = strcspn(cs, " ;\n");
	struct str v = {cs, n};
	if (str_eq_nocase(v, "UTF-8") || str_eq_nocase(v, "UTF8") || str_eq_nocase(v, "ASCII") ||
	    str_eq_nocase(v, "US-ASCII"))
		return 0;
	/* Forty characters at most, cut between two (the header is UTF-8). */
	return err_set(e, ERR_INVALID, NULL, "the catalog is in charset %.*s; only UTF-8 is supported",
	               (int)utf8_offset(cs, n, 40), cs);
}

/* Entry i: whether it is kept, and its msgid and first form.  Checks
 * everything, so that loading can start only once the whole file passed. */
static int mo_entry(const struct mo *m, uint32_t orig, uint32_t trans, uint32_t i, const char **id,
                    const char **str, int *keep, struct err *e)
{
	size_t idn, strn;
	int rc = mo_string(m, orig, i, "original string", id, &idn, e);
	if (rc == 0)
		rc = mo_string(m, trans, i, "translation", str, &strn, e);
	if (rc < 0)
		return rc;
	*keep = 0;
	if (idn == 0)   /* the header */
		return mo_charset(*str, e);
	/* A context makes it another message than the bare msgid; no lookup
	 * here asks for one.  Empty ids or translations are not messages. */
	*keep = !memchr(*id, '\x04', idn) && **id && **str;
	return 0;
}

int i18n_parse_mo(struct i18n *c, const char *lang, const void *data, size_t len, struct err *e)
{
	struct mo m = {data, len, 0};
	if (len < MO_HEADER)
		return err_set(e, ERR_INVALID, NULL, "too short for a .mo catalog (%zu bytes; the header alone is %d)", len,
		               MO_HEADER);
	if (mo_word(&m, 0) != MO_MAGIC) {
		m.big_endian = 1;
		if (mo_word(&m, 0) != MO_MAGIC)
			return err_set(e, ERR_INVALID, NULL, "not a .mo catalog (magic number %08x, expected 950412de)",
			               mo_word(&m, 0));
	}
	uint32_t rev = mo_word(&m, 4), n = mo_word(&m, 8), orig = mo_word(&m, 12), trans = mo_word(&m, 16);
	uint32_t hsize = mo_word(&m, 20), hoff = mo_word(&m, 24);
	/* Major revision 1 adds system-dependent strings, which are ignored:
	 * the plain tables still hold every other message. */
	if (rev >> 16 > 1)
		return err_set(e, ERR_INVALID, NULL, "unknown .mo revision %u.%u", rev >> 16, rev & 0xffff);
	if (!mo_fits(&m, orig, n, 8))
		return err_set(e, ERR_INVALID, NULL, "the table of %u original strings at offset %u lies outside the file", n,
		               orig);
	if (!mo_fits(&m, trans, n, 8))
		return err_set(e, ERR_INVALID, NULL, "the table of %u translations at offset %u lies outside the file", n,
		               trans);
	if (hsize && !mo_fits(&m, hoff, hsize, 4))
		return err_set(e, ERR_INVALID, NULL, "the hash table of %u slots at offset %u lies outside the file", hsize,
		               hoff);
	const char *id, *str;
	int keep, rc;
	for (uint32_t i = 0; i < n; i++)
		if ((rc = mo_entry(&m, orig, trans, i, &id, &str, &keep, e)) < 0)
			return rc;
	struct catalog *cat = catalog_for(c, lang, 1);
	if (!cat)
		return err_set(e, ERR_LIMIT, NULL, "too many languages");
	for (uint32_t i = 0; i < n; i++) {
		mo_entry(&m, orig, trans, i, &id, &str, &keep, NULL);
		if (keep)
			put(cat, mem_strdup(id), mem_strdup(str));
	}
	return 0;
}

int i18n_load_mo(struct i18n *c, const char *lang, const char *path, struct err *e)
{
	struct buf b;
	buf_init(&b, 16 << 20);
	int rc = buf_add_file(&b, path, e);
	if (rc == 0)
		rc = with_path(i18n_parse_mo(c, lang, b.p, b.len, e), path, e);
	buf_release(&b);
	return rc;
}

/* The language of a catalog's file name "LANG.mo" (a tag, core/lang.h:
 * "es.mo", "zh-Hans.mo"), or 0. */
static int mo_lang(const char *name, char lang[LANG_TAG_MAX])
{
	size_t n = strlen(name);
	if (n < 5 || n - 3 >= LANG_TAG_MAX || strcmp(name + n - 3, ".mo") != 0)
		return 0;
	memcpy(lang, name, n - 3);
	lang[n - 3] = '\0';
	return lang_tag_ok(lang);
}

int i18n_load_dir(struct i18n *c, const char *dir, struct err *e)
{
	DIR *d = opendir(dir);
	if (!d)
		return err_set(e, ERR_FAIL, NULL, "cannot open the catalog directory %s: %s", dir, strerror(errno));
	struct dirent *de;
	int rc = 0;
	while (rc == 0 && (de = readdir(d))) {
		char lang[LANG_TAG_MAX];
		if (!mo_lang(de->d_name, lang))
			continue;
		struct buf path;
		buf_init(&path, 4096);
		buf_printf(&path, "%s/%s", dir, de->d_name);
		rc = i18n_load_mo(c, lang, path.p, e);
		buf_release(&path);
	}
	closedir(d);
	return rc;
}

const char *i18n_lookup(const struct i18n *c, const char *lang, const char *msgid)
{
	if (!c || !lang)
		return NULL;
	for (int i = 0; i < c->nlangs; i++) {
		const struct catalog *cat = &c->langs[i];
		if (strcmp(cat->lang, lang) != 0 || !cat->cap)
			continue;
		size_t k = hash_str(msgid) & (cat->cap - 1);
		while (cat->slots[k].id) {
			if (strcmp(cat->slots[k].id, msgid) == 0)
				return cat->slots[k].str;
			k = (k + 1) & (cat->cap - 1);
		}
		return NULL;
	}
	return NULL;
}

int i18n_has_lang(const struct i18n *c, const char *lang)
{
	for (int i = 0; c && i < c->nlangs; i++)
		if (strcmp(c->langs[i].lang, lang) == 0)
			return 1;
	return 0;
}

int i18n_check_pages(const struct i18n *c, const char *dir, struct err *e)
{
	for (size_t i = 0; i < LANG_NPAGES; i++) {
		const char *tag = lang_page(i);
		if (strcmp(tag, lang_source()) != 0 && !i18n_has_lang(c, tag))
			return err_set(e, ERR_FAIL, NULL, "%s/%s.mo is missing: run make, which compiles po/%s.po into it", dir,
			               tag, tag);
	}
	return 0;
}

const char *i18n_text(const struct i18n *c, const char *lang, const char *msgid)
{
	const char *t = i18n_lookup(c, lang, msgid);
	return t ? t : msgid;
}

void i18n_say(const struct i18n *c, const char *lang, struct buf *b, const char *tmpl, const char *const *args,
              int nargs)
{
	const char *t = i18n_text(c, lang, tmpl), *p;
	int i = 0;
	while ((p = strstr(t, "%s"))) {
		buf_add(b, t, (size_t)(p - t));
		buf_adds(b, i < nargs && args[i] ? args[i] : "");
		i++;
		t = p + 2;
	}
	buf_adds(b, t);
}

#include "core/i18n.h"

#include <dirent.h>
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/mem.h"
#include "core/str.h"

#define MAX_LANGS 16

struct entry {
	char *id;
	char *str;
};

struct catalog {
	char lang[8];
	struct entry *slots;  /* open addressing, power-of-two size */
	size_t cap, n;
};

struct i18n {
	struct catalog langs[MAX_LANGS];
	int nlangs;
};

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

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
	size_t i = hash(id) & (cat->cap - 1);
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

int i18n_load_po(struct i18n *c, const char *lang, const char *path, struct err *e)
{
	struct buf b;
	buf_init(&b, 8 << 20);
	int rc = buf_add_file(&b, path, e);
	if (rc == 0) {
		rc = i18n_parse_po(c, lang, b.p, b.len, e);
		if (rc < 0 && e) {
			char msg[sizeof(e->msg)];
			memcpy(msg, e->msg, sizeof(msg));
			err_set(e, rc, NULL, "%s: %s", path, msg);
		}
	}
	buf_release(&b);
	return rc;
}

int i18n_load_dir(struct i18n *c, const char *dir, struct err *e)
{
	DIR *d = opendir(dir);
	if (!d)
		return err_set(e, ERR_FAIL, NULL, "cannot open the catalog directory %s", dir);
	struct dirent *de;
	int rc = 0;
	while (rc == 0 && (de = readdir(d))) {
		size_t n = strlen(de->d_name);
		if (n != 5 || strcmp(de->d_name + 2, ".po") != 0)
			continue;
		char lang[3] = {de->d_name[0], de->d_name[1], 0};
		struct buf path;
		buf_init(&path, 4096);
		buf_printf(&path, "%s/%s", dir, de->d_name);
		rc = i18n_load_po(c, lang, path.p, e);
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
		size_t k = hash(msgid) & (cat->cap - 1);
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

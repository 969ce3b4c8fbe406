/* lang: the table of languages; the contract is in lang.h. */
#include "core/lang.h"

#include <string.h>
#include <strings.h>

#include "core/str.h"

/* The pages' languages first (LANG_NPAGES of them), the source first of
 * all; then the languages people may name, most often asked for first. */
static const struct lang langs[] = {
	{"en", "English", "English", LANG_LTR, LANG_PAGES | LANG_ANALYSIS, "en_US"},
	{"es", "Spanish", "Español", LANG_LTR, LANG_PAGES | LANG_ANALYSIS, "es_US"},
	{"vi", "Vietnamese", "Tiếng Việt", LANG_LTR, LANG_PAGES, "vi_VN"},
	{"zh-Hans", "Chinese (Simplified)", "简体中文", LANG_LTR, LANG_PAGES, "zh_CN"},
	{"ar", "Arabic", "العربية", LANG_RTL, LANG_PAGES, "ar_AR"},
	{"zh", "Chinese", "中文", LANG_LTR, 0, NULL},
	{"so", "Somali", "Soomaali", LANG_LTR, 0, NULL},
	{"ht", "Haitian Creole", "Kreyòl ayisyen", LANG_LTR, 0, NULL},
	{"fr", "French", "Français", LANG_LTR, 0, NULL},
	{"pt", "Portuguese", "Português", LANG_LTR, 0, NULL},
};

#define NLANGS (sizeof(langs) / sizeof(langs[0]))

size_t lang_count(void)
{
	return NLANGS;
}

const struct lang *lang_at(size_t i)
{
	return i < NLANGS ? &langs[i] : NULL;
}

const struct lang *lang_find(const char *tag)
{
	for (size_t i = 0; tag && i < NLANGS; i++)
		if (strcmp(langs[i].tag, tag) == 0)
			return &langs[i];
	return NULL;
}

bool lang_has(const char *tag, unsigned flags)
{
	const struct lang *l = lang_find(tag);
	return l && (l->flags & flags) == flags;
}

bool lang_valid(const char *tag)
{
	return lang_has(tag, LANG_PAGES);
}

const char *lang_page(size_t i)
{
	return i < LANG_NPAGES ? langs[i].tag : NULL;
}

const char *lang_source(void)
{
	return langs[0].tag;
}

const char *lang_native_name(const char *tag)
{
	const struct lang *l = lang_find(tag);
	return l ? l->native : tag;
}

const char *lang_dir_of(const char *tag)
{
	const struct lang *l = lang_find(tag);
	return l && l->dir == LANG_RTL ? "rtl" : "ltr";
}

const char *lang_english_name(const char *tag)
{
	const struct lang *l = lang_find(tag);
	return l ? l->english : NULL;
}

/* The length of tag's primary subtag (up to the first '-'). */
static size_t primary_len(const char *p, size_t n)
{
	const char *dash = memchr(p, '-', n);
	return dash ? (size_t)(dash - p) : n;
}

const char *lang_negotiate(const char *header)
{
	struct str rest = str_from(header), item, range;
	while (rest.p && rest.len) {
		rest = str_cut(rest, ',', &item);
		str_cut(str_trim(item), ';', &range);
		if (!range.p || range.len == 0)
			continue;
		size_t rn = primary_len(range.p, range.len);
		for (size_t i = 0; i < LANG_NPAGES; i++) {
			size_t ln = primary_len(langs[i].tag, strlen(langs[i].tag));
			if (rn == ln && strncasecmp(range.p, langs[i].tag, ln) == 0)
				return langs[i].tag;
		}
	}
	return NULL;
}

/* The canonical case of one subtag: the first lower, a 4-letter one after
 * it title case, a 2-letter one after it upper, the others lower. */
static void subtag_case(char *p, size_t len, size_t k)
{
	for (size_t i = 0; i < len; i++) {
		char c = p[i];
		bool up = k > 0 && ((len == 4 && i == 0) || len == 2);
		if (up && c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		else if (!up && c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		p[i] = c;
	}
}

/* Whether p (len bytes) is a tag in any case; canonical case when fix. */
static bool tag_shape(char *p, size_t len, bool fix)
{
	if (len == 0 || len >= LANG_TAG_MAX)
		return false;
	size_t k = 0, start = 0;
	for (size_t i = 0; i <= len; i++) {
		if (i < len && p[i] != '-') {
			char c = p[i];
			bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
			if (!letter && !(k > 0 && c >= '0' && c <= '9'))
				return false;
			continue;
		}
		size_t n = i - start;
		if (k == 0 ? n < 2 || n > 3 : n < 2 || n > 8)
			return false;
		if (fix)
			subtag_case(p + start, n, k);
		k++;
		start = i + 1;
	}
	return true;
}

bool lang_tag_ok(const char *tag)
{
	char t[LANG_TAG_MAX];
	size_t n = tag ? strlen(tag) : 0;
	if (n == 0 || n >= LANG_TAG_MAX)
		return false;
	memcpy(t, tag, n + 1);
	if (!tag_shape(t, n, true))
		return false;
	return strcmp(t, tag) == 0;
}

bool lang_list_next(const char **p, char *tag)
{
	const char *s = *p;
	if (!s || !*s)
		return false;
	const char *comma = strchr(s, ',');
	size_t n = comma ? (size_t)(comma - s) : strlen(s);
	if (n >= LANG_TAG_MAX)
		n = LANG_TAG_MAX - 1;
	memcpy(tag, s, n);
	tag[n] = '\0';
	*p = comma ? comma + 1 : s + strlen(s);
	return true;
}

bool lang_list_has(const char *list, const char *tag)
{
	char t[LANG_TAG_MAX];
	if (!tag || !*tag)
		return false;
	while (lang_list_next(&list, t))
		if (strcmp(t, tag) == 0)
			return true;
	return false;
}

int lang_list_normalise(const char *in, char *out, size_t n, size_t *bad)
{
	struct str rest = str_from(in ? in : ""), item;
	size_t len = 0, pos = 0;
	int count = 0;
	*bad = 0;
	if (n == 0)
		return -1;
	out[0] = '\0';
	while (rest.p && rest.len) {
		rest = str_cut(rest, ',', &item);
		item = str_trim(item);
		if (item.len == 0)
			continue;
		pos++;
		char t[LANG_TAG_MAX];
		if (item.len >= LANG_TAG_MAX) {
			*bad = pos;
			return -1;
		}
		memcpy(t, item.p, item.len);
		t[item.len] = '\0';
		if (!tag_shape(t, item.len, true)) {
			*bad = pos;
			return -1;
		}
		if (lang_list_has(out, t))
			continue;
		if (len + (len > 0) + item.len + 1 > n)
			return -1;
		if (len > 0)
			out[len++] = ',';
		memcpy(out + len, t, item.len + 1);
		len += item.len;
		count++;
	}
	return count;
}

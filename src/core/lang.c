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
	{"vi", "Vietnamese", "Tiếng Việt", LANG_LTR, 0, NULL},
	{"zh", "Chinese", "中文", LANG_LTR, 0, NULL},
	{"ar", "Arabic", "العربية", LANG_RTL, 0, NULL},
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

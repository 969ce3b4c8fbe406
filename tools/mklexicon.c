/* mklexicon: compiles the word lists redaction consults into one compact,
 * sorted table (build/gen/lexicon.bin), linked into the program.
 *
 *   mklexicon OUT [-f KIND FILE]...
 *
 * KIND says what the file lists: "dict-es" ordinary Spanish words,
 * "given", "family" or "place" names (the LEX_* bits of
 * src/domain/redact_lexicon.h), "dict-en" a dictionary whose lower-case
 * entries are ordinary English words and whose capitalised ones are proper
 * nouns, "hashed-es" Spanish forms kept as hashes (below).  Each line of
 * a file holds words parted by spaces; '#' starts a comment line.  Every
 * entry is cut into words at anything that is not a letter, mark or digit
 * (as redaction's tokenizer cuts a text) and folded as it folds a token:
 * case folding, compatibility forms, marks stripped.
 *
 * "hashed-es" lists ordinary Spanish words (every inflected form, hundreds
 * of thousands): those no other list has are kept as 32-bit FNV-1a hashes
 * of their folded form only, a quarter of the room (a false match is one
 * in several thousand words, and only makes a word "ordinary").
 *
 * Output: "CGLX", a little-endian u32 count n, n u32 offsets into the
 * entries, then the entries: folded word, NUL, one byte of flags, sorted
 * by bytes; then, at a multiple of 4, a u32 count m and m sorted u32
 * hashes.  Entries with an apostrophe ("don't", "Mateo's") are skipped. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#define LEX_EN 1
#define LEX_PROPER 32

struct ent {
	char *w;
	unsigned flags;
};

#define LEX_HASHED 0x100

static struct ent *ents;
static size_t nents, capents;

static uint32_t fnv1a(const char *s)
{
	uint32_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static int cmp32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

static void add(const char *w, size_t n, unsigned flags)
{
	utf8proc_uint8_t *dst = NULL;
	utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)w, (utf8proc_ssize_t)n, &dst,
	                                  UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
	                                      UTF8PROC_STRIPMARK | UTF8PROC_IGNORE);
	if (r <= 1) {
		free(dst);
		return;
	}
	if (nents == capents) {
		capents = capents ? capents * 2 : 4096;
		ents = realloc(ents, capents * sizeof(*ents));
		if (!ents)
			exit(1);
	}
	ents[nents++] = (struct ent){(char *)dst, flags};
}

static int is_word(utf8proc_int32_t c)
{
	utf8proc_category_t k = utf8proc_category(c);
	return (k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO) || k == UTF8PROC_CATEGORY_MN ||
	       k == UTF8PROC_CATEGORY_MC || k == UTF8PROC_CATEGORY_ME || k == UTF8PROC_CATEGORY_ND;
}

/* Adds the words of one entry. */
static void entry(const char *s, size_t n, unsigned flags, int dict_en)
{
	if (memchr(s, '\'', n) || (n >= 3 && memmem(s, n, "\xe2\x80\x99", 3)))
		return;
	if (dict_en) {
		utf8proc_int32_t c;
		utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &c);
		flags = utf8proc_category(c) == UTF8PROC_CATEGORY_LU ? LEX_PROPER : LEX_EN;
	}
	size_t i = 0, w0 = 0;
	while (i <= n) {
		utf8proc_int32_t c = -1;
		utf8proc_ssize_t k = 1;
		if (i < n) {
			k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &c);
			if (k <= 0)
				return;   /* not UTF-8: the whole entry is dropped */
		}
		if (i == n || !is_word(c)) {
			if (i > w0)
				add(s + w0, i - w0, flags);
			w0 = i + (size_t)k;
		}
		i += (size_t)k;
	}
}

static int read_list(const char *path, unsigned flags, int dict_en)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		perror(path);
		return -1;
	}
	char line[4096];
	while (fgets(line, sizeof(line), f)) {
		if (line[0] == '#')
			continue;
		char *p = line;
		while (*p) {
			while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
				p++;
			char *q = p;
			while (*q && *q != ' ' && *q != '\t' && *q != '\n' && *q != '\r')
				q++;
			if (q > p)
				entry(p, (size_t)(q - p), flags, dict_en);
			p = q;
		}
	}
	fclose(f);
	return 0;
}

static int cmp(const void *a, const void *b)
{
	return strcmp(((const struct ent *)a)->w, ((const struct ent *)b)->w);
}

static void put32(FILE *f, uint32_t v)
{
	unsigned char b[4] = {v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, v >> 24};
	fwrite(b, 1, 4, f);
}

/* The flags of a kind of list (the LEX_ bits of redact_lexicon.h). */
static int kind_flags(const char *kind, unsigned *flags)
{
	static const struct {
		const char *name;
		unsigned flags;
	} kinds[] = {
		{"dict-es", 2}, {"hashed-es", LEX_HASHED | 2}, {"given", 4}, {"family", 8}, {"place", 16},
	};
	for (size_t k = 0; k < sizeof(kinds) / sizeof(*kinds); k++)
		if (strcmp(kinds[k].name, kind) == 0) {
			*flags = kinds[k].flags;
			return 0;
		}
	return -1;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: mklexicon OUT [-f dict-en|dict-es|hashed-es|given|family|place FILE]...\n");
		return 2;
	}
	for (int i = 2; i + 2 < argc; i += 3) {
		if (strcmp(argv[i], "-f") != 0) {
			fprintf(stderr, "mklexicon: expected -f FLAG FILE\n");
			return 2;
		}
		int dict_en = strcmp(argv[i + 1], "dict-en") == 0;
		unsigned flags = 0;
		if (!dict_en && kind_flags(argv[i + 1], &flags) < 0) {
			fprintf(stderr, "mklexicon: unknown list kind '%s'\n", argv[i + 1]);
			return 2;
		}
		if (read_list(argv[i + 2], flags, dict_en) < 0)
			return 1;
	}
	qsort(ents, nents, sizeof(*ents), cmp);
	size_t n = 0;
	for (size_t i = 0; i < nents; i++) {
		if (n > 0 && strcmp(ents[n - 1].w, ents[i].w) == 0) {
			/* In a list of its own: a whole entry, not a hash. */
			unsigned both = ents[n - 1].flags | ents[i].flags;
			if (!(ents[n - 1].flags & LEX_HASHED) || !(ents[i].flags & LEX_HASHED))
				both &= ~(unsigned)LEX_HASHED;
			ents[n - 1].flags = both;
			free(ents[i].w);
		} else {
			ents[n++] = ents[i];
		}
	}
	/* Words only the hashed list has go to the hashes. */
	uint32_t *hs = malloc((n + 1) * sizeof(*hs));
	size_t m = 0, kept = 0;
	for (size_t i = 0; i < n; i++) {
		if (ents[i].flags & LEX_HASHED) {
			hs[m++] = fnv1a(ents[i].w);
			free(ents[i].w);
		} else {
			ents[kept++] = ents[i];
		}
	}
	n = kept;
	qsort(hs, m, sizeof(*hs), cmp32);
	FILE *f = fopen(argv[1], "wb");
	if (!f) {
		perror(argv[1]);
		return 1;
	}
	fwrite("CGLX", 1, 4, f);
	put32(f, (uint32_t)n);
	uint32_t off = 0;
	for (size_t i = 0; i < n; i++) {
		put32(f, off);
		off += (uint32_t)strlen(ents[i].w) + 2;
	}
	for (size_t i = 0; i < n; i++) {
		fwrite(ents[i].w, 1, strlen(ents[i].w) + 1, f);
		fputc((int)ents[i].flags, f);
	}
	for (; off % 4; off++)
		fputc(0, f);
	put32(f, (uint32_t)m);
	for (size_t i = 0; i < m; i++)
		put32(f, hs[i]);
	if (fclose(f) != 0) {
		perror(argv[1]);
		return 1;
	}
	fprintf(stderr, "mklexicon: %zu words, %zu hashed\n", n, m);
	return 0;
}

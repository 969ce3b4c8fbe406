/* redact_lexicon: the table build/gen/lexicon.bin, made by tools/mklexicon.c
 * and linked in here, searched by halving (tokens are looked up one by one,
 * so the cost of a text stays linear in its length). */
#include "domain/redact_lexicon.h"

#include <stdint.h>
#include <string.h>

__asm__(".section .rodata\n"
        ".balign 4\n"
        ".globl cg_lexicon\n"
        "cg_lexicon:\n"
        ".incbin \"build/gen/lexicon.bin\"\n"
        ".globl cg_lexicon_end\n"
        "cg_lexicon_end:\n"
        ".previous\n");

extern const unsigned char cg_lexicon[];
extern const unsigned char cg_lexicon_end[];

static uint32_t u32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* FNV-1a, as tools/mklexicon.c hashes the words it keeps as hashes. */
static uint32_t fnv1a(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

/* LEX_ES when the hashes after the entries (at byte end) hold the word. */
static unsigned hashed(const unsigned char *t, size_t size, size_t end, const char *fold, size_t n)
{
	end = (end + 3) & ~(size_t)3;
	if (end + 4 > size)
		return 0;
	uint32_t m = u32(t + end), h = fnv1a(fold, n);
	const unsigned char *v = t + end + 4;
	if (end + 4 + 4 * (size_t)m > size)
		return 0;
	size_t lo = 0, hi = m;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		uint32_t x = u32(v + 4 * mid);
		if (x == h)
			return LEX_ES;
		if (x < h)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

unsigned rx_lex(const char *fold, size_t n)
{
	const unsigned char *t = cg_lexicon;
	/* Two symbols of one section, compared as addresses. */
	size_t size = (size_t)((uintptr_t)cg_lexicon_end - (uintptr_t)cg_lexicon);

	if (size < 8 || memcmp(t, "CGLX", 4) != 0 || n == 0)
		return 0;
	uint32_t count = u32(t + 4);
	const unsigned char *offs = t + 8, *words = offs + 4 * (size_t)count;
	size_t lo = 0, hi = count;
	if (count == 0)
		return 0;
	/* The entries end after the last one's NUL and flags byte. */
	const char *lastw = (const char *)words + u32(offs + 4 * ((size_t)count - 1));
	size_t end = (size_t)((const unsigned char *)lastw - t) + strlen(lastw) + 2;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *w = (const char *)words + u32(offs + 4 * mid);
		size_t wl = strlen(w);
		int c = memcmp(w, fold, wl < n ? wl : n);
		if (c == 0)
			c = wl < n ? -1 : wl > n;
		if (c == 0)
			return (unsigned char)w[wl + 1];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return hashed(t, size, end, fold, n);
}

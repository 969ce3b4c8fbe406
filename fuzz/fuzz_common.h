/* fuzz_common: what the fuzz targets share. */
#ifndef CG_FUZZ_COMMON_H
#define CG_FUZZ_COMMON_H
#include <stddef.h>
#include <stdlib.h>

/* An invariant broken: abort so that libFuzzer keeps the input. */
#define CHECK(c) do { if (!(c)) abort(); } while (0)

/* Physical lines of the input: one more than its LFs. */
static inline size_t count_lines(const char *s, size_t n)
{
	size_t lines = 1;

	for (size_t i = 0; i < n; i++)
		lines += s[i] == '\n';
	return lines;
}

#endif

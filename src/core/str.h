/* str: read-only slices for parsing, and range-checked number parsing. */
#ifndef CG_STR_H
#define CG_STR_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct str {
	const char *p;
	size_t len;
};

#define STR_LIT(s) ((struct str){(s), sizeof(s) - 1})

struct str str_from(const char *s);
bool str_eq(struct str a, struct str b);
bool str_eqs(struct str a, const char *s);
bool str_eq_nocase(struct str a, const char *s);
bool str_starts(struct str a, const char *prefix);
struct str str_trim(struct str s);
/* Splits s at the first c: *head gets what precedes it, returns what follows.
 * When c is absent *head is s and the result is empty with p == NULL. */
struct str str_cut(struct str s, char c, struct str *head);

/* Parses all of s (no sign unless min < 0, no spaces, no trailing bytes) as a
 * decimal integer in [min, max].  Returns 0, or -1 leaving *out untouched. */
int str_to_i64(struct str s, int64_t min, int64_t max, int64_t *out);
int parse_i64(const char *s, int64_t min, int64_t max, int64_t *out);

/* Bounded copy: always NUL-terminates dst (when n > 0); returns -1 when src
 * did not fit. */
int str_copy(char *dst, size_t n, const char *src);

/* RFC 7230 token characters (header parameter names, cookie names). */
bool str_is_tchar(unsigned char c);
/* A non-empty run of token characters. */
bool str_is_token(struct str s);

/* True when s is valid UTF-8 without NUL bytes or overlong forms. */
/* The non-blank lines of text, trimmed, as strings in a (questions of a
 * protocol, one per line).  Returns how many; *out is NULL when none. */
struct arena;
size_t str_lines(struct arena *a, const char *text, const char ***out);

bool utf8_valid(const char *s, size_t n);
/* Characters in n bytes of UTF-8: the bytes that do not continue a sequence. */
size_t utf8_chars(const char *s, size_t n);
/* Whether code point c is a letter: Unicode's categories Lu, Ll, Lt, Lm and
 * Lo (utf8proc). */
bool utf8_is_letter(int32_t c);
/* The byte offset in n bytes of UTF-8 where character number chars (from 0)
 * starts; n when there are fewer characters. */
size_t utf8_offset(const char *s, size_t n, size_t chars);

#endif

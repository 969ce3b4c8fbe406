#include "core/str.h"

#include "core/arena.h"

#include <string.h>
#include <strings.h>
#include <utf8proc.h>

struct str str_from(const char *s)
{
	return (struct str){s, s ? strlen(s) : 0};
}

bool str_eq(struct str a, struct str b)
{
	return a.len == b.len && (a.len == 0 || memcmp(a.p, b.p, a.len) == 0);
}

bool str_eqs(struct str a, const char *s)
{
	return str_eq(a, str_from(s));
}

bool str_eq_nocase(struct str a, const char *s)
{
	size_t n = strlen(s);
	return a.len == n && (n == 0 || strncasecmp(a.p, s, n) == 0);
}

bool str_starts(struct str a, const char *prefix)
{
	size_t n = strlen(prefix);
	return a.len >= n && memcmp(a.p, prefix, n) == 0;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

struct str str_trim(struct str s)
{
	while (s.len && is_space(s.p[0])) {
		s.p++;
		s.len--;
	}
	while (s.len && is_space(s.p[s.len - 1]))
		s.len--;
	return s;
}

struct str str_cut(struct str s, char c, struct str *head)
{
	const char *at = s.len ? memchr(s.p, c, s.len) : NULL;
	if (!at) {
		*head = s;
		return (struct str){NULL, 0};
	}
	head->p = s.p;
	head->len = (size_t)(at - s.p);
	return (struct str){at + 1, s.len - head->len - 1};
}

int str_to_i64(struct str s, int64_t min, int64_t max, int64_t *out)
{
	size_t i = 0;
	bool neg = false;
	if (s.len == 0)
		return -1;
	if (s.p[0] == '-') {
		if (min >= 0)
			return -1;
		neg = true;
		i = 1;
	}
	if (i == s.len || s.len - i > 19)
		return -1;
	uint64_t v = 0;
	for (; i < s.len; i++) {
		char c = s.p[i];
		if (c < '0' || c > '9')
			return -1;
		uint64_t d = (uint64_t)(c - '0');
		if (v > (UINT64_MAX - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	int64_t r;
	if (neg) {
		if (v > (uint64_t)INT64_MAX + 1)
			return -1;
		r = v == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)v;
	} else {
		if (v > (uint64_t)INT64_MAX)
			return -1;
		r = (int64_t)v;
	}
	if (r < min || r > max)
		return -1;
	*out = r;
	return 0;
}

int parse_i64(const char *s, int64_t min, int64_t max, int64_t *out)
{
	return str_to_i64(str_from(s), min, max, out);
}

int str_copy(char *dst, size_t n, const char *src)
{
	if (n == 0)
		return -1;
	size_t len = strlen(src);
	if (len >= n) {
		memcpy(dst, src, n - 1);
		dst[n - 1] = '\0';
		return -1;
	}
	memcpy(dst, src, len + 1);
	return 0;
}

bool utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < n) {
		unsigned c = p[i];
		size_t k;
		unsigned min;
		if (c == 0)
			return false;
		if (c < 0x80) {
			i++;
			continue;
		} else if ((c & 0xe0) == 0xc0) {
			k = 1, min = 0x80, c &= 0x1f;
		} else if ((c & 0xf0) == 0xe0) {
			k = 2, min = 0x800, c &= 0x0f;
		} else if ((c & 0xf8) == 0xf0) {
			k = 3, min = 0x10000, c &= 0x07;
		} else {
			return false;
		}
		if (n - i <= k)
			return false;
		for (size_t j = 1; j <= k; j++) {
			if ((p[i + j] & 0xc0) != 0x80)
				return false;
			c = (c << 6) | (p[i + j] & 0x3f);
		}
		if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
			return false;
		i += k + 1;
	}
	return true;
}

bool str_is_tchar(unsigned char c)
{
	if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
		return true;
	return c != '\0' && strchr("!#$%&'*+-.^_`|~", c) != NULL;
}

bool str_is_token(struct str s)
{
	if (!s.len)
		return false;
	for (size_t i = 0; i < s.len; i++)
		if (!str_is_tchar((unsigned char)s.p[i]))
			return false;
	return true;
}

size_t str_lines(struct arena *a, const char *text, const char ***out)
{
	size_t n = 0, cap = 0;
	const char **qs = NULL;
	struct str rest = str_from(text ? text : ""), line;
	while (rest.p) {
		rest = str_cut(rest, '\n', &line);
		line = str_trim(line);
		if (!line.len)
			continue;
		qs = arena_grow(a, qs, n, &cap, sizeof(*qs));
		qs[n++] = arena_strndup(a, line.p, line.len);
	}
	*out = qs;
	return n;
}

size_t utf8_chars(const char *s, size_t n)
{
	size_t c = 0;
	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xc0) != 0x80;
	return c;
}

size_t utf8_offset(const char *s, size_t n, size_t chars)
{
	size_t c = 0;
	for (size_t b = 0; b < n; b++) {
		if (((unsigned char)s[b] & 0xc0) == 0x80)
			continue;
		if (c++ == chars)
			return b;
	}
	return n;
}

bool utf8_is_letter(int32_t c)
{
	switch (utf8proc_category(c)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
		return true;
	default:
		return false;
	}
}

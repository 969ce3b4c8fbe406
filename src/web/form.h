/* form: HTML form bodies and URL query strings.
 *
 * Parses application/x-www-form-urlencoded text (bodies and query strings)
 * and multipart/form-data bodies (RFC 7578) into a flat list of fields.
 * Everything a parse returns lives in the caller's arena and dies with it;
 * nothing is allocated on the heap.  On any error the parse fills *e (with the
 * field name in e->field when one is known), leaves *out empty (n == 0,
 * fields == NULL) and returns ERR_INVALID or ERR_LIMIT.
 *
 * Text is always valid UTF-8 without NUL bytes: names, text values, file
 * names and part content types.  Only the bytes of an uploaded file are
 * binary.  See docs/internals/forms.md for the limits and edge cases.
 */
#ifndef CG_WEB_FORM_H
#define CG_WEB_FORM_H
#include <stddef.h>

#include "core/arena.h"
#include "core/err.h"
#include "domain/field.h"

struct form_limits {
	size_t max_fields;      /* fields (or parts) in one form */
	size_t max_name;        /* bytes of a decoded field name */
	size_t max_value;       /* bytes of one decoded text value */
	size_t max_file;        /* bytes of one uploaded file */
};

/* 256 fields, 256-byte names, 64 KiB values, 10 MiB files. */
extern const struct form_limits form_default_limits;

struct form_field {
	const char *name;          /* NUL-terminated, decoded, never empty */
	const char *value;         /* NUL-terminated; a file's bytes may hold NUL: use len */
	size_t len;                /* bytes of value, not counting the final NUL */
	const char *filename;      /* NULL unless a file part; "" when none was chosen */
	const char *content_type;  /* NULL unless the part gave one */
};

struct form {
	struct form_field *fields; /* in the order sent; duplicates are kept */
	size_t n;
};

/* Parses len bytes of s (need not be NUL-terminated; s may be NULL when len
 * is 0): '&'-separated name=value pairs, '+' is a space, %XX is decoded.
 * Empty pairs ("a=1&&b=2") and pairs with an empty name ("=x") are skipped;
 * "a" alone is field a with an empty value.  A bad %-escape or text that is
 * not UTF-8 (or holds NUL) gives ERR_INVALID; passing a limit gives
 * ERR_LIMIT.  lim may be NULL for form_default_limits. */
int form_parse_urlencoded(struct arena *a, const char *s, size_t len,
			  const struct form_limits *lim, struct form *out,
			  struct err *e);

/* Parses a multipart/form-data body.  content_type is the whole Content-Type
 * header value (NUL-terminated), e.g. `multipart/form-data; boundary="x y"`;
 * a missing or invalid boundary (1-70 characters of RFC 2046) gives
 * ERR_INVALID.  Each part needs `Content-Disposition: form-data; name="..."`
 * and may give a filename and a Content-Type.  Lines may end in CRLF or a
 * bare LF.  Preamble and epilogue are ignored; a body without its close
 * delimiter gives ERR_INVALID.  Part headers over 8 KiB, too many parts, or
 * a value or file over its limit give ERR_LIMIT.  lim may be NULL. */
int form_parse_multipart(struct arena *a, const char *content_type,
			 const char *body, size_t len,
			 const struct form_limits *lim, struct form *out,
			 struct err *e);

/* The value of the first field called name, or NULL.  f may be NULL. */
const char *form_get(const struct form *f, const char *name);
/* The first field called name, or NULL.  f may be NULL. */
const struct form_field *form_field(const struct form *f, const char *name);

/* The form as a source of declared fields (domain/field.h): every value a
 * string, the first of a repeated name.  f is borrowed and must outlive
 * the read. */
struct field_source form_source(const struct form *f);

/* Percent-decodes len bytes of s into a NUL-terminated string in the arena
 * (plus_is_space: '+' becomes ' ', as in form encoding).  Returns 0, or -1
 * on a '%' not followed by two hex digits, leaving *out and *outlen alone.
 * The result may hold any byte, NUL included: check it before use.  outlen
 * may be NULL. */
int form_decode(struct arena *a, const char *s, size_t len, int plus_is_space,
		char **out, size_t *outlen);

#endif

/* cookie: the Cookie request header and Set-Cookie response values.
 *
 * Parsing is lenient like a browser (RFC 6265 §5.4, §4.2.1): a header that
 * is odd in places still yields the pairs that make sense.  Building is
 * strict (RFC 6265 §4.1.1): a name, value or attribute the grammar does not
 * allow is refused rather than escaped, because a silently changed cookie is
 * a bug that is hard to find.
 */
#ifndef CG_WEB_COOKIE_H
#define CG_WEB_COOKIE_H
#include <stddef.h>

#include "core/arena.h"
#include "core/buf.h"

/* cookie_parse never keeps more than this many cookies. */
#define COOKIE_MAX 64

struct cookie {
	const char *name;   /* NUL-terminated, an RFC 7230 token */
	const char *value;  /* NUL-terminated UTF-8, surrounding quotes removed */
};

/* Parses a Cookie header value into out[] (at most max, and at most
 * COOKIE_MAX), copying names and values into the arena; returns how many
 * were kept, in header order, duplicates included.  Never fails: pairs
 * without '=', with an empty or non-token name, or with a control byte or
 * invalid UTF-8 in the value are skipped.  header may be NULL. */
size_t cookie_parse(struct arena *a, const char *header, struct cookie *out,
		    size_t max);

/* The value of the first cookie called name, or NULL. */
const char *cookie_get(const struct cookie *c, size_t n, const char *name);

struct cookie_attrs {
	const char *path;       /* NULL: no Path; else must start with '/' */
	long max_age;           /* <0: session cookie; 0: delete; >0: seconds */
	int http_only;
	int secure;
	const char *same_site;  /* "Lax", "Strict" or NULL */
};

/* Appends a Set-Cookie header value (without "Set-Cookie: ") to out, e.g.
 * `sid=abc; Path=/; Max-Age=3600; Secure; HttpOnly; SameSite=Lax`.
 * max_age 0 also writes an Expires in 1970 for old clients.  at may be NULL.
 * Returns 0, or -1 leaving out unchanged when the name is not a token, the
 * value is not RFC 6265 cookie-octets (optionally in double quotes), the
 * path holds a control byte, ';' or non-ASCII byte, same_site is anything
 * else than "Lax" or "Strict", or out would pass its maximum size. */
int cookie_format(struct buf *out, const char *name, const char *value,
		  const struct cookie_attrs *at);

#endif

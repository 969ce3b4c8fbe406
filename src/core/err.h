/* err: what went wrong, in words a person can act on.
 *
 * Functions below cmd/ and web/ never print: they return a negative code and
 * fill the caller's struct err.  `field` names the input field at fault, when
 * there is one, so that pages and the JSON API can point at it.
 */
#ifndef CG_ERR_H
#define CG_ERR_H
#include <stddef.h>

enum {
	ERR_OK = 0,
	ERR_FAIL = -1,      /* internal failure: database, I/O */
	ERR_INVALID = -2,   /* the input is wrong; msg says how */
	ERR_NOTFOUND = -3,
	ERR_CONFLICT = -4,  /* already exists, or changed meanwhile */
	ERR_DENIED = -5,
	ERR_LIMIT = -6,     /* too large, too many */
};

struct err {
	int code;
	char field[64];
	char msg[256];
};

/* Always returns code, so that `return err_set(e, ...)` reads naturally.
 * e may be NULL. */
int err_set(struct err *e, int code, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void err_clear(struct err *e);

/* The usual check of a text field: v (NULL as "") holds at least min
 * bytes once trimmed, at most max characters, and valid UTF-8.  Messages
 * start with label ("Your name is required."). */
int err_check_text(const char *v, size_t min, size_t max, const char *field, const char *label, struct err *e);

#endif

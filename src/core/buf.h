/* buf: the one growable byte buffer.
 *
 * Invariants: b->p is never NULL and always NUL-terminated; b->len counts the
 * bytes before the NUL.  Every buffer has a maximum size given at init; an
 * append that would pass it leaves the buffer as it was, sets b->overflow and
 * returns -1, so outside input can never make a buffer grow without bound.
 */
#ifndef CG_BUF_H
#define CG_BUF_H
#include <stdarg.h>
#include <stddef.h>

#include "core/err.h"

struct buf {
	char *p;
	size_t len;
	size_t cap;
	size_t max;
	int overflow;
};

#define BUF_MAX_DEFAULT ((size_t)64 << 20)

void buf_init(struct buf *b, size_t max);
void buf_release(struct buf *b);   /* frees and re-inits with the same max */
void buf_reset(struct buf *b);     /* len = 0, keeps the allocation */
int buf_add(struct buf *b, const void *data, size_t n);
int buf_adds(struct buf *b, const char *s);
int buf_addc(struct buf *b, char c);
int buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int buf_vprintf(struct buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* Appends the whole file at path.  ERR_FAIL (with the reason) when it
 * cannot be opened or read, ERR_LIMIT when it passes b's maximum; on error
 * b may hold part of the file. */
int buf_add_file(struct buf *b, const char *path, struct err *e);
/* Takes ownership of the bytes (free with mem_free); b is re-initialised. */
char *buf_detach(struct buf *b, size_t *len);

#endif

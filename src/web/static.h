/* static: the files under static/, read into memory once at start and
 * served with an ETag and cache headers. */
#ifndef CG_STATIC_H
#define CG_STATIC_H
#include <stddef.h>

#include "core/err.h"

struct static_file {
	const char *name;        /* "style.css" */
	const char *data;
	size_t len;
	const char *etag;        /* "\"…\"" */
	const char *content_type;
};

struct static_files;

int static_load(const char *dir, struct static_files **out, struct err *e);
void static_free(struct static_files *s);
/* NULL when there is no such file. */
const struct static_file *static_find(const struct static_files *s, const char *name);
/* A short fingerprint of all files, for cache-busting URLs. */
const char *static_version(const struct static_files *s);

#endif

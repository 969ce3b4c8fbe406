#include "web/static.h"

#include <dirent.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/mem.h"

#define MAX_FILES 64

struct static_files {
	struct static_file files[MAX_FILES];
	int n;
	char version[17];
};

static const struct {
	const char *ext, *type;
} types[] = {
	{".css", "text/css; charset=utf-8"},
	{".js", "text/javascript; charset=utf-8"},
	{".svg", "image/svg+xml"},
	{".png", "image/png"},
	{".ico", "image/x-icon"},
	{".txt", "text/plain; charset=utf-8"},
	{".woff2", "font/woff2"},
};

static const char *type_for(const char *name)
{
	const char *dot = strrchr(name, '.');
	for (size_t i = 0; dot && i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(dot, types[i].ext) == 0)
			return types[i].type;
	return NULL;
}

int static_load(const char *dir, struct static_files **out, struct err *e)
{
	struct static_files *s = mem_alloc(sizeof(*s));
	crypto_generichash_state all;
	crypto_generichash_init(&all, NULL, 0, 8);
	DIR *d = opendir(dir);
	int rc = 0;
	if (!d) {
		rc = err_set(e, ERR_FAIL, NULL, "cannot open %s", dir);
		goto out;
	}
	struct dirent *de;
	while ((de = readdir(d))) {
		const char *type = de->d_name[0] == '.' ? NULL : type_for(de->d_name);
		if (!type)
			continue;
		if (s->n == MAX_FILES) {
			rc = err_set(e, ERR_LIMIT, NULL, "more than %d static files", MAX_FILES);
			break;
		}
		struct buf path, data;
		buf_init(&path, 4096);
		buf_init(&data, 8 << 20);
		buf_printf(&path, "%s/%s", dir, de->d_name);
		rc = buf_add_file(&data, path.p, e);
		buf_release(&path);
		if (rc < 0) {
			buf_release(&data);
			break;
		}
		struct static_file *f = &s->files[s->n++];
		unsigned char h[8];
		char hex[17];
		crypto_generichash(h, sizeof(h), (const unsigned char *)data.p, data.len, NULL, 0);
		crypto_generichash_update(&all, h, sizeof(h));
		sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
		struct buf etag;
		buf_init(&etag, 64);
		buf_printf(&etag, "\"%s\"", hex);
		f->etag = buf_detach(&etag, NULL);
		f->name = mem_strdup(de->d_name);
		f->content_type = type;
		f->data = buf_detach(&data, &f->len);
	}
	closedir(d);
	unsigned char v[8];
	crypto_generichash_final(&all, v, sizeof(v));
	sodium_bin2hex(s->version, sizeof(s->version), v, sizeof(v));
out:
	if (rc < 0) {
		static_free(s);
		s = NULL;
	}
	*out = s;
	return rc;
}

void static_free(struct static_files *s)
{
	if (!s)
		return;
	for (int i = 0; i < s->n; i++) {
		mem_free((void *)s->files[i].name);
		mem_free((void *)s->files[i].data);
		mem_free((void *)s->files[i].etag);
	}
	mem_free(s);
}

const struct static_file *static_find(const struct static_files *s, const char *name)
{
	for (int i = 0; s && i < s->n; i++)
		if (strcmp(s->files[i].name, name) == 0)
			return &s->files[i];
	return NULL;
}

const char *static_version(const struct static_files *s)
{
	return s->version;
}

/* server: the HTTP server on libmicrohttpd and its one dispatcher.
 *
 * The dispatcher is the single place where sign-in, role, district and CSRF
 * are checked, for every route, before any handler runs. */
#ifndef CG_SERVER_H
#define CG_SERVER_H
#include "core/err.h"

struct server_config {
	const char *listen;    /* "127.0.0.1:8080", "[::1]:8080" */
	const char *db_url;
	const char *base_url;  /* NULL: http://LISTEN */
	const char *root;      /* templates/, static/, po/ */
	int threads;           /* 0: one per core */
	int quiet;             /* no request log */
	int no_page_cache;     /* render every public page (measurements) */
};

/* Serves until SIGTERM or SIGINT, then lets requests under way finish and
 * returns 0.  Fails before serving when the database, templates or the
 * address cannot be had. */
int server_run(const struct server_config *cfg, struct err *e);

#endif

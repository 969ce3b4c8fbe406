/* app: what every request shares — configuration, connections, templates,
 * catalogs and static files.  Built by server_run, read-only afterwards. */
#ifndef CG_APP_H
#define CG_APP_H
#include <stdbool.h>

#include "core/i18n.h"
#include "service/outbox.h"
#include "store/db.h"
#include "tmpl/tmpl.h"
#include "web/http.h"
#include "web/static.h"

struct app {
	const char *root;        /* where templates/, static/ and po/ live */
	const char *base_url;    /* e.g. https://engage.example.org */
	bool secure_cookies;     /* base_url is https */
	const char *smtp_url;    /* COMMONGROUND_SMTP_URL, or NULL: messages wait */
	const char *mail_from;   /* COMMONGROUND_MAIL_FROM */
	bool page_cache;         /* keep public hub pages for a second (web/pagecache.h) */
	struct db_pool *pool;
	struct tmpl_set *tmpl;
	struct i18n *i18n;
	struct static_files *statics;
};

enum route_flags {
	R_PUBLIC = 0,
	R_LOGIN = 1 << 0,   /* a signed-in person (implied by a role) */
	R_CSRF = 1 << 1,    /* the form must carry the CSRF token */
	R_API = 1 << 2,     /* bearer token, JSON in and out */
	R_UPLOAD = 1 << 3,  /* bodies up to 16 MiB instead of 1 MiB */
};

typedef void (*handler_fn)(struct req *r, struct resp *w);

struct route {
	const char *method;
	const char *pattern;   /* "/admin/users/{id}": {x} matches one segment */
	handler_fn fn;
	unsigned flags;
	enum role role;        /* least role needed; ROLE_NONE: anyone (or any signed-in with R_LOGIN) */
};

extern const struct route routes[];
extern const int nroutes;

/* Finds the route for method and path.  NULL when none: *allow then lists
 * the methods the path accepts ("" for an unknown path).  Fills the route's
 * parameters into r (decoded in r->a); a parameter that does not decode to
 * UTF-8 text makes the path unknown. */
const struct route *route_match(struct req *r, const char *method, const char *path, char *allow,
                                size_t allow_len);

/* Makes sure an anonymous visitor has a CSRF token (a cookie) before a form
 * is shown; signed-in people use their session's token. */
void req_ensure_csrf(struct req *r, struct resp *w);
/* Starts a web session for u: sets the cookie, records it hashed. */
int req_start_session(struct req *r, struct resp *w, const struct user *u, struct err *e);
void req_end_session(struct req *r, struct resp *w);
/* The outbox as this request sees it: its connection, arena, the app's
 * catalogs and addresses, the time now. */
struct outbox_ctx req_outbox(struct req *r);

#endif

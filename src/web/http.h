/* http: a request and its response as handlers see them.
 *
 * Handlers are thin: they read validated values from struct req, call
 * domain/ and store/, and fill struct resp through the helpers below.
 * Everything they allocate comes from req->a, which dies with the request.
 */
#ifndef CG_HTTP_H
#define CG_HTTP_H
#include <jansson.h>
#include <stdbool.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "domain/account.h"
#include "domain/district.h"
#include "domain/field.h"
#include "store/db.h"
#include "web/cookie.h"
#include "web/form.h"

struct app;

#define REQ_MAX_PARAMS 4
#define REQ_MAX_HEADERS 16
#define REQ_MAX_COOKIES 32

struct req {
	struct arena *a;
	struct app *app;
	struct db *db;          /* this request's connection, from the pool */
	const char *method;
	const char *path;       /* as sent, without the query */
	const char *ip;
	const char *lang;       /* a pages language (core/lang.h), from cookie or Accept-Language */
	struct form query;
	struct form form;       /* POST body fields (urlencoded or multipart) */
	const char *body;       /* raw body, for JSON */
	size_t body_len;
	const char *content_type;
	struct cookie cookies[REQ_MAX_COOKIES];
	size_t ncookies;
	const char *param_names[REQ_MAX_PARAMS];
	const char *params[REQ_MAX_PARAMS];   /* decoded {placeholders} of the route */
	int nparams;
	bool api;               /* under /api/: JSON errors, bearer tokens */
	/* Who is signed in (user.id == 0: nobody), and the district they act in. */
	struct user user;
	struct district district;
	const char *csrf;       /* the token forms must send back */
	const char *session_hash;
	void *conn;             /* the server's connection; handlers don't touch it */
};

struct resp {
	int status;
	const char *content_type;
	struct buf body;
	const void *shared;     /* instead of body: bytes that outlive the request */
	size_t shared_len;
	int nheaders;
	const char *hnames[REQ_MAX_HEADERS];
	const char *hvalues[REQ_MAX_HEADERS];
};

/* Route parameter by name ("id"), or NULL. */
const char *req_param(const struct req *r, const char *name);
/* Route parameter as a positive id; -1 when absent or not a number. */
int64_t req_param_id(const struct req *r, const char *name);
const char *req_header(const struct req *r, const char *name);
const char *req_cookie(const struct req *r, const char *name);
/* A form field, or "" when absent. */
const char *req_form(const struct req *r, const char *name);
/* A checkbox of the form: "1", "on" or "yes". */
bool req_checked(const struct req *r, const char *name);

/* Fills obj from the form's fields by table t (domain/field.h): the
 * strings point into the request, messages are in the visitor's language,
 * times are read in the district's zone.  Every field is read, so that a
 * refused form can be shown again as sent; the first refusal is in e
 * (ERR_INVALID, or ERR_DENIED for a field above the person's role) and is
 * returned.  req_fields reads the body's form, req_fields_from another (the
 * query). */
int req_fields(struct req *r, const struct field *t, void *obj, struct err *e);
int req_fields_from(struct req *r, const struct form *f, const struct field *t, void *obj, struct err *e);
/* What field_read needs of the request: catalogs, language, role, zone, arena. */
struct field_ctx req_field_ctx(const struct req *r);

/* Whether s is a path of this site that is safe to redirect to: it starts
 * with one '/', not "//" nor "/\\", and holds no control characters or
 * backslashes (browsers drop tabs and newlines, so "/\t/evil.example" would
 * leave the site). */
bool http_local_path(const char *s);

void resp_header(struct resp *w, struct req *r, const char *name, const char *value);
void resp_text(struct resp *w, int status, const char *text);
/* 303 See Other to a local path; anything else redirects to "/". */
void resp_redirect(struct resp *w, struct req *r, const char *location);
/* Dumps j (borrowed) as the body. */
void resp_json(struct resp *w, int status, json_t *j);
/* Renders a page template inside the layout (admin or public by name
 * prefix), with data (stolen: decref'd with the request; NULL — a failed
 * json_pack — answers 500).  Common values —
 * user, district, csrf, lang, nav — are added to data here. */
void resp_page(struct resp *w, struct req *r, int status, const char *tmpl, json_t *data);
/* An error answer in the request's kind: a page with the message, or
 * {"error": {"code", "message", "field"}} under /api/. */
void resp_error(struct resp *w, struct req *r, int status, const char *field, const char *msg);
/* Maps e->code to a status (ERR_INVALID 422 for pages — the form shown
 * again — and 400 for the API, ERR_NOTFOUND 404, ERR_CONFLICT 409,
 * ERR_DENIED 403, ERR_LIMIT 413, else 500) and answers with e->msg; 500s
 * log the message and show a generic one. */
void resp_err(struct resp *w, struct req *r, const struct err *e);
/* A Set-Cookie header with the app's Secure setting. */
/* A page whose address is a key (a private link's token): kept out of
 * caches and out of other sites' logs (no Referer). */
void resp_keyed(struct resp *w, struct req *r);
void resp_cookie(struct resp *w, struct req *r, const char *name, const char *value, long max_age);

/* Ties a jansson value to the request: decref'd when the request ends. */
json_t *req_json(struct req *r, json_t *j);
/* Public forms take at most per_hour posts of one kind ("question") from
 * one address.  req_over_limit: true when this post would pass the limit —
 * Retry-After is then set and e says msg (ERR_LIMIT), for the form's 429
 * page.  req_count_post records a post that was kept. */
bool req_over_limit(struct req *r, struct resp *w, const char *kind, int per_hour, const char *msg,
                    struct err *e);
void req_count_post(struct req *r, const char *kind);
/* Writes an audit entry for the signed-in user; failures are logged only. */
void req_audit(struct req *r, const char *action, const char *detail);

#endif

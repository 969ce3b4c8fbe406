#include "web/server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdlib.h>
#include <sodium.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/lang.h"
#include "core/log.h"
#include "core/mail.h"
#include "core/mem.h"
#include "core/str.h"
#include "service/outbox.h"
#include "store/api_token_store.h"
#include "store/district_store.h"
#include "store/migrate.h"
#include "store/signin_failure_store.h"
#include "store/web_session_store.h"
#include "tmpl/escape.h"
#include "web/app.h"
#include "web/pagecache.h"

#define FORM_BODY_MAX ((size_t)1 << 20)
#define UPLOAD_BODY_MAX ((size_t)16 << 20)
/* A body over the limit but under this is read and thrown away before the
 * 413 goes out, so that a client still sending sees the answer instead of a
 * reset connection; past it the connection is closed at once. */
#define DISCARD_MAX ((int64_t)64 << 20)
#define URI_MAX 4096
#define SESSION_COOKIE "cg_session"
#define CSRF_COOKIE "cg_csrf"
#define SESSION_SECONDS (12 * 3600)

static const char *const csp =
	"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
	"object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/* One per request, from the URI callback until completion. */
struct ctx {
	struct arena a;
	struct timespec start;
	char *uri;
	struct buf body;
	const struct route *route;
	char allow[64];
	bool started;
	bool too_large;
	int64_t seen;        /* body bytes received, kept or not */
	struct req req;
};

static struct app app;
static int quiet;

static double ms_since(const struct timespec *t0)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t0->tv_sec) * 1e3 + (double)(now.tv_nsec - t0->tv_nsec) / 1e6;
}

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
	struct ctx *x = mem_alloc(sizeof(*x));
	arena_init(&x->a);
	clock_gettime(CLOCK_MONOTONIC, &x->start);
	size_t n = strnlen(uri, URI_MAX + 1);
	x->uri = arena_strndup(&x->a, uri, n);
	buf_init(&x->body, FORM_BODY_MAX);
	return x;
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
	struct ctx *x = *con_cls;
	if (!x)
		return;
	buf_release(&x->body);
	arena_free(&x->a);
	mem_free(x);
	*con_cls = NULL;
}

/* Paths are matched as sent: nothing is decoded before routing. */
static size_t no_unescape(void *cls, struct MHD_Connection *c, char *s)
{
	return strlen(s);
}

static const char *client_ip(struct MHD_Connection *c, struct arena *a)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	char tmp[INET6_ADDRSTRLEN] = "";
	if (ci && ci->client_addr) {
		const struct sockaddr *sa = ci->client_addr;
		if (sa->sa_family == AF_INET)
			inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, tmp, sizeof(tmp));
		else if (sa->sa_family == AF_INET6)
			inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, tmp, sizeof(tmp));
	}
	return arena_strdup(a, tmp);
}

/* The visitor's language: the lang cookie, else the first supported tag of
 * Accept-Language, else English. */
static const char *pick_lang(struct req *r)
{
	const char *c = req_cookie(r, "lang");
	if (lang_valid(c))
		return lang_find(c)->tag;
	const char *al = lang_negotiate(req_header(r, "Accept-Language"));
	return al ? al : lang_source();
}

/* The headers every answer carries; a handler may set a stricter
 * Referrer-Policy of its own. */
static void security_headers(struct MHD_Response *mr, const struct resp *w)
{
	bool own_referrer = false;
	for (int i = 0; w && i < w->nheaders; i++)
		own_referrer |= strcasecmp(w->hnames[i], "Referrer-Policy") == 0;
	MHD_add_response_header(mr, "Content-Security-Policy", csp);
	MHD_add_response_header(mr, "X-Content-Type-Options", "nosniff");
	if (!own_referrer)
		MHD_add_response_header(mr, "Referrer-Policy", "strict-origin-when-cross-origin");
	MHD_add_response_header(mr, "X-Frame-Options", "DENY");
	MHD_add_response_header(mr, "Permissions-Policy", "camera=(), microphone=(), geolocation=()");
	if (app.secure_cookies)
		MHD_add_response_header(mr, "Strict-Transport-Security", "max-age=31536000");
}

static enum MHD_Result send_resp(struct MHD_Connection *c, struct ctx *x, struct resp *w)
{
	size_t len = w->shared ? w->shared_len : w->body.len;
	struct MHD_Response *mr;
	if (w->shared && w->status != 304) {
		mr = MHD_create_response_from_buffer(len, (void *)w->shared, MHD_RESPMEM_PERSISTENT);
	} else if (w->status == 304 || len == 0) {
		buf_release(&w->body);
		mr = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
	} else {
		char *body = buf_detach(&w->body, &len);
		mr = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
	}
	if (!mr)
		return MHD_NO;
	security_headers(mr, w);
	if (w->content_type && w->status != 304)
		MHD_add_response_header(mr, "Content-Type", w->content_type);
	for (int i = 0; i < w->nheaders; i++)
		MHD_add_response_header(mr, w->hnames[i], w->hvalues[i]);
	enum MHD_Result ok = MHD_queue_response(c, (unsigned)w->status, mr);
	MHD_destroy_response(mr);
	if (!quiet)
		log_info("%s %.200s %d %zuB %.1fms %s", x->req.method ? x->req.method : "-",
		         x->req.path ? x->req.path : x->uri, w->status, len, ms_since(&x->start),
		         x->req.ip ? x->req.ip : "");
	return ok;
}

static void resp_init(struct resp *w)
{
	memset(w, 0, sizeof(*w));
	w->status = 200;
	buf_init(&w->body, (size_t)32 << 20);
}

const char *req_header(const struct req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

/* Who is asking: a bearer token under /api/, a session cookie elsewhere. */
static int authenticate(struct req *r, struct err *e)
{
	if (r->api) {
		const char *h = req_header(r, "Authorization");
		if (!h || strncasecmp(h, "Bearer ", 7) != 0)
			return 0;
		const char *tok = h + 7;
		while (*tok == ' ')
			tok++;
		if (strlen(tok) >= ACCOUNT_SECRET_MAX)
			return 0;
		char hash[65];
		account_secret_hash(tok, hash);
		int rc = api_token_store_get(r->db, r->a, hash, &r->user, e);
		if (rc == ERR_NOTFOUND) {
			memset(&r->user, 0, sizeof(r->user));
			return 0;
		}
		if (rc < 0)
			return rc;
	} else {
		const char *tok = req_cookie(r, SESSION_COOKIE);
		if (!tok || strlen(tok) >= ACCOUNT_SECRET_MAX)
			return 0;
		char hash[65];
		account_secret_hash(tok, hash);
		int rc = web_session_store_get(r->db, r->a, hash, time(NULL), &r->user, &r->csrf, e);
		if (rc == ERR_NOTFOUND) {
			memset(&r->user, 0, sizeof(r->user));
			r->csrf = NULL;
			return 0;
		}
		if (rc < 0)
			return rc;
		r->session_hash = arena_strdup(r->a, hash);
	}
	return district_store_by_id(r->db, r->a, r->user.district_id, &r->district, e);
}

void req_ensure_csrf(struct req *r, struct resp *w)
{
	if (r->csrf)
		return;
	const char *have = req_cookie(r, CSRF_COOKIE);
	if (have && strlen(have) > 20 && strlen(have) < ACCOUNT_SECRET_MAX) {
		r->csrf = have;
		return;
	}
	char tok[ACCOUNT_SECRET_MAX];
	account_new_secret("", tok);
	r->csrf = arena_strdup(r->a, tok);
	resp_cookie(w, r, CSRF_COOKIE, r->csrf, -1);
}

static bool csrf_ok(struct req *r)
{
	const char *expect = r->csrf;
	if (!expect) {
		const char *have = req_cookie(r, CSRF_COOKIE);
		expect = have && strlen(have) > 20 ? have : NULL;
	}
	const char *given = form_get(&r->form, "_csrf");
	if (!given)
		given = req_header(r, "X-CSRF-Token");
	return expect && given && account_secret_equal(expect, given);
}

int req_start_session(struct req *r, struct resp *w, const struct user *u, struct err *e)
{
	char tok[ACCOUNT_SECRET_MAX], hash[65], csrf[ACCOUNT_SECRET_MAX];
	account_new_secret("", tok);
	account_new_secret("", csrf);
	account_secret_hash(tok, hash);
	int rc = web_session_store_add(r->db, u, hash, csrf, (int64_t)time(NULL) + SESSION_SECONDS, e);
	if (rc < 0)
		return rc;
	resp_cookie(w, r, SESSION_COOKIE, tok, SESSION_SECONDS);
	r->csrf = arena_strdup(r->a, csrf);
	return 0;
}

void req_end_session(struct req *r, struct resp *w)
{
	struct err e;
	if (r->session_hash && web_session_store_end(r->db, r->session_hash, &e) < 0)
		log_warn("ending a session: %s", e.msg);
	resp_cookie(w, r, SESSION_COOKIE, "", 0);
}

static int parse_body(struct req *r, struct ctx *x, struct err *e)
{
	r->body = x->body.p;
	r->body_len = x->body.len;
	r->content_type = req_header(r, "Content-Type");
	if (r->api || x->body.len == 0)
		return 0;
	const char *ct = r->content_type ? r->content_type : "";
	if (strncasecmp(ct, "application/x-www-form-urlencoded", 33) == 0)
		return form_parse_urlencoded(r->a, x->body.p, x->body.len, NULL, &r->form, e);
	if (strncasecmp(ct, "multipart/form-data", 19) == 0)
		return form_parse_multipart(r->a, ct, x->body.p, x->body.len, NULL, &r->form, e);
	return err_set(e, ERR_INVALID, NULL, "Forms must be sent as application/x-www-form-urlencoded or multipart/form-data.");
}

static bool path_ok(const char *p)
{
	if (p[0] != '/')
		return false;
	for (; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c <= 32 || c >= 127)
			return false;
	}
	return true;
}

static void dispatch(struct ctx *x, struct resp *w)
{
	struct req *r = &x->req;
	struct err e;
	err_clear(&e);
	if (x->too_large) {
		resp_error(w, r, 413, NULL, "The request is too large.");
		return;
	}
	if (!path_ok(r->path)) {
		resp_error(w, r, 400, NULL, "The address is not valid.");
		return;
	}
	if (!x->route) {
		if (x->allow[0]) {
			resp_header(w, r, "Allow", x->allow);
			resp_error(w, r, 405, NULL, "This address does not accept that method.");
		} else {
			resp_error(w, r, 404, NULL, "There is nothing at this address.");
		}
		return;
	}
	const struct route *rt = x->route;
	const char *q = strchr(x->uri, '?');
	if (q && form_parse_urlencoded(r->a, q + 1, strlen(q + 1), NULL, &r->query, &e) < 0) {
		resp_error(w, r, 400, e.field[0] ? e.field : NULL, "The address holds a malformed query.");
		return;
	}
	if (parse_body(r, x, &e) < 0) {
		resp_error(w, r, e.code == ERR_LIMIT ? 413 : 400, e.field[0] ? e.field : NULL, e.msg);
		return;
	}
	r->db = db_pool_get(app.pool);
	if (authenticate(r, &e) < 0) {
		log_warn("authentication: %s", e.msg);
		resp_error(w, r, 500, NULL, "Something went wrong on our side.");
		return;
	}
	bool need_login = (rt->flags & R_LOGIN) || rt->role != ROLE_NONE;
	if (need_login && !r->user.id) {
		if (r->api) {
			resp_header(w, r, "WWW-Authenticate", "Bearer");
			resp_error(w, r, 401, NULL, "A valid API token is required.");
		} else if (strcmp(r->method, "GET") == 0 || strcmp(r->method, "HEAD") == 0) {
			struct buf loc;
			buf_init(&loc, 8192);
			buf_adds(&loc, "/signin?next=");
			esc_url_component(&loc, r->path, strlen(r->path));
			resp_redirect(w, r, arena_strdup(r->a, loc.p));
			buf_release(&loc);
		} else {
			resp_error(w, r, 401, NULL, "Please sign in again.");
		}
		return;
	}
	if (rt->role != ROLE_NONE && !role_at_least(r->user.role, rt->role)) {
		resp_error(w, r, 403, NULL, "Your role does not give access to this page.");
		return;
	}
	if ((rt->flags & R_CSRF) && !csrf_ok(r)) {
		resp_error(w, r, 403, "_csrf", "This form has expired. Go back, reload the page and try again.");
		return;
	}
	rt->fn(r, w);
	/* A write may change what public pages show. */
	if (strcmp(r->method, "GET") != 0)
		pagecache_invalidate();
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                                  const char *version, const char *upload, size_t *upload_size, void **con_cls)
{
	struct ctx *x = *con_cls;
	if (!x)
		return MHD_NO;
	struct req *r = &x->req;
	if (!x->started) {
		x->started = true;
		r->a = &x->a;
		r->app = &app;
		r->conn = c;
		r->method = strcmp(method, "HEAD") == 0 ? "GET" : method;
		const char *q = strchr(x->uri, '?');
		r->path = q ? arena_strndup(&x->a, x->uri, (size_t)(q - x->uri)) : x->uri;
		r->ip = client_ip(c, &x->a);
		r->api = strncmp(r->path, "/api/", 5) == 0;
		const char *ch = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Cookie");
		if (ch)
			r->ncookies = cookie_parse(&x->a, ch, r->cookies, REQ_MAX_COOKIES);
		r->lang = pick_lang(r);
		x->route = path_ok(r->path) ? route_match(r, r->method, r->path, x->allow, sizeof(x->allow)) : NULL;
		size_t max = x->route && (x->route->flags & R_UPLOAD) ? UPLOAD_BODY_MAX : FORM_BODY_MAX;
		x->body.max = max;
		const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
		const char *te = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Transfer-Encoding");
		int64_t n;
		if (cl && te) {
			/* Two framings of one body: the way requests are smuggled past
			 * proxies.  Refuse, and close. */
			struct resp w;
			resp_init(&w);
			resp_error(&w, r, 400, NULL, "The request gives both Content-Length and Transfer-Encoding.");
			return send_resp(c, x, &w);
		}
		if (cl && parse_i64(cl, 0, INT64_MAX, &n) == 0 && (uint64_t)n > max) {
			x->too_large = true;
			if (n > DISCARD_MAX) {
				struct resp w;
				resp_init(&w);
				resp_error(&w, r, 413, NULL, "The request is too large.");
				return send_resp(c, x, &w);
			}
		}
		return MHD_YES;
	}
	if (*upload_size) {
		x->seen += (int64_t)*upload_size;
		if (x->seen > DISCARD_MAX)
			return MHD_NO; /* far too large: drop the connection */
		if (!x->too_large && buf_add(&x->body, upload, *upload_size) < 0)
			x->too_large = true;
		*upload_size = 0;
		return MHD_YES;
	}
	struct resp w;
	resp_init(&w);
	dispatch(x, &w);
	if (r->db) {
		/* The pool rolls back whatever transaction a handler left open. */
		db_pool_put(app.pool, r->db);
		r->db = NULL;
	}
	if (!w.content_type)
		w.content_type = "text/html; charset=utf-8";
	return send_resp(c, x, &w);
}

static int parse_listen(const char *listen, struct sockaddr_storage *ss, socklen_t *len, struct err *e)
{
	memset(ss, 0, sizeof(*ss));
	const char *colon = strrchr(listen, ':');
	int64_t port;
	if (!colon || parse_i64(colon + 1, 1, 65535, &port) < 0)
		return err_set(e, ERR_INVALID, "listen", "--listen takes HOST:PORT, such as 127.0.0.1:8080");
	char host[64];
	size_t hl = (size_t)(colon - listen);
	if (hl >= sizeof(host))
		return err_set(e, ERR_INVALID, "listen", "the host in --listen is too long");
	memcpy(host, listen, hl);
	host[hl] = '\0';
	if (hl > 2 && host[0] == '[' && host[hl - 1] == ']') {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)ss;
		host[hl - 1] = '\0';
		if (inet_pton(AF_INET6, host + 1, &s6->sin6_addr) != 1)
			return err_set(e, ERR_INVALID, "listen", "%s is not an IPv6 address", host + 1);
		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons((uint16_t)port);
		*len = sizeof(*s6);
		return 0;
	}
	struct sockaddr_in *s4 = (struct sockaddr_in *)ss;
	if (strcmp(host, "localhost") == 0)
		str_copy(host, sizeof(host), "127.0.0.1");
	if (inet_pton(AF_INET, host, &s4->sin_addr) != 1)
		return err_set(e, ERR_INVALID, "listen", "%s is not an IPv4 address", host);
	s4->sin_family = AF_INET;
	s4->sin_port = htons((uint16_t)port);
	*len = sizeof(*s4);
	return 0;
}

static const char *translate(void *ctx, const char *lang, const char *msgid)
{
	return i18n_lookup(ctx, lang, msgid);
}

static void housekeeping(void)
{
	struct db *db = db_pool_get(app.pool);
	struct err e;
	int64_t now = time(NULL);
	if (web_session_store_purge(db, now, &e) < 0)
		log_warn("purging sessions: %s", e.msg);
	/* The throttle table also counts registrations per hour (h_register.c):
	 * keep an hour of it, the longest window anyone reads. */
	if (signin_failure_store_purge(db, now - 3600, &e) < 0)
		log_warn("purging sign-in failures: %s", e.msg);
	/* The same job as `commonground outbox run`, every minute. */
	struct arena a;
	arena_init(&a);
	struct outbox_ctx x = {.db = db, .a = &a, .i18n = app.i18n, .base_url = app.base_url,
	                       .smtp_url = app.smtp_url, .from_addr = app.mail_from, .now = now};
	struct outbox_counts n = {0};
	if (outbox_run(&x, &n, &e) < 0)
		log_warn("outbox: %s", e.msg);
	else if (n.scheduled || n.sent || n.failed || n.retried)
		log_info("outbox: %d queued, %d skipped, %d sent, %d to retry, %d failed", n.scheduled, n.skipped, n.sent,
		         n.retried, n.failed);
	arena_free(&a);
	db_pool_put(app.pool, db);
}

int server_run(const struct server_config *cfg, struct err *e)
{
	int rc = 0;
	struct MHD_Daemon *d = NULL;
	struct sockaddr_storage ss;
	socklen_t sslen;
	struct buf path, base;
	buf_init(&path, 4096);
	buf_init(&base, 4096);
	memset(&app, 0, sizeof(app));
	quiet = cfg->quiet;
	if (sodium_init() < 0)
		return err_set(e, ERR_FAIL, NULL, "libsodium could not start");
	if ((rc = parse_listen(cfg->listen, &ss, &sslen, e)) < 0)
		return rc;
	int threads = cfg->threads > 0 ? cfg->threads : (int)sysconf(_SC_NPROCESSORS_ONLN);
	if (threads < 1)
		threads = 1;
	if (threads > 64)
		threads = 64;
	app.root = cfg->root;
	if (cfg->base_url && *cfg->base_url) {
		buf_adds(&base, cfg->base_url);
	} else {
		buf_printf(&base, "http://%s", cfg->listen);
	}
	while (base.len && base.p[base.len - 1] == '/')
		base.p[--base.len] = '\0';
	app.base_url = base.p;
	app.secure_cookies = strncmp(app.base_url, "https://", 8) == 0;
	app.page_cache = !cfg->no_page_cache;
	app.smtp_url = getenv("COMMONGROUND_SMTP_URL");
	app.mail_from = getenv("COMMONGROUND_MAIL_FROM");
	if (!app.mail_from || !*app.mail_from)
		app.mail_from = "noreply@commonground.localhost";
	/* libcurl (and the TLS library under it) only when mail goes out: it
	 * costs megabytes of memory at start. */
	if (app.smtp_url && *app.smtp_url)
		mail_global_init();

	/* One connection per server thread, one for housekeeping. */
	if ((rc = db_pool_open(cfg->db_url, threads + 1, &app.pool, e)) < 0)
		goto out;
	struct db *db = db_pool_get(app.pool);
	int cur = migrate_current(db, e);
	db_pool_put(app.pool, db);
	if (cur < 0) {
		rc = ERR_FAIL;
		goto out;
	}
	if (cur < migrate_latest()) {
		rc = err_set(e, ERR_FAIL, "db", "the database is at schema version %d, this program needs %d: run `commonground migrate`",
		             cur, migrate_latest());
		goto out;
	}
	/* The catalogs the build compiled from po/ (make: build/locale/LANG.mo).
	 * The public pages offer every language of core/lang.h, so a missing
	 * catalog stops the start rather than serving English in its place. */
	app.i18n = i18n_new();
	buf_printf(&path, "%s/build/locale", cfg->root);
	if ((rc = i18n_load_dir(app.i18n, path.p, e)) < 0)
		goto out;
	if ((rc = i18n_check_pages(app.i18n, path.p, e)) < 0)
		goto out;
	app.tmpl = tmpl_set_new();
	tmpl_set_translator(app.tmpl, translate, app.i18n);
	buf_reset(&path);
	buf_printf(&path, "%s/templates", cfg->root);
	if ((rc = tmpl_set_load_dir(app.tmpl, path.p, e)) < 0)
		goto out;
	buf_reset(&path);
	buf_printf(&path, "%s/static", cfg->root);
	if ((rc = static_load(path.p, &app.statics, e)) < 0)
		goto out;

	/* Signals are taken by sigwait below, in this thread only. */
	sigset_t sigs;
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);

	/* ITC lets MHD_quiesce_daemon stop accepting while requests finish. */
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_TURBO | MHD_USE_ITC |
	                 MHD_USE_ERROR_LOG;
	d = MHD_start_daemon(flags, 0, NULL, NULL, on_request, NULL,
	                     MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
	                     MHD_OPTION_THREAD_POOL_SIZE, (unsigned)threads,
	                     MHD_OPTION_URI_LOG_CALLBACK, on_uri, NULL,
	                     MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
	                     MHD_OPTION_UNESCAPE_CALLBACK, no_unescape, NULL,
	                     MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
	                     MHD_OPTION_CONNECTION_LIMIT, (unsigned)1000,
	                     MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)64 * 1024,
	                     MHD_OPTION_LISTENING_ADDRESS_REUSE, (unsigned)1,
	                     MHD_OPTION_END);
	if (!d) {
		rc = err_set(e, ERR_FAIL, "listen", "cannot listen on %s (%s)", cfg->listen, strerror(errno));
		goto out;
	}
	log_info("serving %s on http://%s with %d threads", app.base_url, cfg->listen, threads);
	for (;;) {
		struct timespec minute = {60, 0};
		int sig = sigtimedwait(&sigs, NULL, &minute);
		if (sig == SIGINT || sig == SIGTERM) {
			log_info("signal %d: finishing requests under way", sig);
			break;
		}
		housekeeping();
	}
	/* Stop accepting, then wait for the requests under way. */
	MHD_quiesce_daemon(d);
	MHD_stop_daemon(d);
	log_info("stopped");
out:
	pagecache_clear();
	tmpl_set_free(app.tmpl);
	i18n_free(app.i18n);
	static_free(app.statics);
	db_pool_close(app.pool);
	if (app.smtp_url && *app.smtp_url)
		mail_global_cleanup();
	buf_release(&path);
	buf_release(&base);
	return rc;
}

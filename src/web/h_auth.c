/* Sign-in and sign-out. */
#include <pthread.h>
#include <string.h>
#include <time.h>

#include "core/log.h"
#include "core/str.h"
#include "store/signin_failure_store.h"
#include "store/user_store.h"
#include "web/app.h"
#include "web/handlers.h"

/* A hash to verify against when the address is unknown, so that the answer
 * takes as long as for a known one and does not tell who has an account. */
static char dummy_hash[ACCOUNT_HASH_MAX];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void make_dummy(void)
{
	char pw[ACCOUNT_SECRET_MAX];
	account_new_secret("", pw);
	if (account_hash_password(pw, dummy_hash, NULL) < 0)
		dummy_hash[0] = '\0';
}

static const char *safe_next(const char *next)
{
	if (!http_local_path(next) || strlen(next) > 1000)
		return "/admin";
	return next;
}

static void form_page(struct req *r, struct resp *w, int status, const char *email, const char *error)
{
	req_ensure_csrf(r, w);
	const char *next = form_get(&r->query, "next");
	if (!next)
		next = form_get(&r->form, "next");
	json_t *data = json_pack("{s:s, s:s, s:s}", "title", "Sign in", "email", email ? email : "", "next",
	                         safe_next(next));
	if (error)
		json_object_set_new(data, "error", json_string(error));
	resp_page(w, r, status, "signin", data);
}

void h_signin_form(struct req *r, struct resp *w)
{
	if (r->user.id) {
		resp_redirect(w, r, "/admin");
		return;
	}
	form_page(r, w, 200, NULL, NULL);
}

static int failures(struct req *r, const char *key, int64_t now, int64_t *n)
{
	struct err e;
	if (signin_failure_store_count(r->db, key, now - ACCOUNT_FAILURE_WINDOW, n, &e) < 0) {
		log_warn("counting sign-in failures: %s", e.msg);
		return -1;
	}
	return 0;
}

void h_signin(struct req *r, struct resp *w)
{
	struct account_form f = {0};
	char email[256];
	struct err e;
	int64_t now = time(NULL), by_email = 0, by_ip = 0;
	/* What the table or the address refuses signs nobody in, and says no
	 * more than a wrong password would. */
	bool valid = req_fields(r, account_fields, &f, &e) == 0 &&
	             account_check_email(f.email, email, sizeof(email), &e) == 0;
	const char *raw = f.email, *pw = valid ? f.password : "";
	if (!valid)
		str_copy(email, sizeof(email), "");
	const char *ekey = arena_printf(r->a, "email:%s", email);
	const char *ikey = arena_printf(r->a, "ip:%s", r->ip);
	if (failures(r, ekey, now, &by_email) < 0 || failures(r, ikey, now, &by_ip) < 0) {
		resp_error(w, r, 500, NULL, "Something went wrong on our side. Please try again.");
		return;
	}
	if (by_email >= ACCOUNT_MAX_FAILURES || by_ip >= ACCOUNT_MAX_FAILURES_PER_IP) {
		resp_header(w, r, "Retry-After", "900");
		form_page(r, w, 429, email,
		          "Too many failed sign-ins. Wait 15 minutes, then try again.");
		return;
	}
	struct user u;
	const char *hash = NULL;
	int rc = valid ? user_store_by_email(r->db, r->a, email, &u, &hash, &e) : ERR_NOTFOUND;
	if (rc < 0 && rc != ERR_NOTFOUND) {
		resp_err(w, r, &e);
		return;
	}
	bool ok;
	if (rc == 0) {
		ok = account_verify_password(hash, pw) && !u.disabled;
	} else {
		pthread_once(&dummy_once, make_dummy);
		account_verify_password(dummy_hash, pw);
		ok = false;
	}
	if (!ok) {
		signin_failure_store_add(r->db, ekey, now, &e);
		signin_failure_store_add(r->db, ikey, now, &e);
		struct user saved = r->user;
		if (rc == 0) {
			r->user = u;
			r->user.id = 0;  /* nobody is signed in; record the district */
		}
		req_audit(r, "signin.failed", email);
		r->user = saved;
		form_page(r, w, 401, raw, "The e-mail address or the password is not right.");
		return;
	}
	signin_failure_store_clear(r->db, ekey, &e);
	if (account_hash_needs_rehash(hash)) {
		char fresh[ACCOUNT_HASH_MAX];
		if (account_hash_password(pw, fresh, &e) == 0)
			user_store_set_password(r->db, u.id, fresh, &e);
	}
	if (req_start_session(r, w, &u, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	r->user = u;
	req_audit(r, "signin", "");
	resp_redirect(w, r, safe_next(req_form(r, "next")));
}

void h_signout(struct req *r, struct resp *w)
{
	req_audit(r, "signout", "");
	req_end_session(r, w);
	resp_redirect(w, r, "/signin");
}

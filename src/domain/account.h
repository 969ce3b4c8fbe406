/* account: people who sign in, their roles, passwords and tokens. */
#ifndef CG_ACCOUNT_H
#define CG_ACCOUNT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "domain/field.h"

enum role { ROLE_NONE = 0, ROLE_PARTNER, ROLE_FACILITATOR, ROLE_STAFF, ROLE_ADMIN,
	/* Not an account's role: what a route asks of the people who run
	 * conversations — a partner, a facilitator, or staff and up. */
	ROLE_TEAM };

struct user {
	int64_t id;
	int64_t district_id;
	const char *email;
	const char *name;
	enum role role;
	bool disabled;
	int64_t created_at;
};

/* "admin", "staff", … ↔ enum role; role_parse returns ROLE_NONE for others. */
enum role role_parse(const char *s);
const char *role_name(enum role r);
/* Staff and admins see everything of their district; facilitators and
 * partners only what is handed to them. */
bool role_at_least(enum role have, enum role need);

/* What the forms about an account send (sign-in, a new user, a user's
 * page), and their fields (domain/field.h).  None is required by the table:
 * which are depends on the form; the checks below say the rest. */
struct account_form {
	const char *email, *name, *role, *password, *action;
};
extern const struct field account_fields[];

/* Checks an e-mail address and writes it lowercased into out (size n). */
int account_check_email(const char *email, char *out, size_t n, struct err *e);
int account_check_name(const char *name, struct err *e);
/* At least 10 characters and at most 1024 bytes. */
int account_check_password(const char *pw, struct err *e);

/* Argon2id (libsodium, interactive limits).  out must hold
 * ACCOUNT_HASH_MAX bytes.  Returns 0 or ERR_FAIL. */
#define ACCOUNT_HASH_MAX 128
int account_hash_password(const char *pw, char *out, struct err *e);
/* Constant-time verification against a stored hash; false for NULL hash. */
bool account_verify_password(const char *hash, const char *pw);
/* Whether a hash was made with weaker limits than today's and should be
 * recomputed at the next sign-in. */
bool account_hash_needs_rehash(const char *hash);

/* Secrets handed to clients (session cookies, API tokens, CSRF tokens):
 * 256 random bits, base64url without padding, prefixed (e.g. "cgt_").
 * out must hold ACCOUNT_SECRET_MAX bytes. */
#define ACCOUNT_SECRET_MAX 64
void account_new_secret(const char *prefix, char *out);
/* The form a secret is stored in: SHA-256, hex.  out must hold 65 bytes. */
void account_secret_hash(const char *secret, char *out);
/* Constant-time comparison of two NUL-terminated strings. */
bool account_secret_equal(const char *a, const char *b);

/* Sign-in throttling: after ACCOUNT_MAX_FAILURES failures for one address
 * or one client within ACCOUNT_FAILURE_WINDOW seconds, further attempts are
 * refused until the window has passed. */
#define ACCOUNT_MAX_FAILURES 5
#define ACCOUNT_MAX_FAILURES_PER_IP 20
#define ACCOUNT_FAILURE_WINDOW (15 * 60)

#endif

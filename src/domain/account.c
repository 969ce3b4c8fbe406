#include "domain/account.h"

#include <sodium.h>
#include <stddef.h>
#include <string.h>

#include "core/i18n.h"
#include "core/str.h"

static const char *const account_roles[] = {"admin", "staff", "facilitator", "partner", NULL};
static const char *const account_actions[] = {"save", "password", "disable", "enable", NULL};
#define A(n, t, m, l) .name = n, .type = t, .off = offsetof(struct account_form, m), .label = l
const struct field account_fields[] = {
	{A("email", FIELD_LINE, email, N_("The e-mail address")), .max = 254},
	{A("name", FIELD_LINE, name, N_("The name")), .max = 200},
	{A("role", FIELD_CHOICE, role, N_("The role")), .choices = account_roles,
	 .msg = N_("Choose a role: admin, staff, facilitator or partner.")},
	{A("password", FIELD_TEXT, password, N_("The password")), .max = 1024},
	{A("action", FIELD_CHOICE, action, N_("The action")), .choices = account_actions,
	 .msg = N_("Choose what to do with this account.")},
	FIELD_END,
};
#undef A

static const char *const role_names[] = {
	[ROLE_NONE] = "",
	[ROLE_PARTNER] = "partner",
	[ROLE_FACILITATOR] = "facilitator",
	[ROLE_STAFF] = "staff",
	[ROLE_ADMIN] = "admin",
};

enum role role_parse(const char *s)
{
	for (int r = ROLE_PARTNER; r <= ROLE_ADMIN; r++)
		if (s && strcmp(s, role_names[r]) == 0)
			return (enum role)r;
	return ROLE_NONE;
}

const char *role_name(enum role r)
{
	return r >= ROLE_NONE && r <= ROLE_ADMIN ? role_names[r] : "";
}

bool role_at_least(enum role have, enum role need)
{
	if (need == ROLE_NONE)
		return true;
	if (need == ROLE_TEAM)
		return have == ROLE_PARTNER || have == ROLE_FACILITATOR || (have >= ROLE_STAFF && have <= ROLE_ADMIN);
	/* Facilitator and partner are parallel roles: neither includes the other. */
	if (need == ROLE_PARTNER || need == ROLE_FACILITATOR)
		return have == need || have >= ROLE_STAFF;
	return have >= need && have <= ROLE_ADMIN;
}

int account_check_email(const char *email, char *out, size_t n, struct err *e)
{
	struct str s = str_trim(str_from(email));
	const char *at = s.len ? memchr(s.p, '@', s.len) : NULL;
	bool ok = at && s.len <= 254 && at > s.p && (size_t)(at - s.p) <= 64 && s.len < n;
	if (ok) {
		const char *dom = at + 1;
		size_t dlen = s.len - (size_t)(dom - s.p);
		ok = dlen >= 3 && memchr(dom, '.', dlen) && dom[0] != '.' && dom[dlen - 1] != '.' &&
		     !memchr(dom, '@', dlen);
		for (size_t i = 0; ok && i < s.len; i++) {
			unsigned char c = (unsigned char)s.p[i];
			ok = c > 32 && c < 127 && c != '"' && c != '(' && c != ')' && c != ',' && c != ':' &&
			     c != ';' && c != '<' && c != '>' && c != '[' && c != ']' && c != '\\';
		}
	}
	if (!ok)
		return err_set(e, ERR_INVALID, "email", "Enter an e-mail address such as name@example.org.");
	for (size_t i = 0; i < s.len; i++) {
		char c = s.p[i];
		out[i] = c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
	}
	out[s.len] = '\0';
	return 0;
}

int account_check_name(const char *name, struct err *e)
{
	return field_check_one(&account_fields[1], &(struct account_form){.name = name}, e);
}

int account_check_password(const char *pw, struct err *e)
{
	size_t n = strlen(pw);
	if (n < 10)
		return err_set(e, ERR_INVALID, "password", "The password must be at least 10 characters long.");
	if (n > 1024)
		return err_set(e, ERR_INVALID, "password", "The password must be at most 1024 characters long.");
	return 0;
}

int account_hash_password(const char *pw, char *out, struct err *e)
{
	_Static_assert(ACCOUNT_HASH_MAX >= crypto_pwhash_STRBYTES, "hash buffer too small");
	if (crypto_pwhash_str_alg(out, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                          crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
		return err_set(e, ERR_FAIL, NULL, "out of memory while hashing a password");
	return 0;
}

bool account_verify_password(const char *hash, const char *pw)
{
	if (!hash || !*hash)
		return false;
	return crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
}

bool account_hash_needs_rehash(const char *hash)
{
	return crypto_pwhash_str_needs_rehash(hash, crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                                      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0;
}

void account_new_secret(const char *prefix, char *out)
{
	unsigned char raw[32];
	randombytes_buf(raw, sizeof(raw));
	size_t p = strlen(prefix);
	memcpy(out, prefix, p);
	sodium_bin2base64(out + p, ACCOUNT_SECRET_MAX - p, raw, sizeof(raw),
	                  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof(raw));
}

void account_secret_hash(const char *secret, char *out)
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)secret, strlen(secret));
	sodium_bin2hex(out, 65, h, sizeof(h));
}

bool account_secret_equal(const char *a, const char *b)
{
	size_t n = strlen(a);
	if (n != strlen(b))
		return false;
	return sodium_memcmp(a, b, n) == 0;
}

#include <stdio.h>
#include <string.h>

#include "cmd/cmd.h"
#include "core/arena.h"
#include "domain/account.h"
#include "store/audit_store.h"
#include "store/district_store.h"
#include "store/user_store.h"

/* The password from stdin (--password-stdin) or a new random one, which is
 * then printed.  Returns 0, or an exit status. */
static int password(const char *from_stdin, char *pw, size_t n, int *generated)
{
	*generated = 0;
	if (from_stdin) {
		if (cmd_read_stdin_line(pw, n) < 0)
			return cmd_fail("user", EXIT_USAGE, "no password on standard input");
	} else {
		cmd_new_password(pw);
		*generated = 1;
	}
	struct err e;
	if (account_check_password(pw, &e) < 0)
		return cmd_fail("user", EXIT_USAGE, "%s", e.msg);
	return 0;
}

static void audit(struct db *db, int64_t district, const char *action, const char *detail)
{
	struct err e;
	struct audit_entry ev = {.district_id = district, .actor = "cli", .action = action, .detail = detail};
	audit_store_add(db, &ev, &e);
}

/* Ends a subcommand: frees what it held and says why it failed, if it did. */
static int done(struct db *db, struct arena *a, int rc, const struct err *e)
{
	arena_free(a);
	db_close(db);
	return rc < 0 ? cmd_fail("user", 1, "%s", e->msg) : 0;
}

/* The connection and an arena for a subcommand; NULL (with the exit status
 * in *status) when the database cannot be opened. */
static struct db *open_db(const char *url, struct arena *a, int *status)
{
	struct db *db = cmd_open_db("user", url, 1);
	if (!db) {
		*status = cmd_db_status();
		return NULL;
	}
	arena_init(a);
	return db;
}

static int add(int argc, char **argv)
{
	const char *url = NULL, *slug = NULL, *email = NULL, *role = NULL, *name = NULL, *pwin = NULL;
	struct opt opts[] = {{"db", 1, &url},     {"district", 1, &slug}, {"email", 1, &email},
	                     {"role", 1, &role},  {"name", 1, &name},     {"password-stdin", 0, &pwin},
	                     {NULL, 0, NULL}};
	if (cmd_opts("user", argc, argv, 2, opts, NULL, 0) < 0)
		return cmd_usage("user", 0);
	if (!slug || !email || !role)
		return cmd_fail("user", EXIT_USAGE, "add needs --district, --email and --role");
	char norm[256], pw[1100], hash[ACCOUNT_HASH_MAX];
	struct err e;
	struct user u = {.name = name ? name : "", .role = role_parse(role)};
	if (u.role == ROLE_NONE)
		return cmd_fail("user", EXIT_USAGE, "--role must be admin, staff, facilitator or partner");
	if (account_check_email(email, norm, sizeof(norm), &e) < 0 || account_check_name(u.name, &e) < 0)
		return cmd_fail("user", EXIT_USAGE, "--%s: %s", e.field, e.msg);
	u.email = norm;
	int generated, rc = password(pwin, pw, sizeof(pw), &generated);
	if (rc)
		return rc;
	struct arena a;
	struct db *db = open_db(url, &a, &rc);
	if (!db)
		return rc;
	struct district d;
	rc = district_store_by_slug(db, &a, slug, &d, &e);
	if (rc == ERR_NOTFOUND)
		err_set(&e, rc, "district", "no district has the short name %s", slug);
	if (rc == 0) {
		u.district_id = d.id;
		rc = account_hash_password(pw, hash, &e);
	}
	if (rc == 0)
		rc = user_store_add(db, &u, hash, &e);
	if (rc == 0) {
		audit(db, d.id, "user.add", u.email);
		printf("user %s added to %s as %s\n", u.email, d.slug, role_name(u.role));
		if (generated)
			printf("password: %s\n", pw);
	}
	return done(db, &a, rc, &e);
}

static int list(int argc, char **argv)
{
	const char *url = NULL, *slug = NULL;
	struct opt opts[] = {{"db", 1, &url}, {"district", 1, &slug}, {NULL, 0, NULL}};
	if (cmd_opts("user", argc, argv, 2, opts, NULL, 0) < 0)
		return cmd_usage("user", 0);
	if (!slug)
		return cmd_fail("user", EXIT_USAGE, "list needs --district");
	struct arena a;
	int rc;
	struct db *db = open_db(url, &a, &rc);
	if (!db)
		return rc;
	struct district d;
	struct user *us;
	size_t n = 0;
	struct err e;
	rc = district_store_by_slug(db, &a, slug, &d, &e);
	if (rc == 0)
		rc = user_store_list(db, &a, d.id, &us, &n, &e);
	for (size_t i = 0; rc == 0 && i < n; i++)
		printf("%s\t%s\t%s\t%s\n", us[i].email, role_name(us[i].role), us[i].disabled ? "disabled" : "active",
		       us[i].name);
	return done(db, &a, rc, &e);
}

/* disable and set-password: both find the user by e-mail first. */
static int change(int argc, char **argv, int set_password)
{
	const char *url = NULL, *email = NULL, *pwin = NULL;
	struct opt opts[] = {{"db", 1, &url}, {"email", 1, &email}, {"password-stdin", 0, &pwin}, {NULL, 0, NULL}};
	if (cmd_opts("user", argc, argv, 2, opts, NULL, 0) < 0)
		return cmd_usage("user", 0);
	if (!email)
		return cmd_fail("user", EXIT_USAGE, "--email is required");
	if (!set_password && pwin)
		return cmd_fail("user", EXIT_USAGE, "disable takes no password");
	char norm[256], pw[1100], hash[ACCOUNT_HASH_MAX];
	struct err e;
	if (account_check_email(email, norm, sizeof(norm), &e) < 0)
		return cmd_fail("user", EXIT_USAGE, "--email: %s", e.msg);
	int generated = 0, rc = set_password ? password(pwin, pw, sizeof(pw), &generated) : 0;
	if (rc)
		return rc;
	struct arena a;
	struct db *db = open_db(url, &a, &rc);
	if (!db)
		return rc;
	struct user u;
	rc = user_store_by_email(db, &a, norm, &u, NULL, &e);
	if (rc == ERR_NOTFOUND)
		err_set(&e, rc, "email", "nobody has the address %s", norm);
	if (rc == 0 && set_password) {
		rc = account_hash_password(pw, hash, &e);
		if (rc == 0)
			rc = user_store_set_password(db, u.id, hash, &e);
		if (rc == 0) {
			audit(db, u.district_id, "user.password", u.email);
			printf("password of %s changed\n", u.email);
			if (generated)
				printf("password: %s\n", pw);
		}
	} else if (rc == 0) {
		rc = user_store_set_disabled(db, u.district_id, u.id, true, &e);
		if (rc == 0) {
			audit(db, u.district_id, "user.disable", u.email);
			printf("%s disabled; their sessions and tokens no longer work\n", u.email);
		}
	}
	return done(db, &a, rc, &e);
}

int cmd_user(int argc, char **argv)
{
	const char *verb = argc >= 2 ? argv[1] : "";
	if (strcmp(verb, "add") == 0)
		return add(argc, argv);
	if (strcmp(verb, "list") == 0)
		return list(argc, argv);
	if (strcmp(verb, "disable") == 0)
		return change(argc, argv, 0);
	if (strcmp(verb, "set-password") == 0)
		return change(argc, argv, 1);
	return cmd_usage("user", 0);
}

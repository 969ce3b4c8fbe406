#include <stdio.h>
#include <string.h>

#include "cmd/cmd.h"
#include "core/arena.h"
#include "domain/account.h"
#include "store/api_token_store.h"
#include "store/audit_store.h"
#include "store/user_store.h"

static int create(int argc, char **argv)
{
	const char *url = NULL, *email = NULL, *label = NULL;
	struct opt opts[] = {{"db", 1, &url}, {"email", 1, &email}, {"label", 1, &label}, {NULL, 0, NULL}};
	if (cmd_opts("token", argc, argv, 2, opts, NULL, 0) < 0)
		return cmd_usage("token", 0);
	if (!email)
		return cmd_fail("token", EXIT_USAGE, "create needs --email");
	char norm[256], tok[ACCOUNT_SECRET_MAX], hash[65];
	struct err e;
	if (account_check_email(email, norm, sizeof(norm), &e) < 0)
		return cmd_fail("token", EXIT_USAGE, "--email: %s", e.msg);
	struct db *db = cmd_open_db("token", url, 1);
	if (!db)
		return cmd_db_status();
	struct arena a;
	arena_init(&a);
	struct user u;
	int64_t id;
	int rc = user_store_by_email(db, &a, norm, &u, NULL, &e);
	if (rc == ERR_NOTFOUND)
		err_set(&e, rc, "email", "nobody has the address %s", norm);
	if (rc == 0 && u.disabled)
		rc = err_set(&e, ERR_DENIED, "email", "%s is disabled", norm);
	if (rc == 0) {
		account_new_secret("cgt_", tok);
		account_secret_hash(tok, hash);
		rc = api_token_store_add(db, &u, hash, label, &id, &e);
	}
	if (rc == 0) {
		struct audit_entry ev = {.district_id = u.district_id, .actor = "cli", .action = "token.create",
		                         .detail = u.email};
		audit_store_add(db, &ev, &e);
		printf("%s\n", tok);
	}
	arena_free(&a);
	db_close(db);
	return rc < 0 ? cmd_fail("token", 1, "%s", e.msg) : 0;
}

static int revoke(int argc, char **argv)
{
	const char *url = NULL, *tok = NULL;
	struct opt opts[] = {{"db", 1, &url}, {"token", 1, &tok}, {NULL, 0, NULL}};
	if (cmd_opts("token", argc, argv, 2, opts, NULL, 0) < 0)
		return cmd_usage("token", 0);
	if (!tok || strlen(tok) >= ACCOUNT_SECRET_MAX)
		return cmd_fail("token", EXIT_USAGE, "revoke needs --token TOKEN");
	char hash[65];
	account_secret_hash(tok, hash);
	struct db *db = cmd_open_db("token", url, 1);
	if (!db)
		return cmd_db_status();
	struct err e;
	int rc = api_token_store_revoke(db, hash, &e);
	if (rc == 0)
		printf("token revoked\n");
	db_close(db);
	return rc < 0 ? cmd_fail("token", 1, "%s", e.msg) : 0;
}

int cmd_token(int argc, char **argv)
{
	const char *verb = argc >= 2 ? argv[1] : "";
	if (strcmp(verb, "create") == 0)
		return create(argc, argv);
	if (strcmp(verb, "revoke") == 0)
		return revoke(argc, argv);
	return cmd_usage("token", 0);
}

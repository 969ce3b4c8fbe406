/* The demonstration district, in one place: each area of the product adds
 * its records here so that `make run` shows it populated. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "core/arena.h"
#include "core/buf.h"
#include "domain/account.h"
#include "store/audit_store.h"
#include "store/district_store.h"
#include "store/initiative_store.h"
#include "store/user_store.h"

static const struct district demo_district = {
	.slug = "riverside",
	.name = "Riverside Unified School District",
	.timezone = "America/Chicago",
	.languages = "en,es",
};

#define ADMIN_EMAIL "admin@riverside.example.org"

static const struct {
	const char *email, *name;
	enum role role;
} demo_users[] = {
	{ADMIN_EMAIL, "Dana Whitfield", ROLE_ADMIN},
	{"maria.lopez@riverside.example.org", "María López", ROLE_STAFF},
	{"james.carter@riverside.example.org", "James Carter", ROLE_FACILITATOR},
	{"ana.reyes@lafamilia.example.org", "Ana Reyes", ROLE_PARTNER},
};

static const struct {
	const char *title, *why, *mode;
} demo_initiatives[] = {
	{"One-to-one device rollout",
	 "Every student in grades 3 to 12 will receive a district laptop over the next two school years. "
	 "Before we decide how devices go home, how families get internet access and how screen time is "
	 "balanced with other learning, we want to hear from students, families, teachers and community "
	 "members. Our 2025 technology survey found that 18% of families have no home internet and that "
	 "families who speak Spanish at home were half as likely to answer.",
	 "collaborate"},
};

/* Writes the admin's sign-in to a file only its owner can read. */
static int save_credentials(const char *path, const char *email, const char *pw)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		return -1;
	fchmod(fd, 0600);
	struct buf b;
	buf_init(&b, 4096);
	buf_printf(&b, "email: %s\npassword: %s\n", email, pw);
	ssize_t n = write(fd, b.p, b.len);
	int ok = n == (ssize_t)b.len && close(fd) == 0;
	buf_release(&b);
	return ok ? 0 : -1;
}

static int seed(struct db *db, const char *pw, struct err *e)
{
	struct district d = demo_district;
	int rc = district_store_add(db, &d, e);
	for (size_t i = 0; rc == 0 && i < sizeof(demo_users) / sizeof(demo_users[0]); i++) {
		char hash[ACCOUNT_HASH_MAX], other[ACCOUNT_SECRET_MAX];
		struct user u = {.district_id = d.id, .email = demo_users[i].email, .name = demo_users[i].name,
		                 .role = demo_users[i].role};
		/* Only the admin's password is known; the admin sets the others. */
		if (u.role != ROLE_ADMIN)
			cmd_new_password(other);
		rc = account_hash_password(u.role == ROLE_ADMIN ? pw : other, hash, e);
		if (rc == 0)
			rc = user_store_add(db, &u, hash, e);
	}
	for (size_t i = 0; rc == 0 && i < sizeof(demo_initiatives) / sizeof(demo_initiatives[0]); i++) {
		struct initiative in = {.district_id = d.id, .title = demo_initiatives[i].title,
		                        .why = demo_initiatives[i].why, .mode = demo_initiatives[i].mode};
		rc = initiative_check(&in, e);
		if (rc == 0)
			rc = initiative_store_add(db, &in, e);
	}
	if (rc == 0) {
		struct audit_entry ev = {.district_id = d.id, .actor = "cli", .action = "demo.seed",
		                         .detail = "demonstration data loaded"};
		rc = audit_store_add(db, &ev, e);
	}
	return rc;
}

int cmd_seed_demo(int argc, char **argv)
{
	const char *url = NULL, *cred = NULL;
	struct opt opts[] = {{"db", 1, &url}, {"credentials", 1, &cred}, {NULL, 0, NULL}};
	if (cmd_opts("seed-demo", argc, argv, 1, opts, NULL, 0) < 0)
		return cmd_usage("seed-demo", 0);
	if (!cred)
		cred = "var/admin-credentials.txt";
	struct db *db = cmd_open_db("seed-demo", url, 1);
	if (!db)
		return cmd_db_status();
	struct arena a;
	arena_init(&a);
	struct district existing;
	struct err e;
	int rc = district_store_by_slug(db, &a, demo_district.slug, &existing, &e);
	if (rc == 0) {
		printf("the demonstration district is already loaded; the admin's sign-in is in %s\n", cred);
		goto out;
	}
	if (rc != ERR_NOTFOUND)
		goto out;
	char pw[ACCOUNT_SECRET_MAX];
	cmd_new_password(pw);
	if ((rc = db_begin(db, &e)) < 0)
		goto out;
	rc = seed(db, pw, &e);
	if (rc == 0)
		rc = db_commit(db, &e);
	if (rc < 0) {
		db_rollback(db);
		goto out;
	}
	if (save_credentials(cred, ADMIN_EMAIL, pw) < 0)
		fprintf(stderr, "commonground seed-demo: could not write %s; note the password below\n", cred);
	printf("demonstration district loaded\nsign in as %s with password %s\n", ADMIN_EMAIL, pw);
out:
	arena_free(&a);
	db_close(db);
	return rc < 0 ? cmd_fail("seed-demo", 1, "%s", e.msg) : 0;
}

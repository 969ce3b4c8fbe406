#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cmd/cmd.h"
#include "domain/account.h"
#include "store/migrate.h"

int cmd_fail(const char *name, int status, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "commonground %s: ", name);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	return status;
}

static int db_status = 1;

int cmd_db_status(void)
{
	return db_status;
}

struct db *cmd_open_db(const char *name, const char *url, int need_current_schema)
{
	struct db *db = NULL;
	struct err e;
	err_clear(&e);
	db_status = 1;
	if (db_open(url ? url : db_default_url(), &db, &e) < 0) {
		db_status = e.code == ERR_INVALID ? EXIT_USAGE : 1;
		cmd_fail(name, db_status, "%s", e.msg);
		return NULL;
	}
	if (need_current_schema) {
		int cur = migrate_current(db, &e);
		if (cur < 0 || cur < migrate_latest()) {
			if (cur < 0)
				cmd_fail(name, 1, "%s", e.msg);
			else
				cmd_fail(name, 1, "the database is at schema version %d, this program needs %d: run `commonground migrate`",
				         cur, migrate_latest());
			db_close(db);
			return NULL;
		}
	}
	return db;
}

int cmd_read_stdin_line(char *out, size_t n)
{
	if (!fgets(out, (int)n, stdin))
		return -1;
	size_t len = strlen(out);
	if (len && out[len - 1] != '\n' && !feof(stdin))
		return -1; /* longer than the buffer */
	while (len && (out[len - 1] == '\n' || out[len - 1] == '\r'))
		out[--len] = '\0';
	return 0;
}

void cmd_new_password(char *out)
{
	/* 128 random bits in a form that is easy to copy: 24 base64url chars. */
	unsigned char raw[18];
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(out, ACCOUNT_SECRET_MAX, raw, sizeof(raw), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

int cmd_opts(const char *cmd, int argc, char **argv, int from, struct opt *opts, const char **pos, int maxpos)
{
	int npos = 0;
	for (int i = from; i < argc; i++) {
		const char *a = argv[i];
		if (strncmp(a, "--", 2) != 0 || a[2] == '\0') {
			if (npos == maxpos) {
				cmd_fail(cmd, EXIT_USAGE, "unexpected argument '%s'", a);
				return -1;
			}
			pos[npos++] = a;
			continue;
		}
		const char *eq = strchr(a, '=');
		size_t nlen = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
		struct opt *o = NULL;
		for (struct opt *k = opts; k && k->name; k++)
			if (strlen(k->name) == nlen && strncmp(k->name, a + 2, nlen) == 0)
				o = k;
		if (!o) {
			cmd_fail(cmd, EXIT_USAGE, "unknown option '%s' (see --help)", a);
			return -1;
		}
		if (!o->takes_value) {
			if (eq) {
				cmd_fail(cmd, EXIT_USAGE, "--%s takes no value", o->name);
				return -1;
			}
			*o->value = "1";
		} else if (eq) {
			*o->value = eq + 1;
		} else if (i + 1 < argc) {
			*o->value = argv[++i];
		} else {
			cmd_fail(cmd, EXIT_USAGE, "--%s needs a value", o->name);
			return -1;
		}
	}
	return npos;
}

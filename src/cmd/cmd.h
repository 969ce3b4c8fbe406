/* cmd: the subcommands of `commonground`.  Each returns the exit status:
 * 0 success, 1 failure, 2 bad usage — with a one-line reason on stderr. */
#ifndef CG_CMD_H
#define CG_CMD_H
#include "core/err.h"
#include "store/db.h"

struct subcommand {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
	const char *usage;    /* printed by --help */
};

int cmd_serve(int argc, char **argv);
int cmd_migrate(int argc, char **argv);
int cmd_seed_demo(int argc, char **argv);
int cmd_district(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_token(int argc, char **argv);
int cmd_backup(int argc, char **argv);
int cmd_outbox(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_analyze(int argc, char **argv);
int cmd_redact(int argc, char **argv);
int cmd_routes(int argc, char **argv);
int cmd_version(int argc, char **argv);

#define EXIT_USAGE 2

/* Prints "commonground NAME: MESSAGE" on stderr and returns status. */
int cmd_fail(const char *name, int status, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Prints the usage of a subcommand (to stdout for --help, else stderr). */
int cmd_usage(const char *name, int to_stdout);
/* Opens the database and checks that its schema is current; prints the
 * reason and returns NULL when it cannot. */
struct db *cmd_open_db(const char *name, const char *url, int need_current_schema);
/* The exit status for the last failed cmd_open_db: 2 for a malformed URL
 * (bad usage), 1 otherwise. */
int cmd_db_status(void);
/* Reads one line (without the newline) from stdin into out. */
int cmd_read_stdin_line(char *out, size_t n);
/* Writes a random password into out (ACCOUNT_SECRET_MAX bytes). */
void cmd_new_password(char *out);

/* Options of a subcommand: "--name VALUE", "--name=VALUE", or "--name" for
 * flags (value then points to "1").  Unknown options and missing values
 * are usage errors. */
struct opt {
	const char *name;      /* without the dashes */
	int takes_value;
	const char **value;    /* NULL until given */
};
/* Parses argv[from..]; positional arguments are collected into pos (up to
 * maxpos).  Returns the number of positionals, or -1 after printing why. */
int cmd_opts(const char *cmd, int argc, char **argv, int from, struct opt *opts, const char **pos, int maxpos);

#endif

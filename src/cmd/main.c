/* commonground: one program, a table of subcommands. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "cmd/cmd.h"

static const struct subcommand commands[] = {
	{"serve", cmd_serve, "serve the web application",
	 "commonground serve [--listen 127.0.0.1:8080] [--db URL] [--base-url URL] [--threads N] [--quiet]\n"
	 "                   [--no-page-cache]   (render the public hub for every request)"},
	{"migrate", cmd_migrate, "bring the database schema up to date", "commonground migrate [--db URL]"},
	{"seed-demo", cmd_seed_demo, "load the demonstration district (once)",
	 "commonground seed-demo [--db URL] [--credentials FILE]\n"
	 "                       [--district SLUG --name NAME]   (the same story in another district)"},
	{"district", cmd_district, "add or list districts",
	 "commonground district add --slug SLUG --name NAME [--timezone TZ] [--languages en,es] [--db URL]\n"
	 "commonground district list [--db URL]"},
	{"user", cmd_user, "manage the people who sign in",
	 "commonground user add --district SLUG --email E --role admin|staff|facilitator|partner\n"
	 "                      [--name NAME] [--password-stdin] [--db URL]\n"
	 "commonground user list --district SLUG [--db URL]\n"
	 "commonground user disable --email E [--db URL]\n"
	 "commonground user set-password --email E [--password-stdin] [--db URL]"},
	{"token", cmd_token, "create or revoke API tokens",
	 "commonground token create --email E [--label TEXT] [--db URL]   # prints the token\n"
	 "commonground token revoke --token TOKEN [--db URL]"},
	{"outbox", cmd_outbox, "send the messages that are due",
	 "commonground outbox run [--now 2026-12-03T15:00:00Z] [--db URL] [--base-url URL]\n"
	 "  COMMONGROUND_SMTP_URL (smtp://host:port) delivers; without it messages wait in the outbox.\n"
	 "  COMMONGROUND_MAIL_FROM sets the sender address."},
	{"import", cmd_import, "import a transcript of a session",
	 "commonground import transcript --session ID FILE.vtt|.srt|.sbv|.txt [--format vtt|srt|sbv|txt] [--db URL]"},
	{"analyze", cmd_analyze, "find themes in a CSV of open-ended answers",
	 "commonground analyze --in FILE.csv --text-column NAME [--group-column NAME]\n"
	 "                     [--k N] [--lang en|es] [--format json|md|csv] [--threads N] [--seed N]"},
	{"redact", cmd_redact, "redact personal data from a text, or again from what is stored",
	 "commonground redact --text [--names-file F] [--allow-file F] [--lang en|es] [--json]   < TEXT\n"
	 "  names-file: the known people, one per line; allow-file: the district's schools, venues and\n"
	 "  partners, one per line; --json prints the text, the replaced spans and the doubtful words.\n"
	 "commonground redact --all [--dry-run] [--district SLUG] [--db URL]\n"
	 "  redacts again the stored notes, transcript segments, survey comments and quotes (the\n"
	 "  excerpts are the first three; their codings move with the text), each against its\n"
	 "  session's people as they are now and leaving the district's own words (its name, venues,\n"
	 "  partners, sponsors, initiatives, groups); prints what changed per kind. An approved quote\n"
	 "  whose words change goes back to proposed. A second run changes nothing. --dry-run writes\n"
	 "  nothing; without --district every district is done; the run is in the audit log."},
	{"backup", cmd_backup, "copy a live SQLite database consistently",
	 "commonground backup --out FILE [--db sqlite:PATH]"},
	{"routes", cmd_routes, "print the route table as JSON",
	 "commonground routes   # [{\"method\", \"pattern\", \"flags\": [...], \"role\"}, ...]"},
	{"version", cmd_version, "print the version", "commonground version"},
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

int cmd_usage(const char *name, int to_stdout)
{
	FILE *f = to_stdout ? stdout : stderr;
	for (size_t i = 0; i < NCOMMANDS; i++) {
		if (strcmp(commands[i].name, name) == 0) {
			fprintf(f, "usage: %s\n\n%s.\n", commands[i].usage, commands[i].summary);
			if (strstr(commands[i].usage, "--db"))
				fprintf(f, "\n--db takes sqlite:PATH (default sqlite:var/commonground.db) or a postgres:// URL;\n"
				           "COMMONGROUND_DB sets the default.\n");
			return to_stdout ? 0 : EXIT_USAGE;
		}
	}
	return EXIT_USAGE;
}

static void overview(FILE *f)
{
	fprintf(f, "usage: commonground COMMAND [OPTIONS]   (COMMAND --help for its options)\n\n");
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
}

int main(int argc, char **argv)
{
	if (sodium_init() < 0) {
		fprintf(stderr, "commonground: libsodium could not start\n");
		return 1;
	}
	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		overview(argc < 2 ? stderr : stdout);
		return argc < 2 ? EXIT_USAGE : 0;
	}
	if (strcmp(argv[1], "--version") == 0)
		return cmd_version(argc - 1, argv + 1);
	for (size_t i = 0; i < NCOMMANDS; i++) {
		if (strcmp(commands[i].name, argv[1]) != 0)
			continue;
		for (int k = 2; k < argc; k++)
			if (strcmp(argv[k], "--help") == 0 || strcmp(argv[k], "-h") == 0)
				return cmd_usage(commands[i].name, 1);
		return commands[i].run(argc - 1, argv + 1);
	}
	fprintf(stderr, "commonground: unknown command '%s'\n", argv[1]);
	overview(stderr);
	return EXIT_USAGE;
}

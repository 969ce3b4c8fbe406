/* commonground redact: the redaction of conversation text, from the shell.
 *
 *   redact --text [--names-file F] [--allow-file F] [--lang en|es] [--json]
 *
 * reads a text on stdin and prints it redacted: the names of F's people
 * (one per line), of people nobody registered, e-mail addresses, phone
 * numbers and street addresses replaced; with --json, one object with the
 * text, the replaced spans (bytes of the input) and the doubtful words
 * (bytes of the output).  It is how a district tries the finder on its
 * own words, and what `make bench` measures.
 *
 *   redact --all [--dry-run] [--district SLUG] [--db URL]
 *
 * redacts again what is stored — notes, transcript segments, survey
 * comments and quotes, each in its session's context as it is now
 * (service/redaction.h) — in batches, one transaction each, and prints
 * what changed per kind; --dry-run writes nothing.  A progress bar goes
 * to stderr when it is a terminal, one line per kind otherwise. */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/str.h"
#include "domain/redact.h"
#include "service/redaction.h"
#include "store/district_store.h"

#define REDACT_MAX_BYTES ((size_t)64 << 20)

/* The non-empty lines of the file at path, into *out. */
static int read_lines(struct arena *a, const char *path, const char ***out, size_t *n, struct err *e)
{
	struct buf b;
	buf_init(&b, REDACT_MAX_BYTES);
	int rc = buf_add_file(&b, path, e);
	if (rc == 0) {
		const char **lines;
		size_t m = str_lines(a, b.p ? b.p : "", &lines);
		*out = arena_alloc(a, (m + 1) * sizeof(**out));
		*n = 0;
		for (size_t i = 0; i < m; i++)
			if (*lines[i])
				(*out)[(*n)++] = lines[i];
	}
	buf_release(&b);
	return rc;
}

/* All of stdin, whatever it is (a file, a pipe, a socket). */
static int read_stdin(struct buf *in)
{
	char chunk[65536];
	for (;;) {
		ssize_t r = read(STDIN_FILENO, chunk, sizeof(chunk));
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0)
			return 0;
		if (buf_add(in, chunk, (size_t)r) < 0)
			return -1;
	}
}

static json_t *spans_json(const struct redact_span *v, size_t n, int with_kind)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_pack("{s:I, s:I}", "start", (json_int_t)v[i].start, "end", (json_int_t)v[i].end);
		if (with_kind)
			json_object_set_new(o, "kind", json_string(redact_kind_name(v[i].kind)));
		json_array_append_new(arr, o);
	}
	return arr;
}

/* Texts per batch, each batch one transaction. */
#define RERUN_BATCH 200

struct progress {
	bool tty;
	const char *district, *kind;
	int64_t total;
};

static void show_progress(const struct progress *pr, int64_t done, bool finished)
{
	if (pr->tty) {
		int pct = pr->total > 0 ? (int)(done * 100 / pr->total) : 100;
		if (pct > 100 || finished)
			pct = 100;
		int fill = pct / 4;
		fprintf(stderr, "\r%s %-20s [%.*s%*s] %3d%%", pr->district, pr->kind, fill, "#########################",
		        25 - fill, "", pct);
		if (finished)
			fputc('\n', stderr);
	} else if (finished) {
		/* Not a terminal: one line per kind, when it is done. */
		fprintf(stderr, "%s %s: %lld read\n", pr->district, pr->kind, (long long)done);
	}
	fflush(stderr);
}

static void print_tally(const char *kind, const struct redaction_tally *t)
{
	printf("  %s: %lld of %lld changed, %lld placeholder%s added", kind, (long long)t->changed, (long long)t->seen,
	       (long long)t->placeholders, t->placeholders == 1 ? "" : "s");
	if (t->codings)
		printf("; %lld coding%s moved with the text", (long long)t->codings, t->codings == 1 ? "" : "s");
	if (t->reproposed)
		printf("; %lld approved quote%s back to proposed", (long long)t->reproposed, t->reproposed == 1 ? "" : "s");
	if (t->merged)
		printf("; %lld removed as the same words as another quote", (long long)t->merged);
	if (t->summaries)
		printf("; %lld saved summar%s without it", (long long)t->summaries, t->summaries == 1 ? "y" : "ies");
	putchar('\n');
}

/* Every kind of text of one district, batch by batch. */
static int rerun_district(struct db *db, const struct district *d, bool dry_run, struct err *e)
{
	struct redaction_tally tally[REDACTION_NKINDS] = {0};
	int rc = 0;
	printf("%s%s\n", d->slug, dry_run ? " (dry run: nothing is written)" : "");
	for (int k = 0; rc == 0 && k < REDACTION_NKINDS; k++) {
		struct redaction_pass p = {.d = d, .kind = (enum redaction_kind)k, .dry_run = dry_run};
		struct progress pr = {.tty = isatty(STDERR_FILENO) == 1, .district = d->slug,
		                      .kind = redaction_kind_name((enum redaction_kind)k)};
		if (pr.tty && (rc = redaction_rerun_total(db, d->id, p.kind, &pr.total, e)) < 0)
			break;
		while (rc == 0 && !p.done) {
			struct arena a;
			arena_init(&a);
			rc = redaction_rerun_batch(db, &a, &p, RERUN_BATCH, e);
			arena_free(&a);
			if (rc == 0 && pr.tty)
				show_progress(&pr, p.tally.seen, false);
		}
		if (rc < 0) {
			if (pr.tty)
				fputc('\n', stderr);
			printf("  %s: stopped after %lld (the batch after id %lld was not written)\n", pr.kind,
			       (long long)p.tally.seen, (long long)p.after);
			break;
		}
		show_progress(&pr, p.tally.seen, true);
		tally[k] = p.tally;
		print_tally(pr.kind, &p.tally);
	}
	if (rc == 0 && !dry_run) {
		struct arena a;
		arena_init(&a);
		rc = redaction_rerun_log(db, &a, d, "command line", tally, e);
		arena_free(&a);
	}
	fflush(stdout);
	return rc;
}

static int rerun_all(const char *url, const char *slug, bool dry_run)
{
	struct db *db = cmd_open_db("redact", url, 1);
	if (!db)
		return cmd_db_status();
	struct arena a;
	struct err e = {0};
	struct district *ds = NULL, one;
	size_t n = 0;
	int rc;
	arena_init(&a);
	if (slug) {
		rc = district_store_by_slug(db, &a, slug, &one, &e);
		if (rc == ERR_NOTFOUND)
			err_set(&e, rc, "district", "no district has the short name %s", slug);
		ds = &one;
		n = rc == 0;
	} else {
		rc = district_store_list(db, &a, &ds, &n, &e);
	}
	for (size_t i = 0; rc == 0 && i < n; i++)
		rc = rerun_district(db, &ds[i], dry_run, &e);
	arena_free(&a);
	db_close(db);
	return rc < 0 ? cmd_fail("redact", 1, "%s", e.msg) : 0;
}

int cmd_redact(int argc, char **argv)
{
	const char *text = NULL, *names_file = NULL, *allow_file = NULL, *lang = NULL, *as_json = NULL;
	const char *all = NULL, *dry_run = NULL, *slug = NULL, *url = NULL;
	struct opt opts[] = {{"text", 0, &text},         {"names-file", 1, &names_file}, {"allow-file", 1, &allow_file},
	                     {"lang", 1, &lang},         {"json", 0, &as_json},          {"all", 0, &all},
	                     {"dry-run", 0, &dry_run},   {"district", 1, &slug},         {"db", 1, &url},
	                     {NULL, 0, NULL}};
	if (cmd_opts("redact", argc, argv, 1, opts, NULL, 0) < 0)
		return EXIT_USAGE;
	if (!text == !all)
		return cmd_fail("redact", EXIT_USAGE, "give --text (the text comes on stdin) or --all (what is stored)");
	if (all && (names_file || allow_file || lang || as_json))
		return cmd_fail("redact", EXIT_USAGE, "--names-file, --allow-file, --lang and --json go with --text");
	if (text && (dry_run || slug || url))
		return cmd_fail("redact", EXIT_USAGE, "--dry-run, --district and --db go with --all");
	if (all)
		return rerun_all(url, slug, dry_run != NULL);
	if (lang && strcmp(lang, "en") != 0 && strcmp(lang, "es") != 0)
		return cmd_fail("redact", EXIT_USAGE, "--lang is en or es");
	struct arena a;
	struct err e = {0};
	const char **names = NULL, **allow = NULL;
	size_t nnames = 0, nallow = 0;
	int status = 1;
	arena_init(&a);
	struct buf in, out;
	buf_init(&in, REDACT_MAX_BYTES);
	buf_init(&out, REDACT_MAX_BYTES * 2);
	if (names_file && read_lines(&a, names_file, &names, &nnames, &e) < 0) {
		cmd_fail("redact", 1, "%s: %s", names_file, e.msg);
		goto done;
	}
	if (allow_file && read_lines(&a, allow_file, &allow, &nallow, &e) < 0) {
		cmd_fail("redact", 1, "%s: %s", allow_file, e.msg);
		goto done;
	}
	if (read_stdin(&in) < 0) {
		cmd_fail("redact", 1, "stdin: %s", in.overflow ? "the text is larger than 64 MB" : strerror(errno));
		goto done;
	}
	struct redact_names *rn = redact_names_new(&a, names, nnames);
	redact_names_allow(rn, &a, allow, nallow);
	redact_names_lang(rn, lang);
	struct redact_report rep;
	if (redact_run(rn, in.p ? in.p : "", in.len, &a, &out, &rep, &e) < 0) {
		cmd_fail("redact", 1, "%s", e.msg);
		goto done;
	}
	if (as_json) {
		json_t *o = json_pack("{s:s%, s:o, s:o}", "text", out.p ? out.p : "", out.len, "replaced",
		                      spans_json(rep.replaced, rep.nreplaced, 1), "doubts",
		                      spans_json(rep.doubts, rep.ndoubts, 0));
		json_dumpf(o, stdout, JSON_COMPACT);
		fputc('\n', stdout);
		json_decref(o);
	} else {
		fwrite(out.p ? out.p : "", 1, out.len, stdout);
	}
	status = fflush(stdout) == 0 ? 0 : 1;
done:
	buf_release(&in);
	buf_release(&out);
	arena_free(&a);
	return status;
}

/* commonground redact: the redaction of conversation text, from the shell.
 *
 *   redact --text [--names-file F] [--allow-file F] [--lang en|es] [--json]
 *
 * reads a text on stdin and prints it redacted: the names of F's people
 * (one per line), of people nobody registered, e-mail addresses, phone
 * numbers and street addresses replaced; with --json, one object with the
 * text, the replaced spans (bytes of the input) and the doubtful words
 * (bytes of the output).  It is how a district tries the finder on its
 * own words, and what `make bench` measures. */
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

int cmd_redact(int argc, char **argv)
{
	const char *text = NULL, *names_file = NULL, *allow_file = NULL, *lang = NULL, *as_json = NULL;
	struct opt opts[] = {{"text", 0, &text},     {"names-file", 1, &names_file}, {"allow-file", 1, &allow_file},
	                     {"lang", 1, &lang},     {"json", 0, &as_json},          {NULL, 0, NULL}};
	if (cmd_opts("redact", argc, argv, 1, opts, NULL, 0) < 0)
		return EXIT_USAGE;
	if (!text)
		return cmd_fail("redact", EXIT_USAGE, "give --text (the text comes on stdin)");
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

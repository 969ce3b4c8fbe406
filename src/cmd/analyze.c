/* commonground analyze: themes, common ground and divergence in any CSV of
 * open-ended answers (a survey export), without a database.  The engine is
 * analysis/themes.h; this file reads the CSV, reports progress on stderr and
 * writes JSON, Markdown or CSV on stdout. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analysis/lexicon.h"
#include "analysis/themes.h"
#include "cmd/cmd.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/csv.h"
#include "core/lang.h"
#include "core/str.h"

/* Files up to 1 GiB and 5 million answers. */
#define ANALYZE_MAX_BYTES ((size_t)1 << 30)
#define ANALYZE_MAX_ROWS 5000000
/* Below this many answers the work is too quick to be worth a progress bar. */
#define PROGRESS_FROM 20000

struct bar {
	bool on, tty;
	const char *stage;
};

static void show_progress(void *ctx, const char *stage, size_t done, size_t total)
{
	struct bar *b = ctx;
	if (!b->on)
		return;
	int pct = total ? (int)(done * 100 / total) : 100;
	if (b->tty) {
		int fill = pct / 4;
		fprintf(stderr, "\r%-32s [%.*s%*s] %3d%%", stage, fill, "#########################", 25 - fill, "", pct);
		if (done >= total)
			fputc('\n', stderr);
	} else if (done == 0 || done >= total) {
		/* Not a terminal: one line when a stage starts and when it ends. */
		fprintf(stderr, "%s: %s\n", stage, done == 0 ? "started" : "done");
	}
	fflush(stderr);
	b->stage = stage;
}

static json_t *as_json(const struct themes_result *r, const struct csv_table *t, int text_col)
{
	json_t *themes = json_array();
	for (size_t i = 0; i < r->nthemes; i++) {
		const struct theme *th = &r->themes[i];
		json_t *terms = json_array(), *ex = json_array(), *groups = json_object();
		for (size_t k = 0; k < th->nterms; k++)
			json_array_append_new(terms, json_string(th->terms[k]));
		for (size_t k = 0; k < th->nexcerpts; k++)
			json_array_append_new(ex, json_pack("{s:I, s:I, s:s}", "row", (json_int_t)th->excerpts[k] + 1, "line",
			                                    (json_int_t)t->rows[th->excerpts[k]].line, "text",
			                                    t->rows[th->excerpts[k]].fields[text_col]));
		for (size_t g = 0; g < r->ngroups; g++)
			json_object_set_new(groups, r->groups[g], json_integer((json_int_t)th->group_counts[g]));
		json_t *o = json_pack("{s:i, s:s, s:o, s:I, s:f, s:o, s:o, s:f, s:b}", "id", th->id, "label", th->label,
		                      "terms", terms, "size", (json_int_t)th->size, "share", th->share, "excerpts", ex,
		                      "groups", groups, "sentiment", th->sentiment, "common", th->common);
		json_object_set_new(o, "evenness", th->evenness < 0 ? json_null() : json_real(th->evenness));
		json_object_set_new(o, "concentrated_in",
		                    th->divergent_group >= 0 ? json_string(r->groups[th->divergent_group]) : json_null());
		json_array_append_new(themes, o);
	}
	json_t *assign = json_array(), *cg = json_array(), *dv = json_array();
	for (size_t d = 0; d < r->ndocs; d++)
		json_array_append_new(assign, r->assignments[d] ? json_integer(r->assignments[d]) : json_null());
	for (size_t i = 0; i < r->ncommon; i++)
		json_array_append_new(cg, json_integer(r->common_ground[i]));
	for (size_t i = 0; i < r->ndivergence; i++)
		json_array_append_new(dv, json_integer(r->divergence[i]));
	return json_pack("{s:I, s:I, s:o, s:o, s:o, s:o, s:i, s:f}", "documents", (json_int_t)r->ndocs, "terms",
	                 (json_int_t)r->nterms, "themes", themes, "assignments", assign, "common_ground", cg, "divergence",
	                 dv, "iterations", r->iterations, "error", r->error);
}

static const struct theme *theme_by_id(const struct themes_result *r, int id)
{
	return id >= 1 && (size_t)id <= r->nthemes ? &r->themes[id - 1] : NULL;
}

/* Text in a Markdown table cell: a pipe escaped, line breaks as spaces. */
static void md_cell(struct buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '|')
			buf_adds(b, "\\|");
		else
			buf_addc(b, *s == '\n' || *s == '\r' ? ' ' : *s);
	}
}

static void as_markdown(const struct themes_result *r, const struct csv_table *t, int text_col, struct buf *b)
{
	buf_printf(b, "# Themes in %zu answers\n\n", r->ndocs);
	if (r->ngroups >= 2) {
		buf_adds(b, "## Common ground\n\n");
		if (!r->ncommon)
			buf_adds(b, "No theme was raised in every group.\n");
		for (size_t i = 0; i < r->ncommon; i++) {
			const struct theme *th = theme_by_id(r, r->common_ground[i]);
			buf_printf(b, "- **%s** (evenness %.2f)\n", th->label, th->evenness);
		}
		buf_adds(b, "\n## Divergence\n\n");
		if (!r->ndivergence)
			buf_adds(b, "No theme is concentrated in one group.\n");
		for (size_t i = 0; i < r->ndivergence; i++) {
			const struct theme *th = theme_by_id(r, r->divergence[i]);
			buf_printf(b, "- **%s**, mostly from %s\n", th->label, r->groups[th->divergent_group]);
		}
		buf_adds(b, "\n");
	}
	for (size_t i = 0; i < r->nthemes; i++) {
		const struct theme *th = &r->themes[i];
		buf_printf(b, "## %d. %s\n\n%zu answers (%.1f%%), sentiment %+.2f\n\nTerms:", th->id, th->label, th->size,
		           th->share * 100, th->sentiment);
		for (size_t k = 0; k < th->nterms; k++)
			buf_printf(b, "%s %s", k ? "," : "", th->terms[k]);
		buf_adds(b, "\n\n");
		if (r->ngroups) {
			buf_adds(b, "| Group | Answers |\n|---|---|\n");
			for (size_t g = 0; g < r->ngroups; g++) {
				buf_adds(b, "| ");
				md_cell(b, r->groups[g]);
				buf_printf(b, " | %zu |\n", th->group_counts[g]);
			}
			buf_adds(b, "\n");
		}
		for (size_t k = 0; k < th->nexcerpts; k++) {
			/* One line per quote: line breaks inside an answer become spaces. */
			buf_adds(b, "> ");
			for (const char *p = t->rows[th->excerpts[k]].fields[text_col]; *p; p++)
				buf_addc(b, *p == '\n' || *p == '\r' ? ' ' : *p);
			buf_printf(b, " (row %zu)\n>\n", th->excerpts[k] + 1);
		}
		buf_adds(b, "\n");
	}
}

static void as_csv(const struct themes_result *r, struct buf *b)
{
	buf_adds(b, "row,theme,label\r\n");
	for (size_t d = 0; d < r->ndocs; d++) {
		const struct theme *th = theme_by_id(r, r->assignments[d]);
		buf_printf(b, "%zu,", d + 1);
		if (th) {
			buf_printf(b, "%d,", th->id);
			csv_write_field(b, th->label, strlen(th->label), 0);
		} else {
			buf_addc(b, ',');
		}
		buf_adds(b, "\r\n");
	}
}

/* "en or es": the languages of core/lang.h that analysis/lexicon.h has
 * lists for. */
static void analysis_langs(struct buf *b)
{
	size_t total = 0, n = 0;
	for (size_t i = 0; i < lang_count(); i++)
		total += lexicon_lang_of(lang_at(i)->tag) >= 0;
	for (size_t i = 0; i < lang_count(); i++) {
		const char *tag = lang_at(i)->tag;
		if (lexicon_lang_of(tag) < 0)
			continue;
		if (n++)
			buf_adds(b, n == total ? " or " : ", ");
		buf_adds(b, tag);
	}
}

/* commonground analyze --in FILE.csv --text-column NAME [--group-column NAME]
 *                      [--k N] [--lang en|es] [--format json|md|csv] [--threads N] [--seed N] */
int cmd_analyze(int argc, char **argv)
{
	const char *in = NULL, *text = NULL, *group = NULL, *ks = NULL, *lang = NULL, *format = "json",
	           *threads = NULL, *seed = NULL;
	struct opt opts[] = {{"in", 1, &in},         {"text-column", 1, &text}, {"group-column", 1, &group},
	                     {"k", 1, &ks},          {"lang", 1, &lang},        {"format", 1, &format},
	                     {"threads", 1, &threads}, {"seed", 1, &seed},     {NULL, 0, NULL}};
	if (cmd_opts("analyze", argc, argv, 1, opts, NULL, 0) < 0)
		return cmd_usage("analyze", 0);
	if (!in || !text)
		return cmd_fail("analyze", EXIT_USAGE, "give --in FILE.csv and --text-column NAME");
	int64_t k = 0, nthreads = 0, nseed = 0;
	if (ks && parse_i64(ks, 1, THEMES_K_MAX, &k) < 0)
		return cmd_fail("analyze", EXIT_USAGE, "--k takes a number of themes from 1 to %d", THEMES_K_MAX);
	if (threads && parse_i64(threads, 1, 16, &nthreads) < 0)
		return cmd_fail("analyze", EXIT_USAGE, "--threads takes a number from 1 to 16");
	if (seed && parse_i64(seed, 1, INT64_MAX, &nseed) < 0)
		return cmd_fail("analyze", EXIT_USAGE, "--seed takes a positive number");
	int lg = lang ? lexicon_lang_of(lang) : -1;
	if (lang && lg < 0) {
		struct buf l;
		buf_init(&l, 1024);
		analysis_langs(&l);
		int rc = cmd_fail("analyze", EXIT_USAGE, "--lang is %s", l.p);
		buf_release(&l);
		return rc;
	}
	if (strcmp(format, "json") != 0 && strcmp(format, "md") != 0 && strcmp(format, "csv") != 0)
		return cmd_fail("analyze", EXIT_USAGE, "--format is json, md or csv");

	struct buf data;
	struct err e;
	err_clear(&e);
	buf_init(&data, ANALYZE_MAX_BYTES);
	if (buf_add_file(&data, in, &e) < 0) {
		buf_release(&data);
		return cmd_fail("analyze", 1, "%s: %s", in, e.msg);
	}
	struct arena a;
	arena_init(&a);
	struct csv_table t;
	struct csv_limits lim = {.max_bytes = ANALYZE_MAX_BYTES, .max_rows = ANALYZE_MAX_ROWS};
	int rc = csv_parse(&a, data.p, data.len, 0, &lim, &t, &e);
	buf_release(&data);
	if (rc < 0) {
		arena_free(&a);
		return cmd_fail("analyze", 1, "%s: %s", in, e.msg);
	}
	int tcol = csv_column(&t, text), gcol = group ? csv_column(&t, group) : -1;
	if (tcol < 0 || (group && gcol < 0)) {
		struct buf cols;
		buf_init(&cols, 1 << 16);
		for (size_t i = 0; i < t.ncols; i++)
			buf_printf(&cols, "%s%s", i ? ", " : "", t.header[i]);
		rc = cmd_fail("analyze", EXIT_USAGE, "%s has no column named \"%s\"; its columns are: %s", in,
		              tcol < 0 ? text : group, cols.p ? cols.p : "");
		buf_release(&cols);
		arena_free(&a);
		return rc;
	}
	for (size_t i = 0; i < t.nrejects && i < 5; i++)
		fprintf(stderr, "commonground analyze: skipped %s\n", t.rejects[i].msg);
	if (t.nrejects > 5)
		fprintf(stderr, "commonground analyze: skipped %zu more malformed rows\n", t.nrejects - 5);

	struct theme_doc *docs = arena_alloc(&a, (t.nrows + 1) * sizeof(*docs));
	for (size_t i = 0; i < t.nrows; i++)
		docs[i] = (struct theme_doc){t.rows[i].fields[tcol], gcol >= 0 ? t.rows[i].fields[gcol] : NULL};
	struct bar bar = {.on = t.nrows >= PROGRESS_FROM, .tty = isatty(STDERR_FILENO) == 1};
	struct theme_opts o = {.k = (int)k, .lang = lg, .threads = (int)nthreads, .seed = (uint64_t)nseed,
	                       .progress = show_progress, .progress_ctx = &bar};
	struct themes_result r;
	rc = themes_find(&a, docs, t.nrows, &o, &r, &e);
	if (rc < 0) {
		arena_free(&a);
		return cmd_fail("analyze", 1, "%s", e.msg);
	}
	show_progress(&bar, "writing", 0, 1);
	struct buf outb;
	buf_init(&outb, (size_t)1 << 30);
	if (strcmp(format, "json") == 0) {
		json_t *j = as_json(&r, &t, tcol);
		char *s = json_dumps(j, JSON_COMPACT);
		json_decref(j);
		if (s) {
			buf_adds(&outb, s);
			buf_addc(&outb, '\n');
			free(s);
		}
	} else if (strcmp(format, "md") == 0) {
		as_markdown(&r, &t, tcol, &outb);
	} else {
		as_csv(&r, &outb);
	}
	size_t wrote = outb.len ? fwrite(outb.p, 1, outb.len, stdout) : 0;
	int ok = wrote == outb.len && fflush(stdout) == 0;
	show_progress(&bar, "writing", 1, 1);
	buf_release(&outb);
	arena_free(&a);
	return ok ? 0 : cmd_fail("analyze", 1, "could not write the result");
}

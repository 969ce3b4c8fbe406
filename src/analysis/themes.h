/* themes: what a set of open-ended comments is about, and where groups
 * meet or part.
 *
 * The engine behind the Understand pages, the API and `commonground
 * analyze`.  For n comments (each with an optional stakeholder group):
 *   1. words: tokenized, stop words dropped, stemmed in English or Spanish
 *      (analysis/text.h); two- and three-word phrases that recur are added
 *      as terms of their own;
 *   2. TF-IDF: terms in at least 2 comments and at most 95% of them, each
 *      comment a unit-length row;
 *   3. themes: non-negative matrix factorization (analysis/nmf.h) with k
 *      given, or chosen among 3..10 (at most a fifth of the comments with
 *      words; 2 below 15 of them) by the coherence and diversity of the
 *      themes' top terms on a sample;
 *   4. for each theme: a label from its top phrases and terms, its terms,
 *      its comments (each comment goes to its strongest theme, or none when
 *      it has no known term), the most representative of them, its count per
 *      group and a sentiment score from the lexicon (analysis/lexicon.h);
 *   5. common ground: themes raised in every group — no group's rate (the
 *      share of its comments the theme holds) below half the groups' mean —
 *      ranked by how evenly (normalized entropy of the rates); divergence:
 *      themes whose rate in one group is at least three times the mean of
 *      the others'.
 * Rules only: no HTTP, no SQL.  The same input and options give the same
 * output.  See docs/internals/themes.md.
 */
#ifndef CG_ANALYSIS_THEMES_H
#define CG_ANALYSIS_THEMES_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"

#define THEMES_K_MAX 50
#define THEMES_EXCERPTS 5
#define THEMES_TERMS 10

struct theme_doc {
	const char *text;    /* UTF-8 */
	const char *group;   /* NULL or "": none */
};

struct theme_opts {
	int k;               /* 0: choose */
	int lang;            /* LEX_EN, LEX_ES, or -1: each comment's own, guessed */
	int threads;         /* 0: 2 (the output does not depend on the machine's cores) */
	uint64_t seed;       /* 0: a fixed default */
	/* Called now and then from the calling thread; may be NULL. */
	void (*progress)(void *ctx, const char *stage, size_t done, size_t total);
	void *progress_ctx;
};

struct theme {
	int id;                   /* 1-based, in order of size (largest first) */
	const char *label;
	const char **terms;       /* up to THEMES_TERMS, strongest first */
	size_t nterms;
	size_t size;              /* comments assigned */
	double share;             /* size / comments */
	size_t *excerpts;         /* comment indexes, most representative first */
	size_t nexcerpts;
	size_t *group_counts;     /* per group, in themes_result.groups order */
	double evenness;          /* 0..1: normalized entropy of the groups' rates; -1 with fewer than 2 groups */
	bool common;              /* raised in every group (2 groups or more) */
	double concentration;     /* the highest group rate / the mean of the others' */
	int divergent_group;      /* index of the group it concentrates in, or -1 */
	double sentiment;         /* -1..1, mean over its comments */
};

struct themes_result {
	size_t ndocs;
	size_t ngroups;
	const char **groups;      /* in order of first appearance */
	size_t *group_sizes;
	size_t nterms;            /* terms kept (columns of the matrix) */
	size_t nthemes;
	struct theme *themes;
	int *assignments;         /* per comment: a theme id, or 0 for none */
	int *common_ground;       /* theme ids, most even first */
	size_t ncommon;
	int *divergence;          /* theme ids, most concentrated first */
	size_t ndivergence;
	int iterations;
	double error;             /* relative reconstruction error */
};

/* Sets evenness, common, concentration and divergent_group of th from
 * th->size and th->group_counts against the groups' sizes (rule 5 above);
 * leaves them alone with fewer than two groups that have comments.  For
 * themes counted elsewhere (a codebook's codes). */
void theme_spread(struct theme *th, const size_t *group_sizes, size_t ngroups);

/* Everything in *out lives in a.  Returns 0; ERR_INVALID when there are
 * fewer than 2 comments with words, or k is outside 1..THEMES_K_MAX or
 * above the number of comments with words. */
int themes_find(struct arena *a, const struct theme_doc *docs, size_t n, const struct theme_opts *o,
                struct themes_result *out, struct err *e);

#endif

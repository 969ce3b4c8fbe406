/* representation: who took part, against the community's own make-up.
 *
 * Joins the people counted per category (from registrations and survey
 * answers) with the district's baseline shares (plan.h) dimension by
 * dimension, flags the categories that are under-represented and, for the
 * public report, hides small counts so that nobody can be singled out.
 * Rules only: no HTTP, no SQL.  See docs/internals/participation.md.
 */
#ifndef CG_REPRESENTATION_H
#define CG_REPRESENTATION_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "domain/plan.h"

/* Public view: counts from 1 to REPRESENTATION_MIN_PUBLIC - 1 are hidden
 * (0 identifies nobody and stays visible). */
#define REPRESENTATION_MIN_PUBLIC 5
/* Under-represented: baseline >= REPRESENTATION_UNDER_MIN_BP basis points
 * (5%) and share < 4/5 of the baseline. */
#define REPRESENTATION_UNDER_MIN_BP 500
/* Largest count accepted, per input row and per dimension total. */
#define REPRESENTATION_MAX_COUNT 1000000000
/* Largest ncounts + nbase accepted. */
#define REPRESENTATION_MAX_ROWS 5000

/* People who took part, per category. */
struct representation_count {
	const char *dimension, *category;
	int64_t count;
};

struct representation_row {
	const char *category;
	int64_t count;    /* -1 when hidden (public view) */
	double share;     /* of the dimension's known participants; -1 when hidden or known is 0 */
	double baseline;  /* 0..1 from share_bp; -1 when the baseline lacks the category */
	double ratio;     /* share / baseline; -1 when hidden, unknown or the baseline is 0 */
	int under;        /* flagged under-represented (see the header comment of representation_compute) */
};

struct representation_dim {
	const char *dimension;
	size_t nrows;
	struct representation_row *rows;  /* baseline order, then categories only counted, in count order */
	int64_t known;    /* people counted in the dimension; -1 when hidden (public view) */
};

struct representation {
	size_t ndims;
	struct representation_dim *dims;  /* order of first appearance: baseline, then counts */
};

/* Joins counts with the baseline per dimension into *out.
 *
 * Dimensions and categories match ASCII-case-insensitively, surrounding
 * spaces ignored; the baseline's spelling is kept.  Counts of the same
 * category are added up.  A baseline category nobody came from is a row with
 * count 0; a counted category missing from the baseline has baseline -1 and
 * is never flagged.  A dimension nobody was counted in (known 0) has shares
 * -1 and no flags: there is nothing to compare.
 *
 * under: baseline >= 5% and share < 0.8 x baseline (computed exactly on the
 * integers: count x 12500 < share_bp x known).
 *
 * public_view: a count from 1 to 4 is hidden (count, share, ratio -1).  When
 * a dimension would hide only one row, the smallest other non-zero row (or
 * else a zero row) is hidden too, so that no count can be recovered as known
 * minus the visible ones; a dimension of a single hidden row hides known.  A
 * hidden row is flagged under only when that follows from what the page
 * shows: H x 12500 < share_bp x known, H being the hidden rows' total (known
 * minus the visible counts), the most the row could hold.
 *
 * Everything in *out is allocated from a and lives until arena_free.
 * Returns 0; or ERR_INVALID (empty dimension or category, a negative count,
 * share_bp outside 0..10000, a category twice in the baseline) or ERR_LIMIT
 * (past REPRESENTATION_MAX_COUNT or REPRESENTATION_MAX_ROWS), with e->field
 * naming the field and *out zeroed. */
int representation_compute(struct arena *a, const struct representation_count *counts, size_t ncounts,
                           const struct baseline_share *base, size_t nbase, bool public_view,
                           struct representation *out, struct err *e);

#endif

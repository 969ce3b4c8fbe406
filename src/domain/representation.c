#include "domain/representation.h"

#include <string.h>
#include <strings.h>

#include "core/str.h"

/* A row while joining: the public row plus what the rules need. */
struct jrow {
	struct str key;     /* trimmed category, for matching */
	const char *category;
	int64_t count, bp;  /* bp -1: not in the baseline */
	bool hidden;
};

/* A dimension while joining. */
struct jdim {
	struct str key;
	const char *dimension;
	struct jrow *rows;
	size_t nrows, cap;
};

struct join {
	struct jdim *dims;
	size_t ndims, cap;
};

/* ASCII-case-insensitive equality of two slices. */
static bool key_eq(struct str a, struct str b)
{
	return a.len == b.len && strncasecmp(a.p, b.p, a.len) == 0;
}

/* The trimmed, non-empty slice of s in *k; or an error naming field. */
static int key_of(const char *s, const char *field, const char *label, struct str *k, struct err *e)
{
	*k = str_trim(str_from(s ? s : ""));
	if (!k->len)
		return err_set(e, ERR_INVALID, field, "Every row needs a %s.", label);
	return 0;
}

/* The dimension named k, added when new. */
static struct jdim *dim_get(struct arena *a, struct join *j, struct str k)
{
	for (size_t i = 0; i < j->ndims; i++)
		if (key_eq(j->dims[i].key, k))
			return &j->dims[i];
	j->dims = arena_grow(a, j->dims, j->ndims, &j->cap, sizeof(*j->dims));
	struct jdim *d = &j->dims[j->ndims++];
	d->dimension = arena_strndup(a, k.p, k.len);
	d->key = str_from(d->dimension);
	return d;
}

/* The row of category k in d, or NULL. */
static struct jrow *row_find(struct jdim *d, struct str k)
{
	for (size_t i = 0; i < d->nrows; i++)
		if (key_eq(d->rows[i].key, k))
			return &d->rows[i];
	return NULL;
}

/* A new row of category k in d, count 0 and no baseline. */
static struct jrow *row_add(struct arena *a, struct jdim *d, struct str k)
{
	d->rows = arena_grow(a, d->rows, d->nrows, &d->cap, sizeof(*d->rows));
	struct jrow *r = &d->rows[d->nrows++];
	r->category = arena_strndup(a, k.p, k.len);
	r->key = str_from(r->category);
	r->bp = -1;
	return r;
}

/* Adds the baseline rows to j.  Returns 0 or an error. */
static int join_base(struct arena *a, struct join *j, const struct baseline_share *base, size_t n,
                     struct err *e)
{
	for (size_t i = 0; i < n; i++) {
		struct str dk, ck;
		if (key_of(base[i].dimension, "dimension", "dimension", &dk, e) < 0 ||
		    key_of(base[i].category, "category", "category", &ck, e) < 0)
			return ERR_INVALID;
		if (base[i].share_bp < 0 || base[i].share_bp > 10000)
			return err_set(e, ERR_INVALID, "share", "A baseline share must be between 0 and 100%%.");
		struct jdim *d = dim_get(a, j, dk);
		if (row_find(d, ck))
			return err_set(e, ERR_INVALID, "category", "The baseline lists \"%s\" twice under %s.",
			               row_find(d, ck)->category, d->dimension);
		row_add(a, d, ck)->bp = base[i].share_bp;
	}
	return 0;
}

/* Adds the counts to j, summing those of one category.  Returns 0 or an
 * error. */
static int join_counts(struct arena *a, struct join *j, const struct representation_count *c, size_t n,
                       struct err *e)
{
	for (size_t i = 0; i < n; i++) {
		struct str dk, ck;
		if (key_of(c[i].dimension, "dimension", "dimension", &dk, e) < 0 ||
		    key_of(c[i].category, "category", "category", &ck, e) < 0)
			return ERR_INVALID;
		if (c[i].count < 0)
			return err_set(e, ERR_INVALID, "count", "A count cannot be negative.");
		if (c[i].count > REPRESENTATION_MAX_COUNT)
			return err_set(e, ERR_LIMIT, "count", "A count is too large.");
		struct jdim *d = dim_get(a, j, dk);
		struct jrow *r = row_find(d, ck);
		if (!r)
			r = row_add(a, d, ck);
		r->count += c[i].count;   /* both <= MAX_COUNT: no overflow */
		if (r->count > REPRESENTATION_MAX_COUNT)
			return err_set(e, ERR_LIMIT, "count", "A count is too large.");
	}
	return 0;
}

/* The under-represented rule on integers: bp >= 5% and n / known < 0.8 x
 * bp / 10000, i.e. n x 12500 < bp x known.  Operands stay below 2^44. */
static int under_rule(int64_t n, int64_t bp, int64_t known)
{
	return known > 0 && bp >= REPRESENTATION_UNDER_MIN_BP && n * 12500 < bp * known;
}

/* Public view: marks the small counts of d hidden, and one more row when a
 * single hidden one could be recovered by subtraction.  Returns false when
 * that cannot help (a single row): known must then be hidden. */
static bool suppress(struct jdim *d)
{
	size_t nhidden = 0;
	struct jrow *other = NULL;
	for (size_t i = 0; i < d->nrows; i++) {
		struct jrow *r = &d->rows[i];
		r->hidden = r->count > 0 && r->count < REPRESENTATION_MIN_PUBLIC;
		nhidden += r->hidden;
	}
	if (nhidden != 1)
		return true;
	/* The smallest visible non-zero count, else the first zero. */
	for (size_t i = 0; i < d->nrows; i++) {
		struct jrow *r = &d->rows[i];
		if (r->hidden)
			continue;
		if (!other || (r->count && (!other->count || r->count < other->count)))
			other = r;
	}
	if (!other)
		return false;
	other->hidden = true;
	return true;
}

/* The public rows of d into out. */
static void finish_dim(struct arena *a, struct jdim *d, bool public_view, struct representation_dim *out)
{
	int64_t known = 0, visible = 0;
	bool known_shown = true;
	for (size_t i = 0; i < d->nrows; i++)
		known += d->rows[i].count;   /* <= MAX_COUNT, checked by the caller */
	if (public_view)
		known_shown = suppress(d);
	for (size_t i = 0; i < d->nrows; i++)
		if (!d->rows[i].hidden)
			visible += d->rows[i].count;

	out->dimension = d->dimension;
	out->known = known_shown ? known : -1;
	out->nrows = d->nrows;
	out->rows = arena_alloc(a, (d->nrows ? d->nrows : 1) * sizeof(*out->rows));
	for (size_t i = 0; i < d->nrows; i++) {
		const struct jrow *r = &d->rows[i];
		struct representation_row *o = &out->rows[i];
		o->category = r->category;
		o->baseline = r->bp >= 0 ? (double)r->bp / 10000 : -1;
		o->count = r->hidden ? -1 : r->count;
		o->share = o->ratio = -1;
		if (r->hidden) {
			/* Only what the page already implies: even all the
			 * hidden people together would be too few. */
			o->under = known_shown && under_rule(known - visible, r->bp, known);
			continue;
		}
		if (known > 0) {
			o->share = (double)r->count / (double)known;
			if (r->bp > 0)
				o->ratio = o->share / o->baseline;
		}
		o->under = under_rule(r->count, r->bp, known);
	}
}

int representation_compute(struct arena *a, const struct representation_count *counts, size_t ncounts,
                           const struct baseline_share *base, size_t nbase, bool public_view,
                           struct representation *out, struct err *e)
{
	struct join j = {0};
	int rc;

	memset(out, 0, sizeof(*out));
	if ((!counts && ncounts) || (!base && nbase))
		return err_set(e, ERR_INVALID, NULL, "Missing counts or baseline.");
	if (ncounts > REPRESENTATION_MAX_ROWS || nbase > REPRESENTATION_MAX_ROWS - ncounts)
		return err_set(e, ERR_LIMIT, NULL, "At most %d categories can be compared.",
		               REPRESENTATION_MAX_ROWS);
	if ((rc = join_base(a, &j, base, nbase, e)) < 0 || (rc = join_counts(a, &j, counts, ncounts, e)) < 0)
		return rc;
	for (size_t i = 0; i < j.ndims; i++) {
		int64_t known = 0;
		for (size_t k = 0; k < j.dims[i].nrows; k++) {
			known += j.dims[i].rows[k].count;
			if (known > REPRESENTATION_MAX_COUNT)
				return err_set(e, ERR_LIMIT, "count", "Too many people counted under %s.",
				               j.dims[i].dimension);
		}
	}

	out->ndims = j.ndims;
	out->dims = arena_alloc(a, (j.ndims ? j.ndims : 1) * sizeof(*out->dims));
	for (size_t i = 0; i < j.ndims; i++)
		finish_dim(a, &j.dims[i], public_view, &out->dims[i]);
	return 0;
}

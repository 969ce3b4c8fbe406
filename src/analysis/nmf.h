/* nmf: non-negative matrix factorization of a sparse document × term
 * matrix, X ≈ W H, for the theme engine.
 *
 * X is n × m in compressed rows (TF-IDF weights), W is n × k (how much of
 * each theme a document holds), H is k × m (each theme's terms).  The
 * factors start from spherical k-means centroids of a sample of documents
 * (k-means++ seeding from a fixed seed) and improve by hierarchical
 * alternating least squares (HALS), which converges in far fewer passes
 * than multiplicative updates.  The sparse products run on `threads`
 * threads over fixed slices and are summed in a fixed order, so the same
 * input, seed and thread count give the same factors, bit for bit.
 * See docs/internals/themes.md.
 */
#ifndef CG_ANALYSIS_NMF_H
#define CG_ANALYSIS_NMF_H
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct sparse {
	size_t nrows, ncols;
	size_t *rowptr;     /* nrows + 1 */
	uint32_t *col;      /* rowptr[nrows] column indices, increasing within a row */
	float *val;
};

struct nmf_opts {
	int k;
	int max_iter;       /* 0: 200 */
	double tol;         /* relative decrease of the error below which it stops; 0: 1e-4 */
	int threads;        /* 0: 1 */
	uint64_t seed;
	size_t sample;      /* documents the k-means start looks at; 0: 5000 */
};

struct nmf_result {
	int iterations;
	double error;       /* ||X - WH||_F / ||X||_F at the end */
};

/* W (nrows × k) and H (k × ncols), row-major, allocated by the caller.  On
 * return the rows of H have unit length and W carries the scale.  Returns
 * 0; ERR_INVALID for k < 1 or k > nrows. */
int nmf_fit(const struct sparse *x, const struct nmf_opts *o, float *w, float *h, struct nmf_result *res,
            struct err *e);

/* W (nrows × k) for the rows of x given H (k × ncols, as nmf_fit leaves
 * it): the W half of HALS, sweeps times.  For fitting on a sample and
 * placing every row afterwards.  Returns 0, or ERR_INVALID for a bad k. */
int nmf_transform(const struct sparse *x, int k, const float *h, int sweeps, int threads, float *w);

/* Runs fn(ctx, t, from, to) on threads threads over [0, n) cut in equal
 * consecutive slices (thread t gets the t-th); waits for all. */
void nmf_parallel(int threads, size_t n, void (*fn)(void *ctx, int t, size_t from, size_t to), void *ctx);

/* A small deterministic generator (xorshift64*), for sampling. */
uint64_t nmf_rand(uint64_t *state);

#endif

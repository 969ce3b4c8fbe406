#include "analysis/nmf.h"

/* The inner loops run over k (a handful to a few dozen themes): GCC
 * vectorizes them at -O3, not at the project's -O2. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("O3")
#endif

#include <math.h>
#include <pthread.h>
#include <stdbool.h>
#include <string.h>

#include "core/mem.h"

#define EPS 1e-12f
#define MAX_THREADS 16
#define THEMES_NMF_K_MAX 64
#define KMEANS_RUNS 8

uint64_t nmf_rand(uint64_t *s)
{
	uint64_t x = *s ? *s : 0x9e3779b97f4a7c15ull;
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*s = x;
	return x * 0x2545f4914f6cdd1dull;
}

struct slice {
	void (*fn)(void *ctx, int t, size_t from, size_t to);
	void *ctx;
	int t;
	size_t from, to;
};

static void *run_slice(void *arg)
{
	struct slice *s = arg;
	s->fn(s->ctx, s->t, s->from, s->to);
	return NULL;
}

void nmf_parallel(int threads, size_t n, void (*fn)(void *ctx, int t, size_t from, size_t to), void *ctx)
{
	if (threads < 1)
		threads = 1;
	if (threads > MAX_THREADS)
		threads = MAX_THREADS;
	struct slice sl[MAX_THREADS];
	pthread_t th[MAX_THREADS];
	bool started[MAX_THREADS] = {false};
	for (int t = 0; t < threads; t++)
		sl[t] = (struct slice){fn, ctx, t, n * (size_t)t / (size_t)threads, n * (size_t)(t + 1) / (size_t)threads};
	/* Slice 0 runs here; the others on their own threads (or here, in
	 * order, when a thread cannot be made: same result, only slower). */
	for (int t = 1; t < threads; t++)
		started[t] = pthread_create(&th[t], NULL, run_slice, &sl[t]) == 0;
	run_slice(&sl[0]);
	for (int t = 1; t < threads; t++) {
		if (started[t])
			pthread_join(th[t], NULL);
		else
			run_slice(&sl[t]);
	}
}

/* ---- the products ---- */

/* a . b over k: four sums at once, so the additions need not wait on each
 * other (the order is fixed, so the result is too). */
static inline float dot(const float *a, const float *b, int k)
{
	float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
	int l = 0;
	for (; l + 4 <= k; l += 4) {
		s0 += a[l] * b[l];
		s1 += a[l + 1] * b[l + 1];
		s2 += a[l + 2] * b[l + 2];
		s3 += a[l + 3] * b[l + 3];
	}
	for (; l < k; l++)
		s0 += a[l] * b[l];
	return (s0 + s1) + (s2 + s3);
}

struct job {
	const struct sparse *x;
	int k, threads;
	float *w, *ht, *a;      /* ht: H^T, m × k; a: X H^T, n × k */
	float *part;            /* per thread: k × m (W^T X) and k × k (W^T W) */
	float *b;               /* k × k */
};

/* A = X H^T, one row at a time. */
static void xht_rows(void *ctx, int t, size_t from, size_t to)
{
	struct job *j = ctx;
	int k = j->k;
	for (size_t i = from; i < to; i++) {
		float *ai = j->a + i * (size_t)k;
		memset(ai, 0, (size_t)k * sizeof(float));
		for (size_t p = j->x->rowptr[i]; p < j->x->rowptr[i + 1]; p++) {
			float v = j->x->val[p];
			const float *hc = j->ht + (size_t)j->x->col[p] * (size_t)k;
			for (int r = 0; r < k; r++)
				ai[r] += v * hc[r];
		}
	}
}

/* HALS for the rows of W: each row on its own, columns in order. */
static void w_rows(void *ctx, int t, size_t from, size_t to)
{
	struct job *j = ctx;
	int k = j->k;
	/* Local copies: the compiler may keep them in registers, as it could
	 * not if a write to W might change B. */
	float b[THEMES_NMF_K_MAX * THEMES_NMF_K_MAX], row[THEMES_NMF_K_MAX], inv[THEMES_NMF_K_MAX];
	memcpy(b, j->b, (size_t)k * (size_t)k * sizeof(float));
	for (int c = 0; c < k; c++)
		inv[c] = b[c * k + c] > EPS ? 1.0f / b[c * k + c] : 0;
	for (size_t i = from; i < to; i++) {
		float *wi = j->w + i * (size_t)k;
		const float *ai = j->a + i * (size_t)k;
		memcpy(row, wi, (size_t)k * sizeof(float));
		for (int c = 0; c < k; c++) {
			if (b[c * k + c] <= EPS)
				continue;
			const float *bc = b + c * k;   /* B is symmetric: its row c is its column c */
			row[c] += (ai[c] - dot(row, bc, k)) * inv[c];
			if (row[c] < EPS)
				row[c] = EPS;
		}
		memcpy(wi, row, (size_t)k * sizeof(float));
	}
}

/* This thread's share of W^T X (k × m) and W^T W (k × k). */
static void wtx_rows(void *ctx, int t, size_t from, size_t to)
{
	struct job *j = ctx;
	int k = j->k;
	size_t m = j->x->ncols;
	float *c = j->part + (size_t)t * ((size_t)k * m + (size_t)k * k);   /* (X^T W), m × k */
	float *d = c + (size_t)k * m;
	memset(c, 0, ((size_t)k * m + (size_t)k * k) * sizeof(float));
	for (size_t i = from; i < to; i++) {
		const float *wi = j->w + i * (size_t)k;
		for (size_t p = j->x->rowptr[i]; p < j->x->rowptr[i + 1]; p++) {
			float v = j->x->val[p];
			float *cc = c + (size_t)j->x->col[p] * (size_t)k;
			for (int r = 0; r < k; r++)
				cc[r] += wi[r] * v;
		}
		for (int r = 0; r < k; r++)
			for (int l = r; l < k; l++)
				d[r * k + l] += wi[r] * wi[l];
	}
	/* The lower half mirrors the upper. */
	for (int r = 0; r < k; r++)
		for (int l = 0; l < r; l++)
			d[r * k + l] = d[l * k + r];
}

/* HALS for the columns of H, given C = W^T X and D = W^T W in part[0]. */
static void h_cols(void *ctx, int t, size_t from, size_t to)
{
	struct job *j = ctx;
	int k = j->k;
	size_t m = j->x->ncols;
	const float *c = j->part;
	float d[THEMES_NMF_K_MAX * THEMES_NMF_K_MAX], col_h[THEMES_NMF_K_MAX];
	memcpy(d, j->part + (size_t)k * m, (size_t)k * (size_t)k * sizeof(float));
	for (size_t col = from; col < to; col++) {
		float *hc = j->ht + col * (size_t)k;
		const float *cc = c + col * (size_t)k;
		memcpy(col_h, hc, (size_t)k * sizeof(float));
		for (int r = 0; r < k; r++) {
			float dd = d[r * k + r];
			if (dd <= EPS)
				continue;
			col_h[r] += (cc[r] - dot(col_h, d + r * k, k)) / dd;
			if (col_h[r] < EPS)
				col_h[r] = EPS;
		}
		memcpy(hc, col_h, (size_t)k * sizeof(float));
	}
}

/* B = H H^T from H^T (m × k). */
static void hht(const float *ht, int k, size_t m, float *b)
{
	double acc[THEMES_NMF_K_MAX * THEMES_NMF_K_MAX];
	memset(acc, 0, sizeof(double) * (size_t)k * (size_t)k);
	for (size_t c = 0; c < m; c++) {
		const float *hc = ht + c * (size_t)k;
		for (int r = 0; r < k; r++)
			for (int l = r; l < k; l++)
				acc[r * k + l] += (double)hc[r] * hc[l];
	}
	for (int r = 0; r < k; r++)
		for (int l = r; l < k; l++)
			b[r * k + l] = b[l * k + r] = (float)acc[r * k + l];
}

/* ---- the start: spherical k-means on a sample ---- */

static double row_dot(const struct sparse *x, size_t i, const float *center)
{
	double s = 0;
	for (size_t p = x->rowptr[i]; p < x->rowptr[i + 1]; p++)
		s += (double)x->val[p] * center[x->col[p]];
	return s;
}

static void normalize(float *v, size_t m)
{
	double s = 0;
	for (size_t c = 0; c < m; c++)
		s += (double)v[c] * v[c];
	if (s <= 0)
		return;
	float inv = (float)(1.0 / sqrt(s));
	for (size_t c = 0; c < m; c++)
		v[c] *= inv;
}

static void set_row(const struct sparse *x, size_t i, float *center, size_t m)
{
	memset(center, 0, m * sizeof(float));
	for (size_t p = x->rowptr[i]; p < x->rowptr[i + 1]; p++)
		center[x->col[p]] = x->val[p];
}

/* One spherical k-means run on the sample s from a k-means++ start drawn
 * with rng: centers into h (k × m); returns the sum over the sample of each
 * document's similarity to its center (higher is better). */
static double kmeans_once(const struct sparse *x, const size_t *s, size_t ns, int k, uint64_t *rng, float *h,
                          double *best, int *assign)
{
	size_t m = x->ncols;
	/* k-means++: each next center drawn with weight (1 - best similarity)^2. */
	for (int c = 0; c < k; c++) {
		size_t pick = 0;
		if (c == 0) {
			pick = nmf_rand(rng) % ns;
		} else {
			double total = 0;
			for (size_t i = 0; i < ns; i++)
				total += (1 - best[i]) * (1 - best[i]);
			double r = total * (double)(nmf_rand(rng) >> 11) / 9007199254740992.0;
			for (pick = 0; pick + 1 < ns; pick++) {
				r -= (1 - best[pick]) * (1 - best[pick]);
				if (r <= 0)
					break;
			}
		}
		float *center = h + (size_t)c * m;
		set_row(x, s[pick], center, m);
		normalize(center, m);
		for (size_t i = 0; i < ns; i++) {
			double d = row_dot(x, s[i], center);
			if (c == 0 || d > best[i])
				best[i] = d;
		}
	}
	/* Lloyd's steps with cosine similarity. */
	double fit = 0;
	for (int iter = 0; iter < 10; iter++) {
		fit = 0;
		for (size_t i = 0; i < ns; i++) {
			double bd = -1;
			for (int c = 0; c < k; c++) {
				double d = row_dot(x, s[i], h + (size_t)c * m);
				if (d > bd) {
					bd = d;
					assign[i] = c;
				}
			}
			fit += bd;
		}
		memset(h, 0, (size_t)k * m * sizeof(float));
		for (size_t i = 0; i < ns; i++)
			for (size_t p = x->rowptr[s[i]]; p < x->rowptr[s[i] + 1]; p++)
				h[(size_t)assign[i] * m + x->col[p]] += x->val[p];
		for (int c = 0; c < k; c++) {
			float *center = h + (size_t)c * m;
			bool empty = true;
			for (size_t col = 0; col < m && empty; col++)
				empty = center[col] == 0;
			if (empty)   /* a center nobody chose: restart it on a sampled document */
				set_row(x, s[nmf_rand(rng) % ns], center, m);
			normalize(center, m);
		}
	}
	return fit;
}

/* The start: the best of KMEANS_RUNS spherical k-means runs on a sample of
 * the documents, each from its own k-means++ draw. */
static void kmeans_start(const struct sparse *x, const struct nmf_opts *o, float *h)
{
	size_t n = x->nrows, m = x->ncols;
	int k = o->k;
	uint64_t rng = o->seed ? o->seed : 42;
	size_t want = o->sample ? o->sample : 5000;
	/* The sample: documents with words, every (n / want)-th from a seeded start. */
	size_t *s = mem_alloc((want < n ? want : n) * sizeof(*s) + sizeof(*s));
	size_t ns = 0;
	size_t step = n > want ? n / want : 1, start = step > 1 ? nmf_rand(&rng) % step : 0;
	for (size_t i = start; i < n && ns < want; i += step)
		if (x->rowptr[i + 1] > x->rowptr[i])
			s[ns++] = i;
	if (ns == 0) {
		for (size_t q = 0; q < (size_t)k * m; q++)
			h[q] = (float)((nmf_rand(&rng) >> 40) + 1) / (float)(1u << 24);
		mem_free(s);
		return;
	}
	double *best = mem_alloc((ns + 1) * sizeof(*best));
	int *assign = mem_alloc((ns + 1) * sizeof(*assign));
	float *trial = mem_alloc((size_t)k * m * sizeof(float));
	double top = -1;
	for (int run = 0; run < KMEANS_RUNS; run++) {
		double fit = kmeans_once(x, s, ns, k, &rng, trial, best, assign);
		if (fit > top) {
			top = fit;
			memcpy(h, trial, (size_t)k * m * sizeof(float));
		}
	}
	/* Every term keeps a little weight, so HALS can move it. */
	for (size_t q = 0; q < (size_t)k * m; q++)
		h[q] = h[q] > 1e-6f ? h[q] : 1e-6f;
	mem_free(trial);
	mem_free(s);
	mem_free(best);
	mem_free(assign);
}

int nmf_fit(const struct sparse *x, const struct nmf_opts *o, float *w, float *h, struct nmf_result *res,
            struct err *e)
{
	size_t n = x->nrows, m = x->ncols;
	int k = o->k;
	if (k < 1 || (size_t)k > n || m == 0)
		return err_set(e, ERR_INVALID, "k", "The number of themes must be between 1 and the number of documents.");
	int threads = o->threads > 0 ? (o->threads > MAX_THREADS ? MAX_THREADS : o->threads) : 1;
	int max_iter = o->max_iter > 0 ? o->max_iter : 200;
	double tol = o->tol > 0 ? o->tol : 1e-4;
	if (k > THEMES_NMF_K_MAX)
		return err_set(e, ERR_INVALID, "k", "At most %d themes.", THEMES_NMF_K_MAX);
	struct job j = {.x = x, .k = k, .threads = threads, .w = w};
	j.ht = mem_alloc(m * (size_t)k * sizeof(float));
	j.a = mem_alloc(n * (size_t)k * sizeof(float));
	j.part = mem_alloc((size_t)threads * ((size_t)k * m + (size_t)k * k) * sizeof(float));
	j.b = mem_alloc((size_t)k * k * sizeof(float));
	double xnorm = 0;
	for (size_t p = 0; p < x->rowptr[n]; p++)
		xnorm += (double)x->val[p] * x->val[p];

	kmeans_start(x, o, h);
	for (int r = 0; r < k; r++)
		for (size_t c = 0; c < m; c++)
			j.ht[c * (size_t)k + r] = h[(size_t)r * m + c];
	/* W from the centers: each document's similarity to them. */
	nmf_parallel(threads, n, xht_rows, &j);
	for (size_t q = 0; q < n * (size_t)k; q++)
		w[q] = j.a[q] > EPS ? j.a[q] : EPS;

	double prev = INFINITY, err2 = xnorm;
	int it;
	for (it = 0; it < max_iter; it++) {
		/* H given W. */
		nmf_parallel(threads, n, wtx_rows, &j);
		size_t stride = (size_t)k * m + (size_t)k * k;
		for (int t = 1; t < threads; t++)
			for (size_t q = 0; q < stride; q++)
				j.part[q] += j.part[(size_t)t * stride + q];
		nmf_parallel(threads, m, h_cols, &j);
		hht(j.ht, k, m, j.b);
		/* The error with this W and the new H, from what is at hand:
		 * ||X||^2 - 2 <H, W^T X> + <W^T W, H H^T>. */
		double obj = xnorm;
		const float *cm = j.part, *dm = j.part + (size_t)k * m;
		for (size_t q = 0; q < (size_t)k * m; q++)
			obj -= 2.0 * j.ht[q] * cm[q];
		for (int q = 0; q < k * k; q++)
			obj += (double)dm[q] * j.b[q];
		/* W given H. */
		nmf_parallel(threads, n, xht_rows, &j);
		nmf_parallel(threads, n, w_rows, &j);
		err2 = obj > 0 ? obj : 0;
		if (prev - err2 < tol * prev && it >= 5)
			break;
		prev = err2;
	}
	for (int r = 0; r < k; r++)
		for (size_t c = 0; c < m; c++)
			h[(size_t)r * m + c] = j.ht[c * (size_t)k + r];
	/* Unit rows of H; W carries the scale. */
	for (int r = 0; r < k; r++) {
		double s = 0;
		for (size_t c = 0; c < m; c++)
			s += (double)h[(size_t)r * m + c] * h[(size_t)r * m + c];
		double norm = sqrt(s);
		if (norm <= 0)
			continue;
		for (size_t c = 0; c < m; c++)
			h[(size_t)r * m + c] = (float)(h[(size_t)r * m + c] / norm);
		for (size_t i = 0; i < n; i++)
			w[i * (size_t)k + r] = (float)(w[i * (size_t)k + r] * norm);
	}
	if (res) {
		res->iterations = it;
		res->error = xnorm > 0 ? sqrt(err2 / xnorm) : 0;
	}
	mem_free(j.a);
	mem_free(j.ht);
	mem_free(j.part);
	mem_free(j.b);
	return 0;
}

int nmf_transform(const struct sparse *x, int k, const float *h, int sweeps, int threads, float *w)
{
	size_t n = x->nrows, m = x->ncols;
	if (k < 1 || k > THEMES_NMF_K_MAX)
		return ERR_INVALID;
	threads = threads > 0 ? (threads > MAX_THREADS ? MAX_THREADS : threads) : 1;
	struct job j = {.x = x, .k = k, .threads = threads, .w = w};
	j.ht = mem_alloc(m * (size_t)k * sizeof(float));
	j.a = mem_alloc(n * (size_t)k * sizeof(float));
	j.b = mem_alloc((size_t)k * k * sizeof(float));
	for (int r = 0; r < k; r++)
		for (size_t c = 0; c < m; c++)
			j.ht[c * (size_t)k + r] = h[(size_t)r * m + c];
	hht(j.ht, k, m, j.b);
	nmf_parallel(threads, n, xht_rows, &j);
	/* Start from each theme's share of the row on its own, then sweep. */
	for (size_t i = 0; i < n; i++)
		for (int r = 0; r < k; r++) {
			float d = j.b[r * k + r], v = d > EPS ? j.a[i * (size_t)k + r] / d / (float)k : 0;
			w[i * (size_t)k + r] = v > EPS ? v : EPS;
		}
	for (int s = 0; s < sweeps; s++)
		nmf_parallel(threads, n, w_rows, &j);
	mem_free(j.ht);
	mem_free(j.a);
	mem_free(j.b);
	return 0;
}

#include "analysis/themes.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/lexicon.h"
#include "analysis/nmf.h"
#include "analysis/text.h"
#include "core/buf.h"
#include "core/hash.h"
#include "core/mem.h"

#define BREAK UINT32_MAX   /* in a comment's term stream: the words either side were not neighbours */
#define MAX_THREADS 16
/* Above this many comments with words, themes are fitted on a sample of
 * this size and every comment placed afterwards. */
#define FIT_SAMPLE 30000

/* ---- a string → id map (open addressing; keys copied into an arena) ---- */

struct smap {
	struct arena *a;
	uint32_t *slots;      /* id + 1, 0 empty */
	size_t cap;           /* power of two */
	const char **keys;    /* by id */
	uint32_t *hashes;
	size_t n, kcap;
};

static void smap_init(struct smap *m, struct arena *a)
{
	memset(m, 0, sizeof(*m));
	m->a = a;
	m->cap = 1024;
	m->slots = mem_alloc(m->cap * sizeof(*m->slots));
}

static void smap_free(struct smap *m)
{
	mem_free(m->slots);
	mem_free(m->keys);
	mem_free(m->hashes);
}

static void smap_grow(struct smap *m)
{
	size_t cap = m->cap * 2;
	uint32_t *slots = mem_alloc(cap * sizeof(*slots));
	for (size_t id = 0; id < m->n; id++) {
		size_t i = m->hashes[id] & (cap - 1);
		while (slots[i])
			i = (i + 1) & (cap - 1);
		slots[i] = (uint32_t)id + 1;
	}
	mem_free(m->slots);
	m->slots = slots;
	m->cap = cap;
}

/* The id of key, added when new (*added set). */
static uint32_t smap_intern(struct smap *m, const char *key, bool *added)
{
	uint32_t h = (uint32_t)hash_str(key);
	size_t i = h & (m->cap - 1);
	while (m->slots[i]) {
		uint32_t id = m->slots[i] - 1;
		if (m->hashes[id] == h && strcmp(m->keys[id], key) == 0) {
			if (added)
				*added = false;
			return id;
		}
		i = (i + 1) & (m->cap - 1);
	}
	if (m->n == m->kcap) {
		m->kcap = m->kcap ? m->kcap * 2 : 1024;
		m->keys = mem_realloc(m->keys, m->kcap * sizeof(*m->keys));
		m->hashes = mem_realloc(m->hashes, m->kcap * sizeof(*m->hashes));
	}
	uint32_t id = (uint32_t)m->n++;
	m->keys[id] = arena_strdup(m->a, key);
	m->hashes[id] = h;
	m->slots[i] = id + 1;
	if (added)
		*added = true;
	if (m->n * 2 > m->cap)
		smap_grow(m);
	return id;
}

/* ---- a (u32, u32, u32) → count map, for phrases ---- */

struct tmap {
	uint32_t *keys;       /* 3 per slot; keys[0] == BREAK: empty */
	uint32_t *counts;
	size_t cap, n;
};

static void tmap_init(struct tmap *m)
{
	m->cap = 1 << 16;
	m->n = 0;
	m->keys = mem_alloc(m->cap * 3 * sizeof(*m->keys));
	m->counts = mem_alloc(m->cap * sizeof(*m->counts));
	for (size_t i = 0; i < m->cap; i++)
		m->keys[i * 3] = BREAK;
}

static size_t tmap_hash(uint32_t a, uint32_t b, uint32_t c)
{
	uint64_t h = ((uint64_t)a * 0x9e3779b97f4a7c15ull) ^ ((uint64_t)b * 0xc2b2ae3d27d4eb4full) ^
	             ((uint64_t)c * 0x165667b19e3779f9ull);
	return (size_t)(h ^ (h >> 29));
}

static uint32_t *tmap_slot(struct tmap *m, uint32_t a, uint32_t b, uint32_t c, bool create);

static void tmap_grow(struct tmap *m)
{
	struct tmap old = *m;
	m->cap *= 2;
	m->n = 0;
	m->keys = mem_alloc(m->cap * 3 * sizeof(*m->keys));
	m->counts = mem_alloc(m->cap * sizeof(*m->counts));
	for (size_t i = 0; i < m->cap; i++)
		m->keys[i * 3] = BREAK;
	for (size_t i = 0; i < old.cap; i++)
		if (old.keys[i * 3] != BREAK)
			*tmap_slot(m, old.keys[i * 3], old.keys[i * 3 + 1], old.keys[i * 3 + 2], true) = old.counts[i];
	mem_free(old.keys);
	mem_free(old.counts);
}

/* The count of (a, b, c); NULL when absent and !create. */
static uint32_t *tmap_slot(struct tmap *m, uint32_t a, uint32_t b, uint32_t c, bool create)
{
	size_t i = tmap_hash(a, b, c) & (m->cap - 1);
	while (m->keys[i * 3] != BREAK) {
		if (m->keys[i * 3] == a && m->keys[i * 3 + 1] == b && m->keys[i * 3 + 2] == c)
			return &m->counts[i];
		i = (i + 1) & (m->cap - 1);
	}
	if (!create)
		return NULL;
	if ((m->n + 1) * 2 > m->cap) {
		tmap_grow(m);
		return tmap_slot(m, a, b, c, true);
	}
	m->keys[i * 3] = a;
	m->keys[i * 3 + 1] = b;
	m->keys[i * 3 + 2] = c;
	m->counts[i] = 0;
	m->n++;
	return &m->counts[i];
}

static void tmap_free(struct tmap *m)
{
	mem_free(m->keys);
	mem_free(m->counts);
}

/* ---- step 1: words, on several threads ---- */

struct slice_words {
	struct arena a;
	struct smap stems;       /* local stem ids */
	struct smap surfaces;    /* "word\x1fL", a word as written (lowercased) in language L → local id */
	uint32_t *surface_stem;  /* by surface id: its local stem id */
	uint32_t *surface_count;
	size_t scap;
	uint32_t *stream;        /* stem ids and BREAKs of every comment of the slice */
	size_t nstream, cap;
	size_t *start;           /* per comment of the slice: where its stream starts (+1 at the end) */
	size_t from, to;         /* the slice's comments */
	bool failed;
};

struct words_job {
	const struct theme_doc *docs;
	int lang;
	struct slice_words *slices;
	float *sentiment;        /* per comment, -1..1 */
};

static void push(struct slice_words *s, uint32_t v)
{
	if (s->nstream == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 4096;
		s->stream = mem_realloc(s->stream, s->cap * sizeof(*s->stream));
	}
	s->stream[s->nstream++] = v;
}

/* What a thread learned of a word the first time it met it. */
struct word_info {
	uint32_t stem;      /* local stem id; BREAK for a stop word */
	int8_t sentiment;
	bool negator;
};

static void words_slice(void *ctx, int t, size_t from, size_t to)
{
	struct words_job *j = ctx;
	struct slice_words *s = &j->slices[t];
	s->from = from;
	s->to = to;
	arena_init(&s->a);
	smap_init(&s->stems, &s->a);
	smap_init(&s->surfaces, &s->a);
	s->start = mem_alloc((to - from + 1) * sizeof(*s->start));
	struct word_info *info = NULL;
	struct tokenizer *tk = tokenizer_new();
	if (!tk) {
		s->failed = true;
		return;
	}
	/* For guessing languages: whether a spelling is an English or a Spanish
	 * stop word, learned once per thread. */
	struct smap seen;
	smap_init(&seen, &s->a);
	uint8_t *stops = NULL;
	size_t stops_cap = 0;
	for (size_t d = from; d < to; d++) {
		s->start[d - from] = s->nstream;
		int lang = j->lang;
		if (lang != LEX_EN && lang != LEX_ES) {
			int en = 0, es = 0;
			text_start(tk, j->docs[d].text, LEX_EN);
			struct text_word g;
			while (text_next_raw(tk, &g)) {
				bool added;
				uint32_t id = smap_intern(&seen, g.word, &added);
				if (added) {
					if (id >= stops_cap) {
						stops_cap = stops_cap ? stops_cap * 2 : 1024;
						stops = mem_realloc(stops, stops_cap);
					}
					stops[id] = (uint8_t)(lexicon_stop(LEX_EN, g.word) | lexicon_stop(LEX_ES, g.word) << 1);
				}
				en += stops[id] & 1;
				es += stops[id] >> 1;
			}
			lang = es > en ? LEX_ES : LEX_EN;
		}
		text_start(tk, j->docs[d].text, lang);
		struct text_word w;
		bool brk = true;
		int negate = 0, score = 0;
		while (text_next_raw(tk, &w)) {
			/* Each spelling is looked up and stemmed once per language. */
			char key[TEXT_WORD_MAX + 4];
			size_t len = strlen(w.word);
			memcpy(key, w.word, len);
			key[len] = '\x1f';
			key[len + 1] = (char)('0' + lang);
			key[len + 2] = '\0';
			bool added;
			uint32_t sid = smap_intern(&s->surfaces, key, &added);
			if (added) {
				if (sid >= s->scap) {
					s->scap = s->scap ? s->scap * 2 : 1024;
					s->surface_stem = mem_realloc(s->surface_stem, s->scap * sizeof(*s->surface_stem));
					s->surface_count = mem_realloc(s->surface_count, s->scap * sizeof(*s->surface_count));
					info = mem_realloc(info, s->scap * sizeof(*info));
				}
				text_classify(tk, &w);
				info[sid] = (struct word_info){w.stop ? BREAK : smap_intern(&s->stems, w.stem, NULL),
				                               (int8_t)w.sentiment, w.negator};
				s->surface_stem[sid] = info[sid].stem;
				s->surface_count[sid] = 0;
			}
			const struct word_info *wi = &info[sid];
			if (wi->negator)
				negate = 3;
			else if (wi->sentiment)
				score += negate > 0 ? -wi->sentiment : wi->sentiment;
			if (negate > 0 && !wi->negator)
				negate--;
			if (wi->stem == BREAK || w.gap) {
				if (!brk)
					push(s, BREAK);
				brk = true;
				if (wi->stem == BREAK)
					continue;
			}
			s->surface_count[sid]++;
			push(s, wi->stem);
			brk = false;
		}
		j->sentiment[d] = (float)score / (float)(fabs((double)score) + 3.0);
	}
	s->start[to - from] = s->nstream;
	smap_free(&seen);
	mem_free(stops);
	mem_free(info);
	tokenizer_free(tk);
}

/* ---- helpers ---- */

struct scored {
	double score;
	size_t index;
};

static int by_score_desc(const void *x, const void *y)
{
	const struct scored *a = x, *b = y;
	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	return a->index < b->index ? -1 : a->index > b->index;
}

/* ---- choosing k ---- */

/* Mean NPMI of each theme's top terms over the sample's comments, times the
 * share of distinct terms among all themes' tops. */
static double theme_quality(const struct sparse *x, const float *h, int k, size_t m)
{
	enum { TOP = 10 };
	uint32_t top[THEMES_K_MAX][TOP];
	struct scored *sc = mem_alloc(m * sizeof(*sc));
	for (int r = 0; r < k; r++) {
		for (size_t c = 0; c < m; c++)
			sc[c] = (struct scored){h[(size_t)r * m + c], c};
		qsort(sc, m, sizeof(*sc), by_score_desc);
		for (int i = 0; i < TOP; i++)
			top[r][i] = (uint32_t)sc[(size_t)i < m ? i : 0].index;
	}
	mem_free(sc);
	/* Presence of the top terms in each comment. */
	size_t n = x->nrows;
	int8_t *slot = mem_alloc(m);
	for (int r = 0; r < k; r++)
		for (int i = 0; i < TOP; i++)
			slot[top[r][i]] = 1;
	double *df = mem_alloc(m * sizeof(*df));
	double total = 0, distinct = 0;
	for (size_t c = 0; c < m; c++)
		distinct += slot[c];
	for (int r = 0; r < k; r++) {
		double sum = 0;
		int pairs = 0;
		for (int i = 0; i < TOP; i++)
			for (int l = i + 1; l < TOP; l++) {
				uint32_t a = top[r][i], b = top[r][l];
				size_t na = 0, nb = 0, nab = 0;
				for (size_t d = 0; d < n; d++) {
					bool ha = false, hb = false;
					for (size_t p = x->rowptr[d]; p < x->rowptr[d + 1]; p++) {
						ha |= x->col[p] == a;
						hb |= x->col[p] == b;
					}
					na += ha;
					nb += hb;
					nab += ha && hb;
				}
				double pa = (na + 0.5) / (double)n, pb = (nb + 0.5) / (double)n, pab = (nab + 0.5) / (double)n;
				sum += log(pab / (pa * pb)) / -log(pab);
				pairs++;
			}
		total += pairs ? sum / pairs : 0;
	}
	mem_free(slot);
	mem_free(df);
	double coherence = total / k;
	return (coherence + 1) / 2 * (distinct / (double)(k * TOP));
}

/* The rows of x whose index is in rows, as a matrix of their own. */
static struct sparse sub_rows(const struct sparse *x, const size_t *rows, size_t n)
{
	struct sparse s = {.nrows = n, .ncols = x->ncols};
	size_t nnz = 0;
	for (size_t i = 0; i < n; i++)
		nnz += x->rowptr[rows[i] + 1] - x->rowptr[rows[i]];
	s.rowptr = mem_alloc((n + 1) * sizeof(*s.rowptr));
	s.col = mem_alloc((nnz + 1) * sizeof(*s.col));
	s.val = mem_alloc((nnz + 1) * sizeof(*s.val));
	size_t q = 0;
	for (size_t i = 0; i < n; i++) {
		s.rowptr[i] = q;
		for (size_t p = x->rowptr[rows[i]]; p < x->rowptr[rows[i] + 1]; p++) {
			s.col[q] = x->col[p];
			s.val[q++] = x->val[p];
		}
	}
	s.rowptr[n] = q;
	return s;
}

/* An even sample of at most want of x's rows that have words (every
 * (rows with words / want)-th of them, or all of them when fewer), as a
 * matrix of their own; free with sparse_free. */
static struct sparse even_sample(const struct sparse *x, size_t want)
{
	size_t with_words = 0;
	for (size_t i = 0; i < x->nrows; i++)
		with_words += x->rowptr[i + 1] > x->rowptr[i];
	size_t *rows = mem_alloc((want < with_words ? want : with_words) * sizeof(*rows) + sizeof(*rows));
	size_t ns = 0;
	for (size_t i = 0, seen = 0; i < x->nrows && ns < want; i++) {
		if (x->rowptr[i + 1] == x->rowptr[i])
			continue;
		if (with_words <= want || seen * want / with_words == ns)
			rows[ns++] = i;
		seen++;
	}
	struct sparse s = sub_rows(x, rows, ns);
	mem_free(rows);
	return s;
}

static void sparse_free(struct sparse *s)
{
	mem_free(s->rowptr);
	mem_free(s->col);
	mem_free(s->val);
}

static int choose_k(const struct sparse *x, const struct theme_opts *o, int threads)
{
	struct sparse s = even_sample(x, 2000);
	size_t ns = s.nrows;
	int best_k = 3, kmax = 10;
	if ((size_t)kmax > ns / 5)
		kmax = (int)(ns / 5);
	double best = -1;
	float *w = mem_alloc(ns * (size_t)(kmax > 3 ? kmax : 3) * sizeof(float));
	float *h = mem_alloc((size_t)(kmax > 3 ? kmax : 3) * x->ncols * sizeof(float));
	for (int k = 3; k <= kmax; k++) {
		struct nmf_opts no = {.k = k, .max_iter = 60, .threads = threads, .seed = o->seed};
		struct nmf_result res;
		if (nmf_fit(&s, &no, w, h, &res, NULL) < 0)
			break;
		double q = theme_quality(&s, h, k, x->ncols);
		if (q > best + 1e-9) {
			best = q;
			best_k = k;
		}
		if (o->progress)
			o->progress(o->progress_ctx, "choosing the number of themes", (size_t)(k - 2), (size_t)(kmax - 2));
	}
	mem_free(w);
	mem_free(h);
	sparse_free(&s);
	return ns >= 15 ? best_k : (ns >= 2 ? 2 : 1);
}

/* ---- the whole run ---- */

struct vocab {
	size_t nstems;
	const char **stem_word;   /* by global stem id: its most frequent surface */
	uint32_t *df;             /* by global stem id */
	uint32_t *stream;         /* every comment's global term stream */
	size_t *start;            /* n + 1 */
};

/* Merges the slices' words into global stem ids, in slice order. */
static void merge_words(struct arena *a, struct words_job *j, int threads, size_t n, struct vocab *v)
{
	struct smap stems, surf;
	smap_init(&stems, a);
	smap_init(&surf, a);
	uint32_t *surf_stem = NULL, *surf_count = NULL;
	size_t scap = 0, total = 0;
	for (int t = 0; t < threads; t++)
		total += j->slices[t].nstream;
	v->stream = mem_alloc((total + 1) * sizeof(*v->stream));
	v->start = mem_alloc((n + 1) * sizeof(*v->start));
	size_t q = 0;
	for (int t = 0; t < threads; t++) {
		struct slice_words *s = &j->slices[t];
		uint32_t *map = mem_alloc((s->stems.n + 1) * sizeof(*map));
		for (size_t id = 0; id < s->stems.n; id++)
			map[id] = smap_intern(&stems, s->stems.keys[id], NULL);
		for (size_t id = 0; id < s->surfaces.n; id++) {
			if (s->surface_stem[id] == BREAK)
				continue;   /* a stop word */
			bool added;
			uint32_t g = smap_intern(&surf, s->surfaces.keys[id], &added);
			if (added) {
				if (g >= scap) {
					scap = scap ? scap * 2 : 4096;
					surf_stem = mem_realloc(surf_stem, scap * sizeof(*surf_stem));
					surf_count = mem_realloc(surf_count, scap * sizeof(*surf_count));
				}
				surf_stem[g] = map[s->surface_stem[id]];
				surf_count[g] = 0;
			}
			surf_count[g] += s->surface_count[id];
		}
		for (size_t i = 0; i < s->to - s->from; i++) {
			v->start[s->from + i] = q;
			for (size_t p = s->start[i]; p < s->start[i + 1]; p++)
				v->stream[q++] = s->stream[p] == BREAK ? BREAK : map[s->stream[p]];
		}
		mem_free(map);
	}
	v->start[n] = q;
	v->nstems = stems.n;
	v->stem_word = arena_alloc(a, (stems.n + 1) * sizeof(*v->stem_word));
	uint32_t *best = mem_alloc((stems.n + 1) * sizeof(*best));
	for (size_t g = 0; g < surf.n; g++) {
		uint32_t st = surf_stem[g];
		const char *cur = v->stem_word[st];
		if (!cur || surf_count[g] > best[st] || (surf_count[g] == best[st] && strcmp(surf.keys[g], cur) < 0)) {
			v->stem_word[st] = surf.keys[g];
			best[st] = surf_count[g];
		}
	}
	/* The words without their stems. */
	for (size_t st = 0; st < stems.n; st++) {
		const char *sep = v->stem_word[st] ? strchr(v->stem_word[st], '\x1f') : NULL;
		v->stem_word[st] = sep ? arena_strndup(a, v->stem_word[st], (size_t)(sep - v->stem_word[st]))
		                       : (v->stem_word[st] ? v->stem_word[st] : stems.keys[st]);
	}
	mem_free(best);
	mem_free(surf_stem);
	mem_free(surf_count);
	smap_free(&stems);
	smap_free(&surf);
}

/* ---- phrases ---- */

struct phrase {
	uint32_t w[3];      /* stem ids; w[2] BREAK for two words */
	uint32_t count;
};

/* Two- and three-word phrases that recur: neighbours seen together at least
 * min_count times and far more often than chance (count × words ≥ 8 × the
 * words' own counts multiplied); a three-word phrase needs both its pairs
 * kept and half their count.  At most max of each, the most frequent. */
static size_t find_phrases(const struct vocab *v, size_t n, struct phrase **out)
{
	size_t total = v->start[n], words = 0;
	uint32_t *count = mem_alloc((v->nstems + 1) * sizeof(*count));
	for (size_t p = 0; p < total; p++)
		if (v->stream[p] != BREAK) {
			count[v->stream[p]]++;
			words++;
		}
	uint32_t min_count = n / 2000 > 5 ? (uint32_t)(n / 2000) : 5;
	struct tmap pairs, triples;
	tmap_init(&pairs);
	tmap_init(&triples);
	for (size_t d = 0; d < n; d++)
		for (size_t p = v->start[d]; p + 1 < v->start[d + 1]; p++)
			if (v->stream[p] != BREAK && v->stream[p + 1] != BREAK && v->stream[p] != v->stream[p + 1])
				(*tmap_slot(&pairs, v->stream[p], v->stream[p + 1], BREAK - 1, true))++;
	size_t cap = 0, np = 0;
	struct phrase *ps = NULL;
	for (size_t i = 0; i < pairs.cap; i++) {
		uint32_t k0 = pairs.keys[i * 3], k1 = pairs.keys[i * 3 + 1];
		if (k0 == BREAK || pairs.counts[i] < min_count)
			continue;
		double assoc = (double)pairs.counts[i] * (double)words / ((double)count[k0] * (double)count[k1]);
		if (assoc < 8)
			continue;
		if (np == cap) {
			cap = cap ? cap * 2 : 256;
			ps = mem_realloc(ps, cap * sizeof(*ps));
		}
		ps[np++] = (struct phrase){{k0, k1, BREAK}, pairs.counts[i]};
	}
	/* Three words: a kept pair followed by a kept pair. */
	for (size_t d = 0; d < n; d++)
		for (size_t p = v->start[d]; p + 2 < v->start[d + 1]; p++) {
			uint32_t a = v->stream[p], b = v->stream[p + 1], c = v->stream[p + 2];
			if (a == BREAK || b == BREAK || c == BREAK)
				continue;
			uint32_t *ab = tmap_slot(&pairs, a, b, BREAK - 1, false), *bc = tmap_slot(&pairs, b, c, BREAK - 1, false);
			if (ab && bc && *ab >= min_count && *bc >= min_count)
				(*tmap_slot(&triples, a, b, c, true))++;
		}
	for (size_t i = 0; i < triples.cap; i++) {
		uint32_t k0 = triples.keys[i * 3], k1 = triples.keys[i * 3 + 1], k2 = triples.keys[i * 3 + 2];
		if (k0 == BREAK || triples.counts[i] < min_count)
			continue;
		uint32_t ab = *tmap_slot(&pairs, k0, k1, BREAK - 1, false);
		uint32_t bc = *tmap_slot(&pairs, k1, k2, BREAK - 1, false);
		if (triples.counts[i] * 2 < (ab < bc ? ab : bc))
			continue;
		if (np == cap) {
			cap = cap ? cap * 2 : 256;
			ps = mem_realloc(ps, cap * sizeof(*ps));
		}
		ps[np++] = (struct phrase){{k0, k1, k2}, triples.counts[i]};
	}
	tmap_free(&pairs);
	tmap_free(&triples);
	mem_free(count);
	/* The most frequent first; ties by their words, so the order is fixed. */
	for (size_t i = 1; i < np; i++) {
		struct phrase x = ps[i];
		size_t j = i;
		while (j > 0) {
			const struct phrase *y = &ps[j - 1];
			int before = x.count != y->count ? x.count > y->count : memcmp(x.w, y->w, sizeof(x.w)) < 0;
			if (!before)
				break;
			ps[j] = ps[j - 1];
			j--;
		}
		ps[j] = x;
	}
	if (np > 2000)
		np = 2000;
	*out = ps;
	return np;
}

/* ---- the matrix ---- */

struct terms {
	size_t m;
	const char **label;     /* by column */
	bool *is_phrase;
	uint32_t *col_of_stem;  /* by stem id: column + 1, 0 dropped */
};

struct build {
	const struct vocab *v;
	const struct phrase *ps;
	size_t np;
	struct tmap *phrase_col;   /* (a, b, c) → column + 1 */
	const struct terms *tm;
	const double *idf;
	struct sparse *x;
	size_t *row_nnz;
	int pass;                  /* 0: count, 1: fill */
};

/* The columns of comment d, with repeats; returns how many. */
static size_t doc_cols(const struct build *b, size_t d, uint32_t *cols, size_t cap)
{
	size_t k = 0;
	const struct vocab *v = b->v;
	for (size_t p = v->start[d]; p < v->start[d + 1]; p++) {
		uint32_t s = v->stream[p];
		if (s == BREAK)
			continue;
		if (b->tm->col_of_stem[s] && k < cap)
			cols[k++] = b->tm->col_of_stem[s] - 1;
		if (p + 1 < v->start[d + 1] && v->stream[p + 1] != BREAK) {
			uint32_t *c2 = tmap_slot(b->phrase_col, s, v->stream[p + 1], BREAK, false);
			if (c2 && *c2 && k < cap)
				cols[k++] = *c2 - 1;
			if (p + 2 < v->start[d + 1] && v->stream[p + 2] != BREAK) {
				uint32_t *c3 = tmap_slot(b->phrase_col, s, v->stream[p + 1], v->stream[p + 2], false);
				if (c3 && *c3 && k < cap)
					cols[k++] = *c3 - 1;
			}
		}
	}
	return k;
}

static void build_rows(void *ctx, int t, size_t from, size_t to)
{
	struct build *b = ctx;
	size_t cap = 4096;
	uint32_t *cols = mem_alloc(cap * sizeof(*cols));
	for (size_t d = from; d < to; d++) {
		size_t len = b->v->start[d + 1] - b->v->start[d];
		if (len * 3 > cap) {
			cap = len * 3;
			cols = mem_realloc(cols, cap * sizeof(*cols));
		}
		size_t k = doc_cols(b, d, cols, cap);
		/* Short lists: insertion sort beats qsort's calls. */
		for (size_t i = 1; i < k; i++) {
			uint32_t c = cols[i];
			size_t q = i;
			while (q > 0 && cols[q - 1] > c) {
				cols[q] = cols[q - 1];
				q--;
			}
			cols[q] = c;
		}
		size_t distinct = 0;
		for (size_t i = 0; i < k; i++)
			distinct += i == 0 || cols[i] != cols[i - 1];
		if (b->pass == 0) {
			b->row_nnz[d] = distinct;
			continue;
		}
		size_t q = b->x->rowptr[d];
		double norm = 0;
		for (size_t i = 0; i < k;) {
			size_t e = i;
			while (e < k && cols[e] == cols[i])
				e++;
			double val = (double)(e - i) * b->idf[cols[i]];
			b->x->col[q] = cols[i];
			b->x->val[q++] = (float)val;
			norm += val * val;
			i = e;
		}
		norm = sqrt(norm);
		for (size_t p = b->x->rowptr[d]; p < q && norm > 0; p++)
			b->x->val[p] = (float)(b->x->val[p] / norm);
	}
	mem_free(cols);
}

/* ---- across groups ---- */

/* A theme's rate in each group (the share of the group's comments it holds)
 * against the others: raised in every group when no group's rate is below
 * half the groups' mean; concentrated in a group when that group's rate is
 * at least three times the mean of the others'.  Evenness: the normalized
 * entropy of the rates. */
void theme_spread(struct theme *th, const size_t *sizes, size_t ngroups)
{
	double sum = 0, ent = 0, lo = INFINITY, hi = -1;
	size_t used = 0;
	int gmax = -1;
	for (size_t g = 0; g < ngroups; g++) {
		if (!sizes[g])
			continue;
		double r = (double)th->group_counts[g] / (double)sizes[g];
		sum += r;
		used++;
		lo = r < lo ? r : lo;
		if (r > hi) {
			hi = r;
			gmax = (int)g;
		}
	}
	if (used < 2 || sum <= 0 || th->size == 0)
		return;
	for (size_t g = 0; g < ngroups; g++) {
		if (!sizes[g] || !th->group_counts[g])
			continue;
		double p = (double)th->group_counts[g] / (double)sizes[g] / sum;
		ent -= p * log(p);
	}
	double mean = sum / (double)used, others = (sum - hi) / (double)(used - 1);
	th->evenness = ent / log((double)used);
	th->common = lo >= 0.5 * mean;
	th->concentration = others > 0 ? hi / others : INFINITY;
	if (th->concentration >= 3)
		th->divergent_group = gmax;
}

/* ---- the run ---- */

static void progress(const struct theme_opts *o, const char *stage, size_t done, size_t total)
{
	if (o->progress)
		o->progress(o->progress_ctx, stage, done, total);
}

static void free_slices(struct words_job *j, int threads)
{
	for (int t = 0; t < threads; t++) {
		struct slice_words *s = &j->slices[t];
		smap_free(&s->stems);
		smap_free(&s->surfaces);
		mem_free(s->surface_stem);
		mem_free(s->surface_count);
		mem_free(s->stream);
		mem_free(s->start);
		arena_free(&s->a);
	}
	mem_free(j->slices);
}

/* The label: up to three of the theme's strongest terms, phrases first,
 * leaving out words a chosen phrase already holds. */
static const char *make_label(struct arena *a, const struct terms *tm, const struct phrase *ps, const uint32_t *col_stem,
                              const size_t *top, size_t ntop)
{
	size_t chosen[3], nc = 0;
	size_t look = ntop < 6 ? ntop : 6;
	for (size_t i = 0; i < look && nc < 3; i++) {
		if (!tm->is_phrase[top[i]])
			continue;
		/* Not a phrase whose words all stand in one already chosen. */
		const struct phrase *p = &ps[col_stem[top[i]]];
		bool inside = false;
		for (size_t q = 0; q < nc && !inside; q++) {
			const struct phrase *o = &ps[col_stem[chosen[q]]];
			bool all = true;
			for (int w = 0; w < 3 && p->w[w] != BREAK; w++) {
				bool here = false;
				for (int v = 0; v < 3 && o->w[v] != BREAK; v++)
					here |= o->w[v] == p->w[w];
				all &= here;
			}
			inside = all;
		}
		if (!inside)
			chosen[nc++] = top[i];
	}
	for (size_t i = 0; i < look && nc < 3; i++) {
		size_t c = top[i];
		if (tm->is_phrase[c])
			continue;
		bool inside = false;
		for (size_t q = 0; q < nc && !inside; q++)
			if (tm->is_phrase[chosen[q]]) {
				const struct phrase *p = &ps[col_stem[chosen[q]]];
				for (int w = 0; w < 3 && p->w[w] != BREAK; w++)
					inside |= p->w[w] == col_stem[c];
			}
		if (!inside)
			chosen[nc++] = c;
	}
	/* In the order of their weight. */
	for (size_t i = 1; i < nc; i++)
		for (size_t q = i; q > 0; q--) {
			size_t ri = 0, rq = 0;
			for (size_t r = 0; r < ntop; r++) {
				if (top[r] == chosen[q])
					ri = r;
				if (top[r] == chosen[q - 1])
					rq = r;
			}
			if (ri < rq) {
				size_t tmp = chosen[q];
				chosen[q] = chosen[q - 1];
				chosen[q - 1] = tmp;
			}
		}
	struct buf b;
	buf_init(&b, 4096);
	for (size_t i = 0; i < nc; i++) {
		if (i)
			buf_adds(&b, ", ");
		buf_adds(&b, tm->label[chosen[i]]);
	}
	const char *s = arena_strdup(a, b.p ? b.p : "");
	buf_release(&b);
	return s;
}

/* What themes_find carries from one stage to the next.  Each stage fills
 * its part and frees its own scratch before it returns; what outlives a
 * stage is listed here and freed by find_free alone (the output lives in
 * the caller's arena). */
struct find {
	struct arena *a;
	const struct theme_doc *docs;
	size_t n;
	const struct theme_opts *o;
	int threads;
	struct themes_result *out;
	/* 1. words */
	struct vocab v;
	float *sentiment;          /* per comment, in the arena */
	struct phrase *ps;
	size_t np;
	/* 2. TF-IDF */
	struct terms tm;
	uint32_t *col_stem;        /* a column's stem id, or phrase index */
	struct tmap phrase_col;
	struct sparse x;
	size_t nonempty;           /* comments with at least one term */
	/* 3. themes */
	int k;
	float *w, *h;
	struct nmf_result nr;
	/* 4. each theme */
	int *fac;                  /* per comment: its strongest factor, or -1 */
	size_t *fsize;             /* per factor: comments assigned */
	struct scored *order;      /* factors by size, largest first */
	int *id_of;                /* per factor: its theme id */
	struct smap gm;            /* group name → index */
	uint32_t *gdoc;            /* per comment: its group index, or BREAK */
	struct scored *sc;
};

/* Stage 1, words: each comment tokenized, stop words dropped, stemmed in
 * its language; the phrases that recur. */
static int find_words(struct find *f, struct err *e)
{
	size_t n = f->n;
	progress(f->o, "reading words", 0, n);
	struct words_job j = {.docs = f->docs, .lang = f->o->lang,
	                      .slices = mem_alloc((size_t)f->threads * sizeof(*j.slices)),
	                      .sentiment = arena_alloc(f->a, n * sizeof(float))};
	nmf_parallel(f->threads, n, words_slice, &j);
	for (int t = 0; t < f->threads; t++)
		if (j.slices[t].failed) {
			free_slices(&j, f->threads);
			return err_set(e, ERR_FAIL, NULL, "The stemmers could not be started.");
		}
	f->sentiment = j.sentiment;
	merge_words(f->a, &j, f->threads, n, &f->v);
	free_slices(&j, f->threads);
	progress(f->o, "reading words", n, n);
	f->np = find_phrases(&f->v, n, &f->ps);
	return 0;
}

/* Stage 2, TF-IDF: the terms (stems in enough comments but not too many,
 * and the phrases), then each comment a unit-length row of their weights. */
static int find_tfidf(struct find *f, struct err *e)
{
	size_t n = f->n;
	struct vocab *v = &f->v;
	struct terms *tm = &f->tm;
	uint32_t *df = mem_alloc((v->nstems + 1) * sizeof(*df));
	size_t *last = mem_alloc((v->nstems + 1) * sizeof(*last));
	size_t with_words = 0;
	for (size_t d = 0; d < n; d++) {
		bool any = false;
		for (size_t p = v->start[d]; p < v->start[d + 1]; p++) {
			uint32_t s = v->stream[p];
			if (s == BREAK)
				continue;
			any = true;
			if (last[s] != d + 1) {
				last[s] = d + 1;
				df[s]++;
			}
		}
		with_words += any;
	}
	mem_free(last);
	uint32_t min_df = with_words >= 50 ? 2 : 1;
	double max_df = with_words >= 20 ? 0.95 * (double)with_words : (double)with_words;
	tm->col_of_stem = mem_alloc((v->nstems + 1) * sizeof(*tm->col_of_stem));
	size_t cap = v->nstems + f->np + 1;
	tm->label = arena_alloc(f->a, cap * sizeof(*tm->label));
	tm->is_phrase = mem_alloc(cap * sizeof(*tm->is_phrase));
	f->col_stem = mem_alloc(cap * sizeof(*f->col_stem));
	for (size_t s = 0; s < v->nstems; s++)
		if (df[s] >= min_df && (double)df[s] <= max_df) {
			tm->col_of_stem[s] = (uint32_t)tm->m + 1;
			tm->label[tm->m] = v->stem_word[s];
			f->col_stem[tm->m++] = (uint32_t)s;
		}
	mem_free(df);
	tmap_init(&f->phrase_col);
	for (size_t i = 0; i < f->np; i++) {
		const struct phrase *ph = &f->ps[i];
		*tmap_slot(&f->phrase_col, ph->w[0], ph->w[1], ph->w[2], true) = (uint32_t)tm->m + 1;
		struct buf b;
		buf_init(&b, 1024);
		for (int w = 0; w < 3 && ph->w[w] != BREAK; w++) {
			if (w)
				buf_addc(&b, ' ');
			buf_adds(&b, v->stem_word[ph->w[w]]);
		}
		tm->label[tm->m] = arena_strdup(f->a, b.p);
		buf_release(&b);
		tm->is_phrase[tm->m] = true;
		f->col_stem[tm->m++] = (uint32_t)i;
	}
	f->x = (struct sparse){.nrows = n, .ncols = tm->m};
	if (tm->m == 0 || with_words < 2)
		return err_set(e, ERR_INVALID, "text", "The comments share too few words to find themes in.");

	progress(f->o, "weighing terms", 0, n);
	struct build b = {.v = v, .ps = f->ps, .np = f->np, .phrase_col = &f->phrase_col, .tm = tm, .x = &f->x};
	double *idf = mem_alloc(tm->m * sizeof(*idf));
	{
		/* Each column's document frequency, from the same columns the rows get. */
		uint32_t *cdf = mem_alloc(tm->m * sizeof(*cdf));
		size_t *seen = mem_alloc(tm->m * sizeof(*seen));
		size_t ccap = 4096;
		uint32_t *cols = mem_alloc(ccap * sizeof(*cols));
		for (size_t d = 0; d < n; d++) {
			size_t len = v->start[d + 1] - v->start[d];
			if (len * 3 > ccap) {
				ccap = len * 3;
				cols = mem_realloc(cols, ccap * sizeof(*cols));
			}
			size_t k = doc_cols(&b, d, cols, ccap);
			for (size_t i = 0; i < k; i++)
				if (seen[cols[i]] != d + 1) {
					seen[cols[i]] = d + 1;
					cdf[cols[i]]++;
				}
		}
		for (size_t c = 0; c < tm->m; c++)
			idf[c] = log((1.0 + (double)with_words) / (1.0 + (double)cdf[c])) + 1.0;
		mem_free(cdf);
		mem_free(seen);
		mem_free(cols);
	}
	b.idf = idf;
	b.row_nnz = mem_alloc((n + 1) * sizeof(*b.row_nnz));
	nmf_parallel(f->threads, n, build_rows, &b);
	struct sparse *x = &f->x;
	x->rowptr = mem_alloc((n + 1) * sizeof(*x->rowptr));
	for (size_t d = 0; d < n; d++) {
		x->rowptr[d + 1] = x->rowptr[d] + b.row_nnz[d];
		f->nonempty += b.row_nnz[d] > 0;
	}
	x->col = mem_alloc((x->rowptr[n] + 1) * sizeof(*x->col));
	x->val = mem_alloc((x->rowptr[n] + 1) * sizeof(*x->val));
	b.pass = 1;
	nmf_parallel(f->threads, n, build_rows, &b);
	mem_free(b.row_nnz);
	mem_free(idf);
	progress(f->o, "weighing terms", n, n);
	return 0;
}

/* Stage 3, themes: k given or chosen, then X ≈ W H by non-negative matrix
 * factorization (fitted on an even sample when there are many comments). */
static int find_factors(struct find *f, struct err *e)
{
	size_t n = f->n;
	int k = f->o->k;
	if (k == 0)
		k = choose_k(&f->x, f->o, f->threads);
	f->k = k;
	if ((size_t)k > f->nonempty)
		return err_set(e, ERR_INVALID, "k", "There are fewer comments with words (%zu) than themes asked for (%d).",
		               f->nonempty, k);
	progress(f->o, "finding themes", 0, 1);
	f->w = mem_alloc(n * (size_t)k * sizeof(float));
	f->h = mem_alloc((size_t)k * f->tm.m * sizeof(float));
	struct nmf_opts no = {.k = k, .threads = f->threads, .seed = f->o->seed ? f->o->seed : 0x5eed, .max_iter = 200};
	int rc;
	if (f->nonempty <= FIT_SAMPLE) {
		rc = nmf_fit(&f->x, &no, f->w, f->h, &f->nr, e);
	} else {
		/* Many comments: the themes are learned from an even sample, then
		 * every comment is placed among them. */
		struct sparse sx = even_sample(&f->x, FIT_SAMPLE);
		float *sw = mem_alloc(sx.nrows * (size_t)k * sizeof(float));
		rc = nmf_fit(&sx, &no, sw, f->h, &f->nr, e);
		if (rc == 0)
			rc = nmf_transform(&f->x, k, f->h, 5, f->threads, f->w);
		mem_free(sw);
		sparse_free(&sx);
	}
	progress(f->o, "finding themes", 1, 1);
	return rc;
}

/* Stage 4, each theme: its comments (each to its strongest theme), its
 * number by size, terms, label, excerpts, count per group and sentiment. */
static void find_each_theme(struct find *f)
{
	size_t n = f->n;
	int k = f->k;
	const float *w = f->w;
	const struct terms *tm = &f->tm;
	struct themes_result *out = f->out;
	struct arena *a = f->a;
	out->ndocs = n;
	out->nterms = tm->m;
	out->iterations = f->nr.iterations;
	out->error = f->nr.error;
	/* Assignments to the strongest theme (factor index for now). */
	f->fac = mem_alloc(n * sizeof(*f->fac));
	f->fsize = mem_alloc((size_t)k * sizeof(*f->fsize));
	for (size_t d = 0; d < n; d++) {
		f->fac[d] = -1;
		if (f->x.rowptr[d + 1] == f->x.rowptr[d])
			continue;
		float bw = 0;
		for (int r = 0; r < k; r++)
			if (w[d * (size_t)k + r] > bw) {
				bw = w[d * (size_t)k + r];
				f->fac[d] = r;
			}
		if (f->fac[d] >= 0)
			f->fsize[f->fac[d]]++;
	}
	/* Themes numbered by size, largest first (ties by factor). */
	f->order = mem_alloc((size_t)k * sizeof(*f->order));
	for (int r = 0; r < k; r++)
		f->order[r] = (struct scored){(double)f->fsize[r], (size_t)r};
	qsort(f->order, (size_t)k, sizeof(*f->order), by_score_desc);
	f->id_of = mem_alloc((size_t)k * sizeof(*f->id_of));
	for (int r = 0; r < k; r++)
		f->id_of[f->order[r].index] = r + 1;
	out->assignments = arena_alloc(a, n * sizeof(int));
	for (size_t d = 0; d < n; d++)
		out->assignments[d] = f->fac[d] >= 0 ? f->id_of[f->fac[d]] : 0;
	/* Groups. */
	struct smap *gm = &f->gm;
	smap_init(gm, a);
	f->gdoc = mem_alloc(n * sizeof(*f->gdoc));
	for (size_t d = 0; d < n; d++)
		f->gdoc[d] = f->docs[d].group && *f->docs[d].group ? smap_intern(gm, f->docs[d].group, NULL) : BREAK;
	out->ngroups = gm->n;
	out->groups = arena_alloc(a, (gm->n + 1) * sizeof(*out->groups));
	out->group_sizes = arena_alloc(a, (gm->n + 1) * sizeof(*out->group_sizes));
	for (size_t g = 0; g < gm->n; g++)
		out->groups[g] = gm->keys[g];
	for (size_t d = 0; d < n; d++)
		if (f->gdoc[d] != BREAK)
			out->group_sizes[f->gdoc[d]]++;
	/* Each theme. */
	out->nthemes = (size_t)k;
	out->themes = arena_alloc(a, (size_t)k * sizeof(*out->themes));
	struct scored *sc = f->sc = mem_alloc((tm->m > n ? tm->m : n) * sizeof(*sc));
	for (int oi = 0; oi < k; oi++) {
		int r = (int)f->order[oi].index;
		struct theme *th = &out->themes[oi];
		th->id = oi + 1;
		th->size = f->fsize[r];
		th->share = (double)f->fsize[r] / (double)n;
		th->divergent_group = -1;
		th->evenness = -1;
		/* Terms. */
		for (size_t c = 0; c < tm->m; c++)
			sc[c] = (struct scored){f->h[(size_t)r * tm->m + c], c};
		size_t ntop = tm->m < THEMES_TERMS ? tm->m : THEMES_TERMS;
		/* A partial selection is enough: sort only what is needed. */
		qsort(sc, tm->m, sizeof(*sc), by_score_desc);
		size_t top[THEMES_TERMS] = {0};
		th->terms = arena_alloc(a, ntop * sizeof(*th->terms));
		for (size_t i = 0; i < ntop; i++) {
			top[i] = sc[i].index;
			th->terms[i] = tm->label[top[i]];
		}
		th->nterms = ntop;
		th->label = make_label(a, tm, f->ps, f->col_stem, top, ntop);
		/* Excerpts: its comments where it is strongest and clearest. */
		size_t ne = 0;
		double sent = 0;
		th->group_counts = arena_alloc(a, (gm->n + 1) * sizeof(*th->group_counts));
		for (size_t d = 0; d < n; d++) {
			if (f->fac[d] != r)
				continue;
			double sum = 0;
			for (int l = 0; l < k; l++)
				sum += w[d * (size_t)k + l];
			double wd = w[d * (size_t)k + r];
			sc[ne++] = (struct scored){sum > 0 ? wd * wd / sum : 0, d};
			sent += f->sentiment[d];
			if (f->gdoc[d] != BREAK)
				th->group_counts[f->gdoc[d]]++;
		}
		th->sentiment = ne ? sent / (double)ne : 0;
		qsort(sc, ne, sizeof(*sc), by_score_desc);
		th->excerpts = arena_alloc(a, THEMES_EXCERPTS * sizeof(*th->excerpts));
		for (size_t i = 0; i < ne && th->nexcerpts < THEMES_EXCERPTS; i++) {
			bool dup = false;
			for (size_t q = 0; q < th->nexcerpts && !dup; q++)
				dup = strcmp(f->docs[th->excerpts[q]].text, f->docs[sc[i].index].text) == 0;
			if (!dup)
				th->excerpts[th->nexcerpts++] = sc[i].index;
		}
		/* Across groups: rates (share of each group's comments). */
		if (gm->n >= 2)
			theme_spread(th, out->group_sizes, gm->n);
	}
}

/* Stage 5, common ground (themes raised in every group), most even first;
 * divergence (themes concentrated in one group), most concentrated first. */
static void find_common_ground(struct find *f)
{
	struct themes_result *out = f->out;
	int k = f->k;
	out->common_ground = arena_alloc(f->a, (size_t)k * sizeof(int));
	out->divergence = arena_alloc(f->a, (size_t)k * sizeof(int));
	struct scored cg[THEMES_K_MAX] = {{0, 0}}, dv[THEMES_K_MAX] = {{0, 0}};
	size_t ncg = 0, ndv = 0;
	for (int oi = 0; oi < k; oi++) {
		const struct theme *th = &out->themes[oi];
		if (th->common)
			cg[ncg++] = (struct scored){th->evenness, (size_t)oi};
		if (th->divergent_group >= 0)
			dv[ndv++] = (struct scored){th->concentration, (size_t)oi};
	}
	qsort(cg, ncg, sizeof(*cg), by_score_desc);
	qsort(dv, ndv, sizeof(*dv), by_score_desc);
	for (size_t i = 0; i < ncg; i++)
		out->common_ground[out->ncommon++] = out->themes[cg[i].index].id;
	for (size_t i = 0; i < ndv; i++)
		out->divergence[out->ndivergence++] = out->themes[dv[i].index].id;
}

/* Frees what the stages left in f, whichever stage stopped. */
static void find_free(struct find *f)
{
	mem_free(f->sc);
	mem_free(f->gdoc);
	smap_free(&f->gm);
	mem_free(f->order);
	mem_free(f->id_of);
	mem_free(f->fac);
	mem_free(f->fsize);
	mem_free(f->w);
	mem_free(f->h);
	sparse_free(&f->x);
	tmap_free(&f->phrase_col);
	mem_free(f->tm.col_of_stem);
	mem_free(f->tm.is_phrase);
	mem_free(f->col_stem);
	mem_free(f->ps);
	mem_free(f->v.stream);
	mem_free(f->v.start);
}

int themes_find(struct arena *a, const struct theme_doc *docs, size_t n, const struct theme_opts *o,
                struct themes_result *out, struct err *e)
{
	memset(out, 0, sizeof(*out));
	int threads = o->threads > 0 ? (o->threads > MAX_THREADS ? MAX_THREADS : o->threads) : 2;
	if (o->k < 0 || o->k > THEMES_K_MAX)
		return err_set(e, ERR_INVALID, "k", "The number of themes is from 1 to %d (or 0 to choose).", THEMES_K_MAX);
	if (n < 2)
		return err_set(e, ERR_INVALID, "text", "At least two comments are needed to find themes.");
	if ((size_t)threads > n)
		threads = (int)n;
	struct find f = {.a = a, .docs = docs, .n = n, .o = o, .threads = threads, .out = out};
	int rc = find_words(&f, e);
	if (rc == 0)
		rc = find_tfidf(&f, e);
	if (rc == 0)
		rc = find_factors(&f, e);
	if (rc == 0) {
		find_each_theme(&f);
		find_common_ground(&f);
	}
	find_free(&f);
	return rc;
}

/* redact: personal data in conversation text replaced by placeholders.
 *
 * One pass cuts the text into tokens (runs of letters, marks and digits),
 * each with its case-folded, accent-free form and the kind of gap that
 * follows it.  Four recognisers then propose candidate spans (e-mail
 * addresses from each '@', phone numbers from runs of digit groups, street
 * addresses from house numbers and Spanish street prefixes, names from the
 * prepared patterns).  Candidates are settled in one place: e-mail first,
 * then the longest; names last, in what is left, seeing the words under
 * the other spans as the placeholders they become.
 * docs/internals/redaction.md explains the rules.
 */
#include "domain/redact.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "core/hash.h"
#include "core/mem.h"
#include "core/str.h"
#include "domain/redact_int.h"

static const char *const placeholder[] = {"[EMAIL]", "[ADDRESS]", "[PHONE]", "[NAME]"};

int rx_in_list(const char *const *list, const char *s, size_t n)
{
	if (n == 0)
		return 0;
	for (; *list; list++)
		if ((*list)[0] == s[0] && strncmp(*list, s, n) == 0 && (*list)[n] == '\0')
			return 1;
	return 0;
}

/* ---- UTF-8 and character classes ---- */

/* Decodes the code point at p (valid UTF-8, n > 0 bytes left); *k gets
 * its length. */
int32_t rx_decode(const char *p, size_t n, size_t *k)
{
	const unsigned char *u = (const unsigned char *)p;

	if (u[0] < 0x80 || n < 2) {
		*k = 1;
		return u[0];
	}
	if ((u[0] & 0xe0) == 0xc0) {
		*k = 2;
		return (int32_t)(((u[0] & 0x1f) << 6) | (u[1] & 0x3f));
	}
	if ((u[0] & 0xf0) == 0xe0 && n >= 3) {
		*k = 3;
		return (int32_t)(((u[0] & 0x0f) << 12) | ((u[1] & 0x3f) << 6) | (u[2] & 0x3f));
	}
	if (n >= 4) {
		*k = 4;
		return (int32_t)(((u[0] & 0x07) << 18) | ((u[1] & 0x3f) << 12) |
				 ((u[2] & 0x3f) << 6) | (u[3] & 0x3f));
	}
	*k = 1;
	return u[0];
}

/* The code point that ends just before byte i (i > 0); *k gets its length. */
int32_t rx_decode_back(const char *t, size_t i, size_t *k)
{
	size_t j = i - 1;

	while (j > 0 && i - j < 4 && ((unsigned char)t[j] & 0xc0) == 0x80)
		j--;
	return rx_decode(t + j, i - j, k);
}

/* ASCII classes, locale-free. */
int rx_is_ascii_alnum(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

int rx_is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* Unicode letters (not the modifier apostrophe U+02BC). */
int rx_is_letter(int32_t c)
{
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	return c != 0x02bc && utf8_is_letter(c);   /* not the modifier letter apostrophe */
}

/* Upper-case and title-case letters. */
static int is_upper(int32_t c)
{
	utf8proc_category_t cat;

	if (c < 0x80)
		return c >= 'A' && c <= 'Z';
	cat = utf8proc_category(c);
	return cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
}

/* Letters, combining marks, decimal digits, and the invisible characters
 * that may sit inside a word (soft hyphen, zero-width joiners). */
int rx_is_word(int32_t c)
{
	if (c < 0x80)
		return rx_is_ascii_alnum(c);
	if (c == 0xad || c == 0x200c || c == 0x200d)
		return 1;
	if (rx_is_letter(c))
		return 1;
	switch (utf8proc_category(c)) {
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME:
	case UTF8PROC_CATEGORY_ND:
		return 1;
	default:
		return 0;
	}
}

/* Spaces, including no-break ones. */
int rx_is_space(int32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
	       c == '\f' || c == 0xa0 || c == 0x2007 || c == 0x202f ||
	       (c >= 0x2000 && c <= 0x200a) || c == 0x3000;
}

/* Spaces on one line. */
static int is_hspace(int32_t c)
{
	return rx_is_space(c) && c != '\n' && c != '\r';
}

/* Apostrophes: ' and the right single quote and modifier letter. */
int rx_is_apos(int32_t c)
{
	return c == '\'' || c == 0x2019 || c == 0x02bc;
}

/* Hyphen-minus, hyphen, non-breaking hyphen. */
static int is_hyphen(int32_t c)
{
	return c == '-' || c == 0x2010 || c == 0x2011;
}

/* ---- tokens ---- */

void rx_scan_free(struct scan *sc)
{
	mem_free(sc->tok);
	mem_free(sc->fold);
	sc->tok = NULL;
	sc->fold = NULL;
}

/* Appends n bytes to the folded text. */
static void fold_add(struct scan *sc, const char *s, size_t n)
{
	if (n == 0)
		return;
	if (sc->nfold + n > sc->capfold) {
		size_t cap = sc->capfold ? sc->capfold : 256;

		while (cap < sc->nfold + n)
			cap *= 2;
		sc->fold = mem_realloc(sc->fold, cap);
		sc->capfold = cap;
	}
	memcpy(sc->fold + sc->nfold, s, n);
	sc->nfold += n;
}

/* Folds the token's bytes (case folding, compatibility forms, no marks, no
 * default-ignorable characters) onto the folded text. */
static void fold_tok(struct scan *sc, struct tok *t)
{
	const char *s = sc->t + t->s;
	size_t n = t->e - t->s, i;
	utf8proc_uint8_t *dst = NULL;
	utf8proc_ssize_t r;

	t->fo = sc->nfold;
	for (i = 0; i < n && (unsigned char)s[i] < 0x80; i++)
		;
	if (i == n) {
		char low[64];

		for (i = 0; i < n; i += sizeof(low)) {
			size_t m = n - i < sizeof(low) ? n - i : sizeof(low);

			for (size_t j = 0; j < m; j++) {
				char c = s[i + j];

				low[j] = c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
			}
			fold_add(sc, low, m);
		}
	} else {
		r = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &dst,
				 UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
				 UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_IGNORE);
		if (r >= 0)
			fold_add(sc, (const char *)dst, (size_t)r);
		else
			fold_add(sc, s, n);
		free(dst);
	}
	t->flen = (uint32_t)(sc->nfold - t->fo);
	t->hash = (uint32_t)hash_bytes(sc->fold + t->fo, t->flen);
}

/* Kind of the gap of n bytes at p between two tokens. */
static uint8_t classify_gap(const char *p, size_t n)
{
	size_t i = 0, k;
	int32_t c;
	int nl = 0;

	if (n == 0)
		return SEP_OTHER;
	c = rx_decode(p, n, &k);
	if (k == n && rx_is_apos(c))
		return SEP_APOS;
	if (k == n && is_hyphen(c))
		return SEP_HYPHEN;
	if (c == '.')
		i = 1;
	for (; i < n; i += k) {
		c = rx_decode(p + i, n - i, &k);
		if (!rx_is_space(c))
			return SEP_OTHER;
		if (c == '\n' || c == '\r')
			nl = 1;
	}
	if (p[0] == '.')
		return nl ? SEP_OTHER : SEP_DOT;
	return nl ? SEP_NL : SEP_SPACE;
}

/* The word of "[NAME]" and its kin: never matched again. */
static int is_placeholder(const struct scan *sc, const struct tok *t)
{
	size_t n = t->e - t->s;

	if (t->s == 0 || t->e >= sc->len || sc->t[t->s - 1] != '[' || sc->t[t->e] != ']')
		return 0;
	for (size_t i = 0; i < sizeof(placeholder) / sizeof(*placeholder); i++)
		if (strlen(placeholder[i]) == n + 2 && memcmp(placeholder[i] + 1, sc->t + t->s, n) == 0)
			return 1;
	return 0;
}

/* Sets the gap after token i (not the last) to the bytes from..to. */
static void set_gap(struct scan *sc, size_t i, size_t from, size_t to)
{
	sc->tok[i].sep = from < to ? classify_gap(sc->t + from, to - from) : SEP_OTHER;
}

/* Cuts the text into tokens, folds them and classifies the gaps. */
void rx_tokenize(struct scan *sc, const char *t, size_t len)
{
	size_t i = 0, k;

	memset(sc, 0, sizeof(*sc));
	sc->t = t;
	sc->len = len;
	/* Folding rarely changes the length much; never leave fold NULL. */
	sc->capfold = len + 16;
	sc->fold = mem_alloc(sc->capfold);
	while (i < len) {
		int32_t c = rx_decode(t + i, len - i, &k);
		struct tok *tk;
		uint32_t upper = 0, digits = 0, chars = 0;

		if (!rx_is_word(c)) {
			i += k;
			continue;
		}
		if (sc->ntok == sc->captok) {
			sc->captok = sc->captok ? sc->captok * 2 : 64;
			sc->tok = mem_realloc(sc->tok, sc->captok * sizeof(*sc->tok));
		}
		tk = &sc->tok[sc->ntok++];
		memset(tk, 0, sizeof(*tk));
		tk->s = i;
		if (rx_is_letter(c))
			tk->flags |= T_ALPHA;
		if (is_upper(c))
			tk->flags |= T_CAP;
		while (i < len) {
			c = rx_decode(t + i, len - i, &k);
			if (!rx_is_word(c))
				break;
			chars++;
			if (rx_is_letter(c)) {
				tk->letters++;
				upper += is_upper(c);
			}
			digits += rx_is_digit(c);
			i += k;
		}
		tk->e = i;
		if (digits == chars)
			tk->flags |= T_DIGITS;
		if (tk->letters >= 2 && upper == tk->letters)
			tk->flags |= T_UPPER;
		fold_tok(sc, tk);
		if (is_placeholder(sc, tk))
			tk->flags |= T_HOLD;
	}
	/* A placeholder's brackets belong to it, not to the gaps beside it. */
	for (size_t j = 0; j + 1 < sc->ntok; j++)
		set_gap(sc, j, sc->tok[j].e + !!(sc->tok[j].flags & T_HOLD),
			sc->tok[j + 1].s - !!(sc->tok[j + 1].flags & T_HOLD));
	if (sc->ntok)
		sc->tok[sc->ntok - 1].sep = SEP_END;
}

/* The folded form of token i (flen bytes, not NUL-terminated). */
const char *rx_fold_of(const struct scan *sc, size_t i)
{
	return sc->fold + sc->tok[i].fo;
}

/* True when token i's folded form is in list. */
int rx_tok_in(const struct scan *sc, size_t i, const char *const *list)
{
	return i < sc->ntok && !sc->tok[i].cover && rx_in_list(list, rx_fold_of(sc, i), sc->tok[i].flen);
}

/* Token i stands for something already replaced: a placeholder in the
 * text, or a word under an e-mail, phone or address about to be.  Names
 * are decided after those, and see such a token as the placeholder it
 * becomes, so that a second pass decides alike. */
int rx_opaque(const struct tok *t)
{
	return (t->flags & T_HOLD) || t->cover;
}


/* ---- candidates ---- */

void rx_add_span(struct spans *sp, size_t s, size_t e, int kind)
{
	if (sp->n == sp->cap) {
		sp->cap = sp->cap ? sp->cap * 2 : 64;
		sp->v = mem_realloc(sp->v, sp->cap * sizeof(*sp->v));
	}
	sp->v[sp->n++] = (struct span){s, e, kind};
}

/* True when the gap after token i is spaces on one line. */
int rx_hsep(const struct scan *sc, size_t i)
{
	return i < sc->ntok && sc->tok[i].sep == SEP_SPACE;
}

/* ---- settling and writing ---- */

/* E-mail first, then longer, then by kind, then earlier. */
static int cmp_priority(const void *pa, const void *pb)
{
	const struct span *a = pa, *b = pb;
	size_t la = a->e - a->s, lb = b->e - b->s;

	if ((a->kind == K_EMAIL) != (b->kind == K_EMAIL))
		return a->kind == K_EMAIL ? -1 : 1;
	if (la != lb)
		return la > lb ? -1 : 1;
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	return a->s < b->s ? -1 : a->s > b->s;
}

/* Text order. */
static int cmp_start(const void *pa, const void *pb)
{
	const struct span *a = pa, *b = pb;

	return a->s < b->s ? -1 : a->s > b->s;
}

/* Joins overlapping e-mail candidates ("a@b.co.x1@c.org") into one, so
 * that no part of either is left for the next '@' to read as an address.
 * rx_find_emails adds them in the order of their '@', hence of their end. */
static void join_emails(struct spans *sp)
{
	size_t n = 0;

	for (size_t i = 0; i < sp->n; i++) {
		struct span s = sp->v[i];

		if (s.kind != K_EMAIL) {
			sp->v[n++] = s;
			continue;
		}
		/* Earlier e-mail candidates that overlap this one. */
		while (n > 0 && sp->v[n - 1].kind == K_EMAIL && sp->v[n - 1].e > s.s) {
			if (sp->v[n - 1].s < s.s)
				s.s = sp->v[n - 1].s;
			if (sp->v[n - 1].e > s.e)
				s.e = sp->v[n - 1].e;
			n--;
		}
		sp->v[n++] = s;
	}
	sp->n = n;
}

/* Keeps the candidates that win (cmp_priority) over those they overlap,
 * in text order. */
void rx_settle(struct spans *sp, size_t len)
{
	unsigned char *taken;
	size_t n = 0;

	if (sp->n == 0)
		return;
	join_emails(sp);
	taken = mem_alloc(len);
	qsort(sp->v, sp->n, sizeof(*sp->v), cmp_priority);
	for (size_t i = 0; i < sp->n; i++) {
		struct span s = sp->v[i];
		int free_ = 1;

		for (size_t b = s.s; b < s.e && free_; b++)
			free_ = !taken[b];
		if (!free_)
			continue;
		memset(taken + s.s, 1, s.e - s.s);
		sp->v[n++] = s;
	}
	sp->n = n;
	mem_free(taken);
	qsort(sp->v, sp->n, sizeof(*sp->v), cmp_start);
}

/* Marks the tokens under the kept spans sp (in text order), and measures
 * the gaps beside each span from its edges, as they will be beside its
 * placeholder. */
static void cover_tokens(struct scan *sc, const struct spans *sp)
{
	size_t ti = 0;

	for (size_t k = 0; k < sp->n; k++) {
		const struct span *s = &sp->v[k];
		size_t first, last;

		while (ti < sc->ntok && sc->tok[ti].e <= s->s)
			ti++;
		if (ti == sc->ntok || sc->tok[ti].s >= s->e)
			continue;   /* covers no token */
		first = ti;
		while (ti < sc->ntok && sc->tok[ti].s < s->e)
			sc->tok[ti++].cover = (uint8_t)(1 + s->kind);
		last = ti - 1;
		if (first > 0) {
			const struct tok *p = &sc->tok[first - 1];
			size_t from = p->e + !!(p->flags & T_HOLD);

			if (p->cover && k > 0)
				from = sp->v[k - 1].e;
			set_gap(sc, first - 1, from, s->s);
		}
		if (last + 1 < sc->ntok) {
			const struct tok *n = &sc->tok[last + 1];

			set_gap(sc, last, s->e, n->s - !!(n->flags & T_HOLD));
		}
	}
}

/* True when the n bytes at p join two names into one: spaces and tabs
 * (no line break), or one hyphen ("O'Neil-García"). */
static int name_joint(const char *p, size_t n)
{
	size_t k;
	int32_t c;

	if (n == 0)
		return 0;
	c = rx_decode(p, n, &k);
	if (k == n && is_hyphen(c))
		return 1;
	for (size_t i = 0; i < n; i += k)
		if (!is_hspace(rx_decode(p + i, n - i, &k)))
			return 0;
	return 1;
}

/* Writes the text with the spans replaced; names parted only by spaces or
 * a hyphen become one [NAME].  Records each written placeholder's source
 * span in rep->replaced (when rep), and moves the doubts ds (input bytes,
 * in text order, none under a span) to bytes of what was written. */
/* Where a placeholder of the output stands and what it replaced: bytes
 * os..oe of the output (from the first byte written), is..ie of the text. */
struct pmap {
	size_t os, oe, is, ie;
};

static int emit(const struct scan *sc, const struct spans *sp, struct spans *ds, struct buf *out,
		struct redact_stats *st, struct arena *a, struct redact_report *rep, struct pmap *pm, size_t *npm)
{
	size_t pos = 0, base = out->len, d = 0;
	int last = -1;
	int *count[] = {&st->emails, &st->addresses, &st->phones, &st->names};

	if (rep && a)
		rep->replaced = arena_alloc(a, (sp->n + 1) * sizeof(*rep->replaced));
	else
		rep = NULL;
	for (size_t i = 0; i <= sp->n; i++) {
		const struct span *s = i < sp->n ? &sp->v[i] : NULL;
		size_t upto = s ? s->s : sc->len;

		/* Doubts in the copied stretch pos..upto. */
		for (; d < ds->n && ds->v[d].e <= upto; d++) {
			ds->v[d].s = out->len + (ds->v[d].s - pos) - base;
			ds->v[d].e = out->len + (ds->v[d].e - pos) - base;
		}
		if (!s)
			break;
		if (s->kind == K_NAME && last == K_NAME && name_joint(sc->t + pos, s->s - pos)) {
			if (rep)
				rep->replaced[rep->nreplaced - 1].end = s->e;
			pm[*npm - 1].ie = s->e;
			pos = s->e;
			continue;
		}
		if (buf_add(out, sc->t + pos, s->s - pos) < 0)
			return -1;
		size_t os = out->len - base;
		if (buf_adds(out, placeholder[s->kind]) < 0)
			return -1;
		pm[(*npm)++] = (struct pmap){os, out->len - base, s->s, s->e};
		(*count[s->kind])++;
		if (rep)
			rep->replaced[rep->nreplaced++] = (struct redact_span){s->s, s->e, (enum redact_kind)s->kind};
		last = s->kind;
		pos = s->e;
	}
	return buf_add(out, sc->t + pos, sc->len - pos);
}

/* Names that overlap become one: a registered "Rosa María" and the
 * unknown "Ro Rosa" before it are one stretch to replace, not a choice
 * that would leave "Ro" for a second pass to find. */
static void join_names(struct spans *sp)
{
	size_t n = 0;

	if (sp->n == 0)
		return;
	qsort(sp->v, sp->n, sizeof(*sp->v), cmp_start);
	for (size_t i = 0; i < sp->n; i++) {
		if (n > 0 && sp->v[i].s < sp->v[n - 1].e) {
			if (sp->v[i].e > sp->v[n - 1].e)
				sp->v[n - 1].e = sp->v[i].e;
			continue;
		}
		sp->v[n++] = sp->v[i];
	}
	sp->n = n;
}

/* Drops the doubts that overlap a kept span (both in text order). */
static void drop_covered(struct spans *ds, const struct spans *sp)
{
	size_t n = 0, k = 0;

	for (size_t i = 0; i < ds->n; i++) {
		while (k < sp->n && sp->v[k].e <= ds->v[i].s)
			k++;
		if (k < sp->n && sp->v[k].s < ds->v[i].e)
			continue;
		if (n > 0 && ds->v[n - 1].e > ds->v[i].s)
			continue;
		ds->v[n++] = ds->v[i];
	}
	ds->n = n;
}

const char *redact_kind_name(enum redact_kind k)
{
	static const char *const names[] = {"email", "address", "phone", "name"};

	return (unsigned)k < 4 ? names[k] : "name";
}

/* One pass of redaction over text, appending to out; *pm (from mem_*, for
 * the caller to free) gets where each placeholder stands. */
static int run_once(const struct redact_names *names, const char *text, size_t len, struct arena *a,
                    struct buf *out, struct redact_report *rep, struct pmap **pm, size_t *npm, struct err *e)
{
	struct redact_report local;
	struct scan sc;
	struct spans sp = {0}, nsp = {0}, ds = {0};
	size_t start = out->len;
	int overflow = out->overflow, rc = 0;

	if (!rep)
		rep = &local;
	memset(rep, 0, sizeof(*rep));
	*pm = NULL;
	*npm = 0;
	if (!len)
		return 0;
	rx_tokenize(&sc, text, len);
	rx_find_emails(&sc, &sp);
	rx_find_phones(&sc, &sp);
	rx_find_addresses(&sc, &sp);
	rx_settle(&sp, len);
	cover_tokens(&sc, &sp);
	rx_mark_kept(&sc, names);
	rx_find_people(&sc, names, &nsp, &ds);
	rx_find_names(&sc, names, &nsp);
	join_names(&nsp);
	for (size_t i = 0; i < nsp.n; i++)
		rx_add_span(&sp, nsp.v[i].s, nsp.v[i].e, K_NAME);
	if (nsp.n)
		qsort(sp.v, sp.n, sizeof(*sp.v), cmp_start);
	if (ds.n)
		qsort(ds.v, ds.n, sizeof(*ds.v), cmp_start);
	drop_covered(&ds, &sp);
	*pm = mem_alloc((sp.n + 1) * sizeof(**pm));
	*npm = 0;
	if (emit(&sc, &sp, &ds, out, &rep->stats, a, a && rep != &local ? rep : NULL, *pm, npm) < 0) {
		out->len = start;
		out->p[start] = '\0';
		out->overflow = overflow;
		memset(rep, 0, sizeof(*rep));
		rc = err_set(e, ERR_LIMIT, "text", "the redacted text is larger than the %zu bytes allowed",
			     out->max);
	} else if (a && ds.n) {
		rep->doubts = arena_alloc(a, ds.n * sizeof(*rep->doubts));
		for (size_t i = 0; i < ds.n; i++)
			rep->doubts[i] = (struct redact_span){ds.v[i].s, ds.v[i].e, REDACT_NAME};
		rep->ndoubts = ds.n;
	}
	mem_free(sp.v);
	mem_free(nsp.v);
	mem_free(ds.v);
	rx_scan_free(&sc);
	return rc;
}

/* Byte pos of a pass's output as a byte of its input: inside a placeholder,
 * the start (end when at_end) of what it replaced. */
static size_t map_back(const struct pmap *pm, size_t n, size_t pos, int at_end)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {   /* the first entry with os > pos */
		size_t mid = lo + (hi - lo) / 2;
		if (pm[mid].os <= pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return pos;
	const struct pmap *m = &pm[lo - 1];
	if (pos < m->oe || (at_end && pos == m->oe))
		return pos == m->os && !at_end ? m->is : m->ie;
	return m->ie + (pos - m->oe);
}

/* Occurrences of placeholder k in the n bytes at t. */
static int count_of(const char *t, size_t n, int k)
{
	const char *ph = placeholder[k];
	size_t pl = strlen(ph);
	int c = 0;
	for (const char *q = t; n >= pl && (q = memmem(q, n - (size_t)(q - t), ph, pl)); q += pl)
		c++;
	return c;
}

/* Spans in text order, overlapping ones joined. */
static int cmp_span_start(const void *pa, const void *pb)
{
	const struct redact_span *a = pa, *b = pb;

	return a->start < b->start ? -1 : a->start > b->start;
}

static void merge_spans(struct redact_span *v, size_t *n)
{
	size_t m = 0;
	qsort(v, *n, sizeof(*v), cmp_span_start);
	for (size_t i = 0; i < *n; i++) {
		if (m > 0 && v[i].start < v[m - 1].end) {
			if (v[i].end > v[m - 1].end)
				v[m - 1].end = v[i].end;
			continue;
		}
		v[m++] = v[i];
	}
	*n = m;
}

/* See redact.h.  A pass's output is redacted again until nothing changes
 * (at most REDACT_MAX_PASSES more; almost always the first confirms): the rules
 * look at the words around a word, and a word a pass replaced can change
 * how a neighbour reads, so this is what makes a second redaction of the
 * output change nothing.  Scratch memory is freed before returning; on
 * ERR_LIMIT out is rolled back to its length and overflow flag on entry. */
/* A list of doubtful words whose neighbours are replaced one pass after
 * another ("X and Y and Z" beside street words that change as they go)
 * can take five; each pass is linear, so the bound keeps the whole linear. */
#define REDACT_MAX_PASSES 8

int redact_run(const struct redact_names *names, const char *text, size_t len, struct arena *a,
               struct buf *out, struct redact_report *rep, struct err *e)
{
	struct redact_report local, r2;
	struct pmap *pm = NULL, *pm2 = NULL;
	size_t npm = 0, npm2 = 0, start = out->len;
	int overflow = out->overflow;

	if (!rep)
		rep = &local;
	memset(rep, 0, sizeof(*rep));
	if ((!text && len) || (len && !utf8_valid(text, len)))
		return err_set(e, ERR_INVALID, "text", "the text is not valid UTF-8 (or holds a NUL byte)");
	int rc = run_once(names, text, len, a, out, rep, &pm, &npm, e);
	for (int pass = 0; rc == 0 && len && pass < REDACT_MAX_PASSES; pass++) {
		struct buf again;
		buf_init(&again, out->max);
		const char *cur = out->p + start;
		size_t curlen = out->len - start;
		rc = run_once(names, cur, curlen, a, &again, &r2, &pm2, &npm2, e);
		if (rc == 0 && again.len == curlen && memcmp(again.p ? again.p : "", cur, curlen) == 0) {
			rep->doubts = r2.doubts;
			rep->ndoubts = r2.ndoubts;
			buf_release(&again);
			mem_free(pm2);
			break;
		}
		if (rc == 0) {
			/* What this pass replaced, as bytes of the text. */
			if (a && r2.nreplaced) {
				struct redact_span *v = arena_alloc(a, (rep->nreplaced + r2.nreplaced) * sizeof(*v));
				memcpy(v, rep->replaced, rep->nreplaced * sizeof(*v));
				for (size_t i = 0; i < r2.nreplaced; i++)
					v[rep->nreplaced + i] = (struct redact_span){map_back(pm, npm, r2.replaced[i].start, 0),
					                                             map_back(pm, npm, r2.replaced[i].end, 1),
					                                             r2.replaced[i].kind};
				rep->nreplaced += r2.nreplaced;
				rep->replaced = v;
				merge_spans(rep->replaced, &rep->nreplaced);
			}
			/* The map from the new output back to the text: this pass's
			 * placeholders, and the earlier ones in the stretches it copied,
			 * moved to where they now stand (both lists in text order). */
			struct pmap *nm = mem_alloc((npm + npm2 + 1) * sizeof(*nm));
			size_t nn = 0, j = 0;
			for (size_t i = 0; i <= npm2; i++) {
				size_t upto = i < npm2 ? pm2[i].is : (size_t)-1;
				for (; j < npm && pm[j].os < upto; j++) {
					if ((i > 0 && pm[j].os < pm2[i - 1].ie) || (i < npm2 && pm[j].oe > pm2[i].is))
						continue;   /* inside what this pass replaced */
					size_t os = i ? pm2[i - 1].oe + (pm[j].os - pm2[i - 1].ie) : pm[j].os;
					nm[nn++] = (struct pmap){os, os + (pm[j].oe - pm[j].os), pm[j].is, pm[j].ie};
				}
				if (i < npm2)
					nm[nn++] = (struct pmap){pm2[i].os, pm2[i].oe, map_back(pm, npm, pm2[i].is, 0),
					                         map_back(pm, npm, pm2[i].ie, 1)};
			}
			mem_free(pm);
			mem_free(pm2);
			pm = nm;
			npm = nn;
			out->len = start;
			rc = buf_add(out, again.p ? again.p : "", again.len) < 0
			         ? err_set(e, ERR_LIMIT, "text", "the redacted text is larger than the %zu bytes allowed", out->max)
			         : 0;
		}
		buf_release(&again);
	}
	mem_free(pm);
	if (rc < 0) {
		out->len = start;
		if (out->p)
			out->p[start] = '\0';
		out->overflow = overflow;
		memset(rep, 0, sizeof(*rep));
		return rc;
	}
	/* The counts are what the output holds more than the text. */
	int *count[] = {&rep->stats.emails, &rep->stats.addresses, &rep->stats.phones, &rep->stats.names};
	for (int k = 0; k < 4; k++)
		*count[k] = count_of(out->p ? out->p + start : "", out->len - start, k) - count_of(text ? text : "", len, k);
	return 0;
}

int redact_text(const struct redact_names *names, const char *text, size_t len,
		struct buf *out, struct redact_stats *stats, struct err *e)
{
	struct redact_report rep;
	int rc = redact_run(names, text, len, NULL, out, &rep, e);

	if (stats)
		*stats = rep.stats;
	return rc;
}

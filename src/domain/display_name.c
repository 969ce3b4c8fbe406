/* display_name: see display_name.h.
 *
 * The name goes through four steps: an e-mail address becomes the words
 * of its local part; bracketed decorations are cut out; what is left is
 * split into parts at separators (" - ", "|", ":", ",", ";", "•"), parts
 * that are only decoration are dropped, and the words of the others are
 * trimmed (devices, titles, roles, pronouns); the parts left are joined
 * again.  Words are compared case-folded and without accents (utf8proc),
 * so "INTÉRPRETE", "Intérprete" and "interprete" are one word. */
#include "domain/display_name.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "core/buf.h"
#include "core/str.h"

#define NAME_MAX_BYTES 4096

static const char *const pronouns[] = {
	"she", "her", "hers", "he", "him", "his", "they", "them", "their", "theirs", "xe", "xem", "xyr", "ze",
	"zir", "hir", "ey", "em", "ella", "el", "elle", "ellos", "ellas", "elles", "any", "all", "pronouns",
	"pronombres", NULL,
};
/* Roles a meeting program or a host puts in a name.  The strong ones are
 * removed even without brackets or a separator ("Interpreter Luis"). */
static const char *const strong_roles[] = {
	"host", "co-host", "cohost", "coanfitrion", "coanfitriona", "anfitrion", "anfitriona", "interpreter",
	"interprete", "interpretes", "translator", "traductor", "traductora", "moderator", "moderador",
	"moderadora", "captioner", NULL,
};
static const char *const roles[] = {
	"interpreting", "interpretation", "interpretacion", "translation", "traduccion", "facilitator",
	"facilitador", "facilitadora", "presenter", "presentador", "presentadora", "panelist", "panelista",
	"organizer", "organiser", "organizador", "organizadora", "captioning", "captions", "cart", "subtitulos",
	"guest", "invitado", "invitada", "external", "externo", "externa", "unverified", "verified", "staff",
	"personal", "admin", "administrator", NULL,
};
static const char *const languages[] = {
	"english", "spanish", "espanol", "ingles", "es", "en", "asl", "lsm", "vietnamese", "vietnamita",
	"somali", "arabic", "arabe", "chinese", "mandarin", "cantonese", "french", "frances", "portuguese",
	"portugues", NULL,
};
static const char *const titles[] = {
	"dr", "mr", "mrs", "ms", "mx", "miss", "prof", "profe", "sr", "sra", "srta", "dra", "lic", "ing", "rev",
	NULL,
};
static const char *const devices[] = {
	"iphone", "ipad", "ipod", "android", "galaxy", "samsung", "pixel", "macbook", "imac", "chromebook",
	"laptop", "pc", "computer", "computadora", "ordenador", "telefono", "celular", "movil", "phone",
	"smartphone", "tablet", "tableta", "kindle", "huawei", "xiaomi", "motorola", "lenovo", NULL,
};
static const char *const models[] = {"pro", "max", "mini", "plus", "air", "ultra", "lite", "se", NULL};
static const char *const connectors[] = {"de", "of", "von", "di", "do", "da", "du", NULL};

enum {
	W_PRONOUN = 1 << 0,
	W_ROLE = 1 << 1,     /* any role */
	W_STRONG = 1 << 2,   /* a role removed without brackets */
	W_LANG = 1 << 3,
	W_CODE = 1 << 4,     /* RUSD, LFCC: an organisation in capitals */
	W_NOLETTER = 1 << 5,
	W_TITLE = 1 << 6,
	W_DEVICE = 1 << 7,
	W_MODEL = 1 << 8,    /* S21, Pro, Max */
	W_CONNECT = 1 << 9,  /* de, of */
	W_PSET = 1 << 10,    /* she/her: pronouns joined by slashes */
	W_BRACKET = 1 << 11, /* holds a bracketed part (kept as written) */
};

struct word {
	const char *p;   /* the word as written (arena) */
	size_t len;
	unsigned flags;
};

static bool in_list(const char *w, const char *const *list)
{
	for (size_t i = 0; list[i]; i++)
		if (strcmp(w, list[i]) == 0)
			return true;
	return false;
}

static bool is_open(char c)
{
	return c == '(' || c == '[' || c == '{';
}

static char closer(char c)
{
	return c == '(' ? ')' : c == '[' ? ']' : '}';
}

/* The end of the bracketed part that opens at s[i]: one past its closer, or
 * n when it never closes. */
static size_t group_end(const char *s, size_t n, size_t i)
{
	const char *c = memchr(s + i + 1, closer(s[i]), n - i - 1);
	return c ? (size_t)(c - s) + 1 : n;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Bytes of a separator at s[i] (0: none).  A dash separates only with a
 * space (or an end) beside it: "Co-host" and "Jean-Luc" are words. */
static size_t separator_at(const char *s, size_t n, size_t i)
{
	char c = s[i];
	if (c == ',' || c == ';' || c == '|' || c == ':')
		return 1;
	size_t k = 0;
	if (c == '-')
		k = 1;
	else if (n - i >= 3 && (unsigned char)c == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
	         ((unsigned char)s[i + 2] == 0x93 || (unsigned char)s[i + 2] == 0x94))
		k = 3;   /* – — */
	if (k)
		return i == 0 || is_space(s[i - 1]) || i + k >= n || is_space(s[i + k]) ? k : 0;
	if (n - i >= 3 && (unsigned char)c == 0xE2 && (unsigned char)s[i + 1] == 0x80 && (unsigned char)s[i + 2] == 0xA2)
		return 3;   /* • */
	if (n - i >= 2 && (unsigned char)c == 0xC2 && (unsigned char)s[i + 1] == 0xB7)
		return 2;   /* · */
	return 0;
}

/* The word folded (case, accents), without the punctuation around it. */
static char *fold(struct arena *a, const char *p, size_t len)
{
	static const char trim[] = ".,;:!?'\"()[]{}";
	while (len && strchr(trim, *p))
		p++, len--;
	while (len && strchr(trim, p[len - 1]))
		len--;
	char *w = arena_strndup(a, p, len);
	utf8proc_uint8_t *f = NULL;
	utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)w, (utf8proc_ssize_t)len, &f,
	                                  UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK);
	if (r >= 0)
		w = arena_strndup(a, (const char *)f, (size_t)r);
	free(f);
	return w;
}

static bool has_letter(const char *p, size_t len)
{
	const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)p;
	for (size_t i = 0; i < len;) {
		utf8proc_int32_t c;
		utf8proc_ssize_t k = utf8proc_iterate(u + i, (utf8proc_ssize_t)(len - i), &c);
		if (k <= 0)
			return true;   /* not UTF-8: not ours to judge */
		if (utf8_is_letter(c))
			return true;
		i += (size_t)k;
	}
	return false;
}

/* RUSD, LFCC, PTA: 2 to 10 capitals, digits or '&', at least two capitals. */
static bool is_code(const char *p, size_t len)
{
	static const char trim[] = ".,;:!?'\"()[]{}";
	while (len && strchr(trim, *p))
		p++, len--;
	while (len && strchr(trim, p[len - 1]))
		len--;
	size_t caps = 0;
	if (len < 2 || len > 10)
		return false;
	for (size_t i = 0; i < len; i++) {
		if (p[i] >= 'A' && p[i] <= 'Z')
			caps++;
		else if (!(p[i] >= '0' && p[i] <= '9') && p[i] != '&')
			return false;
	}
	return caps >= 2;
}

static bool has_digit(const char *w)
{
	for (; *w; w++)
		if (*w >= '0' && *w <= '9')
			return true;
	return false;
}

/* The classes of a folded word.  Parts joined by '/' ("she/her",
 * "Host/Interpreter") make a decoration only when each part is one. */
static unsigned classify_folded(struct arena *a, const char *w)
{
	if (strchr(w, '/')) {
		const unsigned deco = W_PRONOUN | W_ROLE | W_LANG;
		unsigned all = ~0u, any = 0;
		bool each = true;
		size_t parts = 0;
		for (const char *p = w; *p;) {
			size_t n = strcspn(p, "/");
			if (n) {
				unsigned pf = classify_folded(a, arena_strndup(a, p, n));
				all &= pf;
				any |= pf;
				each = each && (pf & deco);
				parts++;
			}
			p += n + (p[n] == '/');
		}
		if (!parts || !each)
			return 0;
		if (all & W_PRONOUN)
			return W_PRONOUN | W_PSET;
		return (any & (W_ROLE | W_STRONG | W_LANG)) | (any & W_PRONOUN ? W_PSET : 0);
	}
	unsigned f = 0;
	if (in_list(w, pronouns))
		f |= W_PRONOUN;
	if (in_list(w, strong_roles))
		f |= W_ROLE | W_STRONG;
	if (in_list(w, roles))
		f |= W_ROLE;
	if (in_list(w, languages))
		f |= W_LANG;
	if (in_list(w, titles))
		f |= W_TITLE;
	if (in_list(w, devices))
		f |= W_DEVICE;
	if (in_list(w, models) || has_digit(w))
		f |= W_MODEL;
	if (in_list(w, connectors))
		f |= W_CONNECT;
	return f;
}

static struct word make_word(struct arena *a, const char *p, size_t len)
{
	struct word w = {arena_strndup(a, p, len), len, 0};
	bool bracket = false;
	for (size_t i = 0; i < len; i++)
		bracket |= is_open(p[i]);
	if (bracket)
		return (struct word){w.p, len, W_BRACKET};
	if (!has_letter(p, len))
		w.flags |= W_NOLETTER;
	if (is_code(p, len))
		w.flags |= W_CODE;
	w.flags |= classify_folded(a, fold(a, p, len));
	return w;
}

/* The words of s[0..n): parted by spaces, and also by separators when
 * seps; a bracketed part stays inside its word. */
static size_t split_words(struct arena *a, const char *s, size_t n, bool seps, struct word **out)
{
	struct word *v = NULL;
	size_t nw = 0, cap = 0;
	for (size_t i = 0; i < n;) {
		size_t k = is_space(s[i]) ? 1 : seps ? separator_at(s, n, i) : 0;
		if (k) {
			i += k;
			continue;
		}
		size_t start = i;
		while (i < n && !is_space(s[i]) && !(seps && separator_at(s, n, i)))
			i = is_open(s[i]) ? group_end(s, n, i) : i + 1;
		v = arena_grow(a, v, nw, &cap, sizeof(*v));
		v[nw++] = make_word(a, s + start, i - start);
	}
	*out = v;
	return nw;
}

/* Whether the words of a bracketed or separated part are all decoration:
 * pronouns, roles, languages or no letters, with one organisation code at
 * most (two words in capitals are a name written in capitals); or a device
 * with its model.  Not strict (the second try, when the strict one left no
 * name): an organisation code, or a lone pronoun without a slash ("Ella"),
 * is a name. */
static bool decoration(const struct word *w, size_t n, bool strict)
{
	size_t ncode = 0, ndevice = 0, npron = 0;
	bool deco = true, device = true, pset = false;
	for (size_t i = 0; i < n; i++) {
		unsigned f = w[i].flags;
		if (f & W_BRACKET) {
			deco = device = false;
			continue;
		}
		if (f & W_PRONOUN)
			npron++;
		pset |= (f & W_PSET) != 0;
		if (!(f & (W_PRONOUN | W_ROLE | W_LANG | W_NOLETTER))) {
			if (strict && (f & W_CODE))
				ncode++;
			else
				deco = false;
		}
		if (f & W_DEVICE)
			ndevice++;
		else if (!(f & (W_MODEL | W_NOLETTER)))
			device = false;
	}
	bool names_only = npron == n && npron == 1 && !pset;
	return (deco && ncode <= 1 && (strict || !names_only)) || (device && ndevice > 0);
}

/* Cuts decorations out of a part's words (steps 3 to 6 of the header);
 * returns how many are left in w. */
static size_t trim_words(struct word *w, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (!(w[i].flags & (W_NOLETTER | W_PSET)) || (w[i].flags & W_BRACKET))
			w[k++] = w[i];
	n = k;
	for (bool changed = true; changed && n > 0;) {
		changed = false;
		size_t j = 0, ndev = 0;
		/* iPhone de María, Galaxy S21 de Luis */
		while (j < n && (w[j].flags & (W_DEVICE | W_MODEL)) && !(w[j].flags & W_BRACKET))
			ndev += (w[j++].flags & W_DEVICE) != 0;
		if (ndev && j + 1 < n && (w[j].flags & W_CONNECT)) {
			memmove(w, w + j + 1, (n - j - 1) * sizeof(*w));
			n -= j + 1;
			changed = true;
			continue;
		}
		/* María's iPad, Tom’s iPhone, Ana iPhone */
		j = n;
		ndev = 0;
		while (j > 0 && (w[j - 1].flags & (W_DEVICE | W_MODEL)) && !(w[j - 1].flags & W_BRACKET))
			ndev += (w[--j].flags & W_DEVICE) != 0;
		if (ndev && j > 0) {
			struct word *o = &w[j - 1];
			if (o->len > 2 && o->p[o->len - 2] == '\'' && (o->p[o->len - 1] == 's' || o->p[o->len - 1] == 'S'))
				o->len -= 2;
			else if (o->len > 4 && memcmp(o->p + o->len - 4, "\xE2\x80\x99", 3) == 0 &&
			         (o->p[o->len - 1] == 's' || o->p[o->len - 1] == 'S'))
				o->len -= 4;
			else if (o->len > 1 && o->p[o->len - 1] == '\'')
				o->len -= 1;
			n = j;
			changed = true;
			continue;
		}
		if (n > 1 && (w[0].flags & W_TITLE)) {
			memmove(w, w + 1, (n - 1) * sizeof(*w));
			n--;
			changed = true;
			continue;
		}
		/* Interpreter Luis, Spanish Interpreter Luis */
		size_t strong = 0;
		for (j = 0; j < n && (w[j].flags & (W_STRONG | W_LANG)) && !(w[j].flags & W_BRACKET); j++)
			strong += (w[j].flags & W_STRONG) != 0;
		if (strong && j < n) {
			memmove(w, w + j, (n - j) * sizeof(*w));
			n -= j;
			changed = true;
			continue;
		}
		/* Luis Intérprete; Ana Ruiz she her */
		strong = 0;
		size_t npron = 0;
		for (j = n; j > 0 && (w[j - 1].flags & (W_STRONG | W_LANG)) && !(w[j - 1].flags & W_BRACKET); j--)
			strong += (w[j - 1].flags & W_STRONG) != 0;
		if (strong && j > 0) {
			n = j;
			changed = true;
			continue;
		}
		for (j = n; j > 0 && (w[j - 1].flags & W_PRONOUN) && !(w[j - 1].flags & W_BRACKET); j--)
			npron++;
		if (npron >= 2 && j > 0) {
			n = j;
			changed = true;
		}
	}
	return n;
}

/* Appends s[0..n) without the bracketed parts that are decoration. */
static void cut_brackets(struct arena *a, const char *s, size_t n, bool strict, struct buf *out)
{
	for (size_t i = 0; i < n;) {
		if (!is_open(s[i])) {
			buf_addc(out, s[i++]);
			continue;
		}
		size_t end = group_end(s, n, i);
		bool closed = end > i + 1 && s[end - 1] == closer(s[i]);
		size_t inner_end = closed ? end - 1 : end;
		struct word *w;
		size_t nw = split_words(a, s + i + 1, inner_end - (i + 1), true, &w);
		if (decoration(w, nw, strict))
			buf_addc(out, ' ');
		else
			buf_add(out, s + i, end - i);
		i = end;
	}
}

/* An e-mail address as the words of its local part: ana.ruiz@x.org is
 * "ana ruiz". */
static void unmail(const char *s, struct buf *out)
{
	for (size_t i = 0; s[i];) {
		if (is_space(s[i])) {
			buf_addc(out, s[i++]);
			continue;
		}
		size_t n = 0;
		while (s[i + n] && !is_space(s[i + n]))
			n++;
		const char *at = memchr(s + i, '@', n);
		if (!at) {
			buf_add(out, s + i, n);
		} else {
			for (const char *p = s + i; p < at; p++)
				if (*p == '.' || *p == '_' || *p == '-' || *p == '+')
					buf_addc(out, ' ');
				else if (!(*p >= '0' && *p <= '9') && !strchr("<>\"'", *p))
					buf_addc(out, *p);
		}
		i += n;
	}
}

static const char *clean(struct arena *a, const char *raw, bool strict)
{
	struct buf m, b, out;
	buf_init(&m, NAME_MAX_BYTES);
	buf_init(&b, NAME_MAX_BYTES);
	buf_init(&out, NAME_MAX_BYTES);
	unmail(raw, &m);
	cut_brackets(a, m.p ? m.p : "", m.len, strict, &b);
	const char *s = b.p ? b.p : "";
	size_t n = b.len;
	/* Parts between separators, outside brackets. */
	char sep = 0;   /* the separator before the next part */
	for (size_t i = 0; i <= n;) {
		size_t start = i, k = 0;
		while (i < n && !(k = separator_at(s, n, i)))
			i = is_open(s[i]) ? group_end(s, n, i) : i + 1;
		struct word *w;
		size_t nw = split_words(a, s + start, i - start, false, &w);
		if (nw && !decoration(w, nw, strict) && (nw = trim_words(w, nw)) > 0) {
			if (out.len)
				buf_adds(&out, sep == ',' ? ", " : sep == ';' ? "; " : sep == ':' ? ": " : sep == '|' ? " | " : " - ");
			for (size_t j = 0; j < nw; j++) {
				if (j)
					buf_addc(&out, ' ');
				buf_add(&out, w[j].p, w[j].len);
			}
		}
		if (i >= n)
			break;
		if (out.len)
			sep = s[i];
		i += k;
	}
	const char *r = arena_strndup(a, out.p ? out.p : "", out.len);
	buf_release(&m);
	buf_release(&b);
	buf_release(&out);
	return r;
}

const char *display_name_clean(struct arena *a, const char *raw)
{
	if (!raw || !*raw || !utf8_valid(raw, strlen(raw)))
		return "";
	const char *r = clean(a, raw, true);
	/* Nothing left but an organisation code or a lone pronoun: a name in
	 * capitals ("ANA"), or someone called Ella. */
	return *r ? r : clean(a, raw, false);
}

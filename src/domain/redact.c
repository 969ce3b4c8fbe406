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

/* Kinds of span, in the order that breaks ties between equal lengths. */
enum { K_EMAIL, K_ADDRESS, K_PHONE, K_NAME };

static const char *const placeholder[] = {"[EMAIL]", "[ADDRESS]", "[PHONE]", "[NAME]"};

/* What lies between a token and the next one. */
enum {
	SEP_END,      /* no next token */
	SEP_SPACE,    /* whitespace on one line */
	SEP_NL,       /* whitespace with a line break */
	SEP_APOS,     /* one apostrophe: O'Neil, Tom's */
	SEP_HYPHEN,   /* one hyphen: Jean-Luc */
	SEP_DOT,      /* a full stop, then perhaps spaces: "Av. ", "J." */
	SEP_OTHER,
};

/* Token flags. */
#define T_ALPHA  1    /* starts with a letter */
#define T_DIGITS 2    /* ASCII digits only */
#define T_CAP    4    /* starts with an upper-case letter */
#define T_UPPER  8    /* two or more letters, all upper case */
#define T_HOLD   16   /* the word of a placeholder already in the text */

/* Longest name pattern, in tokens; a longer name is found by its parts. */
#define MAX_PAT_ATOMS 32
/* How far back sentence_start looks before it calls a gap a break. */
#define MAX_LOOKBACK 64

struct tok {
	size_t s, e;          /* bytes of the text */
	size_t fo;            /* folded form: scan.fold + fo, flen bytes */
	uint32_t flen, hash;
	uint32_t letters;
	uint8_t sep, flags;
	uint8_t cover;        /* 1 + kind of the kept span over it, or 0 */
};

/* A text cut into tokens.  Scratch memory from mem_*, freed by scan_free. */
struct scan {
	const char *t;
	size_t len;
	struct tok *tok;
	size_t ntok, captok;
	char *fold;
	size_t nfold, capfold;
};

/* One way of writing a name: a run of folded tokens and the gaps between
 * them (SEP_SPACE, SEP_APOS, SEP_HYPHEN or SEP_DOT). */
struct pat {
	char **atom;
	uint32_t *alen;
	uint8_t *sep;         /* sep[k] lies between atom k and k + 1 */
	uint8_t *kind;        /* per atom: 0, W_COMMON or W_PARTICLE */
	uint32_t hash;        /* of atom[0] */
	int next;             /* bucket chain; -1 ends it */
	int person;           /* index of the full name; -2: several */
	uint8_t natoms;
	uint8_t family;       /* does not start with the first word of the name */
	uint8_t ambig;        /* every atom an ordinary word or a particle */
	uint8_t date;         /* a single month or season word */
	uint8_t dead;         /* merged into an identical pattern */
};

enum { W_COMMON = 1, W_PARTICLE = 2 };

struct redact_names {
	struct pat *pat;
	size_t npat;
	int *bucket;
	size_t nbucket;       /* a power of two, or 0 */
};

struct span {
	size_t s, e;
	int kind;
};

struct spans {
	struct span *v;
	size_t n, cap;
};

/* ---- word lists (folded: lower case, no accents) ---- */

/* Given names and family names that are also ordinary English or Spanish
 * words.  As name parts they are replaced only in name-like contexts. */
static const char *const common_words[] = {
	/* English */
	"amber", "angel", "april", "art", "august", "autumn", "baker", "bell",
	"bill", "black", "bliss", "brook", "brooks", "brown", "buck", "bud",
	"carol", "chance", "charity", "chase", "clay", "cliff", "cook",
	"crystal", "dale", "dawn", "dean", "destiny", "don", "drew", "duke",
	"earl", "eden", "faith", "fern", "field", "fields", "forest", "frank",
	"gale", "gay", "gene", "ginger", "glen", "gold", "grace", "grant",
	"gray", "green", "grey", "guy", "harmony", "hazel", "heather", "hill",
	"holly", "honey", "honor", "hope", "hunter", "iris", "ivy", "jack",
	"jade", "jasmine", "jay", "jewel", "joy", "june", "justice", "king",
	"lance", "lane", "lark", "liberty", "lily", "long", "love", "major",
	"mark", "mason", "max", "may", "melody", "mercy", "miles", "miller",
	"misty", "nick", "olive", "page", "park", "pat", "patience", "pearl",
	"penny", "pierce", "porter", "price", "prince", "rain", "raven", "ray",
	"reed", "rice", "rich", "river", "robin", "rock", "rod", "rose",
	"royal", "ruby", "rusty", "sage", "sandy", "scout", "sky", "star",
	"sterling", "stone", "storm", "sue", "summer", "sunny", "trinity",
	"violet", "wade", "ward", "white", "will", "willow", "winter", "wood",
	"woods", "wren", "young",
	/* Spanish */
	"abril", "alba", "alegria", "amado", "amor", "amparo", "angeles",
	"asuncion", "aurora", "azucena", "bella", "blanca", "blanco", "bravo",
	"calvo", "campo", "campos", "caridad", "castillo", "celeste", "cielo",
	"clara", "clemente", "concepcion", "consuelo", "cruz", "delgado",
	"dolores", "domingo", "dulce", "encarnacion", "esperanza", "estrella",
	"flor", "flores", "franco", "fuentes", "gloria", "gracia",
	"inmaculada", "jesus", "julio", "justo", "leal", "leon", "libertad",
	"linda", "lobo", "lucero", "luna", "luz", "mar", "marina", "mayo",
	"mercedes", "milagros", "modesto", "montes", "moreno", "nieves",
	"paloma", "paredes", "paz", "perla", "piedad", "pilar", "prado",
	"pura", "reina", "remedios", "rey", "reyes", "rio", "rocio", "rosa",
	"rosario", "rubio", "salvador", "santos", "sierra", "socorro", "sol",
	"soledad", "torres", "trinidad", "valle", "vega", "victoria",
	"violeta",
	NULL,
};

/* Common words above that name a month or season: "in June", "May 5". */
static const char *const date_words[] = {
	"abril", "april", "august", "autumn", "julio", "june", "may", "mayo",
	"summer", "winter", NULL,
};

/* Words before a month that make it a date. */
static const char *const date_preps[] = {
	"after", "before", "by", "de", "del", "desde", "during", "each",
	"early", "en", "every", "from", "hasta", "in", "last", "late", "mid",
	"next", "of", "on", "para", "since", "this", "through", "till",
	"until", NULL,
};

/* Particles of family names: never a name on their own. */
static const char *const particles[] = {
	"al", "bin", "da", "das", "de", "dei", "del", "della", "den", "der",
	"des", "di", "do", "dos", "du", "e", "el", "ibn", "la", "las", "le",
	"les", "lo", "los", "st", "te", "ten", "ter", "van", "vander", "von",
	"y", "zu", NULL,
};

/* Titles: an ordinary-word name after one of them is a name. */
static const char *const titles[] = {
	"coach", "director", "directora", "doctor", "doctora", "dona", "dr",
	"dra", "lic", "maestra", "maestro", "miss", "mr", "mrs", "ms", "mx",
	"principal", "prof", "profe", "profesor", "profesora", "senor",
	"senora", "senorita", "sr", "sra", "srta", NULL,
};

/* Verbs of speech: "Hope said", "Paz dijo". */
static const char *const speech_verbs[] = {
	"added", "adds", "afirmo", "agreed", "agrego", "anadio", "answered",
	"argued", "asked", "asks", "commented", "comenta", "comento",
	"compartio", "contesto", "dice", "dijo", "explained", "explains",
	"explica", "explico", "indico", "mentioned", "menciono", "noted",
	"opina", "opino", "penso", "piensa", "pregunta", "pregunto",
	"replied", "responde", "respondio", "said", "says", "senalo",
	"shared", "stated", "sugiere", "sugirio", "suggested", "suggests",
	"thinks", "told", "wrote", NULL,
};

/* English words before which an ordinary-word name is the word. */
static const char *const articles[] = {
	"a", "an", "her", "his", "its", "my", "our", "that", "the", "their",
	"this", "your", NULL,
};

/* Street types after the street name. */
static const char *const street_suffixes[] = {
	"alley", "ave", "avenue", "blvd", "boulevard", "cir", "circle", "court",
	"ct", "dr", "drive", "highway", "hwy", "lane", "ln", "loop", "parkway",
	"pkwy", "pl", "place", "rd", "road", "sq", "square", "st", "street",
	"ter", "terrace", "trail", "trl", "way", NULL,
};

/* Spanish street types before the street name; those in es_lower may
 * also be written in lower case ("vivo en la calle Hidalgo 45"). */
static const char *const es_prefixes[] = {
	"andador", "av", "avda", "avenida", "boulevard", "bulevar", "calle",
	"callejon", "calz", "calzada", "camino", "carrera", "carretera",
	"cerrada", "circuito", "pasaje", "paseo", "plaza", "priv", "privada",
	"prol", "prolongacion", NULL,
};

static const char *const es_lower[] = {
	"av", "avda", "avenida", "bulevar", "calle", "calzada", "carretera",
	"prolongacion", NULL,
};

/* "No. 12", "núm. 12". */
static const char *const number_words[] = {
	"no", "nro", "num", "numero", NULL,
};

static const char *const unit_words[] = {
	"apartment", "apt", "bldg", "departamento", "depto", "dpto", "fl",
	"floor", "int", "interior", "piso", "rm", "room", "ste", "suite",
	"unit", NULL,
};

static const char *const directions[] = {
	"E", "N", "NE", "NW", "S", "SE", "SW", "W", NULL,
};

/* Words before a year that is not a house number: "in 2025 Main Street". */
static const char *const year_preps[] = {
	"by", "desde", "en", "from", "in", "of", "since", "until", NULL,
};

/* True when the n bytes at s are one of the words of list. */
static int in_list(const char *const *list, const char *s, size_t n)
{
	for (; *list; list++)
		if (strlen(*list) == n && memcmp(*list, s, n) == 0)
			return 1;
	return 0;
}

/* ---- UTF-8 and character classes ---- */

/* Decodes the code point at p (valid UTF-8, n > 0 bytes left); *k gets
 * its length. */
static int32_t decode(const char *p, size_t n, size_t *k)
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
static int32_t decode_back(const char *t, size_t i, size_t *k)
{
	size_t j = i - 1;

	while (j > 0 && i - j < 4 && ((unsigned char)t[j] & 0xc0) == 0x80)
		j--;
	return decode(t + j, i - j, k);
}

/* ASCII classes, locale-free. */
static int is_ascii_alnum(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* Unicode letters (not the modifier apostrophe U+02BC). */
static int is_letter(int32_t c)
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
static int is_word(int32_t c)
{
	if (c < 0x80)
		return is_ascii_alnum(c);
	if (c == 0xad || c == 0x200c || c == 0x200d)
		return 1;
	if (is_letter(c))
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
static int is_space(int32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
	       c == '\f' || c == 0xa0 || c == 0x2007 || c == 0x202f ||
	       (c >= 0x2000 && c <= 0x200a) || c == 0x3000;
}

/* Spaces on one line. */
static int is_hspace(int32_t c)
{
	return is_space(c) && c != '\n' && c != '\r';
}

/* Apostrophes: ' and the right single quote and modifier letter. */
static int is_apos(int32_t c)
{
	return c == '\'' || c == 0x2019 || c == 0x02bc;
}

/* Hyphen-minus, hyphen, non-breaking hyphen. */
static int is_hyphen(int32_t c)
{
	return c == '-' || c == 0x2010 || c == 0x2011;
}

/* ---- tokens ---- */

static void scan_free(struct scan *sc)
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
	c = decode(p, n, &k);
	if (k == n && is_apos(c))
		return SEP_APOS;
	if (k == n && is_hyphen(c))
		return SEP_HYPHEN;
	if (c == '.')
		i = 1;
	for (; i < n; i += k) {
		c = decode(p + i, n - i, &k);
		if (!is_space(c))
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
static void tokenize(struct scan *sc, const char *t, size_t len)
{
	size_t i = 0, k;

	memset(sc, 0, sizeof(*sc));
	sc->t = t;
	sc->len = len;
	/* Folding rarely changes the length much; never leave fold NULL. */
	sc->capfold = len + 16;
	sc->fold = mem_alloc(sc->capfold);
	while (i < len) {
		int32_t c = decode(t + i, len - i, &k);
		struct tok *tk;
		uint32_t upper = 0, digits = 0, chars = 0;

		if (!is_word(c)) {
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
		if (is_letter(c))
			tk->flags |= T_ALPHA;
		if (is_upper(c))
			tk->flags |= T_CAP;
		while (i < len) {
			c = decode(t + i, len - i, &k);
			if (!is_word(c))
				break;
			chars++;
			if (is_letter(c)) {
				tk->letters++;
				upper += is_upper(c);
			}
			digits += is_digit(c);
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
static const char *fold_of(const struct scan *sc, size_t i)
{
	return sc->fold + sc->tok[i].fo;
}

/* True when token i's folded form is in list. */
static int tok_in(const struct scan *sc, size_t i, const char *const *list)
{
	return i < sc->ntok && !sc->tok[i].cover && in_list(list, fold_of(sc, i), sc->tok[i].flen);
}

/* Token i stands for something already replaced: a placeholder in the
 * text, or a word under an e-mail, phone or address about to be.  Names
 * are decided after those, and see such a token as the placeholder it
 * becomes, so that a second pass decides alike. */
static int opaque(const struct tok *t)
{
	return (t->flags & T_HOLD) || t->cover;
}

/* ---- name patterns ---- */

/* Adds the pattern made of tokens a..b of the name nm (person p). */
static void add_pat(struct arena *ar, struct redact_names *rn, size_t *cap,
		    const struct scan *nm, size_t a, size_t b, int p)
{
	struct pat *pt;
	size_t n = b - a + 1;
	int ambig = 1;

	if (n > MAX_PAT_ATOMS)
		return;
	rn->pat = arena_grow(ar, rn->pat, rn->npat, cap, sizeof(*rn->pat));
	pt = &rn->pat[rn->npat++];
	memset(pt, 0, sizeof(*pt));
	pt->atom = arena_alloc(ar, n * sizeof(*pt->atom));
	pt->alen = arena_alloc(ar, n * sizeof(*pt->alen));
	pt->sep = arena_alloc(ar, n * sizeof(*pt->sep));
	pt->kind = arena_alloc(ar, n * sizeof(*pt->kind));
	for (size_t k = 0; k < n; k++) {
		size_t i = a + k;

		pt->atom[k] = arena_strndup(ar, fold_of(nm, i), nm->tok[i].flen);
		pt->alen[k] = nm->tok[i].flen;
		if (k + 1 < n)
			pt->sep[k] = nm->tok[i].sep == SEP_NL ? SEP_SPACE : nm->tok[i].sep;
		if (tok_in(nm, i, particles))
			pt->kind[k] = W_PARTICLE;
		else if (tok_in(nm, i, common_words))
			pt->kind[k] = W_COMMON;
		else
			ambig = 0;
	}
	pt->natoms = (uint8_t)n;
	pt->hash = nm->tok[a].hash;
	pt->person = p;
	pt->family = a > 0;
	pt->ambig = (uint8_t)ambig;
	pt->date = n == 1 && tok_in(nm, a, date_words);
	pt->next = -1;
}

/* Letters in tokens a..b. */
static size_t sum_letters(const struct scan *nm, size_t a, size_t b)
{
	size_t n = 0;

	for (size_t i = a; i <= b; i++)
		n += nm->tok[i].letters;
	return n;
}

/* Adds the patterns of one full name (see redact.h): the whole, each part,
 * particles with the part they introduce, halves of hyphenated parts. */
static void add_name(struct arena *ar, struct redact_names *rn, size_t *cap,
		     const struct scan *nm, int p)
{
	size_t m = nm->ntok, nw = 0, seg0 = 0;
	size_t *ws, *we;
	int one_segment = 1;

	if (m == 0)
		return;
	ws = mem_alloc(m * sizeof(*ws));
	we = mem_alloc(m * sizeof(*we));
	/* Words: tokens joined by apostrophes and hyphens. */
	for (size_t i = 0; i < m; i++) {
		if (i == 0 || (nm->tok[i - 1].sep != SEP_APOS && nm->tok[i - 1].sep != SEP_HYPHEN))
			ws[nw++] = i;
		we[nw - 1] = i;
		if (nm->tok[i].sep == SEP_OTHER)
			one_segment = 0;
	}
	/* Segments: words not parted by other punctuation ("Ana (Annie) Ruiz"). */
	for (size_t w = 0; w < nw; w++) {
		size_t w0, w1, letters;

		if (w + 1 < nw && nm->tok[we[w]].sep != SEP_OTHER)
			continue;
		w0 = seg0;
		w1 = w;
		seg0 = w + 1;
		letters = sum_letters(nm, ws[w0], we[w1]);
		if (letters >= 3 || (one_segment && letters >= 2))
			add_pat(ar, rn, cap, nm, ws[w0], we[w1], p);
		for (size_t x = w0; x <= w1; x++) {
			size_t r = x, c0;

			if (ws[x] == we[x] && tok_in(nm, ws[x], particles))
				continue;
			while (r > w0 && ws[r - 1] == we[r - 1] && tok_in(nm, ws[r - 1], particles))
				r--;
			if (r < x && !(r == w0 && x == w1))
				add_pat(ar, rn, cap, nm, ws[r], we[x], p);
			if (w0 != w1 && sum_letters(nm, ws[x], we[x]) >= 3)
				add_pat(ar, rn, cap, nm, ws[x], we[x], p);
			/* Halves of a hyphenated part. */
			c0 = ws[x];
			for (size_t i = ws[x]; we[x] > ws[x] && i <= we[x]; i++) {
				if (i < we[x] && nm->tok[i].sep != SEP_HYPHEN)
					continue;
				if (!(c0 == ws[x] && i == we[x]) && sum_letters(nm, c0, i) >= 3)
					add_pat(ar, rn, cap, nm, c0, i, p);
				c0 = i + 1;
			}
		}
	}
	mem_free(ws);
	mem_free(we);
}

/* Same atoms and gaps. */
static int same_pat(const struct pat *a, const struct pat *b)
{
	if (a->natoms != b->natoms || a->hash != b->hash)
		return 0;
	for (size_t k = 0; k < a->natoms; k++) {
		if (a->alen[k] != b->alen[k] || memcmp(a->atom[k], b->atom[k], a->alen[k]) != 0)
			return 0;
		if (k + 1 < a->natoms && a->sep[k] != b->sep[k])
			return 0;
	}
	return 1;
}

/* Chains the patterns by the hash of their first atom, merging copies (two
 * people called García give one "García", of several people). */
static void index_pats(struct arena *ar, struct redact_names *rn)
{
	size_t nb = 16;

	while (nb < rn->npat * 2)
		nb *= 2;
	rn->nbucket = nb;
	rn->bucket = arena_alloc(ar, nb * sizeof(*rn->bucket));
	for (size_t b = 0; b < nb; b++)
		rn->bucket[b] = -1;
	for (size_t i = 0; i < rn->npat; i++) {
		struct pat *p = &rn->pat[i];
		int *head = &rn->bucket[p->hash & (nb - 1)];
		int j;

		for (j = *head; j >= 0; j = rn->pat[j].next) {
			struct pat *q = &rn->pat[j];

			if (same_pat(p, q)) {
				if (q->person != p->person)
					q->person = -2;
				q->family |= p->family;
				p->dead = 1;
				break;
			}
		}
		if (j < 0) {
			p->next = *head;
			*head = (int)i;
		}
	}
}

/* See redact.h: tokenises each valid name, adds its patterns, indexes them. */
struct redact_names *redact_names_new(struct arena *a, const char *const *names, size_t n)
{
	struct redact_names *rn = arena_alloc(a, sizeof(*rn));
	size_t cap = 0;

	for (size_t i = 0; names && i < n; i++) {
		struct scan nm;

		if (!names[i] || !names[i][0] || !utf8_valid(names[i], strlen(names[i])))
			continue;
		tokenize(&nm, names[i], strlen(names[i]));
		add_name(a, rn, &cap, &nm, (int)i);
		scan_free(&nm);
	}
	index_pats(a, rn);
	return rn;
}

/* ---- candidates ---- */

static void add_span(struct spans *sp, size_t s, size_t e, int kind)
{
	if (sp->n == sp->cap) {
		sp->cap = sp->cap ? sp->cap * 2 : 64;
		sp->v = mem_realloc(sp->v, sp->cap * sizeof(*sp->v));
	}
	sp->v[sp->n++] = (struct span){s, e, kind};
}

/* -- e-mail -- */

/* ASCII characters of a local part. */
static int is_local_ascii(int c)
{
	return is_ascii_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}

/* Length of the domain-label character at t[i] (a letter or digit of any
 * script, or '-'), 0 when it is none. */
static size_t label_char(const char *t, size_t len, size_t i)
{
	size_t k;
	int32_t c;

	if (i >= len)
		return 0;
	if ((unsigned char)t[i] < 0x80)
		return is_ascii_alnum(t[i]) || t[i] == '-';
	c = decode(t + i, len - i, &k);
	return is_word(c) ? k : 0;
}

/* End of the domain that starts at i: the longest run of two or more
 * labels (letters of any script, digits and '-', joined by dots) whose
 * last label starts with two ASCII letters followed by nothing ASCII that
 * is not a letter; the domain then ends after those ASCII letters (the
 * caller takes the letters glued on).  0 when there is none. */
static size_t domain_end(const char *t, size_t len, size_t i)
{
	size_t best = 0, labels = 0, k;

	while (label_char(t, len, i)) {
		size_t s = i, lead = 0;
		int tld = 1;

		for (; (k = label_char(t, len, i)) != 0; i += k) {
			int letter = k == 1 && ((t[i] >= 'a' && t[i] <= 'z') || (t[i] >= 'A' && t[i] <= 'Z'));
			if (letter && lead == i - s)
				lead++;
			else if (k == 1 && lead == i - s)
				tld = 0;   /* "org5" */
		}
		labels++;
		if (labels >= 2 && tld && lead >= 2)
			best = s + lead;
		if (i + 1 < len && t[i] == '.' && label_char(t, len, i + 1))
			i++;
		else
			break;
	}
	return best;
}

/* Every local@domain (see domain_end): the local part is the run of
 * [A-Za-z0-9._%+-] and other letters before '@', leading dots left out. */
static void find_emails(const struct scan *sc, struct spans *sp)
{
	const char *t = sc->t;
	const char *at = t;

	while ((at = memchr(at, '@', sc->len - (size_t)(at - t))) != NULL) {
		size_t a = (size_t)(at - t), q = a, end, k;

		at++;
		while (q > 0) {
			int32_t c = decode_back(t, q, &k);

			if (c < 0x80 ? !is_local_ascii(c) : !is_word(c))
				break;
			q -= k;
		}
		while (q < a && t[q] == '.')
			q++;
		if (q == a)
			continue;
		end = domain_end(t, sc->len, a + 1);
		if (!end)
			continue;
		/* A word glued on after the domain goes with it
		 * ("a@b.coÑoño"), lest its tail read as a word of its own. */
		while (end < sc->len && is_word(decode(t + end, sc->len - end, &k)))
			end += k;
		add_span(sp, q, end, K_EMAIL);
	}
}

/* -- phone numbers -- */

/* A group of digits of a phone-like run: "+52", "(512)", "555". */
struct grp {
	size_t s, e;
	unsigned nd;
	char sep;             /* separator before it: ' ', '-', '.', or 0 */
	char first;           /* first digit */
	uint8_t plus, paren, bad;
};

/* The groups of one run, however many. */
struct grps {
	struct grp *v;
	size_t cap;
};

/* True when a run of digits must not start at byte i: "$1", "abc1",
 * "10:30", "1,250".  Brackets count as letters so that a placeholder next
 * to a run taints it as the word it replaced did. */
static int tainted_before(const char *t, size_t i)
{
	size_t k, k2;
	int32_t c, c2;

	if (i == 0)
		return 0;
	c = decode_back(t, i, &k);
	if (c >= 0x80)
		return is_word(c) || utf8proc_category(c) == UTF8PROC_CATEGORY_SC;
	if (is_ascii_alnum(c) || strchr("_$#/@\\&%[]", (int)c))
		return 1;
	if (strchr(".,:-", (int)c) && i - k > 0) {
		c2 = decode_back(t, i - k, &k2);
		return is_digit(c2) || c2 == ']';
	}
	return 0;
}

/* True when a run of digits must not end right before byte i. */
static int tainted_after(const char *t, size_t len, size_t i)
{
	size_t k;
	int32_t c;

	if (i >= len)
		return 0;
	c = decode(t + i, len - i, &k);
	if (c >= 0x80)
		return is_word(c) || utf8proc_category(c) == UTF8PROC_CATEGORY_SC;
	if (is_ascii_alnum(c) || strchr("_%/@$[]", (int)c))
		return 1;
	return strchr(".,:-", (int)c) && i + 1 < len && (is_digit(t[i + 1]) || t[i + 1] == '[');
}

/* True when the groups g[0..n) have the shape of a phone number. */
static int phone_shape(const struct grp *g, size_t n)
{
	unsigned d[6], total = 0;
	size_t parens = 0;

	if (n > 6)
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (g[i].bad || (i > 0 && g[i].plus))
			return 0;
		d[i] = g[i].nd;
		total += g[i].nd;
		parens += g[i].paren;
	}
	if (parens > 1)
		return 0;
	if (g[0].plus) {
		if (total < 8 || total > 15 || g[0].paren)
			return 0;
		if (n > 1 && d[0] > 3)
			return 0;
		for (size_t i = 1; i < n; i++)
			if (d[i] > 10 || (g[i].paren && i != 1))
				return 0;
		return 1;
	}
	switch (n) {
	case 1:
		return !parens && (total == 10 || (total == 11 && g[0].first == '1'));
	case 2:   /* 555-0199 */
		return !parens && d[0] == 3 && d[1] == 4 && g[1].sep == '-';
	case 3:   /* (512) 555-0199, 55 1234 5678 */
		return !g[1].paren && !g[2].paren &&
		       ((d[0] == 3 && d[1] == 3 && d[2] == 4) || (d[0] == 2 && d[1] == 4 && d[2] == 4));
	case 4:   /* 1-512-555-0199; 612 34 56 78 */
		if (d[0] == 1 && g[0].first == '1' && d[1] == 3 && d[2] == 3 && d[3] == 4)
			return !g[0].paren && !g[2].paren && !g[3].paren;
		return !parens && d[0] == 3 && d[1] == 2 && d[2] == 2 && d[3] == 2 &&
		       g[0].first >= '6';
	default:
		return 0;
	}
}

/* Reads the run of digit groups that starts at *pi into g; returns the
 * number of groups and leaves *pi after the run. */
static size_t read_groups(const char *t, size_t len, size_t *pi, struct grps *gs)
{
	size_t i = *pi, n = 0;
	char sep = 0;

	for (;;) {
		struct grp *gr;

		if (n == gs->cap) {
			gs->cap = gs->cap ? gs->cap * 2 : 16;
			gs->v = mem_realloc(gs->v, gs->cap * sizeof(*gs->v));
		}
		gr = &gs->v[n];

		memset(gr, 0, sizeof(*gr));
		gr->s = i;
		gr->sep = sep;
		if (t[i] == '+') {
			gr->plus = 1;
			i++;
		}
		if (i < len && t[i] == '(') {
			gr->paren = 1;
			i++;
			/* "(555-0199)", "(5125550199)": an opening bracket not
			 * closed right after at most three digits is punctuation,
			 * not an area code.  After other groups it ends the run,
			 * so that the number after it starts one of its own, as
			 * it does once the groups before it are a placeholder. */
			size_t j = i;
			while (j < len && is_digit(t[j]))
				j++;
			if (!gr->plus && (j >= len || t[j] != ')' || j - i > 3)) {
				if (n > 0) {
					i = gr->s - 1;
					break;
				}
				gr->paren = 0;
				gr->s = i;
			}
		}
		gr->first = i < len ? t[i] : 0;
		while (i < len && is_digit(t[i])) {
			gr->nd++;
			i++;
		}
		if (gr->nd == 0)
			break;
		if (gr->paren) {
			if (i < len && t[i] == ')')
				i++;
			else
				gr->bad = 1;
		}
		gr->e = i;
		n++;
		if (i + 1 < len && (t[i] == ' ' || t[i] == '-' || t[i] == '.') &&
		    (is_digit(t[i + 1]) ||
		     (t[i + 1] == '(' && i + 2 < len && is_digit(t[i + 2])) ||
		     (t[i] == ' ' && t[i + 1] == '+' && i + 2 < len && is_digit(t[i + 2])))) {
			sep = t[i];
			i++;
		} else if (gr->paren && !gr->bad && i < len && is_digit(t[i])) {
			sep = ' ';   /* "(512)555-0199" */
		} else {
			break;
		}
	}
	*pi = i;
	return n;
}

/* Phone numbers: within each run of digit groups, every phone-shaped
 * stretch that starts and ends at a space or at an untainted run edge.
 * settle keeps the longest that no longer candidate overlaps. */
static void find_phones(const struct scan *sc, struct spans *sp)
{
	const char *t = sc->t;
	size_t len = sc->len, i = 0;
	struct grps gs = {0};
	const struct grp *g;

	while (i < len) {
		size_t n, end, start = i, k = 0;
		int st, et;

		if (!(is_digit(t[i]) ||
		      ((t[i] == '+' || t[i] == '(') && i + 1 < len && is_digit(t[i + 1])))) {
			i++;
			continue;
		}
		st = tainted_before(t, i);
		n = read_groups(t, len, &i, &gs);
		g = gs.v;
		if (n == 0 || i <= start) {
			i = start + 1;
			continue;
		}
		end = i;
		et = tainted_after(t, len, end);
		for (k = 0; k < n; k++) {
			if (k == 0 ? st : g[k].sep != ' ')
				continue;
			for (size_t m = 1; m <= 6 && k + m <= n; m++) {
				size_t last = k + m - 1;
				int ok_end = last == n - 1 ? !et : g[last + 1].sep == ' ';

				if (ok_end && phone_shape(g + k, m))
					add_span(sp, g[k].s, g[last].e, K_PHONE);
			}
		}
	}
	mem_free(gs.v);
}

/* -- street addresses -- */

/* True when the gap after token i is spaces on one line. */
static int hsep(const struct scan *sc, size_t i)
{
	return i < sc->ntok && sc->tok[i].sep == SEP_SPACE;
}

/* House numbers: 1-6 digits, perhaps one letter ("12B"), not run into
 * what follows. */
static int is_house_number(const struct scan *sc, size_t i)
{
	const struct tok *t = &sc->tok[i];
	size_t n = t->e - t->s, d = 0;

	while (d < n && is_digit(sc->t[t->s + d]))
		d++;
	if (d == 0 || d > 6 || !(d == n || (d + 1 == n && is_letter((unsigned char)sc->t[t->s + d]))))
		return 0;
	/* Not a decimal, a range or a fraction: "45.5", "12-14", "1/2". */
	return !tainted_after(sc->t, sc->len, t->e);
}

/* "5th", "42nd". */
static int is_ordinal(const struct scan *sc, size_t i)
{
	const char *f = fold_of(sc, i);
	size_t n = sc->tok[i].flen, d = 0;

	while (d < n && is_digit(f[d]))
		d++;
	return d >= 1 && d + 2 == n &&
	       (!memcmp(f + d, "st", 2) || !memcmp(f + d, "nd", 2) ||
		!memcmp(f + d, "rd", 2) || !memcmp(f + d, "th", 2));
}

/* Unit numbers: up to 8 ASCII letters and digits with a digit, or one
 * letter ("4B", "12", "C"). */
static int is_unit_id(const struct scan *sc, size_t i)
{
	const struct tok *t = &sc->tok[i];
	size_t n = t->e - t->s;
	int digit = 0;

	if (n > 8)
		return 0;
	for (size_t j = t->s; j < t->e; j++) {
		if (!is_ascii_alnum(sc->t[j]))
			return 0;
		digit |= is_digit(sc->t[j]);
	}
	return digit || n == 1;
}

/* Matches the gap after token i against "[.][,][ ]*[#][ ]*": *hash tells
 * whether it held '#', *space whether it held a space. */
static int unit_gap(const struct scan *sc, size_t i, int *hash, int *space)
{
	size_t p = sc->tok[i].e, e = sc->tok[i + 1].s;

	*hash = *space = 0;
	if (p < e && sc->t[p] == '.')
		p++;
	if (p < e && sc->t[p] == ',')
		p++;
	while (p < e && (sc->t[p] == ' ' || sc->t[p] == '\t')) {
		*space = 1;
		p++;
	}
	if (p < e && sc->t[p] == '#') {
		*hash = 1;
		p++;
	}
	while (p < e && (sc->t[p] == ' ' || sc->t[p] == '\t'))
		p++;
	return p == e;
}

/* A unit after token i ("Apt 4B", "#12", "Int. 4"): returns the token
 * that ends it, or 0. */
static size_t unit_after(const struct scan *sc, size_t i)
{
	int hash, space;

	if (i + 1 >= sc->ntok || !unit_gap(sc, i, &hash, &space))
		return 0;
	if (hash)
		return is_unit_id(sc, i + 1) ? i + 1 : 0;
	if (!space || !tok_in(sc, i + 1, unit_words) || i + 2 >= sc->ntok)
		return 0;
	if (!unit_gap(sc, i + 1, &hash, &space) || sc->tok[i + 1].e == sc->tok[i + 2].s)
		return 0;
	return is_unit_id(sc, i + 2) ? i + 2 : 0;
}

/* Last token of the word that starts at token i: tokens joined by an
 * apostrophe or hyphen ("O'Connor", "Díaz-Ordaz"). */
static size_t word_end(const struct scan *sc, size_t i)
{
	while (i + 1 < sc->ntok && (sc->tok[i].sep == SEP_APOS || sc->tok[i].sep == SEP_HYPHEN) &&
	       (sc->tok[i + 1].flags & T_ALPHA))
		i++;
	return i;
}

/* Adds the address from byte s to its last street token t, and its
 * longer forms: with a direction after the street type, with a unit, with
 * the full stop of "St." when the sentence goes on.  Each is a candidate
 * of its own, so that the street alone still counts when its unit runs
 * into something that wins ("Apt 4B@example.org"). */
static void add_address(const struct scan *sc, struct spans *sp, size_t s, size_t t)
{
	size_t u, p;

	if (hsep(sc, t) && t + 1 < sc->ntok &&
	    in_list(directions, sc->t + sc->tok[t + 1].s, sc->tok[t + 1].e - sc->tok[t + 1].s)) {
		add_span(sp, s, sc->tok[t].e, K_ADDRESS);
		t++;
	}
	p = sc->tok[t].e;
	if (p < sc->len && sc->t[p] == '.' && (sc->tok[t].flags & T_ALPHA)) {
		size_t q = p + 1;

		while (q < sc->len && (sc->t[q] == ' ' || sc->t[q] == '\t'))
			q++;
		if (q < sc->len && ((sc->t[q] >= 'a' && sc->t[q] <= 'z') || sc->t[q] == ',' || sc->t[q] == ';'))
			p++;
	}
	add_span(sp, s, p, K_ADDRESS);
	u = unit_after(sc, t);
	if (u)
		add_span(sp, s, sc->tok[u].e, K_ADDRESS);
}

/* True when byte i may start an address: start, space, or opening
 * punctuation. */
static int address_boundary(const struct scan *sc, size_t i)
{
	size_t k;
	int32_t c;

	if (i == 0)
		return 1;
	c = decode_back(sc->t, i, &k);
	return is_space(c) || c == '(' || c == ',' || c == ';' || c == ':' || c == '"' ||
	       c == 0x201c;
}

/* "1200 E Main St", "42 Oak Lane Apt 4B": a house number, one to five
 * capitalised words or ordinals (a direction among them), a street type. */
static void english_address(const struct scan *sc, size_t n, struct spans *sp)
{
	size_t w = n;
	const struct tok *t = &sc->tok[n];

	if (!is_house_number(sc, n) || !address_boundary(sc, t->s))
		return;
	if (t->e - t->s == 4 && n > 0 && tok_in(sc, n - 1, year_preps) && hsep(sc, n - 1) &&
	    (!memcmp(sc->t + t->s, "19", 2) || !memcmp(sc->t + t->s, "20", 2)))
		return;
	for (int count = 1; count <= 6; count++) {
		size_t x, xe;

		if (w + 1 >= sc->ntok)
			break;
		if (!(hsep(sc, w) || (sc->tok[w].sep == SEP_DOT && w > n &&
				      (sc->tok[w].letters == 1 || tok_in(sc, w, particles)))))
			break;
		x = w + 1;
		xe = word_end(sc, x);
		if (count >= 2 && xe == x && tok_in(sc, x, street_suffixes))
			add_address(sc, sp, t->s, x);
		if (!(((sc->tok[x].flags & T_CAP) && !(sc->tok[x].flags & T_HOLD)) || is_ordinal(sc, x)))
			break;
		w = xe;
	}
}

/* True when the gap after token w is spaces, '#', spaces ("Hidalgo #12"). */
static int hash_gap(const struct scan *sc, size_t w)
{
	size_t p = sc->tok[w].e, e = sc->tok[w + 1].s;

	while (p < e && (sc->t[p] == ' ' || sc->t[p] == '\t'))
		p++;
	if (p == e || sc->t[p] != '#')
		return 0;
	for (p++; p < e && (sc->t[p] == ' ' || sc->t[p] == '\t'); p++)
		;
	return p == e;
}

/* "Calle 5 de Mayo 123", "Avenida Juárez 45", "Av. Reforma 222": a street
 * type, one or more capitalised words, numbers or particles, then a house
 * number ("123", "#12", "No. 12"). */
static void spanish_address(const struct scan *sc, size_t p, struct spans *sp)
{
	const struct tok *t = &sc->tok[p];
	size_t w = p, words = 0;

	if (tok_in(sc, p, es_prefixes)) {
		if (!(t->flags & T_CAP) && !tok_in(sc, p, es_lower))
			return;
		if (!hsep(sc, p) && sc->tok[p].sep != SEP_DOT)
			return;
	} else if (t->e - t->s == 1 && sc->t[t->s] == 'C' && p + 1 < sc->ntok &&
		   sc->t[t->e] == '/') {
		size_t q = t->e + 1;   /* "C/ Mayor 5" */

		while (q < sc->tok[p + 1].s && sc->t[q] == ' ')
			q++;
		if (q != sc->tok[p + 1].s)
			return;
	} else {
		return;
	}
	if (!address_boundary(sc, t->s))
		return;
	for (int count = 1; count <= 8 && w + 1 < sc->ntok; count++) {
		size_t x = w + 1;
		const struct tok *xt = &sc->tok[x];

		if (w != p) {
			if (hash_gap(sc, w)) {
				if (words && is_house_number(sc, x))
					add_address(sc, sp, t->s, x);
				break;
			}
			if (!hsep(sc, w))
				break;
		}
		if (words && tok_in(sc, x, number_words) && x + 1 < sc->ntok &&
		    (hsep(sc, x) || sc->tok[x].sep == SEP_DOT) && is_house_number(sc, x + 1)) {
			add_address(sc, sp, t->s, x + 1);
			break;
		}
		if (words && is_house_number(sc, x))
			add_address(sc, sp, t->s, x);
		if ((xt->flags & T_HOLD) ||
		    !((xt->flags & T_CAP) || (xt->flags & T_DIGITS) || is_ordinal(sc, x) ||
		      tok_in(sc, x, particles)))
			break;
		words++;
		w = word_end(sc, x);
	}
}

/* Addresses start at a number (English) or a street type (Spanish). */
static void find_addresses(const struct scan *sc, struct spans *sp)
{
	for (size_t i = 0; i < sc->ntok; i++) {
		if (sc->tok[i].flags & T_ALPHA)
			spanish_address(sc, i, sp);
		else
			english_address(sc, i, sp);
	}
}

/* -- names -- */

/* Last token of pattern p when it matches at token i, or -1. */
static long match_pat(const struct scan *sc, size_t i, const struct pat *p)
{
	for (size_t k = 0; k < p->natoms; k++) {
		size_t x = i + k;
		const struct tok *t;

		if (x >= sc->ntok)
			return -1;
		t = &sc->tok[x];
		if (opaque(t) || t->flen != p->alen[k] ||
		    memcmp(fold_of(sc, x), p->atom[k], t->flen) != 0)
			return -1;
		if (k > 0) {
			uint8_t ts = sc->tok[x - 1].sep, ps = p->sep[k - 1];

			if (ps == SEP_APOS ? ts != SEP_APOS :
			    ps == SEP_DOT ? !(ts == SEP_DOT || ts == SEP_SPACE || ts == SEP_NL) :
			    !(ts == SEP_SPACE || ts == SEP_NL || ts == SEP_HYPHEN))
				return -1;
		}
	}
	return (long)(i + p->natoms - 1);
}

/* Token i looks capitalised: its first letter is upper case, and if all of
 * it is, the words around it are not shouting too ("I HOPE WE CAN"). */
static int capitalized(const struct scan *sc, size_t i)
{
	const struct tok *t = &sc->tok[i];

	if (!(t->flags & T_CAP))
		return 0;
	if (!(t->flags & T_UPPER))
		return 1;
	if (i > 0 && (sc->tok[i - 1].flags & T_UPPER) && !opaque(&sc->tok[i - 1]))
		return 0;
	return !(i + 1 < sc->ntok && (sc->tok[i + 1].flags & T_UPPER) && !opaque(&sc->tok[i + 1]));
}

/* Every ordinary word of the match at i is capitalised (every particle,
 * when it has no ordinary word). */
static int caps_ok(const struct scan *sc, size_t i, const struct pat *p)
{
	int any = 0;

	for (size_t k = 0; k < p->natoms; k++) {
		if (p->kind[k] == W_COMMON) {
			any = 1;
			if (!capitalized(sc, i + k))
				return 0;
		}
	}
	if (!any)
		for (size_t k = 0; k < p->natoms; k++)
			if (!capitalized(sc, i + k))
				return 0;
	return 1;
}

/* True when token i begins a sentence or a line: nothing before it but
 * spaces, quotes and brackets since the start, a line break, or one of
 * . ! ? … : ; */
static int sentence_start(const struct scan *sc, size_t i)
{
	size_t p = sc->tok[i].s, k;

	while (p > 0) {
		int32_t c = decode_back(sc->t, p, &k);

		if (sc->tok[i].s - p > MAX_LOOKBACK)
			return 1;
		if (c == '\n' || c == '\r')
			return 1;
		if (c == '.' || c == '!' || c == '?' || c == 0x2026 || c == ':')
			return 1;
		if (!(is_space(c) || strchr("\"'()[]{}*-`<>", (int)(c < 0x80 ? c : 'x')) ||
		      c == 0x201c || c == 0x201d || c == 0x2018 || c == 0x2019 || c == 0xab ||
		      c == 0xbb || c == 0x2039 || c == 0x203a || c == 0x201e || c == 0xbf ||
		      c == 0xa1 || c == 0x2013 || c == 0x2014 || c == 0x2022))
			return 0;
		p -= k;
	}
	return 1;
}

/* Token i - 1 is one of list, and the gap to token i is a space (or a
 * full stop and space when dot is set). */
static int prev_in(const struct scan *sc, size_t i, const char *const *list, int dot)
{
	uint8_t s;

	if (i == 0)
		return 0;
	s = sc->tok[i - 1].sep;
	return (s == SEP_SPACE || (dot && s == SEP_DOT)) && tok_in(sc, i - 1, list);
}

/* Token i is a number, or (under) the placeholder of a phone or an
 * address, which stands where digits stood. */
static int numeric(const struct scan *sc, size_t i)
{
	const struct tok *t = &sc->tok[i];

	if (t->cover)
		return t->cover == 1 + K_PHONE || t->cover == 1 + K_ADDRESS;
	if (t->flags & T_DIGITS)
		return 1;
	return (t->flags & T_HOLD) && (sc->t[t->s] == 'P' || sc->t[t->s] == 'A');
}

/* A month word used as a date: "in June", "May 5", "5 de Mayo". */
static int date_context(const struct scan *sc, size_t i)
{
	if (prev_in(sc, i, date_preps, 0))
		return 1;
	if (i > 0 && sc->tok[i - 1].sep == SEP_SPACE && numeric(sc, i - 1))
		return 1;
	return hsep(sc, i) && i + 1 < sc->ntok && numeric(sc, i + 1);
}

/* What follows the match ending at token j marks it as a name: a comma,
 * a colon (a speaker's label), a possessive, or a verb of speech. */
static int cue_after(const struct scan *sc, size_t j)
{
	const struct tok *t = &sc->tok[j];

	if (t->e < sc->len && (sc->t[t->e] == ',' || sc->t[t->e] == ':'))
		return 1;
	if (j + 1 >= sc->ntok)
		return 0;
	if (t->sep == SEP_APOS && sc->tok[j + 1].flen == 1 && fold_of(sc, j + 1)[0] == 's')
		return 1;
	return t->sep == SEP_SPACE && tok_in(sc, j + 1, speech_verbs);
}

/* The next word starts a name of the same person, or a family name. */
static int name_follows(const struct scan *sc, const struct redact_names *rn,
			const struct pat *p, size_t j)
{
	size_t x = j + 1;

	if (!hsep(sc, j) || x >= sc->ntok || !(sc->tok[x].flags & T_ALPHA))
		return 0;
	for (int q = rn->bucket[sc->tok[x].hash & (rn->nbucket - 1)]; q >= 0; q = rn->pat[q].next) {
		const struct pat *qp = &rn->pat[q];

		if (qp->hash != sc->tok[x].hash || match_pat(sc, x, qp) < 0)
			continue;
		if ((qp->person == p->person && p->person >= 0) || qp->family)
			if (!qp->ambig || caps_ok(sc, x, qp))
				return 1;
	}
	return 0;
}

/* Decides whether the match of p over tokens i..j is a name (the rule for
 * ordinary words is in docs/internals/redaction.md). */
static int accept_name(const struct scan *sc, const struct redact_names *rn,
		       const struct pat *p, size_t i, size_t j)
{
	if (!p->ambig)
		return 1;
	if (p->natoms > 1)
		return caps_ok(sc, i, p);
	if (!capitalized(sc, i))
		return 0;
	if (prev_in(sc, i, titles, 1))
		return 1;
	if (p->date && date_context(sc, i))
		return 0;
	if (cue_after(sc, j) || name_follows(sc, rn, p, j))
		return 1;
	if (prev_in(sc, i, articles, 0))
		return 0;
	return !sentence_start(sc, i);
}

/* True when byte i follows a letter and an apostrophe, as "Neil" in
 * "O'Neil" or "Amour" in "l'Amour": not the start of a name.  A
 * placeholder's ']' counts as a letter, so that a second pass agrees. */
static int after_elision(const struct scan *sc, size_t i)
{
	size_t k;
	int32_t c;

	if (i == 0 || !is_apos(decode_back(sc->t, i, &k)) || i == k)
		return 0;
	c = decode_back(sc->t, i - k, &k);
	return c == ']' || (is_word(c) && !is_digit(c));
}

/* At each token, the patterns that match and are accepted. */
static void find_names(const struct scan *sc, const struct redact_names *rn, struct spans *sp)
{
	if (!rn || rn->nbucket == 0)
		return;
	for (size_t i = 0; i < sc->ntok; i++) {
		const struct tok *t = &sc->tok[i];
		if (!(t->flags & T_ALPHA) || opaque(t))
			continue;
		if (after_elision(sc, t->s))
			continue;
		/* Every accepted match, so that a shorter one still counts when
		 * a longer one loses to an address ("Juan Calle Hidalgo 45"). */
		for (int q = rn->bucket[t->hash & (rn->nbucket - 1)]; q >= 0; q = rn->pat[q].next) {
			const struct pat *p = &rn->pat[q];
			long j;

			if (p->hash != t->hash)
				continue;
			j = match_pat(sc, i, p);
			if (j >= 0 && accept_name(sc, rn, p, i, (size_t)j))
				add_span(sp, t->s, sc->tok[j].e, K_NAME);
		}
	}
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
 * find_emails adds them in the order of their '@', hence of their end. */
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
static void settle(struct spans *sp, size_t len)
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
	c = decode(p, n, &k);
	if (k == n && is_hyphen(c))
		return 1;
	for (size_t i = 0; i < n; i += k)
		if (!is_hspace(decode(p + i, n - i, &k)))
			return 0;
	return 1;
}

/* Writes the text with the spans replaced; names parted only by spaces or
 * a hyphen become one [NAME]. */
static int emit(const struct scan *sc, const struct spans *sp, struct buf *out,
		struct redact_stats *st)
{
	size_t pos = 0;
	int last = -1;
	int *count[] = {&st->emails, &st->addresses, &st->phones, &st->names};

	for (size_t i = 0; i < sp->n; i++) {
		const struct span *s = &sp->v[i];

		if (s->kind == K_NAME && last == K_NAME && name_joint(sc->t + pos, s->s - pos)) {
			pos = s->e;
			continue;
		}
		if (buf_add(out, sc->t + pos, s->s - pos) < 0 || buf_adds(out, placeholder[s->kind]) < 0)
			return -1;
		(*count[s->kind])++;
		last = s->kind;
		pos = s->e;
	}
	return buf_add(out, sc->t + pos, sc->len - pos);
}

/* See redact.h.  Scratch memory is freed before returning; on ERR_LIMIT
 * out is rolled back to its length and overflow flag on entry. */
int redact_text(const struct redact_names *names, const char *text, size_t len,
		struct buf *out, struct redact_stats *stats, struct err *e)
{
	struct redact_stats local;
	struct scan sc;
	struct spans sp = {0}, nsp = {0};
	size_t start = out->len;
	int overflow = out->overflow, rc = 0;

	if (!stats)
		stats = &local;
	memset(stats, 0, sizeof(*stats));
	if ((!text && len) || (len && !utf8_valid(text, len)))
		return err_set(e, ERR_INVALID, "text", "the text is not valid UTF-8 (or holds a NUL byte)");
	if (!len)
		return 0;
	tokenize(&sc, text, len);
	find_emails(&sc, &sp);
	find_phones(&sc, &sp);
	find_addresses(&sc, &sp);
	settle(&sp, len);
	cover_tokens(&sc, &sp);
	find_names(&sc, names, &nsp);
	settle(&nsp, len);
	for (size_t i = 0; i < nsp.n; i++)
		add_span(&sp, nsp.v[i].s, nsp.v[i].e, K_NAME);
	if (nsp.n)
		qsort(sp.v, sp.n, sizeof(*sp.v), cmp_start);
	if (emit(&sc, &sp, out, stats) < 0) {
		out->len = start;
		out->p[start] = '\0';
		out->overflow = overflow;
		memset(stats, 0, sizeof(*stats));
		rc = err_set(e, ERR_LIMIT, "text", "the redacted text is larger than the %zu bytes allowed",
			     out->max);
	}
	mem_free(sp.v);
	mem_free(nsp.v);
	scan_free(&sc);
	return rc;
}

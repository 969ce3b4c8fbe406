/* redact_contact: e-mail addresses, phone numbers and street addresses.
 * docs/internals/redaction.md, "E-mail", "Phone numbers", "Addresses". */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "core/hash.h"
#include "core/mem.h"
#include "core/str.h"
#include "domain/redact_int.h"

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

/* -- e-mail -- */

/* ASCII characters of a local part. */
static int is_local_ascii(int c)
{
	return rx_is_ascii_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
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
		return rx_is_ascii_alnum(t[i]) || t[i] == '-';
	c = rx_decode(t + i, len - i, &k);
	return rx_is_word(c) ? k : 0;
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
void rx_find_emails(const struct scan *sc, struct spans *sp)
{
	const char *t = sc->t;
	const char *at = t;

	while ((at = memchr(at, '@', sc->len - (size_t)(at - t))) != NULL) {
		size_t a = (size_t)(at - t), q = a, end, k;

		at++;
		while (q > 0) {
			int32_t c = rx_decode_back(t, q, &k);

			if (c < 0x80 ? !is_local_ascii(c) : !rx_is_word(c))
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
		while (end < sc->len && rx_is_word(rx_decode(t + end, sc->len - end, &k)))
			end += k;
		rx_add_span(sp, q, end, K_EMAIL);
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
	c = rx_decode_back(t, i, &k);
	if (c >= 0x80)
		return rx_is_word(c) || utf8proc_category(c) == UTF8PROC_CATEGORY_SC;
	if (rx_is_ascii_alnum(c) || strchr("_$#/@\\&%[]", (int)c))
		return 1;
	if (strchr(".,:-", (int)c) && i - k > 0) {
		c2 = rx_decode_back(t, i - k, &k2);
		return rx_is_digit(c2) || c2 == ']';
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
	c = rx_decode(t + i, len - i, &k);
	if (c >= 0x80)
		return rx_is_word(c) || utf8proc_category(c) == UTF8PROC_CATEGORY_SC;
	if (rx_is_ascii_alnum(c) || strchr("_%/@$[]", (int)c))
		return 1;
	return strchr(".,:-", (int)c) && i + 1 < len && (rx_is_digit(t[i + 1]) || t[i + 1] == '[');
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
			while (j < len && rx_is_digit(t[j]))
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
		while (i < len && rx_is_digit(t[i])) {
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
		    (rx_is_digit(t[i + 1]) ||
		     (t[i + 1] == '(' && i + 2 < len && rx_is_digit(t[i + 2])) ||
		     (t[i] == ' ' && t[i + 1] == '+' && i + 2 < len && rx_is_digit(t[i + 2])))) {
			sep = t[i];
			i++;
		} else if (gr->paren && !gr->bad && i < len && rx_is_digit(t[i])) {
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
 * rx_settle keeps the longest that no longer candidate overlaps. */
void rx_find_phones(const struct scan *sc, struct spans *sp)
{
	const char *t = sc->t;
	size_t len = sc->len, i = 0;
	struct grps gs = {0};
	const struct grp *g;

	while (i < len) {
		size_t n, end, start = i, k = 0;
		int st, et;

		if (!(rx_is_digit(t[i]) ||
		      ((t[i] == '+' || t[i] == '(') && i + 1 < len && rx_is_digit(t[i + 1])))) {
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
					rx_add_span(sp, g[k].s, g[last].e, K_PHONE);
			}
		}
	}
	mem_free(gs.v);
}

/* -- street addresses -- */


/* House numbers: 1-6 digits, perhaps one letter ("12B"), not run into
 * what follows. */
static int is_house_number(const struct scan *sc, size_t i)
{
	const struct tok *t = &sc->tok[i];
	size_t n = t->e - t->s, d = 0;

	while (d < n && rx_is_digit(sc->t[t->s + d]))
		d++;
	if (d == 0 || d > 6 || !(d == n || (d + 1 == n && rx_is_letter((unsigned char)sc->t[t->s + d]))))
		return 0;
	/* Not a decimal, a range or a fraction: "45.5", "12-14", "1/2". */
	return !tainted_after(sc->t, sc->len, t->e);
}

/* "5th", "42nd". */
static int is_ordinal(const struct scan *sc, size_t i)
{
	const char *f = rx_fold_of(sc, i);
	size_t n = sc->tok[i].flen, d = 0;

	while (d < n && rx_is_digit(f[d]))
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
		if (!rx_is_ascii_alnum(sc->t[j]))
			return 0;
		digit |= rx_is_digit(sc->t[j]);
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
	if (!space || !rx_tok_in(sc, i + 1, unit_words) || i + 2 >= sc->ntok)
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

	if (rx_hsep(sc, t) && t + 1 < sc->ntok &&
	    rx_in_list(directions, sc->t + sc->tok[t + 1].s, sc->tok[t + 1].e - sc->tok[t + 1].s)) {
		rx_add_span(sp, s, sc->tok[t].e, K_ADDRESS);
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
	rx_add_span(sp, s, p, K_ADDRESS);
	u = unit_after(sc, t);
	if (u)
		rx_add_span(sp, s, sc->tok[u].e, K_ADDRESS);
}

/* True when byte i may start an address: start, space, or opening
 * punctuation. */
static int address_boundary(const struct scan *sc, size_t i)
{
	size_t k;
	int32_t c;

	if (i == 0)
		return 1;
	c = rx_decode_back(sc->t, i, &k);
	return rx_is_space(c) || c == '(' || c == ',' || c == ';' || c == ':' || c == '"' ||
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
	if (t->e - t->s == 4 && n > 0 && rx_tok_in(sc, n - 1, year_preps) && rx_hsep(sc, n - 1) &&
	    (!memcmp(sc->t + t->s, "19", 2) || !memcmp(sc->t + t->s, "20", 2)))
		return;
	for (int count = 1; count <= 6; count++) {
		size_t x, xe;

		if (w + 1 >= sc->ntok)
			break;
		if (!(rx_hsep(sc, w) || (sc->tok[w].sep == SEP_DOT && w > n &&
				      (sc->tok[w].letters == 1 || rx_tok_in(sc, w, rx_particles)))))
			break;
		x = w + 1;
		xe = word_end(sc, x);
		if (count >= 2 && xe == x && rx_tok_in(sc, x, street_suffixes))
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
 * type, one or more capitalised words, numbers or rx_particles, then a house
 * number ("123", "#12", "No. 12"). */
static void spanish_address(const struct scan *sc, size_t p, struct spans *sp)
{
	const struct tok *t = &sc->tok[p];
	size_t w = p, words = 0;

	if (rx_tok_in(sc, p, es_prefixes)) {
		if (!(t->flags & T_CAP) && !rx_tok_in(sc, p, es_lower))
			return;
		if (!rx_hsep(sc, p) && sc->tok[p].sep != SEP_DOT)
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
			if (!rx_hsep(sc, w))
				break;
		}
		if (words && rx_tok_in(sc, x, number_words) && x + 1 < sc->ntok &&
		    (rx_hsep(sc, x) || sc->tok[x].sep == SEP_DOT) && is_house_number(sc, x + 1)) {
			add_address(sc, sp, t->s, x + 1);
			break;
		}
		if (words && is_house_number(sc, x))
			add_address(sc, sp, t->s, x);
		if ((xt->flags & T_HOLD) ||
		    !((xt->flags & T_CAP) || (xt->flags & T_DIGITS) || is_ordinal(sc, x) ||
		      rx_tok_in(sc, x, rx_particles)))
			break;
		words++;
		w = word_end(sc, x);
	}
}

/* Addresses start at a number (English) or a street type (Spanish). */
void rx_find_addresses(const struct scan *sc, struct spans *sp)
{
	for (size_t i = 0; i < sc->ntok; i++) {
		if (sc->tok[i].flags & T_ALPHA)
			spanish_address(sc, i, sp);
		else
			english_address(sc, i, sp);
	}
}


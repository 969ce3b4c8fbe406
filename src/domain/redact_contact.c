/* redact_contact: e-mail addresses, phone numbers and street addresses, as
 * people write them and as captions of their speech spell them.
 * docs/internals/redaction.md, "E-mail addresses", "Phone numbers",
 * "Street addresses".
 *
 * Every recogniser walks the text (or its tokens) once, and looks at most
 * a fixed number of tokens ahead or back from where it stands, so the cost
 * stays linear in the text.  Each proposes every reading it accepts; which
 * one wins is decided in rx_settle.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "core/mem.h"
#include "domain/redact_int.h"

/* ---- word lists (folded: lower case, no accents) ---- */

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

/* "No. 12", "núm. 12", "número 45". */
static const char *const number_words[] = {
	"no", "nro", "num", "numero", NULL,
};

static const char *const unit_words[] = {
	"apartment", "apt", "bldg", "departamento", "depto", "dpto", "fl",
	"floor", "int", "interior", "piso", "rm", "room", "ste", "suite",
	"unit", NULL,
};

/* Directions as written before a street name, matched on the bytes. */
static const char *const directions[] = {
	"E", "N", "NE", "NW", "S", "SE", "SW", "W", NULL,
};

static const char *const dir_words[] = {
	"east", "north", "northeast", "northwest", "south", "southeast",
	"southwest", "west", NULL,
};

/* Words after a direction that name a part of a place, not a street:
 * "300 East Side families", "the 2 North Campus buses". */
static const char *const place_parts[] = {
	"academy", "building", "campus", "door", "elementary", "end",
	"entrance", "hall", "high", "middle", "parking", "school", "side",
	"wing", NULL,
};

/* A caption's "2115 w cermak road". */
static const char *const dir_letters[] = {"e", "n", "s", "w", NULL};

/* Words before a year that is not a house number: "in 2025 Main Street". */
static const char *const year_preps[] = {
	"by", "desde", "en", "from", "in", "of", "since", "until", NULL,
};

/* Words before a number that is a route, a bus, a room or a grade, never
 * a house number: "Highway 99 North", "bus 12 West Side". */
static const char *const route_words[] = {
	"aula", "autobus", "bus", "camion", "carretera", "exit", "gate",
	"grade", "grado", "highway", "hwy", "interstate", "line", "linea",
	"page", "rm", "room", "route", "rt", "rte", "ruta", "salon", "sr",
	NULL,
};

/* Words right before a house number that let a caption's street be in
 * lower case: "i live at 5320 south wabash avenue". */
static const char *const en_cues[] = {
	"address", "at", "en", "es", "from", "is", "live", "lives", "near",
	"on", "to", "vive", "viven", "vivimos", "vivo", NULL,
};

/* Words before a Spanish street in lower case that say someone lives
 * there: "vivo en la calle hidalgo 45". */
static const char *const live_cues[] = {
	"address", "casa", "direccion", "domicilio", "esta", "live", "lives",
	"queda", "vive", "vivia", "vivian", "viven", "vivimos", "vivo", NULL,
};

/* Words right before a house number that starts a Spanish address:
 * "en el 45 de la avenida Juárez". */
static const char *const es_number_cues[] = {
	"al", "el", "en", "es", "esta", "queda", "vive", "viven", "vivimos",
	"vivo", NULL,
};

/* Words that may follow the house number of a street whose name is in
 * lower case: "calle hidalgo 45 con mis hijos". */
static const char *const tail_words[] = {
	"and", "at", "cerca", "col", "colonia", "con", "e", "en", "entre",
	"esquina", "in", "near", "on", "por", "with", "y", NULL,
};

/* Lower-case words that are never part of a street's name in a caption:
 * function words, counts, units of time and distance, common verbs. */
static const char *const lower_stop[] = {
	"a", "about", "across", "after", "ahi", "al", "all", "alli", "along",
	"also", "although", "am", "an", "and", "ano", "anos", "another",
	"any", "aqui", "are", "around", "as", "at", "ayer", "be", "because",
	"been", "before", "behind", "between", "block", "blocks", "bus",
	"buses", "but", "by", "came", "can", "car", "cars", "casa", "casas",
	"cerca", "child", "children", "come", "como", "con", "could",
	"cuadra", "cuadras", "cuando", "day", "days", "de", "del", "desde",
	"dia", "dias", "did", "do", "does", "dollar", "dollars", "donde",
	"down", "drove", "e", "each", "el", "en", "entre", "era", "es", "esa",
	"escuela", "escuelas", "ese", "esquina", "esta", "estaba", "estan",
	"este", "esto", "every", "familia", "familias", "families", "family",
	"favor", "feet", "few", "foot", "for", "from", "fue", "get", "go",
	"going", "got", "grade", "grades", "ha", "habia", "hace", "had",
	"has", "hasta", "have", "hay", "he", "her", "here", "his", "hora",
	"horas", "hour", "hours", "house", "houses", "hoy", "hr", "hrs",
	"hundred", "i", "if", "in", "into", "is", "it", "its", "just", "kid",
	"kids", "km", "la", "las", "left", "lejos", "less", "lo", "los",
	"lot", "lots", "manana", "many", "mas", "me", "menos", "meter",
	"meters", "mi", "might", "mil", "mile", "miles", "min", "mins",
	"minute", "minutes", "minuto", "minutos", "mis", "month", "months",
	"more", "most", "mph", "much", "muy", "my", "near", "next", "nino",
	"ninos", "no", "nos", "not", "now", "nuestra", "nuestro", "numero",
	"o", "of", "off", "on", "only", "or", "other", "our", "out", "over",
	"para", "parent", "parents", "past", "people", "per", "percent",
	"pero", "person", "persona", "personas", "please", "pm", "por",
	"porque", "que", "right", "room", "rooms", "same", "se", "second",
	"seconds", "ser", "she", "si", "sin", "since", "so", "sobre", "some",
	"son", "star", "stars", "student", "students", "su", "sus", "take",
	"teacher", "teachers", "than", "that", "the", "their", "them", "then",
	"there", "these", "they", "this", "those", "thousand", "through",
	"tiene", "tienen", "time", "times", "to", "today", "todo", "todos",
	"tomorrow", "too", "took", "tu", "turn", "u", "un", "una", "unas",
	"under", "unless", "uno", "unos", "until", "up", "us", "va", "van",
	"very", "vez", "vive", "viven", "vivimos", "vivo", "walk", "walked",
	"was", "way", "we", "week", "weeks", "went", "were", "what", "when",
	"where", "which", "while", "who", "will", "with", "would", "y", "ya",
	"year", "years", "you", "your", NULL,
};

/* Words that say '@' and '.' in an address read aloud. */
static const char *const at_words[] = {"arroba", "at", NULL};
static const char *const word_arroba[] = {"arroba", NULL};
static const char *const dot_words[] = {"dot", "punto", NULL};

/* The last label of a domain read aloud must be one of these. */
static const char *const tld_words[] = {
	"ca", "co", "com", "edu", "es", "gov", "info", "io", "mx", "net",
	"org", "uk", "us", NULL,
};

/* Mail providers: a caption's "maria at gmail com" lost its "dot". */
static const char *const mail_providers[] = {
	"aol", "gmail", "hotmail", "icloud", "live", "msn", "outlook",
	"prodigy", "protonmail", "yahoo", NULL,
};

/* Words that join the parts of a local part read aloud ("maria dot
 * lopez", "ana underscore 85"); "guion bajo" is two words. */
static const char *const local_joints[] = {
	"dash", "dot", "guion", "hyphen", "punto", "underscore", NULL,
};

/* Words that are not the end of a local part: "email me at", "we met
 * at", "look at". */
static const char *const local_stop[] = {
	"a", "an", "and", "are", "ask", "at", "be", "but", "call", "check",
	"contact", "correo", "de", "del", "dile", "e", "el", "email", "en",
	"entra", "es", "escribe", "escribeme", "for", "found", "from", "go",
	"gracias", "he", "hello", "her", "here", "hi", "him", "hola", "i",
	"in", "is", "it", "la", "las", "llama", "log", "look", "los", "mail",
	"manda", "mandame", "me", "meet", "message", "met", "mi", "mira",
	"my", "o", "of", "on", "online", "or", "our", "por", "pregunta",
	"que", "reach", "saw", "see", "send", "she", "sign", "site", "son",
	"su", "te", "tell", "text", "thanks", "that", "the", "them", "there",
	"they", "this", "to", "tu", "up", "us", "visit", "visita", "was",
	"we", "web", "website", "were", "work", "worked", "works", "write",
	"y", "you", "your", NULL,
};

/* Words that are not a label of a domain: "at the dot com boom". */
static const char *const label_stop[] = {
	"a", "an", "el", "la", "las", "los", "mi", "my", "our", "su", "that",
	"the", "this", "tu", "your", NULL,
};

static const char *const word_y[] = {"y", NULL};
static const char *const one_letter_words[] = {"a", "e", "i", "o", "u", "y", NULL};
static const char *const word_and[] = {"and", NULL};
static const char *const word_de[] = {"de", NULL};
static const char *const word_del[] = {"del", NULL};
static const char *const word_la_el[] = {"el", "la", NULL};
static const char *const word_guion[] = {"guion", NULL};
static const char *const word_bajo[] = {"bajo", NULL};
static const char *const word_year_lead[] = {"nineteen", "twenty", NULL};

/* Number words.  A unit is one digit, a teen or a ten two, a hundred
 * three; a ten may take a unit ("thirty-four", "treinta y cuatro"), a
 * hundred a number below a hundred ("five hundred twelve", "trescientos
 * doce"); "double five" is two digits. */
enum { NW_NONE, NW_UNIT, NW_OH, NW_TEEN, NW_TENS, NW_HUNDREDS, NW_HUNDRED, NW_REPEAT };

struct numword {
	const char *w;
	uint8_t cls;
	uint16_t val;
};

static const struct numword numwords[] = {
	{"zero", NW_UNIT, 0}, {"oh", NW_OH, 0}, {"one", NW_UNIT, 1},
	{"two", NW_UNIT, 2}, {"three", NW_UNIT, 3}, {"four", NW_UNIT, 4},
	{"five", NW_UNIT, 5}, {"six", NW_UNIT, 6}, {"seven", NW_UNIT, 7},
	{"eight", NW_UNIT, 8}, {"nine", NW_UNIT, 9}, {"ten", NW_TEEN, 10},
	{"eleven", NW_TEEN, 11}, {"twelve", NW_TEEN, 12},
	{"thirteen", NW_TEEN, 13}, {"fourteen", NW_TEEN, 14},
	{"fifteen", NW_TEEN, 15}, {"sixteen", NW_TEEN, 16},
	{"seventeen", NW_TEEN, 17}, {"eighteen", NW_TEEN, 18},
	{"nineteen", NW_TEEN, 19}, {"twenty", NW_TENS, 20},
	{"thirty", NW_TENS, 30}, {"forty", NW_TENS, 40}, {"fifty", NW_TENS, 50},
	{"sixty", NW_TENS, 60}, {"seventy", NW_TENS, 70},
	{"eighty", NW_TENS, 80}, {"ninety", NW_TENS, 90},
	{"hundred", NW_HUNDRED, 100}, {"double", NW_REPEAT, 2},
	{"triple", NW_REPEAT, 3},
	{"cero", NW_UNIT, 0}, {"uno", NW_UNIT, 1}, {"una", NW_UNIT, 1},
	{"dos", NW_UNIT, 2}, {"tres", NW_UNIT, 3}, {"cuatro", NW_UNIT, 4},
	{"cinco", NW_UNIT, 5}, {"seis", NW_UNIT, 6}, {"siete", NW_UNIT, 7},
	{"ocho", NW_UNIT, 8}, {"nueve", NW_UNIT, 9}, {"diez", NW_TEEN, 10},
	{"once", NW_TEEN, 11}, {"doce", NW_TEEN, 12}, {"trece", NW_TEEN, 13},
	{"catorce", NW_TEEN, 14}, {"quince", NW_TEEN, 15},
	{"dieciseis", NW_TEEN, 16}, {"diecisiete", NW_TEEN, 17},
	{"dieciocho", NW_TEEN, 18}, {"diecinueve", NW_TEEN, 19},
	{"veinte", NW_TENS, 20}, {"veintiuno", NW_TEEN, 21},
	{"veintiuna", NW_TEEN, 21}, {"veintidos", NW_TEEN, 22},
	{"veintitres", NW_TEEN, 23}, {"veinticuatro", NW_TEEN, 24},
	{"veinticinco", NW_TEEN, 25}, {"veintiseis", NW_TEEN, 26},
	{"veintisiete", NW_TEEN, 27}, {"veintiocho", NW_TEEN, 28},
	{"veintinueve", NW_TEEN, 29}, {"treinta", NW_TENS, 30},
	{"cuarenta", NW_TENS, 40}, {"cincuenta", NW_TENS, 50},
	{"sesenta", NW_TENS, 60}, {"setenta", NW_TENS, 70},
	{"ochenta", NW_TENS, 80}, {"noventa", NW_TENS, 90},
	{"cien", NW_HUNDREDS, 100}, {"ciento", NW_HUNDREDS, 100},
	{"doscientos", NW_HUNDREDS, 200}, {"doscientas", NW_HUNDREDS, 200},
	{"trescientos", NW_HUNDREDS, 300}, {"trescientas", NW_HUNDREDS, 300},
	{"cuatrocientos", NW_HUNDREDS, 400}, {"cuatrocientas", NW_HUNDREDS, 400},
	{"quinientos", NW_HUNDREDS, 500}, {"quinientas", NW_HUNDREDS, 500},
	{"seiscientos", NW_HUNDREDS, 600}, {"seiscientas", NW_HUNDREDS, 600},
	{"setecientos", NW_HUNDREDS, 700}, {"setecientas", NW_HUNDREDS, 700},
	{"ochocientos", NW_HUNDREDS, 800}, {"ochocientas", NW_HUNDREDS, 800},
	{"novecientos", NW_HUNDREDS, 900}, {"novecientas", NW_HUNDREDS, 900},
};

/* The number word token i is, or NULL. */
static const struct numword *numword_of(const struct scan *sc, size_t i)
{
	const struct tok *t = &sc->tok[i];
	const char *f;

	if (!(t->flags & T_ALPHA) || (t->flags & T_HOLD) || t->flen < 2 || t->flen > 13)
		return NULL;
	f = rx_fold_of(sc, i);
	for (size_t k = 0; k < sizeof(numwords) / sizeof(*numwords); k++)
		if (strlen(numwords[k].w) == t->flen && memcmp(numwords[k].w, f, t->flen) == 0)
			return &numwords[k];
	return NULL;
}

/* ---- small helpers on tokens and gaps ---- */

/* Token i is the word of a placeholder already in the text. */
static int is_hold(const struct scan *sc, size_t i)
{
	return (sc->tok[i].flags & T_HOLD) != 0;
}

/* Bytes of the gap after token i (not the last): a placeholder's brackets
 * belong to it, not to the gap, as in the tokenizer. */
static void gap_of(const struct scan *sc, size_t i, size_t *from, size_t *to)
{
	*from = sc->tok[i].e + (size_t)is_hold(sc, i);
	*to = sc->tok[i + 1].s - (size_t)is_hold(sc, i + 1);
}

/* The gap after token i is exactly the byte c: "maria.lopez". */
static int gap_is(const struct scan *sc, size_t i, char c)
{
	size_t p, e;

	if (i + 1 >= sc->ntok)
		return 0;
	gap_of(sc, i, &p, &e);
	return e == p + 1 && sc->t[p] == c;
}

/* The gap after token i is spaces and tabs with one sep among them. */
static int gap_with(const struct scan *sc, size_t i, char sep)
{
	size_t p, e;
	int seen = 0;

	if (i + 1 >= sc->ntok)
		return 0;
	for (gap_of(sc, i, &p, &e); p < e; p++) {
		if (sc->t[p] == sep && !seen)
			seen = 1;
		else if (sc->t[p] != ' ' && sc->t[p] != '\t')
			return 0;
	}
	return seen;
}

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

/* Written addresses: local@domain (see domain_end); the local part is the
 * run of [A-Za-z0-9._%+-] and other letters before '@', leading dots left
 * out. */
static void written_emails(const struct scan *sc, struct spans *sp)
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

/* Longest local part and domain read aloud, in tokens. */
#define MAX_MAIL_PARTS 8
#define MAX_SPELLED 32

/* A token of one ASCII letter or digit: a spelled "m a r i a". */
static int spelled(const struct scan *sc, size_t i)
{
	return sc->tok[i].e - sc->tok[i].s == 1 && !is_hold(sc, i);
}

/* A word that may be part of a local part read aloud. */
static int local_word(const struct scan *sc, size_t i)
{
	return !is_hold(sc, i) && sc->tok[i].letters > 0 && !rx_tok_in(sc, i, local_stop) && !numword_of(sc, i);
}

/* First token of the local part read aloud that ends at token l, or
 * SIZE_MAX when there is none.  The last word must hold a letter and not
 * be a function word ("me at", "met at") or a number word; before it come
 * words joined by '.', '_', '-', '+' or by a spoken "dot", "punto",
 * "underscore", "guion bajo", "dash" (at most MAX_MAIL_PARTS), or, when it
 * is one letter, three or more spelled letters and digits. */
static size_t spoken_local(const struct scan *sc, size_t l)
{
	size_t s = l;

	/* "minh.ng.2013": digits may end a local part after a written joint. */
	int joined_digits = l > 0 && sc->tok[l].letters == 0 &&
	                    (gap_is(sc, l - 1, '.') || gap_is(sc, l - 1, '_') || gap_is(sc, l - 1, '-'));
	if (is_hold(sc, l) || (sc->tok[l].letters == 0 && !joined_digits) || (l > 0 && sc->tok[l - 1].sep == SEP_APOS))
		return SIZE_MAX;   /* a placeholder, a number, the "s" of "it's" */
	if (spelled(sc, l)) {
		size_t start = SIZE_MAX, total = 0;

		for (;;) {
			size_t n = 1;

			while (s > 0 && n < MAX_SPELLED && rx_hsep(sc, s - 1) && spelled(sc, s - 1)) {
				s--;
				n++;
			}
			/* "escríbeme a m a r i a": a one-letter word first is the
			 * sentence's when the letters after it are enough. */
			if (n > 3 && rx_tok_in(sc, s, one_letter_words))
				s++, n--;
			if (n < 3)
				return start;
			start = s;
			total += n;
			/* "l u p i t a underscore g o m e z": spelled runs joined
			 * by a spoken joint. */
			if (s < 2 || total >= MAX_SPELLED || !rx_hsep(sc, s - 1) || !rx_tok_in(sc, s - 1, local_joints) ||
			    !rx_hsep(sc, s - 2) || !spelled(sc, s - 2))
				return start;
			s -= 2;
		}
	}
	if (!local_word(sc, l) && !joined_digits)
		return SIZE_MAX;
	for (int parts = 1; parts < MAX_MAIL_PARTS && s > 0; parts++) {
		size_t w;

		if (gap_is(sc, s - 1, '.') || gap_is(sc, s - 1, '_') || gap_is(sc, s - 1, '-') ||
		    gap_is(sc, s - 1, '+')) {
			if (is_hold(sc, s - 1))
				break;
			s--;
			continue;
		}
		if (!rx_hsep(sc, s - 1))
			break;
		w = s - 1;   /* the spoken joint */
		if (rx_tok_in(sc, w, word_bajo) && w > 0 && rx_hsep(sc, w - 1) && rx_tok_in(sc, w - 1, word_guion))
			w--;
		else if (!rx_tok_in(sc, w, local_joints))
			break;
		if (w == 0 || !rx_hsep(sc, w - 1) || !local_word(sc, w - 1))
			break;
		s = w - 1;
	}
	/* "maria lopez at gmail dot com": one word said before a local part
	 * of one word is taken as part of it. */
	if (s == l && s > 0 && rx_hsep(sc, s - 1) && local_word(sc, s - 1) &&
	    (!spelled(sc, s - 1) || !rx_tok_in(sc, s - 1, one_letter_words)) &&
	    !rx_tok_in(sc, s - 1, local_joints) && !rx_tok_in(sc, s - 1, word_bajo))
		s--;   /* and "j achebe at rusd dot org": an initial */
	return s;
}

/* End (a byte) of the domain read aloud that starts at token d, or 0:
 * two or more labels joined by '.' or a spoken "dot" / "punto", the last
 * one a word of tld_words; a label may hold hyphens ("north-valley").  A
 * provider may be followed by its top-level domain without the "dot"
 * ("gmail com"). */
static size_t spoken_domain(const struct scan *sc, size_t d)
{
	size_t j = d, end = 0;

	for (int labels = 1; labels <= MAX_MAIL_PARTS && j < sc->ntok; labels++) {
		size_t first = j;

		if (is_hold(sc, j) || rx_tok_in(sc, j, label_stop))
			break;
		/* "r u s d dot org": a label spelled letter by letter. */
		for (int h = 0; h < MAX_SPELLED && spelled(sc, j) && j + 2 < sc->ntok && rx_hsep(sc, j) &&
		                spelled(sc, j + 1);
		     h++)
			j++;
		for (int h = 0; h < MAX_MAIL_PARTS && gap_is(sc, j, '-') && !is_hold(sc, j + 1); h++)
			j++;
		if (labels >= 2 && j == first && rx_tok_in(sc, j, tld_words))
			end = sc->tok[j].e;
		if (j + 1 >= sc->ntok)
			break;
		if (gap_is(sc, j, '.'))
			j++;
		else if (j + 2 < sc->ntok && rx_hsep(sc, j) && rx_tok_in(sc, j + 1, dot_words) && rx_hsep(sc, j + 1))
			j += 2;
		else if (labels == 1 && j == first && rx_hsep(sc, j) && rx_tok_in(sc, j, mail_providers) &&
			 rx_tok_in(sc, j + 1, tld_words))
			j++;
		else
			break;
	}
	return end;
}

/* Addresses read aloud or written with spaces: a local part (see
 * spoken_local), then "at" or "arroba" between spaces, or an '@' with or
 * without spaces, then a domain (see spoken_domain). */
static void spoken_emails(const struct scan *sc, struct spans *sp)
{
	for (size_t i = 0; i + 1 < sc->ntok; i++) {
		size_t l, s, e;

		if (i > 0 && rx_hsep(sc, i - 1) && rx_hsep(sc, i) && rx_tok_in(sc, i, at_words))
			l = i - 1;
		else if (gap_with(sc, i, '@'))
			l = i;
		else
			continue;
		s = spoken_local(sc, l);
		if (s == SIZE_MAX)
			continue;
		e = spoken_domain(sc, i + 1);
		/* "arroba casa esperanza punto org": after "arroba", which is
		 * never anything else, a domain's name may be said as two words. */
		if (!e && rx_tok_in(sc, i, word_arroba) && i + 2 < sc->ntok && rx_hsep(sc, i + 1) && local_word(sc, i + 1) &&
		    !spelled(sc, i + 1))
			e = spoken_domain(sc, i + 2);
		if (e)
			rx_add_span(sp, sc->tok[s].s, e, K_EMAIL);
	}
}

static int cmp_span_start(const void *pa, const void *pb)
{
	const struct span *a = pa, *b = pb;

	if (a->s != b->s)
		return a->s < b->s ? -1 : 1;
	return a->e < b->e ? -1 : a->e > b->e;
}

/* Every e-mail address, written or read aloud.  Overlapping candidates
 * are joined here, and added in text order, so that rx_settle sees no two
 * that overlap. */
void rx_find_emails(const struct scan *sc, struct spans *sp)
{
	struct spans em = {0};
	size_t n = 0;

	written_emails(sc, &em);
	spoken_emails(sc, &em);
	if (em.n > 1)
		qsort(em.v, em.n, sizeof(*em.v), cmp_span_start);
	for (size_t i = 0; i < em.n; i++) {
		if (n > 0 && em.v[n - 1].e > em.v[i].s) {
			if (em.v[i].e > em.v[n - 1].e)
				em.v[n - 1].e = em.v[i].e;
			continue;
		}
		em.v[n++] = em.v[i];
	}
	for (size_t i = 0; i < n; i++)
		rx_add_span(sp, em.v[i].s, em.v[i].e, K_EMAIL);
	mem_free(em.v);
}

/* -- phone numbers -- */

/* A group of digits of a phone-like run: "+52", "(512)", "555". */
struct grp {
	size_t s, e;
	unsigned nd;
	unsigned long val;    /* the digits as a number (the first nine) */
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

/* "55 12 34 56", "312 55 12 34 56", "33 12 34 56 78", "312 123 45 67":
 * four or more groups of two or three digits with one separator between
 * them all, two or more of two digits, 8-12 digits, the first digit 2-9,
 * and not a list that counts up or down ("25 50 75 100"). */
static int pairs_shape(const struct grp *g, size_t n)
{
	unsigned total = 0, twos = 0;
	long step = 0;
	int counting = 1;

	if (n < 4 || g[0].first < '2' || g[0].first > '9')
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (g[i].nd < 2 || g[i].nd > 3 || (i > 0 && g[i].paren) || (i > 1 && g[i].sep != g[1].sep))
			return 0;
		total += g[i].nd;
		twos += g[i].nd == 2;
		if (i == 1)
			step = (long)g[1].val - (long)g[0].val;
		else if (i > 1 && (long)g[i].val - (long)g[i - 1].val != step)
			counting = 0;
	}
	if (total < 8 || total > 12 || twos < 2)
		return 0;
	return !counting || step == 0;
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
	if (pairs_shape(g, n))
		return 1;
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
			if (gr->nd < 9)
				gr->val = gr->val * 10 + (unsigned long)(t[i] - '0');
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

/* ASCII letters of w (lower case) at t[i], ignoring case. */
static int ascii_word_at(const char *t, size_t len, size_t i, const char *w)
{
	size_t n = strlen(w);

	if (i + n > len)
		return 0;
	for (size_t k = 0; k < n; k++) {
		char c = t[i + k];

		if (c >= 'A' && c <= 'Z')
			c = (char)(c + 32);
		if (c != w[k])
			return 0;
	}
	return 1;
}

/* End of an extension after a phone number that ends at byte i
 * (", ext. 12", " ext 12", " x12", "x 12", " extensión 4"), or 0. */
static size_t extension_after(const char *t, size_t len, size_t i)
{
	static const char *const words[] = {"extension", "extensi\xc3\xb3n", "extn", "ext", "x", NULL};
	size_t p = i, d;
	int found = 0;

	if (p < len && t[p] == ',')
		p++;
	while (p < len && (t[p] == ' ' || t[p] == '\t'))
		p++;
	for (size_t k = 0; words[k] && !found; k++) {
		if (ascii_word_at(t, len, p, words[k])) {
			p += strlen(words[k]);
			found = 1;
		}
	}
	if (!found)
		return 0;
	if (p < len && t[p] == '.')
		p++;
	while (p < len && (t[p] == ' ' || t[p] == '\t'))
		p++;
	for (d = p; p < len && rx_is_digit(t[p]); p++)
		if (p - d == 6)
			return 0;
	if (p == d || tainted_after(t, len, p))
		return 0;
	return p;
}

/* Written numbers: within each run of digit groups, every phone-shaped
 * stretch that starts and ends at a space or at an untainted run edge,
 * and the last one with an extension after it.  rx_settle keeps the
 * longest that no longer candidate overlaps. */
static void written_phones(const struct scan *sc, struct spans *sp)
{
	const char *t = sc->t;
	size_t len = sc->len, i = 0;
	struct grps gs = {0};
	const struct grp *g;

	while (i < len) {
		size_t n, end, start = i, k = 0, ext;
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
		ext = extension_after(t, len, end);
		for (k = 0; k < n; k++) {
			if (k == 0 ? st : g[k].sep != ' ')
				continue;
			for (size_t m = 1; m <= 6 && k + m <= n; m++) {
				size_t last = k + m - 1;
				int ok_end = last == n - 1 ? !et : g[last + 1].sep == ' ';

				if (!phone_shape(g + k, m))
					continue;
				if (ok_end)
					rx_add_span(sp, g[k].s, g[last].e, K_PHONE);
				if (last == n - 1 && ext)
					rx_add_span(sp, g[k].s, ext, K_PHONE);
			}
		}
	}
	mem_free(gs.v);
}

/* A number read aloud: its tokens, digits and value. */
struct sgrp {
	size_t s, e;          /* first and last token */
	unsigned nd, v;
	uint8_t oh, year;
	uint8_t clock;        /* with the next, an hour and its minutes */
};

/* Number words of a text, one entry per token. */
struct nwtab {
	uint8_t *cls;
	uint16_t *val;
};

/* A number below a hundred from token i ("five", "twelve", "thirty",
 * "thirty-four", "thirty four", "treinta y cuatro"): fills *v and *nd and
 * returns the token after it, or 0. */
static size_t small_number(const struct scan *sc, const struct nwtab *nw, size_t i, unsigned *v, unsigned *nd)
{
	switch (nw->cls[i]) {
	case NW_UNIT:
		*v = nw->val[i];
		*nd = 1;
		return i + 1;
	case NW_TEEN:
		*v = nw->val[i];
		*nd = 2;
		return i + 1;
	case NW_TENS:
		*v = nw->val[i];
		*nd = 2;
		if (i + 1 < sc->ntok && (rx_hsep(sc, i) || sc->tok[i].sep == SEP_HYPHEN) &&
		    nw->cls[i + 1] == NW_UNIT && nw->val[i + 1] > 0) {
			*v += nw->val[i + 1];
			return i + 2;
		}
		if (i + 2 < sc->ntok && rx_hsep(sc, i) && rx_tok_in(sc, i + 1, word_y) && rx_hsep(sc, i + 1) &&
		    nw->cls[i + 2] == NW_UNIT && nw->val[i + 2] > 0) {
			*v += nw->val[i + 2];
			return i + 3;
		}
		return i + 1;
	default:
		return 0;
	}
}

/* The number read aloud that starts at token i, into g; returns the token
 * after it, or 0 when none starts there. */
static size_t spoken_group(const struct scan *sc, const struct nwtab *nw, size_t i, struct sgrp *g)
{
	size_t e = 0, k;
	unsigned v, nd;

	memset(g, 0, sizeof(*g));
	g->s = i;
	switch (nw->cls[i]) {
	case NW_OH:
		g->nd = 1;
		g->oh = 1;
		return i + 1;
	case NW_REPEAT:   /* "double five" */
		if (i + 1 < sc->ntok && rx_hsep(sc, i) && nw->cls[i + 1] == NW_UNIT) {
			g->nd = nw->val[i];
			g->v = nw->val[i + 1] * (nw->val[i] == 2 ? 11u : 111u);
			return i + 2;
		}
		return 0;
	case NW_UNIT:
		if (i + 1 < sc->ntok && rx_hsep(sc, i) && nw->cls[i + 1] == NW_HUNDRED && nw->val[i] > 0) {
			g->v = nw->val[i] * 100u;
			e = i + 2;
			break;
		}
		return small_number(sc, nw, i, &g->v, &g->nd);
	case NW_HUNDREDS:
		g->v = nw->val[i];
		e = i + 1;
		break;
	default:
		return small_number(sc, nw, i, &g->v, &g->nd);
	}
	/* A hundred and what follows it: "five hundred (and) twelve",
	 * "trescientos doce". */
	g->nd = 3;
	if (e < sc->ntok && rx_hsep(sc, e - 1)) {
		size_t e2;

		k = e;
		if (rx_tok_in(sc, k, word_and) && rx_hsep(sc, k) && k + 1 < sc->ntok)
			k++;
		e2 = small_number(sc, nw, k, &v, &nd);
		if (e2) {
			g->v += v;
			e = e2;
		}
	}
	return e;
}

/* The gap after token i may part two numbers read aloud: spaces, a
 * hyphen, or one comma among spaces. */
static int spoken_gap(const struct scan *sc, size_t i)
{
	if (i + 1 >= sc->ntok)
		return 0;
	return rx_hsep(sc, i) || sc->tok[i].sep == SEP_HYPHEN || gap_with(sc, i, ',');
}

/* "twenty twenty-five", "nineteen ninety": a year, never part of a phone
 * number. */
static int spoken_year(const struct scan *sc, const struct sgrp *a, const struct sgrp *b)
{
	return a->s == a->e && rx_tok_in(sc, a->s, word_year_lead) && b->nd == 2 && b->v >= 10;
}

/* "seven thirty", "nine forty five": an hour from one to twelve, a space,
 * then minutes from ten to fifty-nine. */
static int spoken_clock(const struct scan *sc, const struct sgrp *a, const struct sgrp *b)
{
	return a->nd == 1 && a->v >= 1 && a->v <= 12 && !a->oh && rx_hsep(sc, a->e) && b->nd == 2 &&
	       b->v >= 10 && b->v <= 59;
}

/* Every stretch of the numbers g[0..n) read aloud in a row that has 7 to
 * 15 digits, does not start or end with "oh", holds no year, does not
 * count up or down by a fixed step ("one two three four five six seven",
 * "twenty, thirty, forty, fifty"), and is not mostly times of day ("seven
 * thirty, eight fifteen, nine forty five": hours and minutes paired from
 * the stretch's start hold more than half its digits).  The verdict on a
 * stretch depends on nothing outside it, so what is left beside a
 * replaced one is judged alike when the output is redacted again. */
static void spoken_stretches(const struct scan *sc, const struct sgrp *g, size_t n, struct spans *sp)
{
	for (size_t k = 0; k < n; k++) {
		unsigned digits = 0, clock = 0;
		long step = 0;
		int counting = 1, open = 0;

		if (g[k].year || g[k].oh)
			continue;
		for (size_t m = k; m < n && !g[m].year; m++) {
			digits += g[m].nd;
			if (digits > 15)
				break;
			if (m == k + 1)
				step = (long)g[m].v - (long)g[k].v;
			else if (m > k + 1 && (long)g[m].v - (long)g[m - 1].v != step)
				counting = 0;
			if (open && g[m - 1].clock) {
				clock += g[m - 1].nd + g[m].nd;
				open = 0;
			} else {
				open = 1;
			}
			if (digits < 7 || g[m].oh || (counting && step != 0 && m >= k + 2) || 2 * clock > digits)
				continue;
			rx_add_span(sp, sc->tok[g[k].s].s, sc->tok[g[m].e].e, K_PHONE);
		}
	}
}

/* Numbers read aloud, in English or Spanish: "five five five, one two
 * three, four five six seven", "cinco cinco cinco, doce, treinta y
 * cuatro, cincuenta y seis". */
static void spoken_phones(const struct scan *sc, struct spans *sp)
{
	struct nwtab nw;
	struct sgrp *g = NULL;
	size_t cap = 0, i = 0;
	int any = 0;

	if (sc->ntok == 0)
		return;
	nw.cls = mem_alloc(sc->ntok);
	nw.val = mem_alloc(sc->ntok * sizeof(*nw.val));
	for (size_t k = 0; k < sc->ntok; k++) {
		const struct numword *w = numword_of(sc, k);

		if (w) {
			nw.cls[k] = w->cls;
			nw.val[k] = w->val;
			any = 1;
		}
	}
	while (any && i < sc->ntok) {
		size_t n = 0, e;

		if (nw.cls[i] == NW_NONE || nw.cls[i] == NW_HUNDRED) {
			i++;
			continue;
		}
		for (;;) {
			if (n == cap) {
				cap = cap ? cap * 2 : 32;
				g = mem_realloc(g, cap * sizeof(*g));
			}
			e = spoken_group(sc, &nw, i, &g[n]);
			if (!e)
				break;
			g[n].e = e - 1;
			if (n > 0 && spoken_year(sc, &g[n - 1], &g[n]))
				g[n - 1].year = g[n].year = 1;
			if (n > 0)
				g[n - 1].clock = (uint8_t)spoken_clock(sc, &g[n - 1], &g[n]);
			n++;
			i = e;
			if (i >= sc->ntok || !spoken_gap(sc, i - 1))
				break;
		}
		if (n == 0) {
			i++;
			continue;
		}
		spoken_stretches(sc, g, n, sp);
	}
	mem_free(g);
	mem_free(nw.cls);
	mem_free(nw.val);
}

void rx_find_phones(const struct scan *sc, struct spans *sp)
{
	written_phones(sc, sp);
	spoken_phones(sc, sp);
}

/* -- street addresses -- */

/* Digits at the start of token i. */
static size_t lead_digits(const struct scan *sc, size_t i)
{
	const struct tok *t = &sc->tok[i];
	size_t d = 0;

	while (t->s + d < t->e && rx_is_digit(sc->t[t->s + d]))
		d++;
	return d;
}

/* House numbers: 1-6 digits, perhaps one letter ("12B"), not run into
 * what follows. */
static int is_house_number(const struct scan *sc, size_t i)
{
	const struct tok *t = &sc->tok[i];
	size_t n = t->e - t->s, d = lead_digits(sc, i);

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

/* A unit after token i ("Apt 4B", "#12", "Int. 4", "depto 4"): returns
 * the token that ends it, or 0. */
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
 * apostrophe or hyphen ("O'Connor", "Díaz-Ordaz"), never into a
 * placeholder. */
static size_t word_end(const struct scan *sc, size_t i)
{
	while (i + 1 < sc->ntok && (sc->tok[i].sep == SEP_APOS || sc->tok[i].sep == SEP_HYPHEN) &&
	       (sc->tok[i + 1].flags & T_ALPHA) && !(sc->tok[i + 1].flags & T_HOLD))
		i++;
	return i;
}

/* Adds the address from byte s to its last street token t, and its
 * longer forms: with a direction after the street type, with a unit, with
 * the full stop of "St." when the sentence goes on (only when dot, for
 * street types that may be abbreviated).  Each is a candidate of its own,
 * so that the street alone still counts when its unit runs into something
 * that wins ("Apt 4B@example.org"). */
static void add_address(const struct scan *sc, struct spans *sp, size_t s, size_t t, int dot)
{
	size_t u, p;

	if (rx_hsep(sc, t) && t + 1 < sc->ntok &&
	    rx_in_list(directions, sc->t + sc->tok[t + 1].s, sc->tok[t + 1].e - sc->tok[t + 1].s)) {
		rx_add_span(sp, s, sc->tok[t].e, K_ADDRESS);
		t++;
	}
	p = sc->tok[t].e;
	if (dot && p < sc->len && sc->t[p] == '.' && (sc->tok[t].flags & T_ALPHA)) {
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

/* Adds the address from byte s to the end of each part of the word that
 * tokens x..xe make: when the whole word loses to a number or a name
 * that starts inside it ("Juárez-five, one-two…"), the part before still
 * counts, as it will once that is a placeholder. */
static void add_word_ends(const struct scan *sc, struct spans *sp, size_t s, size_t x, size_t xe)
{
	for (size_t z = x; z <= xe; z++)
		add_address(sc, sp, s, z, 0);
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

/* Token i comes right after one of the words of list, parted by spaces.
 * A placeholder is none of them, though "[ADDRESS]" folds to a cue word:
 * the word it replaced was not one either. */
static int after_word(const struct scan *sc, size_t i, const char *const *list)
{
	return i > 0 && rx_hsep(sc, i - 1) && !is_hold(sc, i - 1) && rx_tok_in(sc, i - 1, list);
}

/* Token i holds an ASCII digit ("rosa85"). */
static int has_digit(const struct scan *sc, size_t i)
{
	for (size_t p = sc->tok[i].s; p < sc->tok[i].e; p++)
		if (rx_is_digit(sc->t[p]))
			return 1;
	return 0;
}

/* A lower-case word that may be part of a street's name in a caption:
 * two or more letters and no digits, and none of the words that are
 * never a name (lower_stop), a street type, a unit or a number word. */
static int plain_name_word(const struct scan *sc, size_t x)
{
	const struct tok *t = &sc->tok[x];

	return (t->flags & T_ALPHA) && !(t->flags & T_HOLD) && t->letters >= 2 &&
	       !has_digit(sc, x) && !rx_tok_in(sc, x, lower_stop) &&
	       !rx_tok_in(sc, x, street_suffixes) && !rx_tok_in(sc, x, unit_words) &&
	       !rx_tok_in(sc, x, es_prefixes) && !numword_of(sc, x);
}

/* A direction: "N", "SW", "North", "south", or a caption's "w". */
static int is_direction(const struct scan *sc, size_t x, int caption)
{
	const struct tok *t = &sc->tok[x];

	if (t->flags & T_HOLD)
		return 0;
	if (rx_in_list(directions, sc->t + t->s, t->e - t->s))
		return 1;
	if (rx_tok_in(sc, x, dir_words))
		return caption || (t->flags & T_CAP);
	return caption && rx_tok_in(sc, x, dir_letters) && !(t->flags & T_CAP);
}

/* A word of a street's name with no street type after it: capitalised,
 * two or more letters, not a particle, a function word, a street type, a
 * unit, a direction or a number word; or an ordinal ("63rd"). */
static int typeless_name_word(const struct scan *sc, size_t y)
{
	const struct tok *t = &sc->tok[y];

	if (is_ordinal(sc, y))
		return 1;
	return (t->flags & T_CAP) && !(t->flags & T_HOLD) && t->letters >= 2 &&
	       !rx_tok_in(sc, y, rx_particles) && !rx_tok_in(sc, y, lower_stop) &&
	       !rx_tok_in(sc, y, street_suffixes) && !rx_tok_in(sc, y, unit_words) &&
	       !rx_tok_in(sc, y, dir_words) && !rx_tok_in(sc, y, es_prefixes) &&
	       !rx_tok_in(sc, y, place_parts) && !numword_of(sc, y);
}

/* "5320 S. Wabash", "1200 N Clark", "2500 West Fullerton Apt 2": a house
 * number of two or more digits, a direction in capitals or capitalised,
 * then one to three capitalised words (typeless_name_word). */
static void typeless_address(const struct scan *sc, size_t n, struct spans *sp)
{
	size_t x = n + 1, w;
	int abbrev;

	if (x + 1 >= sc->ntok || !rx_hsep(sc, n) || lead_digits(sc, n) < 2 || !is_direction(sc, x, 0))
		return;
	abbrev = sc->tok[x].letters <= 2;
	if (!(rx_hsep(sc, x) || (abbrev && sc->tok[x].sep == SEP_DOT)))
		return;
	w = x;
	for (int count = 0; count < 3 && w + 1 < sc->ntok; count++) {
		size_t y = w + 1, ye = word_end(sc, y);

		if (count > 0 && !rx_hsep(sc, w))
			break;
		if (!typeless_name_word(sc, y))
			break;
		add_word_ends(sc, sp, sc->tok[n].s, y, ye);
		w = ye;
	}
}

/* "1200 E Main St", "42 Oak Lane Apt 4B", and in a caption (after "at",
 * "on", "live"... or with a direction after the number) "5320 south
 * wabash avenue": a house number, one to five words, a street type.  The
 * words are capitalised or ordinals (5th); in a caption up to three may
 * be lower case (plain_name_word). */
static void english_address(const struct scan *sc, size_t n, struct spans *sp)
{
	size_t w = n, lower = 0;
	const struct tok *t = &sc->tok[n];
	int caption;

	if (!is_house_number(sc, n) || !address_boundary(sc, t->s) || after_word(sc, n, route_words))
		return;
	if (t->e - t->s == 4 && after_word(sc, n, year_preps) &&
	    (!memcmp(sc->t + t->s, "19", 2) || !memcmp(sc->t + t->s, "20", 2)))
		return;
	caption = (after_word(sc, n, en_cues) && lead_digits(sc, n) >= 2) ||
		  (rx_hsep(sc, n) && n + 1 < sc->ntok && is_direction(sc, n + 1, 1));
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
			add_address(sc, sp, t->s, x, 1);
		if (((sc->tok[x].flags & T_CAP) && !(sc->tok[x].flags & T_HOLD)) || is_ordinal(sc, x))
			;
		else if (caption && count == 1 && is_direction(sc, x, 1))
			;   /* "5320 south", not a word of the name */
		else if (caption && lower < 3 && xe == x && plain_name_word(sc, x))
			lower++;
		else
			break;
		w = xe;
	}
	typeless_address(sc, n, sp);
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

/* After the house number x of a street whose name has lower-case words,
 * what follows must not read as the thing counted ("la calle principal
 * tiene 3 escuelas"): the end, punctuation, a capitalised word, a unit,
 * or a word of tail_words. */
static int tail_ok(const struct scan *sc, size_t x)
{
	size_t y = x + 1;

	if (y >= sc->ntok || !rx_hsep(sc, x))
		return 1;
	if (sc->tok[y].flags & T_HOLD)
		return 0;
	return (sc->tok[y].flags & T_CAP) || rx_tok_in(sc, y, unit_words) || rx_tok_in(sc, y, tail_words);
}

/* One of the three words before token p (parted by spaces) is in list.
 * The search stops at a placeholder: it stands for words whose number
 * the second pass cannot know, and what lies beyond it was as far or
 * farther the first time. */
static int cue_before(const struct scan *sc, size_t p, const char *const *list)
{
	for (size_t k = 1; k <= 3 && k <= p; k++) {
		if (!rx_hsep(sc, p - k) || is_hold(sc, p - k))
			return 0;
		if (rx_tok_in(sc, p - k, list))
			return 1;
	}
	return 0;
}

/* "Calle 5 de Mayo 123", "Avenida Juárez 45", "Av. Reforma 222": a street
 * type, one or more capitalised words, numbers or particles, then a house
 * number ("123", "#12", "No. 12").  Up to three words may be lower case
 * (plain_name_word) when the number comes with "número", "No." or '#', or
 * when a word before the street says someone lives there and tail_ok
 * holds. */
static void spanish_address(const struct scan *sc, size_t p, struct spans *sp)
{
	const struct tok *t = &sc->tok[p];
	size_t w = p, words = 0, lower = 0;
	int lives;

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
	lives = cue_before(sc, p, live_cues);
	for (int count = 1; count <= 8 && w + 1 < sc->ntok; count++) {
		size_t x = w + 1;
		const struct tok *xt = &sc->tok[x];

		if (w != p) {
			if (hash_gap(sc, w)) {
				if (words && is_house_number(sc, x))
					add_address(sc, sp, t->s, x, 1);
				break;
			}
			if (!rx_hsep(sc, w))
				break;
		}
		if (words && rx_tok_in(sc, x, number_words) && x + 1 < sc->ntok &&
		    (rx_hsep(sc, x) || sc->tok[x].sep == SEP_DOT) && is_house_number(sc, x + 1)) {
			add_address(sc, sp, t->s, x + 1, 1);
			break;
		}
		if (words && is_house_number(sc, x) && (!lower || (lives && tail_ok(sc, x))))
			add_address(sc, sp, t->s, x, 1);
		if (xt->flags & T_HOLD)
			break;
		if ((xt->flags & T_CAP) || (xt->flags & T_DIGITS) || is_ordinal(sc, x) ||
		    rx_tok_in(sc, x, rx_particles))
			;
		else if (lower < 3 && plain_name_word(sc, x))
			lower++;
		else
			break;
		words++;
		w = word_end(sc, x);
	}
}

/* Token i starts the text or a line, or follows a colon ("Dirección:
 * 45 de la avenida Juárez"). */
static int line_start(const struct scan *sc, size_t i)
{
	size_t p;

	if (i == 0) {
		for (p = 0; p < sc->tok[0].s; p++)
			if (sc->t[p] != ' ' && sc->t[p] != '\t')
				return 0;
		return 1;
	}
	if (sc->tok[i - 1].sep == SEP_NL)
		return 1;
	return gap_with(sc, i - 1, ':');
}

/* "2115 de la calle Cermak", "en el 45 de la avenida Juárez", "el número
 * 45 de la calle Hidalgo": a house number after "el", "en", "número"...
 * (or of three or more digits), then "de la", "de el", "del" or "de", a
 * street type, and its name: capitalised words, numbers and particles,
 * or (in a caption) up to two words in lower case. */
static void spanish_number_first(const struct scan *sc, size_t n, struct spans *sp)
{
	size_t s = sc->tok[n].s, j = n + 1, lower = 0;
	int cue = lead_digits(sc, n) >= 3, caps = 0;

	if (!is_house_number(sc, n) || !rx_hsep(sc, n) || after_word(sc, n, route_words))
		return;
	if (n > 0 && (rx_hsep(sc, n - 1) || sc->tok[n - 1].sep == SEP_DOT) && rx_tok_in(sc, n - 1, number_words)) {
		s = sc->tok[n - 1].s;
		cue = 1;
	} else if (after_word(sc, n, es_number_cues) || line_start(sc, n)) {
		cue = 1;
	}
	if (!cue || !address_boundary(sc, s) || !address_boundary(sc, sc->tok[n].s))
		return;
	if (rx_tok_in(sc, j, word_del)) {
		j++;
	} else if (rx_tok_in(sc, j, word_de)) {
		j++;
		if (j < sc->ntok && rx_hsep(sc, j - 1) && rx_tok_in(sc, j, word_la_el))
			j++;
	} else {
		return;
	}
	if (j >= sc->ntok || !rx_hsep(sc, j - 1) || !rx_tok_in(sc, j, es_prefixes))
		return;
	if (!(sc->tok[j].flags & T_CAP) && !rx_tok_in(sc, j, es_lower))
		return;
	if (!rx_hsep(sc, j) && sc->tok[j].sep != SEP_DOT)
		return;
	for (int count = 0; count < 6 && j + 1 < sc->ntok; count++) {
		size_t x = j + 1, xe = word_end(sc, x);
		const struct tok *xt = &sc->tok[x];

		if (count > 0 && !rx_hsep(sc, j))
			break;
		if (xt->flags & T_HOLD)
			break;
		if (rx_tok_in(sc, x, rx_particles)) {   /* never the end */
			j = xe;
			continue;
		}
		if ((xt->flags & T_CAP) || (xt->flags & T_DIGITS) || is_ordinal(sc, x))
			caps = 1;
		else if (!caps && lower < 2 && plain_name_word(sc, x))
			lower++;
		else
			break;
		add_word_ends(sc, sp, s, x, xe);
		j = xe;
	}
}

/* Addresses start at a number (English, and Spanish in the order "45 de
 * la calle Juárez") or a street type (Spanish). */
void rx_find_addresses(const struct scan *sc, struct spans *sp)
{
	for (size_t i = 0; i < sc->ntok; i++) {
		if (sc->tok[i].flags & T_ALPHA) {
			spanish_address(sc, i, sp);
		} else {
			english_address(sc, i, sp);
			spanish_number_first(sc, i, sp);
		}
	}
}

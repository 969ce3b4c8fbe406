/* redact_known: the names of the people the system knows (registrants,
 * attendees, staff, speakers), as patterns, and where they occur in a text.
 * docs/internals/redaction.md, "Names". */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "core/hash.h"
#include "core/mem.h"
#include "core/str.h"
#include "domain/display_name.h"
#include "domain/redact_int.h"
#include "domain/redact_lexicon.h"

/* ---- word lists (folded: lower case, no accents) ---- */

/* Given names and family names that are also ordinary English or Spanish
 * words.  As name parts they are replaced only in name-like contexts. */
const char *const rx_common_words[] = {
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
const char *const rx_date_words[] = {
	"abril", "april", "august", "autumn", "julio", "june", "may", "mayo",
	"summer", "winter", NULL,
};

/* Words before a month that make it a date. */
const char *const rx_date_preps[] = {
	"after", "before", "by", "de", "del", "desde", "during", "each",
	"early", "en", "every", "from", "hasta", "in", "last", "late", "mid",
	"next", "of", "on", "para", "since", "this", "through", "till",
	"until", NULL,
};

/* Particles of family names: never a name on their own. */
const char *const rx_particles[] = {
	"al", "bin", "da", "das", "de", "dei", "del", "della", "den", "der",
	"des", "di", "do", "dos", "du", "e", "el", "ibn", "la", "las", "le",
	"les", "lo", "los", "st", "te", "ten", "ter", "van", "vander", "von",
	"y", "zu", NULL,
};

/* Titles: an ordinary-word name after one of them is a name. */
const char *const rx_titles[] = {
	"alderman", "alderwoman", "anh", "auntie", "ba", "bac", "captain", "capt", "chi", "chief", "chu",
	"commissioner", "councilman", "councilwoman", "deacon", "dean", "detective", "judge", "lt", "mayor",
	"nurse", "officer", "oficial", "ong", "padre", "pastor", "pastora", "rev", "reverend",
	"senator", "sergeant", "sgt", "superintendent", "supt", "sister", "brother", "hermana", "hermano",
	"tia", "tio", "aunt", "uncle", "grandma", "grandpa", "abuela", "abuelo", "abuelita", "abuelito",
	"coach", "don", "director", "directora", "doctor", "doctora", "dona", "dr",
	"dra", "lic", "maestra", "maestro", "miss", "mr", "mrs", "ms", "mx",
	"principal", "prof", "profe", "profesor", "profesora", "senor",
	"senora", "senorita", "sr", "sra", "srta", NULL,
};

/* Verbs of speech: "Hope said", "Paz dijo". */
const char *const rx_speech_verbs[] = {
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
const char *const rx_articles[] = {
	"an", "her", "his", "its", "my", "our", "that", "the", "their",
	"this", "your", NULL,
};


/* ---- name patterns ---- */

/* Adds the pattern made of tokens a..b of the name nm (person p). */
static void add_pat(struct arena *ar, struct redact_names *rn, size_t *cap,
		    const struct scan *nm, size_t a, size_t b, int p, int lexical)
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

		pt->atom[k] = arena_strndup(ar, rx_fold_of(nm, i), nm->tok[i].flen);
		pt->alen[k] = nm->tok[i].flen;
		if (k + 1 < n)
			pt->sep[k] = nm->tok[i].sep == SEP_NL ? SEP_SPACE : nm->tok[i].sep;
		if (rx_tok_in(nm, i, rx_particles))
			pt->kind[k] = W_PARTICLE;
		else if (rx_tok_in(nm, i, rx_common_words) ||
			 (lexical && (rx_lex(rx_fold_of(nm, i), nm->tok[i].flen) & (LEX_EN | LEX_ES))))
			pt->kind[k] = W_COMMON;
		else
			ambig = 0;
	}
	pt->natoms = (uint8_t)n;
	pt->hash = nm->tok[a].hash;
	pt->person = p;
	pt->family = a > 0;
	pt->ambig = (uint8_t)ambig;
	pt->date = n == 1 && rx_tok_in(nm, a, rx_date_words);
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
 * rx_particles with the part they introduce, halves of hyphenated parts. */
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
			add_pat(ar, rn, cap, nm, ws[w0], we[w1], p, 0);
		for (size_t x = w0; x <= w1; x++) {
			size_t r = x, c0;

			if (ws[x] == we[x] && rx_tok_in(nm, ws[x], rx_particles))
				continue;
			while (r > w0 && ws[r - 1] == we[r - 1] && rx_tok_in(nm, ws[r - 1], rx_particles))
				r--;
			if (r < x && !(r == w0 && x == w1))
				add_pat(ar, rn, cap, nm, ws[r], we[x], p, 0);
			if (w0 != w1 && sum_letters(nm, ws[x], we[x]) >= 3)
				add_pat(ar, rn, cap, nm, ws[x], we[x], p, 0);
			/* Halves of a hyphenated part. */
			c0 = ws[x];
			for (size_t i = ws[x]; we[x] > ws[x] && i <= we[x]; i++) {
				if (i < we[x] && nm->tok[i].sep != SEP_HYPHEN)
					continue;
				if (!(c0 == ws[x] && i == we[x]) && sum_letters(nm, c0, i) >= 3)
					add_pat(ar, rn, cap, nm, c0, i, p, 0);
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

/* Given names and the short forms people call them by: a registered
 * "Roberto" is "Beto" in the room.  Folded; the first word is the name. */
static const char *const nicknames[][6] = {
	{"alejandra", "ale", "alex", "jandra"}, {"alejandro", "alex", "ale", "jandro"},
	{"alexander", "alex", "xander", "sasha"}, {"alfredo", "fredo", "freddy"}, {"andrew", "andy", "drew"},
	{"anthony", "tony"}, {"antonio", "tono", "tony", "toni"}, {"beatriz", "bety", "betty"},
	{"benjamin", "ben", "benji", "benny"}, {"catherine", "cathy", "kate", "katie"},
	{"christopher", "chris", "topher"}, {"concepcion", "conchita", "concha", "conchis"},
	{"cristina", "cris", "tina"}, {"daniel", "dan", "danny", "dani"}, {"daniela", "dani"},
	{"deborah", "deb", "debbie"}, {"dolores", "lola", "lolita"}, {"eduardo", "lalo", "edu"},
	{"elizabeth", "liz", "beth", "betty", "lizzie", "eliza"}, {"enrique", "quique", "kike"},
	{"fernando", "fer", "nando"}, {"francisca", "paquita", "pancha"},
	{"francisco", "paco", "pancho", "frank", "cisco", "kiko"}, {"gabriela", "gaby", "gabi"},
	{"gregorio", "goyo"}, {"guadalupe", "lupe", "lupita", "pita"}, {"guillermo", "memo", "willy"},
	{"ignacio", "nacho"}, {"isabel", "chabela", "isa", "chavela"}, {"james", "jim", "jimmy", "jamie"},
	{"javier", "javi"}, {"jennifer", "jen", "jenny"}, {"jesus", "chuy", "chucho"},
	{"jonathan", "jon", "johnny"}, {"jose", "pepe", "chepe", "joselito"}, {"joseph", "joe", "joey"},
	{"katherine", "kate", "katie", "kathy", "kat"}, {"luis", "lucho", "wicho"},
	{"manuel", "manolo", "manny", "meme"}, {"margaret", "maggie", "peggy", "meg"},
	{"maria", "mari", "mary"}, {"matthew", "matt"}, {"mercedes", "meche", "merche"},
	{"michael", "mike", "mikey", "mick"}, {"mohamed", "mo", "moe"}, {"mohammed", "mo", "moe"},
	{"muhammad", "mo", "moe"}, {"natalia", "nati", "naty"}, {"nicholas", "nick", "nico"},
	{"patricia", "pat", "patty", "tricia", "paty"}, {"rafael", "rafa"}, {"rebecca", "becky", "becca"},
	{"ricardo", "ricky", "richi"}, {"richard", "rick", "ricky", "rich", "dick"},
	{"robert", "rob", "bob", "bobby", "robbie", "bert"}, {"roberto", "beto", "tito"},
	{"rosario", "chayo", "charo"}, {"samantha", "sam", "sammy"}, {"samuel", "sam", "sammy"},
	{"santiago", "santi", "chago"}, {"sebastian", "sebas", "seba"}, {"susan", "sue", "susie"},
	{"teresa", "tere", "terry"}, {"thomas", "tom", "tommy"}, {"valentina", "vale", "tina"},
	{"victoria", "vicky", "tori"}, {"william", "will", "bill", "billy", "liam", "willy"},
	{"abdullahi", "abdi"}, {"abdirahman", "abdi"},
};

/* Adds the nicknames of the first word of name nm as names of person p. */
static void add_nicknames(struct arena *ar, struct redact_names *rn, size_t *cap, const struct scan *nm, int p)
{
	if (nm->ntok == 0)
		return;
	const char *first = rx_fold_of(nm, 0);
	size_t flen = nm->tok[0].flen;
	for (size_t r = 0; r < sizeof(nicknames) / sizeof(*nicknames); r++) {
		if (strlen(nicknames[r][0]) != flen || memcmp(nicknames[r][0], first, flen) != 0)
			continue;
		for (size_t k = 1; k < 6 && nicknames[r][k]; k++) {
			struct scan nk;
			rx_tokenize(&nk, nicknames[r][k], strlen(nicknames[r][k]));
			if (nk.ntok == 1)
				add_pat(ar, rn, cap, &nk, 0, 0, p, 1);
			rx_scan_free(&nk);
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
		/* Names as a meeting program shows them: "Ana Ruiz (she/her)". */
		const char *name = display_name_clean(a, names[i]);
		if (!*name)
			continue;
		rx_tokenize(&nm, name, strlen(name));
		add_name(a, rn, &cap, &nm, (int)i);
		add_nicknames(a, rn, &cap, &nm, (int)i);
		rx_scan_free(&nm);
	}
	index_pats(a, rn);
	return rn;
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
		if (rx_opaque(t) || t->flen != p->alen[k] ||
		    memcmp(rx_fold_of(sc, x), p->atom[k], t->flen) != 0)
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
int rx_capitalized(const struct scan *sc, size_t i)
{
	const struct tok *t = &sc->tok[i];

	if (!(t->flags & T_CAP))
		return 0;
	if (!(t->flags & T_UPPER))
		return 1;
	if (i > 0 && (sc->tok[i - 1].flags & T_UPPER) && !rx_opaque(&sc->tok[i - 1]))
		return 0;
	return !(i + 1 < sc->ntok && (sc->tok[i + 1].flags & T_UPPER) && !rx_opaque(&sc->tok[i + 1]));
}

/* Every ordinary word of the match at i is capitalised (every particle,
 * when it has no ordinary word). */
static int caps_ok(const struct scan *sc, size_t i, const struct pat *p)
{
	int any = 0;

	for (size_t k = 0; k < p->natoms; k++) {
		if (p->kind[k] == W_COMMON) {
			any = 1;
			if (!rx_capitalized(sc, i + k))
				return 0;
		}
	}
	if (!any)
		for (size_t k = 0; k < p->natoms; k++)
			if (!rx_capitalized(sc, i + k))
				return 0;
	return 1;
}

/* True when token i begins a sentence or a line: nothing before it but
 * spaces, quotes and brackets since the start, a line break, or one of
 * . ! ? … : ; */
int rx_sentence_start(const struct scan *sc, size_t i)
{
	size_t p = sc->tok[i].s, k;

	while (p > 0) {
		int32_t c = rx_decode_back(sc->t, p, &k);

		if (sc->tok[i].s - p > MAX_LOOKBACK)
			return 1;
		if (c == '\n' || c == '\r')
			return 1;
		if (c == '.' || c == '!' || c == '?' || c == 0x2026 || c == ':')
			return 1;
		/* A field of a CSV export: ,"Hope you… */
		if (c == '"' && p - k > 0 && (sc->t[p - k - 1] == ',' || sc->t[p - k - 1] == '\t'))
			return 1;
		if (!(rx_is_space(c) || strchr("\"'()[]{}*-`<>", (int)(c < 0x80 ? c : 'x')) ||
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
int rx_prev_in(const struct scan *sc, size_t i, const char *const *list, int dot)
{
	uint8_t s;

	if (i == 0)
		return 0;
	s = sc->tok[i - 1].sep;
	return (s == SEP_SPACE || (dot && s == SEP_DOT)) && rx_tok_in(sc, i - 1, list);
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
	if (rx_prev_in(sc, i, rx_date_preps, 0))
		return 1;
	if (i > 0 && sc->tok[i - 1].sep == SEP_SPACE && numeric(sc, i - 1))
		return 1;
	return rx_hsep(sc, i) && i + 1 < sc->ntok && numeric(sc, i + 1);
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
	if (t->sep == SEP_APOS && sc->tok[j + 1].flen == 1 && rx_fold_of(sc, j + 1)[0] == 's')
		return 1;
	return t->sep == SEP_SPACE && rx_tok_in(sc, j + 1, rx_speech_verbs);
}

/* The next word starts a name of the same person, or a family name. */
static int name_follows(const struct scan *sc, const struct redact_names *rn,
			const struct pat *p, size_t j)
{
	size_t x = j + 1;

	if (!rx_hsep(sc, j) || x >= sc->ntok || !(sc->tok[x].flags & T_ALPHA))
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

/* Names that are also pronouns or articles ("Her", a Hmong family name;
 * "La"): on their own, a name only after a title ("Mr. Her"). */
static const char *const pronouns[] = {
	"he", "her", "him", "his", "i", "it", "la", "le", "lo", "me", "my", "she", "them", "they", "us",
	"we", "you", "el", "ella", "yo", "tu", "mi", "su", NULL,
};

/* Decides whether the match of p over tokens i..j is a name (the rule for
 * ordinary words is in docs/internals/redaction.md). */
static int accept_name(const struct scan *sc, const struct redact_names *rn,
		       const struct pat *p, size_t i, size_t j)
{
	if (p->natoms == 1 && rx_tok_in(sc, i, pronouns))
		return rx_prev_in(sc, i, rx_titles, 1);
	if (!p->ambig)
		return 1;
	if (p->natoms > 1)
		return caps_ok(sc, i, p);
	if (!rx_capitalized(sc, i))
		return 0;
	if (rx_prev_in(sc, i, rx_titles, 1))
		return 1;
	if (p->date && date_context(sc, i))
		return 0;
	if (cue_after(sc, j) || name_follows(sc, rn, p, j))
		return 1;
	if (rx_prev_in(sc, i, rx_articles, 0))
		return 0;
	if (!rx_sentence_start(sc, i))
		return 1;
	/* A registered Hope or Will opening a sentence is the person (they are
	 * in the room), unless the word reads as a verb or a noun there: "Will
	 * you", "Hope you", "Mark the date". */
	return rx_opens_as_name(sc, j);
}

/* Verbs (and "and", "from") that follow a person's name opening a
 * sentence; a lower-case word in -ed or -s counts too. */
static const char *const person_verbs[] = {
	"and", "asked", "came", "can", "could", "did", "does", "from", "got", "had", "has", "is",
	"said", "says", "told", "was", "went", "will", "would", "y", "dijo", "dice", "es", "esta",
	"fue", "era", "hablo", "llamo", "tiene", "trabaja", "va", "vino", "viene", "vive", "quiere",
	"necesita", "pregunto", NULL,
};

/* The word ending at token j, an ordinary word that is also a name,
 * opens a sentence as a person: a verb follows ("Hope is the reason",
 * "Hunter did his job"; not "Grace period", "Hope you read"). */
int rx_opens_as_person(const struct scan *sc, size_t j)
{
	if (!rx_opens_as_name(sc, j))
		return 0;
	const struct tok *n = &sc->tok[j + 1];
	if (sc->tok[j].sep != SEP_SPACE || !(n->flags & T_ALPHA) || (n->flags & T_CAP))
		return 0;
	if (rx_tok_in(sc, j + 1, person_verbs))
		return 1;
	const char *f = rx_fold_of(sc, j + 1);
	return n->flen > 3 && (f[n->flen - 1] == 's' || (f[n->flen - 2] == 'e' && f[n->flen - 1] == 'd'));
}

/* Words after which a capitalised word opening a sentence is the verb or
 * the noun: "Will you", "May I", "Mark the date". */
static const char *const verb_readers[] = {
	"a", "all", "an", "everybody", "everyone", "he", "i", "it", "me", "my", "our", "she", "that",
	"the", "them", "there", "these", "they", "this", "those", "us", "we", "you", "your", "yall",
	/* Spanish: "Dolores de cabeza", "Paz a todos" */
	"de", "del", "el", "la", "las", "les", "lo", "los", "mi", "nos", "que", "su", "te", "tu", "un",
	"una", NULL,
};

/* The word ending at token j, opening a sentence, reads as a name: the
 * next word is no pronoun or article. */
int rx_opens_as_name(const struct scan *sc, size_t j)
{
	if (j + 1 >= sc->ntok || sc->tok[j].sep == SEP_NL || sc->tok[j].sep == SEP_END)
		return 0;
	if (sc->t[sc->tok[j].e] == '?' || sc->t[sc->tok[j].e] == '!')
		return 0;
	return !rx_tok_in(sc, j + 1, verb_readers);
}

/* True when byte i follows a letter and an apostrophe, as "Neil" in
 * "O'Neil" or "Amour" in "l'Amour": not the start of a name.  A
 * placeholder's ']' counts as a letter, so that a second pass agrees. */
int rx_after_elision(const struct scan *sc, size_t i)
{
	size_t k;
	int32_t c;

	if (i == 0 || !rx_is_apos(rx_decode_back(sc->t, i, &k)) || i == k)
		return 0;
	c = rx_decode_back(sc->t, i - k, &k);
	return c == ']' || (rx_is_word(c) && !rx_is_digit(c));
}

/* At each token, the patterns that match and are accepted. */
void rx_find_names(const struct scan *sc, const struct redact_names *rn, struct spans *sp)
{
	if (!rn || rn->nbucket == 0)
		return;
	for (size_t i = 0; i < sc->ntok; i++) {
		const struct tok *t = &sc->tok[i];
		if (!(t->flags & T_ALPHA) || rx_opaque(t) || (t->flags & T_KEEP))
			continue;
		if (rx_after_elision(sc, t->s))
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
				rx_add_span(sp, t->s, sc->tok[j].e, K_NAME);
		}
	}
}


/* See redact.h: each phrase is one pattern, matched whole. */
/* Words that end the name of an institution: "Lincoln Elementary School"
 * is "Lincoln" at the school's gate ("at Lincoln", "Lincoln PTA"). */
static const char *const institution_ends[] = {
	"academy", "center", "centre", "charter", "college", "community", "elementary", "high",
	"intermediate", "junior", "library", "magnet", "middle", "montessori", "park", "prep",
	"preparatory", "primary", "school", "secondary", "university", "escuela", "primaria",
	"secundaria", NULL,
};

/* See redact.h: each phrase is one pattern, matched whole; a school's
 * name without "Elementary School" is a second pattern, kept where it is
 * spoken of as a place (rx_mark_kept). */
void redact_names_allow(struct redact_names *rn, struct arena *a, const char *const *phrases, size_t n)
{
	struct redact_names *k = arena_alloc(a, sizeof(*k)), *sh = arena_alloc(a, sizeof(*sh));
	size_t cap = 0, scap = 0;

	for (size_t i = 0; phrases && i < n; i++) {
		struct scan nm;

		if (!phrases[i] || !phrases[i][0] || !utf8_valid(phrases[i], strlen(phrases[i])))
			continue;
		rx_tokenize(&nm, phrases[i], strlen(phrases[i]));
		if (nm.ntok)
			add_pat(a, k, &cap, &nm, 0, nm.ntok - 1, (int)i, 0);
		size_t e = nm.ntok;
		while (e > 1 && rx_tok_in(&nm, e - 1, institution_ends))
			e--;
		if (e < nm.ntok && e >= 1 && !(e == 1 && rx_tok_in(&nm, 0, rx_particles))) {
			add_pat(a, sh, &scap, &nm, 0, e - 1, (int)i, 0);
			/* "Cesar Chavez Academy" is "Chavez" too. */
			if (e >= 2 && nm.tok[e - 1].letters >= 3 && nm.tok[e - 2].sep == SEP_SPACE)
				add_pat(a, sh, &scap, &nm, e - 1, e - 1, (int)i, 0);
		}
		rx_scan_free(&nm);
	}
	index_pats(a, k);
	index_pats(a, sh);
	k->keep = sh;
	rn->keep = k;
}

void redact_names_lang(struct redact_names *rn, const char *lang)
{
	memset(rn->lang, 0, sizeof(rn->lang));
	if (lang && (strncmp(lang, "en", 2) == 0 || strncmp(lang, "es", 2) == 0) && (!lang[2] || lang[2] == '-'))
		memcpy(rn->lang, lang, 2);
}

/* Words before a school's short name that make it the school: "at
 * Lincoln", "de Juárez", "goes to Roosevelt". */
static const char *const school_preps[] = {
	"a", "al", "at", "attend", "attends", "de", "del", "en", "from", "in", "near", "of", "para",
	"por", "to", NULL,
};

/* Words after it: "Lincoln PTA", "Roosevelt's cafeteria". */
static const char *const school_nouns[] = {
	"building", "cafeteria", "campus", "entrance", "families", "gym", "office", "parents", "side",
	"playground", "principal", "pta", "pto", "staff", "students", "teachers", NULL,
};

/* Flags the tokens under the patterns of set k (whole phrases; with
 * context set, only where a school's short name is a place). */
static void mark_set(struct scan *sc, const struct redact_names *k, int context)
{
	if (!k || k->nbucket == 0)
		return;
	for (size_t i = 0; i < sc->ntok; i++) {
		const struct tok *t = &sc->tok[i];

		if (rx_opaque(t))
			continue;
		for (int q = k->bucket[t->hash & (k->nbucket - 1)]; q >= 0; q = k->pat[q].next) {
			long j;

			if (k->pat[q].hash != t->hash || (j = match_pat(sc, i, &k->pat[q])) < 0)
				continue;
			if (context && !rx_prev_in(sc, i, school_preps, 0) &&
			    !((size_t)j + 1 < sc->ntok && sc->tok[j].sep == SEP_SPACE && rx_tok_in(sc, (size_t)j + 1, school_nouns)))
				continue;
			for (size_t x = i; x <= (size_t)j; x++)
				sc->tok[x].flags |= T_KEEP;
		}
	}
}

/* Flags the tokens under a phrase of the allow list. */
void rx_mark_kept(struct scan *sc, const struct redact_names *rn)
{
	const struct redact_names *k = rn ? rn->keep : NULL;

	if (!k)
		return;
	mark_set(sc, k, 0);
	mark_set(sc, k->keep, 1);
}

/* The last token of the longest pattern of a known name that matches at
 * token i, or -1. */
long rx_known_end(const struct scan *sc, const struct redact_names *rn, size_t i)
{
	long best = -1;

	if (!rn || rn->nbucket == 0 || i >= sc->ntok)
		return -1;
	for (int q = rn->bucket[sc->tok[i].hash & (rn->nbucket - 1)]; q >= 0; q = rn->pat[q].next) {
		long j;

		if (rn->pat[q].hash == sc->tok[i].hash && (j = match_pat(sc, i, &rn->pat[q])) > best)
			best = j;
	}
	return best;
}

/* redact_people: names of people nobody registered — the children,
 * teachers and neighbours that parents talk about.
 *
 * It reads what a careful human redactor reads: a title before a word
 * ("Mrs. Patterson", "la maestra Rocío"), a relationship or naming cue
 * ("my son Mateo", "mi hija Lupita", "se llama Hodan"), a capitalised word
 * in the middle of a sentence that is not a word of the text's language,
 * and the word lists of data/lexicon (given and family names of many
 * origins, places, English proper nouns).  Words under the district's allow
 * list, places ("in Georgia", "Lincoln Elementary", "San Antonio"), brands,
 * months and ordinary words capitalised at the start of a sentence stay.
 * A capitalised word that is both an ordinary word and a given name, with
 * nothing around it that tells which ("we sat with Hope"), stays and is
 * reported as a doubt for a person to check.
 * docs/internals/redaction.md, "Names nobody registered", has the rules.
 */
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "domain/redact_int.h"
#include "domain/redact_lexicon.h"

/* Words that are never a name, whatever a list of names says ("An", "My",
 * "Do" are given names somewhere): function words, fillers of speech. */
static const char *const function_words[] = {
	/* English */
	"a", "about", "after", "again", "ah", "all", "also", "am", "an", "and", "any", "are", "as", "at",
	"be", "because", "been", "before", "both", "but", "by", "can", "could", "did", "do", "does",
	"done", "each", "eh", "even", "every", "for", "from", "get", "go", "gonna", "got", "had", "has",
	"have", "he", "hello", "her", "here", "hers", "hey", "hi", "him", "his", "hm", "hmm", "how",
	"i", "if", "in", "into", "is", "it", "its", "just", "kinda", "know", "let", "like", "me",
	"mhm", "mm", "more", "most", "much", "must", "my", "no", "nor", "not", "now", "of", "off",
	"oh", "ok", "okay", "on", "once", "only", "or", "our", "out", "over", "please", "really",
	"right", "says", "see", "she", "should", "so", "some", "such", "than", "thank", "thanks",
	"that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "though",
	"to", "too", "uh", "um", "umm", "until", "up", "us", "very", "wanna", "was", "we", "well",
	"were", "what", "when", "where", "which", "while", "who", "whom", "whose", "why", "with",
	"would", "yeah", "yep", "yes", "yet", "you", "your", "yours",
	/* Spanish */
	"al", "algo", "aqui", "asi", "bien", "bueno", "como", "con", "cual", "cuando", "de", "del",
	"donde", "el", "ella", "ellas", "ellos", "en", "entonces", "era", "eres", "es", "esa", "ese",
	"eso", "esta", "estaba", "estan", "este", "esto", "estoy", "fue", "gracias", "hay", "hola",
	"la", "las", "le", "les", "lo", "los", "mas", "me", "mi", "mis", "muy", "nada", "ni", "no",
	"nos", "nosotros", "o", "otra", "otro", "para", "pero", "poco", "por", "porque", "pues", "que",
	"se", "si", "sin", "sobre", "somos", "son", "soy", "su", "sus", "tambien", "te", "ti", "todo",
	"todos", "tu", "tus", "un", "una", "uno", "unos", "usted", "ustedes", "y", "ya", "yo",
	NULL,
};

/* Nouns of kinship and acquaintance: "my son Mateo", "mi vecina Rosa". */
static const char *const relations[] = {
	"aunt", "baby", "boy", "boyfriend", "brother", "buddy", "child", "classmate", "coach",
	"counselor", "cousin", "dad", "daddy", "daughter", "father", "friend", "girl", "girlfriend",
	"granddaughter", "grandma", "grandpa", "grandson", "husband", "kid", "kiddo", "mom", "mommy",
	"mother", "nephew", "neighbor", "neighbour", "niece", "partner", "sister", "son", "stepdaughter",
	"stepson", "student", "teacher", "toddler", "tutor", "uncle", "wife", "youngest", "oldest",
	"abuela", "abuelita", "abuelo", "amiga", "amigo", "companera", "companero", "esposa", "esposo",
	"hermana", "hermanita", "hermanito", "hermano", "hija", "hijo", "marido", "mama", "nieta",
	"nieto", "nina", "nino", "novia", "novio", "papa", "prima", "primo", "sobrina", "sobrino",
	"suegra", "suegro", "tia", "tio", "vecina", "vecino", "chamaco", "chamaca", "chiquita",
	"chiquito", "nena", "nene", "alumno", "alumna", "consejera", "consejero", NULL,
};

/* Possessives before a relation. */
static const char *const possessives[] = {
	"my", "our", "his", "her", "your", "their", "mi", "mis", "su", "sus", "tu", "nuestra",
	"nuestro", "the", "el", "la", NULL,
};

/* Words right before a name: "named Mateo", "se llama Hodan". */
static const char *const naming[] = {
	"named", "called", "llamado", "llamada", "llama", "llamo", "nombre", "name", "names",
	"apodo", "nicknamed", NULL,
};

/* Words after a place name that make the run a place: "Lincoln
 * Elementary", "Garfield Park", "Roosevelt High". */
static const char *const institutions[] = {
	"academy", "apartments", "ave", "avenue", "bakery", "blvd", "boulevard", "bridge", "cafe",
	"campus", "center", "centre", "charter", "church", "clinic", "club", "college", "community",
	"company", "county", "court", "ct", "dr", "drive", "district", "department", "elementary",
	"field", "foods", "foundation", "gym", "hall", "high", "highway", "hospital", "hwy", "inc",
	"institute", "intermediate", "jr", "junior", "lake", "lane", "library", "llc", "ln", "magnet",
	"mall", "market", "middle", "montessori", "museum", "park", "parkway", "pharmacy", "plaza",
	"prep", "preparatory", "preschool", "primary", "rd", "restaurant", "river", "road", "school",
	"schools", "square", "st", "stadium", "station", "store", "street", "supermarket", "tower",
	"university", "way", "ymca", NULL,
};

/* Words before a place name: "escuela Juárez", "la primaria Benito Juárez". */
static const char *const place_heads[] = {
	"avenida", "barrio", "biblioteca", "calle", "centro", "clinica", "colegio", "colonia",
	"escuela", "fort", "iglesia", "mount", "mt", "parque", "port", "preparatoria", "primaria",
	"puerto", "saint", "san", "santa", "santo", "secundaria", "tienda", "universidad", "villa", NULL,
};

/* Prepositions of place: "from Georgia", "en Jalisco". */
static const char *const locatives[] = {
	"a", "across", "around", "at", "cerca", "de", "desde", "en", "from", "hacia", "in", "into",
	"near", "of", "outside", "para", "to", "toward", "towards", NULL,
};

/* Brands, apps, stores and programmes families name, which no dictionary
 * has: never a person. */
static const char *const brands[] = {
	"aldi", "amazon", "android", "att", "canva", "chromebook", "chromebooks", "classdojo",
	"clever", "costco", "cvs", "discord", "dojo", "dreambox", "duolingo", "edpuzzle", "esl",
	"facebook", "fortnite", "gmail", "google", "headstart", "hotmail", "icloud", "imessage",
	"instagram", "ipad", "ipads", "iphone", "iphones", "ixl", "kahoot", "kroger", "lexia",
	"linkedin", "lyft", "mcdonalds", "medicaid", "metra", "minecraft", "netflix", "nintendo",
	"outlook", "parentsquare", "paypal", "playstation", "powerschool", "quizlet", "remind",
	"roblox", "samsung", "schoology", "seesaw", "snapchat", "spotify", "starbucks", "telegram",
	"tiktok", "tmobile", "uber", "ventra", "venmo", "verizon", "walgreens", "walmart", "whatsapp",
	"wic", "wifi", "xbox", "xfinity", "yahoo", "youtube", "zelle", "zoom", NULL,
};

/* Months and days: names only after a title or a cue. */
static const char *const calendar[] = {
	"january", "february", "march", "april", "may", "june", "july", "august", "september",
	"october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
	"saturday", "sunday", "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
	"agosto", "septiembre", "octubre", "noviembre", "diciembre", "lunes", "martes", "miercoles",
	"jueves", "viernes", "sabado", "domingo", NULL,
};

/* Stop words that tell English from Spanish. */
static const char *const stop_en[] = {
	"the", "and", "is", "to", "of", "my", "it", "that", "we", "you", "for", "with", "they",
	"have", "was", "are", "this", "but", "what", "so", "he", "she", NULL,
};
static const char *const stop_es[] = {
	"el", "la", "los", "las", "que", "y", "es", "en", "mi", "por", "para", "con", "una", "pero",
	"lo", "se", "del", "muy", "porque", "cuando", "yo", "nosotros", NULL,
};

/* Per-text facts. */
struct ppl {
	const struct scan *sc;
	unsigned *lex;        /* per token */
	unsigned langs;       /* LEX_EN, LEX_ES or both: words of the text's language(s) */
	int lower;            /* captions: next to no capitals */
};

static int is(const struct ppl *p, size_t i, const char *const *list)
{
	return i < p->sc->ntok && !(p->sc->tok[i].flags & T_HOLD) && rx_tok_in(p->sc, i, list);
}

static int alpha(const struct ppl *p, size_t i)
{
	const struct tok *t = &p->sc->tok[i];
	return (t->flags & T_ALPHA) && !rx_opaque(t) && !(t->flags & T_KEEP) && t->letters >= 2;
}

/* The gap after token i joins two words of one name: spaces on one line,
 * or a hyphen. */
static int joined(const struct ppl *p, size_t i)
{
	uint8_t s = p->sc->tok[i].sep;
	return i + 1 < p->sc->ntok && (s == SEP_SPACE || s == SEP_HYPHEN);
}

/* Token i - 1 with a gap of spaces (or "Dr. "): the word just before. */
static int before(const struct ppl *p, size_t i, const char *const *list, int dot)
{
	return rx_prev_in(p->sc, i, list, dot);
}

static int named(const struct ppl *p, size_t i)
{
	return (p->lex[i] & (LEX_GIVEN | LEX_FAMILY)) != 0;
}

/* An ordinary word of the text's language(s). */
static int ordinary(const struct ppl *p, size_t i)
{
	return (p->lex[i] & p->langs) != 0;
}

/* An ordinary word of English or Spanish. */
static int ordinary_any(const struct ppl *p, size_t i)
{
	return (p->lex[i] & (LEX_EN | LEX_ES)) != 0;
}

static int never(const struct ppl *p, size_t i)
{
	return is(p, i, function_words) || is(p, i, brands) || is(p, i, rx_particles) || is(p, i, rx_titles);
}

/* A short all-capitals word that is no name: an acronym (IEP, ESL, PTA). */
static int acronym(const struct ppl *p, size_t i)
{
	const struct tok *t = &p->sc->tok[i];
	return (t->flags & T_UPPER) && t->letters <= 5 && !named(p, i);
}

/* The cue before token i: a title, a relation after a possessive, a
 * naming word.  1: a title or naming word, 2: a relation. */
static int cue_before(const struct ppl *p, size_t i)
{
	if (before(p, i, rx_titles, 1))
		return 1;
	if (before(p, i, naming, 0))
		return 1;
	/* "name is Mateo", "nombre es Mateo" */
	if (i >= 2 && before(p, i, (const char *const[]){"is", "es", "was", "era", NULL}, 0) &&
	    before(p, i - 1, naming, 0))
		return 1;
	if (before(p, i, relations, 0)) {
		size_t r = i - 1;
		/* "my son Mateo", "my youngest son Mateo", "mi hijo Mateo" */
		if (r >= 1 && (before(p, r, possessives, 0) ||
		               (r >= 2 && before(p, r - 1, possessives, 0) && p->sc->tok[r - 1].sep == SEP_SPACE)))
			return 2;
		/* "Mateo's teacher" stays with the teacher; "teacher Rocío" is a cue. */
		if (is(p, r, (const char *const[]){"teacher", "maestra", "maestro", "coach", "tutor", NULL}))
			return 2;
	}
	return 0;
}

/* What follows the run ending at j tells that it is a person: a verb of
 * speech, a possessive 's, a colon of a speaker's label. */
static int cue_after(const struct ppl *p, size_t j)
{
	const struct scan *sc = p->sc;
	const struct tok *t = &sc->tok[j];

	if (t->e < sc->len && sc->t[t->e] == ':')
		return 1;
	if (j + 1 >= sc->ntok)
		return 0;
	if (t->sep == SEP_APOS && sc->tok[j + 1].flen == 1 && rx_fold_of(sc, j + 1)[0] == 's')
		return 1;
	return t->sep == SEP_SPACE && is(p, j + 1, rx_speech_verbs);
}

/* Token i may continue a name begun before it. */
static int name_part(const struct ppl *p, size_t i)
{
	const struct tok *t = &p->sc->tok[i];

	if (!alpha(p, i) || never(p, i) || is(p, i, institutions) || is(p, i, calendar) || acronym(p, i))
		return 0;
	if (p->lower)
		return named(p, i) && !ordinary_any(p, i);
	if (!(t->flags & T_CAP))
		return 0;
	return named(p, i) || !ordinary_any(p, i) || is(p, i, rx_common_words);
}

/* The last token of the name that starts at i: further name parts and
 * particles before a name part ("Soto Ibarra", "de la Cruz"). */
static size_t extend(const struct ppl *p, size_t i)
{
	size_t j = i;

	for (;;) {
		if (!joined(p, j))
			break;
		if (name_part(p, j + 1)) {
			j++;
			continue;
		}
		/* Particles, then a name part: "Valeria de la Cruz". */
		size_t k = j + 1;
		while (k < p->sc->ntok && k < j + 4 && is(p, k, rx_particles) && !is(p, k, (const char *const[]){"y", "e", NULL}) && joined(p, k))
			k++;
		if (k > j + 1 && k < p->sc->ntok && (p->sc->tok[k].flags & T_CAP) && name_part(p, k)) {
			j = k;
			continue;
		}
		break;
	}
	return j;
}

/* The run i..*j is a place: an institution word follows (the run then
 * takes it in: "Garfield Park"), a place word or "San" comes before, or a
 * locative precedes a word that is a place. */
static int place(const struct ppl *p, size_t i, size_t *j)
{
	if (joined(p, *j) && is(p, *j + 1, institutions) && (p->sc->tok[*j + 1].flags & T_CAP || p->lower)) {
		++*j;
		return 1;
	}
	if (i > 0 && p->sc->tok[i - 1].sep == SEP_SPACE && is(p, i - 1, place_heads))
		return 1;
	unsigned x = p->lex[i];
	return ((x & LEX_PLACE) || ((x & LEX_PROPER) && !named(p, i))) && before(p, i, locatives, 0);
}

/* The decision for a run that starts at token i.  Returns 1 (a name), 2
 * (a doubt) or 0, with the run's last token in *end. */
static int decide(const struct ppl *p, size_t i, size_t *end)
{
	const struct scan *sc = p->sc;
	const struct tok *t = &sc->tok[i];
	int cap = rx_capitalized(sc, i) && !p->lower;
	int cue = cue_before(p, i);

	*end = i;
	if (!alpha(p, i) || never(p, i) || acronym(p, i) || rx_after_elision(sc, t->s))
		return 0;
	if (cue) {
		if (t->flags & T_CAP)
			cap = 1;
		if (is(p, i, calendar) && !cap)
			return 0;
		if (cap || !ordinary_any(p, i)) {
			*end = extend(p, i);
			return 1;
		}
		return named(p, i) && cue == 2 ? 2 : 0;
	}
	if (!cap) {
		/* Lower case: a name of the lists that is no ordinary word. */
		if (t->letters < 3 || !named(p, i) || ordinary_any(p, i) || is(p, i, calendar) ||
		    (p->lex[i] & LEX_PLACE))
			return 0;
		*end = extend(p, i);
		if (place(p, i, end))
			return 0;
		return p->lower ? 1 : 2;
	}
	int start = rx_sentence_start(sc, i);
	/* An ordinary word opening a sentence starts a name only where English
	 * has it as a proper noun too ("Grace Kim said"; not "Vino Consuelo"). */
	if (start && ordinary(p, i) && !(p->lex[i] & LEX_PROPER))
		return 0;
	*end = extend(p, i);
	if (place(p, i, end))
		return 0;
	if (is(p, i, calendar))
		return 0;
	if (named(p, i) && !ordinary(p, i)) {
		/* A given or family name that is no word of the text's language.
		 * A proper noun that is also a name stays at a sentence's start
		 * unless it goes on as a name ("Lincoln is", "Jordan Smith"). */
		if (start && (p->lex[i] & (LEX_PLACE | LEX_PROPER)) && *end == i && !cue_after(p, i) &&
		    !(p->lex[i] & LEX_GIVEN))
			return 0;
		return 1;
	}
	if (named(p, i)) {
		/* Hope, Grace, Will: the word, or a person. */
		if (*end > i || cue_after(p, *end))
			return 1;
		if (start || before(p, i, rx_articles, 0))
			return 0;
		return (p->lex[i] & LEX_GIVEN) ? 2 : 0;
	}
	if (p->lex[i] & (LEX_PROPER | LEX_PLACE))
		return 0;   /* Spanish, Chicago, Thanksgiving */
	if (ordinary_any(p, i))
		return 0;
	/* A capitalised word no list knows. */
	if (!start)
		return 1;
	if (*end > i || cue_after(p, *end))
		return 1;
	return 2;
}

/* English, Spanish or both, by their stop words; the set's language,
 * when given, is always one of them. */
static unsigned languages(const struct scan *sc, const struct redact_names *rn)
{
	size_t en = 0, es = 0;
	unsigned set = 0;

	for (size_t i = 0; i < sc->ntok; i++) {
		en += rx_tok_in(sc, i, stop_en);
		es += rx_tok_in(sc, i, stop_es);
	}
	if (rn && rn->lang[0])
		set = rn->lang[1] == 's' ? LEX_ES : LEX_EN;
	if (en == 0 && es == 0)
		return set ? set : LEX_EN | LEX_ES;
	unsigned m = en >= es ? LEX_EN : LEX_ES;
	size_t minor = en >= es ? es : en, major = en >= es ? en : es;
	if (minor * 4 >= major)
		m = LEX_EN | LEX_ES;
	return m | set;
}

/* Captions: at least 40 words and no capital past a sentence's start but
 * "I" — or none at all. */
static int lower_case(const struct ppl *p)
{
	size_t words = 0, caps = 0;

	for (size_t i = 0; i < p->sc->ntok; i++) {
		const struct tok *t = &p->sc->tok[i];
		if (!(t->flags & T_ALPHA) || rx_opaque(t))
			continue;
		words++;
		if ((t->flags & T_CAP) && !(t->flen == 1 && rx_fold_of(p->sc, i)[0] == 'i'))
			caps++;
	}
	return words >= 40 && caps * 100 <= words;
}

void rx_find_people(const struct scan *sc, const struct redact_names *rn, struct spans *names,
                    struct spans *doubts)
{
	struct ppl p = {.sc = sc};

	if (sc->ntok == 0)
		return;
	p.lex = mem_alloc(sc->ntok * sizeof(*p.lex));
	for (size_t i = 0; i < sc->ntok; i++) {
		p.lex[i] = (sc->tok[i].flags & T_ALPHA) ? rx_lex(rx_fold_of(sc, i), sc->tok[i].flen) : 0;
		if (rx_tok_in(sc, i, rx_common_words))
			p.lex[i] |= LEX_GIVEN;   /* Hope, Will, Paz: names that are words */
	}
	p.langs = languages(sc, rn);
	p.lower = lower_case(&p);
	for (size_t i = 0; i < sc->ntok; i++) {
		size_t end;
		int d = decide(&p, i, &end);
		if (d == 1)
			rx_add_span(names, sc->tok[i].s, sc->tok[end].e, K_NAME);
		else if (d == 2)
			rx_add_span(doubts, sc->tok[i].s, sc->tok[end].e, K_NAME);
		i = end;   /* a place's run stays whole: "primaria Benito Juárez" */
	}
	mem_free(p.lex);
}

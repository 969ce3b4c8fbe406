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
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/hash.h"
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
	"would", "yeah", "yep", "yes", "yet", "you", "your", "yours", "north", "south", "east", "west",
	"northeast", "northwest", "southeast", "southwest", "norte", "sur", "oeste", "este",
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
	"chiquito", "nena", "nene", "alumno", "alumna", "consejera", "consejero", "comadre",
	"compadre", "madrina", "padrino", "ahijada", "ahijado", "kids", "children", "sons",
	"daughters", "twins", "hijos", "hijas", "nietos", "grandkids", "grandchildren", NULL,
};

/* Modal verbs that are also names (Will, May): never a name in lower case. */
static const char *const modals[] = {
	"can", "could", "may", "might", "must", "shall", "should", "will", "would", NULL,
};

/* "my son is Jesús", "my kids are Summer and River", "mi hija es Lupe". */
static const char *const copulas[] = {
	"are", "is", "was", "were", "es", "son", "era", "eran", NULL,
};

/* Words that join the names of a list: "Itzel y Dulce", "Hunter and Will". */
static const char *const conjunctions[] = {
	"and", "or", "y", "e", "o", "plus", NULL,
};

/* Possessives before a relation. */
static const char *const possessives[] = {
	"my", "our", "his", "her", "your", "their", "mi", "mis", "su", "sus", "tu", "nuestra",
	"nuestro", "the", "el", "la", NULL,
};

/* Words right before a name: "named Mateo", "se llama Hodan". */
static const char *const naming[] = {
	"named", "called", "llamado", "llamada", "llama", "llamo", "nombre", "name", "names",
	"apodo", "nicknamed", "soy", NULL,
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
	"university", "way", "ymca", "island", "heights", "village", "grove", "beach", "hills",
	"springs", "point", "ridge", "pta", "pto", NULL,
};

/* Words before a place name: "escuela Juárez", "la primaria Benito Juárez". */
static const char *const place_heads[] = {
	"avenida", "barrio", "biblioteca", "calle", "centro", "clinica", "colegio", "colonia",
	"escuela", "fort", "iglesia", "mount", "mt", "parque", "port", "preparatoria", "primaria",
	"puerto", "saint", "san", "santa", "santo", "secundaria", "tienda", "universidad", "villa", NULL,
};

/* Languages, peoples and faiths, which some lists have as family names
 * ("English", "French"): in lower-case captions they are the words. */
static const char *const peoples[] = {
	"african", "american", "arabic", "asian", "black", "catholic", "chinese", "christian",
	"english", "filipino", "french", "german", "haitian", "hispanic", "hmong", "indian",
	"jewish", "korean", "latina", "latino", "latinx", "mexican", "muslim", "russian",
	"somali", "spanish", "ukrainian", "vietnamese", "white", NULL,
};

/* Prepositions of place: "from Georgia", "en Jalisco". */
static const char *const locatives[] = {
	"across", "around", "at", "cerca", "desde", "en", "from", "hacia", "in", "into", "near",
	"outside", "toward", "towards", NULL,
};

/* Street types after a street's name: "Cermak Road", "S. Wabash Ave". */
static const char *const street_types[] = {
	"ave", "avenue", "blvd", "boulevard", "ct", "drive", "hwy", "highway", "ln", "pkwy", "parkway",
	"rd", "road", "st", "street", "ter", "terrace", NULL,
};

/* Words before a street spoken of as a place: "on Cermak", "corner of
 * Damen", "esquina con Kedzie", "cruzar Blue Island". */
static const char *const street_cues[] = {
	"along", "corner", "cross", "crossing", "cruza", "cruzan", "cruzar", "esquina", "off", "on",
	"onto", NULL,
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
	"wic", "wifi", "xbox", "xfinity", "yahoo", "youtube", "zelle", "zoom", "wechat", "kakaotalk",
	"viber", "messenger", "jewel", "osco", "mcdonald", "dollar", "target", "dunkin", "chipotle",
	"subway", "wendys", "popeyes", "goodwill", "menards", "meijer", "dominicks", "marianos", NULL,
};

/* Months and days: names only after a title or a cue. */
static const char *const calendar[] = {
	"january", "february", "march", "april", "may", "june", "july", "august", "september",
	"october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
	"christmas", "diwali", "easter", "eid", "halloween", "hanukkah", "juneteenth", "kwanzaa",
	"lent", "navidad", "nochebuena", "passover", "pascua", "ramadan", "ramadhan", "tet",
	"thanksgiving", "cuaresma", "dia", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
	"sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri",
	"sat", "lun", "mie", "jue", "vie", "sab", "dom",
	"saturday", "sunday", "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
	"agosto", "septiembre", "octubre", "noviembre", "diciembre", "lunes", "martes", "miercoles",
	"jueves", "viernes", "sabado", "domingo", NULL,
};

/* Stop words that tell English from Spanish: function words only, never
 * part of a name ("la", "del" are particles of names), so that what a
 * first pass replaced does not change the language a second pass sees. */
static const char *const stop_en[] = {
	"the", "and", "is", "to", "of", "my", "it", "that", "we", "you", "for", "with", "they",
	"have", "was", "are", "this", "but", "what", "so", "he", "she", NULL,
};
static const char *const stop_es[] = {
	"que", "y", "es", "en", "mi", "por", "para", "con", "una", "pero", "se", "muy", "porque",
	"cuando", "yo", "nosotros", "pues", "tambien", "esta", "estoy", "donde", NULL,
};

/* Classes of words, one bit per list above (and the shared lists). */
enum {
	C_FUNCTION_WORDS = 1u << 0,
	C_RELATIONS = 1u << 1,
	C_POSSESSIVES = 1u << 2,
	C_NAMING = 1u << 3,
	C_INSTITUTIONS = 1u << 4,
	C_PLACE_HEADS = 1u << 5,
	C_LOCATIVES = 1u << 6,
	C_BRANDS = 1u << 7,
	C_CALENDAR = 1u << 8,
	C_PEOPLES = 1u << 9,
	C_STOP_EN = 1u << 10,
	C_STOP_ES = 1u << 11,
	C_TITLES = 1u << 12,
	C_PARTICLES = 1u << 13,
	C_COMMON_WORDS = 1u << 14,
	C_SPEECH_VERBS = 1u << 15,
	C_ARTICLES = 1u << 16,
	C_MODALS = 1u << 17,
	C_COPULAS = 1u << 18,
	C_CONJUNCTIONS = 1u << 19,
	C_STREET_TYPES = 1u << 20,
	C_STREET_CUES = 1u << 21,
};

/* The lists as one hash table, built once: each folded word with the bits
 * of the lists that hold it, so that a token's classes cost one look-up. */
#define CLASS_SLOTS 4096

struct class_slot {
	const char *w;
	uint32_t len;
	uint32_t bits;
};

static struct class_slot class_table[CLASS_SLOTS];
static pthread_once_t class_once = PTHREAD_ONCE_INIT;

static void class_add(const char *const *list, uint32_t bit)
{
	for (; *list; list++) {
		size_t n = strlen(*list);
		size_t h = (size_t)hash_bytes(*list, n) & (CLASS_SLOTS - 1);
		while (class_table[h].w && !(class_table[h].len == n && memcmp(class_table[h].w, *list, n) == 0))
			h = (h + 1) & (CLASS_SLOTS - 1);
		class_table[h].w = *list;
		class_table[h].len = (uint32_t)n;
		class_table[h].bits |= bit;
	}
}

static void class_build(void)
{
	static const char *const *const lists[] = {
		function_words,
		relations,
		possessives,
		naming,
		institutions,
		place_heads,
		locatives,
		brands,
		calendar,
		peoples,
		stop_en,
		stop_es,
		rx_titles,
		rx_particles,
		rx_common_words,
		rx_speech_verbs,
		rx_articles,
		modals,
		copulas,
		conjunctions,
		street_types,
		street_cues,
	};
	for (size_t k = 0; k < sizeof(lists) / sizeof(*lists); k++)
		class_add(lists[k], 1u << k);
}

/* The classes of the folded word of token i. */
static uint32_t classes(const struct scan *sc, size_t i)
{
	const struct tok *t = &sc->tok[i];
	size_t h = t->hash & (CLASS_SLOTS - 1);

	for (; class_table[h].w; h = (h + 1) & (CLASS_SLOTS - 1))
		if (class_table[h].len == t->flen && memcmp(class_table[h].w, rx_fold_of(sc, i), t->flen) == 0)
			return class_table[h].bits;
	return 0;
}

/* A name is at most this many words ("María de los Ángeles Soto Ibarra");
 * the bound keeps the cost linear in the text. */
#define MAX_NAME_WORDS 8

/* Per-text facts. */
struct ppl {
	const struct scan *sc;
	unsigned *lex;        /* per token: LEX_ bits */
	uint32_t *cls;        /* per token: C_ bits (0 under a placeholder) */
	unsigned char *street;   /* per token: a street's name in this text */
	int elided;              /* deciding the word after "O'" (O'Brien) */
	unsigned langs;       /* LEX_EN, LEX_ES or both: words of the text's language(s) */
};

static int has(const struct ppl *p, size_t i, uint32_t c)
{
	return i < p->sc->ntok && (p->cls[i] & c);
}

/* The word just before token i (parted by spaces, or "Dr. " when dot) is
 * of class c. */
static int after_word(const struct ppl *p, size_t i, uint32_t c, int dot)
{
	uint8_t sep;

	if (i == 0 || i > p->sc->ntok)
		return 0;
	sep = p->sc->tok[i - 1].sep;
	return (sep == SEP_SPACE || (dot && sep == SEP_DOT)) && (p->cls[i - 1] & c);
}

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
	return has(p, i, C_FUNCTION_WORDS) || has(p, i, C_BRANDS) || has(p, i, C_PARTICLES) || has(p, i, C_PEOPLES);
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
	if (after_word(p, i, C_TITLES, 1))
		return 1;
	if (after_word(p, i, C_NAMING, 0))
		return 1;
	/* "name is Mateo", "nombre es Mateo" */
	if (i >= 2 && before(p, i, (const char *const[]){"is", "es", "was", "era", NULL}, 0) &&
	    after_word(p, i - 1, C_NAMING, 0))
		return 1;
	/* "my son is Jesús", "my kids are Summer and River" */
	if (i >= 3 && after_word(p, i, C_COPULAS, 0) && after_word(p, i - 1, C_RELATIONS, 0) &&
	    after_word(p, i - 2, C_POSSESSIVES, 0))
		return 2;
	/* "Grandma Mee", "Tía Lupe": a relation in capitals is a title. */
	if (i >= 1 && after_word(p, i, C_RELATIONS, 0) && (p->sc->tok[i - 1].flags & T_CAP) &&
	    (p->sc->tok[i].flags & T_CAP))
		return 2;
	if (after_word(p, i, C_RELATIONS, 0)) {
		size_t r = i - 1;
		/* "my son Mateo", "my youngest son Mateo", "mi hijo Mateo" */
		if (r >= 1 && (after_word(p, r, C_POSSESSIVES, 0) ||
		               (r >= 2 && after_word(p, r - 1, C_POSSESSIVES, 0) && p->sc->tok[r - 1].sep == SEP_SPACE)))
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
	return t->sep == SEP_SPACE && has(p, j + 1, C_SPEECH_VERBS);
}

/* Token i may continue a name begun before it: a capitalised name or
 * word no list knows; in lower case, a name of the lists that is no
 * modal verb ("rosa elena", "araceli montes"). */
static int name_part(const struct ppl *p, size_t i)
{
	const struct tok *t = &p->sc->tok[i];

	/* "Youa Her": a family name that is a pronoun, in capitals after a name. */
	if ((t->flags & T_CAP) && !(t->flags & T_UPPER) && (p->lex[i] & LEX_FAMILY) && has(p, i, C_FUNCTION_WORDS) &&
	    alpha(p, i) && !has(p, i, C_PARTICLES | C_CONJUNCTIONS) && !rx_sentence_start(p->sc, i))
		return 1;
	if (!alpha(p, i) || never(p, i) || has(p, i, C_INSTITUTIONS) || has(p, i, C_CALENDAR) || acronym(p, i))
		return 0;
	if (!(t->flags & T_CAP) || (t->flags & T_UPPER))
		return named(p, i) && !(p->lex[i] & LEX_EN) && !has(p, i, C_MODALS | C_COPULAS);
	return named(p, i) || !ordinary_any(p, i) || has(p, i, C_COMMON_WORDS);
}

/* Token i is one capital letter, an initial after a name: "Sandra K." */
static int initial(const struct ppl *p, size_t i)
{
	const struct tok *t = &p->sc->tok[i];
	return i < p->sc->ntok && (t->flags & T_CAP) && t->letters == 1 && t->e - t->s == 1 && !rx_opaque(t) &&
	       !(t->flags & T_KEEP) && !(t->flen == 1 && rx_fold_of(p->sc, i)[0] == 'i');
}

/* The last token of the name that starts at i: further name parts,
 * particles before a name part ("Soto Ibarra", "de la Cruz", "Lê Văn
 * Tuấn"), an initial ("Sandra K"). */
static size_t extend(const struct ppl *p, size_t i)
{
	size_t j = i;

	for (;;) {
		if (!joined(p, j) || j - i + 1 >= MAX_NAME_WORDS)
			break;
		if (name_part(p, j + 1)) {
			j++;
			continue;
		}
		/* Particles, then a name part: "Valeria de la Cruz". */
		size_t k = j + 1;
		while (k < p->sc->ntok && k < j + 4 && has(p, k, C_PARTICLES) && !has(p, k, C_CONJUNCTIONS) && joined(p, k))
			k++;
		if (k > j + 1 && k < p->sc->ntok && (p->sc->tok[k].flags & T_CAP) && name_part(p, k)) {
			j = k;
			continue;
		}
		if (initial(p, j + 1) && p->sc->tok[j + 1].sep != SEP_HYPHEN) {
			j++;
			break;
		}
		break;
	}
	return j;
}

/* Some token of i..j is a name and no word of the text's language, or a
 * capitalised word no list knows. */
static int strong(const struct ppl *p, size_t i, size_t j)
{
	for (size_t k = i; k <= j && k < p->sc->ntok; k++) {
		if (named(p, k) && !ordinary(p, k))
			return 1;
		if ((p->sc->tok[k].flags & T_CAP) && !p->lex[k] && p->sc->tok[k].letters >= 2)
			return 1;
	}
	return 0;
}

/* The run i..*j is a place: an institution word follows (the run then
 * takes it in: "Garfield Park"), a place word or "San" comes before, or a
 * locative precedes a word that is a place. */
static int place(const struct ppl *p, size_t i, size_t *j)
{
	if (joined(p, *j) && has(p, *j + 1, C_INSTITUTIONS)) {
		++*j;
		return 1;
	}
	if (i > 0 && p->sc->tok[i - 1].sep == SEP_SPACE && has(p, i - 1, C_PLACE_HEADS))
		return 1;
	unsigned x = p->lex[i];
	/* "moved to Houston", "came from Georgia" */
	if ((x & LEX_PLACE) && !(x & LEX_GIVEN) && is(p, i - 1, (const char *const[]){"to", NULL}) &&
	    p->sc->tok[i - 1].sep == SEP_SPACE)
		return 1;
	return ((x & LEX_PLACE) || ((x & LEX_PROPER) && !named(p, i))) && after_word(p, i, C_LOCATIVES, 0);
}

/* Token i names a street where the text shows it as one: before a street
 * type ("Cermak Road"), after
 * "calle"/"avenida", or after a cue of place ("on Ashland", "por la
 * Cermak"), unless it is a given name only ("on Mateo's phone" is no
 * street either). */
static int street_here(const struct ppl *p, size_t i)
{
	const struct scan *sc = p->sc;
	const struct tok *t = &sc->tok[i];

	if (!(t->flags & T_ALPHA) || rx_opaque(t) || t->letters < 3 || has(p, i, C_FUNCTION_WORDS | C_CALENDAR))
		return 0;
	if ((p->lex[i] & LEX_GIVEN) && !(p->lex[i] & (LEX_FAMILY | LEX_PLACE)))
		return 0;
	if (i + 1 < sc->ntok && (t->sep == SEP_SPACE || t->sep == SEP_DOT) && has(p, i + 1, C_STREET_TYPES) &&
	    (t->flags & T_CAP))
		return 1;
	if (i == 0 || !(t->flags & T_CAP))
		return 0;
	if (t->sep == SEP_APOS)
		return 0;   /* a possessive: a person's */
	if (after_word(p, i, C_STREET_CUES, 0) || is(p, i - 1, (const char *const[]){"calle", "avenida", NULL}))
		return 1;
	/* "corner of Damen", "esquina de Cermak" */
	if (i >= 2 && sc->tok[i - 1].sep == SEP_SPACE && is(p, i - 1, (const char *const[]){"of", "de", "con", NULL}) &&
	    is(p, i - 2, (const char *const[]){"corner", "esquina", NULL}))
		return 1;
	/* "por la Cermak", "en la Ashland": a street in Spanish. */
	return i >= 2 && sc->tok[i - 1].sep == SEP_SPACE && is(p, i - 1, (const char *const[]){"la", NULL}) &&
	       sc->tok[i - 2].sep == SEP_SPACE &&
	       is(p, i - 2, (const char *const[]){"por", "en", "sobre", "hasta", "hacia", "cruzar", NULL});
}

/* Token i is a number or an ordinal ("24th", "18"): a street in "la 24 y
 * Kedzie", "Leavitt & 24th". */
static int numbered(const struct ppl *p, size_t i)
{
	const struct tok *t = &p->sc->tok[i];
	return i < p->sc->ntok && !rx_opaque(t) && rx_is_digit((unsigned char)p->sc->t[t->s]);
}

/* Marks the streets of the text: where it shows them as streets, then
 * every other place the same word stands (the evidence is never inside an
 * address, which becomes [ADDRESS]: a second pass must see it too), then those joined to a street by
 * "&", "/", "and" or "y" ("Damen & Cermak", "Cermak y Wolcott"). */
static void find_streets(struct ppl *p)
{
	const struct scan *sc = p->sc;
	uint32_t *hs = NULL;
	size_t nh = 0;

	for (size_t i = 0; i < sc->ntok; i++) {
		if (!street_here(p, i))
			continue;
		p->street[i] = 1;
		if (nh % 64 == 0)
			hs = mem_realloc(hs, (nh + 64) * sizeof(*hs));
		hs[nh++] = sc->tok[i].hash;
	}
	for (size_t i = 0; nh && i < sc->ntok; i++) {
		const struct tok *t = &sc->tok[i];
		if (p->street[i] || !(t->flags & T_CAP) || rx_opaque(t) || t->sep == SEP_APOS)
			continue;
		for (size_t k = 0; k < nh; k++)
			if (hs[k] == t->hash) {
				/* Same hash: the same word, as far as redaction goes. */
				p->street[i] = 1;
				break;
			}
		if (nh > 64)
			break;   /* a text of many streets: the cues alone */
	}
	mem_free(hs);
	for (int round = 0; round < 2; round++)
		for (size_t i = 1; i < sc->ntok; i++) {
			const struct tok *t = &sc->tok[i];
			if (p->street[i] || !(t->flags & T_CAP) || rx_opaque(t) || t->letters < 3)
				continue;
			size_t a = i - 1;
			const char *g = sc->t + sc->tok[a].e;
			size_t gl = t->s - sc->tok[a].e;
			int amp = (gl == 1 && (*g == '&' || *g == '/')) || (gl == 3 && memcmp(g, " & ", 3) == 0);
			int word = i >= 2 && has(p, a, C_CONJUNCTIONS) && sc->tok[a].sep == SEP_SPACE &&
			           sc->tok[a - 1].sep == SEP_SPACE;
			size_t other = word ? a - 1 : a;
			if ((amp || word) && (p->street[other] || numbered(p, other)))
				p->street[i] = 1;
			/* and forwards: "Damen & Cermak" once Cermak is known */
			if (i + 2 < sc->ntok) {
				const char *g2 = sc->t + t->e;
				size_t gl2 = sc->tok[i + 1].s - t->e;
				int amp2 = (gl2 == 1 && (*g2 == '&' || *g2 == '/')) || (gl2 == 3 && memcmp(g2, " & ", 3) == 0);
				if (amp2 && (p->street[i + 1] || numbered(p, i + 1)))
					p->street[i] = 1;
			}
		}
}

/* Tokens a and b (a < b) are joined as items of a list: "Itzel y
 * Dulce", "Hunter and Will", "(Jayden, Ivy)". */
static int listed(const struct ppl *p, size_t a, size_t b)
{
	const struct scan *sc = p->sc;

	if (b == a + 2)
		return sc->tok[a].sep == SEP_SPACE && sc->tok[a + 1].sep == SEP_SPACE && has(p, a + 1, C_CONJUNCTIONS);
	if (b != a + 1 || sc->tok[a].sep != SEP_OTHER)
		return 0;
	const char *g = sc->t + sc->tok[a].e;
	size_t n = sc->tok[b].s - sc->tok[a].e;
	return (n == 2 && g[0] == ',' && g[1] == ' ') || (n == 3 && memcmp(g, " & ", 3) == 0);
}

/* The words beside the run i..j are capitalised ordinary words: the run
 * is part of a title ("the Red Line", "Parent Night", "Summer Reading"). */
static int title_case(const struct ppl *p, size_t i, size_t j)
{
	const struct scan *sc = p->sc;

	if (i > 0 && sc->tok[i - 1].sep == SEP_SPACE && (sc->tok[i - 1].flags & T_CAP) && ordinary(p, i - 1) &&
	    !named(p, i - 1) && !has(p, i - 1, C_FUNCTION_WORDS | C_TITLES) && !rx_opaque(&sc->tok[i - 1]))
		return 1;
	return joined(p, j) && (sc->tok[j + 1].flags & T_CAP) && ordinary(p, j + 1) && !named(p, j + 1) &&
	       !has(p, j + 1, C_FUNCTION_WORDS) && !rx_opaque(&sc->tok[j + 1]);
}

/* The decision for a capitalised run i..j that no cue introduces and that
 * is no place (see decide). */
static int capitalised_run(const struct ppl *p, size_t i, size_t j, int start)
{
	if (named(p, i) && !ordinary(p, i)) {
		/* A given or family name that is no word of the text's language.
		 * A proper noun that is also a name stays at a sentence's start
		 * unless it goes on as a name ("Lincoln is", "Jordan Smith"). */
		if (start && (p->lex[i] & (LEX_PLACE | LEX_PROPER)) && j == i && !cue_after(p, i) &&
		    !(p->lex[i] & LEX_GIVEN))
			return 0;
		return 1;
	}
	if (named(p, i)) {
		/* Hope, Grace, Will: the word, or a person ("Grace Kim"; not
		 * "the Red Line", where every word is a word). */
		if (strong(p, i + 1, j) || cue_after(p, j))
			return 1;
		if (after_word(p, i, C_ARTICLES, 0))
			return 0;
		if (start) {
			/* "Hope is the reason", "Hunter did his job"; not "Will
			 * you", "Mark the date", "Vino Consuelo" (a verb that some
			 * list has as a name). */
			if (!has(p, i, C_COMMON_WORDS) && !(p->lex[i] & LEX_PROPER))
				return 0;
			if (rx_opens_as_person(p->sc, j) && !has(p, i, C_MODALS))
				return 1;
			/* "Will & Dana Okafor": a doubt that a listed name settles. */
			return (listed(p, j, j + 1) || listed(p, j, j + 2)) ? 2 : 0;
		}
		/* In the middle of a sentence a capital makes a proper noun:
		 * a person, unless the words beside it make it a title. */
		if (title_case(p, i, j))
			return (p->lex[i] & LEX_GIVEN) ? 2 : 0;
		return (p->lex[i] & LEX_GIVEN) || j > i ? 1 : 2;
	}
	if (p->lex[i] & (LEX_PROPER | LEX_PLACE))
		return 0;   /* Spanish, Chicago, Thanksgiving */
	if (ordinary_any(p, i))
		return 0;
	/* A capitalised word no list knows. */
	if (!start || j > i || cue_after(p, j))
		return 1;
	return rx_opens_as_name(p->sc, j) ? 1 : 2;
}

/* The lower-case run i..j, a name of the lists made of words, is not a
 * verb with its object: it has several words ("rosa elena"), or nothing
 * after it continues an English sentence — the text ends, a pause, "and",
 * "is", "said", a word of Spanish ("mi hijo angel los dos") or of no
 * English ("the kids love it", "my kids hope to go" are verbs). */
static int ends_name(const struct ppl *p, size_t i, size_t j)
{
	const struct scan *sc = p->sc;

	if (j > i || j + 1 >= sc->ntok || sc->tok[j].sep != SEP_SPACE)
		return 1;
	if (has(p, j + 1, C_CONJUNCTIONS | C_COPULAS | C_SPEECH_VERBS))
		return 1;
	if (has(p, j + 1, C_STOP_ES) && !has(p, j + 1, C_STOP_EN))
		return 1;
	return !(p->lex[j + 1] & LEX_EN);
}

/* The decision for a run that starts at token i.  Returns 1 (a name), 2
 * (a doubt) or 0, with the run's last token in *end. */
static int decide(const struct ppl *p, size_t i, size_t *end)
{
	const struct scan *sc = p->sc;
	const struct tok *t = &sc->tok[i];
	/* A word in capitals tells nothing by its case (and whether it is
	 * shouted depends on its neighbours, which may become placeholders). */
	int cap = (t->flags & T_CAP) && !(t->flags & T_UPPER);
	int cue = cue_before(p, i);

	*end = i;
	if (!alpha(p, i) || has(p, i, C_BRANDS | C_PEOPLES | C_STREET_TYPES) || acronym(p, i) ||
	    (!p->elided && rx_after_elision(sc, t->s)))
		return 0;
	if (has(p, i, C_TITLES) && (joined(p, i) || t->sep == SEP_DOT))
		return 0;   /* "Don Chuy": the title stays, the name after it goes */
	if (has(p, i, C_PARTICLES) && cap) {
		/* A capitalised particle opens a name only before a capitalised
		 * name: "anh Lê Văn Tuấn", "Sra. De la Cruz". */
		size_t j = extend(p, i);
		if (!cap || j == i || !strong(p, i + 1, j) || (rx_sentence_start(sc, i) && !cue))
			return 0;
		*end = j;
		return 1;
	}
	if (has(p, i, C_FUNCTION_WORDS | C_PARTICLES))
		return 0;
	if (cue) {
		if (t->flags & T_CAP)
			cap = 1;
		if (has(p, i, C_CALENDAR) && !cap)
			return 0;
		/* "my neighbor rosa" in English captions: no English word;
		 * "doña mercedes", "my kids are summer and river": a name of the
		 * lists after a title or a relation. */
		if (cap || !ordinary(p, i)) {
			*end = extend(p, i);
			return 1;
		}
		/* A lower-case word that is a name and a word ("summer", "hope",
		 * "rosa"): "my kids are summer and river", "my daughter hope
		 * said", "mi comadre rosa elena", not "the kids love it". */
		if (named(p, i) && !has(p, i, C_MODALS | C_COPULAS)) {
			size_t j = extend(p, i);
			if (ends_name(p, i, j)) {
				*end = j;
				return 1;
			}
		}
		return 0;
	}
	if (!cap) {
		/* Lower case: a name of the lists that is no word of English or
		 * Spanish ("mateo", "nguyen" in captions; not "rosa", "paz"). */
		if (t->letters < 3 || !named(p, i) || ordinary_any(p, i) || has(p, i, C_CALENDAR | C_MODALS) ||
		    (p->lex[i] & LEX_PLACE))
			return 0;
		size_t j = extend(p, i);
		if (place(p, i, &j)) {
			*end = j;
			return 0;
		}
		*end = j;
		return 1;
	}
	if (p->street[i])
		return 0;   /* "on Cermak", "Damen & Cermak" */
	/* A shop or a feast: "la tienda El Güero", "Papelería El Sol", "Día de
	 * Reyes", "Día de los Muertos". */
	if (i >= 1 && sc->tok[i - 1].sep == SEP_SPACE && (sc->tok[i - 1].flags & T_CAP) &&
	    is(p, i - 1, (const char *const[]){"el", "la", "los", "las", NULL}) && !rx_sentence_start(sc, i - 1))
		return 0;
	for (size_t b = 2; b <= 3 && b <= i; b++)
		if (is(p, i - b, (const char *const[]){"dia", NULL}) && has(p, i - 1, C_PARTICLES))
			return 0;
	int start = rx_sentence_start(sc, i);
	size_t j = extend(p, i);
	if (place(p, i, &j)) {
		*end = j;   /* the place stays whole */
		return 0;
	}
	if (has(p, i, C_CALENDAR))
		return 0;
	int r = capitalised_run(p, i, j, start);
	if (r)
		*end = j;
	return r;
}

/* English, Spanish or both, by their stop words; the set's language,
 * when given, is always one of them. */
static unsigned languages(const struct ppl *p, const struct redact_names *rn)
{
	size_t en = 0, es = 0;
	unsigned set = 0;

	for (size_t i = 0; i < p->sc->ntok; i++) {
		en += has(p, i, C_STOP_EN) != 0;
		es += has(p, i, C_STOP_ES) != 0;
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

/* Token i is a name: a decided one, or a placeholder of one. */
static int is_name(const struct ppl *p, const unsigned char *mark, size_t i)
{
	const struct tok *t = &p->sc->tok[i];
	return mark[i] == 1 || mark[i] >= 3 || ((t->flags & T_HOLD) && p->sc->t[t->s] == 'N');
}

void rx_find_people(struct scan *sc, const struct redact_names *rn, struct spans *names,
                    struct spans *doubts)
{
	struct ppl p = {.sc = sc};

	if (sc->ntok == 0)
		return;
	pthread_once(&class_once, class_build);
	p.lex = mem_alloc(sc->ntok * sizeof(*p.lex));
	p.cls = mem_alloc(sc->ntok * sizeof(*p.cls));
	for (size_t i = 0; i < sc->ntok; i++) {
		const struct tok *t = &sc->tok[i];
		int word = (t->flags & T_ALPHA) && !rx_opaque(t);
		p.lex[i] = word ? rx_lex(rx_fold_of(sc, i), t->flen) : 0;
		p.cls[i] = word ? classes(sc, i) : 0;
		if (p.cls[i] & C_COMMON_WORDS)
			p.lex[i] |= LEX_GIVEN;   /* Hope, Will, Paz: names that are words */
	}
	p.langs = languages(&p, rn);
	p.street = mem_alloc(sc->ntok);
	memset(p.street, 0, sc->ntok);
	find_streets(&p);
	/* Per token: 1 a name, 2 the first word of a doubt (its run's last
	 * token in dend), 3 and 4 the first and further words of a doubt
	 * found a name by its list. */
	unsigned char *mark = mem_alloc(sc->ntok);
	size_t *dend = mem_alloc(sc->ntok * sizeof(*dend));
	memset(mark, 0, sc->ntok);
	for (size_t i = 0; i < sc->ntok; i++) {
		size_t end, first = i;
		int d;
		/* "O'Brien", "D'Angelo": the name is the word after the letter. */
		if (sc->tok[i].flen == 1 && sc->tok[i].sep == SEP_APOS && i + 1 < sc->ntok && !rx_opaque(&sc->tok[i]) &&
		    strchr("od", rx_fold_of(sc, i)[0]) && (sc->tok[i + 1].flags & T_ALPHA) && !rx_after_elision(sc, sc->tok[i].s)) {
			p.elided = 1;
			d = decide(&p, i + 1, &end);
			p.elided = 0;
			if (d == 1) {
				memset(mark + i, 1, end - i + 1);
				rx_add_span(names, sc->tok[first].s, sc->tok[end].e, K_NAME);
				i = end;
				continue;
			}
			if (d == 0 && end > i + 1) {
				/* a place: "D'Arcy Lane" */
				for (size_t k = i; k <= end; k++)
					sc->tok[k].flags |= T_KEEP;
				i = end;
				continue;
			}
		}
		d = decide(&p, i, &end);
		if (d == 1) {
			memset(mark + i, 1, end - i + 1);
			rx_add_span(names, sc->tok[i].s, sc->tok[end].e, K_NAME);
		}
		else if (d == 2 && !mark[i]) {
			mark[i] = 2;
			dend[i] = end;
		} else if (end > i && rx_known_end(sc, rn, i) < (long)end)
			/* A place: no registered name is replaced inside it either
			 * ("Will Park" registered, "Lincoln Park" said), unless the
			 * whole of it is a registered name ("Lee Ann Park"). */
			for (size_t k = i; k <= end; k++)
				sc->tok[k].flags |= T_KEEP;
		/* A name or a place goes whole ("primaria Benito Juárez"); the
		 * words of a doubt are still read one by one. */
		if (d != 2)
			i = end;
	}
	/* A doubtful word listed with a name is a name too, and so is the
	 * next of the list ("Ana, Hope and Grace"): a list runs one way, so a
	 * sweep to the right and one to the left settle it in one pass. */
	for (int sweep = 0; sweep < 2; sweep++)
		for (size_t k = 0; k < sc->ntok; k++) {
			size_t i = sweep ? sc->ntok - 1 - k : k;
			if (mark[i] != 2)
				continue;
			size_t e = dend[i];
			if ((i >= 1 && is_name(&p, mark, i - 1) && listed(&p, i - 1, i)) ||
			    (i >= 2 && is_name(&p, mark, i - 2) && listed(&p, i - 2, i)) ||
			    (e + 1 < sc->ntok && is_name(&p, mark, e + 1) && listed(&p, e, e + 1)) ||
			    (e + 2 < sc->ntok && is_name(&p, mark, e + 2) && listed(&p, e, e + 2))) {
				mark[i] = 3;
				memset(mark + i + 1, 4, e - i);
			}
		}
	for (size_t i = 0; i < sc->ntok; i++)
		if (mark[i] == 2 || mark[i] == 3)
			rx_add_span(mark[i] == 3 ? names : doubts, sc->tok[i].s, sc->tok[dend[i]].e, K_NAME);
	mem_free(mark);
	mem_free(dend);
	mem_free(p.street);
	mem_free(p.lex);
	mem_free(p.cls);
}

/* lexicon: stop words, sentiment scores and negators for English and Spanish.
 *
 * Every list is a static array in strcmp (byte) order without duplicates,
 * searched with bsearch; tests/unit/test_lexicon.c checks the order, so a
 * word added out of place fails the tests rather than hiding from lookups.
 * Spanish words with accents are listed a second time without them.
 *
 * Sources and licences:
 *
 * - The stop lists are adapted from the Snowball stop word lists for English
 *   and Spanish (https://snowballstem.org/algorithms/), which are
 *
 *     Copyright (c) 2001, Dr Martin Porter,
 *     Copyright (c) 2002, Richard Boulton.
 *     All rights reserved.
 *
 *   and distributed under the 3-clause BSD licence
 *   (https://snowballstem.org/license.html):
 *
 *     Redistribution and use in source and binary forms, with or without
 *     modification, are permitted provided that the following conditions
 *     are met:
 *     1. Redistributions of source code must retain the above copyright
 *        notice, this list of conditions and the following disclaimer.
 *     2. Redistributions in binary form must reproduce the above copyright
 *        notice, this list of conditions and the following disclaimer in the
 *        documentation and/or other materials provided with the distribution.
 *     3. Neither the name of the copyright holders nor the names of its
 *        contributors may be used to endorse or promote products derived from
 *        this software without specific prior written permission.
 *
 *     THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS"
 *     AND ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE
 *     IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE
 *     ARE DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE
 *     LIABLE FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR
 *     CONSEQUENTIAL DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF
 *     SUBSTITUTE GOODS OR SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS
 *     INTERRUPTION) HOWEVER CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN
 *     CONTRACT, STRICT LIABILITY, OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE)
 *     ARISING IN ANY WAY OUT OF THE USE OF THIS SOFTWARE, EVEN IF ADVISED OF THE
 *     POSSIBILITY OF SUCH DAMAGE.
 *
 *   The adaptation keeps the words that the lists leave active (not their
 *   commented-out candidates), adds the accent-less spelling of each
 *   accented Spanish word, and adds this project's own words: English
 *   contractions typed without the apostrophe ("dont", "im") and fillers
 *   common in survey answers ("also", "really", "thing", "okay"); Spanish
 *   fillers ("creo", "bueno", "pues", "así").  The additions are this
 *   project's own.
 *
 * - The sentiment lists and the negator lists were written for this project,
 *   not copied or derived from any published lexicon (AFINN, VADER and the
 *   like), and are under the project's licence.  They favour the words of
 *   feedback about schools, services, technology and community life; the
 *   scores run from -3 to +3.
 */
#include "analysis/lexicon.h"

#include <stdlib.h>
#include <string.h>

#include "core/lang.h"

struct scored {
	const char *word;
	signed char score;
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *const stop_en[] = {
	"a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "aren't",
	"arent", "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by",
	"can't", "cannot", "cant", "could", "couldn't", "couldnt", "did", "didn't", "didnt", "do", "does", "doesn't",
	"doesnt", "doing", "don't", "dont", "down", "during", "each", "etc", "few", "for", "from", "further", "get",
	"got", "had", "hadn't", "hadnt", "has", "hasn't", "hasnt", "have", "haven't", "havent", "having", "he", "he'd",
	"he'll", "he's", "her", "here", "here's", "hers", "herself", "him", "himself", "his", "how", "how's", "i",
	"i'd", "i'll", "i'm", "i've", "if", "im", "in", "into", "is", "isn't", "isnt", "it", "it's", "its", "itself",
	"ive", "just", "know", "let's", "like", "lot", "lots", "make", "many", "me", "more", "most", "much", "mustn't",
	"my", "myself", "no", "nor", "not", "of", "off", "ok", "okay", "on", "once", "one", "only", "or", "other",
	"ought", "our", "ours", "ourselves", "out", "over", "own", "really", "same", "shan't", "she", "she'd", "she'll",
	"she's", "should", "shouldn't", "shouldnt", "so", "some", "such", "than", "that", "that's", "thats", "the",
	"their", "theirs", "them", "themselves", "then", "there", "there's", "theres", "these", "they", "they'd",
	"they'll", "they're", "they've", "theyre", "thing", "things", "think", "this", "those", "through", "to", "too",
	"under", "until", "up", "us", "very", "want", "was", "wasn't", "wasnt", "we", "we'd", "we'll", "we're", "we've",
	"were", "weren't", "werent", "what", "what's", "whats", "when", "when's", "where", "where's", "which", "while",
	"who", "who's", "whom", "why", "why's", "with", "won't", "wont", "would", "wouldn't", "wouldnt", "yes", "you",
	"you'd", "you'll", "you're", "you've", "your", "youre", "yours", "yourself", "yourselves",
};

static const char *const stop_es[] = {
	"a", "al", "algo", "algunas", "algunos", "ante", "antes", "asi", "así", "bueno", "como", "con", "contra",
	"cosa", "cosas", "creo", "cual", "cuando", "de", "del", "desde", "donde", "durante", "e", "el", "ella", "ellas",
	"ellos", "en", "entonces", "entre", "era", "erais", "eramos", "eran", "eras", "eres", "es", "esa", "esas",
	"ese", "eso", "esos", "esta", "estaba", "estabais", "estabamos", "estaban", "estabas", "estad", "estada",
	"estadas", "estado", "estados", "estais", "estamos", "estan", "estando", "estar", "estara", "estaran",
	"estaras", "estare", "estareis", "estaremos", "estaria", "estariais", "estariamos", "estarian", "estarias",
	"estará", "estarán", "estarás", "estaré", "estaréis", "estaría", "estaríais", "estaríamos", "estarían",
	"estarías", "estas", "este", "esteis", "estemos", "esten", "estes", "esto", "estos", "estoy", "estuve",
	"estuviera", "estuvierais", "estuvieramos", "estuvieran", "estuvieras", "estuvieron", "estuviese",
	"estuvieseis", "estuviesemos", "estuviesen", "estuvieses", "estuvimos", "estuviste", "estuvisteis",
	"estuviéramos", "estuviésemos", "estuvo", "está", "estábamos", "estáis", "están", "estás", "esté", "estéis",
	"estén", "estés", "etc", "fue", "fuera", "fuerais", "fueramos", "fueran", "fueras", "fueron", "fuese",
	"fueseis", "fuesemos", "fuesen", "fueses", "fui", "fuimos", "fuiste", "fuisteis", "fuéramos", "fuésemos", "ha",
	"habeis", "habia", "habiais", "habiamos", "habian", "habias", "habida", "habidas", "habido", "habidos",
	"habiendo", "habra", "habran", "habras", "habre", "habreis", "habremos", "habria", "habriais", "habriamos",
	"habrian", "habrias", "habrá", "habrán", "habrás", "habré", "habréis", "habría", "habríais", "habríamos",
	"habrían", "habrías", "habéis", "había", "habíais", "habíamos", "habían", "habías", "hacer", "han", "has",
	"hasta", "hay", "haya", "hayais", "hayamos", "hayan", "hayas", "hayáis", "he", "hemos", "hube", "hubiera",
	"hubierais", "hubieramos", "hubieran", "hubieras", "hubieron", "hubiese", "hubieseis", "hubiesemos", "hubiesen",
	"hubieses", "hubimos", "hubiste", "hubisteis", "hubiéramos", "hubiésemos", "hubo", "la", "las", "le", "les",
	"lo", "los", "mas", "me", "mi", "mia", "mias", "mio", "mios", "mis", "mucho", "muchos", "muy", "más", "mí",
	"mía", "mías", "mío", "míos", "nada", "ni", "no", "nos", "nosotras", "nosotros", "nuestra", "nuestras",
	"nuestro", "nuestros", "o", "os", "otra", "otras", "otro", "otros", "para", "pero", "poco", "por", "porque",
	"pues", "que", "quien", "quienes", "qué", "se", "sea", "seais", "seamos", "sean", "seas", "ser", "sera",
	"seran", "seras", "sere", "sereis", "seremos", "seria", "seriais", "seriamos", "serian", "serias", "será",
	"serán", "serás", "seré", "seréis", "sería", "seríais", "seríamos", "serían", "serías", "seáis", "si", "sido",
	"siendo", "sin", "sobre", "sois", "somos", "son", "soy", "su", "sus", "suya", "suyas", "suyo", "suyos", "sí",
	"tambien", "también", "tanto", "te", "tendra", "tendran", "tendras", "tendre", "tendreis", "tendremos",
	"tendria", "tendriais", "tendriamos", "tendrian", "tendrias", "tendrá", "tendrán", "tendrás", "tendré",
	"tendréis", "tendría", "tendríais", "tendríamos", "tendrían", "tendrías", "tened", "teneis", "tenemos", "tenga",
	"tengais", "tengamos", "tengan", "tengas", "tengo", "tengáis", "tenia", "teniais", "teniamos", "tenian",
	"tenias", "tenida", "tenidas", "tenido", "tenidos", "teniendo", "tenéis", "tenía", "teníais", "teníamos",
	"tenían", "tenías", "ti", "tiene", "tienen", "tienes", "todo", "todos", "tu", "tus", "tuve", "tuviera",
	"tuvierais", "tuvieramos", "tuvieran", "tuvieras", "tuvieron", "tuviese", "tuvieseis", "tuviesemos", "tuviesen",
	"tuvieses", "tuvimos", "tuviste", "tuvisteis", "tuviéramos", "tuviésemos", "tuvo", "tuya", "tuyas", "tuyo",
	"tuyos", "tú", "un", "una", "uno", "unos", "vosotras", "vosotros", "vuestra", "vuestras", "vuestro", "vuestros",
	"y", "ya", "yo", "él", "éramos",
};

static const char *const negator_en[] = {
	"aren't", "arent", "can't", "cannot", "cant", "couldn't", "couldnt", "didn't", "didnt", "doesn't", "doesnt",
	"don't", "dont", "hadn't", "hadnt", "hasn't", "hasnt", "haven't", "havent", "isn't", "isnt", "neither", "never",
	"no", "nobody", "none", "nor", "not", "nothing", "nowhere", "shouldn't", "shouldnt", "wasn't", "wasnt",
	"weren't", "werent", "without", "won't", "wouldn't", "wouldnt",
};

static const char *const negator_es[] = {
	"jamas", "jamás", "nada", "nadie", "ni", "ningun", "ninguna", "ningunas", "ninguno", "ningunos", "ningún", "no",
	"nunca", "sin", "tampoco",
};

static const struct scored sentiment_en[] = {
	{"abuse", -3}, {"abusive", -3}, {"accessible", 2}, {"adequate", 1}, {"affordable", 2}, {"afraid", -2},
	{"amazing", 3}, {"angry", -2}, {"annoyed", -2}, {"annoying", -2}, {"anxiety", -2}, {"anxious", -2},
	{"appalling", -3}, {"appreciate", 2}, {"appreciated", 2}, {"attentive", 2}, {"available", 1}, {"awesome", 3},
	{"awful", -3}, {"bad", -2}, {"beautiful", 2}, {"beneficial", 2}, {"benefit", 1}, {"benefits", 1}, {"best", 3},
	{"better", 2}, {"biased", -2}, {"bored", -2}, {"boring", -2}, {"brilliant", 3}, {"broke", -2}, {"broken", -2},
	{"buggy", -2}, {"bullied", -2}, {"bully", -2}, {"bullying", -2}, {"calm", 1}, {"canceled", -1},
	{"cancelled", -1}, {"careless", -2}, {"caring", 2}, {"chaos", -2}, {"chaotic", -2}, {"clean", 2}, {"clear", 2},
	{"clunky", -1}, {"comfortable", 2}, {"complain", -1}, {"complaint", -1}, {"complaints", -1},
	{"complicated", -1}, {"concern", -1}, {"concerned", -1}, {"concerns", -1}, {"confused", -2}, {"confusing", -2},
	{"confusion", -1}, {"consistent", 1}, {"convenient", 2}, {"cool", 1}, {"corrupt", -3}, {"corruption", -3},
	{"costly", -1}, {"crash", -2}, {"crashed", -2}, {"crashes", -2}, {"crashing", -2}, {"creative", 1},
	{"crime", -2}, {"crisis", -2}, {"crowded", -1}, {"damaged", -2}, {"dangerous", -2}, {"decent", 1},
	{"dedicated", 2}, {"delay", -1}, {"delayed", -1}, {"delays", -1}, {"delicious", 2}, {"delighted", 3},
	{"difficult", -1}, {"dirty", -2}, {"disappointed", -2}, {"disappointing", -2}, {"disappointment", -2},
	{"disaster", -3}, {"disastrous", -3}, {"disconnected", -1}, {"discriminated", -2}, {"discrimination", -2},
	{"disgraceful", -3}, {"disgusting", -3}, {"dishonest", -2}, {"disorganized", -2}, {"disrespect", -2},
	{"disrespectful", -2}, {"diverse", 1}, {"easier", 2}, {"easy", 2}, {"effective", 2}, {"efficient", 2},
	{"encourage", 1}, {"encouraged", 2}, {"encouraging", 2}, {"engaged", 2}, {"engaging", 2}, {"enjoy", 2},
	{"enjoyable", 2}, {"enjoyed", 2}, {"enjoys", 2}, {"equitable", 2}, {"error", -1}, {"errors", -1},
	{"excellent", 3}, {"exceptional", 3}, {"excited", 2}, {"exciting", 2}, {"excluded", -2}, {"exhausted", -2},
	{"expensive", -1}, {"fail", -2}, {"failed", -2}, {"failing", -2}, {"fails", -2}, {"failure", -2}, {"fair", 1},
	{"fantastic", 3}, {"fast", 1}, {"faster", 1}, {"fear", -2}, {"filthy", -3}, {"fine", 1}, {"fixed", 2},
	{"flexible", 2}, {"fresh", 1}, {"friendly", 2}, {"frustrated", -2}, {"frustrating", -2}, {"frustration", -2},
	{"fun", 2}, {"functional", 1}, {"furious", -3}, {"glad", 2}, {"glitches", -1}, {"glitchy", -2}, {"good", 2},
	{"grateful", 2}, {"great", 3}, {"happy", 2}, {"harassed", -3}, {"harassment", -3}, {"harm", -2},
	{"harmful", -2}, {"hassle", -1}, {"hate", -3}, {"hated", -3}, {"hates", -3}, {"healthy", 2}, {"helped", 2},
	{"helpful", 2}, {"helps", 1}, {"honest", 2}, {"hopeful", 2}, {"hopeless", -2}, {"horrible", -3}, {"hurt", -2},
	{"hurting", -2}, {"hurts", -2}, {"ignore", -1}, {"ignored", -2}, {"impossible", -2}, {"impressed", 2},
	{"impressive", 2}, {"improved", 2}, {"improvement", 2}, {"improving", 1}, {"inaccessible", -2},
	{"inadequate", -2}, {"inclusive", 2}, {"incompetent", -3}, {"inconsistent", -1}, {"inconvenient", -1},
	{"incorrect", -1}, {"incredible", 3}, {"inequitable", -2}, {"inequity", -2}, {"informative", 2},
	{"informed", 1}, {"injustice", -2}, {"innovative", 2}, {"inspired", 2}, {"inspiring", 2}, {"insufficient", -2},
	{"interested", 1}, {"interesting", 1}, {"intermittent", -1}, {"intuitive", 2}, {"isolated", -2}, {"issue", -1},
	{"issues", -1}, {"knowledgeable", 2}, {"lack", -1}, {"lacking", -1}, {"lacks", -1}, {"laggy", -2}, {"late", -1},
	{"lazy", -2}, {"liked", 2}, {"limited", -1}, {"listened", 2}, {"lonely", -2}, {"lost", -1}, {"loud", -1},
	{"love", 3}, {"loved", 3}, {"lovely", 2}, {"loves", 3}, {"loving", 3}, {"mediocre", -1}, {"mess", -2},
	{"messy", -1}, {"miserable", -3}, {"misleading", -2}, {"missing", -1}, {"modern", 1}, {"motivated", 2},
	{"negative", -2}, {"neglect", -2}, {"neglected", -2}, {"nice", 2}, {"nightmare", -3}, {"noisy", -1},
	{"nutritious", 2}, {"obsolete", -2}, {"organized", 2}, {"outage", -2}, {"outages", -2}, {"outdated", -1},
	{"outrageous", -3}, {"outstanding", 3}, {"overcrowded", -2}, {"overpriced", -2}, {"overwhelmed", -2},
	{"overwhelming", -2}, {"overworked", -1}, {"painful", -2}, {"pathetic", -3}, {"patient", 2}, {"perfect", 3},
	{"pleasant", 2}, {"pleased", 2}, {"pointless", -2}, {"polite", 2}, {"poor", -2}, {"poorly", -2},
	{"positive", 2}, {"prepared", 1}, {"pride", 1}, {"problem", -1}, {"problematic", -2}, {"problems", -1},
	{"professional", 2}, {"progress", 1}, {"proud", 2}, {"quick", 1}, {"racism", -3}, {"racist", -3}, {"ready", 1},
	{"reasonable", 1}, {"recommend", 2}, {"recommended", 2}, {"reliable", 2}, {"resolved", 2}, {"respected", 2},
	{"respectful", 2}, {"responsive", 2}, {"ridiculous", -2}, {"risk", -1}, {"rude", -2}, {"rushed", -1},
	{"sad", -2}, {"sadly", -1}, {"safe", 2}, {"safer", 2}, {"satisfaction", 2}, {"satisfied", 2}, {"scared", -2},
	{"secure", 2}, {"shameful", -3}, {"simple", 1}, {"slow", -1}, {"slower", -1}, {"smooth", 1}, {"solved", 2},
	{"spotty", -1}, {"stable", 1}, {"stress", -1}, {"stressed", -2}, {"stressful", -2}, {"strong", 1},
	{"struggle", -1}, {"struggled", -1}, {"struggles", -1}, {"struggling", -1}, {"stupid", -2}, {"success", 2},
	{"successful", 2}, {"sufficient", 1}, {"superb", 3}, {"supported", 1}, {"supportive", 2}, {"terrible", -3},
	{"terrific", 3}, {"thank", 2}, {"thankful", 2}, {"thanks", 2}, {"threat", -2}, {"threatened", -2},
	{"thrilled", 3}, {"thriving", 2}, {"timely", 2}, {"tired", -1}, {"transparent", 2}, {"trouble", -1},
	{"troubling", -2}, {"trust", 1}, {"trusted", 2}, {"trustworthy", 2}, {"ugly", -2}, {"unacceptable", -2},
	{"unaffordable", -2}, {"unanswered", -1}, {"unavailable", -1}, {"unclear", -1}, {"uncomfortable", -2},
	{"understaffed", -1}, {"unequal", -2}, {"unfair", -2}, {"unfortunate", -1}, {"unfortunately", -1},
	{"unhappy", -2}, {"unhealthy", -2}, {"unheard", -2}, {"unhelpful", -2}, {"unjust", -2}, {"unnecessary", -1},
	{"unprofessional", -2}, {"unreliable", -2}, {"unresponsive", -2}, {"unsafe", -2}, {"unsanitary", -2},
	{"unsupported", -2}, {"unusable", -2}, {"unwelcome", -2}, {"unwelcoming", -2}, {"updated", 1}, {"upset", -2},
	{"useful", 2}, {"useless", -2}, {"vague", -1}, {"valuable", 2}, {"valued", 2}, {"violence", -3},
	{"violent", -3}, {"waste", -2}, {"wasted", -2}, {"wasting", -2}, {"weak", -1}, {"welcome", 2}, {"welcomed", 2},
	{"welcoming", 2}, {"wonderful", 3}, {"worried", -2}, {"worries", -1}, {"worry", -1}, {"worse", -2},
	{"worst", -3}, {"worth", 1}, {"worthless", -3}, {"worthwhile", 2}, {"wrong", -2},
};

static const struct scored sentiment_es[] = {
	{"abandonado", -2}, {"aburrida", -2}, {"aburridas", -2}, {"aburrido", -2}, {"aburridos", -2}, {"abuso", -3},
	{"accesible", 2}, {"accesibles", 2}, {"acogedor", 2}, {"acogedora", 2}, {"acosado", -3}, {"acoso", -3},
	{"actualizado", 1}, {"adecuada", 1}, {"adecuado", 1}, {"agradable", 2}, {"agradables", 2}, {"agradecida", 2},
	{"agradecidas", 2}, {"agradecido", 2}, {"agradecidos", 2}, {"agradezco", 2}, {"aislada", -2}, {"aislado", -2},
	{"alegre", 2}, {"alegria", 2}, {"alegría", 2}, {"amable", 2}, {"amables", 2}, {"amenaza", -2}, {"amigable", 2},
	{"ansiedad", -2}, {"anticuado", -1}, {"apoyada", 2}, {"apoyado", 2}, {"apreciamos", 2}, {"aprecio", 2},
	{"arreglado", 1}, {"asqueroso", -3}, {"asustado", -2}, {"atenta", 2}, {"atento", 2}, {"ayudaron", 2},
	{"ayudo", 2}, {"ayudó", 2}, {"bien", 1}, {"bienvenida", 2}, {"bienvenido", 2}, {"bonita", 2}, {"bonito", 2},
	{"buen", 2}, {"buena", 2}, {"buenas", 2}, {"bueno", 2}, {"buenos", 2}, {"cansada", -1}, {"cansado", -1},
	{"caos", -2}, {"carinosa", 2}, {"carinoso", 2}, {"cariñosa", 2}, {"cariñoso", 2}, {"caro", -1}, {"clara", 1},
	{"claro", 1}, {"comoda", 2}, {"comodo", 2}, {"complicada", -1}, {"complicado", -1}, {"confiable", 2},
	{"confianza", 1}, {"confusa", -2}, {"confusion", -2}, {"confusión", -2}, {"confuso", -2}, {"contenta", 2},
	{"contento", 2}, {"contentos", 2}, {"corrupcion", -3}, {"corrupción", -3}, {"corrupto", -3}, {"costosa", -1},
	{"costoso", -1}, {"crimen", -2}, {"cómoda", 2}, {"cómodo", 2}, {"danada", -2}, {"danado", -2}, {"dano", -2},
	{"dañada", -2}, {"dañado", -2}, {"daño", -2}, {"decepcion", -2}, {"decepcionada", -2}, {"decepcionado", -2},
	{"decepcionados", -2}, {"decepcionante", -2}, {"decepción", -2}, {"dedicada", 2}, {"dedicado", 2},
	{"deficiencias", -1}, {"deficiente", -2}, {"deliciosa", 2}, {"delicioso", 2}, {"demora", -1}, {"demoras", -1},
	{"desagradable", -2}, {"desastre", -3}, {"desastroso", -3}, {"descompuesto", -2}, {"descontento", -2},
	{"descuidado", -2}, {"desesperado", -2}, {"desigualdad", -2}, {"desorganizado", -2}, {"desperdicio", -2},
	{"dificil", -1}, {"dificiles", -1}, {"difícil", -1}, {"difíciles", -1}, {"discriminacion", -2},
	{"discriminación", -2}, {"discriminada", -2}, {"discriminado", -2}, {"disfruta", 2}, {"disfrutan", 2},
	{"disfruto", 2}, {"disponible", 1}, {"disponibles", 1}, {"divertida", 2}, {"divertido", 2}, {"divertidos", 2},
	{"eficiente", 2}, {"eficientes", 2}, {"emocionada", 2}, {"emocionado", 2}, {"encanta", 3}, {"encantada", 3},
	{"encantado", 3}, {"encantan", 3}, {"encanto", 3}, {"encantó", 3}, {"enfadado", -2}, {"enojada", -2},
	{"enojado", -2}, {"equitativa", 2}, {"equitativo", 2}, {"equivocado", -2}, {"error", -1}, {"errores", -1},
	{"escaso", -1}, {"escuchada", 2}, {"escuchado", 2}, {"escuchados", 2}, {"espantoso", -3}, {"esperanza", 1},
	{"estres", -1}, {"estresado", -2}, {"estrés", -1}, {"estupenda", 3}, {"estupendo", 3}, {"excelente", 3},
	{"excelentes", 3}, {"excluida", -2}, {"excluido", -2}, {"excluidos", -2}, {"exito", 2}, {"exitosa", 2},
	{"exitoso", 2}, {"facil", 2}, {"faciles", 2}, {"falla", -2}, {"fallas", -2}, {"fallo", -2}, {"falló", -2},
	{"falta", -1}, {"faltan", -1}, {"fantastica", 3}, {"fantastico", 3}, {"fantástica", 3}, {"fantástico", 3},
	{"fatal", -3}, {"fea", -2}, {"felices", 2}, {"felicidad", 2}, {"feliz", 2}, {"feo", -2}, {"flexible", 2},
	{"frustracion", -2}, {"frustración", -2}, {"frustrada", -2}, {"frustrado", -2}, {"frustrante", -2},
	{"funciona", 1}, {"funcionan", 1}, {"funciono", 1}, {"funcionó", 1}, {"fácil", 2}, {"fáciles", 2},
	{"genial", 3}, {"geniales", 3}, {"gracias", 2}, {"gratis", 1}, {"gratuita", 1}, {"gratuito", 1},
	{"grosera", -2}, {"grosero", -2}, {"gusta", 2}, {"gustan", 2}, {"gusto", 2}, {"gustó", 2}, {"harta", -2},
	{"harto", -2}, {"horrible", -3}, {"horribles", -3}, {"hostil", -2}, {"ignorada", -2}, {"ignorado", -2},
	{"ignorados", -2}, {"imposible", -2}, {"inaccesible", -2}, {"inaceptable", -3}, {"inadecuada", -2},
	{"inadecuado", -2}, {"inclusiva", 2}, {"inclusivo", 2}, {"incomoda", -2}, {"incomodo", -2},
	{"incompetente", -3}, {"incompetentes", -3}, {"increible", 3}, {"increibles", 3}, {"increíble", 3},
	{"increíbles", 3}, {"incómoda", -2}, {"incómodo", -2}, {"injusta", -2}, {"injusticia", -2}, {"injusto", -2},
	{"insatisfecho", -2}, {"insegura", -2}, {"inseguro", -2}, {"insuficiente", -2}, {"insuficientes", -2},
	{"interesante", 1}, {"interesantes", 1}, {"inutil", -2}, {"inutiles", -2}, {"inútil", -2}, {"inútiles", -2},
	{"irrespetuoso", -2}, {"irresponsable", -2}, {"justa", 1}, {"justo", 1}, {"lamentable", -2},
	{"lamentablemente", -1}, {"lenta", -1}, {"lentas", -1}, {"lento", -1}, {"lentos", -1}, {"limpia", 2},
	{"limpio", 2}, {"linda", 2}, {"lindo", 2}, {"logro", 2}, {"logros", 2}, {"mal", -2}, {"mala", -2},
	{"malas", -2}, {"malisimo", -3}, {"malo", -2}, {"malos", -2}, {"malísimo", -3}, {"maravillosa", 3},
	{"maravillosas", 3}, {"maravilloso", 3}, {"maravillosos", 3}, {"mediocre", -1}, {"mejor", 2}, {"mejora", 1},
	{"mejorada", 2}, {"mejorado", 2}, {"mejoras", 1}, {"mejores", 2}, {"mejoro", 2}, {"mejoró", 2}, {"mentira", -2},
	{"mentiras", -2}, {"miedo", -2}, {"molesta", -2}, {"molesto", -2}, {"motivada", 2}, {"motivado", 2},
	{"negativa", -2}, {"negativo", -2}, {"obsoleto", -2}, {"odia", -3}, {"odian", -3}, {"odio", -3},
	{"organizada", 2}, {"organizado", 2}, {"orgullosa", 2}, {"orgulloso", 2}, {"orgullosos", 2}, {"peligro", -2},
	{"peligrosa", -2}, {"peligroso", -2}, {"perdida", -1}, {"perfecta", 3}, {"perfecto", 3}, {"pesima", -3},
	{"pesimo", -3}, {"positiva", 2}, {"positivo", 2}, {"practico", 1}, {"preocupa", -1}, {"preocupacion", -1},
	{"preocupación", -1}, {"preocupada", -2}, {"preocupado", -2}, {"preocupados", -2}, {"preparado", 1},
	{"problema", -1}, {"problemas", -1}, {"profesional", 2}, {"profesionales", 2}, {"práctico", 1}, {"puntual", 2},
	{"pérdida", -1}, {"pésima", -3}, {"pésimo", -3}, {"queja", -1}, {"quejas", -1}, {"racismo", -3},
	{"racista", -3}, {"rapida", 1}, {"rapido", 1}, {"recomiendo", 2}, {"respetada", 2}, {"respetado", 2},
	{"respetuosa", 2}, {"respetuoso", 2}, {"resuelto", 2}, {"retraso", -1}, {"retrasos", -1}, {"riesgo", -1},
	{"robo", -2}, {"robos", -2}, {"rota", -2}, {"rotas", -2}, {"roto", -2}, {"rotos", -2}, {"ruido", -1},
	{"rápida", 1}, {"rápido", 1}, {"saludable", 2}, {"saludables", 2}, {"satisfecha", 2}, {"satisfecho", 2},
	{"satisfechos", 2}, {"segura", 1}, {"seguro", 1}, {"sencilla", 1}, {"sencillo", 1}, {"solucionado", 2},
	{"sucia", -2}, {"sucias", -2}, {"sucio", -2}, {"sucios", -2}, {"suficiente", 1}, {"terrible", -3},
	{"terribles", -3}, {"toxico", -2}, {"tranquila", 1}, {"tranquilo", 1}, {"transparente", 2}, {"triste", -2},
	{"tristes", -2}, {"tristeza", -2}, {"tóxico", -2}, {"unida", 2}, {"unido", 2}, {"util", 2}, {"utiles", 2},
	{"valiosa", 2}, {"valioso", 2}, {"valorada", 2}, {"valorado", 2}, {"vergonzoso", -3}, {"verguenza", -2},
	{"vergüenza", -2}, {"violencia", -3}, {"violento", -2}, {"éxito", 2}, {"útil", 2}, {"útiles", 2},
};

/* The lists of one language, indexed by enum lexicon_lang; tag is its
 * BCP 47 tag in core/lang.h. */
static const struct lists {
	const char *tag;
	const char *const *stop;
	size_t nstop;
	const char *const *negator;
	size_t nnegator;
	const struct scored *sentiment;
	size_t nsentiment;
} lists[] = {
	[LEX_EN] = {"en", stop_en, COUNT(stop_en), negator_en, COUNT(negator_en), sentiment_en, COUNT(sentiment_en)},
	[LEX_ES] = {"es", stop_es, COUNT(stop_es), negator_es, COUNT(negator_es), sentiment_es, COUNT(sentiment_es)},
};

/* The lists of l, or NULL for a value outside the enum. */
static const struct lists *lists_of(enum lexicon_lang l)
{
	if ((unsigned)l >= COUNT(lists))
		return NULL;
	return &lists[l];
}

int lexicon_lang_of(const char *tag)
{
	if (!lang_has(tag, LANG_ANALYSIS))
		return -1;
	for (size_t i = 0; i < COUNT(lists); i++)
		if (strcmp(lists[i].tag, tag) == 0)
			return (int)i;
	return -1;
}

static int cmp_word(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

static int cmp_scored(const void *key, const void *elem)
{
	return strcmp(key, ((const struct scored *)elem)->word);
}

static bool in_list(const char *const *list, size_t n, const char *word)
{
	return word && bsearch(word, list, n, sizeof(*list), cmp_word);
}

bool lexicon_stop(enum lexicon_lang l, const char *word)
{
	const struct lists *ls = lists_of(l);
	return ls && in_list(ls->stop, ls->nstop, word);
}

bool lexicon_negator(enum lexicon_lang l, const char *word)
{
	const struct lists *ls = lists_of(l);
	return ls && in_list(ls->negator, ls->nnegator, word);
}

int lexicon_sentiment(enum lexicon_lang l, const char *word)
{
	const struct lists *ls = lists_of(l);
	if (!ls || !word)
		return 0;
	const struct scored *s = bsearch(word, ls->sentiment, ls->nsentiment, sizeof(*s), cmp_scored);
	return s ? s->score : 0;
}

size_t lexicon_stop_count(enum lexicon_lang l)
{
	const struct lists *ls = lists_of(l);
	return ls ? ls->nstop : 0;
}

size_t lexicon_sentiment_count(enum lexicon_lang l)
{
	const struct lists *ls = lists_of(l);
	return ls ? ls->nsentiment : 0;
}

const char *const *lexicon_stop_list(enum lexicon_lang l, size_t *n)
{
	const struct lists *ls = lists_of(l);
	*n = ls ? ls->nstop : 0;
	return ls ? ls->stop : NULL;
}

const char *const *lexicon_negator_list(enum lexicon_lang l, size_t *n)
{
	const struct lists *ls = lists_of(l);
	*n = ls ? ls->nnegator : 0;
	return ls ? ls->negator : NULL;
}

bool lexicon_sentiment_entry(enum lexicon_lang l, size_t i, const char **word, int *score)
{
	const struct lists *ls = lists_of(l);
	if (!ls || i >= ls->nsentiment)
		return false;
	*word = ls->sentiment[i].word;
	*score = ls->sentiment[i].score;
	return true;
}

#!/usr/bin/python3
"""A synthetic survey of open-ended comments with planted topics.

    corpus.py --rows 100000 --seed 7 --out corpus.csv

writes a CSV (UTF-8, CRLF record ends, RFC 4180 quoting) with the header
id,group,topic,comment.  The comments are about a school district's laptop
rollout and answer to one of 8 planted topics; `topic` (0..7) is the ground
truth, for scoring only: never give it to the tools under test.

How a comment is made:
  - its group (families, students, teachers, community) is drawn by the
    groups' sizes, then its topic from that group's preference over topics
    (GROUP_TOPIC_MIX below, fixed so that runs stay comparable across seeds);
    topic 0 (home internet) is raised at the same rate in every group
    ("common ground"); topic 5 (teacher training) comes 75% from teachers
    ("divergence"); every topic appears in every group;
  - its length is 6..30 words (triangular, most around 12);
  - each word slot is a word or two-word phrase of its own topic (~60%),
    filler (stop words and words every comment uses, ~30%) or a word of
    another, random topic (~10%, noise).  Topical words come in several
    forms (plural, -ing, -ed ...), so stemming matters;
  - the words are cut into 1..3 sentences, capitalised, with commas, some
    "quoted" phrases, some SHOUTED words and, rarely, a line break inside
    the comment (~0.5% of comments), so that CSV quoting is exercised;
  - about 5% of comments are in Spanish (parallel vocabularies), more among
    families and community members; they keep their topic.

Deterministic: the same arguments give a byte-identical file (one
random.Random(seed); no global random state, no hash-order dependence).
Python 3 standard library only.
"""
import argparse
import csv
import sys
import random

GROUPS = ["families", "students", "teachers", "community"]
GROUP_SIZES = [0.40, 0.25, 0.20, 0.15]
# P(topic | group), rows sum to 1.  Topic 0 at 0.14 everywhere: its groups
# follow the groups' sizes exactly (common ground).  Topic 5: teachers 0.30,
# others 0.025: 0.2*0.30 / (0.2*0.30 + 0.8*0.025) = 0.75 of it from teachers.
GROUP_TOPIC_MIX = [
	# 0     1     2     3     4     5      6     7
	[0.14, 0.20, 0.10, 0.12, 0.20, 0.025, 0.12, 0.095],  # families
	[0.14, 0.12, 0.22, 0.05, 0.06, 0.025, 0.18, 0.205],  # students
	[0.14, 0.10, 0.16, 0.08, 0.04, 0.30, 0.12, 0.06],    # teachers
	[0.14, 0.08, 0.06, 0.26, 0.22, 0.025, 0.10, 0.115],  # community
]
# Share of Spanish comments per group (about 5% overall).
GROUP_SPANISH = [0.07, 0.03, 0.01, 0.08]

TOPIC_NAMES = [
	"home internet access",
	"screen time rules",
	"device repair and help desk",
	"language access and translation",
	"cost, fees and insurance",
	"teacher training and classroom use",
	"privacy, monitoring and filters",
	"transportation and bus wifi",
]

# Vocabulary notation, one entry per lemma, most frequent first:
#   "word"          no other form
#   "word/n"        noun: word, plural
#   "word/v"        verb: word, -s, -ing, -ed
#   "word/vv"       verb doubling its last consonant: stop, stopping, stopped
#   "a|b|c"         the forms given, as written
# Phrases: "two words", or "a b|a bs" for their forms.
EN_TOPICS = [
	{  # 0 home internet access
		"words": [
			"internet", "wifi|WiFi|Wi-Fi", "connection/n", "hotspot/n", "broadband", "signal/n",
			"router/n", "bandwidth", "connect/v", "provider/n", "modem/n", "outage/n", "coverage",
			"rural", "cellular", "speed/n", "slow|slower|slowest", "download/v", "upload/v",
			"disconnect/v", "buffer/v", "lag/vv", "fiber", "cable/n", "subscription/n", "apartment/n",
			"neighborhood/n", "library|libraries", "access/v", "offline", "online", "reliable",
			"unreliable", "spotty", "mobile", "network/n", "reception", "satellite/n", "carrier/n",
			"unlimited", "household/n",
		],
		"phrases": [
			"home internet", "internet access", "mobile hotspot|mobile hotspots", "data cap|data caps",
			"slow connection", "parking lot", "public library", "dead zone|dead zones", "free wifi",
			"internet provider|internet providers", "signal strength", "cell service",
			"broadband access", "keeps disconnecting", "rural areas",
		],
	},
	{  # 1 screen time rules
		"words": [
			"screen/n", "limit/v", "hour/n", "bedtime/n", "sleep|sleeps|sleeping|slept", "game/n",
			"gaming", "YouTube|youtube", "video/n", "TikTok|tiktok", "addicted|addiction|addictive",
			"rule/n", "curfew/n", "balance/v", "outdoor|outdoors", "exercise/v", "distract/v",
			"distraction/n", "attention", "focus/v", "eye/n", "strain/n", "headache/n", "habit/n",
			"healthy|unhealthy", "evening/n", "night/n", "dinner/n", "weekend/n", "boredom|bored",
			"entertainment", "scroll/v", "binge/v", "Netflix|netflix", "timer/n", "restrict/v",
			"moderation", "overuse", "supervise/v", "anxiety|anxious", "book/n",
		],
		"phrases": [
			"screen time", "time limits|time limit", "social media", "mental health",
			"video games|video game", "eye strain", "family time", "physical activity",
			"sleep schedule", "late night|late nights", "parental controls", "outdoor play",
			"attention span", "house rules", "bedtime routine",
		],
	},
	{  # 2 device repair and help desk
		"words": [
			"repair/v", "broken|break|breaks|breaking|broke", "crack/v", "fix/v", "replace/v",
			"replacement/n", "charger/n", "battery|batteries", "keyboard/n", "key/n", "hinge/n",
			"trackpad/n", "ticket/n", "technician/n", "tech|techs", "support", "loaner/n",
			"freeze|freezes|freezing|froze|frozen", "crash/v", "reboot/v", "restart/v", "update/v",
			"glitch/n", "error/n", "password/n", "reset|resets|resetting", "wait/v", "turnaround",
			"spill|spills|spilling|spilled", "troubleshoot|troubleshoots|troubleshooting|troubleshot", "malfunction/v", "drop/vv", "power",
			"port/n", "cord/n", "swap/vv", "dead", "stuck", "boot/v", "sticky",
		],
		"phrases": [
			"help desk", "cracked screen|cracked screens", "loaner laptop|loaner laptops",
			"dead battery", "tech support", "repair ticket|repair tickets", "keeps crashing",
			"turnaround time", "spare charger|spare chargers", "broken hinge", "sticky keys",
			"password reset", "repair shop", "service center", "software update|software updates",
		],
	},
	{  # 3 language access and translation
		"words": [
			"translate/v", "translation/n", "translator/n", "interpret/v", "interpreter/n",
			"Spanish", "English", "language/n", "bilingual", "multilingual", "Vietnamese", "Somali",
			"Arabic", "Mandarin", "Tagalog", "immigrant/n", "newcomer/n", "ESL", "native", "fluent",
			"fluency", "understand|understands|understanding|understood", "confuse/v", "letter/n",
			"notice/n", "flyer/n", "caption/n", "subtitle/n", "accent/n", "communicate/v",
			"outreach", "liaison/n", "culture/n", "cultural", "accessible", "literacy",
			"dictionary|dictionaries", "speak|speaks|speaking|spoke|spoken", "multiple",
			"translated|untranslated",
		],
		"phrases": [
			"home language", "language barrier|language barriers", "Spanish speaking",
			"English learners|English learner", "translated materials", "family liaison",
			"phone interpreter", "interpretation services", "native language",
			"translation app", "Google Translate", "bilingual staff", "multilingual families",
			"closed captions", "first language",
		],
	},
	{  # 4 cost, fees and insurance
		"words": [
			"fee/n", "cost|costs|costing|costly", "price/n", "pay|pays|paying|paid", "payment/n",
			"insurance", "insure/v", "deductible/n", "charge/v", "afford/v", "affordable", "expensive",
			"cheap|cheaper", "money", "dollar/n", "budget/n", "tax/n", "taxpayer/n", "bill/n",
			"invoice/n", "waiver/n", "waive/v", "refund/v", "deposit/n", "rent/v", "reimburse/v",
			"income", "poverty", "financial|financially", "warranty|warranties", "claim/n",
			"liability", "liable", "purchase/v", "buy|buys|buying|bought", "owe/v", "debt/n",
			"penalty|penalties", "subsidy|subsidies", "grant/n", "fund/v",
			"spend|spends|spending|spent",
		],
		"phrases": [
			"insurance fee|insurance fees", "technology fee", "replacement cost", "insurance plan",
			"financial hardship", "payment plan", "hidden fees", "annual fee", "low income",
			"damage claim", "tax dollars", "school budget", "fee waiver", "budget cuts",
			"sliding scale",
		],
	},
	{  # 5 teacher training and classroom use
		"words": [
			"train/v", "lesson/n", "curriculum", "classroom/n", "instruct/v", "instructional",
			"workshop/n", "coach/v", "pedagogy", "platform/n", "Canvas", "assignment/n", "grade/v",
			"rubric/n", "project/n", "collaborate/v", "collaboration", "engage/v", "engagement",
			"integrate/v", "integration", "differentiate/v", "prep|prepping", "planning", "digital",
			"skill/n", "learning", "teach|teaches|teaching|taught", "substitute/n", "mentor/n",
			"session/n", "tutorial/n", "module/n", "tool/n", "quiz|quizzes", "feedback",
			"interactive", "presentation/n", "slide/n", "whiteboard/n", "PD", "workload/n",
		],
		"phrases": [
			"professional development", "Google Classroom", "lesson plans|lesson plan",
			"teacher training", "classroom management", "learning platform", "digital citizenship",
			"instructional time", "training sessions", "prep time", "online assignments",
			"student engagement", "instructional coach|instructional coaches", "best practices",
			"tech integration",
		],
	},
	{  # 6 privacy, monitoring and filters
		"words": [
			"privacy", "private", "monitor/v", "surveillance", "track/v", "filter/v", "block/v",
			"website/n", "site/n", "camera/n", "webcam/n", "spy|spies|spying|spied", "data",
			"collect/v", "consent/v", "permission/n", "vendor/n", "log/vv", "history", "browse/v",
			"browser/n", "location/n", "GoGuardian", "Securly", "administrator/n", "protect/v",
			"safety", "inappropriate", "content", "policy|policies", "sell|sells|selling|sold",
			"personal", "information", "secure", "microphone/n", "screenshot/n", "keystroke/n",
			"flag/vv", "alert/n", "trust/v", "creepy", "invasive", "FERPA",
		],
		"phrases": [
			"student data", "web filter|web filters", "browsing history", "third party|third parties",
			"personal information", "data privacy", "monitoring software",
			"blocked websites|blocked sites", "camera access", "location tracking",
			"privacy policy", "inappropriate content", "opt out", "keystroke logging",
			"search history",
		],
	},
	{  # 7 transportation and bus wifi
		"words": [
			"bus|buses", "ride|rides|riding|rode", "route/n", "commute/v", "driver/n", "morning/n",
			"afternoon/n", "minute/n", "trip/n", "travel|travels|traveling|traveled", "transport/v",
			"transportation", "seat/n", "county|counties", "pickup/n", "dropoff/n", "late|later",
			"early|earlier", "delay/v", "lengthy", "distance/n", "mile/n", "highway/n", "carpool/v",
			"van/n", "shuttle/n", "board/v", "car/n", "traffic", "transfer|transfers|transferring|transferred",
			"depot/n", "GPS", "walk/v", "sidewalk/n", "crossing/n", "stop|stops", "transit",
			"athletic|athletics", "tournament/n", "motion",
		],
		"phrases": [
			"bus wifi", "bus ride|bus rides", "bus stop|bus stops", "field trip|field trips",
			"bus route|bus routes", "bus driver|bus drivers", "ride home", "activity bus",
			"rural routes", "morning commute", "travel time", "late bus", "transit pass|transit passes",
			"public transit", "away games",
		],
	},
]

# Filler: English stop words (mostly), and words that every kind of comment
# uses (these are not stop words: they are the tools' problem to discount).
EN_STOP = [
	"the", "the", "the", "a", "a", "and", "and", "to", "to", "of", "in", "on", "for", "with",
	"at", "from", "is", "are", "was", "be", "been", "it", "this", "that", "we", "our", "my",
	"I", "they", "their", "you", "your", "would", "could", "should", "will", "can", "do",
	"does", "not", "no", "very", "so", "because", "if", "when", "about", "more", "also",
	"just", "all", "some", "there", "have", "has", "had", "what", "how", "still", "even",
	"much", "too", "many", "only", "don't", "can't", "it's", "we're", "doesn't", "isn't",
	"me", "us", "them", "but", "or", "than", "then", "as", "by", "up", "out",
]
EN_COMMON = [
	"kids", "school", "schools", "district", "laptop", "laptops", "device", "devices",
	"Chromebook", "Chromebooks", "year", "child", "children", "son", "daughter", "students",
	"parents", "families", "teachers", "class", "homework", "work", "need", "needs", "think",
	"feel", "want", "help", "good", "better", "great", "problem", "problems", "issue",
	"issues", "time", "day", "days", "week", "people", "program", "thing", "things", "lot",
	"new", "everyone", "sure", "easy", "hard", "use", "using", "used", "home", "really",
	"please", "thanks", "honestly", "right", "now",
]

ES_TOPICS = [
	{  # 0
		"words": ["internet", "wifi", "conexión|conexiones", "señal|señales", "lento|lenta|lentos",
			"proveedor|proveedores", "velocidad", "red|redes", "cobertura", "rural|rurales",
			"conectar|conectarse|conectado|conectados", "desconecta|desconectado|desconectarse",
			"módem", "biblioteca", "datos", "descargar|descarga", "hotspot", "apartamento|apartamentos",
			"antena", "inalámbrico"],
		"phrases": ["sin internet", "internet gratis", "señal débil", "zona rural", "punto wifi",
			"internet lento"],
	},
	{  # 1
		"words": ["pantalla|pantallas", "límite|límites|limitar", "hora|horas", "dormir|duermen|duerme",
			"juego|juegos", "videojuegos", "YouTube", "TikTok", "regla|reglas", "adicción|adictos",
			"distracción|distraídos", "noche|noches", "cena", "ojos", "dolor", "hábito|hábitos",
			"afuera", "ejercicio", "aburridos", "celular|celulares"],
		"phrases": ["redes sociales", "salud mental", "control parental", "videojuegos violentos",
			"hora límite", "horario nocturno"],
	},
	{  # 2
		"words": ["reparar|reparación|reparaciones", "roto|rota|rotos|rompió", "arreglar|arreglo",
			"cargador|cargadores", "batería|baterías", "teclado|teclados", "pantalla|pantallas",
			"técnico|técnicos", "soporte", "préstamo", "congela|congelada", "error|errores",
			"contraseña|contraseñas", "reiniciar|reinicia", "esperar|esperando", "funciona|funcionaba",
			"cambiar|reemplazo", "daño|dañado|dañada", "tecla|teclas", "bisagra"],
		"phrases": ["servicio técnico", "pantalla rota", "batería muerta", "teclado roto",
			"computadora prestada", "semanas esperando"],
	},
	{  # 3
		"words": ["traducir|traducción|traducciones|traducido|traducidos", "intérprete|intérpretes",
			"español", "inglés", "idioma|idiomas", "bilingüe|bilingües", "entender|entiendo|entendemos",
			"carta|cartas", "aviso|avisos", "mensaje|mensajes", "comunicación|comunicar",
			"inmigrante|inmigrantes", "lengua", "hablar|hablamos|hablo", "explicar|explicación",
			"cultura|cultural", "materiales", "confuso|confusa", "vietnamita", "árabe"],
		"phrases": ["materiales traducidos", "lengua materna", "hablamos español",
			"intérprete telefónico", "cartas traducidas", "barrera idiomática"],
	},
	{  # 4
		"words": ["costo|costos", "cuota|cuotas", "pagar|pago|pagos|pagamos", "seguro|seguros",
			"dinero", "caro|cara|caros", "precio|precios", "dólares", "presupuesto", "impuestos",
			"factura|facturas", "multa|multas", "deuda|deudas", "gratis", "ingreso|ingresos",
			"económico|económica", "reembolso", "depósito", "comprar|compra", "gastar|gasto|gastos"],
		"phrases": ["bajos ingresos", "cuota anual", "seguro obligatorio", "sin costo",
			"pago mensual", "dinero extra"],
	},
	{  # 5
		"words": ["maestro|maestros|maestra|maestras", "capacitación|capacitaciones", "entrenamiento",
			"clase|clases", "lección|lecciones", "currículo", "enseñar|enseña|enseñanza", "taller|talleres",
			"plataforma|plataformas", "tarea|tareas", "calificaciones", "proyecto|proyectos",
			"aprendizaje", "herramienta|herramientas", "digital|digitales", "salón", "instrucción",
			"preparación", "colaborar|colaboración", "presentación|presentaciones"],
		"phrases": ["desarrollo profesional", "Google Classroom", "capacitación docente",
			"tareas digitales", "salón virtual", "maestros capacitados"],
	},
	{  # 6
		"words": ["privacidad", "privado|privada", "monitorear|monitoreo", "vigilancia",
			"rastrear|rastreo", "filtro|filtros", "bloquear|bloqueado|bloqueados",
			"sitio|sitios", "cámara|cámaras", "espiar|espían", "datos", "información",
			"permiso|permisos", "historial", "ubicación", "seguridad", "personal|personales",
			"proteger|protección", "contenido", "inapropiado|inapropiados"],
		"phrases": ["datos personales", "sin permiso", "sitios web", "información personal",
			"filtro web", "cámara encendida"],
	},
	{  # 7
		"words": ["autobús|autobuses", "camión|camiones", "ruta|rutas", "viaje|viajes",
			"chofer|choferes", "mañana|mañanas", "tarde|tardes", "minutos", "parada|paradas",
			"transporte", "lejos", "distancia", "millas", "carretera", "caminar|caminan",
			"recoger|recogen", "temprano", "esperar|espera", "excursión|excursiones", "asiento|asientos"],
		"phrases": ["autobús escolar", "viaje largo", "ruta rural", "paradas lejanas",
			"wifi autobús", "hora pico"],
	},
]
ES_STOP = [
	"el", "la", "la", "los", "las", "de", "de", "que", "que", "y", "y", "en", "en", "para",
	"por", "con", "no", "es", "son", "muy", "pero", "porque", "nuestros", "mis", "su", "sus",
	"más", "también", "cuando", "hay", "un", "una", "lo", "se", "nos", "ya", "como", "del",
	"al", "todo", "esta", "este",
]
ES_COMMON = [
	"hijos", "hija", "hijo", "escuela", "distrito", "computadora", "computadoras", "laptop",
	"necesitamos", "queremos", "creo", "favor", "gracias", "mucho", "todos", "tiene",
	"tienen", "problema", "problemas", "niños", "padres", "familias", "año", "ayuda",
]


def _noun_plural(w):
	if w.endswith(("s", "x", "z", "ch", "sh")):
		return w + "es"
	if w.endswith("y") and len(w) > 1 and w[-2] not in "aeiou":
		return w[:-1] + "ies"
	return w + "s"


def _verb_forms(w, double=False):
	s = _noun_plural(w)
	if double:
		ing, ed = w + w[-1] + "ing", w + w[-1] + "ed"
	elif w.endswith("e") and not w.endswith("ee"):
		ing, ed = w[:-1] + "ing", w + "d"
	elif w.endswith("y") and w[-2] not in "aeiou":
		ing, ed = w + "ing", w[:-1] + "ied"
	else:
		ing, ed = w + "ing", w + "ed"
	return [w, s, ing, ed]


def _forms(entry):
	"""(forms, weights) of one vocabulary entry."""
	if "|" in entry:
		forms = entry.split("|")
		# The first form is the usual one.
		return forms, [2.0] + [1.0] * (len(forms) - 1)
	if entry.endswith("/n"):
		w = entry[:-2]
		return [w, _noun_plural(w)], [3.0, 2.0]
	if entry.endswith("/vv"):
		return _verb_forms(entry[:-3], True), [4.0, 1.5, 2.5, 2.0]
	if entry.endswith("/v"):
		return _verb_forms(entry[:-2]), [4.0, 1.5, 2.5, 2.0]
	return [entry], [1.0]


class Vocab:
	"""A topic's words (Zipf-like: earlier entries are more frequent) and phrases."""

	def __init__(self, words, phrases):
		self.entries = [_forms(e) for e in words]
		self.entry_cum = _cumulative([1.0 / (i + 1) ** 0.7 for i in range(len(words))])
		self.phrases = [p.split("|") for p in phrases]
		self.phrase_cum = _cumulative([1.0 / (i + 1) ** 0.5 for i in range(len(phrases))])

	def word(self, rng):
		forms, weights = self.entries[_pick(rng, self.entry_cum)]
		if len(forms) == 1:
			return forms[0]
		return rng.choices(forms, weights)[0]

	def phrase(self, rng):
		return rng.choice(self.phrases[_pick(rng, self.phrase_cum)])


def _cumulative(weights):
	out, total = [], 0.0
	for w in weights:
		total += w
		out.append(total)
	return out


def _pick(rng, cum):
	"""An index drawn by cumulative weights (what random.choices does, kept
	explicit so that the file does not depend on its implementation)."""
	x = rng.random() * cum[-1]
	lo, hi = 0, len(cum) - 1
	while lo < hi:
		mid = (lo + hi) // 2
		if cum[mid] > x:
			hi = mid
		else:
			lo = mid + 1
	return lo


class Language:
	def __init__(self, topics, stop, common):
		self.topics = [Vocab(t["words"], t["phrases"]) for t in topics]
		self.stop = stop
		self.common = common


EN = Language(EN_TOPICS, EN_STOP, EN_COMMON)
ES = Language(ES_TOPICS, ES_STOP, ES_COMMON)

P_TOPIC, P_FILLER = 0.60, 0.30          # the rest: noise from another topic
P_PHRASE = 0.22                         # of topical slots: a two-word phrase
P_FILLER_STOP = 0.65                    # of filler: a stop word


def _comment_words(rng, lang, topic):
	"""Units (one or two words each) of one comment and their word count."""
	target = round(rng.triangular(6, 30, 10))
	units, n = [], 0
	while n < target:
		r = rng.random()
		if r < P_TOPIC:
			if target - n >= 2 and rng.random() < P_PHRASE:
				units.append(("phrase", lang.topics[topic].phrase(rng)))
				n += 2
				continue
			units.append(("word", lang.topics[topic].word(rng)))
		elif r < P_TOPIC + P_FILLER:
			pool = lang.stop if rng.random() < P_FILLER_STOP else lang.common
			units.append(("filler", rng.choice(pool)))
		else:
			other = rng.randrange(len(lang.topics) - 1)
			if other >= topic:
				other += 1
			units.append(("word", lang.topics[other].word(rng)))
		n += 1
	return units


def _format(rng, units):
	"""Units into sentence-like text."""
	nsent = 1 if len(units) < 8 else rng.choice((1, 2, 2, 3)) if len(units) < 16 else rng.choice((2, 3, 3))
	# Sentence breaks at distinct unit indexes, never first.
	cuts = sorted(rng.sample(range(2, len(units)), min(nsent - 1, max(0, len(units) - 2))))
	out = []
	start = True
	for i, (kind, text) in enumerate(units):
		if i in cuts:
			out[-1] += rng.choice((".", ".", ".", "!", "?"))
			out.append("\n" if rng.random() < 0.005 else "")
			start = True
		if kind == "phrase" and rng.random() < 0.06:
			text = '"' + text + '"'
		elif kind == "word" and rng.random() < 0.015:
			text = text.upper()
		if start:
			text = text[0].upper() + text[1:] if text[0] != '"' else '"' + text[1].upper() + text[2:]
			start = False
		if i + 1 < len(units) and i + 1 not in cuts and rng.random() < 0.07:
			text += ","
		out.append(text)
	end = rng.random()
	if end < 0.70:
		out[-1] += "."
	elif end < 0.80:
		out[-1] += "!"
	elif end < 0.85:
		out[-1] += "..."
	# else: no final punctuation, as people write
	text = " ".join(out)
	return text.replace(" \n ", "\n").replace("  ", " ")


def generate(rows, seed, out):
	rng = random.Random(seed)
	group_cum = _cumulative(GROUP_SIZES)
	mix_cum = [_cumulative(m) for m in GROUP_TOPIC_MIX]
	w = csv.writer(out, lineterminator="\r\n")
	w.writerow(["id", "group", "topic", "comment"])
	for i in range(1, rows + 1):
		g = _pick(rng, group_cum)
		t = _pick(rng, mix_cum[g])
		lang = ES if rng.random() < GROUP_SPANISH[g] else EN
		w.writerow([i, GROUPS[g], t, _format(rng, _comment_words(rng, lang, t))])


def main(argv=None):
	ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
	ap.add_argument("--rows", type=int, default=100000)
	ap.add_argument("--seed", type=int, default=7)
	ap.add_argument("--out", required=True, help="CSV file to write ('-' for stdout)")
	a = ap.parse_args(argv)
	if a.rows < 1:
		ap.error("--rows must be at least 1")
	if a.out == "-":
		generate(a.rows, a.seed, sys.stdout)
	else:
		with open(a.out, "w", encoding="utf-8", newline="") as f:
			generate(a.rows, a.seed, f)
	return 0


if __name__ == "__main__":
	sys.exit(main())

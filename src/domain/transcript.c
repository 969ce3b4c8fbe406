/* transcript: WebVTT, SRT, SBV and plain-text transcripts into segments.
 *
 * Two passes.  The first reads cues (VTT, SRT, SBV) or classifies lines (text)
 * and counts every "Name: text" candidate; the second decides which
 * candidates are speakers (see accept()) and builds the segments.  The
 * decision needs the whole file: "Note: remember" is a speaker in a file
 * whose cues all start "Name:", and text in a file where nobody is named.
 *
 * Cleaned text never takes more bytes than the raw text it comes from
 * (a character reference is longer than the UTF-8 it stands for, runs of
 * whitespace become one space, tags vanish), so
 * each cue is cleaned straight into an arena block of its raw size.
 */
#include "domain/transcript.h"

#include "core/i18n.h"

#define U(n, t, m, l) .name = n, .type = t, .off = offsetof(struct transcript_upload, m), .label = l
const struct field transcript_upload_fields[] = {
	{U("format", FIELD_LINE, format, N_("The format")), .max = 8},
	{U("filename", FIELD_LINE, filename, N_("The file's name")), .max = 255},
	FIELD_END,
};
#undef U

#define P(n, m, l) .name = n, .type = FIELD_INT, .off = offsetof(struct transcript_page_ask, m), .label = l
const struct field transcript_page_fields[] = {
	{P("after_transcript", after_transcript, N_("The transcript to continue after")), .min = 0, .max = INT64_MAX},
	{P("after_seq", after_seq, N_("The segment to continue after")), .min = 0, .max = INT64_MAX},
	{P("limit", limit, N_("The number of segments")), .min = 1, .max = TRANSCRIPT_PAGE_MAX,
	 .msg = N_("The number of segments must be between 1 and 1,000.")},
	FIELD_END,
};
#undef P

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/hash.h"
#include "core/str.h"

#define MAX_NAME_CHARS 60    /* code points of a "Name:" speaker */
#define MAX_NAME_WORDS 6

/* Flags of read_time. */
#define TS_FRAC 1     /* the fraction (.500) is required */
#define TS_COMMA 2    /* ',' may start the fraction (SRT) */
#define TS_HOURS 4    /* the hours are required (h:mm:ss) */
#define TS_BARE 8     /* nothing but whitespace after the end time (SBV) */

static const char vtt_example[] = "00:01:02.500 --> 00:01:05.000";
static const char srt_example[] = "00:01:02,500 --> 00:01:05,000";
static const char sbv_example[] = "0:01:02.500,0:01:05.000";

/* How each cue format writes its timing line. */
struct cue_format {
	const char *sep;       /* between the two times */
	int flags;             /* of read_time, and TS_BARE */
	const char *example;   /* shown when a timing line is wrong */
	char frac;             /* the fraction's separator in messages */
};
static const struct cue_format cue_formats[] = {
	[TRANSCRIPT_VTT] = {"-->", TS_FRAC, vtt_example, '.'},
	[TRANSCRIPT_SRT] = {"-->", TS_FRAC | TS_COMMA, srt_example, ','},
	[TRANSCRIPT_SBV] = {",", TS_FRAC | TS_BARE, sbv_example, '.'},
};

/* One physical line, without its CR LF or LF. */
struct line {
	const char *p;
	size_t len;
	size_t no;   /* 1-based */
};

/* The input after the BOM, read a line at a time. */
struct reader {
	const char *s;
	size_t n, i;
	size_t no;   /* number of the next line */
};

/* A cue read by the first pass (VTT and SRT). */
struct cue {
	size_t line;
	int64_t start, end;
	const char *text;    /* cleaned, whole cue, non-empty */
	const char *voice;   /* <v Name>, cleaned; NULL when none */
	size_t name_len;     /* > 0: text starts with a "Name:" candidate */
	size_t rest;         /* where the text resumes after it */
	bool change;         /* SBV: ">>" opened it, a new speaker */
};

/* A name seen as a speaker or a candidate. */
struct name {
	const char *s;
	size_t len;
	size_t count;   /* cues or turns marked with it */
	int speaker;    /* index in speakers, -1 until one of them is kept */
};

struct parser {
	struct arena *a;
	struct err *e;
	enum transcript_format fmt;
	const char *s;      /* input after the BOM */
	size_t n;
	struct cue *cues;
	size_t ncues, capcues;
	struct name *names;   /* open addressing, capnames a power of two */
	size_t nnames, capnames;
	size_t units;         /* cues or turns that could name a speaker */
	size_t marked;        /* those that do: <v Name> or a candidate */
	const char **speakers;
	size_t nspeakers, capspeakers;
	struct transcript_segment *segs;
	size_t nsegs, capsegs;
	int64_t last_time;    /* latest known start, -1 before the first */
	size_t last_line;
	bool change;          /* SBV: a cue of only ">>" left the speaker unknown */
};

/* Writes cleaned text: whitespace collapsed, control characters dropped. */
struct writer {
	char *p;
	size_t len, cap;   /* cap excludes the NUL */
	bool space;        /* a space is owed before the next character */
};

/* ---- lines ---- */

/* Reads the next line into *l; false at the end of the input. */
static bool next_line(struct reader *r, struct line *l)
{
	const char *p, *nl;
	size_t len;

	if (r->i >= r->n)
		return false;
	p = r->s + r->i;
	nl = memchr(p, '\n', r->n - r->i);
	len = nl ? (size_t)(nl - p) : r->n - r->i;
	r->i += len + (nl != NULL);
	l->p = p;
	l->no = r->no++;
	if (len && p[len - 1] == '\r')
		len--;
	l->len = len;
	return true;
}

/* Whitespace of the formats: space, TAB, CR, LF, VT, FF. */
static bool is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' ||
	       c == '\f';
}

/* ASCII digits only: times are never written in other scripts. */
static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* The line without surrounding whitespace. */
static struct str trimmed(const struct line *l)
{
	const char *p = l->p;
	size_t n = l->len;

	while (n && is_ws(p[0])) {
		p++;
		n--;
	}
	while (n && is_ws(p[n - 1]))
		n--;
	return (struct str){p, n};
}

/* Nothing but whitespace: a line that separates blocks (but see
 * ends_block for WebVTT). */
static bool is_blank(const struct line *l)
{
	return trimmed(l).len == 0;
}

/* The line that ends a block of fmt.  WebVTT's parsing rules end a block
 * only at a line left empty once its terminator is removed, so a line of
 * spaces (YouTube writes " " lines in its cues) is text; the other formats
 * have no such rule and any blank line ends a cue. */
static bool ends_block(enum transcript_format fmt, const struct line *l)
{
	return fmt == TRANSCRIPT_VTT ? l->len == 0 : is_blank(l);
}

/* True when the line is word, alone or followed by whitespace (NOTE, STYLE). */
static bool starts_word(const struct line *l, const char *word)
{
	size_t n = strlen(word);

	return l->len >= n && memcmp(l->p, word, n) == 0 &&
	       (l->len == n || l->p[n] == ' ' || l->p[n] == '\t');
}

/* Holds "-->": a timing line, well-formed or not. */
static bool has_arrow(const struct line *l)
{
	return l->len >= 3 && memmem(l->p, l->len, "-->", 3) != NULL;
}

/* True when the trimmed line is all digits: an SRT cue number. */
static bool is_number(const struct line *l)
{
	struct str t = trimmed(l);

	for (size_t i = 0; i < t.len; i++)
		if (!is_digit(t.p[i]))
			return false;
	return t.len > 0;
}

/* ---- errors ---- */

/* Sets e to ERR_INVALID or ERR_LIMIT with "line N: " and the message. */
static int fail(struct parser *p, int code, size_t line, const char *msg)
{
	return err_set(p->e, code, "file", "line %zu: %s", line, msg);
}

/* ms as 00:01:02.500 (sep '.' or ','), or 00:01:02 when sep is 0. */
static void show_ms(char *out, size_t n, int64_t ms, char sep)
{
	long long h = ms / 3600000, m = ms / 60000 % 60, s = ms / 1000 % 60;

	if (sep)
		snprintf(out, n, "%02lld:%02lld:%02lld%c%03lld", h, m, s, sep,
			 (long long)(ms % 1000));
	else
		snprintf(out, n, "%02lld:%02lld:%02lld", h, m, s);
}

/* Fails unless t (the start of a cue or turn) comes no earlier than the
 * latest start seen; then remembers it. */
static int check_order(struct parser *p, int64_t t, size_t line, char sep)
{
	char now[40], before[40];

	if (t < p->last_time) {
		show_ms(now, sizeof(now), t, sep);
		show_ms(before, sizeof(before), p->last_time, sep);
		return err_set(p->e, ERR_INVALID, "file",
			       "line %zu: %s comes before %s on line %zu; the "
			       "cues must be in time order",
			       line, now, before, p->last_line);
	}
	p->last_time = t;
	p->last_line = line;
	return 0;
}

/* ---- times ---- */

/* Reads up to max digits at s[*i]; returns how many, value in *v. */
static size_t digits(const char *s, size_t n, size_t *i, size_t max, int64_t *v)
{
	size_t k = 0;

	*v = 0;
	while (*i < n && k < max && is_digit(s[*i])) {
		*v = *v * 10 + (s[*i] - '0');
		(*i)++;
		k++;
	}
	return k;
}

/* Reads a time "[h:]mm:ss[.fff]" at s[*i] and moves *i past it.  Returns 0
 * with *ms set; -1 when the shape is wrong; -2 when the minutes or seconds
 * pass 59.  Hours take up to 9 digits, the fraction 1 to 3. */
static int read_time(const char *s, size_t n, size_t *i, int flags, int64_t *ms)
{
	int64_t a, b, c = 0, frac = 0, h, m, sec;
	size_t k, j = *i;
	bool three = false;

	if (!digits(s, n, &j, 9, &a) || j >= n || s[j] != ':')
		return -1;
	j++;
	if (digits(s, n, &j, 2, &b) != 2)
		return -1;
	if (j + 1 < n && s[j] == ':' && is_digit(s[j + 1])) {
		j++;
		if (digits(s, n, &j, 2, &c) != 2)
			return -1;
		three = true;
	}
	if (!three && ((flags & TS_HOURS) || j - *i > 5))
		return -1;   /* mm:ss has at most two digits of minutes */
	if (j + 1 < n && (s[j] == '.' || (s[j] == ',' && (flags & TS_COMMA))) &&
	    is_digit(s[j + 1])) {
		j++;
		k = digits(s, n, &j, 3, &frac);
		frac *= k == 1 ? 100 : k == 2 ? 10 : 1;
	} else if (flags & TS_FRAC) {
		return -1;
	}
	if (j < n && is_digit(s[j]))
		return -1;
	h = three ? a : 0;
	m = three ? b : a;
	sec = three ? c : b;
	if (m > 59 || sec > 59)
		return -2;
	*ms = ((h * 60 + m) * 60 + sec) * 1000 + frac;
	*i = j;
	return 0;
}

/* Reads "start SEP end", then settings after whitespace, or with TS_BARE
 * nothing.  Returns 0, -1 (shape) or -2 (a time out of range, *bad
 * pointing at it). */
static int read_timing(const struct line *l, const char *sep, int flags,
		       int64_t *start, int64_t *end, struct str *bad)
{
	size_t seplen = strlen(sep);
	const char *s = l->p;
	size_t n = l->len, i = 0, at;
	int rc;

	while (i < n && is_ws(s[i]))
		i++;
	at = i;
	if ((rc = read_time(s, n, &i, flags, start)) < 0)
		goto out;
	while (i < n && is_ws(s[i]))
		i++;
	if (n - i < seplen || memcmp(s + i, sep, seplen) != 0)
		return -1;
	i += seplen;
	while (i < n && is_ws(s[i]))
		i++;
	at = i;
	if ((rc = read_time(s, n, &i, flags, end)) < 0)
		goto out;
	if (i < n && !is_ws(s[i]))
		return -1;
	while ((flags & TS_BARE) && i < n)
		if (!is_ws(s[i++]))
			return -1;
	return 0;
out:
	if (rc == -2) {
		size_t k = at;

		while (k < n && (is_digit(s[k]) || s[k] == ':' || s[k] == '.' ||
				 (s[k] == ',' && (flags & TS_COMMA))))
			k++;
		*bad = (struct str){s + at, k - at};
	}
	return rc;
}

/* An SBV timing line, well-formed or with a time out of range: it starts
 * a cue (in SBV) or gives the next turn its start (in plain text). */
static int sbv_timing(const struct line *l, int64_t *start, int64_t *end,
		      struct str *bad)
{
	const struct cue_format *f = &cue_formats[TRANSCRIPT_SBV];

	return read_timing(l, f->sep, f->flags, start, end, bad);
}

static bool is_sbv_timing(const struct line *l)
{
	int64_t a, b;
	struct str bad;

	return sbv_timing(l, &a, &b, &bad) != -1;
}

/* Reads the timing line of a cue, failing with the line's number. */
static int cue_timing(struct parser *p, const struct line *l, int64_t *start,
		      int64_t *end)
{
	const struct cue_format *f = &cue_formats[p->fmt];
	char sep = f->frac, a[40], b[40];
	struct str bad = {0};
	int rc = read_timing(l, f->sep, f->flags, start, end, &bad);

	if (rc == -2)
		return err_set(p->e, ERR_INVALID, "file",
			       "line %zu: %.*s is not a time: minutes and "
			       "seconds go up to 59",
			       l->no, (int)bad.len, bad.p);
	if (rc < 0)
		return err_set(p->e, ERR_INVALID, "file",
			       "line %zu: the timing line must look like %s",
			       l->no, f->example);
	if (*end < *start) {
		show_ms(a, sizeof(a), *end, sep);
		show_ms(b, sizeof(b), *start, sep);
		return err_set(p->e, ERR_INVALID, "file",
			       "line %zu: the cue ends (%s) before it starts (%s)",
			       l->no, a, b);
	}
	return 0;
}

/* ---- cleaning ---- */

/* Appends one byte of text: whitespace becomes an owed space (none at the
 * start), control characters vanish. */
static void put(struct writer *w, char c)
{
	unsigned char u = (unsigned char)c;

	if (is_ws(c)) {
		w->space = w->len > 0;
		return;
	}
	if (u < 0x20 || u == 0x7f)
		return;
	if (w->space && w->len < w->cap) {
		w->p[w->len++] = ' ';
		w->space = false;
	}
	if (w->len < w->cap)
		w->p[w->len++] = c;
}

/* Appends code point cp, decoded from a character reference, as UTF-8.
 * The spaces among them (NBSP, &ensp; …) are whitespace; what the cleaner
 * drops from text anyway is dropped: control characters (C1 too),
 * U+FEFF and U+200B, and the invisible soft hyphen and LRM/RLM marks. */
static void put_cp(struct writer *w, unsigned cp)
{
	if (cp == 0xa0 || (cp >= 0x2000 && cp <= 0x200a) || cp == 0x202f ||
	    cp == 0x205f || cp == 0x3000) {
		put(w, ' ');
	} else if ((cp >= 0x80 && cp <= 0x9f) || cp == 0xad || cp == 0x200b ||
		   cp == 0x200e || cp == 0x200f || cp == 0xfeff) {
		return;
	} else if (cp < 0x80) {
		put(w, (char)cp);
	} else if (cp < 0x800) {
		put(w, (char)(0xc0 | cp >> 6));
		put(w, (char)(0x80 | (cp & 0x3f)));
	} else if (cp < 0x10000) {
		put(w, (char)(0xe0 | cp >> 12));
		put(w, (char)(0x80 | (cp >> 6 & 0x3f)));
		put(w, (char)(0x80 | (cp & 0x3f)));
	} else {
		put(w, (char)(0xf0 | cp >> 18));
		put(w, (char)(0x80 | (cp >> 12 & 0x3f)));
		put(w, (char)(0x80 | (cp >> 6 & 0x3f)));
		put(w, (char)(0x80 | (cp & 0x3f)));
	}
}

/* The HTML named character references of captions: all of Latin-1, the
 * typographic punctuation, and the markup's own (&amp; &lt; …), in the
 * spellings HTML gives them (case matters: &Eacute; is É, &eacute; é).
 * Sorted by strcmp: named_ref() bisects it. */
static const struct named_ref {
	const char *name;
	unsigned cp;
} named_refs[] = {
	{"AElig", 0xc6}, {"AMP", 0x26}, {"Aacute", 0xc1}, {"Acirc", 0xc2}, {"Agrave", 0xc0},
	{"Aring", 0xc5}, {"Atilde", 0xc3}, {"Auml", 0xc4}, {"COPY", 0xa9}, {"Ccedil", 0xc7},
	{"Dagger", 0x2021}, {"ETH", 0xd0}, {"Eacute", 0xc9}, {"Ecirc", 0xca}, {"Egrave", 0xc8},
	{"Euml", 0xcb}, {"GT", 0x3e}, {"Iacute", 0xcd}, {"Icirc", 0xce}, {"Igrave", 0xcc}, {"Iuml", 0xcf},
	{"LT", 0x3c}, {"Ntilde", 0xd1}, {"OElig", 0x152}, {"Oacute", 0xd3}, {"Ocirc", 0xd4},
	{"Ograve", 0xd2}, {"Oslash", 0xd8}, {"Otilde", 0xd5}, {"Ouml", 0xd6}, {"Prime", 0x2033},
	{"QUOT", 0x22}, {"REG", 0xae}, {"Scaron", 0x160}, {"THORN", 0xde}, {"Uacute", 0xda},
	{"Ucirc", 0xdb}, {"Ugrave", 0xd9}, {"Uuml", 0xdc}, {"Yacute", 0xdd}, {"Yuml", 0x178},
	{"aacute", 0xe1}, {"acirc", 0xe2}, {"acute", 0xb4}, {"aelig", 0xe6}, {"agrave", 0xe0},
	{"amp", 0x26}, {"apos", 0x27}, {"aring", 0xe5}, {"atilde", 0xe3}, {"auml", 0xe4},
	{"bdquo", 0x201e}, {"brvbar", 0xa6}, {"bull", 0x2022}, {"ccedil", 0xe7}, {"cedil", 0xb8},
	{"cent", 0xa2}, {"circ", 0x2c6}, {"copy", 0xa9}, {"curren", 0xa4}, {"dagger", 0x2020},
	{"deg", 0xb0}, {"divide", 0xf7}, {"eacute", 0xe9}, {"ecirc", 0xea}, {"egrave", 0xe8},
	{"emsp", 0x2003}, {"ensp", 0x2002}, {"eth", 0xf0}, {"euml", 0xeb}, {"euro", 0x20ac},
	{"fnof", 0x192}, {"frac12", 0xbd}, {"frac14", 0xbc}, {"frac34", 0xbe}, {"frasl", 0x2044},
	{"gt", 0x3e}, {"hellip", 0x2026}, {"hyphen", 0x2010}, {"iacute", 0xed}, {"icirc", 0xee},
	{"iexcl", 0xa1}, {"igrave", 0xec}, {"iquest", 0xbf}, {"iuml", 0xef}, {"laquo", 0xab},
	{"larr", 0x2190}, {"ldquo", 0x201c}, {"lrm", 0x200e}, {"lsaquo", 0x2039}, {"lsquo", 0x2018},
	{"lt", 0x3c}, {"macr", 0xaf}, {"mdash", 0x2014}, {"micro", 0xb5}, {"middot", 0xb7},
	{"minus", 0x2212}, {"nbsp", 0xa0}, {"ndash", 0x2013}, {"not", 0xac}, {"ntilde", 0xf1},
	{"oacute", 0xf3}, {"ocirc", 0xf4}, {"oelig", 0x153}, {"ograve", 0xf2}, {"oline", 0x203e},
	{"ordf", 0xaa}, {"ordm", 0xba}, {"oslash", 0xf8}, {"otilde", 0xf5}, {"ouml", 0xf6},
	{"para", 0xb6}, {"permil", 0x2030}, {"plusmn", 0xb1}, {"pound", 0xa3}, {"prime", 0x2032},
	{"quot", 0x22}, {"raquo", 0xbb}, {"rarr", 0x2192}, {"rdquo", 0x201d}, {"reg", 0xae},
	{"rlm", 0x200f}, {"rsaquo", 0x203a}, {"rsquo", 0x2019}, {"sbquo", 0x201a}, {"scaron", 0x161},
	{"sect", 0xa7}, {"shy", 0xad}, {"sup1", 0xb9}, {"sup2", 0xb2}, {"sup3", 0xb3}, {"szlig", 0xdf},
	{"thinsp", 0x2009}, {"thorn", 0xfe}, {"tilde", 0x2dc}, {"times", 0xd7}, {"trade", 0x2122},
	{"uacute", 0xfa}, {"ucirc", 0xfb}, {"ugrave", 0xf9}, {"uml", 0xa8}, {"uuml", 0xfc},
	{"yacute", 0xfd}, {"yen", 0xa5}, {"yuml", 0xff}, {"zwj", 0x200d}, {"zwnj", 0x200c},
};

/* Numeric references to 0x80-0x9F name the Windows-1252 characters, as
 * HTML reads them (&#150; is an en dash); 0 where that code page has none. */
static const unsigned short cp1252[32] = {
	0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
	0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
	0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
	0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
};

/* The code point of the named reference s[0..n), or 0 when unknown. */
static unsigned named_ref(const char *s, size_t n)
{
	size_t lo = 0, hi = sizeof(named_refs) / sizeof(named_refs[0]);

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *name = named_refs[mid].name;
		int c = strncmp(name, s, n);

		if (c == 0 && name[n] == '\0')
			return named_refs[mid].cp;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;   /* greater, or longer with s as its start */
	}
	return 0;
}

/* Decodes the character reference at s[0] == '&' into w; returns the bytes
 * it took, or 0 when it is not one (the '&' is then text).  Named
 * references need their ';' (so "AT&T" and "&copy2024" stay), decimal
 * (&#233;) and hex (&#xE9;) ones too, and must name a character that is not
 * NUL or a surrogate. */
static size_t entity(struct writer *w, const char *s, size_t n)
{
	const char *semi = memchr(s, ';', n < 16 ? n : 16);
	size_t len, i;
	unsigned cp = 0;

	if (!semi)
		return 0;
	len = (size_t)(semi - s) + 1;
	if (len > 3 && s[1] == '#') {
		bool hex = s[2] == 'x' || s[2] == 'X';

		for (i = hex ? 3 : 2; i < len - 1; i++) {
			char c = s[i];
			unsigned d;

			if (is_digit(c))
				d = (unsigned)(c - '0');
			else if (hex && c >= 'a' && c <= 'f')
				d = (unsigned)(c - 'a' + 10);
			else if (hex && c >= 'A' && c <= 'F')
				d = (unsigned)(c - 'A' + 10);
			else
				return 0;
			cp = cp * (hex ? 16 : 10) + d;
			if (cp > 0x10ffff)
				return 0;
		}
		if (i == (hex ? 3u : 2u) || cp == 0 ||
		    (cp >= 0xd800 && cp <= 0xdfff))
			return 0;
		if (cp >= 0x80 && cp <= 0x9f && cp1252[cp - 0x80])
			cp = cp1252[cp - 0x80];
		put_cp(w, cp);
		return len;
	}
	if (len < 3 || !(cp = named_ref(s + 1, len - 2)))
		return 0;
	put_cp(w, cp);
	return len;
}

/* Appends one line of text to w.  With markup (VTT, SRT): tags <…> that
 * open with a letter, '/' or a digit and close on the line are dropped, so
 * are SRT's {\an8} overrides, and entities are decoded.  A U+FEFF or U+200B
 * (invisible) is dropped in any text. */
static void clean_line(struct writer *w, const char *s, size_t n, bool markup)
{
	size_t i = 0, no_gt = n, no_brace = n;   /* no '>' / '}' at or after */

	while (i < n) {
		char c = s[i];

		if (markup && c == '<' && i + 1 < n && i < no_gt &&
		    (((s[i + 1] | 0x20) >= 'a' && (s[i + 1] | 0x20) <= 'z') ||
		     s[i + 1] == '/' || is_digit(s[i + 1]))) {
			const char *gt = memchr(s + i, '>', n - i);

			if (gt) {
				i = (size_t)(gt - s) + 1;
				continue;
			}
			no_gt = i;
		} else if (markup && c == '{' && i + 1 < n && s[i + 1] == '\\' &&
			   i < no_brace) {
			const char *cb = memchr(s + i, '}', n - i);

			if (cb) {
				i = (size_t)(cb - s) + 1;
				continue;
			}
			no_brace = i;
		} else if (markup && c == '&') {
			size_t k = entity(w, s + i, n - i);

			if (k) {
				i += k;
				continue;
			}
		} else if (c == '\xef' && n - i >= 3 && s[i + 1] == '\xbb' &&
			   s[i + 2] == '\xbf') {
			i += 3;
			continue;
		} else if (c == '\xe2' && n - i >= 3 && s[i + 1] == '\x80' &&
			   s[i + 2] == '\x8b') {
			i += 3;
			continue;
		}
		put(w, c);
		i++;
	}
}

/* A writer over a fresh arena block of cap bytes. */
static struct writer writer_new(struct arena *a, size_t cap)
{
	return (struct writer){arena_alloc(a, cap + 1), 0, cap, false};
}

/* The speaker of the first <v Name> or <v.class Name> span of the line,
 * cleaned into *w; false when there is none or the name is empty. */
static bool voice_of(struct parser *p, const char *s, size_t n, struct writer *w)
{
	const char *at = s, *end = s + n;

	while ((at = memmem(at, (size_t)(end - at), "<v", 2)) != NULL) {
		const char *q = at + 2, *gt;

		at += 2;
		if (q < end && *q == '.')
			while (q < end && *q != ' ' && *q != '\t' && *q != '>')
				q++;
		if (q >= end)
			return false;   /* nor can a later one be closed */
		if (*q != ' ' && *q != '\t' && *q != '>')
			continue;
		gt = memchr(q, '>', (size_t)(end - q));
		if (!gt)
			return false;
		*w = writer_new(p->a, (size_t)(gt - q));
		clean_line(w, q, (size_t)(gt - q), true);
		w->p[w->len] = '\0';
		if (w->len > 0)
			return true;
		at = gt;
	}
	return false;
}

/* ---- speaker names ---- */

/* Decodes the UTF-8 character at s (NUL-terminated or valid); returns its
 * length, 1 for a stray byte (then *cp is 0xfffd). */
static size_t decode(const unsigned char *s, unsigned *cp)
{
	size_t k, i;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xe0) == 0xc0)
		k = 1, *cp = s[0] & 0x1fu;
	else if ((s[0] & 0xf0) == 0xe0)
		k = 2, *cp = s[0] & 0x0fu;
	else if ((s[0] & 0xf8) == 0xf0)
		k = 3, *cp = s[0] & 0x07u;
	else
		goto stray;
	for (i = 1; i <= k; i++) {
		if ((s[i] & 0xc0) != 0x80)
			goto stray;
		*cp = *cp << 6 | (s[i] & 0x3fu);
	}
	return k + 1;
stray:
	*cp = 0xfffd;
	return 1;
}

/* Letters and digits, as words see them: ASCII ones, and any other
 * character but the common spaces, punctuation and symbols. */
static bool is_word_cp(unsigned c)
{
	if (c < 0x80)
		return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
	if (c <= 0xbf)   /* Latin-1 signs: ª ² ³ µ ¹ º ¼ ½ ¾ are word characters */
		return c == 0xaa || c == 0xb2 || c == 0xb3 || c == 0xb5 ||
		       c == 0xb9 || c == 0xba || (c >= 0xbc && c <= 0xbe);
	if (c == 0xd7 || c == 0xf7 || c == 0xfeff || c == 0xfffd)
		return false;
	if ((c >= 0x2000 && c <= 0x2bff) ||   /* punctuation, arrows, symbols */
	    (c >= 0x2e00 && c <= 0x2e7f) || (c >= 0x3000 && c <= 0x303f) ||
	    (c >= 0xfe10 && c <= 0xfe1f) || (c >= 0xfe30 && c <= 0xfe4f) ||
	    (c >= 0xff00 && c <= 0xff0f) || (c >= 0xff1a && c <= 0xff20) ||
	    (c >= 0x1f000 && c <= 0x1faff))  /* emoji */
		return c >= 0x2070 && c <= 0x209f;   /* super/subscript digits */
	return true;
}

/* Finds a "Name: text" candidate at the start of s (one line, trimmed):
 * a name of 1-60 characters and at most 6 words that starts with a letter
 * and holds none of <>[]{}" , then ':', whitespace and more text.  Sets
 * *name_len (trailing spaces excluded) and *rest (where the text goes on). */
static bool find_name(const char *s, size_t n, size_t *name_len, size_t *rest)
{
	size_t lim = n < 4 * MAX_NAME_CHARS + 8 ? n : 4 * MAX_NAME_CHARS + 8;
	const char *colon = memchr(s, ':', lim);
	size_t k, j, chars = 0, words = 0, i;
	unsigned cp;

	if (!colon)
		return false;
	k = (size_t)(colon - s);
	j = k + 1;
	if (j >= n || (s[j] != ' ' && s[j] != '\t'))
		return false;
	while (j < n && is_ws(s[j]))
		j++;
	if (j >= n)
		return false;
	while (k && is_ws(s[k - 1]))
		k--;
	if (!k)
		return false;
	/* s holds a ':' after the name, so decode stops inside s. */
	decode((const unsigned char *)s, &cp);
	if (!is_word_cp(cp) || (cp >= '0' && cp <= '9'))
		return false;
	for (i = 0; i < k; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c && strchr("<>[]{}\"", c))
			return false;
		chars += (c & 0xc0) != 0x80;
		words += !is_ws(s[i]) && (i == 0 || is_ws(s[i - 1]));
	}
	if (chars > MAX_NAME_CHARS || words > MAX_NAME_WORDS)
		return false;
	*name_len = k;
	*rest = j;
	return true;
}

/* The slot of name s in the table: its entry, or the empty slot where it
 * goes. */
static struct name *name_slot(const struct parser *p, const char *s, size_t n)
{
	size_t mask = p->capnames - 1, i;

	for (i = (size_t)hash_bytes(s, n) & mask; p->names[i].s; i = (i + 1) & mask)
		if (p->names[i].len == n && memcmp(p->names[i].s, s, n) == 0)
			break;
	return &p->names[i];
}

/* The entry of name s, created (with a copy of s) when absent.  The table
 * grows, moving the entries, only when one is created. */
static struct name *name_get(struct parser *p, const char *s, size_t n)
{
	struct name *nm = p->capnames ? name_slot(p, s, n) : NULL;

	if (nm && nm->s)
		return nm;
	if (2 * (p->nnames + 1) > p->capnames) {
		size_t oldcap = p->capnames, cap = oldcap ? 2 * oldcap : 64;
		struct name *old = p->names;

		p->names = arena_alloc(p->a, cap * sizeof(*p->names));
		p->capnames = cap;
		for (size_t k = 0; k < oldcap; k++)
			if (old[k].s)
				*name_slot(p, old[k].s, old[k].len) = old[k];
		nm = name_slot(p, s, n);
	}
	*nm = (struct name){arena_strndup(p->a, s, n), n, 0, -1};
	p->nnames++;
	return nm;
}

/* The name cleaned as text (whitespace runs made one space, control
 * characters dropped) into buf, which holds 4 * 60 + 8 bytes: enough for
 * any candidate. */
static size_t collapse(char *buf, const char *s, size_t n)
{
	struct writer w = {buf, 0, 4 * MAX_NAME_CHARS + 7, false};

	clean_line(&w, s, n, false);
	return w.len;
}

/* A candidate is a speaker when its name marks another cue too (as a
 * candidate or a <v> voice), or when at least half of the other cues name
 * their speaker: then the file uses the convention. */
static bool accept(const struct parser *p, const struct name *nm)
{
	size_t others = p->units - 1, marked = p->marked - 1;

	return nm->count >= 2 || (others > 0 && 2 * marked >= others);
}

/* The speaker index of the name, added on first use. */
static int speaker_of(struct parser *p, struct name *nm, size_t line)
{
	if (nm->speaker >= 0)
		return nm->speaker;
	if (p->nspeakers >= TRANSCRIPT_MAX_SPEAKERS)
		return fail(p, ERR_LIMIT, line, "more than 10000 speakers");
	p->speakers = arena_grow(p->a, p->speakers, p->nspeakers,
				 &p->capspeakers, sizeof(*p->speakers));
	p->speakers[p->nspeakers] = nm->s;
	nm->speaker = (int)p->nspeakers++;
	return nm->speaker;
}

/* Appends a segment. */
static int add_segment(struct parser *p, size_t line, int64_t start,
		       int64_t end, int speaker, const char *text)
{
	if (p->nsegs >= TRANSCRIPT_MAX_SEGMENTS)
		return fail(p, ERR_LIMIT, line, "more than 100000 cues or turns");
	p->segs = arena_grow(p->a, p->segs, p->nsegs, &p->capsegs,
			     sizeof(*p->segs));
	p->segs[p->nsegs++] = (struct transcript_segment){
		.start_ms = start, .end_ms = end, .speaker = speaker,
		.text = text, .line = line,
	};
	return 0;
}

/* ---- VTT, SRT and SBV ---- */

/* A line that starts the next cue although no blank line came before it:
 * one holding "-->" (VTT, SRT), or a timing line (SBV, where a text line
 * merely holding digits and a comma stays text). */
static bool starts_cue(enum transcript_format fmt, const struct line *l)
{
	return fmt == TRANSCRIPT_SBV ? is_sbv_timing(l) : has_arrow(l);
}

/* Reads the text lines of a cue (up to the line that ends its block) and
 * files the cue when it holds text. */
static int read_cue_text(struct parser *p, struct reader *r, size_t line,
			 int64_t start, int64_t end)
{
	struct line l, first = {0}, last = {0}, prev = {0};
	struct reader before, before_last = *r;
	struct writer w, vw = {0};
	size_t first_len = 0;
	struct cue *c;
	bool voice = false, change = false;
	char key[4 * MAX_NAME_CHARS + 8];

	for (;;) {
		before = *r;
		if (!next_line(r, &l) || ends_block(p->fmt, &l))
			break;
		if (starts_cue(p->fmt, &l)) {
			/* No blank line before the next cue: it starts at its
			 * timing line, or at its number in SRT. */
			*r = before;
			if (p->fmt == TRANSCRIPT_SRT && last.p && is_number(&last)) {
				*r = before_last;
				last = prev;
				if (!last.p)
					first = last;
			}
			break;
		}
		if (!first.p)
			first = l;
		prev = last;
		before_last = before;
		last = l;
	}
	if (!first.p)
		return 0;
	w = writer_new(p->a, (size_t)(last.p + last.len - first.p));
	for (struct reader t = {first.p, (size_t)(last.p + last.len - first.p), 0, 0};
	     next_line(&t, &l);) {
		struct str text = {l.p, l.len};

		if (l.p != first.p)
			w.space = w.len > 0;
		/* SBV: ">>" before the cue's text marks a change of speaker. */
		if (p->fmt == TRANSCRIPT_SBV && w.len == 0 && !change) {
			text = trimmed(&l);
			if (text.len >= 2 && text.p[0] == '>' && text.p[1] == '>') {
				text.p += 2;
				text.len -= 2;
				change = true;
			}
		}
		clean_line(&w, text.p, text.len, true);
		/* The first line with text may hold the "Name:" (a YouTube cue
		 * can start with a line of spaces, an SBV one with ">>"). */
		if (!first_len)
			first_len = w.len;
		if (!voice && p->fmt == TRANSCRIPT_VTT)
			voice = voice_of(p, l.p, l.len, &vw);
	}
	w.p[w.len] = '\0';
	if (w.len == 0) {
		p->change = p->change || change;   /* the next cue's speaker is new */
		return 0;
	}
	change = change || p->change;
	p->change = false;
	if (w.len > TRANSCRIPT_MAX_TEXT)
		return fail(p, ERR_LIMIT, line, "the text of this cue is longer than 64 KiB");
	if (vw.len > TRANSCRIPT_MAX_NAME)
		return fail(p, ERR_LIMIT, line, "the speaker's name is longer than 256 bytes");
	if (p->ncues >= TRANSCRIPT_MAX_SEGMENTS)
		return fail(p, ERR_LIMIT, line, "more than 100000 cues or turns");
	p->cues = arena_grow(p->a, p->cues, p->ncues, &p->capcues, sizeof(*p->cues));
	c = &p->cues[p->ncues++];
	*c = (struct cue){.line = line, .start = start, .end = end, .text = w.p, .change = change};
	p->units++;
	if (voice) {
		c->voice = vw.p;
		name_get(p, vw.p, vw.len)->count++;
		p->marked++;
	} else if (find_name(w.p, first_len, &c->name_len, &c->rest)) {
		size_t k = collapse(key, w.p, c->name_len);

		name_get(p, key, k)->count++;
		p->marked++;
	}
	return 0;
}

/* First pass over a VTT file: the WEBVTT line, the header, then blocks. */
static int read_vtt(struct parser *p)
{
	struct reader r = {p->s, p->n, 0, 1};
	struct line l;
	int64_t start, end;
	int rc;

	if (!next_line(&r, &l) || !starts_word(&l, "WEBVTT"))
		return fail(p, ERR_INVALID, 1, "a WebVTT file must start with WEBVTT");
	/* The header (Kind:, Language:, X-TIMESTAMP-MAP=) ends at an empty
	 * line, or at a first cue that forgot it. */
	for (struct reader before = r; next_line(&r, &l) && !ends_block(p->fmt, &l); before = r) {
		if (has_arrow(&l)) {
			r = before;
			break;
		}
	}
	while (next_line(&r, &l)) {
		size_t line = l.no;

		if (is_blank(&l))
			continue;
		if (starts_word(&l, "NOTE") || starts_word(&l, "STYLE") ||
		    starts_word(&l, "REGION")) {
			/* Up to an empty line, or a timing line: these blocks
			 * cannot hold "-->". */
			for (struct reader before = r; next_line(&r, &l) && !ends_block(p->fmt, &l);
			     before = r) {
				if (has_arrow(&l)) {
					r = before;
					break;
				}
			}
			continue;
		}
		if (!has_arrow(&l) && !next_line(&r, &l))
			return err_set(p->e, ERR_INVALID, "file",
				       "line %zu: this cue has no timing line like %s",
				       line, vtt_example);
		if ((rc = cue_timing(p, &l, &start, &end)) < 0)
			return rc;
		if ((rc = check_order(p, start, l.no, '.')) < 0)
			return rc;
		if ((rc = read_cue_text(p, &r, line, start, end)) < 0)
			return rc;
	}
	return 0;
}

/* First pass over an SRT file: blocks of number, timing line, text. */
static int read_srt(struct parser *p)
{
	struct reader r = {p->s, p->n, 0, 1};
	struct line l;
	int64_t start, end;
	int rc;

	while (next_line(&r, &l)) {
		size_t line = l.no;

		if (is_blank(&l))
			continue;
		if (is_number(&l)) {
			if (!next_line(&r, &l))
				return err_set(p->e, ERR_INVALID, "file",
					       "line %zu: this cue has no timing line like %s",
					       line, srt_example);
		} else if (!has_arrow(&l)) {
			return err_set(p->e, ERR_INVALID, "file",
				       "line %zu: expected a cue number, then a timing "
				       "line like %s",
				       line, srt_example);
		}
		if ((rc = cue_timing(p, &l, &start, &end)) < 0)
			return rc;
		if ((rc = check_order(p, start, l.no, ',')) < 0)
			return rc;
		if ((rc = read_cue_text(p, &r, line, start, end)) < 0)
			return rc;
	}
	return 0;
}

/* First pass over an SBV file: blocks of a timing line, then text. */
static int read_sbv(struct parser *p)
{
	struct reader r = {p->s, p->n, 0, 1};
	struct line l;
	int64_t start, end;
	int rc;

	while (next_line(&r, &l)) {
		if (is_blank(&l))
			continue;
		if (!is_digit(trimmed(&l).p[0]))
			return err_set(p->e, ERR_INVALID, "file",
				       "line %zu: expected a timing line like %s to "
				       "start the next cue",
				       l.no, sbv_example);
		if ((rc = cue_timing(p, &l, &start, &end)) < 0)
			return rc;
		if ((rc = check_order(p, start, l.no, '.')) < 0)
			return rc;
		if ((rc = read_cue_text(p, &r, l.no, start, end)) < 0)
			return rc;
	}
	return 0;
}

/* Second pass over cues: each is a segment; its speaker is its voice, an
 * accepted candidate, or else the previous segment's.  After an SBV ">>"
 * the name is always taken, and without one the speaker is unknown: the
 * file says the speaker changed. */
static int build_cues(struct parser *p)
{
	int prev = -1, rc;
	char key[4 * MAX_NAME_CHARS + 8];

	for (size_t i = 0; i < p->ncues; i++) {
		const struct cue *c = &p->cues[i];
		const char *text = c->text;
		int speaker = prev;
		struct name *nm = NULL;

		if (c->voice) {
			nm = name_get(p, c->voice, strlen(c->voice));
		} else if (c->name_len) {
			nm = name_get(p, key, collapse(key, c->text, c->name_len));
			if (c->change || accept(p, nm))
				text += c->rest;
			else
				nm = NULL;
		}
		if (!nm && c->change)
			speaker = -1;
		if (nm && (speaker = speaker_of(p, nm, c->line)) < 0)
			return speaker;
		if ((rc = add_segment(p, c->line, c->start, c->end, speaker, text)) < 0)
			return rc;
		prev = speaker;
	}
	return 0;
}

/* ---- plain text ---- */

/* A line of plain text, classified. */
struct tline {
	int64_t time;        /* its timestamp, -1 when none */
	bool stamp_only;     /* nothing but a timestamp */
	struct str text;     /* after the timestamp, trimmed */
	bool cand;           /* text starts with a "Name:" candidate */
	size_t name_len, rest;
};

/* Reads a timestamp at the start of t: "[00:01:23]", "(1:23)", or
 * "00:01:23" (hours needed) followed by whitespace; or a line that is only
 * a time.  Returns 1 and advances t past it, 0 when there is none, or
 * ERR_INVALID when the time is impossible (00:75:00). */
static int text_stamp(struct parser *p, struct str *t, size_t line, int64_t *ms)
{
	const char *s = t->p;
	size_t n = t->len, i = 0, start, k, end;
	char close = 0;
	int64_t v, tmp;
	int rc;

	if (n && (s[0] == '[' || s[0] == '(')) {
		close = s[0] == '[' ? ']' : ')';
		i = 1;
	}
	start = i;
	rc = read_time(s, n, &i, 0, &v);
	if (rc == -1)
		return 0;
	for (k = start; k < n && (is_digit(s[k]) || s[k] == ':' || s[k] == '.'); k++)
		;
	end = rc == 0 ? i : k;
	if (close) {
		if (end >= n || s[end] != close)
			return 0;
		end++;
	}
	if (end < n && !is_ws(s[end]))
		return 0;
	/* Unbracketed before text: only h:mm:ss, so "5:30 is late" stays text. */
	if (!close && end < n) {
		i = start;
		if (read_time(s, n, &i, TS_HOURS, &tmp) == -1)
			return 0;
	}
	if (rc == -2)
		return err_set(p->e, ERR_INVALID, "file",
			       "line %zu: %.*s is not a time: minutes and "
			       "seconds go up to 59",
			       line, (int)(k - start), s + start);
	while (end < n && is_ws(s[end]))
		end++;
	t->p += end;
	t->len -= end;
	*ms = v;
	return 1;
}

/* Classifies a non-blank line.  An SBV timing line is a timestamp line:
 * its start is the next turn's, and it is never kept as text. */
static int text_line(struct parser *p, const struct line *l, struct tline *tl)
{
	int64_t end;
	struct str bad = {0};
	int rc;

	*tl = (struct tline){.time = -1, .text = trimmed(l)};
	if ((rc = sbv_timing(l, &tl->time, &end, &bad)) != -1) {
		if (rc == -2)
			return err_set(p->e, ERR_INVALID, "file",
				       "line %zu: %.*s is not a time: minutes and "
				       "seconds go up to 59",
				       l->no, (int)bad.len, bad.p);
		tl->stamp_only = true;
		tl->text.len = 0;
		return 0;
	}
	if ((rc = text_stamp(p, &tl->text, l->no, &tl->time)) < 0)
		return rc;
	tl->stamp_only = rc == 1 && tl->text.len == 0;
	tl->cand = find_name(tl->text.p, tl->text.len, &tl->name_len, &tl->rest);
	return 0;
}

/* First pass over plain text: counts turns and candidates. */
static int scan_text(struct parser *p)
{
	struct reader r = {p->s, p->n, 0, 1};
	struct line l;
	struct tline tl;
	bool brk = true;
	char key[4 * MAX_NAME_CHARS + 8];
	int rc;

	while (next_line(&r, &l)) {
		if (is_blank(&l)) {
			brk = true;
			continue;
		}
		if ((rc = text_line(p, &l, &tl)) < 0)
			return rc;
		if (tl.stamp_only) {
			brk = true;
			continue;
		}
		if (tl.cand || brk || tl.time >= 0) {
			if (p->units >= TRANSCRIPT_MAX_SEGMENTS)
				return fail(p, ERR_LIMIT, l.no,
					    "more than 100000 cues or turns");
			p->units++;
		}
		if (tl.cand) {
			name_get(p, key, collapse(key, tl.text.p, tl.name_len))->count++;
			p->marked++;
		}
		brk = false;
	}
	return 0;
}

/* The turn being gathered: a span of the input. */
struct turn {
	const char *from, *to;
	size_t line;
	int64_t start;
	int speaker;
};

/* Files the turn, if any, as a segment. */
static int flush_turn(struct parser *p, struct turn *t)
{
	struct writer w;
	const char *s = t->from;

	if (!s)
		return 0;
	t->from = NULL;
	w = writer_new(p->a, (size_t)(t->to - s));
	clean_line(&w, s, (size_t)(t->to - s), false);
	w.p[w.len] = '\0';
	if (w.len == 0)
		return 0;
	if (w.len > TRANSCRIPT_MAX_TEXT)
		return fail(p, ERR_LIMIT, t->line, "the text of this turn is longer than 64 KiB");
	return add_segment(p, t->line, t->start, -1, t->speaker, w.p);
}

/* Second pass over plain text.  A turn starts at an accepted "Name:", after
 * a blank line or a timestamp, or at a line with its own timestamp; other
 * lines continue it.  A turn without a name keeps the previous speaker. */
static int build_text(struct parser *p)
{
	struct reader r = {p->s, p->n, 0, 1};
	struct turn t = {0};
	struct line l;
	struct tline tl;
	int64_t pending = -1;
	int prev = -1, rc;
	bool brk = true;
	char key[4 * MAX_NAME_CHARS + 8];

	while (next_line(&r, &l)) {
		struct name *nm = NULL;

		if (is_blank(&l)) {
			brk = true;
			if ((rc = flush_turn(p, &t)) < 0)
				return rc;
			continue;
		}
		if ((rc = text_line(p, &l, &tl)) < 0)
			return rc;
		if (tl.time >= 0 && (rc = check_order(p, tl.time, l.no, 0)) < 0)
			return rc;
		if (tl.stamp_only) {
			pending = tl.time;
			brk = true;
			if ((rc = flush_turn(p, &t)) < 0)
				return rc;
			continue;
		}
		if (tl.cand) {
			nm = name_get(p, key, collapse(key, tl.text.p, tl.name_len));
			if (!accept(p, nm))
				nm = NULL;
		}
		if (t.from && !nm && !brk && tl.time < 0) {
			t.to = tl.text.p + tl.text.len;
			continue;
		}
		if ((rc = flush_turn(p, &t)) < 0)
			return rc;
		t.from = nm ? tl.text.p + tl.rest : tl.text.p;
		t.to = tl.text.p + tl.text.len;
		t.line = l.no;
		t.start = tl.time >= 0 ? tl.time : pending;
		pending = -1;
		if (nm && (prev = speaker_of(p, nm, l.no)) < 0)
			return prev;
		t.speaker = prev;
		brk = false;
	}
	return flush_turn(p, &t);
}

/* ---- detection and the entry point ---- */

/* The format of s: WEBVTT first, or a number then a timing line with a
 * comma, or an SBV timing line first, or text. */
static enum transcript_format detect(const char *s, size_t n)
{
	struct reader r = {s, n, 0, 1};
	struct line l = {0}, next;
	int64_t a, b;
	struct str bad;

	if (n >= 6 && memcmp(s, "WEBVTT", 6) == 0 &&
	    (n == 6 || s[6] == ' ' || s[6] == '\t' || s[6] == '\r' || s[6] == '\n'))
		return TRANSCRIPT_VTT;
	while (next_line(&r, &l) && is_blank(&l))
		;
	if (l.p && is_number(&l) && next_line(&r, &next) &&
	    memchr(next.p, ',', next.len) &&
	    read_timing(&next, "-->", TS_FRAC | TS_COMMA, &a, &b, &bad) != -1)
		return TRANSCRIPT_SRT;
	if (l.p && is_sbv_timing(&l))
		return TRANSCRIPT_SBV;
	return TRANSCRIPT_TEXT;
}

/* Fails on the first line that is not UTF-8 (or holds a NUL). */
static int check_utf8(struct parser *p)
{
	struct reader r = {p->s, p->n, 0, 1};
	struct line l;

	while (next_line(&r, &l))
		if (!utf8_valid(l.p, l.len))
			return fail(p, ERR_INVALID, l.no,
				    "this line is not UTF-8 text; export or save "
				    "the transcript as UTF-8");
	return 0;
}

/* See transcript.h.  Checks size and UTF-8, skips the BOM, picks the
 * format, then runs its two passes. */
int transcript_parse(struct arena *a, const char *data, size_t len,
		     enum transcript_format fmt, struct transcript *out,
		     struct err *e)
{
	struct parser p = {.a = a, .e = e, .s = data, .n = len, .last_time = -1};
	int rc;

	memset(out, 0, sizeof(*out));
	if (len > TRANSCRIPT_MAX_BYTES)
		return err_set(e, ERR_LIMIT, "file", "the file is larger than 16 MiB");
	if (!data)
		p.s = "", p.n = 0;
	if (p.n >= 3 && memcmp(p.s, "\xef\xbb\xbf", 3) == 0)
		p.s += 3, p.n -= 3;
	if ((rc = check_utf8(&p)) < 0)
		return rc;
	p.fmt = fmt == TRANSCRIPT_AUTO ? detect(p.s, p.n) : fmt;
	switch (p.fmt) {
	case TRANSCRIPT_VTT:
		if ((rc = read_vtt(&p)) < 0 || (rc = build_cues(&p)) < 0)
			return rc;
		break;
	case TRANSCRIPT_SRT:
		if ((rc = read_srt(&p)) < 0 || (rc = build_cues(&p)) < 0)
			return rc;
		break;
	case TRANSCRIPT_SBV:
		if ((rc = read_sbv(&p)) < 0 || (rc = build_cues(&p)) < 0)
			return rc;
		break;
	case TRANSCRIPT_TEXT:
		if ((rc = scan_text(&p)) < 0 || (rc = build_text(&p)) < 0)
			return rc;
		break;
	default:
		return err_set(e, ERR_INVALID, "format", "unknown transcript format");
	}
	out->format = p.fmt;
	out->nspeakers = p.nspeakers;
	out->speakers = p.speakers;
	out->nsegments = p.nsegs;
	out->segments = p.segs;
	return 0;
}

/* See transcript.h. */
const char *transcript_format_name(enum transcript_format f)
{
	switch (f) {
	case TRANSCRIPT_AUTO:
		return "auto";
	case TRANSCRIPT_VTT:
		return "vtt";
	case TRANSCRIPT_SRT:
		return "srt";
	case TRANSCRIPT_TEXT:
		return "text";
	case TRANSCRIPT_SBV:
		return "sbv";
	}
	return "unknown";
}

/* See transcript.h.  One pass; an apostrophe, '.' or ',' joins only when
 * the character after it continues the word. */
size_t transcript_words(const char *text)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t words = 0;
	bool in = false;
	unsigned prev = 0;

	if (!s)
		return 0;
	while (*s) {
		unsigned cp, next;
		size_t k = decode(s, &cp);

		if (is_word_cp(cp)) {
			words += !in;
			in = true;
			prev = cp;
			s += k;
			continue;
		}
		if (in && s[k]) {
			decode(s + k, &next);
			/* don't, l’école; 3.5, 1,200 */
			if (((cp == '\'' || cp == 0x2019) && is_word_cp(next)) ||
			    ((cp == '.' || cp == ',') && prev >= '0' &&
			     prev <= '9' && next >= '0' && next <= '9')) {
				s += k;
				continue;
			}
		}
		in = false;
		s += k;
	}
	return words;
}

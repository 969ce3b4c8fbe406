/* Unit tests for domain/transcript: the sample exports under
 * tests/data/transcripts/, the speaker heuristic, character references,
 * errors and limits. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/mem.h"
#include "domain/transcript.h"

#define DATA CG_ROOT "/tests/data/transcripts/"
/* A string literal and its length, for inputs that may hold a NUL. */
#define LIT(s) s, sizeof(s) - 1

#include "unit/fixture.h"

/* The bytes of a sample file, in the arena. */
static const char *load(struct arena *a, const char *name, size_t *len)
{
	char path[512];
	FILE *f;
	long n;
	char *p;

	snprintf(path, sizeof(path), DATA "%s", name);
	f = fopen(path, "rb");
	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	p = arena_alloc(a, (size_t)n + 1);
	assert_int_equal(fread(p, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return p;
}

/* Parses a sample file; asserts success. */
static void parse_file(struct arena *a, const char *name,
		       enum transcript_format fmt, struct transcript *t)
{
	struct err e = {0};
	size_t len;
	const char *s = load(a, name, &len);
	int rc = transcript_parse(a, s, len, fmt, t, &e);

	if (rc)
		print_error("%s: %s\n", name, e.msg);
	assert_int_equal(rc, 0);
}

/* Parses a string; returns the code. */
static int parse_str(struct arena *a, const char *s, enum transcript_format fmt,
		     struct transcript *t, struct err *e)
{
	return transcript_parse(a, s, strlen(s), fmt, t, e);
}

/* Asserts that parsing fails with code and a message starting with msg,
 * and that *out is zeroed. */
static void expect_error(struct arena *a, const char *s, size_t len,
			 enum transcript_format fmt, int code, const char *msg)
{
	struct transcript t;
	struct err e = {0};

	memset(&t, 0x5a, sizeof(t));
	assert_int_equal(transcript_parse(a, s, len, fmt, &t, &e), code);
	assert_int_equal(e.code, code);
	assert_string_equal(e.field, "file");
	if (strncmp(e.msg, msg, strlen(msg)) != 0)
		fail_msg("got \"%s\", want \"%s...\"", e.msg, msg);
	assert_int_equal(t.format, 0);
	assert_int_equal(t.nspeakers, 0);
	assert_null(t.speakers);
	assert_int_equal(t.nsegments, 0);
	assert_null(t.segments);
}

/* Asserts that the sample file fails with code and message msg exactly. */
static void expect_file_error(struct arena *a, const char *name,
			      enum transcript_format fmt, int code, const char *msg)
{
	size_t len;
	const char *s = load(a, name, &len);

	expect_error(a, s, len, fmt, code, msg);
	{
		struct transcript t;
		struct err e = {0};

		transcript_parse(a, s, len, fmt, &t, &e);
		assert_string_equal(e.msg, msg);
	}
}

/* Asserts one segment's times, speaker name (NULL: none), text and line. */
static void seg_is(const struct transcript *t, size_t i, int64_t start,
		   int64_t end, const char *speaker, const char *text, size_t line)
{
	const struct transcript_segment *s;

	assert_true(i < t->nsegments);
	s = &t->segments[i];
	assert_int_equal(s->start_ms, start);
	assert_int_equal(s->end_ms, end);
	if (speaker) {
		assert_true(s->speaker >= 0 && (size_t)s->speaker < t->nspeakers);
		assert_string_equal(t->speakers[s->speaker], speaker);
	} else {
		assert_int_equal(s->speaker, -1);
	}
	assert_string_equal(s->text, text);
	assert_int_equal(s->line, line);
}

/* Zoom: "Name: text" cues with numbers; a multi-line cue; a cue without a
 * name continues the previous speaker; a NOTE block between cues. */
static void test_zoom(void **state)
{
	struct arena *a = *state;
	struct transcript t;

	parse_file(a, "zoom.vtt", TRANSCRIPT_AUTO, &t);
	assert_int_equal(t.format, TRANSCRIPT_VTT);
	assert_int_equal(t.nspeakers, 3);
	assert_string_equal(t.speakers[0], "Maria Lopez");
	assert_string_equal(t.speakers[1], "José Hernández");
	assert_string_equal(t.speakers[2], "Dr. Karen Wu (she/her)");
	assert_int_equal(t.nsegments, 6);
	/* Two cues of one speaker stay two segments. */
	seg_is(&t, 0, 5120, 9340, "Maria Lopez",
	       "Good evening, everyone. Thank you for coming to tonight's conversation.", 3);
	seg_is(&t, 1, 9340, 14800, "Maria Lopez",
	       "We'll start with the budget priorities and then open it up.", 7);
	seg_is(&t, 2, 135020, 141450, "José Hernández",
	       "Buenas noches. Quiero hablar sobre el transporte escolar, porque "
	       "la ruta 12 llega tarde casi todos los días.", 13);
	seg_is(&t, 3, 141450, 145900, "José Hernández",
	       "Y los niños pierden el desayuno en la escuela.", 18);
	seg_is(&t, 4, 146300, 151010, "Dr. Karen Wu (she/her)",
	       "That's a fair point. It's something we've heard from 3 schools.", 22);
	seg_is(&t, 5, 151500, 156240, "Maria Lopez",
	       "Let's write that down. Who's next?", 26);
}

/* Teams: BOM, CRLF, STYLE and NOTE blocks, GUID cue ids, <v Name> and
 * <v.loud Name> voices, tags and entities, cue settings. */
static void test_teams(void **state)
{
	struct arena *a = *state;
	struct transcript t;

	parse_file(a, "teams.vtt", TRANSCRIPT_AUTO, &t);
	assert_int_equal(t.format, TRANSCRIPT_VTT);
	assert_int_equal(t.nspeakers, 3);
	assert_string_equal(t.speakers[0], "Maria Lopez");
	assert_string_equal(t.speakers[1], "Tom O'Brien");
	assert_string_equal(t.speakers[2], "Ana Martínez");
	assert_int_equal(t.nsegments, 5);
	seg_is(&t, 0, 2480, 6920, "Maria Lopez",
	       "Buenos días a todos. Gracias por acompañarnos.", 10);
	seg_is(&t, 1, 6920, 12310, "Maria Lopez",
	       "Hoy vamos a hablar del calendario escolar y de las vacaciones de primavera.", 14);
	seg_is(&t, 2, 13000, 17560, "Tom O'Brien",
	       "I don't think the survey reached families & students who work evenings.", 19);
	seg_is(&t, 3, 17560, 20000, "Ana Martínez",
	       "¡Exacto! Eso mismo pasó en mi barrio.", 23);
	/* The voice names the speaker: "Note:" stays text. */
	seg_is(&t, 4, 20100, 24000, "Tom O'Brien",
	       "Note: the survey closes on Friday <March 8>.", 27);
	for (size_t i = 0; i < t.nsegments; i++)
		assert_null(strchr(t.segments[i].text, '\r'));
}

/* SRT with CRLF: comma times, <b> <i> <font> and {\an8} removed, a speaker
 * name inside a tag, a multi-line cue continuing the previous speaker. */
static void test_srt(void **state)
{
	struct arena *a = *state;
	struct transcript t;

	parse_file(a, "sample.srt", TRANSCRIPT_AUTO, &t);
	assert_int_equal(t.format, TRANSCRIPT_SRT);
	assert_int_equal(t.nspeakers, 2);
	assert_string_equal(t.speakers[0], "Maria Lopez");
	assert_string_equal(t.speakers[1], "José Hernández");
	assert_int_equal(t.nsegments, 4);
	seg_is(&t, 0, 5120, 9340, "Maria Lopez",
	       "Welcome to the community conversation.", 1);
	seg_is(&t, 1, 9500, 13000, "José Hernández",
	       "Gracias. ¿Podemos hablar del comedor?", 5);
	seg_is(&t, 2, 13000, 16250, "José Hernández",
	       "Tenemos muchas preguntas sobre el menú.", 9);
	seg_is(&t, 3, 16400, 19000, "Maria Lopez", "Of course.", 14);
}

/* Google Meet text: a title before the first turn, timestamp lines that
 * give the next turn its start, wrapped lines that continue a turn, and a
 * [00:05:42] before a name. */
static void test_meet(void **state)
{
	struct arena *a = *state;
	struct transcript t;

	parse_file(a, "meet.txt", TRANSCRIPT_AUTO, &t);
	assert_int_equal(t.format, TRANSCRIPT_TEXT);
	assert_int_equal(t.nspeakers, 3);
	assert_string_equal(t.speakers[0], "Maria Lopez");
	assert_string_equal(t.speakers[1], "José Hernández");
	assert_string_equal(t.speakers[2], "Ana Martínez");
	assert_int_equal(t.nsegments, 6);
	seg_is(&t, 0, -1, -1, NULL,
	       "Reunión comunitaria sobre el presupuesto (2024-03-12) - Transcript", 1);
	seg_is(&t, 1, 0, -1, "Maria Lopez", "Buenas tardes. Empezamos en un momento.", 5);
	seg_is(&t, 2, -1, -1, "José Hernández",
	       "Gracias. Tengo una pregunta sobre los autobuses. La ruta 12 siempre llega tarde.", 6);
	seg_is(&t, 3, -1, -1, "Maria Lopez", "Anotado. ¿Alguien más?", 8);
	seg_is(&t, 4, 300000, -1, "Ana Martínez", "¿Y el programa después de clases?", 12);
	seg_is(&t, 5, 342000, -1, "José Hernández", "Sí, eso también importa.", 13);
}

/* Plain text: [hh:mm:ss] before names, "7:10" inside text is not a time, a
 * paragraph after a blank line is a new turn of the same speaker. */
static void test_plain(void **state)
{
	struct arena *a = *state;
	struct transcript t;

	parse_file(a, "plain.txt", TRANSCRIPT_AUTO, &t);
	assert_int_equal(t.format, TRANSCRIPT_TEXT);
	assert_int_equal(t.nspeakers, 2);
	assert_string_equal(t.speakers[0], "Principal Adams");
	assert_string_equal(t.speakers[1], "Parent (Room 14)");
	assert_int_equal(t.nsegments, 4);
	seg_is(&t, 0, 12000, -1, "Principal Adams",
	       "Welcome back. Tonight we're discussing the new start times.", 1);
	seg_is(&t, 1, 20000, -1, "Parent (Room 14)",
	       "My kids are on the 7:10 bus, and that's already early. It's hard for working families.", 2);
	seg_is(&t, 2, 35000, -1, "Principal Adams", "I hear you.", 4);
	seg_is(&t, 3, -1, -1, "Principal Adams",
	       "We will share the survey results next week.", 6);
}

/* Plain-text timestamps: alone on a line, in brackets or parentheses, and
 * unbracketed only as h:mm:ss before text. */
static void test_text_times(void **state)
{
	struct arena *a = *state;
	struct transcript t;
	struct err e = {0};

	assert_int_equal(parse_str(a,
		"(1:05) Ana: uno\n"
		"0:01:10 Ana: dos\n"
		"10:30 is when the bus comes\n"
		"[1:02:03.5]\n"
		"Ana: tres\n", TRANSCRIPT_TEXT, &t, &e), 0);
	assert_int_equal(t.nsegments, 3);
	seg_is(&t, 0, 65000, -1, "Ana", "uno", 1);
	/* "10:30 is ..." has no hours: text continuing the turn. */
	seg_is(&t, 1, 70000, -1, "Ana", "dos 10:30 is when the bus comes", 2);
	seg_is(&t, 2, 3723500, -1, "Ana", "tres", 5);
}

/* YouTube WebVTT: a header of Kind and Language, cue settings, inline
 * timestamps with <c> spans, and lines of a single space before, inside
 * and after a cue's text: text, not the blank line that ends the cue. */
static void test_youtube_vtt(void **state)
{
	struct arena *a = *state;
	struct transcript t;
	struct err e = {0};

	parse_file(a, "youtube.vtt", TRANSCRIPT_AUTO, &t);
	assert_int_equal(t.format, TRANSCRIPT_VTT);
	assert_int_equal(t.nsegments, 4);
	seg_is(&t, 0, 0, 3200, NULL, "Buenas tardes a todos", 5);
	seg_is(&t, 1, 3200, 6000, NULL, "gracias por venir a la reunión", 9);
	seg_is(&t, 2, 6000, 9500, NULL, "hoy hablamos del comedor y del transporte", 13);
	/* One "Name:" among unnamed cues stays text. */
	seg_is(&t, 3, 9500, 12000, NULL, "PRINCIPAL: la ruta 12 llega tarde", 19);

	/* Refused before: the " " line ended the cue and "hola" was read as
	 * a cue id without its timing line. */
	assert_int_equal(parse_str(a, "WEBVTT\n\n00:01.000 --> 00:02.000\n \nhola\n",
				   TRANSCRIPT_AUTO, &t, &e), 0);
	assert_int_equal(t.nsegments, 1);
	seg_is(&t, 0, 1000, 2000, NULL, "hola", 3);
	/* The "Name:" is on the first line with text; CRLF and a tab too. */
	assert_int_equal(parse_str(a,
		"WEBVTT\r\n\r\n00:01.000 --> 00:02.000\r\n \r\nAna Ruiz: uno\r\n\r\n"
		"00:02.000 --> 00:03.000\r\n\t\r\nLuis Gil: dos\r\n \r\n\r\n"
		"00:03.000 --> 00:04.000\r\nAna Ruiz: tres\r\n",
		TRANSCRIPT_VTT, &t, &e), 0);
	assert_int_equal(t.nspeakers, 2);
	seg_is(&t, 0, 1000, 2000, "Ana Ruiz", "uno", 3);
	seg_is(&t, 1, 2000, 3000, "Luis Gil", "dos", 7);
	seg_is(&t, 2, 3000, 4000, "Ana Ruiz", "tres", 12);
	/* Only an empty line ends a cue in WebVTT: a NOTE, and a header, run
	 * on over lines of spaces; SRT still ends a cue at any blank line. */
	assert_int_equal(parse_str(a,
		"WEBVTT\n \nKind: captions\n\nNOTE a note\n \nstill the note\n\n"
		"00:01.000 --> 00:02.000\nuno\n",
		TRANSCRIPT_VTT, &t, &e), 0);
	assert_int_equal(t.nsegments, 1);
	seg_is(&t, 0, 1000, 2000, NULL, "uno", 9);
	expect_error(a, LIT("1\n00:00:01,000 --> 00:00:02,000\nuno\n \ndos\n"), TRANSCRIPT_SRT,
		     ERR_INVALID, "line 5: expected a cue number");
}

/* SBV as Google Meet's captions give it: BOM, CRLF, "Name:" speakers, a
 * cue of two lines, a cue without a name continuing the speaker. */
static void test_sbv_meet(void **state)
{
	struct arena *a = *state;
	struct transcript t;

	parse_file(a, "meet.sbv", TRANSCRIPT_AUTO, &t);
	assert_int_equal(t.format, TRANSCRIPT_SBV);
	assert_int_equal(t.nspeakers, 3);
	assert_string_equal(t.speakers[0], "Maria Lopez");
	assert_string_equal(t.speakers[1], "José Hernández");
	assert_string_equal(t.speakers[2], "Ana Martínez");
	assert_int_equal(t.nsegments, 5);
	seg_is(&t, 0, 1200, 4800, "Maria Lopez", "Buenas tardes a todos. Gracias por venir.", 1);
	seg_is(&t, 1, 5000, 9350, "José Hernández",
	       "Gracias. Quiero hablar del transporte, porque la ruta 12 llega tarde.", 4);
	seg_is(&t, 2, 9500, 12000, "José Hernández", "Y los niños pierden el desayuno.", 8);
	seg_is(&t, 3, 12100, 15900, "Ana Martínez", "¿Y el programa después de clases?", 11);
	seg_is(&t, 4, 62000, 65500, "Maria Lopez", "Anotado. ¿Alguien más?", 14);
	/* The timing lines are never text. */
	for (size_t i = 0; i < t.nsegments; i++) {
		assert_null(strstr(t.segments[i].text, "0:0"));
		assert_null(strchr(t.segments[i].text, '\r'));
	}
	/* Given as SBV, the same. */
	parse_file(a, "meet.sbv", TRANSCRIPT_SBV, &t);
	assert_int_equal(t.nsegments, 5);
}

/* SBV as YouTube exports it: ">> NAME:" at a change of speaker, ">>"
 * alone for a speaker it does not name, references, hours. */
static void test_sbv_youtube(void **state)
{
	struct arena *a = *state;
	struct transcript t;

	parse_file(a, "youtube.sbv", TRANSCRIPT_AUTO, &t);
	assert_int_equal(t.format, TRANSCRIPT_SBV);
	assert_int_equal(t.nspeakers, 2);
	assert_string_equal(t.speakers[0], "PRINCIPAL ADAMS");
	assert_string_equal(t.speakers[1], "PARENT");
	assert_int_equal(t.nsegments, 6);
	seg_is(&t, 0, 0, 3500, "PRINCIPAL ADAMS", "Welcome back, everyone.", 1);
	seg_is(&t, 1, 3500, 7250, "PRINCIPAL ADAMS",
	       "Tonight we're discussing the new start times & bus routes.", 4);
	seg_is(&t, 2, 7250, 10000, "PARENT", "My kids are on the 7:10 bus.", 8);
	/* ">>" without a name: someone else, not the parent going on. */
	seg_is(&t, 3, 10000, 12400, NULL, "That's already early.", 11);
	seg_is(&t, 4, 12400, 15000, "PRINCIPAL ADAMS",
	       "I hear you — we’ll share the survey.", 14);
	/* A cue of only ">>" makes no segment, but the speaker changed. */
	seg_is(&t, 5, 3723000, 3725000, NULL, "[Applause]", 20);
}

/* SBV structure: cues without blank lines between them, a text line with
 * digits and commas that is not a timing line, "Name:" by the heuristic. */
static void test_sbv_structure(void **state)
{
	struct arena *a = *state;
	struct transcript t;
	struct err e = {0};

	assert_int_equal(parse_str(a,
		"\n\n0:00:01.000,0:00:02.000\nAna Ruiz: uno\n0:00:02.000 , 0:00:03.000  \n"
		"Luis Gil: at 10:30, 11:00 or 1,200\n0:00:03.5,0:00:04\n\n\n"
		"12:00.000,12:01.000\nsin nombre\n",
		TRANSCRIPT_AUTO, &t, &e), 0);
	assert_int_equal(t.format, TRANSCRIPT_SBV);
	assert_int_equal(t.nsegments, 3);
	seg_is(&t, 0, 1000, 2000, "Ana Ruiz", "uno", 3);
	/* "0:00:04" has no fraction: not a timing line, so text. */
	seg_is(&t, 1, 2000, 3000, "Luis Gil",
	       "at 10:30, 11:00 or 1,200 0:00:03.5,0:00:04", 5);
	seg_is(&t, 2, 720000, 721000, "Luis Gil", "sin nombre", 10);
}

/* Damaged SBV files are refused at the line of their problem. */
static void test_sbv_errors(void **state)
{
	struct arena *a = *state;

	expect_file_error(a, "broken_timing.sbv", TRANSCRIPT_AUTO, ERR_INVALID,
			  "line 4: the timing line must look like 0:01:02.500,0:01:05.000");
	expect_file_error(a, "broken_text.sbv", TRANSCRIPT_AUTO, ERR_INVALID,
			  "line 4: expected a timing line like 0:01:02.500,0:01:05.000 "
			  "to start the next cue");
	expect_error(a, LIT("0:00:01.000,0:00:02.000\nuno\n\n0:00:61.000,0:01:02.000\ndos\n"),
		     TRANSCRIPT_AUTO, ERR_INVALID,
		     "line 4: 0:00:61.000 is not a time: minutes and seconds go up to 59");
	expect_error(a, LIT("0:00:05.000,0:00:06.000\na\n\n0:00:01.000,0:00:02.000\nb\n"),
		     TRANSCRIPT_SBV, ERR_INVALID,
		     "line 4: 00:00:01.000 comes before 00:00:05.000 on line 1; "
		     "the cues must be in time order");
	expect_error(a, LIT("0:00:05.000,0:00:04.000\nx\n"), TRANSCRIPT_SBV, ERR_INVALID,
		     "line 1: the cue ends (00:00:04.000) before it starts (00:00:05.000)");
	expect_error(a, LIT("0:00:05,0:00:06\nx\n"), TRANSCRIPT_SBV, ERR_INVALID,
		     "line 1: the timing line must look like 0:01:02.500,0:01:05.000");
	expect_error(a, LIT("0:00:01.000,0:00:02.000 align:start\nx\n"), TRANSCRIPT_SBV,
		     ERR_INVALID, "line 1: the timing line must look like");
	expect_error(a, LIT("0:00:01.000 --> 0:00:02.000\nx\n"), TRANSCRIPT_SBV,
		     ERR_INVALID, "line 1: the timing line must look like");
	expect_error(a, LIT("\xef\xbb\xbfHola\n"), TRANSCRIPT_SBV, ERR_INVALID,
		     "line 1: expected a timing line like");
}

/* SBV timing lines in a file read as plain text give the next turn its
 * start; they are never kept as text. */
static void test_sbv_lines_in_text(void **state)
{
	struct arena *a = *state;
	struct transcript t;
	struct err e = {0};

	assert_int_equal(parse_str(a,
		"0:00:05.000,0:00:07.000\nAna: hola\n\n0:00:08.000,0:00:09.000\nLuis: adiós\n",
		TRANSCRIPT_TEXT, &t, &e), 0);
	assert_int_equal(t.format, TRANSCRIPT_TEXT);
	assert_int_equal(t.nsegments, 2);
	seg_is(&t, 0, 5000, -1, "Ana", "hola", 2);
	seg_is(&t, 1, 8000, -1, "Luis", "adiós", 5);
	expect_error(a, LIT("Ana: hola\n0:00:75.000,0:00:76.000\nLuis: x\n"), TRANSCRIPT_TEXT,
		     ERR_INVALID, "line 2: 0:00:75.000 is not a time");
}

/* The text of the one cue of a file of format f holding line, or NULL
 * when the cue is left empty. */
static const char *cue_text(struct arena *a, enum transcript_format f, const char *line)
{
	static const char *const heads[] = {
		[TRANSCRIPT_VTT] = "WEBVTT\n\n00:01.000 --> 00:02.000\n",
		[TRANSCRIPT_SRT] = "1\n00:00:01,000 --> 00:00:02,000\n",
		[TRANSCRIPT_SBV] = "0:00:01.000,0:00:02.000\n",
	};
	struct transcript t;
	struct err e = {0};
	const char *s = arena_printf(a, "%s%s\n", heads[f], line);

	if (transcript_parse(a, s, strlen(s), TRANSCRIPT_AUTO, &t, &e) != 0)
		fail_msg("%s: %s", s, e.msg);
	assert_int_equal(t.format, f);
	return t.nsegments ? t.segments[0].text : NULL;
}

/* HTML character references, as WebVTT reads them, in VTT, SRT and SBV:
 * named (case matters), decimal and hex; unknown ones stay as written. */
static void test_character_references(void **state)
{
	struct arena *a = *state;
	static const enum transcript_format fmts[] = {TRANSCRIPT_VTT, TRANSCRIPT_SRT, TRANSCRIPT_SBV};
	static const struct {
		const char *in, *out;
	} cases[] = {
		{"&eacute;&aacute;&iacute;&oacute;&uacute;&ntilde;&Ntilde;&uuml;&ccedil;&egrave;&agrave;&ocirc;",
		 "éáíóúñÑüçèàô"},
		{"&Eacute;&Aacute;&Iacute;&Oacute;&Uacute;&Uuml;&Ccedil;&Egrave;&Agrave;&Ocirc;",
		 "ÉÁÍÓÚÜÇÈÀÔ"},
		{"&hellip;&rsquo;&lsquo;&ldquo;&rdquo;&mdash;&ndash;&iexcl;&iquest;&euro;&copy;&reg;",
		 "…’‘“”—–¡¿€©®"},
		{"a&lrm;b&rlm;c&shy;d&zwj;e", "abcd\xe2\x80\x8d" "e"},
		{"&AMP; &LT;&GT; &QUOT;&apos; &COPY;&REG; &trade; &bull; &OElig;&scaron;", "& <> \"' ©® ™ • Œš"},
		{"&#233; &#xE9; &#XE9; &#x000e9; &#00233;", "é é é é é"},
		/* 0x80-0x9F are Windows-1252; the ones it leaves out are controls. */
		{"&#150; &#x92;s &#128; &#x81;x &#x9D;y", "– ’s € x y"},
		{"&#xAD;a&#x200B;b&#xFEFF;c &#9;d", "abc d"},
		{"a&ensp;&emsp;b&thinsp;c&nbsp;&nbsp;d &#x2009;e", "a b c d e"},
		{"&lt;i&gt;not a tag&lt;/i&gt;", "<i>not a tag</i>"},
		{"&bogus; &EACUTE; &Eacute &eacute &#; &#x; &#xZZ; &#55296; &#x110000; AT&T &amp",
		 "&bogus; &EACUTE; &Eacute &eacute &#; &#x; &#xZZ; &#55296; &#x110000; AT&T &amp"},
		{"&#x1F600; R&amp;D", "\xf0\x9f\x98\x80 R&D"},
	};

	for (size_t f = 0; f < sizeof(fmts) / sizeof(fmts[0]); f++)
		for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
			const char *got = cue_text(a, fmts[f], cases[i].in);

			if (!got || strcmp(got, cases[i].out) != 0)
				fail_msg("%s as %s: \"%s\", want \"%s\"", cases[i].in,
					 transcript_format_name(fmts[f]), got ? got : "(none)",
					 cases[i].out);
		}
	/* Only references: the cue is left empty. */
	assert_null(cue_text(a, TRANSCRIPT_VTT, "&lrm;&shy;"));
}

/* Every Latin-1 name, in code point order (U+00A0 to U+00FF). */
static void test_latin1_references(void **state)
{
	struct arena *a = *state;
	static const char *const names[96] = {
		"nbsp", "iexcl", "cent", "pound", "curren", "yen", "brvbar", "sect",
		"uml", "copy", "ordf", "laquo", "not", "shy", "reg", "macr",
		"deg", "plusmn", "sup2", "sup3", "acute", "micro", "para", "middot",
		"cedil", "sup1", "ordm", "raquo", "frac14", "frac12", "frac34", "iquest",
		"Agrave", "Aacute", "Acirc", "Atilde", "Auml", "Aring", "AElig", "Ccedil",
		"Egrave", "Eacute", "Ecirc", "Euml", "Igrave", "Iacute", "Icirc", "Iuml",
		"ETH", "Ntilde", "Ograve", "Oacute", "Ocirc", "Otilde", "Ouml", "times",
		"Oslash", "Ugrave", "Uacute", "Ucirc", "Uuml", "Yacute", "THORN", "szlig",
		"agrave", "aacute", "acirc", "atilde", "auml", "aring", "aelig", "ccedil",
		"egrave", "eacute", "ecirc", "euml", "igrave", "iacute", "icirc", "iuml",
		"eth", "ntilde", "ograve", "oacute", "ocirc", "otilde", "ouml", "divide",
		"oslash", "ugrave", "uacute", "ucirc", "uuml", "yacute", "thorn", "yuml",
	};

	for (unsigned i = 0; i < 96; i++) {
		unsigned cp = 0xa0 + i;
		const char *want = cp == 0xa0 ? "x y" : cp == 0xad ? "xy"
				   : arena_printf(a, "x%c%cy", (char)(0xc0 | cp >> 6),
						  (char)(0x80 | (cp & 0x3f)));
		const char *got = cue_text(a, TRANSCRIPT_VTT, arena_printf(a, "x&%s;y", names[i]));

		if (strcmp(got, want) != 0)
			fail_msg("&%s;: \"%s\", want \"%s\"", names[i], got, want);
		/* The numeric reference reads the same. */
		got = cue_text(a, TRANSCRIPT_SBV, arena_printf(a, "x&#%u;y", cp));
		assert_string_equal(got, want);
	}
}

/* AUTO: WEBVTT after a BOM, SRT only with a number then a comma timing
 * line, SBV with an SBV timing line first, else text; an explicit format
 * is obeyed. */
static void test_detect(void **state)
{
	struct arena *a = *state;
	struct transcript t;
	struct err e = {0};

	assert_int_equal(parse_str(a, "\xef\xbb\xbfWEBVTT - captions\n\n"
				   "00:01.000 --> 00:02.000\nHola\n",
				   TRANSCRIPT_AUTO, &t, &e), 0);
	assert_int_equal(t.format, TRANSCRIPT_VTT);
	seg_is(&t, 0, 1000, 2000, NULL, "Hola", 3);

	assert_int_equal(parse_str(a, "\r\n\r\n12\r\n00:00:01,000 --> 00:00:02,000\r\nHi\r\n",
				   TRANSCRIPT_AUTO, &t, &e), 0);
	assert_int_equal(t.format, TRANSCRIPT_SRT);
	seg_is(&t, 0, 1000, 2000, NULL, "Hi", 3);

	/* A dot, not a comma: not SRT. */
	assert_int_equal(parse_str(a, "1\n00:00:01.000 --> 00:00:02.000\nHi\n",
				   TRANSCRIPT_AUTO, &t, &e), 0);
	assert_int_equal(t.format, TRANSCRIPT_TEXT);
	assert_int_equal(parse_str(a, "WEBVTTX\n", TRANSCRIPT_AUTO, &t, &e), 0);
	assert_int_equal(t.format, TRANSCRIPT_TEXT);
	assert_int_equal(t.nsegments, 1);

	/* SBV: the first non-empty line is its timing line. */
	assert_int_equal(parse_str(a, "\xef\xbb\xbf\r\n \r\n0:00:01.000,0:00:02.000\r\nHola\r\n",
				   TRANSCRIPT_AUTO, &t, &e), 0);
	assert_int_equal(t.format, TRANSCRIPT_SBV);
	seg_is(&t, 0, 1000, 2000, NULL, "Hola", 3);
	/* Digits and commas, or an SBV line further down, are text. */
	assert_int_equal(parse_str(a, "1,200 people came\n0:00:01.000,0:00:02.000\nHola\n",
				   TRANSCRIPT_AUTO, &t, &e), 0);
	assert_int_equal(t.format, TRANSCRIPT_TEXT);
	assert_int_equal(t.nsegments, 2);
	seg_is(&t, 0, -1, -1, NULL, "1,200 people came", 1);
	seg_is(&t, 1, 1000, -1, NULL, "Hola", 3);
	assert_int_equal(parse_str(a, "0:00:01,0:00:02\nHola\n", TRANSCRIPT_AUTO, &t, &e), 0);
	assert_int_equal(t.format, TRANSCRIPT_TEXT);

	/* Explicit SRT also takes dots. */
	assert_int_equal(parse_str(a, "1\n00:00:01.000 --> 00:00:02.000\nHi\n",
				   TRANSCRIPT_SRT, &t, &e), 0);
	assert_int_equal(t.format, TRANSCRIPT_SRT);
	seg_is(&t, 0, 1000, 2000, NULL, "Hi", 1);

	/* A VTT file read as text is lines of text. */
	assert_int_equal(parse_str(a, "WEBVTT\n\nHola: mundo\n", TRANSCRIPT_TEXT, &t, &e), 0);
	assert_int_equal(t.format, TRANSCRIPT_TEXT);
	assert_int_equal(t.nsegments, 2);

	/* Nothing at all is an empty text transcript. */
	assert_int_equal(transcript_parse(a, NULL, 0, TRANSCRIPT_AUTO, &t, &e), 0);
	assert_int_equal(t.format, TRANSCRIPT_TEXT);
	assert_int_equal(t.nsegments, 0);
	assert_int_equal(parse_str(a, "\xef\xbb\xbf \r\n\r\n", TRANSCRIPT_AUTO, &t, &e), 0);
	assert_int_equal(t.nsegments, 0);
}

static void test_format_name(void **state)
{
	assert_string_equal(transcript_format_name(TRANSCRIPT_AUTO), "auto");
	assert_string_equal(transcript_format_name(TRANSCRIPT_VTT), "vtt");
	assert_string_equal(transcript_format_name(TRANSCRIPT_SRT), "srt");
	assert_string_equal(transcript_format_name(TRANSCRIPT_TEXT), "text");
	assert_string_equal(transcript_format_name(TRANSCRIPT_SBV), "sbv");
	assert_string_equal(transcript_format_name((enum transcript_format)9), "unknown");
}

/* Each broken sample fails at the line of its problem. */
static void test_file_errors(void **state)
{
	struct arena *a = *state;

	expect_file_error(a, "broken_timing.vtt", TRANSCRIPT_AUTO, ERR_INVALID,
			  "line 8: the timing line must look like 00:01:02.500 --> 00:01:05.000");
	expect_file_error(a, "broken_range.srt", TRANSCRIPT_AUTO, ERR_INVALID,
			  "line 6: 00:61:00,000 is not a time: minutes and seconds go up to 59");
	expect_file_error(a, "broken_order.vtt", TRANSCRIPT_AUTO, ERR_INVALID,
			  "line 6: 00:00:05.000 comes before 00:00:10.000 on line 3; "
			  "the cues must be in time order");
	expect_file_error(a, "broken_end.srt", TRANSCRIPT_AUTO, ERR_INVALID,
			  "line 2: the cue ends (00:00:04,000) before it starts (00:00:09,000)");
	expect_file_error(a, "broken_noheader.vtt", TRANSCRIPT_VTT, ERR_INVALID,
			  "line 1: a WebVTT file must start with WEBVTT");
	expect_file_error(a, "broken_latin1.txt", TRANSCRIPT_AUTO, ERR_INVALID,
			  "line 2: this line is not UTF-8 text; export or save the "
			  "transcript as UTF-8");
	expect_file_error(a, "broken_text.srt", TRANSCRIPT_AUTO, ERR_INVALID,
			  "line 5: expected a cue number, then a timing line like "
			  "00:01:02,500 --> 00:01:05,000");
}

/* More errors, each at its line. */
static void test_errors(void **state)
{
	struct arena *a = *state;
	static const char nul[] = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\na\0b\n";

	expect_error(a, LIT(""), TRANSCRIPT_VTT, ERR_INVALID, "line 1: a WebVTT");
	expect_error(a, LIT("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nok\n\ncue-7\n"),
		     TRANSCRIPT_VTT, ERR_INVALID, "line 6: this cue has no timing line");
	expect_error(a, LIT(nul), TRANSCRIPT_AUTO, ERR_INVALID,
		     "line 4: this line is not UTF-8");
	/* An overlong '/' (C0 AF). */
	expect_error(a, LIT("ok\nok\n\xc0\xaf\n"), TRANSCRIPT_TEXT, ERR_INVALID,
		     "line 3: this line is not UTF-8");
	/* Seconds 60, in VTT without hours. */
	expect_error(a, LIT("WEBVTT\n\n00:60.000 --> 01:00.000\nx\n"), TRANSCRIPT_AUTO,
		     ERR_INVALID, "line 3: 00:60.000 is not a time");
	/* A fraction is required, and three digits at most. */
	expect_error(a, LIT("WEBVTT\n\n00:00:01 --> 00:00:02\nx\n"), TRANSCRIPT_AUTO,
		     ERR_INVALID, "line 3: the timing line must look like");
	expect_error(a, LIT("WEBVTT\n\n00:00:01.0000 --> 00:00:02.000\nx\n"),
		     TRANSCRIPT_AUTO, ERR_INVALID, "line 3: the timing line must look like");
	/* Text after the end time that is not a setting. */
	expect_error(a, LIT("1\n00:00:01,000 --> 00:00:02,000x\nx\n"), TRANSCRIPT_SRT,
		     ERR_INVALID, "line 2: the timing line must look like 00:01:02,500");
	/* An SRT number at the end of the file. */
	expect_error(a, LIT("1\n00:00:01,000 --> 00:00:02,000\nx\n\n2\n"), TRANSCRIPT_SRT,
		     ERR_INVALID, "line 5: this cue has no timing line like 00:01:02,500");
	/* Plain text: an impossible time, and times going back. */
	expect_error(a, LIT("Ana: hola\n[00:75:00] Ana: adiós\n"), TRANSCRIPT_TEXT,
		     ERR_INVALID, "line 2: 00:75:00 is not a time");
	expect_error(a, LIT("00:10:00\nAna: hola\n\n00:09:59\nAna: adiós\n"),
		     TRANSCRIPT_TEXT, ERR_INVALID,
		     "line 4: 00:09:59 comes before 00:10:00 on line 1");
}

/* Limits: input size, cues, speakers, text per cue, a voice name. */
static void test_limits(void **state)
{
	struct arena *a = *state;
	struct transcript t;
	struct err e = {0};
	struct buf b;
	char *big;

	big = mem_alloc(TRANSCRIPT_MAX_BYTES + 1);
	memset(big, 'a', TRANSCRIPT_MAX_BYTES + 1);
	expect_error(a, big, TRANSCRIPT_MAX_BYTES + 1, TRANSCRIPT_TEXT, ERR_LIMIT,
		     "the file is larger than 16 MiB");
	mem_free(big);

	buf_init(&b, 0);
	for (int i = 0; i < TRANSCRIPT_MAX_SEGMENTS; i++)
		buf_adds(&b, "a\n\n");
	assert_int_equal(transcript_parse(a, b.p, b.len, TRANSCRIPT_TEXT, &t, &e), 0);
	assert_int_equal(t.nsegments, TRANSCRIPT_MAX_SEGMENTS);
	buf_adds(&b, "a\n");
	expect_error(a, b.p, b.len, TRANSCRIPT_TEXT, ERR_LIMIT,
		     "line 200001: more than 100000 cues or turns");
	buf_reset(&b);
	buf_adds(&b, "WEBVTT\n\n");
	for (int i = 0; i <= TRANSCRIPT_MAX_SEGMENTS; i++)
		buf_adds(&b, "00:00.000 --> 00:01.000\nx\n\n");
	expect_error(a, b.p, b.len, TRANSCRIPT_VTT, ERR_LIMIT,
		     "line 300003: more than 100000 cues or turns");

	buf_reset(&b);
	for (int i = 0; i < TRANSCRIPT_MAX_SPEAKERS; i++)
		buf_printf(&b, "Vecino %d: hola\n", i);
	assert_int_equal(transcript_parse(a, b.p, b.len, TRANSCRIPT_TEXT, &t, &e), 0);
	assert_int_equal(t.nspeakers, TRANSCRIPT_MAX_SPEAKERS);
	assert_string_equal(t.speakers[9999], "Vecino 9999");
	buf_adds(&b, "Vecino nuevo: hola\n");
	expect_error(a, b.p, b.len, TRANSCRIPT_TEXT, ERR_LIMIT,
		     "line 10001: more than 10000 speakers");

	buf_reset(&b);
	buf_adds(&b, "1\n00:00:01,000 --> 00:00:02,000\n");
	for (size_t i = 0; i < TRANSCRIPT_MAX_TEXT; i++)
		buf_addc(&b, i % 64 == 63 ? ' ' : 'x');
	buf_adds(&b, "\n");
	assert_int_equal(transcript_parse(a, b.p, b.len, TRANSCRIPT_SRT, &t, &e), 0);
	assert_int_equal(strlen(t.segments[0].text), TRANSCRIPT_MAX_TEXT - 1);
	b.len -= 2;   /* the last ' ' was trimmed: make it text */
	buf_adds(&b, "xx\n");
	expect_error(a, b.p, b.len, TRANSCRIPT_SRT, ERR_LIMIT,
		     "line 1: the text of this cue is longer than 64 KiB");

	buf_reset(&b);
	buf_adds(&b, "WEBVTT\n\n00:01.000 --> 00:02.000\n<v ");
	for (int i = 0; i < TRANSCRIPT_MAX_NAME + 1; i++)
		buf_addc(&b, 'n');
	buf_adds(&b, ">hola\n");
	expect_error(a, b.p, b.len, TRANSCRIPT_VTT, ERR_LIMIT,
		     "line 3: the speaker's name is longer than 256 bytes");
	buf_release(&b);
}

/* The heuristic: "Note: remember" in a file where nobody is named is text,
 * continuing the previous speaker. */
static void test_heuristic_ambiguous_is_text(void **state)
{
	struct arena *a = *state;
	struct transcript t;
	struct err e = {0};

	assert_int_equal(parse_str(a,
		"WEBVTT\n\n"
		"00:01.000 --> 00:02.000\n<v Ana Ruiz>Buenas tardes.\n\n"
		"00:02.000 --> 00:03.000\nGracias por venir.\n\n"
		"00:03.000 --> 00:04.000\nNote: remember the budget vote.\n\n"
		"00:04.000 --> 00:05.000\nEmpezamos.\n\n"
		"00:05.000 --> 00:06.000\nPrimero, el calendario.\n",
		TRANSCRIPT_AUTO, &t, &e), 0);
	assert_int_equal(t.nspeakers, 1);
	assert_int_equal(t.nsegments, 5);
	seg_is(&t, 2, 3000, 4000, "Ana Ruiz", "Note: remember the budget vote.", 9);
	seg_is(&t, 4, 5000, 6000, "Ana Ruiz", "Primero, el calendario.", 15);
}

/* The same line where the other cues use "Name:" is a speaker. */
static void test_heuristic_convention(void **state)
{
	struct arena *a = *state;
	struct transcript t;
	struct err e = {0};

	assert_int_equal(parse_str(a,
		"WEBVTT\n\n"
		"00:01.000 --> 00:02.000\nAna Ruiz: Buenas tardes.\n\n"
		"00:02.000 --> 00:03.000\nLuis Gil: Gracias.\n\n"
		"00:03.000 --> 00:04.000\nNote: remember the budget vote.\n\n"
		"00:04.000 --> 00:05.000\nsin nombre\n",
		TRANSCRIPT_AUTO, &t, &e), 0);
	assert_int_equal(t.nspeakers, 3);
	assert_string_equal(t.speakers[2], "Note");
	seg_is(&t, 2, 3000, 4000, "Note", "remember the budget vote.", 9);
	seg_is(&t, 3, 4000, 5000, "Note", "sin nombre", 12);
}

/* A name used twice is a speaker even where few cues are named; a <v>
 * voice elsewhere counts too. */
static void test_heuristic_repeated(void **state)
{
	struct arena *a = *state;
	struct transcript t;
	struct err e = {0};

	assert_int_equal(parse_str(a,
		"Hoy hablamos del comedor.\n\nTambién del transporte.\n\n"
		"Y de la biblioteca.\n\nNota: la reunión sigue.\n\n"
		"Nota: volvemos en diez minutos.\n\nGracias.\n",
		TRANSCRIPT_TEXT, &t, &e), 0);
	assert_int_equal(t.nspeakers, 1);
	seg_is(&t, 3, -1, -1, "Nota", "la reunión sigue.", 7);
	seg_is(&t, 5, -1, -1, "Nota", "Gracias.", 11);
	seg_is(&t, 0, -1, -1, NULL, "Hoy hablamos del comedor.", 1);

	assert_int_equal(parse_str(a,
		"WEBVTT\n\n"
		"00:01.000 --> 00:02.000\n<v Nota>uno\n\n"
		"00:02.000 --> 00:03.000\ndos\n\n"
		"00:03.000 --> 00:04.000\ntres\n\n"
		"00:04.000 --> 00:05.000\nNota: cuatro\n",
		TRANSCRIPT_VTT, &t, &e), 0);
	assert_int_equal(t.nspeakers, 1);
	seg_is(&t, 3, 4000, 5000, "Nota", "cuatro", 12);
}

/* Name rules, in a file that uses the convention: a digit first, more
 * than 6 words, more than 60 characters, no space after ':', nothing
 * after it on the line, a quote in the name: all text. */
static void test_heuristic_name_rules(void **state)
{
	struct arena *a = *state;
	struct transcript t;
	struct err e = {0};
	static const char *const texts[] = {
		"2024: a year of change",
		"One two three four five six seven: too many words",
		"Aaaaaaaaaa Bbbbbbbbbb Cccccccccc Dddddddddd Eeeeeeeeee Ffffffffffg: long",
		"Re:thinking the schedule",
		"Maria Lopez: second line",
		"He said \"go\": and left",
		"- Ana: a dash first",
	};
	static const size_t lines[] = {10, 12, 14, 16, 18, 21, 23};

	assert_int_equal(parse_str(a,
		"Ana Ruiz: uno\nLuis Gil: dos\nEva Sol: tres\nAna Ruiz: cuatro\n"
		"Luis Gil: cinco\nEva Sol: seis\nAna Ruiz: siete\nLuis Gil: ocho\n\n"
		"2024: a year of change\n\n"
		"One two three four five six seven: too many words\n\n"
		"Aaaaaaaaaa Bbbbbbbbbb Cccccccccc Dddddddddd Eeeeeeeeee Ffffffffffg: long\n\n"
		"Re:thinking the schedule\n\n"
		"Maria Lopez:\nsecond line\n\n"
		"He said \"go\": and left\n\n"
		"- Ana: a dash first\n\n"
		"Six Word Name Is Quite Long: accepted\n",
		TRANSCRIPT_TEXT, &t, &e), 0);
	assert_int_equal(t.nsegments, 16);
	for (size_t i = 0; i < 7; i++)
		seg_is(&t, 8 + i, -1, -1, "Luis Gil", texts[i], lines[i]);
	seg_is(&t, 15, -1, -1, "Six Word Name Is Quite Long", "accepted", 25);
	assert_int_equal(t.nspeakers, 4);
}

/* Names are trimmed, inner spaces collapsed, case kept. */
static void test_speaker_names(void **state)
{
	struct arena *a = *state;
	struct transcript t;
	struct err e = {0};

	assert_int_equal(parse_str(a,
		"Ana   Ruiz :  hola\nana ruiz: hola\nAna Ruiz: otra vez\n",
		TRANSCRIPT_TEXT, &t, &e), 0);
	assert_int_equal(t.nspeakers, 2);
	assert_string_equal(t.speakers[0], "Ana Ruiz");
	assert_string_equal(t.speakers[1], "ana ruiz");
	assert_int_equal(t.segments[2].speaker, 0);

	assert_int_equal(parse_str(a,
		"WEBVTT\n\n00:01.000 --> 00:02.000\n<v.loud.red   Ana &amp; Luis  >hola</v>\n\n"
		"00:02.000 --> 00:03.000\n<v>sin nombre\n\n"
		"00:03.000 --> 00:04.000\n<i>texto</i> <v Eva>y Eva</v>\n",
		TRANSCRIPT_VTT, &t, &e), 0);
	assert_int_equal(t.nspeakers, 2);
	seg_is(&t, 0, 1000, 2000, "Ana & Luis", "hola", 3);
	/* <v> without a name: the previous speaker goes on. */
	seg_is(&t, 1, 2000, 3000, "Ana & Luis", "sin nombre", 6);
	seg_is(&t, 2, 3000, 4000, "Eva", "texto y Eva", 9);

	/* Regression (fuzz): control characters in a plain-text name were
	 * kept in the speaker's name. */
	assert_int_equal(parse_str(a, "Ana\x14 Ruiz: hola\nLuis: x\n",
				   TRANSCRIPT_TEXT, &t, &e), 0);
	assert_int_equal(t.nspeakers, 2);
	assert_string_equal(t.speakers[0], "Ana Ruiz");
}

/* A lone cue has no other cues to show the convention: its "Name:" is
 * text. */
static void test_heuristic_single_cue(void **state)
{
	struct arena *a = *state;
	struct transcript t;
	struct err e = {0};

	assert_int_equal(parse_str(a, "Maria Lopez: hello\n", TRANSCRIPT_TEXT, &t, &e), 0);
	assert_int_equal(t.nspeakers, 0);
	seg_is(&t, 0, -1, -1, NULL, "Maria Lopez: hello", 1);
	assert_int_equal(parse_str(a, "Maria Lopez: hello\nLuis Gil: hi\n",
				   TRANSCRIPT_TEXT, &t, &e), 0);
	assert_int_equal(t.nspeakers, 2);
	seg_is(&t, 0, -1, -1, "Maria Lopez", "hello", 1);
}

/* Cleaning: tags, entities (named, numeric, unknown), a literal '<',
 * whitespace and control characters; a cue left empty is dropped. */
static void test_clean_text(void **state)
{
	struct arena *a = *state;
	struct transcript t;
	struct err e = {0};

	assert_int_equal(parse_str(a,
		"WEBVTT\n\n"
		"00:01.000 --> 00:02.000\n<c.yellow>  a\t\tb </c> <00:01.500>c\x01\n\n"
		"00:02.000 --> 00:03.000\n&#233;l &#xF1;o &#x1F600; &bogus; &#0; AT&T &\n\n"
		"00:03.000 --> 00:04.000\n<b></b>\n\n"
		"00:04.000 --> 00:05.000\n1 < 2 &lt;3&gt; &quot;x&quot; &apos;y&apos;\n\n"
		"00:05.000 --> 00:06.000\n\xef\xbb\xbfsin\xe2\x80\x8b bom\n",
		TRANSCRIPT_VTT, &t, &e), 0);
	assert_int_equal(t.nsegments, 4);
	assert_string_equal(t.segments[0].text, "a b c");
	assert_string_equal(t.segments[1].text,
			    "él ño \xf0\x9f\x98\x80 &bogus; &#0; AT&T &");
	assert_string_equal(t.segments[2].text, "1 < 2 <3> \"x\" 'y'");
	assert_string_equal(t.segments[3].text, "sin bom");
	/* Plain text keeps markup as written. */
	assert_int_equal(parse_str(a, "a <b>bold</b> &amp;\tc\n", TRANSCRIPT_TEXT, &t, &e), 0);
	assert_string_equal(t.segments[0].text, "a <b>bold</b> &amp; c");
}

/* Lenient structure: a header without its blank line, cues without blank
 * lines between them, a block that has only an identifier and a timing. */
static void test_missing_blank_lines(void **state)
{
	struct arena *a = *state;
	struct transcript t;
	struct err e = {0};

	assert_int_equal(parse_str(a,
		"WEBVTT\nKind: captions\n00:01.000 --> 00:02.000\nuno\n"
		"00:02.000 --> 00:03.000\ndos\n\nid\n00:03.000 --> 00:04.000\n\n",
		TRANSCRIPT_VTT, &t, &e), 0);
	assert_int_equal(t.nsegments, 2);
	seg_is(&t, 0, 1000, 2000, NULL, "uno", 3);
	seg_is(&t, 1, 2000, 3000, NULL, "dos", 5);

	assert_int_equal(parse_str(a,
		"1\n00:00:01,000 --> 00:00:02,000\nuno\n2\n00:00:02,000 --> 00:00:03,000\ndos\n",
		TRANSCRIPT_SRT, &t, &e), 0);
	assert_int_equal(t.nsegments, 2);
	seg_is(&t, 0, 1000, 2000, NULL, "uno", 1);
	seg_is(&t, 1, 2000, 3000, NULL, "dos", 4);
}

/* Long hours, zero-length cues, equal starts. */
static void test_times(void **state)
{
	struct arena *a = *state;
	struct transcript t;
	struct err e = {0};

	assert_int_equal(parse_str(a,
		"WEBVTT\n\n00:00:05.000 --> 00:00:05.000\na\n\n"
		"00:00:05.000 --> 00:00:06.5\nb\n\n"
		"123:59:59.999 --> 124:00:00.000\nc\n",
		TRANSCRIPT_VTT, &t, &e), 0);
	assert_int_equal(t.nsegments, 3);
	seg_is(&t, 0, 5000, 5000, NULL, "a", 3);
	seg_is(&t, 1, 5000, 6500, NULL, "b", 6);
	seg_is(&t, 2, INT64_C(446399999), INT64_C(446400000), NULL, "c", 9);
}

/* Word counts: Spanish, contractions, numbers, punctuation. */
static void test_words(void **state)
{
	static const struct {
		const char *text;
		size_t words;
	} cases[] = {
		{"", 0},
		{"   ", 0},
		{"Hola", 1},
		{"Buenas noches, ¿cómo están?", 4},
		{"¡Sí! Él dijo: «mañana»", 4},
		{"I don't think it's 'fair'", 5},
		{"l’école and rock ’n’ roll", 5},
		{"Route 12 leaves at 7:10 — 3.5 miles, 1,200 kids", 10},
		{"well-being", 2},
		{"niños… y niñas", 3},
		{"año 2024 😀 👍", 2},
		{"x² + y²", 2},
		{"' ' , .", 0},
		{"日本語 テキスト", 2},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t got = transcript_words(cases[i].text);

		if (got != cases[i].words)
			fail_msg("\"%s\": %zu words, want %zu", cases[i].text, got,
				 cases[i].words);
	}
	assert_int_equal(transcript_words(NULL), 0);
	/* Stray bytes are not letters and are never read past the NUL. */
	assert_int_equal(transcript_words("a\xc3"), 1);
	assert_int_equal(transcript_words("\xe2\x80"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_zoom, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(test_teams, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(test_srt, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(test_meet, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(test_plain, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(test_text_times, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(test_youtube_vtt, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(test_sbv_meet, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(test_sbv_youtube, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(test_sbv_structure, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(test_sbv_errors, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(test_sbv_lines_in_text, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(test_character_references, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(test_latin1_references, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(test_detect, arena_setup, arena_teardown),
		cmocka_unit_test(test_format_name),
		cmocka_unit_test_setup_teardown(test_file_errors, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(test_errors, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(test_limits, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(test_heuristic_ambiguous_is_text, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(test_heuristic_convention, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(test_heuristic_repeated, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(test_heuristic_name_rules, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(test_heuristic_single_cue, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(test_speaker_names, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(test_clean_text, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(test_missing_blank_lines, arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(test_times, arena_setup, arena_teardown),
		cmocka_unit_test(test_words),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

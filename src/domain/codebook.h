/* codebook: the themes staff keep for an initiative (codes), the spans of
 * what was said coded with them (codings), and how far two coders agree.
 *
 * The way qualitative researchers work: a code has a name, a description
 * and a colour, and may sit under one parent (one level only).  A coding is
 * a span of an excerpt — a live note, a transcript segment or a survey
 * comment — in characters, by a coder; the theme engine's suggestions are
 * codings by nobody (coder 0) until a person confirms them.  Agreement
 * between two coders is Cohen's kappa per code over the excerpts both have
 * coded.  Rules only: no HTTP, no SQL.
 */
#ifndef CG_CODEBOOK_H
#define CG_CODEBOOK_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "domain/field.h"

/* The colours a code may have: light enough for dark text on them
 * (NULL-terminated, for the table's choices). */
#define CODEBOOK_NCOLOURS 8
extern const char *const codebook_colours[CODEBOOK_NCOLOURS + 1];
/* Index of colour in codebook_colours, or -1. */
int codebook_colour_index(const char *colour);

struct code {
	int64_t id, district_id, initiative_id;
	int64_t parent_id;          /* 0: top level */
	const char *name, *description, *colour;
	bool suggested;             /* made from a suggested theme */
	int64_t created_by, created_at;
	int64_t confirmed, pending; /* codings by people, suggestions waiting (filled by the store's list) */
};

/* The fields of a code (domain/field.h): initiative (the form's name of
 * initiative_id, read once), name, description, colour, parent_id. */
extern const struct field code_fields[];

/* Name 1..100 characters on one line, description up to 2000, colour one of
 * codebook_colours.  Fields: name, description, colour. */
int code_check(const struct code *c, struct err *e);

/* What the code's page asks: action "save" (or ""), "merge" into a code,
 * "split" to a new code new_name, "confirm" the suggestions.  Its fields: */
struct code_action {
	const char *action;
	int64_t into;
	const char *new_name;
};
extern const struct field code_action_fields[];

/* What the codebook page shows, from its query: the initiative (0: the
 * first), and the excerpts of a code, a session, a question, a group and a
 * kind (0 or "": any).  Its fields, and those of the API's list of codes
 * (initiative_id, required): */
struct codebook_view {
	int64_t initiative, code, session, question;
	const char *group, *kind;
};
extern const struct field codebook_view_fields[];
extern const struct field code_list_fields[];

/* A parent must be a top-level code of the same initiative, not itself. */
int code_check_parent(const struct code *c, const struct code *parent, struct err *e);

struct coding {
	int64_t id, district_id, code_id;
	const char *excerpt_kind;   /* note, segment, survey */
	int64_t excerpt_id;
	int64_t start, end;         /* characters, end exclusive */
	int64_t coder_id;           /* 0: suggested */
	int64_t created_at;
};

bool coding_kind_ok(const char *kind);

/* A span to code, asked by the page or the API: the initiative, the code,
 * the excerpt (kind and id), and the words (quote; "": the whole excerpt)
 * or, in the API only, the span in characters (start and end; -1: not
 * given).  do_ ("do" on the page): "quote" proposes the words as a quote
 * instead.  Its fields: */
struct coding_ask {
	int64_t initiative_id, code_id, excerpt_id;
	const char *kind, *quote;
	int64_t start, end;
	const char *do_;
};
extern const struct field coding_ask_fields[];

/* The span of quote in text, in characters: the first place it stands
 * (surrounding spaces of quote ignored); an empty quote is the whole text.
 * ERR_INVALID (field "quote") when it is not in the text. */
int coding_span(const char *text, const char *quote, int64_t *start, int64_t *end, struct err *e);

/* 0 <= start < end <= the characters of text.  Field "span". */
int coding_check_span(const char *text, int64_t start, int64_t end, struct err *e);

/* Cohen's kappa of two coders' yes/no decisions on n units:
 * (po - pe) / (1 - pe).  NaN when n is 0 or pe is 1 (both coders always
 * said the same single thing, so chance explains everything). */
double cohen_kappa(const bool *a, const bool *b, size_t n);

#endif

/* field: a noun's fields declared in one table, read from any source.
 *
 * A table of struct field (ended by FIELD_END) says, per member of a C
 * struct: its name, its type, where it sits (offsetof), whether it is
 * required, its limits, whether it is one line, and the least role that may
 * set it.  field_read fills the struct from a source — an HTML form or a
 * JSON object, adapted in web/ — and refuses what the table does not allow,
 * naming the field; field_check holds an already filled struct to the same
 * rules (the domain's *_check functions call it, then check what spans
 * several fields).  The engine knows no HTTP and no noun.
 * See docs/internals/fields.md.
 */
#ifndef CG_FIELD_H
#define CG_FIELD_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/i18n.h"

enum field_type {
	FIELD_LINE,   /* const char *: one line of text (no CR, LF nor other controls) */
	FIELD_TEXT,   /* const char *: text of several lines (TAB, LF, CR allowed) */
	FIELD_INT,    /* int64_t in [min, max] */
	FIELD_BOOL,   /* bool: a checkbox ("1", "on", "yes"), or JSON true/false */
	FIELD_CHOICE, /* const char *: one of choices ("" too unless required) */
	FIELD_SET,    /* const char *: a comma list of choices; a form sends one
	               * checkbox per choice, named form + choice ("duty_invite") */
	FIELD_ID,     /* int64_t: a record's id, positive; 0 ("none") unless required */
	FIELD_TIME,   /* int64_t: a UTC instant.  JSON: RFC 3339 ("…T18:00:00.000Z",
	               * "…T12:00:00-06:00"); form: the date field `date` and the
	               * time field `form` in the zone of the field_ctx */
};

enum {
	FIELD_REQUIRED = 1u << 0,     /* text: not blank once trimmed; id: > 0; number:
	                               * in range even when 0 (otherwise 0, or a form's
	                               * empty field, is "not given") */
	FIELD_TRANSLATABLE = 1u << 1, /* people read it in their language: the
	                               * district gives it in each of its languages */
	FIELD_KEEP = 1u << 2,         /* a form that leaves it empty or out leaves
	                               * the value as it was (JSON always does) */
	FIELD_NO_FORM = 1u << 3,      /* not read from forms (the address gives it) */
	FIELD_NO_JSON = 1u << 4,      /* not read from JSON */
	FIELD_ONCE = 1u << 5,         /* FIELD_ID, FIELD_INT: read only while still 0 (set when
	                               * the record is made, ignored afterwards) */
};

struct field {
	const char *name;            /* the JSON member, and the form field unless form is set */
	enum field_type type;
	size_t off;                  /* offsetof(struct noun, member) */
	const char *label;           /* for people, a msgid: N_("The venue") */
	unsigned flags;              /* FIELD_REQUIRED, … */
	int64_t min, max;            /* text: characters once trimmed (max 0: no limit);
	                              * FIELD_INT: the value (both 0: any) */
	const char *const *choices;  /* FIELD_CHOICE, FIELD_SET: NULL-terminated */
	const char *msg;             /* msgid without directives, said instead of the
	                              * engine's sentence when a choice or number is refused */
	int role;                    /* the least role (field_ctx.role) that may set it; 0: anyone */
	const char *form;            /* the form's field when it has another name */
	const char *date;            /* FIELD_TIME: the form's date field */
	int64_t scale;               /* FIELD_INT: the form's unit (100: dollars of cents); 0 as 1 */
	const char *def;             /* form: the value of a field left empty or out */
};

#define FIELD_END {0}

/* One value as a source has it. */
enum field_kind { FIELD_ABSENT, FIELD_STRING, FIELD_NUMBER, FIELD_TRUE, FIELD_FALSE, FIELD_OTHER };
struct field_value {
	enum field_kind kind;
	const char *s;               /* FIELD_STRING: may hold NUL, so len counts */
	size_t len;
	int64_t i;                   /* FIELD_NUMBER: a JSON integer */
};

/* Where values come from.  get fills *v for the name (FIELD_ABSENT when
 * there is none); the strings it gives must live as long as the struct
 * filled (the request's arena, or the JSON object).  typed: JSON, where a
 * member of the wrong kind is refused and an absent one leaves the struct
 * as it was; otherwise a form, where every value is a string and a field
 * left out is empty (an unticked checkbox is false). */
struct field_source {
	void (*get)(void *ctx, const char *name, struct field_value *v);
	void *ctx;
	bool typed;
};

/* Who reads, and how. */
struct field_ctx {
	const struct i18n *i18n;     /* messages in lang; NULL: English */
	const char *lang;
	int role;                    /* the editor's role, compared with field.role */
	const char *tzid;            /* the zone of a form's dates and times */
	struct arena *a;             /* for the strings a read builds (FIELD_SET) */
};

/* Fills obj from src, field by field in table order.  Returns 0, or the
 * first refusal: e names the field as src knows it (the form's name, or the
 * date field of a time) with a sentence in cx->lang (label and sentence
 * translated before the limits go in), and the result is ERR_INVALID, or
 * ERR_DENIED for a field sent by a role below field.role.  JSON stops
 * there, the refused member unwritten, earlier ones written; a form is
 * read to the end so that it can be shown again as sent (a refused text is
 * kept when it is valid UTF-8, else ""; a number that does not parse is
 * left).  obj's strings point into src or cx->a; text is stored as sent,
 * not trimmed.  e may be NULL. */
int field_read(const struct field *t, void *obj, const struct field_source *src, const struct field_ctx *cx,
               struct err *e);

/* Holds every field of an already filled obj to the table's rules (NULL
 * strings count as ""), messages in English, e->field the table's name.
 * Returns 0 or ERR_INVALID. */
int field_check(const struct field *t, const void *obj, struct err *e);

/* The same for the one field f of obj (an entry of obj's table). */
int field_check_one(const struct field *f, const void *obj, struct err *e);

/* The rules of a text field alone: valid UTF-8 of len bytes without NUL,
 * no control characters (TAB, LF and CR allowed when multiline), no bidi
 * controls (U+202A–U+202E, U+2066–U+2069).  Returns 0 or -1. */
int field_text_ok(const char *s, size_t len, bool multiline);

/* The entry of t called name (by its table name), or NULL. */
const struct field *field_find(const struct field *t, const char *name);

/* Renames e->field from the table's name to the form's, for errors of a
 * domain check shown on a form ("ends_at" → "end_time").  Leaves other
 * names alone. */
void field_err_form(const struct field *t, struct err *e);

#endif

/* report: the summary of an initiative, drafted as Markdown for staff to
 * edit — objectives, conversations held, who took part against the
 * community (small counts hidden in the public one), the themes with their
 * counts and approved quotes, common ground, divergence, what comes next.
 * Everything given is escaped for Markdown, so that what people said is
 * shown as text, never as formatting or links.  Rules only: no HTTP, no
 * SQL.  See docs/internals/themes.md. */
#ifndef CG_REPORT_H
#define CG_REPORT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "domain/field.h"
#include "domain/representation.h"

/* A summary as staff save it, one per initiative and audience. */
struct summary {
	int64_t id, district_id, initiative_id;
	const char *audience;     /* internal, public */
	const char *markdown;
	int64_t updated_by, updated_at;
	int64_t approved_by, approved_at;   /* approved for sharing; 0: not (yet, or since the last save) */
};
/* Its fields (domain/field.h): the Markdown, required, 200,000 characters
 * at most. */
extern const struct field summary_fields[];

/* What the summary pages, their form and GET /api/v1/reports/{id} are asked
 * for: the initiative (0 when not given), the audience ("" as internal), the
 * format ("" as md) and the form's button. */
struct summary_ask {
	int64_t initiative;
	const char *audience;     /* "", internal, public */
	const char *format;       /* "", md, html */
	const char *action;       /* save (the default), draft, approve (the public one, for sharing) */
};
extern const struct field summary_ask_fields[];
/* The audience asked for: "public" or "internal". */
const char *summary_audience(const struct summary_ask *q);

/* A staff decision on a proposed quote: "approve" or "reject". */
struct quote_decision {
	const char *action;
};
extern const struct field quote_decision_fields[];

struct report_quote {
	const char *text, *attribution;
};

struct report_theme {
	const char *name, *description;
	size_t excerpts;              /* comments coded with it */
	const struct report_quote *quotes;   /* approved only */
	size_t nquotes;
	bool common;
	const char *concentrated_in;  /* NULL: not divergent */
	double evenness;
};

struct report_input {
	bool public_view;
	const char *district, *title, *why, *data_behind, *goals;
	size_t sessions_held;
	const char *first_date, *last_date;   /* in words, or NULL */
	int64_t people;                       /* -1: not shown */
	const struct representation *rep;     /* NULL: no baseline */
	const struct report_theme *themes;
	size_t nthemes;
	bool suggested;                       /* themes from the engine, no codebook yet */
	size_t quotes_waiting;                /* proposed, not yet approved (internal only) */
};

/* Appends the draft.  Never fails on its own: check out->overflow. */
void report_markdown(const struct report_input *in, struct buf *out);

/* Appends text with Markdown's special characters escaped and line breaks
 * kept as hard breaks. */
void report_escape(struct buf *out, const char *text);

#endif

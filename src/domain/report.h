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
#include "domain/representation.h"

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

#include "domain/report.h"

#include <string.h>

#include "core/i18n.h"
#include "core/str.h"

static const char *const audiences[] = {"internal", "public", NULL};
static const char *const formats[] = {"md", "html", NULL};
static const char *const summary_actions[] = {"save", "draft", "approve", NULL};
static const char *const quote_actions[] = {"approve", "reject", NULL};

const struct field summary_fields[] = {
	{.name = "markdown", .type = FIELD_TEXT, .off = offsetof(struct summary, markdown), .label = N_("The summary"),
	 .flags = FIELD_REQUIRED, .min = 1, .max = 200000},
	FIELD_END,
};

#define Q(n, t, m, l) .name = n, .type = t, .off = offsetof(struct summary_ask, m), .label = l
const struct field summary_ask_fields[] = {
	{Q("initiative", FIELD_ID, initiative, N_("The initiative"))},
	{Q("audience", FIELD_CHOICE, audience, N_("The audience")), .choices = audiences,
	 .msg = N_("The summary is internal or public.")},
	{Q("format", FIELD_CHOICE, format, N_("The format")), .choices = formats, .msg = N_("The format is md or html.")},
	{Q("action", FIELD_CHOICE, action, N_("The action")), .choices = summary_actions, .def = "save",
	 .msg = N_("Save the summary, start a fresh draft or approve it for sharing.")},
	FIELD_END,
};
#undef Q

const struct field quote_decision_fields[] = {
	{.name = "action", .type = FIELD_CHOICE, .off = offsetof(struct quote_decision, action), .label = N_("The decision"),
	 .flags = FIELD_REQUIRED, .choices = quote_actions, .msg = N_("Approve or reject the quote.")},
	FIELD_END,
};

const char *summary_audience(const struct summary_ask *q)
{
	return q->audience && strcmp(q->audience, "public") == 0 ? "public" : "internal";
}

void report_escape(struct buf *out, const char *text)
{
	bool line_start = true;
	for (const char *p = text ? text : ""; *p; p++) {
		char c = *p;
		if (c == '\r')
			continue;
		if (c == '\n') {
			buf_adds(out, "  \n");
			line_start = true;
			continue;
		}
		if (line_start && c >= '0' && c <= '9') {
			/* "1. " or "1) " would start a numbered list: escape the mark. */
			const char *q = p;
			while (*q >= '0' && *q <= '9')
				q++;
			buf_add(out, p, (size_t)(q - p));
			if (*q == '.' || *q == ')') {
				buf_addc(out, '\\');
				buf_addc(out, *q);
				q++;
			}
			p = q - 1;
			line_start = false;
			continue;
		}
		/* Inline syntax and '#' (a trailing one would close a heading)
		 * anywhere; list and underline marks where a line starts. */
		if (strchr("\\`*_[]<>!|~&#", c) || (line_start && strchr("+-=", c)))
			buf_addc(out, '\\');
		buf_addc(out, c);
		line_start = line_start && (c == ' ' || c == '\t');
	}
}

static void heading(struct buf *out, int level, const char *text)
{
	buf_printf(out, "\n%.*s ", level, "######");
	report_escape(out, text);
	buf_adds(out, "\n\n");
}

static void representation_md(const struct report_input *in, struct buf *out)
{
	const struct representation *rep = in->rep;
	for (size_t d = 0; d < rep->ndims; d++) {
		const struct representation_dim *dim = &rep->dims[d];
		buf_adds(out, "- **");
		report_escape(out, plan_dimension_label(dim->dimension));
		buf_adds(out, "**: ");
		if (dim->known == 0) {
			buf_adds(out, "not known yet\n");
			continue;
		}
		for (size_t r = 0; r < dim->nrows; r++) {
			const struct representation_row *row = &dim->rows[r];
			if (r)
				buf_adds(out, "; ");
			report_escape(out, row->category);
			if (row->count < 0)
				buf_adds(out, " not shown");
			else
				buf_printf(out, " %.0f%%", row->share * 100);
			if (row->baseline >= 0)
				buf_printf(out, " (community %.0f%%)", row->baseline * 100);
			if (row->under)
				buf_adds(out, ", under-represented");
		}
		buf_adds(out, "\n");
	}
}

void report_markdown(const struct report_input *in, struct buf *out)
{
	buf_adds(out, "# ");
	report_escape(out, in->title);
	buf_adds(out, in->public_view ? ": what we heard\n\n" : ": internal summary\n\n");
	buf_adds(out, "*");
	report_escape(out, in->district);
	buf_adds(out, "*\n");

	heading(out, 2, "Why we asked");
	report_escape(out, in->why);
	buf_adds(out, "\n");
	if (!in->public_view && in->data_behind && *in->data_behind) {
		buf_adds(out, "\n**Data behind it:** ");
		report_escape(out, in->data_behind);
		buf_adds(out, "\n");
	}
	if (in->goals && *in->goals) {
		heading(out, 2, "Our goals");
		struct str rest = str_from(in->goals), line;
		while (rest.p) {
			rest = str_cut(rest, '\n', &line);
			line = str_trim(line);
			if (!line.len)
				continue;
			buf_adds(out, "- ");
			char tmp[1024];
			size_t n = line.len < sizeof(tmp) - 1 ? line.len : sizeof(tmp) - 1;
			memcpy(tmp, line.p, n);
			tmp[n] = '\0';
			report_escape(out, tmp);
			buf_adds(out, "\n");
		}
	}

	heading(out, 2, "Conversations held");
	if (!in->sessions_held) {
		buf_adds(out, "No conversation has been held yet.\n");
	} else {
		buf_printf(out, "%zu conversation session%s", in->sessions_held, in->sessions_held == 1 ? "" : "s");
		if (in->first_date && in->last_date && strcmp(in->first_date, in->last_date) != 0) {
			buf_adds(out, " between ");
			report_escape(out, in->first_date);
			buf_adds(out, " and ");
			report_escape(out, in->last_date);
		} else if (in->first_date) {
			buf_adds(out, " on ");
			report_escape(out, in->first_date);
		}
		if (in->people >= 0)
			buf_printf(out, "; %lld people took part", (long long)in->people);
		buf_adds(out, ".\n");
	}

	if (in->rep && in->rep->ndims) {
		heading(out, 2, "Who took part");
		buf_adds(out, in->public_view ? "Compared with our community. To protect privacy, groups of fewer than 5 "
		                                "people are not shown, nor, where needed, one more group, so that no "
		                                "count can be worked out from the others.\n\n"
		                              : "Compared with our community (staff view: every count).\n\n");
		representation_md(in, out);
	}

	heading(out, 2, "What we heard");
	if (in->suggested && in->nthemes)
		buf_adds(out, "*These themes were suggested by the computer and have not been reviewed yet.*\n\n");
	if (!in->nthemes)
		buf_adds(out, "Nothing has been coded yet.\n");
	for (size_t i = 0; i < in->nthemes; i++) {
		const struct report_theme *t = &in->themes[i];
		buf_adds(out, "\n### ");
		report_escape(out, t->name);
		buf_adds(out, "\n\n");
		buf_printf(out, "%zu comment%s", t->excerpts, t->excerpts == 1 ? "" : "s");
		if (t->common)
			buf_adds(out, "; raised by every group");
		else if (t->concentrated_in) {
			buf_adds(out, "; mostly from ");
			report_escape(out, t->concentrated_in);
		}
		buf_adds(out, ".\n");
		if (t->description && *t->description) {
			buf_adds(out, "\n");
			report_escape(out, t->description);
			buf_adds(out, "\n");
		}
		for (size_t q = 0; q < t->nquotes; q++) {
			buf_adds(out, "\n> ");
			report_escape(out, t->quotes[q].text);
			if (t->quotes[q].attribution && *t->quotes[q].attribution) {
				buf_adds(out, "  \n> — ");
				report_escape(out, t->quotes[q].attribution);
			}
			buf_adds(out, "\n");
		}
	}
	if (!in->public_view && in->quotes_waiting)
		buf_printf(out, "\n*%zu quote%s waiting for approval.*\n", in->quotes_waiting,
		           in->quotes_waiting == 1 ? " is" : "s are");

	heading(out, 2, "Common ground");
	bool any = false;
	for (size_t i = 0; i < in->nthemes; i++)
		if (in->themes[i].common) {
			buf_adds(out, "- ");
			report_escape(out, in->themes[i].name);
			buf_adds(out, "\n");
			any = true;
		}
	if (!any)
		buf_adds(out, "No theme has been raised by every group yet.\n");

	heading(out, 2, "Where groups differ");
	any = false;
	for (size_t i = 0; i < in->nthemes; i++)
		if (in->themes[i].concentrated_in) {
			buf_adds(out, "- ");
			report_escape(out, in->themes[i].name);
			buf_adds(out, ": mostly ");
			report_escape(out, in->themes[i].concentrated_in);
			buf_adds(out, "\n");
			any = true;
		}
	if (!any)
		buf_adds(out, "No theme is concentrated in one group.\n");

	heading(out, 2, "What happens next");
	buf_adds(out, "The district will publish what it does about each theme, and who is responsible, as actions on "
	              "this site, and will write to everyone who took part.\n");
}

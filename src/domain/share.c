#include "domain/share.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "core/buf.h"
#include "core/lang.h"
#include "core/i18n.h"
#include "core/str.h"
#include "domain/account.h"
#include "domain/clock.h"

static bool one_of(const char *s, const char *const *set)
{
	for (; s && *set; set++)
		if (strcmp(s, *set) == 0)
			return true;
	return false;
}

static bool one_line(const char *s)
{
	return !strpbrk(s ? s : "", "\r\n");
}

/* ---- Recaps ------------------------------------------------------------ */

static const char *const post_statuses[] = {"draft", "scheduled", "published", NULL};

#define P(n, t, m, l) .name = n, .type = t, .off = offsetof(struct post, m), .label = l
const struct field post_fields[] = {
	{P("slug", FIELD_LINE, slug, N_("The web address"))},
	{P("status", FIELD_CHOICE, status, N_("The status")), .choices = post_statuses,
	 .msg = N_("Choose draft, scheduled or published.")},
	{P("initiative_id", FIELD_ID, initiative_id, N_("The initiative")),
	 .msg = N_("Choose one of the district's initiatives.")},
	{P("conversation_id", FIELD_ID, conversation_id, N_("The conversation")),
	 .msg = N_("Choose one of the district's conversations.")},
	/* The page sends a file and a local date and time for these. */
	{P("image_id", FIELD_ID, image_id, N_("The cover image")), .flags = FIELD_NO_FORM},
	{P("publish_at", FIELD_TIME, publish_at, N_("The publication time")), .flags = FIELD_NO_FORM},
	FIELD_END,
};
#undef P

const struct field image_alt_fields[] = {
	{.name = "alt", .type = FIELD_LINE, .off = offsetof(struct image_alt, alt),
	 .label = N_("A description of the image"), .flags = FIELD_REQUIRED, .max = 300},
	FIELD_END,
};

/* Title and text are required of a language that is written at all: the
 * service skips a language left empty, so post_text_check says so. */
#define T(n, t, m, l) .name = n, .type = t, .off = offsetof(struct post_text, m), .label = l
const struct field post_text_fields[] = {
	/* The page names a language by its fields' suffix ("title_es"). */
	{T("lang", FIELD_LINE, lang, N_("The language")), .flags = FIELD_NO_FORM, .max = 35},
	{T("title", FIELD_LINE, title, N_("The title")), .max = 200},
	{T("summary", FIELD_TEXT, summary, N_("The summary")), .max = 300},
	{T("body", FIELD_TEXT, body, N_("The text")), .max = 50000},
	FIELD_END,
};
#undef T

int post_check(const struct post *p, struct err *e)
{
	size_t n = p->slug ? strlen(p->slug) : 0;
	if (n == 0 || n > POST_SLUG_MAX)
		return err_set(e, ERR_INVALID, "slug", "The web address must be 1 to 80 letters, digits or dashes.");
	for (size_t i = 0; i < n; i++) {
		char c = p->slug[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
			return err_set(e, ERR_INVALID, "slug",
			               "The web address may hold only lower-case letters a to z, digits and dashes.");
	}
	if (p->slug[0] == '-' || p->slug[n - 1] == '-')
		return err_set(e, ERR_INVALID, "slug", "The web address may not start or end with a dash.");
	if (!one_of(p->status, post_statuses))
		return err_set(e, ERR_INVALID, "status", "Choose draft, scheduled or published.");
	if (strcmp(p->status, "scheduled") == 0 && p->publish_at <= 0)
		return err_set(e, ERR_INVALID, "publish_at", "Give the date and time the recap should appear.");
	return 0;
}

int post_text_check(const struct post_text *t, struct err *e)
{
	if (!lang_valid(t->lang))
		return err_set(e, ERR_INVALID, "lang", "Choose English or Spanish.");
	if (field_check(post_text_fields, t, e) < 0)
		return ERR_INVALID;
	if (str_trim(str_from(t->title ? t->title : "")).len == 0)
		return err_set(e, ERR_INVALID, "title", "The title is required.");
	if (str_trim(str_from(t->body ? t->body : "")).len == 0)
		return err_set(e, ERR_INVALID, "body", "The text is required.");
	return 0;
}

const char *post_slugify(struct arena *a, const char *title)
{
	utf8proc_uint8_t *folded = NULL;
	const char *src = title ? title : "";
	utf8proc_ssize_t len = utf8proc_map((const utf8proc_uint8_t *)src, 0, &folded,
	                                    UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_DECOMPOSE |
	                                            UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD);
	struct buf b;
	buf_init(&b, POST_SLUG_MAX + 1);
	bool dash = false;
	for (utf8proc_ssize_t i = 0; len > 0 && i < len && b.len < POST_SLUG_MAX; i++) {
		char c = (char)folded[i];
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (dash && b.len && b.len + 1 < POST_SLUG_MAX)
				buf_addc(&b, '-');
			buf_addc(&b, c);
			dash = false;
		} else {
			dash = true;
		}
	}
	free(folded);
	while (b.len && b.p[b.len - 1] == '-')
		b.p[--b.len] = '\0';
	const char *out = arena_strdup(a, b.len ? b.p : "recap");
	buf_release(&b);
	return out;
}

bool post_visible(const struct post *p, int64_t now)
{
	return p->status && strcmp(p->status, "draft") != 0 && p->publish_at <= now;
}

const struct post_text *post_pick_text(const struct post_text *t, size_t n, const char *lang)
{
	const struct post_text *en = NULL;
	for (size_t i = 0; i < n; i++) {
		if (lang && strcmp(t[i].lang, lang) == 0)
			return &t[i];
		if (strcmp(t[i].lang, lang_source()) == 0)
			en = &t[i];
	}
	return en ? en : n ? &t[0] : NULL;
}

/* ---- Questions --------------------------------------------------------- */

static const char *const question_statuses[] = {"new", "published", "hidden", "merged", NULL};

const struct field question_list_fields[] = {
	{.name = "status", .type = FIELD_CHOICE, .off = offsetof(struct question_list_ask, status),
	 .label = N_("The status"), .choices = question_statuses, .msg = N_("Choose new, published, hidden or merged.")},
	FIELD_END,
};

bool question_status_ok(const char *s)
{
	return one_of(s, question_statuses);
}

/* What a visitor sends; the lengths are question_check_ask's, in its own
 * words. */
#define Q(n, t, m, l) .name = n, .type = t, .off = offsetof(struct question, m), .label = l
const struct field question_ask_fields[] = {
	{Q("body", FIELD_TEXT, body, N_("Your question"))},
	{Q("email", FIELD_LINE, email, N_("Your e-mail address")), .max = 254},
	FIELD_END,
};
#undef Q

int question_check_ask(struct question *q, struct arena *a, struct err *e)
{
	const char *body = q->body ? q->body : "";
	size_t n = strlen(body);
	if (!utf8_valid(body, n))
		return err_set(e, ERR_INVALID, "body", "Your question must be valid text.");
	size_t chars = utf8_chars(body, n);
	if (str_trim(str_from(body)).len == 0)
		return err_set(e, ERR_INVALID, "body", "Write your question.");
	if (chars < 10)
		return err_set(e, ERR_INVALID, "body", "Your question is too short: write at least 10 characters.");
	if (chars > 1000)
		return err_set(e, ERR_INVALID, "body", "Your question is too long: keep it under 1,000 characters.");
	if (q->email && *q->email) {
		char norm[256];
		if (account_check_email(q->email, norm, sizeof(norm), NULL) < 0)
			return err_set(e, ERR_INVALID, "email", "Enter an e-mail address such as name@example.org, or leave it empty.");
		q->email = arena_strdup(a, norm);
	} else {
		q->email = "";
	}
	if (!lang_valid(q->lang))
		q->lang = lang_source();
	return 0;
}

static const char *const decisions[] = {"publish", "hide", "merge", "answer", NULL};
#define D(n, t, m, l) .name = n, .type = t, .off = offsetof(struct question_decision, m), .label = l
const struct field question_decision_fields[] = {
	{D("decision", FIELD_CHOICE, decision, N_("The decision")), .choices = decisions,
	 .msg = N_("Choose publish, hide or merge.")},
	{D("answer", FIELD_TEXT, answer, N_("The answer")), .max = 20000},
	{D("hidden_reason", FIELD_LINE, hidden_reason, N_("The reason for hiding")), .max = 300},
	{D("into", FIELD_ID, into, N_("The question it repeats")), .msg = N_("Choose the question this one repeats.")},
	FIELD_END,
};
#undef D

const struct field theme_public_fields[] = {
	{.name = "public_description", .type = FIELD_TEXT, .off = offsetof(struct theme_public, public_description),
	 .label = N_("What the theme means"), .max = 2000},
	FIELD_END,
};

int question_check_hide(const char *reason, struct err *e)
{
	return err_check_text(reason, 1, 300, "hidden_reason", "The reason for hiding", e);
}

int question_check_answer(const char *answer, struct err *e)
{
	return err_check_text(answer, 1, 20000, "answer", "The answer", e);
}

static int cmp_i64(const void *x, const void *y)
{
	int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
	return (a > b) - (a < b);
}

void question_figures_of(int64_t asked, int64_t *waits, size_t nwaits, struct question_figures *out)
{
	out->asked = asked;
	out->answered = (int64_t)nwaits;
	out->median_seconds = 0;
	if (nwaits == 0)
		return;
	qsort(waits, nwaits, sizeof(*waits), cmp_i64);
	out->median_seconds = nwaits % 2 ? waits[nwaits / 2] : (waits[nwaits / 2 - 1] + waits[nwaits / 2]) / 2;
}

/* ---- Actions ----------------------------------------------------------- */

static const char *const action_statuses[] = {"planned", "in_progress", "done", "not_doing", NULL};
static const char *const action_labels[] = {"Planned", "In progress", "Done", "Not doing", NULL};

bool action_status_ok(const char *s)
{
	return one_of(s, action_statuses);
}

const char *action_status_label(const char *s)
{
	for (int i = 0; action_statuses[i]; i++)
		if (s && strcmp(s, action_statuses[i]) == 0)
			return action_labels[i];
	return "";
}

/* The title is read as text so that a line break gets the sentence below;
 * it holds no other control character. */
#define A(n, t, m, l) .name = n, .type = t, .off = offsetof(struct action, m), .label = l
const struct field action_fields[] = {
	{A("initiative_id", FIELD_ID, initiative_id, N_("The initiative")), .flags = FIELD_KEEP,
	 .msg = N_("Choose the initiative the action belongs to.")},
	{A("code_id", FIELD_ID, code_id, N_("The theme")), .msg = N_("Choose one of the themes of the codebook.")},
	{A("title", FIELD_TEXT, title, N_("What the district will do")), .flags = FIELD_REQUIRED, .max = 200},
	{A("description", FIELD_TEXT, description, N_("The description")), .max = 4000},
	{A("owner", FIELD_LINE, owner, N_("The owner")), .max = 200},
	{A("due_on", FIELD_LINE, due_on, N_("The due date"))},
	{A("status", FIELD_CHOICE, status, N_("The status")), .choices = action_statuses,
	 .msg = N_("Choose planned, in progress, done or not doing.")},
	{A("reason", FIELD_TEXT, reason, N_("The reason")), .max = 1000},
	{A("progress", FIELD_INT, progress, N_("The progress")), .min = 0, .max = 100,
	 .msg = N_("Progress is a percentage from 0 to 100.")},
	FIELD_END,
};
#undef A

const struct field action_note_fields[] = {
	{.name = "note", .type = FIELD_TEXT, .off = offsetof(struct action_update, body), .label = N_("The update"),
	 .max = 4000},
	FIELD_END,
};

const struct field action_list_fields[] = {
	{.name = "initiative_id", .type = FIELD_INT, .off = offsetof(struct action_list_ask, initiative_id),
	 .label = N_("The initiative"), .min = 1, .max = INT64_MAX},
	FIELD_END,
};

int action_check(struct action *a, struct err *e)
{
	int rc;
	if (field_check(action_fields, a, e) < 0)
		return ERR_INVALID;
	if (!one_line(a->title))
		return err_set(e, ERR_INVALID, "title", "What the district will do must fit on one line.");
	if (a->due_on && *a->due_on) {
		int64_t t;
		if (strlen(a->due_on) != 10 || clock_parse_local("UTC", a->due_on, "00:00", "due_on", "due_on", &t, NULL) < 0)
			return err_set(e, ERR_INVALID, "due_on", "The due date must be a date such as 2027-03-31.");
	} else {
		a->due_on = "";
	}
	if (!action_status_ok(a->status))
		return err_set(e, ERR_INVALID, "status", "Choose planned, in progress, done or not doing.");
	if (a->progress < 0 || a->progress > 100)
		return err_set(e, ERR_INVALID, "progress", "Progress is a percentage from 0 to 100.");
	if (strcmp(a->status, "not_doing") == 0) {
		rc = err_check_text(a->reason, 1, 1000, "reason", "The reason for not doing it", e);
		if (rc < 0)
			return rc;
	}
	if (strcmp(a->status, "done") == 0)
		a->progress = 100;
	return 0;
}

/* ---- Search ------------------------------------------------------------ */

size_t search_terms(struct arena *a, const char *q, const char ***out)
{
	const char **terms = arena_alloc(a, SEARCH_MAX_TERMS * sizeof(*terms));
	size_t n = 0;
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)(q ? q : "");
	struct buf w;
	buf_init(&w, 256);
	for (;;) {
		utf8proc_int32_t c = 0;
		utf8proc_ssize_t k = *p ? utf8proc_iterate(p, -1, &c) : 0;
		if (k < 0) {   /* not UTF-8: skip the byte */
			p++;
			continue;
		}
		utf8proc_category_t cat = k ? utf8proc_category(c) : UTF8PROC_CATEGORY_CN;
		bool word = k && ((cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
		                  cat == UTF8PROC_CATEGORY_ND || cat == UTF8PROC_CATEGORY_MN);
		if (word) {
			if (w.len + (size_t)k <= 64)
				buf_add(&w, p, (size_t)k);
		} else if (w.len) {
			if (n < SEARCH_MAX_TERMS)
				terms[n++] = arena_strndup(a, w.p, w.len);
			w.len = 0;
			w.p[0] = '\0';
		}
		if (!k)
			break;
		p += k;
	}
	buf_release(&w);
	*out = terms;
	return n;
}

const char *search_fts5_query(struct arena *a, const char *q)
{
	const char **terms;
	size_t n = search_terms(a, q, &terms);
	if (!n)
		return NULL;
	struct buf b;
	buf_init(&b, 1024);
	/* Terms hold no '"' (only letters and digits), so quoting is safe. */
	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "%s\"%s\"*", i ? " " : "", terms[i]);
	const char *s = arena_strdup(a, b.p);
	buf_release(&b);
	return s;
}

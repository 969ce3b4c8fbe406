#include "domain/share.h"

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
	int rc = err_check_text(t->title, 1, 200, "title", "The title", e);
	if (rc == 0 && !one_line(t->title))
		rc = err_set(e, ERR_INVALID, "title", "The title must fit on one line.");
	if (rc == 0)
		rc = err_check_text(t->summary, 0, 300, "summary", "The summary", e);
	if (rc == 0)
		rc = err_check_text(t->body, 1, 50000, "body", "The text", e);
	return rc;
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

int action_check(struct action *a, struct err *e)
{
	int rc = err_check_text(a->title, 1, 200, "title", "What the district will do", e);
	if (rc == 0 && !one_line(a->title))
		rc = err_set(e, ERR_INVALID, "title", "What the district will do must fit on one line.");
	if (rc == 0)
		rc = err_check_text(a->description, 0, 4000, "description", "The description", e);
	if (rc == 0)
		rc = err_check_text(a->owner, 0, 200, "owner", "The owner", e);
	if (rc < 0)
		return rc;
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
	} else {
		rc = err_check_text(a->reason, 0, 1000, "reason", "The reason", e);
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

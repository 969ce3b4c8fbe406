#include "domain/field.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/str.h"
#include "domain/clock.h"

/* The engine's sentences: "%s" is the field's label, then the limits, each
 * translated before the arguments go in (translations are data). */
static const char *const msg_required = N_("%s is required.");
static const char *const msg_too_long = N_("%s must be at most %s characters long.");
static const char *const msg_too_short = N_("%s must be at least %s characters long.");
static const char *const msg_utf8 = N_("%s must be valid UTF-8 text.");
static const char *const msg_one_line = N_("%s must be one line of text.");
static const char *const msg_controls = N_("%s must not hold control characters.");
static const char *const msg_text = N_("%s must be text.");
static const char *const msg_number = N_("%s must be a whole number.");
static const char *const msg_range = N_("%s must be between %s and %s.");
static const char *const msg_bool = N_("%s must be true or false.");
static const char *const msg_choice = N_("%s must be one of: %s.");
static const char *const msg_id = N_("%s must name a record by its number.");
static const char *const msg_time = N_("%s must be a time such as 2026-12-04T18:00:00Z.");
static const char *const msg_denied = N_("%s cannot be changed with your role.");

/* A refusal of field f, said in cx's language (English when cx is NULL). */
static int refuse(struct err *e, int code, const char *name, const struct field *f, const struct field_ctx *cx,
                  const char *tmpl, const char *a1, const char *a2)
{
	const struct i18n *c = cx ? cx->i18n : NULL;
	const char *lang = cx ? cx->lang : NULL;
	const char *args[] = {i18n_text(c, lang, f->label ? f->label : f->name), a1, a2};
	struct buf b;
	buf_init(&b, sizeof(e->msg) - 1);
	i18n_say(c, lang, &b, tmpl, args, 3);
	int rc = err_set(e, code, name, "%s", b.p ? b.p : "");
	buf_release(&b);
	return rc;
}

/* The table's own sentence for a refused choice or number, when it has one. */
static int refuse_value(struct err *e, const char *name, const struct field *f, const struct field_ctx *cx,
                        const char *tmpl, const char *a1, const char *a2)
{
	if (f->msg)
		return refuse(e, ERR_INVALID, name, f, cx, f->msg, NULL, NULL);
	return refuse(e, ERR_INVALID, name, f, cx, tmpl, a1, a2);
}

int field_text_ok(const char *s, size_t len, bool multiline)
{
	if (!utf8_valid(s, len))
		return -1;
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = p[i];
		if (c < 0x20 && !(multiline && (c == '\t' || c == '\n' || c == '\r')))
			return -1;
		if (c == 0x7f)
			return -1;
		/* U+202A–U+202E are E2 80 AA–AE; U+2066–U+2069 are E2 81 A6–A9. */
		if (c == 0xe2 && i + 2 < len &&
		    ((p[i + 1] == 0x80 && p[i + 2] >= 0xaa && p[i + 2] <= 0xae) ||
		     (p[i + 1] == 0x81 && p[i + 2] >= 0xa6 && p[i + 2] <= 0xa9)))
			return -1;
	}
	return 0;
}

static const char *form_name(const struct field *f)
{
	return f->form && f->type != FIELD_SET ? f->form : f->name;
}

static bool listed(const struct field *f, const char *v, size_t len)
{
	for (size_t i = 0; f->choices && f->choices[i]; i++)
		if (strlen(f->choices[i]) == len && memcmp(f->choices[i], v, len) == 0)
			return true;
	return false;
}

/* The choices as "a, b, c" for a message. */
static const char *choice_list(const struct field *f, char *out, size_t n)
{
	size_t used = 0;
	out[0] = '\0';
	for (size_t i = 0; f->choices && f->choices[i] && used < n; i++)
		used += (size_t)snprintf(out + used, n - used, "%s%s", i ? ", " : "", f->choices[i]);
	return out;
}

/* The rules of one text, choice or set value. */
static int check_text(const struct field *f, const char *name, const char *v, size_t len,
                      const struct field_ctx *cx, struct err *e)
{
	struct str t = str_trim((struct str){v, len});
	size_t chars = utf8_chars(t.p, t.len);
	char n1[24];
	bool required = f->flags & FIELD_REQUIRED;
	if (required && t.len == 0)
		return refuse(e, ERR_INVALID, name, f, cx, msg_required, NULL, NULL);
	if (!utf8_valid(v, len) || memchr(v, '\0', len))
		return refuse(e, ERR_INVALID, name, f, cx, msg_utf8, NULL, NULL);
	if (f->type == FIELD_LINE && strpbrk(v, "\r\n"))
		return refuse(e, ERR_INVALID, name, f, cx, msg_one_line, NULL, NULL);
	if (field_text_ok(v, len, f->type == FIELD_TEXT) < 0)
		return refuse(e, ERR_INVALID, name, f, cx, msg_controls, NULL, NULL);
	if (f->type == FIELD_CHOICE) {
		char list[200];
		if ((t.len || required) && !listed(f, v, len))
			return refuse_value(e, name, f, cx, msg_choice, choice_list(f, list, sizeof(list)), NULL);
		return 0;
	}
	if (f->type == FIELD_SET) {
		struct str rest = {v, len}, item;
		char list[200];
		while (rest.p && rest.len) {
			rest = str_cut(rest, ',', &item);
			item = str_trim(item);
			if (item.len && !listed(f, item.p, item.len))
				return refuse_value(e, name, f, cx, msg_choice, choice_list(f, list, sizeof(list)), NULL);
		}
		return 0;
	}
	if (f->max > 0 && chars > (size_t)f->max) {
		snprintf(n1, sizeof(n1), "%" PRId64, f->max);
		return refuse(e, ERR_INVALID, name, f, cx, msg_too_long, n1, NULL);
	}
	if (f->min > 0 && t.len && chars < (size_t)f->min) {
		snprintf(n1, sizeof(n1), "%" PRId64, f->min);
		return refuse(e, ERR_INVALID, name, f, cx, msg_too_short, n1, NULL);
	}
	return 0;
}

/* given: the value was sent, so that 0 is a value rather than "none". */
static int check_number(const struct field *f, const char *name, int64_t v, int64_t scale, bool given,
                        const struct field_ctx *cx, struct err *e)
{
	char n1[24], n2[24];
	if (f->type == FIELD_ID) {
		if (v < 0 || (v == 0 && (f->flags & FIELD_REQUIRED)))
			return refuse_value(e, name, f, cx, v == 0 ? msg_required : msg_id, NULL, NULL);
		return 0;
	}
	/* 0 not sent is "not given" unless the number is required. */
	if (f->type != FIELD_INT || (!given && v == 0 && !(f->flags & FIELD_REQUIRED)) || (f->min == 0 && f->max == 0) ||
	    (v >= f->min && v <= f->max))
		return 0;
	snprintf(n1, sizeof(n1), "%" PRId64, f->min / scale);
	snprintf(n2, sizeof(n2), "%" PRId64, f->max / scale);
	return refuse_value(e, name, f, cx, msg_range, n1, n2);
}

static bool is_text(const struct field *f)
{
	return f->type == FIELD_LINE || f->type == FIELD_TEXT || f->type == FIELD_CHOICE || f->type == FIELD_SET;
}

int field_check_one(const struct field *f, const void *obj, struct err *e)
{
	const char *base = obj;
	if (is_text(f)) {
		const char *v = *(const char *const *)(base + f->off);
		return check_text(f, f->name, v ? v : "", v ? strlen(v) : 0, NULL, e);
	}
	if (f->type == FIELD_INT || f->type == FIELD_ID)
		return check_number(f, f->name, *(const int64_t *)(base + f->off), 1, false, NULL, e);
	return 0;
}

int field_check(const struct field *t, const void *obj, struct err *e)
{
	for (const struct field *f = t; f->name; f++)
		if (field_check_one(f, obj, e) < 0)
			return ERR_INVALID;
	return 0;
}

const struct field *field_find(const struct field *t, const char *name)
{
	for (const struct field *f = t; name && f->name; f++)
		if (strcmp(f->name, name) == 0)
			return f;
	return NULL;
}

void field_err_form(const struct field *t, struct err *e)
{
	const struct field *f = field_find(t, e->field);
	if (f)
		str_copy(e->field, sizeof(e->field), form_name(f));
}

/* ---- reading ---- */

static void get(const struct field_source *src, const char *name, struct field_value *v)
{
	memset(v, 0, sizeof(*v));
	src->get(src->ctx, name, v);
}

/* A form's value, "" when left out; def when empty. */
static struct str form_value(const struct field_source *src, const struct field *f, const char *name, bool *given)
{
	struct field_value v;
	get(src, name, &v);
	struct str s = v.kind == FIELD_STRING ? (struct str){v.s, v.len} : (struct str){"", 0};
	*given = s.len > 0;
	if (!s.len && f->def)
		s = str_from(f->def);
	return s;
}

static bool checked(struct str s)
{
	return str_eqs(s, "1") || str_eqs(s, "on") || str_eqs(s, "yes");
}

/* A form's comma list from one checkbox per choice. */
static const char *form_set(const struct field_source *src, const struct field *f, const struct field_ctx *cx,
                            bool *given)
{
	struct buf b;
	buf_init(&b, 4096);
	*given = false;
	for (size_t i = 0; f->choices && f->choices[i]; i++) {
		struct field_value v;
		char name[128];
		snprintf(name, sizeof(name), "%s%s", f->form ? f->form : "", f->choices[i]);
		get(src, name, &v);
		if (v.kind == FIELD_STRING && checked((struct str){v.s, v.len})) {
			buf_printf(&b, "%s%s", b.len ? "," : "", f->choices[i]);
			*given = true;
		}
	}
	const char *out = arena_strdup(cx->a, b.p ? b.p : "");
	buf_release(&b);
	return out;
}

/* A form's time: the date field and the time field, in the zone. */
static int form_time(const struct field_source *src, const struct field *f, const struct field_ctx *cx,
                     int64_t *out, bool *given, struct err *e)
{
	struct field_value d, t;
	get(src, f->date ? f->date : "date", &d);
	get(src, form_name(f), &t);
	*given = (d.kind == FIELD_STRING && d.len) || (t.kind == FIELD_STRING && t.len);
	const char *ds = d.kind == FIELD_STRING ? d.s : "", *ts = t.kind == FIELD_STRING ? t.s : "";
	if (f->flags & FIELD_KEEP && !*given)
		return 0;
	return clock_parse_local(cx->tzid ? cx->tzid : "UTC", ds, ts, f->date ? f->date : "date", form_name(f), out, e);
}

/* Reads one field of a form into p. */
static int read_form(const struct field *f, char *p, const struct field_source *src, const struct field_ctx *cx,
                     struct err *e)
{
	const char *name = form_name(f);
	bool given = false;
	if (f->type == FIELD_TIME) {
		int64_t t = 0;
		int rc = form_time(src, f, cx, &t, &given, e);
		if (rc == 0 && (given || !(f->flags & FIELD_KEEP)))
			*(int64_t *)p = t;
		return rc;
	}
	if (f->type == FIELD_SET) {
		const char *v = form_set(src, f, cx, &given);
		if (given || !(f->flags & FIELD_KEEP))
			*(const char **)p = v;
		return check_text(f, name, v, strlen(v), cx, e);
	}
	struct str s = form_value(src, f, name, &given);
	if (!given && !f->def && (f->flags & FIELD_KEEP))
		return 0;
	if (f->role > cx->role && given)
		return refuse(e, ERR_DENIED, name, f, cx, msg_denied, NULL, NULL);
	if (f->role > cx->role)
		return 0;
	switch (f->type) {
	case FIELD_BOOL:
		*(bool *)p = checked(s);
		return 0;
	case FIELD_INT:
	case FIELD_ID: {
		int64_t v = 0, scale = f->scale > 0 ? f->scale : 1;
		struct str n = str_trim(s);
		if (!n.len && (f->flags & FIELD_REQUIRED))
			return refuse_value(e, name, f, cx, msg_required, NULL, NULL);
		if (n.len && str_to_i64(n, INT64_MIN / scale, INT64_MAX / scale, &v) < 0)
			return refuse_value(e, name, f, cx, f->type == FIELD_ID ? msg_id : msg_number, NULL, NULL);
		*(int64_t *)p = v * scale;
		return check_number(f, name, v * scale, scale, n.len > 0, cx, e);
	}
	default: {
		/* A form's text is UTF-8 without NUL already (web/form.c). */
		int rc = check_text(f, name, s.p, s.len, cx, e);
		*(const char **)p = rc == 0 || utf8_valid(s.p, s.len) ? s.p : "";
		return rc;
	}
	}
}

/* Reads one member of a JSON object into p. */
static int read_typed(const struct field *f, char *p, const struct field_source *src, const struct field_ctx *cx,
                      struct err *e)
{
	struct field_value v;
	get(src, f->name, &v);
	if (v.kind == FIELD_ABSENT)
		return 0;
	if (f->role > cx->role)
		return refuse(e, ERR_DENIED, f->name, f, cx, msg_denied, NULL, NULL);
	switch (f->type) {
	case FIELD_BOOL:
		if (v.kind != FIELD_TRUE && v.kind != FIELD_FALSE)
			return refuse(e, ERR_INVALID, f->name, f, cx, msg_bool, NULL, NULL);
		*(bool *)p = v.kind == FIELD_TRUE;
		return 0;
	case FIELD_INT:
	case FIELD_ID:
		if (v.kind != FIELD_NUMBER)
			return refuse(e, ERR_INVALID, f->name, f, cx, f->type == FIELD_ID ? msg_id : msg_number, NULL, NULL);
		*(int64_t *)p = v.i;
		return check_number(f, f->name, v.i, 1, true, cx, e);
	case FIELD_TIME: {
		int64_t t;
		if (v.kind != FIELD_STRING || memchr(v.s, '\0', v.len) || clock_parse_rfc3339(v.s, &t) < 0)
			return refuse(e, ERR_INVALID, f->name, f, cx, msg_time, NULL, NULL);
		*(int64_t *)p = t;
		return 0;
	}
	default: {
		if (v.kind != FIELD_STRING)
			return refuse(e, ERR_INVALID, f->name, f, cx, msg_text, NULL, NULL);
		int rc = check_text(f, f->name, v.s, v.len, cx, e);
		if (rc == 0)
			*(const char **)p = v.s;
		return rc;
	}
	}
}

int field_read(const struct field *t, void *obj, const struct field_source *src, const struct field_ctx *cx,
               struct err *e)
{
	int first = 0;
	struct err fe;
	for (const struct field *f = t; f->name; f++) {
		char *p = (char *)obj + f->off;
		if (f->flags & (src->typed ? FIELD_NO_JSON : FIELD_NO_FORM))
			continue;
		if ((f->flags & FIELD_ONCE) && (f->type == FIELD_ID || f->type == FIELD_INT) && *(int64_t *)p)
			continue;
		int rc = src->typed ? read_typed(f, p, src, cx, &fe) : read_form(f, p, src, cx, &fe);
		/* A form goes on reading, so that it can be shown again as sent;
		 * JSON stops at the first refusal. */
		if (rc < 0 && !first) {
			first = rc;
			if (e)
				*e = fe;
		}
		if (rc < 0 && src->typed)
			break;
	}
	return first;
}

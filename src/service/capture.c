#include "service/capture.h"

#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/buf.h"
#include "core/lang.h"
#include "core/str.h"
#include "domain/redact.h"
#include "domain/transcript.h"
#include "store/attendee_store.h"
#include "store/baseline_store.h"
#include "store/conversation_store.h"
#include "store/group_store.h"
#include "store/note_store.h"
#include "store/protocol_store.h"
#include "store/registration_store.h"
#include "store/session_store.h"
#include "store/survey_store.h"
#include "store/transcript_store.h"
#include "store/user_store.h"

/* The names a format is asked for by: the form's, the API's and the
 * command line's. */
static const struct {
	const char *name;
	enum transcript_format f;
} format_names[] = {
	{"auto", TRANSCRIPT_AUTO}, {"vtt", TRANSCRIPT_VTT}, {"srt", TRANSCRIPT_SRT},
	{"sbv", TRANSCRIPT_SBV},   {"txt", TRANSCRIPT_TEXT}, {"text", TRANSCRIPT_TEXT},
};

static int format_of(const char *s, enum transcript_format *f)
{
	*f = TRANSCRIPT_AUTO;
	if (!s || !*s)
		return 0;
	for (size_t i = 0; i < sizeof(format_names) / sizeof(format_names[0]); i++)
		if (strcasecmp(s, format_names[i].name) == 0) {
			*f = format_names[i].f;
			return 0;
		}
	return -1;
}

/* Everyone whose name must not survive in the text: the session's
 * registrants and attendees, the district's staff, the facilitator, and
 * extra (the speakers named in a transcript file). */
static struct redact_names *names_for(struct db *db, struct arena *a, const struct district *d,
                                      const struct session *s, const struct conversation *c,
                                      const char *const *extra, size_t nextra, struct err *e)
{
	struct registration *rs;
	struct user *us;
	struct attendee *as;
	size_t nr = 0, nu = 0, na = 0;
	if (registration_store_list(db, a, d->id, s->id, &rs, &nr, e) < 0 ||
	    user_store_list(db, a, d->id, &us, &nu, e) < 0 || attendee_store_list(db, a, d->id, s->id, &as, &na, e) < 0)
		return NULL;
	size_t n = 0, cap = nr + nu + na + nextra + 1;
	const char **names = arena_alloc(a, cap * sizeof(*names));
	for (size_t i = 0; i < nr; i++)
		names[n++] = rs[i].name;
	for (size_t i = 0; i < nu; i++)
		if (*us[i].name)
			names[n++] = us[i].name;
	for (size_t i = 0; i < na; i++)
		names[n++] = as[i].name;
	for (size_t i = 0; i < nextra; i++)
		names[n++] = extra[i];
	if (c->facilitator && *c->facilitator)
		names[n++] = c->facilitator;
	return redact_names_new(a, names, n);
}

struct redact_names *capture_session_names(struct db *db, struct arena *a, const struct district *d,
                                           int64_t session_id, struct err *e)
{
	struct session s;
	struct conversation c;
	struct speaker_name *sp;
	size_t nsp = 0;
	if (session_store_get(db, a, d->id, session_id, &s, e) < 0 ||
	    conversation_store_get(db, a, d->id, s.conversation_id, &c, e) < 0 ||
	    transcript_store_speaker_names(db, a, d->id, s.id, &sp, &nsp, e) < 0)
		return NULL;
	const char **extra = arena_alloc(a, (nsp + 1) * sizeof(*extra));
	for (size_t i = 0; i < nsp; i++)
		extra[i] = sp[i].name;
	return names_for(db, a, d, &s, &c, extra, nsp, e);
}

int capture_import_transcript(struct db *db, struct arena *a, const struct district *d, const struct session *s,
                              const struct conversation *c, int64_t uploaded_by, const char *filename,
                              const char *data, size_t len, const char *format, struct capture_result *res,
                              struct err *e)
{
	memset(res, 0, sizeof(*res));
	enum transcript_format f;
	if (format_of(format, &f) < 0)
		return err_set(e, ERR_INVALID, "format", "The format is vtt, srt, sbv or txt.");
	struct transcript t;
	int rc = transcript_parse(a, data, len, f, &t, e);
	if (rc < 0)
		return rc;
	if (t.nsegments == 0)
		return err_set(e, ERR_INVALID, "file", "The file holds no speech.");
	/* Codes: the facilitator is F; everyone else P1, P2, … as they first speak. */
	const char **codes = arena_alloc(a, (t.nspeakers + 1) * sizeof(*codes));
	int next = 1;
	for (size_t i = 0; i < t.nspeakers; i++) {
		bool fac = c->facilitator && *c->facilitator && strcasecmp(t.speakers[i], c->facilitator) == 0;
		codes[i] = fac ? "F" : arena_printf(a, "P%d", next++);
	}
	struct redact_names *names = names_for(db, a, d, s, c, (const char *const *)t.speakers, t.nspeakers, e);
	if (!names)
		return ERR_FAIL;
	struct transcript_row tr = {.district_id = d->id, .session_id = s->id,
	                            .format = transcript_format_name(t.format), .filename = filename ? filename : "",
	                            .uploaded_by = uploaded_by, .segments = (int64_t)t.nsegments};
	if ((rc = db_begin(db, e)) < 0)
		return rc;
	rc = transcript_store_add(db, &tr, e);
	for (size_t i = 0; rc == 0 && i < t.nspeakers; i++)
		rc = transcript_store_speaker(db, d->id, tr.id, t.speakers[i], codes[i], e);
	struct buf clean;
	buf_init(&clean, 1 << 20);
	for (size_t i = 0; rc == 0 && i < t.nsegments; i++) {
		const struct transcript_segment *g = &t.segments[i];
		struct redact_stats st = {0};
		buf_reset(&clean);
		rc = redact_text(names, g->text, strlen(g->text), &clean, &st, e);
		if (rc < 0)
			break;
		res->redacted += st.names + st.emails + st.phones + st.addresses;
		struct segment_row row = {
			.transcript_id = tr.id,
			.seq = (int64_t)i + 1,
			.start_ms = g->start_ms,
			.end_ms = g->end_ms,
			.words = (int64_t)transcript_words(clean.p),
			.speaker_code = g->speaker >= 0 ? codes[g->speaker] : "?",
			.text = clean.p,
		};
		rc = transcript_store_segment(db, d->id, s->id, &row, e);
	}
	buf_release(&clean);
	if ((rc = db_end(db, rc, e)) < 0)
		return rc;
	res->transcript_id = tr.id;
	res->segments = t.nsegments;
	res->speakers = t.nspeakers;
	res->format = tr.format;
	return 0;
}

int capture_transcripts(struct db *db, struct arena *a, const struct session *s,
                        const struct transcript_page_ask *q, struct capture_transcripts *out, struct err *e)
{
	struct transcript_row *ts;
	size_t nts = 0;
	int64_t limit = q->limit ? q->limit : TRANSCRIPT_PAGE_DEFAULT;
	memset(out, 0, sizeof(*out));
	/* One more than asked, to know whether another page follows. */
	int rc = transcript_store_segments_after(db, a, s->district_id, s->id, q->after_transcript, q->after_seq,
	                                         limit + 1, &out->segments, &out->nsegments, e);
	if (rc == 0 && out->nsegments)
		rc = transcript_store_list(db, a, s->district_id, s->id, &ts, &nts, e);
	if (rc < 0)
		return rc;
	out->more = out->nsegments > (size_t)limit;
	if (out->more)
		out->nsegments = (size_t)limit;
	/* Both lists are in transcript order: keep the transcripts of the page. */
	out->transcripts = arena_alloc(a, (nts + 1) * sizeof(*out->transcripts));
	for (size_t i = 0, k = 0; i < nts && k < out->nsegments; i++) {
		while (k < out->nsegments && out->segments[k].transcript_id < ts[i].id)
			k++;
		if (k < out->nsegments && out->segments[k].transcript_id == ts[i].id)
			out->transcripts[out->ntranscripts++] = ts[i];
	}
	return 0;
}

int capture_questions(struct db *db, struct arena *a, const struct conversation *c, const char ***out, size_t *n,
                      struct err *e)
{
	*out = NULL;
	*n = 0;
	if (!c->protocol_id)
		return 0;
	struct protocol p;
	int rc = protocol_store_get(db, a, c->district_id, c->protocol_id, &p, e);
	if (rc < 0)
		return rc == ERR_NOTFOUND ? 0 : rc;
	*n = str_lines(a, p.questions, out);
	return 0;
}

int capture_check_in(struct db *db, struct arena *a, const struct session *s, int64_t registration_id,
                     struct attendee *out, struct err *e)
{
	struct registration reg;
	int rc = registration_store_get(db, a, s->district_id, registration_id, &reg, e);
	if (rc < 0)
		return rc;
	if (reg.session_id != s->id)
		return err_set(e, ERR_NOTFOUND, "registration_id", "This person did not register for this session.");
	if (strcmp(reg.status, "cancelled") == 0)
		return err_set(e, ERR_INVALID, "registration_id",
		               "This registration was cancelled; add the person as a walk-in instead.");
	*out = (struct attendee){.district_id = s->district_id, .session_id = s->id, .registration_id = reg.id,
	                         .name = reg.name, .group_id = reg.group_id, .consent_record = reg.consent_record,
	                         .consent_quote = reg.consent_quote};
	return attendee_store_add(db, a, out, e);
}

int capture_walk_in(struct db *db, struct arena *a, const struct session *s, struct attendee *at, struct err *e)
{
	at->district_id = s->district_id;
	at->session_id = s->id;
	at->registration_id = 0;
	if (attendee_check(at, e) < 0)
		return ERR_INVALID;
	if (at->group_id) {
		struct group g;
		int rc = group_store_get(db, a, s->district_id, at->group_id, &g, e);
		if (rc < 0)
			return rc == ERR_NOTFOUND ? err_set(e, ERR_INVALID, "group_id", "Choose one of the groups.") : rc;
	}
	/* Consent asked at the door is confirmed there and then. */
	at->consent_at = time(NULL);
	return attendee_store_add(db, a, at, e);
}

/* Redacts text into a string of a, counting placeholders into *count. */
static int redact_into(struct arena *a, const struct redact_names *names, const char *text, const char **out,
                       int64_t *count, struct err *e)
{
	struct buf clean;
	struct redact_stats st = {0};
	buf_init(&clean, 1 << 20);
	int rc = redact_text(names, text, strlen(text), &clean, &st, e);
	if (rc == 0) {
		*out = arena_strndup(a, clean.p ? clean.p : "", clean.len);
		*count = st.names + st.emails + st.phones + st.addresses;
	}
	buf_release(&clean);
	return rc;
}

int capture_add_note(struct db *db, struct arena *a, const struct district *d, const struct session *s,
                     const struct conversation *c, struct note *n, int *added, struct err *e)
{
	const char **questions;
	size_t nq = 0, na = 0;
	struct attendee *as;
	int rc = capture_questions(db, a, c, &questions, &nq, e);
	if (rc < 0 || (rc = attendee_store_list(db, a, d->id, s->id, &as, &na, e)) < 0)
		return rc;
	const char **codes = arena_alloc(a, (na + 1) * sizeof(*codes));
	for (size_t i = 0; i < na; i++)
		codes[i] = as[i].code;
	if (note_check(n, nq, codes, na, e) < 0)
		return ERR_INVALID;
	struct redact_names *names = names_for(db, a, d, s, c, NULL, 0, e);
	if (!names)
		return ERR_FAIL;
	if ((rc = redact_into(a, names, n->text, &n->text, &n->redacted, e)) < 0)
		return rc;
	n->district_id = d->id;
	n->session_id = s->id;
	n->words = (int64_t)transcript_words(n->text);
	if (!n->speaker_code)
		n->speaker_code = "";
	return note_store_add(db, a, n, added, e);
}

int capture_survey(struct db *db, struct arena *a, const struct district *d, const struct session *s,
                   const struct conversation *c, struct survey_response *r, struct err *e)
{
	struct baseline_share *base;
	size_t nbase = 0;
	int rc = baseline_store_list(db, a, d->id, &base, &nbase, e);
	if (rc < 0)
		return rc;
	if (survey_check(r, base, nbase, e) < 0)
		return ERR_INVALID;
	r->district_id = d->id;
	r->session_id = s->id;
	if (r->comment && *r->comment) {
		struct redact_names *names = names_for(db, a, d, s, c, NULL, 0, e);
		int64_t count = 0;
		if (!names)
			return ERR_FAIL;
		if ((rc = redact_into(a, names, r->comment, &r->comment, &count, e)) < 0)
			return rc;
	}
	return survey_store_add(db, r, e);
}

struct counter {
	struct arena *a;
	struct representation_count *rows;
	size_t n, cap;
};

static void count(struct counter *c, const char *dimension, const char *category)
{
	c->rows = arena_grow(c->a, c->rows, c->n, &c->cap, sizeof(*c->rows));
	c->rows[c->n++] = (struct representation_count){dimension, category, 1};
}

/* Whether a registration's own survey response says which language. */
static bool answered_language(const struct survey_response *rs, size_t n, int64_t registration_id)
{
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; rs[i].registration_id == registration_id && j < rs[i].nanswers; j++)
			if (strcmp(rs[i].answers[j].dimension, "language") == 0)
				return true;
	return false;
}

int capture_representation(struct db *db, struct arena *a, int64_t district_id, int64_t initiative_id,
                           int64_t now, bool public_view, struct representation *out, int64_t *people,
                           struct err *e)
{
	struct baseline_share *base;
	struct survey_response *rs;
	struct conversation *cs;
	size_t nbase = 0, nrs = 0, ncs = 0;
	struct counter cnt = {.a = a};
	int rc = baseline_store_list(db, a, district_id, &base, &nbase, e);
	if (rc < 0 || (rc = survey_store_list(db, a, district_id, 0, initiative_id, &rs, &nrs, e)) < 0 ||
	    (rc = conversation_store_list(db, a, district_id, initiative_id, &cs, &ncs, e)) < 0)
		return rc;
	*people = 0;
	for (size_t i = 0; i < nrs; i++) {
		for (size_t j = 0; j < rs[i].nanswers; j++)
			count(&cnt, rs[i].answers[j].dimension, rs[i].answers[j].category);
		if (!rs[i].registration_id)
			(*people)++;
	}
	for (size_t i = 0; i < ncs; i++) {
		struct session *ss;
		size_t nss = 0;
		if ((rc = session_store_list(db, a, district_id, cs[i].id, &ss, &nss, e)) < 0)
			return rc;
		for (size_t k = 0; k < nss; k++) {
			struct attendee *as;
			struct registration *regs;
			size_t nas = 0, nregs = 0;
			if ((rc = attendee_store_list(db, a, district_id, ss[k].id, &as, &nas, e)) < 0 ||
			    (rc = registration_store_list(db, a, district_id, ss[k].id, &regs, &nregs, e)) < 0)
				return rc;
			bool held = nas > 0 || ss[k].ends_at <= now;
			for (size_t m = 0; held && m < nregs; m++) {
				bool came = nas ? attendance_checked_in(as, nas, regs[m].id)
				                : strcmp(regs[m].status, "confirmed") == 0;
				if (!came)
					continue;
				(*people)++;
				/* Registration languages as the baseline names them: in English. */
				const char *lang = lang_english_name(regs[m].language);
				if (lang && !answered_language(rs, nrs, regs[m].id))
					count(&cnt, "language", lang);
			}
			for (size_t q = 0; q < nas; q++)
				*people += as[q].registration_id == 0;
		}
	}
	return representation_compute(a, cnt.rows, cnt.n, base, nbase, public_view, out, e);
}

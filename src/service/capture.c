#include "service/capture.h"

#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "domain/redact.h"
#include "domain/transcript.h"
#include "store/capture_store.h"
#include "store/registration_store.h"
#include "store/user_store.h"

static int format_of(const char *s, enum transcript_format *f)
{
	if (!s || !*s)
		*f = TRANSCRIPT_AUTO;
	else if (strcasecmp(s, "vtt") == 0)
		*f = TRANSCRIPT_VTT;
	else if (strcasecmp(s, "srt") == 0)
		*f = TRANSCRIPT_SRT;
	else if (strcasecmp(s, "txt") == 0 || strcasecmp(s, "text") == 0)
		*f = TRANSCRIPT_TEXT;
	else
		return -1;
	return 0;
}

/* Everyone whose name must not survive in the text. */
static struct redact_names *names_for(struct db *db, struct arena *a, const struct district *d,
                                      const struct session *s, const struct conversation *c,
                                      const struct transcript *t, struct err *e)
{
	struct registration *rs;
	struct user *us;
	size_t nr = 0, nu = 0;
	if (registration_store_list(db, a, d->id, s->id, &rs, &nr, e) < 0 ||
	    user_store_list(db, a, d->id, &us, &nu, e) < 0)
		return NULL;
	size_t n = 0, cap = nr + nu + t->nspeakers + 1;
	const char **names = arena_alloc(a, cap * sizeof(*names));
	for (size_t i = 0; i < nr; i++)
		names[n++] = rs[i].name;
	for (size_t i = 0; i < nu; i++)
		if (*us[i].name)
			names[n++] = us[i].name;
	for (size_t i = 0; i < t->nspeakers; i++)
		names[n++] = t->speakers[i];
	if (c->facilitator && *c->facilitator)
		names[n++] = c->facilitator;
	return redact_names_new(a, names, n);
}

int capture_import_transcript(struct db *db, struct arena *a, const struct district *d, const struct session *s,
                              const struct conversation *c, int64_t uploaded_by, const char *filename,
                              const char *data, size_t len, const char *format, struct capture_result *res,
                              struct err *e)
{
	memset(res, 0, sizeof(*res));
	enum transcript_format f;
	if (format_of(format, &f) < 0)
		return err_set(e, ERR_INVALID, "format", "The format is vtt, srt or txt.");
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
	struct redact_names *names = names_for(db, a, d, s, c, &t, e);
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
	if (rc == 0)
		rc = db_commit(db, e);
	if (rc < 0) {
		db_rollback(db);
		return rc;
	}
	res->transcript_id = tr.id;
	res->segments = t.nsegments;
	res->speakers = t.nspeakers;
	res->format = tr.format;
	return 0;
}

/* Capture: transcripts uploaded for a session, shown coded and redacted,
 * with the participation balance of who spoke; the API reads them back. */
#include <string.h>
#include <time.h>

#include "core/str.h"
#include "domain/participation.h"
#include "domain/transcript.h"
#include "service/capture.h"
#include "store/attendee_store.h"
#include "store/district_store.h"
#include "store/initiative_store.h"
#include "store/note_store.h"
#include "store/registration_store.h"
#include "store/transcript_store.h"
#include "tmpl/svg.h"
#include "web/app.h"
#include "web/handlers.h"
#include "web/views.h"

static int load(struct req *r, struct session *s, struct conversation *c, struct err *e)
{
	return req_session_access(r, req_param_id(r, "id"), s, c, e);
}

static json_t *result_json(const struct capture_result *res)
{
	return json_pack("{s:I, s:s, s:I, s:I, s:i}", "transcript_id", (json_int_t)res->transcript_id, "format",
	                 res->format, "segments", (json_int_t)res->segments, "speakers", (json_int_t)res->speakers,
	                 "redacted", res->redacted);
}

/* POST /api/v1/sessions/{id}/transcripts?format=vtt&filename=zoom.vtt with
 * the file as the body. */
void api_transcript_add(struct req *r, struct resp *w)
{
	struct session s;
	struct conversation c;
	struct err e;
	struct capture_result res;
	if (load(r, &s, &c, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	struct transcript_upload up = {0};
	int rc = req_fields_from(r, &r->query, transcript_upload_fields, &up, &e);
	if (rc == 0)
		rc = capture_import_transcript(r->db, r->a, &r->district, &s, &c, r->user.id, up.filename, r->body,
		                               r->body_len, up.format, &res, &e);
	if (rc < 0) {
		resp_err(w, r, &e);
		return;
	}
	req_audit(r, "transcript.add", arena_printf(r->a, "session %lld, %zu segments", (long long)s.id, res.segments));
	resp_json(w, 201, req_json(r, result_json(&res)));
}

/* A stored segment: unknown times and speaker as null. */
static json_t *segment_json(const struct segment_row *g)
{
	bool known = strcmp(g->speaker_code, "?") != 0;
	return json_pack("{s:I, s:o, s:o, s:o, s:s}", "seq", (json_int_t)g->seq, "speaker",
	                 known ? json_string(g->speaker_code) : json_null(), "start_ms",
	                 g->start_ms >= 0 ? json_integer(g->start_ms) : json_null(), "end_ms",
	                 g->end_ms >= 0 ? json_integer(g->end_ms) : json_null(), "text", g->text);
}

/* GET /api/v1/sessions/{id}/transcripts[?after_transcript=T&after_seq=S&limit=N]:
 * a page of segments under their transcripts, and the address of the next
 * page (null after the last). */
void api_transcripts(struct req *r, struct resp *w)
{
	struct session s;
	struct conversation c;
	struct err e;
	struct transcript_page_ask q = {0};
	struct capture_transcripts page;
	if (load(r, &s, &c, &e) < 0 || req_fields_from(r, &r->query, transcript_page_fields, &q, &e) < 0 ||
	    capture_transcripts(r->db, r->a, &s, &q, &page, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	json_t *list = json_array();
	for (size_t i = 0, k = 0; i < page.ntranscripts; i++) {
		const struct transcript_row *t = &page.transcripts[i];
		json_t *segs = json_array();
		for (; k < page.nsegments && page.segments[k].transcript_id == t->id; k++)
			json_array_append_new(segs, segment_json(&page.segments[k]));
		json_array_append_new(list, json_pack("{s:I, s:s, s:s, s:o, s:I, s:o}", "id", (json_int_t)t->id, "format",
		                                      t->format, "filename", t->filename, "uploaded_at",
		                                      view_time(t->created_at), "segment_count", (json_int_t)t->segments,
		                                      "segments", segs));
	}
	json_t *next = json_null();
	if (page.more) {
		const struct segment_row *last = &page.segments[page.nsegments - 1];
		next = json_string(arena_printf(r->a, "/api/v1/sessions/%lld/transcripts?after_transcript=%lld&after_seq=%lld"
		                                "&limit=%zu", (long long)s.id, (long long)last->transcript_id,
		                                (long long)last->seq, page.nsegments));
	}
	resp_json(w, 200, req_json(r, json_pack("{s:I, s:o, s:o}", "session_id", (json_int_t)s.id, "transcripts", list,
	                                        "next", next)));
}

/* The participation of a session: the transcript's segments when there is
 * a transcript, otherwise the live notes; and everyone who was there (the
 * attendees checked in, or else as many codes as confirmed registrants) so
 * that those who never spoke count. */
static int balance(struct req *r, const struct session *s, struct participation *p, struct err *e)
{
	struct segment_row *segs;
	struct note *notes;
	struct attendee *as;
	size_t n = 0, nn = 0, na = 0;
	int rc = transcript_store_segments(r->db, r->a, s->district_id, s->id, &segs, &n, e);
	if (rc == 0 && n == 0)
		rc = note_store_list(r->db, r->a, s->district_id, s->id, &notes, &nn, e);
	if (rc == 0)
		rc = attendee_store_list(r->db, r->a, s->district_id, s->id, &as, &na, e);
	if (rc < 0)
		return rc;
	size_t nturns = n ? n : nn;
	struct participation_turn *turns = arena_alloc(r->a, (nturns ? nturns : 1) * sizeof(*turns));
	size_t nspeakers = 0, k = 0;
	for (size_t i = 0; i < nturns; i++) {
		const char *code = n ? segs[i].speaker_code : notes[i].speaker_code;
		if (!*code)
			continue;   /* a note about the room, no one's turn */
		turns[k++] = (struct participation_turn){code, (size_t)(n ? segs[i].words : notes[i].words)};
		size_t num = (size_t)attendee_code_number(code);
		if (num > nspeakers)
			nspeakers = num;
	}
	const char **expected;
	size_t present = 0;
	if (na) {
		expected = arena_alloc(r->a, na * sizeof(*expected));
		for (size_t i = 0; i < na; i++)
			expected[present++] = as[i].code;
	} else {
		int64_t open = 0, invited = 0, waiting = 0;
		registration_store_counts(r->db, s->id, &open, &invited, &waiting, e);
		present = (size_t)(open + invited) > nspeakers ? (size_t)(open + invited) : nspeakers;
		expected = arena_alloc(r->a, (present + 1) * sizeof(*expected));
		for (size_t i = 0; i < present; i++)
			expected[i] = attendee_code(r->a, (int64_t)i + 1);
	}
	return participation_compute(r->a, turns, k, expected, present, p, e);
}

static json_t *participation_json(const struct participation *p)
{
	json_t *sp = json_array();
	for (size_t i = 0; i < p->nspeakers; i++)
		json_array_append_new(sp, json_pack("{s:s, s:I, s:I, s:f}", "code", p->speakers[i].code, "turns",
		                                    (json_int_t)p->speakers[i].turns, "words",
		                                    (json_int_t)p->speakers[i].words, "share", p->speakers[i].share_words));
	json_t *silent = json_array();
	for (size_t i = 0; i < p->nsilent; i++)
		json_array_append_new(silent, json_string(p->silent[i]));
	return json_pack("{s:o, s:I, s:I, s:s?, s:f, s:f, s:f, s:o}", "speakers", sp, "turns",
	                 (json_int_t)p->total_turns, "words", (json_int_t)p->total_words, "loudest", p->loudest,
	                 "loudest_share", p->loudest_share, "balance", p->balance, "facilitator_share",
	                 p->facilitator_share, "silent", silent);
}

void api_participation(struct req *r, struct resp *w)
{
	struct session s;
	struct conversation c;
	struct participation p;
	struct err e;
	if (load(r, &s, &c, &e) < 0 || balance(r, &s, &p, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	resp_json(w, 200, req_json(r, participation_json(&p)));
}

static void transcript_page(struct req *r, struct resp *w, int status, const struct capture_result *res,
                            const struct err *e)
{
	struct session s;
	struct conversation c;
	struct segment_row *segs;
	size_t n = 0;
	struct participation p;
	struct err le;
	if (load(r, &s, &c, &le) < 0 || transcript_store_segments(r->db, r->a, s.district_id, s.id, &segs, &n, &le) < 0 ||
	    balance(r, &s, &p, &le) < 0) {
		resp_err(w, r, &le);
		return;
	}
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++) {
		char at[48] = "";
		if (segs[i].start_ms >= 0)
			snprintf(at, sizeof(at), "%02lld:%02lld:%02lld", (long long)(segs[i].start_ms / 3600000),
			         (long long)(segs[i].start_ms / 60000 % 60), (long long)(segs[i].start_ms / 1000 % 60));
		json_array_append_new(list, json_pack("{s:s, s:s, s:s}", "at", at, "code", segs[i].speaker_code, "text",
		                                      segs[i].text));
	}
	/* The chart: each speaker's share of the words. */
	struct svg_bar *bars = arena_alloc(r->a, (p.nspeakers + 1) * sizeof(*bars));
	for (size_t i = 0; i < p.nspeakers; i++)
		bars[i] = (struct svg_bar){p.speakers[i].code, p.speakers[i].share_words, -1,
		                           arena_printf(r->a, "%.0f%%", p.speakers[i].share_words * 100)};
	struct buf svg;
	buf_init(&svg, 1 << 20);
	svg_bars(&svg, "balance-chart", "Share of words per speaker",
	         "Each bar is one speaker's share of all words said; F is the facilitator.", bars, p.nspeakers);
	json_t *data = json_pack("{s:s, s:o, s:o, s:o, s:s, s:s, s:s}", "title", c.title, "session",
	                         view_session(&s, r->district.timezone, r->lang), "segments", list, "participation",
	                         participation_json(&p), "chart", svg.p, "balance_pct",
	                         arena_printf(r->a, "%.0f", p.balance * 100), "loudest_pct",
	                         arena_printf(r->a, "%.0f", p.loudest_share * 100));
	json_object_set_new(data, "facilitator_pct", json_string(arena_printf(r->a, "%.0f", p.facilitator_share * 100)));
	buf_release(&svg);
	if (res)
		json_object_set_new(data, "imported", result_json(res));
	view_error(data, e);
	resp_page(w, r, status, "admin/transcript", data);
}

void h_transcript(struct req *r, struct resp *w)
{
	transcript_page(r, w, 200, NULL, NULL);
}

void h_transcript_add(struct req *r, struct resp *w)
{
	struct session s;
	struct conversation c;
	struct err e;
	err_clear(&e);
	if (load(r, &s, &c, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	const struct form_field *f = form_field(&r->form, "file");
	if (!f || !f->len) {
		err_set(&e, ERR_INVALID, "file", "Choose a transcript file (.vtt, .srt, .sbv or .txt).");
		transcript_page(r, w, 422, NULL, &e);
		return;
	}
	struct capture_result res;
	struct transcript_upload up = {0};
	int rc = req_fields(r, transcript_upload_fields, &up, &e);
	up.filename = f->filename;   /* the file part's own, held to the same rules */
	if (rc == 0)
		rc = field_check(transcript_upload_fields, &up, &e);
	if (rc == 0)
		rc = capture_import_transcript(r->db, r->a, &r->district, &s, &c, r->user.id, up.filename, f->value,
		                               f->len, up.format, &res, &e);
	if (rc == ERR_INVALID || rc == ERR_LIMIT) {
		transcript_page(r, w, rc == ERR_LIMIT ? 413 : 422, NULL, &e);
		return;
	}
	if (rc < 0) {
		resp_err(w, r, &e);
		return;
	}
	req_audit(r, "transcript.add", arena_printf(r->a, "session %lld, %zu segments", (long long)s.id, res.segments));
	transcript_page(r, w, 200, &res, NULL);
}

/* ---- representation ---- */

static json_t *pct_or_null(double v)
{
	return v < 0 ? json_null() : json_real(v);
}

/* The representation as JSON, each dimension with its chart (share of
 * participants as bars, the baseline as a marker). */
static json_t *representation_json(struct req *r, const struct representation *rep, bool charts)
{
	json_t *dims = json_array();
	for (size_t i = 0; i < rep->ndims; i++) {
		const struct representation_dim *d = &rep->dims[i];
		json_t *rows = json_array();
		struct svg_bar *bars = arena_alloc(r->a, (d->nrows + 1) * sizeof(*bars));
		size_t under = 0;
		for (size_t k = 0; k < d->nrows; k++) {
			const struct representation_row *w = &d->rows[k];
			json_t *row = json_pack("{s:s, s:o, s:o, s:o, s:o, s:b, s:b}", "category", w->category, "count",
			                        w->count < 0 ? json_null() : json_integer(w->count), "share",
			                        pct_or_null(w->share), "baseline", pct_or_null(w->baseline), "ratio",
			                        pct_or_null(w->ratio), "under", w->under != 0, "hidden", w->count < 0);
			json_object_set_new(row, "share_pct",
			                    json_string(w->share < 0 ? "–" : arena_printf(r->a, "%.0f%%", w->share * 100)));
			json_object_set_new(row, "baseline_pct",
			                    json_string(w->baseline < 0 ? "–" : arena_printf(r->a, "%.0f%%", w->baseline * 100)));
			json_array_append_new(rows, row);
			under += w->under != 0;
			bars[k] = (struct svg_bar){w->category, w->share < 0 ? 0 : w->share, w->baseline,
			                           w->share < 0 ? "–" : arena_printf(r->a, "%.0f%%", w->share * 100)};
		}
		json_t *dim = json_pack("{s:s, s:s, s:o, s:o, s:I}", "dimension", d->dimension, "label",
		                        plan_dimension_label(d->dimension), "known",
		                        d->known < 0 ? json_null() : json_integer(d->known), "rows", rows, "under",
		                        (json_int_t)under);
		if (charts) {
			struct buf svg;
			buf_init(&svg, 1 << 20);
			svg_bars(&svg, arena_printf(r->a, "rep-%zu", i), plan_dimension_label(d->dimension), NULL, bars, d->nrows);
			json_object_set_new(dim, "chart", json_string(svg.p ? svg.p : ""));
			buf_release(&svg);
		}
		json_array_append_new(dims, dim);
	}
	return dims;
}

static int representation_of(struct req *r, int64_t district_id, int64_t initiative_id, bool public_view,
                             json_t **dims, int64_t *people, bool charts, struct err *e)
{
	struct representation rep;
	int rc = capture_representation(r->db, r->a, district_id, initiative_id, time(NULL), public_view, &rep, people, e);
	if (rc == 0)
		*dims = representation_json(r, &rep, charts);
	return rc;
}

void h_representation(struct req *r, struct resp *w)
{
	struct initiative in;
	struct err e;
	json_t *dims = NULL;
	int64_t people = 0;
	if (initiative_store_get(r->db, r->a, r->user.district_id, req_param_id(r, "id"), &in, &e) < 0 ||
	    representation_of(r, in.district_id, in.id, false, &dims, &people, true, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	resp_page(w, r, 200, "admin/representation",
	          json_pack("{s:s, s:I, s:o, s:I, s:s}", "title", in.title, "initiative_id", (json_int_t)in.id,
	                    "dimensions", dims, "people", (json_int_t)people, "slug", r->district.slug));
}

/* GET /api/v1/initiatives/{id}/representation[?view=public] */
void api_representation(struct req *r, struct resp *w)
{
	struct initiative in;
	struct err e;
	json_t *dims = NULL;
	int64_t people = 0;
	const char *view = form_get(&r->query, "view");
	if (view && strcmp(view, "public") != 0 && strcmp(view, "staff") != 0) {
		resp_error(w, r, 400, "view", "view is public or staff.");
		return;
	}
	bool pub = view && strcmp(view, "public") == 0;
	if (initiative_store_get(r->db, r->a, r->user.district_id, req_param_id(r, "id"), &in, &e) < 0 ||
	    representation_of(r, in.district_id, in.id, pub, &dims, &people, false, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	resp_json(w, 200, req_json(r, json_pack("{s:I, s:s, s:o, s:I}", "initiative_id", (json_int_t)in.id, "view",
	                                        pub ? "public" : "staff", "dimensions", dims, "people",
	                                        (json_int_t)people)));
}

/* The public page: who has taken part in each initiative, counts under 5
 * hidden. */
void h_taking_part(struct req *r, struct resp *w)
{
	struct district d;
	struct initiative *ins;
	size_t n = 0;
	struct err e;
	if (district_store_by_slug(r->db, r->a, req_param(r, "slug"), &d, &e) < 0 ||
	    initiative_store_list(r->db, r->a, d.id, &ins, &n, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *dims = NULL;
		int64_t people = 0;
		if (representation_of(r, d.id, ins[i].id, true, &dims, &people, true, &e) < 0) {
			json_decref(list);
			resp_err(w, r, &e);
			return;
		}
		json_array_append_new(list, json_pack("{s:s, s:o, s:o}", "title", ins[i].title, "dimensions", dims,
		                                      "people", people < REPRESENTATION_MIN_PUBLIC
		                                                        ? json_null()
		                                                        : json_integer(people)));
	}
	resp_page(w, r, 200, "taking_part",
	          json_pack("{s:s, s:o, s:o, s:i}", "title", "Who has taken part", "district", view_district(&d),
	                    "initiatives", list, "min", REPRESENTATION_MIN_PUBLIC));
}

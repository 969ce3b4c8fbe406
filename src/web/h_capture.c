/* Capture: transcripts uploaded for a session, shown coded and redacted,
 * with the participation balance of who spoke. */
#include <string.h>

#include "core/str.h"
#include "domain/participation.h"
#include "service/capture.h"
#include "store/capture_store.h"
#include "store/plan_store.h"
#include "store/registration_store.h"
#include "tmpl/svg.h"
#include "web/app.h"
#include "web/handlers.h"
#include "web/views.h"

static int load(struct req *r, struct session *s, struct conversation *c, struct err *e)
{
	int rc = session_store_get(r->db, r->a, r->user.district_id, req_param_id(r, "id"), s, e);
	return rc < 0 ? rc : conversation_store_get(r->db, r->a, s->district_id, s->conversation_id, c, e);
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
	int rc = capture_import_transcript(r->db, r->a, &r->district, &s, &c, r->user.id, form_get(&r->query, "filename"),
	                                   r->body, r->body_len, form_get(&r->query, "format"), &res, &e);
	if (rc < 0) {
		resp_err(w, r, &e);
		return;
	}
	req_audit(r, "transcript.add", arena_printf(r->a, "session %lld, %zu segments", (long long)s.id, res.segments));
	resp_json(w, 201, req_json(r, result_json(&res)));
}

/* The participation of a session: every segment's speaker and words, and
 * everyone who was there (the confirmed registrants stand for them until
 * check-in exists) so that those who never spoke count. */
static int balance(struct req *r, const struct session *s, struct participation *p, struct err *e)
{
	struct segment_row *segs;
	size_t n = 0;
	int rc = transcript_store_segments(r->db, r->a, s->district_id, s->id, &segs, &n, e);
	if (rc < 0)
		return rc;
	struct participation_turn *turns = arena_alloc(r->a, (n ? n : 1) * sizeof(*turns));
	size_t nspeakers = 0;
	for (size_t i = 0; i < n; i++) {
		turns[i] = (struct participation_turn){segs[i].speaker_code, (size_t)segs[i].words};
		int64_t k = 0;
		if (segs[i].speaker_code[0] == 'P' && parse_i64(segs[i].speaker_code + 1, 1, 100000, &k) == 0 &&
		    (size_t)k > nspeakers)
			nspeakers = (size_t)k;
	}
	int64_t open = 0, invited = 0, waiting = 0;
	registration_store_counts(r->db, s->id, &open, &invited, &waiting, e);
	size_t present = (size_t)(open + invited) > nspeakers ? (size_t)(open + invited) : nspeakers;
	const char **expected = arena_alloc(r->a, (present + 1) * sizeof(*expected));
	for (size_t i = 0; i < present; i++)
		expected[i] = arena_printf(r->a, "P%zu", i + 1);
	return participation_compute(r->a, turns, n, expected, present, p, e);
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
	if (e) {
		json_object_set_new(data, "error", json_string(e->msg));
		json_object_set_new(data, "error_field", json_string(e->field));
	}
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
		err_set(&e, ERR_INVALID, "file", "Choose a transcript file (.vtt, .srt or .txt).");
		transcript_page(r, w, 422, NULL, &e);
		return;
	}
	struct capture_result res;
	int rc = capture_import_transcript(r->db, r->a, &r->district, &s, &c, r->user.id, f->filename, f->value, f->len,
	                                   req_form(r, "format"), &res, &e);
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

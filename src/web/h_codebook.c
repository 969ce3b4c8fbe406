/* The codebook of an initiative: its codes (add, edit, nest one level,
 * merge, confirm what the theme engine suggested), the excerpts filtered by
 * code, group, session or kind with their coded spans highlighted, coding a
 * span by hand, and how far two coders agree (Cohen's kappa per code).
 * Works without JavaScript: the words to code are typed (or pasted) into the
 * form; static/codebook.js fills them from a selection. */
#include <math.h>
#include <string.h>

#include "core/csv.h"
#include "core/str.h"
#include "service/report.h"
#include "service/understand.h"
#include "store/code_store.h"
#include "store/coding_store.h"
#include "store/excerpt_store.h"
#include "store/initiative_store.h"
#include "store/quote_store.h"
#include "store/user_store.h"
#include "web/app.h"
#include "web/handlers.h"
#include "web/views.h"

/* Excerpts shown at once. */
#define CODEBOOK_PAGE 100

static json_t *colour_choices(const char *selected)
{
	json_t *list = json_array();
	static const char *const names[CODEBOOK_NCOLOURS] = {"Blue", "Green", "Orange", "Pink",
	                                                    "Lavender", "Yellow", "Teal", "Grey"};
	for (int i = 0; i < CODEBOOK_NCOLOURS; i++)
		json_array_append_new(list, json_pack("{s:s, s:s, s:i, s:b}", "value", codebook_colours[i], "name", names[i],
		                                      "index", i, "selected",
		                                      selected && strcmp(selected, codebook_colours[i]) == 0));
	return list;
}

static const struct code *code_by_id(const struct code *cs, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (cs[i].id == id)
			return &cs[i];
	return NULL;
}

/* An excerpt's text cut where coded spans start and end; each piece marked
 * with the codes that cover it. */
static json_t *highlighted(struct req *r, const char *text, const struct coding *cs, size_t nc,
                           const struct code *codes, size_t ncodes)
{
	size_t len = strlen(text), chars = utf8_chars(text, len);
	int64_t *cut = arena_alloc(r->a, (2 * nc + 2) * sizeof(*cut));
	size_t ncut = 0;
	cut[ncut++] = 0;
	cut[ncut++] = (int64_t)chars;
	for (size_t i = 0; i < nc; i++) {
		cut[ncut++] = cs[i].start < (int64_t)chars ? cs[i].start : (int64_t)chars;
		cut[ncut++] = cs[i].end < (int64_t)chars ? cs[i].end : (int64_t)chars;
	}
	for (size_t i = 1; i < ncut; i++)
		for (size_t j = i; j > 0 && cut[j - 1] > cut[j]; j--) {
			int64_t t = cut[j];
			cut[j] = cut[j - 1];
			cut[j - 1] = t;
		}
	json_t *pieces = json_array();
	for (size_t i = 0; i + 1 < ncut; i++) {
		int64_t a = cut[i], b = cut[i + 1];
		if (a == b)
			continue;
		struct buf names;
		buf_init(&names, 4096);
		int colour = -1;
		for (size_t k = 0; k < nc; k++) {
			if (cs[k].start > a || cs[k].end < b)
				continue;
			const struct code *c = code_by_id(codes, ncodes, cs[k].code_id);
			bool named = false;   /* each code once, whoever coded it */
			for (size_t q = 0; q < k && !named; q++)
				named = cs[q].code_id == cs[k].code_id && cs[q].start <= a && cs[q].end >= b;
			if (!c || named)
				continue;
			buf_printf(&names, "%s%s%s", names.len ? ", " : "", c->name, cs[k].coder_id ? "" : " (suggested)");
			if (colour < 0)
				colour = codebook_colour_index(c->colour);
		}
		size_t from = utf8_offset(text, len, (size_t)a), to = utf8_offset(text, len, (size_t)b);
		json_t *p = json_pack("{s:s%, s:b}", "text", text + from, to - from, "marked", names.len > 0);
		if (names.len) {
			json_object_set_new(p, "codes", json_string(names.p));
			json_object_set_new(p, "colour", json_integer(colour < 0 ? 0 : colour));
		}
		buf_release(&names);
		json_array_append_new(pieces, p);
	}
	return pieces;
}

/* The page of initiative_id (0: the query's, or the first), its excerpts
 * filtered by the query. */
static void codebook_page(struct req *r, struct resp *w, int status, int64_t initiative_id, const struct err *e)
{
	struct codebook_view v = {0};
	struct err qe;
	if (req_fields_from(r, &r->query, codebook_view_fields, &v, &qe) < 0) {
		resp_err(w, r, &qe);
		return;
	}
	if (!initiative_id)
		initiative_id = v.initiative;
	struct initiative *ins;
	size_t nin = 0;
	struct err le;
	if (initiative_store_list(r->db, r->a, r->user.district_id, &ins, &nin, &le) < 0) {
		resp_err(w, r, &le);
		return;
	}
	if (!initiative_id && nin)
		initiative_id = ins[0].id;
	const char *title = NULL;
	for (size_t i = 0; i < nin; i++)
		if (ins[i].id == initiative_id)
			title = ins[i].title;
	if (!title) {
		resp_error(w, r, 404, NULL, "There is no such initiative.");
		return;
	}
	json_t *choices = view_initiative_choices(ins, nin, initiative_id);
	struct code *codes;
	struct coding *cs;
	struct excerpt_row *xs;
	size_t ncodes = 0, nc = 0, nx = 0;
	int64_t ca = 0, cb = 0;
	struct agreement *ag;
	size_t nag = 0;
	if (code_store_list(r->db, r->a, r->user.district_id, initiative_id, &codes, &ncodes, &le) < 0 ||
	    coding_store_list(r->db, r->a, r->user.district_id, initiative_id, &cs, &nc, &le) < 0 ||
	    excerpt_store_initiative(r->db, r->a, r->user.district_id, initiative_id, &xs, &nx, &le) < 0 ||
	    understand_agreement(r->db, r->a, r->user.district_id, initiative_id, &ca, &cb, &ag, &nag, &le) < 0) {
		json_decref(choices);
		resp_err(w, r, &le);
		return;
	}
	int64_t fcode = v.code, fsession = v.session, fquestion = v.question;
	const char *fgroup = v.group, *fkind = v.kind;
	/* Codes, with their agreement. */
	json_t *jcodes = json_array(), *parents = json_array();
	for (size_t i = 0; i < ncodes; i++) {
		const struct code *c = &codes[i];
		const struct code *p = c->parent_id ? code_by_id(codes, ncodes, c->parent_id) : NULL;
		json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:i, s:I, s:I, s:b, s:s?, s:b, s:o}", "id", (json_int_t)c->id,
		                      "name", c->name, "description", c->description, "colour", c->colour, "colour_index",
		                      codebook_colour_index(c->colour), "confirmed", (json_int_t)c->confirmed, "pending",
		                      (json_int_t)c->pending, "child", c->parent_id != 0, "parent", p ? p->name : NULL,
		                      "selected", c->id == fcode, "colours", colour_choices(c->colour));
		for (size_t k = 0; k < nag; k++)
			if (ag[k].code_id == c->id && !isnan(ag[k].kappa))
				json_object_set_new(o, "kappa", json_string(arena_printf(r->a, "%.2f", ag[k].kappa)));
		/* Parents this code may move under: top-level codes other than itself. */
		json_t *under = json_array();
		for (size_t k = 0; k < ncodes; k++)
			if (!codes[k].parent_id && codes[k].id != c->id)
				json_array_append_new(under, json_pack("{s:I, s:s, s:b}", "id", (json_int_t)codes[k].id, "name",
				                                       codes[k].name, "selected", codes[k].id == c->parent_id));
		json_object_set_new(o, "parents", under);
		json_array_append_new(jcodes, o);
		if (!c->parent_id)
			json_array_append_new(parents, json_pack("{s:I, s:s}", "id", (json_int_t)c->id, "name", c->name));
	}
	/* Excerpts, filtered, with their codings. */
	json_t *jx = json_array(), *groups = json_array(), *sessions = json_array(), *questions = json_array();
	size_t shown = 0, matching = 0;
	int64_t maxq = 0;
	for (size_t i = 0; i < nx; i++) {
		bool seen_group = false;
		for (size_t k = 0; k < json_array_size(groups) && !seen_group; k++)
			seen_group = strcmp(json_string_value(json_array_get(groups, k)), xs[i].group) == 0;
		if (!seen_group && *xs[i].group)
			json_array_append_new(groups, json_string(xs[i].group));
		bool seen_session = false;
		for (size_t k = 0; k < json_array_size(sessions) && !seen_session; k++)
			seen_session = json_integer_value(json_object_get(json_array_get(sessions, k), "id")) == xs[i].session_id;
		if (!seen_session)
			json_array_append_new(sessions, json_pack("{s:I, s:b}", "id", (json_int_t)xs[i].session_id, "selected",
			                                          xs[i].session_id == fsession));
		if (xs[i].question > maxq)
			maxq = xs[i].question;
		if ((fgroup && *fgroup && strcmp(fgroup, xs[i].group) != 0) ||
		    (fkind && *fkind && strcmp(fkind, xs[i].kind) != 0) || (fsession && xs[i].session_id != fsession) ||
		    (fquestion && xs[i].question != fquestion))
			continue;
		struct coding *mine = arena_alloc(r->a, (nc + 1) * sizeof(*mine));
		size_t nm = 0;
		bool has = !fcode;
		for (size_t k = 0; k < nc; k++)
			if (cs[k].excerpt_id == xs[i].id && strcmp(cs[k].excerpt_kind, xs[i].kind) == 0) {
				mine[nm++] = cs[k];
				has |= cs[k].code_id == fcode;
			}
		if (!has)
			continue;
		matching++;
		if (shown >= CODEBOOK_PAGE)
			continue;
		shown++;
		json_array_append_new(jx, json_pack("{s:s, s:I, s:I, s:s, s:o, s:b, s:I}", "kind", xs[i].kind, "id",
		                                    (json_int_t)xs[i].id, "session_id", (json_int_t)xs[i].session_id, "group",
		                                    xs[i].group, "pieces", highlighted(r, xs[i].text, mine, nm, codes, ncodes),
		                                    "coded", nm > 0, "question", (json_int_t)xs[i].question));
	}
	json_t *data = json_pack("{s:s, s:o, s:I, s:s, s:o, s:o, s:o, s:o, s:o, s:I, s:I, s:s, s:s, s:I}", "title",
	                         "Codebook", "initiatives", choices, "initiative_id", (json_int_t)initiative_id,
	                         "initiative_title", title, "codes", jcodes, "parents", parents, "colours",
	                         colour_choices(NULL), "excerpts", jx, "groups", groups, "shown", (json_int_t)shown,
	                         "matching", (json_int_t)matching, "group", fgroup ? fgroup : "", "kind",
	                         fkind ? fkind : "", "code", (json_int_t)fcode);
	for (int64_t q = 1; q <= maxq; q++)
		json_array_append_new(questions, json_pack("{s:I, s:b}", "n", (json_int_t)q, "selected", q == fquestion));
	if (data) {
		json_object_set_new(data, "sessions", sessions);
		json_object_set_new(data, "questions", questions);
	} else {
		json_decref(sessions);
		json_decref(questions);
	}
	if (data && ca && cb) {
		struct user ua, ub;
		if (user_store_by_id(r->db, r->a, r->user.district_id, ca, &ua, &le) == 0 &&
		    user_store_by_id(r->db, r->a, r->user.district_id, cb, &ub, &le) == 0)
			json_object_set_new(data, "coders", json_pack("{s:s, s:s}", "a", ua.name, "b", ub.name));
	}
	view_error(data, e);
	if (data && form_get(&r->query, "done"))
		json_object_set_new(data, "done", json_true());
	resp_page(w, r, status, "admin/codebook", data);
}

void h_codebook(struct req *r, struct resp *w)
{
	codebook_page(r, w, 200, 0, NULL);
}

static void back(struct req *r, struct resp *w, int64_t initiative, const char *extra)
{
	resp_redirect(w, r, arena_printf(r->a, "/admin/understand/codebook?initiative=%lld&done=1%s", (long long)initiative,
	                                 extra ? extra : ""));
}

/* Checks the code read from the form, and its parent. */
static int check_code(struct req *r, struct code *c, struct err *e)
{
	if (code_check(c, e) < 0)
		return ERR_INVALID;
	if (!c->parent_id)
		return 0;
	struct code p;
	int rc = code_store_get(r->db, r->a, c->district_id, c->parent_id, &p, e);
	if (rc == ERR_NOTFOUND)
		return err_set(e, ERR_INVALID, "parent_id", "Choose one of this initiative's codes.");
	if (rc == 0)
		rc = code_check_parent(c, &p, e);
	bool kids = false;
	if (rc == 0 && c->id && (rc = understand_has_children(r->db, r->a, c, &kids, e)) == 0 && kids)
		rc = err_set(e, ERR_INVALID, "parent_id",
		             "Codes nest one level only: this code has codes under it, so it stays at the top.");
	return rc;
}

/* POST /admin/understand/codes: a new code. */
void h_code_add(struct req *r, struct resp *w)
{
	struct initiative in;
	struct err e, le;
	struct code c = {.district_id = r->user.district_id, .created_by = r->user.id};
	int rc = req_fields(r, code_fields, &c, &e);
	if (initiative_store_get(r->db, r->a, r->user.district_id, c.initiative_id, &in, &le) < 0) {
		resp_err(w, r, &le);
		return;
	}
	if (rc == 0)
		rc = check_code(r, &c, &e);
	if (rc == 0)
		rc = code_store_add(r->db, &c, &e);
	if (rc == ERR_INVALID || rc == ERR_CONFLICT) {
		codebook_page(r, w, rc == ERR_CONFLICT ? 409 : 422, in.id, &e);
		return;
	}
	if (rc < 0) {
		resp_err(w, r, &e);
		return;
	}
	req_audit(r, "code.add", c.name);
	back(r, w, in.id, arena_printf(r->a, "&code=%lld", (long long)c.id));
}

/* POST /admin/understand/codes/{id}: action save (name, description,
 * colour, parent), merge (into) or confirm (the suggestions become mine). */
void h_code_save(struct req *r, struct resp *w)
{
	struct code c;
	struct err e;
	err_clear(&e);
	if (code_store_get(r->db, r->a, r->user.district_id, req_param_id(r, "id"), &c, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	struct code_action act = {0};
	int rc = req_fields(r, code_action_fields, &act, &e);
	if (rc < 0) {
		/* refused: shown below */
	} else if (strcmp(act.action, "merge") == 0) {
		struct code target;
		rc = understand_code_merge(r->db, r->a, &c, act.into, &target, &e);
		if (rc == 0) {
			req_audit(r, "code.merge", arena_printf(r->a, "%s into %s", c.name, target.name));
			back(r, w, c.initiative_id, arena_printf(r->a, "&code=%lld", (long long)target.id));
			return;
		}
	} else if (strcmp(act.action, "split") == 0) {
		/* The chosen excerpts ("kind:id") go to a new code beside this one:
		 * one field repeated, which a table does not read; the service
		 * checks each. */
		const char **refs = arena_alloc(r->a, (r->form.n + 1) * sizeof(*refs));
		size_t moved = 0;
		for (size_t i = 0; i < r->form.n; i++)
			if (strcmp(r->form.fields[i].name, "excerpt") == 0)
				refs[moved++] = r->form.fields[i].value;
		struct code nc;
		rc = understand_code_split(r->db, &c, act.new_name, r->user.id, refs, moved, &nc, &e);
		if (rc == 0) {
			req_audit(r, "code.split", arena_printf(r->a, "%s: %zu excerpts to %s", c.name, moved, nc.name));
			back(r, w, c.initiative_id, arena_printf(r->a, "&code=%lld", (long long)nc.id));
			return;
		}
	} else if (strcmp(act.action, "confirm") == 0) {
		int64_t changed = 0;
		rc = coding_store_confirm(r->db, c.district_id, c.id, r->user.id, &changed, &e);
		if (rc == 0) {
			req_audit(r, "code.confirm", arena_printf(r->a, "%s: %lld codings", c.name, (long long)changed));
			back(r, w, c.initiative_id, arena_printf(r->a, "&code=%lld", (long long)c.id));
			return;
		}
	} else {
		rc = req_fields(r, code_fields, &c, &e);
		if (rc == 0)
			rc = check_code(r, &c, &e);
		if (rc == 0)
			rc = code_store_update(r->db, &c, &e);
		if (rc == 0) {
			req_audit(r, "code.save", c.name);
			back(r, w, c.initiative_id, arena_printf(r->a, "&code=%lld", (long long)c.id));
			return;
		}
	}
	if (rc == ERR_INVALID || rc == ERR_CONFLICT)
		codebook_page(r, w, rc == ERR_CONFLICT ? 409 : 422, c.initiative_id, &e);
	else
		resp_err(w, r, &e);
}

/* POST /admin/understand/codings: initiative, code_id, kind, excerpt_id,
 * quote (the words to code; empty: the whole excerpt). */
void h_coding_add(struct req *r, struct resp *w)
{
	struct err e, le;
	err_clear(&e);
	struct coding_ask k = {.start = -1, .end = -1};
	int rc = req_fields(r, coding_ask_fields, &k, &e);
	struct initiative in;
	if (initiative_store_get(r->db, r->a, r->user.district_id, k.initiative_id, &in, &le) < 0) {
		resp_err(w, r, &le);
		return;
	}
	if (rc < 0) {
		codebook_page(r, w, 422, in.id, &e);
		return;
	}
	if (strcmp(k.do_, "quote") == 0) {
		/* The same words proposed as a quote under the chosen code. */
		struct quote q;
		int rq = report_propose_quote(r->db, r->a, in.district_id, in.id, k.kind, k.excerpt_id, k.code_id, k.quote,
		                              r->user.id, &q, &e);
		if (rq == ERR_INVALID || rq == ERR_CONFLICT) {
			codebook_page(r, w, rq == ERR_CONFLICT ? 409 : 422, in.id, &e);
			return;
		}
		if (rq < 0) {
			resp_err(w, r, &e);
			return;
		}
		req_audit(r, "quote.propose", arena_printf(r->a, "quote %lld", (long long)q.id));
		resp_redirect(w, r, arena_printf(r->a, "/admin/understand/quotes?initiative=%lld&done=1", (long long)in.id));
		return;
	}
	struct coding c;
	int added = 0;
	rc = understand_code(r->db, r->a, in.district_id, in.id, k.code_id, k.kind, k.excerpt_id, k.quote, k.start, k.end,
	                     r->user.id, &c, &added, &e);
	if (rc == ERR_INVALID) {
		codebook_page(r, w, 422, in.id, &e);
		return;
	}
	if (rc < 0) {
		resp_err(w, r, &e);
		return;
	}
	back(r, w, in.id, arena_printf(r->a, "#x-%s-%lld", c.excerpt_kind, (long long)c.excerpt_id));
}

/* ---- API ---- */

/* GET /api/v1/codes?initiative_id=N */
void api_codes(struct req *r, struct resp *w)
{
	struct codebook_view v = {0};
	struct code *codes;
	struct coding *cs;
	size_t n = 0, nc = 0;
	struct err e;
	struct initiative in;
	if (req_fields_from(r, &r->query, code_list_fields, &v, &e) < 0 ||
	    initiative_store_get(r->db, r->a, r->user.district_id, v.initiative, &in, &e) < 0 ||
	    code_store_list(r->db, r->a, in.district_id, in.id, &codes, &n, &e) < 0 ||
	    coding_store_list(r->db, r->a, in.district_id, in.id, &cs, &nc, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *codings = json_array();
		for (size_t k = 0; k < nc; k++)
			if (cs[k].code_id == codes[i].id)
				json_array_append_new(codings, json_pack("{s:I, s:s, s:I, s:I, s:I, s:b, s:I}", "id",
				                                         (json_int_t)cs[k].id, "kind", cs[k].excerpt_kind,
				                                         "excerpt_id", (json_int_t)cs[k].excerpt_id, "start",
				                                         (json_int_t)cs[k].start, "end", (json_int_t)cs[k].end,
				                                         "suggested", cs[k].coder_id == 0, "coder_id",
				                                         (json_int_t)cs[k].coder_id));
		json_array_append_new(list, json_pack("{s:I, s:s, s:s, s:s, s:o, s:b, s:o}", "id", (json_int_t)codes[i].id,
		                                      "name", codes[i].name, "description", codes[i].description, "colour",
		                                      codes[i].colour, "parent_id",
		                                      codes[i].parent_id ? json_integer(codes[i].parent_id) : json_null(),
		                                      "suggested", codes[i].suggested, "codings", codings));
	}
	resp_json(w, 200, req_json(r, json_pack("{s:o}", "codes", list)));
}

/* POST /api/v1/codings {"initiative_id", "code_id", "kind", "excerpt_id",
 * "quote"} or with "start" and "end" instead of "quote". */
void api_coding_add(struct req *r, struct resp *w)
{
	json_t *o = api_body(r, w);
	if (!o)
		return;
	struct coding_ask k = {.kind = "", .quote = "", .start = -1, .end = -1};
	if (!api_fields(r, w, o, coding_ask_fields, &k))
		return;
	struct initiative in;
	struct err e;
	if (initiative_store_get(r->db, r->a, r->user.district_id, k.initiative_id, &in, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	struct coding c;
	int added = 0;
	int rc = understand_code(r->db, r->a, in.district_id, in.id, k.code_id, k.kind, k.excerpt_id, k.quote, k.start,
	                         k.end, r->user.id, &c, &added, &e);
	if (rc < 0) {
		resp_err(w, r, &e);
		return;
	}
	resp_json(w, added ? 201 : 200,
	          req_json(r, json_pack("{s:I, s:I, s:s, s:I, s:I, s:I}", "id", (json_int_t)c.id, "code_id",
	                                (json_int_t)c.code_id, "kind", c.excerpt_kind, "excerpt_id",
	                                (json_int_t)c.excerpt_id, "start", (json_int_t)c.start, "end", (json_int_t)c.end)));
}

/* The characters start..end of text, as a string of a. */
static const char *span_text(struct arena *a, const char *text, int64_t start, int64_t end)
{
	size_t len = strlen(text), b0 = utf8_offset(text, len, (size_t)start), b1 = utf8_offset(text, len, (size_t)end);
	return b0 <= b1 ? arena_strndup(a, text + b0, b1 - b0) : "";
}

/* GET /admin/understand/codings.csv?initiative=N: every coded span, one
 * row each, for a spreadsheet or another analysis tool. */
void h_codings_csv(struct req *r, struct resp *w)
{
	struct codebook_view v = {0};
	struct initiative in;
	struct err e;
	struct code *codes;
	struct coding *cs;
	struct excerpt_row *xs;
	size_t ncodes = 0, nc = 0, nx = 0;
	if (req_fields_from(r, &r->query, codebook_view_fields, &v, &e) < 0 ||
	    initiative_store_get(r->db, r->a, r->user.district_id, v.initiative, &in, &e) < 0 ||
	    code_store_list(r->db, r->a, in.district_id, in.id, &codes, &ncodes, &e) < 0 ||
	    coding_store_list(r->db, r->a, in.district_id, in.id, &cs, &nc, &e) < 0 ||
	    excerpt_store_initiative(r->db, r->a, in.district_id, in.id, &xs, &nx, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	static const char *const header[] = {"code", "parent_code", "source", "excerpt_id", "session_id", "group",
	                                     "start", "end", "text", "coder"};
	csv_write_row(&w->body, header, sizeof(header) / sizeof(header[0]), 0);
	for (size_t i = 0; i < nc; i++) {
		const struct code *c = code_by_id(codes, ncodes, cs[i].code_id);
		const struct code *p = c && c->parent_id ? code_by_id(codes, ncodes, c->parent_id) : NULL;
		const struct excerpt_row *x = NULL;
		for (size_t k = 0; k < nx && !x; k++)
			if (xs[k].id == cs[i].excerpt_id && strcmp(xs[k].kind, cs[i].excerpt_kind) == 0)
				x = &xs[k];
		if (!c || !x)
			continue;
		struct user u;
		const char *coder = "suggested";
		if (cs[i].coder_id && user_store_by_id(r->db, r->a, in.district_id, cs[i].coder_id, &u, &e) == 0)
			coder = u.name;
		const char *row[] = {c->name, p ? p->name : "", x->kind, arena_printf(r->a, "%lld", (long long)x->id),
		                     arena_printf(r->a, "%lld", (long long)x->session_id), x->group,
		                     arena_printf(r->a, "%lld", (long long)cs[i].start),
		                     arena_printf(r->a, "%lld", (long long)cs[i].end),
		                     span_text(r->a, x->text, cs[i].start, cs[i].end), coder};
		csv_write_row(&w->body, row, sizeof(row) / sizeof(row[0]), 0);
	}
	w->content_type = "text/csv; charset=utf-8";
	resp_header(w, r, "Content-Disposition", "attachment; filename=\"codings.csv\"");
}

/* Understand: the themes suggested for an initiative from everything said
 * at its sessions (live notes, transcript segments, survey comments), with
 * common ground and divergence across stakeholder groups — the page,
 * accepting a theme into the codebook, and
 * GET /api/v1/initiatives/{id}/themes.  See service/understand.h. */
#include <string.h>

#include "analysis/themes.h"
#include "core/str.h"
#include "service/understand.h"
#include "store/excerpt_store.h"
#include "store/initiative_store.h"
#include "tmpl/svg.h"
#include "web/app.h"
#include "web/handlers.h"
#include "web/views.h"

static json_t *themes_json(struct req *r, const struct suggestion *s)
{
	const struct themes_result *t = &s->r;
	json_t *list = json_array();
	for (size_t i = 0; i < t->nthemes; i++) {
		const struct theme *th = &t->themes[i];
		json_t *terms = json_array(), *ex = json_array(), *groups = json_array();
		for (size_t k = 0; k < th->nterms; k++)
			json_array_append_new(terms, json_string(th->terms[k]));
		for (size_t k = 0; k < th->nexcerpts; k++) {
			const struct excerpt_row *x = &s->xs[th->excerpts[k]];
			json_array_append_new(ex, json_pack("{s:s, s:I, s:I, s:s, s:s}", "kind", x->kind, "id", (json_int_t)x->id,
			                                    "session_id", (json_int_t)x->session_id, "text", x->text, "group",
			                                    x->group));
		}
		for (size_t g = 0; g < t->ngroups; g++)
			json_array_append_new(groups, json_pack("{s:s, s:I}", "group", t->groups[g], "count",
			                                        (json_int_t)th->group_counts[g]));
		json_t *o = json_pack("{s:i, s:s, s:o, s:I, s:f, s:s, s:o, s:o, s:f, s:b}", "id", th->id, "label", th->label,
		                      "terms", terms, "size", (json_int_t)th->size, "share", th->share, "share_pct",
		                      arena_printf(r->a, "%.0f", th->share * 100), "excerpts", ex, "groups", groups,
		                      "sentiment", th->sentiment, "common", th->common);
		json_object_set_new(o, "sentiment_word", json_string(th->sentiment > 0.15    ? "positive"
		                                                     : th->sentiment < -0.15 ? "negative"
		                                                                             : "mixed"));
		json_object_set_new(o, "concentrated_in",
		                    th->divergent_group >= 0 ? json_string(t->groups[th->divergent_group]) : json_null());
		json_array_append_new(list, o);
	}
	return list;
}

static json_t *id_list(const struct themes_result *t, const int *ids, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++) {
		const struct theme *th = &t->themes[ids[i] - 1];
		json_array_append_new(a, json_pack("{s:i, s:s, s:s?}", "id", th->id, "label", th->label, "group",
		                                   th->divergent_group >= 0 ? t->groups[th->divergent_group] : NULL));
	}
	return a;
}

/* Theme × group: each cell the share of the group's excerpts in the theme. */
static const char *heatmap(struct req *r, const struct themes_result *t)
{
	if (t->ngroups < 2 || !t->nthemes)
		return "";
	size_t nr = t->nthemes, nc = t->ngroups;
	const char **rows = arena_alloc(r->a, nr * sizeof(*rows));
	double *vals = arena_alloc(r->a, nr * nc * sizeof(*vals)), top = 0;
	const char **notes = arena_alloc(r->a, nr * nc * sizeof(*notes));
	for (size_t i = 0; i < nr; i++) {
		rows[i] = arena_printf(r->a, "%d. %s", t->themes[i].id, t->themes[i].label);
		for (size_t g = 0; g < nc; g++) {
			double v = t->group_sizes[g] ? (double)t->themes[i].group_counts[g] / (double)t->group_sizes[g] : 0;
			vals[i * nc + g] = v;
			notes[i * nc + g] = arena_printf(r->a, "%.0f%%", v * 100);
			top = v > top ? v : top;
		}
	}
	/* Shade relative to the largest cell, so that small tables still read. */
	for (size_t q = 0; q < nr * nc && top > 0; q++)
		vals[q] /= top;
	struct buf b;
	buf_init(&b, 1 << 20);
	svg_heatmap(&b, "theme-groups", "Share of each group's excerpts in each theme", rows, nr, t->groups, nc, vals,
	            notes);
	const char *svg = arena_strdup(r->a, b.p ? b.p : "");
	buf_release(&b);
	return svg;
}

/* Each theme's share of the excerpts, as bars. */
static const char *sizes_chart(struct req *r, const struct themes_result *t)
{
	struct svg_bar *bars = arena_alloc(r->a, (t->nthemes + 1) * sizeof(*bars));
	for (size_t i = 0; i < t->nthemes; i++)
		bars[i] = (struct svg_bar){arena_printf(r->a, "%d. %s", t->themes[i].id, t->themes[i].label), t->themes[i].share,
		                           -1, arena_printf(r->a, "%zu", t->themes[i].size)};
	struct buf b;
	buf_init(&b, 1 << 20);
	svg_bars(&b, "theme-sizes", "Excerpts in each theme", NULL, bars, t->nthemes);
	const char *svg = arena_strdup(r->a, b.p ? b.p : "");
	buf_release(&b);
	return svg;
}

void h_understand(struct req *r, struct resp *w)
{
	struct initiative *ins;
	size_t n = 0;
	struct err e;
	if (initiative_store_list(r->db, r->a, r->user.district_id, &ins, &n, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	struct theme_pick pick = {0};
	if (req_fields_from(r, &r->query, theme_pick_fields, &pick, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	int64_t chosen = pick.initiative ? pick.initiative : n ? ins[0].id : 0, k = pick.k;
	json_t *choices = view_initiative_choices(ins, n, chosen);
	const char *title = "";
	for (size_t i = 0; i < n; i++)
		if (ins[i].id == chosen)
			title = ins[i].title;
	json_t *data = json_pack("{s:s, s:o, s:s, s:I, s:I}", "title", "Understand", "initiatives", choices,
	                         "initiative_title", title, "initiative_id", (json_int_t)chosen, "k", (json_int_t)k);
	if (data && *title) {
		struct suggestion s;
		if (understand_suggest(r->db, r->a, r->user.district_id, chosen, (int)k, &s, &e) < 0) {
			json_decref(data);
			resp_err(w, r, &e);
			return;
		}
		json_object_set_new(data, "excerpts", json_integer((json_int_t)s.n));
		if (s.enough) {
			json_object_set_new(data, "themes", themes_json(r, &s));
			json_object_set_new(data, "common_ground", id_list(&s.r, s.r.common_ground, s.r.ncommon));
			json_object_set_new(data, "divergence", id_list(&s.r, s.r.divergence, s.r.ndivergence));
			json_object_set_new(data, "heatmap", json_string(heatmap(r, &s.r)));
			json_object_set_new(data, "sizes", json_string(sizes_chart(r, &s.r)));
			json_object_set_new(data, "ngroups", json_integer((json_int_t)s.r.ngroups));
		}
	}
	resp_page(w, r, 200, "admin/understand", data);
}

/* GET /api/v1/initiatives/{id}/themes[?k=N] */
void api_themes(struct req *r, struct resp *w)
{
	struct initiative in;
	struct err e;
	struct theme_pick pick = {0};
	if (req_fields_from(r, &r->query, theme_pick_fields, &pick, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	int64_t k = pick.k;
	struct suggestion s;
	if (initiative_store_get(r->db, r->a, r->user.district_id, req_param_id(r, "id"), &in, &e) < 0 ||
	    understand_suggest(r->db, r->a, r->user.district_id, in.id, (int)k, &s, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	json_t *out = json_pack("{s:I, s:I}", "initiative_id", (json_int_t)in.id, "excerpts", (json_int_t)s.n);
	json_object_set_new(out, "themes", s.enough ? themes_json(r, &s) : json_array());
	json_object_set_new(out, "common_ground", s.enough ? id_list(&s.r, s.r.common_ground, s.r.ncommon) : json_array());
	json_object_set_new(out, "divergence", s.enough ? id_list(&s.r, s.r.divergence, s.r.ndivergence) : json_array());
	resp_json(w, 200, req_json(r, out));
}

/* Accepts a suggested theme into the codebook: initiative, k, theme. */
void h_theme_accept(struct req *r, struct resp *w)
{
	struct theme_pick pick = {0};
	struct err e;
	if (req_fields(r, theme_pick_fields, &pick, &e) < 0 || !pick.initiative || !pick.theme) {
		resp_error(w, r, 400, "theme", "Choose a suggested theme to accept.");
		return;
	}
	int64_t initiative = pick.initiative, k = pick.k, theme = pick.theme;
	struct initiative in;
	struct code c;
	if (initiative_store_get(r->db, r->a, r->user.district_id, initiative, &in, &e) < 0 ||
	    understand_accept(r->db, r->a, r->user.district_id, in.id, (int)k, (int)theme, r->user.id, &c, &e) < 0) {
		resp_err(w, r, &e);
		return;
	}
	req_audit(r, "code.accept", arena_printf(r->a, "initiative %lld: %s", (long long)in.id, c.name));
	resp_redirect(w, r, arena_printf(r->a, "/admin/understand/codebook?initiative=%lld&code=%lld", (long long)in.id,
	                                 (long long)c.id));
}

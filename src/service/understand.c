#include "service/understand.h"

#include <math.h>
#include <stddef.h>
#include <string.h>

#include "core/buf.h"
#include "store/code_store.h"
#include "store/coding_store.h"
#include "store/excerpt_store.h"
#include "core/str.h"
#include "core/i18n.h"

#define T(n, t, m, l) .name = n, .type = t, .off = offsetof(struct theme_pick, m), .label = l
const struct field theme_pick_fields[] = {
	{T("initiative", FIELD_ID, initiative, N_("The initiative")),
	 .msg = N_("Choose one of the district's initiatives.")},
	{T("k", FIELD_INT, k, N_("The number of themes")), .min = 1, .max = THEMES_K_MAX,
	 .msg = N_("k is a number of themes from 1 to 50.")},
	{T("theme", FIELD_INT, theme, N_("The theme")), .min = 1, .max = THEMES_K_MAX,
	 .msg = N_("Choose a suggested theme to accept.")},
	FIELD_END,
};
#undef T

int understand_suggest(struct db *db, struct arena *a, int64_t district_id, int64_t initiative_id, int k,
                       struct suggestion *s, struct err *e)
{
	memset(s, 0, sizeof(*s));
	int rc = excerpt_store_initiative(db, a, district_id, initiative_id, &s->xs, &s->n, e);
	if (rc < 0)
		return rc;
	struct theme_doc *docs = arena_alloc(a, (s->n + 1) * sizeof(*docs));
	for (size_t i = 0; i < s->n; i++)
		docs[i] = (struct theme_doc){s->xs[i].text, s->xs[i].group};
	struct theme_opts o = {.k = k, .lang = -1, .threads = 2};
	struct err te;
	rc = themes_find(a, docs, s->n, &o, &s->r, &te);
	if (rc == ERR_INVALID && k == 0)
		return 0;   /* too little to go on */
	if (rc < 0) {
		*e = te;
		return rc;
	}
	s->enough = true;
	return 0;
}

int understand_accept(struct db *db, struct arena *a, int64_t district_id, int64_t initiative_id, int k,
                      int theme_id, int64_t user_id, struct code *out, struct err *e)
{
	struct suggestion s;
	int rc = understand_suggest(db, a, district_id, initiative_id, k, &s, e);
	if (rc < 0)
		return rc;
	if (!s.enough || theme_id < 1 || (size_t)theme_id > s.r.nthemes)
		return err_set(e, ERR_NOTFOUND, "theme", "That suggested theme is no longer there: look again.");
	const struct theme *th = &s.r.themes[theme_id - 1];
	*out = (struct code){.district_id = district_id, .initiative_id = initiative_id, .name = th->label,
	                     .description = "", .colour = codebook_colours[(theme_id - 1) % CODEBOOK_NCOLOURS],
	                     .suggested = true, .created_by = user_id};
	/* Terms make the description until someone writes one. */
	struct buf d;
	buf_init(&d, 4096);
	buf_adds(&d, "Suggested from the terms: ");
	for (size_t i = 0; i < th->nterms; i++)
		buf_printf(&d, "%s%s", i ? ", " : "", th->terms[i]);
	out->description = arena_strdup(a, d.p);
	buf_release(&d);
	if ((rc = db_begin(db, e)) < 0)
		return rc;
	rc = code_store_add(db, out, e);
	for (size_t i = 0; rc == 0 && i < s.n; i++) {
		if (s.r.assignments[i] != theme_id)
			continue;
		struct coding c = {.district_id = district_id, .code_id = out->id, .excerpt_kind = s.xs[i].kind,
		                   .excerpt_id = s.xs[i].id, .coder_id = 0};
		int added;
		rc = coding_span(s.xs[i].text, "", &c.start, &c.end, e);
		if (rc == 0)
			rc = coding_store_add(db, &c, &added, e);
	}
	return db_end(db, rc, e);
}

int understand_excerpt(struct db *db, struct arena *a, int64_t district_id, int64_t initiative_id, int64_t code_id,
                       const char *kind, int64_t excerpt_id, struct excerpt_row *out, struct err *e)
{
	struct code code;
	int rc = code_id ? code_store_get(db, a, district_id, code_id, &code, e) : ERR_NOTFOUND;
	if (rc == ERR_NOTFOUND || (rc == 0 && code.initiative_id != initiative_id))
		return err_set(e, ERR_INVALID, "code_id", "Choose one of this initiative's codes.");
	if (rc < 0)
		return rc;
	if (!coding_kind_ok(kind))
		return err_set(e, ERR_INVALID, "kind", "An excerpt is a note, a segment or a survey comment.");
	struct excerpt_row *xs;
	size_t n = 0;
	if ((rc = excerpt_store_initiative(db, a, district_id, initiative_id, &xs, &n, e)) < 0)
		return rc;
	for (size_t i = 0; i < n; i++)
		if (xs[i].id == excerpt_id && strcmp(xs[i].kind, kind) == 0) {
			*out = xs[i];
			return 0;
		}
	return err_set(e, ERR_INVALID, "excerpt_id", "There is no such excerpt in this initiative.");
}

int understand_code(struct db *db, struct arena *a, int64_t district_id, int64_t initiative_id, int64_t code_id,
                    const char *kind, int64_t excerpt_id, const char *quote, int64_t start, int64_t end,
                    int64_t coder_id, struct coding *out, int *added, struct err *e)
{
	struct excerpt_row x;
	int rc = understand_excerpt(db, a, district_id, initiative_id, code_id, kind, excerpt_id, &x, e);
	if (rc < 0)
		return rc;
	*out = (struct coding){.district_id = district_id, .code_id = code_id, .excerpt_kind = x.kind,
	                       .excerpt_id = x.id, .coder_id = coder_id};
	if (start >= 0 && end >= 0) {
		out->start = start;
		out->end = end;
		rc = coding_check_span(x.text, start, end, e);
	} else {
		rc = coding_span(x.text, quote, &out->start, &out->end, e);
	}
	return rc < 0 ? rc : coding_store_add(db, out, added, e);
}

int understand_has_children(struct db *db, struct arena *a, const struct code *c, bool *kids, struct err *e)
{
	struct code *cs;
	size_t n = 0;
	int rc = code_store_list(db, a, c->district_id, c->initiative_id, &cs, &n, e);
	*kids = false;
	for (size_t i = 0; rc == 0 && i < n; i++)
		*kids |= cs[i].parent_id == c->id;
	return rc;
}

int understand_code_merge(struct db *db, struct arena *a, const struct code *from, int64_t into,
                          struct code *target, struct err *e)
{
	struct code t;
	int rc = db_begin(db, e);
	if (rc < 0)
		return rc;
	rc = code_store_get(db, a, from->district_id, into, &t, e);
	if (rc == ERR_NOTFOUND || (rc == 0 && (t.initiative_id != from->initiative_id || t.id == from->id)))
		rc = err_set(e, ERR_INVALID, "into", "Choose another code of this initiative to merge into.");
	bool kids = false;
	/* Its children move under the target: only a top-level target keeps
	 * codes one level deep. */
	if (rc == 0 && t.parent_id && (rc = understand_has_children(db, a, from, &kids, e)) == 0 && kids)
		rc = err_set(e, ERR_INVALID, "into", "This code has codes under it: merge it into a top-level code.");
	if (rc == 0)
		rc = code_store_merge(db, from->district_id, from->id, t.id, e);
	if ((rc = db_end(db, rc, e)) == 0 && target)
		*target = t;
	return rc;
}

/* An excerpt named "kind:id" (kind copied into kind). */
static int excerpt_ref(const char *v, char kind[16], int64_t *id, struct err *e)
{
	const char *colon = strchr(v, ':');
	if (!colon || (size_t)(colon - v) >= 16 || parse_i64(colon + 1, 1, INT64_MAX, id) < 0)
		return err_set(e, ERR_INVALID, "excerpt", "An excerpt is named kind:id.");
	memcpy(kind, v, (size_t)(colon - v));
	kind[colon - v] = '\0';
	if (!coding_kind_ok(kind))
		return err_set(e, ERR_INVALID, "excerpt", "An excerpt is a note, a segment or a survey comment.");
	return 0;
}

int understand_code_split(struct db *db, const struct code *from, const char *name, int64_t user_id,
                          const char *const *refs, size_t nrefs, struct code *out, struct err *e)
{
	*out = (struct code){.district_id = from->district_id, .initiative_id = from->initiative_id,
	                     .parent_id = from->parent_id, .name = name, .description = "",
	                     .colour = codebook_colours[(codebook_colour_index(from->colour) + 1) % CODEBOOK_NCOLOURS],
	                     .created_by = user_id};
	int rc = code_check(out, e);
	if (rc == 0 && !nrefs)
		rc = err_set(e, ERR_INVALID, "excerpt", "Tick the excerpts that go to the new code.");
	if (rc < 0 || (rc = db_begin(db, e)) < 0)
		return rc;
	rc = code_store_add(db, out, e);
	for (size_t i = 0; rc == 0 && i < nrefs; i++) {
		char kind[16];
		int64_t xid = 0;
		rc = excerpt_ref(refs[i], kind, &xid, e);
		if (rc == 0)
			rc = code_store_move_excerpt(db, from->district_id, from->id, out->id, kind, xid, e);
	}
	return db_end(db, rc, e);
}

/* An excerpt, by kind and id. */
struct unit {
	const char *kind;
	int64_t id;
};

int understand_agreement(struct db *db, struct arena *ar, int64_t district_id, int64_t initiative_id, int64_t *ca,
                         int64_t *cb, struct agreement **out, size_t *n, struct err *e)
{
	struct coding *cs;
	struct code *codes;
	size_t nc = 0, ncodes = 0;
	*out = NULL;
	*n = 0;
	int rc = coding_store_list(db, ar, district_id, initiative_id, &cs, &nc, e);
	if (rc == 0)
		rc = code_store_list(db, ar, district_id, initiative_id, &codes, &ncodes, e);
	if (rc < 0)
		return rc;
	if (!*ca || !*cb) {
		/* The two coders with the most codings (ties: the lower id), each
		 * coder counted in one pass. */
		int64_t *who = arena_alloc(ar, (nc + 1) * sizeof(*who)), *count = arena_alloc(ar, (nc + 1) * sizeof(*count));
		size_t nwho = 0;
		for (size_t i = 0; i < nc; i++) {
			if (!cs[i].coder_id)
				continue;
			size_t k = 0;
			while (k < nwho && who[k] != cs[i].coder_id)
				k++;
			if (k == nwho) {
				who[nwho] = cs[i].coder_id;
				count[nwho++] = 0;
			}
			count[k]++;
		}
		int64_t best[2] = {0, 0}, top[2] = {0, 0};
		for (size_t k = 0; k < nwho; k++) {
			if (count[k] > top[0] || (count[k] == top[0] && who[k] < best[0])) {
				best[1] = best[0];
				top[1] = top[0];
				best[0] = who[k];
				top[0] = count[k];
			} else if (count[k] > top[1] || (count[k] == top[1] && who[k] < best[1])) {
				best[1] = who[k];
				top[1] = count[k];
			}
		}
		*ca = best[0];
		*cb = best[1];
	}
	if (!*ca || !*cb)
		return 0;
	/* The units: excerpts both coders coded (codings come by excerpt). */
	struct unit *units = arena_alloc(ar, (nc + 1) * sizeof(*units));
	size_t nu = 0;
	for (size_t i = 0; i < nc;) {
		size_t j = i;
		bool by_a = false, by_b = false;
		while (j < nc && cs[j].excerpt_id == cs[i].excerpt_id && strcmp(cs[j].excerpt_kind, cs[i].excerpt_kind) == 0) {
			by_a |= cs[j].coder_id == *ca;
			by_b |= cs[j].coder_id == *cb;
			j++;
		}
		if (by_a && by_b)
			units[nu++] = (struct unit){cs[i].excerpt_kind, cs[i].excerpt_id};
		i = j;
	}
	*out = arena_alloc(ar, (ncodes + 1) * sizeof(**out));
	bool *da = arena_alloc(ar, (nu + 1) * sizeof(bool)), *db_ = arena_alloc(ar, (nu + 1) * sizeof(bool));
	for (size_t k = 0; k < ncodes; k++) {
		for (size_t u = 0; u < nu; u++) {
			da[u] = db_[u] = false;
			for (size_t i = 0; i < nc; i++) {
				if (cs[i].code_id != codes[k].id || cs[i].excerpt_id != units[u].id ||
				    strcmp(cs[i].excerpt_kind, units[u].kind) != 0)
					continue;
				da[u] |= cs[i].coder_id == *ca;
				db_[u] |= cs[i].coder_id == *cb;
			}
		}
		(*out)[(*n)++] = (struct agreement){codes[k].id, nu, cohen_kappa(da, db_, nu)};
	}
	return 0;
}

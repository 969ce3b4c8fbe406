#include "service/qdpx.h"

#include <sodium.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/str.h"
#include "core/zip.h"
#include "domain/clock.h"
#include "domain/codebook.h"
#include "store/code_store.h"
#include "store/coding_store.h"
#include "store/conversation_store.h"
#include "store/excerpt_store.h"
#include "store/initiative_store.h"
#include "store/session_store.h"
#include "store/user_store.h"
#include "tmpl/escape.h"

/* A GUID for a record: 16 bytes of BLAKE2b over "district/kind/id". */
static const char *guid(struct arena *a, int64_t district_id, const char *kind, int64_t id)
{
	char key[128];
	unsigned char h[16];
	int n = snprintf(key, sizeof(key), "%lld/%s/%lld", (long long)district_id, kind, (long long)id);
	crypto_generichash(h, sizeof(h), (const unsigned char *)key, (size_t)n, NULL, 0);
	return arena_printf(a, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", h[0], h[1], h[2],
	                    h[3], h[4], h[5], h[6], h[7], h[8], h[9], h[10], h[11], h[12], h[13], h[14], h[15]);
}


static void when(struct buf *out, int64_t t)
{
	char iso[21];
	clock_iso(t, iso);
	buf_adds(out, iso);
}

static void code_xml(struct buf *x, struct arena *a, int64_t district_id, const struct code *codes, size_t n,
                     size_t k)
{
	const struct code *c = &codes[k];
	buf_printf(x, "<Code guid=\"%s\" name=\"", guid(a, district_id, "code", c->id));
	esc_xml(x, c->name);
	buf_printf(x, "\" isCodable=\"true\" color=\"%s\">", c->colour);
	if (*c->description) {
		buf_adds(x, "<Description>");
		esc_xml(x, c->description);
		buf_adds(x, "</Description>");
	}
	for (size_t i = 0; i < n; i++)
		if (codes[i].parent_id == c->id)
			code_xml(x, a, district_id, codes, n, i);
	buf_adds(x, "</Code>");
}

int qdpx_export(struct db *db, struct arena *a, const struct district *d, int64_t initiative_id, int64_t now,
                struct buf *out, struct err *e)
{
	struct initiative in;
	struct code *codes;
	struct coding *cs;
	struct excerpt_row *xs;
	size_t ncodes = 0, nc = 0, nx = 0;
	int rc = initiative_store_get(db, a, d->id, initiative_id, &in, e);
	if (rc == 0)
		rc = code_store_list(db, a, d->id, in.id, &codes, &ncodes, e);
	if (rc == 0)
		rc = coding_store_list(db, a, d->id, in.id, &cs, &nc, e);
	if (rc == 0)
		rc = excerpt_store_initiative(db, a, d->id, in.id, &xs, &nx, e);
	if (rc < 0)
		return rc;
	struct buf x;
	buf_init(&x, (size_t)256 << 20);
	buf_adds(&x, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"");
	esc_xml(&x, in.title);
	buf_adds(&x, "\" origin=\"Common Ground\" creationDateTime=\"");
	when(&x, now);
	buf_adds(&x, "\">\n");
	/* Users: everyone who coded. */
	int64_t *coders = arena_alloc(a, (nc + 1) * sizeof(*coders));
	size_t ncoders = 0;
	for (size_t i = 0; i < nc; i++) {
		bool seen = !cs[i].coder_id;
		for (size_t k = 0; k < ncoders && !seen; k++)
			seen = coders[k] == cs[i].coder_id;
		if (!seen)
			coders[ncoders++] = cs[i].coder_id;
	}
	if (ncoders) {
		buf_adds(&x, "<Users>");
		for (size_t k = 0; k < ncoders; k++) {
			struct user u;
			struct err ue;
			buf_printf(&x, "<User guid=\"%s\" name=\"", guid(a, d->id, "user", coders[k]));
			esc_xml(&x, user_store_by_id(db, a, d->id, coders[k], &u, &ue) == 0 ? u.name : "");
			buf_printf(&x, "\" id=\"%lld\"/>", (long long)coders[k]);
		}
		buf_adds(&x, "</Users>\n");
	}
	if (ncodes) {
		buf_adds(&x, "<CodeBook><Codes>");
		for (size_t k = 0; k < ncodes; k++)
			if (!codes[k].parent_id)
				code_xml(&x, a, d->id, codes, ncodes, k);
		buf_adds(&x, "</Codes></CodeBook>\n");
	}
	/* One text source per session: its excerpts one after the other, each
	 * a paragraph; every coding a selection of it. */
	struct zip z;
	zip_begin(&z, out, now);
	struct buf text;
	buf_init(&text, (size_t)64 << 20);
	int64_t *start = arena_alloc(a, (nx + 1) * sizeof(*start));
	bool opened = false;
	for (size_t i = 0; i < nx; i++) {
		int64_t sid = xs[i].session_id;
		bool first = true;
		for (size_t k = 0; k < i && first; k++)
			first = xs[k].session_id != sid;
		if (!first)
			continue;
		struct session s;
		struct conversation c;
		if ((rc = session_store_get(db, a, d->id, sid, &s, e)) < 0 ||
		    (rc = conversation_store_get(db, a, d->id, s.conversation_id, &c, e)) < 0)
			break;
		buf_reset(&text);
		for (size_t k = i; k < nx; k++) {
			if (xs[k].session_id != sid)
				continue;
			if (text.len)
				buf_adds(&text, "\n\n");
			/* Who spoke opens the turn ("P1: …"); the codings count
			 * from the excerpt's own text after it. */
			if (*xs[k].speaker && strcmp(xs[k].speaker, "?") != 0)
				buf_printf(&text, "%s: ", xs[k].speaker);
			start[k] = (int64_t)utf8_chars(text.p ? text.p : "", text.len);
			buf_adds(&text, xs[k].text);
		}
		const char *g = guid(a, d->id, "session", sid);
		if (!opened)
			buf_adds(&x, "<Sources>\n");
		opened = true;
		buf_printf(&x, "<TextSource guid=\"%s\" name=\"", g);
		esc_xml(&x, c.title);
		buf_adds(&x, ", ");
		struct clock_local l;
		char date[11];
		clock_to_local(d->timezone, s.starts_at, &l);
		clock_format_date(&l, date);
		buf_adds(&x, date);
		buf_printf(&x, "\" plainTextPath=\"internal://%s.txt\" creationDateTime=\"", g);
		when(&x, now);
		buf_adds(&x, "\">");
		if (*c.objective) {
			buf_adds(&x, "<Description>");
			esc_xml(&x, c.objective);
			buf_adds(&x, "</Description>");
		}
		for (size_t k = 0; k < nc; k++) {
			for (size_t q = i; q < nx; q++) {
				if (xs[q].session_id != sid || xs[q].id != cs[k].excerpt_id ||
				    strcmp(xs[q].kind, cs[k].excerpt_kind) != 0)
					continue;
				buf_printf(&x, "<PlainTextSelection guid=\"%s\" startPosition=\"%lld\" endPosition=\"%lld\"",
				           guid(a, d->id, "selection", cs[k].id), (long long)(start[q] + cs[k].start),
				           (long long)(start[q] + cs[k].end));
				if (cs[k].coder_id)
					buf_printf(&x, " creatingUser=\"%s\"", guid(a, d->id, "user", cs[k].coder_id));
				buf_printf(&x, "><Coding guid=\"%s\"", guid(a, d->id, "coding", cs[k].id));
				if (cs[k].coder_id)
					buf_printf(&x, " creatingUser=\"%s\"", guid(a, d->id, "user", cs[k].coder_id));
				buf_printf(&x, "><CodeRef targetGUID=\"%s\"/></Coding></PlainTextSelection>",
				           guid(a, d->id, "code", cs[k].code_id));
			}
		}
		buf_adds(&x, "</TextSource>\n");
		if (zip_add(&z, arena_printf(a, "Sources/%s.txt", g), text.p ? text.p : "", text.len) < 0)
			rc = err_set(e, ERR_LIMIT, NULL, "The project is too large to export.");
	}
	if (opened)
		buf_adds(&x, "</Sources>\n");
	buf_adds(&x, "<Description>");
	esc_xml(&x, in.why);
	buf_adds(&x, "</Description>\n</Project>\n");
	if (rc == 0 && (x.overflow || text.overflow))
		rc = err_set(e, ERR_LIMIT, NULL, "The project is too large to export.");
	if (rc == 0 && zip_add(&z, "project.qde", x.p, x.len) < 0)
		rc = err_set(e, ERR_LIMIT, NULL, "The project is too large to export.");
	zip_end(&z);
	buf_release(&x);
	buf_release(&text);
	return rc;
}

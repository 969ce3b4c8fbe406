#include "store/post_store.h"

#include <string.h>
#include <time.h>

#include "core/buf.h"

#define PCOLS                                                                                            \
	"id, district_id, slug, COALESCE(initiative_id, 0), COALESCE(conversation_id, 0), status, publish_at," \
	" image_id, COALESCE(created_by, 0), created_at, updated_at"
static const char *const sql_post_add =
	"INSERT INTO posts (district_id, slug, initiative_id, conversation_id, status, publish_at, image_id, created_by,"
	" created_at, updated_at) VALUES (?, ?, NULLIF(?, 0), NULLIF(?, 0), ?, ?, ?, NULLIF(?, 0), ?, ?) RETURNING id";
static const char *const sql_post_update =
	"UPDATE posts SET slug = ?, initiative_id = NULLIF(?, 0), conversation_id = NULLIF(?, 0), status = ?,"
	" publish_at = ?, image_id = ?, updated_at = ? WHERE district_id = ? AND id = ?";
static const char *const sql_post_get = "SELECT " PCOLS " FROM posts WHERE district_id = ? AND id = ?";
static const char *const sql_post_slug = "SELECT " PCOLS " FROM posts WHERE district_id = ? AND slug = ?";
static const char *const sql_post_visible =
	"SELECT " PCOLS " FROM posts WHERE district_id = ? AND status <> 'draft' AND publish_at <= ?"
	" ORDER BY publish_at DESC, id DESC LIMIT ?";
static const char *const sql_post_all =
	"SELECT " PCOLS " FROM posts WHERE district_id = ? ORDER BY updated_at DESC, id DESC LIMIT ?";
static const char *const sql_post_conv =
	"SELECT " PCOLS " FROM posts WHERE district_id = ? AND conversation_id = ? AND status <> 'draft'"
	" AND publish_at <= ? ORDER BY publish_at, id";
static const char *const sql_text_save =
	"INSERT INTO post_texts (post_id, district_id, lang, title, summary, body, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
	" ON CONFLICT (post_id, lang) DO UPDATE SET title = excluded.title, summary = excluded.summary,"
	" body = excluded.body, updated_at = excluded.updated_at";
static const char *const sql_text_delete = "DELETE FROM post_texts WHERE district_id = ? AND post_id = ? AND lang = ?";
static const char *const sql_text_list =
	"SELECT post_id, district_id, lang, title, summary, body, updated_at FROM post_texts WHERE post_id = ?"
	" ORDER BY lang <> 'en', lang";
static const char *const sql_image_add =
	"INSERT INTO images (district_id, content_type, width, height, bytes, sha256, alt, data, created_by, created_at)"
	" VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULLIF(?, 0), ?) RETURNING id";
static const char *const sql_image_get =
	"SELECT id, district_id, content_type, width, height, bytes, sha256, alt, CASE WHEN ? = 1 THEN data ELSE '' END,"
	" COALESCE(created_by, 0), created_at FROM images WHERE district_id = ? AND id = ?";
static const char *const sql_search_drop = "DELETE FROM search_docs WHERE kind = ? AND ref_id = ?";
static const char *const sql_search_drop_one =
	"DELETE FROM search_docs WHERE kind = ? AND ref_id = ? AND lang = ?";
static const char *const sql_search_put_sqlite =
	"INSERT INTO search_docs (title, body, district_id, kind, ref_id, lang) VALUES (?, ?, ?, ?, ?, ?)";
static const char *const sql_search_put_pg =
	"INSERT INTO search_docs (title, body, district_id, kind, ref_id, lang) VALUES (?, ?, ?, ?, ?, ?)"
	" ON CONFLICT (kind, ref_id, lang) DO UPDATE SET title = excluded.title, body = excluded.body";
static const char *const sql_search_sqlite =
	"SELECT kind, ref_id, lang, title, snippet(search_docs, 1, char(1), char(2), '…', 28) FROM search_docs"
	" WHERE search_docs MATCH ? AND district_id = ? ORDER BY rank, ref_id DESC LIMIT ?";
static const char *const sql_search_pg =
	"SELECT d.kind, d.ref_id, d.lang, d.title,"
	" ts_headline(d.cfg, d.body, q, 'StartSel=' || chr(1) || ', StopSel=' || chr(2) || ', MaxWords=30, MinWords=12')"
	" FROM (SELECT s.*, CASE s.lang WHEN 'es' THEN 'spanish'::regconfig ELSE 'english'::regconfig END AS cfg"
	"       FROM search_docs s WHERE s.district_id = ?) d, LATERAL to_tsquery(d.cfg, ?) q"
	" WHERE d.tsv @@ q ORDER BY ts_rank(d.tsv, q) DESC, d.ref_id DESC LIMIT ?";

int post_store_add(struct db *db, struct post *p, struct err *e)
{
	p->created_at = p->updated_at = time(NULL);
	int rc = db_run_int(db, sql_post_add, e, &p->id, "itiitiiiii", p->district_id, p->slug, p->initiative_id,
	                    p->conversation_id, p->status, p->publish_at, p->image_id, p->created_by, p->created_at,
	                    p->updated_at);
	if (rc == ERR_CONFLICT)
		err_set(e, rc, "slug", "Another recap already has this web address.");
	return rc;
}

int post_store_update(struct db *db, const struct post *p, struct err *e)
{
	int64_t changed = 0;
	int rc = db_run(db, sql_post_update, e, &changed, "tiitiiiii", p->slug, p->initiative_id, p->conversation_id,
	                p->status, p->publish_at, p->image_id, (int64_t)time(NULL), p->district_id, p->id);
	if (rc == ERR_CONFLICT)
		return err_set(e, rc, "slug", "Another recap already has this web address.");
	return rc == 0 && changed == 0 ? err_set(e, ERR_NOTFOUND, NULL, "There is no such recap.") : rc;
}

static void post_row(struct db_stmt *st, struct arena *a, void *out)
{
	struct post *p = out;
	int i = 0;
	p->id = db_col_int(st, i++);
	p->district_id = db_col_int(st, i++);
	p->slug = arena_strdup(a, db_col_text(st, i++));
	p->initiative_id = db_col_int(st, i++);
	p->conversation_id = db_col_int(st, i++);
	p->status = arena_strdup(a, db_col_text(st, i++));
	p->publish_at = db_col_int(st, i++);
	p->image_id = db_col_int(st, i++);
	p->created_by = db_col_int(st, i++);
	p->created_at = db_col_int(st, i++);
	p->updated_at = db_col_int(st, i++);
}

int post_store_get(struct db *db, struct arena *a, int64_t district_id, int64_t id, struct post *p, struct err *e)
{
	return db_one(db_query(db, sql_post_get, e, "ii", district_id, id), a, post_row, p, "There is no such recap.", e);
}

int post_store_by_slug(struct db *db, struct arena *a, int64_t district_id, const char *slug, struct post *p,
                       struct err *e)
{
	return db_one(db_query(db, sql_post_slug, e, "it", district_id, slug), a, post_row, p,
	              "There is no such recap.", e);
}

int post_store_list(struct db *db, struct arena *a, int64_t district_id, int64_t visible_at, int limit,
                    struct post **out, size_t *n, struct err *e)
{
	int64_t lim = limit > 0 ? limit : -1;
	if (db_kind(db) == DB_POSTGRES && lim < 0)
		lim = INT32_MAX;
	struct db_stmt *st = visible_at > 0 ? db_query(db, sql_post_visible, e, "iii", district_id, visible_at, lim)
	                                    : db_query(db, sql_post_all, e, "ii", district_id, lim);
	return db_all(st, a, post_row, sizeof(**out), out, n, e);
}

int post_store_for_conversation(struct db *db, struct arena *a, int64_t district_id, int64_t conversation_id,
                                int64_t now, struct post **out, size_t *n, struct err *e)
{
	return db_all(db_query(db, sql_post_conv, e, "iii", district_id, conversation_id, now), a, post_row,
	              sizeof(**out), out, n, e);
}

int post_text_store_save(struct db *db, struct post_text *t, struct err *e)
{
	t->updated_at = time(NULL);
	return db_run(db, sql_text_save, e, NULL, "iitttti", t->post_id, t->district_id, t->lang, t->title,
	              t->summary ? t->summary : "", t->body, t->updated_at);
}

int post_text_store_delete(struct db *db, int64_t district_id, int64_t post_id, const char *lang, struct err *e)
{
	return db_run(db, sql_text_delete, e, NULL, "iit", district_id, post_id, lang);
}

static void text_row(struct db_stmt *st, struct arena *a, void *out)
{
	struct post_text *t = out;
	t->post_id = db_col_int(st, 0);
	t->district_id = db_col_int(st, 1);
	t->lang = arena_strdup(a, db_col_text(st, 2));
	t->title = arena_strdup(a, db_col_text(st, 3));
	t->summary = arena_strdup(a, db_col_text(st, 4));
	t->body = arena_strdup(a, db_col_text(st, 5));
	t->updated_at = db_col_int(st, 6);
}

int post_text_store_list(struct db *db, struct arena *a, int64_t post_id, struct post_text **out, size_t *n,
                         struct err *e)
{
	return db_all(db_query(db, sql_text_list, e, "i", post_id), a, text_row, sizeof(**out), out, n, e);
}

int image_store_add(struct db *db, struct image *im, struct err *e)
{
	im->created_at = time(NULL);
	return db_run_int(db, sql_image_add, e, &im->id, "itiiitttii", im->district_id, im->content_type, im->width,
	                  im->height, im->bytes, im->sha256, im->alt ? im->alt : "", im->data_b64, im->created_by,
	                  im->created_at);
}

static void image_row(struct db_stmt *st, struct arena *a, void *out)
{
	struct image *im = out;
	int i = 0;
	im->id = db_col_int(st, i++);
	im->district_id = db_col_int(st, i++);
	im->content_type = arena_strdup(a, db_col_text(st, i++));
	im->width = db_col_int(st, i++);
	im->height = db_col_int(st, i++);
	im->bytes = db_col_int(st, i++);
	im->sha256 = arena_strdup(a, db_col_text(st, i++));
	im->alt = arena_strdup(a, db_col_text(st, i++));
	im->data_b64 = arena_strdup(a, db_col_text(st, i++));
	im->created_by = db_col_int(st, i++);
	im->created_at = db_col_int(st, i++);
}

int image_store_get(struct db *db, struct arena *a, int64_t district_id, int64_t id, bool with_data,
                    struct image *im, struct err *e)
{
	return db_one(db_query(db, sql_image_get, e, "iii", (int64_t)with_data, district_id, id), a, image_row, im,
	              "There is no such image.", e);
}

int search_store_put(struct db *db, int64_t district_id, const char *kind, int64_t ref_id, const char *lang,
                     const char *title, const char *body, struct err *e)
{
	/* FTS5 tables have no unique keys: the old text goes first. */
	int rc = 0;
	if (db_kind(db) == DB_SQLITE) {
		rc = db_run(db, sql_search_drop_one, e, NULL, "tit", kind, ref_id, lang);
		if (rc == 0)
			rc = db_run(db, sql_search_put_sqlite, e, NULL, "ttitit", title, body, district_id, kind, ref_id, lang);
		return rc;
	}
	return db_run(db, sql_search_put_pg, e, NULL, "ttitit", title, body, district_id, kind, ref_id, lang);
}

int search_store_drop(struct db *db, const char *kind, int64_t ref_id, struct err *e)
{
	return db_run(db, sql_search_drop, e, NULL, "ti", kind, ref_id);
}

static void hit_row(struct db_stmt *st, struct arena *a, void *out)
{
	struct search_hit *h = out;
	h->kind = arena_strdup(a, db_col_text(st, 0));
	h->ref_id = db_col_int(st, 1);
	h->lang = arena_strdup(a, db_col_text(st, 2));
	h->title = arena_strdup(a, db_col_text(st, 3));
	h->snippet = arena_strdup(a, db_col_text(st, 4) ? db_col_text(st, 4) : "");
	h->slug = NULL;
}

int search_store_find(struct db *db, struct arena *a, int64_t district_id, const char *q, int limit,
                      struct search_hit **out, size_t *n, struct err *e)
{
	*out = NULL;
	*n = 0;
	struct db_stmt *st;
	if (db_kind(db) == DB_SQLITE) {
		const char *match = search_fts5_query(a, q);
		if (!match)
			return 0;
		st = db_query(db, sql_search_sqlite, e, "tii", match, district_id, (int64_t)limit);
	} else {
		/* Prefix terms joined by AND; the terms are letters and digits
		 * only, so nothing of the visitor's is tsquery syntax. */
		const char **terms;
		size_t nt = search_terms(a, q, &terms);
		if (!nt)
			return 0;
		struct buf b;
		buf_init(&b, 1024);
		for (size_t i = 0; i < nt; i++)
			buf_printf(&b, "%s%s:*", i ? " & " : "", terms[i]);
		/* Bound values are read at the first step: the text must live on. */
		const char *tsq = arena_strdup(a, b.p);
		buf_release(&b);
		st = db_query(db, sql_search_pg, e, "iti", district_id, tsq, (int64_t)limit);
	}
	return db_all(st, a, hit_row, sizeof(**out), out, n, e);
}

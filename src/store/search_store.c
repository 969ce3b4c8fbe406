#include "store/search_store.h"

#include "core/buf.h"
#include "domain/share.h"

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

int search_store_put(struct db *db, int64_t district_id, const char *kind, int64_t ref_id, const char *lang,
                     const char *title, const char *body, struct err *e)
{
	/* FTS5 tables have no unique keys: the old text goes first. */
	int rc = 0;
	if (db_kind(db) == DB_SQLITE) {
		rc = db_run(db, sql_search_drop_one, e, NULL, DB_ARGS(db_text(kind), db_int(ref_id),
				db_text(lang)));
		if (rc == 0)
			rc = db_run(db, sql_search_put_sqlite, e, NULL, DB_ARGS(db_text(title),
					db_text(body), db_int(district_id), db_text(kind), db_int(ref_id),
					db_text(lang)));
		return rc;
	}
	return db_run(db, sql_search_put_pg, e, NULL, DB_ARGS(db_text(title), db_text(body),
			db_int(district_id), db_text(kind), db_int(ref_id), db_text(lang)));
}

int search_store_drop(struct db *db, const char *kind, int64_t ref_id, struct err *e)
{
	return db_run(db, sql_search_drop, e, NULL, DB_ARGS(db_text(kind), db_int(ref_id)));
}

static void hit_row(struct db_stmt *st, struct arena *a, void *out)
{
	struct search_hit *h = out;
	h->kind = db_col_dup(st, a, 0);
	h->ref_id = db_col_int(st, 1);
	h->lang = db_col_dup(st, a, 2);
	h->title = db_col_dup(st, a, 3);
	h->snippet = db_col_dup(st, a, 4);
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
		st = db_query(db, sql_search_sqlite, e, DB_ARGS(db_text(match), db_int(district_id),
				db_int(limit)));
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
		st = db_query(db, sql_search_pg, e, DB_ARGS(db_int(district_id), db_text(tsq),
				db_int(limit)));
	}
	return db_all(st, a, hit_row, sizeof(**out), out, n, e);
}

#include "store/post_text_store.h"

#include <time.h>

static const char *const sql_text_save =
	"INSERT INTO post_texts (post_id, district_id, lang, title, summary, body, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
	" ON CONFLICT (post_id, lang) DO UPDATE SET title = excluded.title, summary = excluded.summary,"
	" body = excluded.body, updated_at = excluded.updated_at";
static const char *const sql_text_delete = "DELETE FROM post_texts WHERE district_id = ? AND post_id = ? AND lang = ?";
static const char *const sql_text_list =
	"SELECT post_id, district_id, lang, title, summary, body, updated_at FROM post_texts WHERE post_id = ?"
	" ORDER BY lang <> 'en', lang";

int post_text_store_save(struct db *db, struct post_text *t, struct err *e)
{
	t->updated_at = time(NULL);
	return db_run(db, sql_text_save, e, NULL, DB_ARGS(db_int(t->post_id), db_int(t->district_id),
			db_text(t->lang), db_text(t->title), db_text(t->summary ? t->summary : ""),
			db_text(t->body), db_int(t->updated_at)));
}

int post_text_store_delete(struct db *db, int64_t district_id, int64_t post_id, const char *lang, struct err *e)
{
	return db_run(db, sql_text_delete, e, NULL, DB_ARGS(db_int(district_id), db_int(post_id),
			db_text(lang)));
}

static void text_row(struct db_stmt *st, struct arena *a, void *out)
{
	struct post_text *t = out;
	t->post_id = db_col_int(st, 0);
	t->district_id = db_col_int(st, 1);
	t->lang = db_col_dup(st, a, 2);
	t->title = db_col_dup(st, a, 3);
	t->summary = db_col_dup(st, a, 4);
	t->body = db_col_dup(st, a, 5);
	t->updated_at = db_col_int(st, 6);
}

int post_text_store_list(struct db *db, struct arena *a, int64_t post_id, struct post_text **out, size_t *n,
                         struct err *e)
{
	return db_all(db_query(db, sql_text_list, e, DB_ARGS(db_int(post_id))), a, text_row, sizeof(**out), out, n, e);
}

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

static const struct db_col text_cols[] = {
	DB_INT_COL(struct post_text, post_id),
	DB_INT_COL(struct post_text, district_id),
	DB_TEXT_COL(struct post_text, lang),
	DB_TEXT_COL(struct post_text, title),
	DB_TEXT_COL(struct post_text, summary),
	DB_TEXT_COL(struct post_text, body),
	DB_INT_COL(struct post_text, updated_at),
	DB_COLS_END,
};

int post_text_store_list(struct db *db, struct arena *a, int64_t post_id, struct post_text **out, size_t *n,
                         struct err *e)
{
	return db_all_cols(db_query(db, sql_text_list, e, DB_ARGS(db_int(post_id))), a, text_cols, sizeof(**out), out, n, e);
}

#include "store/post_store.h"

#include <time.h>

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

int post_store_add(struct db *db, struct post *p, struct err *e)
{
	p->created_at = p->updated_at = time(NULL);
	int rc = db_run_int(db, sql_post_add, e, &p->id, DB_ARGS(db_int(p->district_id), db_text(p->slug),
			db_int(p->initiative_id), db_int(p->conversation_id), db_text(p->status),
			db_int(p->publish_at), db_int(p->image_id), db_int(p->created_by),
			db_int(p->created_at), db_int(p->updated_at)));
	if (rc == ERR_CONFLICT)
		err_set(e, rc, "slug", "Another recap already has this web address.");
	return rc;
}

int post_store_update(struct db *db, const struct post *p, struct err *e)
{
	int64_t changed = 0;
	int rc = db_run(db, sql_post_update, e, &changed, DB_ARGS(db_text(p->slug),
			db_int(p->initiative_id), db_int(p->conversation_id), db_text(p->status),
			db_int(p->publish_at), db_int(p->image_id), db_int((int64_t)time(NULL)),
			db_int(p->district_id), db_int(p->id)));
	if (rc == ERR_CONFLICT)
		return err_set(e, rc, "slug", "Another recap already has this web address.");
	return rc == 0 && changed == 0 ? err_set(e, ERR_NOTFOUND, NULL, "There is no such recap.") : rc;
}

static const struct db_col post_cols[] = {
	DB_INT_COL(struct post, id),
	DB_INT_COL(struct post, district_id),
	DB_TEXT_COL(struct post, slug),
	DB_INT_COL(struct post, initiative_id),
	DB_INT_COL(struct post, conversation_id),
	DB_TEXT_COL(struct post, status),
	DB_INT_COL(struct post, publish_at),
	DB_INT_COL(struct post, image_id),
	DB_INT_COL(struct post, created_by),
	DB_INT_COL(struct post, created_at),
	DB_INT_COL(struct post, updated_at),
	DB_COLS_END,
};

int post_store_get(struct db *db, struct arena *a, int64_t district_id, int64_t id, struct post *p, struct err *e)
{
	return db_one_cols(db_query(db, sql_post_get, e, DB_ARGS(db_int(district_id), db_int(id))), a, post_cols, p, "There is no such recap.", e);
}

int post_store_by_slug(struct db *db, struct arena *a, int64_t district_id, const char *slug, struct post *p,
                       struct err *e)
{
	return db_one_cols(db_query(db, sql_post_slug, e, DB_ARGS(db_int(district_id), db_text(slug))), a, post_cols, p,
	              "There is no such recap.", e);
}

int post_store_list(struct db *db, struct arena *a, int64_t district_id, int64_t visible_at, int limit,
                    struct post **out, size_t *n, struct err *e)
{
	int64_t lim = limit > 0 ? limit : -1;
	if (db_kind(db) == DB_POSTGRES && lim < 0)
		lim = INT32_MAX;
	struct db_stmt *st = visible_at > 0 ? db_query(db, sql_post_visible, e, DB_ARGS(db_int(district_id),
			db_int(visible_at), db_int(lim)))
	                                    : db_query(db, sql_post_all, e, DB_ARGS(db_int(district_id),
	                                    		db_int(lim)));
	return db_all_cols(st, a, post_cols, sizeof(**out), out, n, e);
}

int post_store_for_conversation(struct db *db, struct arena *a, int64_t district_id, int64_t conversation_id,
                                int64_t now, struct post **out, size_t *n, struct err *e)
{
	return db_all_cols(db_query(db, sql_post_conv, e, DB_ARGS(db_int(district_id), db_int(conversation_id),
			db_int(now))), a, post_cols,
	              sizeof(**out), out, n, e);
}

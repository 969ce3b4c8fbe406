#include "store/image_store.h"

#include <time.h>

static const char *const sql_image_add =
	"INSERT INTO images (district_id, content_type, width, height, bytes, sha256, alt, data, created_by, created_at)"
	" VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULLIF(?, 0), ?) RETURNING id";
static const char *const sql_image_get =
	"SELECT id, district_id, content_type, width, height, bytes, sha256, alt, CASE WHEN ? = 1 THEN data ELSE '' END,"
	" COALESCE(created_by, 0), created_at FROM images WHERE district_id = ? AND id = ?";

int image_store_add(struct db *db, struct image *im, struct err *e)
{
	im->created_at = time(NULL);
	return db_run_int(db, sql_image_add, e, &im->id, DB_ARGS(db_int(im->district_id),
			db_text(im->content_type), db_int(im->width), db_int(im->height), db_int(im->bytes),
			db_text(im->sha256), db_text(im->alt ? im->alt : ""), db_text(im->data_b64),
			db_int(im->created_by), db_int(im->created_at)));
}

static void image_row(struct db_stmt *st, struct arena *a, void *out)
{
	struct image *im = out;
	int i = 0;
	im->id = db_col_int(st, i++);
	im->district_id = db_col_int(st, i++);
	im->content_type = db_col_dup(st, a, i++);
	im->width = db_col_int(st, i++);
	im->height = db_col_int(st, i++);
	im->bytes = db_col_int(st, i++);
	im->sha256 = db_col_dup(st, a, i++);
	im->alt = db_col_dup(st, a, i++);
	im->data_b64 = db_col_dup(st, a, i++);
	im->created_by = db_col_int(st, i++);
	im->created_at = db_col_int(st, i++);
}

int image_store_get(struct db *db, struct arena *a, int64_t district_id, int64_t id, bool with_data,
                    struct image *im, struct err *e)
{
	return db_one(db_query(db, sql_image_get, e, DB_ARGS(db_int(with_data), db_int(district_id),
			db_int(id))), a, image_row, im,
	              "There is no such image.", e);
}

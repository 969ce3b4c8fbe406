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

static const struct db_col image_cols[] = {
	DB_INT_COL(struct image, id),
	DB_INT_COL(struct image, district_id),
	DB_TEXT_COL(struct image, content_type),
	DB_INT_COL(struct image, width),
	DB_INT_COL(struct image, height),
	DB_INT_COL(struct image, bytes),
	DB_TEXT_COL(struct image, sha256),
	DB_TEXT_COL(struct image, alt),
	DB_TEXT_COL(struct image, data_b64),
	DB_INT_COL(struct image, created_by),
	DB_INT_COL(struct image, created_at),
	DB_COLS_END,
};

int image_store_get(struct db *db, struct arena *a, int64_t district_id, int64_t id, bool with_data,
                    struct image *im, struct err *e)
{
	return db_one_cols(db_query(db, sql_image_get, e, DB_ARGS(db_int(with_data), db_int(district_id),
			db_int(id))), a, image_cols, im,
	              "There is no such image.", e);
}

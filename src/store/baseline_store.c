#include "store/baseline_store.h"

static const char *const sql_base_set =
	"INSERT INTO baseline_shares (district_id, dimension, category, share_bp) VALUES (?, ?, ?, ?)"
	" ON CONFLICT (district_id, dimension, category) DO UPDATE SET share_bp = excluded.share_bp";
static const char *const sql_base_list =
	"SELECT id, district_id, dimension, category, share_bp FROM baseline_shares WHERE district_id = ?"
	" ORDER BY dimension, share_bp DESC, category";

static const struct db_col base_cols[] = {
	DB_INT_COL(struct baseline_share, id),
	DB_INT_COL(struct baseline_share, district_id),
	DB_TEXT_COL(struct baseline_share, dimension),
	DB_TEXT_COL(struct baseline_share, category),
	DB_INT_COL(struct baseline_share, share_bp),
	DB_COLS_END,
};

int baseline_store_set(struct db *db, const struct baseline_share *b, struct err *e)
{
	return db_run(db, sql_base_set, e, NULL, DB_ARGS(db_int(b->district_id), db_text(b->dimension),
			db_text(b->category), db_int(b->share_bp)));
}

int baseline_store_list(struct db *db, struct arena *a, int64_t district_id, struct baseline_share **out,
                        size_t *n, struct err *e)
{
	return db_all_cols(db_query(db, sql_base_list, e, DB_ARGS(db_int(district_id))), a, base_cols, sizeof(**out), out, n, e);
}

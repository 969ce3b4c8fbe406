#include "store/initiative_store.h"

#include <time.h>

#define COLS "id, district_id, title, why, mode, created_at, updated_at, data_behind, goals, questions"
static const char *const sql_add =
	"INSERT INTO initiatives (district_id, title, why, mode, created_at, updated_at, data_behind, goals, questions)"
	" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
static const char *const sql_get = "SELECT " COLS " FROM initiatives WHERE district_id = ? AND id = ?";
static const char *const sql_update =
	"UPDATE initiatives SET title = ?, why = ?, mode = ?, updated_at = ?, data_behind = ?, goals = ?, questions = ?"
	" WHERE district_id = ? AND id = ?";
static const char *const sql_list =
	"SELECT " COLS " FROM initiatives WHERE district_id = ? ORDER BY created_at DESC, id DESC";
static const char *const sql_count = "SELECT COUNT(*) FROM initiatives WHERE district_id = ?";
static const char *const sql_titles = "SELECT title FROM initiatives WHERE district_id = ? ORDER BY title, id";

static const struct db_col row_cols[] = {
	DB_INT_COL(struct initiative, id),
	DB_INT_COL(struct initiative, district_id),
	DB_TEXT_COL(struct initiative, title),
	DB_TEXT_COL(struct initiative, why),
	DB_TEXT_COL(struct initiative, mode),
	DB_INT_COL(struct initiative, created_at),
	DB_INT_COL(struct initiative, updated_at),
	DB_TEXT_COL(struct initiative, data_behind),
	DB_TEXT_COL(struct initiative, goals),
	DB_TEXT_COL(struct initiative, questions),
	DB_COLS_END,
};

static const char *nz(const char *s)
{
	return s ? s : "";
}

int initiative_store_add(struct db *db, struct initiative *in, struct err *e)
{
	in->created_at = in->updated_at = time(NULL);
	return db_run_int(db, sql_add, e, &in->id, DB_ARGS(db_int(in->district_id), db_text(in->title),
			db_text(in->why), db_text(in->mode), db_int(in->created_at), db_int(in->updated_at),
			db_text(nz(in->data_behind)), db_text(nz(in->goals)), db_text(nz(in->questions))));
}

int initiative_store_get(struct db *db, struct arena *a, int64_t district_id, int64_t id,
                         struct initiative *in, struct err *e)
{
	return db_one_cols(db_query(db, sql_get, e, DB_ARGS(db_int(district_id), db_int(id))), a, row_cols, in, "No such initiative.", e);
}

int initiative_store_update(struct db *db, struct initiative *in, struct err *e)
{
	int64_t n = 0;
	in->updated_at = time(NULL);
	int rc = db_run(db, sql_update, e, &n, DB_ARGS(db_text(in->title), db_text(in->why),
			db_text(in->mode), db_int(in->updated_at), db_text(nz(in->data_behind)),
			db_text(nz(in->goals)), db_text(nz(in->questions)), db_int(in->district_id),
			db_int(in->id)));
	return rc == 0 && n == 0 ? err_set(e, ERR_NOTFOUND, NULL, "No such initiative.") : rc;
}

int initiative_store_list(struct db *db, struct arena *a, int64_t district_id, struct initiative **out,
                          size_t *n, struct err *e)
{
	return db_all_cols(db_query(db, sql_list, e, DB_ARGS(db_int(district_id))), a, row_cols, sizeof(**out), out, n, e);
}

int initiative_store_count(struct db *db, int64_t district_id, int64_t *n, struct err *e)
{
	return db_run_int(db, sql_count, e, n, DB_ARGS(db_int(district_id)));
}

static void text_row(struct db_stmt *st, struct arena *a, void *out)
{
	*(const char **)out = db_col_dup(st, a, 0);
}

int initiative_store_titles(struct db *db, struct arena *a, int64_t district_id, const char ***out, size_t *n,
                            struct err *e)
{
	return db_all(db_query(db, sql_titles, e, DB_ARGS(db_int(district_id))), a, text_row, sizeof(**out), out, n,
	              e);
}

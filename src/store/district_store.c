#include "store/district_store.h"

#include <time.h>

#define COLS "id, slug, name, timezone, languages, created_at"
static const char *const sql_add =
	"INSERT INTO districts (slug, name, timezone, languages, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id";
static const char *const sql_by_slug = "SELECT " COLS " FROM districts WHERE slug = ?";
static const char *const sql_by_id = "SELECT " COLS " FROM districts WHERE id = ?";
static const char *const sql_update =
	"UPDATE districts SET name = ?, timezone = ?, languages = ? WHERE id = ?";
static const char *const sql_list = "SELECT " COLS " FROM districts ORDER BY slug";

static const struct db_col row_cols[] = {
	DB_INT_COL(struct district, id),
	DB_TEXT_COL(struct district, slug),
	DB_TEXT_COL(struct district, name),
	DB_TEXT_COL(struct district, timezone),
	DB_TEXT_COL(struct district, languages),
	DB_INT_COL(struct district, created_at),
	DB_COLS_END,
};

int district_store_add(struct db *db, struct district *d, struct err *e)
{
	if (!d->created_at)
		d->created_at = time(NULL);
	int rc = db_run_int(db, sql_add, e, &d->id, DB_ARGS(db_text(d->slug), db_text(d->name),
			db_text(d->timezone), db_text(d->languages), db_int(d->created_at)));
	if (rc == ERR_CONFLICT)
		return err_set(e, ERR_CONFLICT, "slug", "A district with the short name \"%s\" already exists.", d->slug);
	return rc;
}

int district_store_by_slug(struct db *db, struct arena *a, const char *slug, struct district *d, struct err *e)
{
	return db_one_cols(db_query(db, sql_by_slug, e, DB_ARGS(db_text(slug))), a, row_cols, d, "No such district.", e);
}

int district_store_by_id(struct db *db, struct arena *a, int64_t id, struct district *d, struct err *e)
{
	return db_one_cols(db_query(db, sql_by_id, e, DB_ARGS(db_int(id))), a, row_cols, d, "No such district.", e);
}

int district_store_update(struct db *db, const struct district *d, struct err *e)
{
	int64_t n = 0;
	int rc = db_run(db, sql_update, e, &n, DB_ARGS(db_text(d->name), db_text(d->timezone),
			db_text(d->languages), db_int(d->id)));
	if (rc == 0 && n == 0)
		rc = err_set(e, ERR_NOTFOUND, NULL, "No such district.");
	return rc;
}

int district_store_list(struct db *db, struct arena *a, struct district **out, size_t *n, struct err *e)
{
	return db_all_cols(db_query(db, sql_list, e, DB_NONE), a, row_cols, sizeof(**out), out, n, e);
}

#include "store/sponsor_store.h"

#include <time.h>

static const char *const sql_sponsor_add =
	"INSERT INTO sponsors (district_id, initiative_id, name, organization, contributed, recruited, created_at)"
	" VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id";
static const char *const sql_sponsor_list =
	"SELECT id, district_id, initiative_id, name, organization, contributed, recruited, created_at FROM sponsors"
	" WHERE district_id = ? AND initiative_id = ? ORDER BY recruited DESC, name";
static const char *const sql_sponsor_orgs =
	"SELECT DISTINCT organization FROM sponsors WHERE district_id = ? AND organization <> '' ORDER BY 1";

static const struct db_col sponsor_cols[] = {
	DB_INT_COL(struct sponsor, id),
	DB_INT_COL(struct sponsor, district_id),
	DB_INT_COL(struct sponsor, initiative_id),
	DB_TEXT_COL(struct sponsor, name),
	DB_TEXT_COL(struct sponsor, organization),
	DB_TEXT_COL(struct sponsor, contributed),
	DB_INT_COL(struct sponsor, recruited),
	DB_INT_COL(struct sponsor, created_at),
	DB_COLS_END,
};

int sponsor_store_add(struct db *db, struct sponsor *s, struct err *e)
{
	s->created_at = time(NULL);
	return db_run_int(db, sql_sponsor_add, e, &s->id, DB_ARGS(db_int(s->district_id),
			db_int(s->initiative_id), db_text(s->name), db_text(s->organization),
			db_text(s->contributed), db_int(s->recruited), db_int(s->created_at)));
}

int sponsor_store_list(struct db *db, struct arena *a, int64_t district_id, int64_t initiative_id,
                       struct sponsor **out, size_t *n, struct err *e)
{
	return db_all_cols(db_query(db, sql_sponsor_list, e, DB_ARGS(db_int(district_id), db_int(initiative_id))), a, sponsor_cols,
	              sizeof(**out), out, n, e);
}

static void text_row(struct db_stmt *st, struct arena *a, void *out)
{
	*(const char **)out = db_col_dup(st, a, 0);
}

int sponsor_store_organizations(struct db *db, struct arena *a, int64_t district_id, const char ***out, size_t *n,
                                struct err *e)
{
	return db_all(db_query(db, sql_sponsor_orgs, e, DB_ARGS(db_int(district_id))), a, text_row, sizeof(**out),
	              out, n, e);
}

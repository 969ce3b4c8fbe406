#include "store/group_store.h"

#include <time.h>

#define GCOLS "id, district_id, name, kind, description, created_at"
static const char *const sql_group_add =
	"INSERT INTO stakeholder_groups (district_id, name, kind, description, created_at) VALUES (?, ?, ?, ?, ?)"
	" RETURNING id";
static const char *const sql_group_list =
	"SELECT " GCOLS " FROM stakeholder_groups WHERE district_id = ? ORDER BY name";
static const char *const sql_group_get = "SELECT " GCOLS " FROM stakeholder_groups WHERE district_id = ? AND id = ?";

static const struct db_col group_cols[] = {
	DB_INT_COL(struct group, id),
	DB_INT_COL(struct group, district_id),
	DB_TEXT_COL(struct group, name),
	DB_TEXT_COL(struct group, kind),
	DB_TEXT_COL(struct group, description),
	DB_INT_COL(struct group, created_at),
	DB_COLS_END,
};

int group_store_add(struct db *db, struct group *g, struct err *e)
{
	g->created_at = time(NULL);
	int rc = db_run_int(db, sql_group_add, e, &g->id, DB_ARGS(db_int(g->district_id), db_text(g->name),
			db_text(g->kind), db_text(g->description ? g->description : ""),
			db_int(g->created_at)));
	if (rc == ERR_CONFLICT)
		return err_set(e, ERR_CONFLICT, "name", "There is already a group called \"%s\".", g->name);
	return rc;
}

int group_store_list(struct db *db, struct arena *a, int64_t district_id, struct group **out, size_t *n,
                     struct err *e)
{
	return db_all_cols(db_query(db, sql_group_list, e, DB_ARGS(db_int(district_id))), a, group_cols, sizeof(**out), out, n, e);
}

int group_store_get(struct db *db, struct arena *a, int64_t district_id, int64_t id, struct group *g,
                    struct err *e)
{
	return db_one_cols(db_query(db, sql_group_get, e, DB_ARGS(db_int(district_id), db_int(id))), a, group_cols, g, "No such group.", e);
}

#include "store/action_store.h"

#include <time.h>

#define ACOLS                                                                                              \
	"a.id, a.district_id, a.initiative_id, COALESCE(a.code_id, 0), a.title, a.description, a.owner, a.due_on," \
	" a.status, a.reason, a.progress, COALESCE(a.created_by, 0), a.created_at, a.updated_at"
static const char *const sql_add =
	"INSERT INTO actions (district_id, initiative_id, code_id, title, description, owner, due_on, status, reason,"
	" progress, created_by, created_at, updated_at)"
	" VALUES (?, ?, NULLIF(?, 0), ?, ?, ?, ?, ?, ?, ?, NULLIF(?, 0), ?, ?) RETURNING id";
static const char *const sql_update =
	"UPDATE actions SET initiative_id = ?, code_id = NULLIF(?, 0), title = ?, description = ?, owner = ?, due_on = ?, status = ?,"
	" reason = ?, progress = ?, updated_at = ? WHERE district_id = ? AND id = ?";
static const char *const sql_get = "SELECT " ACOLS " FROM actions a WHERE a.district_id = ? AND a.id = ?";
static const char *const sql_list =
	"SELECT " ACOLS " FROM actions a LEFT JOIN codes c ON c.id = a.code_id"
	" WHERE a.district_id = ? AND (? = 0 OR a.initiative_id = ?)"
	" ORDER BY c.name IS NULL, c.name,"
	" CASE a.status WHEN 'in_progress' THEN 0 WHEN 'planned' THEN 1 WHEN 'done' THEN 2 ELSE 3 END,"
	" a.due_on = '', a.due_on, a.id";

int action_store_add(struct db *db, struct action *a, struct err *e)
{
	a->created_at = a->updated_at = time(NULL);
	return db_run_int(db, sql_add, e, &a->id, DB_ARGS(db_int(a->district_id), db_int(a->initiative_id),
			db_int(a->code_id), db_text(a->title), db_text(a->description), db_text(a->owner),
			db_text(a->due_on), db_text(a->status), db_text(a->reason), db_int(a->progress),
			db_int(a->created_by), db_int(a->created_at), db_int(a->updated_at)));
}

int action_store_update(struct db *db, const struct action *a, struct err *e)
{
	int64_t changed = 0;
	int rc = db_run(db, sql_update, e, &changed, DB_ARGS(db_int(a->initiative_id), db_int(a->code_id),
			db_text(a->title), db_text(a->description), db_text(a->owner), db_text(a->due_on),
			db_text(a->status), db_text(a->reason), db_int(a->progress),
			db_int((int64_t)time(NULL)), db_int(a->district_id), db_int(a->id)));
	return rc == 0 && changed == 0 ? err_set(e, ERR_NOTFOUND, NULL, "There is no such action.") : rc;
}

static const struct db_col action_cols[] = {
	DB_INT_COL(struct action, id),
	DB_INT_COL(struct action, district_id),
	DB_INT_COL(struct action, initiative_id),
	DB_INT_COL(struct action, code_id),
	DB_TEXT_COL(struct action, title),
	DB_TEXT_COL(struct action, description),
	DB_TEXT_COL(struct action, owner),
	DB_TEXT_COL(struct action, due_on),
	DB_TEXT_COL(struct action, status),
	DB_TEXT_COL(struct action, reason),
	DB_INT_COL(struct action, progress),
	DB_INT_COL(struct action, created_by),
	DB_INT_COL(struct action, created_at),
	DB_INT_COL(struct action, updated_at),
	DB_COLS_END,
};

int action_store_get(struct db *db, struct arena *ar, int64_t district_id, int64_t id, struct action *a,
                     struct err *e)
{
	return db_one_cols(db_query(db, sql_get, e, DB_ARGS(db_int(district_id), db_int(id))), ar, action_cols, a, "There is no such action.", e);
}

int action_store_list(struct db *db, struct arena *ar, int64_t district_id, int64_t initiative_id,
                      struct action **out, size_t *n, struct err *e)
{
	return db_all_cols(db_query(db, sql_list, e, DB_ARGS(db_int(district_id), db_int(initiative_id),
			db_int(initiative_id))), ar, action_cols,
	              sizeof(**out), out, n, e);
}

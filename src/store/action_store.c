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

static void action_row(struct db_stmt *st, struct arena *ar, void *out)
{
	struct action *a = out;
	int i = 0;
	a->id = db_col_int(st, i++);
	a->district_id = db_col_int(st, i++);
	a->initiative_id = db_col_int(st, i++);
	a->code_id = db_col_int(st, i++);
	a->title = db_col_dup(st, ar, i++);
	a->description = db_col_dup(st, ar, i++);
	a->owner = db_col_dup(st, ar, i++);
	a->due_on = db_col_dup(st, ar, i++);
	a->status = db_col_dup(st, ar, i++);
	a->reason = db_col_dup(st, ar, i++);
	a->progress = db_col_int(st, i++);
	a->created_by = db_col_int(st, i++);
	a->created_at = db_col_int(st, i++);
	a->updated_at = db_col_int(st, i++);
}

int action_store_get(struct db *db, struct arena *ar, int64_t district_id, int64_t id, struct action *a,
                     struct err *e)
{
	return db_one(db_query(db, sql_get, e, DB_ARGS(db_int(district_id), db_int(id))), ar, action_row, a, "There is no such action.", e);
}

int action_store_list(struct db *db, struct arena *ar, int64_t district_id, int64_t initiative_id,
                      struct action **out, size_t *n, struct err *e)
{
	return db_all(db_query(db, sql_list, e, DB_ARGS(db_int(district_id), db_int(initiative_id),
			db_int(initiative_id))), ar, action_row,
	              sizeof(**out), out, n, e);
}

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
static const char *const sql_update_add =
	"INSERT INTO action_updates (district_id, action_id, body, status, progress, author_id, created_at)"
	" VALUES (?, ?, ?, ?, ?, NULLIF(?, 0), ?) RETURNING id";
static const char *const sql_update_list =
	"SELECT id, district_id, action_id, body, status, progress, COALESCE(author_id, 0), created_at"
	" FROM action_updates WHERE district_id = ? AND (? = 0 OR action_id = ?) ORDER BY created_at DESC, id DESC";
static const char *const sql_theme_public =
	"UPDATE codes SET public_description = ? WHERE district_id = ? AND id = ?";
static const char *const sql_theme_with_actions =
	"SELECT c.id, c.initiative_id, c.name, c.colour, c.public_description FROM codes c"
	" WHERE c.district_id = ? AND EXISTS (SELECT 1 FROM actions a WHERE a.code_id = c.id) ORDER BY c.name, c.id";

int action_store_add(struct db *db, struct action *a, struct err *e)
{
	a->created_at = a->updated_at = time(NULL);
	return db_run_int(db, sql_add, e, &a->id, "iiittttttiiii", a->district_id, a->initiative_id, a->code_id,
	                  a->title, a->description, a->owner, a->due_on, a->status, a->reason, a->progress,
	                  a->created_by, a->created_at, a->updated_at);
}

int action_store_update(struct db *db, const struct action *a, struct err *e)
{
	int64_t changed = 0;
	int rc = db_run(db, sql_update, e, &changed, "iittttttiiii", a->initiative_id, a->code_id, a->title, a->description, a->owner,
	                a->due_on, a->status, a->reason, a->progress, (int64_t)time(NULL), a->district_id, a->id);
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
	a->title = arena_strdup(ar, db_col_text(st, i++));
	a->description = arena_strdup(ar, db_col_text(st, i++));
	a->owner = arena_strdup(ar, db_col_text(st, i++));
	a->due_on = arena_strdup(ar, db_col_text(st, i++));
	a->status = arena_strdup(ar, db_col_text(st, i++));
	a->reason = arena_strdup(ar, db_col_text(st, i++));
	a->progress = db_col_int(st, i++);
	a->created_by = db_col_int(st, i++);
	a->created_at = db_col_int(st, i++);
	a->updated_at = db_col_int(st, i++);
}

int action_store_get(struct db *db, struct arena *ar, int64_t district_id, int64_t id, struct action *a,
                     struct err *e)
{
	return db_one(db_query(db, sql_get, e, "ii", district_id, id), ar, action_row, a, "There is no such action.", e);
}

int action_store_list(struct db *db, struct arena *ar, int64_t district_id, int64_t initiative_id,
                      struct action **out, size_t *n, struct err *e)
{
	return db_all(db_query(db, sql_list, e, "iii", district_id, initiative_id, initiative_id), ar, action_row,
	              sizeof(**out), out, n, e);
}

int action_update_store_add(struct db *db, struct action_update *u, struct err *e)
{
	u->created_at = time(NULL);
	return db_run_int(db, sql_update_add, e, &u->id, "iittiii", u->district_id, u->action_id, u->body, u->status,
	                  u->progress, u->author_id, u->created_at);
}

static void update_row(struct db_stmt *st, struct arena *ar, void *out)
{
	struct action_update *u = out;
	u->id = db_col_int(st, 0);
	u->district_id = db_col_int(st, 1);
	u->action_id = db_col_int(st, 2);
	u->body = arena_strdup(ar, db_col_text(st, 3));
	u->status = arena_strdup(ar, db_col_text(st, 4));
	u->progress = db_col_int(st, 5);
	u->author_id = db_col_int(st, 6);
	u->created_at = db_col_int(st, 7);
}

int action_update_store_list(struct db *db, struct arena *ar, int64_t district_id, int64_t action_id,
                             struct action_update **out, size_t *n, struct err *e)
{
	return db_all(db_query(db, sql_update_list, e, "iii", district_id, action_id, action_id), ar, update_row,
	              sizeof(**out), out, n, e);
}

int theme_store_set_public(struct db *db, int64_t district_id, int64_t code_id, const char *text, struct err *e)
{
	int64_t changed = 0;
	int rc = db_run(db, sql_theme_public, e, &changed, "tii", text, district_id, code_id);
	return rc == 0 && changed == 0 ? err_set(e, ERR_NOTFOUND, "code_id", "There is no such theme.") : rc;
}

static void theme_row(struct db_stmt *st, struct arena *ar, void *out)
{
	struct public_theme *t = out;
	t->code_id = db_col_int(st, 0);
	t->initiative_id = db_col_int(st, 1);
	t->name = arena_strdup(ar, db_col_text(st, 2));
	t->colour = arena_strdup(ar, db_col_text(st, 3));
	t->public_description = arena_strdup(ar, db_col_text(st, 4));
}

int theme_store_with_actions(struct db *db, struct arena *ar, int64_t district_id, struct public_theme **out,
                             size_t *n, struct err *e)
{
	return db_all(db_query(db, sql_theme_with_actions, e, "i", district_id), ar, theme_row, sizeof(**out), out, n,
	              e);
}

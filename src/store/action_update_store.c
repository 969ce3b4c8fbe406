#include "store/action_update_store.h"

#include <time.h>

static const char *const sql_update_add =
	"INSERT INTO action_updates (district_id, action_id, body, status, progress, author_id, created_at)"
	" VALUES (?, ?, ?, ?, ?, NULLIF(?, 0), ?) RETURNING id";
static const char *const sql_update_list =
	"SELECT id, district_id, action_id, body, status, progress, COALESCE(author_id, 0), created_at"
	" FROM action_updates WHERE district_id = ? AND (? = 0 OR action_id = ?) ORDER BY created_at DESC, id DESC";

int action_update_store_add(struct db *db, struct action_update *u, struct err *e)
{
	u->created_at = time(NULL);
	return db_run_int(db, sql_update_add, e, &u->id, DB_ARGS(db_int(u->district_id),
			db_int(u->action_id), db_text(u->body), db_text(u->status), db_int(u->progress),
			db_int(u->author_id), db_int(u->created_at)));
}

static const struct db_col update_cols[] = {
	DB_INT_COL(struct action_update, id),
	DB_INT_COL(struct action_update, district_id),
	DB_INT_COL(struct action_update, action_id),
	DB_TEXT_COL(struct action_update, body),
	DB_TEXT_COL(struct action_update, status),
	DB_INT_COL(struct action_update, progress),
	DB_INT_COL(struct action_update, author_id),
	DB_INT_COL(struct action_update, created_at),
	DB_COLS_END,
};

int action_update_store_list(struct db *db, struct arena *ar, int64_t district_id, int64_t action_id,
                             struct action_update **out, size_t *n, struct err *e)
{
	return db_all_cols(db_query(db, sql_update_list, e, DB_ARGS(db_int(district_id), db_int(action_id),
			db_int(action_id))), ar, update_cols,
	              sizeof(**out), out, n, e);
}

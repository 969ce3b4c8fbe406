#include "store/audit_store.h"

#include <time.h>

static const char *const sql_add =
	"INSERT INTO audit_log (district_id, user_id, actor, action, detail, ip, at) VALUES (?, ?, ?, ?, ?, ?, ?)";
static const char *const sql_recent =
	"SELECT id, COALESCE(district_id, 0), COALESCE(user_id, 0), actor, action, detail, ip, at"
	" FROM audit_log WHERE district_id = ? ORDER BY at DESC, id DESC LIMIT ?";

int audit_store_add(struct db *db, const struct audit_entry *ev, struct err *e)
{
	struct db_stmt *st = db_prepare(db, sql_add, e);
	if (!st)
		return ERR_FAIL;
	if (ev->district_id)
		db_bind_int(st, 1, ev->district_id);
	else
		db_bind_null(st, 1);
	if (ev->user_id)
		db_bind_int(st, 2, ev->user_id);
	else
		db_bind_null(st, 2);
	db_bind_text(st, 3, ev->actor ? ev->actor : "");
	db_bind_text(st, 4, ev->action);
	db_bind_text(st, 5, ev->detail ? ev->detail : "");
	db_bind_text(st, 6, ev->ip ? ev->ip : "");
	db_bind_int(st, 7, ev->at ? ev->at : (int64_t)time(NULL));
	int rc = db_step(st, e);
	db_reset(st);
	return rc < 0 ? rc : 0;
}

static void row(struct db_stmt *st, struct arena *a, void *out)
{
	struct audit_entry *ev = out;
	ev->id = db_col_int(st, 0);
	ev->district_id = db_col_int(st, 1);
	ev->user_id = db_col_int(st, 2);
	ev->actor = arena_strdup(a, db_col_text(st, 3));
	ev->action = arena_strdup(a, db_col_text(st, 4));
	ev->detail = arena_strdup(a, db_col_text(st, 5));
	ev->ip = arena_strdup(a, db_col_text(st, 6));
	ev->at = db_col_int(st, 7);
}

int audit_store_recent(struct db *db, struct arena *a, int64_t district_id, int limit,
                       struct audit_entry **out, size_t *n, struct err *e)
{
	return db_all(db_query(db, sql_recent, e, "ii", district_id, (int64_t)limit), a, row, sizeof(**out), out, n,
	              e);
}

#include "store/audit_store.h"

#include <time.h>

static const char *const sql_add =
	"INSERT INTO audit_log (district_id, user_id, actor, action, detail, ip, at) VALUES (?, ?, ?, ?, ?, ?, ?)";
static const char *const sql_recent =
	"SELECT id, COALESCE(district_id, 0), COALESCE(user_id, 0), actor, action, detail, ip, at"
	" FROM audit_log WHERE district_id = ? ORDER BY at DESC, id DESC LIMIT ?";

int audit_store_add(struct db *db, const struct audit_entry *ev, struct err *e)
{
	struct db_val district = ev->district_id ? db_int(ev->district_id) : db_null();
	struct db_val user = ev->user_id ? db_int(ev->user_id) : db_null();
	return db_run(db, sql_add, e, NULL,
	              DB_ARGS(district, user, db_text(ev->actor ? ev->actor : ""), db_text(ev->action),
	                      db_text(ev->detail ? ev->detail : ""), db_text(ev->ip ? ev->ip : ""),
	                      db_int(ev->at ? ev->at : (int64_t)time(NULL))));
}

static const struct db_col row_cols[] = {
	DB_INT_COL(struct audit_entry, id),
	DB_INT_COL(struct audit_entry, district_id),
	DB_INT_COL(struct audit_entry, user_id),
	DB_TEXT_COL(struct audit_entry, actor),
	DB_TEXT_COL(struct audit_entry, action),
	DB_TEXT_COL(struct audit_entry, detail),
	DB_TEXT_COL(struct audit_entry, ip),
	DB_INT_COL(struct audit_entry, at),
	DB_COLS_END,
};

int audit_store_recent(struct db *db, struct arena *a, int64_t district_id, int limit,
                       struct audit_entry **out, size_t *n, struct err *e)
{
	return db_all_cols(db_query(db, sql_recent, e, DB_ARGS(db_int(district_id), db_int(limit))), a, row_cols, sizeof(**out), out, n,
	              e);
}

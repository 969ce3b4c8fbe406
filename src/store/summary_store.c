#include "store/summary_store.h"

#include <time.h>

static const char *const sql_summary_get =
	"SELECT id, district_id, initiative_id, audience, markdown, COALESCE(updated_by, 0), updated_at,"
	" COALESCE(approved_by, 0), approved_at FROM summaries"
	" WHERE district_id = ? AND initiative_id = ? AND audience = ?";
static const char *const sql_summary_save =
	"INSERT INTO summaries (district_id, initiative_id, audience, markdown, updated_by, updated_at)"
	" VALUES (?, ?, ?, ?, NULLIF(?, 0), ?) ON CONFLICT (initiative_id, audience) DO UPDATE SET"
	" markdown = excluded.markdown, updated_by = excluded.updated_by, updated_at = excluded.updated_at,"
	" approved_by = NULL, approved_at = 0 RETURNING id";
static const char *const sql_summary_redact =
	"UPDATE summaries SET markdown = ?, updated_by = NULLIF(?, 0), updated_at = ? WHERE district_id = ? AND id = ?";
static const char *const sql_summary_approve =
	"UPDATE summaries SET approved_by = NULLIF(?, 0), approved_at = ? WHERE district_id = ? AND id = ?";

static const struct db_col summary_cols[] = {
	DB_INT_COL(struct summary, id),
	DB_INT_COL(struct summary, district_id),
	DB_INT_COL(struct summary, initiative_id),
	DB_TEXT_COL(struct summary, audience),
	DB_TEXT_COL(struct summary, markdown),
	DB_INT_COL(struct summary, updated_by),
	DB_INT_COL(struct summary, updated_at),
	DB_INT_COL(struct summary, approved_by),
	DB_INT_COL(struct summary, approved_at),
	DB_COLS_END,
};

int summary_store_get(struct db *db, struct arena *a, int64_t district_id, int64_t initiative_id,
                      const char *audience, struct summary *s, struct err *e)
{
	return db_one_cols(db_query(db, sql_summary_get, e, DB_ARGS(db_int(district_id), db_int(initiative_id),
			db_text(audience))), a, summary_cols, s,
	              "No summary has been saved yet.", e);
}

int summary_store_save(struct db *db, struct summary *s, struct err *e)
{
	s->updated_at = time(NULL);
	s->approved_by = s->approved_at = 0;
	return db_run_int(db, sql_summary_save, e, &s->id, DB_ARGS(db_int(s->district_id),
			db_int(s->initiative_id), db_text(s->audience), db_text(s->markdown),
			db_int(s->updated_by), db_int(s->updated_at)));
}

static int changed_one(int rc, int64_t changed, struct err *e)
{
	return rc == 0 && changed == 0 ? err_set(e, ERR_NOTFOUND, NULL, "No summary has been saved yet.") : rc;
}

int summary_store_redact(struct db *db, int64_t district_id, int64_t id, const char *markdown, int64_t user_id,
                         struct err *e)
{
	int64_t changed = 0;
	int rc = db_run(db, sql_summary_redact, e, &changed, DB_ARGS(db_text(markdown), db_int(user_id),
			db_int((int64_t)time(NULL)), db_int(district_id), db_int(id)));
	return changed_one(rc, changed, e);
}

int summary_store_approve(struct db *db, int64_t district_id, int64_t id, int64_t user_id, int64_t at,
                          struct err *e)
{
	int64_t changed = 0;
	int rc = db_run(db, sql_summary_approve, e, &changed, DB_ARGS(db_int(user_id), db_int(at),
			db_int(district_id), db_int(id)));
	return changed_one(rc, changed, e);
}

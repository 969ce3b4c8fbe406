#include "store/summary_store.h"

#include <time.h>

static const char *const sql_summary_get =
	"SELECT id, district_id, initiative_id, audience, markdown, COALESCE(updated_by, 0), updated_at FROM summaries"
	" WHERE district_id = ? AND initiative_id = ? AND audience = ?";
static const char *const sql_summary_save =
	"INSERT INTO summaries (district_id, initiative_id, audience, markdown, updated_by, updated_at)"
	" VALUES (?, ?, ?, ?, NULLIF(?, 0), ?) ON CONFLICT (initiative_id, audience) DO UPDATE SET"
	" markdown = excluded.markdown, updated_by = excluded.updated_by, updated_at = excluded.updated_at";

static const struct db_col summary_cols[] = {
	DB_INT_COL(struct summary, id),
	DB_INT_COL(struct summary, district_id),
	DB_INT_COL(struct summary, initiative_id),
	DB_TEXT_COL(struct summary, audience),
	DB_TEXT_COL(struct summary, markdown),
	DB_INT_COL(struct summary, updated_by),
	DB_INT_COL(struct summary, updated_at),
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
	return db_run(db, sql_summary_save, e, NULL, DB_ARGS(db_int(s->district_id),
			db_int(s->initiative_id), db_text(s->audience), db_text(s->markdown),
			db_int(s->updated_by), db_int(s->updated_at)));
}

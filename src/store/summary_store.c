#include "store/summary_store.h"

#include <time.h>

static const char *const sql_summary_get =
	"SELECT id, district_id, initiative_id, audience, markdown, COALESCE(updated_by, 0), updated_at FROM summaries"
	" WHERE district_id = ? AND initiative_id = ? AND audience = ?";
static const char *const sql_summary_save =
	"INSERT INTO summaries (district_id, initiative_id, audience, markdown, updated_by, updated_at)"
	" VALUES (?, ?, ?, ?, NULLIF(?, 0), ?) ON CONFLICT (initiative_id, audience) DO UPDATE SET"
	" markdown = excluded.markdown, updated_by = excluded.updated_by, updated_at = excluded.updated_at";

static void summary_row(struct db_stmt *st, struct arena *a, void *out)
{
	struct summary *s = out;
	s->id = db_col_int(st, 0);
	s->district_id = db_col_int(st, 1);
	s->initiative_id = db_col_int(st, 2);
	s->audience = db_col_dup(st, a, 3);
	s->markdown = db_col_dup(st, a, 4);
	s->updated_by = db_col_int(st, 5);
	s->updated_at = db_col_int(st, 6);
}

int summary_store_get(struct db *db, struct arena *a, int64_t district_id, int64_t initiative_id,
                      const char *audience, struct summary *s, struct err *e)
{
	return db_one(db_query(db, sql_summary_get, e, DB_ARGS(db_int(district_id), db_int(initiative_id),
			db_text(audience))), a, summary_row, s,
	              "No summary has been saved yet.", e);
}

int summary_store_save(struct db *db, struct summary *s, struct err *e)
{
	s->updated_at = time(NULL);
	return db_run(db, sql_summary_save, e, NULL, DB_ARGS(db_int(s->district_id),
			db_int(s->initiative_id), db_text(s->audience), db_text(s->markdown),
			db_int(s->updated_by), db_int(s->updated_at)));
}

#include "store/sponsor_store.h"

#include <time.h>

static const char *const sql_sponsor_add =
	"INSERT INTO sponsors (district_id, initiative_id, name, organization, contributed, recruited, created_at)"
	" VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id";
static const char *const sql_sponsor_list =
	"SELECT id, district_id, initiative_id, name, organization, contributed, recruited, created_at FROM sponsors"
	" WHERE district_id = ? AND initiative_id = ? ORDER BY recruited DESC, name";

static void sponsor_row(struct db_stmt *st, struct arena *a, void *out)
{
	struct sponsor *s = out;
	s->id = db_col_int(st, 0);
	s->district_id = db_col_int(st, 1);
	s->initiative_id = db_col_int(st, 2);
	s->name = db_col_dup(st, a, 3);
	s->organization = db_col_dup(st, a, 4);
	s->contributed = db_col_dup(st, a, 5);
	s->recruited = db_col_int(st, 6);
	s->created_at = db_col_int(st, 7);
}

int sponsor_store_add(struct db *db, struct sponsor *s, struct err *e)
{
	s->created_at = time(NULL);
	return db_run_int(db, sql_sponsor_add, e, &s->id, DB_ARGS(db_int(s->district_id),
			db_int(s->initiative_id), db_text(s->name), db_text(s->organization),
			db_text(s->contributed), db_int(s->recruited), db_int(s->created_at)));
}

int sponsor_store_list(struct db *db, struct arena *a, int64_t district_id, int64_t initiative_id,
                       struct sponsor **out, size_t *n, struct err *e)
{
	return db_all(db_query(db, sql_sponsor_list, e, DB_ARGS(db_int(district_id), db_int(initiative_id))), a, sponsor_row,
	              sizeof(**out), out, n, e);
}

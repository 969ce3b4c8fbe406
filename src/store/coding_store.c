#include "store/coding_store.h"

#include <time.h>

static const char *const sql_coding_add =
	"INSERT INTO codings (district_id, code_id, excerpt_kind, excerpt_id, span_start, span_end, coder_id, created_at)"
	" VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
	" ON CONFLICT (code_id, excerpt_kind, excerpt_id, span_start, span_end, coder_id) DO NOTHING RETURNING id";
static const char *const sql_coding_find =
	"SELECT id FROM codings WHERE code_id = ? AND excerpt_kind = ? AND excerpt_id = ? AND span_start = ?"
	" AND span_end = ? AND coder_id = ?";
static const char *const sql_coding_delete = "DELETE FROM codings WHERE district_id = ? AND id = ?";
static const char *const sql_confirm_drop =
	"DELETE FROM codings WHERE district_id = ? AND code_id = ? AND coder_id = 0 AND EXISTS (SELECT 1 FROM codings o"
	" WHERE o.code_id = codings.code_id AND o.excerpt_kind = codings.excerpt_kind AND o.excerpt_id = codings.excerpt_id"
	" AND o.span_start = codings.span_start AND o.span_end = codings.span_end AND o.coder_id = ?)";
static const char *const sql_confirm =
	"UPDATE codings SET coder_id = ? WHERE district_id = ? AND code_id = ? AND coder_id = 0";
static const char *const sql_coding_list =
	"SELECT g.id, g.district_id, g.code_id, g.excerpt_kind, g.excerpt_id, g.span_start, g.span_end, g.coder_id,"
	" g.created_at FROM codings g JOIN codes c ON c.id = g.code_id"
	" WHERE g.district_id = ? AND c.initiative_id = ? ORDER BY g.excerpt_kind, g.excerpt_id, g.span_start, g.id";
static const char *const sql_coding_of_excerpt =
	"SELECT id, district_id, code_id, excerpt_kind, excerpt_id, span_start, span_end, coder_id, created_at"
	" FROM codings WHERE district_id = ? AND excerpt_kind = ? AND excerpt_id = ? ORDER BY id";
static const char *const sql_coding_move =
	"UPDATE codings SET span_start = ?, span_end = ? WHERE district_id = ? AND id = ?";

int coding_store_add(struct db *db, struct coding *c, int *added, struct err *e)
{
	c->created_at = time(NULL);
	*added = 0;
	int rc = db_run_int(db, sql_coding_add, e, &c->id, DB_ARGS(db_int(c->district_id),
			db_int(c->code_id), db_text(c->excerpt_kind), db_int(c->excerpt_id),
			db_int(c->start), db_int(c->end), db_int(c->coder_id), db_int(c->created_at)));
	if (rc == ERR_NOTFOUND)   /* the same coding is there already: its id */
		return db_run_int(db, sql_coding_find, e, &c->id, DB_ARGS(db_int(c->code_id),
				db_text(c->excerpt_kind), db_int(c->excerpt_id), db_int(c->start),
				db_int(c->end), db_int(c->coder_id)));
	*added = rc == 0;
	return rc;
}

int coding_store_delete(struct db *db, int64_t district_id, int64_t id, struct err *e)
{
	int64_t changed = 0;
	int rc = db_run(db, sql_coding_delete, e, &changed, DB_ARGS(db_int(district_id), db_int(id)));
	return rc == 0 && changed == 0 ? err_set(e, ERR_NOTFOUND, NULL, "There is no such coding.") : rc;
}

int coding_store_confirm(struct db *db, int64_t district_id, int64_t code_id, int64_t coder_id, int64_t *changed,
                         struct err *e)
{
	int rc = db_begin(db, e);
	if (rc < 0)
		return rc;
	rc = db_run(db, sql_confirm_drop, e, NULL, DB_ARGS(db_int(district_id), db_int(code_id),
			db_int(coder_id)));
	if (rc == 0)
		rc = db_run(db, sql_confirm, e, changed, DB_ARGS(db_int(coder_id), db_int(district_id),
				db_int(code_id)));
	return db_end(db, rc, e);
}

static const struct db_col coding_cols[] = {
	DB_INT_COL(struct coding, id),
	DB_INT_COL(struct coding, district_id),
	DB_INT_COL(struct coding, code_id),
	DB_TEXT_COL(struct coding, excerpt_kind),
	DB_INT_COL(struct coding, excerpt_id),
	DB_INT_COL(struct coding, start),
	DB_INT_COL(struct coding, end),
	DB_INT_COL(struct coding, coder_id),
	DB_INT_COL(struct coding, created_at),
	DB_COLS_END,
};

int coding_store_list(struct db *db, struct arena *a, int64_t district_id, int64_t initiative_id,
                      struct coding **out, size_t *n, struct err *e)
{
	return db_all_cols(db_query(db, sql_coding_list, e, DB_ARGS(db_int(district_id), db_int(initiative_id))), a, coding_cols, sizeof(**out),
	              out, n, e);
}

int coding_store_of_excerpt(struct db *db, struct arena *a, int64_t district_id, const char *kind,
                            int64_t excerpt_id, struct coding **out, size_t *n, struct err *e)
{
	return db_all_cols(db_query(db, sql_coding_of_excerpt, e, DB_ARGS(db_int(district_id), db_text(kind),
			db_int(excerpt_id))), a, coding_cols, sizeof(**out), out, n, e);
}

int coding_store_move(struct db *db, int64_t district_id, int64_t id, int64_t start, int64_t end, struct err *e)
{
	int64_t changed = 0;
	int rc = db_run(db, sql_coding_move, e, &changed, DB_ARGS(db_int(start), db_int(end), db_int(district_id),
			db_int(id)));
	return rc == 0 && changed == 0 ? err_set(e, ERR_NOTFOUND, NULL, "There is no such coding.") : rc;
}

int coding_store_respan(struct db *db, int64_t district_id, const struct coding *cs, size_t n, struct err *e)
{
	int rc = db_begin(db, e);
	if (rc < 0)
		return rc;
	/* First to spans of their own (negative, by id), then to the new ones:
	 * moving one straight to where another still is would break the
	 * table's uniqueness half way. */
	for (size_t i = 0; rc == 0 && i < n; i++)
		rc = db_run(db, sql_coding_move, e, NULL,
		            DB_ARGS(db_int(-cs[i].id), db_int(-cs[i].id), db_int(district_id), db_int(cs[i].id)));
	for (size_t i = 0; rc == 0 && i < n; i++)
		rc = db_run(db, sql_coding_move, e, NULL,
		            DB_ARGS(db_int(cs[i].start), db_int(cs[i].end), db_int(district_id), db_int(cs[i].id)));
	return db_end(db, rc, e);
}

#include "store/code_store.h"

#include <time.h>

#define CCOLS                                                                                              \
	"c.id, c.district_id, c.initiative_id, COALESCE(c.parent_id, 0), c.name, c.description, c.colour,"   \
	" c.suggested, COALESCE(c.created_by, 0), c.created_at"
static const char *const sql_code_add =
	"INSERT INTO codes (district_id, initiative_id, parent_id, name, description, colour, suggested, created_by,"
	" created_at) VALUES (?, ?, NULLIF(?, 0), ?, ?, ?, ?, NULLIF(?, 0), ?) RETURNING id";
static const char *const sql_code_update =
	"UPDATE codes SET parent_id = NULLIF(?, 0), name = ?, description = ?, colour = ? WHERE district_id = ? AND id = ?";
static const char *const sql_code_get = "SELECT " CCOLS ", 0, 0 FROM codes c WHERE c.district_id = ? AND c.id = ?";
static const char *const sql_code_list =
	"SELECT " CCOLS ","
	" (SELECT COUNT(*) FROM codings g WHERE g.code_id = c.id AND g.coder_id <> 0),"
	" (SELECT COUNT(*) FROM codings g WHERE g.code_id = c.id AND g.coder_id = 0)"
	" FROM codes c LEFT JOIN codes p ON p.id = c.parent_id"
	" WHERE c.district_id = ? AND c.initiative_id = ?"
	" ORDER BY COALESCE(p.name, c.name), c.parent_id IS NOT NULL, c.name, c.id";
static const char *const sql_merge_move =
	"INSERT INTO codings (district_id, code_id, excerpt_kind, excerpt_id, span_start, span_end, coder_id, created_at)"
	" SELECT district_id, ?, excerpt_kind, excerpt_id, span_start, span_end, coder_id, created_at FROM codings"
	" WHERE district_id = ? AND code_id = ?"
	" ON CONFLICT (code_id, excerpt_kind, excerpt_id, span_start, span_end, coder_id) DO NOTHING";
static const char *const sql_merge_drop = "DELETE FROM codings WHERE district_id = ? AND code_id = ?";
static const char *const sql_merge_children = "UPDATE codes SET parent_id = ? WHERE district_id = ? AND parent_id = ?";
static const char *const sql_code_delete = "DELETE FROM codes WHERE district_id = ? AND id = ?";

int code_store_add(struct db *db, struct code *c, struct err *e)
{
	c->created_at = time(NULL);
	int rc = db_run_int(db, sql_code_add, e, &c->id, DB_ARGS(db_int(c->district_id),
			db_int(c->initiative_id), db_int(c->parent_id), db_text(c->name),
			db_text(c->description), db_text(c->colour), db_int(c->suggested),
			db_int(c->created_by), db_int(c->created_at)));
	if (rc == ERR_CONFLICT)
		err_set(e, rc, "name", "This initiative already has a code with that name.");
	return rc;
}

int code_store_update(struct db *db, const struct code *c, struct err *e)
{
	int64_t changed = 0;
	int rc = db_run(db, sql_code_update, e, &changed, DB_ARGS(db_int(c->parent_id), db_text(c->name),
			db_text(c->description), db_text(c->colour), db_int(c->district_id), db_int(c->id)));
	if (rc == ERR_CONFLICT)
		return err_set(e, rc, "name", "This initiative already has a code with that name.");
	if (rc == 0 && changed == 0)
		return err_set(e, ERR_NOTFOUND, NULL, "There is no such code.");
	return rc;
}

static const struct db_col code_cols[] = {
	DB_INT_COL(struct code, id),
	DB_INT_COL(struct code, district_id),
	DB_INT_COL(struct code, initiative_id),
	DB_INT_COL(struct code, parent_id),
	DB_TEXT_COL(struct code, name),
	DB_TEXT_COL(struct code, description),
	DB_TEXT_COL(struct code, colour),
	DB_BOOL_COL(struct code, suggested),
	DB_INT_COL(struct code, created_by),
	DB_INT_COL(struct code, created_at),
	DB_INT_COL(struct code, confirmed),
	DB_INT_COL(struct code, pending),
	DB_COLS_END,
};

int code_store_get(struct db *db, struct arena *a, int64_t district_id, int64_t id, struct code *c, struct err *e)
{
	return db_one_cols(db_query(db, sql_code_get, e, DB_ARGS(db_int(district_id), db_int(id))), a, code_cols, c, "There is no such code.", e);
}

int code_store_list(struct db *db, struct arena *a, int64_t district_id, int64_t initiative_id, struct code **out,
                    size_t *n, struct err *e)
{
	return db_all_cols(db_query(db, sql_code_list, e, DB_ARGS(db_int(district_id), db_int(initiative_id))), a, code_cols, sizeof(**out), out,
	              n, e);
}

int code_store_merge(struct db *db, int64_t district_id, int64_t from, int64_t into, struct err *e)
{
	int rc = db_begin(db, e);
	if (rc < 0)
		return rc;
	rc = db_run(db, sql_merge_move, e, NULL, DB_ARGS(db_int(into), db_int(district_id), db_int(from)));
	if (rc == 0)
		rc = db_run(db, sql_merge_drop, e, NULL, DB_ARGS(db_int(district_id), db_int(from)));
	if (rc == 0)
		rc = db_run(db, sql_merge_children, e, NULL, DB_ARGS(db_int(into), db_int(district_id),
				db_int(from)));
	if (rc == 0)
		rc = db_run(db, sql_code_delete, e, NULL, DB_ARGS(db_int(district_id), db_int(from)));
	return db_end(db, rc, e);
}

static const char *const sql_move_excerpt =
	"UPDATE codings SET code_id = ? WHERE district_id = ? AND code_id = ? AND excerpt_kind = ? AND excerpt_id = ?";

int code_store_move_excerpt(struct db *db, int64_t district_id, int64_t from, int64_t into, const char *kind,
                            int64_t excerpt_id, struct err *e)
{
	return db_run(db, sql_move_excerpt, e, NULL, DB_ARGS(db_int(into), db_int(district_id),
			db_int(from), db_text(kind), db_int(excerpt_id)));
}

#include "store/theme_store.h"

static const char *const sql_theme_public =
	"UPDATE codes SET public_description = ? WHERE district_id = ? AND id = ?";
static const char *const sql_theme_with_actions =
	"SELECT c.id, c.initiative_id, c.name, c.colour, c.public_description FROM codes c"
	" WHERE c.district_id = ? AND EXISTS (SELECT 1 FROM actions a WHERE a.code_id = c.id) ORDER BY c.name, c.id";

int theme_store_set_public(struct db *db, int64_t district_id, int64_t code_id, const char *text, struct err *e)
{
	int64_t changed = 0;
	int rc = db_run(db, sql_theme_public, e, &changed, DB_ARGS(db_text(text), db_int(district_id),
			db_int(code_id)));
	return rc == 0 && changed == 0 ? err_set(e, ERR_NOTFOUND, "code_id", "There is no such theme.") : rc;
}

static const struct db_col theme_cols[] = {
	DB_INT_COL(struct public_theme, code_id),
	DB_INT_COL(struct public_theme, initiative_id),
	DB_TEXT_COL(struct public_theme, name),
	DB_TEXT_COL(struct public_theme, colour),
	DB_TEXT_COL(struct public_theme, public_description),
	DB_COLS_END,
};

int theme_store_with_actions(struct db *db, struct arena *ar, int64_t district_id, struct public_theme **out,
                             size_t *n, struct err *e)
{
	return db_all_cols(db_query(db, sql_theme_with_actions, e, DB_ARGS(db_int(district_id))), ar, theme_cols, sizeof(**out), out, n,
	              e);
}

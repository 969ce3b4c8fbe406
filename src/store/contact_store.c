#include "store/contact_store.h"

#include <time.h>

#include "store/contact_row.h"

static const char *const sql_find = "SELECT id FROM contacts WHERE district_id = ? AND email = ? AND email <> ''";
static const char *const sql_add =
	"INSERT INTO contacts (district_id, name, email, phone, language, group_id, created_at)"
	" VALUES (?, ?, ?, ?, ?, NULLIF(?, 0), ?) RETURNING id";
static const char *const sql_update =
	"UPDATE contacts SET name = ?, phone = ?, language = ?, group_id = NULLIF(?, 0) WHERE district_id = ? AND id = ?";
static const char *const sql_list =
	"SELECT " CONTACT_COLS " FROM contacts c WHERE c.district_id = ? ORDER BY c.name, c.id";
static const char *const sql_count = "SELECT COUNT(*) FROM contacts WHERE district_id = ?";

static const struct db_col contact_store_cols[] = {
	DB_INT_COL(struct contact, id),
	DB_INT_COL(struct contact, district_id),
	DB_TEXT_COL(struct contact, name),
	DB_TEXT_COL(struct contact, email),
	DB_TEXT_COL(struct contact, phone),
	DB_TEXT_COL(struct contact, language),
	DB_INT_COL(struct contact, group_id),
	DB_INT_COL(struct contact, created_at),
	DB_COLS_END,
};

void contact_store_row(struct db_stmt *st, struct arena *a, void *out)
{
	db_fill(st, a, contact_store_cols, out);
}

int contact_store_upsert(struct db *db, struct contact *c, int *added, struct err *e)
{
	int64_t id = 0;
	int rc = *c->email ? db_run_int(db, sql_find, e, &id, DB_ARGS(db_int(c->district_id),
			db_text(c->email))) : ERR_NOTFOUND;
	*added = 0;
	if (rc == 0) {
		c->id = id;
		return db_run(db, sql_update, e, NULL, DB_ARGS(db_text(c->name), db_text(c->phone),
				db_text(c->language), db_int(c->group_id), db_int(c->district_id),
				db_int(c->id)));
	}
	if (rc != ERR_NOTFOUND)
		return rc;
	c->created_at = time(NULL);
	rc = db_run_int(db, sql_add, e, &c->id, DB_ARGS(db_int(c->district_id), db_text(c->name),
			db_text(c->email), db_text(c->phone), db_text(c->language), db_int(c->group_id),
			db_int(c->created_at)));
	*added = rc == 0;
	return rc;
}

int contact_store_list(struct db *db, struct arena *a, int64_t district_id, struct contact **out, size_t *n,
                       struct err *e)
{
	return db_all(db_query(db, sql_list, e, DB_ARGS(db_int(district_id))), a, contact_store_row, sizeof(**out), out, n, e);
}

int contact_store_count(struct db *db, int64_t district_id, int64_t *n, struct err *e)
{
	return db_run_int(db, sql_count, e, n, DB_ARGS(db_int(district_id)));
}

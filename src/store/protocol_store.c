#include "store/protocol_store.h"

#include <time.h>

#define PCOLS "id, district_id, name, framing, introductions, questions, closing, created_at"
static const char *const sql_proto_add =
	"INSERT INTO protocols (district_id, name, framing, introductions, questions, closing, created_at)"
	" VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id";
static const char *const sql_proto_list = "SELECT " PCOLS " FROM protocols WHERE district_id = ? ORDER BY name, id";
static const char *const sql_proto_get = "SELECT " PCOLS " FROM protocols WHERE district_id = ? AND id = ?";

static const struct db_col proto_cols[] = {
	DB_INT_COL(struct protocol, id),
	DB_INT_COL(struct protocol, district_id),
	DB_TEXT_COL(struct protocol, name),
	DB_TEXT_COL(struct protocol, framing),
	DB_TEXT_COL(struct protocol, introductions),
	DB_TEXT_COL(struct protocol, questions),
	DB_TEXT_COL(struct protocol, closing),
	DB_INT_COL(struct protocol, created_at),
	DB_COLS_END,
};

int protocol_store_add(struct db *db, struct protocol *p, struct err *e)
{
	p->created_at = time(NULL);
	return db_run_int(db, sql_proto_add, e, &p->id, DB_ARGS(db_int(p->district_id), db_text(p->name),
			db_text(p->framing), db_text(p->introductions), db_text(p->questions),
			db_text(p->closing), db_int(p->created_at)));
}

int protocol_store_list(struct db *db, struct arena *a, int64_t district_id, struct protocol **out, size_t *n,
                        struct err *e)
{
	return db_all_cols(db_query(db, sql_proto_list, e, DB_ARGS(db_int(district_id))), a, proto_cols, sizeof(**out), out, n, e);
}

int protocol_store_get(struct db *db, struct arena *a, int64_t district_id, int64_t id, struct protocol *p,
                       struct err *e)
{
	return db_one_cols(db_query(db, sql_proto_get, e, DB_ARGS(db_int(district_id), db_int(id))), a, proto_cols, p, "No such protocol.", e);
}

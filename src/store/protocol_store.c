#include "store/protocol_store.h"

#include <time.h>

#define PCOLS "id, district_id, name, framing, introductions, questions, closing, created_at"
static const char *const sql_proto_add =
	"INSERT INTO protocols (district_id, name, framing, introductions, questions, closing, created_at)"
	" VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id";
static const char *const sql_proto_list = "SELECT " PCOLS " FROM protocols WHERE district_id = ? ORDER BY name, id";
static const char *const sql_proto_get = "SELECT " PCOLS " FROM protocols WHERE district_id = ? AND id = ?";

static void proto_row(struct db_stmt *st, struct arena *a, void *out)
{
	struct protocol *p = out;
	p->id = db_col_int(st, 0);
	p->district_id = db_col_int(st, 1);
	p->name = db_col_dup(st, a, 2);
	p->framing = db_col_dup(st, a, 3);
	p->introductions = db_col_dup(st, a, 4);
	p->questions = db_col_dup(st, a, 5);
	p->closing = db_col_dup(st, a, 6);
	p->created_at = db_col_int(st, 7);
}

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
	return db_all(db_query(db, sql_proto_list, e, DB_ARGS(db_int(district_id))), a, proto_row, sizeof(**out), out, n, e);
}

int protocol_store_get(struct db *db, struct arena *a, int64_t district_id, int64_t id, struct protocol *p,
                       struct err *e)
{
	return db_one(db_query(db, sql_proto_get, e, DB_ARGS(db_int(district_id), db_int(id))), a, proto_row, p, "No such protocol.", e);
}

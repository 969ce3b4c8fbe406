#include "store/invitation_store.h"

#include <time.h>

#include "store/contact_row.h"

static const char *const sql_inv_add =
	"INSERT INTO invitations (district_id, session_id, contact_id, code, created_at) VALUES (?, ?, ?, ?, ?)"
	" ON CONFLICT (session_id, contact_id) DO NOTHING";
static const char *const sql_inv_get =
	"SELECT " CONTACT_COLS ", i.id, i.code, i.created_at FROM invitations i JOIN contacts c ON c.id = i.contact_id"
	" WHERE i.session_id = ? AND i.code = ?";
static const char *const sql_inv_count = "SELECT COUNT(*) FROM invitations WHERE session_id = ?";

int invitation_store_add(struct db *db, struct invitation *inv, int *added, struct err *e)
{
	int64_t n = 0;
	inv->created_at = time(NULL);
	int rc = db_run(db, sql_inv_add, e, &n, DB_ARGS(db_int(inv->district_id), db_int(inv->session_id),
			db_int(inv->contact_id), db_text(inv->code), db_int(inv->created_at)));
	*added = rc == 0 && n > 0;
	return rc;
}

struct inv_row {
	struct invitation *inv;
	struct contact *c;
};

static void inv_row(struct db_stmt *st, struct arena *a, void *out)
{
	struct inv_row *x = out;
	contact_store_row(st, a, x->c);
	x->inv->id = db_col_int(st, 8);
	x->inv->code = db_col_dup(st, a, 9);
	x->inv->created_at = db_col_int(st, 10);
	x->inv->contact_id = x->c->id;
	x->inv->district_id = x->c->district_id;
}

int invitation_store_by_code(struct db *db, struct arena *a, int64_t session_id, const char *code,
                             struct invitation *inv, struct contact *c, struct err *e)
{
	struct inv_row x = {inv, c};
	inv->session_id = session_id;
	return db_one(db_query(db, sql_inv_get, e, DB_ARGS(db_int(session_id), db_text(code))), a, inv_row, &x,
	              "That invitation code does not belong to this session.", e);
}

int invitation_store_count(struct db *db, int64_t session_id, int64_t *n, struct err *e)
{
	return db_run_int(db, sql_inv_count, e, n, DB_ARGS(db_int(session_id)));
}

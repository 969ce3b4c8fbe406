#include "store/attendee_store.h"

#include <time.h>

#define ACOLS                                                                                              \
	"id, district_id, session_id, COALESCE(registration_id, 0), code, name, COALESCE(group_id, 0),"      \
	" checked_in_at, consent_record, consent_quote, COALESCE(consent_at, 0), COALESCE(stipend_at, 0)"

/* The next code is one past the highest P<n> of the session: codes are
 * never reused, so a note's code keeps meaning the same person. */
static const char *const sql_next =
	"SELECT COALESCE(MAX(CAST(SUBSTR(code, 2) AS INTEGER)), 0) + 1 FROM attendees WHERE session_id = ?";
static const char *const sql_add =
	"INSERT INTO attendees (district_id, session_id, registration_id, code, name, group_id, checked_in_at,"
	" consent_record, consent_quote, consent_at, stipend_at)"
	" VALUES (?, ?, NULLIF(?, 0), ?, ?, NULLIF(?, 0), ?, ?, ?, NULLIF(?, 0), NULLIF(?, 0)) RETURNING id";
static const char *const sql_get =
	"SELECT " ACOLS " FROM attendees WHERE district_id = ? AND session_id = ? AND id = ?";
static const char *const sql_list =
	"SELECT " ACOLS " FROM attendees WHERE district_id = ? AND session_id = ? ORDER BY checked_in_at, id";
static const char *const sql_update =
	"UPDATE attendees SET consent_record = ?, consent_quote = ?, consent_at = NULLIF(?, 0),"
	" stipend_at = NULLIF(?, 0) WHERE district_id = ? AND id = ?";

static int add_once(struct db *db, struct arena *ar, struct attendee *a, struct err *e)
{
	int64_t next = 1;
	int rc = db_begin(db, e);
	if (rc < 0)
		return rc;
	if ((rc = db_run_int(db, sql_next, e, &next, DB_ARGS(db_int(a->session_id)))) == 0) {
		a->code = attendee_code(ar, next);
		rc = db_run_int(db, sql_add, e, &a->id, DB_ARGS(db_int(a->district_id),
				db_int(a->session_id), db_int(a->registration_id), db_text(a->code),
				db_text(a->name), db_int(a->group_id), db_int(a->checked_in_at),
				db_int(a->consent_record), db_int(a->consent_quote), db_int(a->consent_at),
				db_int(a->stipend_at)));
	}
	return db_end(db, rc, e);
}

/* Two devices checking people in at the same instant may pick the same
 * code: the loser tries again with the next one. */
int attendee_store_add(struct db *db, struct arena *ar, struct attendee *a, struct err *e)
{
	if (!a->checked_in_at)
		a->checked_in_at = time(NULL);
	int rc = ERR_CONFLICT;
	for (int tries = 0; rc == ERR_CONFLICT && tries < 3; tries++)
		rc = add_once(db, ar, a, e);
	if (rc == ERR_CONFLICT)
		err_set(e, rc, "registration_id", "This person is already checked in.");
	return rc;
}

static const struct db_col attendee_cols[] = {
	DB_INT_COL(struct attendee, id),
	DB_INT_COL(struct attendee, district_id),
	DB_INT_COL(struct attendee, session_id),
	DB_INT_COL(struct attendee, registration_id),
	DB_TEXT_COL(struct attendee, code),
	DB_TEXT_COL(struct attendee, name),
	DB_INT_COL(struct attendee, group_id),
	DB_INT_COL(struct attendee, checked_in_at),
	DB_BOOL_COL(struct attendee, consent_record),
	DB_BOOL_COL(struct attendee, consent_quote),
	DB_INT_COL(struct attendee, consent_at),
	DB_INT_COL(struct attendee, stipend_at),
	DB_COLS_END,
};

int attendee_store_get(struct db *db, struct arena *ar, int64_t district_id, int64_t session_id, int64_t id,
                       struct attendee *a, struct err *e)
{
	return db_one_cols(db_query(db, sql_get, e, DB_ARGS(db_int(district_id), db_int(session_id), db_int(id))), ar, attendee_cols, a,
	              "No such attendee at this session.", e);
}

int attendee_store_list(struct db *db, struct arena *ar, int64_t district_id, int64_t session_id,
                        struct attendee **out, size_t *n, struct err *e)
{
	return db_all_cols(db_query(db, sql_list, e, DB_ARGS(db_int(district_id), db_int(session_id))), ar, attendee_cols, sizeof(**out), out,
	              n, e);
}

int attendee_store_update(struct db *db, const struct attendee *a, struct err *e)
{
	return db_run(db, sql_update, e, NULL, DB_ARGS(db_int(a->consent_record), db_int(a->consent_quote),
			db_int(a->consent_at), db_int(a->stipend_at), db_int(a->district_id), db_int(a->id)));
}

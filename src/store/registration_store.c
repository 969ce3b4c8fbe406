#include "store/registration_store.h"

#include <string.h>
#include <time.h>

#define RCOLS                                                                                              \
	"id, district_id, session_id, person_key, name, email, phone, language, COALESCE(group_id, 0),"    \
	" need_interpretation, need_sign_language, need_childcare, need_transport, need_other,"            \
	" consent_record, consent_quote, status, COALESCE(invitation_id, 0), created_at, updated_at"
static const char *const sql_reg_add =
	"INSERT INTO registrations (district_id, session_id, person_key, name, email, phone, language, group_id,"
	" need_interpretation, need_sign_language, need_childcare, need_transport, need_other, consent_record,"
	" consent_quote, status, invitation_id, created_at, updated_at)"
	" VALUES (?, ?, ?, ?, ?, ?, ?, NULLIF(?, 0), ?, ?, ?, ?, ?, ?, ?, ?, NULLIF(?, 0), ?, ?) RETURNING id";
static const char *const sql_reg_update =
	"UPDATE registrations SET name = ?, email = ?, phone = ?, language = ?, group_id = NULLIF(?, 0),"
	" need_interpretation = ?, need_sign_language = ?, need_childcare = ?, need_transport = ?, need_other = ?,"
	" consent_record = ?, consent_quote = ?, status = ?, updated_at = ? WHERE district_id = ? AND id = ?";
static const char *const sql_reg_get = "SELECT " RCOLS " FROM registrations WHERE district_id = ? AND id = ?";
static const char *const sql_reg_person =
	"SELECT " RCOLS " FROM registrations WHERE session_id = ? AND person_key = ?";
static const char *const sql_reg_list =
	"SELECT " RCOLS " FROM registrations WHERE district_id = ? AND session_id = ? ORDER BY created_at, id";
static const char *const sql_reg_counts =
	"SELECT COALESCE(SUM(CASE WHEN status = 'confirmed' AND invitation_id IS NULL THEN 1 ELSE 0 END), 0),"
	" COALESCE(SUM(CASE WHEN status = 'confirmed' AND invitation_id IS NOT NULL THEN 1 ELSE 0 END), 0),"
	" COALESCE(SUM(CASE WHEN status = 'waitlisted' THEN 1 ELSE 0 END), 0)"
	" FROM registrations WHERE session_id = ?";
static const char *const sql_reg_demand =
	"SELECT COALESCE(SUM(need_sign_language), 0), COALESCE(SUM(need_childcare), 0),"
	" COALESCE(SUM(need_transport), 0) FROM registrations WHERE session_id = ? AND status = 'confirmed'";
static const char *const sql_reg_interp =
	"SELECT DISTINCT need_interpretation FROM registrations WHERE session_id = ? AND status = 'confirmed'"
	" AND need_interpretation <> '' ORDER BY need_interpretation";
static const char *const sql_reg_waiting =
	"SELECT " RCOLS " FROM registrations WHERE session_id = ? AND status = 'waitlisted'"
	" ORDER BY created_at, id LIMIT 1";

static const struct db_col reg_cols[] = {
	DB_INT_COL(struct registration, id),
	DB_INT_COL(struct registration, district_id),
	DB_INT_COL(struct registration, session_id),
	DB_TEXT_COL(struct registration, person_key),
	DB_TEXT_COL(struct registration, name),
	DB_TEXT_COL(struct registration, email),
	DB_TEXT_COL(struct registration, phone),
	DB_TEXT_COL(struct registration, language),
	DB_INT_COL(struct registration, group_id),
	DB_TEXT_COL(struct registration, need_interpretation),
	DB_BOOL_COL(struct registration, need_sign_language),
	DB_BOOL_COL(struct registration, need_childcare),
	DB_BOOL_COL(struct registration, need_transport),
	DB_TEXT_COL(struct registration, need_other),
	DB_BOOL_COL(struct registration, consent_record),
	DB_BOOL_COL(struct registration, consent_quote),
	DB_TEXT_COL(struct registration, status),
	DB_INT_COL(struct registration, invitation_id),
	DB_INT_COL(struct registration, created_at),
	DB_INT_COL(struct registration, updated_at),
	DB_COLS_END,
};

int registration_store_add(struct db *db, struct registration *r, struct err *e)
{
	if (!r->created_at)
		r->created_at = time(NULL);
	r->updated_at = r->created_at;
	int rc = db_run_int(db, sql_reg_add, e, &r->id, DB_ARGS(db_int(r->district_id),
			db_int(r->session_id), db_text(r->person_key), db_text(r->name), db_text(r->email),
			db_text(r->phone), db_text(r->language), db_int(r->group_id),
			db_text(r->need_interpretation), db_int(r->need_sign_language),
			db_int(r->need_childcare), db_int(r->need_transport), db_text(r->need_other),
			db_int(r->consent_record), db_int(r->consent_quote), db_text(r->status),
			db_int(r->invitation_id), db_int(r->created_at), db_int(r->updated_at)));
	if (rc == ERR_CONFLICT)
		return err_set(e, ERR_CONFLICT, "email", "You are already registered for this session.");
	return rc;
}

int registration_store_update(struct db *db, struct registration *r, struct err *e)
{
	int64_t n = 0;
	r->updated_at = time(NULL);
	int rc = db_run(db, sql_reg_update, e, &n, DB_ARGS(db_text(r->name), db_text(r->email),
			db_text(r->phone), db_text(r->language), db_int(r->group_id),
			db_text(r->need_interpretation), db_int(r->need_sign_language),
			db_int(r->need_childcare), db_int(r->need_transport), db_text(r->need_other),
			db_int(r->consent_record), db_int(r->consent_quote), db_text(r->status),
			db_int(r->updated_at), db_int(r->district_id), db_int(r->id)));
	return rc == 0 && n == 0 ? err_set(e, ERR_NOTFOUND, NULL, "No such registration.") : rc;
}

int registration_store_get(struct db *db, struct arena *a, int64_t district_id, int64_t id,
                           struct registration *r, struct err *e)
{
	return db_one_cols(db_query(db, sql_reg_get, e, DB_ARGS(db_int(district_id), db_int(id))), a, reg_cols, r, "No such registration.", e);
}

int registration_store_by_person(struct db *db, struct arena *a, int64_t session_id, const char *person_key,
                                 struct registration *r, struct err *e)
{
	return db_one_cols(db_query(db, sql_reg_person, e, DB_ARGS(db_int(session_id), db_text(person_key))), a, reg_cols, r,
	              "No such registration.", e);
}

int registration_store_list(struct db *db, struct arena *a, int64_t district_id, int64_t session_id,
                            struct registration **out, size_t *n, struct err *e)
{
	return db_all_cols(db_query(db, sql_reg_list, e, DB_ARGS(db_int(district_id), db_int(session_id))), a, reg_cols, sizeof(**out), out, n,
	              e);
}

int registration_store_counts(struct db *db, int64_t session_id, int64_t *confirmed_open,
                              int64_t *confirmed_invited, int64_t *waitlisted, struct err *e)
{
	struct db_stmt *st = db_query(db, sql_reg_counts, e, DB_ARGS(db_int(session_id)));
	if (!st)
		return ERR_FAIL;
	int rc = db_step(st, e);
	if (rc == 1) {
		*confirmed_open = db_col_int(st, 0);
		*confirmed_invited = db_col_int(st, 1);
		*waitlisted = db_col_int(st, 2);
		rc = 0;
	}
	db_reset(st);
	return rc < 0 ? rc : 0;
}

int registration_store_demand(struct db *db, int64_t session_id, struct session_demand *d, struct err *e)
{
	memset(d, 0, sizeof(*d));
	int rc = registration_store_counts(db, session_id, &d->confirmed, &d->from_invitations, &d->waitlisted, e);
	if (rc < 0)
		return rc;
	d->confirmed += d->from_invitations;
	struct db_stmt *st = db_query(db, sql_reg_demand, e, DB_ARGS(db_int(session_id)));
	if (!st)
		return ERR_FAIL;
	if ((rc = db_step(st, e)) == 1) {
		d->need_sign_language = db_col_int(st, 0);
		d->need_childcare = db_col_int(st, 1);
		d->need_transport = db_col_int(st, 2);
	}
	db_reset(st);
	if (rc < 0)
		return rc;
	st = db_query(db, sql_reg_interp, e, DB_ARGS(db_int(session_id)));
	if (!st)
		return ERR_FAIL;
	size_t len = 0;
	while ((rc = db_step(st, e)) == 1) {
		const char *l = db_col_text(st, 0);
		if (strlen(l) == 2 && len + 3 < sizeof(d->interpretation)) {
			if (len)
				d->interpretation[len++] = ',';
			memcpy(d->interpretation + len, l, 2);
			len += 2;
			d->interpretation[len] = '\0';
		}
	}
	db_reset(st);
	return rc < 0 ? rc : 0;
}

int registration_store_next_waiting(struct db *db, struct arena *a, int64_t session_id, struct registration *r,
                                    struct err *e)
{
	return db_one_cols(db_query(db, sql_reg_waiting, e, DB_ARGS(db_int(session_id))), a, reg_cols, r, "Nobody is waiting.", e);
}

#include "store/conversation_store.h"

#include <time.h>

#define CCOLS                                                                                                \
	"id, district_id, initiative_id, COALESCE(group_id, 0), COALESCE(protocol_id, 0), title, objective,"  \
	" managed_by, partner_name, partner_duties, facilitator, compensation_kind, compensation_cents,"      \
	" planned_reserved, status, created_at, updated_at"
static const char *const sql_conv_add =
	"INSERT INTO conversations (district_id, initiative_id, group_id, protocol_id, title, objective, managed_by,"
	" partner_name, partner_duties, facilitator, compensation_kind, compensation_cents, planned_reserved, status,"
	" created_at, updated_at) VALUES (?, ?, NULLIF(?, 0), NULLIF(?, 0), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
	" RETURNING id";
static const char *const sql_conv_update =
	"UPDATE conversations SET group_id = NULLIF(?, 0), protocol_id = NULLIF(?, 0), title = ?, objective = ?,"
	" managed_by = ?, partner_name = ?, partner_duties = ?, facilitator = ?, compensation_kind = ?,"
	" compensation_cents = ?, planned_reserved = ?, status = ?, updated_at = ? WHERE district_id = ? AND id = ?";
static const char *const sql_conv_get = "SELECT " CCOLS " FROM conversations WHERE district_id = ? AND id = ?";
static const char *const sql_conv_list =
	"SELECT " CCOLS " FROM conversations WHERE district_id = ? AND (? = 0 OR initiative_id = ?) ORDER BY id";
static const char *const sql_conv_partners =
	"SELECT DISTINCT partner_name FROM conversations WHERE district_id = ? AND partner_name <> '' ORDER BY 1";

static const struct db_col conv_cols[] = {
	DB_INT_COL(struct conversation, id),
	DB_INT_COL(struct conversation, district_id),
	DB_INT_COL(struct conversation, initiative_id),
	DB_INT_COL(struct conversation, group_id),
	DB_INT_COL(struct conversation, protocol_id),
	DB_TEXT_COL(struct conversation, title),
	DB_TEXT_COL(struct conversation, objective),
	DB_TEXT_COL(struct conversation, managed_by),
	DB_TEXT_COL(struct conversation, partner_name),
	DB_TEXT_COL(struct conversation, partner_duties),
	DB_TEXT_COL(struct conversation, facilitator),
	DB_TEXT_COL(struct conversation, compensation_kind),
	DB_INT_COL(struct conversation, compensation_cents),
	DB_INT_COL(struct conversation, planned_reserved),
	DB_TEXT_COL(struct conversation, status),
	DB_INT_COL(struct conversation, created_at),
	DB_INT_COL(struct conversation, updated_at),
	DB_COLS_END,
};

int conversation_store_add(struct db *db, struct conversation *c, struct err *e)
{
	c->created_at = c->updated_at = time(NULL);
	return db_run_int(db, sql_conv_add, e, &c->id, DB_ARGS(db_int(c->district_id),
			db_int(c->initiative_id), db_int(c->group_id), db_int(c->protocol_id),
			db_text(c->title), db_text(c->objective), db_text(c->managed_by),
			db_text(c->partner_name), db_text(c->partner_duties), db_text(c->facilitator),
			db_text(c->compensation_kind), db_int(c->compensation_cents),
			db_int(c->planned_reserved), db_text(c->status), db_int(c->created_at),
			db_int(c->updated_at)));
}

int conversation_store_update(struct db *db, struct conversation *c, struct err *e)
{
	int64_t n = 0;
	c->updated_at = time(NULL);
	int rc = db_run(db, sql_conv_update, e, &n, DB_ARGS(db_int(c->group_id), db_int(c->protocol_id),
			db_text(c->title), db_text(c->objective), db_text(c->managed_by),
			db_text(c->partner_name), db_text(c->partner_duties), db_text(c->facilitator),
			db_text(c->compensation_kind), db_int(c->compensation_cents),
			db_int(c->planned_reserved), db_text(c->status), db_int(c->updated_at),
			db_int(c->district_id), db_int(c->id)));
	return rc == 0 && n == 0 ? err_set(e, ERR_NOTFOUND, NULL, "No such conversation.") : rc;
}

int conversation_store_get(struct db *db, struct arena *a, int64_t district_id, int64_t id,
                           struct conversation *c, struct err *e)
{
	return db_one_cols(db_query(db, sql_conv_get, e, DB_ARGS(db_int(district_id), db_int(id))), a, conv_cols, c, "No such conversation.", e);
}

int conversation_store_list(struct db *db, struct arena *a, int64_t district_id, int64_t initiative_id,
                            struct conversation **out, size_t *n, struct err *e)
{
	return db_all_cols(db_query(db, sql_conv_list, e, DB_ARGS(db_int(district_id), db_int(initiative_id),
			db_int(initiative_id))), a, conv_cols,
	              sizeof(**out), out, n, e);
}

static const char *const sql_report_back =
	"SELECT c.id, c.initiative_id, c.title, MAX(s.ends_at),"
	" COALESCE((SELECT MIN(m.created_at) FROM messages m JOIN registrations r ON r.id = m.registration_id"
	"   JOIN sessions s2 ON s2.id = r.session_id"
	"   WHERE s2.conversation_id = c.id AND m.district_id = c.district_id AND m.kind = 'results'"
	"   AND m.state <> 'skipped'), 0),"
	" COALESCE((SELECT MIN(p.publish_at) FROM posts p WHERE p.conversation_id = c.id"
	"   AND p.district_id = c.district_id AND p.status <> 'draft'"
	"   AND p.publish_at <= ?), 0)"
	" FROM conversations c JOIN sessions s ON s.conversation_id = c.id"
	" WHERE c.district_id = ? AND s.ends_at <= ?"
	" GROUP BY c.id, c.initiative_id, c.title ORDER BY MAX(s.ends_at) DESC, c.id DESC";

static const struct db_col report_back_cols[] = {
	DB_INT_COL(struct report_back, conversation_id),
	DB_INT_COL(struct report_back, initiative_id),
	DB_TEXT_COL(struct report_back, title),
	DB_INT_COL(struct report_back, held_at),
	DB_INT_COL(struct report_back, results_sent_at),
	DB_INT_COL(struct report_back, recap_at),
	DB_COLS_END,
};

int conversation_store_report_back(struct db *db, struct arena *a, int64_t district_id, int64_t now,
                                   struct report_back **out, size_t *n, struct err *e)
{
	return db_all_cols(db_query(db, sql_report_back, e, DB_ARGS(db_int(now), db_int(district_id),
			db_int(now))), a, report_back_cols,
	              sizeof(**out), out, n, e);
}

static void text_row(struct db_stmt *st, struct arena *a, void *out)
{
	*(const char **)out = db_col_dup(st, a, 0);
}

int conversation_store_partners(struct db *db, struct arena *a, int64_t district_id, const char ***out, size_t *n,
                                struct err *e)
{
	return db_all(db_query(db, sql_conv_partners, e, DB_ARGS(db_int(district_id))), a, text_row, sizeof(**out),
	              out, n, e);
}

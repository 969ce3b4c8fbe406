#include "store/signin_failure_store.h"

static const char *const sql_failure_add = "INSERT INTO signin_failures (key, at) VALUES (?, ?)";
static const char *const sql_failure_count = "SELECT COUNT(*) FROM signin_failures WHERE key = ? AND at > ?";
static const char *const sql_failure_clear = "DELETE FROM signin_failures WHERE key = ?";
static const char *const sql_failures_purge = "DELETE FROM signin_failures WHERE at < ?";

int signin_failure_store_add(struct db *db, const char *key, int64_t now, struct err *e)
{
	return db_run(db, sql_failure_add, e, NULL, DB_ARGS(db_text(key), db_int(now)));
}

int signin_failure_store_count(struct db *db, const char *key, int64_t since, int64_t *n, struct err *e)
{
	return db_run_int(db, sql_failure_count, e, n, DB_ARGS(db_text(key), db_int(since)));
}

int signin_failure_store_clear(struct db *db, const char *key, struct err *e)
{
	return db_run(db, sql_failure_clear, e, NULL, DB_ARGS(db_text(key)));
}

int signin_failure_store_purge(struct db *db, int64_t before, struct err *e)
{
	return db_run(db, sql_failures_purge, e, NULL, DB_ARGS(db_int(before)));
}

#include "store/migrate.h"

#include <string.h>
#include <time.h>

#include "core/buf.h"
#include "core/mem.h"

/* Portable SQL for both backends.  %ID% becomes an auto-numbered 64-bit
 * primary key.  Times are Unix seconds (BIGINT), flags are 0/1 INTEGERs.
 * Every table that holds a district's data carries district_id, so that a
 * large PostgreSQL deployment can shard by district. */
static const struct migration {
	int version;
	const char *name;
	const char *sql;
	const char *sqlite_sql, *pg_sql;  /* what only one backend can say */
} migrations[] = {
	{1, "districts, accounts, sessions, tokens, audit",
	 "CREATE TABLE districts ("
	 "  id %ID%,"
	 "  slug TEXT NOT NULL UNIQUE,"
	 "  name TEXT NOT NULL,"
	 "  timezone TEXT NOT NULL,"
	 "  languages TEXT NOT NULL DEFAULT 'en',"
	 "  created_at BIGINT NOT NULL);"
	 "CREATE TABLE users ("
	 "  id %ID%,"
	 "  district_id BIGINT NOT NULL REFERENCES districts(id),"
	 "  email TEXT NOT NULL UNIQUE,"
	 "  name TEXT NOT NULL DEFAULT '',"
	 "  role TEXT NOT NULL CHECK (role IN ('admin','staff','facilitator','partner')),"
	 "  password_hash TEXT,"
	 "  disabled INTEGER NOT NULL DEFAULT 0,"
	 "  created_at BIGINT NOT NULL);"
	 "CREATE INDEX users_district ON users(district_id);"
	 "CREATE TABLE web_sessions ("
	 "  id %ID%,"
	 "  district_id BIGINT NOT NULL REFERENCES districts(id),"
	 "  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
	 "  token_hash TEXT NOT NULL UNIQUE,"
	 "  csrf TEXT NOT NULL,"
	 "  created_at BIGINT NOT NULL,"
	 "  expires_at BIGINT NOT NULL);"
	 "CREATE INDEX web_sessions_user ON web_sessions(user_id);"
	 "CREATE TABLE api_tokens ("
	 "  id %ID%,"
	 "  district_id BIGINT NOT NULL REFERENCES districts(id),"
	 "  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
	 "  token_hash TEXT NOT NULL UNIQUE,"
	 "  label TEXT NOT NULL DEFAULT '',"
	 "  created_at BIGINT NOT NULL,"
	 "  last_used_at BIGINT,"
	 "  revoked_at BIGINT);"
	 "CREATE TABLE audit_log ("
	 "  id %ID%,"
	 "  district_id BIGINT REFERENCES districts(id),"
	 "  user_id BIGINT REFERENCES users(id) ON DELETE SET NULL,"
	 "  actor TEXT NOT NULL DEFAULT '',"
	 "  action TEXT NOT NULL,"
	 "  detail TEXT NOT NULL DEFAULT '',"
	 "  ip TEXT NOT NULL DEFAULT '',"
	 "  at BIGINT NOT NULL);"
	 "CREATE INDEX audit_log_district ON audit_log(district_id, at);"
	 "CREATE TABLE signin_failures ("
	 "  id %ID%,"
	 "  key TEXT NOT NULL,"
	 "  at BIGINT NOT NULL);"
	 "CREATE INDEX signin_failures_key ON signin_failures(key, at);", NULL, NULL},
	{2, "initiatives",
	 "CREATE TABLE initiatives ("
	 "  id %ID%,"
	 "  district_id BIGINT NOT NULL REFERENCES districts(id),"
	 "  title TEXT NOT NULL,"
	 "  why TEXT NOT NULL DEFAULT '',"
	 "  mode TEXT NOT NULL DEFAULT 'cooperate' CHECK (mode IN ('cooperate','collaborate')),"
	 "  created_at BIGINT NOT NULL,"
	 "  updated_at BIGINT NOT NULL);"
	 "CREATE INDEX initiatives_district ON initiatives(district_id);", NULL, NULL},
	{3, "planning: groups, baseline, protocols, conversations, sessions, sponsors",
	 "ALTER TABLE initiatives ADD COLUMN data_behind TEXT NOT NULL DEFAULT '';"
	 "ALTER TABLE initiatives ADD COLUMN goals TEXT NOT NULL DEFAULT '';"
	 "ALTER TABLE initiatives ADD COLUMN questions TEXT NOT NULL DEFAULT '';"
	 "CREATE TABLE stakeholder_groups ("
	 "  id %ID%,"
	 "  district_id BIGINT NOT NULL REFERENCES districts(id),"
	 "  name TEXT NOT NULL,"
	 "  kind TEXT NOT NULL,"
	 "  description TEXT NOT NULL DEFAULT '',"
	 "  created_at BIGINT NOT NULL,"
	 "  UNIQUE (district_id, name));"
	 "CREATE TABLE baseline_shares ("
	 "  id %ID%,"
	 "  district_id BIGINT NOT NULL REFERENCES districts(id),"
	 "  dimension TEXT NOT NULL,"
	 "  category TEXT NOT NULL,"
	 "  share_bp INTEGER NOT NULL CHECK (share_bp BETWEEN 0 AND 10000),"
	 "  UNIQUE (district_id, dimension, category));"
	 "CREATE TABLE protocols ("
	 "  id %ID%,"
	 "  district_id BIGINT NOT NULL REFERENCES districts(id),"
	 "  name TEXT NOT NULL,"
	 "  framing TEXT NOT NULL DEFAULT '',"
	 "  introductions TEXT NOT NULL DEFAULT '',"
	 "  questions TEXT NOT NULL DEFAULT '',"
	 "  closing TEXT NOT NULL DEFAULT '',"
	 "  created_at BIGINT NOT NULL);"
	 "CREATE TABLE conversations ("
	 "  id %ID%,"
	 "  district_id BIGINT NOT NULL REFERENCES districts(id),"
	 "  initiative_id BIGINT NOT NULL REFERENCES initiatives(id),"
	 "  group_id BIGINT REFERENCES stakeholder_groups(id),"
	 "  protocol_id BIGINT REFERENCES protocols(id),"
	 "  title TEXT NOT NULL,"
	 "  objective TEXT NOT NULL DEFAULT '',"
	 "  managed_by TEXT NOT NULL DEFAULT 'district' CHECK (managed_by IN ('district','partner')),"
	 "  partner_name TEXT NOT NULL DEFAULT '',"
	 "  partner_duties TEXT NOT NULL DEFAULT '',"
	 "  facilitator TEXT NOT NULL DEFAULT '',"
	 "  compensation_kind TEXT NOT NULL DEFAULT 'none',"
	 "  compensation_cents INTEGER NOT NULL DEFAULT 0,"
	 "  planned_reserved INTEGER NOT NULL DEFAULT 0,"
	 "  status TEXT NOT NULL DEFAULT 'planning',"
	 "  created_at BIGINT NOT NULL,"
	 "  updated_at BIGINT NOT NULL);"
	 "CREATE INDEX conversations_district ON conversations(district_id, initiative_id);"
	 "CREATE TABLE sessions ("
	 "  id %ID%,"
	 "  district_id BIGINT NOT NULL REFERENCES districts(id),"
	 "  conversation_id BIGINT NOT NULL REFERENCES conversations(id),"
	 "  starts_at BIGINT NOT NULL,"
	 "  ends_at BIGINT NOT NULL,"
	 "  format TEXT NOT NULL CHECK (format IN ('in_person','virtual','hybrid')),"
	 "  venue_name TEXT NOT NULL DEFAULT '',"
	 "  venue_address TEXT NOT NULL DEFAULT '',"
	 "  transit_access INTEGER NOT NULL DEFAULT 0,"
	 "  wheelchair_access INTEGER NOT NULL DEFAULT 0,"
	 "  community_space INTEGER NOT NULL DEFAULT 0,"
	 "  access_notes TEXT NOT NULL DEFAULT '',"
	 "  platform TEXT NOT NULL DEFAULT '',"
	 "  join_url TEXT NOT NULL DEFAULT '',"
	 "  language TEXT NOT NULL DEFAULT 'en',"
	 "  interpretation TEXT NOT NULL DEFAULT '',"
	 "  sign_language INTEGER NOT NULL DEFAULT 0,"
	 "  captions INTEGER NOT NULL DEFAULT 0,"
	 "  childcare INTEGER NOT NULL DEFAULT 0,"
	 "  capacity INTEGER NOT NULL DEFAULT 0,"
	 "  reserved_seats INTEGER NOT NULL DEFAULT 0,"
	 "  registration_open INTEGER NOT NULL DEFAULT 0,"
	 "  sequence INTEGER NOT NULL DEFAULT 0,"
	 "  created_at BIGINT NOT NULL,"
	 "  updated_at BIGINT NOT NULL,"
	 "  CHECK (ends_at > starts_at));"
	 "CREATE INDEX sessions_district ON sessions(district_id, starts_at);"
	 "CREATE INDEX sessions_conversation ON sessions(conversation_id);"
	 "CREATE TABLE sponsors ("
	 "  id %ID%,"
	 "  district_id BIGINT NOT NULL REFERENCES districts(id),"
	 "  initiative_id BIGINT NOT NULL REFERENCES initiatives(id),"
	 "  name TEXT NOT NULL,"
	 "  organization TEXT NOT NULL DEFAULT '',"
	 "  contributed TEXT NOT NULL DEFAULT '',"
	 "  recruited INTEGER NOT NULL DEFAULT 0,"
	 "  created_at BIGINT NOT NULL);", NULL, NULL},
	{4, "registrations, contacts, invitations, outbox",
	 "CREATE TABLE settings ("
	 "  key TEXT PRIMARY KEY,"
	 "  value TEXT NOT NULL);"
	 "CREATE TABLE contacts ("
	 "  id %ID%,"
	 "  district_id BIGINT NOT NULL REFERENCES districts(id),"
	 "  name TEXT NOT NULL,"
	 "  email TEXT NOT NULL DEFAULT '',"
	 "  phone TEXT NOT NULL DEFAULT '',"
	 "  language TEXT NOT NULL DEFAULT 'en',"
	 "  group_id BIGINT REFERENCES stakeholder_groups(id),"
	 "  created_at BIGINT NOT NULL);"
	 "CREATE UNIQUE INDEX contacts_email ON contacts(district_id, email) WHERE email <> '';"
	 "CREATE TABLE invitations ("
	 "  id %ID%,"
	 "  district_id BIGINT NOT NULL REFERENCES districts(id),"
	 "  session_id BIGINT NOT NULL REFERENCES sessions(id),"
	 "  contact_id BIGINT NOT NULL REFERENCES contacts(id),"
	 "  code TEXT NOT NULL UNIQUE,"
	 "  created_at BIGINT NOT NULL,"
	 "  UNIQUE (session_id, contact_id));"
	 "CREATE TABLE registrations ("
	 "  id %ID%,"
	 "  district_id BIGINT NOT NULL REFERENCES districts(id),"
	 "  session_id BIGINT NOT NULL REFERENCES sessions(id),"
	 "  person_key TEXT NOT NULL,"
	 "  name TEXT NOT NULL,"
	 "  email TEXT NOT NULL DEFAULT '',"
	 "  phone TEXT NOT NULL DEFAULT '',"
	 "  language TEXT NOT NULL DEFAULT 'en',"
	 "  group_id BIGINT REFERENCES stakeholder_groups(id),"
	 "  need_interpretation TEXT NOT NULL DEFAULT '',"
	 "  need_sign_language INTEGER NOT NULL DEFAULT 0,"
	 "  need_childcare INTEGER NOT NULL DEFAULT 0,"
	 "  need_transport INTEGER NOT NULL DEFAULT 0,"
	 "  need_other TEXT NOT NULL DEFAULT '',"
	 "  consent_record INTEGER NOT NULL DEFAULT 0,"
	 "  consent_quote INTEGER NOT NULL DEFAULT 0,"
	 "  status TEXT NOT NULL CHECK (status IN ('confirmed','waitlisted','cancelled')),"
	 "  invitation_id BIGINT REFERENCES invitations(id),"
	 "  created_at BIGINT NOT NULL,"
	 "  updated_at BIGINT NOT NULL,"
	 "  UNIQUE (session_id, person_key));"
	 "CREATE INDEX registrations_session ON registrations(session_id, status);"
	 "CREATE TABLE messages ("
	 "  id %ID%,"
	 "  district_id BIGINT NOT NULL REFERENCES districts(id),"
	 "  registration_id BIGINT REFERENCES registrations(id),"
	 "  kind TEXT NOT NULL,"
	 "  once_key TEXT NOT NULL UNIQUE,"
	 "  lang TEXT NOT NULL,"
	 "  to_addr TEXT NOT NULL,"
	 "  subject TEXT NOT NULL,"
	 "  body TEXT NOT NULL,"
	 "  ics TEXT,"
	 "  state TEXT NOT NULL CHECK (state IN ('pending','sent','failed','skipped')),"
	 "  note TEXT NOT NULL DEFAULT '',"
	 "  attempts INTEGER NOT NULL DEFAULT 0,"
	 "  next_attempt_at BIGINT NOT NULL,"
	 "  last_error TEXT NOT NULL DEFAULT '',"
	 "  created_at BIGINT NOT NULL,"
	 "  sent_at BIGINT);"
	 "CREATE INDEX messages_due ON messages(state, next_attempt_at);"
	 "CREATE INDEX messages_district ON messages(district_id, created_at);", NULL, NULL},
	{5, "capture: transcripts, their speakers and segments",
	 "CREATE TABLE transcripts ("
	 "  id %ID%,"
	 "  district_id BIGINT NOT NULL REFERENCES districts(id),"
	 "  session_id BIGINT NOT NULL REFERENCES sessions(id),"
	 "  format TEXT NOT NULL,"
	 "  filename TEXT NOT NULL DEFAULT '',"
	 "  uploaded_by BIGINT REFERENCES users(id) ON DELETE SET NULL,"
	 "  segments INTEGER NOT NULL DEFAULT 0,"
	 "  created_at BIGINT NOT NULL);"
	 "CREATE INDEX transcripts_session ON transcripts(session_id);"
	 "CREATE TABLE transcript_speakers ("
	 "  id %ID%,"
	 "  district_id BIGINT NOT NULL REFERENCES districts(id),"
	 "  transcript_id BIGINT NOT NULL REFERENCES transcripts(id),"
	 "  name_in_file TEXT NOT NULL,"
	 "  code TEXT NOT NULL,"
	 "  UNIQUE (transcript_id, code));"
	 "CREATE TABLE segments ("
	 "  id %ID%,"
	 "  district_id BIGINT NOT NULL REFERENCES districts(id),"
	 "  session_id BIGINT NOT NULL REFERENCES sessions(id),"
	 "  transcript_id BIGINT NOT NULL REFERENCES transcripts(id),"
	 "  seq INTEGER NOT NULL,"
	 "  start_ms BIGINT NOT NULL,"
	 "  end_ms BIGINT NOT NULL,"
	 "  speaker_code TEXT NOT NULL,"
	 "  text TEXT NOT NULL,"
	 "  words INTEGER NOT NULL,"
	 "  UNIQUE (transcript_id, seq));"
	 "CREATE INDEX segments_session ON segments(session_id, transcript_id, seq);", NULL, NULL},
	{6, "capture: conversation teams, attendance, live notes, surveys",
	 /* Facilitators and partners see only the conversations handed to them. */
	 "CREATE TABLE conversation_team ("
	 "  district_id BIGINT NOT NULL REFERENCES districts(id),"
	 "  conversation_id BIGINT NOT NULL REFERENCES conversations(id),"
	 "  user_id BIGINT NOT NULL REFERENCES users(id),"
	 "  PRIMARY KEY (conversation_id, user_id));"
	 "CREATE INDEX conversation_team_user ON conversation_team(user_id);"
	 /* Who came: registrants checked in and walk-ins, each with the code the
	  * notes use.  The name is here and nowhere in the notes. */
	 "CREATE TABLE attendees ("
	 "  id %ID%,"
	 "  district_id BIGINT NOT NULL REFERENCES districts(id),"
	 "  session_id BIGINT NOT NULL REFERENCES sessions(id),"
	 "  registration_id BIGINT REFERENCES registrations(id),"
	 "  code TEXT NOT NULL,"
	 "  name TEXT NOT NULL,"
	 "  group_id BIGINT REFERENCES stakeholder_groups(id),"
	 "  checked_in_at BIGINT NOT NULL,"
	 "  consent_record INTEGER NOT NULL DEFAULT 0,"
	 "  consent_quote INTEGER NOT NULL DEFAULT 0,"
	 "  consent_at BIGINT,"
	 "  stipend_at BIGINT,"
	 "  UNIQUE (session_id, code),"
	 "  UNIQUE (session_id, registration_id));"
	 "CREATE TABLE notes ("
	 "  id %ID%,"
	 "  district_id BIGINT NOT NULL REFERENCES districts(id),"
	 "  session_id BIGINT NOT NULL REFERENCES sessions(id),"
	 "  client_id TEXT NOT NULL,"
	 "  question INTEGER NOT NULL DEFAULT 0,"
	 "  speaker_code TEXT NOT NULL,"
	 "  kind TEXT NOT NULL CHECK (kind IN ('note','quote')),"
	 "  text TEXT NOT NULL,"
	 "  words INTEGER NOT NULL,"
	 "  redacted INTEGER NOT NULL DEFAULT 0,"
	 "  author_id BIGINT REFERENCES users(id) ON DELETE SET NULL,"
	 "  taken_at BIGINT NOT NULL,"
	 "  created_at BIGINT NOT NULL,"
	 "  UNIQUE (session_id, client_id));"
	 "CREATE INDEX notes_session ON notes(session_id, taken_at);"
	 "CREATE TABLE survey_responses ("
	 "  id %ID%,"
	 "  district_id BIGINT NOT NULL REFERENCES districts(id),"
	 "  session_id BIGINT NOT NULL REFERENCES sessions(id),"
	 "  registration_id BIGINT UNIQUE REFERENCES registrations(id),"
	 "  rating INTEGER NOT NULL DEFAULT 0,"
	 "  comment TEXT NOT NULL DEFAULT '',"
	 "  lang TEXT NOT NULL,"
	 "  created_at BIGINT NOT NULL);"
	 "CREATE INDEX survey_responses_session ON survey_responses(session_id);"
	 "CREATE TABLE survey_answers ("
	 "  response_id BIGINT NOT NULL REFERENCES survey_responses(id),"
	 "  district_id BIGINT NOT NULL REFERENCES districts(id),"
	 "  dimension TEXT NOT NULL,"
	 "  category TEXT NOT NULL,"
	 "  PRIMARY KEY (response_id, dimension));", NULL, NULL},
	{7, "understand: the codebook and codings",
	 "CREATE TABLE codes ("
	 "  id %ID%,"
	 "  district_id BIGINT NOT NULL REFERENCES districts(id),"
	 "  initiative_id BIGINT NOT NULL REFERENCES initiatives(id),"
	 "  parent_id BIGINT REFERENCES codes(id),"
	 "  name TEXT NOT NULL,"
	 "  description TEXT NOT NULL DEFAULT '',"
	 "  colour TEXT NOT NULL DEFAULT '#1f5fa8',"
	 "  suggested INTEGER NOT NULL DEFAULT 0,"
	 "  created_by BIGINT REFERENCES users(id) ON DELETE SET NULL,"
	 "  created_at BIGINT NOT NULL,"
	 "  UNIQUE (initiative_id, name));"
	 /* A span of an excerpt (character offsets) coded with a code by a
	  * coder; coder NULL: suggested by the theme engine, not yet confirmed. */
	 "CREATE TABLE codings ("
	 "  id %ID%,"
	 "  district_id BIGINT NOT NULL REFERENCES districts(id),"
	 "  code_id BIGINT NOT NULL REFERENCES codes(id),"
	 "  excerpt_kind TEXT NOT NULL CHECK (excerpt_kind IN ('note','segment','survey')),"
	 "  excerpt_id BIGINT NOT NULL,"
	 "  span_start INTEGER NOT NULL,"
	 "  span_end INTEGER NOT NULL,"
	 "  coder_id BIGINT NOT NULL DEFAULT 0,"
	 "  created_at BIGINT NOT NULL,"
	 "  UNIQUE (code_id, excerpt_kind, excerpt_id, span_start, span_end, coder_id));"
	 "CREATE INDEX codings_excerpt ON codings(excerpt_kind, excerpt_id);", NULL, NULL},
	{8, "understand: quotes and summaries",
	 /* An excerpt (or part of it) proposed as an illustrative quote: only
	  * from a speaker who consented to be quoted, public once approved. */
	 "CREATE TABLE quotes ("
	 "  id %ID%,"
	 "  district_id BIGINT NOT NULL REFERENCES districts(id),"
	 "  initiative_id BIGINT NOT NULL REFERENCES initiatives(id),"
	 "  code_id BIGINT REFERENCES codes(id) ON DELETE SET NULL,"
	 "  excerpt_kind TEXT NOT NULL CHECK (excerpt_kind IN ('note','segment','survey')),"
	 "  excerpt_id BIGINT NOT NULL,"
	 "  text TEXT NOT NULL,"
	 "  attribution TEXT NOT NULL DEFAULT '',"
	 "  status TEXT NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed','approved','rejected')),"
	 "  proposed_by BIGINT REFERENCES users(id) ON DELETE SET NULL,"
	 "  decided_by BIGINT REFERENCES users(id) ON DELETE SET NULL,"
	 "  created_at BIGINT NOT NULL,"
	 "  decided_at BIGINT,"
	 "  UNIQUE (initiative_id, excerpt_kind, excerpt_id, text));"
	 "CREATE TABLE summaries ("
	 "  id %ID%,"
	 "  district_id BIGINT NOT NULL REFERENCES districts(id),"
	 "  initiative_id BIGINT NOT NULL REFERENCES initiatives(id),"
	 "  audience TEXT NOT NULL CHECK (audience IN ('internal','public')),"
	 "  markdown TEXT NOT NULL,"
	 "  updated_by BIGINT REFERENCES users(id) ON DELETE SET NULL,"
	 "  updated_at BIGINT NOT NULL,"
	 "  UNIQUE (initiative_id, audience));", NULL, NULL},
	{9, "share: recaps, images, questions, actions, search",
	 /* A recap: one post, one text per language.  Visible on the hub when
	  * its status is not draft and publish_at has come (a scheduled post
	  * needs no job to appear). */
	 "CREATE TABLE posts ("
	 "  id %ID%,"
	 "  district_id BIGINT NOT NULL REFERENCES districts(id),"
	 "  slug TEXT NOT NULL,"
	 "  initiative_id BIGINT REFERENCES initiatives(id) ON DELETE SET NULL,"
	 "  conversation_id BIGINT REFERENCES conversations(id) ON DELETE SET NULL,"
	 "  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','scheduled','published')),"
	 "  publish_at BIGINT NOT NULL DEFAULT 0,"
	 "  image_id BIGINT NOT NULL DEFAULT 0,"
	 "  created_by BIGINT REFERENCES users(id) ON DELETE SET NULL,"
	 "  created_at BIGINT NOT NULL,"
	 "  updated_at BIGINT NOT NULL,"
	 "  UNIQUE (district_id, slug));"
	 "CREATE INDEX posts_visible ON posts(district_id, status, publish_at);"
	 "CREATE TABLE post_texts ("
	 "  post_id BIGINT NOT NULL REFERENCES posts(id) ON DELETE CASCADE,"
	 "  district_id BIGINT NOT NULL REFERENCES districts(id),"
	 "  lang TEXT NOT NULL CHECK (lang IN ('en','es')),"
	 "  title TEXT NOT NULL,"
	 "  summary TEXT NOT NULL DEFAULT '',"
	 "  body TEXT NOT NULL,"
	 "  updated_at BIGINT NOT NULL,"
	 "  PRIMARY KEY (post_id, lang));"
	 /* Uploaded pictures, checked by their bytes; kept in the database
	  * (base64) so that every server process can serve them. */
	 "CREATE TABLE images ("
	 "  id %ID%,"
	 "  district_id BIGINT NOT NULL REFERENCES districts(id),"
	 "  content_type TEXT NOT NULL,"
	 "  width INTEGER NOT NULL,"
	 "  height INTEGER NOT NULL,"
	 "  bytes INTEGER NOT NULL,"
	 "  sha256 TEXT NOT NULL,"
	 "  alt TEXT NOT NULL DEFAULT '',"
	 "  data TEXT NOT NULL,"
	 "  created_by BIGINT REFERENCES users(id) ON DELETE SET NULL,"
	 "  created_at BIGINT NOT NULL);"
	 /* A question from the community.  email is only for telling the asker
	  * of the answer and is never shown. */
	 "CREATE TABLE questions ("
	 "  id %ID%,"
	 "  district_id BIGINT NOT NULL REFERENCES districts(id),"
	 "  initiative_id BIGINT REFERENCES initiatives(id) ON DELETE SET NULL,"
	 "  lang TEXT NOT NULL DEFAULT 'en',"
	 "  body TEXT NOT NULL,"
	 "  email TEXT NOT NULL DEFAULT '',"
	 "  status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new','published','hidden','merged')),"
	 "  hidden_reason TEXT NOT NULL DEFAULT '',"
	 "  merged_into BIGINT REFERENCES questions(id),"
	 "  answer TEXT NOT NULL DEFAULT '',"
	 "  answered_by BIGINT REFERENCES users(id) ON DELETE SET NULL,"
	 "  answered_at BIGINT,"
	 "  moderated_by BIGINT REFERENCES users(id) ON DELETE SET NULL,"
	 "  moderated_at BIGINT,"
	 "  asked_at BIGINT NOT NULL);"
	 "CREATE INDEX questions_district ON questions(district_id, status, asked_at);"
	 /* "You said, we did": what the district does about a theme. */
	 "CREATE TABLE actions ("
	 "  id %ID%,"
	 "  district_id BIGINT NOT NULL REFERENCES districts(id),"
	 "  initiative_id BIGINT NOT NULL REFERENCES initiatives(id),"
	 "  code_id BIGINT REFERENCES codes(id) ON DELETE SET NULL,"
	 "  title TEXT NOT NULL,"
	 "  description TEXT NOT NULL DEFAULT '',"
	 "  owner TEXT NOT NULL DEFAULT '',"
	 "  due_on TEXT NOT NULL DEFAULT '',"
	 "  status TEXT NOT NULL DEFAULT 'planned'"
	 "    CHECK (status IN ('planned','in_progress','done','not_doing')),"
	 "  reason TEXT NOT NULL DEFAULT '',"
	 "  progress INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),"
	 "  created_by BIGINT REFERENCES users(id) ON DELETE SET NULL,"
	 "  created_at BIGINT NOT NULL,"
	 "  updated_at BIGINT NOT NULL);"
	 "CREATE TABLE action_updates ("
	 "  id %ID%,"
	 "  district_id BIGINT NOT NULL REFERENCES districts(id),"
	 "  action_id BIGINT NOT NULL REFERENCES actions(id) ON DELETE CASCADE,"
	 "  body TEXT NOT NULL,"
	 "  status TEXT NOT NULL,"
	 "  progress INTEGER NOT NULL,"
	 "  author_id BIGINT REFERENCES users(id) ON DELETE SET NULL,"
	 "  created_at BIGINT NOT NULL);"
	 "CREATE INDEX action_updates_action ON action_updates(action_id, created_at);"
	 /* What a theme means, in words for the public. */
	 "ALTER TABLE codes ADD COLUMN public_description TEXT NOT NULL DEFAULT '';",
	 /* Full-text search over what the hub publishes: one row per published
	  * recap text and answered question, written by the stores. */
	 "CREATE VIRTUAL TABLE search_docs USING fts5("
	 "  title, body, district_id UNINDEXED, kind UNINDEXED, ref_id UNINDEXED, lang UNINDEXED,"
	 "  tokenize = 'porter unicode61 remove_diacritics 2');",
	 "CREATE TABLE search_docs ("
	 "  district_id BIGINT NOT NULL REFERENCES districts(id),"
	 "  kind TEXT NOT NULL,"
	 "  ref_id BIGINT NOT NULL,"
	 "  lang TEXT NOT NULL,"
	 "  title TEXT NOT NULL,"
	 "  body TEXT NOT NULL,"
	 "  tsv tsvector GENERATED ALWAYS AS (to_tsvector(CASE lang WHEN 'es' THEN 'spanish'::regconfig"
	 "    ELSE 'english'::regconfig END, title || ' ' || body)) STORED,"
	 "  PRIMARY KEY (kind, ref_id, lang));"
	 "CREATE INDEX search_docs_tsv ON search_docs USING GIN (tsv);"},
	{10, "review: words kept after a human check, the public summary's approval",
	 /* A word redaction was unsure of that staff read and kept ("not a
	  * name") in one quote or summary, for as many times as it was there:
	  * more of it later makes it doubtful again.  The words staff replace
	  * leave the text, so nothing records them. */
	 "CREATE TABLE redaction_reviews ("
	 "  district_id BIGINT NOT NULL REFERENCES districts(id),"
	 "  subject TEXT NOT NULL CHECK (subject IN ('quote','summary')),"
	 "  subject_id BIGINT NOT NULL,"
	 "  word_fold TEXT NOT NULL,"
	 "  occurrences INTEGER NOT NULL DEFAULT 1,"
	 "  reviewed_by BIGINT REFERENCES users(id) ON DELETE SET NULL,"
	 "  reviewed_at BIGINT NOT NULL,"
	 "  PRIMARY KEY (district_id, subject, subject_id, word_fold));"
	 /* A public summary approved for sharing; saving it again clears it. */
	 "ALTER TABLE summaries ADD COLUMN approved_by BIGINT REFERENCES users(id) ON DELETE SET NULL;"
	 "ALTER TABLE summaries ADD COLUMN approved_at BIGINT NOT NULL DEFAULT 0;", NULL, NULL},
};

#define NMIGRATIONS ((int)(sizeof(migrations) / sizeof(migrations[0])))

int migrate_latest(void)
{
	return migrations[NMIGRATIONS - 1].version;
}

static char *dialect(struct db *db, const char *sql)
{
	const char *id = db_kind(db) == DB_SQLITE
	                         ? "INTEGER PRIMARY KEY"
	                         : "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY";
	struct buf b;
	buf_init(&b, 1 << 20);
	const char *p = sql, *at;
	while ((at = strstr(p, "%ID%"))) {
		buf_add(&b, p, (size_t)(at - p));
		buf_adds(&b, id);
		p = at + 4;
	}
	buf_adds(&b, p);
	return buf_detach(&b, NULL);
}

static const char *const sql_create =
	"CREATE TABLE IF NOT EXISTS schema_migrations ("
	"  version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)";
static const char *const sql_current = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";
static const char *const sql_record =
	"INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)";
static const char *const sql_is_applied = "SELECT 1 FROM schema_migrations WHERE version = ?";

int migrate_current(struct db *db, struct err *e)
{
	int64_t v = 0;
	if (db_exec_script(db, sql_create, e) < 0)
		return -1;
	if (db_run_int(db, sql_current, e, &v, DB_NONE) < 0)
		return -1;
	return (int)v;
}

static int apply(struct db *db, const struct migration *m, int *ran, struct err *e)
{
	int rc = db_begin(db, e);
	if (rc < 0)
		return rc;
	/* Several servers may start at once on PostgreSQL: one applies, the
	 * others wait on the lock and then find the migration recorded. */
	if (db_kind(db) == DB_POSTGRES && (rc = db_exec_script(db, "SELECT pg_advisory_xact_lock(4242001)", e)) < 0)
		goto fail;
	int64_t one;
	rc = db_run_int(db, sql_is_applied, e, &one, DB_ARGS(db_int(m->version)));
	if (rc == 0)
		return db_end(db, rc, e);
	if (rc != ERR_NOTFOUND)
		goto fail;
	char *sql = dialect(db, m->sql);
	rc = db_exec_script(db, sql, e);
	mem_free(sql);
	const char *own = db_kind(db) == DB_SQLITE ? m->sqlite_sql : m->pg_sql;
	if (rc == 0 && own)
		rc = db_exec_script(db, own, e);
	if (rc < 0)
		goto fail;
	rc = db_run(db, sql_record, e, NULL, DB_ARGS(db_int(m->version), db_text(m->name),
			db_int((int64_t)time(NULL))));
	if (rc < 0)
		goto fail;
	if ((rc = db_commit(db, e)) < 0)
		goto fail;
	(*ran)++;
	return 0;
fail:
	db_rollback(db);
	if (e) {
		char msg[sizeof(e->msg)];
		memcpy(msg, e->msg, sizeof(msg));
		err_set(e, rc, NULL, "migration %d (%s) failed: %s", m->version, m->name, msg);
	}
	return rc;
}

int migrate_run(struct db *db, int *applied, struct err *e)
{
	int ran = 0;
	int cur = migrate_current(db, e);
	if (cur < 0)
		return ERR_FAIL;
	for (int i = 0; i < NMIGRATIONS; i++) {
		if (migrations[i].version <= cur)
			continue;
		int rc = apply(db, &migrations[i], &ran, e);
		if (rc < 0)
			return rc;
	}
	if (applied)
		*applied = ran;
	return 0;
}

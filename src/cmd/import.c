#include <stdio.h>
#include <string.h>

#include "cmd/cmd.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/str.h"
#include "service/capture.h"
#include "store/conversation_store.h"
#include "store/district_store.h"
#include "store/session_store.h"

/* commonground import transcript --session ID FILE [--format vtt|srt|sbv|txt] */
static int transcript(int argc, char **argv)
{
	const char *url = NULL, *sid = NULL, *format = NULL, *pos[1] = {NULL};
	struct opt opts[] = {{"db", 1, &url}, {"session", 1, &sid}, {"format", 1, &format}, {NULL, 0, NULL}};
	int npos = cmd_opts("import", argc, argv, 2, opts, pos, 1);
	if (npos < 0)
		return cmd_usage("import", 0);
	int64_t id;
	if (!sid || parse_i64(sid, 1, INT64_MAX, &id) < 0)
		return cmd_fail("import", EXIT_USAGE, "--session takes the id of a session");
	if (npos != 1)
		return cmd_fail("import", EXIT_USAGE, "give the transcript file (.vtt, .srt, .sbv or .txt)");
	struct buf data;
	struct err e;
	err_clear(&e);
	buf_init(&data, (size_t)16 << 20);
	if (buf_add_file(&data, pos[0], &e) < 0) {
		buf_release(&data);
		return cmd_fail("import", 1, "%s", e.msg);
	}
	struct db *db = cmd_open_db("import", url, 1);
	if (!db) {
		buf_release(&data);
		return cmd_db_status();
	}
	struct arena a;
	arena_init(&a);
	struct session s;
	struct conversation c;
	struct district d;
	struct capture_result res;
	int rc = session_store_get_any(db, &a, id, &s, &e);
	if (rc == 0)
		rc = conversation_store_get(db, &a, s.district_id, s.conversation_id, &c, &e);
	if (rc == 0)
		rc = district_store_by_id(db, &a, s.district_id, &d, &e);
	const char *base = strrchr(pos[0], '/');
	if (rc == 0)
		rc = capture_import_transcript(db, &a, &d, &s, &c, 0, base ? base + 1 : pos[0], data.p, data.len, format,
		                               &res, &e);
	if (rc == 0)
		printf("transcript %lld imported: %s, %zu segments, %zu speakers, %d personal details replaced\n",
		       (long long)res.transcript_id, res.format, res.segments, res.speakers, res.redacted);
	arena_free(&a);
	db_close(db);
	buf_release(&data);
	return rc < 0 ? cmd_fail("import", rc == ERR_INVALID ? EXIT_USAGE : 1, "%s", e.msg) : 0;
}

int cmd_import(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "transcript") == 0)
		return transcript(argc, argv);
	return cmd_usage("import", 0);
}

/* libFuzzer target for what a visitor types into the hub's search box
 * (domain/share: search_terms, search_fts5_query) and for markdown_plain,
 * which turns what staff write into the words of the search index.
 *
 * Beyond not crashing: every term is non-empty UTF-8 of at most 64 bytes
 * without a quote, there are at most SEARCH_MAX_TERMS, and the FTS5 query
 * built from them is accepted by a real SQLite FTS5 table — no input may
 * reach the engine as syntax.  The plain text of any Markdown is valid
 * UTF-8 whenever the Markdown was.
 */
#include <sqlite3.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/str.h"
#include "domain/share.h"
#include "fuzz_common.h"
#include "tmpl/markdown.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static sqlite3 *fts;
static sqlite3_stmt *match;

static void open_index(void)
{
	CHECK(sqlite3_open(":memory:", &fts) == SQLITE_OK);
	CHECK(sqlite3_exec(fts,
	                   "CREATE VIRTUAL TABLE d USING fts5(title, body, tokenize = 'porter unicode61 remove_diacritics 2');"
	                   "INSERT INTO d VALUES ('Hotspots', 'Familias pidieron educación y internet en casa');",
	                   NULL, NULL, NULL) == SQLITE_OK);
	CHECK(sqlite3_prepare_v2(fts, "SELECT rowid FROM d WHERE d MATCH ?", -1, &match, NULL) == SQLITE_OK);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!fts)
		open_index();
	/* An exact-size, NUL-terminated heap copy. */
	char *s = malloc(size + 1);
	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	struct arena a;
	arena_init(&a);
	const char **terms;
	size_t n = search_terms(&a, s, &terms);
	CHECK(n <= SEARCH_MAX_TERMS);
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(terms[i]);
		CHECK(len > 0 && len <= 64);
		CHECK(utf8_valid(terms[i], len));
		CHECK(!strchr(terms[i], '"'));
	}
	const char *q = search_fts5_query(&a, s);
	CHECK((q == NULL) == (n == 0));
	if (q) {
		sqlite3_reset(match);
		sqlite3_bind_text(match, 1, q, -1, SQLITE_STATIC);
		int rc;
		while ((rc = sqlite3_step(match)) == SQLITE_ROW)
			;
		CHECK(rc == SQLITE_DONE);
	}
	struct buf b;
	buf_init(&b, 1u << 24);
	CHECK(markdown_plain(&b, s) == 0);
	if (utf8_valid(s, strlen(s)) && b.p)
		CHECK(utf8_valid(b.p, b.len));
	buf_release(&b);
	arena_free(&a);
	free(s);
	return 0;
}

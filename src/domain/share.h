/* share: what a district publishes back to its community (seed 000
 * "document and share", seed 001's feedback loop, seed 003 "shout it from
 * the rooftops") — recaps, questions and their answers, and "you said, we
 * did" actions.  Rules only: no HTTP, no SQL. */
#ifndef CG_SHARE_H
#define CG_SHARE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "domain/field.h"

/* ---- Recaps ------------------------------------------------------------ */

struct post {
	int64_t id, district_id;
	const char *slug;           /* a-z, 0-9 and '-': /d/DISTRICT/recaps/SLUG */
	int64_t initiative_id, conversation_id;   /* 0: none */
	const char *status;         /* draft, scheduled, published */
	int64_t publish_at;         /* when it appears (or appeared) on the hub */
	int64_t image_id;           /* 0: none */
	int64_t created_by, created_at, updated_at;
};

/* One language's version of a recap; body is Markdown (rendered in safe
 * mode: no raw HTML). */
struct post_text {
	int64_t post_id, district_id;
	const char *lang;           /* en, es */
	const char *title, *summary, *body;
	int64_t updated_at;
};

/* The fields of a recap's page (domain/field.h): slug, status,
 * initiative_id, conversation_id; the date and time it appears are read
 * by the page (a date alone means 08:00). */
extern const struct field post_fields[];
/* The fields of one language's text: title (one line), summary, body; a
 * page names them title_en, summary_es, … */
extern const struct field post_text_fields[];

/* A cover image's description for those who cannot see it (alt, 1..300
 * characters on one line).  Its fields: */
struct image_alt {
	const char *alt;
};
extern const struct field image_alt_fields[];

#define POST_SLUG_MAX 80
/* Fields: slug, status, publish_at. A scheduled post needs its time. */
int post_check(const struct post *p, struct err *e);
/* Fields: lang, title (1..200 characters, one line), summary (up to 300),
 * body (1..50,000). */
int post_text_check(const struct post_text *t, struct err *e);
/* A slug from a title: accents dropped, lower case, words joined by '-',
 * at most POST_SLUG_MAX bytes; "recap" when nothing is left. */
const char *post_slugify(struct arena *a, const char *title);
/* Whether the hub shows p at instant now. */
bool post_visible(const struct post *p, int64_t now);
/* The version to show a visitor who reads lang: that language's, else
 * English, else the first.  NULL when n is 0. */
const struct post_text *post_pick_text(const struct post_text *t, size_t n, const char *lang);

/* ---- Questions --------------------------------------------------------- */

struct question {
	int64_t id, district_id, initiative_id;
	const char *lang, *body, *email;
	const char *status;         /* new, published, hidden, merged */
	const char *hidden_reason;
	int64_t merged_into;        /* 0: not merged */
	const char *answer;         /* Markdown; "" until answered */
	int64_t answered_by, answered_at, moderated_by, moderated_at, asked_at;
};

bool question_status_ok(const char *s);
/* The fields of the hub's question form (domain/field.h): body, email. */
extern const struct field question_ask_fields[];
/* A visitor's question: body 10..1,000 characters; email optional but well
 * formed (normalised into the question's own copy in a).  Messages are
 * fixed sentences, so that the catalogs translate them. */
int question_check_ask(struct question *q, struct arena *a, struct err *e);
/* Hiding needs a reason (1..300 characters): field hidden_reason. */
int question_check_hide(const char *reason, struct err *e);
/* An answer: 1..20,000 characters of Markdown. Field answer. */
int question_check_answer(const char *answer, struct err *e);

/* Figures on questions: asked, answered, and the median time from asking
 * to answering in seconds (0 when none is answered). */
struct question_figures {
	int64_t asked, answered, median_seconds;
};
/* waits: the answered questions' times to answer (reordered). */
void question_figures_of(int64_t asked, int64_t *waits, size_t nwaits, struct question_figures *out);

/* ---- Actions ----------------------------------------------------------- */

struct action {
	int64_t id, district_id, initiative_id, code_id;
	const char *title, *description, *owner;
	const char *due_on;         /* YYYY-MM-DD or "" */
	const char *status;         /* planned, in_progress, done, not_doing */
	const char *reason;         /* why not, for not_doing */
	int64_t progress;           /* 0..100 */
	int64_t created_by, created_at, updated_at;
};

struct action_update {
	int64_t id, district_id, action_id;
	const char *body, *status;
	int64_t progress, author_id, created_at;
};

bool action_status_ok(const char *s);
/* "Planned", "In progress", "Done", "Not doing" (msgids). */
const char *action_status_label(const char *s);
/* Fields: title (1..200), description (up to 4,000), owner (up to 200),
 * due_on (a real date), status, progress (0..100), reason (required for
 * not_doing).  Done sets progress to 100. */
int action_check(struct action *a, struct err *e);

/* The fields of an action (initiative_id is kept when a form leaves it
 * out), and of the update that may go with a change (its body, sent as
 * "note"). */
extern const struct field action_fields[];
extern const struct field action_note_fields[];

/* The actions the API lists: those of one initiative (0: all). */
struct action_list_ask {
	int64_t initiative_id;
};
extern const struct field action_list_fields[];

/* A moderator's decision on a question: publish, hide (hidden_reason),
 * merge (into), or answer (answer).  Its fields: */
struct question_decision {
	const char *decision, *answer, *hidden_reason;
	int64_t into;
};
extern const struct field question_decision_fields[];

/* The questions the API lists: those of one status ("" or NULL: all). */
struct question_list_ask {
	const char *status;
};
extern const struct field question_list_fields[];

/* What a theme means, said to the public (at most 2000 characters).  Its
 * fields: */
struct theme_public {
	const char *public_description;
};
extern const struct field theme_public_fields[];

/* ---- Search ------------------------------------------------------------ */

#define SEARCH_MAX_TERMS 8
/* The words of a visitor's query (letters and digits, any script), at most
 * SEARCH_MAX_TERMS, each at most 64 bytes; *n 0 when there are none. */
size_t search_terms(struct arena *a, const char *q, const char ***out);
/* An SQLite FTS5 query that matches documents holding every term (each as
 * a quoted prefix: no operator of the visitor's reaches FTS5).  NULL when
 * there are no terms. */
const char *search_fts5_query(struct arena *a, const char *q);

#endif

/* redaction: the context a session's text is redacted in, and redaction run
 * again over what is stored.
 *
 * The context (redaction_context) is everything domain/redact.h needs to
 * know about a session: the names of the people whose names must not
 * survive in what is said there — its registrants and attendees, the
 * district's staff, the conversation's facilitator and the speakers of its
 * transcripts (display names cleaned, domain/display_name.h) — and the
 * district's own words, which are not people (domain/own_words.h): its
 * name, the places its sessions meet, its partner organisations, its
 * sponsors' organisations, its initiatives' titles, its groups and the
 * neighbourhoods of its baseline.  Every text the product redacts (notes,
 * transcript segments, survey comments) is redacted in it, and so is
 * every text a rerun redacts again.
 *
 * A rerun (redaction_rerun_batch) reads the stored texts of one kind page
 * by page and redacts each again in its session's context as it is now:
 * a name learnt since (someone who registered or walked in after the note
 * was taken) is replaced.  Stored text is already redacted and redaction
 * keeps its own placeholders, so running it twice changes nothing. */
#ifndef CG_REDACTION_H
#define CG_REDACTION_H
#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "domain/district.h"
#include "domain/own_words.h"
#include "domain/plan.h"
#include "domain/redact.h"
#include "store/db.h"

/* The context of session s (of conversation c, in district d), in a.
 * speakers are more display names, such as those of a transcript being
 * imported; they are cleaned like the stored ones.  Its cost does not grow
 * with the district's registrations or notes: it reads the session's
 * people, the district's staff and the district's own words, of which the
 * places, partners and sponsors come from every session, conversation and
 * sponsor of the district (a few hundred rows, not thousands).  Returns 0
 * or a store error. */
int redaction_context(struct db *db, struct arena *a, const struct district *d, const struct session *s,
                      const struct conversation *c, const char *const *speakers, size_t nspeakers,
                      struct redact_names **out, struct err *e);

/* The district's own words, as redaction_context allows them (before the
 * names of a session's people are taken out of them). */
int redaction_own_words(struct db *db, struct arena *a, const struct district *d, struct own_words *out,
                        struct err *e);

/* The contexts of the sessions a piece of work meets, each built once:
 * start with redaction_contexts_init, then ask redaction_context_of. */
struct redaction_contexts {
	const struct district *d;
	const struct own_words *own;
	int64_t *session;
	struct redact_names **rn;
	size_t n, cap, rcap;
};

/* Starts cx for district d: reads the district's own words once, in a. */
int redaction_contexts_init(struct db *db, struct arena *a, const struct district *d, struct redaction_contexts *cx,
                            struct err *e);

/* The context of the session session_id (as redaction_context gives it).
 * A session that is gone, or 0, gives the context of what staff write: the
 * district's staff and its own words. */
int redaction_context_of(struct db *db, struct arena *a, struct redaction_contexts *cx, int64_t session_id,
                         struct redact_names **out, struct err *e);

/* The kinds of stored text a rerun goes over, in the order it takes them. */
enum redaction_kind { REDACTION_NOTES, REDACTION_SEGMENTS, REDACTION_SURVEYS, REDACTION_QUOTES };
#define REDACTION_NKINDS 4
/* "notes", "transcript segments", "survey comments", "quotes". */
const char *redaction_kind_name(enum redaction_kind k);

/* What a rerun did to one kind of text (or, in a dry run, would do). */
struct redaction_tally {
	int64_t seen;          /* texts read */
	int64_t changed;       /* texts whose redaction changed */
	int64_t placeholders;  /* placeholders added to them */
	int64_t codings;       /* codings moved to stay on the same words */
	int64_t reproposed;    /* quotes: approved ones sent back to proposed */
	int64_t merged;        /* quotes: once redacted, the same words as another quote of their excerpt,
	                        * and removed (not counted in a dry run) */
	int64_t summaries;     /* saved summaries an approved quote left (not counted in a dry run) */
};

/* A rerun over one kind of text of one district. */
struct redaction_pass {
	const struct district *d;
	enum redaction_kind kind;
	bool dry_run;          /* read and count, write nothing */
	int64_t after;         /* the last id read; 0 to start */
	bool done;             /* no text left */
	struct redaction_tally tally;
};

/* Redacts again the next (at most limit) texts of the pass's kind with an
 * id above p->after, in id order, each in the context of its session as it
 * is now, and adds to p->tally.  A text whose redaction differs is written
 * back (unless dry_run): a note or segment with its words counted again and
 * its codings moved onto the same words (domain/respan.h); a quote whose
 * words change and that was approved goes back to "proposed" and leaves
 * the saved summaries it stood in, as a rejected quote does
 * (report_withdraw_quote).  One transaction per call: on error nothing of
 * the batch is kept and p->after is where the batch began.  Sets p->done
 * when there is no text left.  Texts stored in other districts are never
 * read. */
int redaction_rerun_batch(struct db *db, struct arena *a, struct redaction_pass *p, int64_t limit, struct err *e);

/* How many texts a pass of kind k over the district reads. */
int redaction_rerun_total(struct db *db, int64_t district_id, enum redaction_kind k, int64_t *n, struct err *e);

/* Records in the audit log that actor ran redaction again over district d
 * with these tallies (one per kind, in enum order). */
int redaction_rerun_log(struct db *db, struct arena *a, const struct district *d, const char *actor,
                        const struct redaction_tally *t, struct err *e);

#endif

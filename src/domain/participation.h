/* participation: how evenly the people of one session took part.
 *
 * Input is the session's turns (one per stretch of speech in the transcript,
 * speaker coded "F" for the facilitator and "P1".."Pn" for participants) and
 * the codes of everyone checked in, so that those who never spoke still count.
 * Rules only: no HTTP, no SQL.  See docs/internals/participation.md.
 */
#ifndef CG_PARTICIPATION_H
#define CG_PARTICIPATION_H
#include <stddef.h>

#include "core/arena.h"
#include "core/err.h"

/* A session holds at most this many distinct speaker codes (turns and
 * expected together); more is ERR_LIMIT.  Bounds the work on a hostile
 * transcript. */
#define PARTICIPATION_MAX_SPEAKERS 1000

struct participation_turn {
	const char *speaker;   /* "P1".."Pn" or "F" for the facilitator */
	size_t words;
};

struct participation_speaker {
	const char *code;
	size_t turns, words;
	double share_words;    /* 0..1 of all words; 0 when nobody said a word */
};

struct participation {
	/* Everyone who spoke or was expected: F first, then P1, P2, …
	 * numerically (P10 after P9), then any other code in byte order. */
	size_t nspeakers;
	struct participation_speaker *speakers;
	size_t total_turns, total_words;
	/* The participant (not F) with the most words, the first in speaker
	 * order on a tie; NULL when no participant said a word. */
	const char *loudest;
	double loudest_share;  /* of participants' words (F excluded); 0 with no loudest */
	/* 1 - Gini over participants' word counts, F excluded, silent expected
	 * participants included as 0: 1 is perfectly even, 0 one voice only.
	 * 1 when there are fewer than two participants or none said a word. */
	double balance;
	double facilitator_share;  /* F's share of all words; 0 when no words */
	/* Expected participant codes (F never) with no turn, in the order of
	 * `expected`. */
	size_t nsilent;
	const char **silent;
};

/* Computes the participation of one session into *out.
 *
 * turns: nturns turns, any order; a speaker code not in expected still counts.
 * expected: the codes of everyone present (checked in), duplicates ignored;
 * may be NULL when nexpected is 0.  Codes match exactly (case-sensitive).
 *
 * Everything in *out, strings included, is allocated from a and lives until
 * arena_free; the inputs may be freed once it returns.  Returns 0; or
 * ERR_INVALID (an empty or NULL code, field "speaker" or "expected"),
 * ERR_LIMIT (too many speakers, or a word total that overflows) with *out
 * zeroed. */
int participation_compute(struct arena *a, const struct participation_turn *turns, size_t nturns,
                          const char *const *expected, size_t nexpected, struct participation *out,
                          struct err *e);

#endif

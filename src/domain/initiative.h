/* initiative: a district's piece of work that conversations serve (a
 * one-to-one device rollout, a budget, a new calendar). */
#ifndef CG_INITIATIVE_H
#define CG_INITIATIVE_H
#include <stdint.h>

#include "core/err.h"
#include "domain/field.h"

struct initiative {
	int64_t id;
	int64_t district_id;
	const char *title;
	const char *why;
	const char *mode;   /* "cooperate" or "collaborate" (seed 000) */
	const char *data_behind;  /* the data that led to it */
	const char *goals;        /* one per line */
	const char *questions;    /* the essential questions, one per line */
	int64_t created_at, updated_at;
};

/* Its fields (domain/field.h). */
extern const struct field initiative_fields[];
/* Checks title, why and mode; e->field names the first field at fault. */
int initiative_check(const struct initiative *in, struct err *e);

#endif

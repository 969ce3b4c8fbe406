/* views: records as JSON objects, the one shape shared by page templates and
 * the API.  Each returns a new reference. */
#ifndef CG_VIEWS_H
#define CG_VIEWS_H
#include <jansson.h>

#include "domain/account.h"
#include "domain/district.h"
#include "domain/initiative.h"

json_t *view_district(const struct district *d);
json_t *view_user(const struct user *u);
json_t *view_initiative(const struct initiative *in);
/* Unix seconds as ISO 8601 UTC. */
json_t *view_time(int64_t t);

#endif

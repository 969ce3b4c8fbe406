/* baseline: the community's make-up per dimension, typed in or imported
 * from a CSV file with the columns dimension, category and share. */
#ifndef CG_BASELINE_H
#define CG_BASELINE_H
#include "service/contacts.h"

/* Like contacts_import: the file refused whole when unusable, each bad row
 * listed by line, the good rows saved in one transaction (added counts
 * them). */
int baseline_import(struct db *db, struct arena *a, const struct district *d, const char *data, size_t len,
                    struct import_report *rep, struct err *e);

#endif

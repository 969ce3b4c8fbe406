/* settings_store: the site's settings (settings), shared by every district. */
#ifndef CG_SETTINGS_STORE_H
#define CG_SETTINGS_STORE_H
#include "store/db.h"

/* The site's secret for registration links: made once, 32 random bytes. */
int settings_store_secret(struct db *db, unsigned char out[32], struct err *e);

#endif

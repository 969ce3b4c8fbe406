/* redact_people: names of people nobody registered. */
#include "domain/redact_int.h"

void rx_find_people(const struct scan *sc, const struct redact_names *rn, struct spans *names,
                    struct spans *doubts)
{
	(void)sc;
	(void)rn;
	(void)names;
	(void)doubts;
}

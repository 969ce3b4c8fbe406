#include "web/area.h"

#include <string.h>

/* Facilitators and partners (ROLE_TEAM) work in Capture only. */
static const struct area areas[] = {
	{"plan", "/admin/plan", "Plan", ROLE_STAFF, NULL},
	{"invite", "/admin/invite", "Invite", ROLE_STAFF, NULL},
	{"capture", "/admin/capture", "Capture", ROLE_TEAM, NULL},
	{"understand", "/admin/understand", "Understand", ROLE_STAFF, NULL},
	{"share", "/admin/share", "Share", ROLE_STAFF, NULL},
	{"strategy", "/admin/strategy", "Strategy", ROLE_STAFF, "Goals, the communication plan and the outreach log."},
	{"partners", "/admin/partners", "Partners", ROLE_STAFF,
	 "Partner organizations, agreements and the resource directory."},
	{"network", "/admin/network", "Network", ROLE_STAFF, "Peers, cohorts and the shared library across districts."},
};

#define NAREAS (sizeof(areas) / sizeof(areas[0]))

size_t area_count(void)
{
	return NAREAS;
}

const struct area *area_at(size_t i)
{
	return i < NAREAS ? &areas[i] : NULL;
}

const struct area *area_find(const char *key)
{
	for (size_t i = 0; key && i < NAREAS; i++)
		if (strcmp(areas[i].key, key) == 0)
			return &areas[i];
	return NULL;
}

bool area_visible(const struct area *ar, enum role role)
{
	return role_at_least(role, ar->least);
}

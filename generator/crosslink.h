/* crosslink.h: part of stage 2 (resolve), run once every page's data
 * exists: relations shown on both of their sections, the journeys that use
 * a guideline or topic, and backlinks. Adds no pages. */
#ifndef SHIRUBE_CROSSLINK_H
#define SHIRUBE_CROSSLINK_H

#include "site.h"

void crosslink_site(site *s);

#endif

/* generate.h: stage 3. Adds the generated pages (journey maps and
 * checklists, home, lists, 404, search, coverage matrix and its CSV/JSON,
 * comparisons, changes and feed) to a resolved site. */
#ifndef SHIRUBE_GENERATE_H
#define SHIRUBE_GENERATE_H

#include "context.h"
#include "site.h"

/* Adds every generated page and file to s; the git history is read here
 * (serve keeps it in b->git_cache). */
void generate_site(site *s, build_ctx *b);

#endif

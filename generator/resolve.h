/* resolve.h: stage 2. Renders every Markdown body (with topic
 * auto-links), checks every field and reference of the loaded content,
 * and builds each page's template data (page.data): sections, coverage of
 * every guideline x topic, journeys' steps, the start check; then the
 * cross-links between them (crosslink.c). Adds no pages. */
#ifndef SHIRUBE_RESOLVE_H
#define SHIRUBE_RESOLVE_H

#include "context.h"
#include "site.h"

/* Resolves s in place; serve's rendered Markdown is kept in b->md_cache.
 * Returns 1 when no error was reported. */
int resolve_site(site *s, build_ctx *b);
/* Notes, for `check`, every guideline that still has unreviewed topics. */
void report_unreviewed(site *s);
/* Frees serve's Markdown cache (NULL is fine). */
void md_cache_free(struct md_cache *c);

#endif

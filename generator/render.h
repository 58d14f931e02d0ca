/* render.h: stage 5. Renders every page of the finished site (after the
 * hooks) with the theme into a directory, with the publishing data
 * (publish.c: descriptions, sitemap.xml, robots.txt) computed over the
 * final page list first. */
#ifndef SHIRUBE_RENDER_H
#define SHIRUBE_RENDER_H

#include "context.h"
#include "site.h"

/* Renders into dir (which exists); writes go through b->log when serve
 * records them. *pages_written counts the HTML pages. Returns 1/0. */
int render_site(site *s, build_ctx *b, const char *dir, int *pages_written);

#endif

/* publish.h: part of stage 5 (render). What a published site needs
 * besides its pages: a description for every page (meta and OpenGraph),
 * sitemap.xml when base_url is set, and robots.txt. */
#ifndef SHIRUBE_PUBLISH_H
#define SHIRUBE_PUBLISH_H

#include "site.h"

/* Sets page.meta_description on every page and adds sitemap.xml and
 * robots.txt to s->files (call when every page exists, before render). */
void publish_prepare(site *s, int threads);

#endif

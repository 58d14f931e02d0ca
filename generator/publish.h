/* publish.h: what a published site needs besides its pages: a description
 * for every page (meta and OpenGraph), sitemap.xml and canonical URLs when
 * base_url is set, robots.txt and the 404 page. */
#ifndef SHIRUBE_PUBLISH_H
#define SHIRUBE_PUBLISH_H

#include "site.h"

/* Adds the 404 page (call before hooks may add pages). */
void publish_add_pages(site *s);
/* Sets page.meta_description on every page and adds sitemap.xml and
 * robots.txt to s->files (call when every page exists, before render). */
void publish_prepare(site *s);

#endif

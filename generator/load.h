/* load.h: stage 1. Reads the config (config.c), every Markdown file under
 * the content directory (front matter + body), content/relations.yaml and
 * start-check.yaml, personas/ and journeys/, and the theme's UI strings
 * into the site model. Nothing is rendered yet. */
#ifndef SHIRUBE_LOAD_H
#define SHIRUBE_LOAD_H

#include "site.h"

/* Reads everything into s (project_dir, content_dir and base_url already
 * set by the caller), the Markdown files on up to threads threads.
 * Reports problems with diag(), in the order of the files; returns 1 if
 * loading could go on. */
int load_site(site *s, int threads);
/* Exposed for the fuzz harness: splits a Markdown file's text[0..len)
 * (NUL-terminated, UTF-8 without NUL bytes, as load reads it) into
 * "---\n yaml \n---\n" front matter and body. Returns the front matter (a
 * new map, empty when there is none) and sets *body (pointing into text)
 * and *body_line; NULL after reporting an error with diag(). */
value *split_front_matter(const char *path, const char *text, size_t len,
			  const char **body, int *body_line);

#endif

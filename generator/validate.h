/* validate.h: HTML validation of generated pages with tidy-html5 (used by
 * `shirube check`). */
#ifndef SHIRUBE_VALIDATE_H
#define SHIRUBE_VALIDATE_H

#include <stddef.h>

/* Validates one page. Problems are reported with diag() at
 * out_path:line:col, naming the template and the source file. Returns the
 * number of errors found. */
int validate_html(const char *out_path, const char *html, size_t len, const char *tmpl,
		  const char *src);

struct site;
struct tidy_cache;
/* serve: validate_html over every HTML page of the built site in dir,
 * after the build (a build for serve renders on every core, without
 * tidy). *cache keeps each page's findings while its HTML stays the
 * same, so a rebuild runs tidy only on the pages that changed. Stops
 * early when stop(stop_ud) says so (a source changed meanwhile).
 * Returns the errors. */
int check_html(struct site *s, const char *dir, struct tidy_cache **cache, int (*stop)(void *),
	       void *stop_ud);
void tidy_cache_free(struct tidy_cache *c);

/* Checks every internal link and #anchor of the built site in dir (every
 * page's HTML as written), reports broken ones as errors at the page and
 * line, and pages nothing links to as warnings. Returns the errors. */
int check_links(struct site *s, const char *dir);

#endif

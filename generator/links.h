/* links.h: part of stage 2 (resolve): the links and images of Markdown
 * bodies. A link to a Markdown file is resolved relative to the file it is
 * written in, as on GitHub (`../guidelines/x.md#part-1`), a link by id
 * (`x`, `x#part-1`) through the reference namespace, and a relative link
 * to another file under content/ (an image) relative to the source too;
 * each is rewritten to the target's published URL relative to the page
 * being written. See docs/content-format.md, "Links". */
#ifndef SHIRUBE_LINKS_H
#define SHIRUBE_LINKS_H

#include "site.h"

#include <stdint.h>

/* Lookups for resolving links: pages by source file (relative to the
 * content directory), content files that are copied as they are. */
typedef struct link_model link_model;
link_model *links_model_new(const site *s);
void links_model_free(link_model *m);
/* A signature of everything link rewriting depends on (serve's cache). */
uint64_t links_model_sig(const link_model *m);

/* What md_autolink.rewrite needs for one page. */
typedef struct link_ctx {
	const link_model *m;
	const page *p;
	const char *src;  /* the file the Markdown is written in */
	const char *root; /* from p's output to the site root ("../") */
} link_ctx;

/* md_autolink.rewrite: ud is a link_ctx. No diagnostics (it runs on any
 * of par_for's threads); links_report reports what did not resolve. */
char *links_rewrite(void *ud, const char *url, int image);

/* Reports, at the source line and column, every link of d (rendered for
 * the page in ctx) that names a page or section that does not exist, and
 * warns about links that leave the site. Run after every page's Markdown
 * is rendered (anchors are checked against the target's headings). */
void links_report(const link_ctx *ctx, const md_doc *d);

#endif

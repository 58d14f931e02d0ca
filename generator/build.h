/* build.h: the pipeline, stage by stage, for the commands in main.c:
 * load -> resolve -> generate -> hooks -> render -> index -> write. Owns
 * the build context (context.h) and frees what each stage left in it. */
#ifndef SHIRUBE_BUILD_H
#define SHIRUBE_BUILD_H

#include "context.h"
#include "site.h"

/* Where the site comes from: the config file (NULL: shirube.yaml when it
 * exists), the content directory (NULL: content/), --base-url and --theme
 * or NULL. */
typedef struct build_source {
	const char *config, *content, *base_url, *theme;
} build_source;

/* A new build context: validate for check, serve for the preview. */
build_ctx *build_ctx_new(int validate, int serve);
/* Frees the context with serve's caches and kept tree (removed). */
void build_ctx_free(build_ctx *b);
/* A new, empty site for src: project, content directory, base URL. */
site *build_site_new(const build_source *src);
/* Runs the stages into a new temporary directory beside out (check: a
 * scratch path) and returns it, or NULL after errors (nothing left). A
 * build stops at the first stage with errors; check goes on to report
 * broken links and HTML problems too. *pages counts the HTML pages. */
char *build_pipeline(build_ctx *b, site *s, const char *out, int *pages);
/* Builds src into out: the pipeline, then the atomic swap (serve: the
 * pages first, then the index). Returns 1 when it succeeded. */
int build_into(build_ctx *b, const build_source *src, const char *out, int *pages);

#endif

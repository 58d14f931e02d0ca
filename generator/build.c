/* build.c: see build.h. Calls each stage in order and nothing else: what a
 * stage does lives in its own file. */
#include "build.h"
#include "validate.h"
#include "diag.h"
#include "generate.h"
#include "gitinfo.h"
#include "hooks.h"
#include "index.h"
#include "load.h"
#include "render.h"
#include "resolve.h"
#include "util.h"
#include "write.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

build_ctx *build_ctx_new(int validate, int serve)
{
	build_ctx *b = xcalloc(1, sizeof *b);
	b->validate = validate;
	b->serve = serve;
	b->threads = threads_default();
	b->spare.lock = -1;
	b->out_lock = -1;
	return b;
}

void build_ctx_free(build_ctx *b)
{
	if (!b)
		return;
	hooks_free(b->hooks);
	md_cache_free(b->md_cache);
	git_cache_free(b->git_cache);
	tidy_cache_free(b->tidy_cache);
	write_drop_spare(b, 1);
	write_log_free(b->log);
	write_end(b);
	free(b);
}

static char *abs_path(const char *p)
{
	if (p[0] == '/')
		return xstrdup(p);
	char cwd[PATH_MAX];
	if (!getcwd(cwd, sizeof cwd))
		return xstrdup(p);
	return strcmp(p, ".") ? path_join(cwd, p) : xstrdup(cwd);
}

site *build_site_new(const build_source *src)
{
	site *s = site_new();
	const char *cfg = src->config;
	if (!cfg && access("shirube.yaml", F_OK) == 0)
		cfg = "shirube.yaml";
	if (cfg) {
		s->config_path = intern_path(cfg);
		char *a = abs_path(cfg);
		char *slash = strrchr(a, '/');
		*slash = 0;
		s->project_dir = xstrdup(*a ? a : "/");
		free(a);
	} else
		s->project_dir = abs_path(".");
	s->content_dir = xstrdup(src->content ? src->content : "content");
	if (src->base_url)
		s->base_url = xstrdup(src->base_url);
	if (src->theme)
		s->theme_dir = abs_path(src->theme);
	return s;
}

/* SHIRUBE_TIMING=1 prints how long each stage took (for profiling). */
static void stage_time(const char *name, double *t)
{
	double now = now_ms();
	if (name && timing_on())
		fprintf(stderr, "shirube: %-8s %7.1f ms\n", name, now - *t);
	*t = now;
}

/* Stages 1-4: the site model, complete. Returns 0 when the build stops. */
static int build_model(build_ctx *b, site *s, double *t)
{
	s->show_drafts = b->serve;
	if (!load_site(s, b->threads))
		return 0;
	stage_time("load", t);
	resolve_site(s, b);
	stage_time("resolve", t);
	generate_site(s, b);
	stage_time("generate", t);
	if (!diag_errors())
		hooks_run(s, &b->hooks); /* the Lua files in content/hooks/ */
	stage_time("hooks", t);
	/* check goes on after content errors, to report broken links and
	 * HTML problems too; a build stops here */
	return !(diag_errors() && !b->validate);
}

char *build_pipeline(build_ctx *b, site *s, const char *out, int *pages)
{
	double t = 0;
	stage_time(NULL, &t);
	if (!build_model(b, s, &t))
		return NULL;
	char *tmp = write_begin(b, out);
	if (!tmp)
		return NULL;
	int ok = render_site(s, b, tmp, pages);
	if (b->recycled)
		ok = write_sweep(b, tmp, s->cfg.search) && ok;
	stage_time("render", &t);
	if (ok && s->cfg.search && !b->serve)
		ok = index_site(s, b, tmp);
	stage_time("index", &t);
	if (!ok || (diag_errors() && !b->validate)) {
		write_abort(b, tmp);
		return NULL;
	}
	return tmp;
}

/* serve: after the pages, the index; over a recycled tree the index files
 * of the site before last are rewritten in place, and the ones not
 * written again go. */
static void serve_index(build_ctx *b, site *s, const char *out)
{
	if (!s->cfg.search)
		return;
	if (!b->recycled) {
		index_site(s, b, out);
		return;
	}
	b->log = write_log_new();
	index_site(s, b, out);
	char *sdir = path_join(out, "search");
	sweep_unwritten(sdir, b->log, NULL);
	free(sdir);
	write_log_free(b->log);
	b->log = NULL;
}

int build_into(build_ctx *b, const build_source *src, const char *out, int *pages)
{
	double t0 = now_ms();
	site *s = build_site_new(src);
	*pages = 0;
	b->recycled = 0;
	char *tmp = write_out_allowed(s, out) ? build_pipeline(b, s, out, pages) : NULL;
	int committed = tmp && write_commit(b, tmp, out);
	if (committed && b->serve && !diag_errors()) {
		fprintf(stderr, "shirube serve: pages ready in %.1f ms\n", now_ms() - t0);
		serve_index(b, s, out);
	}
	write_end(b);
	int ok = diag_errors() == 0;
	/* serve: the link and HTML checks of `check` too, shown over the
	 * preview (the build itself succeeded) */
	if (ok && committed && b->serve) {
		if (b->ready)
			b->ready(b->waiting_ud);
		double tl = now_ms();
		/* stop as soon as a source changed: the next rebuild checks */
		int (*stop)(void *) = b->waiting;
		if (!stop || !stop(b->waiting_ud))
			check_links(s, out);
		double th = now_ms();
		if (timing_on())
			fprintf(stderr, "shirube: links    %7.1f ms\n", th - tl);
		if (!stop || !stop(b->waiting_ud))
			check_html(s, out, &b->tidy_cache, stop, b->waiting_ud);
		if (timing_on())
			fprintf(stderr, "shirube: html     %7.1f ms\n", now_ms() - th);
	}
	double tf = now_ms();
	hooks_free(b->hooks);
	b->hooks = NULL;
	if (!b->exiting)
		site_free(s);
	if (timing_on())
		fprintf(stderr, "shirube: free     %7.1f ms\n", now_ms() - tf);
	return ok;
}

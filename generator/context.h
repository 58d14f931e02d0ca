/* context.h: the build context, what one run of the pipeline knows
 * besides the site model: the command (build, check or serve), the
 * threads to use, and the caches serve keeps between rebuilds. It
 * replaces file-level state: each cache belongs to the stage that fills
 * it (the opaque types below) and is freed by build.c with that stage's
 * free function. Types only, so every stage can include it. */
#ifndef SHIRUBE_CONTEXT_H
#define SHIRUBE_CONTEXT_H

#include "util.h"

struct hooks;     /* hooks.c: the Lua hooks' states, for render's helpers */
struct md_cache;  /* resolve.c: rendered Markdown by output path */
struct git_cache; /* gitinfo.c: the history read at one HEAD */
struct tidy_cache; /* validate.c: tidy's findings per page */

/* serve's previous site, kept for the next rebuild to render over (write.c). */
typedef struct spare_tree {
	char *dir; /* OUT.tmp-XXXXXX, marked and locked; NULL when none */
	int lock;  /* its flock()ed descriptor, -1 when none */
} spare_tree;

typedef struct build_ctx {
	int validate;  /* check: tidy every page, go on after content errors */
	int serve;     /* serve: keep the caches between rebuilds */
	int threads;   /* SHIRUBE_THREADS or one per core (util.h) */
	struct hooks *hooks;         /* after stage 4: the hooks' states */
	struct md_cache *md_cache;   /* serve only */
	struct git_cache *git_cache; /* serve only */
	struct tidy_cache *tidy_cache; /* serve only */
	int (*waiting)(void *ud);    /* serve: a change waits, stop checking */
	void (*ready)(void *ud);     /* serve: the pages are in place */
	void *waiting_ud;
	spare_tree spare;            /* serve only */
	int out_lock;  /* the flock()ed temporary directory being built, or -1 */
	write_log *log;              /* serve: files written by this rebuild */
	int recycled;  /* serve: this rebuild rendered over the spare tree */
	int exiting;   /* build: the process ends right after, so the site's
			* memory is left to exit() instead of ~20,000 free()s */
} build_ctx;

#endif

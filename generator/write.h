/* write.h: stage 7. The output directory's life: every build renders into
 * a temporary sibling (OUT.tmp-XXXXXX, marked as shirube's and flock()ed
 * while in use) that replaces OUT in one atomic exchange only when the
 * whole build succeeded, so OUT is always a complete old or new site.
 * shirube only ever replaces a directory it made or an empty one. serve
 * keeps the site that a swap moved out and renders the next build over it
 * (in place, then removing what that build did not write). */
#ifndef SHIRUBE_WRITE_H
#define SHIRUBE_WRITE_H

#include "context.h"
#include "site.h"

/* The file that marks a directory as shirube output. */
#define OUT_MARKER ".shirube-site"

/* Whether out may be replaced by a build of s: not the project, the
 * content or the theme (or a directory holding them), and either missing,
 * empty or marked as shirube's. Reports why not; returns 1/0. */
int write_out_allowed(const site *s, const char *out);
/* The directory this build renders into: serve's kept previous site
 * (b->recycled set, b->log recording), else a new marked and locked
 * OUT.tmp-XXXXXX. NULL after reporting. The caller owns the string. */
char *write_begin(build_ctx *b, const char *out);
/* After rendering over a recycled tree: removes what the build did not
 * write (keeping search/ when keep_search, rewritten after the swap).
 * Ends b->log. Returns 1/0. */
int write_sweep(build_ctx *b, const char *tmp, int keep_search);
/* Puts tmp in place of out (an atomic exchange when out exists), then
 * removes the previous site, or keeps it for serve's next build, and the
 * leftovers of builds killed midway. Frees tmp. Returns 1/0. */
int write_commit(build_ctx *b, char *tmp, const char *out);
/* Removes a temporary directory of a failed build and frees it. */
void write_abort(build_ctx *b, char *tmp);
/* Releases this build's lock on its temporary directory. */
void write_end(build_ctx *b);
/* Forgets serve's kept previous site, removing it when remove is set
 * (serve stops) but not when it is no longer ours to remove. */
void write_drop_spare(build_ctx *b, int remove);

#endif

/* gitinfo.h: part of stage 3 (generate). What the git history says about
 * the content, read with libgit2 in one walk (no git process per file):
 * the last commit date of every source file, and the content changes for
 * the 更新履歴 page and its feed (guideline version changes first).
 * Outside a git checkout everything still builds, without dates. */
#ifndef SHIRUBE_GITINFO_H
#define SHIRUBE_GITINFO_H

#include "context.h"
#include "site.h"

typedef struct git_history {
	int found;       /* a repository with commits was read */
	value *versions; /* [{title, url, date, iso, old_version, new_version}] */
	value *commits;  /* [{date, iso, commit, summary, pages: [{title, url}]}]: the commits with a
			    * Changelog: trailer (summary is its text), newest first */
} git_history;

/* Reads the history (unless SHIRUBE_GIT=0 or git_history: false), sets
 * page.updated (YYYY-MM-DD) on every page with a source file and fills h
 * (the caller frees h->versions and h->commits). serve keeps the walk of
 * one HEAD in b->git_cache. */
void gitinfo_read(site *s, build_ctx *b, git_history *h);
/* Frees serve's history cache (NULL is fine). */
void git_cache_free(struct git_cache *c);

#endif

/* gitinfo.h: what the git history says about the content, read with
 * libgit2 in one walk (no git process per file): the last commit date of
 * every source file, and the list of content changes for the 更新履歴 page
 * and the Atom feed (guideline version changes first). Outside a git
 * checkout everything still builds, without dates. */
#ifndef SHIRUBE_GITINFO_H
#define SHIRUBE_GITINFO_H

#include "site.h"

/* Sets page.updated (YYYY-MM-DD) on every page with a source file, adds
 * the changes page (changes.html) and feed.xml. Returns 1 if a repository
 * was found. */
int gitinfo_apply(site *s);

#endif

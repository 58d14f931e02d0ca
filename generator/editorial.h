/* editorial.h: the editorial fields of front matter (issue 21), checked in
 * stage 2 (resolve.c calls editorial_check on every page): change notes
 * (changes: [{date, note}]), which 更新履歴 and the feed publish
 * (generate.c's add_changes); draft:, which load.c reads to leave a page
 * out of build and check (serve keeps it, marked); published: dates; and
 * placeholders left from the templates of `shirube new` (scaffold.c).
 * Called before resolve renders the bodies (it reads page.body_src). */
#ifndef SHIRUBE_EDITORIAL_H
#define SHIRUBE_EDITORIAL_H

#include "site.h"

/* A real calendar date written YYYY-MM-DD (leap years counted). */
int editorial_date_valid(const char *d);
/* Whether front matter (or a YAML file's map) says draft: true. */
int editorial_is_draft(const value *meta);
/* Reports every mistake in p's editorial fields at its path:line:col. */
void editorial_check(page *p);

#endif

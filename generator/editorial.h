/* editorial.h: the editorial fields of front matter (issue 21), checked in
 * stage 2 (resolve.c calls editorial_check on every page): change notes
 * (changes: [{date, note}]), which 更新履歴 and the feed publish
 * (generate.c's add_changes). */
#ifndef SHIRUBE_EDITORIAL_H
#define SHIRUBE_EDITORIAL_H

#include "site.h"

/* A real calendar date written YYYY-MM-DD (leap years counted). */
int editorial_date_valid(const char *d);
/* Reports every mistake in p's editorial fields at its path:line:col. */
void editorial_check(page *p);

#endif

/* luapat.h: what a Lua pattern match will cost, before Lua runs it.
 * string.find and friends backtrack inside C, where a hook's instruction
 * count never fires: `(".-"):rep(4) .. "x"` on 130 characters ran for
 * 69 s. luapat_cost runs the same backtracking search (Lua 5.4's pattern
 * rules, read from the reference manual) without building results, and
 * stops at a step limit; hooks.c charges the steps to the hook's budget
 * and refuses a call that would pass it. */
#ifndef SHIRUBE_LUAPAT_H
#define SHIRUBE_LUAPAT_H

#include <stddef.h>

enum {
	LUAPAT_FIRST, /* string.find, string.match: the first match from init */
	LUAPAT_ALL,   /* string.gmatch, string.gsub: every match */
	LUAPAT_PLAIN, /* string.find with plain = true: a substring search */
};

/* Steps the search of pattern p in subject s from byte init (0-based)
 * takes, at most `max` matches for LUAPAT_ALL (0: no limit). Returns
 * limit + 1 as soon as it passes limit. A malformed pattern stops the
 * count where Lua would raise its error (the real call then raises it). */
long long luapat_cost(const char *s, size_t ls, const char *p, size_t lp, size_t init, int mode,
		      long long max, long long limit);

#endif

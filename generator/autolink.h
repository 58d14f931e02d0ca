/* autolink.h: a multi-pattern matcher (Aho-Corasick over NFKC + case-folded
 * UTF-8) that finds topic synonyms in text, so the first mention of a
 * topic in a section can link to its hub. Full-width and half-width forms
 * match alike (ＩＳＭＳ = ISMS, ﾊﾞｯｸｱｯﾌﾟ = バックアップ). */
#ifndef SHIRUBE_AUTOLINK_H
#define SHIRUBE_AUTOLINK_H

#include <stddef.h>

typedef struct autolinker autolinker;

typedef struct al_match {
	size_t start, end; /* byte offsets in the original text */
	int id;            /* the id given to al_add */
} al_match;

autolinker *al_new(void);
void al_free(autolinker *al);
/* Adds a pattern meaning `id`; empty patterns are ignored. Call before
 * al_build. */
void al_add(autolinker *al, const char *pattern, int id);
/* Builds the automaton. */
void al_build(autolinker *al);
/* Number of patterns added. */
size_t al_count(const autolinker *al);
/* Finds non-overlapping matches, leftmost first and longest at each
 * position, on character boundaries; a pattern that begins or ends with
 * an ASCII letter or digit must not touch another one there. Returns the
 * count and sets *out (caller frees; NULL when none). */
size_t al_find(const autolinker *al, const char *text, size_t len, al_match **out);

/* The text normalisation used for matching (NFKC + case folding), exposed
 * for tests. Caller frees. */
char *al_normalize(const char *text, size_t len);

#endif

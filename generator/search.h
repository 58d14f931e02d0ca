/* search.h: the search tokenizer shared by the index (C) and the browser
 * (themes/default/assets/search.js), which must agree token for token
 * (tests/search/tokenize.json is run by both):
 *
 *  1. NFKC + case folding of the whole text;
 *  2. runs of Han/kana characters (with ー 々 〆 ヽ ゝ) become overlapping
 *     bigrams, a run of one character a unigram;
 *  3. runs of other letters, digits and marks (Latin, digits, Greek, ...)
 *     become one word each, cut to SR_MAX_WORD characters;
 *  4. everything else separates; every token takes the next position. */
#ifndef SHIRUBE_SEARCH_H
#define SHIRUBE_SEARCH_H

#include <stddef.h>

#define SR_MAX_WORD 32

typedef enum { SR_WORD = 1, SR_CJK = 2 } sr_kind;

typedef struct sr_token {
	const char *s; /* points into the normalised text */
	size_t len;
	int pos;
	sr_kind kind;
	int run;       /* index of the run the token belongs to */
} sr_token;

/* Calls fn for every token of text. Returns the number of tokens. */
typedef void (*sr_fn)(void *ud, const sr_token *t);
int sr_tokenize(const char *text, size_t len, sr_fn fn, void *ud);
/* The same, handing the normalised text that the tokens point into over to
 * the caller (*keep, to free) so they stay valid after the call. */
int sr_tokenize_keep(const char *text, size_t len, sr_fn fn, void *ud, char **keep);

/* The key of a name (a page title, a heading, a synonym) for exact-name
 * lookups: NFKC + case folded, only the characters that tokens are made
 * of, prefixed with '^'. Caller frees. */
char *sr_name_key(const char *text, size_t len);

/* Is cp a character that NFKC and case folding leave as it is and that
 * combines with nothing but a following mark (kana, kanji, common
 * Japanese punctuation)? Fast paths skip utf8proc for these. */
int sr_nfkc_stable(int cp);

/* NFKC + case folding (caller frees). */
char *sr_normalize(const char *text, size_t len, size_t *out_len);

#endif

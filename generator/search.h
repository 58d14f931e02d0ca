/* search.h: the search tokenizer shared by the index (C) and the browser
 * (themes/default/assets/search.js), which must agree token for token
 * (tests/search/tokenize.json is run by both):
 *
 *  1. NFKC + case folding of the whole text;
 *  2. runs of Han/kana characters (with ー 々 〆 ヽ ゝ) become overlapping
 *     bigrams, a run of one character a unigram;
 *  3. runs of other letters, digits and marks (Latin, digits, Greek, ...)
 *     become one word each, cut to SR_MAX_WORD characters;
 *  4. everything else separates; every token takes the next position.
 *
 * With a variant table (content/search-variants.yaml), step 1 is followed
 * by replacing every variant spelling with its canonical form: left to
 * right, the longest variant that starts at each position, on the
 * normalised text (search.js does the same with the table in meta.js). */
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

/* A table of variant spellings (from -> to), both normalised. */
typedef struct sr_variants sr_variants;
sr_variants *sr_variants_new(void);
/* Adds one variant; returns 0 (nothing added) when from normalises to
 * nothing or to a variant already in the table, or equals to. */
int sr_variants_add(sr_variants *v, const char *from, const char *to);
size_t sr_variants_count(const sr_variants *v);
/* The i-th entry (in the order added), normalised. */
void sr_variants_at(const sr_variants *v, size_t i, const char **from, const char **to);
void sr_variants_free(sr_variants *v);
/* The normalised text s[0..n) with the variants replaced (a new string,
 * *out_len bytes; caller frees), or NULL when none occurs. */
char *sr_variants_apply(const sr_variants *v, const char *s, size_t n, size_t *out_len);

/* Calls fn for every token of text. Returns the number of tokens. */
typedef void (*sr_fn)(void *ud, const sr_token *t);
int sr_tokenize(const char *text, size_t len, sr_fn fn, void *ud);
/* The same, handing the normalised text that the tokens point into over to
 * the caller (*keep, to free) so they stay valid after the call. */
int sr_tokenize_keep(const char *text, size_t len, sr_fn fn, void *ud, char **keep);
/* The same with a variant table (NULL: none). */
int sr_tokenize_with(const sr_variants *v, const char *text, size_t len, sr_fn fn, void *ud, char **keep);

/* The key of a name (a page title, a heading, a synonym) for exact-name
 * lookups: NFKC + case folded, only the characters that tokens are made
 * of, prefixed with '^'. Caller frees. */
char *sr_name_key(const char *text, size_t len);
/* The same after replacing variants (v may be NULL). */
char *sr_name_key_with(const sr_variants *v, const char *text, size_t len);

/* Is cp a character that NFKC and case folding leave as it is and that
 * combines with nothing but a following mark (kana, kanji, common
 * Japanese punctuation)? Fast paths skip utf8proc for these. */
int sr_nfkc_stable(int cp);

/* NFKC + case folding (caller frees). */
char *sr_normalize(const char *text, size_t len, size_t *out_len);

#endif

/* index.h: stage 6, the search index, over the rendered site. Every section of every page becomes
 * a document; the index is written as classic scripts under search/ (no
 * fetch, no modules, no WebAssembly) so it works from file:// and under
 * any sub-path:
 *
 *   search/meta.js     shirube_m({...}): counts, shard parameters (k,
 *                      heavy keys "hv"), the long lists ("b": {term: N}),
 *                      hubs, filters
 *   search/t/N.js      shirube_t(N, {term: "postings", ...}): df, then per
 *                      document doc, w, c, pos... as base64url varints
 *                      (5 bits a character, 32 = more follow; c = positions
 *                      * 2, + 1 if later ones were dropped; doc and pos are
 *                      deltas)
 *   search/t/bN.js     one long posting list; its shard has term: N
 *   search/d/N.js      shirube_d(N, [[url, title, section, text], ...]),
 *                      documents N*per to N*per+per-1; a text that is a
 *                      number k is the text of record k of the same file
 *
 * A term lives in shard fnv1a(key) % k, key being its first character
 * for Han/kana terms and its first two otherwise, one more when that key
 * is heavy (its terms would fill more than a shard; listed in meta.js as
 * "hv"), so a bigram's or a word's shard is known before its last
 * character is typed and words that share a 3-character prefix sit in one
 * shard (prefix search); a name "^NAME" sits with NAME's first term. Hub
 * documents (topics, guideline overviews) are numbered first, so they
 * share the first chunks. Postings hold the BM25 term weight
 * (x100, with field boosts and length normalisation applied) and, for
 * Han/kana bigrams, positions for phrase matching. Copies (documents
 * with the same title, section and text at other URLs) are numbered next
 * to each other, so they share a chunk and their text is stored once. */
#ifndef SHIRUBE_INDEX_H
#define SHIRUBE_INDEX_H

#include "context.h"
#include "site.h"

/* Writes the index into dir/search/ on b->threads threads (through b->log
 * when serve records the files written). Returns 1/0 (reported with diag). */
int index_site(site *s, build_ctx *b, const char *dir);

#endif

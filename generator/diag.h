/* diag.h: GCC-style diagnostics, "path:line:col: error: message", counted
 * so a run reports every problem and exits non-zero at the end. */
#ifndef SHIRUBE_DIAG_H
#define SHIRUBE_DIAG_H

#include "value.h"

typedef enum { DIAG_ERROR, DIAG_WARNING, DIAG_NOTE } diag_level;

/* Reports a problem at pos (file may be NULL, line/col 0 = unknown). */
void diag(diag_level lvl, srcpos pos, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Prints an indented "hint: ..." line under the previous diagnostic. */
void diag_hint(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
srcpos pos_at(const char *file, int line, int col);
/* file as messages show it: relative to the working directory when it is
 * inside it (cwd is a buffer of size bytes for the call to use). */
const char *diag_path(const char *file, char *cwd, size_t size);

int diag_errors(void);
int diag_warnings(void);
void diag_reset(void);
/* When set, diagnostics are also kept (for --format=json and tests). */
void diag_set_quiet(int quiet);
/* show = 0: notes are neither printed nor kept (--quiet). */
void diag_set_notes(int show);
void diag_set_json(int json);
/* Also appends every message (and hint) as text to b; NULL stops. */
struct buf;
void diag_set_capture(struct buf *b);
/* Deferred diagnostics: while a thread defers to a list, its diag() and
 * diag_hint() calls are kept there, uncounted, so work done in parallel
 * can report in a fixed order afterwards with diag_replay (which reports
 * and empties the list). diag_defer(NULL) reports directly again. */
typedef struct diag_list {
	struct diag_item *items;
	size_t n, cap;
} diag_list;
void diag_defer(diag_list *l);
void diag_replay(diag_list *l);
/* Reports the list and keeps it (serve's cache of tidy's findings). */
void diag_replay_keep(const diag_list *l);
void diag_list_free(diag_list *l);

/* "Did you mean": keeps the candidate closest to word by edit distance
 * (in characters, case-insensitive for ASCII). diag_suggest_best returns
 * it when it is a likely slip (at most 2 edits and fewer than half of
 * word's characters), else NULL. */
typedef struct diag_suggest {
	const char *word;
	const char *best;
	int dist;
} diag_suggest;
void diag_suggest_try(diag_suggest *g, const char *cand);
const char *diag_suggest_best(const diag_suggest *g);
/* Edit distance between two UTF-8 strings, in characters. */
int diag_distance(const char *a, const char *b);

/* Prints collected findings as a JSON array (only in json mode). */
void diag_flush_json(void);

#endif

/* diag.c: counted GCC-style diagnostics, optionally collected as JSON. */
#include "diag.h"
#include "messages.h"
#include "util.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>
#include <unistd.h>

static int n_errors, n_warnings;
static int quiet, json_mode;
static int hide_notes;
static _Thread_local int last_hidden; /* the last diagnostic was a hidden note: so are its hints */
static buf json;
static int json_open;   /* the last JSON finding is not closed yet */
static buf json_hints;  /* its hints, one a line */
static buf *capture; /* serve: a copy of every message for the browser */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

struct diag_item {
	diag_level lvl;
	srcpos pos;
	char *msg;
	buf hints; /* "  hint: ...\n" lines */
};
static _Thread_local diag_list *deferred; /* this thread's, or NULL */

void diag_defer(diag_list *l)
{
	deferred = l;
}

/* Keeps a diagnostic in this thread's deferred list. */
static void defer(diag_level lvl, srcpos pos, buf *msg)
{
	diag_list *l = deferred;
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 4;
		l->items = xrealloc(l->items, l->cap * sizeof *l->items);
	}
	struct diag_item *it = &l->items[l->n++];
	memset(it, 0, sizeof *it);
	it->lvl = lvl;
	it->pos = pos;
	it->msg = buf_detach(msg);
}

static const char *level_name(diag_level l)
{
	return l == DIAG_ERROR ? "error" : l == DIAG_WARNING ? "warning" : "note";
}

/* file as shown: relative to the working directory when it is inside it,
 * so messages stay short and read the same on every machine. */
const char *diag_path(const char *file, char *cwd, size_t size)
{
	if (file[0] != '/' || !getcwd(cwd, size))
		return file;
	size_t n = strlen(cwd);
	return n > 1 && !strncmp(file, cwd, n) && file[n] == '/' ? file + n + 1 : file;
}

/* Ends the last JSON finding, with its hints ("hint", lines joined by
 * newlines) when it has any. Called with the lock held. */
static void json_close(void)
{
	if (!json_open)
		return;
	if (json_hints.len) {
		buf_puts(&json, ",\"hint\":\"");
		buf_put_json(&json, json_hints.s, json_hints.len - 1);
		buf_putc(&json, '"');
		buf_reset(&json_hints);
	}
	buf_putc(&json, '}');
	json_open = 0;
}

srcpos pos_at(const char *file, int line, int col)
{
	srcpos p = {file ? intern_path(file) : NULL, line, col};
	return p;
}

void diag(diag_level lvl, srcpos pos, const char *fmt, ...)
{
	last_hidden = lvl == DIAG_NOTE && hide_notes;
	if (last_hidden)
		return;
	buf msg = {0};
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&msg, msg_tr(fmt), ap);
	va_end(ap);
	if (deferred) {
		defer(lvl, pos, &msg);
		return;
	}

	pthread_mutex_lock(&lock);
	if (lvl == DIAG_ERROR)
		n_errors++;
	else if (lvl == DIAG_WARNING)
		n_warnings++;
	buf where = {0};
	char cwd[PATH_MAX];
	const char *file = pos.file ? diag_path(pos.file, cwd, sizeof cwd) : NULL;
	if (file) {
		buf_puts(&where, file);
		if (pos.line > 0) {
			buf_printf(&where, ":%d", pos.line);
			if (pos.col > 0)
				buf_printf(&where, ":%d", pos.col);
		}
		buf_puts(&where, ": ");
	} else
		buf_puts(&where, "shirube: ");
	if (json_mode) {
		json_close();
		if (json.len)
			buf_puts(&json, ",\n");
		buf_puts(&json, "  {\"file\":\"");
		if (file)
			buf_put_json(&json, file, strlen(file));
		buf_printf(&json, "\",\"line\":%d,\"column\":%d,\"severity\":\"%s\",\"message\":\"",
			   pos.line, pos.col, level_name(lvl));
		buf_put_json(&json, msg.s, msg.len);
		buf_puts(&json, "\"");
		json_open = 1;
	} else if (!quiet)
		fprintf(stderr, "%s%s: %s\n", where.s, level_name(lvl), msg.s);
	if (capture)
		buf_printf(capture, "%s%s: %s\n", where.s, level_name(lvl), msg.s);
	pthread_mutex_unlock(&lock);
	buf_free(&where);
	buf_free(&msg);
}

void diag_hint(const char *fmt, ...)
{
	if ((quiet && !json_mode && !deferred && !capture) || last_hidden)
		return;
	buf msg = {0};
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&msg, msg_tr(fmt), ap);
	va_end(ap);
	if (deferred) {
		if (deferred->n) /* under the diagnostic it explains */
			buf_printf(&deferred->items[deferred->n - 1].hints, "%s\n", msg.s);
		buf_free(&msg);
		return;
	}
	pthread_mutex_lock(&lock);
	if (json_mode && json_open)
		buf_printf(&json_hints, "%s\n", msg.s);
	else if (!json_mode && !quiet)
		fprintf(stderr, "  %s: %s\n", msg_japanese() ? "ヒント" : "hint", msg.s);
	if (capture)
		buf_printf(capture, "  %s: %s\n", msg_japanese() ? "ヒント" : "hint", msg.s);
	pthread_mutex_unlock(&lock);
	buf_free(&msg);
}

int diag_errors(void) { return n_errors; }
int diag_warnings(void) { return n_warnings; }

void diag_replay_keep(const diag_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		const struct diag_item *it = &l->items[i];
		diag(it->lvl, it->pos, "%s", it->msg);
		for (const char *h = it->hints.s; h && *h;) {
			const char *nl = strchr(h, '\n');
			diag_hint("%.*s", (int)(nl - h), h);
			h = nl + 1;
		}
	}
}

void diag_list_free(diag_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->items[i].msg);
		buf_free(&l->items[i].hints);
	}
	free(l->items);
	memset(l, 0, sizeof *l);
}

void diag_replay(diag_list *l)
{
	diag_replay_keep(l);
	diag_list_free(l);
}

void diag_reset(void)
{
	n_errors = n_warnings = 0;
	buf_reset(&json);
	buf_reset(&json_hints);
	json_open = 0;
}

void diag_set_quiet(int q) { quiet = q; }
void diag_set_notes(int show) { hide_notes = !show; }
void diag_set_capture(buf *b) { capture = b; }
void diag_set_json(int j) { json_mode = j; }

void diag_flush_json(void)
{
	json_close();
	printf("[\n%s%s]\n", json.len ? buf_cstr(&json) : "", json.len ? "\n" : "");
	buf_free(&json);
}

/* Code points of s (at most max), lowercased for ASCII; returns the count. */
static size_t code_points(const char *s, int *out, size_t max)
{
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p && n < max;) {
		int c = *p, len = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
		if (len > 1)
			for (int k = 1; k < len; k++)
				c = (c << 6) | (p[k] & 0x3f);
		else if (c >= 'A' && c <= 'Z')
			c += 32;
		out[n++] = c;
		for (int k = 0; k < len && *p; k++)
			p++;
	}
	return n;
}

int diag_distance(const char *a, const char *b)
{
	int ca[64], cb[64], row[65];
	size_t na = code_points(a, ca, 64), nb = code_points(b, cb, 64);
	for (size_t j = 0; j <= nb; j++)
		row[j] = (int)j;
	for (size_t i = 1; i <= na; i++) {
		int diag_prev = row[0];
		row[0] = (int)i;
		for (size_t j = 1; j <= nb; j++) {
			int up = row[j], best = diag_prev + (ca[i - 1] != cb[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			diag_prev = up;
			row[j] = best;
		}
	}
	return row[nb];
}

void diag_suggest_try(diag_suggest *g, const char *cand)
{
	if (!cand || !g->word || !strcmp(cand, g->word))
		return;
	int d = diag_distance(g->word, cand);
	if (!g->best || d < g->dist)
		g->best = cand, g->dist = d;
}

const char *diag_suggest_best(const diag_suggest *g)
{
	int cps[64];
	size_t n = g->word ? code_points(g->word, cps, 64) : 0;
	if (!g->best || g->dist > 2 || (size_t)g->dist * 2 >= n)
		return NULL;
	return g->best;
}

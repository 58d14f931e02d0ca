/* autolink.c: see autolink.h. The automaton is a full byte DFA built from
 * the trie with failure links, so matching costs one table step per byte
 * of normalised text whatever the number of synonyms. */
#include "autolink.h"
#include "search.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

typedef struct pattern {
	size_t len; /* normalised bytes */
	int id;
	int ascii_start, ascii_end;
} pattern;

struct autolinker {
	int (*next)[256]; /* DFA transitions */
	int *out;         /* pattern index ending here (longest), or -1 */
	int *dict;        /* next node on the failure chain with an output, or -1 */
	int *fail;
	size_t n_nodes, cap_nodes;
	pattern *pats;
	size_t n_pats, cap_pats;
	int built;
};

static int is_ascii_alnum(unsigned c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int new_node(autolinker *al)
{
	if (al->n_nodes == al->cap_nodes) {
		al->cap_nodes = al->cap_nodes ? al->cap_nodes * 2 : 256;
		al->next = xrealloc(al->next, al->cap_nodes * sizeof *al->next);
		al->out = xrealloc(al->out, al->cap_nodes * sizeof *al->out);
		al->dict = xrealloc(al->dict, al->cap_nodes * sizeof *al->dict);
		al->fail = xrealloc(al->fail, al->cap_nodes * sizeof *al->fail);
	}
	int n = (int)al->n_nodes++;
	for (int c = 0; c < 256; c++)
		al->next[n][c] = -1;
	al->out[n] = al->dict[n] = -1;
	al->fail[n] = 0;
	return n;
}

autolinker *al_new(void)
{
	autolinker *al = xcalloc(1, sizeof *al);
	new_node(al);
	return al;
}

void al_free(autolinker *al)
{
	if (!al)
		return;
	free(al->next);
	free(al->out);
	free(al->dict);
	free(al->fail);
	free(al->pats);
	free(al);
}

size_t al_count(const autolinker *al)
{
	return al->n_pats;
}

/* Is cp a mark that joins the character before it (combining marks and
 * the half-width voiced sound marks)? */
static int joins_previous(utf8proc_int32_t cp)
{
	if (cp == 0xFF9E || cp == 0xFF9F || cp == 0x3099 || cp == 0x309A)
		return 1;
	if (cp < 0x300 || sr_nfkc_stable(cp))
		return 0;
	utf8proc_category_t c = utf8proc_category(cp);
	return c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_ME;
}

typedef struct cluster {
	size_t orig_start, orig_end;
	size_t norm_start;
} cluster;

/* Normalises text cluster by cluster (a character and the marks that join
 * it), so every normalised byte maps back to one original cluster. Sets
 * *nlen to the length, which counts NUL bytes the text may hold. */
static char *normalize_clusters(const char *text, size_t len, cluster **cl, size_t *ncl,
				size_t *nlen)
{
	buf b = {0};
	size_t cap = 0;
	if (cl)
		*cl = NULL;
	*ncl = 0;
	size_t i = 0;
	while (i < len) {
		size_t start = i;
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)text + i, (utf8proc_ssize_t)(len - i), &cp);
		if (k <= 0) {
			i++; /* invalid byte: its own cluster, copied as is */
		} else {
			i += (size_t)k;
			while (i < len) {
				utf8proc_int32_t nx;
				utf8proc_ssize_t kk = utf8proc_iterate((const utf8proc_uint8_t *)text + i, (utf8proc_ssize_t)(len - i), &nx);
				if (kk <= 0 || !joins_previous(nx))
					break;
				i += (size_t)kk;
			}
		}
		if (cl) {
			if (*ncl == cap) {
				cap = cap ? cap * 2 : 64;
				*cl = xrealloc(*cl, cap * sizeof **cl);
			}
			(*cl)[*ncl].orig_start = start;
			(*cl)[*ncl].orig_end = i;
			(*cl)[*ncl].norm_start = b.len;
			(*ncl)++;
		}
		if (i - start == 1 && (unsigned char)text[start] < 0x80) {
			char c = text[start];
			buf_putc(&b, (char)(c >= 'A' && c <= 'Z' ? c + 32 : c));
			continue;
		}
		if (k > 0 && i - start == (size_t)k && sr_nfkc_stable(cp)) {
			buf_put(&b, text + start, i - start);
			continue;
		}
		utf8proc_uint8_t *norm = NULL;
		utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)text + start, (utf8proc_ssize_t)(i - start), &norm,
						  UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
		if (n < 0)
			buf_put(&b, text + start, i - start);
		else
			buf_put(&b, (const char *)norm, (size_t)n);
		free(norm);
	}
	buf_cstr(&b);
	*nlen = b.len;
	return buf_detach(&b);
}

char *al_normalize(const char *text, size_t len)
{
	size_t n, nlen;
	return normalize_clusters(text, len, NULL, &n, &nlen);
}

void al_add(autolinker *al, const char *pattern_text, int id)
{
	char *norm = al_normalize(pattern_text, strlen(pattern_text));
	size_t n = strlen(norm);
	if (!n) {
		free(norm);
		return;
	}
	int node = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)norm[i];
		if (al->next[node][c] < 0) {
			int nn = new_node(al);
			al->next[node][c] = nn;
		}
		node = al->next[node][c];
	}
	if (al->out[node] < 0) {
		if (al->n_pats == al->cap_pats) {
			al->cap_pats = al->cap_pats ? al->cap_pats * 2 : 32;
			al->pats = xrealloc(al->pats, al->cap_pats * sizeof *al->pats);
		}
		pattern *p = &al->pats[al->n_pats];
		p->len = n;
		p->id = id;
		p->ascii_start = is_ascii_alnum((unsigned char)norm[0]);
		p->ascii_end = is_ascii_alnum((unsigned char)norm[n - 1]);
		al->out[node] = (int)al->n_pats++;
	}
	free(norm);
}

void al_build(autolinker *al)
{
	int *queue = xmalloc(al->n_nodes * sizeof(int));
	size_t head = 0, tail = 0;
	for (int c = 0; c < 256; c++) {
		int s = al->next[0][c];
		if (s < 0)
			al->next[0][c] = 0;
		else {
			al->fail[s] = 0;
			queue[tail++] = s;
		}
	}
	while (head < tail) {
		int r = queue[head++];
		int f = al->fail[r];
		al->dict[r] = al->out[f] >= 0 ? f : al->dict[f];
		for (int c = 0; c < 256; c++) {
			int s = al->next[r][c];
			if (s < 0) {
				al->next[r][c] = al->next[f][c];
				continue;
			}
			al->fail[s] = al->next[f][c];
			queue[tail++] = s;
		}
	}
	free(queue);
	al->built = 1;
}

static int cmp_match(const void *a, const void *b)
{
	const al_match *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end > y->end ? -1 : 1; /* longest first */
	return x->id - y->id;
}

size_t al_find(const autolinker *al, const char *text, size_t len, al_match **out)
{
	*out = NULL;
	if (!al->n_pats || !len)
		return 0;
	cluster *cl;
	size_t ncl, nlen;
	char *norm = normalize_clusters(text, len, &cl, &ncl, &nlen);
	/* normalised byte -> cluster index, and cluster boundaries */
	size_t *owner = xmalloc((nlen + 1) * sizeof(size_t));
	for (size_t c = 0; c < ncl; c++) {
		size_t e = c + 1 < ncl ? cl[c + 1].norm_start : nlen;
		for (size_t k = cl[c].norm_start; k < e; k++)
			owner[k] = c;
	}
	al_match *cand = NULL;
	size_t nc = 0, cap = 0;
	int state = 0;
	for (size_t i = 0; i < nlen; i++) {
		state = al->next[state][(unsigned char)norm[i]];
		for (int s = al->out[state] >= 0 ? state : al->dict[state]; s >= 0; s = al->dict[s]) {
			const pattern *p = &al->pats[al->out[s]];
			size_t ns = i + 1 - p->len;
			size_t c0 = owner[ns], c1 = owner[i];
			if (cl[c0].norm_start != ns)
				continue; /* starts inside a character */
			if (i + 1 < nlen && owner[i + 1] == c1)
				continue; /* ends inside a character */
			if (p->ascii_start && ns > 0 && is_ascii_alnum((unsigned char)norm[ns - 1]))
				continue;
			if (p->ascii_end && i + 1 < nlen && is_ascii_alnum((unsigned char)norm[i + 1]))
				continue;
			if (nc == cap) {
				cap = cap ? cap * 2 : 16;
				cand = xrealloc(cand, cap * sizeof *cand);
			}
			cand[nc].start = cl[c0].orig_start;
			cand[nc].end = cl[c1].orig_end;
			cand[nc].id = p->id;
			nc++;
		}
	}
	free(owner);
	free(cl);
	free(norm);
	if (!nc)
		return 0;
	qsort(cand, nc, sizeof *cand, cmp_match);
	size_t keep = 0, last_end = 0;
	for (size_t i = 0; i < nc; i++) {
		if (keep && cand[i].start < last_end)
			continue;
		cand[keep++] = cand[i];
		last_end = cand[i].end;
	}
	*out = cand;
	return keep;
}

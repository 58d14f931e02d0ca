/* index.c: stage 6, the search index (see index.h). Reads every page's
 * data and rendered text; writes search/ into the build's directory. */
#include "index.h"
#include "diag.h"
#include "search.h"
#include "util.h"
#include "yamlvalue.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#define BM25_K1 1.2
#define BM25_B 0.75
#define W_TITLE 4
#define W_HEADING 2
#define W_BODY 1
#define TEXT_CAP 6000      /* bytes of text kept per document for excerpts */
#define SHARD_TARGET 24576 /* bytes of postings per term shard */
#define CHUNK_TARGET 16384 /* bytes per document chunk */
#define BIG_LIST 8192      /* a posting list this long gets a file of its own */
#define MAX_POS 4          /* positions kept per term and document */

/* ---- documents and terms --------------------------------------------------- */

typedef struct doc {
	char *url, *title, *section, *text;
	int dl;           /* tokens (BM25 document length) */
	/* until tokenised: the full text, the heading path, and the names
	 * ("^NAME" terms) of the document */
	char *full, *hpath;
	const char *src;  /* or HTML (src_len bytes) to take the text from */
	size_t src_len;
	char **names;
	size_t n_names;
	int gid;          /* guideline index or -1 */
	int same;         /* the first of its copies (same title, section, text), or -1 */
	uint32_t copy_hash; /* of title, section and text */
	value *topics;    /* list of topic indices (numbers) or NULL */
	value *personas;  /* list of persona indices (numbers) or NULL */
	int page;         /* index of its page in the site */
	int hub;          /* a topic page or a guideline's overview */
} doc;

typedef struct term {
	char *s;
	size_t len;
	uint32_t hash;
	int df;
	int last_doc;  /* while collecting: the last document with a posting */
	int big;       /* while writing: number of its own file, or -1 */
	size_t enc_len;   /* while writing: bytes of its postings (postings_enc) */
	/* postings as varints, per document: doc delta, weighted tf (0 for a
	 * name), positions seen, then up to MAX_POS position deltas */
	unsigned char *raw;
	size_t raw_len, raw_cap;
	/* the document being tokenised */
	int cur_doc;
	unsigned cur_wtf;
	int cur_pos[MAX_POS];
	size_t cur_npos; /* positions seen (may exceed MAX_POS) */
	int cur_cjk;
} term;

typedef struct ix {
	doc *docs;
	size_t n_docs, cap_docs;
	term **tab; /* open addressing */
	size_t cap_tab, n_terms;
	term **touched; /* terms of the current document */
	size_t n_touched, cap_touched;
	size_t n_toks;  /* tokens of the current document */
	int cur_doc;
	int field_weight, base_pos;
	double total_len;
	const sr_variants *var; /* content/search-variants.yaml, or NULL */
	sr_token prev;          /* the field's previous token (len 0: none) */
	int cur_page, cur_hub;  /* for add_doc, set by collect */
} ix;


static term *term_get(ix *x, const char *s, size_t len)
{
	if (x->n_terms * 2 >= x->cap_tab) {
		size_t nc = x->cap_tab ? x->cap_tab * 2 : 4096;
		term **nt = xcalloc(nc, sizeof(term *));
		for (size_t i = 0; i < x->cap_tab; i++)
			if (x->tab[i]) {
				size_t h = x->tab[i]->hash & (nc - 1);
				while (nt[h])
					h = (h + 1) & (nc - 1);
				nt[h] = x->tab[i];
			}
		free(x->tab);
		x->tab = nt;
		x->cap_tab = nc;
	}
	uint32_t hash = hash32(s, len);
	size_t h = hash & (x->cap_tab - 1);
	while (x->tab[h]) {
		term *t = x->tab[h];
		if (t->hash == hash && t->len == len && !memcmp(t->s, s, len))
			return t;
		h = (h + 1) & (x->cap_tab - 1);
	}
	term *t = xcalloc(1, sizeof *t);
	t->s = xstrndup(s, len);
	t->len = len;
	t->hash = hash;
	t->last_doc = -1;
	t->cur_doc = -1;
	t->big = -1;
	x->tab[h] = t;
	x->n_terms++;
	return t;
}

static inline void raw_put(term *t, unsigned v)
{
	if (v < 0x80 && t->raw_len < t->raw_cap) {
		t->raw[t->raw_len++] = (unsigned char)v;
		return;
	}
	if (t->raw_cap - t->raw_len < 5) {
		t->raw_cap = t->raw_cap ? t->raw_cap * 2 : 16;
		t->raw = xrealloc(t->raw, t->raw_cap);
	}
	while (v >= 0x80) {
		t->raw[t->raw_len++] = (unsigned char)(v | 0x80);
		v >>= 7;
	}
	t->raw[t->raw_len++] = (unsigned char)v;
}

static unsigned raw_get(const unsigned char **p)
{
	unsigned v = 0;
	for (int shift = 0;; shift += 7) {
		unsigned char c = *(*p)++;
		v |= (unsigned)(c & 0x7f) << shift;
		if (!(c & 0x80))
			return v;
	}
}

/* Appends document doc to t's postings: wtf 0 marks a name (weight 100). */
static void posting_add(term *t, int doc, unsigned wtf, size_t npos, const int *pos)
{
	raw_put(t, (unsigned)(doc - (t->last_doc < 0 ? 0 : t->last_doc)));
	t->last_doc = doc;
	raw_put(t, wtf);
	raw_put(t, (unsigned)npos);
	size_t keep = npos < MAX_POS ? npos : MAX_POS;
	int last = 0;
	for (size_t k = 0; k < keep; k++) {
		raw_put(t, (unsigned)(pos[k] - last));
		last = pos[k];
	}
	t->df++;
}

static void count_token(ix *x, const sr_token *t);

/* Is s[0..n) made of ASCII digits only (1), letters only (2), or a mix
 * of ASCII letters and digits (3)? 0 otherwise. */
static int alnum_kind(const char *s, size_t n)
{
	int k = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= '0' && c <= '9')
			k |= 1;
		else if (c >= 'a' && c <= 'z')
			k |= 2;
		else
			return 0;
	}
	return k;
}

/* Letters meeting digits: a word such as "iso27001" is also indexed as
 * its parts ("iso", "27001"), and a word of letters followed by one of
 * digits with only spaces between ("ISO 27001") also joined, at the same
 * position, so either spelling finds the other. */
static void alnum_extra(ix *x, const sr_token *t)
{
	int k = t->kind == SR_WORD ? alnum_kind(t->s, t->len) : 0;
	if (k == 3) {
		size_t a = 0;
		while (a < t->len) {
			size_t b = a + 1;
			int digit = t->s[a] <= '9';
			while (b < t->len && (t->s[b] <= '9') == digit)
				b++;
			sr_token part = {t->s + a, b - a, t->pos, SR_WORD, t->run};
			count_token(x, &part);
			a = b;
		}
	}
	const sr_token *p = &x->prev;
	if (k == 1 && p->len && p->s + p->len <= t->s && alnum_kind(p->s, p->len) == 2 &&
	    p->len + t->len <= SR_MAX_WORD) {
		const char *c = p->s + p->len;
		while (c < t->s && *c == ' ')
			c++;
		if (c == t->s) {
			char joined[2 * SR_MAX_WORD + 1];
			memcpy(joined, p->s, p->len);
			memcpy(joined + p->len, t->s, t->len);
			sr_token j = {joined, p->len + t->len, t->pos, SR_WORD, t->run};
			count_token(x, &j);
		}
	}
	x->prev = *t;
}

/* Accumulates one token into its term's per-document counters. */
static void on_token(void *ud, const sr_token *t)
{
	ix *x = ud;
	count_token(x, t);
	alnum_extra(x, t);
}

static void count_token(ix *x, const sr_token *t)
{
	term *tm = term_get(x, t->s, t->len);
	if (tm->cur_doc != x->cur_doc) {
		tm->cur_doc = x->cur_doc;
		tm->cur_wtf = 0;
		tm->cur_npos = 0;
		tm->cur_cjk = t->kind == SR_CJK;
		if (x->n_touched == x->cap_touched) {
			x->cap_touched = x->cap_touched ? x->cap_touched * 2 : 1024;
			x->touched = xrealloc(x->touched, x->cap_touched * sizeof(term *));
		}
		x->touched[x->n_touched++] = tm;
	}
	tm->cur_wtf += x->field_weight;
	if (tm->cur_npos < MAX_POS)
		tm->cur_pos[tm->cur_npos] = x->base_pos + t->pos;
	tm->cur_npos++;
	x->n_toks++;
}

static void add_field(ix *x, const char *text, int weight)
{
	if (!text || !*text)
		return;
	x->field_weight = weight;
	x->prev.len = 0;
	int n = sr_tokenize_with(x->var, text, strlen(text), on_token, x, NULL);
	x->base_pos += n + 2; /* a gap: no phrase spans two fields */
}

/* Adds a document: fields are tokenised, grouped by term, and appended to
 * the postings. BM25 weights need avgdl, so the raw weighted tf is kept
 * (and the document length in the document) and weighed at the end. */
static void add_doc(ix *x, const char *url, const char *title, const char *section,
		    const char *heading_path, const char *text, int gid, value *topics, value *personas)
{
	if (x->n_docs == x->cap_docs) {
		x->cap_docs = x->cap_docs ? x->cap_docs * 2 : 256;
		x->docs = xrealloc(x->docs, x->cap_docs * sizeof(doc));
	}
	int id = (int)x->n_docs++;
	doc *d = &x->docs[id];
	d->url = xstrdup(url);
	d->title = xstrdup(title ? title : "");
	d->section = xstrdup(section ? section : "");
	d->text = NULL;
	d->src = NULL;
	d->src_len = 0;
	d->gid = gid;
	d->topics = topics;
	d->personas = personas;
	d->full = text ? xstrdup(text) : NULL;
	d->hpath = xstrdup(heading_path ? heading_path : "");
	d->names = NULL;
	d->n_names = 0;
	d->dl = 0;
	d->same = -1;
	d->copy_hash = 0;
	d->page = x->cur_page;
	d->hub = x->cur_hub;
	x->cur_hub = 0;
}

/* Adds the name term "^NAME" (normalised, without spaces) to document id,
 * so a query that is exactly a page's or section's name (or a topic
 * synonym) can rank that document first. */
static void add_name_key(ix *x, int id, const char *key)
{
	size_t len = strlen(key);
	if (len < 2 || len >= 200)
		return;
	term *t = term_get(x, key, len);
	if (t->last_doc == id)
		return;
	posting_add(t, id, 0, 0, NULL);
}

/* Records a name of the last document, tokenised with it later. */
static void add_name(ix *x, const char *name)
{
	if (!name || !*name || !x->n_docs)
		return;
	doc *d = &x->docs[x->n_docs - 1];
	d->names = xrealloc(d->names, (d->n_names + 1) * sizeof(char *));
	d->names[d->n_names++] = xstrdup(name);
}

static void add_name_keys(ix *x, int id, const char *name)
{
	char *key = sr_name_key_with(x->var, name, strlen(name));
	add_name_key(x, id, key);
	free(key);
	/* also without a leading tag such as "[ES2015] " or "【コラム】" */
	const char *close = NULL;
	if (name[0] == '[')
		close = strchr(name, ']');
	else if (!strncmp(name, "【", 3))
		close = strstr(name, "】");
	if (close) {
		const char *rest = close + (*close == ']' ? 1 : 3);
		key = sr_name_key_with(x->var, rest, strlen(rest));
		add_name_key(x, id, key);
		free(key);
	}
}

/* The text kept for excerpts: the first TEXT_CAP bytes of the full text
 * (the full text itself when it is no longer: tokenize_doc keeps it). */
static void set_text(doc *d)
{
	size_t tl = strlen(d->full);
	if (tl <= TEXT_CAP) {
		d->text = d->full;
		return;
	}
	tl = TEXT_CAP;
	while (tl && ((unsigned char)d->full[tl] & 0xc0) == 0x80)
		tl--;
	d->text = xstrndup(d->full, tl);
}

/* A section's text from its HTML, without the heading's own words (they
 * are in the heading path). */
static void text_from_html(doc *d)
{
	/* a section's HTML is a whole string; a plain page's is a slice */
	char *slice = d->src[d->src_len] ? xstrndup(d->src, d->src_len) : NULL;
	buf b = {0};
	html_to_text(slice ? slice : d->src, &b);
	free(slice);
	char *text = buf_detach(&b);
	size_t skip = strlen(d->section);
	if (strncmp(text, d->section, skip))
		skip = 0;
	while (text[skip] == ' ')
		skip++;
	memmove(text, text + skip, strlen(text + skip) + 1);
	d->full = text;
}

/* Tokenises document id into x's terms: its fields, then its names. */
static void tokenize_doc(ix *x, doc *d, int id)
{
	x->n_toks = 0;
	x->base_pos = 0;
	x->n_touched = 0;
	x->cur_doc = id;
	add_field(x, d->title, W_TITLE);
	add_field(x, d->hpath, W_HEADING);
	add_field(x, d->full, W_BODY);
	d->dl = (int)x->n_toks;
	x->total_len += d->dl;
	for (size_t i = 0; i < x->n_touched; i++) {
		term *t = x->touched[i];
		posting_add(t, id, t->cur_wtf, t->cur_cjk ? t->cur_npos : 0, t->cur_pos);
	}
	for (size_t i = 0; i < d->n_names; i++) {
		add_name_keys(x, id, d->names[i]);
		free(d->names[i]);
	}
	free(d->names);
	if (d->full != d->text)
		free(d->full);
	free(d->hpath);
	d->names = NULL;
	d->full = d->hpath = NULL;
}

/* ---- collecting documents from the site ------------------------------------ */

typedef struct filters {
	value *guidelines, *topics, *personas; /* lists of titles */
} filters;

static int index_of(site *s, page_kind kind, const char *id)
{
	int n = 0;
	for (size_t i = 0; i < s->n_pages; i++) {
		if (s->pages[i]->kind != kind)
			continue;
		if (!strcmp(s->pages[i]->id, id))
			return n;
		n++;
	}
	return -1;
}

static value *id_list(site *s, value *items, page_kind kind, const char *key)
{
	if (!value_len(items))
		return NULL;
	value *l = value_list();
	for (size_t i = 0; i < value_len(items); i++) {
		value *it = value_at(items, i);
		const char *id = key ? value_get_cstr(it, key) : value_cstr(it);
		int k = id ? index_of(s, kind, id) : -1;
		if (k >= 0)
			value_push(l, value_num(k));
	}
	return l;
}

static void join_list(buf *b, value *l)
{
	for (size_t i = 0; i < value_len(l); i++) {
		const char *s = value_cstr(value_at(l, i));
		if (s) {
			buf_puts(b, s);
			buf_putc(b, ' ');
		}
	}
}

/* A guideline, page or plain page: its intro (with a guideline's
 * summaries) as the first document, then one document per section. */
static void collect_sections(site *s, ix *x, page *p, const char *title)
{
	value *d = p->data;
	int gid = p->kind == PAGE_GUIDELINE ? index_of(s, PAGE_GUIDELINE, p->id) : -1;
	value *aud = p->kind == PAGE_GUIDELINE ? id_list(s, value_get(p->meta, "audience"), PAGE_PERSONA, NULL) : NULL;
	buf intro = {0};
	if (p->kind == PAGE_GUIDELINE) {
		/* the summaries belong to the page's first document */
		const char *keys[] = {"short_title", "publisher", "version", "summary_manager", "summary_staff"};
		for (size_t k = 0; k < 5; k++)
			if (value_get_cstr(d, keys[k])) {
				buf_puts(&intro, value_get_cstr(d, keys[k]));
				buf_putc(&intro, ' ');
			}
		join_list(&intro, value_get(d, "read_when"));
	}
	char *it = text_of_html(value_get_cstr(d, "intro"));
	buf_puts(&intro, it);
	free(it);
	if (intro.len || !value_len(value_get(d, "sections"))) {
		x->cur_hub = p->kind == PAGE_GUIDELINE;
		add_doc(x, p->out, title, "", "", buf_cstr(&intro), gid, NULL, aud ? value_ref(aud) : NULL);
		add_name(x, title);
		add_name(x, value_get_cstr(d, "short_title"));
	}
	buf_free(&intro);
	value *secs = value_get(d, "sections");
	const char *path[7] = {0};
	for (size_t k = 0; k < value_len(secs); k++) {
		value *sec = value_at(secs, k);
		int level = (int)value_get(sec, "level")->u.n;
		const char *st = value_get_cstr(sec, "title");
		if (level >= 1 && level <= 6) {
			path[level] = st;
			for (int l = level + 1; l <= 6; l++)
				path[l] = NULL;
		}
		buf hp = {0};
		for (int l = 2; l <= 6; l++)
			if (path[l]) {
				buf_puts(&hp, path[l]);
				buf_putc(&hp, ' ');
			}
		char *url = xasprintf("%s#%s", p->out, value_get_cstr(sec, "id"));
		add_doc(x, url, title, st, buf_cstr(&hp), NULL, gid,
			id_list(s, value_get(sec, "topics"), PAGE_TOPIC, "id"), aud ? value_ref(aud) : NULL);
		/* the text comes from the section's HTML when tokenised
		 * (a plain page's section is a slice of page.body) */
		doc *dd = &x->docs[x->n_docs - 1];
		const char *sh = value_get_cstr(sec, "html");
		if (sh) {
			dd->src = sh;
			dd->src_len = strlen(sh);
		} else {
			const char *body = value_get_cstr(d, "body");
			size_t a = (size_t)value_get(sec, "start")->u.n, b = (size_t)value_get(sec, "end")->u.n;
			dd->src = body ? body + a : "";
			dd->src_len = body ? b - a : 0;
		}
		add_name(x, st);
		free(url);
		buf_free(&hp);
	}
	value_free(aud);
}

/* A topic: one document with its English title, reading and synonyms
 * (all of them names too) before the body. */
static void collect_topic(site *s, ix *x, page *p, const char *title)
{
	value *d = p->data;
	buf b = {0};
	const char *en = value_get_cstr(d, "title_en");
	if (en) {
		buf_puts(&b, en);
		buf_putc(&b, ' ');
	}
	const char *reading = value_get_cstr(d, "reading");
	if (reading) {
	buf_puts(&b, reading);
	buf_putc(&b, ' ');
	}
	join_list(&b, value_get(d, "synonyms"));
	char *t = text_of_html(value_get_cstr(d, "body"));
	buf_puts(&b, t);
	free(t);
	value *tl = value_list();
	value_push(tl, value_num(index_of(s, PAGE_TOPIC, p->id)));
	x->cur_hub = 1;
	add_doc(x, p->out, title, "", "", buf_cstr(&b), -1, tl, NULL);
	add_name(x, title);
	add_name(x, en);
	add_name(x, reading);
	value *syn = value_get(d, "synonyms");
	for (size_t k = 0; k < value_len(syn); k++)
		add_name(x, value_cstr(value_at(syn, k)));
	buf_free(&b);
}

static void collect_persona(site *s, ix *x, page *p, const char *title)
{
	value *d = p->data;
	buf b = {0};
	const char *keys[] = {"role", "summary"};
	for (size_t k = 0; k < 2; k++)
		if (value_get_cstr(d, keys[k])) {
			buf_puts(&b, value_get_cstr(d, keys[k]));
			buf_putc(&b, ' ');
		}
	join_list(&b, value_get(d, "goals"));
	join_list(&b, value_get(d, "pains"));
	value *ql = value_get(d, "question_list");
	for (size_t i = 0; i < value_len(ql); i++) {
		const char *keys2[] = {"q", "answer"};
		for (size_t k = 0; k < 2; k++)
			if (value_get_cstr(value_at(ql, i), keys2[k])) {
				buf_puts(&b, value_get_cstr(value_at(ql, i), keys2[k]));
				buf_putc(&b, ' ');
			}
	}
	value *pl1 = value_list();
	value_push(pl1, value_num(index_of(s, PAGE_PERSONA, p->id)));
	add_doc(x, p->out, title, "", "", buf_cstr(&b), -1, NULL, pl1);
	add_name(x, title);
	buf_free(&b);
}

/* A journey: its summary, then one document per step. */
static void collect_journey(site *s, ix *x, page *p, const char *title)
{
	value *d = p->data;
	const char *persona = value_get_cstr(p->meta, "persona");
	int pi = persona ? index_of(s, PAGE_PERSONA, persona) : -1;
	const char *sum = value_get_cstr(d, "summary");
	value *pl1 = NULL;
	if (pi >= 0) {
		pl1 = value_list();
		value_push(pl1, value_num(pi));
	}
	add_doc(x, p->out, title, "", "", sum ? sum : "", -1, NULL, pl1 ? value_ref(pl1) : NULL);
	add_name(x, title);
	value *steps = value_get(d, "step_list");
	for (size_t k = 0; k < value_len(steps); k++) {
		value *st = value_at(steps, k);
		buf b = {0};
		char *t = text_of_html(value_get_cstr(st, "body_html"));
		buf_puts(&b, t);
		free(t);
		if (value_get_cstr(st, "done_when")) {
			buf_putc(&b, ' ');
			buf_puts(&b, value_get_cstr(st, "done_when"));
		}
		char *url = xasprintf("%s#step-%s", p->out, value_get_cstr(st, "id"));
		const char *stt = value_get_cstr(st, "title");
		add_doc(x, url, title, stt, stt, buf_cstr(&b), -1, NULL, pl1 ? value_ref(pl1) : NULL);
		add_name(x, stt);
		free(url);
		buf_free(&b);
	}
	value_free(pl1);
}

static void collect(site *s, ix *x)
{
	for (size_t i = 0; i < s->n_pages; i++) {
		page *p = s->pages[i];
		const char *title = value_get_cstr(p->data, "title");
		if (!title)
			continue;
		x->cur_page = (int)i;
		if (p->kind == PAGE_GUIDELINE || p->kind == PAGE_PAGE || p->kind == PAGE_PLAIN)
			collect_sections(s, x, p, title);
		else if (p->kind == PAGE_TOPIC)
			collect_topic(s, x, p, title);
		else if (p->kind == PAGE_PERSONA)
			collect_persona(s, x, p, title);
		else if (p->kind == PAGE_JOURNEY)
			collect_journey(s, x, p, title);
	}
}

/* ---- writing ----------------------------------------------------------------- */

/* Postings are written as a string of base64url characters: each number
 * a little-endian varint of 5-bit groups, the character's 6th bit saying
 * another group follows. A string literal costs the browser far less to
 * parse than an array of numbers, and only the lists a query uses are
 * decoded (search.js unpack). */
static const char V64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

static void put_v(buf *b, unsigned v)
{
	char tmp[8];
	size_t n = 0;
	while (v >= 32) {
		tmp[n++] = V64[32 | (v & 31)];
		v >>= 5;
	}
	tmp[n++] = V64[v];
	buf_put(b, tmp, n);
}

static size_t v_len(unsigned v)
{
	size_t n = 1;
	while (v >= 32) {
		v >>= 5;
		n++;
	}
	return n;
}

/* Bytes of the first n characters of s (len bytes). */
static size_t chars_len(const unsigned char *s, size_t len, int n)
{
	size_t i = 0;
	for (int chars = 0; chars < n && i < len; chars++)
		i += s[i] < 0x80 ? 1 : s[i] < 0xe0 ? 2 : s[i] < 0xf0 ? 3 : 4;
	return i < len ? i : len;
}

/* The first characters that decide a term's shard: the first one of a
 * Han/kana term (its first character is 3 or 4 bytes of UTF-8), the first
 * two of a word, one more when that key is heavy (its terms would take
 * more than SHARD_TARGET bytes). A bigram's or a word's shard is thus
 * known before the reader types the last character of a key that is not
 * heavy, and the search box loads it meanwhile; the words of a 3-character
 * prefix always share a shard (prefix search). */
typedef struct heavy_keys {
	const char **s; /* in sorted order: the first term of each such key */
	size_t *len, n, cap;
} heavy_keys;

static int cmp_key(const char *a, size_t alen, const char *b, size_t blen)
{
	int c = memcmp(a, b, alen < blen ? alen : blen);
	return c ? c : (alen < blen ? -1 : alen > blen);
}

static size_t key_len(const unsigned char *s, size_t len, const heavy_keys *h)
{
	int wide = s[0] >= 0xe0;
	size_t kl = chars_len(s, len, wide ? 1 : 2);
	size_t lo = 0, hi = h ? h->n : 0;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = cmp_key(h->s[mid], h->len[mid], (const char *)s, kl);
		if (!c)
			return chars_len(s, len, wide ? 2 : 3);
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return kl;
}

/* A name "^NAME" goes with the first term of NAME, so a query that is a
 * name finds it in a shard it loads anyway. */
static int shard_of(const term *t, int k, const heavy_keys *h)
{
	const unsigned char *key = (const unsigned char *)t->s;
	size_t len = t->len;
	if (key[0] == '^' && len > 1) {
		key++;
		len--;
	}
	return (int)(hash32((const char *)key, key_len(key, len, h)) % (uint32_t)k);
}

/* The heavy keys of terms (sorted, so the terms of a key are together),
 * onto h, in sorted order. */
static void heavy_find(term **terms, size_t nt, heavy_keys *h)
{
	for (size_t i = 0; i < nt;) {
		const unsigned char *s = (const unsigned char *)terms[i]->s;
		size_t kl = key_len(s, terms[i]->len, NULL), bytes = 0, j = i;
		for (; j < nt && key_len((const unsigned char *)terms[j]->s, terms[j]->len, NULL) == kl && !memcmp(terms[j]->s, s, kl); j++)
			bytes += terms[j]->len + (terms[j]->big >= 0 ? 8 : terms[j]->enc_len);
		if (s[0] != '^' && bytes > SHARD_TARGET) {
			if (h->n == h->cap) {
				h->cap = h->cap ? h->cap * 2 : 16;
				h->s = xrealloc(h->s, h->cap * sizeof *h->s);
				h->len = xrealloc(h->len, h->cap * sizeof *h->len);
			}
			h->s[h->n] = (const char *)s;
			h->len[h->n++] = kl;
		}
		i = j;
	}
}

static int cmp_term_ptr(const void *a, const void *b)
{
	const term *x = *(term *const *)a, *y = *(term *const *)b;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->s, y->s, n);
	return c ? c : (x->len < y->len ? -1 : x->len > y->len);
}

static void titles_of(site *s, page_kind kind, buf *b)
{
	buf_putc(b, '[');
	int n = 0;
	for (size_t i = 0; i < s->n_pages; i++) {
		page *p = s->pages[i];
		if (p->kind != kind)
			continue;
		if (n++)
			buf_putc(b, ',');
		const char *st = value_get_cstr(p->data, "short_title");
		const char *t = st ? st : value_get_cstr(p->data, "title");
		buf_puts(b, "[\"");
		buf_put_json(b, p->id, strlen(p->id));
		buf_puts(b, "\",\"");
		buf_put_json(b, t ? t : p->id, strlen(t ? t : p->id));
		buf_puts(b, "\"]");
	}
	buf_putc(b, ']');
}

/* Walks t's postings, writing them to b (see put_v), or only measuring
 * them when b is NULL. Returns their length. The numbers: df, then per
 * document its delta, BM25 weight (x100; made here, now that avgdl is
 * known), c = positions*2 + 1 if later positions were dropped, and the
 * position deltas. Terms in more than 1 of 20 documents keep no positions
 * (a phrase is anchored by its rarer bigrams). */
static size_t postings_enc(const ix *x, const term *t, double avgdl, buf *b)
{
	const unsigned char *p = t->raw, *end = t->raw + t->raw_len;
	size_t len = 0;
	int doc = 0;
	int frequent = t->df * 20 > (int)x->n_docs;
	if (b)
		put_v(b, (unsigned)t->df);
	else
		len += v_len((unsigned)t->df);
	while (p < end) {
		unsigned delta = raw_get(&p), wtf = raw_get(&p);
		size_t npos = raw_get(&p);
		doc += (int)delta;
		int w = 100;
		if (wtf) {
			double norm = BM25_K1 * (1 - BM25_B + BM25_B * x->docs[doc].dl / avgdl);
			w = (int)lround(100.0 * wtf * (BM25_K1 + 1) / (wtf + norm));
			if (w < 1)
				w = 1;
		}
		size_t keep = npos > MAX_POS ? MAX_POS : npos;
		size_t np = npos && frequent ? 0 : keep;
		unsigned count = (unsigned)np * 2 + ((npos && frequent) || npos > MAX_POS);
		if (b) {
			put_v(b, delta);
			put_v(b, (unsigned)w);
			put_v(b, count);
		} else
			len += v_len(delta) + v_len((unsigned)w) + v_len(count);
		for (size_t k = 0; k < keep; k++) {
			unsigned d = raw_get(&p);
			if (k >= np)
				continue;
			if (b)
				put_v(b, d);
			else
				len += v_len(d);
		}
	}
	return len;
}

/* SHIRUBE_TIMING=1: how long each part of the index took. */
static void ixt(const char *what, double *t)
{
	double n = now_ms();
	if (timing_on())
		fprintf(stderr, "shirube:   index %-9s %7.1f ms\n", what, n - *t);
	*t = n;
}

/* ---- tokenising on two cores ------------------------------------------------ */

typedef struct tok_range {
	ix *x;
	doc *docs;
	size_t from, to;
} tok_range;

static void *tokenize_range(void *arg)
{
	tok_range *r = arg;
	for (size_t i = r->from; i < r->to; i++)
		tokenize_doc(r->x, &r->docs[i], (int)i);
	return NULL;
}

/* Appends the postings of y (documents after all of x's) to x. */
static void merge_terms(ix *x, ix *y)
{
	for (size_t i = 0; i < y->cap_tab; i++) {
		term *u = y->tab[i];
		if (!u)
			continue;
		term *t = term_get(x, u->s, u->len);
		if (!t->raw_len) {
			free(t->raw);
			t->raw = u->raw;
			t->raw_len = u->raw_len;
			t->raw_cap = u->raw_cap;
		} else {
			/* the first delta of u counts from 0: rebase it on t's last */
			const unsigned char *p = u->raw;
			unsigned first = raw_get(&p);
			raw_put(t, first - (unsigned)t->last_doc);
			size_t rest = u->raw_len - (size_t)(p - u->raw);
			if (t->raw_cap - t->raw_len < rest) {
				t->raw_cap = t->raw_len + rest;
				t->raw = xrealloc(t->raw, t->raw_cap);
			}
			memcpy(t->raw + t->raw_len, p, rest);
			t->raw_len += rest;
			free(u->raw);
		}
		t->df += u->df;
		t->last_doc = u->last_doc;
		free(u->s);
		free(u);
	}
	free(y->tab);
	free(y->touched);
	x->total_len += y->total_len;
}

/* Where to split the documents between two threads: half the text on
 * each side, or n_docs (one thread) for small sites and SHIRUBE_THREADS=1. */
static size_t split_point(const ix *x)
{
	if (threads_default() < 2)
		return x->n_docs;
	size_t *size = xmalloc((x->n_docs + 1) * sizeof(size_t)), total = 0;
	for (size_t i = 0; i < x->n_docs; i++)
		total += size[i] = (x->docs[i].full ? strlen(x->docs[i].full) : x->docs[i].src_len) + 64;
	size_t mid = x->n_docs, acc = 0;
	for (size_t i = 0; total > (1u << 20) && i < x->n_docs; i++) {
		acc += size[i];
		if (acc * 2 >= total) {
			mid = i + 1;
			break;
		}
	}
	free(size);
	return mid;
}

/* Two ranges of documents and what to run on each (on_two_threads). */
typedef struct two_ranges {
	tok_range r[2];
	void *(*fn)(void *);
} two_ranges;

static void run_range(size_t i, void *ud)
{
	two_ranges *t = ud;
	t->fn(&t->r[i]);
}

/* Runs fn on docs [0, mid) and [mid, n_docs) (with index y, or x when y
 * is NULL) on two threads. Returns 1 if there were two ranges. */
static int on_two_threads(ix *x, ix *y, size_t mid, void *(*fn)(void *))
{
	int two = mid < x->n_docs;
	two_ranges t = {{{x, x->docs, 0, two ? mid : x->n_docs}, {y ? y : x, x->docs, mid, x->n_docs}}, fn};
	par_for(two ? 2 : 1, 2, run_range, &t);
	return two;
}

static void *prepare_range(void *arg)
{
	tok_range *r = arg;
	for (size_t i = r->from; i < r->to; i++) {
		doc *d = &r->docs[i];
		if (!d->full)
			text_from_html(d);
		set_text(d);
		/* what makes copies: the same title, section and text */
		d->copy_hash = hash32(d->text, strlen(d->text)) ^ (hash32(d->title, strlen(d->title)) * 31u) ^
			       (hash32(d->section, strlen(d->section)) * 131u);
	}
	return NULL;
}

/* Puts copies (documents with the same title, section and excerpt text,
 * at other URLs) next to each other, at the place of the first one, so a
 * chunk stores their text once and a query whose results are such copies
 * loads one chunk; and hub documents (topics, guideline overviews) before
 * all others, so they share the first chunks, which the search box loads
 * when it gets focus (a hub is often the first result). Other documents
 * keep their order. Sets each document's same. */
static void group_copies(ix *x)
{
	size_t n = x->n_docs, cap = 16;
	while (cap < n * 2)
		cap *= 2;
	int *slot = xmalloc(cap * sizeof(int));
	int *next = xmalloc((n + 1) * sizeof(int)), *tail = xmalloc((n + 1) * sizeof(int));
	for (size_t i = 0; i < cap; i++)
		slot[i] = -1;
	int moved = 0;
	for (size_t i = 0; i < n; i++) {
		doc *d = &x->docs[i];
		moved |= d->hub && i > 0 && !x->docs[i - 1].hub;
		next[i] = -1;
		tail[i] = (int)i;
		size_t h = d->copy_hash & (cap - 1);
		while (slot[h] >= 0) {
			doc *o = &x->docs[slot[h]];
			if (o->copy_hash == d->copy_hash && !strcmp(o->text, d->text) &&
			    !strcmp(o->title, d->title) && !strcmp(o->section, d->section))
				break;
			h = (h + 1) & (cap - 1);
		}
		if (slot[h] < 0) {
			slot[h] = (int)i;
			continue;
		}
		int first = slot[h];
		d->same = first;
		next[tail[first]] = (int)i;
		tail[first] = (int)i;
		moved = 1;
	}
	if (moved) {
		doc *docs = xmalloc((n + 1) * sizeof(doc));
		int *newid = xmalloc((n + 1) * sizeof(int));
		size_t o = 0;
		for (int hubs = 1; hubs >= 0; hubs--)
			for (size_t i = 0; i < n; i++) {
				if (x->docs[i].same >= 0 || (x->docs[i].hub != 0) != hubs)
					continue;
				for (int j = (int)i; j >= 0; j = next[j]) {
					newid[j] = (int)o;
					docs[o++] = x->docs[j];
				}
			}
		for (size_t i = 0; i < n; i++)
			if (docs[i].same >= 0)
				docs[i].same = newid[docs[i].same];
		free(x->docs);
		x->docs = docs;
		x->cap_docs = n + 1;
		free(newid);
	}
	free(slot);
	free(next);
	free(tail);
}

/* Tokenises every document: the first part here, the rest (as many bytes
 * of text) in a second thread with terms of its own, merged after. The
 * postings are the same as from one thread. */
static void tokenize_all(ix *x)
{
	on_two_threads(x, NULL, split_point(x), prepare_range);
	group_copies(x);
	ix y;
	memset(&y, 0, sizeof y);
	y.var = x->var;
	if (on_two_threads(x, &y, split_point(x), tokenize_range))
		merge_terms(x, &y);
}

/* ---- writing on every core --------------------------------------------------- */

typedef struct sizes_job {
	ix *x;
	term **terms;
	size_t from, to;
	double avgdl;
	size_t bytes;
} sizes_job;

/* The encoded sizes of the terms of slice i (one per thread). */
static void sizes_slice(size_t i, void *ud)
{
	sizes_job *j = (sizes_job *)ud + i;
	for (size_t k = j->from; k < j->to; k++) {
		j->terms[k]->enc_len = postings_enc(j->x, j->terms[k], j->avgdl, NULL);
		j->bytes += j->terms[k]->enc_len;
	}
}

typedef struct write_ctx {
	ix *x;
	double avgdl;
	const char *tdir, *ddir;
	term **by_shard;
	size_t *start;
	int k, per, chunks;
	int ok;      /* 0 once a write failed (shared) */
	write_log *log;
} write_ctx;

static int write_in(write_log *log, const char *dir, const char *name, buf *b)
{
	char *path = path_join(dir, name);
	int ok = write_file_logged(log, path, b->s ? b->s : "", b->len);
	if (!ok)
		diag(DIAG_ERROR, pos_at(path, 0, 0), "cannot write: %s", strerror(errno));
	free(path);
	return ok;
}

static int write_shard(write_ctx *c, int i, buf *f, buf *big)
{
	int ok = 1;
	char name[32];
	f->len = 0;
	buf_printf(f, "shirube_t(%d,{\n", i);
	for (size_t j = c->start[i]; j < c->start[i + 1]; j++) {
		term *t = c->by_shard[j];
		buf_puts(f, j > c->start[i] ? ",\n\"" : "\"");
		buf_put_json(f, t->s, t->len);
		if (t->big >= 0) {
			/* a long list lives in its own file, loaded only when needed */
			big->len = 0;
			buf_printf(big, "shirube_t(\"b%d\",{\"", t->big);
			buf_put_json(big, t->s, t->len);
			buf_puts(big, "\":\"");
			postings_enc(c->x, t, c->avgdl, big);
			buf_puts(big, "\"});\n");
			snprintf(name, sizeof name, "b%d.js", t->big);
			ok &= write_in(c->log, c->tdir, name, big);
			buf_printf(f, "\":%d", t->big); /* a number: in file bN */
		} else {
			buf_puts(f, "\":\"");
			postings_enc(c->x, t, c->avgdl, f);
			buf_putc(f, '"');
		}
	}
	buf_puts(f, "\n});\n");
	snprintf(name, sizeof name, "%d.js", i);
	return write_in(c->log, c->tdir, name, f) && ok;
}

static int write_chunk(write_ctx *c, int n, buf *f)
{
	size_t i = (size_t)n * (size_t)c->per;
	f->len = 0;
	buf_printf(f, "shirube_d(%d,[\n", n);
	size_t first = i; /* the record holding the text of j's group */
	for (size_t j = i; j < c->x->n_docs && j < i + (size_t)c->per; j++) {
		doc *d = &c->x->docs[j];
		buf_puts(f, j > i ? ",\n[\"" : "[\"");
		buf_put_json(f, d->url, strlen(d->url));
		buf_puts(f, "\",\"");
		buf_put_json(f, d->title, strlen(d->title));
		buf_puts(f, "\",\"");
		buf_put_json(f, d->section, strlen(d->section));
		if (j > i && d->same >= 0 && (d->same == (int)first || d->same == c->x->docs[first].same)) {
			/* the same text as an earlier record of this chunk */
			buf_printf(f, "\",%zu]", first - i);
			continue;
		}
		first = j;
		buf_puts(f, "\",\"");
		buf_put_json(f, d->text, strlen(d->text));
		buf_puts(f, "\"]");
	}
	buf_puts(f, "\n]);\n");
	char name[32];
	snprintf(name, sizeof name, "%d.js", n);
	return write_in(c->log, c->ddir, name, f);
}

/* File t of the index: the shards first, then the document chunks. */
static void write_one(size_t t, void *ud)
{
	write_ctx *c = ud;
	buf f = {0}, big = {0};
	int ok = t < (size_t)c->k ? write_shard(c, (int)t, &f, &big) : write_chunk(c, (int)(t - (size_t)c->k), &f);
	if (!ok)
		__atomic_store_n(&c->ok, 0, __ATOMIC_RELAXED);
	buf_free(&f);
	buf_free(&big);
}

/* content/search-variants.yaml: a map from each canonical spelling to a
 * list of its variants (docs/content-format.md). NULL when there is none
 * or after an error (reported; *ok cleared). */
static sr_variants *load_variants(site *s, int *ok)
{
	if (!s->content_dir)
		return NULL;
	char *path = path_join(s->content_dir, "search-variants.yaml"), *text;
	size_t len;
	if (!read_file(path, &text, &len)) {
		free(path);
		return NULL;
	}
	value *v = yaml_parse(text, len, path, 0);
	free(text);
	sr_variants *t = v ? sr_variants_new() : NULL;
	if (v && v->type != V_MAP && value_len(v)) {
		diag(DIAG_ERROR, v->pos, "the variant table must map each spelling to a list of its variants (e.g. 漏えい: [漏洩])");
		*ok = 0;
	}
	for (size_t i = 0; t && v->type == V_MAP && i < value_len(v); i++) {
		const char *to = value_key_at(v, i);
		value *l = value_val_at(v, i);
		if (!l || l->type != V_LIST) {
			diag(DIAG_ERROR, l ? l->pos : v->pos, "the variants of %s must be a list of strings, e.g. [漏洩]", to);
			*ok = 0;
			continue;
		}
		for (size_t k = 0; k < value_len(l); k++) {
			value *f = value_at(l, k);
			if (!value_cstr(f) || !sr_variants_add(t, value_cstr(f), to)) {
				diag(DIAG_ERROR, f->pos, "variant of %s is empty, the same as it, or listed twice: write each variant once, as a string", to);
				*ok = 0;
			}
		}
	}
	value_free(v);
	free(path);
	if (!v)
		*ok = 0;
	return t;
}

/* Writes search/meta.js: counts, shard parameters, the long lists, the
 * variant table, hubs, each document's page and the filters. */
static int write_meta(site *s, build_ctx *b, const char *dir, ix *x, term **terms, size_t nt, int k, int per, const heavy_keys *heavy)
{
	buf m = {0};
	buf_printf(&m, "shirube_m({\"v\":5,\"n\":%zu,\"k\":%d,\"per\":%d,\"terms\":%zu,\"hv\":[", x->n_docs, k, per, nt);
	for (size_t i = 0; i < heavy->n; i++) {
		buf_puts(&m, i ? ",\"" : "\"");
		buf_put_json(&m, heavy->s[i], heavy->len[i]);
		buf_putc(&m, '"');
	}
	buf_puts(&m, "],\"b\":{");
	/* the long lists, so a query loads them with its shards */
	for (size_t i = 0, n = 0; i < nt; i++)
		if (terms[i]->big >= 0) {
			buf_puts(&m, n++ ? ",\"" : "\"");
			buf_put_json(&m, terms[i]->s, terms[i]->len);
			buf_printf(&m, "\":%d", terms[i]->big);
		}
	buf_puts(&m, "},\"vr\":[");
	for (size_t i = 0; i < sr_variants_count(x->var); i++) {
		const char *from, *to;
		sr_variants_at(x->var, i, &from, &to);
		buf_puts(&m, i ? ",[\"" : "[\"");
		buf_put_json(&m, from, strlen(from));
		buf_puts(&m, "\",\"");
		buf_put_json(&m, to, strlen(to));
		buf_puts(&m, "\"]");
	}
	buf_puts(&m, "],\"h\":[");
	for (size_t i = 0, n = 0; i < x->n_docs; i++)
		if (x->docs[i].hub)
			buf_printf(&m, n++ ? ",%zu" : "%zu", i);
	/* each document's page: the index of the page's first document, as
	 * base64url varints of the distance back to it */
	buf_puts(&m, "],\"pg\":\"");
	int *first = xmalloc((s->n_pages + 1) * sizeof(int));
	for (size_t i = 0; i <= s->n_pages; i++)
		first[i] = -1;
	for (size_t i = 0; i < x->n_docs; i++) {
		int pg = x->docs[i].page;
		if (first[pg] < 0)
			first[pg] = (int)i;
		put_v(&m, (unsigned)((int)i - first[pg]));
	}
	free(first);
	buf_puts(&m, "\",\"g\":");
	titles_of(s, PAGE_GUIDELINE, &m);
	buf_puts(&m, ",\"t\":");
	titles_of(s, PAGE_TOPIC, &m);
	buf_puts(&m, ",\"p\":");
	titles_of(s, PAGE_PERSONA, &m);
	buf_puts(&m, ",\"f\":[");
	int any_filter = 0;
	for (size_t i = 0; i < x->n_docs; i++)
		any_filter |= x->docs[i].gid >= 0 || x->docs[i].topics || x->docs[i].personas;
	for (size_t i = 0; any_filter && i < x->n_docs; i++) {
		doc *d = &x->docs[i];
		if (i)
			buf_putc(&m, ',');
		buf_printf(&m, "[%d,", d->gid);
		value_to_json(d->topics, &m);
		buf_putc(&m, ',');
		value_to_json(d->personas, &m);
		buf_putc(&m, ']');
	}
	buf_puts(&m, "]});\n");
	int ok = write_in(b->log, dir, "search/meta.js", &m); /* search/ was made with search/t */
	buf_free(&m);
	return ok;
}

/* Frees the index's terms and documents. */
static void ix_free(ix *x, term **terms, size_t nt)
{
	for (size_t i = 0; i < nt; i++) {
		free(terms[i]->s);
		free(terms[i]->raw);
		free(terms[i]);
	}
	free(terms);
	free(x->tab);
	free(x->touched);
	for (size_t i = 0; i < x->n_docs; i++) {
		free(x->docs[i].url);
		free(x->docs[i].title);
		free(x->docs[i].section);
		free(x->docs[i].text);
		value_free(x->docs[i].topics);
		value_free(x->docs[i].personas);
	}
	free(x->docs);
}

int index_site(site *s, build_ctx *b, const char *dir)
{
	ix x;
	memset(&x, 0, sizeof x);
	double t0 = now_ms();
	int var_ok = 1;
	sr_variants *var = load_variants(s, &var_ok);
	x.var = var;
	collect(s, &x);
	ixt("collect", &t0);
	tokenize_all(&x);
	ixt("tokenize", &t0);
	double avgdl = x.n_docs ? x.total_len / (double)x.n_docs : 1;
	if (avgdl < 1)
		avgdl = 1;

	term **terms = xmalloc((x.n_terms + 1) * sizeof(term *));
	size_t nt = 0;
	for (size_t i = 0; i < x.cap_tab; i++)
		if (x.tab[i])
			terms[nt++] = x.tab[i];
	if (nt > 1)
		qsort(terms, nt, sizeof(term *), cmp_term_ptr);
	/* sizes first: they choose the number of shards and the long lists */
	int threads = b->threads < 8 ? b->threads : 8;
	sizes_job sj[8];
	for (int i = 0; i < threads; i++)
		sj[i] = (sizes_job){&x, terms, nt * (size_t)i / (size_t)threads, nt * (size_t)(i + 1) / (size_t)threads, avgdl, 0};
	par_for((size_t)threads, threads, sizes_slice, sj);
	size_t post_bytes = 0;
	for (int i = 0; i < threads; i++)
		post_bytes += sj[i].bytes;
	int bigs = 0;
	for (size_t i = 0; i < nt; i++)
		if (terms[i]->enc_len > BIG_LIST)
			terms[i]->big = bigs++;
	ixt("sizes", &t0);
	int k = (int)(post_bytes / SHARD_TARGET) + 1;
	if (k > 4096)
		k = 4096;
	/* terms by shard, in sorted order within each */
	size_t *start = xcalloc((size_t)k + 1, sizeof(size_t));
	int *shard = xmalloc((nt + 1) * sizeof(int));
	heavy_keys heavy = {0};
	heavy_find(terms, nt, &heavy);
	for (size_t i = 0; i < nt; i++) {
		shard[i] = shard_of(terms[i], k, &heavy);
		start[shard[i] + 1]++;
	}
	for (int i = 0; i < k; i++)
		start[i + 1] += start[i];
	term **by_shard = xmalloc((nt + 1) * sizeof(term *));
	size_t *fill = xmalloc(((size_t)k + 1) * sizeof(size_t));
	memcpy(fill, start, ((size_t)k + 1) * sizeof(size_t));
	for (size_t i = 0; i < nt; i++)
		by_shard[fill[shard[i]]++] = terms[i];
	free(fill);
	free(shard);

	/* document chunks: as many documents per file as make CHUNK_TARGET */
	size_t text_bytes = 0;
	for (size_t i = 0; i < x.n_docs; i++) {
		doc *d = &x.docs[i];
		text_bytes += strlen(d->url) + strlen(d->title) + strlen(d->section) + 16;
		if (d->same < 0)
			text_bytes += strlen(d->text); /* copies mostly share a chunk */
	}
	size_t avg = x.n_docs ? text_bytes / x.n_docs : 1;
	int per = (int)(CHUNK_TARGET / (avg ? avg : 1));
	if (per < 1)
		per = 1;
	int chunks = (int)((x.n_docs + (size_t)per - 1) / (size_t)per);

	/* every shard and chunk file, on every core */
	char *tdir = path_join(dir, "search/t"), *ddir = path_join(dir, "search/d");
	int ok = mkdir_p(tdir) && mkdir_p(ddir);
	if (!ok)
		diag(DIAG_ERROR, pos_at(tdir, 0, 0), "cannot create the directory: %s", strerror(errno));
	write_ctx wc = {&x, avgdl, tdir, ddir, by_shard, start, k, per, chunks, ok, b->log};
	if (ok)
		par_for((size_t)k + (size_t)chunks, threads, write_one, &wc);
	ok = wc.ok;
	free(tdir);
	free(ddir);
	free(by_shard);
	free(start);

	ixt("files", &t0);
	ok &= write_meta(s, b, dir, &x, terms, nt, k, per, &heavy);
	free(heavy.s);
	free(heavy.len);
	ix_free(&x, terms, nt);
	sr_variants_free(var);
	return ok && var_ok;
}

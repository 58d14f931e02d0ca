/* site.c: the site model (see site.h). Every stage adds and finds pages
 * here; two hash tables answer "which page has this id" and "which page
 * writes this output path" in constant time, so no stage scans the pages
 * for a lookup. */
#include "site.h"
#include "diag.h"
#include "messages.h"
#include "util.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

/* Open addressing over page pointers; the first page added for a key
 * stays its answer (later duplicates are reported by load). */
typedef struct page_table {
	page **slot;
	size_t cap, n;
} page_table;

struct site_index {
	page_table by_id;  /* key: kind and id */
	page_table by_out; /* key: output path */
};

static size_t id_hash(page_kind kind, const char *id)
{
	unsigned char k = (unsigned char)kind;
	return (size_t)hash64(hash64(HASH64_SEED, &k, 1), id, strlen(id));
}

static int same_id(const page *p, page_kind kind, const char *id)
{
	return p->kind == kind && !strcmp(p->id, id);
}

/* The slot of key in t: by_id when out is NULL, else by_out. */
static page **table_slot(page_table *t, page_kind kind, const char *id, const char *out)
{
	size_t h = (out ? hash_str(out) : id_hash(kind, id)) & (t->cap - 1);
	while (t->slot[h] && !(out ? !strcmp(t->slot[h]->out, out) : same_id(t->slot[h], kind, id)))
		h = (h + 1) & (t->cap - 1);
	return &t->slot[h];
}

static void table_put(page_table *t, page *p, int by_out);

static void table_grow(page_table *t, int by_out)
{
	page_table old = *t;
	t->cap = old.cap ? old.cap * 2 : 64;
	t->slot = xcalloc(t->cap, sizeof *t->slot);
	t->n = 0;
	for (size_t i = 0; i < old.cap; i++)
		if (old.slot[i])
			table_put(t, old.slot[i], by_out);
	free(old.slot);
}

static void table_put(page_table *t, page *p, int by_out)
{
	if ((t->n + 1) * 2 > t->cap)
		table_grow(t, by_out);
	page **sl = table_slot(t, p->kind, p->id, by_out ? p->out : NULL);
	if (!*sl) {
		*sl = p;
		t->n++;
	}
}

site *site_new(void)
{
	site *s = xcalloc(1, sizeof(site));
	s->index = xcalloc(1, sizeof *s->index);
	return s;
}

static void page_free(page *p)
{
	if (!p)
		return;
	free(p->id);
	free(p->out);
	free(p->tmpl);
	value_free(p->meta);
	value_free(p->data);
	md_doc_free(&p->md);
	free(p->body_src);
	free(p);
}

void site_free(site *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n_pages; i++)
		page_free(s->pages[i]);
	free(s->pages);
	for (size_t i = 0; i < s->n_assets; i++)
		free(s->assets[i]);
	free(s->assets);
	value_free(s->config);
	value_free(s->i18n);
	value_free(s->relations);
	value_free(s->files);
	value_free(s->start_check);
	free(s->project_dir);
	free(s->content_dir);
	free(s->personas_dir);
	free(s->journeys_dir);
	free(s->theme_dir);
	free(s->base_url);
	free(s->index->by_id.slot);
	free(s->index->by_out.slot);
	free(s->index);
	free(s);
}

page *site_add_page(site *s, page_kind kind, const char *id, const char *src, const char *out)
{
	assert(id && out);
	if (s->n_pages == s->cap_pages) {
		s->cap_pages = s->cap_pages ? s->cap_pages * 2 : 64;
		s->pages = xrealloc(s->pages, s->cap_pages * sizeof(page *));
	}
	page *p = xcalloc(1, sizeof *p);
	p->kind = kind;
	p->id = xstrdup(id);
	p->src = src ? intern_path(src) : NULL;
	p->out = xstrdup(out);
	p->seq = s->n_pages;
	s->pages[s->n_pages++] = p;
	table_put(&s->index->by_id, p, 0);
	table_put(&s->index->by_out, p, 1);
	return p;
}

page *site_add_generated(site *s, page_kind kind, const char *out, const char *tmpl, const char *title)
{
	assert(kind == PAGE_HOME || kind == PAGE_GENERATED);
	char *id = xstrndup(out, strlen(out) - (str_ends_with(out, ".html") ? 5 : 0));
	page *p = site_add_page(s, kind, id, NULL, out);
	free(id);
	p->tmpl = xstrdup(tmpl);
	p->meta = value_map();
	p->data = value_map();
	value_set_str(p->data, "title", title);
	value_set_str(p->data, "url", out);
	return p;
}

page *site_find(const site *s, page_kind kind, const char *id)
{
	page_table *t = &s->index->by_id;
	return t->cap ? *table_slot(t, kind, id, NULL) : NULL;
}

page *site_find_ref(const site *s, const char *id)
{
	/* the earliest of the three namespaces' pages (a clash is reported by load) */
	static const page_kind kinds[] = {PAGE_GUIDELINE, PAGE_TOPIC, PAGE_PAGE};
	page *best = NULL;
	size_t best_at = 0;
	for (size_t k = 0; k < 3; k++) {
		page *p = site_find(s, kinds[k], id);
		if (!p)
			continue;
		if (!best || p->seq < best_at)
			best = p, best_at = p->seq;
	}
	return best;
}

page *site_find_out(const site *s, const char *out)
{
	page_table *t = &s->index->by_out;
	return t->cap ? *table_slot(t, 0, NULL, out) : NULL;
}

void site_output_clash(const char *out, const char *first, srcpos owner_pos, const char *owner)
{
	diag(DIAG_ERROR, owner_pos, "%s would write %s, which %s already writes", owner, out, first);
	diag_hint("every file of the site has one source: rename or remove one of them (in a site with "
		  "guidelines or topics the generator writes index.html, 404.html, search.html, "
		  "coverage.*, compare/, changes.html, feed.xml, sitemap.xml and robots.txt)");
}

/* The owners table: open addressing over borrowed path strings. */
enum { OWN_SEARCH, OWN_PAGE, OWN_ASSET, OWN_FILE };

typedef struct owner_slot {
	const char *out; /* NULL: empty */
	int kind;        /* OWN_* */
	size_t i;        /* the page, asset or file */
} owner_slot;

struct site_owners {
	const site *s;
	owner_slot *slot;
	size_t cap;
};

static owner_slot *owner_find(const site_owners *o, const char *out)
{
	size_t h = hash_str(out) & (o->cap - 1);
	while (o->slot[h].out && strcmp(o->slot[h].out, out))
		h = (h + 1) & (o->cap - 1);
	return &o->slot[h];
}

/* The description and source file of an owner (both malloc'd; file may
 * be NULL), as the messages name them. */
static void owner_describe(const site *s, const owner_slot *e, char **owner, char **file)
{
	*file = NULL;
	switch (e->kind) {
	case OWN_SEARCH:
		*owner = xstrdup(msg_tr("the search index"));
		break;
	case OWN_PAGE: {
		const page *p = s->pages[e->i];
		if (p->src) {
			*owner = xstrdup(p->src);
			*file = xstrdup(p->src);
		} else
			*owner = xasprintf(msg_tr("the generated page %s (template '%s')"), p->out,
					   p->tmpl ? p->tmpl : "page");
		break;
	}
	case OWN_ASSET:
		*owner = path_join(s->content_dir, s->assets[e->i]);
		*file = xstrdup(*owner);
		break;
	default:
		*owner = xstrdup("the generator");
		break;
	}
}

/* Claims out for an owner, or reports the clash where a reader can fix
 * it: at a source file when one of the two has one. */
static void claim(site_owners *o, const char *out, int kind, size_t i)
{
	owner_slot *first = owner_find(o, out);
	if (!first->out) {
		*first = (owner_slot){out, kind, i};
		return;
	}
	owner_slot e = {out, kind, i};
	char *first_owner, *first_file, *owner, *file;
	owner_describe(o->s, first, &first_owner, &first_file);
	owner_describe(o->s, &e, &owner, &file);
	if (!file && first_file) /* e.g. content/index.md and the generated home page */
		site_output_clash(out, owner, pos_at(first_file, 1, 1), first_owner);
	else
		site_output_clash(out, first_owner, file ? pos_at(file, 1, 1) : pos_at(NULL, 0, 0), owner);
	free(first_owner);
	free(first_file);
	free(owner);
	free(file);
}

site_owners *site_outputs(const site *s, int reserve_search)
{
	site_owners *o = xcalloc(1, sizeof *o);
	o->s = s;
	size_t n = s->n_pages + s->n_assets + value_len(s->files) + 1;
	o->cap = 64;
	while (o->cap < 2 * n)
		o->cap *= 2;
	o->slot = xcalloc(o->cap, sizeof *o->slot);
	if (reserve_search)
		claim(o, "search", OWN_SEARCH, 0);
	for (size_t i = 0; i < s->n_pages; i++) {
		const char *out = s->pages[i]->out;
		claim(o, reserve_search && str_starts_with(out, "search/") ? "search" : out, OWN_PAGE, i);
	}
	for (size_t i = 0; i < s->n_assets; i++)
		claim(o, reserve_search && str_starts_with(s->assets[i], "search/") ? "search" : s->assets[i],
		      OWN_ASSET, i);
	for (size_t i = 0; i < value_len(s->files); i++)
		claim(o, value_key_at(s->files, i), OWN_FILE, i);
	return o;
}

int site_output_owner(const site_owners *o, const char *out, char **owner, char **file)
{
	const owner_slot *e = owner_find(o, out);
	if (!e->out)
		return 0;
	owner_describe(o->s, e, owner, file);
	return 1;
}

void site_owners_free(site_owners *o)
{
	if (!o)
		return;
	free(o->slot);
	free(o);
}

int site_valid_id(const char *id)
{
	if (!*id || *id == '-')
		return 0;
	for (const char *p = id; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
			return 0;
	return 1;
}

value *site_link(const char *title, const char *url)
{
	value *m = value_map();
	value_set_str(m, "title", title ? title : "");
	value_set_str(m, "url", url);
	return m;
}

const char *site_page_title(const page *p)
{
	const char *t = value_get_cstr(p->meta, "title");
	if (!t)
		t = value_get_cstr(p->meta, "name");
	if (!t && p->md.n_h)
		t = p->md.h[0].text;
	return t ? t : p->id;
}

const char *site_ui(const site *s, const char *key, const char *fallback)
{
	const char *t = value_get_cstr(s->i18n, key);
	return t ? t : fallback;
}

const char *page_short_title(const page *g)
{
	/* a wrong type in the front matter is reported by resolve */
	const char *t = value_get_cstr(g->data, "short_title");
	return t ? t : site_page_title(g);
}

value *page_sections(const page *p)
{
	value *v = value_get(p->data, "sections");
	/* resolve builds them for these kinds; others may hold anything */
	if (p->kind == PAGE_GUIDELINE || p->kind == PAGE_PAGE || p->kind == PAGE_PLAIN)
		assert(v && v->type == V_LIST);
	return v && v->type == V_LIST ? v : NULL;
}

value *topic_cells(const page *t)
{
	assert(t->kind == PAGE_TOPIC);
	value *v = value_get(t->data, "cells");
	assert(!v || v->type == V_LIST);
	return v;
}

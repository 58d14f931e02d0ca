/* crosslink.c: the cross-links of a "guideline of guidelines", computed
 * after every reference has been resolved (stage 2): relations shown on
 * both sections, backlinks, the journeys that use a guideline or topic,
 * and the generated pages (home, lists, coverage matrix, comparisons)
 * with coverage.csv and coverage.json. */
#include "diag.h"
#include "site.h"
#include "util.h"
#include "publish.h"
#include "gitinfo.h"

#include <stdlib.h>
#include <string.h>

/* ---- page lookup by output path ---------------------------------------- */

typedef struct out_index {
	page **slots;
	size_t cap;
} out_index;

static size_t hash_str(const char *s)
{
	size_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static void index_build(out_index *ix, site *s)
{
	ix->cap = 16;
	while (ix->cap < s->n_pages * 2)
		ix->cap *= 2;
	ix->slots = xcalloc(ix->cap, sizeof(page *));
	for (size_t i = 0; i < s->n_pages; i++) {
		size_t h = hash_str(s->pages[i]->out) & (ix->cap - 1);
		while (ix->slots[h])
			h = (h + 1) & (ix->cap - 1);
		ix->slots[h] = s->pages[i];
	}
}

static page *index_find(out_index *ix, const char *out)
{
	size_t h = hash_str(out) & (ix->cap - 1);
	while (ix->slots[h]) {
		if (!strcmp(ix->slots[h]->out, out))
			return ix->slots[h];
		h = (h + 1) & (ix->cap - 1);
	}
	return NULL;
}

/* Appends item to the list data[key] unless an item with the same url is
 * there; takes the reference to item. */
static void push_unique(value *data, const char *key, value *item)
{
	value *l = value_get(data, key);
	if (!l) {
		l = value_list();
		value_set(data, key, l);
	}
	const char *url = value_get_cstr(item, "url");
	for (size_t i = 0; i < value_len(l); i++)
		if (url && !strcmp(value_get_cstr(value_at(l, i), "url"), url)) {
			value_free(item);
			return;
		}
	value_push(l, item);
}

/* ---- relations ---------------------------------------------------------- */

static value *section_of(site *s, const char *ref, page **gp)
{
	const char *hash = strchr(ref, '#');
	if (!hash)
		return NULL;
	char *id = xstrndup(ref, (size_t)(hash - ref));
	page *g = site_find(s, PAGE_GUIDELINE, id);
	free(id);
	if (!g)
		return NULL;
	*gp = g;
	value *secs = value_get(g->data, "sections");
	for (size_t i = 0; i < value_len(secs); i++)
		if (!strcmp(value_get_cstr(value_at(secs, i), "id"), hash + 1))
			return value_at(secs, i);
	return NULL;
}

static const char *inverse_type(const char *t)
{
	if (!strcmp(t, "subset"))
		return "superset";
	if (!strcmp(t, "superset"))
		return "subset";
	return t;
}

static void add_relation(site *s, value *sec, page *other_g, value *other_sec, const char *type,
			 const char *why)
{
	char *url = xasprintf("%s#%s", other_g->out, value_get_cstr(other_sec, "id"));
	const char *short_title = value_get_cstr(other_g->data, "short_title");
	char *title = xasprintf("%s %s", short_title ? short_title : site_page_title(other_g),
				value_get_cstr(other_sec, "title"));
	value *r = site_link(title, url);
	value_set_str(r, "type", type);
	char *key = xasprintf("rel_%s", type);
	const char *label = value_get_cstr(s->i18n, key);
	value_set_str(r, "type_label", label ? label : type);
	value_set_str(r, "why", why);
	free(key);
	free(url);
	free(title);
	value *l = value_get(sec, "relations");
	if (!l) {
		l = value_list();
		value_set(sec, "relations", l);
	}
	value_push(l, r);
}

static void attach_relations(site *s)
{
	for (size_t i = 0; i < value_len(s->relations); i++) {
		value *r = value_at(s->relations, i);
		const char *a = value_get_cstr(r, "a"), *b = value_get_cstr(r, "b");
		const char *type = value_get_cstr(r, "type"), *why = value_get_cstr(r, "why");
		page *ga = NULL, *gb = NULL;
		value *sa = a ? section_of(s, a, &ga) : NULL;
		value *sb = b ? section_of(s, b, &gb) : NULL;
		if (!sa || !sb || !type || !why)
			continue; /* reported by resolve */
		add_relation(s, sa, gb, sb, type, why);
		add_relation(s, sb, ga, sa, inverse_type(type), why);
	}
}

/* ---- journeys per guideline / topic, backlinks --------------------------- */

static page *ref_target(site *s, const char *ref)
{
	size_t n = strcspn(ref, "#");
	char *id = xstrndup(ref, n);
	page *p = site_find_ref(s, id);
	free(id);
	return p;
}

static void attach_journeys(site *s)
{
	for (size_t i = 0; i < s->n_pages; i++) {
		page *j = s->pages[i];
		if (j->kind != PAGE_JOURNEY)
			continue;
		value *steps = value_get(j->data, "step_list");
		for (size_t k = 0; k < value_len(steps); k++) {
			value *st = value_at(steps, k);
			value *refs = value_get(st, "refs");
			for (size_t m = 0; m < value_len(refs); m++) {
				const char *ref = value_cstr(value_at(refs, m));
				page *t = ref ? ref_target(s, ref) : NULL;
				if (!t)
					continue;
				char *url = xasprintf("%s#step-%s", j->out, value_get_cstr(st, "id"));
				value *l = site_link(value_get_cstr(st, "title"), url);
				value_set_str(l, "journey", site_page_title(j));
				value_set_str(l, "journey_url", j->out);
				value_set(l, "number", value_ref(value_get(st, "number")));
				push_unique(t->data, "in_journeys", l);
				value *b = site_link(site_page_title(j), j->out);
				push_unique(t->data, "backlinks", b);
				free(url);
			}
		}
	}
}

static void attach_backlinks(site *s)
{
	out_index ix;
	index_build(&ix, s);
	for (size_t i = 0; i < s->n_pages; i++) {
		page *p = s->pages[i];
		for (size_t k = 0; k < p->md.n_links; k++) {
			char *path = path_resolve(p->out, p->md.links[k].href);
			page *t = path ? index_find(&ix, path) : NULL;
			if (t && t != p)
				push_unique(t->data, "backlinks", site_link(site_page_title(p), p->out));
			free(path);
		}
		if (p->kind == PAGE_TOPIC) {
			value *rf = value_get(p->meta, "read_first");
			for (size_t k = 0; k < value_len(rf); k++) {
				const char *ref = value_cstr(value_at(rf, k));
				page *t = ref ? ref_target(s, ref) : NULL;
				if (t && t != p)
					push_unique(t->data, "backlinks", site_link(site_page_title(p), p->out));
			}
		}
	}
	free(ix.slots);
}

/* ---- generated pages ------------------------------------------------------ */

static const char *ui(site *s, const char *key, const char *fallback)
{
	const char *t = value_get_cstr(s->i18n, key);
	return t ? t : fallback;
}

static void add_lists(site *s)
{
	int has_index = 0, any_g = 0, any_t = 0;
	for (size_t i = 0; i < s->n_pages; i++) {
		has_index |= !strcmp(s->pages[i]->out, "index.html");
		any_g |= s->pages[i]->kind == PAGE_GUIDELINE;
		any_t |= s->pages[i]->kind == PAGE_TOPIC;
	}
	if (!has_index) {
		const char *t = value_get_cstr(s->config, "title");
		page *p = site_add_generated(s, "index.html", "home", t ? t : "shirube");
		p->kind = PAGE_HOME;
		value_set_bool(p->data, "is_home", 1);
		value *all = value_list();
		for (size_t i = 0; i < s->n_pages; i++)
			if (s->pages[i]->kind == PAGE_PLAIN)
				value_push(all, value_ref(s->pages[i]->data));
		value_set(p->data, "all_pages", all);
		if (s->start_check)
			value_set(p->data, "start_check", value_ref(s->start_check));
	}
	if (any_g)
		site_add_generated(s, "guidelines/index.html", "guidelines", ui(s, "nav_guidelines", "Guidelines"));
	if (any_t)
		site_add_generated(s, "topics/index.html", "topics", ui(s, "nav_topics", "Topics"));
}

static void csv_field(buf *b, const char *s)
{
	buf_putc(b, '"');
	for (; *s; s++) {
		if (*s == '"')
			buf_putc(b, '"');
		buf_putc(b, *s);
	}
	buf_putc(b, '"');
}

static int audience_has(page *g, const char *persona)
{
	value *a = value_get(g->meta, "audience");
	for (size_t i = 0; i < value_len(a); i++)
		if (value_cstr(value_at(a, i)) && !strcmp(value_cstr(value_at(a, i)), persona))
			return 1;
	return 0;
}

/* The matrix data for the guidelines that pass the filter (persona NULL =
 * all): {columns: [...], rows: [{title, url, cells: [...]}]}. */
static value *matrix_data(site *s, const char *persona)
{
	value *d = value_map();
	value *cols = value_list(), *rows = value_list();
	size_t ng = 0;
	char *keep = xcalloc(s->n_pages + 1, 1);
	for (size_t i = 0; i < s->n_pages; i++) {
		page *g = s->pages[i];
		if (g->kind != PAGE_GUIDELINE)
			continue;
		keep[ng] = !persona || audience_has(g, persona);
		if (keep[ng]) {
			value *c = site_link(site_page_title(g), g->out);
			const char *st = value_get_cstr(g->data, "short_title");
			value_set_str(c, "short_title", st ? st : site_page_title(g));
			value_set_str(c, "id", g->id);
			value_push(cols, c);
		}
		ng++;
	}
	for (size_t i = 0; i < s->n_pages; i++) {
		page *t = s->pages[i];
		if (t->kind != PAGE_TOPIC)
			continue;
		value *row = site_link(site_page_title(t), t->out);
		value *cells = value_list(), *all = value_get(t->data, "cells");
		for (size_t k = 0; k < value_len(all); k++)
			if (keep[k])
				value_push(cells, value_ref(value_at(all, k)));
		value_set(row, "cells", cells);
		value_push(rows, row);
	}
	free(keep);
	value_set(d, "columns", cols);
	value_set(d, "rows", rows);
	return d;
}

static void add_matrix(site *s)
{
	int any_g = 0, any_t = 0;
	for (size_t i = 0; i < s->n_pages; i++) {
		any_g |= s->pages[i]->kind == PAGE_GUIDELINE;
		any_t |= s->pages[i]->kind == PAGE_TOPIC;
	}
	if (!any_g || !any_t)
		return;
	value *filters = value_list();
	value *all = site_link(ui(s, "matrix_all", "All"), "coverage.html");
	value_push(filters, all);
	for (size_t i = 0; i < s->n_pages; i++)
		if (s->pages[i]->kind == PAGE_PERSONA) {
			char *out = xasprintf("coverage/%s.html", s->pages[i]->id);
			value_push(filters, site_link(site_page_title(s->pages[i]), out));
			free(out);
		}
	page *m = site_add_generated(s, "coverage.html", "matrix", ui(s, "matrix_title", "Coverage"));
	value *d = matrix_data(s, NULL);
	value_set(m->data, "matrix", d);
	value_set(m->data, "filters", value_ref(filters));
	value_set_str(m->data, "filter_current", "coverage.html");
	for (size_t i = 0; i < s->n_pages; i++) {
		page *p = s->pages[i];
		if (p->kind != PAGE_PERSONA)
			continue;
		char *out = xasprintf("coverage/%s.html", p->id);
		char *title = xasprintf("%s — %s", ui(s, "matrix_title", "Coverage"), site_page_title(p));
		page *pm = site_add_generated(s, out, "matrix", title);
		value_set(pm->data, "matrix", matrix_data(s, p->id));
		value_set(pm->data, "filters", value_ref(filters));
		value_set_str(pm->data, "filter_current", out);
		value_set_str(pm->data, "persona", site_page_title(p));
		free(out);
		free(title);
	}
	value_free(filters);

	/* coverage.csv (UTF-8 with BOM so spreadsheet programs read Japanese)
	 * and coverage.json */
	buf csv = {0}, json = {0};
	buf_puts(&csv, "\xEF\xBB\xBFtopic_id,topic,guideline_id,guideline,level,sections\r\n");
	value *rows = value_get(d, "rows");
	value *jl = value_list();
	for (size_t r = 0; r < value_len(rows); r++) {
		value *cells = value_get(value_at(rows, r), "cells");
		for (size_t c = 0; c < value_len(cells); c++) {
			value *cell = value_at(cells, c);
			csv_field(&csv, value_get_cstr(cell, "topic_id"));
			buf_putc(&csv, ',');
			csv_field(&csv, value_get_cstr(cell, "topic"));
			buf_putc(&csv, ',');
			csv_field(&csv, value_get_cstr(cell, "guideline_id"));
			buf_putc(&csv, ',');
			csv_field(&csv, value_get_cstr(cell, "guideline_title"));
			buf_putc(&csv, ',');
			csv_field(&csv, value_get_cstr(cell, "level"));
			buf_putc(&csv, ',');
			buf secs = {0};
			value *sl = value_get(cell, "sections");
			value *jsecs = value_list();
			for (size_t k = 0; k < value_len(sl); k++) {
				const char *u = value_get_cstr(value_at(sl, k), "url");
				if (k)
					buf_putc(&secs, ' ');
				buf_puts(&secs, u);
				value_push(jsecs, value_str(u));
			}
			csv_field(&csv, buf_cstr(&secs));
			buf_free(&secs);
			buf_puts(&csv, "\r\n");
			value *o = value_map();
			value_set_str(o, "topic", value_get_cstr(cell, "topic_id"));
			value_set_str(o, "guideline", value_get_cstr(cell, "guideline_id"));
			value_set_str(o, "level", value_get_cstr(cell, "level"));
			value_set(o, "sections", jsecs);
			if (value_get_cstr(cell, "note"))
				value_set_str(o, "note", value_get_cstr(cell, "note"));
			value_push(jl, o);
		}
	}
	value *jroot = value_map();
	value *gl = value_list(), *tl = value_list();
	for (size_t i = 0; i < s->n_pages; i++) {
		page *p = s->pages[i];
		if (p->kind != PAGE_GUIDELINE && p->kind != PAGE_TOPIC)
			continue;
		value *o = value_map();
		value_set_str(o, "id", p->id);
		value_set_str(o, "title", site_page_title(p));
		value_set_str(o, "url", p->out);
		value_push(p->kind == PAGE_GUIDELINE ? gl : tl, o);
	}
	value_set(jroot, "guidelines", gl);
	value_set(jroot, "topics", tl);
	value_set(jroot, "coverage", jl);
	value_to_json(jroot, &json);
	buf_putc(&json, '\n');
	value_free(jroot);
	if (!s->files)
		s->files = value_map();
	value_set(s->files, "coverage.csv", value_str_take(buf_detach(&csv)));
	value_set(s->files, "coverage.json", value_str_take(buf_detach(&json)));
}

static int is_on(value *cell)
{
	const char *l = value_get_cstr(cell, "level");
	return l && (!strcmp(l, "covered") || !strcmp(l, "partial"));
}

static void add_comparisons(site *s)
{
	page **gs = xcalloc(s->n_pages + 1, sizeof(page *));
	size_t n = 0;
	for (size_t i = 0; i < s->n_pages; i++)
		if (s->pages[i]->kind == PAGE_GUIDELINE)
			gs[n++] = s->pages[i];
	if (n < 2) {
		free(gs);
		return;
	}
	page *ix = site_add_generated(s, "compare/index.html", "compare-index", ui(s, "compare_title", "Compare"));
	value *groups = value_list();
	for (size_t a = 0; a < n; a++) {
		value *grp = site_link(site_page_title(gs[a]), gs[a]->out);
		value *pairs = value_list();
		for (size_t b = 0; b < n; b++) {
			if (a == b)
				continue;
			size_t x = a < b ? a : b, y = a < b ? b : a;
			char *out = xasprintf("compare/%s--%s.html", gs[x]->id, gs[y]->id);
			value_push(pairs, site_link(site_page_title(gs[b]), out));
			free(out);
		}
		value_set(grp, "pairs", pairs);
		value_push(groups, grp);
	}
	value_set(ix->data, "groups", groups);

	for (size_t a = 0; a < n; a++)
		for (size_t b = a + 1; b < n; b++) {
			page *ga = gs[a], *gb = gs[b];
			char *out = xasprintf("compare/%s--%s.html", ga->id, gb->id);
			char *title = xasprintf("%s × %s", value_get_cstr(ga->data, "short_title") ? value_get_cstr(ga->data, "short_title") : ga->id,
						value_get_cstr(gb->data, "short_title") ? value_get_cstr(gb->data, "short_title") : gb->id);
			page *p = site_add_generated(s, out, "compare", title);
			value_set(p->data, "a", site_link(site_page_title(ga), ga->out));
			value_set(p->data, "b", site_link(site_page_title(gb), gb->out));
			value *only_a = value_list(), *only_b = value_list(), *both = value_list();
			for (size_t i = 0; i < s->n_pages; i++) {
				page *t = s->pages[i];
				if (t->kind != PAGE_TOPIC)
					continue;
				value *cells = value_get(t->data, "cells");
				value *ca = value_at(cells, a), *cb = value_at(cells, b);
				int on_a = is_on(ca), on_b = is_on(cb);
				if (!on_a && !on_b)
					continue;
				value *row = site_link(site_page_title(t), t->out);
				value_set(row, "a", value_ref(ca));
				value_set(row, "b", value_ref(cb));
				value_push(on_a && on_b ? both : on_a ? only_a : only_b, row);
			}
			value_set(p->data, "only_a", only_a);
			value_set(p->data, "only_b", only_b);
			value_set(p->data, "both", both);
			free(out);
			free(title);
		}
	free(gs);
}

/* Per journey: the journey map page and the printable checklist. */
static void add_journey_pages(site *s)
{
	size_t n = s->n_pages;
	for (size_t i = 0; i < n; i++) {
		page *j = s->pages[i];
		if (j->kind != PAGE_JOURNEY)
			continue;
		char *base = xstrndup(j->out, strlen(j->out) - 5);
		char *map = xasprintf("%s-map.html", base), *list = xasprintf("%s-checklist.html", base);
		char *t1 = xasprintf("%s — %s", ui(s, "journey_stages", "Journey map"), site_page_title(j));
		char *t2 = xasprintf("%s — %s", ui(s, "checklist", "Checklist"), site_page_title(j));
		page *pm = site_add_generated(s, map, "journey-map", t1);
		value_set(pm->data, "journey", value_ref(j->data));
		page *pc = site_add_generated(s, list, "checklist", t2);
		value_set(pc->data, "journey", value_ref(j->data));
		value_set_str(j->data, "map_url", map);
		value_set_str(j->data, "checklist_url", list);
		free(base);
		free(map);
		free(list);
		free(t1);
		free(t2);
	}
}

/* ---- the search page with its A–Z index (the no-JavaScript fallback) ---- */

/* The group an entry is listed under: a 五十音 row for kana, A–Z for Latin
 * letters, 0–9 for digits, else その他. `reading` (kana) is preferred. */
static const char *az_group(const char *text)
{
	static const char *rows[] = {"あ", "か", "さ", "た", "な", "は", "ま", "や", "ら", "わ"};
	static const char *latin[] = {"A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M",
				      "N", "O", "P", "Q", "R", "S", "T", "U", "V", "W", "X", "Y", "Z"};
	const unsigned char *u = (const unsigned char *)text;
	if (!*u)
		return "その他";
	if (*u < 0x80) {
		int c = *u;
		if (c >= 'a' && c <= 'z')
			c -= 32;
		if (c >= 'A' && c <= 'Z')
			return latin[c - 'A'];
		if (c >= '0' && c <= '9')
			return "0–9";
		return "その他";
	}
	unsigned cp = 0;
	if ((u[0] & 0xf0) == 0xe0 && u[1] && u[2])
		cp = ((u[0] & 0x0fu) << 12) | ((u[1] & 0x3fu) << 6) | (u[2] & 0x3fu);
	if (cp >= 0xFF21 && cp <= 0xFF3A)
		return latin[cp - 0xFF21];
	if (cp >= 0xFF41 && cp <= 0xFF5A)
		return latin[cp - 0xFF41];
	if (cp >= 0x30A1 && cp <= 0x30F6)
		cp -= 0x60; /* katakana -> hiragana */
	if (cp < 0x3041 || cp > 0x3096)
		return "その他";
	/* first code point of each row: あ か さ た な は ま や ら わ */
	static const unsigned starts[] = {0x3041, 0x304B, 0x3055, 0x305F, 0x306A, 0x306F, 0x307E, 0x3083, 0x3089, 0x308E};
	int r = 0;
	for (int i = 0; i < 10; i++)
		if (cp >= starts[i])
			r = i;
	return rows[r];
}

static int cmp_az(const void *a, const void *b)
{
	const value *x = *(value *const *)a, *y = *(value *const *)b;
	int c = strcmp(value_get_cstr(x, "sort"), value_get_cstr(y, "sort"));
	return c ? c : strcmp(value_get_cstr(x, "url"), value_get_cstr(y, "url"));
}

/* Groups a list of {title, url, sort} into [{group, entries}] in order. */
static value *az_groups(value *items)
{
	if (value_len(items) > 1)
		qsort(items->u.list.items, items->u.list.n, sizeof(value *), cmp_az);
	static const char *order[] = {"あ", "か", "さ", "た", "な", "は", "ま", "や", "ら", "わ", "A", "B", "C", "D",
				      "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O", "P", "Q", "R",
				      "S", "T", "U", "V", "W", "X", "Y", "Z", "0–9", "その他"};
	value *groups = value_list();
	for (size_t g = 0; g < sizeof order / sizeof *order; g++) {
		value *entries = value_list();
		for (size_t i = 0; i < value_len(items); i++) {
			value *it = value_at(items, i);
			if (!strcmp(az_group(value_get_cstr(it, "sort")), order[g]))
				value_push(entries, value_ref(it));
		}
		if (!value_len(entries)) {
			value_free(entries);
			continue;
		}
		value *grp = value_map();
		value_set_str(grp, "group", order[g]);
		value_set(grp, "entries", entries);
		value_push(groups, grp);
	}
	return groups;
}

static void add_search_page(site *s)
{
	value *sv = value_get(s->config, "search");
	if (sv && !value_truthy(sv))
		return;
	page *sp = site_add_generated(s, "search.html", "search", ui(s, "search_title", "Search"));
	value *topics = value_list(), *pages = value_list(), *guides = value_list();
	for (size_t i = 0; i < s->n_pages; i++) {
		page *p = s->pages[i];
		const char *title = value_get_cstr(p->data, "title");
		if (!title)
			continue;
		if (p->kind == PAGE_TOPIC) {
			value *e = site_link(title, p->out);
			const char *reading = value_get_cstr(p->meta, "reading");
			value_set_str(e, "sort", reading ? reading : title);
			value_push(topics, e);
		} else if (p->kind == PAGE_GUIDELINE) {
			value *g = site_link(title, p->out);
			value *secs = value_list();
			value *all = value_get(p->data, "sections");
			for (size_t k = 0; k < value_len(all); k++) {
				value *sec = value_at(all, k);
				char *url = xasprintf("%s#%s", p->out, value_get_cstr(sec, "id"));
				value_push(secs, site_link(value_get_cstr(sec, "title"), url));
				free(url);
			}
			value_set(g, "sections", secs);
			value_push(guides, g);
		} else if (p->kind == PAGE_PLAIN || p->kind == PAGE_PAGE) {
			value *e = site_link(title, p->out);
			value_set_str(e, "sort", title);
			value_push(pages, e);
		}
	}
	value_set(sp->data, "az_topics", az_groups(topics));
	value_set(sp->data, "az_pages", az_groups(pages));
	value_set(sp->data, "az_guidelines", guides);
	value_free(topics);
	value_free(pages);
}

void crosslink_site(site *s)
{
	add_journey_pages(s);
	attach_relations(s);
	attach_journeys(s);
	attach_backlinks(s);
	add_lists(s);
	publish_add_pages(s);
	add_search_page(s);
	add_matrix(s);
	add_comparisons(s);
	gitinfo_apply(s);
}

void report_unreviewed(site *s)
{
	for (size_t i = 0; i < s->n_pages; i++) {
		page *g = s->pages[i];
		if (g->kind != PAGE_GUIDELINE)
			continue;
		value *cl = value_get(g->data, "coverage_list");
		buf names = {0};
		size_t n = 0;
		for (size_t k = 0; k < value_len(cl); k++) {
			value *c = value_at(cl, k);
			if (strcmp(value_get_cstr(c, "level"), "unreviewed"))
				continue;
			if (n++)
				buf_puts(&names, ", ");
			buf_puts(&names, value_get_cstr(c, "topic_id"));
		}
		if (n)
			diag(DIAG_NOTE, pos_at(g->src, 1, 1), "%zu of %zu topics unreviewed: %s", n,
			     value_len(cl), buf_cstr(&names));
		buf_free(&names);
	}
}

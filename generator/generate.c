/* generate.c: stage 3. Adds the pages and files that no source file
 * makes, from the resolved site: per journey its map and checklist, the
 * home page and the lists, the 404 page, the search page with its A-Z
 * index, the coverage matrix (all and per persona) with coverage.csv and
 * coverage.json, the comparisons of every pair of guidelines, and the
 * changes page with its feed (from the git history, gitinfo.c). Reads
 * page.data of every kind; adds pages and site.files. */
#include "generate.h"
#include "gitinfo.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- generated pages ------------------------------------------------------ */


static void add_lists(site *s)
{
	int has_index = 0, any_g = 0, any_t = 0;
	for (size_t i = 0; i < s->n_pages; i++) {
		has_index |= !strcmp(s->pages[i]->out, "index.html");
		any_g |= s->pages[i]->kind == PAGE_GUIDELINE;
		any_t |= s->pages[i]->kind == PAGE_TOPIC;
	}
	/* a plain Markdown tree may bring its own home page (index.md or
	 * README.md at the top); elsewhere index.html is the generator's, and
	 * a content page there is reported as a clash (site_outputs) */
	if (!has_index || !s->plain_only) {
		const char *t = s->cfg.title;
		page *p = site_add_generated(s, PAGE_HOME, "index.html", "home", t ? t : "shirube");
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
		site_add_generated(s, PAGE_GENERATED, "guidelines/index.html", "guidelines", site_ui(s, "nav_guidelines", "Guidelines"));
	if (any_t)
		site_add_generated(s, PAGE_GENERATED, "topics/index.html", "topics", site_ui(s, "nav_topics", "Topics"));
}

/* One quoted CSV field. A field that a spreadsheet would take for a
 * formula (it starts with =, +, -, @, a tab or a carriage return) gets a
 * leading ' so it stays text (OWASP's advice against CSV injection). */
static void csv_field(buf *b, const char *s)
{
	buf_putc(b, '"');
	if (*s && strchr("=+-@\t\r", *s))
		buf_putc(b, '\'');
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

/* coverage.csv (UTF-8 with BOM so spreadsheet programs read Japanese)
 * and coverage.json, from the whole matrix d. */
static void add_coverage_files(site *s, value *d)
{
	buf csv = {0}, json = {0};
	buf_puts(&csv, "\xEF\xBB\xBFtopic_id,topic,guideline_id,guideline,level,sections,source\r\n");
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
			buf_putc(&csv, ',');
			csv_field(&csv, value_get_cstr(cell, "ev_source") ? value_get_cstr(cell, "ev_source") : "");
			buf_puts(&csv, "\r\n");
			value *o = value_map();
			value_set_str(o, "topic", value_get_cstr(cell, "topic_id"));
			value_set_str(o, "guideline", value_get_cstr(cell, "guideline_id"));
			value_set_str(o, "level", value_get_cstr(cell, "level"));
			value_set(o, "sections", jsecs);
			if (value_get_cstr(cell, "note"))
				value_set_str(o, "note", value_get_cstr(cell, "note"));
			/* the evidence of every reviewed cell (docs/content-format.md) */
			if (value_get_cstr(cell, "ev_source")) {
				value_set_str(o, "source", value_get_cstr(cell, "ev_source"));
				value *e = value_map();
				value_set_str(e, "where", value_get_cstr(cell, "ev_where"));
				if (value_get_cstr(cell, "ev_edition"))
					value_set_str(e, "edition", value_get_cstr(cell, "ev_edition"));
				value_set_str(e, "checked", value_get_cstr(cell, "ev_checked"));
				value_set_bool(e, "inferred", value_truthy(value_get(cell, "ev_inferred")));
				value_set_bool(e, "whole", value_truthy(value_get(cell, "ev_whole")));
				if (value_get_cstr(cell, "ev_scope"))
					value_set_str(e, "scope", value_get_cstr(cell, "ev_scope"));
				value_set(o, "evidence", e);
			}
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
	value *all = site_link(site_ui(s, "matrix_all", "All"), "coverage.html");
	value_push(filters, all);
	for (size_t i = 0; i < s->n_pages; i++)
		if (s->pages[i]->kind == PAGE_PERSONA) {
			char *out = xasprintf("coverage/%s.html", s->pages[i]->id);
			value_push(filters, site_link(site_page_title(s->pages[i]), out));
			free(out);
		}
	page *m = site_add_generated(s, PAGE_GENERATED, "coverage.html", "matrix", site_ui(s, "matrix_title", "Coverage"));
	value *d = matrix_data(s, NULL);
	value_set(m->data, "matrix", d);
	value_set(m->data, "filters", value_ref(filters));
	value_set_str(m->data, "filter_current", "coverage.html");
	for (size_t i = 0; i < s->n_pages; i++) {
		page *p = s->pages[i];
		if (p->kind != PAGE_PERSONA)
			continue;
		char *out = xasprintf("coverage/%s.html", p->id);
		char *title = xasprintf("%s — %s", site_ui(s, "matrix_title", "Coverage"), site_page_title(p));
		page *pm = site_add_generated(s, PAGE_GENERATED, out, "matrix", title);
		value_set(pm->data, "matrix", matrix_data(s, p->id));
		value_set(pm->data, "filters", value_ref(filters));
		value_set_str(pm->data, "filter_current", out);
		value_set_str(pm->data, "persona", site_page_title(p));
		free(out);
		free(title);
	}
	value_free(filters);
	add_coverage_files(s, d);
}

static int is_on(value *cell)
{
	const char *l = value_get_cstr(cell, "level");
	return l && (!strcmp(l, "covered") || !strcmp(l, "partial"));
}

static int is_unreviewed(value *cell)
{
	const char *l = value_get_cstr(cell, "level");
	return !l || !strcmp(l, "unreviewed");
}

static int is_not_applicable(value *cell)
{
	const char *l = value_get_cstr(cell, "level");
	return l && !strcmp(l, "not-applicable");
}

/* Appends tpl to b with {1}..{n} replaced by v[0..n-1] (theme strings
 * are never used as printf formats). */
static void fill(buf *b, const char *tpl, const char **v, int n)
{
	for (const char *c = tpl; *c; c++) {
		if (c[0] == '{' && c[1] >= '1' && c[1] <= '9' && c[2] == '}' && c[1] - '1' < n) {
			buf_puts(b, v[c[1] - '1'] ? v[c[1] - '1'] : "");
			c += 2;
		} else
			buf_putc(b, *c);
	}
}

/* The names of g's audience personas that other's audience lacks (all of
 * them when other is NULL), joined with list_sep. */
static char *audience_names(site *s, page *g, page *other)
{
	buf b = {0};
	value *aud = value_get(g->data, "audience"), *oaud = other ? value_get(other->data, "audience") : NULL;
	size_t n = 0;
	for (size_t i = 0; i < value_len(aud); i++) {
		const char *t = value_get_cstr(value_at(aud, i), "title");
		int shared = 0;
		for (size_t k = 0; t && k < value_len(oaud); k++)
			shared |= !strcmp(t, value_get_cstr(value_at(oaud, k), "title"));
		if (!t || shared)
			continue;
		if (n++)
			buf_puts(&b, site_ui(s, "list_sep", "、"));
		buf_puts(&b, t);
	}
	return buf_detach(&b);
}

/* The 2-3 sentences a comparison page opens with (docs/content-format.md,
 * "Comparison leads"): the pair's `compare:` text from either guideline's
 * front matter, else one made from the data: who each is for, what each
 * adds (reviewed differences only) and how much is still unreviewed. */
static void set_compare_lead(site *s, page *p, page *ga, page *gb, value *only_a, value *only_b, value *both, size_t n_unrev)
{
	const char *lead = value_get_cstr(value_get(ga->meta, "compare"), gb->id);
	if (!lead)
		lead = value_get_cstr(value_get(gb->meta, "compare"), ga->id);
	if (lead) {
		value_set_str(p->data, "lead", lead);
		value_set_bool(p->data, "lead_written", 1);
		return;
	}
	const char *na = value_get_cstr(ga->data, "short_title") ? value_get_cstr(ga->data, "short_title") : site_page_title(ga);
	const char *nb = value_get_cstr(gb->data, "short_title") ? value_get_cstr(gb->data, "short_title") : site_page_title(gb);
	/* who each is for: the readers one of them addresses and the other not */
	char *aa = audience_names(s, ga, gb), *ab = audience_names(s, gb, ga);
	char num[32];
	buf b = {0};
	if (*aa) {
		const char *v[] = {na, nb, aa};
		fill(&b, site_ui(s, "compare_lead_audience", "{1} is also written for {3}, whom {2} does not address. "), v, 3);
	}
	if (*ab) {
		const char *v[] = {nb, na, ab};
		fill(&b, site_ui(s, "compare_lead_audience", "{1} is also written for {3}, whom {2} does not address. "), v, 3);
	}
	if (!*aa && !*ab) {
		char *all = audience_names(s, ga, NULL);
		if (*all) {
			const char *v[] = {all};
			fill(&b, site_ui(s, "compare_lead_same_audience", "Both are written for {1}. "), v, 1);
		}
		free(all);
	}
	if (value_len(only_a) || value_len(only_b)) {
		int a_more = value_len(only_a) >= value_len(only_b);
		value *list = a_more ? only_a : only_b;
		const char *v[] = {a_more ? na : nb, value_get_cstr(value_at(list, 0), "title"), a_more ? nb : na};
		fill(&b, site_ui(s, "compare_lead_adds", "{1} adds {2}, which {3} was checked not to cover. "), v, 3);
	} else if (value_len(both)) {
		snprintf(num, sizeof num, "%zu", value_len(both));
		const char *v[] = {num};
		fill(&b, site_ui(s, "compare_lead_both", "Both cover {1} topics; read the one written for you first. "), v, 1);
	}
	if (n_unrev) {
		snprintf(num, sizeof num, "%zu", n_unrev);
		const char *v[] = {num};
		fill(&b, site_ui(s, "compare_lead_unreviewed",
				 "{1} topics are unreviewed in one of them, so neither can be called enough on its own."), v, 1);
	}
	value_set_str(p->data, "lead", buf_cstr(&b));
	buf_free(&b);
	free(aa);
	free(ab);
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
	page *ix = site_add_generated(s, PAGE_GENERATED, "compare/index.html", "compare-index", site_ui(s, "compare_title", "Compare"));
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
			page *p = site_add_generated(s, PAGE_GENERATED, out, "compare", title);
			value_set(p->data, "a", site_link(site_page_title(ga), ga->out));
			value_set(p->data, "b", site_link(site_page_title(gb), gb->out));
			/* "only A covers X" needs B's cell reviewed (not-covered);
			 * when B's cell is unreviewed the row says so instead, and
			 * when B is not-applicable, that B is not about X. */
			value *only_a = value_list(), *only_b = value_list(), *both = value_list(),
			      *a_unknown_b = value_list(), *b_unknown_a = value_list(),
			      *a_outside_b = value_list(), *b_outside_a = value_list();
			size_t n_unrev = 0;
			for (size_t i = 0; i < s->n_pages; i++) {
				page *t = s->pages[i];
				if (t->kind != PAGE_TOPIC)
					continue;
				value *cells = value_get(t->data, "cells");
				value *ca = value_at(cells, a), *cb = value_at(cells, b);
				int on_a = is_on(ca), on_b = is_on(cb);
				n_unrev += is_unreviewed(ca) || is_unreviewed(cb);
				if (!on_a && !on_b)
					continue;
				value *row = site_link(site_page_title(t), t->out);
				value_set(row, "a", value_ref(ca));
				value_set(row, "b", value_ref(cb));
				value *to = on_a && on_b ? both
					    : on_a ? (is_unreviewed(cb) ? a_unknown_b : is_not_applicable(cb) ? a_outside_b : only_a)
						   : (is_unreviewed(ca) ? b_unknown_a : is_not_applicable(ca) ? b_outside_a : only_b);
				value_push(to, row);
			}
			value_set(p->data, "only_a", only_a);
			value_set(p->data, "only_b", only_b);
			value_set(p->data, "both", both);
			value_set(p->data, "a_unknown_b", a_unknown_b);
			value_set(p->data, "b_unknown_a", b_unknown_a);
			value_set(p->data, "a_outside_b", a_outside_b);
			value_set(p->data, "b_outside_a", b_outside_a);
			value_set_num(p->data, "n_unreviewed", (double)n_unrev);
			set_compare_lead(s, p, ga, gb, only_a, only_b, both, n_unrev);
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
		char *t1 = xasprintf("%s — %s", site_ui(s, "journey_stages", "Journey map"), site_page_title(j));
		char *t2 = xasprintf("%s — %s", site_ui(s, "checklist", "Checklist"), site_page_title(j));
		page *pm = site_add_generated(s, PAGE_GENERATED, map, "journey-map", t1);
		value_set(pm->data, "journey", value_ref(j->data));
		page *pc = site_add_generated(s, PAGE_GENERATED, list, "checklist", t2);
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

/* The group an entry is listed under: the key of a 五十音 row for kana
 * ("a" ... "wa"), A–Z for Latin letters, "digits", else "other"; the
 * labels of rows, digits and other come from the i18n files (az_row_*,
 * az_digits, az_other). `reading` (kana) is preferred. */
static const char *az_group(const char *text)
{
	static const char *rows[] = {"a", "ka", "sa", "ta", "na", "ha", "ma", "ya", "ra", "wa"};
	static const char *latin[] = {"A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M",
				      "N", "O", "P", "Q", "R", "S", "T", "U", "V", "W", "X", "Y", "Z"};
	const unsigned char *u = (const unsigned char *)text;
	if (!*u)
		return "other";
	if (*u < 0x80) {
		int c = *u;
		if (c >= 'a' && c <= 'z')
			c -= 32;
		if (c >= 'A' && c <= 'Z')
			return latin[c - 'A'];
		if (c >= '0' && c <= '9')
			return "digits";
		return "other";
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
		return "other";
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
static value *az_groups(site *s, value *items)
{
	if (value_len(items) > 1)
		qsort(items->u.list.items, items->u.list.n, sizeof(value *), cmp_az);
	static const char *order[] = {"a", "ka", "sa", "ta", "na", "ha", "ma", "ya", "ra", "wa", "A", "B", "C", "D",
				      "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O", "P", "Q", "R",
				      "S", "T", "U", "V", "W", "X", "Y", "Z", "digits", "other"};
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
		/* fallbacks for themes without the keys */
		static const char *kana[] = {"あ", "か", "さ", "た", "な", "は", "ま", "や", "ら", "わ"};
		const char *label = order[g];
		if (g < 10) {
			char key[16];
			snprintf(key, sizeof key, "az_row_%s", order[g]);
			label = site_ui(s, key, kana[g]);
		} else if (!strcmp(order[g], "digits"))
			label = site_ui(s, "az_digits", "0–9");
		else if (!strcmp(order[g], "other"))
			label = site_ui(s, "az_other", "その他");
		value_set_str(grp, "group", label);
		value_set(grp, "entries", entries);
		value_push(groups, grp);
	}
	return groups;
}

static void add_search_page(site *s)
{
	if (!s->cfg.search)
		return;
	page *sp = site_add_generated(s, PAGE_GENERATED, "search.html", "search", site_ui(s, "search_title", "Search"));
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
	value_set(sp->data, "az_topics", az_groups(s, topics));
	value_set(sp->data, "az_pages", az_groups(s, pages));
	value_set(sp->data, "az_guidelines", guides);
	value_free(topics);
	value_free(pages);
}


/* The 404 page, unless the content has its own. */
static void add_404(site *s)
{
	if (s->plain_only && site_find_out(s, "404.html"))
		return; /* a plain tree's own 404 page (as for index.html above) */
	page *p = site_add_generated(s, PAGE_GENERATED, "404.html", "404", site_ui(s, "notfound_title", "Not found"));
	value_set_bool(p->data, "is_404", 1);
}

/* Newest first; entries of one date keep their order (commits by time,
 * then notes in page order): ties broken by the position in the list. */
static int entry_newer(const void *a, const void *b)
{
	const value *x = *(value *const *)a, *y = *(value *const *)b;
	int c = strcmp(value_get_cstr((value *)y, "date"), value_get_cstr((value *)x, "date"));
	if (c)
		return c;
	double ix = value_get(x, "seq")->u.n, iy = value_get(y, "seq")->u.n;
	return ix < iy ? -1 : ix > iy;
}

/* The change notes of front matter (changes: [{date, note}], checked by
 * editorial.c) appended to commits, then all of them sorted newest first. */
static value *with_notes(site *s, value *commits)
{
	value *all = value_list();
	for (size_t i = 0; i < value_len(commits); i++)
		value_push(all, value_ref(value_at(commits, i)));
	for (size_t i = 0; i < s->n_pages; i++) {
		page *p = s->pages[i];
		value *ch = p->data && p->meta ? value_get(p->meta, "changes") : NULL;
		for (size_t k = 0; ch && ch->type == V_LIST && k < value_len(ch); k++) {
			const char *date = value_get_cstr(value_at(ch, k), "date");
			const char *note = value_get_cstr(value_at(ch, k), "note");
			if (!date || !note)
				continue;
			value *e = value_map(), *pl = value_list();
			char iso[32], id[64];
			snprintf(iso, sizeof iso, "%sT00:00:00Z", date);
			snprintf(id, sizeof id, "note-%016llx-%zu", hash64(0, p->out, strlen(p->out)), k);
			value_set_str(e, "date", date);
			value_set_str(e, "iso", iso);
			value_set_str(e, "commit", id);
			value_set(e, "summary", value_str_take(utf8_clean(note, strlen(note))));
			value_push(pl, site_link(value_get_cstr(p->data, "title"), p->out));
			value_set(e, "pages", pl);
			value_push(all, e);
		}
	}
	size_t n = value_len(all);
	value **items = xcalloc(n + 1, sizeof *items);
	for (size_t i = 0; i < n; i++) {
		items[i] = value_ref(value_at(all, i));
		value_set_num(items[i], "seq", (double)i);
	}
	qsort(items, n, sizeof *items, entry_newer);
	value *sorted = value_list();
	for (size_t i = 0; i < n; i++)
		value_push(sorted, items[i]);
	free(items);
	value_free(all);
	value_free(commits);
	return sorted;
}

/* The changes page (更新履歴) and its Atom feed, feed.xml: the feed is a
 * template like every other output ("feed", built into render.c unless
 * the theme has its own). Both list editorial changes only: commits with
 * a Changelog: trailer (gitinfo.c) and the change notes of front matter.
 * The changes page exists in every build, empty without either, so links
 * to it never break. */
static void add_changes(site *s, build_ctx *b)
{
	git_history h;
	gitinfo_read(s, b, &h);
	h.commits = with_notes(s, h.commits);
	const char *t = site_ui(s, "changes_title", "Changes");
	page *cp = site_add_generated(s, PAGE_GENERATED, "changes.html", "changes", t);
	value_set(cp->data, "versions", value_ref(h.versions));
	value_set(cp->data, "commits", value_ref(h.commits));
	value_set_bool(cp->data, "in_git", h.found);
	page *fp = site_add_generated(s, PAGE_GENERATED, "feed.xml", "feed", t);
	value_set_str(fp->data, "feed_id", *s->base_url ? s->base_url : "urn:shirube:site");
	value_set_str(fp->data, "updated", value_len(h.commits) ? value_get_cstr(value_at(h.commits, 0), "iso")
							      : "1970-01-01T00:00:00+00:00");
	value_set(fp->data, "versions", h.versions);
	for (size_t i = 0; i < value_len(h.commits); i++) {
		value *e = value_at(h.commits, i), *pl = value_get(e, "pages");
		buf titles = {0};
		for (size_t k = 0; k < value_len(pl); k++)
			buf_printf(&titles, "%s%s", k ? ", " : "", value_get_cstr(value_at(pl, k), "title"));
		value_set(e, "page_titles", value_str_take(buf_detach(&titles)));
	}
	value_set(fp->data, "commits", h.commits);
}

void generate_site(site *s, build_ctx *b)
{
	add_journey_pages(s);
	add_lists(s);
	add_404(s);
	add_search_page(s);
	add_matrix(s);
	add_comparisons(s);
	add_changes(s, b);
}

/* crosslink.c: part of stage 2 (see crosslink.h): the cross-links of a
 * "guideline of guidelines", computed after every reference has been
 * resolved. Reads page.data of guidelines, topics and journeys; writes
 * sections' relations, in_journeys and backlinks. */
#include "crosslink.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* Appends item to the list data[key] unless an item with the same url is
 * there; takes the reference to item. `seen` (a map with a hash index,
 * one per run) remembers "data key url" already pushed: a scan of the list
 * was quadratic (20,000 journey steps naming one topic took seconds). */
static void push_unique(value *seen, value *data, const char *key, value *item)
{
	value *l = value_get(data, key);
	if (!l) {
		l = value_list();
		value_set(data, key, l);
	}
	const char *url = value_get_cstr(item, "url");
	if (url) {
		char *k = xasprintf("%p %s %s", (void *)data, key, url);
		int dup = value_get(seen, k) != NULL;
		if (!dup)
			value_set(seen, k, value_bool(1));
		free(k);
		if (dup) {
			value_free(item);
			return;
		}
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

static void attach_journeys(site *s, value *seen)
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
				push_unique(seen, t->data, "in_journeys", l);
				value *b = site_link(site_page_title(j), j->out);
				push_unique(seen, t->data, "backlinks", b);
				free(url);
			}
		}
	}
}

static void attach_backlinks(site *s, value *seen)
{
	for (size_t i = 0; i < s->n_pages; i++) {
		page *p = s->pages[i];
		for (size_t k = 0; k < p->md.n_links; k++) {
			char *path = path_resolve(p->out, p->md.links[k].href);
			page *t = path ? site_find_out(s, path) : NULL;
			if (t && t != p)
				push_unique(seen, t->data, "backlinks", site_link(site_page_title(p), p->out));
			free(path);
		}
		if (p->kind == PAGE_TOPIC) {
			value *rf = value_get(p->meta, "read_first");
			for (size_t k = 0; k < value_len(rf); k++) {
				const char *ref = value_cstr(value_at(rf, k));
				page *t = ref ? ref_target(s, ref) : NULL;
				if (t && t != p)
					push_unique(seen, t->data, "backlinks", site_link(site_page_title(p), p->out));
			}
		}
	}
}

void crosslink_site(site *s)
{
	attach_relations(s);
	value *seen = value_map();
	attach_journeys(s, seen);
	attach_backlinks(s, seen);
	value_free(seen);
}


/* resolve.c: stage 2 (see resolve.h). Reads the loaded pages' meta and
 * Markdown source; renders the Markdown, checks every field and
 * reference, and writes each page's template data (page.data), the
 * coverage cells of every guideline x topic and the start check's links. */
#include "resolve.h"
#include "editorial.h"
#include "autolink.h"
#include "crosslink.h"
#include "diag.h"
#include "links.h"
#include "messages.h"
#include "util.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The coverage levels (docs/content-format.md): not-applicable is a
 * document whose own declared scope does not set measures for the topic
 * (a qualification, a declaration scheme, a service, a threat ranking). */
static const char *LEVELS[] = {"covered", "partial", "not-covered", "unreviewed", "not-applicable"};
#define N_LEVELS (sizeof LEVELS / sizeof *LEVELS)

/* ---- field access with type checks ----------------------------------- */

static srcpos page_pos(page *p)
{
	return p->meta && p->meta->pos.file ? p->meta->pos : pos_at(p->src, 1, 1);
}

/* The string field key of p->meta; reports a wrong type, and a missing
 * required field. Numbers and booleans are rejected with a quoting hint. */
static const char *field_str(page *p, const char *key, int required)
{
	value *v = value_get(p->meta, key);
	if (!v || v->type == V_NULL) {
		if (required == 1) {
			diag(DIAG_ERROR, page_pos(p), "missing required field '%s'", key);
			if (p->kind == PAGE_PERSONA || p->kind == PAGE_JOURNEY)
				diag_hint("add a line '%s: ...' to %s", key, p->src);
			else
				diag_hint("add '%s: ...' to the front matter of %s", key, p->src);
		} else if (required == 2)
			diag(DIAG_WARNING, page_pos(p), "missing field '%s'", key);
		return NULL;
	}
	if (v->type != V_STR) {
		diag(DIAG_ERROR, v->pos, "'%s' must be a string, found a %s", key,
		     msg_tr(value_type_name(v->type)));
		if (v->type == V_NUM || v->type == V_BOOL)
			diag_hint("put the value in quotes, e.g. %s: \"...\"", key);
		return NULL;
	}
	return v->u.str.s;
}

/* The list field key of p->meta (NULL if absent); each item must be a
 * string. A single string is accepted as a one-item list by the caller. */
static value *field_str_list(page *p, const char *key)
{
	value *v = value_get(p->meta, key);
	if (!v || v->type == V_NULL)
		return NULL;
	if (v->type != V_LIST) {
		diag(DIAG_ERROR, v->pos, "'%s' must be a list, found a %s", key, msg_tr(value_type_name(v->type)));
		diag_hint("write it as %s: [a, b] or as '- item' lines", key);
		return NULL;
	}
	for (size_t i = 0; i < value_len(v); i++) {
		value *it = value_at(v, i);
		if (it->type != V_STR) {
			diag(DIAG_ERROR, it->pos, "items of '%s' must be strings, found a %s", key,
			     msg_tr(value_type_name(it->type)));
			return NULL;
		}
	}
	return v;
}

/* ---- did you mean ----------------------------------------------------- */

/* "did you mean 'x'?" for an unknown id among the pages of kind (or the
 * reference namespace, guidelines, topics and pages, when kind < 0). */
static void hint_page_id(site *s, int kind, const char *id)
{
	diag_suggest g = {id, NULL, 0};
	for (size_t i = 0; i < s->n_pages; i++) {
		page_kind k = s->pages[i]->kind;
		if (kind >= 0 ? (int)k == kind : (k == PAGE_GUIDELINE || k == PAGE_TOPIC || k == PAGE_PAGE))
			diag_suggest_try(&g, s->pages[i]->id);
	}
	const char *best = diag_suggest_best(&g);
	if (best)
		diag_hint("did you mean '%s'?", best);
}

/* "did you mean" for an unknown section id of page g. */
static void hint_section(page *g, const char *sec)
{
	diag_suggest gs = {sec, NULL, 0};
	for (size_t i = 0; i < g->md.n_h; i++)
		diag_suggest_try(&gs, g->md.h[i].id);
	const char *best = diag_suggest_best(&gs);
	if (best)
		diag_hint("did you mean '%s'?", best);
}

/* The fields each kind knows (docs/content-format.md). Any other field is
 * kept as page data (templates and hooks may read it) but warned about,
 * with the closest known field: a misspelt optional field would
 * otherwise be ignored without a word. */
static const char *const COMMON_FIELDS[] = {"id", "title", "description", "template", "nav", "draft", "changes",
					    "header_link", NULL};
static const char *const GUIDELINE_FIELDS[] = {
	"short_title", "publisher", "version", "published", "url", "urls", "audience", "status",
	"superseded_by", "unverified", "summary_manager", "summary_staff", "read_when", "coverage",
	"compare", "priority", NULL};
static const char *const TOPIC_FIELDS[] = {"title_en", "reading", "synonyms", "parent", "related", "read_first", NULL};
static const char *const PERSONA_FIELDS[] = {"name", "role", "summary", "company", "goals", "pains",
					     "questions", "journeys", NULL};
static const char *const JOURNEY_FIELDS[] = {"persona", "summary", "stages", "steps", NULL};
static const char *const STAGE_FIELDS[] = {"id", "name", "actions", "thoughts", "pains", "opportunities", "refs", NULL};
static const char *const STEP_FIELDS[] = {"id", "title", "stage", "logic", "optional", "time", "who",
					  "done_when", "body", "refs", "help", "after", NULL};

static int in_list(const char *const *l, const char *k)
{
	for (; l && *l; l++)
		if (!strcmp(*l, k))
			return 1;
	return 0;
}

/* Warns about every key of map m that neither `known` nor (when common
 * is set) COMMON_FIELDS holds; what names the map in the message. */
static void check_fields(value *m, const char *what, const char *const *known, int common)
{
	if (!m || m->type != V_MAP)
		return;
	for (size_t i = 0; i < value_len(m); i++) {
		const char *k = value_key_at(m, i);
		if (in_list(known, k) || (common && in_list(COMMON_FIELDS, k)))
			continue;
		diag_suggest g = {k, NULL, 0};
		for (const char *const *l = known; *l; l++)
			diag_suggest_try(&g, *l);
		for (const char *const *l = COMMON_FIELDS; common && *l; l++)
			diag_suggest_try(&g, *l);
		/* a block map's keys start in its column (libyaml gives no key
		 * positions; the value's line is the key's for scalars) */
		srcpos at = value_val_at(m, i)->pos;
		if (m->pos.col > 0 && at.line >= m->pos.line)
			at.col = m->pos.col;
		diag(DIAG_WARNING, at, "unknown field '%s' in %s", k, msg_tr(what));
		const char *best = diag_suggest_best(&g);
		if (best)
			diag_hint("did you mean '%s'?", best);
		else
			diag_hint("the fields of %s are listed in docs/content-format.md; others are kept for templates and hooks", msg_tr(what));
	}
}

static md_heading *find_section(page *g, const char *sec)
{
	for (size_t i = 0; i < g->md.n_h; i++)
		if (!strcmp(g->md.h[i].id, sec))
			return &g->md.h[i];
	return NULL;
}

/* Resolves a reference "id" or "guideline#section". Returns a new link
 * item {title, url, kind} or NULL after reporting at pos. */
static value *resolve_ref(site *s, const char *ref, srcpos pos)
{
	const char *hash = strchr(ref, '#');
	char *id = hash ? xstrndup(ref, (size_t)(hash - ref)) : xstrdup(ref);
	page *p = site_find_ref(s, id);
	value *out = NULL;
	if (!p) {
		diag(DIAG_ERROR, pos, "unknown reference '%s'", ref);
		hint_page_id(s, -1, id);
		diag_hint("a reference is a guideline, topic or page id (the file name), or GUIDELINE#SECTION");
	} else if (hash) {
		md_heading *h = p->kind == PAGE_GUIDELINE || p->kind == PAGE_PAGE ? find_section(p, hash + 1) : NULL;
		if (!h && p->broken) {
			/* its YAML failed (reported): its sections are unknown, no
			 * second error for every reference to them */
		} else if (!h) {
			diag(DIAG_ERROR, pos, "unknown section '%s' in %s", hash + 1, p->src);
			hint_section(p, hash + 1);
			diag_hint("section ids come from {#id} at the end of a heading line");
		} else {
			char *url = xasprintf("%s#%s", p->out, h->id);
			char *title = xasprintf("%s %s", value_get_cstr(p->meta, "short_title")
							     ? value_get_cstr(p->meta, "short_title")
							     : site_page_title(p),
						h->text);
			out = site_link(title, url);
			value_set_str(out, "section", h->text);
			value_set_str(out, "doc", site_page_title(p));
			free(url);
			free(title);
		}
	} else {
		out = site_link(site_page_title(p), p->out);
	}
	if (out)
		value_set_str(out, "kind", p->kind == PAGE_GUIDELINE ? "guideline" : p->kind == PAGE_TOPIC ? "topic" : "page");
	free(id);
	return out;
}

/* A list of resolved references from the string-list field key. */
static value *resolve_ref_list(site *s, page *p, const char *key)
{
	value *lst = field_str_list(p, key);
	value *out = value_list();
	for (size_t i = 0; i < value_len(lst); i++) {
		value *it = value_at(lst, i);
		value *r = resolve_ref(s, it->u.str.s, it->pos);
		if (r)
			value_push(out, r);
	}
	return out;
}

static value *resolve_ids(site *s, page *p, const char *key, page_kind kind, const char *what)
{
	value *lst = field_str_list(p, key);
	value *out = value_list();
	for (size_t i = 0; i < value_len(lst); i++) {
		value *it = value_at(lst, i);
		page *t = site_find(s, kind, it->u.str.s);
		if (!t) {
			diag(DIAG_ERROR, it->pos, "unknown %s '%s'", msg_tr(what), it->u.str.s);
			hint_page_id(s, (int)kind, it->u.str.s);
			diag_hint("known %ss are the file names in %s", msg_tr(what),
				  kind == PAGE_TOPIC ? "content/topics/" : kind == PAGE_PERSONA ? "personas/" : kind == PAGE_JOURNEY ? "journeys/" : "content/guidelines/");
			continue;
		}
		value *m = site_link(site_page_title(t), t->out);
		value_set_str(m, "id", t->id);
		value_push(out, m);
	}
	return out;
}

/* ---- guidelines -------------------------------------------------------- */

/* Parses a section's topics= tag list into [{id, title, url, partial}]. */
static value *section_topics(site *s, page *p, md_heading *h)
{
	value *out = value_list();
	if (!h->topics)
		return out;
	char *copy = xstrdup(h->topics);
	char *save = NULL;
	int col = h->topics_col ? h->topics_col + 7 : 1;
	for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		int partial = 0;
		char *colon = strchr(tok, ':');
		if (colon) {
			if (strcmp(colon + 1, "partial")) {
				diag(DIAG_ERROR, pos_at(p->src, h->line, col),
				     "unknown coverage mark ':%s' on topic '%.*s'", colon + 1,
				     (int)(colon - tok), tok);
				diag_hint("the only mark is ':partial', e.g. topics=backup,cloud:partial");
			}
			*colon = 0;
			partial = 1;
		}
		page *t = site_find(s, PAGE_TOPIC, tok);
		if (!t) {
			diag(DIAG_ERROR, pos_at(p->src, h->line, col), "unknown topic '%s'", tok);
			hint_page_id(s, PAGE_TOPIC, tok);
			diag_hint("topic ids are the file names in content/topics/");
		} else {
			value *m = site_link(site_page_title(t), t->out);
			value_set_str(m, "id", t->id);
			value_set_bool(m, "partial", partial);
			value_push(out, m);
		}
		col += (int)strlen(tok) + (colon ? (int)strlen(colon + 1) + 1 : 0) + 1;
	}
	free(copy);
	return out;
}

/* The keys of a coverage entry (docs/content-format.md, "Coverage evidence"). */
static int coverage_key_known(const char *k)
{
	static const char *keys[] = {"level", "where", "edition", "checked", "whole", "inferred", "section", "note", "scope"};
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
		if (!strcmp(k, keys[i]))
			return 1;
	return 0;
}

/* YYYY-MM-DD with a plausible month and day. */
static int date_valid(const char *d)
{
	if (strlen(d) != 10 || d[4] != '-' || d[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (d[i] < '0' || d[i] > '9'))
			return 0;
	int m = (d[5] - '0') * 10 + d[6] - '0', day = (d[8] - '0') * 10 + d[9] - '0';
	return m >= 1 && m <= 12 && day >= 1 && day <= 31;
}

static int level_valid(const char *l)
{
	for (size_t i = 0; i < N_LEVELS; i++)
		if (!strcmp(l, LEVELS[i]))
			return 1;
	return 0;
}

/* A guideline section's HTML with a permalink after its heading: the
 * heading and an empty link (its § comes from the theme's CSS, its name
 * from aria-label, the UI string permalink_label with {title}) in
 * <div class="hx">, so the heading's own name stays its text. */
static value *section_html(site *s, const char *sec, size_t len, md_heading *h)
{
	const char *close = NULL;
	for (const char *c = sec; c + 4 < sec + len; c++)
		if (c[0] == '<' && c[1] == '/' && c[2] == 'h' && c[3] >= '1' && c[3] <= '6' && c[4] == '>') {
			close = c + 5;
			break;
		}
	if (!close || len < 2 || sec[0] != '<' || sec[1] != 'h')
		return value_strn(sec, len);
	const char *label = s->i18n ? value_get_cstr(s->i18n, "permalink_label") : NULL;
	if (!label || !strstr(label, "{title}"))
		label = "{title}";
	const char *at = strstr(label, "{title}");
	buf b = {0};
	buf_puts(&b, "<div class=\"hx\">");
	buf_put(&b, sec, (size_t)(close - sec));
	buf_puts(&b, "<a class=\"permalink\" href=\"#");
	buf_puts_html(&b, h->id);
	buf_puts(&b, "\" aria-label=\"");
	buf_put_html(&b, label, (size_t)(at - label));
	buf_puts_html(&b, h->text);
	buf_puts_html(&b, at + 7);
	buf_puts(&b, "\"></a></div>");
	buf_put(&b, close, len - (size_t)(close - sec));
	value *v = value_str(buf_cstr(&b));
	buf_free(&b);
	return v;
}

/* Builds the sections of a guideline or page: intro html and one entry per
 * heading. Guideline sections carry their html chunk (templates show each
 * with its chips and relations); other pages' sections only carry "start"
 * and "end", byte offsets into page.body, so a big tree of plain pages
 * keeps each page's HTML once. */
static void build_sections(site *s, page *p, value *data, int with_topics)
{
	int copy_html = with_topics;
	const char *html = p->md.html ? p->md.html : "";
	size_t total = strlen(html);
	size_t first = p->md.n_h ? p->md.h[0].html_off : total;
	value_set(data, "intro", value_strn(html, first));
	value *secs = value_list();
	for (size_t i = 0; i < p->md.n_h; i++) {
		md_heading *h = &p->md.h[i];
		if (h->dup_line) {
			/* referenced sections must be unique; elsewhere -N keeps ids apart */
			diag(with_topics ? DIAG_ERROR : DIAG_WARNING, pos_at(p->src, h->line, h->col),
			     "duplicate section id: line %d already uses it", h->dup_line);
			diag_hint("give each heading its own {#id}; this one became '%s'", h->id);
		}
		if (h->explicit_id && !md_valid_id(h->id)) {
			diag(DIAG_ERROR, pos_at(p->src, h->line, h->col), "invalid section id '%s'", h->id);
			diag_hint("use ASCII letters, digits, '-' and '_'");
		}
		size_t end = i + 1 < p->md.n_h ? p->md.h[i + 1].html_off : total;
		value *m = value_map();
		value_set_str(m, "id", h->id);
		value_set_str(m, "title", h->text);
		value_set_num(m, "level", h->level);
		if (copy_html)
			value_set(m, "html", section_html(s, html + h->html_off, end - h->html_off, h));
		else {
			value_set_num(m, "start", (double)h->html_off);
			value_set_num(m, "end", (double)end);
		}
		if (with_topics)
			value_set(m, "topics", section_topics(s, p, h));
		value_push(secs, m);
	}
	value_set(data, "sections", secs);
}

static void copy_fields(value *data, value *meta)
{
	for (size_t i = 0; i < value_len(meta); i++)
		value_set(data, value_key_at(meta, i), value_ref(value_val_at(meta, i)));
}

static void resolve_guideline(site *s, page *p, value *d)
{
	check_fields(p->meta, "a guideline", GUIDELINE_FIELDS, 1);
	field_str(p, "title", 1);
	field_str(p, "short_title", 1);
	field_str(p, "publisher", 1);
	field_str(p, "version", 1);
	field_str(p, "published", 0);
	field_str(p, "summary_manager", 1);
	field_str(p, "summary_staff", 1);
	value *unv = field_str_list(p, "unverified");
	int url_unverified = 0;
	for (size_t i = 0; i < value_len(unv); i++)
		url_unverified |= !strcmp(value_at(unv, i)->u.str.s, "url");
	/* a missing URL the editor marked unverified is a note, not a warning */
	const char *url = field_str(p, "url", url_unverified ? 0 : 2);
	if (!url && url_unverified)
		diag(DIAG_NOTE, page_pos(p), "no official source URL yet (listed in 'unverified')");
	if (url && !(str_starts_with(url, "https://") || str_starts_with(url, "http://")))
		diag(DIAG_ERROR, value_get(p->meta, "url")->pos, "'url' must start with https:// or http://");
	/* further links: [{label, url}], web addresses only (no javascript:) */
	value *urls = value_get(p->meta, "urls");
	if (urls && urls->type != V_LIST && urls->type != V_NULL) {
		diag(DIAG_ERROR, urls->pos, "'urls' must be a list of {label, url}");
	} else {
		for (size_t i = 0; i < value_len(urls); i++) {
			value *u = value_at(urls, i);
			const char *href = value_get_cstr(u, "url");
			if (u->type != V_MAP || !href || !value_get_cstr(u, "label"))
				diag(DIAG_ERROR, u->pos, "an item of 'urls' needs a string label and url");
			else if (!(str_starts_with(href, "https://") || str_starts_with(href, "http://")))
				diag(DIAG_ERROR, value_get(u, "url")->pos, "a url in 'urls' must start with https:// or http://");
		}
	}
	value_set(d, "source_url", url ? value_str(url) : value_null());
	value_set(d, "audience", resolve_ids(s, p, "audience", PAGE_PERSONA, "persona"));
	const char *status = field_str(p, "status", 1);
	if (status && strcmp(status, "current") && strcmp(status, "superseded"))
		diag(DIAG_ERROR, value_get(p->meta, "status")->pos,
		     "'status' must be current or superseded, not '%s'", status);
	value_set_bool(d, "superseded", status && !strcmp(status, "superseded"));
	const char *sb = field_str(p, "superseded_by", 0);
	if (sb) {
		page *t = site_find(s, PAGE_GUIDELINE, sb);
		if (!t) {
			diag(DIAG_ERROR, value_get(p->meta, "superseded_by")->pos, "unknown guideline '%s'", sb);
			hint_page_id(s, PAGE_GUIDELINE, sb);
		} else
			value_set(d, "superseded_by", site_link(site_page_title(t), t->out));
	}
	value *rw = field_str_list(p, "read_when");
	(void)rw;
	value *uv = value_map();
	for (size_t i = 0; i < value_len(unv); i++)
		value_set_bool(uv, value_at(unv, i)->u.str.s, 1);
	value_set(d, "unverified", uv);
	build_sections(s, p, d, 1);

	/* compare: {other-guideline-id: lead text} (docs/content-format.md) */
	value *cmp = value_get(p->meta, "compare");
	if (cmp && cmp->type != V_MAP)
		diag(DIAG_ERROR, cmp->pos, "'compare' must be a map of guideline id: lead text");
	for (size_t i = 0; cmp && cmp->type == V_MAP && i < value_len(cmp); i++) {
		const char *gid = value_key_at(cmp, i);
		value *v = value_val_at(cmp, i);
		if (!site_find(s, PAGE_GUIDELINE, gid) || !strcmp(gid, p->id)) {
			diag(DIAG_ERROR, v->pos, "unknown guideline '%s' in compare", gid);
			diag_hint("the keys of compare: are the ids (file names) of other guidelines");
		} else if (v->type != V_STR)
			diag(DIAG_ERROR, v->pos, "compare text for '%s' must be a string", gid);
	}

	/* coverage overrides */
	value *cov = value_get(p->meta, "coverage");
	if (cov && cov->type != V_MAP) {
		diag(DIAG_ERROR, cov->pos, "'coverage' must be a map of topic: level");
		cov = NULL;
	}
	for (size_t i = 0; i < value_len(cov); i++) {
		const char *tid = value_key_at(cov, i);
		value *c = value_val_at(cov, i);
		if (!site_find(s, PAGE_TOPIC, tid)) {
			diag(DIAG_ERROR, c->pos, "unknown topic '%s' in coverage", tid);
			hint_page_id(s, PAGE_TOPIC, tid);
		}
		if (c->type != V_STR && c->type != V_MAP) {
			diag(DIAG_ERROR, c->pos, "coverage of '%s' must be a level or a map with level/where/checked", tid);
			continue;
		}
		const char *lvl = c->type == V_STR ? c->u.str.s : value_get_cstr(c, "level");
		/* in a map the level may be left out: the section tags give it */
		if ((c->type == V_STR || value_get(c, "level")) && (!lvl || !level_valid(lvl))) {
			diag(DIAG_ERROR, c->pos, "coverage of '%s' needs a level: covered, partial, not-covered, not-applicable or unreviewed", tid);
			continue;
		}
		for (size_t k = 0; c->type == V_MAP && k < value_len(c); k++) {
			const char *key = value_key_at(c, k);
			if (!coverage_key_known(key)) {
				diag(DIAG_WARNING, value_val_at(c, k)->pos, "unknown key '%s' in the coverage of '%s'", key, tid);
				diag_hint("known keys: level, where, edition, checked, whole, inferred, section, note, scope (docs/content-format.md)");
			}
		}
		const char *chk = c->type == V_MAP ? value_get_cstr(c, "checked") : NULL;
		if (chk && !date_valid(chk)) {
			diag(DIAG_ERROR, value_get(c, "checked")->pos, "coverage of '%s': checked must be a date YYYY-MM-DD, not '%s'", tid, chk);
			diag_hint("write the day you compared the cell with the official document, e.g. checked: 2026-12-04");
		}
		const char *sec = c->type == V_MAP ? value_get_cstr(c, "section") : NULL;
		if (sec && !find_section(p, sec)) {
			diag(DIAG_ERROR, value_get(c, "section")->pos, "unknown section '%s' in %s", sec, p->src);
			hint_section(p, sec);
			diag_hint("section ids come from {#id} at the end of a heading line");
		}
	}
}

/* ---- topics, pages, personas, journeys -------------------------------- */

static void resolve_topic(site *s, page *p, value *d)
{
	check_fields(p->meta, "a topic", TOPIC_FIELDS, 1);
	field_str(p, "title", 1);
	field_str(p, "title_en", 1);
	field_str_list(p, "synonyms");
	value_set(d, "related_topics", resolve_ids(s, p, "related", PAGE_TOPIC, "topic"));
	value_set(d, "read_first_links", resolve_ref_list(s, p, "read_first"));
	const char *parent = field_str(p, "parent", 0);
	if (parent) {
		page *t = site_find(s, PAGE_TOPIC, parent);
		if (!t) {
			diag(DIAG_ERROR, value_get(p->meta, "parent")->pos, "unknown topic '%s'", parent);
			hint_page_id(s, PAGE_TOPIC, parent);
		}
		else
			value_set(d, "parent_topic", site_link(site_page_title(t), t->out));
	}
	value_set(d, "body", value_str(p->md.html ? p->md.html : ""));
}

static const char *const QUESTION_FIELDS[] = {"q", "answer", "see", NULL};
static const char *const PERSONA_JOURNEY_FIELDS[] = {"id", "why", NULL};

/* A persona's "see": a reference (resolve_ref) or JOURNEY#STEP. */
static value *resolve_see(site *s, value *ref)
{
	const char *r = ref->u.str.s, *hash = strchr(r, '#');
	char *id = hash ? xstrndup(r, (size_t)(hash - r)) : xstrdup(r);
	page *j = site_find_ref(s, id) ? NULL : site_find(s, PAGE_JOURNEY, id);
	free(id);
	if (!j)
		return resolve_ref(s, r, ref->pos);
	value *steps = value_get(j->meta, "steps");
	value *step = NULL;
	for (size_t i = 0; hash && steps && steps->type == V_LIST && i < value_len(steps); i++) {
		const char *sid = value_get_cstr(value_at(steps, i), "id");
		if (sid && !strcmp(sid, hash + 1))
			step = value_at(steps, i);
	}
	if (hash && !step) {
		diag(DIAG_ERROR, ref->pos, "unknown step '%s' in %s", hash + 1, j->src);
		diag_hint("a step is named by the id of one of the journey's steps: JOURNEY#STEP");
		return NULL;
	}
	char *url = hash ? xasprintf("%s#step-%s", j->out, hash + 1) : xstrdup(j->out);
	const char *st = step ? value_get_cstr(step, "title") : NULL;
	char *title = st ? xasprintf("%s %s", site_page_title(j), st) : xstrdup(site_page_title(j));
	value *out = site_link(title, url);
	value_set_str(out, "kind", "journey");
	free(url);
	free(title);
	return out;
}

/* questions: [text | {q, answer, see}] -> question_list [{q, answer, see_links}]. */
static void resolve_questions(site *s, page *p, value *d)
{
	value *qs = value_get(p->meta, "questions"), *out = value_list();
	if (qs && qs->type != V_LIST && qs->type != V_NULL) {
		diag(DIAG_ERROR, qs->pos, "'questions' must be a list, found a %s", value_type_name(qs->type));
		diag_hint("write each question as - {q: ..., answer: ..., see: GUIDELINE#SECTION}");
		qs = NULL;
	}
	for (size_t i = 0; qs && qs->type == V_LIST && i < value_len(qs); i++) {
		value *it = value_at(qs, i), *m = value_map();
		if (it->type == V_STR) {
			diag(DIAG_WARNING, it->pos, "a question without an answer");
			diag_hint("write it as - {q: ..., answer: one or two sentences, see: GUIDELINE#SECTION} so the page answers it");
			value_set_str(m, "q", it->u.str.s);
		} else if (it->type != V_MAP) {
			diag(DIAG_ERROR, it->pos, "a question must be a map {q, answer, see}, found a %s", value_type_name(it->type));
			diag_hint("write it as - {q: ..., answer: ..., see: GUIDELINE#SECTION}");
			value_free(m);
			continue;
		} else {
			check_fields(it, "a question", QUESTION_FIELDS, 0);
			const char *q = value_get_cstr(it, "q"), *a = value_get_cstr(it, "answer");
			value *see = value_get(it, "see");
			if (!q || !*q) {
				diag(DIAG_ERROR, value_get(it, "q") ? value_get(it, "q")->pos : it->pos, "a question needs q: the question as the persona would ask it");
				diag_hint("e.g. q: ★3と★4はどう違うのか？");
			}
			if (!a || !*a) {
				diag(DIAG_ERROR, value_get(it, "answer") ? value_get(it, "answer")->pos : it->pos, "a question needs answer: a short answer in the site's own words");
				diag_hint("one or two sentences; the section in see: gives the rest");
			}
			value *links = value_list();
			if (!see || (see->type != V_STR && see->type != V_LIST)) {
				diag(DIAG_ERROR, see ? see->pos : it->pos, "a question needs see: the section that answers it");
				diag_hint("a reference: GUIDELINE#SECTION, a topic or page id, or JOURNEY#STEP; several as [a, b]");
			} else {
				size_t n = see->type == V_STR ? 1 : value_len(see);
				for (size_t k = 0; k < n; k++) {
					value *r = see->type == V_STR ? see : value_at(see, k);
					if (r->type != V_STR) {
						diag(DIAG_ERROR, r->pos, "items of 'see' must be references (strings), found a %s", value_type_name(r->type));
						continue;
					}
					value *l = resolve_see(s, r);
					if (l)
						value_push(links, l);
				}
			}
			value_set_str(m, "q", q ? q : "");
			if (a)
				value_set_str(m, "answer", a);
			value_set(m, "see_links", links);
		}
		value_push(out, m);
	}
	value_set(d, "question_list", out);
}

/* journeys: [id | {id, why}] in the order to take them -> journey_links
 * [{id, title, url, why, number}]. */
static void resolve_persona_journeys(site *s, page *p, value *d)
{
	value *js = value_get(p->meta, "journeys"), *out = value_list();
	if (js && js->type != V_LIST && js->type != V_NULL) {
		diag(DIAG_ERROR, js->pos, "'journeys' must be a list, found a %s", value_type_name(js->type));
		diag_hint("write it as journeys: [first, second] or as - {id: first, why: ...} lines, in the order to take them");
		js = NULL;
	}
	for (size_t i = 0; js && js->type == V_LIST && i < value_len(js); i++) {
		value *it = value_at(js, i), *idv = it->type == V_MAP ? value_get(it, "id") : it;
		if (it->type == V_MAP)
			check_fields(it, "a persona's journey", PERSONA_JOURNEY_FIELDS, 0);
		if (!idv || idv->type != V_STR) {
			diag(DIAG_ERROR, idv ? idv->pos : it->pos, "an item of 'journeys' must be a journey id or {id, why}");
			diag_hint("e.g. - {id: scs-star3, why: 取引先の期限があるので最初に}");
			continue;
		}
		page *t = site_find(s, PAGE_JOURNEY, idv->u.str.s);
		if (!t) {
			diag(DIAG_ERROR, idv->pos, "unknown %s '%s'", msg_tr("journey"), idv->u.str.s);
			hint_page_id(s, (int)PAGE_JOURNEY, idv->u.str.s);
			diag_hint("known %ss are the file names in %s", msg_tr("journey"), "journeys/");
			continue;
		}
		value *m = site_link(site_page_title(t), t->out);
		value_set_str(m, "id", t->id);
		value_set_num(m, "number", (double)value_len(out) + 1);
		const char *why = it->type == V_MAP ? value_get_cstr(it, "why") : NULL;
		if (why && *why)
			value_set_str(m, "why", why);
		value_push(out, m);
	}
	value_set(d, "journey_links", out);
}

static void resolve_persona(site *s, page *p, value *d)
{
	check_fields(p->meta, "a persona", PERSONA_FIELDS, 1);
	field_str(p, "name", 1);
	field_str(p, "role", 1);
	resolve_questions(s, p, d);
	resolve_persona_journeys(s, p, d);
	value_set_str(d, "title", site_page_title(p));
}

/* A Markdown body nested deeper than MD_MAX_NESTING (md_doc.deep_line). */
static void report_too_deep(srcpos pos)
{
	diag(DIAG_ERROR, pos, "lists and block quotes nested more than %d levels deep", MD_MAX_NESTING);
	diag_hint("flatten the structure: browsers cut HTML nested this deep, and readers get lost");
}

/* A Markdown body past a bound of md_render (md_doc.limit), at pos. */
static void report_md_limit(srcpos pos, int limit)
{
	if (limit == MD_LIMIT_HEADINGS) {
		diag(DIAG_ERROR, pos, "more than %d headings in one file", MD_MAX_HEADINGS);
		diag_hint("split the file into several pages");
	} else {
		diag(DIAG_ERROR, pos, "this Markdown needs more than %zu MiB to render",
		     MD_MAX_MEMORY >> 20);
		diag_hint("split the file into several pages (millions of short list items or table cells cost the most)");
	}
}

/* Checks the id of a stage, step or question map: lowercase ASCII, digits
 * and '-', as it becomes part of HTML ids and URLs. Returns 1 when valid or
 * absent. */
static int check_local_id(value *m, const char *what)
{
	value *id = value_get(m, "id");
	if (!id || (id->type == V_STR && site_valid_id(id->u.str.s)))
		return 1;
	if (id->type == V_STR)
		diag(DIAG_ERROR, id->pos, "invalid %s id '%s'", msg_tr(what), id->u.str.s);
	else
		diag(DIAG_ERROR, id->pos, "a %s id must be a string, found a %s", msg_tr(what),
		     msg_tr(value_type_name(id->type)));
	diag_hint("ids use lowercase ASCII letters, digits and '-', e.g. read-five-rules");
	return 0;
}

/* Step id -> index of its first step, a map with a hash index, so that
 * ids, duplicates and `after:` lists cost one lookup each (a scan per
 * lookup was quadratic: a chain of 20,000 steps took 28 s). */
static value *step_ids(value *steps)
{
	value *ids = value_map();
	for (size_t i = 0; steps && steps->type == V_LIST && i < value_len(steps); i++) {
		const char *sid = value_get_cstr(value_at(steps, i), "id");
		if (sid && !value_get(ids, sid))
			value_set_num(ids, sid, (double)i);
	}
	return ids;
}

/* The index of the step with id (see step_ids), or -1. */
static long step_index(value *ids, const char *id)
{
	value *v = value_get(ids, id);
	return v && v->type == V_NUM ? (long)v->u.n : -1;
}

/* `after` entries of one journey, in all: each becomes a link on the
 * journey page, so a dense graph (1,500 steps each after all earlier ones:
 * 1.1 million links) would make a page no one can read and a memory bill
 * of gigabytes. docs/security.md lists the limit. */
#define MAX_AFTER_ENTRIES 50000

/* Checks every step's `after: [step-id]` (prerequisites): known steps of
 * the same journey, not the step itself, and no cycle (a depth-first
 * search: linear in steps + entries). Returns 0 when the journey has more
 * than MAX_AFTER_ENTRIES entries (no links are made then). */
static int check_step_order(value *steps, value *ids)
{
	size_t n = steps && steps->type == V_LIST ? value_len(steps) : 0;
	if (!n)
		return 1;
	int ok = 1;
	size_t entries = 0;
	for (size_t i = 0; i < n; i++) {
		value *st = value_at(steps, i);
		value *after = st->type == V_MAP ? value_get(st, "after") : NULL;
		if (!after || after->type == V_NULL)
			continue;
		if (after->type != V_LIST) {
			diag(DIAG_ERROR, after->pos, "'after' must be a list of step ids");
			diag_hint("write it as after: [step-id, ...]");
			ok = 0;
			continue;
		}
		if ((entries += value_len(after)) > MAX_AFTER_ENTRIES) {
			diag(DIAG_ERROR, after->pos, "the journey has more than %d 'after' entries in all",
			     MAX_AFTER_ENTRIES);
			diag_hint("list only the steps a step directly waits for, or split the journey");
			return 0;
		}
		for (size_t k = 0; k < value_len(after); k++) {
			value *a = value_at(after, k);
			long j = a->type == V_STR ? step_index(ids, a->u.str.s) : -1;
			if (a->type != V_STR) {
				diag(DIAG_ERROR, a->pos, "items of 'after' must be step ids, found a %s",
				     msg_tr(value_type_name(a->type)));
				ok = 0;
			} else if (j < 0) {
				diag(DIAG_ERROR, a->pos, "unknown step '%s'", a->u.str.s);
				diag_hint("'after' lists the ids of steps of the same journey");
				ok = 0;
			} else if ((size_t)j == i) {
				diag(DIAG_ERROR, a->pos, "step '%s' cannot come after itself", a->u.str.s);
				ok = 0;
			}
		}
	}
	if (!ok)
		return 1;
	/* a cycle: depth-first search with colours, iterative (steps may be
	 * many); the cycle is reported once, at the step that closes it */
	unsigned char *colour = xcalloc(n, 1); /* 0 new, 1 on the path, 2 done */
	size_t *stack = xmalloc(n * sizeof *stack), *edge = xmalloc(n * sizeof *edge);
	for (size_t root = 0; root < n && ok; root++) {
		if (colour[root])
			continue;
		size_t top = 0;
		stack[top] = root, edge[top] = 0, colour[root] = 1;
		for (;;) {
			size_t v = stack[top];
			value *after = value_get(value_at(steps, v), "after");
			if (edge[top] < value_len(after)) {
				value *a = value_at(after, edge[top]++);
				size_t w = (size_t)step_index(ids, a->u.str.s);
				if (colour[w] == 1) {
					/* the path from w down to v, then back to w */
					buf cyc = {0};
					size_t from = top;
					while (stack[from] != w)
						from--;
					for (size_t k = from; k <= top; k++) {
						if (k - from == 20 && top - from > 21) {
							buf_printf(&cyc, "... (%zu more) after ", top - from - 20);
							k = top;
						}
						buf_printf(&cyc, "%s after ", value_get_cstr(value_at(steps, stack[k]), "id"));
					}
					buf_puts(&cyc, a->u.str.s);
					diag(DIAG_ERROR, a->pos, "steps wait for each other in a cycle: %s", cyc.s);
					diag_hint("remove one of the 'after' entries of the cycle");
					buf_free(&cyc);
					ok = 0;
					break;
				}
				if (!colour[w]) {
					colour[w] = 1;
					stack[++top] = w, edge[top] = 0;
				}
			} else {
				colour[v] = 2;
				if (!top)
					break;
				top--;
			}
		}
	}
	free(colour);
	free(stack);
	free(edge);
	return 1;
}

/* Each step's prerequisites as links for the reader, {id, number,
 * title}: one lookup per `after` entry (sp_out holds the output copies of
 * the steps); the title is shared, not copied. */
static void step_links(value *sp_out)
{
	value *ids = step_ids(sp_out);
	for (size_t i = 0; i < value_len(sp_out); i++) {
		value *c = value_at(sp_out, i), *after = value_get(c, "after");
		value *links = value_list();
		for (size_t k = 0; after && after->type == V_LIST && k < value_len(after); k++) {
			const char *a = value_cstr(value_at(after, k));
			long m = a ? step_index(ids, a) : -1;
			if (m < 0 || (size_t)m == i)
				continue;
			value *o = value_at(sp_out, (size_t)m), *title = value_get(o, "title");
			value *l = value_map();
			value_set_str(l, "id", a);
			value_set(l, "number", value_ref(value_get(o, "number")));
			value_set(l, "title", title && title->type == V_STR ? value_ref(title) : value_str(a));
			value_push(links, l);
		}
		value_set(c, "after_links", links);
	}
	value_free(ids);
}

/* Which steps belong to each stage, for the journey map: one lookup per
 * step in a map of stage id -> list. */
static void stage_steps(value *stage_list, value *sp_out)
{
	value *by_id = value_map();
	for (size_t i = 0; i < value_len(stage_list); i++) {
		value *st = value_at(stage_list, i), *mine = value_list();
		const char *id = value_get_cstr(st, "id");
		if (id && !value_get(by_id, id))
			value_set(by_id, id, value_ref(mine));
		value_set(st, "steps", mine);
	}
	for (size_t k = 0; k < value_len(sp_out); k++) {
		value *sp = value_at(sp_out, k);
		const char *a = value_get_cstr(sp, "stage");
		value *mine = a ? value_get(by_id, a) : NULL;
		if (mine)
			value_push(mine, value_ref(sp));
	}
	value_free(by_id);
}

/* A journey step's Markdown body as HTML, its links resolved as written in
 * the journey's file. */
static value *step_body(site *s, page *p, value *body, const link_model *lm)
{
	md_doc md;
	char *root = path_to_root(p->out);
	link_ctx lc = {lm, p, p->src, root};
	md_autolink lk = {NULL, NULL, root, -1, links_rewrite, &lc};
	md_render(body->u.str.s, strlen(body->u.str.s), body->pos.line - 1,
		  s->cfg.allow_raw_html ? MD_ALLOW_HTML : 0, &lk, &md);
	if (md.deep_line)
		report_too_deep(body->pos);
	if (md.limit)
		report_md_limit(body->pos, md.limit);
	links_report(&lc, &md);
	free(root);
	value *html = value_str(md.html ? md.html : "");
	md_doc_free(&md);
	return html;
}

static void resolve_journey(site *s, page *p, value *d, const link_model *lm)
{
	check_fields(p->meta, "a journey", JOURNEY_FIELDS, 1);
	field_str(p, "title", 1);
	const char *persona = field_str(p, "persona", 1);
	if (persona) {
		page *t = site_find(s, PAGE_PERSONA, persona);
		if (!t) {
			diag(DIAG_ERROR, value_get(p->meta, "persona")->pos, "unknown persona '%s'", persona);
			hint_page_id(s, PAGE_PERSONA, persona);
		}
		else
			value_set(d, "persona_link", site_link(site_page_title(t), t->out));
	}
	value *stages = value_get(p->meta, "stages");
	value *st_out = value_list();
	if (stages && stages->type != V_LIST)
		diag(DIAG_ERROR, stages->pos, "'stages' must be a list");
	else
		for (size_t i = 0; i < value_len(stages); i++) {
			value *st = value_at(stages, i);
			if (st->type != V_MAP) {
				diag(DIAG_ERROR, st->pos, "a stage must be a map with id, name, ...");
				continue;
			}
			check_local_id(st, "stage");
			check_fields(st, "a stage", STAGE_FIELDS, 0);
			value *c = value_copy(st);
			value *refs = value_get(st, "refs");
			value *links = value_list();
			for (size_t k = 0; k < value_len(refs); k++) {
				value *r = value_at(refs, k);
				value *l = r->type == V_STR ? resolve_ref(s, r->u.str.s, r->pos) : NULL;
				if (r->type != V_STR)
					diag(DIAG_ERROR, r->pos, "a reference must be a string");
				if (l)
					value_push(links, l);
			}
			value_set(c, "ref_links", links);
			value_push(st_out, c);
		}
	value_set(d, "stage_list", st_out);
	value *steps = value_get(p->meta, "steps");
	value *sp_out = value_list();
	value *ids = step_ids(steps);
	int group = 0;
	if (steps && steps->type != V_LIST)
		diag(DIAG_ERROR, steps->pos, "'steps' must be a list");
	else
		for (size_t i = 0; i < value_len(steps); i++) {
			value *st = value_at(steps, i);
			if (st->type != V_MAP) {
				diag(DIAG_ERROR, st->pos, "a step must be a map with id, title, ...");
				continue;
			}
			const char *sid = value_get_cstr(st, "id");
			check_fields(st, "a step", STEP_FIELDS, 0);
			if (!sid)
				diag(DIAG_ERROR, st->pos, "a step needs an id");
			else
				check_local_id(st, "step");
			if (sid && step_index(ids, sid) != (long)i)
				diag(DIAG_ERROR, value_get(st, "id")->pos, "duplicate step id '%s'", sid);
			const char *stage = value_get_cstr(st, "stage");
			if (stage) {
				int found = 0;
				for (size_t k = 0; k < value_len(stages); k++)
					if (value_get_cstr(value_at(stages, k), "id") &&
					    !strcmp(value_get_cstr(value_at(stages, k), "id"), stage))
						found = 1;
				if (!found)
					diag(DIAG_ERROR, value_get(st, "stage")->pos, "unknown stage '%s'", stage);
			}
			const char *logic = value_get_cstr(st, "logic");
			if (logic && strcmp(logic, "and") && strcmp(logic, "or"))
				diag(DIAG_ERROR, value_get(st, "logic")->pos, "'logic' must be and or or");
			value *c = value_copy(st);
			int is_or = logic && !strcmp(logic, "or");
			if (is_or && i == 0)
				diag(DIAG_ERROR, value_get(st, "logic")->pos, "the first step cannot be an alternative ('or') to a previous one");
			if (!is_or || i == 0)
				group++;
			value_set_num(c, "number", (double)group);
			value_set_bool(c, "is_or", is_or && i > 0);
			value_set_bool(c, "is_optional", value_truthy(value_get(st, "optional")));
			value *refs = value_get(st, "refs");
			value *links = value_list();
			for (size_t k = 0; k < value_len(refs); k++) {
				value *r = value_at(refs, k);
				if (r->type != V_STR) {
					diag(DIAG_ERROR, r->pos, "a reference must be a string");
					continue;
				}
				value *l = resolve_ref(s, r->u.str.s, r->pos);
				if (l)
					value_push(links, l);
			}
			if (!value_len(refs))
				diag(DIAG_WARNING, st->pos, "step '%s' refers to no guideline section or topic",
				     sid ? sid : "?");
			value_set(c, "ref_links", links);
			if (value_get_cstr(st, "body"))
				value_set(c, "body_html", step_body(s, p, value_get(st, "body"), lm));
			value_push(sp_out, c);
		}
	int few = check_step_order(steps, ids);
	value_free(ids);
	if (few)
		step_links(sp_out);
	value_set(d, "step_list", sp_out);
	value_set_num(d, "step_count", (double)group);
	stage_steps(value_get(d, "stage_list"), sp_out);
	value_set_num(d, "stage_count", (double)value_len(value_get(d, "stage_list")));
}

static void resolve_relations(site *s)
{
	static const char *types[] = {"equal", "subset", "superset", "intersects"};
	for (size_t i = 0; i < value_len(s->relations); i++) {
		value *r = value_at(s->relations, i);
		if (r->type != V_MAP) {
			diag(DIAG_ERROR, r->pos, "a relation must be a map with a, b, type, why");
			continue;
		}
		const char *keys[] = {"a", "b", "type", "why"};
		int ok = 1;
		for (size_t k = 0; k < 4; k++)
			if (!value_get_cstr(r, keys[k])) {
				diag(DIAG_ERROR, r->pos, "relation needs a string '%s'", keys[k]);
				ok = 0;
			}
		if (!ok)
			continue;
		const char *a = value_get_cstr(r, "a"), *b = value_get_cstr(r, "b");
		value *la = resolve_ref(s, a, value_get(r, "a")->pos);
		value *lb = resolve_ref(s, b, value_get(r, "b")->pos);
		if (la && lb && !strchr(a, '#'))
			diag(DIAG_ERROR, value_get(r, "a")->pos, "relation '%s' must name a section (GUIDELINE#SECTION)", a);
		if (la && lb && !strncmp(a, b, strcspn(a, "#")) && a[strcspn(a, "#")] == '#' &&
		    strcspn(a, "#") == strcspn(b, "#"))
			diag(DIAG_ERROR, value_get(r, "b")->pos, "a relation links sections of two different guidelines");
		value_free(la);
		value_free(lb);
		const char *t = value_get_cstr(r, "type");
		int tv = 0;
		for (size_t k = 0; k < 4; k++)
			tv |= !strcmp(t, types[k]);
		if (!tv)
			diag(DIAG_ERROR, value_get(r, "type")->pos,
			     "relation type must be equal, subset, superset or intersects, not '%s'", t);
	}
}

/* ---- coverage: guideline x topic ------------------------------------- */

/* Adds {level, symbol, label-key...} to m for a coverage level. */
static void set_level(site *s, value *m, const char *level)
{
	/* the symbols are UI strings (cov_symbol_*); these for older themes */
	static const char *sym[] = {"●", "◐", "－", "？", "／"};
	static const char *keys[] = {"cov_symbol_covered", "cov_symbol_partial", "cov_symbol_not_covered",
				     "cov_symbol_unreviewed", "cov_symbol_not_applicable"};
	for (size_t i = 0; i < N_LEVELS; i++)
		if (!strcmp(level, LEVELS[i])) {
			value_set_str(m, "level", level);
			value_set_str(m, "symbol", site_ui(s, keys[i], sym[i]));
			value_set_bool(m, "is_covered", i == 0);
			value_set_bool(m, "is_partial", i == 1);
			value_set_bool(m, "is_not_covered", i == 2);
			value_set_bool(m, "is_unreviewed", i == 3);
			value_set_bool(m, "is_not_applicable", i == 4);
		}
}

/* The evidence rules of a coverage cell (docs/content-format.md): a cell
 * that is not unreviewed names where in the official document it was
 * found and when (where + checked); not-covered needs whole: true (the
 * whole document was read). Both are errors when the site sets
 * require_evidence: true (shirube.yaml) and not checked otherwise. A cell
 * resting on inference (inferred: true) can be partial at most: always
 * an error. */
static void check_evidence(site *s, page *g, page *t, value *ov, const char *level, srcpos tagpos)
{
	value *ev = ov && ov->type == V_MAP ? ov : NULL;
	srcpos at = ov ? ov->pos : tagpos;
	if (!strcmp(level, "unreviewed"))
		return;
	if (strcmp(level, "partial") && ev && value_truthy(value_get(ev, "inferred"))) {
		diag(DIAG_ERROR, value_get(ev, "inferred")->pos,
		     "coverage of '%s' in guideline '%s' is %s but rests on inference (inferred: true)", t->id, g->id, level);
		diag_hint("a cell that rests on inference or a secondary source is partial or unreviewed, never covered, "
			  "not-covered or not-applicable");
	}
	const char *scope = ev ? value_get_cstr(ev, "scope") : NULL;
	if (!strcmp(level, "not-applicable") && (!scope || !*scope)) {
		diag(DIAG_ERROR, at, "coverage of '%s' in guideline '%s' is not-applicable without a scope", t->id, g->id);
		diag_hint("not-applicable means the document's own declared scope leaves the topic out: add scope: <what the "
			  "document says it covers, in your words> and where: <where it says so>, otherwise use unreviewed");
	}
	if (!s->cfg.require_evidence)
		return; /* sites that do not ask for evidence keep building quietly */
	const char *where = ev ? value_get_cstr(ev, "where") : NULL;
	const char *checked = ev ? value_get_cstr(ev, "checked") : NULL;
	if (!where || !*where || !checked || !*checked) {
		diag(DIAG_ERROR, at,
		     "coverage of '%s' in guideline '%s' is %s but has no evidence (%s missing)", t->id, g->id, level,
		     !where || !*where ? (!checked || !*checked ? msg_tr("where and checked") : "where") : "checked");
		diag_hint("add to the front matter: coverage: {%s: {where: <section or page of the official document>, "
			  "checked: YYYY-MM-DD}}, or mark the cell unreviewed", t->id);
	}
	if (!strcmp(level, "not-covered") && !(ev && value_truthy(value_get(ev, "whole")))) {
		diag(DIAG_ERROR, at,
		     "coverage of '%s' in guideline '%s' is not-covered without whole: true", t->id, g->id);
		diag_hint("not-covered means the whole document (contents and relevant chapters) was read; "
			  "add whole: true if so, otherwise use unreviewed");
	}
}

/* Appends part to the evidence line after a space, saying a word once:
 * when the line ends with the word part starts with (「10大脅威 2026」 +
 * 「2026」, 「… 第5版」 + 「第5版「ゼロトラスト…」」), part continues from
 * that word instead. A word is what follows the last space; it counts only
 * when part does not go on with a digit or letter (「付録1」 is not 「付録10」). */
static void evidence_join(buf *line, const char *part)
{
	const char *sp = memrchr(line->s, ' ', line->len);
	const char *word = sp ? sp + 1 : line->s;
	size_t n = line->len - (size_t)(word - line->s);
	if (n && !strncmp(part, word, n) && !isalnum((unsigned char)part[n])) {
		buf_puts(line, part + n);
		return;
	}
	buf_putc(line, ' ');
	buf_puts(line, part);
}

/* Adds the evidence of a reviewed cell to it: where, edition, checked,
 * inferred, whole, and one reader-facing line "source", e.g.
 * 「出典: 経営ガイドライン Ver 3.0 付録A（2026-12 確認）」. */
static void set_evidence(site *s, page *g, value *cell, value *ev)
{
	const char *where = ev ? value_get_cstr(ev, "where") : NULL;
	const char *checked = ev ? value_get_cstr(ev, "checked") : NULL;
	if (!where || !checked)
		return;
	const char *edition = value_get_cstr(ev, "edition");
	const char *version = value_get_cstr(g->meta, "version");
	const char *name = value_get_cstr(g->data, "short_title") ? value_get_cstr(g->data, "short_title") : site_page_title(g);
	const char *ed = edition ? edition : version;
	buf line = {0};
	buf_printf(&line, "%s: %s", site_ui(s, "evidence_source", "出典"), name);
	if (ed)
		evidence_join(&line, ed);
	evidence_join(&line, where);
	buf_printf(&line, "%s%.7s %s%s", site_ui(s, "paren_open", "（"), checked, site_ui(s, "evidence_checked", "確認"),
		   site_ui(s, "paren_close", "）"));
	char *src = buf_detach(&line);
	value_set_str(cell, "ev_where", where);
	value_set_str(cell, "ev_checked", checked);
	if (edition)
		value_set_str(cell, "ev_edition", edition);
	value_set_bool(cell, "ev_inferred", value_truthy(value_get(ev, "inferred")));
	value_set_bool(cell, "ev_whole", value_truthy(value_get(ev, "whole")));
	if (value_get_cstr(ev, "scope"))
		value_set_str(cell, "ev_scope", value_get_cstr(ev, "scope"));
	value_set_str(cell, "ev_source", src);
	free(src);
}

/* Computes the coverage of every guideline x topic pair: tags on sections
 * give covered / partial, the coverage: map overrides, anything else is
 * unreviewed. Fills guideline.coverage, topic.covered_by / partial_in /
 * not_covered_by / unreviewed_in and site-level matrix rows. */
static void compute_coverage(site *s)
{
	for (size_t ti = 0; ti < s->n_pages; ti++) {
		page *t = s->pages[ti];
		if (t->kind != PAGE_TOPIC)
			continue;
		value *covered = value_list(), *partial = value_list(), *notc = value_list(),
		      *unrev = value_list(), *notapp = value_list(), *cells = value_list();
		for (size_t gi = 0; gi < s->n_pages; gi++) {
			page *g = s->pages[gi];
			if (g->kind != PAGE_GUIDELINE)
				continue;
			const char *level = "unreviewed";
			value *secs = value_list();
			int any_full = 0, any = 0;
			srcpos first_tag = pos_at(g->src, 1, 1);
			value *gsecs = value_get(g->data, "sections");
			for (size_t k = 0; k < value_len(gsecs); k++) {
				value *sec = value_at(gsecs, k);
				value *tags = value_get(sec, "topics");
				for (size_t m = 0; m < value_len(tags); m++) {
					value *tag = value_at(tags, m);
					if (strcmp(value_get_cstr(tag, "id"), t->id))
						continue;
					if (!any) {
						md_heading *h = find_section(g, value_get_cstr(sec, "id"));
						if (h)
							first_tag = pos_at(g->src, h->line, h->topics_col ? h->topics_col : h->col);
					}
					any = 1;
					any_full |= !value_truthy(value_get(tag, "partial"));
					char *url = xasprintf("%s#%s", g->out, value_get_cstr(sec, "id"));
					value *l = site_link(value_get_cstr(sec, "title"), url);
					value_set_bool(l, "partial", value_truthy(value_get(tag, "partial")));
					value_push(secs, l);
					free(url);
				}
			}
			if (any)
				level = any_full ? "covered" : "partial";
			const char *note = NULL;
			value *ov = value_get(value_get(g->meta, "coverage"), t->id);
			value *ev = ov && ov->type == V_MAP ? ov : NULL;
			if (ov) {
				const char *l = ov->type == V_STR ? ov->u.str.s : value_get_cstr(ov, "level");
				if (l && level_valid(l))
					level = l;
				note = value_get_cstr(ov, "note");
				const char *sec = value_get_cstr(ov, "section");
				md_heading *h = sec ? find_section(g, sec) : NULL;
				if (h) {
					int dup = 0;
					for (size_t k = 0; k < value_len(secs); k++)
						if (str_ends_with(value_get_cstr(value_at(secs, k), "url"), h->id))
							dup = 1;
					if (!dup) {
						char *url = xasprintf("%s#%s", g->out, h->id);
						value_push(secs, site_link(h->text, url));
						free(url);
					}
				}
			}
			value *cell = value_map();
			value_set_str(cell, "guideline_id", g->id);
			value_set_str(cell, "guideline", value_get_cstr(g->data, "short_title") ? value_get_cstr(g->data, "short_title") : site_page_title(g));
			value_set_str(cell, "guideline_title", site_page_title(g));
			value_set_str(cell, "url", g->out);
			value_set_str(cell, "topic_id", t->id);
			value_set_str(cell, "topic", site_page_title(t));
			value_set_str(cell, "topic_url", t->out);
			set_level(s, cell, level);
			if (note)
				value_set_str(cell, "note", note);
			check_evidence(s, g, t, ov, level, first_tag);
			if (strcmp(level, "unreviewed"))
				set_evidence(s, g, cell, ev);
			value_set(cell, "sections", secs);
			value_set_str(cell, "first_url", value_len(secs) ? value_get_cstr(value_at(secs, 0), "url") : g->out);
			value *target = !strcmp(level, "covered") ? covered : !strcmp(level, "partial") ? partial :
					!strcmp(level, "not-covered") ? notc : !strcmp(level, "not-applicable") ? notapp : unrev;
			value_push(target, value_ref(cell));
			value_push(cells, value_ref(cell));
			/* the guideline side */
			value *gl = value_get(g->data, "coverage_list");
			if (!gl) {
				gl = value_list();
				value_set(g->data, "coverage_list", gl);
			}
			value_push(gl, cell);
		}
		value_set(t->data, "covered_by", covered);
		value_set(t->data, "partial_in", partial);
		value_set(t->data, "not_covered_by", notc);
		value_set(t->data, "unreviewed_in", unrev);
		value_set(t->data, "not_applicable_in", notapp);
		value_set(t->data, "cells", cells);
		if (!value_len(covered) && !value_len(partial) && !t->broken)
			diag(DIAG_WARNING, pos_at(t->src, 1, 1), "topic '%s' is covered by no guideline section", t->id);
	}
}

/* Renders every Markdown body, linking the first mention of a topic
 * synonym (or title) per section to the topic's page. */
/* serve keeps every page's rendered Markdown between rebuilds: a page is
 * rendered again only when its text, its position in the site or the
 * topic patterns changed. */
typedef struct md_cached {
	char *out;
	uint64_t sig;
	md_doc doc;
} md_cached;

struct md_cache {
	md_cached *items;
	size_t n, cap;
	value *by_out; /* output path -> index in items */
};

void md_cache_free(struct md_cache *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n; i++) {
		free(c->items[i].out);
		md_doc_free(&c->items[i].doc);
	}
	free(c->items);
	value_free(c->by_out);
	free(c);
}

static md_cached *md_cache_find(struct md_cache *c, const char *out)
{
	value *i = c ? value_get(c->by_out, out) : NULL;
	return i ? &c->items[(size_t)i->u.n] : NULL;
}

/* A new entry of c for the page written to out (its doc still empty). */
static md_cached *md_cache_add(struct md_cache *c, const char *out)
{
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		c->items = xrealloc(c->items, c->cap * sizeof *c->items);
	}
	md_cached *e = &c->items[c->n];
	memset(e, 0, sizeof *e);
	e->out = xstrdup(out);
	value_set_num(c->by_out, out, (double)c->n++);
	return e;
}

/* One page whose Markdown is to be rendered (render_bodies). */
typedef struct md_job {
	page *p;
	char *root;
	int self;
	uint64_t sig;
	long cached;  /* its entry in the serve cache, -1 when none */
	int rendered; /* 0: taken from the cache */
} md_job;

typedef struct md_todo {
	const link_model *lm;
	md_job *jobs;
	size_t *run; /* indices into jobs of the pages to render */
	size_t n_jobs, n_run;
	const autolinker *al;
	const char **urls;
	int flags;
} md_todo;

static void md_job_run(size_t i, void *ud)
{
	md_todo *t = ud;
	md_job *j = &t->jobs[t->run[i]];
	link_ctx lc = {t->lm, j->p, j->p->src, j->root};
	md_autolink lk = {t->al, t->urls, j->root, j->self, links_rewrite, &lc};
	md_render(j->p->body_src, j->p->body_len, j->p->body_line - 1, t->flags, &lk, &j->p->md);
}

static void finish_job(const link_model *lm, md_job *j)
{
	page *p = j->p;
	if (p->md.deep_line)
		report_too_deep(pos_at(p->src, p->md.deep_line, p->md.deep_col));
	if (p->md.limit)
		report_md_limit(pos_at(p->src, p->md.limit_line, p->md.limit_col), p->md.limit);
	link_ctx lc = {lm, p, p->src, j->root};
	links_report(&lc, &p->md);
	free(j->root);
	j->root = NULL;
	free(p->body_src);
	p->body_src = NULL;
}

/* The auto-linking automaton over every topic's title and synonyms (empty
 * when autolink: false), *urls the topics' pages by topic number, and
 * *sig a signature of all of it (what every page's links depend on). */
static autolinker *topic_linker(site *s, const char ***urls, uint64_t *sig)
{
	autolinker *al = al_new();
	int enabled = s->cfg.autolink;
	size_t n_topics = 0;
	for (size_t i = 0; i < s->n_pages; i++)
		n_topics += s->pages[i]->kind == PAGE_TOPIC;
	*urls = xcalloc(n_topics + 1, sizeof(char *));
	*sig = hash64(HASH64_SEED, &enabled, sizeof enabled);
	int id = 0;
	for (size_t i = 0; i < s->n_pages; i++) {
		page *t = s->pages[i];
		if (t->kind != PAGE_TOPIC)
			continue;
		(*urls)[id] = t->out;
		*sig = hash64(*sig, t->out, strlen(t->out) + 1);
		const char *title = value_get_cstr(t->meta, "title");
		if (title && enabled)
			al_add(al, title, id);
		if (title)
			*sig = hash64(*sig, title, strlen(title) + 1);
		value *syn = value_get(t->meta, "synonyms");
		for (size_t k = 0; k < value_len(syn); k++) {
			const char *w = value_cstr(value_at(syn, k));
			if (w && enabled)
				al_add(al, w, id);
			if (w)
				*sig = hash64(*sig, w, strlen(w) + 1);
		}
		id++;
	}
	al_build(al);
	return al;
}

/* Fills t->jobs with every page that has a Markdown body and t->run with
 * the ones to render; in serve, unchanged pages take their rendered
 * Markdown from the cache instead. */
static void plan_jobs(site *s, build_ctx *b, md_todo *t, uint64_t topics_sig)
{
	t->jobs = xcalloc(s->n_pages + 1, sizeof *t->jobs);
	t->run = xcalloc(s->n_pages + 1, sizeof *t->run);
	int topic_no = 0;
	for (size_t i = 0; i < s->n_pages; i++) {
		page *p = s->pages[i];
		int self = p->kind == PAGE_TOPIC ? topic_no++ : -1;
		if (!p->body_src)
			continue;
		md_job *j = &t->jobs[t->n_jobs];
		j->p = p;
		j->self = self;
		j->root = path_to_root(p->out);
		j->cached = -1;
		if (b->serve) {
			uint64_t sig = hash64(topics_sig ^ links_model_sig(t->lm), p->body_src, p->body_len);
			sig = hash64(sig, &p->body_line, sizeof p->body_line);
			sig = hash64(sig, &t->flags, sizeof t->flags);
			sig = hash64(sig, &self, sizeof self);
			j->sig = sig;
			md_cached *c = md_cache_find(b->md_cache, p->out);
			j->cached = c ? (long)(c - b->md_cache->items) : -1;
			if (c && c->sig == sig) {
				md_doc_copy(&p->md, &c->doc);
				t->n_jobs++;
				continue;
			}
		}
		j->rendered = 1;
		t->run[t->n_run++] = t->n_jobs++;
	}
}

/* serve: keeps what this rebuild rendered for the next one. */
static void cache_rendered(build_ctx *b, md_todo *t)
{
	if (!b->md_cache) {
		b->md_cache = xcalloc(1, sizeof *b->md_cache);
		b->md_cache->by_out = value_map();
	}
	for (size_t k = 0; k < t->n_jobs; k++) {
		md_job *j = &t->jobs[k];
		if (!j->rendered)
			continue;
		md_cached *c = j->cached >= 0 ? &b->md_cache->items[j->cached] : md_cache_add(b->md_cache, j->p->out);
		md_doc_free(&c->doc);
		c->sig = j->sig;
		md_doc_copy(&c->doc, &j->p->md);
	}
}

/* Renders every Markdown body, linking the first mention of a topic
 * synonym (or title) per section to the topic's page. */
static void render_bodies(site *s, build_ctx *b, link_model *lm)
{
	const char **urls;
	uint64_t topics_sig;
	autolinker *al = topic_linker(s, &urls, &topics_sig);
	md_todo todo = {0};
	todo.lm = lm;
	todo.al = al;
	todo.urls = urls;
	todo.flags = s->cfg.allow_raw_html ? MD_ALLOW_HTML : 0;
	plan_jobs(s, b, &todo, topics_sig);
	/* on every core: each page's result is its own, whichever thread
	 * renders it (cmark-gfm's shared table: md_threads_ok) */
	int threads = b->threads > 1 && todo.n_run > 1 && md_threads_ok() ? b->threads : 1;
	par_for(todo.n_run, threads, md_job_run, &todo);
	if (timing_on())
		fprintf(stderr, "shirube:   markdown: %zu pages on %d threads\n", todo.n_run, threads);
	if (b->serve)
		cache_rendered(b, &todo);
	for (size_t k = 0; k < todo.n_jobs; k++) /* reports in page order */
		finish_job(todo.lm, &todo.jobs[k]);
	free(todo.jobs);
	free(todo.run);
	free(urls);
	al_free(al);
}

/* A journey reference "journey" or "journey#step": returns the page URL
 * (site-relative, caller frees) or NULL after reporting at pos. */
static char *journey_url(site *s, const char *ref, srcpos pos)
{
	const char *hash = strchr(ref, '#');
	char *id = hash ? xstrndup(ref, (size_t)(hash - ref)) : xstrdup(ref);
	page *j = site_find(s, PAGE_JOURNEY, id);
	char *url = NULL;
	if (!j) {
		diag(DIAG_ERROR, pos, "unknown journey '%s'", id);
		diag_hint("journey ids are the file names in journeys/");
	} else if (hash) {
		value *steps = value_get(j->meta, "steps");
		for (size_t i = 0; i < value_len(steps) && !url; i++)
			if (value_get_cstr(value_at(steps, i), "id") &&
			    !strcmp(value_get_cstr(value_at(steps, i), "id"), hash + 1))
				url = xasprintf("%s#step-%s", j->out, hash + 1);
		if (!url && j->broken) /* its YAML failed, reported: no second error */
			url = xstrdup(j->out);
		else if (!url)
			diag(DIAG_ERROR, pos, "unknown step '%s' in journey '%s'", hash + 1, id);
	} else
		url = xstrdup(j->out);
	free(id);
	return url;
}

/* Checks content/start-check.yaml and adds a url to every answer: the next
 * question's anchor on the home page or a journey step. */
static void resolve_start_check(site *s)
{
	value *sc = s->start_check;
	if (!sc)
		return;
	value *qs = value_get(sc, "questions");
	if (!qs || qs->type != V_LIST || !value_len(qs)) {
		diag(DIAG_ERROR, sc->pos, "start-check.yaml needs a list of questions");
		return;
	}
	for (size_t i = 0; i < value_len(qs); i++) {
		value *q = value_at(qs, i);
		const char *qid = value_get_cstr(q, "id");
		if (!qid || !value_get_cstr(q, "text")) {
			diag(DIAG_ERROR, q->pos, "a question needs an id and a text");
			continue;
		}
		check_local_id(q, "question");
		for (size_t k = 0; k < i; k++)
			if (value_get_cstr(value_at(qs, k), "id") && !strcmp(value_get_cstr(value_at(qs, k), "id"), qid))
				diag(DIAG_ERROR, value_get(q, "id")->pos, "duplicate question id '%s'", qid);
		value_set_num(q, "number", (double)i + 1);
		value_set_bool(q, "first", i == 0);
		value *as = value_get(q, "answers");
		if (!as || as->type != V_LIST || !value_len(as)) {
			diag(DIAG_ERROR, q->pos, "question '%s' needs a list of answers", qid);
			continue;
		}
		for (size_t k = 0; k < value_len(as); k++) {
			value *a = value_at(as, k);
			const char *next = value_get_cstr(a, "next"), *go = value_get_cstr(a, "goto");
			if (!value_get_cstr(a, "label") || (!next == !go)) {
				diag(DIAG_ERROR, a->pos, "an answer needs a label and either next: QUESTION or goto: JOURNEY#STEP");
				continue;
			}
			if (next) {
				int found = 0;
				for (size_t m = 0; m < value_len(qs); m++)
					found |= value_get_cstr(value_at(qs, m), "id") &&
						 !strcmp(value_get_cstr(value_at(qs, m), "id"), next);
				if (!found)
					diag(DIAG_ERROR, value_get(a, "next")->pos, "unknown question '%s'", next);
				else if (!strcmp(next, qid))
					diag(DIAG_ERROR, value_get(a, "next")->pos, "question '%s' leads to itself", qid);
				value_set(a, "url", value_str_take(xasprintf("index.html#q-%s", next)));
				value_set_str(a, "next_id", next);
			} else {
				char *url = journey_url(s, go, value_get(a, "goto")->pos);
				if (url)
					value_set(a, "url", value_str_take(url));
				value_set_bool(a, "is_goto", 1);
			}
		}
	}
}

/* The page that p's one-target field (a topic's parent, a guideline's
 * superseded_by) names, or NULL. */
static page *chain_next(site *s, page *p, const char *field)
{
	value *v = value_get(p->meta, field);
	return v && v->type == V_STR ? site_find(s, p->kind, v->u.str.s) : NULL;
}

/* A topic whose parent is itself or an ancestor, a guideline superseded by
 * itself or by one that it supersedes: each chain is walked once (pages
 * already walked are marked), so the check is linear. The cycle is
 * reported at the field of its first page, with up to 20 of its ids. */
static void check_chains(site *s, page_kind kind, const char *field)
{
	unsigned char *mark = xcalloc(s->n_pages, 1); /* 0 new, 1 this walk, 2 done */
	for (size_t i = 0; i < s->n_pages; i++) {
		page *p = s->pages[i], *q = p;
		if (p->kind != kind || mark[p->seq])
			continue;
		while (q && !mark[q->seq]) {
			mark[q->seq] = 1;
			q = chain_next(s, q, field);
		}
		if (q && mark[q->seq] == 1) {
			buf cyc = {0};
			page *r = q;
			int k = 0;
			do {
				if (k < 20)
					buf_printf(&cyc, "%s -> ", r->id);
				k++;
				r = chain_next(s, r, field);
			} while (r != q);
			if (k > 20)
				buf_printf(&cyc, "... (%d in all) -> ", k);
			buf_puts(&cyc, q->id);
			srcpos pos = value_get(q->meta, field)->pos;
			int topic = kind == PAGE_TOPIC;
			if (k == 1)
				diag(DIAG_ERROR, pos, topic ? "topic '%s' is its own parent" :
				     "guideline '%s' is superseded by itself", q->id);
			else
				diag(DIAG_ERROR, pos, topic ? "topics are each other's parents in a cycle: %s" :
				     "guidelines supersede each other in a cycle: %s", cyc.s);
			diag_hint(topic ? "a topic's parent is a broader topic: remove 'parent' from one of them" :
				  "superseded_by names the newer guideline: remove it from the newest one");
			buf_free(&cyc);
		}
		for (q = p; q && mark[q->seq] == 1; q = chain_next(s, q, field))
			mark[q->seq] = 2;
	}
	free(mark);
}

/* One page's template data (p->data) from its metadata and body. */
static void resolve_page(site *s, page *p, link_model *lm)
{
	value *d = value_map();
	copy_fields(d, p->meta);
	value_set_str(d, "id", p->id);
	value_set_str(d, "url", p->out);
	value_set_str(d, "title", site_page_title(p));
	switch (p->broken ? PAGE_GENERATED : p->kind) {
	case PAGE_GENERATED: /* bad YAML, reported: no field checks */
		break;
	case PAGE_GUIDELINE:
		resolve_guideline(s, p, d);
		value_set_bool(d, "is_guideline", 1);
		break;
	case PAGE_TOPIC:
		resolve_topic(s, p, d);
		value_set_bool(d, "is_topic", 1);
		break;
	case PAGE_PERSONA:
		resolve_persona(s, p, d);
		value_set_bool(d, "is_persona", 1);
		break;
	case PAGE_JOURNEY:
		resolve_journey(s, p, d, lm);
		value_set_bool(d, "is_journey", 1);
		break;
	default:
		if (p->kind == PAGE_PAGE && !value_get(p->meta, "template"))
			check_fields(p->meta, "a page", COMMON_FIELDS, 0);
		build_sections(s, p, d, 0);
		/* the page's HTML moves into its data: one copy */
		value_set(d, "body", value_str_take(p->md.html ? p->md.html : xstrdup("")));
		p->md.html = NULL;
		break;
	}
	const char *tmpl = value_get_cstr(p->meta, "template");
	if (tmpl)
		p->tmpl = xstrdup(tmpl);
	else
		p->tmpl = xstrdup(p->kind == PAGE_GUIDELINE ? "guideline" :
				  p->kind == PAGE_TOPIC ? "topic" :
				  p->kind == PAGE_PERSONA ? "persona" :
				  p->kind == PAGE_JOURNEY ? "journey" :
				  p->kind == PAGE_HOME ? "home" : "page");
	p->data = d;
}

/* Pages whose data needs nothing but themselves (plain pages and pages of
 * pages/): resolved on every thread before the others. */
static int self_contained(const page *p)
{
	page_kind k = p->broken ? PAGE_GENERATED : p->kind;
	return k != PAGE_GENERATED && k != PAGE_GUIDELINE && k != PAGE_TOPIC && k != PAGE_PERSONA &&
	       k != PAGE_JOURNEY;
}

static void resolve_self_contained(site *s, page *p)
{
	if (self_contained(p))
		resolve_page(s, p, NULL);
}

static void check_editorial(site *s, page *p)
{
	(void)s;
	if (!p->broken)
		editorial_check(p);
}

typedef struct pages_par {
	site *s;
	void (*fn)(site *s, page *p);
	diag_list *diags;
} pages_par;

static void pages_par_one(size_t i, void *ud)
{
	pages_par *pp = ud;
	diag_defer(&pp->diags[i]);
	pp->fn(pp->s, pp->s->pages[i]);
	diag_defer(NULL);
}

/* Runs fn on every page on the build's threads. Returns each page's
 * messages, kept for the caller to replay in page order (diag_replay) so
 * that they come out as from one thread; the caller frees the array. */
static diag_list *for_pages(site *s, int threads, void (*fn)(site *s, page *p))
{
	pages_par pp = {s, fn, xcalloc(s->n_pages + 1, sizeof(diag_list))};
	par_for(s->n_pages, threads, pages_par_one, &pp);
	return pp.diags;
}

int resolve_site(site *s, build_ctx *b)
{
	int threads = b->threads > 0 ? b->threads : 1;
	diag_list *msgs = for_pages(s, threads, check_editorial);
	for (size_t i = 0; i < s->n_pages; i++)
		diag_replay(&msgs[i]);
	free(msgs);
	link_model *lm = links_model_new(s);
	render_bodies(s, b, lm);
	msgs = for_pages(s, threads, resolve_self_contained);
	for (size_t i = 0; i < s->n_pages; i++) {
		if (self_contained(s->pages[i]))
			diag_replay(&msgs[i]);
		else
			resolve_page(s, s->pages[i], lm);
	}
	free(msgs);
	links_model_free(lm);
	check_chains(s, PAGE_TOPIC, "parent");
	check_chains(s, PAGE_GUIDELINE, "superseded_by");
	resolve_relations(s);
	resolve_start_check(s);
	compute_coverage(s);
	crosslink_site(s);
	return diag_errors() == 0;
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
		/* uncertain facts, for editors: the fields shown with the 未確認
		 * badge and the cells resting on inference (推定) */
		value *unv = value_get(g->meta, "unverified");
		for (size_t k = 0; k < value_len(unv); k++)
			diag(DIAG_NOTE, value_at(unv, k)->pos, "uncertain fact: '%s' is shown with the unverified badge",
			     value_at(unv, k)->type == V_STR ? value_at(unv, k)->u.str.s : "?");
		value *cov = value_get(g->meta, "coverage");
		buf inf = {0};
		size_t ni = 0;
		for (size_t k = 0; cov && cov->type == V_MAP && k < value_len(cov); k++) {
			value *e = value_val_at(cov, k);
			if (e->type != V_MAP || !value_truthy(value_get(e, "inferred")))
				continue;
			if (ni++)
				buf_puts(&inf, ", ");
			buf_puts(&inf, value_key_at(cov, k));
		}
		if (ni)
			diag(DIAG_NOTE, cov->pos, "%zu coverage cells rest on inference (inferred: true): %s", ni, buf_cstr(&inf));
		buf_free(&inf);
	}
}

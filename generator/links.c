/* links.c: see links.h. */
#include "links.h"
#include "diag.h"
#include "messages.h"
#include "util.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct link_model {
	const site *s;
	char *content; /* the content directory, normalised ("" for ".") */
	value *by_src; /* source relative to content -> page seq */
	value *assets; /* content files copied as they are -> 1 */
	uint64_t sig;
};

/* dir + "/" + rel with "." and ".." segments folded (lexically; leading
 * ".." kept). "" for the directory itself. Caller frees. */
static char *norm_join(const char *dir, const char *rel)
{
	char *all = *dir ? xasprintf("%s/%s", dir, rel) : xstrdup(rel);
	int absolute = all[0] == '/';
	char **seg = xcalloc(strlen(all) + 1, sizeof *seg);
	size_t n = 0, up = 0; /* up: leading ".." kept */
	char *save = NULL;
	for (char *t = strtok_r(all, "/", &save); t; t = strtok_r(NULL, "/", &save)) {
		if (!strcmp(t, "."))
			continue;
		if (!strcmp(t, "..") && n > up)
			n--;
		else if (!strcmp(t, "..") && !absolute)
			seg[n++] = t, up++;
		else if (strcmp(t, ".."))
			seg[n++] = t;
	}
	buf b = {0};
	if (absolute)
		buf_putc(&b, '/');
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_putc(&b, '/');
		buf_puts(&b, seg[i]);
	}
	free(seg);
	free(all);
	if (!b.s)
		return xstrdup("");
	return buf_detach(&b);
}

static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup("");
}

/* %XX decoded (URLs written by hand may encode spaces or non-ASCII). */
static char *percent_decode(const char *s, size_t n)
{
	buf b = {0};
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '%' && i + 2 < n && isxdigit((unsigned char)s[i + 1]) &&
		    isxdigit((unsigned char)s[i + 2])) {
			char hex[3] = {s[i + 1], s[i + 2], 0};
			buf_putc(&b, (char)strtol(hex, NULL, 16));
			i += 2;
		} else
			buf_putc(&b, s[i]);
	}
	return b.s ? buf_detach(&b) : xstrdup("");
}

/* path relative to the content directory, or NULL when outside it. */
static const char *content_rel(const link_model *m, const char *path)
{
	if (!*m->content)
		return str_starts_with(path, "../") || !strcmp(path, "..") || path[0] == '/' ? NULL : path;
	size_t n = strlen(m->content);
	return !strncmp(path, m->content, n) && path[n] == '/' ? path + n + 1 : NULL;
}

link_model *links_model_new(const site *s)
{
	link_model *m = xcalloc(1, sizeof *m);
	m->s = s;
	m->content = norm_join("", s->content_dir ? s->content_dir : "content");
	m->by_src = value_map();
	m->assets = value_map();
	m->sig = hash64(HASH64_SEED, m->content, strlen(m->content));
	for (size_t i = 0; i < s->n_pages; i++) {
		const page *p = s->pages[i];
		if (!p->src)
			continue;
		char *src = norm_join("", p->src);
		const char *rel = content_rel(m, src);
		if (rel && !value_get(m->by_src, rel))
			value_set_num(m->by_src, rel, (double)i);
		m->sig = hash64(m->sig, src, strlen(src) + 1);
		m->sig = hash64(m->sig, p->out, strlen(p->out) + 1);
		m->sig = hash64(m->sig, p->id, strlen(p->id) + 1);
		free(src);
	}
	for (size_t i = 0; i < s->n_assets; i++) {
		value_set_num(m->assets, s->assets[i], 1);
		m->sig = hash64(m->sig, s->assets[i], strlen(s->assets[i]) + 1);
	}
	return m;
}

void links_model_free(link_model *m)
{
	if (!m)
		return;
	free(m->content);
	value_free(m->by_src);
	value_free(m->assets);
	free(m);
}

uint64_t links_model_sig(const link_model *m)
{
	return m->sig;
}

typedef enum {
	L_KEEP,    /* not ours to change: external, anchor only, or to an output */
	L_PAGE,    /* a page, by file or by id */
	L_ASSET,   /* a content file copied as it is */
	L_NO_PAGE, /* a .md file that no page is built from */
	L_NO_ID    /* an id that names no page */
} link_kind;

typedef struct link_target {
	link_kind kind;
	const page *p;
	char *path;       /* content-relative (or as resolved) path, owned */
	const char *frag; /* "#..." or "?..." part of the URL, or "" */
} link_target;

/* Is url external or not a path (a scheme, //host, /absolute, #anchor)? */
static int not_relative(const char *url)
{
	size_t n = strcspn(url, ":/#?");
	return !*url || url[0] == '#' || url[0] == '/' || url[0] == '?' || url[n] == ':';
}

static int is_id_link(const char *path, size_t n)
{
	if (!n || !(islower((unsigned char)path[0]) || isdigit((unsigned char)path[0])))
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!(islower((unsigned char)path[i]) || isdigit((unsigned char)path[i]) || path[i] == '-'))
			return 0;
	return 1;
}

/* What url, written in ctx's source, leads to. */
static void classify(const link_ctx *c, const char *url, int image, link_target *t)
{
	const link_model *m = c->m;
	memset(t, 0, sizeof *t);
	t->frag = "";
	if (not_relative(url))
		return;
	size_t n = strcspn(url, "#?");
	t->frag = url + n;
	char *path = percent_decode(url, n);
	char *dir = dir_of(c->src);
	t->path = norm_join(dir, path);
	free(dir);
	const char *rel = content_rel(m, t->path);
	value *seq = rel ? value_get(m->by_src, rel) : NULL;
	if (!image && is_id_link(path, strlen(path)) && !(rel && value_get(m->assets, rel))) {
		const page *p = site_find_ref(m->s, path);
		if (!p)
			p = site_find(m->s, PAGE_PLAIN, path);
		t->p = p;
		t->kind = p ? L_PAGE : L_NO_ID;
		if (!p) { /* a directory or page written relative to the output */
			char *o = path_resolve(c->p->out, url);
			char *idx = o ? xasprintf("%s/index.html", o) : NULL;
			if (o && (site_find_out(m->s, o) || site_find_out(m->s, idx)))
				t->kind = L_KEEP;
			free(o);
			free(idx);
		}
		free(t->path);
		t->path = path;
		return;
	}
	size_t pl = strlen(path);
	if (!image && pl > 3 && !strcasecmp(path + pl - 3, ".md")) {
		t->p = seq ? m->s->pages[(size_t)seq->u.n] : NULL;
		t->kind = t->p ? L_PAGE : L_NO_PAGE;
	} else if (rel && value_get(m->assets, rel)) {
		t->kind = L_ASSET;
		char *asset = xstrdup(rel);
		free(t->path);
		t->path = asset;
	}
	free(path);
}

/* The URL of the site path `to` from the page at site path `from`:
 * "guidelines/a.html" from "guidelines/b.html" is "a.html", from
 * "x.html" "guidelines/a.html", from "notes/x.html" "../guidelines/a.html". */
static char *relative_url(const char *from, const char *to, const char *frag)
{
	size_t common = 0; /* length of the shared directories, with their '/' */
	for (size_t i = 0; from[i] && from[i] == to[i]; i++)
		if (from[i] == '/')
			common = i + 1;
	buf b = {0};
	for (const char *p = from + common; *p; p++)
		if (*p == '/')
			buf_puts(&b, "../");
	buf_puts(&b, to + common);
	buf_puts(&b, frag);
	return buf_detach(&b);
}

char *links_rewrite(void *ud, const char *url, int image)
{
	const link_ctx *c = ud;
	link_target t;
	classify(c, url, image, &t);
	char *out = NULL;
	if (t.kind == L_PAGE)
		out = relative_url(c->p->out, t.p->out, t.frag);
	else if (t.kind == L_ASSET)
		out = relative_url(c->p->out, t.path, t.frag);
	free(t.path);
	if (out && !strcmp(out, url)) {
		free(out);
		out = NULL;
	}
	return out;
}

/* A link that leads nowhere is an error, except in a plain Markdown tree
 * (a tree of documents from elsewhere, no guidelines or topics): there a
 * warning, so that an imported tree still builds. */
static diag_level link_severity(const link_ctx *c)
{
	return c->m->s->plain_only ? DIAG_WARNING : DIAG_ERROR;
}

/* The ids of guidelines, topics and pages closest to id, as a hint. */
static void hint_ids(const site *s, const char *id)
{
	diag_suggest g = {id, NULL, 0};
	for (size_t i = 0; i < s->n_pages; i++) {
		page_kind k = s->pages[i]->kind;
		if (k == PAGE_GUIDELINE || k == PAGE_TOPIC || k == PAGE_PAGE || k == PAGE_PLAIN)
			diag_suggest_try(&g, s->pages[i]->id);
	}
	const char *best = diag_suggest_best(&g);
	if (best)
		diag_hint("did you mean '%s'?", best);
}

/* A #fragment of a link to a Markdown page must be one of its headings. */
static void check_anchor(const link_ctx *c, const md_link *l, const link_target *t)
{
	const page *p = t->p;
	if (t->frag[0] != '#' || !t->frag[1] || p->broken ||
	    !(p->kind == PAGE_GUIDELINE || p->kind == PAGE_PAGE || p->kind == PAGE_PLAIN))
		return; /* a page whose YAML failed (reported) has no known sections */
	char *id = percent_decode(t->frag + 1, strlen(t->frag + 1));
	diag_suggest g = {id, NULL, 0};
	int found = !strcmp(id, "main");
	for (size_t i = 0; i < p->md.n_h && !found; i++) {
		found = !strcmp(p->md.h[i].id, id);
		diag_suggest_try(&g, p->md.h[i].id);
	}
	if (!found) {
		diag(link_severity(c), pos_at(c->src, l->line, l->col), "link '%s': no section '%s' in %s",
		     l->written, id, p->src);
		const char *best = diag_suggest_best(&g);
		if (best)
			diag_hint("did you mean '#%s'?", best);
		else
			diag_hint("section ids come from {#id} at the end of a heading line, or from the heading text");
	}
	free(id);
}

void links_report(const link_ctx *c, const md_doc *d)
{
	for (size_t i = 0; i < d->n_links; i++) {
		const md_link *l = &d->links[i];
		link_target t;
		classify(c, l->written, l->image, &t);
		srcpos pos = pos_at(c->src, l->line, l->col);
		if (t.kind == L_NO_PAGE) {
			diag(link_severity(c), pos, "link '%s': no page is built from %s", l->written, t.path);
			diag_hint("a link to a Markdown file is relative to the file it is written in, as on "
				  "GitHub (../guidelines/ID.md), or by id: [text](ID) or [text](ID#SECTION)");
			const char *base = strrchr(t.path, '/') ? strrchr(t.path, '/') + 1 : t.path;
			char *stem = xstrndup(base, strlen(base) > 3 ? strlen(base) - 3 : strlen(base));
			page *same = site_find_ref(c->m->s, stem);
			if (same)
				diag_hint("the page with id '%s' is %s: write [text](%s)", stem, same->src, stem);
			else
				hint_ids(c->m->s, stem);
			free(stem);
		} else if (t.kind == L_NO_ID) {
			diag(link_severity(c), pos, "link '%s': no guideline, topic or page has the id '%s'", l->written, t.path);
			hint_ids(c->m->s, t.path);
			diag_hint("a link by id names a file of content/ without .md; a link to a file is relative, e.g. ../pages/ID.md");
		} else if (t.kind == L_PAGE)
			check_anchor(c, l, &t);
		else if (t.kind == L_KEEP && !not_relative(l->href)) {
			char *to = path_resolve(c->p->out, l->href);
			if (!to) {
				diag(DIAG_WARNING, pos, "%s '%s' leaves the site (it is published at %s)",
				     msg_tr(l->image ? "image" : "link"), l->written, c->p->out);
				if (l->image)
					diag_hint("put the image under content/ and write its path relative to this file");
				else
					diag_hint("link to a page by its .md file or id, or use a full https:// URL");
			}
			free(to);
		}
		free(t.path);
	}
}

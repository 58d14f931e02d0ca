/* validate.c: runs tidy-html5 over a rendered page and turns its messages
 * into our diagnostics. Warnings that only concern tidy's own pretty
 * printing (none for valid HTML5) are reported as warnings. */
#include "validate.h"
#include "diag.h"
#include "messages.h"
#include "site.h"
#include "util.h"

#include <ctype.h>
#include <sys/stat.h>

#include <tidy.h>
#include <tidybuffio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct vctx {
	const char *out, *tmpl, *src;
	int errors;
} vctx;

static Bool TIDY_CALL on_message(TidyMessage m)
{
	TidyDoc doc = tidyGetMessageDoc(m);
	vctx *c = tidyGetAppData(doc);
	TidyReportLevel lvl = tidyGetMessageLevel(m);
	if (lvl != TidyWarning && lvl != TidyError && lvl != TidyBadDocument && lvl != TidyFatal)
		return no;
	int err = lvl != TidyWarning;
	/* tidy's text starts "line L column C - Warning: "; keep the message */
	const char *msg = tidyGetMessageOutput(m);
	const char *k = strstr(msg, " - ");
	if (k) {
		msg = k + 3;
		const char *colon = strstr(msg, ": ");
		if (colon && colon - msg < 12)
			msg = colon + 2;
	}
	c->errors += err;
	srcpos at = pos_at(c->out, tidyGetMessageLine(m), tidyGetMessageColumn(m));
	if (c->src)
		diag(err ? DIAG_ERROR : DIAG_WARNING, at, "HTML: %s (template '%s', from %s)", msg, c->tmpl, c->src);
	else
		diag(err ? DIAG_ERROR : DIAG_WARNING, at, "HTML: %s (template '%s')", msg, c->tmpl);
	return no;
}

int validate_html(const char *out_path, const char *html, size_t len, const char *tmpl,
		  const char *src)
{
	vctx c = {out_path, tmpl, src, 0};
	TidyDoc doc = tidyCreate();
	TidyBuffer errbuf;
	tidyBufInit(&errbuf);
	tidySetAppData(doc, &c);
	tidySetErrorBuffer(doc, &errbuf);
	tidySetMessageCallback(doc, on_message);
	tidyOptSetBool(doc, TidyQuiet, yes);
	tidyOptSetBool(doc, TidyShowWarnings, yes);
	tidyOptSetValue(doc, TidyCharEncoding, "utf8");
	/* HTML5 custom-ish attributes we use are standard; drop-empty-elements
	 * is a formatting choice, not an error */
	tidyOptSetBool(doc, TidyDropEmptyElems, no);
	tidyOptSetBool(doc, TidyDropEmptyParas, no);
	char *copy = xstrndup(html, len);
	tidyParseString(doc, copy);
	free(copy);
	tidyBufFree(&errbuf);
	tidyRelease(doc);
	return c.errors;
}

/* ---- serve: tidy after the build, per page while its HTML is the same --- */

typedef struct tidy_entry {
	unsigned long long hash; /* of the page's HTML and the message language */
	diag_list found;         /* what tidy reported on it */
} tidy_entry;

struct tidy_cache {
	value *index; /* output path -> position in e */
	tidy_entry *e;
	size_t n, cap;
};

void tidy_cache_free(struct tidy_cache *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n; i++)
		diag_list_free(&c->e[i].found);
	free(c->e);
	value_free(c->index);
	free(c);
}

int check_html(struct site *s, const char *dir, struct tidy_cache **cache, int (*stop)(void *),
	       void *stop_ud)
{
	if (!*cache) {
		*cache = xcalloc(1, sizeof **cache);
		(*cache)->index = value_map();
	}
	struct tidy_cache *c = *cache;
	int before = diag_errors();
	for (size_t i = 0; i < s->n_pages && !(stop && stop(stop_ud)); i++) {
		const page *p = s->pages[i];
		if (!str_ends_with(p->out, ".html"))
			continue;
		char *path = path_join(dir, p->out), *html = NULL;
		size_t len = 0;
		int ok = read_file(path, &html, &len);
		free(path);
		if (!ok)
			continue; /* another page wrote this path: reported by the build */
		int ja = msg_japanese();
		unsigned long long h = hash64(hash64(0, &ja, sizeof ja), html, len);
		value *at = value_get(c->index, p->out);
		tidy_entry *e;
		if (at)
			e = &c->e[(size_t)at->u.n];
		else {
			if (c->n == c->cap) {
				c->cap = c->cap ? c->cap * 2 : 64;
				c->e = xrealloc(c->e, c->cap * sizeof *c->e);
			}
			e = &c->e[c->n];
			memset(e, 0, sizeof *e);
			value_set_num(c->index, p->out, (double)c->n++);
		}
		if (!at || e->hash != h) {
			diag_list_free(&e->found);
			e->hash = h;
			diag_defer(&e->found);
			validate_html(p->out, html, len, p->tmpl, p->src);
			diag_defer(NULL);
		}
		diag_replay_keep(&e->found);
		free(html);
	}
	return diag_errors() - before;
}

/* ---- links and anchors ------------------------------------------------------ */

/* Decodes &amp; &lt; &gt; &quot; &#39; and %XX in an attribute value. */
static char *attr_decode(const char *s, size_t n, int percent)
{
	buf b = {0};
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '&') {
			static const struct { const char *e; char c; } ents[] = {
				{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}};
			size_t k;
			for (k = 0; k < 5; k++) {
				size_t el = strlen(ents[k].e);
				if (i + el <= n && !memcmp(s + i, ents[k].e, el)) {
					buf_putc(&b, ents[k].c);
					i += el - 1;
					break;
				}
			}
			if (k < 5)
				continue;
		}
		if (percent && s[i] == '%' && i + 2 < n && isxdigit((unsigned char)s[i + 1]) &&
		    isxdigit((unsigned char)s[i + 2])) {
			char hex[3] = {s[i + 1], s[i + 2], 0};
			buf_putc(&b, (char)strtol(hex, NULL, 16));
			i += 2;
			continue;
		}
		buf_putc(&b, s[i]);
	}
	return buf_detach(&b);
}

typedef struct lpage {
	const char *out;
	page *pg;
	char *html;
	value *ids; /* its element ids (a set: id -> true) */
	value *reported; /* href -> how many of its links were reported */
	int inbound;
} lpage;

/* Where at is in html: line and column (in characters). */
static srcpos html_pos(const char *file, const char *html, const char *at)
{
	int l = 1;
	const char *ls = html;
	for (const char *p = html; p < at; p++)
		if (*p == '\n')
			l++, ls = p + 1;
	int col = 1;
	for (const char *p = ls; p < at; p++)
		col += ((unsigned char)*p & 0xc0) != 0x80;
	return pos_at(file, l, col);
}

/* The Markdown link or image of page p published as href, or NULL. */
/* The nth (from 0) link of p's Markdown that became href, or NULL. */
static const md_link *md_link_of(const page *p, const char *href, int nth)
{
	for (size_t i = 0; p->src && i < p->md.n_links; i++) {
		const md_link *l = &p->md.links[i];
		char *h = attr_decode(l->href, strlen(l->href), 1);
		int same = !strcmp(h, href);
		free(h);
		if (same && nth-- == 0)
			return l;
	}
	return NULL;
}

/* Reports a broken link or image of page src at its source line and
 * column when it comes from Markdown, else at the built page's, naming
 * the template. `what` says what is wrong (NULL: the target is missing),
 * `hint` what to do (NULL: a default). Links to .md files and by id were
 * reported by resolve (links.c) already. */
static void report_broken(lpage *src, const char *href, const char *at, int image,
			  const char *what, const char *hint)
{
	const page *p = src->pg;
	/* links written differently can become the same href: the nth report
	 * of an href is its nth link in the Markdown, each at its place */
	if (!src->reported)
		src->reported = value_map();
	value *seen = value_get(src->reported, href);
	int nth = seen ? (int)seen->u.n : 0;
	value_set_num(src->reported, href, nth + 1);
	const md_link *l = md_link_of(p, href, nth);
	size_t n = strcspn(href, "#?");
	if (l && !what && !strcmp(l->href, l->written) &&
	    ((n > 3 && !strncasecmp(href + n - 3, ".md", 3)) || !memchr(href, '.', n)))
		return;
	srcpos pos = l ? pos_at(p->src, l->line, l->col) : html_pos(src->out, src->html, at);
	const char *shown = l ? l->written : href;
	if (what)
		/* msg: what is translated by the caller */
		diag(DIAG_ERROR, pos, "%s '%s': %s", msg_tr(image ? "image" : "link"), shown, what);
	else
		diag(DIAG_ERROR, pos, "%s '%s': no such %s in the site", msg_tr(image ? "image" : "link"), shown,
		     msg_tr(image ? "file" : "page"));
	if (!l) {
		if (p->src && image)
			diag_hint("the image comes from template '%s' on the page of %s", p->tmpl, p->src);
		else if (p->src)
			diag_hint("the link comes from template '%s' on the page of %s", p->tmpl, p->src);
		else if (image)
			diag_hint("the image comes from template '%s'", p->tmpl);
		else
			diag_hint("the link comes from template '%s'", p->tmpl);
	}
	if (hint)
		diag_hint("%s", hint); /* msg: translated by the caller */
	else if (l && image)
		diag_hint("put the image under content/ and write its path relative to this file");
	else if (l)
		diag_hint("link to another page by its .md file (relative to this file) or by id: [text](ID#SECTION)");
}

/* strstr for a short needle in a big page: by its first character, so
 * that the scan stays linear (ASan's strstr measures the whole rest of
 * the string on every call). */
static const char *find(const char *p, const char *needle)
{
	size_t n = strlen(needle);
	while ((p = strchr(p, needle[0])) && strncmp(p, needle, n))
		p++;
	return p;
}

/* Reads the page p of the built site in dir into lp with its ids;
 * returns 0 when it was not written. */
static int load_lpage(lpage *lp, page *p, const char *dir)
{
	char *path = path_join(dir, p->out);
	size_t len;
	char *html;
	int ok = read_file(path, &html, &len);
	free(path);
	if (!ok)
		return 0;
	lp->out = p->out;
	lp->pg = p;
	lp->html = html;
	lp->ids = value_map();
	for (const char *q = html; (q = find(q, " id=\"")); q += 5) {
		const char *v = q + 5, *e = strchr(v, '"');
		if (!e)
			break;
		char *id = attr_decode(v, (size_t)(e - v), 0);
		value_set_bool(lp->ids, id, 1);
		free(id);
	}
	return 1;
}

typedef struct lsite {
	lpage *lp;
	size_t n;
	const char *dir;
	value *by_out;   /* output path -> index in lp */
	value *resolved; /* "dir\nhref" -> index in lp, -1 another file, -2 none:
			    pages of one directory share their navigation */
} lsite;

/* What href (its path part) written on the page `from` leads to: an index
 * in ls->lp, -1 for another file that exists, -2 for nothing, -3 when it
 * is not checked (external, absolute, leaving the site). Cached per
 * directory: the pages of one directory share their navigation. */
static long resolve_href(lsite *ls, const char *from, const char *href)
{
	const char *slash = strrchr(from, '/');
	size_t dl = slash ? (size_t)(slash - from) : 0;
	char *key = href[0] == '#' ? xasprintf("%s\n", from) /* the page itself */
				   : xasprintf("%.*s\n%.*s", (int)dl, from, (int)strcspn(href, "#?"), href);
	value *hit = value_get(ls->resolved, key);
	long r;
	if (hit)
		r = (long)hit->u.n;
	else {
		char *target = href[0] == '#' ? xstrdup(from) : path_resolve(from, href);
		value *ti = target ? value_get(ls->by_out, target) : NULL;
		r = -3;
		if (ti)
			r = (long)ti->u.n;
		else if (target) {
			char *fpath = path_join(ls->dir, target);
			struct stat st;
			r = stat(fpath, &st) == 0 && S_ISREG(st.st_mode) ? -1 : -2;
			free(fpath);
		}
		free(target);
		value_set_num(ls->resolved, key, (double)r);
	}
	free(key);
	return r;
}

/* Checks one href (or img src, when image) at `at` in page src: the
 * target must exist and, for a page, hold the #anchor. Returns errors. */
static int check_href(lsite *ls, lpage *src, const char *at, const char *href, int image)
{
	const char *hash = strchr(href, '#');
	if (href[0] == '#' && !hash[1])
		return 0;
	long r = resolve_href(ls, src->out, href);
	if (r == -3)
		return 0; /* external, absolute, or leaving the site (resolve warns) */
	lpage *t = r >= 0 ? &ls->lp[r] : NULL;
	int exists = r != -2;
	int errors = 0;
	if (!exists) {
		report_broken(src, href, at, image, NULL, NULL);
		errors++;
	} else if (t) {
		/* generated lists and indexes link everything: only links from
		 * content pages make a page reachable */
		if (t != src && src->pg->kind != PAGE_GENERATED && src->pg->kind != PAGE_HOME)
			t->inbound++;
		/* a page whose YAML failed (reported) has no sections to check */
		if (hash && hash[1] && !image && !t->pg->broken) {
			int found = value_get(t->ids, hash + 1) != NULL;
			if (!found) {
				diag_suggest g = {hash + 1, NULL, 0};
				for (size_t k = 0; k < value_len(t->ids); k++)
					diag_suggest_try(&g, value_key_at(t->ids, k));
				const char *best = diag_suggest_best(&g);
				char *what = xasprintf(msg_tr("no element with id '%s' in %s"), hash + 1, t->out);
				char *hint = best ? xasprintf(msg_tr("did you mean '#%s'?"), best) : NULL;
				report_broken(src, href, at, 0, what,
					      hint ? hint : msg_tr("section ids come from {#id} at the end of a heading line"));
				free(what);
				free(hint);
				errors++;
			}
		}
	}
	return errors;
}

/* Checks every attr="..." (href or src) of page src. */
static int check_attr(lsite *ls, lpage *src, const char *attr)
{
	int errors = 0;
	size_t an = strlen(attr);
	for (const char *q = src->html; (q = find(q, attr)); q += an) {
		if (q > src->html && !isspace((unsigned char)q[-1]))
			continue;
		const char *v = q + an, *e = strchr(v, '"');
		if (!e)
			break;
		char *href = attr_decode(v, (size_t)(e - v), 1);
		errors += check_href(ls, src, q, href, attr[0] == 's');
		free(href);
	}
	return errors;
}

int check_links(struct site *s, const char *dir)
{
	lsite ls = {xcalloc(s->n_pages + 1, sizeof(lpage)), 0, dir, value_map(), value_map()};
	for (size_t i = 0; i < s->n_pages; i++)
		if (load_lpage(&ls.lp[ls.n], s->pages[i], dir)) {
			if (!value_get(ls.by_out, ls.lp[ls.n].out))
				value_set_num(ls.by_out, ls.lp[ls.n].out, (double)ls.n);
			ls.n++;
		}
	int errors = 0;
	for (size_t i = 0; i < ls.n; i++) {
		errors += check_attr(&ls, &ls.lp[i], "href=\"");
		errors += check_attr(&ls, &ls.lp[i], "src=\"");
	}
	/* a file whose YAML failed links nowhere: orphans only once all load */
	int any_broken = 0;
	for (size_t i = 0; i < s->n_pages; i++)
		any_broken |= s->pages[i]->broken;
	for (size_t i = 0; i < ls.n; i++) {
		page *p = ls.lp[i].pg;
		if (!ls.lp[i].inbound && !any_broken && p->kind != PAGE_GENERATED && p->kind != PAGE_HOME &&
		    !value_get(p->meta, "nav") && strcmp(p->out, "index.html"))
			diag(DIAG_WARNING, p->src ? pos_at(p->src, 1, 1) : pos_at(p->out, 0, 0),
			     "orphan page: no other page links to %s", p->out);
		value_free(ls.lp[i].ids);
		value_free(ls.lp[i].reported);
		free(ls.lp[i].html);
	}
	free(ls.lp);
	value_free(ls.by_out);
	value_free(ls.resolved);
	return errors;
}

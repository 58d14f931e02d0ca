/* validate.c: runs tidy-html5 over a rendered page and turns its messages
 * into our diagnostics. Warnings that only concern tidy's own pretty
 * printing (none for valid HTML5) are reported as warnings. */
#include "validate.h"
#include "diag.h"
#include "site.h"
#include "util.h"

#include <ctype.h>
#include <sys/stat.h>

#include <tidy.h>
#include <tidybuffio.h>
#include <stdlib.h>
#include <string.h>

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
	diag(err ? DIAG_ERROR : DIAG_WARNING,
	     pos_at(c->out, tidyGetMessageLine(m), tidyGetMessageColumn(m)),
	     "HTML: %s (template '%s'%s%s)", msg, c->tmpl,
	     c->src ? ", from " : "", c->src ? c->src : "");
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
	char **ids;
	size_t n_ids, cap_ids;
	int inbound;
} lpage;

static lpage *lp_find(lpage *lp, size_t n, const char *out)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(lp[i].out, out))
			return &lp[i];
	return NULL;
}

static int line_of(const char *html, const char *at)
{
	int l = 1;
	for (const char *p = html; p < at; p++)
		l += *p == '\n';
	return l;
}

int check_links(struct site *s, const char *dir)
{
	size_t n = 0;
	lpage *lp = xcalloc(s->n_pages + 1, sizeof *lp);
	for (size_t i = 0; i < s->n_pages; i++) {
		char *path = path_join(dir, s->pages[i]->out);
		size_t len;
		char *html;
		if (read_file(path, &html, &len)) {
			lp[n].out = s->pages[i]->out;
			lp[n].pg = s->pages[i];
			lp[n].html = html;
			/* ids */
			for (const char *q = html; (q = strstr(q, " id=\"")); q += 5) {
				const char *v = q + 5, *e = strchr(v, '"');
				if (!e)
					break;
				if (lp[n].n_ids == lp[n].cap_ids) {
					lp[n].cap_ids = lp[n].cap_ids ? lp[n].cap_ids * 2 : 32;
					lp[n].ids = xrealloc(lp[n].ids, lp[n].cap_ids * sizeof(char *));
				}
				lp[n].ids[lp[n].n_ids++] = attr_decode(v, (size_t)(e - v), 0);
			}
			n++;
		}
		free(path);
	}
	int errors = 0;
	for (size_t i = 0; i < n; i++) {
		lpage *src = &lp[i];
		for (const char *q = src->html; (q = strstr(q, "href=\"")); q += 6) {
			const char *v = q + 6, *e = strchr(v, '"');
			if (!e)
				break;
			char *href = attr_decode(v, (size_t)(e - v), 1);
			const char *hash = strchr(href, '#');
			char *target = NULL;
			const char *tpage = src->out;
			if (href[0] == '#')
				tpage = src->out;
			else {
				target = path_resolve(src->out, href);
				tpage = target;
			}
			if (tpage) {
				lpage *t = lp_find(lp, n, tpage);
				char *fpath = path_join(dir, tpage);
				struct stat st;
				int exists = t || (stat(fpath, &st) == 0 && S_ISREG(st.st_mode));
				free(fpath);
				if (!exists) {
					diag(DIAG_ERROR, pos_at(src->out, line_of(src->html, q), 0),
					     "broken link '%s' (template '%s'%s%s)", href, src->pg->tmpl,
					     src->pg->src ? ", from " : "", src->pg->src ? src->pg->src : "");
					errors++;
				} else if (t) {
					/* generated lists and indexes link everything: only
					 * links from content pages make a page reachable */
					if (t != src && src->pg->kind != PAGE_GENERATED && src->pg->kind != PAGE_HOME)
						t->inbound++;
					if (hash && hash[1]) {
						int found = 0;
						for (size_t k = 0; k < t->n_ids && !found; k++)
							found = !strcmp(t->ids[k], hash + 1);
						if (!found) {
							diag(DIAG_ERROR, pos_at(src->out, line_of(src->html, q), 0),
							     "link '%s': no element with id '%s' in %s (template '%s'%s%s)",
							     href, hash + 1, t->out, src->pg->tmpl,
							     src->pg->src ? ", from " : "", src->pg->src ? src->pg->src : "");
							errors++;
						}
					}
				}
			}
			free(target);
			free(href);
		}
	}
	for (size_t i = 0; i < n; i++) {
		page *p = lp[i].pg;
		if (!lp[i].inbound && p->kind != PAGE_GENERATED && p->kind != PAGE_HOME &&
		    !value_get(p->meta, "nav") && strcmp(p->out, "index.html"))
			diag(DIAG_WARNING, p->src ? pos_at(p->src, 1, 1) : pos_at(p->out, 0, 0),
			     "orphan page: no other page links to %s", p->out);
		for (size_t k = 0; k < lp[i].n_ids; k++)
			free(lp[i].ids[k]);
		free(lp[i].ids);
		free(lp[i].html);
	}
	free(lp);
	return errors;
}

/* publish.c: part of stage 5 (render), run over the final page list
 * (hooks' pages included): a description for every page, sitemap.xml and
 * robots.txt. */
#include "publish.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

#define DESC_CHARS 120

/* The first DESC_CHARS characters of text, cut at a character boundary,
 * with "…" when cut. Caller frees. */
static char *shorten(const char *text)
{
	while (*text == ' ')
		text++;
	size_t i = 0, chars = 0;
	while (text[i] && chars < DESC_CHARS) {
		i++;
		while (((unsigned char)text[i] & 0xc0) == 0x80)
			i++;
		chars++;
	}
	char *s = xstrndup(text, i);
	size_t n = strlen(s);
	while (n && s[n - 1] == ' ')
		s[--n] = 0;
	if (text[i]) {
		char *t = xasprintf("%s…", s);
		free(s);
		return t;
	}
	return s;
}


/* The start of html's text: enough for shorten() to cut DESC_CHARS
 * characters (at most 4 bytes each) and see whether more follows. */
static char *text_start(const char *html)
{
	buf b = {0};
	html_to_text_max(html ? html : "", &b, 4 * (DESC_CHARS + 1));
	return buf_detach(&b);
}

/* A page's description: its description field, else the summary that fits
 * its kind, else the start of its text. */
static char *describe(page *p)
{
	value *d = p->data;
	const char *keys[] = {"description", "summary_manager", "summary", "intro", "body"};
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
		const char *v = value_get_cstr(d, keys[i]);
		if (!v || !*v)
			continue;
		char *t = i >= 3 ? text_start(v) : xstrdup(v);
		if (*t) {
			char *s = shorten(t);
			free(t);
			return s;
		}
		free(t);
	}
	value *secs = value_get(d, "sections");
	if (value_len(secs)) {
		char *t = text_start(value_get_cstr(value_at(secs, 0), "html"));
		char *s = shorten(t);
		free(t);
		return s;
	}
	return NULL;
}

/* Every page has a description: the home page the site's, a page with
 * nothing to summarise (a generated list, a comparison, a checklist) its
 * title followed by the site's description. */
static char *describe_default(site *s, page *p)
{
	const char *site_desc = s->cfg.description;
	const char *title = value_get_cstr(p->data, "title");
	if (p->kind == PAGE_HOME || !title || !*title)
		return site_desc && *site_desc ? shorten(site_desc) : NULL;
	if (!site_desc || !*site_desc)
		return xstrdup(title);
	char *t = xasprintf("%s%s%s", title, site_ui(s, "description_sep", " - "), site_desc);
	char *d = shorten(t);
	free(t);
	return d;
}

static void put_xml(buf *b, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': buf_puts(b, "&amp;"); break;
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		case '"': buf_puts(b, "&quot;"); break;
		case '\'': buf_puts(b, "&apos;"); break;
		default: buf_putc(b, *s);
		}
	}
}

/* A URL path with each byte outside the unreserved set percent-encoded
 * ('/' and '#' kept), for sitemap locations. */
static void put_url_path(buf *b, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    strchr("-._~/", *p))
			buf_putc(b, (char)*p);
		else
			buf_printf(b, "%%%02X", *p);
	}
}

/* Page i's meta description (on any thread: it reads the site and writes
 * only the page's own data). */
static void describe_page(size_t i, void *ud)
{
	site *s = ud;
	page *p = s->pages[i];
	if (!p->data || value_get(p->data, "meta_description") || !str_ends_with(p->out, ".html"))
		return;
	char *desc = describe(p);
	if (!desc)
		desc = describe_default(s, p);
	if (desc)
		value_set(p->data, "meta_description", value_str_take(desc));
}

void publish_prepare(site *s, int threads)
{
	/* room for the key first, here: growing a map made on another thread
	 * would free its old arrays into that thread's malloc arena, which
	 * both threads then queue on (3x slower than one thread) */
	for (size_t i = 0; i < s->n_pages; i++)
		if (s->pages[i]->data)
			value_map_reserve(s->pages[i]->data, value_len(s->pages[i]->data) + 1);
	par_for(s->n_pages, threads, describe_page, s);
	if (!s->files)
		s->files = value_map();
	buf robots = {0};
	buf_puts(&robots, "User-agent: *\nAllow: /\n");
	if (*s->base_url) {
		buf sm = {0};
		buf_puts(&sm, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
			      "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
		for (size_t i = 0; i < s->n_pages; i++) {
			page *p = s->pages[i];
			if (!strcmp(p->out, "404.html") || !str_ends_with(p->out, ".html"))
				continue;
			buf loc = {0};
			buf_puts(&loc, s->base_url);
			put_url_path(&loc, p->out);
			buf_puts(&sm, "  <url><loc>");
			put_xml(&sm, buf_cstr(&loc));
			buf_puts(&sm, "</loc>");
			const char *lm = value_get_cstr(p->data, "updated");
			if (lm) {
				buf_puts(&sm, "<lastmod>");
				put_xml(&sm, lm);
				buf_puts(&sm, "</lastmod>");
			}
			buf_puts(&sm, "</url>\n");
			buf_free(&loc);
		}
		buf_puts(&sm, "</urlset>\n");
		value_set(s->files, "sitemap.xml", value_str_take(buf_detach(&sm)));
		buf_printf(&robots, "Sitemap: %ssitemap.xml\n", s->base_url);
	}
	value_set(s->files, "robots.txt", value_str_take(buf_detach(&robots)));
}

/* markdown.h: Markdown bodies to HTML with cmark-gfm (table, strikethrough,
 * autolink, tagfilter, tasklist), heading ids from {#id ...} or a slug, link
 * URLs rewritten by the caller (resolve.c), and raw HTML dropped unless
 * allowed. */
#ifndef SHIRUBE_MARKDOWN_H
#define SHIRUBE_MARKDOWN_H

#include <stddef.h>

enum {
	MD_ALLOW_HTML = 1 << 0, /* keep raw HTML (config allow_raw_html) */
};

/* Lists and block quotes nested deeper than this are content errors (the
 * caller reports md_doc.deep_line): no document needs them, and browsers
 * flatten HTML nested more than 512 levels anyway. */
#define MD_MAX_NESTING 100

/* Bounds on the work of one body (docs/security.md): headings cost about
 * 2 KB each down the pipeline (sections, search records), so a 16 MiB file
 * of 3 million "#" lines would need gigabytes; cmark-gfm's own memory is
 * counted and capped too (a body of millions of one-word list items). */
#define MD_MAX_HEADINGS 200000
#define MD_MAX_MEMORY ((size_t)512 << 20)

enum { MD_LIMIT_HEADINGS = 1, MD_LIMIT_MEMORY = 2 };

typedef struct md_heading {
	int level;
	int line, col;  /* position of the heading in the source file */
	char *id;       /* explicit {#id} or slug, unique within the document */
	int explicit_id;
	char *text;     /* plain text of the heading */
	char *topics;   /* raw value of topics=..., or NULL */
	int topics_col; /* column of "topics=" on the heading line */
	size_t html_off; /* byte offset of "<hN" in md_doc.html */
	int dup_line;    /* explicit id already used on this line (0 = unique);
	                    the id was made unique with a -N suffix */
} md_heading;

typedef struct md_link {
	char *href;     /* as published: after md_autolink.rewrite (or, without
			   one, .md -> .html rewriting) */
	char *written;  /* as written in the source */
	int line, col;
	int image;      /* an image (![alt](src)), not a link */
} md_link;

typedef struct md_doc {
	char *html;
	md_heading *h;
	size_t n_h;
	md_link *links;
	size_t n_links;
	int deep_line, deep_col; /* where nesting first exceeds MD_MAX_NESTING, or 0 */
	int limit;               /* MD_LIMIT_*: the body was not rendered (html is "") */
	int limit_line, limit_col; /* where: the heading past MD_MAX_HEADINGS, or
	                              the part being parsed when memory ran out */
} md_doc;

struct autolinker;

/* Topic auto-linking: the first match of a pattern in each section (never
 * in headings, code, links or raw HTML) becomes a link to
 * root + urls[id]; matches of id `self` are left alone. */
typedef struct md_autolink {
	const struct autolinker *al;
	const char *const *urls; /* by pattern id, relative to the site root */
	const char *root;        /* from this page to the site root, "../" */
	int self;                /* -1 for none */
	/* When set, every link and image URL goes through rewrite: it returns
	 * the URL to publish (caller frees) or NULL to keep the one written.
	 * It may run on any of par_for's threads: no diagnostics there. */
	char *(*rewrite)(void *ud, const char *url, int image);
	void *rewrite_ud;
} md_autolink;

/* Renders text (the body that starts on source line 1 + line_offset) into
 * *out, which the caller releases with md_doc_free. `links` may be NULL
 * (then links to .md files are rewritten to .html textually).
 * Returns 1, or 0 when a bound was passed (see md_render_capped). */
int md_render(const char *text, size_t len, int line_offset, int flags,
	      const md_autolink *links, md_doc *out);
/* md_render with cmark-gfm's memory capped at max_bytes (md_render:
 * MD_MAX_MEMORY). Returns 0, with out->limit set and empty HTML, when the
 * body has more than MD_MAX_HEADINGS headings or needs more memory. */
int md_render_capped(const char *text, size_t len, int line_offset, int flags,
		     const md_autolink *links, size_t max_bytes, md_doc *out);
void md_doc_free(md_doc *d);
/* A deep copy of src into *dst (release with md_doc_free). */
void md_doc_copy(md_doc *dst, const md_doc *src);

/* Whether bodies may be rendered on several threads at once: cmark-gfm's
 * global table of special characters is then left alone (markdown.c).
 * 0 when the library's calls bypass the program's definition. */
int md_threads_ok(void);

/* A stable id from heading text: NFKC + case folding, letters and digits of
 * any script kept, everything else collapsed to '-'. Never empty ("section"
 * when nothing is left). Caller frees. */
char *md_slug(const char *text);

/* Is id usable as an explicit id: not empty, no spaces, quotes, <, >, &,
 * # or / (any other character, of any script, is fine)? */
int md_valid_id(const char *id);

#endif

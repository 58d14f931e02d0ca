/* site.h: the site model shared by the pipeline stages
 * (load -> resolve -> render -> write). Pages carry their data as value
 * trees so templates, hooks and JSON output see the same thing. */
#ifndef SHIRUBE_SITE_H
#define SHIRUBE_SITE_H

#include "markdown.h"
#include "value.h"

/* Largest input file accepted (documented in README). */
#define SITE_MAX_FILE_BYTES (16u * 1024u * 1024u)

typedef enum {
	PAGE_PLAIN,     /* any Markdown file */
	PAGE_PAGE,      /* content/pages/ID.md */
	PAGE_GUIDELINE, /* content/guidelines/ID.md */
	PAGE_TOPIC,     /* content/topics/ID.md */
	PAGE_PERSONA,   /* personas/ID.yaml */
	PAGE_JOURNEY,   /* journeys/ID.yaml */
	PAGE_HOME,      /* generated home page */
	PAGE_GENERATED  /* other generated pages (matrix, ...) */
} page_kind;

typedef struct page {
	page_kind kind;
	char *id;         /* content id, or the path without extension */
	const char *src;  /* source file (interned), NULL when generated */
	char *out;        /* output path relative to the site root */
	char *tmpl;       /* template name */
	value *meta;      /* front matter / YAML document (owned) */
	char *body_src;   /* Markdown body until resolve renders it (owned) */
	size_t body_len;
	md_doc md;        /* rendered Markdown body */
	int body_line;    /* source line where the body starts */
	value *data;      /* the page's template data, built by resolve */
} page;

typedef struct site {
	value *config;
	const char *config_path; /* NULL when no config file */
	char *project_dir;
	char *content_dir;
	char *personas_dir;
	char *journeys_dir;
	char *theme_dir;
	char *out_dir;
	char *base_url;   /* "" when unset, else ends with '/' */
	int allow_html;
	int plain_only;   /* no guidelines/topics/personas: a plain Markdown tree */
	int validate;     /* check: validate every page with tidy-html5 */
	int serve;        /* serve: keep caches between rebuilds (one process) */
	int recycled;     /* serve: rendered over the previous output tree */
	page **pages;
	size_t n_pages, cap_pages;
	char **assets;    /* non-Markdown files under content/, relative paths */
	size_t n_assets, cap_assets;
	value *i18n;      /* UI strings of the site language */
	value *relations; /* content/relations.yaml (list) or NULL */
	value *files;     /* extra output files: map of path -> string */
	value *start_check; /* content/start-check.yaml (map) or NULL */
	const char *relations_path;
	struct hooks *hooks; /* the Lua hooks' states (hooks.h), or NULL */
} site;

site *site_new(void);
void site_free(site *s);
page *site_add_page(site *s, page_kind kind, const char *id, const char *src, const char *out);
/* Adds a generated page with its own empty data {title, url}. */
page *site_add_generated(site *s, const char *out, const char *tmpl, const char *title);
/* The page of a kind with id, or NULL. */
page *site_find(site *s, page_kind kind, const char *id);
/* A guideline, topic or page with id (the reference namespace), or NULL. */
page *site_find_ref(site *s, const char *id);
/* Is id a valid content id: lowercase ASCII letters, digits and '-', not
 * starting with '-'? (file names, step, stage and question ids) */
int site_valid_id(const char *id);

/* Stage 1: reads config, content, personas, journeys, theme strings.
 * Reports problems with diag(); returns 1 if loading could go on. */
int load_site(site *s);
/* Part of stage 1, exposed for the fuzz harness: splits a Markdown file's
 * text[0..len) (NUL-terminated, UTF-8 without NUL bytes, as load reads it)
 * into "---\n yaml \n---\n" front matter and body. Returns the front
 * matter (a new map, empty when there is none) and sets *body (pointing
 * into text) and *body_line; NULL after reporting an error with diag(). */
value *split_front_matter(const char *path, const char *text, size_t len,
			  const char **body, int *body_line);
/* Stage 2: checks references and builds each page's data. */
int resolve_site(site *s);
/* Title of a page: title, name, its first heading, or its id. */
const char *site_page_title(page *p);
/* A new map {title, url}. */
value *site_link(const char *title, const char *url);
/* Part of stage 2: relations on sections, backlinks, journeys per
 * guideline and topic, and the generated pages (coverage matrix,
 * comparisons, lists, home). */
void crosslink_site(site *s);
/* Notes, for `check`, every guideline that still has unreviewed topics. */
void report_unreviewed(site *s);

/* Stage 4+6: renders every page with the theme into dir. Returns 1/0. */
int render_site(site *s, const char *dir, int *pages_written);

#endif

/* site.h: the site model that flows through the pipeline stages
 * (load -> resolve -> generate -> hooks -> render -> index -> write; see
 * docs/design.md). site.c owns it: pages, their lookups by id and by
 * output path, the site's typed config. Pages carry their template data as
 * value trees so templates, hooks and JSON output see the same thing. */
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
#define PAGE_KINDS 8

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
	size_t seq;       /* position in site.pages */
	int broken;       /* its YAML failed (reported): kept so references to it
			     resolve, skipped by resolve's field checks */
} page;

/* shirube.yaml, read and checked once by load (config.c); every stage
 * reads these fields, none reads the YAML again. Strings are owned by
 * site.config (the YAML tree) or NULL when unset. */
typedef struct site_config {
	const char *title;       /* site name */
	const char *description; /* one sentence for the home page */
	const char *lang;        /* UI language: "ja" unless set */
	const char *theme;       /* theme directory as written, NULL: default */
	int allow_raw_html;      /* keep raw HTML in Markdown (default 0) */
	int autolink;            /* link topic mentions (default 1) */
	int search;              /* write the search index and page (default 1) */
	int git_history;         /* dates and changes from git (default 1) */
	int require_evidence;    /* a reviewed coverage cell without where+checked is an error (default 0) */
} site_config;

typedef struct site {
	value *config;           /* the config file's YAML map (hooks see it) */
	site_config cfg;         /* the same, typed and checked */
	const char *config_path; /* NULL when no config file */
	char *project_dir;
	char *content_dir;
	char *personas_dir;
	char *journeys_dir;
	char *theme_dir;
	char *base_url;   /* "" when unset, else ends with '/' */
	int plain_only;   /* no guidelines/topics/personas: a plain Markdown tree */
	int show_drafts;  /* serve: pages with draft: true are kept (marked), else left out */
	page **pages;
	size_t n_pages, cap_pages;
	char **assets;    /* non-Markdown files under content/, relative paths */
	size_t n_assets, cap_assets;
	value *i18n;      /* UI strings of the site language */
	value *relations; /* content/relations.yaml (list) or NULL */
	value *files;     /* extra output files: map of path -> string */
	value *start_check; /* content/start-check.yaml (map) or NULL */
	const char *relations_path;
	struct site_index *index; /* lookups by id and output path (site.c) */
} site;

site *site_new(void);
/* Frees the site and every page. The caller frees what points into it
 * first (the Lua hooks' states). site_free(NULL) does nothing. */
void site_free(site *s);
/* Adds a page (id and out copied, src interned) and returns it. */
page *site_add_page(site *s, page_kind kind, const char *id, const char *src, const char *out);
/* Adds a generated page of kind (PAGE_HOME or PAGE_GENERATED) with its own
 * empty meta and data {title, url}. */
page *site_add_generated(site *s, page_kind kind, const char *out, const char *tmpl, const char *title);
/* The first page of a kind with id, or NULL. */
page *site_find(const site *s, page_kind kind, const char *id);
/* A guideline, topic or page with id (the reference namespace), or NULL. */
page *site_find_ref(const site *s, const char *id);
/* The first page written to the site path out, or NULL. */
page *site_find_out(const site *s, const char *out);
/* Every output path has one owner. Returns a new table of the output
 * paths of the pages, the content's other files and site.files, with
 * "search" (the index's directory) reserved when reserve_search is set;
 * reports each path that a second source would write as an error naming
 * both, at a source file when one of them has one. The table borrows the
 * paths from s: free it before the pages, assets or files change. */
typedef struct site_owners site_owners;
site_owners *site_outputs(const site *s, int reserve_search);
/* Who writes out: 0 when nobody; else 1 with *owner set to a description
 * for messages (caller frees) and *file to its source (caller frees; NULL
 * when generated). */
int site_output_owner(const site_owners *o, const char *out, char **owner, char **file);
void site_owners_free(site_owners *o);
/* Reports that owner_pos (a file, or NULL for a generated one, described
 * by owner) would write out, which first already writes. */
void site_output_clash(const char *out, const char *first, srcpos owner_pos, const char *owner);
/* Is id a valid content id: lowercase ASCII letters, digits and '-', not
 * starting with '-'? (file names, step, stage and question ids) */
int site_valid_id(const char *id);
/* Title of a page: title, name, its first heading, or its id. */
const char *site_page_title(const page *p);
/* A new map {title, url}. */
value *site_link(const char *title, const char *url);
/* The UI string key of the site language, or fallback. */
const char *site_ui(const site *s, const char *key, const char *fallback);

/* Typed reads of page data that one stage writes and another reads (the
 * keys are listed in docs/templates.md); each asserts the type. */
/* guideline.short_title, or the page title when unset. */
const char *page_short_title(const page *g);
/* guideline/page .sections: [{id, title, level, html | start, end, topics}] */
value *page_sections(const page *p);
/* topic.cells: one coverage cell per guideline, in page order. */
value *topic_cells(const page *t);

#endif

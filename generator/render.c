/* render.c: stage 5. Renders every page through the theme's Mustache
 * templates into the build's directory (on every core), writes the files
 * generate and publish made (site.files), and copies theme and content
 * assets. Reads page.data and the hooks' template helpers; the directory
 * and its swap belong to write.c. */
#include "render.h"
#include "diag.h"
#include "messages.h"
#include "hooks.h"
#include "mustache.h"
#include "util.h"
#include "validate.h"
#include "publish.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct loader_ctx {
	site *s;
} loader_ctx;

/* Why the theme entry path may not be copied or read (reported), or 0
 * when it may: a symbolic link must lead inside the theme. */
static int theme_link_bad(const char *path, const char *theme)
{
	struct stat st;
	if (lstat(path, &st) != 0 || !S_ISLNK(st.st_mode))
		return 0;
	int lc = link_check(path, theme, NULL);
	if (lc == LINK_OK)
		return 0;
	diag(DIAG_ERROR, pos_at(path, 0, 0), lc == LINK_BROKEN ? "broken symbolic link" :
	     lc == LINK_LOOP ? "symbolic link loops back on itself" : "symbolic link points outside the theme");
	diag_hint(lc == LINK_OUTSIDE ? "copy the file into the theme instead of linking to it" : "remove the link or point it at a file of the theme");
	return 1;
}

/* Built-in templates, used when the theme has no file of that name: the
 * Atom feed of the changes page (page data: generate.c's add_changes). */
static const char FEED_TEMPLATE[] =
	"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	"<feed xmlns=\"http://www.w3.org/2005/Atom\"{{#site.base_url}} xml:base=\"{{site.base_url}}\"{{/site.base_url}}>\n"
	"<title>{{site.title}} — {{page.title}}</title>\n"
	"<id>{{page.feed_id}}feed.xml</id>\n"
	"<link rel=\"self\" href=\"feed.xml\"/>\n"
	"<link href=\"changes.html\"/>\n"
	"<updated>{{page.updated}}</updated>\n"
	"<author><name>{{site.title}}</name></author>\n"
	"{{#page.versions}}<entry><title>{{title}}: {{old_version}} → {{new_version}}</title>"
	"<link href=\"{{url}}\"/><id>urn:shirube:version:{{url}}:{{new_version}}</id>"
	"<updated>{{iso}}</updated></entry>\n"
	"{{/page.versions}}{{#page.commits}}<entry><title>{{summary}}</title><link href=\"changes.html\"/>"
	"<id>urn:shirube:commit:{{commit}}</id><updated>{{iso}}</updated>"
	"<content type=\"text\">{{page_titles}}</content></entry>\n"
	"{{/page.commits}}</feed>\n";

static const struct {
	const char *name, *text;
} BUILTIN_TEMPLATES[] = {{"feed", FEED_TEMPLATE}};

/* Templates live in THEME/templates/NAME.mustache; names are plain, and a
 * file must stay inside the theme (links included). */
static int theme_loader(void *ud, const char *name, char **text, char **path)
{
	loader_ctx *lc = ud;
	for (const char *p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		      *p == '-' || *p == '_'))
			return 0;
	char *file = xasprintf("%s/templates/%s.mustache", lc->s->theme_dir, name);
	size_t len;
	struct stat st;
	if (lstat(file, &st) != 0) {
		free(file);
		for (size_t i = 0; i < sizeof BUILTIN_TEMPLATES / sizeof *BUILTIN_TEMPLATES; i++)
			if (!strcmp(name, BUILTIN_TEMPLATES[i].name)) {
				*text = xstrdup(BUILTIN_TEMPLATES[i].text);
				*path = (char *)intern_path("(built-in feed template)");
				return 1;
			}
		return 0;
	}
	/* the file, and templates/ on the way to it, must be the theme's */
	if (theme_link_bad(file, lc->s->theme_dir)) {
		free(file);
		return 0;
	}
	if (!path_inside(file, lc->s->theme_dir)) {
		char *tdir = path_join(lc->s->theme_dir, "templates");
		diag(DIAG_ERROR, pos_at(tdir, 0, 0), "symbolic link points outside the theme");
		diag_hint("copy the templates into the theme instead of linking to them");
		free(tdir);
		free(file);
		return 0;
	}
	if (!read_file(file, text, &len)) {
		free(file);
		return 0;
	}
	*path = (char *)intern_path(file);
	free(file);
	return 1;
}

static int copy_file(build_ctx *b, const char *from, const char *to)
{
	char *data;
	size_t len;
	if (!read_file(from, &data, &len))
		return 0;
	int ok = write_file_logged(b->log, to, data, len);
	free(data);
	return ok;
}

/* The directories of a theme copy that are open on the way down (by
 * device and inode), so a link cannot make the copy loop. */
typedef struct copy_walk {
	build_ctx *b;
	const char *root;
	const site_owners *owners; /* who else writes each path */
	const char *out; /* the build's directory, to tell a file's site path */
	dev_t dev[34];
	ino_t ino[34];
	int n;
} copy_walk;

/* Whether another source already writes the theme file a's site path
 * (reported where it can be fixed: a content file would replace the
 * theme's script, say). */
static int theme_file_taken(copy_walk *w, const char *a, const char *to)
{
	const char *rel = to + strlen(w->out) + 1;
	char *owner, *ff;
	if (!site_output_owner(w->owners, rel, &owner, &ff))
		return 0;
	char cwd[PATH_MAX];
	const char *shown = diag_path(a, cwd, sizeof cwd);
	if (ff)
		site_output_clash(rel, shown, pos_at(ff, 1, 1), owner);
	else
		site_output_clash(rel, owner, pos_at(a, 1, 1), shown);
	free(owner);
	free(ff);
	return 1;
}

/* Copies the directory from to to; a symbolic link must lead to a place
 * inside the theme, and never back to a directory being copied. */
static int copy_tree(copy_walk *w, const char *from, const char *to)
{
	struct stat ds;
	if (stat(from, &ds) != 0)
		return 0;
	for (int i = 0; i < w->n; i++)
		if (w->dev[i] == ds.st_dev && w->ino[i] == ds.st_ino) {
			diag(DIAG_ERROR, pos_at(from, 0, 0), "symbolic link leads back to a directory that holds it: a loop");
			diag_hint("remove the link; a directory cannot contain itself");
			return 0;
		}
	if (w->n >= 33) {
		diag(DIAG_ERROR, pos_at(from, 0, 0), "directories nested too deeply");
		return 0;
	}
	size_t n_names;
	char **names;
	if (!dir_names(from, &names, &n_names)) /* sorted: messages come in one order */
		return 0;
	w->dev[w->n] = ds.st_dev;
	w->ino[w->n++] = ds.st_ino;
	int ok = 1;
	for (size_t k = 0; k < n_names; k++) {
		char *a = path_join(from, names[k]);
		char *to_sub = path_join(to, names[k]);
		struct stat st;
		if (theme_link_bad(a, w->root))
			ok = 0;
		else if (stat(a, &st) == 0 && S_ISDIR(st.st_mode))
			ok &= copy_tree(w, a, to_sub);
		else if (stat(a, &st) != 0 || !S_ISREG(st.st_mode)) {
			diag(DIAG_ERROR, pos_at(a, 0, 0), "not a regular file or directory");
			ok = 0;
		} else if (theme_file_taken(w, a, to_sub))
			ok = 0;
		else if (!copy_file(w->b, a, to_sub)) {
			diag(DIAG_ERROR, pos_at(a, 0, 0), "cannot copy: %s", strerror(errno));
			ok = 0;
		}
		free(a);
		free(to_sub);
		free(names[k]);
	}
	free(names);
	w->n--;
	return ok;
}

static int cmp_nav(const void *a, const void *b)
{
	const value *x = *(value *const *)a, *y = *(value *const *)b;
	double nx = value_get(x, "order")->u.n, ny = value_get(y, "order")->u.n;
	if (nx != ny)
		return nx < ny ? -1 : 1;
	return strcmp(value_get_cstr(x, "url"), value_get_cstr(y, "url"));
}

/* Guidelines in reader order: `priority` from the front matter (lower
 * first; a guideline without one comes after those with one), then the
 * `reading` (or title), then the id. */
static double page_priority(const page *p)
{
	const value *v = value_get(p->meta, "priority");
	return v && v->type == V_NUM ? v->u.n : 1e9;
}

static const char *page_reading(const page *p)
{
	const char *r = value_get_cstr(p->meta, "reading");
	return r ? r : site_page_title(p);
}

static int cmp_guideline_order(const void *a, const void *b)
{
	const page *x = *(page *const *)a, *y = *(page *const *)b;
	double px = page_priority(x), py = page_priority(y);
	if (px != py)
		return px < py ? -1 : 1;
	int c = strcmp(page_reading(x), page_reading(y));
	return c ? c : strcmp(x->id, y->id);
}

/* Topics in 五十音 order of their `reading` (hiragana; code point order
 * is the gojūon order for plain kana), then the id. */
static int cmp_topic_order(const void *a, const void *b)
{
	const page *x = *(page *const *)a, *y = *(page *const *)b;
	int c = strcmp(page_reading(x), page_reading(y));
	return c ? c : strcmp(x->id, y->id);
}

/* Site-wide data shared by every page: title, nav and the lists. */
static value *site_data(site *s)
{
	value *d = value_map();
	value_set_str(d, "title", s->cfg.title ? s->cfg.title : "shirube");
	value_set_str(d, "description", s->cfg.description ? s->cfg.description : "");
	value_set_str(d, "lang", s->cfg.lang ? s->cfg.lang : "ja");
	value_set_str(d, "base_url", s->base_url);
	value_set_bool(d, "search", s->cfg.search);
	/* the legend of the 未確認 / 推定 marks: the page with id "uncertainty" */
	page *legend = site_find(s, PAGE_PAGE, "uncertainty");
	if (legend)
		value_set_str(d, "legend_url", legend->out);
	value *lists[5];
	const char *names[] = {"guidelines", "topics", "personas", "journeys", "pages"};
	page_kind kinds[] = {PAGE_GUIDELINE, PAGE_TOPIC, PAGE_PERSONA, PAGE_JOURNEY, PAGE_PAGE};
	page **sorted = xcalloc(s->n_pages + 1, sizeof(page *));
	for (int k = 0; k < 5; k++) {
		lists[k] = value_list();
		size_t n = 0;
		for (size_t i = 0; i < s->n_pages; i++)
			if (s->pages[i]->kind == kinds[k] && s->pages[i]->data)
				sorted[n++] = s->pages[i];
		/* reader order (docs/content-format.md, "Order of the lists") */
		if (k == 0)
			qsort(sorted, n, sizeof *sorted, cmp_guideline_order);
		else if (k == 1)
			qsort(sorted, n, sizeof *sorted, cmp_topic_order);
		for (size_t i = 0; i < n; i++)
			value_push(lists[k], value_ref(sorted[i]->data));
		value_set(d, names[k], lists[k]);
	}
	free(sorted);
	/* navigation: the sections that exist, then pages with nav: N */
	value *nav = value_list();
	/* each fixed entry is there when the site has min pages of its kind
	 * (and, for the matrix and the comparisons, guidelines at all) */
	struct {
		const char *key, *url;
		int list; /* index into lists: 0 guidelines, 1 topics, 2 personas */
		size_t min;
		int needs_guidelines;
		double order;
	} fixed[] = {
		{"nav_personas", "index.html#personas", 2, 1, 0, 1},
		{"nav_guidelines", "guidelines/index.html", 0, 1, 0, 2},
		{"nav_topics", "topics/index.html", 1, 1, 0, 3},
		{"nav_matrix", "coverage.html", 1, 1, 1, 4},
		{"nav_compare", "compare/index.html", 0, 2, 1, 5},
	};
	value *items = value_list();
	for (size_t k = 0; k < sizeof fixed / sizeof *fixed; k++) {
		if (value_len(lists[fixed[k].list]) < fixed[k].min ||
		    (fixed[k].needs_guidelines && !value_len(lists[0])))
			continue;
		value *m = value_map();
		const char *t = value_get_cstr(s->i18n, fixed[k].key);
		value_set_str(m, "title", t ? t : fixed[k].key);
		value_set_str(m, "url", fixed[k].url);
		value_set_num(m, "order", fixed[k].order);
		value_push(items, m);
	}
	for (size_t i = 0; i < s->n_pages; i++) {
		page *p = s->pages[i];
		value *n = value_get(p->meta, "nav");
		if (!n)
			continue;
		if (n->type != V_NUM) {
			diag(DIAG_ERROR, n->pos, "'nav' must be a number (the position in the navigation)");
			continue;
		}
		value *m = value_map();
		value_set_str(m, "title", value_get_cstr(p->data, "title"));
		value_set_str(m, "url", p->out);
		value_set_num(m, "order", 10 + n->u.n);
		value_push(items, m);
	}
	if (value_len(items) > 1)
		qsort(items->u.list.items, items->u.list.n, sizeof(value *), cmp_nav);
	for (size_t i = 0; i < value_len(items); i++)
		value_push(nav, value_ref(value_at(items, i)));
	value_free(items);
	value_set(d, "nav", nav);
	return d;
}

/* Reports a template error "path:line:col: message" (mustache.h) as a
 * diagnostic at that place, once however many pages hit it. */
static void template_error(value *reported, const char *err, const char *page_out)
{
	if (value_get(reported, err))
		return;
	value_set_bool(reported, err, 1);
	/* the message follows the first ":LINE:COL: " */
	for (const char *c = strchr(err, ':'); c; c = strchr(c + 1, ':')) {
		int line, col, n = 0;
		if (sscanf(c, ":%d:%d: %n", &line, &col, &n) == 2 && n > 0) {
			char *file = xstrndup(err, (size_t)(c - err));
			/* msg: mustache.c's message, translated there */
			diag(DIAG_ERROR, pos_at(file, line, col), "%s", c + n);
			diag_hint("while rendering %s", page_out);
			free(file);
			return;
		}
	}
	diag(DIAG_ERROR, pos_at(NULL, 0, 0), "%s (rendering %s)", err, page_out);
}

/* One page to render: filled in by the main thread, done by a worker. */
typedef struct rjob {
	mus_template *t; /* NULL: no template (reported), nothing to write */
	char *err;       /* template error (malloc'd) */
	int write_errno;
} rjob;

typedef struct rshared {
	site *s;
	build_ctx *b;
	mus_env *env;
	value *sd; /* site_data */
	const char *dir;
	rjob *jobs;
} rshared;

/* Whether a page is HTML (tidy-checked, counted, in the sitemap), not a
 * data file made by a template such as feed.xml. */
static int page_is_html(const page *p)
{
	return str_ends_with(p->out, ".html");
}

/* Renders, validates (check runs single-threaded) and writes page i. */
/* The template context of page p: {site, t, page, root, helpers, source}.
 * Made and freed on the thread that renders the page: the shared values
 * (site, t, page, helpers) are lent without a reference, because
 * reference counts are not atomic; page_context_free hands them back. */
static const char *const lent[] = {"site", "t", "page", "helpers"};

static value *page_context(site *s, build_ctx *b, value *sd, page *p)
{
	value *ctx = value_map();
	value_set(ctx, "site", sd);
	value_set(ctx, "t", s->i18n);
	value_set(ctx, "page", p->data);
	/* the 404 page is served at any path: absolute links when it can */
	if (!strcmp(p->out, "404.html") && *s->base_url)
		value_set_str(ctx, "root", s->base_url);
	else
		value_set(ctx, "root", value_str_take(path_to_root(p->out)));
	if (hooks_helpers(b->hooks)) /* {{#helpers.NAME}}...{{/helpers.NAME}} */
		value_set(ctx, "helpers", hooks_helpers(b->hooks));
	if (p->src)
		value_set_str(ctx, "source", p->src);
	return ctx;
}

static void page_context_free(value *ctx)
{
	for (size_t k = 0; k < sizeof lent / sizeof *lent; k++)
		value_take(ctx, lent[k]);
	value_free(ctx);
}

static void render_page(size_t i, void *ud)
{
	rshared *sh = ud;
	rjob *j = &sh->jobs[i];
	page *p = sh->s->pages[i];
	if (!j->t)
		return;
	buf out = {0};
	value *ctx = page_context(sh->s, sh->b, sh->sd, p);
	int rendered = mus_render(sh->env, j->t, ctx, &out, &j->err);
	page_context_free(ctx);
	if (!rendered) {
		if (!j->err)
			j->err = xstrdup("template error");
		buf_free(&out);
		return;
	}
	if (sh->b->validate && page_is_html(p))
		validate_html(p->out, out.s ? out.s : "", out.len, p->tmpl, p->src);
	char *path = path_join(sh->dir, p->out);
	if (!write_file_logged(sh->b->log, path, out.s ? out.s : "", out.len))
		j->write_errno = errno ? errno : EIO;
	free(path);
	buf_free(&out);
}


/* Fills jobs[i] with page i's template, in this thread (the template
 * cache is not thread-safe). Returns 0 when a template is missing or
 * broken (reported). */
static int prepare_jobs(site *s, mus_env *env, value *reported, rjob *jobs)
{
	int ok = 1;
	for (size_t i = 0; i < s->n_pages; i++) {
		page *p = s->pages[i];
		char *err = NULL;
		mus_template *t = mus_env_get(env, p->tmpl, &err);
		if (!t) {
			value *tv = value_get(p->meta, "template");
			if (err && strstr(err, "not found") == NULL) {
				template_error(reported, err, p->out);
			} else {
				diag(DIAG_ERROR, tv ? tv->pos : pos_at(p->src ? p->src : s->theme_dir, p->src ? 1 : 0, p->src ? 1 : 0),
				     "unknown template '%s'", p->tmpl);
				diag_hint("a template is a file NAME.mustache in the theme's templates/ directory");
			}
			free(err);
			ok = 0;
			continue;
		}
		jobs[i].t = t;
	}
	return ok;
}

/* Reports the jobs' errors in page order and counts the HTML pages. */
static int collect_results(site *s, const char *dir, value *reported, rjob *jobs, int *pages_written)
{
	int ok = 1;
	for (size_t i = 0; i < s->n_pages; i++) {
		rjob *j = &jobs[i];
		if (j->err) {
			template_error(reported, j->err, s->pages[i]->out);
			free(j->err);
			ok = 0;
		} else if (j->write_errno) {
			char *path = path_join(dir, s->pages[i]->out);
			diag(DIAG_ERROR, pos_at(path, 0, 0), "cannot write: %s", strerror(j->write_errno));
			free(path);
			ok = 0;
		} else if (j->t && page_is_html(s->pages[i]))
			(*pages_written)++;
	}
	return ok;
}

/* The files made by the pipeline (coverage.csv, ...), the theme's assets/
 * and the content's other files. */
static int write_files(site *s, build_ctx *b, const char *dir, const site_owners *owners)
{
	int ok = 1;
	for (size_t i = 0; i < value_len(s->files); i++) {
		char *path = path_join(dir, value_key_at(s->files, i));
		value *f = value_val_at(s->files, i);
		if (!write_file_logged(b->log, path, f->u.str.s, f->u.str.len)) {
			diag(DIAG_ERROR, pos_at(path, 0, 0), "cannot write: %s", strerror(errno));
			ok = 0;
		}
		free(path);
	}
	char *assets = path_join(s->theme_dir, "assets");
	char *dst = path_join(dir, "assets");
	struct stat st;
	copy_walk w = {b, s->theme_dir, owners, dir, {0}, {0}, 0};
	if (lstat(assets, &st) != 0)
		; /* a theme without assets */
	else if (theme_link_bad(assets, s->theme_dir))
		ok = 0;
	else if (!copy_tree(&w, assets, dst))
		ok = 0; /* reported */
	free(assets);
	free(dst);
	for (size_t i = 0; i < s->n_assets; i++) {
		char *from = path_join(s->content_dir, s->assets[i]);
		char *to = path_join(dir, s->assets[i]);
		if (!copy_file(b, from, to)) {
			diag(DIAG_ERROR, pos_at(from, 0, 0), "cannot copy: %s", strerror(errno));
			ok = 0;
		}
		free(from);
		free(to);
	}
	return ok;
}

/* Whether the theme's templates/ is the theme's own (reported if not). */
static int templates_ok(const site *s)
{
	char *tdir = path_join(s->theme_dir, "templates");
	int ok = !theme_link_bad(tdir, s->theme_dir);
	if (ok && access(tdir, F_OK) == 0 && !path_inside(tdir, s->theme_dir)) {
		diag(DIAG_ERROR, pos_at(tdir, 0, 0), "symbolic link points outside the theme");
		diag_hint("copy the templates into the theme instead of linking to them");
		ok = 0;
	}
	free(tdir);
	return ok;
}

int render_site(site *s, build_ctx *b, const char *dir, int *pages_written)
{
	*pages_written = 0;
	if (!templates_ok(s))
		return 0;
	publish_prepare(s, b->threads > 0 ? b->threads : 1);
	int errors = diag_errors();
	site_owners *owners = site_outputs(s, s->cfg.search);
	if (diag_errors() > errors) { /* two sources for one file: nothing is written */
		site_owners_free(owners);
		return 0;
	}
	loader_ctx lc = {s};
	mus_env *env = mus_env_new(theme_loader, &lc);
	mus_env_set_strict(env, 1);
	value *sd = site_data(s);
	value *reported = value_map(); /* template errors already reported */
	size_t n = s->n_pages;
	rjob *jobs = xcalloc(n + 1, sizeof *jobs);
	int ok = prepare_jobs(s, env, reported, jobs);
	/* on every core when nothing needs one thread (Lua helpers are not
	 * thread-safe; check reports in page order); each file is the same
	 * whichever thread writes it */
	rshared sh = {s, b, env, sd, dir, jobs};
	int threads = hooks_helpers(b->hooks) || b->validate || n < 64 ? 1 : b->threads;
	if (threads_env())
		threads = b->threads; /* SHIRUBE_THREADS decides */
	par_for(n, threads, render_page, &sh);
	ok &= collect_results(s, dir, reported, jobs, pages_written);
	free(jobs);
	value_free(reported);
	value_free(sd);
	mus_env_free(env);
	ok = write_files(s, b, dir, owners) && ok;
	site_owners_free(owners);
	return ok;
}

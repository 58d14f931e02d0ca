/* render.c: stages 4 and 6. Renders every page through the theme's
 * Mustache templates into a directory, and copies theme and content
 * assets. The caller owns the directory swap (see main.c). */
#include "diag.h"
#include "hooks.h"
#include "mustache.h"
#include "site.h"
#include "util.h"
#include "validate.h"
#include "publish.h"

#include <dirent.h>
#include <pthread.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct loader_ctx {
	site *s;
} loader_ctx;

/* Templates live in THEME/templates/NAME.mustache; names are plain. */
static int theme_loader(void *ud, const char *name, char **text, char **path)
{
	loader_ctx *lc = ud;
	for (const char *p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		      *p == '-' || *p == '_'))
			return 0;
	char *file = xasprintf("%s/templates/%s.mustache", lc->s->theme_dir, name);
	size_t len;
	char rf[PATH_MAX], rt[PATH_MAX];
	struct stat st;
	if (lstat(file, &st) == 0 && S_ISLNK(st.st_mode) && realpath(lc->s->theme_dir, rt) &&
	    !(realpath(file, rf) && !strncmp(rf, rt, strlen(rt)) && rf[strlen(rt)] == '/')) {
		diag(DIAG_ERROR, pos_at(file, 0, 0), "symbolic link points outside the theme");
		diag_hint("copy the file into the theme instead of linking to it");
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

static int copy_file(const char *from, const char *to)
{
	char *data;
	size_t len;
	if (!read_file(from, &data, &len))
		return 0;
	int ok = write_file(to, data, len);
	free(data);
	return ok;
}

/* Copies the directory from to to; a symbolic link must lead to a place
 * inside root (the theme), so a theme cannot publish files from elsewhere. */
static int copy_tree(const char *from, const char *to, const char *root)
{
	DIR *d = opendir(from);
	if (!d)
		return 0;
	int ok = 1;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char *a = path_join(from, e->d_name);
		char *b = path_join(to, e->d_name);
		struct stat st;
		char ra[PATH_MAX], rr[PATH_MAX];
		size_t n = realpath(root, rr) ? strlen(rr) : 0;
		if (lstat(a, &st) == 0 && S_ISLNK(st.st_mode) &&
		    !(n && realpath(a, ra) && !strncmp(ra, rr, n) && ra[n] == '/')) {
			diag(DIAG_ERROR, pos_at(a, 0, 0), "symbolic link points outside the theme");
			diag_hint("copy the file into the theme instead of linking to it");
			ok = 0;
		} else if (stat(a, &st) == 0 && S_ISDIR(st.st_mode))
			ok &= copy_tree(a, b, root);
		else if (!copy_file(a, b)) {
			diag(DIAG_ERROR, pos_at(a, 0, 0), "cannot copy: %s", strerror(errno));
			ok = 0;
		}
		free(a);
		free(b);
	}
	closedir(d);
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

/* Site-wide data shared by every page: title, nav and the lists. */
static value *site_data(site *s)
{
	value *d = value_map();
	const char *title = value_get_cstr(s->config, "title");
	value_set_str(d, "title", title ? title : "shirube");
	const char *desc = value_get_cstr(s->config, "description");
	value_set_str(d, "description", desc ? desc : "");
	const char *lang = value_get_cstr(s->config, "lang");
	value_set_str(d, "lang", lang ? lang : "ja");
	value_set_str(d, "base_url", s->base_url);
	value *sv = value_get(s->config, "search");
	value_set_bool(d, "search", !sv || value_truthy(sv));
	value *lists[5];
	const char *names[] = {"guidelines", "topics", "personas", "journeys", "pages"};
	page_kind kinds[] = {PAGE_GUIDELINE, PAGE_TOPIC, PAGE_PERSONA, PAGE_JOURNEY, PAGE_PAGE};
	for (int k = 0; k < 5; k++) {
		lists[k] = value_list();
		for (size_t i = 0; i < s->n_pages; i++)
			if (s->pages[i]->kind == kinds[k] && s->pages[i]->data)
				value_push(lists[k], value_ref(s->pages[i]->data));
		value_set(d, names[k], lists[k]);
	}
	/* navigation: the sections that exist, then pages with nav: N */
	value *nav = value_list();
	struct { const char *key, *url; page_kind kind; double order; } fixed[] = {
		{"nav_personas", "index.html#personas", PAGE_PERSONA, 1},
		{"nav_guidelines", "guidelines/index.html", PAGE_GUIDELINE, 2},
		{"nav_topics", "topics/index.html", PAGE_TOPIC, 3},
		{"nav_matrix", "coverage.html", PAGE_TOPIC, 4},
		{"nav_compare", "compare/index.html", PAGE_GUIDELINE, 5},
	};
	value *items = value_list();
	for (size_t k = 0; k < sizeof fixed / sizeof *fixed; k++) {
		size_t have = value_len(lists[fixed[k].kind == PAGE_GUIDELINE ? 0 : fixed[k].kind == PAGE_TOPIC ? 1 : 2]);
		/* comparisons need two guidelines, the matrix guidelines too */
		if (!have || (fixed[k].order >= 4 && (have < (fixed[k].order == 5 ? 2u : 1u) || !value_len(lists[0]))))
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
	mus_template *t;
	value *ctx;
	char *err;       /* template error (malloc'd) */
	int write_errno;
} rjob;

typedef struct rshared {
	site *s;
	mus_env *env;
	const char *dir;
	rjob *jobs;
	size_t n, next;
	pthread_mutex_t lock;
} rshared;

/* Takes pages one by one until none is left: renders, validates (check
 * runs single-threaded) and writes each. */
static void *render_worker(void *arg)
{
	rshared *sh = arg;
	buf out = {0};
	for (;;) {
		pthread_mutex_lock(&sh->lock);
		size_t i = sh->next++;
		pthread_mutex_unlock(&sh->lock);
		if (i >= sh->n)
			break;
		rjob *j = &sh->jobs[i];
		page *p = sh->s->pages[i];
		if (!j->ctx)
			continue;
		buf_reset(&out);
		if (!mus_render(sh->env, j->t, j->ctx, &out, &j->err)) {
			if (!j->err)
				j->err = xstrdup("template error");
			continue;
		}
		if (sh->s->validate)
			validate_html(p->out, out.s ? out.s : "", out.len, p->tmpl, p->src);
		char *path = path_join(sh->dir, p->out);
		if (!write_file(path, out.s ? out.s : "", out.len))
			j->write_errno = errno ? errno : EIO;
		free(path);
	}
	buf_free(&out);
	return NULL;
}

int render_site(site *s, const char *dir, int *pages_written)
{
	*pages_written = 0;
	publish_prepare(s);
	loader_ctx lc = {s};
	mus_env *env = mus_env_new(theme_loader, &lc);
	mus_env_set_strict(env, 1);
	value *sd = site_data(s);
	value *reported = value_map(); /* template errors already reported */
	int ok = 1;

	/* 1. templates and contexts, in this thread (refcounts are not atomic) */
	size_t n = s->n_pages;
	rjob *jobs = xcalloc(n + 1, sizeof *jobs);
	for (size_t i = 0; i < n; i++) {
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
		value *ctx = value_map();
		value_set(ctx, "site", value_ref(sd));
		value_set(ctx, "t", value_ref(s->i18n));
		value_set(ctx, "page", value_ref(p->data));
		/* the 404 page is served at any path: absolute links when it can */
		if (!strcmp(p->out, "404.html") && *s->base_url)
			value_set_str(ctx, "root", s->base_url);
		else
			value_set(ctx, "root", value_str_take(path_to_root(p->out)));
		if (hooks_helpers(s->hooks)) /* {{#helpers.NAME}}...{{/helpers.NAME}} */
			value_set(ctx, "helpers", value_ref(hooks_helpers(s->hooks)));
		if (p->src)
			value_set_str(ctx, "source", p->src);
		jobs[i].t = t;
		jobs[i].ctx = ctx;
	}

	/* 2. render and write: on every core when nothing needs one thread
	 * (Lua helpers are not thread-safe; check reports in page order).
	 * Each file is the same whichever thread writes it. */
	rshared sh = {s, env, dir, jobs, n, 0, PTHREAD_MUTEX_INITIALIZER};
	int threads = threads_env();
	if (!threads)
		threads = (hooks_helpers(s->hooks) || s->validate || n < 64) ? 1 : threads_default();
	pthread_t tid[8];
	int started = 0;
	for (int k = 1; k < threads && k < 8; k++)
		if (pthread_create(&tid[started], NULL, render_worker, &sh) == 0)
			started++;
	render_worker(&sh);
	for (int k = 0; k < started; k++)
		pthread_join(tid[k], NULL);

	/* 3. results, in page order */
	for (size_t i = 0; i < n; i++) {
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
		} else if (j->ctx)
			(*pages_written)++;
		value_free(j->ctx);
	}
	free(jobs);
	value_free(reported);
	value_free(sd);
	mus_env_free(env);

	/* data files made by the pipeline (coverage.csv, ...) */
	for (size_t i = 0; i < value_len(s->files); i++) {
		char *path = path_join(dir, value_key_at(s->files, i));
		value *f = value_val_at(s->files, i);
		if (!write_file(path, f->u.str.s, f->u.str.len)) {
			diag(DIAG_ERROR, pos_at(path, 0, 0), "cannot write: %s", strerror(errno));
			ok = 0;
		}
		free(path);
	}
	char *assets = path_join(s->theme_dir, "assets");
	char *dst = path_join(dir, "assets");
	struct stat st;
	if (stat(assets, &st) == 0 && !copy_tree(assets, dst, s->theme_dir))
		ok = 0; /* reported */
	free(assets);
	free(dst);
	for (size_t i = 0; i < s->n_assets; i++) {
		char *a = path_join(s->content_dir, s->assets[i]);
		char *b = path_join(dir, s->assets[i]);
		if (!copy_file(a, b)) {
			diag(DIAG_ERROR, pos_at(a, 0, 0), "cannot copy: %s", strerror(errno));
			ok = 0;
		}
		free(a);
		free(b);
	}
	return ok;
}

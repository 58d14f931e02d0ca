/* gitinfo.c: part of stage 3 (see gitinfo.h). One revwalk from HEAD (newest first, at most
 * GIT_MAX_COMMITS), each commit's tree diffed with its first parent. */
#include "gitinfo.h"
#include "diag.h"
#include "messages.h"
#include "util.h"

#include <git2.h>
#include <limits.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define GIT_MAX_COMMITS 2000
#define CHANGES_SHOWN 100

typedef struct fileinfo {
	char *path; /* repository-relative */
	git_time_t time;
	int offset;
} fileinfo;

/* The files the walk has seen, each with its newest commit's time. */
typedef struct gi {
	fileinfo *files;
	size_t n, cap;
	value *by_path; /* path -> index in files */
} gi;

static fileinfo *gi_find(gi *g, const char *path)
{
	value *i = g->by_path ? value_get(g->by_path, path) : NULL;
	return i ? &g->files[(size_t)i->u.n] : NULL;
}

static void gi_add(gi *g, const char *path, git_time_t when, int off)
{
	if (g->n == g->cap) {
		g->cap = g->cap ? g->cap * 2 : 64;
		g->files = xrealloc(g->files, g->cap * sizeof *g->files);
	}
	if (!g->by_path)
		g->by_path = value_map();
	g->files[g->n].path = xstrdup(path);
	g->files[g->n].time = when;
	g->files[g->n].offset = off;
	value_set_num(g->by_path, path, (double)g->n++);
}

static void gi_free(gi *g)
{
	for (size_t i = 0; i < g->n; i++)
		free(g->files[i].path);
	free(g->files);
	value_free(g->by_path);
	memset(g, 0, sizeof *g);
}

static void gi_copy(gi *dst, const gi *src)
{
	memset(dst, 0, sizeof *dst);
	for (size_t i = 0; i < src->n; i++)
		gi_add(dst, src->files[i].path, src->files[i].time, src->files[i].offset);
}

/* YYYY-MM-DD of a commit time in the committer's own offset. */
static void format_date(git_time_t t, int offset, char out[11])
{
	time_t tt = (time_t)t + (time_t)offset * 60;
	struct tm tm;
	gmtime_r(&tt, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

static void format_iso(git_time_t t, int offset, char out[48])
{
	time_t tt = (time_t)t + (time_t)offset * 60;
	struct tm tm;
	gmtime_r(&tt, &tm);
	char base[24];
	strftime(base, sizeof base, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(out, 48, "%s%c%02d:%02d", base, offset < 0 ? '-' : '+', abs(offset) / 60, abs(offset) % 60);
}

/* The value of a "version:" line in a blob's front matter, or NULL. */
static char *blob_version(git_repository *repo, const git_oid *oid)
{
	git_blob *blob = NULL;
	if (git_oid_is_zero(oid) || git_blob_lookup(&blob, repo, oid) != 0)
		return NULL;
	const char *text = git_blob_rawcontent(blob);
	size_t len = (size_t)git_blob_rawsize(blob);
	char *out = NULL;
	for (size_t i = 0; i < len && !out;) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t ll = nl ? (size_t)(nl - (text + i)) : len - i;
		if (ll > 8 && !memcmp(text + i, "version:", 8)) {
			const char *v = text + i + 8;
			size_t vl = ll - 8;
			while (vl && (*v == ' ' || *v == '"' || *v == '\''))
				v++, vl--;
			while (vl && (v[vl - 1] == ' ' || v[vl - 1] == '"' || v[vl - 1] == '\'' || v[vl - 1] == '\r'))
				vl--;
			out = utf8_clean(v, vl); /* old blobs may hold anything */
		}
		i += ll + 1;
	}
	git_blob_free(blob);
	return out;
}

static int in_content(const char *path, const char *const *roots, size_t n_roots)
{
	for (size_t i = 0; i < n_roots; i++) {
		if (!roots[i])
			continue; /* that directory does not exist */
		size_t l = strlen(roots[i]);
		if (l && !strncmp(path, roots[i], l) && path[l] == '/')
			return 1;
	}
	return 0;
}

/* Repository-relative path of a file, or NULL when outside workdir. */
static char *repo_path(const char *workdir, const char *file)
{
	char rp[PATH_MAX];
	if (!realpath(file, rp))
		return NULL;
	size_t n = strlen(workdir);
	if (strncmp(rp, workdir, n))
		return NULL;
	return xstrdup(rp + n);
}

/* serve reads the history once per HEAD: the walk is the slow part, and
 * saving a file does not change the history */
struct git_cache {
	git_oid head;
	gi g;
	value *versions, *commits;
};

void git_cache_free(struct git_cache *c)
{
	if (!c)
		return;
	gi_free(&c->g);
	value_free(c->versions);
	value_free(c->commits);
	free(c);
}

/* One history walk: the repository, the pages by repository path, and
 * what has been found so far. */
typedef struct walk_state {
	site *s;
	git_repository *repo;
	value *page_of;  /* repository path -> page index */
	char *roots[3];  /* content, personas, journeys: repository paths */
	gi g;
	value *versions, *commits;
} walk_state;

static page *page_at(walk_state *w, const char *path)
{
	value *i = value_get(w->page_of, path);
	return i ? w->s->pages[(size_t)i->u.n] : NULL;
}

/* A guideline whose front matter's version: changed in the delta d. */
static void note_version(walk_state *w, page *p, const git_diff_delta *d, git_time_t when, int off)
{
	char *ov = blob_version(w->repo, &d->old_file.id);
	char *nv = blob_version(w->repo, &d->new_file.id);
	if (ov && nv && strcmp(ov, nv)) {
		value *e = site_link(value_get_cstr(p->data, "title"), p->out);
		char date[11], iso[48];
		format_date(when, off, date);
		format_iso(when, off, iso);
		value_set_str(e, "date", date);
		value_set_str(e, "old_version", ov);
		value_set_str(e, "new_version", nv);
		value_set_str(e, "iso", iso);
		value_push(w->versions, e);
	}
	free(ov);
	free(nv);
}

/* The editorial note of a commit: its first "Changelog:" trailer (the
 * last paragraph of the message, git's trailer syntax), cleaned to valid
 * UTF-8 without control characters; NULL when there is none. Commit
 * subjects are for developers and never go public. */
static char *changelog_of(git_commit *c)
{
	const char *msg = git_commit_message(c);
	git_message_trailer_array tr = {0};
	char *note = NULL;
	if (msg && git_message_trailers(&tr, msg) == 0)
		for (size_t i = 0; i < tr.count && !note; i++)
			if (!strcasecmp(tr.trailers[i].key, "Changelog") && *tr.trailers[i].value)
				note = utf8_clean(tr.trailers[i].value, strlen(tr.trailers[i].value));
	git_message_trailer_array_free(&tr);
	return note;
}

/* The changes entry of commit c that touched the pages in touched, or
 * NULL when its message has no Changelog: trailer. */
static value *commit_entry(git_commit *c, const git_oid *oid, git_time_t when, int off, value *touched)
{
	char *note = changelog_of(c);
	if (!note)
		return NULL;
	value *e = value_map();
	char date[11], iso[48], id[GIT_OID_HEXSZ + 1];
	format_date(when, off, date);
	format_iso(when, off, iso);
	git_oid_tostr(id, sizeof id, oid);
	value_set_str(e, "date", date);
	value_set_str(e, "iso", iso);
	value_set_str(e, "commit", id);
	value_set(e, "summary", value_str_take(note));
	value_set(e, "pages", touched);
	return e;
}

/* One commit: its diff with its first parent, limited to the content. */
static void walk_commit(walk_state *w, const git_oid *oid, git_diff_options *dopts)
{
	git_commit *c = NULL, *parent = NULL;
	git_tree *tree = NULL, *ptree = NULL;
	git_diff *diff = NULL;
	if (git_commit_lookup(&c, w->repo, oid) != 0)
		return;
	if (git_commit_parentcount(c) > 0 && git_commit_parent(&parent, c, 0) == 0)
		git_commit_tree(&ptree, parent);
	git_commit_tree(&tree, c);
	git_time_t when = git_commit_time(c);
	int off = git_commit_time_offset(c);
	if (tree && git_diff_tree_to_tree(&diff, w->repo, ptree, tree, dopts) == 0) {
		value *touched = value_list();
		size_t nd = git_diff_num_deltas(diff);
		for (size_t k = 0; k < nd; k++) {
			const git_diff_delta *d = git_diff_get_delta(diff, k);
			const char *path = d->new_file.path ? d->new_file.path : d->old_file.path;
			if (!gi_find(&w->g, path))
				gi_add(&w->g, path, when, off);
			if (!in_content(path, (const char *const *)w->roots, 3))
				continue;
			page *p = page_at(w, path);
			if (p && p->data)
				value_push(touched, site_link(value_get_cstr(p->data, "title"), p->out));
			if (p && p->kind == PAGE_GUIDELINE && d->status == GIT_DELTA_MODIFIED)
				note_version(w, p, d, when, off);
		}
		value *e = value_len(touched) && value_len(w->commits) < CHANGES_SHOWN ?
			   commit_entry(c, oid, when, off, touched) : NULL;
		if (e)
			value_push(w->commits, e);
		else
			value_free(touched);
	}
	git_diff_free(diff);
	git_tree_free(tree);
	git_tree_free(ptree);
	git_commit_free(parent);
	git_commit_free(c);
}

/* Walks from HEAD (or takes serve's walk of the same HEAD) into w. */
static void walk_history(walk_state *w, build_ctx *b, git_revwalk *walk)
{
	git_oid head;
	int have_head = git_reference_name_to_id(&head, w->repo, "HEAD") == 0;
	struct git_cache *cache = b->git_cache;
	if (b->serve && have_head && cache && git_oid_equal(&head, &cache->head)) {
		gi_copy(&w->g, &cache->g);
		w->versions = value_ref(cache->versions);
		w->commits = value_ref(cache->commits);
		return;
	}
	w->versions = value_list();
	w->commits = value_list();
	/* only the content matters: diffs limited to its directories */
	git_diff_options dopts;
	git_diff_options_init(&dopts, GIT_DIFF_OPTIONS_VERSION);
	char *specs[3];
	size_t n_specs = 0;
	for (int i = 0; i < 3; i++)
		if (w->roots[i])
			specs[n_specs++] = w->roots[i];
	dopts.pathspec.strings = specs;
	dopts.pathspec.count = n_specs;
	git_revwalk_sorting(walk, GIT_SORT_TIME | GIT_SORT_TOPOLOGICAL);
	git_oid oid;
	for (int count = 0; count < GIT_MAX_COMMITS && git_revwalk_next(&oid, walk) == 0; count++)
		walk_commit(w, &oid, &dopts);
	if (b->serve && have_head) {
		git_cache_free(b->git_cache);
		cache = b->git_cache = xcalloc(1, sizeof *cache);
		gi_copy(&cache->g, &w->g);
		cache->versions = value_ref(w->versions);
		cache->commits = value_ref(w->commits);
		cache->head = head;
	}
}

/* Whether this build reads the history at all. SHIRUBE_GIT=0 or
 * git_history: false build without it (golden tests must not depend on
 * when their inputs were committed). */
static int history_wanted(const site *s)
{
	const char *env = getenv("SHIRUBE_GIT");
	return !(env && !strcmp(env, "0")) && s->cfg.git_history;
}

/* Where messages about the history point: the config file (git_history
 * is set there), else the project directory. */
static srcpos history_pos(const site *s)
{
	return s->config_path ? pos_at(s->config_path, 1, 1) : pos_at(s->project_dir, 0, 0);
}

/* The directory safe.directory must name for the repository around dir. */
static char *repo_dir_of(const char *dir)
{
	git_buf found = {0};
	char *out = NULL;
	if (git_repository_discover(&found, dir, 0, NULL) == 0 && found.ptr) {
		out = xstrdup(found.ptr);
		size_t n = strlen(out);
		if (n > 6 && !strcmp(out + n - 6, "/.git/"))
			out[n - 6] = '\0';
	}
	git_buf_dispose(&found);
	if (!out)
		out = realpath(dir, NULL);
	return out ? out : xstrdup(dir);
}

/* The nearest directory at or above dir that has a .git entry, or NULL. */
static char *git_dir_above(const char *dir)
{
	char *d = realpath(dir, NULL);
	struct stat st;
	while (d) {
		char *g = path_join(d, ".git");
		int found = lstat(g, &st) == 0;
		free(g);
		char *slash = strrchr(d, '/');
		if (found || !slash || slash == d)
			return found ? d : (free(d), NULL);
		*slash = '\0';
	}
	return NULL;
}

/* Opens the project's repository (NULL when there is none). Warns, with
 * what to do, when one is there but cannot be read, or is a shallow clone
 * that holds only part of the history (the default checkout in most CI). */
static git_repository *open_repo(const site *s)
{
	git_repository *repo = NULL;
	int rc = git_repository_open_ext(&repo, s->project_dir, 0, NULL);
	char *there = rc == GIT_ENOTFOUND ? git_dir_above(s->project_dir) : NULL;
	if (rc == GIT_ENOTFOUND && !there)
		return NULL; /* not in a repository: nothing to read, nothing to warn about */
	free(there);
	if (rc != 0) {
		const git_error *e = git_error_last();
		diag(DIAG_WARNING, history_pos(s),
		     "cannot read the git history (%s): pages get no last-updated dates, and the changes page and the feed stay empty",
		     e && e->message ? e->message : msg_tr("unknown error"));
		if (rc == GIT_EOWNER) {
			char *dir = repo_dir_of(s->project_dir);
			diag_hint("the repository belongs to another user; if you trust it, run: git config --global --add safe.directory %s (or set git_history: false)", dir);
			free(dir);
		} else {
			diag_hint("check that this user can read the repository's .git directory (its owner and permissions), or set git_history: false in the config to build without the history");
		}
		return NULL;
	}
	if (git_repository_is_shallow(repo) == 1) {
		diag(DIAG_WARNING, history_pos(s),
		     "the git clone is shallow: last-updated dates, the changes page and the feed show only the commits it holds");
		diag_hint("fetch the whole history with: git fetch --unshallow (in CI: check out with fetch-depth: 0)");
	}
	return repo;
}

void gitinfo_read(site *s, build_ctx *b, git_history *h)
{
	/* libgit2 reads the system's CA certificates when it starts (about 15 ms
	 * here): once per process, so serve's rebuilds do not pay it again */
	static int inited;
	memset(h, 0, sizeof *h);
	walk_state w = {0};
	w.s = s;
	git_revwalk *walk = NULL;
	if (history_wanted(s) && !inited) {
		git_libgit2_init();
		inited = 1;
	}
	const char *workdir = NULL;
	if (!history_wanted(s) || !(w.repo = open_repo(s)) ||
	    git_repository_is_bare(w.repo) || !(workdir = git_repository_workdir(w.repo)) ||
	    git_revwalk_new(&walk, w.repo) != 0 || git_revwalk_push_head(walk) != 0) {
		h->versions = value_list(); /* no repository, or no commits yet */
		h->commits = value_list();
		goto done;
	}
	h->found = 1;
	/* every page's source and the content roots, repository-relative */
	w.page_of = value_map();
	char **rels = xcalloc(s->n_pages + 1, sizeof *rels);
	for (size_t i = 0; i < s->n_pages; i++) {
		rels[i] = s->pages[i]->src ? repo_path(workdir, s->pages[i]->src) : NULL;
		if (rels[i] && !value_get(w.page_of, rels[i]))
			value_set_num(w.page_of, rels[i], (double)i);
	}
	w.roots[0] = repo_path(workdir, s->content_dir);
	w.roots[1] = repo_path(workdir, s->personas_dir);
	w.roots[2] = repo_path(workdir, s->journeys_dir);
	walk_history(&w, b, walk);
	for (size_t i = 0; i < s->n_pages; i++) {
		fileinfo *f = rels[i] && s->pages[i]->data ? gi_find(&w.g, rels[i]) : NULL;
		if (f) {
			char date[11];
			format_date(f->time, f->offset, date);
			value_set_str(s->pages[i]->data, "updated", date);
		}
		free(rels[i]);
	}
	free(rels);
	h->versions = w.versions;
	h->commits = w.commits;
	for (int i = 0; i < 3; i++)
		free(w.roots[i]);
done:
	value_free(w.page_of);
	gi_free(&w.g);
	git_revwalk_free(walk);
	git_repository_free(w.repo);
}

/* gitinfo.c: see gitinfo.h. One revwalk from HEAD (newest first, at most
 * GIT_MAX_COMMITS), each commit's tree diffed with its first parent. */
#include "gitinfo.h"
#include "diag.h"
#include "util.h"

#include <git2.h>
#include <limits.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define GIT_MAX_COMMITS 2000
#define CHANGES_SHOWN 100

typedef struct fileinfo {
	char *path; /* repository-relative */
	git_time_t time;
	int offset;
} fileinfo;

typedef struct gi {
	fileinfo *files;
	size_t n, cap;
} gi;

static fileinfo *gi_find(gi *g, const char *path)
{
	for (size_t i = 0; i < g->n; i++)
		if (!strcmp(g->files[i].path, path))
			return &g->files[i];
	return NULL;
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
			out = xstrndup(v, vl);
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

/* The page whose source has repository path rel (rels[i] is page i's). */
static page *page_of(site *s, char **rels, const char *rel)
{
	for (size_t i = 0; i < s->n_pages; i++)
		if (rels[i] && !strcmp(rels[i], rel))
			return s->pages[i];
	return NULL;
}

/* serve reads the history once per HEAD: the walk is the slow part, and
 * saving a file does not change the history */
static struct {
	int valid;
	git_oid head;
	gi g;
	value *versions, *commits;
} cache;

static void gi_copy(gi *dst, const gi *src)
{
	dst->n = dst->cap = src->n;
	dst->files = src->n ? xmalloc(src->n * sizeof *dst->files) : NULL;
	for (size_t i = 0; i < src->n; i++) {
		dst->files[i] = src->files[i];
		dst->files[i].path = xstrdup(src->files[i].path);
	}
}

int gitinfo_apply(site *s)
{
	/* libgit2 reads the system's CA certificates when it starts (about 15 ms
	 * here): once per process, so serve's rebuilds do not pay it again */
	static int inited;
	if (!inited) {
		git_libgit2_init();
		inited = 1;
	}
	git_repository *repo = NULL;
	int found = 0;
	gi g = {0};
	value *versions = value_list(), *commits = value_list();
	git_revwalk *walk = NULL;
	char **rels = NULL;
	size_t n_rels = 0;
	/* SHIRUBE_GIT=0 or git_history: false build without history (golden
	 * tests must not depend on when their inputs were committed) */
	const char *env = getenv("SHIRUBE_GIT");
	value *cfg = value_get(s->config, "git_history");
	if ((env && !strcmp(env, "0")) || (cfg && !value_truthy(cfg)))
		goto done;
	if (git_repository_open_ext(&repo, s->project_dir, 0, NULL) != 0 || git_repository_is_bare(repo))
		goto done;
	const char *workdir = git_repository_workdir(repo);
	if (!workdir || git_revwalk_new(&walk, repo) != 0 || git_revwalk_push_head(walk) != 0)
		goto done; /* no commits yet */
	found = 1;
	git_revwalk_sorting(walk, GIT_SORT_TIME | GIT_SORT_TOPOLOGICAL);
	git_oid head;
	int have_head = git_reference_name_to_id(&head, repo, "HEAD") == 0;
	int cached = s->serve && have_head && cache.valid && git_oid_equal(&head, &cache.head);

	/* every page's source and the content roots, repository-relative */
	n_rels = s->n_pages;
	rels = xcalloc(n_rels + 1, sizeof(char *));
	for (size_t i = 0; i < n_rels; i++)
		if (s->pages[i]->src)
			rels[i] = repo_path(workdir, s->pages[i]->src);
	char *roots[3] = {repo_path(workdir, s->content_dir), repo_path(workdir, s->personas_dir),
			  repo_path(workdir, s->journeys_dir)};
	/* only the content matters: diffs limited to its directories */
	git_diff_options dopts;
	git_diff_options_init(&dopts, GIT_DIFF_OPTIONS_VERSION);
	char *specs[3];
	size_t n_specs = 0;
	for (int i = 0; i < 3; i++)
		if (roots[i])
			specs[n_specs++] = roots[i];
	dopts.pathspec.strings = specs;
	dopts.pathspec.count = n_specs;
	git_oid oid;
	int count = 0;
	if (cached) {
		gi_copy(&g, &cache.g);
		value_free(versions);
		value_free(commits);
		versions = value_ref(cache.versions);
		commits = value_ref(cache.commits);
		count = GIT_MAX_COMMITS; /* no walk */
	}
	while (count < GIT_MAX_COMMITS && git_revwalk_next(&oid, walk) == 0) {
		count++;
		git_commit *c = NULL, *parent = NULL;
		git_tree *tree = NULL, *ptree = NULL;
		git_diff *diff = NULL;
		if (git_commit_lookup(&c, repo, &oid) != 0)
			continue;
		if (git_commit_parentcount(c) > 0 && git_commit_parent(&parent, c, 0) == 0)
			git_commit_tree(&ptree, parent);
		git_commit_tree(&tree, c);
		git_time_t when = git_commit_time(c);
		int off = git_commit_time_offset(c);
		if (tree && git_diff_tree_to_tree(&diff, repo, ptree, tree, &dopts) == 0) {
			value *touched = value_list();
			size_t nd = git_diff_num_deltas(diff);
			for (size_t k = 0; k < nd; k++) {
				const git_diff_delta *d = git_diff_get_delta(diff, k);
				const char *path = d->new_file.path ? d->new_file.path : d->old_file.path;
				if (!gi_find(&g, path)) {
					if (g.n == g.cap) {
						g.cap = g.cap ? g.cap * 2 : 64;
						g.files = xrealloc(g.files, g.cap * sizeof *g.files);
					}
					g.files[g.n].path = xstrdup(path);
					g.files[g.n].time = when;
					g.files[g.n].offset = off;
					g.n++;
				}
				if (!in_content(path, (const char *const *)roots, 3))
					continue;
				page *p = page_of(s, rels, path);
				if (p && p->data) {
					value *l = site_link(value_get_cstr(p->data, "title"), p->out);
					value_push(touched, l);
				}
				/* a guideline's version changed */
				if (p && p->kind == PAGE_GUIDELINE && d->status == GIT_DELTA_MODIFIED) {
					char *ov = blob_version(repo, &d->old_file.id);
					char *nv = blob_version(repo, &d->new_file.id);
					if (ov && nv && strcmp(ov, nv)) {
						value *e = site_link(value_get_cstr(p->data, "title"), p->out);
						char date[11];
						format_date(when, off, date);
						value_set_str(e, "date", date);
						value_set_str(e, "old_version", ov);
						value_set_str(e, "new_version", nv);
						char iso[48];
						format_iso(when, off, iso);
						value_set_str(e, "iso", iso);
						value_push(versions, e);
					}
					free(ov);
					free(nv);
				}
			}
			if (value_len(touched) && value_len(commits) < CHANGES_SHOWN) {
				value *e = value_map();
				char date[11], iso[48], id[GIT_OID_HEXSZ + 1];
				format_date(when, off, date);
				format_iso(when, off, iso);
				git_oid_tostr(id, sizeof id, &oid);
				value_set_str(e, "date", date);
				value_set_str(e, "iso", iso);
				value_set_str(e, "commit", id);
				const char *summary = git_commit_summary(c);
				value_set_str(e, "summary", summary ? summary : "");
				value_set(e, "pages", touched);
				value_push(commits, e);
			} else
				value_free(touched);
		}
		git_diff_free(diff);
		git_tree_free(tree);
		git_tree_free(ptree);
		git_commit_free(parent);
		git_commit_free(c);
	}
	if (s->serve && have_head && !cached) {
		for (size_t i = 0; i < cache.g.n; i++)
			free(cache.g.files[i].path);
		free(cache.g.files);
		value_free(cache.versions);
		value_free(cache.commits);
		gi_copy(&cache.g, &g);
		cache.versions = value_ref(versions);
		cache.commits = value_ref(commits);
		cache.head = head;
		cache.valid = 1;
	}
	for (size_t i = 0; i < n_rels; i++) {
		page *p = s->pages[i];
		fileinfo *f = rels[i] && p->data ? gi_find(&g, rels[i]) : NULL;
		if (f) {
			char date[11];
			format_date(f->time, f->offset, date);
			value_set_str(p->data, "updated", date);
		}
	}
	for (int i = 0; i < 3; i++)
		free(roots[i]);
done:
	/* the changes page and the feed exist in every build, empty without
	 * a repository, so links to them never break */
	{
		const char *t = value_get_cstr(s->i18n, "changes_title");
		page *cp = site_add_generated(s, "changes.html", "changes", t ? t : "Changes");
		value_set(cp->data, "versions", value_ref(versions));
		value_set(cp->data, "commits", value_ref(commits));
		value_set_bool(cp->data, "in_git", found);
		buf f = {0};
		const char *title = value_get_cstr(s->config, "title");
		buf_puts(&f, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"");
		if (*s->base_url) {
			buf_puts(&f, " xml:base=\"");
			buf_puts_html(&f, s->base_url);
			buf_putc(&f, '"');
		}
		buf_puts(&f, ">\n<title>");
		buf_puts_html(&f, title ? title : "shirube");
		buf_puts(&f, " — ");
		buf_puts_html(&f, t ? t : "Changes");
		buf_puts(&f, "</title>\n<id>");
		buf_puts_html(&f, *s->base_url ? s->base_url : "urn:shirube:site");
		buf_puts(&f, "feed.xml</id>\n<link rel=\"self\" href=\"feed.xml\"/>\n<link href=\"changes.html\"/>\n");
		const char *latest = value_len(commits) ? value_get_cstr(value_at(commits, 0), "iso") : "1970-01-01T00:00:00+00:00";
		buf_puts(&f, "<updated>");
		buf_puts_html(&f, latest);
		buf_puts(&f, "</updated>\n<author><name>");
		buf_puts_html(&f, title ? title : "shirube");
		buf_puts(&f, "</name></author>\n");
		for (size_t i = 0; i < value_len(versions); i++) {
			value *e = value_at(versions, i);
			buf_puts(&f, "<entry><title>");
			buf_puts_html(&f, value_get_cstr(e, "title"));
			buf_puts(&f, ": ");
			buf_puts_html(&f, value_get_cstr(e, "old_version"));
			buf_puts(&f, " → ");
			buf_puts_html(&f, value_get_cstr(e, "new_version"));
			buf_puts(&f, "</title><link href=\"");
			buf_puts_html(&f, value_get_cstr(e, "url"));
			buf_puts(&f, "\"/><id>urn:shirube:version:");
			buf_puts_html(&f, value_get_cstr(e, "url"));
			buf_putc(&f, ':');
			buf_puts_html(&f, value_get_cstr(e, "new_version"));
			buf_puts(&f, "</id><updated>");
			buf_puts_html(&f, value_get_cstr(e, "iso"));
			buf_puts(&f, "</updated></entry>\n");
		}
		for (size_t i = 0; i < value_len(commits); i++) {
			value *e = value_at(commits, i);
			buf_puts(&f, "<entry><title>");
			buf_puts_html(&f, value_get_cstr(e, "summary"));
			buf_puts(&f, "</title><link href=\"changes.html\"/><id>urn:shirube:commit:");
			buf_puts_html(&f, value_get_cstr(e, "commit"));
			buf_puts(&f, "</id><updated>");
			buf_puts_html(&f, value_get_cstr(e, "iso"));
			buf_puts(&f, "</updated><content type=\"text\">");
			value *pl = value_get(e, "pages");
			for (size_t k = 0; k < value_len(pl); k++) {
				if (k)
					buf_puts(&f, ", ");
				buf_puts_html(&f, value_get_cstr(value_at(pl, k), "title"));
			}
			buf_puts(&f, "</content></entry>\n");
		}
		buf_puts(&f, "</feed>\n");
		if (!s->files)
			s->files = value_map();
		value_set(s->files, "feed.xml", value_str_take(buf_detach(&f)));
	}
	value_free(versions);
	value_free(commits);
	for (size_t i = 0; i < n_rels; i++)
		free(rels[i]);
	free(rels);
	for (size_t i = 0; i < g.n; i++)
		free(g.files[i].path);
	free(g.files);
	git_revwalk_free(walk);
	git_repository_free(repo);
	return found;
}

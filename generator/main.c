/* main.c: the shirube command line. `build` runs the pipeline into a
 * temporary sibling of the output directory and swaps it in only when
 * everything succeeded, so a failed build leaves the last good site. */
#include "diag.h"
#include "hooks.h"
#include "index.h"
#include "scaffold.h"
#include "serve.h"
#include "validate.h"
#include "site.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#define SHIRUBE_VERSION "0.1.0"
/* A file that marks a directory as shirube output, so a build never
 * replaces a directory it did not make. */
#define OUT_MARKER ".shirube-site"

enum { EXIT_OK = 0, EXIT_CONTENT = 1, EXIT_USAGE = 2 };

static const char *USAGE =
	"usage: shirube <command> [options]\n"
	"\n"
	"commands:\n"
	"  build     build the site into the output directory (default site/)\n"
	"  check     build into a scratch directory and report every problem\n"
	"  serve     preview the site on 127.0.0.1 and rebuild on every change\n"
	"  new       write a template for a new guideline, topic, persona, journey\n"
	"  version   print the version\n"
	"  help      show help for a command: shirube help build\n";

static const char *HELP_BUILD =
	"usage: shirube build [--config FILE] [--content DIR] [--out DIR] [--base-url URL]\n"
	"\n"
	"  --config FILE    site config (default: shirube.yaml when it exists)\n"
	"  --content DIR    Markdown content (default: content/); personas/ and\n"
	"                   journeys/ are read beside it\n"
	"  --out DIR        output directory (default: site/), replaced only when\n"
	"                   the whole build succeeds\n"
	"  --base-url URL   public URL of the site, for canonical links and sitemap\n"
	"\n"
	"exit status: 0 built, 1 content errors (nothing changed), 2 usage error\n";

static const char *HELP_SERVE =
	"usage: shirube serve [--port N] [--config FILE] [--content DIR] [--out DIR]\n"
	"\n"
	"Builds the site, serves it on http://127.0.0.1:N/ (default 8000; 0 picks\n"
	"a free port) and rebuilds when content, personas, journeys, themes or\n"
	"the config change. Open pages reload themselves; when a build fails they\n"
	"show its errors and the last good site keeps being served. --out keeps\n"
	"the preview in DIR (default: a temporary directory).\n";

static const char *HELP_NEW =
	"usage: shirube new guideline|topic|persona|journey ID\n"
	"\n"
	"Writes a commented template with every field to content/guidelines/ID.md,\n"
	"content/topics/ID.md, personas/ID.yaml or journeys/ID.yaml. It never\n"
	"overwrites a file.\n";

static const char *HELP_CHECK =
	"usage: shirube check [--config FILE] [--content DIR] [--format=text|json]\n"
	"\n"
	"Runs the whole build into a scratch directory, reports every error and\n"
	"warning as path:line:col, and changes nothing. Exit 1 on any error.\n";

typedef struct opts {
	const char *config, *content, *out, *base_url, *format;
	int strict;
	int serve; /* a preview rebuild: caches, and the index after the pages */
} opts;

static int parse_opts(int argc, char **argv, opts *o, int allow_out)
{
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		const char **slot = NULL;
		const char *name = NULL;
		if (!strncmp(a, "--config", 8))
			slot = &o->config, name = "--config";
		else if (!strncmp(a, "--content", 9))
			slot = &o->content, name = "--content";
		else if (allow_out && !strncmp(a, "--out", 5))
			slot = &o->out, name = "--out";
		else if (allow_out && !strncmp(a, "--base-url", 10))
			slot = &o->base_url, name = "--base-url";
		else if (!allow_out && !strncmp(a, "--format", 8))
			slot = &o->format, name = "--format";
		else if (!allow_out && !strcmp(a, "--strict")) {
			o->strict = 1;
			continue;
		}
		if (!slot) {
			fprintf(stderr, "shirube: unknown option '%s'\n", a);
			return 0;
		}
		size_t n = strlen(name);
		if (a[n] == '=')
			*slot = a + n + 1;
		else if (a[n] == 0 && i + 1 < argc)
			*slot = argv[++i];
		else {
			fprintf(stderr, "shirube: option '%s' needs a value\n", name);
			return 0;
		}
	}
	if (o->format && strcmp(o->format, "text") && strcmp(o->format, "json")) {
		fprintf(stderr, "shirube: --format must be text or json\n");
		return 0;
	}
	return 1;
}

static char *abs_path(const char *p)
{
	if (p[0] == '/')
		return xstrdup(p);
	char cwd[PATH_MAX];
	if (!getcwd(cwd, sizeof cwd))
		return xstrdup(p);
	return strcmp(p, ".") ? path_join(cwd, p) : xstrdup(cwd);
}

/* Would replacing out destroy something that is not a build output: the
 * project, the content, a parent of them, or a non-empty foreign dir? */
static int out_dir_safe(site *s, const char *out)
{
	char ro[PATH_MAX];
	if (!realpath(out, ro))
		return 1; /* does not exist yet */
	const char *inputs[] = {s->project_dir, s->content_dir, s->theme_dir};
	for (size_t i = 0; i < 3; i++) {
		char ri[PATH_MAX];
		if (!inputs[i] || !realpath(inputs[i], ri))
			continue;
		size_t n = strlen(ro);
		if (!strncmp(ri, ro, n) && (ri[n] == '/' || ri[n] == 0)) {
			diag(DIAG_ERROR, pos_at(out, 0, 0), "the output directory contains the site's own sources");
			diag_hint("choose an output directory of its own, e.g. --out site");
			return 0;
		}
	}
	struct stat st;
	if (stat(out, &st) != 0 || !S_ISDIR(st.st_mode)) {
		diag(DIAG_ERROR, pos_at(out, 0, 0), "the output path exists and is not a directory");
		return 0;
	}
	char *marker = path_join(out, OUT_MARKER);
	int marked = access(marker, F_OK) == 0;
	free(marker);
	if (marked)
		return 1;
	size_t n = 0;
	DIR *d = opendir(out);
	if (d) {
		struct dirent *e;
		while ((e = readdir(d)))
			if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
				n++;
		closedir(d);
	}
	if (n) {
		diag(DIAG_ERROR, pos_at(out, 0, 0), "the output directory is not empty and was not made by shirube");
		diag_hint("remove it or choose another --out; shirube only replaces its own output");
		return 0;
	}
	return 1;
}

/* The temporary directory of the running build stays open and flock()ed
 * until the process ends, so that another build can tell it from the
 * leftover of a build that was killed. */
static int tmp_lock = -1;

/* serve keeps the previous site (OUT.tmp-XXXXXX after the swap, marked
 * and flock()ed) and renders the next build over it: files are rewritten
 * in place instead of a whole tree being deleted and created again. */
static char *spare_dir;
static int spare_lock = -1;

/* Whether the kept previous site is still the directory serve locked,
 * with our marker in it. */
static int spare_ok(void)
{
	struct stat a, b, m;
	char *marker = path_join(spare_dir, OUT_MARKER);
	int ok = lstat(spare_dir, &a) == 0 && fstat(spare_lock, &b) == 0 && a.st_dev == b.st_dev &&
		 a.st_ino == b.st_ino && lstat(marker, &m) == 0 && S_ISREG(m.st_mode);
	free(marker);
	return ok;
}

/* Locks the fresh temporary directory tmp and marks it as ours. Returns
 * 1/0 after reporting. */
static int claim_tmp_dir(const char *tmp)
{
	tmp_lock = open(tmp, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int ok = tmp_lock >= 0 && flock(tmp_lock, LOCK_EX | LOCK_NB) == 0;
	char *marker = path_join(tmp, OUT_MARKER);
	ok = ok && write_file(marker, "shirube " SHIRUBE_VERSION "\n", 15);
	free(marker);
	if (!ok)
		diag(DIAG_ERROR, pos_at(tmp, 0, 0), "cannot prepare the temporary directory: %s",
		     strerror(errno));
	return ok;
}

/* rm -rf of a build output directory with its marker removed last, so a
 * build killed while removing leaves a directory still marked as ours. */
static void remove_output_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	while (d && (e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..") || !strcmp(e->d_name, OUT_MARKER))
			continue;
		char *sub = path_join(dir, e->d_name);
		remove_tree(sub);
		free(sub);
	}
	if (d)
		closedir(d);
	remove_tree(dir);
}

/* Forgets serve's kept previous site, removing it too when remove is set
 * (serve stops) but not when it is no longer ours to remove. */
static void drop_spare(int remove)
{
	if (!spare_dir)
		return;
	if (remove)
		remove_output_dir(spare_dir);
	free(spare_dir);
	spare_dir = NULL;
	if (spare_lock >= 0)
		close(spare_lock);
	spare_lock = -1;
}

/* Removes the OUT.tmp-XXXXXX siblings of out that builds killed midway left
 * behind: directories with our marker that no running build holds locked,
 * and empty ones (killed before the marker was written). */
static void remove_stale_tmp_dirs(const char *out)
{
	const char *slash = strrchr(out, '/');
	char *dir = slash ? xstrndup(out, slash == out ? 1 : (size_t)(slash - out)) : xstrdup(".");
	char *prefix = xasprintf("%s.tmp-", slash ? slash + 1 : out);
	size_t pl = strlen(prefix);
	DIR *d = opendir(dir);
	struct dirent *e;
	while (d && (e = readdir(d))) {
		if (strncmp(e->d_name, prefix, pl) || strlen(e->d_name) != pl + 6)
			continue;
		char *path = path_join(dir, e->d_name);
		char *marker = path_join(path, OUT_MARKER);
		struct stat st, mt;
		int fd = -1;
		if (lstat(path, &st) != 0 || !S_ISDIR(st.st_mode))
			; /* not a directory of ours */
		else if (lstat(marker, &mt) != 0)
			rmdir(path); /* only when empty */
		else if (S_ISREG(mt.st_mode) &&
			 (fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) >= 0 &&
			 flock(fd, LOCK_EX | LOCK_NB) == 0)
			remove_output_dir(path);
		if (fd >= 0)
			close(fd);
		free(marker);
		free(path);
	}
	if (d)
		closedir(d);
	free(prefix);
	free(dir);
}

/* Runs load -> resolve -> render into a fresh temporary directory. On
 * success returns the temporary directory (caller swaps or removes it). */
/* Whether the config asks for the search index (it does unless search: false). */
static int search_on(const site *s)
{
	value *sv = value_get(s->config, "search");
	return !sv || value_truthy(sv);
}

/* SHIRUBE_TIMING=1 prints how long each stage took (for profiling). */
static void stage_time(const char *name, double *t)
{
	double now = now_ms();
	if (name && timing_on())
		fprintf(stderr, "shirube: %-8s %7.1f ms\n", name, now - *t);
	*t = now;
}

static char *run_pipeline(site *s, const char *out, int *pages)
{
	double t = 0;
	stage_time(NULL, &t);
	if (!load_site(s))
		return NULL;
	stage_time("load", &t);
	resolve_site(s);
	stage_time("resolve", &t);
	if (!diag_errors())
		hooks_run(s); /* stage 3: the Lua files in content/hooks/ */
	/* check (s->validate) goes on after content errors, to report broken
	 * links and HTML problems too; a build stops here */
	if (diag_errors() && !s->validate)
		return NULL;
	int search = search_on(s);
	char *tmp;
	int ok;
	if (s->serve && spare_dir && !spare_ok())
		drop_spare(0); /* gone or changed behind serve's back: start afresh */
	if (s->serve && spare_dir) {
		/* serve: render over the site before the last one, in place */
		tmp = spare_dir;
		tmp_lock = spare_lock;
		spare_dir = NULL;
		spare_lock = -1;
		stage_time("hooks", &t);
		write_log_start();
		ok = render_site(s, tmp, pages);
		write_log *wl = write_log_stop();
		/* what this build did not write goes; search/ is the index's,
		 * which serve rewrites in place after the swap */
		const char *keep[] = {OUT_MARKER, search ? "search" : NULL, NULL};
		ok = ok && sweep_unwritten(tmp, wl, keep);
		write_log_free(wl);
		s->recycled = 1;
	} else {
		char *tmpl = xasprintf("%s.tmp-XXXXXX", out);
		tmp = mkdtemp(tmpl);
		if (!tmp) {
			diag(DIAG_ERROR, pos_at(out, 0, 0), "cannot create a temporary directory beside it: %s",
			     strerror(errno));
			free(tmpl);
			return NULL;
		}
		chmod(tmp, 0755);
		stage_time("hooks", &t);
		ok = claim_tmp_dir(tmp) && render_site(s, tmp, pages);
	}
	stage_time("render", &t);
	if (ok && search && !s->serve)
		ok = index_site(s, tmp);
	stage_time("index", &t);
	if (!ok || (diag_errors() && !s->validate)) {
		remove_output_dir(tmp);
		free(tmp);
		return NULL;
	}
	return tmp;
}

static site *make_site(const opts *o)
{
	site *s = site_new();
	const char *cfg = o->config;
	if (!cfg && access("shirube.yaml", F_OK) == 0)
		cfg = "shirube.yaml";
	if (cfg) {
		s->config_path = intern_path(cfg);
		char *a = abs_path(cfg);
		char *slash = strrchr(a, '/');
		*slash = 0;
		s->project_dir = xstrdup(*a ? a : "/");
		free(a);
	} else
		s->project_dir = abs_path(".");
	s->content_dir = xstrdup(o->content ? o->content : "content");
	if (o->base_url)
		s->base_url = xstrdup(o->base_url);
	s->serve = o->serve;
	return s;
}

/* Keeps dir (the previous site, just swapped out) for serve's next build,
 * locked so that no other build takes it for a leftover. Returns 1/0. */
static int keep_spare(char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 || flock(fd, LOCK_EX | LOCK_NB) != 0) {
		if (fd >= 0)
			close(fd);
		return 0;
	}
	spare_dir = dir;
	spare_lock = fd;
	return 1;
}

/* Builds the site into outc: the pipeline into a temporary sibling, then
 * an atomic swap. Returns 1 when it succeeded; *pages counts the pages. */
static int build_into(const opts *o, const char *outc, int *pages)
{
	double t0 = now_ms();
	site *s = make_site(o);
	*pages = 0;
	char *tmp = NULL;
	if (out_dir_safe(s, outc))
		tmp = run_pipeline(s, outc, pages);
	if (tmp) {
		struct stat st;
		if (stat(outc, &st) == 0) {
			/* atomic exchange: at every moment outc is a complete site */
			if (renameat2(AT_FDCWD, tmp, AT_FDCWD, outc, RENAME_EXCHANGE) != 0) {
				diag(DIAG_ERROR, pos_at(outc, 0, 0), "cannot replace the output: %s",
				     strerror(errno));
				remove_output_dir(tmp);
			} else if (s->serve && keep_spare(tmp))
				tmp = NULL; /* now holds the previous site, kept for the next build */
			else
				remove_output_dir(tmp); /* now holds the previous site */
		} else if (rename(tmp, outc) != 0) {
			diag(DIAG_ERROR, pos_at(outc, 0, 0), "cannot create the output: %s", strerror(errno));
			remove_tree(tmp);
		}
		free(tmp);
		if (!diag_errors())
			remove_stale_tmp_dirs(outc);
		if (s->serve && !diag_errors()) {
			/* a preview shows the pages first, then updates the index */
			fprintf(stderr, "shirube serve: pages ready in %.1f ms\n", now_ms() - t0);
			/* over a recycled tree the index files of the site before
			 * last are rewritten in place; the ones not written again go */
			if (search_on(s) && !s->recycled)
				index_site(s, outc);
			else if (search_on(s)) {
				write_log_start();
				index_site(s, outc);
				write_log *wl = write_log_stop();
				char *sdir = path_join(outc, "search");
				sweep_unwritten(sdir, wl, NULL);
				free(sdir);
				write_log_free(wl);
			}
		}
	}
	if (tmp_lock >= 0)
		close(tmp_lock);
	tmp_lock = -1;
	double tf = now_ms();
	site_free(s);
	if (timing_on())
		fprintf(stderr, "shirube: free     %7.1f ms\n", now_ms() - tf);
	return diag_errors() == 0;
}

static int cmd_build(int argc, char **argv)
{
	opts o = {0};
	if (!parse_opts(argc, argv, &o, 1)) {
		fputs(HELP_BUILD, stderr);
		return EXIT_USAGE;
	}
	double t0 = now_ms();
	const char *out = o.out ? o.out : "site";
	char *outc = xstrdup(out);
	while (strlen(outc) > 1 && str_ends_with(outc, "/"))
		outc[strlen(outc) - 1] = 0;
	int pages = 0;
	build_into(&o, outc, &pages);
	int errors = diag_errors();
	fprintf(stderr, "shirube: %d pages written, %d warnings, %d errors, %.0f ms%s\n",
		errors ? 0 : pages, diag_warnings(), errors, now_ms() - t0,
		errors ? " (output left unchanged)" : "");
	free(outc);
	return errors ? EXIT_CONTENT : EXIT_OK;
}

typedef struct serve_ctx {
	opts o;
} serve_ctx;

static int serve_build(void *ud, const char *out)
{
	serve_ctx *c = ud;
	int pages = 0;
	return build_into(&c->o, out, &pages);
}

static int cmd_serve(int argc, char **argv)
{
	serve_ctx c;
	memset(&c, 0, sizeof c);
	c.o.serve = 1;
	int port = 8000;
	/* --port is ours; the rest are build options */
	char **rest = xcalloc((size_t)argc + 1, sizeof(char *));
	int nrest = 0;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		const char *v = NULL;
		if (!strncmp(a, "--port=", 7))
			v = a + 7;
		else if (!strcmp(a, "--port") && i + 1 < argc)
			v = argv[++i];
		else if (!strcmp(a, "--port")) {
			fputs(HELP_SERVE, stderr);
			free(rest);
			return EXIT_USAGE;
		}
		if (v) {
			char *end;
			long p = strtol(v, &end, 10);
			if (*end || p < 0 || p > 65535) {
				fprintf(stderr, "shirube: --port must be a number from 0 to 65535\n");
				free(rest);
				return EXIT_USAGE;
			}
			port = (int)p;
		} else
			rest[nrest++] = argv[i];
	}
	int ok = parse_opts(nrest, rest, &c.o, 1);
	free(rest);
	if (!ok) {
		fputs(HELP_SERVE, stderr);
		return EXIT_USAGE;
	}
	char *dir = NULL, *out;
	if (c.o.out)
		out = xstrdup(c.o.out);
	else {
		char tmpl[] = "/tmp/shirube-serve-XXXXXX";
		dir = xstrdup(mkdtemp(tmpl) ? tmpl : "/tmp");
		out = path_join(dir, "site");
	}
	/* what to watch: the content, personas and journeys beside it, themes */
	site *probe = make_site(&c.o);
	char *content = xstrdup(probe->content_dir);
	char *parent = xstrdup(content);
	char *slash = strrchr(parent, '/');
	if (slash)
		*slash = 0;
	else
		strcpy(parent, ".");
	char *personas = path_join(parent, "personas"), *journeys = path_join(parent, "journeys");
	char *themes = path_join(probe->project_dir, "themes");
	const char *watch[] = {content, personas, journeys, themes, NULL};
	serve_opts so = {port, out, watch, probe->config_path};
	int rc = serve_run(&so, serve_build, &c);
	drop_spare(1);
	site_free(probe);
	if (dir) {
		remove_tree(dir);
		free(dir);
	}
	free(out);
	free(content);
	free(parent);
	free(personas);
	free(journeys);
	free(themes);
	return rc;
}

static int cmd_check(int argc, char **argv)
{
	opts o = {0};
	if (!parse_opts(argc, argv, &o, 0)) {
		fputs(HELP_CHECK, stderr);
		return EXIT_USAGE;
	}
	int json = o.format && !strcmp(o.format, "json");
	diag_set_json(json);
	site *s = make_site(&o);
	s->validate = 1;
	char *scratch = xasprintf("/tmp/shirube-check-%d", (int)getpid());
	int pages = 0;
	char *tmp = run_pipeline(s, scratch, &pages);
	if (tmp) {
		check_links(s, tmp);
		report_unreviewed(s);
		remove_tree(tmp);
		free(tmp);
	}
	free(scratch);
	int errors = diag_errors(), warnings = diag_warnings();
	if (json)
		diag_flush_json();
	else
		fprintf(stderr, "shirube check: %d pages, %d warnings, %d errors\n", pages, warnings, errors);
	site_free(s);
	return errors || (o.strict && warnings) ? EXIT_CONTENT : EXIT_OK;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs(USAGE, stderr);
		return EXIT_USAGE;
	}
	const char *cmd = argv[1];
	if (!strcmp(cmd, "build"))
		return cmd_build(argc - 2, argv + 2);
	if (!strcmp(cmd, "check"))
		return cmd_check(argc - 2, argv + 2);
	if (!strcmp(cmd, "serve"))
		return cmd_serve(argc - 2, argv + 2);
	if (!strcmp(cmd, "new")) {
		if (argc != 4) {
			fputs(HELP_NEW, stderr);
			return EXIT_USAGE;
		}
		return scaffold_new(".", argv[2], argv[3]);
	}
	if (!strcmp(cmd, "version") || !strcmp(cmd, "--version")) {
		printf("shirube %s\n", SHIRUBE_VERSION);
		return EXIT_OK;
	}
	if (!strcmp(cmd, "help") || !strcmp(cmd, "--help") || !strcmp(cmd, "-h")) {
		if (argc > 2 && !strcmp(argv[2], "build"))
			fputs(HELP_BUILD, stdout);
		else if (argc > 2 && !strcmp(argv[2], "check"))
			fputs(HELP_CHECK, stdout);
		else if (argc > 2 && !strcmp(argv[2], "new"))
			fputs(HELP_NEW, stdout);
		else if (argc > 2 && !strcmp(argv[2], "serve"))
			fputs(HELP_SERVE, stdout);
		else if (argc > 2 && strcmp(argv[2], "version") && strcmp(argv[2], "help")) {
			fprintf(stderr, "shirube: no such command '%s'\n", argv[2]);
			return EXIT_USAGE;
		} else
			fputs(USAGE, stdout);
		return EXIT_OK;
	}
	fprintf(stderr, "shirube: unknown command '%s'\n", cmd);
	fputs(USAGE, stderr);
	return EXIT_USAGE;
}

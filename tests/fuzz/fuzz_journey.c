/* fuzz_journey.c: libFuzzer harness for the journey loader. The input is
 * written as journeys/first.yaml into a small project of its own (a
 * guideline, two topics, a persona and a start check that lead to the
 * journey), which goes through load_site, resolve_site and generate_site
 * (load.c, resolve.c, crosslink.c, generate.c) as a build does; then the journey's pages
 * (journey, journey map, checklist) are rendered with the theme.
 *
 * The project lives in one directory per process, $TMPDIR (or /tmp)
 * /shirube-fuzz-journey-PID, removed at exit; directories left by killed
 * or crashed runs are removed when the next run starts. Nothing is
 * written anywhere else. */
#include "diag.h"
#include "mustache.h"
#include "build.h"
#include "generate.h"
#include "load.h"
#include "resolve.h"
#include "site.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <git2.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CHECK(c) ((c) ? (void)0 : abort())
#define PREFIX "shirube-fuzz-journey-"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The fixed part of the project (like tests/regress/basic/input). */
static const char *const files[] = {
	"content/guidelines/alpha.md",
	"---\n"
	"title: アルファ・ガイドライン 第1版\n"
	"short_title: アルファ\n"
	"publisher: テスト機関\n"
	"version: 第1版\n"
	"url: https://example.org/alpha\n"
	"audience: [owner]\n"
	"status: current\n"
	"summary_manager: 経営者向けの要約。\n"
	"summary_staff: 担当者向けの要約。\n"
	"coverage:\n"
	"  cloud: not-covered\n"
	"---\n"
	"\n"
	"前置き。\n"
	"\n"
	"## 基本方針 {#policy topics=backup}\n"
	"\n"
	"方針の説明。ＩＳＭＳ とバックアップについて。\n"
	"\n"
	"### 細目 {#detail topics=backup:partial}\n"
	"\n"
	"細目の説明。\n",
	"content/topics/backup.md",
	"---\n"
	"title: バックアップ\n"
	"title_en: Backup\n"
	"synonyms: [バックアップ, backup]\n"
	"related: [cloud]\n"
	"read_first: [alpha#policy]\n"
	"---\n"
	"\n"
	"バックアップは大事です。\n",
	"content/topics/cloud.md",
	"---\n"
	"title: クラウド\n"
	"title_en: Cloud\n"
	"---\n"
	"\n"
	"クラウドの話。\n",
	"content/start-check.yaml",
	"title: どこから始める？\n"
	"questions:\n"
	"  - id: q1\n"
	"    text: 始めますか？\n"
	"    answers:\n"
	"      - label: はい\n"
	"        goto: first#read\n"
	"      - label: いいえ\n"
	"        goto: first\n",
	"personas/owner.yaml",
	"name: 経営者の田中さん\n"
	"role: 経営者\n"
	"summary: 小さな会社の社長。\n"
	"journeys: [first]\n",
	NULL,
};

/* A journey that resolves without errors: checks the project at start. */
static const char valid_journey[] =
	"title: はじめの一歩\n"
	"persona: owner\n"
	"stages:\n"
	"  - {id: start, name: 始める, refs: [alpha]}\n"
	"steps:\n"
	"  - {id: read, title: 読む, stage: start, body: \"**太字**\", refs: [alpha#policy, backup]}\n"
	"  - {id: ask, title: 相談, stage: start, logic: or, refs: [cloud]}\n";

static char *project;   /* the temporary project directory */
static char *content;   /* project/content */
static char *journey;   /* project/journeys/first.yaml */
static char *theme;     /* the real theme, read only */
static mus_env *env;    /* the theme's templates, compiled once */

static void cleanup(void)
{
	if (project)
		remove_tree(project);
}

/* Removes the directories of runs that are gone (killed, crashed). */
static void remove_stale(const char *tmp)
{
	DIR *d = opendir(tmp);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (strncmp(e->d_name, PREFIX, strlen(PREFIX)))
			continue;
		char *end;
		long pid = strtol(e->d_name + strlen(PREFIX), &end, 10);
		if (*end || pid <= 0)
			continue;
		if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue; /* still running (this one too) */
		char *p = path_join(tmp, e->d_name);
		remove_tree(p);
		free(p);
	}
	closedir(d);
}

/* The theme: themes/default under the working directory (make runs from
 * the repository), else two or three levels above the harness. */
static char *find_theme(const char *argv0)
{
	char rp[PATH_MAX];
	if (realpath("themes/default/templates", rp))
		return realpath("themes/default", rp) ? xstrdup(rp) : NULL;
	const char *ups[] = {"/../../themes/default", "/../../../themes/default"};
	char exe[PATH_MAX];
	if (!realpath(argv0, exe))
		return NULL;
	char *slash = strrchr(exe, '/');
	if (slash)
		*slash = 0;
	for (size_t i = 0; i < 2; i++) {
		char *p = xasprintf("%s%s", exe, ups[i]);
		char *ok = realpath(p, rp);
		free(p);
		if (ok)
			return xstrdup(rp);
	}
	return NULL;
}

/* Templates come from the real theme; names are plain, as render.c has
 * them. */
static int theme_loader(void *ud, const char *name, char **text, char **path)
{
	(void)ud;
	for (const char *p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' || *p == '_'))
			return 0;
	char *file = xasprintf("%s/templates/%s.mustache", theme, name);
	size_t len;
	int ok = read_file(file, text, &len);
	if (ok)
		*path = (char *)intern_path(file);
	free(file);
	return ok;
}

/* Loads and resolves the project as a build does; renders the journey's
 * pages when that went without errors. Returns the error count. */
static int build_once(void)
{
	diag_reset();
	site *s = site_new();
	s->project_dir = xstrdup(project);
	s->content_dir = xstrdup(content);
	build_ctx *b = build_ctx_new(0, 0);
	b->threads = 1;
	if (load_site(s, 1)) {
		resolve_site(s, b);
		generate_site(s, b);
		if (!diag_errors()) {
			value *sd = value_map();
			value_set_str(sd, "title", "shirube");
			value_set_str(sd, "lang", "ja");
			value_set(sd, "nav", value_list());
			for (size_t i = 0; i < s->n_pages; i++) {
				page *p = s->pages[i];
				if (strcmp(p->tmpl, "journey") && strcmp(p->tmpl, "journey-map") &&
				    strcmp(p->tmpl, "checklist"))
					continue;
				char *err = NULL;
				mus_template *t = mus_env_get(env, p->tmpl, &err);
				CHECK(t != NULL);
				value *ctx = value_map();
				value_set(ctx, "site", value_ref(sd));
				value_set(ctx, "t", value_ref(s->i18n));
				value_set(ctx, "page", value_ref(p->data));
				value_set(ctx, "root", value_str_take(path_to_root(p->out)));
				buf out = {0};
				/* the theme's templates are fine: only data varies */
				CHECK(mus_render(env, t, ctx, &out, &err));
				buf_free(&out);
				value_free(ctx);
			}
			value_free(sd);
		}
	}
	int errors = diag_errors();
	build_ctx_free(b);
	site_free(s);
	return errors;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	diag_set_quiet(1);
	/* gitinfo_read (generate stage) inits libgit2 once per process;
	 * which reloads the CA certificates each time unless someone holds
	 * a reference */
	git_libgit2_init();
	const char *tmp = getenv("TMPDIR");
	if (!tmp || !*tmp)
		tmp = "/tmp";
	remove_stale(tmp);
	char *name = xasprintf(PREFIX "%d", (int)getpid());
	project = path_join(tmp, name);
	free(name);
	remove_tree(project); /* a directory of an old run with our pid */
	atexit(cleanup);
	content = path_join(project, "content");
	journey = path_join(project, "journeys/first.yaml");
	for (size_t i = 0; files[i]; i += 2) {
		char *p = path_join(project, files[i]);
		CHECK(write_file(p, files[i + 1], strlen(files[i + 1])));
		free(p);
	}
	theme = find_theme(*argc > 0 ? (*argv)[0] : "");
	if (theme) {
		char *link = path_join(project, "themes");
		CHECK(mkdir_p(link));
		free(link);
		link = path_join(project, "themes/default");
		CHECK(symlink(theme, link) == 0);
		free(link);
	} else
		fprintf(stderr, "fuzz_journey: themes/default not found; run from the repository\n");
	env = mus_env_new(theme_loader, NULL);
	mus_env_set_strict(env, 1);
	CHECK(write_file(journey, valid_journey, strlen(valid_journey)));
	if (build_once()) {
		diag_set_quiet(0);
		build_once();
		fprintf(stderr, "fuzz_journey: the fixed project has errors (above)\n");
		abort();
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	CHECK(write_file(journey, (const char *)data, size));
	build_once();
	return 0;
}

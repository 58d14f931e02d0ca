/* test_load.c: stage 1 on a small project written to a temporary
 * directory: kinds by directory, ids, plain pages, assets, the typed
 * config, and refusals (a link out of the project, a control character). */
#include "cm.h"
#include "diag.h"
#include "load.h"
#include "site.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *proj;

static void put(const char *rel, const char *text)
{
	char *p = path_join(proj, rel);
	assert_true(write_file(p, text, strlen(text)));
	free(p);
}

static site *load_project(void)
{
	diag_reset();
	site *s = site_new();
	s->project_dir = xstrdup(proj);
	s->content_dir = path_join(proj, "content");
	char *cfg = path_join(proj, "shirube.yaml");
	s->config_path = intern_path(cfg);
	free(cfg);
	s->theme_dir = xstrdup("themes/default"); /* the repository's */
	load_site(s, 2);
	return s;
}

static int setup(void **st)
{
	(void)st;
	diag_set_quiet(1);
	proj = xstrdup("/tmp/shirube-load-XXXXXX");
	if (!mkdtemp(proj))
		return -1;
	put("shirube.yaml", "title: テスト\nlang: ja\nsearch: false\nbase_url: https://example.org/g\n");
	put("content/guidelines/alpha.md", "---\ntitle: A\n---\n## x {#x}\n");
	put("content/topics/backup.md", "---\ntitle: B\n---\n本文\n");
	put("content/pages/about.md", "---\ntitle: About\n---\n本文\n");
	put("content/docs/README.md", "# Docs\n");
	put("content/docs/img.png", "PNG");
	put("personas/owner.yaml", "name: 社長\nrole: 経営者\n");
	put("journeys/start.yaml", "title: J\npersona: owner\n");
	return 0;
}

static int teardown(void **st)
{
	(void)st;
	remove_tree(proj);
	free(proj);
	return 0;
}

static void test_kinds_and_config(void **st)
{
	(void)st;
	site *s = load_project();
	assert_int_equal(diag_errors(), 0);
	assert_string_equal(site_find(s, PAGE_GUIDELINE, "alpha")->out, "guidelines/alpha.html");
	assert_string_equal(site_find(s, PAGE_TOPIC, "backup")->out, "topics/backup.html");
	assert_string_equal(site_find(s, PAGE_PAGE, "about")->out, "about.html");
	assert_non_null(site_find_out(s, "docs/index.html")); /* README.md is the directory page */
	assert_non_null(site_find(s, PAGE_PERSONA, "owner"));
	assert_non_null(site_find(s, PAGE_JOURNEY, "start"));
	assert_int_equal(s->n_assets, 1);
	assert_string_equal(s->assets[0], "docs/img.png");
	assert_string_equal(s->cfg.title, "テスト");
	assert_false(s->cfg.search);
	assert_true(s->cfg.autolink); /* the default */
	assert_string_equal(s->base_url, "https://example.org/g/");
	assert_false(s->plain_only);
	assert_non_null(site_find(s, PAGE_GUIDELINE, "alpha")->body_src); /* rendered by resolve */
	site_free(s);
}

static void test_refusals(void **st)
{
	(void)st;
	char *outside = xasprintf("%s-outside.md", proj), *link = path_join(proj, "content/pages/leak.md");
	assert_true(write_file(outside, "secret\n", 7));
	assert_int_equal(symlink(outside, link), 0);
	put("content/pages/ctl.md", "a\x02" "b\n");
	put("shirube.yaml", "title: t\nlang: ../x\nsearch: 3\n");
	site *s = load_project();
	assert_int_equal(diag_errors(), 4); /* lang, search, the link, the control character */
	assert_null(site_find(s, PAGE_PAGE, "leak"));
	assert_null(site_find(s, PAGE_PAGE, "ctl"));
	site_free(s);
	unlink(link);
	unlink(outside);
	free(outside);
	free(link);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kinds_and_config),
		cmocka_unit_test(test_refusals),
	};
	return cmocka_run_group_tests_name("load", tests, setup, teardown);
}

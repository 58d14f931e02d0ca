/* test_render.c: stage 5 on the in-memory fixture with the repository's
 * theme: every page written into the directory, HTML pages counted, the
 * feed from the built-in template well-formed, a clash refused before
 * anything is written. */
#include "cm.h"
#include "context.h"
#include "generate.h"
#include "render.h"
#include "resolve.h"
#include "fixture.h"

#include <stdlib.h>
#include <sys/stat.h>

static char *read_out(const char *dir, const char *rel)
{
	char *p = path_join(dir, rel), *text = NULL;
	size_t len;
	if (!read_file(p, &text, &len))
		text = NULL;
	free(p);
	return text;
}

static void test_render_site(void **st)
{
	(void)st;
	build_ctx b = {0};
	site *s = fx_generated(&b, 2);
	char tmpl[] = "/tmp/shirube-render-XXXXXX";
	char *dir = mkdtemp(tmpl);
	assert_non_null(dir);
	int pages = 0;
	assert_true(render_site(s, &b, dir, &pages));
	assert_int_equal(diag_errors(), 0);
	assert_int_equal(pages, (int)s->n_pages - 1); /* all but feed.xml */
	char *html = read_out(dir, "guidelines/alpha.html");
	assert_non_null(html);
	assert_non_null(strstr(html, "<h1"));
	assert_non_null(strstr(html, "id=\"backup\""));
	free(html);
	char *feed = read_out(dir, "feed.xml");
	assert_non_null(feed);
	assert_true(str_starts_with(feed, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">"));
	assert_non_null(strstr(feed, "<id>urn:shirube:sitefeed.xml</id>"));
	free(feed);
	char *csv = read_out(dir, "coverage.csv");
	assert_non_null(csv);
	free(csv);
	char *css = read_out(dir, "assets/style.css"); /* the theme's assets */
	assert_non_null(css);
	free(css);
	assert_true(remove_tree(dir));
	site_free(s);
}

static void test_clash_writes_nothing(void **st)
{
	(void)st;
	build_ctx b = {0};
	site *s = fx_generated(&b, 1);
	site_add_generated(s, PAGE_GENERATED, "guidelines/alpha.html", "page", "again");
	char tmpl[] = "/tmp/shirube-render-XXXXXX";
	char *dir = mkdtemp(tmpl);
	int pages = 0;
	assert_false(render_site(s, &b, dir, &pages));
	assert_int_equal(diag_errors(), 1);
	assert_int_equal(pages, 0);
	char *html = read_out(dir, "guidelines/alpha.html");
	assert_null(html);
	assert_true(remove_tree(dir));
	site_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_render_site),
		cmocka_unit_test(test_clash_writes_nothing),
	};
	return cmocka_run_group_tests_name("render", tests, NULL, NULL);
}

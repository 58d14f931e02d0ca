/* test_generate.c: stage 3 on the in-memory fixture: the generated pages
 * exist once each, the matrix and its CSV, comparisons, the changes page
 * and the feed (outside git: empty, still there). */
#include "cm.h"
#include "context.h"
#include "fixture.h"
#include "generate.h"
#include "resolve.h"

static site *generated(void)
{
	setenv("SHIRUBE_GIT", "0", 1);
	site *s = fx_site();
	build_ctx b = {0};
	b.threads = 1;
	resolve_site(s, &b);
	generate_site(s, &b);
	return s;
}

static void test_pages(void **st)
{
	(void)st;
	site *s = generated();
	assert_int_equal(diag_errors(), 0);
	const char *outs[] = {"index.html", "guidelines/index.html", "topics/index.html", "404.html", "search.html",
			      "coverage.html", "coverage/owner.html", "compare/index.html", "compare/alpha--beta.html",
			      "journeys/start-map.html", "journeys/start-checklist.html", "changes.html", "feed.xml"};
	for (size_t i = 0; i < sizeof outs / sizeof *outs; i++) {
		page *p = site_find_out(s, outs[i]);
		assert_non_null(p);
		assert_null(p->src); /* generated */
	}
	assert_int_equal(site_find_out(s, "index.html")->kind, PAGE_HOME);
	site_owners *o = site_outputs(s, 1); /* one owner each */
	assert_int_equal(diag_errors(), 0);
	site_owners_free(o);
	site_free(s);
}

static void test_matrix_and_csv(void **st)
{
	(void)st;
	site *s = generated();
	value *m = value_get(site_find_out(s, "coverage.html")->data, "matrix");
	assert_int_equal(value_len(value_get(m, "columns")), 2);
	assert_int_equal(value_len(value_get(m, "rows")), 2);
	const char *csv = value_get_cstr(s->files, "coverage.csv");
	assert_non_null(csv);
	assert_non_null(strstr(csv, "\"insider\",\"内部不正\",\"beta\",\"ベータ\",\"not-covered\""));
	assert_non_null(value_get_cstr(s->files, "coverage.json"));
	/* the persona's matrix holds only the guidelines written for it */
	value *pm = value_get(site_find_out(s, "coverage/owner.html")->data, "matrix");
	assert_int_equal(value_len(value_get(pm, "columns")), 1);
	site_free(s);
}

static void test_comparison_and_changes(void **st)
{
	(void)st;
	site *s = generated();
	page *c = site_find_out(s, "compare/alpha--beta.html");
	assert_int_equal(value_len(value_get(c->data, "both")), 1);   /* backup */
	assert_int_equal(value_len(value_get(c->data, "only_a")), 1); /* insider: partial in alpha */
	page *ch = site_find_out(s, "changes.html");
	assert_false(value_truthy(value_get(ch->data, "in_git")));
	page *f = site_find_out(s, "feed.xml");
	assert_string_equal(f->tmpl, "feed");
	assert_string_equal(value_get_cstr(f->data, "feed_id"), "urn:shirube:site");
	site_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pages),
		cmocka_unit_test(test_matrix_and_csv),
		cmocka_unit_test(test_comparison_and_changes),
	};
	return cmocka_run_group_tests_name("generate", tests, NULL, NULL);
}

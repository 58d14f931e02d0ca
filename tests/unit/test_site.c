/* test_site.c: the site model: lookups by id and output path, the
 * reference namespace, output ownership. */
#include "cm.h"
#include "fixture.h"

static void test_lookups(void **st)
{
	(void)st;
	site *s = fx_site();
	page *a = site_find(s, PAGE_GUIDELINE, "alpha");
	assert_non_null(a);
	assert_string_equal(a->out, "guidelines/alpha.html");
	assert_null(site_find(s, PAGE_TOPIC, "alpha")); /* kinds apart */
	assert_ptr_equal(site_find_ref(s, "backup"), site_find(s, PAGE_TOPIC, "backup"));
	assert_null(site_find_ref(s, "owner")); /* personas are not references */
	assert_ptr_equal(site_find_out(s, "topics/insider.html"), site_find(s, PAGE_TOPIC, "insider"));
	assert_null(site_find_out(s, "nope.html"));
	/* many pages: the tables grow and keep every page */
	for (int i = 0; i < 5000; i++) {
		char id[32], out[48];
		snprintf(id, sizeof id, "p%d", i);
		snprintf(out, sizeof out, "plain/p%d.html", i);
		site_add_page(s, PAGE_PLAIN, id, NULL, out);
	}
	assert_string_equal(site_find(s, PAGE_PLAIN, "p4321")->out, "plain/p4321.html");
	assert_string_equal(site_find_out(s, "plain/p17.html")->id, "p17");
	assert_ptr_equal(site_find(s, PAGE_GUIDELINE, "alpha"), a);
	site_free(s);
}

/* The earliest page keeps a clashing id or output path. */
static void test_first_owner_wins(void **st)
{
	(void)st;
	site *s = fx_site();
	page *first = site_find(s, PAGE_TOPIC, "backup");
	page *second = site_add_page(s, PAGE_TOPIC, "backup", "other.md", "topics/backup.html");
	assert_ptr_equal(site_find(s, PAGE_TOPIC, "backup"), first);
	assert_ptr_equal(site_find_out(s, "topics/backup.html"), first);
	assert_true(second->seq > first->seq);
	site_free(s);
}

static void test_outputs_clash(void **st)
{
	(void)st;
	site *s = fx_site();
	site_owners *o = site_outputs(s, 1);
	assert_int_equal(diag_errors(), 0);
	char *owner, *file;
	assert_int_equal(site_output_owner(o, "guidelines/alpha.html", &owner, &file), 1);
	assert_string_equal(file, "fixture/alpha.md");
	assert_string_equal(owner, "fixture/alpha.md");
	free(owner);
	free(file);
	assert_int_equal(site_output_owner(o, "search", &owner, &file), 1); /* reserved for the index */
	assert_null(file);
	free(owner);
	assert_int_equal(site_output_owner(o, "nowhere.html", &owner, &file), 0);
	site_owners_free(o);
	site_add_page(s, PAGE_PLAIN, "x", "fixture/x.md", "guidelines/alpha.html");
	site_add_page(s, PAGE_PLAIN, "y", "fixture/y.md", "search/y.html");
	site_add_generated(s, PAGE_GENERATED, "topics/backup.html", "page", "t");
	o = site_outputs(s, 1);
	assert_int_equal(diag_errors(), 3); /* each clash once */
	site_owners_free(o);
	site_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lookups),
		cmocka_unit_test(test_first_owner_wins),
		cmocka_unit_test(test_outputs_clash),
	};
	return cmocka_run_group_tests_name("site", tests, NULL, NULL);
}

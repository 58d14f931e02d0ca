/* test_hooks.c: stage 4 on the in-memory fixture: a hook reads the site,
 * adds a page and a template helper, and changes a page in on_page. */
#include "cm.h"
#include "context.h"
#include "fixture.h"
#include "generate.h"
#include "hooks.h"
#include "resolve.h"

#include <stdlib.h>

static void test_hook_adds_and_adjusts(void **st)
{
	(void)st;
	setenv("SHIRUBE_GIT", "0", 1);
	char dir[] = "/tmp/shirube-hooks-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char *hook = path_join(dir, "hooks/a.lua");
	const char *lua =
		"local n = #shirube.site.guidelines\n"
		"shirube.add_page{path = 'extra.html', title = 'extra ' .. n, data = {items = {1, 2}}}\n"
		"shirube.helper('shout', function(text) return text:upper() end)\n"
		"function on_page(page, info)\n"
		"  if info.id == 'backup' then return {note = 'from a hook'} end\n"
		"end\n";
	assert_true(write_file(hook, lua, strlen(lua)));
	site *s = fx_site();
	free(s->content_dir);
	s->content_dir = xstrdup(dir);
	build_ctx b = {0};
	b.threads = 1;
	resolve_site(s, &b);
	generate_site(s, &b);
	int ok = hooks_run(s, &b.hooks);
	page *extra = site_find_out(s, "extra.html");
	assert_non_null(extra);
	assert_string_equal(value_get_cstr(extra->data, "title"), "extra 2");
	assert_int_equal(value_len(value_get(extra->data, "items")), 2);
	assert_non_null(hooks_helpers(b.hooks));
	assert_non_null(value_get(hooks_helpers(b.hooks), "shout"));
	assert_string_equal(value_get_cstr(site_find(s, PAGE_TOPIC, "backup")->data, "note"), "from a hook");
	assert_true(ok);
	assert_int_equal(diag_errors(), 0);
	hooks_free(b.hooks);
	site_free(s);
	remove_tree(dir);
	free(hook);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hook_adds_and_adjusts),
	};
	return cmocka_run_group_tests_name("hooks", tests, NULL, NULL);
}

/* test_index.c: stage 6 on the in-memory fixture: the index files exist,
 * meta.js counts a document per section and page, hub documents come
 * first (the format and the queries are tested in tests/search/). */
#include "cm.h"
#include "context.h"
#include "generate.h"
#include "index.h"
#include "render.h"
#include "resolve.h"
#include "fixture.h"

#include <stdlib.h>

static void test_index_files(void **st)
{
	(void)st;
	build_ctx b = {0};
	site *s = fx_generated(&b, 2);
	char dir[] = "/tmp/shirube-index-XXXXXX";
	assert_non_null(mkdtemp(dir));
	int pages;
	assert_true(render_site(s, &b, dir, &pages));
	assert_true(index_site(s, &b, dir));
	char *meta = path_join(dir, "search/meta.js"), *text;
	size_t len;
	assert_true(read_file(meta, &text, &len));
	assert_true(str_starts_with(text, "shirube_m({\"v\":5,"));
	/* too small for a heavy shard key (index.c shard_of) */
	assert_non_null(strstr(text, "\"hv\":[],"));
	/* the filters: guidelines by short title, topics by title */
	assert_non_null(strstr(text, "\"g\":[[\"alpha\",\"A\"],[\"beta\",\"B\"]],\"t\":[[\"backup\",\"バックアップ\"],[\"insider\",\"内部不正\"]]"));
	free(text);
	free(meta);
	char *shard = path_join(dir, "search/t/0.js"), *chunk = path_join(dir, "search/d/0.js");
	assert_true(read_file(shard, &text, &len));
	free(text);
	assert_true(read_file(chunk, &text, &len));
	assert_non_null(strstr(text, "guidelines/alpha.html#backup"));
	/* hub documents (topics, guideline overviews) come first, so the
	 * search box can load their chunks when it gets focus */
	assert_non_null(strstr(text, "\"topics/backup.html\""));
	assert_true(strstr(text, "\"topics/backup.html\"") < strstr(text, "guidelines/alpha.html#backup"));
	assert_true(strstr(text, "\"guidelines/beta.html\"") < strstr(text, "guidelines/alpha.html#backup"));
	free(text);
	free(shard);
	free(chunk);
	assert_true(remove_tree(dir));
	site_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_index_files),
	};
	return cmocka_run_group_tests_name("index", tests, NULL, NULL);
}

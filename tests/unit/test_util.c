/* test_util.c: paths, buffers, UTF-8 validation. */
#include "cm.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>

static void test_path_to_root(void **st)
{
	(void)st;
	char *r = path_to_root("index.html");
	assert_string_equal(r, "");
	free(r);
	r = path_to_root("guidelines/x.html");
	assert_string_equal(r, "../");
	free(r);
	r = path_to_root("a/b/c/index.html");
	assert_string_equal(r, "../../../");
	free(r);
}

static void test_path_join(void **st)
{
	(void)st;
	char *p = path_join("a/", "b");
	assert_string_equal(p, "a/b");
	free(p);
	p = path_join("a", "b");
	assert_string_equal(p, "a/b");
	free(p);
	p = path_join("", "b");
	assert_string_equal(p, "b");
	free(p);
}

static void test_html_escape(void **st)
{
	(void)st;
	buf b = {0};
	buf_puts_html(&b, "<a href=\"x\">'&'</a>");
	assert_string_equal(b.s, "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
	buf_free(&b);
}

static void test_utf8(void **st)
{
	(void)st;
	size_t bad = 99;
	assert_true(utf8_valid("内部不正", strlen("内部不正"), &bad));
	assert_false(utf8_valid("ab\xff", 3, &bad));
	assert_int_equal(bad, 2);
	assert_false(utf8_valid("\xe5\x86", 2, &bad)); /* truncated */
	assert_false(utf8_valid("\xc0\xaf", 2, &bad)); /* overlong */
	assert_false(utf8_valid("\xed\xa0\x80", 3, &bad)); /* surrogate */
	/* the eight-bytes-at-a-time ASCII path: a bad byte at every offset
	 * after runs of ASCII, and valid text across word boundaries */
	char t[64];
	for (size_t at = 0; at < 40; at++) {
		memset(t, 'a', sizeof t);
		t[at] = (char)0xff;
		assert_false(utf8_valid(t, sizeof t, &bad));
		assert_int_equal(bad, at);
		memcpy(t + at, "\xe5\x86\x85", 3); /* 内 */
		assert_true(utf8_valid(t, sizeof t, &bad));
		assert_false(utf8_valid(t, at + 2, &bad)); /* cut inside it */
		assert_int_equal(bad, at);
	}
}

static void test_printf(void **st)
{
	(void)st;
	buf b = {0};
	for (int i = 0; i < 1000; i++)
		buf_printf(&b, "%d,", i);
	assert_int_equal(strncmp(b.s, "0,1,2,", 6), 0);
	assert_true(str_ends_with(b.s, "999,"));
	buf_free(&b);
}

static int exists(const char *dir, const char *rel)
{
	char *p = path_join(dir, rel);
	struct stat st;
	int ok = lstat(p, &st) == 0;
	free(p);
	return ok;
}

static void put(const char *dir, const char *rel, const char *text)
{
	char *p = path_join(dir, rel);
	assert_true(write_file(p, text, strlen(text)));
	free(p);
}

/* serve's in-place rebuild: what was written while the log was on stays
 * (also a file rewritten in place, and a file written by another thread),
 * the rest goes, empty directories too, and kept top-level names whole. */
static void *write_in_thread(void *arg)
{
	put(arg, "t/from-thread.txt", "x");
	return NULL;
}

static void test_sweep_unwritten(void **st)
{
	(void)st;
	char tmpl[] = "/tmp/shirube-sweep-XXXXXX";
	char *dir = mkdtemp(tmpl);
	assert_non_null(dir);
	const char *old[] = {"a.html", "b.html", "sub/c.html", "sub/d.html", "gone/e.html", "search/t/1.js", ".marker", "t/from-thread.txt"};
	for (size_t i = 0; i < sizeof old / sizeof *old; i++)
		put(dir, old[i], "old");
	write_log_start();
	put(dir, "a.html", "new");
	put(dir, "sub/c.html", "new");
	put(dir, "new/f.html", "new");
	pthread_t tid;
	assert_int_equal(pthread_create(&tid, NULL, write_in_thread, dir), 0);
	pthread_join(tid, NULL);
	write_log *wl = write_log_stop();
	put(dir, "late.html", "written after the log stopped");
	const char *keep[] = {".marker", "search", NULL};
	assert_true(sweep_unwritten(dir, wl, keep));
	write_log_free(wl);
	assert_true(exists(dir, "a.html"));
	assert_true(exists(dir, "sub/c.html"));
	assert_true(exists(dir, "new/f.html"));
	assert_true(exists(dir, "t/from-thread.txt"));
	assert_true(exists(dir, "search/t/1.js"));
	assert_true(exists(dir, ".marker"));
	assert_false(exists(dir, "b.html"));
	assert_false(exists(dir, "sub/d.html"));
	assert_false(exists(dir, "gone"));
	assert_false(exists(dir, "late.html"));
	/* no log at all: everything but the kept names goes */
	assert_true(sweep_unwritten(dir, NULL, keep));
	assert_false(exists(dir, "a.html"));
	assert_false(exists(dir, "sub"));
	assert_true(exists(dir, "search/t/1.js"));
	assert_true(remove_tree(dir));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_path_to_root),
		cmocka_unit_test(test_path_join),
		cmocka_unit_test(test_html_escape),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_printf),
		cmocka_unit_test(test_sweep_unwritten),
	};
	return cmocka_run_group_tests_name("util", tests, NULL, NULL);
}

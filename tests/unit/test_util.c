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

static write_log *the_log; /* the log put() records into, or NULL */

static void put(const char *dir, const char *rel, const char *text)
{
	char *p = path_join(dir, rel);
	assert_true(write_file_logged(the_log, p, text, strlen(text)));
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
	write_log *wl = the_log = write_log_new();
	put(dir, "a.html", "new");
	put(dir, "sub/c.html", "new");
	put(dir, "new/f.html", "new");
	pthread_t tid;
	assert_int_equal(pthread_create(&tid, NULL, write_in_thread, dir), 0);
	pthread_join(tid, NULL);
	the_log = NULL;
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

/* The one containment rule: a path inside a directory, links resolved. */
static void test_path_inside(void **st)
{
	(void)st;
	char tmpl[] = "/tmp/shirube-inside-XXXXXX";
	char *dir = mkdtemp(tmpl);
	assert_non_null(dir);
	put(dir, "in/a.txt", "a");
	put(dir, "out/b.txt", "b");
	char *in = path_join(dir, "in"), *a = path_join(dir, "in/a.txt"), *b = path_join(dir, "out/b.txt");
	char *link_out = path_join(dir, "in/link"), *link_in = path_join(dir, "in/self");
	assert_int_equal(symlink(b, link_out), 0);
	assert_int_equal(symlink(a, link_in), 0);
	assert_true(path_inside(a, in));
	assert_true(path_inside(in, in));      /* the directory itself */
	assert_true(path_inside(link_in, in)); /* a link that stays inside */
	assert_false(path_inside(link_out, in));
	assert_false(path_inside(b, in));
	char *sibling = path_join(dir, "in2");  /* a name that only starts alike */
	assert_true(mkdir(sibling, 0755) == 0);
	assert_false(path_inside(sibling, in));
	assert_false(path_inside("/nonexistent/x", in));
	free(in), free(a), free(b), free(link_out), free(link_in), free(sibling);
	assert_true(remove_tree(dir));
}

/* FNV-1a reference values (the search index's shards depend on hash32,
 * which search.js computes the same way). */
static void test_hash(void **st)
{
	(void)st;
	assert_int_equal(hash32("", 0), 2166136261u);
	assert_int_equal(hash32("a", 1), 0xe40c292cu);
	assert_true(hash64(HASH64_SEED, "a", 1) == 0xaf63dc4c8601ec8cull);
	assert_true(hash_str("foobar") == (size_t)hash64(HASH64_SEED, "foobar", 6));
	/* hash64 continues: two parts hash like the whole */
	assert_true(hash64(hash64(HASH64_SEED, "foo", 3), "bar", 3) == hash64(HASH64_SEED, "foobar", 6));
}

static void count_one(size_t i, void *ud)
{
	int *seen = ud;
	__atomic_fetch_add(&seen[i], 1, __ATOMIC_RELAXED);
}

/* par_for runs every index exactly once, on one thread or several. */
static void test_par_for(void **st)
{
	(void)st;
	for (int threads = 1; threads <= 4; threads++) {
		int seen[1000] = {0};
		par_for(1000, threads, count_one, seen);
		for (int i = 0; i < 1000; i++)
			assert_int_equal(seen[i], 1);
	}
	par_for(0, 2, count_one, NULL); /* nothing to do: fn never called */
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
		cmocka_unit_test(test_path_inside),
		cmocka_unit_test(test_hash),
		cmocka_unit_test(test_par_for),
	};
	return cmocka_run_group_tests_name("util", tests, NULL, NULL);
}

/* test_util.c: paths, buffers, UTF-8 validation. */
#include "cm.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_path_to_root),
		cmocka_unit_test(test_path_join),
		cmocka_unit_test(test_html_escape),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_printf),
	};
	return cmocka_run_group_tests_name("util", tests, NULL, NULL);
}

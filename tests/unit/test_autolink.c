/* test_autolink.c: the synonym matcher and topic auto-linking. */
#include "cm.h"
#include "autolink.h"
#include "markdown.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

static autolinker *make(void)
{
	autolinker *al = al_new();
	al_add(al, "ISMS", 0);
	al_add(al, "バックアップ", 1);
	al_add(al, "内部不正", 2);
	al_add(al, "内部不正防止ガイドライン", 3);
	al_add(al, "ログ", 4);
	al_build(al);
	return al;
}

static void test_nfkc_fullwidth_and_halfwidth(void **st)
{
	(void)st;
	autolinker *al = make();
	al_match *m;
	const char *t = "ＩＳＭＳと ﾊﾞｯｸｱｯﾌﾟ の話";
	size_t n = al_find(al, t, strlen(t), &m);
	assert_int_equal(n, 2);
	assert_int_equal(m[0].id, 0);
	assert_int_equal(m[0].start, 0);
	assert_int_equal(m[0].end, strlen("ＩＳＭＳ"));
	assert_int_equal(m[1].id, 1);
	assert_int_equal(m[1].start, strlen("ＩＳＭＳと "));
	assert_int_equal(m[1].end, strlen("ＩＳＭＳと ﾊﾞｯｸｱｯﾌﾟ"));
	free(m);
	al_free(al);
}

static void test_longest_wins(void **st)
{
	(void)st;
	autolinker *al = make();
	al_match *m;
	const char *t = "内部不正防止ガイドラインと内部不正";
	size_t n = al_find(al, t, strlen(t), &m);
	assert_int_equal(n, 2);
	assert_int_equal(m[0].id, 3);
	assert_int_equal(m[1].id, 2);
	free(m);
	al_free(al);
}

static void test_ascii_word_boundary(void **st)
{
	(void)st;
	autolinker *al = make();
	al_match *m;
	const char *t = "ISMSx xISMS isms.";
	size_t n = al_find(al, t, strlen(t), &m);
	assert_int_equal(n, 1);
	assert_int_equal(m[0].start, strlen("ISMSx xISMS "));
	free(m);
	al_free(al);
}

static void test_linked_once_per_section_not_in_code_heading_link(void **st)
{
	(void)st;
	autolinker *al = make();
	const char *urls[] = {"topics/isms.html", "topics/backup.html", "topics/if.html", "topics/g.html",
			      "topics/log.html", NULL};
	md_autolink lk = {al, urls, "../", 4, NULL, NULL};
	const char *md = "## バックアップ\n\nバックアップ と バックアップ と `バックアップ` [バックアップ](x.html) ログ\n\n"
			 "## 次\n\nバックアップ\n";
	md_doc d;
	md_render(md, strlen(md), 0, 0, &lk, &d);
	const char *link = "<a href=\"../topics/backup.html\">バックアップ</a>";
	const char *first = strstr(d.html, link);
	assert_non_null(first);
	const char *second = strstr(first + 1, link);
	assert_non_null(second);                  /* once in the second section */
	assert_null(strstr(second + 1, link));     /* and nowhere else */
	const char *h2 = strstr(d.html, "<h2 id=\"s-"); /* an ASCII slug; never linked */
	assert_non_null(h2);
	assert_int_equal(strncmp(h2 + 18, "\">バックアップ</h2>", strlen("\">バックアップ</h2>")), 0);
	assert_non_null(strstr(d.html, "<code>バックアップ</code>"));
	assert_null(strstr(d.html, "topics/log.html")); /* self is never linked */
	md_doc_free(&d);
	al_free(al);
}

static void test_normalize(void **st)
{
	(void)st;
	char *s = al_normalize("ＡＢＣ ｶﾞ", strlen("ＡＢＣ ｶﾞ"));
	assert_string_equal(s, "abc ガ");
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nfkc_fullwidth_and_halfwidth),
		cmocka_unit_test(test_longest_wins),
		cmocka_unit_test(test_ascii_word_boundary),
		cmocka_unit_test(test_linked_once_per_section_not_in_code_heading_link),
		cmocka_unit_test(test_normalize),
	};
	return cmocka_run_group_tests_name("autolink", tests, NULL, NULL);
}

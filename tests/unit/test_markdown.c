/* test_markdown.c: heading ids, slugs, link rewriting, raw HTML. */
#include "cm.h"

#include <pthread.h>
#include "autolink.h"
#include "markdown.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

static void test_slug_japanese(void **st)
{
	(void)st;
	/* ASCII only: the ASCII letters and digits, and a hash of the rest */
	char *s = md_slug("内部不正 対策（第5版）");
	assert_int_equal(strlen(s), 10);
	assert_true(!strncmp(s, "5-", 2));
	for (const char *p = s; *p; p++)
		assert_true((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f') || *p == '-');
	char *again = md_slug("内部不正 対策（第5版）"), *other = md_slug("内部不正 対策（第6版）");
	assert_string_equal(s, again); /* stable */
	assert_string_not_equal(s, other);
	free(again);
	free(other);
	free(s);
	s = md_slug("日本語の見出し");
	assert_true(!strncmp(s, "s-", 2) && strlen(s) == 10);
	free(s);
	s = md_slug("Hello, World!");
	assert_string_equal(s, "hello-world");
	free(s);
	s = md_slug("ＩＳＭＳ 認証");
	assert_true(!strncmp(s, "isms-", 5) && strlen(s) == 13);
	free(s);
	s = md_slug("!!!");
	assert_string_equal(s, "section");
	free(s);
}

static void test_explicit_id_and_topics(void **st)
{
	(void)st;
	const char *md = "intro\n\n## 指示3 予算 {#directive-3 topics=budget,organization-hr:partial}\n\ntext\n";
	md_doc d;
	md_render(md, strlen(md), 10, 0, NULL, &d);
	assert_int_equal(d.n_h, 1);
	assert_string_equal(d.h[0].id, "directive-3");
	assert_string_equal(d.h[0].text, "指示3 予算");
	assert_string_equal(d.h[0].topics, "budget,organization-hr:partial");
	assert_int_equal(d.h[0].line, 13);
	assert_non_null(strstr(d.html, "<h2 id=\"directive-3\">指示3 予算</h2>"));
	assert_null(strstr(d.html, "data-sourcepos"));
	assert_null(strstr(d.html, "{#"));
	md_doc_free(&d);
}

static void test_duplicate_slugs_unique(void **st)
{
	(void)st;
	const char *md = "# A\n\n# A\n\n# A\n";
	md_doc d;
	md_render(md, strlen(md), 0, 0, NULL, &d);
	assert_string_equal(d.h[0].id, "a");
	assert_string_equal(d.h[1].id, "a-1");
	assert_string_equal(d.h[2].id, "a-2");
	md_doc_free(&d);
}

static void test_md_links_rewritten(void **st)
{
	(void)st;
	const char *md = "[a](../array/README.md#x) [b](foo.md) [c](https://e.org/x.md) [d](index.md)\n";
	md_doc d;
	md_render(md, strlen(md), 0, 0, NULL, &d);
	assert_non_null(strstr(d.html, "href=\"../array/index.html#x\""));
	assert_non_null(strstr(d.html, "href=\"foo.html\""));
	assert_non_null(strstr(d.html, "href=\"https://e.org/x.md\""));
	assert_non_null(strstr(d.html, "href=\"index.html\""));
	assert_int_equal(d.n_links, 4);
	md_doc_free(&d);
}

/* Positions count characters, as YAML's and editors do: a link after
 * Japanese text is at its character column, not its byte column. */
static void test_link_columns_in_characters(void **st)
{
	(void)st;
	const char *md = "intro\n\nまず[リンク](a.md)と [次](b.md)。\n\n> - 引用 [c](c.md)\n\n### 見出し\n";
	md_doc d;
	md_render(md, strlen(md), 4, 0, NULL, &d);
	assert_int_equal(d.n_links, 3);
	assert_int_equal(d.links[0].line, 7);
	assert_int_equal(d.links[0].col, 3);  /* after まず */
	assert_int_equal(d.links[1].col, 16); /* まず[リンク](a.md)と + a space */
	assert_int_equal(d.links[2].line, 9);
	assert_int_equal(d.links[2].col, 8);  /* "> - 引用 " */
	assert_int_equal(d.h[0].col, 1);
	md_doc_free(&d);
}

static void test_raw_html_dropped(void **st)
{
	(void)st;
	const char *md = "<script>alert(1)</script>\n\n<b onclick=x>hi</b> [x](javascript:alert(1))\n";
	md_doc d;
	md_render(md, strlen(md), 0, 0, NULL, &d);
	assert_null(strstr(d.html, "<script"));
	assert_null(strstr(d.html, "onclick"));
	assert_null(strstr(d.html, "javascript:"));
	md_doc_free(&d);
	md_render(md, strlen(md), 0, MD_ALLOW_HTML, NULL, &d);
	assert_null(strstr(d.html, "<script")); /* tagfilter still applies */
	assert_non_null(strstr(d.html, "<b onclick=x>"));
	md_doc_free(&d);
}

/* Script URLs go even when raw HTML is allowed (cmark-gfm keeps them then) */
static void test_script_urls_removed(void **st)
{
	(void)st;
	const char *md = "[a](javascript:alert(1)) ![b](JaVaScRiPt:x) <vbscript:y> [c](data:text/html,z)\n"
			 "[d](file:///etc/passwd) ![ok](data:image/png;base64,AA==) [e](https://e.org/)\n";
	for (int f = 0; f < 2; f++) {
		md_doc d;
		md_render(md, strlen(md), 0, f ? MD_ALLOW_HTML : 0, NULL, &d);
		assert_null(strstr(d.html, "=\"javascript:"));
		assert_null(strstr(d.html, "=\"JaVaScRiPt:"));
		assert_null(strstr(d.html, "=\"vbscript:"));
		assert_null(strstr(d.html, "=\"data:text"));
		assert_null(strstr(d.html, "=\"file:"));
		assert_non_null(strstr(d.html, "src=\"data:image/png;base64,AA==\""));
		assert_non_null(strstr(d.html, "href=\"https://e.org/\""));
		md_doc_free(&d);
	}
}

/* Lists and block quotes deeper than MD_MAX_NESTING are flagged */
static void test_nesting_limit(void **st)
{
	(void)st;
	buf b = {0};
	for (int i = 0; i < MD_MAX_NESTING; i++)
		buf_puts(&b, "> ");
	buf_puts(&b, "ok\n");
	md_doc d;
	md_render(b.s, b.len, 0, 0, NULL, &d);
	assert_int_equal(d.deep_line, 0);
	md_doc_free(&d);
	buf_reset(&b);
	buf_puts(&b, "intro\n\n");
	for (int i = 0; i < 10000; i++)
		buf_puts(&b, "- ");
	buf_puts(&b, "deep\n");
	md_render(b.s, b.len, 4, 0, NULL, &d);
	assert_int_equal(d.deep_line, 7);
	assert_int_equal(d.deep_col, 2 * MD_MAX_NESTING + 1);
	md_doc_free(&d);
	buf_free(&b);
}

static void test_gfm_extensions(void **st)
{
	(void)st;
	const char *md = "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~x~~ www.example.org\n\n- [x] done\n";
	md_doc d;
	md_render(md, strlen(md), 0, 0, NULL, &d);
	assert_non_null(strstr(d.html, "<table>"));
	assert_non_null(strstr(d.html, "<del>x</del>"));
	assert_non_null(strstr(d.html, "href=\"http://www.example.org\""));
	assert_non_null(strstr(d.html, "type=\"checkbox\""));
	md_doc_free(&d);
}

static void test_valid_id(void **st)
{
	(void)st;
	assert_true(md_valid_id("directive-3"));
	assert_true(md_valid_id("console.error"));
	assert_false(md_valid_id("a b"));
	assert_false(md_valid_id("../x"));
	assert_false(md_valid_id(""));
	assert_false(md_valid_id("a\"b"));
}

/* cmark-gfm's memory is capped: past the cap the render stops, every
 * block is freed (LeakSanitizer checks), the line is where it stopped, and
 * the next render on the same thread works as before. */
static void test_memory_cap(void **st)
{
	(void)st;
	buf b = {0};
	buf_puts(&b, "# title\n\n");
	for (int i = 0; i < 20000; i++)
		buf_puts(&b, "- a\n");
	md_doc d;
	assert_int_equal(md_render_capped(b.s, b.len, 5, 0, NULL, 1 << 20, &d), 0);
	assert_int_equal(d.limit, MD_LIMIT_MEMORY);
	assert_true(d.limit_line > 5);
	assert_string_equal(d.html, "");
	assert_int_equal(d.n_h, 0);
	md_doc_free(&d);
	assert_int_equal(md_render_capped(b.s, b.len, 0, 0, NULL, 64 << 20, &d), 1);
	assert_int_equal(d.limit, 0);
	assert_non_null(strstr(d.html, "<li>a</li>"));
	md_doc_free(&d);
	/* a cap met while rendering HTML, not parsing */
	md_doc big;
	assert_int_equal(md_render_capped("x\n", 2, 0, 0, NULL, 1, &big), 0);
	assert_int_equal(big.limit, MD_LIMIT_MEMORY);
	md_doc_free(&big);
	buf_free(&b);
}

static void test_heading_cap(void **st)
{
	(void)st;
	buf b = {0};
	for (int i = 0; i <= MD_MAX_HEADINGS; i++)
		buf_puts(&b, "#\n");
	md_doc d;
	assert_int_equal(md_render(b.s, b.len, 0, 0, NULL, &d), 0);
	assert_int_equal(d.limit, MD_LIMIT_HEADINGS);
	assert_int_equal(d.limit_line, MD_MAX_HEADINGS + 1);
	assert_int_equal(d.limit_col, 1);
	md_doc_free(&d);
	b.len -= 2; /* exactly MD_MAX_HEADINGS */
	b.s[b.len] = 0;
	assert_int_equal(md_render(b.s, b.len, 0, 0, NULL, &d), 1);
	assert_int_equal(d.n_h, MD_MAX_HEADINGS);
	md_doc_free(&d);
	buf_free(&b);
}

/* Bodies render on several threads at once: cmark-gfm's shared table of
 * special characters is left switched on (md_threads_ok), so a thread
 * finishing a parse never switches strikethrough, tables or autolinks off
 * under another one. Without that this fails within a few hundred pages. */
typedef struct race {
	const char *text, *want;
	int bad;
} race;

static void *race_run(void *ud)
{
	race *r = ud;
	for (int i = 0; i < 3000 && !r->bad; i++) {
		md_doc d;
		md_render(r->text, strlen(r->text), 0, 0, NULL, &d);
		if (strcmp(d.html, r->want))
			r->bad = 1;
		md_doc_free(&d);
	}
	return NULL;
}

static void test_threads_render_alike(void **st)
{
	(void)st;
	assert_int_equal(md_threads_ok(), 1);
	const char *text = "a ~~b~~ c www.example.com\n\n| x | y |\n|---|---|\n| 1 | ~~2~~ |\n";
	md_doc d;
	md_render(text, strlen(text), 0, 0, NULL, &d);
	assert_non_null(strstr(d.html, "<del>b</del>"));
	assert_non_null(strstr(d.html, "<table>"));
	assert_non_null(strstr(d.html, "href=\"http://www.example.com\""));
	race r[2] = {{text, d.html, 0}, {text, d.html, 0}};
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, race_run, &r[0]), 0);
	race_run(&r[1]);
	pthread_join(t, NULL);
	assert_int_equal(r[0].bad, 0);
	assert_int_equal(r[1].bad, 0);
	md_doc_free(&d);
}

/* Auto-linking never links inside 「…」 or 『…』 (a quoted official title),
 * also when the quote spans emphasis; the first mention outside a quote
 * is linked, and a quote in one paragraph does not leak into the next. */
static void test_autolink_not_in_quotes(void **st)
{
	(void)st;
	autolinker *al = al_new();
	al_add(al, "内部不正", 0);
	al_add(al, "バックアップ", 1);
	al_build(al);
	const char *urls[] = {"topics/insider-fraud.html", "topics/backup.html", NULL};
	md_autolink lk = {al, urls, "../", -1, NULL, NULL};
	const char *md = "「組織における内部不正防止ガイドライン」を読みます。\n\n"
			 "『**バックアップ**の手引き』と「未閉じ\n\n"
			 "次の段落の内部不正とバックアップ。\n";
	md_doc d;
	assert_int_equal(md_render(md, strlen(md), 0, 0, &lk, &d), 1);
	const char *h = d.html;
	const char *first = strstr(h, "</p>");
	assert_non_null(first);
	/* nothing linked in the first two paragraphs (both quoted) */
	const char *third = strstr(first + 4, "</p>");
	assert_non_null(third);
	const char *a = strstr(h, "<a ");
	assert_non_null(a);
	assert_true(a > third);
	assert_non_null(strstr(h, "<a href=\"../topics/insider-fraud.html\">内部不正</a>と<a href=\"../topics/backup.html\">バックアップ</a>"));
	assert_null(strstr(h, "「組織における<a"));
	md_doc_free(&d);
	al_free(al);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_slug_japanese),
		cmocka_unit_test(test_explicit_id_and_topics),
		cmocka_unit_test(test_duplicate_slugs_unique),
		cmocka_unit_test(test_md_links_rewritten),
		cmocka_unit_test(test_raw_html_dropped),
		cmocka_unit_test(test_gfm_extensions),
		cmocka_unit_test(test_valid_id),
		cmocka_unit_test(test_script_urls_removed),
		cmocka_unit_test(test_nesting_limit),
		cmocka_unit_test(test_memory_cap),
		cmocka_unit_test(test_heading_cap),
		cmocka_unit_test(test_threads_render_alike),
		cmocka_unit_test(test_autolink_not_in_quotes),
		cmocka_unit_test(test_link_columns_in_characters),
	};
	return cmocka_run_group_tests_name("markdown", tests, NULL, NULL);
}

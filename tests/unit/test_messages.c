/* test_messages.c: the message table (messages.c): every Japanese format
 * takes the English one's arguments; diag prints Japanese for a ja site
 * unless the locale is C, English otherwise; did-you-mean. */
#include "cm.h"
#include "diag.h"
#include "messages.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* The conversions of a printf format in argument order ("s", "zu", "d"),
 * one a line; positional ones (%2$s) are put at their position. */
static char *conversions(const char *f)
{
	char *slot[16] = {0};
	int next = 0, positional = 0;
	for (const char *p = f; (p = strchr(p, '%'));) {
		p++;
		if (*p == '%') {
			p++;
			continue;
		}
		int pos = next++;
		const char *q = p;
		while (*q >= '0' && *q <= '9')
			q++;
		if (*q == '$') {
			pos = atoi(p) - 1;
			positional = 1;
			p = q + 1;
		}
		size_t n = strspn(p, "0123456789.-lzh");
		n += 1; /* the conversion letter */
		assert_true(pos >= 0 && pos < 16);
		slot[pos] = strndup(p, n);
		/* widths do not matter, the type does: drop digits */
		char *w = slot[pos], *o = w;
		for (char *r = w; *r; r++)
			if (!(*r >= '0' && *r <= '9') && *r != '.' && *r != '-')
				*o++ = *r;
		*o = 0;
		p += n;
	}
	(void)positional;
	buf b = {0};
	for (int i = 0; i < 16; i++)
		if (slot[i]) {
			buf_printf(&b, "%s\n", slot[i]);
			free(slot[i]);
		}
	return b.s ? buf_detach(&b) : strdup("");
}

static void test_table_formats_match(void **st)
{
	(void)st;
	size_t n = 0;
	for (const msg_pair *m = MSG_TABLE; m->en; m++, n++) {
		char *a = conversions(m->en), *b = conversions(m->ja);
		if (strcmp(a, b))
			fail_msg("'%s' and '%s' take different arguments", m->en, m->ja);
		free(a);
		free(b);
		for (const msg_pair *o = MSG_TABLE; o < m; o++)
			if (!strcmp(o->en, m->en))
				fail_msg("'%s' is in the table twice", m->en);
	}
	assert_true(n >= 40);
}

/* The text diag prints for a message and its hint, captured. */
static char *said(void)
{
	buf b = {0};
	diag_set_quiet(1);
	diag_set_capture(&b);
	diag(DIAG_ERROR, pos_at("content/topics/a.md", 4, 11), "unknown topic '%s'", "bakcup");
	diag_hint("did you mean '%s'?", "backup");
	diag(DIAG_WARNING, pos_at("content/topics/a.md", 5, 1), "unknown field '%s' in %s", "synonym",
	     msg_tr("a topic"));
	diag(DIAG_NOTE, pos_at("x.md", 1, 1), "a message that is not in the table: %d", 7);
	diag_set_capture(NULL);
	diag_set_quiet(0);
	diag_reset();
	return buf_detach(&b);
}

static void test_japanese_for_ja_site(void **st)
{
	(void)st;
	setenv("LANG", "ja_JP.UTF-8", 1);
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	msg_set_lang("ja");
	char *t = said();
	assert_string_equal(t,
			    "content/topics/a.md:4:11: error: トピック 'bakcup' が見つかりません\n"
			    "  ヒント: 'backup' の書き間違いではありませんか？\n"
			    "content/topics/a.md:5:1: warning: トピックに知らない項目 'synonym' があります\n"
			    "x.md:1:1: note: a message that is not in the table: 7\n");
	free(t);
}

static void test_english_otherwise(void **st)
{
	(void)st;
	const char *want = "content/topics/a.md:4:11: error: unknown topic 'bakcup'\n"
			   "  hint: did you mean 'backup'?\n"
			   "content/topics/a.md:5:1: warning: unknown field 'synonym' in a topic\n"
			   "x.md:1:1: note: a message that is not in the table: 7\n";
	setenv("LANG", "ja_JP.UTF-8", 1);
	msg_set_lang("en"); /* an English site */
	char *t = said();
	assert_string_equal(t, want);
	free(t);
	setenv("LANG", "C", 1); /* LANG=C on a Japanese site */
	msg_set_lang("ja");
	t = said();
	assert_string_equal(t, want);
	free(t);
	setenv("LC_ALL", "C.UTF-8", 1);
	setenv("LANG", "ja_JP.UTF-8", 1);
	msg_set_lang("ja");
	assert_false(msg_japanese());
	unsetenv("LC_ALL");
	msg_set_lang(NULL);
}

static void test_did_you_mean(void **st)
{
	(void)st;
	diag_suggest g = {"read_frist", NULL, 0};
	diag_suggest_try(&g, "reading");
	diag_suggest_try(&g, "read_first");
	diag_suggest_try(&g, "related");
	assert_string_equal(diag_suggest_best(&g), "read_first");
	diag_suggest h = {"synonym", NULL, 0};
	diag_suggest_try(&h, "synonyms");
	assert_string_equal(diag_suggest_best(&h), "synonyms");
	diag_suggest far = {"colour", NULL, 0};
	diag_suggest_try(&far, "title");
	diag_suggest_try(&far, "reading");
	assert_null(diag_suggest_best(&far));
	assert_int_equal(diag_distance("バックアップ", "バックアツプ"), 1);
}

/* serve's tidy cache: a deferred list replayed twice reports twice and
 * keeps its items; diag_list_free empties it. */
static void test_replay_keep(void **st)
{
	(void)st;
	msg_set_lang("en");
	diag_list l = {0};
	diag_defer(&l);
	diag(DIAG_WARNING, pos_at("p.html", 3, 4), "HTML: %s (template '%s')", "x", "page");
	diag_hint("the link comes from template '%s'", "page");
	diag_defer(NULL);
	assert_int_equal(l.n, 1);
	assert_int_equal(diag_warnings(), 0); /* deferred: not counted yet */
	buf b = {0};
	diag_set_quiet(1);
	diag_set_capture(&b);
	diag_replay_keep(&l);
	diag_replay_keep(&l);
	diag_set_capture(NULL);
	diag_set_quiet(0);
	assert_int_equal(l.n, 1);
	assert_int_equal(diag_warnings(), 2);
	assert_string_equal(b.s, "p.html:3:4: warning: HTML: x (template 'page')\n"
				 "  hint: the link comes from template 'page'\n"
				 "p.html:3:4: warning: HTML: x (template 'page')\n"
				 "  hint: the link comes from template 'page'\n");
	diag_list_free(&l);
	assert_int_equal(l.n, 0);
	buf_free(&b);
	diag_reset();
	msg_set_lang(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_formats_match),
		cmocka_unit_test(test_japanese_for_ja_site),
		cmocka_unit_test(test_english_otherwise),
		cmocka_unit_test(test_did_you_mean),
		cmocka_unit_test(test_replay_keep),
	};
	return cmocka_run_group_tests_name("messages", tests, NULL, NULL);
}

/* test_search.c: the C tokenizer against the shared vectors in
 * tests/search/tokenize.json (the browser's tokenizer passes the same). */
#include "cm.h"
#include "search.h"
#include "util.h"
#include "yamlvalue.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void collect(void *ud, const sr_token *t)
{
	buf *b = ud;
	if (b->len)
		buf_putc(b, '|');
	buf_put(b, t->s, t->len);
	buf_printf(b, "@%d", t->pos);
}

static void test_vectors(void **st)
{
	(void)st;
	char *text;
	size_t len;
	assert_true(read_file("tests/search/tokenize.json", &text, &len));
	value *v = yaml_parse(text, len, "tests/search/tokenize.json", 0);
	free(text);
	assert_non_null(v);
	assert_true(value_len(v) >= 20);
	int failures = 0;
	for (size_t i = 0; i < value_len(v); i++) {
		value *c = value_at(v, i);
		const char *in = value_get_cstr(c, "input");
		buf want = {0}, got = {0};
		value *toks = value_get(c, "tokens");
		for (size_t k = 0; k < value_len(toks); k++) {
			value *t = value_at(toks, k);
			if (want.len)
				buf_putc(&want, '|');
			buf_puts(&want, value_cstr(value_at(t, 0)));
			buf_printf(&want, "@%d", (int)value_at(t, 1)->u.n);
		}
		/* the variant table of the case, if any */
		value *vl = value_get(c, "variants");
		sr_variants *var = vl ? sr_variants_new() : NULL;
		for (size_t k = 0; k < value_len(vl); k++)
			sr_variants_add(var, value_cstr(value_at(value_at(vl, k), 0)), value_cstr(value_at(value_at(vl, k), 1)));
		sr_tokenize_with(var, in ? in : "", in ? strlen(in) : 0, collect, &got, NULL);
		sr_variants_free(var);
		if (strcmp(buf_cstr(&want), buf_cstr(&got))) {
			fprintf(stderr, "input %s:\n  want %s\n  got  %s\n", in, buf_cstr(&want), buf_cstr(&got));
			failures++;
		}
		buf_free(&want);
		buf_free(&got);
	}
	value_free(v);
	assert_int_equal(failures, 0);
}

static void test_normalize(void **st)
{
	(void)st;
	size_t n;
	char *s = sr_normalize("ＡＢＣ ﾃｽﾄ", strlen("ＡＢＣ ﾃｽﾄ"), &n);
	assert_string_equal(s, "abc テスト");
	assert_int_equal(n, strlen("abc テスト"));
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vectors),
		cmocka_unit_test(test_normalize),
	};
	return cmocka_run_group_tests_name("search", tests, NULL, NULL);
}

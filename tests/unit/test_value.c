/* test_value.c: the generic value tree. */
#include "cm.h"

#include <stdio.h>
#include "util.h"
#include "value.h"

#include <stdlib.h>
#include <string.h>

static void test_map_keeps_order_and_replaces(void **st)
{
	(void)st;
	value *m = value_map();
	value_set_str(m, "b", "1");
	value_set_str(m, "a", "2");
	value_set_str(m, "b", "3");
	assert_int_equal(value_len(m), 2);
	assert_string_equal(value_key_at(m, 0), "b");
	assert_string_equal(value_get_cstr(m, "b"), "3");
	assert_null(value_get(m, "zz"));
	value_free(m);
}

/* value_map_reserve: after it, adding the reserved keys moves neither the
 * entry arrays nor the index (nothing is allocated or freed), and lookups
 * and order are what they would be without it, below and above the size
 * where the index starts. */
static void test_map_reserve(void **st)
{
	(void)st;
	for (size_t start = 0; start < 20; start++) {
		value *m = value_map(), *plain = value_map();
		char key[16];
		for (size_t i = 0; i < start; i++) {
			snprintf(key, sizeof key, "k%zu", i);
			value_set_num(m, key, (double)i);
			value_set_num(plain, key, (double)i);
		}
		value_map_reserve(m, start + 3);
		char **keys = m->u.map.keys;
		unsigned *index = m->u.map.index;
		for (size_t i = start; i < start + 3; i++) {
			snprintf(key, sizeof key, "k%zu", i);
			value_set_num(m, key, (double)i);
			value_set_num(plain, key, (double)i);
		}
		assert_ptr_equal(m->u.map.keys, keys);
		if (start + 3 >= 8)
			assert_ptr_equal(m->u.map.index, index);
		assert_int_equal(value_len(m), start + 3);
		for (size_t i = 0; i < start + 3; i++) {
			snprintf(key, sizeof key, "k%zu", i);
			assert_string_equal(value_key_at(m, i), value_key_at(plain, i));
			assert_true(value_get(m, key)->u.n == (double)i);
		}
		value_free(m);
		value_free(plain);
	}
}

static void test_get_path(void **st)
{
	(void)st;
	value *m = value_map(), *in = value_map();
	value_set_num(in, "n", 42);
	value_set(m, "inner", in);
	assert_non_null(value_get_path(m, "inner.n"));
	assert_true(value_get_path(m, "inner.n")->u.n == 42);
	assert_null(value_get_path(m, "inner.x"));
	assert_null(value_get_path(m, "nope.n"));
	value_free(m);
}

static void test_truthiness(void **st)
{
	(void)st;
	value *l = value_list(), *n = value_null(), *f = value_bool(0), *s = value_str("");
	assert_false(value_truthy(l));
	assert_false(value_truthy(n));
	assert_false(value_truthy(f));
	assert_false(value_truthy(s)); /* "" is false, as in mustache.js */
	value_push(l, value_num(0));
	assert_true(value_truthy(l));
	value_free(l);
	value_free(n);
	value_free(f);
	value_free(s);
}

static void test_refcount_shares(void **st)
{
	(void)st;
	value *shared = value_str("x");
	value *a = value_list(), *b = value_list();
	value_push(a, value_ref(shared));
	value_push(b, value_ref(shared));
	value_free(shared);
	value_free(a);
	assert_string_equal(value_cstr(value_at(b, 0)), "x");
	value_free(b);
}

static void test_json_escapes_script(void **st)
{
	(void)st;
	value *m = value_map();
	value_set_str(m, "k", "</script>\"\n\xe2\x80\xa8");
	value_set_num(m, "n", 1.5);
	value_set_bool(m, "t", 1);
	buf b = {0};
	value_to_json(m, &b);
	assert_string_equal(b.s, "{\"k\":\"\\u003c/script\\u003e\\\"\\n\\u2028\",\"n\":1.5,\"t\":true}");
	buf_free(&b);
	value_free(m);
}

static void test_number_text(void **st)
{
	(void)st;
	buf b = {0};
	value *a = value_num(30), *c = value_num(1.21);
	value_to_text(a, &b);
	buf_puts(&b, " ");
	value_to_text(c, &b);
	assert_string_equal(b.s, "30 1.21");
	buf_free(&b);
	value_free(a);
	value_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_map_keeps_order_and_replaces),
		cmocka_unit_test(test_map_reserve),
		cmocka_unit_test(test_get_path),
		cmocka_unit_test(test_truthiness),
		cmocka_unit_test(test_refcount_shares),
		cmocka_unit_test(test_json_escapes_script),
		cmocka_unit_test(test_number_text),
	};
	return cmocka_run_group_tests_name("value", tests, NULL, NULL);
}

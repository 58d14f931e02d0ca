/* test_yaml.c: the YAML loader keeps positions and fails cleanly. */
#include "cm.h"
#include "diag.h"
#include "util.h"
#include "yamlvalue.h"

#include <string.h>

static value *parse(const char *s, int off)
{
	return yaml_parse(s, strlen(s), "t.yaml", off);
}

static void test_positions(void **st)
{
	(void)st;
	value *v = parse("title: x\nlist:\n  - a\n  - bb\n", 0);
	assert_non_null(v);
	value *l = value_get(v, "list");
	assert_int_equal(l->type, V_LIST);
	assert_int_equal(value_at(l, 1)->pos.line, 4);
	assert_int_equal(value_at(l, 1)->pos.col, 5);
	assert_string_equal(value_at(l, 1)->pos.file, "t.yaml");
	assert_int_equal(value_get(v, "title")->pos.line, 1);
	assert_int_equal(value_get(v, "title")->pos.col, 8);
	value_free(v);
}

static void test_line_offset(void **st)
{
	(void)st;
	value *v = parse("a: 1\n", 1);
	assert_int_equal(value_get(v, "a")->pos.line, 2);
	value_free(v);
}

static void test_scalar_types(void **st)
{
	(void)st;
	value *v = parse("n: 30\nf: 1.5\nb: true\nz: ~\ns: \"30\"\nd: 2023-03-24\nv: Ver 3.0\n", 0);
	assert_int_equal(value_get(v, "n")->type, V_NUM);
	assert_int_equal(value_get(v, "f")->type, V_NUM);
	assert_int_equal(value_get(v, "b")->type, V_BOOL);
	assert_int_equal(value_get(v, "z")->type, V_NULL);
	assert_int_equal(value_get(v, "s")->type, V_STR);
	assert_string_equal(value_get_cstr(v, "d"), "2023-03-24");
	assert_string_equal(value_get_cstr(v, "v"), "Ver 3.0");
	value_free(v);
}

static void test_invalid_reports_error(void **st)
{
	(void)st;
	diag_reset();
	diag_set_quiet(1);
	value *v = parse("a: [1, 2\nb: c\n", 0);
	assert_null(v);
	assert_int_equal(diag_errors(), 1);
	diag_set_quiet(0);
	diag_reset();
}

static void test_duplicate_key(void **st)
{
	(void)st;
	diag_reset();
	diag_set_quiet(1);
	value *v = parse("a: 1\na: 2\n", 0);
	assert_null(v);
	assert_int_equal(diag_errors(), 1);
	diag_set_quiet(0);
	diag_reset();
}

/* A second document would be lost silently: it is an error */
static void test_second_document(void **st)
{
	(void)st;
	diag_reset();
	diag_set_quiet(1);
	assert_null(parse("a: 1\n---\nb: 2\n", 0));
	assert_int_equal(diag_errors(), 1);
	diag_reset();
	value *v = parse("---\na: 1\n...\n", 0);
	assert_non_null(v);
	assert_int_equal(diag_errors(), 0);
	value_free(v);
	diag_set_quiet(0);
	diag_reset();
}

static void test_alias_bomb(void **st)
{
	(void)st;
	diag_reset();
	diag_set_quiet(1);
	const char *bomb =
		"a: &a [x, x, x, x, x, x, x, x, x, x]\n"
		"b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
		"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
		"d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
		"e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
		"f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n";
	value *v = parse(bomb, 0);
	assert_null(v);
	assert_true(diag_errors() >= 1);
	diag_set_quiet(0);
	diag_reset();
}

static void test_alias_shared(void **st)
{
	(void)st;
	value *v = parse("a: &x {k: v}\nb: *x\n", 0);
	assert_non_null(v);
	assert_string_equal(value_get_cstr(value_get(v, "b"), "k"), "v");
	value_free(v);
}

static void test_empty_document_is_map(void **st)
{
	(void)st;
	value *v = parse("", 0);
	assert_non_null(v);
	assert_int_equal(v->type, V_MAP);
	value_free(v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_positions),
		cmocka_unit_test(test_line_offset),
		cmocka_unit_test(test_scalar_types),
		cmocka_unit_test(test_invalid_reports_error),
		cmocka_unit_test(test_duplicate_key),
		cmocka_unit_test(test_alias_bomb),
		cmocka_unit_test(test_second_document),
		cmocka_unit_test(test_alias_shared),
		cmocka_unit_test(test_empty_document_is_map),
	};
	return cmocka_run_group_tests_name("yaml", tests, NULL, NULL);
}

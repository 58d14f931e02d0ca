/* mustache_spec.c: runs the official Mustache spec files (given on the
 * command line) against the engine. The spec's lambdas are code in other
 * languages, so ~lambdas.yml uses the C equivalents in `lambdas` below.
 * Prints "FILE: N passed, M failed" per file; exits 1 on any failure. */
#include "mustache.h"
#include "util.h"
#include "value.h"
#include "yamlvalue.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- C versions of the spec's lambdas -------------------------------- */

/* Every lambda gets the calls counter of its test as ud. */
static char *lambda_world(void *ud, const char *text)
{
	(void)ud, (void)text;
	return xstrdup("world");
}

static char *lambda_planet(void *ud, const char *text)
{
	(void)ud, (void)text;
	return xstrdup("{{planet}}");
}

static char *lambda_alt_delims(void *ud, const char *text)
{
	(void)ud, (void)text;
	return xstrdup("|planet| => {{planet}}");
}

static char *lambda_count(void *ud, const char *text)
{
	int *calls = ud;
	(void)text;
	return xasprintf("%d", ++*calls);
}

static char *lambda_gt(void *ud, const char *text)
{
	(void)ud, (void)text;
	return xstrdup(">");
}

static char *lambda_is_x(void *ud, const char *text)
{
	(void)ud;
	return xstrdup(text && !strcmp(text, "{{x}}") ? "yes" : "no");
}

static char *lambda_wrap_planet(void *ud, const char *text)
{
	(void)ud;
	return xasprintf("%s{{planet}}%s", text ? text : "", text ? text : "");
}

static char *lambda_wrap_alt(void *ud, const char *text)
{
	(void)ud;
	return xasprintf("%s{{planet}} => |planet|%s", text ? text : "", text ? text : "");
}

static char *lambda_underscores(void *ud, const char *text)
{
	(void)ud;
	return xasprintf("__%s__", text ? text : "");
}

static char *lambda_false(void *ud, const char *text)
{
	(void)ud, (void)text;
	return NULL;
}

static const struct {
	const char *test;
	value_fn fn;
} lambdas[] = {
	{"Interpolation", lambda_world},
	{"Interpolation - Expansion", lambda_planet},
	{"Interpolation - Alternate Delimiters", lambda_alt_delims},
	{"Interpolation - Multiple Calls", lambda_count},
	{"Escaping", lambda_gt},
	{"Section", lambda_is_x},
	{"Section - Expansion", lambda_wrap_planet},
	{"Section - Alternate Delimiters", lambda_wrap_alt},
	{"Section - Multiple Calls", lambda_underscores},
	{"Inverted Section", lambda_false},
};

/* Replaces data.lambda (the spec's !code map) by the C lambda of the test.
 * Returns 1, or 0 if there is none for this test. */
static int install_lambda(value *data, const char *test, int *calls)
{
	for (size_t i = 0; i < sizeof lambdas / sizeof lambdas[0]; i++)
		if (!strcmp(lambdas[i].test, test)) {
			value_set(data, "lambda", value_func(lambdas[i].fn, calls));
			return 1;
		}
	return 0;
}

/* ---- runner ---------------------------------------------------------- */

/* Serves the test's `partials` map (ud) to the env. */
static int load_partial(void *ud, const char *name, char **text, char **path)
{
	const char *s = value_get_cstr(ud, name);
	if (!s)
		return 0;
	*text = xstrdup(s);
	*path = NULL;
	return 1;
}

/* Prints s as a JSON string so whitespace differences show. */
static void print_quoted(const char *label, const char *s)
{
	buf b = {0};
	buf_put_json(&b, s, strlen(s));
	printf("    %s \"%s\"\n", label, buf_cstr(&b));
	buf_free(&b);
}

/* Runs one test. Returns 1 if it passed; prints why not otherwise. */
static int run_test(const char *file, value *test, int lambdas_file)
{
	const char *name = value_get_cstr(test, "name");
	const char *tmpl = value_get_cstr(test, "template");
	const char *expected = value_get_cstr(test, "expected");
	value *data = value_get(test, "data");
	value *partials = value_get(test, "partials");
	int calls = 0, ok = 0;
	char *err = NULL;
	buf out = {0};
	mus_env *env = NULL;
	mus_template *t = NULL;
	if (!name)
		name = "(unnamed)";
	if (!tmpl || !expected) {
		printf("  FAIL %s: test without template or expected\n", name);
		goto done;
	}
	if (lambdas_file && data && data->type == V_MAP && value_get(data, "lambda") &&
	    !install_lambda(data, name, &calls)) {
		printf("  FAIL %s: no C lambda for this test\n", name);
		goto done;
	}
	env = mus_env_new(load_partial, partials);
	char *path = xasprintf("%s[%s]", file, name);
	t = mus_compile(tmpl, strlen(tmpl), path, &err);
	free(path);
	if (!t || !mus_render(env, t, data, &out, &err)) {
		printf("  FAIL %s: %s\n", name, err ? err : "(no message)");
		goto done;
	}
	ok = !strcmp(buf_cstr(&out), expected);
	if (!ok) {
		printf("  FAIL %s\n", name);
		print_quoted("template:", tmpl);
		print_quoted("expected:", expected);
		print_quoted("got:     ", buf_cstr(&out));
	}
done:
	free(err);
	buf_free(&out);
	mus_free(t);
	mus_env_free(env);
	return ok;
}

/* Runs every test of one spec file. Returns the number of failures. */
static int run_file(const char *file)
{
	char *text = NULL;
	size_t len = 0;
	int passed = 0, failed = 0;
	value *doc = NULL;
	if (!read_file(file, &text, &len)) {
		perror(file);
		failed = 1;
		goto done;
	}
	doc = yaml_parse(text, len, file, 0);
	value *tests = value_get(doc, "tests");
	if (!tests || tests->type != V_LIST) {
		printf("%s: no tests list\n", file);
		failed = 1;
		goto done;
	}
	int lambdas_file = strstr(file, "lambdas") != NULL;
	for (size_t i = 0; i < value_len(tests); i++) {
		if (run_test(file, value_at(tests, i), lambdas_file))
			passed++;
		else
			failed++;
	}
	printf("%s: %d passed, %d failed\n", file, passed, failed);
done:
	value_free(doc);
	free(text);
	return failed;
}

int main(int argc, char **argv)
{
	int failed = 0;
	if (argc < 2) {
		fprintf(stderr, "usage: %s SPEC.yml...\n", argv[0]);
		return 2;
	}
	for (int i = 1; i < argc; i++)
		failed += run_file(argv[i]);
	return failed ? 1 : 0;
}

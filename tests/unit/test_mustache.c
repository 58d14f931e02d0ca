/* test_mustache.c: unit tests of the Mustache engine beyond the official
 * spec: escaping, error messages with positions, strict partials,
 * recursion limits, layouts with blocks and rendering from threads. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mustache.h"
#include "util.h"
#include "value.h"

/* Templates served by the loader: NULL-terminated name/text pairs. */
static const char *const templates[] = {
	"self", "x{{>self}}",
	"layout",
	"<html>\n"
	"<head><title>{{$title}}Untitled{{/title}}</title></head>\n"
	"<body>\n"
	"  <main>\n"
	"    {{$content}}\n"
	"    <p>No content.</p>\n"
	"    {{/content}}\n"
	"  </main>\n"
	"  {{$footer}}<footer>{{site}}</footer>{{/footer}}\n"
	"</body>\n"
	"</html>\n",
	"page",
	"{{<layout}}\n"
	"{{$title}}{{title}} - {{site}}{{/title}}\n"
	"{{$content}}\n"
	"<h1>{{title}}</h1>\n"
	"{{#items}}\n"
	"<p>{{.}}</p>\n"
	"{{/items}}\n"
	"{{/content}}\n"
	"{{/layout}}\n",
	"item", "<li>{{name}}</li>\n",
	"list", "<ul>\n  {{#items}}\n  {{>item}}\n  {{/items}}\n</ul>\n",
	"broken", "ok\n{{#open}}\n",
	/* e0 expands 2^24 times without nesting deep */
	"e0", "{{>e1}}{{>e1}}",
	"e1", "{{>e2}}{{>e2}}",
	"e2", "{{>e3}}{{>e3}}",
	"e3", "{{>e4}}{{>e4}}",
	"e4", "{{>e5}}{{>e5}}",
	"e5", "{{>e6}}{{>e6}}",
	"e6", "{{>e7}}{{>e7}}",
	"e7", "{{>e8}}{{>e8}}",
	"e8", "{{>e9}}{{>e9}}",
	"e9", "{{>e10}}{{>e10}}",
	"e10", "{{>e11}}{{>e11}}",
	"e11", "{{>e12}}{{>e12}}",
	"e12", "{{>e13}}{{>e13}}",
	"e13", "{{>e14}}{{>e14}}",
	"e14", "{{>e15}}{{>e15}}",
	"e15", "{{>e16}}{{>e16}}",
	"e16", "{{>e17}}{{>e17}}",
	"e17", "{{>e18}}{{>e18}}",
	"e18", "{{>e19}}{{>e19}}",
	"e19", "{{>e20}}{{>e20}}",
	"e20", "{{>e21}}{{>e21}}",
	"e21", "{{>e22}}{{>e22}}",
	"e22", "{{>e23}}{{>e23}}",
	"e23", "{{>e24}}{{>e24}}",
	"e24", "x",
	NULL,
};

/* Serves `templates`; the path is the name with ".mustache" appended so
 * messages show it. */
static int load(void *ud, const char *name, char **text, char **path)
{
	static char paths[16][64];
	(void)ud;
	for (size_t i = 0; templates[i]; i += 2)
		if (!strcmp(templates[i], name)) {
			*text = xstrdup(templates[i + 1]);
			snprintf(paths[i / 2 % 16], sizeof paths[0], "%s.mustache", name);
			*path = paths[i / 2 % 16];
			return 1;
		}
	return 0;
}

/* Compiles and renders text with ctx and env. Returns the output
 * (malloc'd), or NULL with *err set. */
static char *render_text(mus_env *env, const char *text, value *ctx, char **err)
{
	char *out = NULL;
	buf b = {0};
	mus_template *t = mus_compile(text, strlen(text), "test.mustache", err);
	if (t && mus_render(env, t, ctx, &b, err))
		out = buf_detach(&b);
	buf_free(&b);
	mus_free(t);
	return out;
}

/* Asserts that text renders to expected. */
static void check_render(mus_env *env, const char *text, value *ctx, const char *expected)
{
	char *err = NULL;
	char *out = render_text(env, text, ctx, &err);
	if (!out)
		fail_msg("unexpected error: %s", err);
	assert_string_equal(out, expected);
	free(out);
}

/* Asserts that text fails to compile or render with exactly `expected`. */
static void check_error(mus_env *env, const char *text, value *ctx, const char *expected)
{
	char *err = NULL;
	char *out = render_text(env, text, ctx, &err);
	if (out)
		fail_msg("expected an error, got output \"%s\"", out);
	assert_non_null(err);
	assert_string_equal(err, expected);
	free(err);
}

static void test_interpolation_escapes(void **state)
{
	(void)state;
	value *ctx = value_map();
	value_set_str(ctx, "name", "<b>Tom & \"Jerry\"</b> 'x'");
	value_set_num(ctx, "n", 3);
	value_set_num(ctx, "pi", 3.25);
	value *nested = value_map();
	value_set_str(nested, "deep", "<ok>");
	value_set(ctx, "a", nested);
	check_render(NULL, "Hi {{name}}!", ctx,
		     "Hi &lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt; &#39;x&#39;!");
	check_render(NULL, "{{{name}}}|{{& name }}", ctx,
		     "<b>Tom & \"Jerry\"</b> 'x'|<b>Tom & \"Jerry\"</b> 'x'");
	check_render(NULL, "{{n}} {{pi}} [{{missing}}] {{a.deep}}", ctx, "3 3.25 [] &lt;ok&gt;");
	value_free(ctx);
}

static void test_section_over_list(void **state)
{
	(void)state;
	value *ctx = value_map();
	value *list = value_list();
	for (int i = 1; i <= 3; i++) {
		value *item = value_map();
		value_set_num(item, "i", i);
		value_set_str(item, "name", i == 2 ? "b<" : "a");
		value_push(list, item);
	}
	value_set(ctx, "items", list);
	value_set(ctx, "none", value_list());
	check_render(NULL, "<ul>\n{{#items}}\n  <li>{{i}}:{{name}}</li>\n{{/items}}\n</ul>\n", ctx,
		     "<ul>\n  <li>1:a</li>\n  <li>2:b&lt;</li>\n  <li>3:a</li>\n</ul>\n");
	check_render(NULL, "{{#none}}x{{/none}}{{^none}}empty{{/none}}", ctx, "empty");
	value_free(ctx);
}

static void test_syntax_errors(void **state)
{
	(void)state;
	check_error(NULL, "line one\n  {{#items}}\n  x\n", NULL,
		    "test.mustache:2:3: unclosed section 'items'");
	check_error(NULL, "{{#a}}\n {{#b}}x{{/a}}", NULL,
		    "test.mustache:2:9: closing tag 'a' does not match section 'b' opened at 2:2");
	check_error(NULL, "ok\n\n  {{/a}}", NULL,
		    "test.mustache:3:3: closing tag 'a' without an open section");
	check_error(NULL, "é {{name", NULL, "test.mustache:1:3: unclosed tag '{{' (missing '}}')");
	check_error(NULL, "{{= | =}}", NULL,
		    "test.mustache:1:1: bad set-delimiter tag: expected two delimiters");
	check_error(NULL, "a {{=<% %>=}}\n<%x}}", NULL,
		    "test.mustache:2:1: unclosed tag '<%' (missing '%>')");
	check_error(NULL, "{{}}", NULL, "test.mustache:1:1: missing name in tag");
	check_error(NULL, "{{a {{b}}", NULL,
		    "test.mustache:1:1: tag name 'a {{b' contains whitespace (unclosed tag?)");
}

static void test_missing_partial_strict(void **state)
{
	(void)state;
	mus_env *env = mus_env_new(load, NULL);
	check_render(env, "[{{>nope}}]", NULL, "[]");
	mus_env_set_strict(env, 1);
	check_error(env, "a\n  {{>nope}}\n", NULL, "test.mustache:2:3: partial 'nope' not found");
	check_error(env, "{{<nope}}{{/nope}}", NULL, "test.mustache:1:1: partial 'nope' not found");
	/* A partial that does not compile reports its own position. */
	check_error(env, "{{>broken}}", NULL, "broken.mustache:2:1: unclosed section 'open'");
	char *err = NULL;
	assert_null(mus_env_get(env, "nope", &err));
	assert_string_equal(err, "nope: template not found");
	free(err);
	mus_env_free(env);
}

static void test_partial_recursion_bounded(void **state)
{
	(void)state;
	mus_env *env = mus_env_new(load, NULL);
	check_error(env, "go: {{>self}}", NULL,
		    "self.mustache:1:2: partial 'self' nested deeper than 100 levels (recursive partial?)");
	mus_env_free(env);
}

static void test_exponential_partials_bounded(void **state)
{
	(void)state;
	mus_env *env = mus_env_new(load, NULL);
	char *err = NULL;
	char *out = render_text(env, "{{>e0}}", NULL, &err);
	assert_null(out);
	assert_non_null(err);
	assert_non_null(strstr(err, "templates expand more than 1000000 partials for one page"));
	assert_non_null(strstr(err, ".mustache:1:"));
	free(err);
	mus_env_free(env);
}

static void test_layout_with_blocks(void **state)
{
	(void)state;
	mus_env *env = mus_env_new(load, NULL);
	mus_env_set_strict(env, 1);
	value *ctx = value_map();
	value_set_str(ctx, "title", "News");
	value_set_str(ctx, "site", "Shirube");
	value *items = value_list();
	value_push(items, value_str("one"));
	value_push(items, value_str("two"));
	value_set(ctx, "items", items);
	char *err = NULL;
	mus_template *page = mus_env_get(env, "page", &err);
	if (!page)
		fail_msg("%s", err);
	buf out = {0};
	assert_int_equal(mus_render(env, page, ctx, &out, &err), 1);
	assert_string_equal(buf_cstr(&out),
			    "<html>\n"
			    "<head><title>News - Shirube</title></head>\n"
			    "<body>\n"
			    "  <main>\n"
			    "    <h1>News</h1>\n"
			    "    <p>one</p>\n"
			    "    <p>two</p>\n"
			    "  </main>\n"
			    "  <footer>Shirube</footer>\n"
			    "</body>\n"
			    "</html>\n");
	buf_free(&out);
	/* Without overrides the defaults show. */
	check_render(env, "{{<layout}}{{/layout}}", ctx,
		     "<html>\n"
		     "<head><title>Untitled</title></head>\n"
		     "<body>\n"
		     "  <main>\n"
		     "    <p>No content.</p>\n"
		     "  </main>\n"
		     "  <footer>Shirube</footer>\n"
		     "</body>\n"
		     "</html>\n");
	value_free(ctx);
	mus_env_free(env);
}

static void test_partial_indentation(void **state)
{
	(void)state;
	mus_env *env = mus_env_new(load, NULL);
	value *ctx = value_map();
	value *items = value_list();
	for (int i = 0; i < 2; i++) {
		value *it = value_map();
		value_set_str(it, "name", i ? "b" : "a");
		value_push(items, it);
	}
	value_set(ctx, "items", items);
	check_render(env, "<nav>\n  {{>list}}\n</nav>\n", ctx,
		     "<nav>\n  <ul>\n    <li>a</li>\n    <li>b</li>\n  </ul>\n</nav>\n");
	value_free(ctx);
	mus_env_free(env);
}

static void test_hostile_input(void **state)
{
	(void)state;
	buf deep = {0};
	for (int i = 0; i < 10000; i++)
		buf_puts(&deep, "{{#a}}");
	check_error(NULL, buf_cstr(&deep), NULL,
		    "test.mustache:1:1537: sections nested deeper than 256");
	buf_free(&deep);
	const char *bad[] = {"{{", "{{{x}}", "{{#", "{{=", "{{= a b", "{{! never closed",
			     "{{/}}", "{{#a}}{{/b}}", "{{>}}", "{{=a a=}}a", "x{{", NULL};
	for (int i = 0; bad[i]; i++) {
		char *err = NULL;
		char *out = render_text(NULL, bad[i], NULL, &err);
		/* Either way, no crash; errors are positioned. */
		if (!out) {
			assert_non_null(err);
			assert_true(str_starts_with(err, "test.mustache:1:"));
		}
		free(out);
		free(err);
	}
}

typedef struct {
	mus_env *env;
	mus_template *t;
	value *ctx;
	const char *expected;
	int ok;
} thread_job;

/* Renders job->t many times, comparing with job->expected. */
static void *render_thread(void *arg)
{
	thread_job *job = arg;
	job->ok = 1;
	for (int i = 0; i < 200 && job->ok; i++) {
		buf out = {0};
		char *err = NULL;
		if (!mus_render(job->env, job->t, job->ctx, &out, &err) ||
		    strcmp(buf_cstr(&out), job->expected))
			job->ok = 0;
		free(err);
		buf_free(&out);
	}
	return NULL;
}

static void test_threads(void **state)
{
	(void)state;
	mus_env *env = mus_env_new(load, NULL);
	value *ctx = value_map();
	value *items = value_list();
	value_push(items, value_str("x"));
	value_set(ctx, "items", items);
	value_set_str(ctx, "title", "T");
	value_set_str(ctx, "site", "S");
	char *err = NULL;
	mus_template *page = mus_env_get(env, "page", &err);
	assert_non_null(page);
	buf first = {0};
	assert_int_equal(mus_render(env, page, ctx, &first, &err), 1);
	thread_job jobs[4];
	pthread_t th[4];
	for (int i = 0; i < 4; i++) {
		jobs[i] = (thread_job){env, page, ctx, buf_cstr(&first), 0};
		assert_int_equal(pthread_create(&th[i], NULL, render_thread, &jobs[i]), 0);
	}
	for (int i = 0; i < 4; i++) {
		pthread_join(th[i], NULL);
		assert_true(jobs[i].ok);
	}
	buf_free(&first);
	value_free(ctx);
	mus_env_free(env);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_interpolation_escapes),
		cmocka_unit_test(test_section_over_list),
		cmocka_unit_test(test_syntax_errors),
		cmocka_unit_test(test_missing_partial_strict),
		cmocka_unit_test(test_partial_recursion_bounded),
		cmocka_unit_test(test_exponential_partials_bounded),
		cmocka_unit_test(test_layout_with_blocks),
		cmocka_unit_test(test_partial_indentation),
		cmocka_unit_test(test_hostile_input),
		cmocka_unit_test(test_threads),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

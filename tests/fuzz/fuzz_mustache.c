/* fuzz_mustache.c: libFuzzer harness for the Mustache engine (mustache.c):
 * compiles the input and renders it over a fixed context that looks like
 * a page's (strings with HTML, numbers, lists, lambdas, partial names).
 *
 * Input: the template, then any number of partials, each after a NUL byte
 * as "NAME\nTEXT". Odd-length inputs render in strict mode (as the site
 * build does), even-length ones as the spec does. */
#include "diag.h"
#include "mustache.h"
#include "util.h"
#include "value.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define CHECK(c) ((c) ? (void)0 : abort())

/* Sections over a list of n items nested d deep render n^d times; that is
 * what Mustache means, not a bug. Only "items" and "list" have more than
 * one item, so inputs naming them more often than this are compiled but
 * not rendered. */
#define MAX_LIST_NAMES 10

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct input {
	const char *data;
	size_t size;
} input;

/* Serves the partial NAME from the input (see the file comment). */
static int load_partial(void *ud, const char *name, char **text, char **path)
{
	const input *in = ud;
	size_t nl = strlen(name);
	const char *end = in->data + in->size;
	const char *p = memchr(in->data, 0, in->size);
	while (p) {
		p++; /* past the NUL: a partial starts here */
		const char *next = memchr(p, 0, (size_t)(end - p));
		const char *stop = next ? next : end;
		const char *eol = memchr(p, '\n', (size_t)(stop - p));
		if (eol && (size_t)(eol - p) == nl && !memcmp(p, name, nl)) {
			*text = xstrndup(eol + 1, (size_t)(stop - eol - 1));
			*path = NULL;
			return 1;
		}
		p = next;
	}
	return 0;
}

/* {{lambda}} and {{#lambda}}...{{/lambda}}: returns a template. */
static char *lambda_wrap(void *ud, const char *text)
{
	(void)ud;
	return text ? xasprintf("<b>%s</b>{{title}}", text) : xstrdup("{{title}}&{{{html}}}");
}

/* Renders itself again: the engine must stop it at its nesting limit. */
static char *lambda_recurse(void *ud, const char *text)
{
	(void)ud;
	return xstrdup(text ? "{{#recurse}}x{{/recurse}}" : "{{recurse}}");
}

/* Returns nothing (NULL): renders as empty. */
static char *lambda_null(void *ud, const char *text)
{
	(void)ud;
	(void)text;
	return NULL;
}

static value *make_link(const char *title, const char *url)
{
	value *m = value_map();
	value_set_str(m, "title", title);
	value_set_str(m, "url", url);
	return m;
}

static value *make_context(void)
{
	value *ctx = value_map();
	value_set_str(ctx, "title", "内部不正 <script>alert(1)</script>");
	value_set_str(ctx, "html", "<p class=\"x\">a &amp; b</p>");
	value_set_str(ctx, "empty", "");
	value_set_str(ctx, "partial", "p");
	value_set_str(ctx, "layout", "layout");
	value_set_num(ctx, "zero", 0);
	value_set_num(ctx, "pi", 3.25);
	value_set_num(ctx, "big", 1e300);
	value_set_bool(ctx, "yes", 1);
	value_set_bool(ctx, "no", 0);
	value_set(ctx, "nothing", value_null());
	value *items = value_list();
	value_push(items, make_link("ガイドライン", "guidelines/a.html"));
	value_push(items, make_link("用語集", "glossary.html"));
	value_set(ctx, "items", items);
	value *strs = value_list();
	value_push(strs, value_str("a"));
	value_push(strs, value_num(2));
	value_set(ctx, "list", strs);
	value_set(ctx, "none", value_list());
	value *page = value_map();
	value_set_str(page, "title", "ページ");
	value_set(page, "sections", value_list());
	value *sec = value_map();
	value_set_str(sec, "id", "c1");
	value_set(sec, "topics", value_list());
	value_push(value_get(page, "sections"), sec);
	value_set(page, "parent", make_link("親", "../index.html"));
	value_set(ctx, "page", page);
	value_set(ctx, "lambda", value_func(lambda_wrap, NULL));
	value_set(ctx, "recurse", value_func(lambda_recurse, NULL));
	value_set(ctx, "null_fn", value_func(lambda_null, NULL));
	return ctx;
}

static value *ctx;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	diag_set_quiet(1);
	ctx = make_context();
	return 0;
}

/* How often the input names a list of several items (an upper bound of
 * the sections over one). */
static size_t count_list_names(const char *s, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += (i + 5 <= n && !memcmp(s + i, "items", 5)) || (i + 4 <= n && !memcmp(s + i, "list", 4));
	return k;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	input in = {(const char *)data, size};
	const char *nul = memchr(in.data, 0, size);
	size_t tlen = nul ? (size_t)(nul - in.data) : size;
	diag_reset();

	char *err = NULL;
	mus_template *t = mus_compile(in.data, tlen, "fuzz.mustache", &err);
	if (!t) {
		CHECK(err != NULL);
		free(err);
		return 0;
	}
	CHECK(err == NULL);
	if (count_list_names(in.data, size) <= MAX_LIST_NAMES) {
		mus_env *env = mus_env_new(load_partial, &in);
		mus_env_set_strict(env, size & 1);
		buf out = {0};
		if (!mus_render(env, t, ctx, &out, &err)) {
			CHECK(err != NULL);
			free(err);
		} else
			CHECK(err == NULL);
		buf_free(&out);
		mus_env_free(env);
	}
	mus_free(t);
	return 0;
}

/* fuzz_frontmatter.c: libFuzzer harness for how stage 1 reads a Markdown
 * file: the YAML loader (yamlvalue.c) on any bytes, then, for what
 * read_input lets through (UTF-8, no NUL, BOM dropped), the front-matter
 * split (load.c) and the Markdown body (markdown.c). Odd-length inputs
 * render with raw HTML allowed. */
#include "diag.h"
#include "markdown.h"
#include "load.h"
#include "util.h"
#include "value.h"
#include "yamlvalue.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A broken invariant is a crash libFuzzer keeps. */
#define CHECK(c) ((c) ? (void)0 : abort())

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	diag_set_quiet(1);
	return 0;
}

/* Renders a value the two ways templates and JSON output do. */
static void print_value(const value *v)
{
	buf b = {0};
	value_to_json(v, &b);
	value_to_text(v, &b);
	buf_free(&b);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data;
	diag_reset();

	value *y = yaml_parse(in, size, "fuzz.yaml", 0);
	CHECK(y || diag_errors() > 0);
	if (y)
		print_value(y);
	value_free(y);

	size_t bad;
	if (memchr(in, 0, size) || !utf8_valid(in, size, &bad))
		return 0;
	char *text = xstrndup(in, size);
	size_t len = size;
	if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3)) {
		memmove(text, text + 3, len - 3 + 1);
		len -= 3;
	}
	diag_reset();
	const char *body;
	int body_line;
	value *meta = split_front_matter("fuzz.md", text, len, &body, &body_line);
	if (!meta) {
		CHECK(diag_errors() > 0);
	} else {
		CHECK(meta->type == V_MAP);
		CHECK(body >= text && body <= text + len);
		CHECK(body_line >= 1);
		print_value(meta);
		int flags = size & 1 ? MD_ALLOW_HTML : 0;
		md_doc d;
		md_render(body, (size_t)(text + len - body), body_line - 1, flags, NULL, &d);
		CHECK(d.html != NULL);
		size_t hl = strlen(d.html);
		for (size_t i = 0; i < d.n_h; i++) {
			md_heading *h = &d.h[i];
			/* an empty {#} is reported by resolve (md_valid_id) */
			CHECK(h->id && h->text && (*h->id || h->explicit_id));
			CHECK(h->level >= 1 && h->level <= 6);
			/* resolve cuts the HTML into sections at these offsets */
			CHECK(h->html_off <= hl && (i == 0 || h->html_off >= d.h[i - 1].html_off));
			if (!flags)
				CHECK(h->html_off + 2 < hl && !memcmp(d.html + h->html_off, "<h", 2));
		}
		/* ids are unique within the document */
		const char **ids = xcalloc(d.n_h + 1, sizeof *ids);
		for (size_t i = 0; i < d.n_h; i++)
			ids[i] = d.h[i].id;
		qsort(ids, d.n_h, sizeof *ids, cmp_str);
		for (size_t i = 1; i < d.n_h; i++)
			CHECK(strcmp(ids[i - 1], ids[i]) != 0);
		free(ids);
		for (size_t i = 0; i < d.n_links; i++)
			CHECK(d.links[i].href != NULL);
		md_doc_free(&d);
		value_free(meta);
	}
	free(text);
	return 0;
}

/* test_write.c: stage 7: which outputs may be replaced, the temporary
 * directory (marked, locked), the atomic swap, and serve's kept tree. */
#include "cm.h"
#include "build.h"
#include "diag.h"
#include "site.h"
#include "util.h"
#include "write.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *base;

static int setup(void **st)
{
	(void)st;
	diag_set_quiet(1);
	base = xstrdup("/tmp/shirube-write-XXXXXX");
	return mkdtemp(base) ? 0 : -1;
}

static int teardown(void **st)
{
	(void)st;
	remove_tree(base);
	free(base);
	return 0;
}

static char *at(const char *rel)
{
	return path_join(base, rel);
}

static int exists(const char *rel)
{
	char *p = at(rel);
	struct stat st;
	int ok = lstat(p, &st) == 0;
	free(p);
	return ok;
}

static void test_out_allowed(void **st)
{
	(void)st;
	diag_reset();
	site *s = site_new();
	s->project_dir = at("project");
	s->content_dir = at("project/content");
	mkdir_p(s->content_dir);
	char *fresh = at("fresh"), *foreign = at("foreign"), *file = at("foreign/f"), *link = at("link");
	assert_true(write_out_allowed(s, fresh));           /* missing: fine */
	assert_false(write_out_allowed(s, s->project_dir)); /* the sources */
	assert_false(write_out_allowed(s, base));           /* holds them */
	assert_true(write_file(file, "x", 1));
	assert_false(write_out_allowed(s, foreign));        /* not ours */
	assert_int_equal(symlink(fresh, link), 0);
	assert_false(write_out_allowed(s, link));           /* a link */
	assert_int_equal(diag_errors(), 4);
	free(fresh), free(foreign), free(file), free(link);
	site_free(s);
}

static void test_begin_commit(void **st)
{
	(void)st;
	diag_reset();
	build_ctx *b = build_ctx_new(0, 0);
	char *out = at("site");
	for (int round = 0; round < 2; round++) {
		char *tmp = write_begin(b, out);
		assert_non_null(tmp);
		char *marker = path_join(tmp, OUT_MARKER), *page = path_join(tmp, "index.html");
		assert_int_equal(access(marker, F_OK), 0);
		assert_true(write_file(page, round ? "two" : "one", 3));
		free(marker), free(page);
		assert_true(write_commit(b, tmp, out)); /* frees tmp */
		write_end(b);
	}
	char *text, *page = path_join(out, "index.html");
	size_t len;
	assert_true(read_file(page, &text, &len));
	assert_string_equal(text, "two");
	free(text), free(page);
	/* nothing left beside it */
	char **names;
	size_t n;
	assert_true(dir_names(base, &names, &n));
	for (size_t i = 0; i < n; i++)
		assert_null(strstr(names[i], ".tmp-"));
	free_names(names, n);
	assert_int_equal(diag_errors(), 0);
	free(out);
	build_ctx_free(b);
}

/* serve keeps the site a swap moved out and renders the next build over it */
static void test_serve_spare(void **st)
{
	(void)st;
	diag_reset();
	build_ctx *b = build_ctx_new(0, 1);
	char *out = at("preview");
	char *t1 = write_begin(b, out);
	char *old = path_join(t1, "old.html");
	assert_true(write_file(old, "x", 1));
	free(old);
	assert_true(write_commit(b, t1, out));
	write_end(b);
	char *t2 = write_begin(b, out);
	assert_true(write_commit(b, t2, out)); /* t1's tree moves out, kept */
	write_end(b);
	assert_non_null(b->spare.dir); /* the first tree, kept */
	char *t3 = write_begin(b, out);
	assert_true(b->recycled);
	char *was = path_join(t3, "old.html"); /* rendered over the kept tree */
	assert_int_equal(access(was, F_OK), 0);
	free(was);
	assert_non_null(b->log);
	char *kept = path_join(t3, "new.html");
	assert_true(write_file_logged(b->log, kept, "y", 1));
	free(kept);
	assert_true(write_sweep(b, t3, 0));
	char *gone = path_join(t3, "old.html"), *stays = path_join(t3, "new.html");
	assert_int_equal(access(gone, F_OK), -1);
	assert_int_equal(access(stays, F_OK), 0);
	free(gone), free(stays);
	write_abort(b, t3);
	write_end(b);
	build_ctx_free(b);
	assert_true(exists("preview"));
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_out_allowed),
		cmocka_unit_test(test_begin_commit),
		cmocka_unit_test(test_serve_spare),
	};
	return cmocka_run_group_tests_name("write", tests, setup, teardown);
}

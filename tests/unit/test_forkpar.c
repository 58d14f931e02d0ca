/* test_forkpar.c: jobs shared with a forked helper process, and md_doc
 * serialisation (how the helper hands rendered Markdown back). */
#include "cm.h"
#include "forkpar.h"
#include "markdown.h"
#include "util.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct squares {
	long *out;
	pid_t parent;
	int crash_after; /* the helper dies after this many jobs (0: never) */
	int done_here;   /* jobs the helper ran (counted in the helper only) */
} squares;

static void sq_run(size_t i, void *ud)
{
	squares *q = ud;
	if (getpid() != q->parent && q->crash_after && ++q->done_here > q->crash_after)
		raise(SIGKILL); /* the helper dies between claiming a job and delivering it */
	/* a little work, so both processes get some of the jobs */
	long v = 0;
	for (long k = 0; k < 20000; k++)
		v += (long)i * (long)i + k % 3;
	q->out[i] = v;
}

static void sq_put(size_t i, void *ud, buf *b)
{
	squares *q = ud;
	buf_put(b, (const char *)&q->out[i], sizeof(long));
}

static int sq_get(size_t i, void *ud, const char *data, size_t len)
{
	squares *q = ud;
	if (len != sizeof(long))
		return 0;
	memcpy(&q->out[i], data, sizeof(long));
	return 1;
}

static long expect(size_t i)
{
	long v = 0;
	for (long k = 0; k < 20000; k++)
		v += (long)i * (long)i + k % 3;
	return v;
}

static void run_case(int crash_after, size_t *got)
{
	size_t n = 400;
	squares q = {xcalloc(n, sizeof(long)), getpid(), crash_after, 0};
	static const forkpar_ops ops = {sq_run, sq_put, sq_get};
	*got = forkpar_run(n, 1, &ops, &q);
	for (size_t i = 0; i < n; i++)
		assert_true(q.out[i] == expect(i));
	free(q.out);
}

static void test_shared(void **st)
{
	(void)st;
	size_t got;
	run_case(0, &got);
	/* on more than one core the helper did part of the work */
	if (sysconf(_SC_NPROCESSORS_ONLN) > 1 && !getenv("SHIRUBE_THREADS"))
		assert_true(got > 0 && got < 400);
}

static void test_helper_dies(void **st)
{
	(void)st;
	size_t got;
	run_case(5, &got); /* every result is still right */
	assert_true(got <= 5);
}

static void test_serial(void **st)
{
	(void)st;
	size_t n = 50;
	squares q = {xcalloc(n, sizeof(long)), getpid(), 0, 0};
	static const forkpar_ops ops = {sq_run, sq_put, sq_get};
	assert_int_equal(forkpar_run(n, 0, &ops, &q), 0);
	for (size_t i = 0; i < n; i++)
		assert_true(q.out[i] == expect(i));
	free(q.out);
}

static void test_md_roundtrip(void **st)
{
	(void)st;
	const char *md = "# Title {#top topics=a,b}\n\nSee [x](other.md#s) and [y](https://e.x/) ![img](a.png).\n\n## 日本語の見出し\n\ntext\n";
	md_doc d, back;
	md_render(md, strlen(md), 3, 0, NULL, &d);
	buf b = {0};
	md_doc_put(&b, &d);
	assert_int_equal(md_doc_get(b.s, b.len, &back), 1);
	assert_string_equal(back.html, d.html);
	assert_int_equal(back.n_h, d.n_h);
	for (size_t i = 0; i < d.n_h; i++) {
		assert_string_equal(back.h[i].id, d.h[i].id);
		assert_string_equal(back.h[i].text, d.h[i].text);
		assert_int_equal(back.h[i].line, d.h[i].line);
		assert_int_equal(back.h[i].level, d.h[i].level);
		assert_int_equal(back.h[i].html_off, d.h[i].html_off);
		if (d.h[i].topics)
			assert_string_equal(back.h[i].topics, d.h[i].topics);
		else
			assert_null(back.h[i].topics);
	}
	assert_int_equal(back.n_links, d.n_links);
	for (size_t i = 0; i < d.n_links; i++) {
		assert_string_equal(back.links[i].href, d.links[i].href);
		assert_string_equal(back.links[i].written, d.links[i].written);
		assert_int_equal(back.links[i].image, d.links[i].image);
		assert_int_equal(back.links[i].col, d.links[i].col);
	}
	/* every truncation, and trailing junk, is refused without a leak */
	for (size_t cut = 0; cut < b.len; cut++) {
		md_doc bad;
		assert_int_equal(md_doc_get(b.s, cut, &bad), 0);
		assert_null(bad.html);
	}
	buf_putc(&b, 'x');
	md_doc bad;
	assert_int_equal(md_doc_get(b.s, b.len, &bad), 0);
	buf_free(&b);
	md_doc_free(&d);
	md_doc_free(&back);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shared),
		cmocka_unit_test(test_helper_dies),
		cmocka_unit_test(test_serial),
		cmocka_unit_test(test_md_roundtrip),
	};
	return cmocka_run_group_tests_name("forkpar", tests, NULL, NULL);
}

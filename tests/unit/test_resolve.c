/* test_resolve.c: stage 2 on the in-memory fixture: Markdown rendered with
 * auto-links, sections and their topics, coverage cells, journeys and the
 * cross-links (relations are in the golden sites). */
#include "cm.h"
#include "context.h"
#include "fixture.h"
#include "resolve.h"

static site *resolved(void)
{
	site *s = fx_site();
	build_ctx b = {0};
	b.threads = 1;
	resolve_site(s, &b);
	return s;
}

static void test_sections_and_autolinks(void **st)
{
	(void)st;
	site *s = resolved();
	assert_int_equal(diag_errors(), 0);
	page *a = site_find(s, PAGE_GUIDELINE, "alpha");
	value *secs = page_sections(a);
	assert_int_equal(value_len(secs), 2);
	assert_string_equal(value_get_cstr(value_at(secs, 0), "id"), "backup");
	/* the first mention of a topic in a section links to it */
	assert_non_null(strstr(value_get_cstr(value_at(secs, 0), "html"), "<a href=\"../topics/backup.html\">バックアップ</a>"));
	value *tags = value_get(value_at(secs, 1), "topics");
	assert_string_equal(value_get_cstr(value_at(tags, 0), "id"), "insider");
	assert_true(value_truthy(value_get(value_at(tags, 0), "partial")));
	assert_string_equal(page_short_title(a), "A");
	site_free(s);
}

static void test_coverage_cells(void **st)
{
	(void)st;
	site *s = resolved();
	page *ins = site_find(s, PAGE_TOPIC, "insider"), *bk = site_find(s, PAGE_TOPIC, "backup");
	value *cells = topic_cells(ins);
	assert_int_equal(value_len(cells), 2); /* one per guideline, in page order */
	assert_string_equal(value_get_cstr(value_at(cells, 0), "level"), "partial");   /* alpha: :partial tag */
	assert_string_equal(value_get_cstr(value_at(cells, 1), "level"), "not-covered"); /* beta: coverage: */
	assert_string_equal(value_get_cstr(value_at(topic_cells(bk), 1), "level"), "covered");
	assert_int_equal(value_len(value_get(bk->data, "covered_by")), 2);
	site_free(s);
}

/* The reader's 「出典:」 line names the document and its version once, even
 * when the short title already ends with the version (「10大脅威 2026」). */
static void test_evidence_source_names_version_once(void **st)
{
	(void)st;
	site *s = fx_site();
	fx_page(s, PAGE_GUIDELINE, "yearly", "guidelines/yearly.html",
		"title: 年報 2026\nshort_title: 年報 2026\npublisher: P\nversion: '2026'\nurl: https://example.org/y\n"
		"summary_manager: m\nsummary_staff: s\nstatus: current\ncoverage:\n"
		"  backup: {level: partial, where: 第1章, checked: 2026-12-05}\n"
		"  insider: {level: partial, where: 第2章, edition: 2025年版, checked: 2026-12-05}\n",
		"本文。\n");
	fx_page(s, PAGE_GUIDELINE, "v2", "guidelines/v2.html",
		"title: 手引き2026\nshort_title: 手引き2026\npublisher: P\nversion: '2026'\nurl: https://example.org/v\n"
		"summary_manager: m\nsummary_staff: s\nstatus: current\ncoverage:\n"
		"  backup: {level: partial, where: 第3章, checked: 2026-12-05}\n"
		"  insider: {level: partial, where: 2026年版「概要」, checked: 2026-12-05}\n",
		"本文。\n");
	fx_page(s, PAGE_GUIDELINE, "appx", "guidelines/appx.html",
		"title: 付録\nshort_title: 付録集\npublisher: P\nversion: 第3版 付録1\nurl: https://example.org/x\n"
		"summary_manager: m\nsummary_staff: s\nstatus: current\ncoverage:\n"
		"  backup: {level: partial, where: 付録1 全体, checked: 2026-12-05}\n"
		"  insider: {level: partial, where: 付録10 の表, checked: 2026-12-05}\n",
		"本文。\n");
	build_ctx b = {0};
	b.threads = 1;
	resolve_site(s, &b);
	assert_int_equal(diag_errors(), 0);
	value *bk = topic_cells(site_find(s, PAGE_TOPIC, "backup"));
	value *ins = topic_cells(site_find(s, PAGE_TOPIC, "insider"));
	assert_string_equal(value_get_cstr(value_at(bk, 2), "ev_source"), "出典: 年報 2026 第1章（2026-12 確認）");
	/* another edition than the title's is still named */
	assert_string_equal(value_get_cstr(value_at(ins, 2), "ev_source"), "出典: 年報 2026 2025年版 第2章（2026-12 確認）");
	/* only a whole word is dropped: 「手引き2026」 keeps its version */
	assert_string_equal(value_get_cstr(value_at(bk, 3), "ev_source"), "出典: 手引き2026 2026 第3章（2026-12 確認）");
	/* a where that opens with the version continues from it */
	assert_string_equal(value_get_cstr(value_at(ins, 3), "ev_source"), "出典: 手引き2026 2026年版「概要」（2026-12 確認）");
	assert_string_equal(value_get_cstr(value_at(bk, 4), "ev_source"), "出典: 付録集 第3版 付録1 全体（2026-12 確認）");
	assert_string_equal(value_get_cstr(value_at(ins, 4), "ev_source"), "出典: 付録集 第3版 付録1 付録10 の表（2026-12 確認）");
	site_free(s);
}

static void test_journey_and_crosslinks(void **st)
{
	(void)st;
	site *s = resolved();
	page *j = site_find(s, PAGE_JOURNEY, "start");
	value *steps = value_get(j->data, "step_list");
	assert_int_equal(value_len(steps), 2);
	value *after = value_get(value_at(steps, 1), "after_links");
	assert_string_equal(value_get_cstr(value_at(after, 0), "id"), "read");
	/* crosslink: the guideline knows the journey step that uses it */
	page *a = site_find(s, PAGE_GUIDELINE, "alpha");
	value *in = value_get(a->data, "in_journeys");
	assert_int_equal(value_len(in), 1);
	assert_string_equal(value_get_cstr(value_at(in, 0), "url"), "journeys/start.html#step-read");
	/* and beta has a backlink from alpha's Markdown link */
	page *b = site_find(s, PAGE_GUIDELINE, "beta");
	assert_string_equal(value_get_cstr(value_at(value_get(b->data, "backlinks"), 0), "url"), "guidelines/alpha.html");
	site_free(s);
}

static void test_unknown_topic_reported(void **st)
{
	(void)st;
	site *s = fx_site();
	fx_page(s, PAGE_GUIDELINE, "gamma", "guidelines/gamma.html",
		"title: G\nshort_title: G\npublisher: P\nversion: '1'\nurl: https://example.org/g\nsummary_manager: m\nsummary_staff: s\nstatus: current\n",
		"## x {#x topics=nosuch}\n");
	build_ctx b = {0};
	b.threads = 1;
	assert_int_equal(resolve_site(s, &b), 0);
	assert_int_equal(diag_errors(), 1);
	site_free(s);
}

/* A persona's questions {q, answer, see} and journeys [{id, why}]: see
 * resolves guideline sections and journey steps; a missing answer and an
 * unknown reference are errors at their line and column. */
static void test_persona_questions(void **st)
{
	(void)st;
	site *s = fx_site();
	page *per = fx_page(s, PAGE_PERSONA, "clerk", "personas/clerk.html",
			    "name: 事務\nrole: 担当\nquestions:\n"
			    "  - {q: 何から？, answer: 控えから。, see: alpha#backup}\n"
			    "  - {q: 次は？, answer: 読む。, see: [start#act, backup]}\n"
			    "  - {q: 誰に？, see: [nosuch#x]}\n"
			    "  - 答えのない質問\n"
			    "journeys:\n  - {id: start, why: まず}\n  - nojourney\n", NULL);
	build_ctx b = {0};
	b.threads = 1;
	buf out = {0};
	diag_set_capture(&out);
	resolve_site(s, &b);
	diag_set_capture(NULL);
	const char *msgs = buf_cstr(&out);
	if (getenv("FIXTURE_VERBOSE"))
		fputs(msgs, stderr);
	/* no answer, unknown reference, unknown journey: at their line:col
	 * (the fixture parses meta as front matter: line 1 is the ---) */
	assert_int_equal(diag_errors(), 3);
	assert_non_null(strstr(msgs, "fixture/clerk.md:6:5: error: a question needs answer"));
	assert_non_null(strstr(msgs, "fixture/clerk.md:6:20: error: unknown reference 'nosuch#x'"));
	assert_non_null(strstr(msgs, "fixture/clerk.md:10:5: error: unknown journey 'nojourney'"));
	assert_non_null(strstr(msgs, "fixture/clerk.md:7:5: warning: a question without an answer"));
	value *qs = value_get(per->data, "question_list");
	assert_int_equal(value_len(qs), 4);
	value *l0 = value_get(value_at(qs, 0), "see_links");
	assert_string_equal(value_get_cstr(value_at(l0, 0), "url"), "guidelines/alpha.html#backup");
	value *l1 = value_get(value_at(qs, 1), "see_links");
	assert_string_equal(value_get_cstr(value_at(l1, 0), "url"), "journeys/start.html#step-act");
	assert_string_equal(value_get_cstr(value_at(l1, 0), "title"), "はじめの一歩 やる");
	assert_string_equal(value_get_cstr(value_at(l1, 1), "url"), "topics/backup.html");
	value *js = value_get(per->data, "journey_links");
	assert_int_equal(value_len(js), 1);
	assert_string_equal(value_get_cstr(value_at(js, 0), "why"), "まず");
	buf_free(&out);
	site_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sections_and_autolinks),
		cmocka_unit_test(test_coverage_cells),
		cmocka_unit_test(test_evidence_source_names_version_once),
		cmocka_unit_test(test_journey_and_crosslinks),
		cmocka_unit_test(test_unknown_topic_reported),
		cmocka_unit_test(test_persona_questions),
	};
	return cmocka_run_group_tests_name("resolve", tests, NULL, NULL);
}

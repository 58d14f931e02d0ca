/* fixture.h: a small site built in memory for the stage tests (no files):
 * two guidelines, two topics, a persona and a journey, as load would leave
 * them (meta from YAML text, the Markdown body not yet rendered). The
 * theme is the repository's (tests run from the repository root). */
#include "diag.h"
#include "site.h"
#include "util.h"
#include "yamlvalue.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static value *fx_yaml_at(const char *text, const char *path)
{
	value *v = yaml_parse(text, strlen(text), path, 0);
	return v ? v : value_map();
}

static value *fx_yaml(const char *text)
{
	return fx_yaml_at(text, "fixture.yaml");
}

/* Adds a page of kind with front matter yaml and Markdown body md. */
static page *fx_page(site *s, page_kind kind, const char *id, const char *out, const char *yaml, const char *md)
{
	char *src = xasprintf("fixture/%s.md", id);
	page *p = site_add_page(s, kind, id, src, out);
	free(src);
	p->meta = fx_yaml_at(yaml, p->src);
	if (md) {
		p->body_src = xstrdup(md);
		p->body_len = strlen(md);
		p->body_line = 1;
	}
	return p;
}

static site *fx_site(void)
{
	diag_set_quiet(getenv("FIXTURE_VERBOSE") == NULL);
	diag_reset();
	site *s = site_new();
	s->project_dir = xstrdup(".");
	s->content_dir = xstrdup("fixture");
	s->personas_dir = xstrdup("fixture-personas");
	s->journeys_dir = xstrdup("fixture-journeys");
	s->theme_dir = xstrdup("themes/default");
	s->base_url = xstrdup("");
	s->config = value_map();
	s->cfg.autolink = s->cfg.search = 1;
	s->cfg.title = "fixture";
	s->i18n = fx_yaml("changes_title: 更新履歴\nnav_guidelines: ガイドライン\n");
	fx_page(s, PAGE_GUIDELINE, "alpha", "guidelines/alpha.html",
		"title: アルファ\nshort_title: A\npublisher: P\nversion: '1'\nurl: https://example.org/a\n"
		"summary_manager: m\nsummary_staff: s\nstatus: current\naudience: [owner]\n",
		"はじめに。\n\n## バックアップ {#backup topics=backup}\n\nバックアップを取る。\n\n"
		"## 内部不正 {#insider topics=insider:partial}\n\n[ベータ](beta.html)を参照。\n");
	fx_page(s, PAGE_GUIDELINE, "beta", "guidelines/beta.html",
		"title: ベータ\nshort_title: B\npublisher: P\nversion: '2'\nurl: https://example.org/b\n"
		"summary_manager: m\nsummary_staff: s\nstatus: current\ncoverage:\n  insider: not-covered\n",
		"## 予備 {#spare topics=backup}\n\n本文。\n");
	fx_page(s, PAGE_TOPIC, "backup", "topics/backup.html",
		"title: バックアップ\ntitle_en: Backup\nreading: ばっくあっぷ\nsynonyms: [バックアップ]\n", "控えを取ること。\n");
	fx_page(s, PAGE_TOPIC, "insider", "topics/insider.html", "title: 内部不正\ntitle_en: Insider threats\nreading: ないぶふせい\n",
		"組織の中の人による不正。\n");
	page *per = fx_page(s, PAGE_PERSONA, "owner", "personas/owner.html", "name: 社長\nrole: 経営者\njourneys: [start]\n", NULL);
	per->src = intern_path("fixture-personas/owner.yaml");
	page *j = fx_page(s, PAGE_JOURNEY, "start", "journeys/start.html",
			  "title: はじめの一歩\npersona: owner\nsteps:\n"
			  "  - {id: read, title: 読む, refs: [alpha#backup]}\n"
			  "  - {id: act, title: やる, refs: [backup], after: [read]}\n", NULL);
	j->src = intern_path("fixture-journeys/start.yaml");
	return s;
}

#if defined(SHIRUBE_RESOLVE_H) && defined(SHIRUBE_GENERATE_H)
/* The fixture through stages 2 and 3 (outside git), as render and index
 * find it; b is the caller's zeroed build context. */
static site *fx_generated(build_ctx *b, int threads)
{
	setenv("SHIRUBE_GIT", "0", 1);
	site *s = fx_site();
	b->threads = threads;
	resolve_site(s, b);
	generate_site(s, b);
	return s;
}
#endif

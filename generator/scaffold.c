/* scaffold.c: commented templates for new content files. The comments are
 * the field reference an editor needs at hand; docs/content-format.md has
 * the full story. */
#include "scaffold.h"
#include "diag.h"
#include "site.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char GUIDELINE[] =
	"---\n"
	"# A guideline summarised in our own words. Facts (names, versions, dates,\n"
	"# URLs) only from the verified fact sheet; list unverified ones below.\n"
	"draft: true                          # not published until you remove this line\n"
	"title: 正式名称（版を含む）          # required\n"
	"short_title: 短い名前                # required: tables and chips\n"
	"publisher: 発行元                    # required\n"
	"version: \"第1版\"                     # required: the version summarised (quote numbers)\n"
	"published: \"YYYY-MM-DD\"              # YYYY-MM-DD, YYYY-MM or YYYY; remove if unknown\n"
	"url: https://example.go.jp/...       # required: the official source\n"
	"# urls:                              # optional further official links\n"
	"#   - {label: PDF, url: \"https://...\"}\n"
	"audience: []                         # persona ids (file names in personas/)\n"
	"status: current                      # current | superseded\n"
	"# superseded_by: other-guideline-id  # only with status: superseded\n"
	"unverified: []                       # fields shown as 未確認, e.g. [published]\n"
	"summary_manager: >-                  # 経営者向け, at most 3 sentences (required)\n"
	"  ...\n"
	"summary_staff: >-                    # 担当者向け, at most 3 sentences (required)\n"
	"  ...\n"
	"read_when:                           # 「こんなときに読む」\n"
	"  - ...\n"
	"# coverage:                          # evidence per topic (docs/content-format.md)\n"
	"#   cloud: {level: not-covered, where: 全体, checked: YYYY-MM-DD, whole: true}\n"
	"#   insider-fraud: {level: partial, where: 第2章, checked: YYYY-MM-DD, inferred: true}\n"
	"---\n"
	"\n"
	"このガイドラインが何かを、自分の言葉で書きます。\n"
	"\n"
	"## 第1部 {#part-1}\n"
	"\n"
	"節の説明（2〜5文）。見出しの末尾に {#id topics=a,b:partial} と書くと、節のidと扱うトピックになります。\n";

static const char TOPIC[] =
	"---\n"
	"# A topic hub: every guideline section about it links here.\n"
	"draft: true                          # not published until you remove this line\n"
	"title: トピック名                    # required (Japanese)\n"
	"title_en: Topic name                 # required\n"
	"reading: よみがな                    # hiragana, for 五十音 order\n"
	"synonyms: []                         # other names: auto-linking and search\n"
	"# parent: other-topic-id\n"
	"related: []                          # topic ids\n"
	"read_first: []                       # references: guideline-id or guideline-id#section\n"
	"---\n"
	"\n"
	"中小企業の経営者向けの短い説明（3〜6文、自分の言葉で）。\n"
	"\n"
	"## まず読むところ\n"
	"\n"
	"read_first の文書から読むとよい理由を一、二文で。\n";

static const char PERSONA[] =
	"# A persona: who reads the site and what they need.\n"
	"draft: true                          # not published until you remove this line\n"
	"name: 名前（立場）                   # required\n"
	"role: 役職                           # required\n"
	"summary: 一文の紹介\n"
	"company:\n"
	"  industry: 業種\n"
	"  employees: 10\n"
	"  it: ITの環境\n"
	"goals: []\n"
	"pains: []\n"
	"questions: []                        # each answered on the page; replace [] with items like:\n"
	"#  - q: 何から始めればいい？         # the question in the persona's own words (required)\n"
	"#    answer: 一、二文の答え（自分の言葉で） # (required)\n"
	"#    see: [guideline-id#section]     # what answers it: guideline, topic, page or journey#step (required)\n"
	"journeys: []                         # in the order to take them; items like:\n"
	"#  - {id: journey-id, why: 一行の理由}  # or just the id\n";

static const char JOURNEY[] =
	"# A journey map and its step-by-step path.\n"
	"draft: true                          # not published until you remove this line\n"
	"title: 道のりの名前                  # required\n"
	"persona: persona-id                  # required: the main persona\n"
	"summary: 一文の説明\n"
	"stages:                              # the journey map, left to right\n"
	"  - id: notice\n"
	"    name: 気づく\n"
	"    actions: []\n"
	"    thoughts: []                     # thoughts and feelings\n"
	"    pains: []\n"
	"    opportunities: []\n"
	"    refs: []                         # guideline-id#section or topic ids\n"
	"steps:                               # 8-15 steps\n"
	"  - id: first-step\n"
	"    title: 最初のステップ\n"
	"    stage: notice                    # a stage id\n"
	"    logic: and                       # and | or (an alternative to the previous step)\n"
	"    optional: false\n"
	"    time: 30分\n"
	"    who: 経営者\n"
	"    done_when: 完了の目安\n"
	"    body: >-                         # Markdown\n"
	"      ...\n"
	"    refs: []                         # guideline-id#section or topic ids\n"
	"    help: []                         # where to get help\n";

int scaffold_new(const char *project, const char *kind, const char *id)
{
	const char *dir, *ext, *text;
	if (!strcmp(kind, "guideline"))
		dir = "content/guidelines", ext = ".md", text = GUIDELINE;
	else if (!strcmp(kind, "topic"))
		dir = "content/topics", ext = ".md", text = TOPIC;
	else if (!strcmp(kind, "persona"))
		dir = "personas", ext = ".yaml", text = PERSONA;
	else if (!strcmp(kind, "journey"))
		dir = "journeys", ext = ".yaml", text = JOURNEY;
	else {
		diag(DIAG_ERROR, pos_at(NULL, 0, 0), "new: unknown kind '%s'", kind);
		diag_hint("write one of: guideline, topic, persona, journey");
		return 2;
	}
	if (!site_valid_id(id)) {
		diag(DIAG_ERROR, pos_at(NULL, 0, 0), "new: invalid id '%s'", id);
		diag_hint("ids use lowercase ASCII letters, digits and '-', e.g. insider-fraud");
		return 2;
	}
	char *d = path_join(project, dir);
	char *rel = xasprintf("%s/%s%s", dir, id, ext);
	char *path = path_join(project, rel);
	int rc = 0;
	if (!mkdir_p(d)) {
		diag(DIAG_ERROR, pos_at(d, 0, 0), "cannot create the directory: %s", strerror(errno));
		rc = 1;
	} else {
		int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
		if (fd < 0) {
			if (errno == EEXIST)
			{
				diag(DIAG_ERROR, pos_at(rel, 0, 0), "already exists; not overwritten");
				diag_hint("choose another id or edit the file");
			} else
				diag(DIAG_ERROR, pos_at(rel, 0, 0), "cannot create: %s", strerror(errno));
			rc = 1;
		} else {
			size_t n = strlen(text);
			if (write(fd, text, n) != (ssize_t)n) {
				diag(DIAG_ERROR, pos_at(rel, 0, 0), "cannot write: %s", strerror(errno));
				rc = 1;
			}
			close(fd);
			if (!rc)
				printf("%s\n", rel);
		}
	}
	free(d);
	free(rel);
	free(path);
	return rc;
}

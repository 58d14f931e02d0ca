/* messages.c: see messages.h. Each Japanese format takes the same
 * conversions in the same order as its English one (tests/unit/
 * test_messages.c checks every pair). */
#include "messages.h"

#include <stdlib.h>
#include <string.h>

const msg_pair MSG_TABLE[] = {
	/* fields and references (resolve.c) */
	{"missing required field '%s'", "必須の項目 '%s' がありません"},
	{"add '%s: ...' to the front matter of %s", "%2$s のフロントマターに '%1$s: ...' の行を書いてください"},
	{"add a line '%s: ...' to %s", "%2$s に '%1$s: ...' の行を書いてください"},
	{"missing field '%s'", "項目 '%s' がありません"},
	{"'%s' must be a string, found a %s", "'%s' は文字列で書いてください（%s になっています）"},
	{"put the value in quotes, e.g. %s: \"...\"", "値を引用符で囲んでください。例: %s: \"...\""},
	{"'%s' must be a list, found a %s", "'%s' はリストで書いてください（%s になっています）"},
	{"write it as %s: [a, b] or as '- item' lines", "%s: [a, b] のように、または '- 項目' の行で書いてください"},
	{"unknown reference '%s'", "参照先 '%s' が見つかりません"},
	{"a reference is a guideline, topic or page id (the file name), or GUIDELINE#SECTION",
	 "参照はガイドライン・トピック・ページの ID（ファイル名）か、ガイドラインID#節ID です"},
	{"unknown section '%s' in %s", "節 '%s' が %s にありません"},
	{"section ids come from {#id} at the end of a heading line",
	 "節の ID は見出し行の末尾の {#id} で決まります"},
	{"unknown topic '%s'", "トピック '%s' が見つかりません"},
	{"topic ids are the file names in content/topics/", "トピックの ID は content/topics/ のファイル名です"},
	{"unknown %s '%s'", "%s '%s' が見つかりません"},
	{"unknown persona '%s'", "ペルソナ '%s' が見つかりません"},
	{"unknown guideline '%s'", "ガイドライン '%s' が見つかりません"},
	{"did you mean '%s'?", "'%s' の書き間違いではありませんか？"},
	{"did you mean '#%s'?", "'#%s' の書き間違いではありませんか？"},
	{"unknown field '%s' in %s", "%2$sに知らない項目 '%1$s' があります"},
	{"the fields of %s are listed in docs/content-format.md; others are kept for templates and hooks",
	 "%sの項目は docs/content-format.md にあります（ほかの項目はテンプレートとフック用にそのまま残ります）"},
	{"topic '%s' is covered by no guideline section", "トピック '%s' を扱うガイドラインの節がありません"},
	{"step '%s' refers to no guideline section or topic", "手順 '%s' がガイドラインの節もトピックも参照していません"},
	{"duplicate section id: line %d already uses it", "節の ID が重複しています（%d 行目ですでに使われています）"},
	{"%zu of %zu topics unreviewed: %s", "%zu / %zu 件のトピックが未確認です: %s"},
	{"no official source URL yet (listed in 'unverified')", "公式の URL がまだありません（'unverified' に記載）"},
	/* YAML (yamlvalue.c) */
	{"invalid YAML: %s", "YAML の書き方に誤りがあります: %s"},
	{"invalid YAML: %s %s", "YAML の書き方に誤りがあります: %s %s"},
	{"check indentation and quote values that contain ': ', '#', or start with '*', '&', '!', '[' or '{'",
	 "字下げを確かめ、': ' や '#' を含む値、'*' '&' '!' '[' '{' で始まる値は引用符で囲んでください"},
	{"line %zu, column %zu has %s: %s", "%zu 行 %zu 文字目に%sがあります: %s"},
	{"a full-width space (U+3000)", "全角スペース（U+3000）"},
	{"a full-width colon '\xef\xbc\x9a' (U+FF1A)", "全角コロン '\xef\xbc\x9a'（U+FF1A）"},
	{"a tab", "タブ"},
	{"use ASCII spaces for indentation and after ':'", "字下げと ':' の後には半角スペースを使ってください"},
	{"write an ASCII ':' followed by a space", "半角の ':' と半角スペースを書いてください"},
	{"YAML indents with spaces only", "YAML の字下げは半角スペースだけで書きます"},
	{"duplicate key '%s'", "項目 '%s' が重複しています"},
	/* links (links.c, validate.c) */
	{"link '%s': no page is built from %s", "リンク '%s': %s からはページが作られません"},
	{"a link to a Markdown file is relative to the file it is written in, as on GitHub (../guidelines/ID.md), or by id: [text](ID) or [text](ID#SECTION)",
	 "Markdown ファイルへのリンクは、GitHub と同じく書いているファイルからの相対パス（../guidelines/ID.md）か、ID で [文字](ID) や [文字](ID#節ID) と書きます"},
	{"the page with id '%s' is %s: write [text](%s)", "ID '%s' のページは %s です。[文字](%s) と書けます"},
	{"link '%s': no guideline, topic or page has the id '%s'", "リンク '%s': ID '%s' のガイドライン・トピック・ページはありません"},
	{"link '%s': no section '%s' in %s", "リンク '%s': 節 '%s' が %s にありません"},
	{"%s '%s' leaves the site (it is published at %s)", "%s '%s' がサイトの外を指しています（このページは %s に公開されます）"},
	{"link", "リンク"},
	{"image", "画像"},
	{"%s '%s': no such %s in the site", "%s '%s': サイトにその%sがありません"},
	{"page", "ページ"},
	{"file", "ファイル"},
	{"%s '%s': %s", "%s '%s': %s"},
	{"no element with id '%s' in %s", "ID '%s' の要素が %s にありません"},
	{"put the image under content/ and write its path relative to this file",
	 "画像は content/ の下に置き、このファイルからの相対パスで書いてください"},
	{"link to another page by its .md file (relative to this file) or by id: [text](ID#SECTION)",
	 "ほかのページへは .md ファイル（このファイルからの相対パス）か ID で [文字](ID#節ID) とリンクしてください"},
	{"orphan page: no other page links to %s", "孤立したページ: %s へリンクしているページがありません"},
	/* more of the common ones (load.c, resolve.c) */
	{"front matter is not closed", "フロントマターが閉じていません"},
	{"end the front matter with a line of three dashes: ---", "フロントマターの終わりに、ダッシュ3つだけの行 --- を書いてください"},
	{"invalid id '%s' (from the file name)", "ID '%s'（ファイル名）が使えない形です"},
	{"ids use lowercase ASCII letters, digits and '-', e.g. insider-fraud.md",
	 "ID には半角の英小文字・数字・'-' を使います。例: insider-fraud.md"},
	{"ids use lowercase ASCII letters, digits and '-', e.g. read-five-rules",
	 "ID には半角の英小文字・数字・'-' を使います。例: read-five-rules"},
	{"invalid %s id '%s'", "%s の ID '%s' が使えない形です"},
	{"duplicate id '%s'", "ID '%s' が重複しています"},
	{"a reference must be a string", "参照は文字列で書いてください"},
	{"items of '%s' must be strings, found a %s", "'%s' の項目は文字列で書いてください（%s になっています）"},
	{"a step needs an id", "手順には id が必要です"},
	{"journey ids are the file names in journeys/", "道のりの ID は journeys/ のファイル名です"},
	{"known %ss are the file names in %s", "%s の ID は %s のファイル名です"},
	{"give each heading its own {#id}; this one became '%s'", "見出しごとに別の {#id} を付けてください（この見出しは '%s' になりました）"},
	{"each key may appear once in a map; remove or rename one", "同じ項目は一度しか書けません。どちらかを消すか名前を変えてください"},
	{"file is UTF-16, not UTF-8", "ファイルが UTF-16 です。UTF-8 で保存してください"},
	{"invalid UTF-8 (byte 0x%02x)", "UTF-8 として読めないバイトがあります（0x%02x）"},
	/* kinds named in messages */
	{"topic", "トピック"},
	{"persona", "ペルソナ"},
	{"journey", "道のり"},
	{"guideline", "ガイドライン"},
	{"a guideline", "ガイドライン"},
	{"a topic", "トピック"},
	{"a page", "ページ"},
	{"a persona", "ペルソナ"},
	{"a question", "ペルソナの質問"},
	{"a persona's journey", "ペルソナの道のり"},
	{"a journey", "道のり"},
	{"a stage", "段階"},
	{"a step", "手順"},
	{"cannot read the git history (%s): pages get no last-updated dates, and the changes page and the feed stay empty",
	 "git の履歴を読めません（%s）: 各ページの最終更新日が付かず、更新履歴とフィードは空になります"},
	{"the repository belongs to another user; if you trust it, run: git config --global --add safe.directory %s (or set git_history: false)",
	 "リポジトリの所有者が別のユーザーです。信頼できるなら次を実行してください: git config --global --add safe.directory %s（または git_history: false）"},
	{"check that this user can read the repository's .git directory (its owner and permissions), or set git_history: false in the config to build without the history",
	 "このユーザーがリポジトリの .git ディレクトリを読めるか（所有者と権限）を確かめるか、設定ファイルで git_history: false にして履歴なしでビルドしてください"},
	{"the git clone is shallow: last-updated dates, the changes page and the feed show only the commits it holds",
	 "git のクローンが浅い（shallow）ため、最終更新日・更新履歴・フィードには手元にあるコミットの分しか出ません"},
	{"fetch the whole history with: git fetch --unshallow (in CI: check out with fetch-depth: 0)",
	 "履歴全体を取得してください: git fetch --unshallow（CI では fetch-depth: 0 でチェックアウト）"},
	{"an item of 'changes' must be a map with date and note", "'changes' の項目は date と note を持つマップにしてください"},
	{"write it as: - {date: 2026-12-04, note: 第3.1版の要点を追加}", "次のように書きます: - {date: 2026-12-04, note: 第3.1版の要点を追加}"},
	{"a change note needs a date YYYY-MM-DD%s%s%s", "変更メモには YYYY-MM-DD 形式の日付（date）が必要です%s%s%s"},
	{"the day of the change in the Western calendar, e.g. date: 2026-12-04", "変更した日を西暦で書きます。例: date: 2026-12-04"},
	{"a change note needs a note: the text 更新履歴 shows", "変更メモには note（更新履歴に表示する文）が必要です"},
	{"one sentence for readers, e.g. note: 第3.1版の要点を追加", "読者向けに一文で書きます。例: note: 第3.1版の要点を追加"},
	{"unknown key '%s' in a change note", "変更メモに未知のキー '%s' があります"},
	{"a change note has two keys: date and note", "変更メモのキーは date と note の二つです"},
	{"'changes' must be a list of {date, note}", "'changes' は {date, note} のリストにしてください"},
	{"write it as: changes: [{date: 2026-12-04, note: 第3.1版の要点を追加}]", "次のように書きます: changes: [{date: 2026-12-04, note: 第3.1版の要点を追加}]"},
	{"'published' must be a date YYYY-MM-DD, YYYY-MM or YYYY, not '%s'", "'published' は YYYY-MM-DD、YYYY-MM、YYYY のいずれかの日付にしてください（'%s' ではなく）"},
	{"write the Western year: %s%d年 is %d, e.g. published: \"%d\"", "西暦で書きます: %s%d年は %d 年です。例: published: \"%d\""},
	{"the date in the Western calendar, as the official document gives it; remove the field if it is unknown",
	 "公式文書に書かれた日付を西暦で書きます。分からなければこの行を消してください"},
	{"'%s' is left from the template of shirube new", "'%s' は shirube new のひな形のままです"},
	{"write the real text, or remove the field if it is optional; to keep the page unpublished meanwhile, add draft: true",
	 "実際の内容を書くか、省略できる項目なら行ごと消してください。書き終えるまで公開しないなら draft: true を付けます"},
	{"'draft' must be true or false", "'draft' は true か false にしてください"},
	{"draft: true keeps the page out of the built site; remove the line to publish it",
	 "draft: true のページはサイトに含まれません。公開するときはこの行を消します"},
	{"a draft: left out of the site", "下書きのため、サイトには含めません"},
	{"remove draft: true to publish it; ./shirube serve shows drafts, marked",
	 "公開するには draft: true を消します。./shirube serve では下書きと表示して確認できます"},
	{"stage", "段階"},
	{"step", "手順"},
	{"question", "質問"},
	{NULL, NULL},
};

static int japanese;

void msg_set_lang(const char *site_lang)
{
	const char *loc = getenv("LC_ALL");
	if (!loc || !*loc)
		loc = getenv("LC_MESSAGES");
	if (!loc || !*loc)
		loc = getenv("LANG");
	int c_locale = loc && (!strcmp(loc, "C") || !strncmp(loc, "C.", 2) || !strcmp(loc, "POSIX"));
	japanese = site_lang && !strcmp(site_lang, "ja") && !c_locale;
}

int msg_japanese(void)
{
	return japanese;
}

const char *msg_tr(const char *fmt)
{
	if (!japanese || !fmt)
		return fmt;
	for (const msg_pair *m = MSG_TABLE; m->en; m++)
		if (!strcmp(m->en, fmt))
			return m->ja;
	return fmt;
}

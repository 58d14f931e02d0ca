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
	{"a journey", "道のり"},
	{"a stage", "段階"},
	{"a step", "手順"},
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

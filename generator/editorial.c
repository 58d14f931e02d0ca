/* editorial.c: the editorial fields of front matter (see editorial.h). */
#include "editorial.h"
#include "diag.h"
#include "messages.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int editorial_date_valid(const char *d)
{
	if (!d || strlen(d) != 10 || d[4] != '-' || d[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (d[i] < '0' || d[i] > '9'))
			return 0;
	int y = (d[0] - '0') * 1000 + (d[1] - '0') * 100 + (d[2] - '0') * 10 + d[3] - '0';
	int m = (d[5] - '0') * 10 + d[6] - '0', day = (d[8] - '0') * 10 + d[9] - '0';
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (y < 1900 || m < 1 || m > 12 || day < 1)
		return 0;
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return day <= days[m - 1] + (m == 2 && leap);
}

/* One item of changes: a map {date, note}. */
static void check_change(value *it)
{
	if (it->type != V_MAP) {
		diag(DIAG_ERROR, it->pos, "an item of 'changes' must be a map with date and note");
		diag_hint("write it as: - {date: 2026-12-04, note: 第3.1版の要点を追加}");
		return;
	}
	value *date = value_get(it, "date"), *note = value_get(it, "note");
	const char *ds = value_get_cstr(it, "date"), *ns = value_get_cstr(it, "note");
	if (!date || !editorial_date_valid(ds)) {
		if (ds)
			diag(DIAG_ERROR, date->pos, "a change note needs a date YYYY-MM-DD, not '%s'", ds);
		else
			diag(DIAG_ERROR, date ? date->pos : it->pos, "a change note needs a date YYYY-MM-DD");
		diag_hint("the day of the change in the Western calendar, e.g. date: 2026-12-04");
	}
	if (!ns || !*ns) {
		diag(DIAG_ERROR, note ? note->pos : it->pos, "a change note needs a note: the text 更新履歴 shows");
		diag_hint("one sentence for readers, e.g. note: 第3.1版の要点を追加");
	}
	for (size_t k = 0; k < value_len(it); k++) {
		const char *key = value_key_at(it, k);
		if (strcmp(key, "date") && strcmp(key, "note")) {
			diag(DIAG_WARNING, value_val_at(it, k)->pos, "unknown key '%s' in a change note", key);
			diag_hint("a change note has two keys: date and note");
		}
	}
}

/* changes: [{date, note}]: the editorial changes of the page. */
static void check_changes(page *p)
{
	value *ch = value_get(p->meta, "changes");
	if (!ch)
		return;
	if (ch->type != V_LIST) {
		diag(DIAG_ERROR, ch->pos, "'changes' must be a list of {date, note}");
		diag_hint("write it as: changes: [{date: 2026-12-04, note: 第3.1版の要点を追加}]");
		return;
	}
	for (size_t i = 0; i < value_len(ch); i++)
		check_change(value_at(ch, i));
}

int editorial_is_draft(const value *meta)
{
	const value *d = meta && meta->type == V_MAP ? value_get(meta, "draft") : NULL;
	return d && d->type == V_BOOL && d->u.b;
}

/* published: YYYY, YYYY-MM or YYYY-MM-DD, a real date in the Western
 * calendar; a Japanese era year gets its Western year in the hint. */
static void check_published(page *p)
{
	value *v = value_get(p->meta, "published");
	const char *d = v && v->type == V_STR ? v->u.str.s : NULL;
	if (!d || (editorial_is_draft(p->meta) && strstr(d, "YYYY")))
		return; /* absent, a wrong type (resolve reports it), or a draft's placeholder */
	size_t n = strlen(d);
	char full[11];
	snprintf(full, sizeof full, "%s%s", d, n == 4 ? "-01-01" : n == 7 ? "-01" : "");
	if ((n == 4 || n == 7 || n == 10) && editorial_date_valid(full) && (n != 7 || d[4] == '-'))
		return;
	diag(DIAG_ERROR, v->pos, "'published' must be a date YYYY-MM-DD, YYYY-MM or YYYY, not '%s'", d);
	static const struct { const char *era; int base; } eras[] = {{"令和", 2018}, {"平成", 1988}, {"昭和", 1925}};
	for (size_t i = 0; i < sizeof eras / sizeof *eras; i++) {
		size_t el = strlen(eras[i].era);
		if (!strncmp(d, eras[i].era, el)) {
			int y = atoi(d + el);
			if (!strncmp(d + el, "元", strlen("元")))
				y = 1;
			if (y > 0) {
				diag_hint("write the Western year: %s%d年 is %d, e.g. published: \"%d\"", eras[i].era, y, eras[i].base + y, eras[i].base + y);
				return;
			}
		}
	}
	diag_hint("the date in the Western calendar, as the official document gives it; remove the field if it is unknown");
}

/* Text left from the templates of `shirube new` (scaffold.c). */
static const char *placeholder_in(const char *s)
{
	static const char *const exact[] = {"...", "正式名称（版を含む）", "短い名前", "発行元", "トピック名",
					    "Topic name", "よみがな", "名前（立場）", "役職", "一文の紹介",
					    "道のりの名前", "一文の説明", "最初のステップ", "完了の目安", NULL};
	static const char *const inside[] = {"YYYY", "://example.go.jp", "https://...", "自分の言葉で書きます",
					     "自分の言葉で）", "節の説明（2〜5文）", "read_first の文書から読むとよい理由", NULL};
	for (const char *const *e = exact; *e; e++)
		if (!strcmp(s, *e))
			return *e;
	for (const char *const *e = inside; *e; e++)
		if (strstr(s, *e))
			return *e;
	return NULL;
}

static void report_placeholder(srcpos pos, const char *what)
{
	diag(DIAG_ERROR, pos, "'%s' is left from the template of shirube new", what);
	diag_hint("write the real text, or remove the field if it is optional; to keep the page unpublished meanwhile, add draft: true");
}

/* Every string in v (front matter, recursively). */
static void check_placeholders(value *v)
{
	if (v->type == V_STR) {
		const char *ph = placeholder_in(v->u.str.s);
		if (ph)
			report_placeholder(v->pos, ph);
	}
	for (size_t i = 0; v->type == V_LIST && i < value_len(v); i++)
		check_placeholders(value_at(v, i));
	for (size_t i = 0; v->type == V_MAP && i < value_len(v); i++)
		if (strcmp(value_key_at(v, i), "published")) /* check_published reports it */
			check_placeholders(value_val_at(v, i));
}

/* The Markdown body (before resolve renders it): the sentences of the
 * templates, each found by one scan of the whole body. */
static void check_body(page *p)
{
	static const char *const body_marks[] = {"自分の言葉で書きます", "自分の言葉で）", "節の説明（2〜5文）",
						 "read_first の文書から読むとよい理由", NULL};
	const char *body = p->body_src;
	for (const char *const *m = body_marks; body && *m; m++) {
		const char *hit = strstr(body, *m);
		if (!hit)
			continue;
		int line = p->body_line;
		const char *bol = body;
		for (const char *c = body; c < hit; c++)
			if (*c == '\n')
				line++, bol = c + 1;
		int col = 1; /* in characters, as editors count */
		for (const char *c = bol; c < hit; c++)
			col += ((unsigned char)*c & 0xc0) != 0x80;
		report_placeholder(pos_at(p->src, line, col), *m);
	}
}

void editorial_check(page *p)
{
	if (!p->meta || p->meta->type != V_MAP)
		return;
	if (p->kind == PAGE_GUIDELINE)
		check_published(p);
	value *d = value_get(p->meta, "draft");
	if (d && d->type != V_BOOL) {
		diag(DIAG_ERROR, d->pos, "'draft' must be true or false");
		diag_hint("draft: true keeps the page out of the built site; remove the line to publish it");
	}
	check_changes(p);
	if (editorial_is_draft(p->meta))
		return; /* a draft may keep its placeholders */
	check_placeholders(p->meta);
	check_body(p);
}

/* editorial.c: the editorial fields of front matter (see editorial.h). */
#include "editorial.h"
#include "diag.h"
#include "util.h"

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
		diag(DIAG_ERROR, date ? date->pos : it->pos, "a change note needs a date YYYY-MM-DD%s%s%s",
		     ds ? " (not '" : "", ds ? ds : "", ds ? "')" : "");
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

void editorial_check(page *p)
{
	if (!p->meta || p->meta->type != V_MAP)
		return;
	check_changes(p);
}

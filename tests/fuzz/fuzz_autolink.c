/* fuzz_autolink.c: libFuzzer harness for the topic auto-linker: al_find
 * (autolink.c) over the input with a fixed set of synonyms, checking each
 * match against what autolink.h promises, then the input as a Markdown
 * body rendered with auto-linking (markdown.c). */
#include "autolink.h"
#include "diag.h"
#include "markdown.h"
#include "util.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHECK(c) ((c) ? (void)0 : abort())

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Topic synonyms like content/topics/ has, and forms that normalisation
 * changes: full/half width, ligatures, case folding, combining marks. */
static const struct {
	const char *text;
	int id;
} patterns[] = {
	{"内部不正", 0},
	{"内部不正防止ガイドライン", 1},
	{"ISMS", 2},
	{"ＩＳＭＳ認証", 2},
	{"バックアップ", 3},
	{"ﾊﾞｯｸｱｯﾌﾟﾃﾞｰﾀ", 3},
	{"ログ", 4},
	{"UTM", 5},
	{"e-mail", 6},
	{"標的型攻撃メール", 6},
	{"ﬁle", 7},     /* ligature: "file" */
	{"Straße", 8},  /* case folds to "strasse" */
	{"café", 9},    /* precomposed é */
	{"cafe\xcc\x81s", 9}, /* e + combining acute */
	{"a", 10},
	{"ab", 11},
	{"b c", 12},
	{"が", 13},
	{"か\xe3\x82\x99き", 13}, /* か + combining voiced mark */
	{"C++", 14},
	{"#", 15},
	{"\xe2\x80\x8b", 16}, /* zero width space */
	{"\xf0\x9f\x94\x92", 17}, /* emoji */
};
#define N_PATTERNS (sizeof patterns / sizeof *patterns)
#define N_IDS 18

static autolinker *al;
static char *normalized[N_PATTERNS];
static const char *urls[N_IDS + 1]; /* NULL-terminated, as auto_link reads it */

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	diag_set_quiet(1);
	al = al_new();
	for (size_t i = 0; i < N_PATTERNS; i++) {
		al_add(al, patterns[i].text, patterns[i].id);
		normalized[i] = al_normalize(patterns[i].text, strlen(patterns[i].text));
		/* distinct forms, so a match names one pattern */
		for (size_t j = 0; j < i; j++)
			CHECK(strcmp(normalized[i], normalized[j]) != 0);
	}
	al_build(al);
	CHECK(al_count(al) == N_PATTERNS);
	static char names[N_IDS][32];
	for (int i = 0; i < N_IDS; i++) {
		snprintf(names[i], sizeof names[i], "topics/t%d.html", i);
		urls[i] = names[i];
	}
	return 0;
}

static int is_cont(const char *s, size_t i)
{
	return ((unsigned char)s[i] & 0xc0) == 0x80;
}

static int is_alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Does the character before (or at) offset pos normalise to an ASCII
 * letter or digit next to pos? Normalises the text up to the nearest
 * ASCII byte (a character boundary: ASCII never joins what precedes it);
 * -1 when there is none within 64 bytes. */
static int alnum_next_to(const char *in, size_t size, size_t pos, int before)
{
	size_t a, b;
	if (before) {
		if (pos == 0)
			return 0;
		a = pos - 1;
		b = pos;
		while (a > 0 && (unsigned char)in[a] >= 0x80 && pos - a < 64)
			a--;
		if ((unsigned char)in[a] >= 0x80)
			return -1;
	} else {
		if (pos >= size)
			return 0;
		a = pos;
		b = pos + 1;
		while (b < size && (unsigned char)in[b] >= 0x80 && b - pos < 64)
			b++;
		if (b < size && (unsigned char)in[b] >= 0x80)
			return -1;
	}
	char *n = al_normalize(in + a, b - a);
	size_t l = strlen(n); /* a NUL inside can only hide a letter: no false alarm */
	int r = l && is_alnum((unsigned char)(before ? n[l - 1] : n[0]));
	free(n);
	return r;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data;
	diag_reset();

	al_match *m;
	size_t n = al_find(al, in, size, &m);
	CHECK(n == 0 ? m == NULL : m != NULL);
	size_t bad;
	int valid = utf8_valid(in, size, &bad);
	for (size_t i = 0; i < n; i++) {
		CHECK(m[i].start < m[i].end && m[i].end <= size);
		CHECK(i == 0 || m[i].start >= m[i - 1].end); /* ordered, no overlap */
		CHECK(m[i].id >= 0 && m[i].id < N_IDS);
		if (!valid)
			continue;
		/* on character boundaries, and the text is one of id's synonyms */
		CHECK(!is_cont(in, m[i].start) && (m[i].end == size || !is_cont(in, m[i].end)));
		char *norm = al_normalize(in + m[i].start, m[i].end - m[i].start);
		size_t p = 0;
		while (p < N_PATTERNS && strcmp(normalized[p], norm))
			p++;
		CHECK(p < N_PATTERNS && patterns[p].id == m[i].id);
		/* an ASCII letter or digit at the pattern's edge must not touch
		 * another one */
		size_t pl = strlen(normalized[p]);
		if (is_alnum((unsigned char)normalized[p][0]))
			CHECK(alnum_next_to(in, size, m[i].start, 1) != 1);
		if (is_alnum((unsigned char)normalized[p][pl - 1]))
			CHECK(alnum_next_to(in, size, m[i].end, 0) != 1);
		free(norm);
	}
	free(m);

	md_autolink links = {al, urls, "../", 3, NULL, NULL};
	md_doc d;
	md_render(in, size, 0, size & 1 ? MD_ALLOW_HTML : 0, &links, &d);
	CHECK(d.html != NULL);
	md_doc_free(&d);
	return 0;
}

/* fuzz_search.c: libFuzzer harness for the search tokenizer (search.c):
 * sr_tokenize, sr_tokenize_keep, sr_name_key and sr_normalize on any
 * bytes, checking what search.h promises about the tokens; on valid UTF-8
 * the piecewise normalisation must equal utf8proc's on the whole text. */
#include "diag.h"
#include "search.h"
#include "util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define CHECK(c) ((c) ? (void)0 : abort())

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	diag_set_quiet(1);
	return 0;
}

typedef struct seen {
	int n;        /* tokens so far */
	int last_run;
	int check;    /* 0: only count (sr_tokenize without keep) */
} seen;

static size_t utf8_chars(const char *s, size_t n)
{
	size_t c = 0;
	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xc0) != 0x80;
	return c;
}

static void on_token(void *ud, const sr_token *t)
{
	seen *sn = ud;
	CHECK(t->pos == sn->n);
	sn->n++;
	if (!sn->check)
		return;
	CHECK(t->s && t->len > 0);
	CHECK(t->kind == SR_WORD || t->kind == SR_CJK);
	CHECK(t->run >= sn->last_run);
	sn->last_run = t->run;
	size_t bad;
	CHECK(utf8_valid(t->s, t->len, &bad));
	size_t chars = utf8_chars(t->s, t->len);
	if (t->kind == SR_WORD)
		CHECK(chars >= 1 && chars <= SR_MAX_WORD);
	else
		CHECK(chars == 1 || chars == 2);
}

/* Token pointers, checked against the text handed over by _keep once
 * the call has returned it. */
typedef struct span_check {
	seen sn;
	const char **starts;
	size_t *lens;
	size_t n, cap;
} span_check;

static void on_token_keep(void *ud, const sr_token *t)
{
	span_check *sc = ud;
	on_token(&sc->sn, t);
	if (sc->n == sc->cap) {
		sc->cap = sc->cap ? sc->cap * 2 : 64;
		sc->starts = xrealloc(sc->starts, sc->cap * sizeof *sc->starts);
		sc->lens = xrealloc(sc->lens, sc->cap * sizeof *sc->lens);
	}
	sc->starts[sc->n] = t->s;
	sc->lens[sc->n] = t->len;
	sc->n++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data;
	diag_reset();

	size_t nlen, bad;
	char *norm = sr_normalize(in, size, &nlen);
	CHECK(utf8_valid(norm, nlen, &bad));
	if (utf8_valid(in, size, &bad)) {
		utf8proc_uint8_t *whole = NULL;
		utf8proc_ssize_t m = utf8proc_map(data, (utf8proc_ssize_t)size, &whole,
						  UTF8PROC_STABLE | UTF8PROC_COMPAT |
							  UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
		if (m >= 0)
			CHECK((size_t)m == nlen && !memcmp(whole, norm, nlen));
		free(whole);
	}

	span_check sc = {{0, 0, 1}, NULL, NULL, 0, 0};
	char *keep = NULL;
	int n = sr_tokenize_keep(in, size, on_token_keep, &sc, &keep);
	CHECK(n == sc.sn.n && keep != NULL);
	/* the tokens point into the same normalised text, handed over */
	CHECK(!memcmp(keep, norm, nlen) && keep[nlen] == 0);
	for (size_t i = 0; i < sc.n; i++)
		CHECK(sc.starts[i] >= keep && sc.starts[i] + sc.lens[i] <= keep + nlen);
	free(sc.starts);
	free(sc.lens);
	free(keep);
	free(norm);

	seen plain = {0, 0, 0};
	CHECK(sr_tokenize(in, size, on_token, &plain) == n && plain.n == n);

	char *key = sr_name_key(in, size);
	CHECK(key[0] == '^');
	CHECK(utf8_valid(key, strlen(key), &bad));
	free(key);
	return 0;
}

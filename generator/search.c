/* search.c: the search tokenizer (see search.h). */
#include "search.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* One character of valid UTF-8 (what sr_normalize returns): its length,
 * and the code point in *c; utf8proc_iterate for anything unexpected. */
static inline utf8proc_ssize_t next_char(const char *s, size_t n, utf8proc_int32_t *c)
{
	const unsigned char *u = (const unsigned char *)s;
	if (u[0] < 0x80) {
		*c = u[0];
		return 1;
	}
	if ((u[0] & 0xf0) == 0xe0 && n >= 3 && (u[1] & 0xc0) == 0x80 && (u[2] & 0xc0) == 0x80) {
		utf8proc_int32_t v = ((u[0] & 0x0f) << 12) | ((u[1] & 0x3f) << 6) | (u[2] & 0x3f);
		if (v >= 0x800 && (v < 0xd800 || v > 0xdfff)) {
			*c = v;
			return 3;
		}
	}
	return utf8proc_iterate(u, (utf8proc_ssize_t)n, c);
}

static int is_cjk(utf8proc_int32_t c)
{
	return (c >= 0x3005 && c <= 0x3007) || (c >= 0x3041 && c <= 0x3096) ||
	       (c >= 0x309D && c <= 0x309F) || (c >= 0x30A1 && c <= 0x30FA) ||
	       (c >= 0x30FC && c <= 0x30FF) || (c >= 0x31F0 && c <= 0x31FF) ||
	       (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
	       (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3FFFF);
}

static int is_word(utf8proc_int32_t c)
{
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
	utf8proc_category_t k = utf8proc_category(c);
	return (k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_NO);
}

/* Characters that NFKC and case folding leave alone and that never
 * combine with what follows them except through a combining mark:
 * hiragana, katakana (not half-width), CJK ideographs and common Japanese
 * punctuation. Most Japanese text is made of these and ASCII. */
int sr_nfkc_stable(int c)
{
	return (c >= 0x3041 && c <= 0x3096) || (c >= 0x30A1 && c <= 0x30FA) || c == 0x30FC ||
	       (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3001 && c <= 0x3003) ||
	       (c >= 0x3005 && c <= 0x3007) || (c >= 0x300C && c <= 0x300F);
}

static int is_mark(utf8proc_int32_t c)
{
	if (c == 0x3099 || c == 0x309A || c == 0xFF9E || c == 0xFF9F)
		return 1;
	if (c < 0x300)
		return 0;
	utf8proc_category_t k = utf8proc_category(c);
	return k == UTF8PROC_CATEGORY_MN || k == UTF8PROC_CATEGORY_MC || k == UTF8PROC_CATEGORY_ME;
}

/* Normalises text[0..n) with utf8proc into b. */
static void map_span(buf *b, const char *text, size_t n)
{
	utf8proc_uint8_t *norm = NULL;
	utf8proc_ssize_t m = utf8proc_map((const utf8proc_uint8_t *)text, (utf8proc_ssize_t)n, &norm,
					  UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE |
						  UTF8PROC_CASEFOLD);
	if (m > 0)
		buf_put(b, (const char *)norm, (size_t)m);
	free(norm);
}

/* NFKC + case folding. Runs of ASCII and stable characters are copied
 * (ASCII lower-cased); everything else goes through utf8proc in spans that
 * start at the character before a combining mark, so compositions such as
 * か + ゙ are made as a whole-string normalisation would make them. */
char *sr_normalize(const char *text, size_t len, size_t *out_len)
{
	buf b = {0};
	buf_grow(&b, len);
	/* the previous character: its offset in text and in b (none at the
	 * start and after an invalid byte, which a mark cannot join) */
	size_t i = 0, prev = 0, prev_out = 0;
	int has_prev = 0;
	while (i < len) {
		unsigned char ch = (unsigned char)text[i];
		if (ch < 0x80) {
			/* a run of ASCII, lower-cased */
			size_t j = i;
			buf_grow(&b, len - i);
			char *o = b.s + b.len;
			while (j < len && (unsigned char)text[j] < 0x80) {
				unsigned char a = (unsigned char)text[j++];
				*o++ = (char)(a >= 'A' && a <= 'Z' ? a + 32 : a);
			}
			b.len += j - i;
			prev_out = b.len - 1;
			prev = j - 1;
			i = j;
			has_prev = 1;
			continue;
		}
		utf8proc_int32_t c;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)text + i, (utf8proc_ssize_t)(len - i), &c);
		if (k <= 0) {
			i++; /* invalid byte: dropped, as utf8proc would reject it */
			has_prev = 0;
			continue;
		}
		if (sr_nfkc_stable(c)) {
			prev_out = b.len;
			buf_put(&b, text + i, (size_t)k);
			prev = i;
			has_prev = 1;
			i += (size_t)k;
			continue;
		}
		/* an unstable span: from the previous character when this is a
		 * mark (it may compose with it), up to the next stable character
		 * that is not followed by a mark */
		size_t start = i;
		if (is_mark(c) && has_prev) {
			b.len = prev_out; /* take back the previous character */
			start = prev;
		} else
			prev_out = b.len;
		size_t j = i + (size_t)k;
		while (j < len) {
			utf8proc_int32_t d;
			utf8proc_ssize_t kk = utf8proc_iterate((const utf8proc_uint8_t *)text + j, (utf8proc_ssize_t)(len - j), &d);
			if (kk <= 0 || d < 0x80 || sr_nfkc_stable(d))
				break;
			j += (size_t)kk;
		}
		map_span(&b, text + start, j - start);
		prev = start;
		has_prev = 1;
		i = j;
	}
	buf_cstr(&b);
	*out_len = b.len;
	return buf_detach(&b);
}

/* ---- variant table ------------------------------------------------------- */

#define VAR_BUCKETS 1024

struct sr_variants {
	char **from, **to;
	size_t *from_len, *to_len;
	size_t n, cap;
	/* entries by the hash of their first 3 bytes (or fewer), longest first */
	int *bucket[VAR_BUCKETS];
	size_t bucket_n[VAR_BUCKETS];
	size_t min_len;
	unsigned char first2[8192]; /* bit per first two bytes of a variant */
};

sr_variants *sr_variants_new(void)
{
	return xcalloc(1, sizeof(sr_variants));
}

static unsigned var_bucket(const char *s, size_t n)
{
	return hash32(s, n < 3 ? n : 3) % VAR_BUCKETS;
}

int sr_variants_add(sr_variants *v, const char *from, const char *to)
{
	size_t fl, tl;
	char *f = sr_normalize(from, strlen(from), &fl), *t = sr_normalize(to, strlen(to), &tl);
	int dup = fl == 0 || (fl == tl && !memcmp(f, t, fl));
	for (size_t i = 0; !dup && i < v->n; i++)
		dup = v->from_len[i] == fl && !memcmp(v->from[i], f, fl);
	if (dup) {
		free(f);
		free(t);
		return 0;
	}
	if (v->n == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 32;
		v->from = xrealloc(v->from, v->cap * sizeof(char *));
		v->to = xrealloc(v->to, v->cap * sizeof(char *));
		v->from_len = xrealloc(v->from_len, v->cap * sizeof(size_t));
		v->to_len = xrealloc(v->to_len, v->cap * sizeof(size_t));
	}
	size_t i = v->n++;
	v->from[i] = f;
	v->to[i] = t;
	v->from_len[i] = fl;
	v->to_len[i] = tl;
	if (!v->min_len || fl < v->min_len)
		v->min_len = fl;
	for (unsigned c = 0; c < 256; c++) { /* any second byte when fl is 1 */
		unsigned k2 = (unsigned char)f[0] << 8 | (fl > 1 ? (unsigned char)f[1] : c);
		v->first2[k2 >> 3] |= (unsigned char)(1u << (k2 & 7));
		if (fl > 1)
			break;
	}
	/* into its bucket, kept longest first (ties: the order added) */
	unsigned b = var_bucket(f, fl);
	size_t k = v->bucket_n[b]++;
	v->bucket[b] = xrealloc(v->bucket[b], v->bucket_n[b] * sizeof(int));
	while (k > 0 && v->from_len[v->bucket[b][k - 1]] < fl) {
		v->bucket[b][k] = v->bucket[b][k - 1];
		k--;
	}
	v->bucket[b][k] = (int)i;
	return 1;
}

size_t sr_variants_count(const sr_variants *v)
{
	return v ? v->n : 0;
}

void sr_variants_at(const sr_variants *v, size_t i, const char **from, const char **to)
{
	*from = v->from[i];
	*to = v->to[i];
}

void sr_variants_free(sr_variants *v)
{
	if (!v)
		return;
	for (size_t i = 0; i < v->n; i++) {
		free(v->from[i]);
		free(v->to[i]);
	}
	for (size_t b = 0; b < VAR_BUCKETS; b++)
		free(v->bucket[b]);
	free(v->from);
	free(v->to);
	free(v->from_len);
	free(v->to_len);
	free(v);
}

/* The longest variant starting at s[0..n) (its index), or -1. A variant
 * shorter than 3 bytes sits in the bucket of its whole text. */
static int var_match(const sr_variants *v, const char *s, size_t n)
{
	for (size_t w = 3; w >= 1; w--) {
		if (w > n)
			continue;
		unsigned b = var_bucket(s, w);
		for (size_t k = 0; k < v->bucket_n[b]; k++) {
			int e = v->bucket[b][k];
			size_t fl = v->from_len[e];
			if ((fl < 3 ? fl : 3) == w && fl <= n && !memcmp(v->from[e], s, fl))
				return e;
		}
		if (w == 1)
			break;
	}
	return -1;
}

char *sr_variants_apply(const sr_variants *v, const char *s, size_t n, size_t *out_len)
{
	if (!v || !v->n || n < v->min_len)
		return NULL;
	buf b = {0};
	size_t done = 0, i = 0;
	while (i < n) {
		unsigned k2 = (unsigned char)s[i] << 8 | (i + 1 < n ? (unsigned char)s[i + 1] : 0);
		int e = v->first2[k2 >> 3] & (1u << (k2 & 7)) ? var_match(v, s + i, n - i) : -1;
		if (e < 0) {
			i++;
			while (i < n && ((unsigned char)s[i] & 0xc0) == 0x80)
				i++;
			continue;
		}
		buf_put(&b, s + done, i - done);
		buf_put(&b, v->to[e], v->to_len[e]);
		i += v->from_len[e];
		done = i;
	}
	if (!done) {
		buf_free(&b);
		return NULL;
	}
	buf_put(&b, s + done, n - done);
	buf_cstr(&b);
	*out_len = b.len;
	return buf_detach(&b);
}

/* ---- tokens ---------------------------------------------------------------- */

int sr_tokenize(const char *text, size_t len, sr_fn fn, void *ud)
{
	return sr_tokenize_with(NULL, text, len, fn, ud, NULL);
}

int sr_tokenize_keep(const char *text, size_t len, sr_fn fn, void *ud, char **keep)
{
	return sr_tokenize_with(NULL, text, len, fn, ud, keep);
}
/* text[0..len) normalised (NFKC, case folded) and with the variant
 * table applied (v may be NULL): a new string of *n bytes. */
static char *normalize_with_variants(const sr_variants *v, const char *text, size_t len, size_t *n)
{
	char *s = sr_normalize(text, len, n);
	size_t vn;
	char *vs = sr_variants_apply(v, s, *n, &vn);
	if (vs) {
		free(s);
		s = vs;
		*n = vn;
	}
	return s;
}


int sr_tokenize_with(const sr_variants *v, const char *text, size_t len, sr_fn fn, void *ud, char **keep)
{
	size_t n;
	char *s = normalize_with_variants(v, text, len, &n);
	int pos = 0, run = 0;
	size_t i = 0;
	while (i < n) {
		utf8proc_int32_t c;
		utf8proc_ssize_t k = next_char(s + i, n - i, &c);
		if (k <= 0) {
			i++;
			continue;
		}
		if (is_cjk(c)) {
			/* collect character boundaries of the run */
			size_t starts[3];
			size_t start = i, count = 0;
			size_t prev = i;
			starts[0] = i;
			size_t j = i;
			while (j < n) {
				utf8proc_int32_t d;
				utf8proc_ssize_t kk = next_char(s + j, n - j, &d);
				if (kk <= 0 || !is_cjk(d))
					break;
				if (count >= 1) {
					/* bigram from prev to the end of this char */
					sr_token t = {s + prev, j + (size_t)kk - prev, pos++, SR_CJK, run};
					fn(ud, &t);
				}
				prev = j;
				j += (size_t)kk;
				count++;
			}
			(void)starts;
			if (count == 1) {
				sr_token t = {s + start, j - start, pos++, SR_CJK, run};
				fn(ud, &t);
			}
			run++;
			i = j;
		} else if (is_word(c)) {
			size_t start = i, j = i, chars = 0, cut = 0;
			while (j < n) {
				utf8proc_int32_t d;
				utf8proc_ssize_t kk = next_char(s + j, n - j, &d);
				if (kk <= 0 || is_cjk(d) || !is_word(d))
					break;
				j += (size_t)kk;
				if (++chars == SR_MAX_WORD)
					cut = j;
			}
			sr_token t = {s + start, (cut ? cut : j) - start, pos++, SR_WORD, run++};
			fn(ud, &t);
			i = j;
		} else
			i += (size_t)k;
	}
	if (keep)
		*keep = s;
	else
		free(s);
	return pos;
}

char *sr_name_key(const char *text, size_t len)
{
	return sr_name_key_with(NULL, text, len);
}

char *sr_name_key_with(const sr_variants *v, const char *text, size_t len)
{
	size_t n;
	char *s = normalize_with_variants(v, text, len, &n);
	buf b = {0};
	buf_putc(&b, '^');
	size_t i = 0;
	while (i < n) {
		utf8proc_int32_t c;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &c);
		if (k <= 0) {
			i++;
			continue;
		}
		if (is_cjk(c) || is_word(c))
			buf_put(&b, s + i, (size_t)k);
		i += (size_t)k;
	}
	free(s);
	return buf_detach(&b);
}

/* search.c: the search tokenizer (see search.h). */
#include "search.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

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

char *sr_normalize(const char *text, size_t len, size_t *out_len)
{
	/* ASCII fast path: only case folding */
	size_t i = 0;
	while (i < len && (unsigned char)text[i] < 0x80)
		i++;
	if (i == len) {
		char *s = xstrndup(text, len);
		for (size_t k = 0; k < len; k++)
			if (s[k] >= 'A' && s[k] <= 'Z')
				s[k] = (char)(s[k] + 32);
		*out_len = len;
		return s;
	}
	utf8proc_uint8_t *norm = NULL;
	utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)text, (utf8proc_ssize_t)len, &norm,
					  UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE |
						  UTF8PROC_CASEFOLD);
	if (n < 0) {
		free(norm);
		*out_len = 0;
		return xstrdup("");
	}
	*out_len = (size_t)n;
	return (char *)norm;
}

int sr_tokenize(const char *text, size_t len, sr_fn fn, void *ud)
{
	size_t n;
	char *s = sr_normalize(text, len, &n);
	int pos = 0, run = 0;
	size_t i = 0;
	while (i < n) {
		utf8proc_int32_t c;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &c);
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
				utf8proc_ssize_t kk = utf8proc_iterate((const utf8proc_uint8_t *)s + j, (utf8proc_ssize_t)(n - j), &d);
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
				utf8proc_ssize_t kk = utf8proc_iterate((const utf8proc_uint8_t *)s + j, (utf8proc_ssize_t)(n - j), &d);
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
	free(s);
	return pos;
}

char *sr_name_key(const char *text, size_t len)
{
	size_t n;
	char *s = sr_normalize(text, len, &n);
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

/* test_luapat.c: the cost of Lua pattern matches (luapat.c): ordinary
 * patterns are cheap, backtracking ones pass the limit, malformed ones
 * stop without reading past the pattern (ASan), and every pattern over a
 * small alphabet stays within bounds. */
#include "cm.h"
#include "luapat.h"

#include <stdlib.h>
#include <string.h>

#define LIMIT 10000000LL

static long long cost(const char *s, const char *p, int mode)
{
	return luapat_cost(s, strlen(s), p, strlen(p), 0, mode, 0, LIMIT);
}

static void test_cheap(void **st)
{
	(void)st;
	char *big = malloc(100001);
	memset(big, 'a', 100000);
	big[100000] = 0;
	assert_true(cost("key = value", "^(%w+)%s*=%s*(.-)$", LUAPAT_FIRST) < 1000);
	assert_true(cost(big, ",", LUAPAT_ALL) < 1000000);
	assert_true(cost(big, "%a+", LUAPAT_ALL) < 1000000);
	assert_true(cost(big, "^%s*(.-)%s*$", LUAPAT_FIRST) < 1000000);
	assert_true(cost(big, "needle", LUAPAT_PLAIN) < 1000000);
	assert_true(cost("x", "y", LUAPAT_FIRST) < 10);
	free(big);
}

static void test_backtracking(void **st)
{
	(void)st;
	char s[131];
	memset(s, 'a', 130);
	s[130] = 0;
	assert_int_equal(cost(s, ".-.-.-.-x", LUAPAT_FIRST), LIMIT + 1);
	assert_int_equal(cost(s, "(.*)(.*)(.*)(.*)x", LUAPAT_FIRST), LIMIT + 1);
	assert_int_equal(cost(s, "a*a*a*a*a*b", LUAPAT_ALL), LIMIT + 1);
	/* a plain search whose needle nearly matches everywhere */
	char *big = malloc(1 << 20), *needle = malloc(1 << 19);
	memset(big, 'a', (1 << 20) - 1);
	big[(1 << 20) - 1] = 0;
	memset(needle, 'a', (1 << 19) - 2);
	needle[(1 << 19) - 2] = 'b';
	needle[(1 << 19) - 1] = 0;
	assert_int_equal(cost(big, needle, LUAPAT_PLAIN), LIMIT + 1);
	free(big);
	free(needle);
}

static void test_malformed(void **st)
{
	(void)st;
	static const char *bad[] = {"%", "[a", "[^", "[]", "(", ")", "%b", "%bx", "%f", "%fa", "%1", "(%2)", "[%",
				    "a)", "((((((((((((((((((((((((((((((((((a))))))))))))))))))))))))))))))))))", NULL};
	for (const char **p = bad; *p; p++) {
		/* a copy of exactly the pattern's length: ASan sees any read past it */
		size_t n = strlen(*p);
		char *copy = malloc(n ? n : 1);
		memcpy(copy, *p, n);
		long long c = luapat_cost("abc(x)", 6, copy, n, 0, LUAPAT_ALL, 0, LIMIT);
		assert_true(c <= LIMIT);
		free(copy);
	}
}

/* Every pattern of up to 4 symbols over a small alphabet, unterminated
 * copies: no crash, no read out of bounds, a bounded count. */
static void test_all_small_patterns(void **st)
{
	(void)st;
	static const char sym[] = "a.%[]^-*+?()$b1f";
	size_t k = sizeof sym - 1;
	char p[4];
	for (size_t len = 1; len <= 4; len++) {
		size_t total = 1;
		for (size_t i = 0; i < len; i++)
			total *= k;
		for (size_t code = 0; code < total; code++) {
			size_t c = code;
			for (size_t i = 0; i < len; i++, c /= k)
				p[i] = sym[c % k];
			char *copy = malloc(len);
			memcpy(copy, p, len);
			long long r = luapat_cost("a(b]a-a^b", 9, copy, len, 0, LUAPAT_ALL, 0, 100000);
			assert_true(r >= 0 && r <= 100001);
			free(copy);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cheap),
		cmocka_unit_test(test_backtracking),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_all_small_patterns),
	};
	return cmocka_run_group_tests_name("luapat", tests, NULL, NULL);
}

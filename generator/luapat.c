/* luapat.c: see luapat.h. A backtracking matcher for Lua patterns that
 * counts its steps (each pattern item tried at a subject position, each
 * character scanned) and builds nothing. Written from the rules in the
 * Lua 5.4 reference manual, section 6.4.1: classes (. %a %c %d %g %l %p
 * %s %u %w %x, their upper-case complements, %x for any other x, [set]
 * with ranges and classes, [^set]), items with * + - ?, %1-%9, %bxy,
 * %f[set], captures and position captures, ^ and $ anchors. */
#include "luapat.h"

#include <ctype.h>
#include <string.h>

enum {
	MAX_DEPTH = 200,   /* Lua's own limit of nested matches ("too complex") */
	MAX_CAPTURES = 32, /* LUA_MAXCAPTURES */
	CAP_OPEN = -1,     /* capture still open */
	CAP_POS = -2,      /* position capture () */
};

typedef struct pm {
	const char *src, *src_end, *p_end;
	long long steps, limit;
	int depth, level;
	int stop; /* over the limit, or a malformed pattern: unwind */
	struct { const char *init; long len; } cap[MAX_CAPTURES];
} pm;

/* One step; 1 when the search must stop. */
static int tick(pm *m)
{
	if (++m->steps > m->limit)
		m->stop = 1;
	return m->stop;
}

static int class_match(int c, int cl)
{
	int r;
	switch (tolower(cl)) {
	case 'a': r = isalpha(c); break;
	case 'c': r = iscntrl(c); break;
	case 'd': r = isdigit(c); break;
	case 'g': r = isgraph(c); break;
	case 'l': r = islower(c); break;
	case 'p': r = ispunct(c); break;
	case 's': r = isspace(c); break;
	case 'u': r = isupper(c); break;
	case 'w': r = isalnum(c); break;
	case 'x': r = isxdigit(c); break;
	default: return cl == c;
	}
	r = r != 0;
	return isupper(cl) ? !r : r;
}

/* Does c belong to the set [p .. ec), p at '[' and ec at its ']'? */
static int set_match(int c, const char *p, const char *ec)
{
	int yes = 1;
	if (*++p == '^') {
		yes = 0;
		p++;
	}
	for (; p < ec; p++) {
		if (*p == '%' && p + 1 < ec) {
			if (class_match(c, (unsigned char)*++p))
				return yes;
		} else if (p + 2 < ec && p[1] == '-') {
			if ((unsigned char)p[0] <= c && c <= (unsigned char)p[2])
				return yes;
			p += 2;
		} else if ((unsigned char)*p == c)
			return yes;
	}
	return !yes;
}

/* The end of the single class at p, or NULL (and stop) when malformed. */
static const char *class_end(pm *m, const char *p)
{
	char c = *p++;
	if (c == '%') {
		if (p >= m->p_end)
			goto bad;
		return p + 1;
	}
	if (c != '[')
		return p;
	if (p < m->p_end && *p == '^')
		p++;
	do { /* the first character of a set may be ']' */
		if (p >= m->p_end)
			goto bad;
		if (*p++ == '%' && p < m->p_end)
			p++;
	} while (p >= m->p_end || *p != ']');
	return p + 1;
bad:
	m->stop = 1;
	return NULL;
}

static int single(pm *m, const char *s, const char *p, const char *ep)
{
	if (s >= m->src_end)
		return 0;
	int c = (unsigned char)*s;
	switch (*p) {
	case '.': return 1;
	case '%': return class_match(c, (unsigned char)p[1]);
	case '[': return set_match(c, p, ep - 1);
	default: return (unsigned char)*p == c;
	}
}

static const char *do_match(pm *m, const char *s, const char *p);

static const char *max_expand(pm *m, const char *s, const char *p, const char *ep)
{
	long i = 0;
	while (single(m, s + i, p, ep) && !tick(m))
		i++;
	for (; i >= 0 && !m->stop; i--) {
		const char *r = do_match(m, s + i, ep + 1);
		if (r)
			return r;
	}
	return NULL;
}

static const char *min_expand(pm *m, const char *s, const char *p, const char *ep)
{
	for (;;) {
		const char *r = do_match(m, s, ep + 1);
		if (r || m->stop)
			return r;
		if (!single(m, s, p, ep))
			return NULL;
		s++;
	}
}

static const char *open_cap(pm *m, const char *s, const char *p, long what)
{
	if (m->level >= MAX_CAPTURES) {
		m->stop = 1;
		return NULL;
	}
	m->cap[m->level].init = s;
	m->cap[m->level].len = what;
	m->level++;
	const char *r = do_match(m, s, p);
	if (!r)
		m->level--;
	return r;
}

static const char *close_cap(pm *m, const char *s, const char *p)
{
	int l = m->level - 1;
	while (l >= 0 && m->cap[l].len != CAP_OPEN)
		l--;
	if (l < 0) {
		m->stop = 1; /* "invalid pattern capture" */
		return NULL;
	}
	m->cap[l].len = (long)(s - m->cap[l].init);
	const char *r = do_match(m, s, p);
	if (!r)
		m->cap[l].len = CAP_OPEN;
	return r;
}

/* %bxy at s (p after "%b"); the scan costs a step per character. */
static const char *balance(pm *m, const char *s, const char *p)
{
	if (p + 1 >= m->p_end) {
		m->stop = 1;
		return NULL;
	}
	if (s >= m->src_end || *s != p[0])
		return NULL;
	int depth = 1;
	while (++s < m->src_end && !tick(m)) {
		if (*s == p[1] && !--depth)
			return s + 1;
		if (*s == p[0])
			depth++;
	}
	return NULL;
}

/* %1-%9 at s: the text of that capture again. */
static const char *backref(pm *m, const char *s, int digit)
{
	int l = digit - '1';
	if (l < 0 || l >= m->level || m->cap[l].len == CAP_OPEN) {
		m->stop = 1;
		return NULL;
	}
	long len = m->cap[l].len;
	m->steps += len / 16;
	if (len < 0 || m->src_end - s < len || memcmp(m->cap[l].init, s, (size_t)len))
		return NULL;
	return s + len;
}

/* %f[set] at s (p at "%f"): the end of the frontier item, or NULL. */
static const char *frontier(pm *m, const char *s, const char *p)
{
	p += 2;
	if (p >= m->p_end || *p != '[') {
		m->stop = 1;
		return NULL;
	}
	const char *ep = class_end(m, p);
	if (!ep)
		return NULL;
	int prev = s == m->src ? 0 : (unsigned char)s[-1];
	int cur = s < m->src_end ? (unsigned char)*s : 0;
	return !set_match(prev, p, ep - 1) && set_match(cur, p, ep - 1) ? ep : NULL;
}

/* The end of a match of p at s, or NULL; the same search as Lua's. */
static const char *do_match(pm *m, const char *s, const char *p)
{
	if (++m->depth > MAX_DEPTH)
		m->stop = 1;
	while (s && !tick(m) && p < m->p_end) {
		const char *ep;
		if (*p == '(') {
			s = p + 1 < m->p_end && p[1] == ')' ? open_cap(m, s, p + 2, CAP_POS) : open_cap(m, s, p + 1, CAP_OPEN);
			break;
		} else if (*p == ')') {
			s = close_cap(m, s, p + 1);
			break;
		} else if (*p == '$' && p + 1 == m->p_end) {
			s = s == m->src_end ? s : NULL;
			break;
		} else if (*p == '%' && p + 1 < m->p_end && p[1] == 'b') {
			s = balance(m, s, p + 2);
			p += 4;
			continue;
		} else if (*p == '%' && p + 1 < m->p_end && p[1] == 'f') {
			p = frontier(m, s, p);
			s = p ? s : NULL;
			continue;
		} else if (*p == '%' && p + 1 < m->p_end && isdigit((unsigned char)p[1])) {
			s = backref(m, s, p[1]);
			p += 2;
			continue;
		}
		if (!(ep = class_end(m, p))) {
			s = NULL;
			break;
		}
		char q = ep < m->p_end ? *ep : 0;
		if (!single(m, s, p, ep)) {
			if (q == '*' || q == '?' || q == '-')
				p = ep + 1;
			else
				s = NULL;
			continue;
		}
		if (q == '?') {
			const char *r = do_match(m, s + 1, ep + 1);
			if (r || m->stop) {
				s = r;
				break;
			}
			p = ep + 1;
		} else if (q == '+' || q == '*') {
			s = max_expand(m, q == '+' ? s + 1 : s, p, ep);
			break;
		} else if (q == '-') {
			s = min_expand(m, s, p, ep);
			break;
		} else {
			s++;
			p = ep;
		}
	}
	m->depth--;
	return m->stop ? NULL : s;
}

long long luapat_cost(const char *s, size_t ls, const char *p, size_t lp, size_t init, int mode,
		      long long max, long long limit)
{
	if (init > ls)
		return 1;
	if (mode == LUAPAT_PLAIN) {
		/* memchr for the first byte, memcmp for the rest: at worst
		 * every position compares the whole needle (16 bytes a step) */
		long long worst = (long long)(ls - init) * (long long)(lp / 16 + 1);
		return worst > limit ? limit + 1 : worst;
	}
	pm m = {.src = s, .src_end = s + ls, .p_end = p + lp, .limit = limit};
	int anchor = lp && *p == '^';
	if (anchor)
		p++;
	const char *at = s + init, *last = NULL;
	for (long long n = 0; !m.stop && (!max || n < max);) {
		m.level = 0;
		const char *e = do_match(&m, at, p);
		if (e && mode == LUAPAT_FIRST)
			break;
		if (e && e != last) {
			n++;
			at = last = e;
		} else if (at < m.src_end)
			at++;
		else
			break;
		if (anchor)
			break;
	}
	return m.steps > limit ? limit + 1 : m.steps;
}

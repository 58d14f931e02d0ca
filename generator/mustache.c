/* mustache.c: the Mustache engine. A template is compiled in passes over a
 * token list (tokenize, match sections, standalone lines, block indentation)
 * into an immutable node tree that any number of threads may render at once
 * over a context stack of values. */
#define _POSIX_C_SOURCE 200809L
#include "mustache.h"
#include "messages.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum {
	MAX_PARTIAL_DEPTH = 100, /* partials, parents, lambdas inside each other */
	MAX_EXPANSIONS = 1000000, /* partials and parents expanded per render */
	MAX_NESTING = 256,       /* sections inside each other in one template */
	MAX_RENDER_DEPTH = 1000, /* everything together: bounds the C stack */
};

#define NONE SIZE_MAX

/* ==== compiled form ================================================== */

typedef enum {
	N_TEXT, N_VAR, N_RAW, N_SECTION, N_INVERTED, N_PARTIAL, N_PARENT, N_BLOCK
} node_kind;

typedef struct node node;
struct node {
	node_kind kind;
	unsigned bol : 1;        /* first output of its source line: indented */
	unsigned standalone : 1; /* tag stood alone on its (removed) line */
	unsigned dynamic : 1;    /* {{>*name}}: the name is looked up */
	int line, col;           /* of the tag, for messages */
	char *str;               /* text, or the tag's name */
	size_t len;
	char *indent;            /* partial, parent, block: added indentation */
	node *kids;              /* sections, parent (its blocks only), block */
	size_t nkids;
	size_t body, body_len;   /* sections: raw body in the source (lambdas) */
	char *otag, *ctag;       /* sections: delimiters in force (lambdas) */
};

struct mus_template {
	char *path;
	char *src; /* kept for the raw bodies handed to section lambdas */
	size_t len;
	node *kids;
	size_t nkids;
};

typedef struct env_entry {
	char *name;
	mus_template *t; /* NULL: not found, or err */
	char *err;       /* compile error, "path:line:col: message" */
} env_entry;

struct mus_env {
	mus_loader loader;
	void *ud;
	int strict;
	pthread_mutex_t lock; /* guards entries */
	env_entry *entries;
	size_t n, cap;
};

/* ==== tokens ========================================================= */

typedef enum {
	T_TEXT, T_VAR, T_RAW, T_SECTION, T_INVERTED, T_CLOSE, T_COMMENT,
	T_DELIM, T_PARTIAL, T_PARENT, T_BLOCK
} tok_kind;

typedef struct {
	tok_kind kind;
	size_t start, end;       /* text, or the whole tag with delimiters */
	size_t name, name_len;   /* trimmed tag content */
	int line, col;
	size_t match;            /* opening <-> closing tag */
	const char *otag, *ctag; /* delimiters in force (sections) */
	unsigned removed : 1, standalone : 1, bol : 1, dynamic : 1;
	size_t skip;             /* text: leading bytes dropped */
	size_t ws, ws_len;       /* standalone tag: its line's indentation */
	size_t line_end;         /* standalone tag: end of its line */
	size_t ind, ind_len;     /* partial, parent, block: added indentation */
} tok;

typedef struct {
	const char *src;
	size_t len;
	const char *path;
	tok *toks;
	size_t n, cap;
	char **delims; /* delimiters set by {{= =}}, freed after compiling */
	size_t ndelims, capdelims;
	size_t cur;    /* position cursor for line/col */
	int line, col;
	char *err;
} parser;

/* Indentation characters. */
static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Whitespace inside tags. */
static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Finds needle in hay[0..n). Returns a pointer into hay or NULL. */
static const char *find(const char *hay, size_t n, const char *needle, size_t nn)
{
	const char *end = hay + n;
	const char *p = hay;
	while (nn && (size_t)(end - p) >= nn) {
		p = memchr(p, needle[0], (size_t)(end - p) - nn + 1);
		if (!p)
			return NULL;
		if (!memcmp(p, needle, nn))
			return p;
		p++;
	}
	return NULL;
}

/* Moves the line/col cursor forward to byte off; columns count UTF-8
 * characters. */
static void advance(parser *p, size_t off)
{
	for (; p->cur < off; p->cur++) {
		unsigned char c = (unsigned char)p->src[p->cur];
		if (c == '\n') {
			p->line++;
			p->col = 1;
		} else if ((c & 0xc0) != 0x80)
			p->col++;
	}
}

/* Records the first compile error as "path:line:col: message". Returns 0. */
static int perr(parser *p, int line, int col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static int perr(parser *p, int line, int col, const char *fmt, ...)
{
	if (p->err)
		return 0;
	buf b = {0};
	buf_printf(&b, "%s:%d:%d: ", p->path, line, col);
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, msg_tr(fmt), ap);
	va_end(ap);
	p->err = buf_detach(&b);
	return 0;
}

/* Appends a zeroed token and returns it (valid until the next add). */
static tok *add_tok(parser *p, tok_kind kind, size_t start, size_t end)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 64;
		p->toks = xrealloc(p->toks, p->cap * sizeof(tok));
	}
	tok *t = &p->toks[p->n++];
	memset(t, 0, sizeof *t);
	t->kind = kind;
	t->start = start;
	t->end = end;
	t->match = NONE;
	return t;
}

/* Adds src[a..b) as text tokens, one per line (a newline ends a token). */
static void add_text(parser *p, size_t a, size_t b)
{
	while (a < b) {
		const char *nl = memchr(p->src + a, '\n', b - a);
		size_t e = nl ? (size_t)(nl - p->src) + 1 : b;
		add_tok(p, T_TEXT, a, e);
		a = e;
	}
}

/* Length of the line break ending text token t (0, 1 for \n, 2 for \r\n). */
static size_t nl_len(const parser *p, const tok *t)
{
	if (t->kind != T_TEXT || t->end == t->start || p->src[t->end - 1] != '\n')
		return 0;
	if (t->end - t->start >= 2 && p->src[t->end - 2] == '\r')
		return 2;
	return 1;
}

/* Is a tag name well formed? Reports an error and returns 0 if not. */
static int check_name(parser *p, const tok *t)
{
	if (!t->name_len)
		return perr(p, t->line, t->col, "missing name in tag");
	for (size_t i = 0; i < t->name_len; i++)
		if (is_space(p->src[t->name + i]))
			return perr(p, t->line, t->col,
				    "tag name '%.*s' contains whitespace (unclosed tag?)",
				    (int)t->name_len, p->src + t->name);
	return 1;
}

/* Current delimiters with the closers of {{{ }}} and {{= =}} derived. */
typedef struct {
	const char *otag, *ctag;
	size_t olen, clen;
	char *brace_close, *eq_close;
} delims;

/* Switches d to otag/ctag (borrowed: they outlive the tokenizer). */
static void delims_set(delims *d, const char *otag, const char *ctag)
{
	free(d->brace_close);
	free(d->eq_close);
	d->otag = otag;
	d->ctag = ctag;
	d->olen = strlen(otag);
	d->clen = strlen(ctag);
	d->brace_close = xasprintf("}%s", ctag);
	d->eq_close = xasprintf("=%s", ctag);
}

/* Parses the content of a {{=open close=}} tag at src[a..b) into the two
 * new delimiters (kept in p->delims). Returns 1, or 0 after an error. */
static int parse_delims(parser *p, const tok *t, size_t a, size_t b,
			const char **otag, const char **ctag)
{
	size_t part[2][2], n = 0;
	size_t i = a;
	for (;;) {
		while (i < b && is_space(p->src[i]))
			i++;
		if (i == b)
			break;
		if (n == 2)
			return perr(p, t->line, t->col,
				    "bad set-delimiter tag: expected two delimiters");
		part[n][0] = i;
		while (i < b && !is_space(p->src[i]))
			i++;
		part[n][1] = i;
		n++;
	}
	if (n != 2)
		return perr(p, t->line, t->col,
			    "bad set-delimiter tag: expected two delimiters");
	if (p->ndelims + 2 > p->capdelims) {
		p->capdelims = p->capdelims ? p->capdelims * 2 : 8;
		p->delims = xrealloc(p->delims, p->capdelims * sizeof(char *));
	}
	*otag = p->delims[p->ndelims++] =
		xstrndup(p->src + part[0][0], part[0][1] - part[0][0]);
	*ctag = p->delims[p->ndelims++] =
		xstrndup(p->src + part[1][0], part[1][1] - part[1][0]);
	return 1;
}

/* Splits the source into text and tag tokens, following set-delimiter
 * tags. Returns 1, or 0 with p->err set. */
static int tokenize(parser *p, const char *otag, const char *ctag)
{
	delims d = {0};
	int ok = 0;
	size_t pos = 0;
	delims_set(&d, otag, ctag);
	while (pos < p->len) {
		const char *o = find(p->src + pos, p->len - pos, d.otag, d.olen);
		size_t at = o ? (size_t)(o - p->src) : p->len;
		add_text(p, pos, at);
		if (!o)
			break;
		advance(p, at);
		size_t q = at + d.olen;
		while (q < p->len && is_space(p->src[q]))
			q++;
		char sigil = q < p->len ? p->src[q] : 0;
		tok_kind kind = T_VAR;
		const char *closer = d.ctag;
		switch (sigil) {
		case '{': kind = T_RAW; closer = d.brace_close; break;
		case '&': kind = T_RAW; break;
		case '!': kind = T_COMMENT; break;
		case '=': kind = T_DELIM; closer = d.eq_close; break;
		case '#': kind = T_SECTION; break;
		case '^': kind = T_INVERTED; break;
		case '/': kind = T_CLOSE; break;
		case '>': kind = T_PARTIAL; break;
		case '<': kind = T_PARENT; break;
		case '$': kind = T_BLOCK; break;
		default: break;
		}
		if (kind != T_VAR)
			q++;
		size_t clen = strlen(closer);
		const char *c = q <= p->len ? find(p->src + q, p->len - q, closer, clen) : NULL;
		if (!c) {
			perr(p, p->line, p->col, "unclosed tag '%s' (missing '%s')", d.otag, closer);
			goto done;
		}
		size_t cend = (size_t)(c - p->src);
		tok *t = add_tok(p, kind, at, cend + clen);
		t->line = p->line;
		t->col = p->col;
		t->otag = d.otag;
		t->ctag = d.ctag;
		pos = cend + clen;
		if (kind == T_COMMENT)
			continue;
		if (kind == T_DELIM) {
			const char *no = NULL, *nc = NULL;
			if (!parse_delims(p, t, q, cend, &no, &nc))
				goto done;
			delims_set(&d, no, nc);
			continue;
		}
		while (q < cend && is_space(p->src[q]))
			q++;
		if (kind == T_PARTIAL && q < cend && p->src[q] == '*') {
			t->dynamic = 1;
			q++;
			while (q < cend && is_space(p->src[q]))
				q++;
		}
		size_t e = cend;
		while (e > q && is_space(p->src[e - 1]))
			e--;
		t->name = q;
		t->name_len = e - q;
		if (!check_name(p, t))
			goto done;
	}
	ok = 1;
done:
	free(d.brace_close);
	free(d.eq_close);
	return ok;
}

/* Does a tag of kind k open something a {{/name}} closes? */
static int is_open(tok_kind k)
{
	return k == T_SECTION || k == T_INVERTED || k == T_PARENT || k == T_BLOCK;
}

/* What to call an opening tag of kind k in messages. */
static const char *open_name(tok_kind k)
{
	switch (k) {
	case T_INVERTED: return msg_tr("inverted section");
	case T_PARENT: return msg_tr("parent");
	case T_BLOCK: return msg_tr("block");
	default: return msg_tr("section");
	}
}

/* Pairs every section, parent and block with its closing tag. Returns 1,
 * or 0 with p->err set. */
static int match_sections(parser *p)
{
	size_t stack[MAX_NESTING];
	size_t depth = 0;
	for (size_t i = 0; i < p->n; i++) {
		tok *t = &p->toks[i];
		if (is_open(t->kind)) {
			if (depth == MAX_NESTING)
				return perr(p, t->line, t->col,
					    "sections nested deeper than %d", MAX_NESTING);
			stack[depth++] = i;
		} else if (t->kind == T_CLOSE) {
			if (!depth)
				return perr(p, t->line, t->col, "closing tag '%.*s' without an open section",
					    (int)t->name_len, p->src + t->name);
			tok *o = &p->toks[stack[depth - 1]];
			if (o->name_len != t->name_len ||
			    memcmp(p->src + o->name, p->src + t->name, t->name_len))
				return perr(p, t->line, t->col,
					    "closing tag '%.*s' does not match %s '%.*s' opened at %d:%d",
					    (int)t->name_len, p->src + t->name, open_name(o->kind),
					    (int)o->name_len, p->src + o->name, o->line, o->col);
			o->match = i;
			t->match = stack[--depth];
		}
	}
	if (depth) {
		tok *o = &p->toks[stack[depth - 1]];
		return perr(p, o->line, o->col, "unclosed %s '%.*s'", open_name(o->kind),
			    (int)o->name_len, p->src + o->name);
	}
	return 1;
}

/* May this tag alone make its line standalone? */
static int standalone_kind(tok_kind k)
{
	return k != T_TEXT && k != T_VAR && k != T_RAW;
}

/* May this tag share a standalone line with others? Only the inheritance
 * tags may ("{{<parent}}{{$block}}", "{{/block}}{{/parent}}"). */
static int multi_kind(const parser *p, const tok *t)
{
	if (t->kind == T_PARENT || t->kind == T_BLOCK || t->kind == T_COMMENT)
		return 1;
	if (t->kind == T_CLOSE) {
		tok_kind o = p->toks[t->match].kind;
		return o == T_PARENT || o == T_BLOCK;
	}
	return 0;
}

/* Is text token t blank apart from its line break? */
static int blank_text(const parser *p, const tok *t)
{
	size_t e = t->end - nl_len(p, t);
	for (size_t i = t->start; i < e; i++)
		if (!is_blank(p->src[i]))
			return 0;
	return 1;
}

/* Handles the line of tokens [a..b]: if it holds only blanks and tags that
 * may stand alone, the tags become standalone and the blanks and line
 * break disappear. A block opened and closed on its line keeps the break. */
static void standalone_line(parser *p, size_t a, size_t b)
{
	size_t first = NONE, last = NONE, ntags = 0;
	int gap = 0, multi = 1;
	for (size_t k = a; k <= b; k++) {
		tok *t = &p->toks[k];
		if (t->kind == T_TEXT) {
			if (!blank_text(p, t))
				return;
			if (first != NONE && k != b)
				gap = 1;
			continue;
		}
		if (!standalone_kind(t->kind))
			return;
		if (!multi_kind(p, t))
			multi = 0;
		if (first == NONE)
			first = k;
		last = k;
		ntags++;
	}
	if (!ntags || (ntags > 1 && (!multi || gap)))
		return;
	int paired = ntags == 2 && p->toks[first].kind == T_BLOCK && p->toks[first].match == last;
	size_t ws = p->toks[a].start, ws_len = 0;
	if (first > a) {
		ws_len = p->toks[a].end - p->toks[a].start;
		p->toks[a].removed = 1;
	}
	if (last < b) {
		tok *t = &p->toks[b];
		size_t nl = nl_len(p, t);
		if (paired && nl)
			t->skip = t->end - t->start - nl;
		else
			t->removed = 1;
	}
	for (size_t k = first; k <= last; k++) {
		tok *t = &p->toks[k];
		t->standalone = 1;
		t->ws = ws;
		t->ws_len = ws_len;
		t->line_end = p->toks[b].end;
	}
}

/* Applies standalone_line to every line of the token list. */
static void mark_standalone(parser *p)
{
	size_t i = 0;
	while (i < p->n) {
		size_t j = i;
		while (j < p->n - 1 && !nl_len(p, &p->toks[j]))
			j++;
		standalone_line(p, i, j);
		i = j + 1;
	}
}

/* Finds the indentation common to the non-blank lines of src[a..b) (which
 * starts a line). Returns 1 with it as src[*off..*off+*len), 0 if every
 * line is blank. */
static int common_indent(const parser *p, size_t a, size_t b, size_t *off, size_t *len)
{
	int found = 0;
	size_t s = a;
	while (s < b) {
		size_t w = s;
		while (w < b && is_blank(p->src[w]))
			w++;
		const char *nl = memchr(p->src + w, '\n', b - w);
		size_t e = nl ? (size_t)(nl - p->src) : b;
		int blank = w == e || (w + 1 == e && p->src[w] == '\r');
		if (!blank) {
			if (!found) {
				*off = s;
				*len = w - s;
				found = 1;
			} else {
				size_t n = 0;
				while (n < *len && n < w - s && p->src[*off + n] == p->src[s + n])
					n++;
				*len = n;
			}
		}
		s = nl ? e + 1 : b;
	}
	return found;
}

/* Works out indentation: what standalone partials, parents and blocks add
 * when expanded, and what block bodies lose (their common indentation, so
 * an override can be re-indented where it lands). Marks the tokens that
 * start an output line (bol), which get the indentation when rendered. */
static void indent_tokens(parser *p)
{
	struct {
		size_t close, len; /* a standalone block's close tag, dedent */
	} stack[MAX_NESTING];
	size_t depth = 0;
	int at_start = 1;
	for (size_t k = 0; k < p->n; k++) {
		tok *t = &p->toks[k];
		while (depth && k >= stack[depth - 1].close)
			depth--;
		size_t enc = depth ? stack[depth - 1].len : 0;
		if (t->standalone && (t->kind == T_PARTIAL || t->kind == T_PARENT || t->kind == T_BLOCK)) {
			size_t cut = enc < t->ws_len ? enc : t->ws_len;
			t->ind = t->ws + cut;
			t->ind_len = t->ws_len - cut;
		}
		if (t->standalone && t->kind == T_BLOCK && depth < MAX_NESTING) {
			tok *c = &p->toks[t->match];
			size_t a = t->line_end <= c->start ? t->line_end : t->end;
			size_t b = c->standalone ? c->ws : c->start;
			size_t off = 0, len = 0;
			/* The block's own indentation is that of its content
			 * if deeper than around it, else that of its line. */
			if (a < b && common_indent(p, a, b, &off, &len) && len > enc) {
				t->ind = off + enc;
				t->ind_len = len - enc;
			} else
				len = enc;
			stack[depth].close = t->match;
			stack[depth].len = len;
			depth++;
		}
		if (t->removed) {
			if (nl_len(p, t))
				at_start = 1;
			continue;
		}
		if (at_start) {
			if (t->kind == T_TEXT) {
				size_t n = t->end - t->start - t->skip, w = 0;
				while (w < enc && w < n && is_blank(p->src[t->start + t->skip + w]))
					w++;
				t->skip += w;
				if (t->skip == t->end - t->start) {
					t->removed = 1;
					continue;
				}
			}
			if (!t->standalone &&
			    (t->kind == T_COMMENT || t->kind == T_DELIM || t->kind == T_CLOSE))
				continue;
			t->bol = !t->standalone;
			at_start = 0;
		}
		if (nl_len(p, t))
			at_start = 1;
	}
}

/* ==== tree =========================================================== */

/* Frees an array of n nodes and everything under them. */
static void free_nodes(node *kids, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		node *nd = &kids[i];
		free(nd->str);
		free(nd->indent);
		free(nd->otag);
		free(nd->ctag);
		free_nodes(nd->kids, nd->nkids);
	}
	free(kids);
}

/* Builds the nodes of tokens [lo..hi) into a new array (*n entries, caller
 * frees with free_nodes). With only_blocks, everything but blocks is
 * dropped (the inside of a parent tag). */
static node *build(const parser *p, size_t lo, size_t hi, int only_blocks, size_t *n)
{
	node *kids = NULL;
	size_t cap = 0;
	*n = 0;
	for (size_t k = lo; k < hi; k++) {
		const tok *t = &p->toks[k];
		size_t next = t->match != NONE && is_open(t->kind) ? t->match : k;
		if (t->removed || t->kind == T_COMMENT || t->kind == T_DELIM || t->kind == T_CLOSE ||
		    (only_blocks && t->kind != T_BLOCK)) {
			k = next;
			continue;
		}
		if (t->kind == T_TEXT && t->skip >= t->end - t->start)
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			kids = xrealloc(kids, cap * sizeof(node));
		}
		node *nd = &kids[(*n)++];
		memset(nd, 0, sizeof *nd);
		nd->bol = t->bol;
		nd->standalone = t->standalone;
		nd->dynamic = t->dynamic;
		nd->line = t->line;
		nd->col = t->col;
		switch (t->kind) {
		case T_TEXT:
			nd->kind = N_TEXT;
			nd->len = t->end - t->start - t->skip;
			nd->str = xstrndup(p->src + t->start + t->skip, nd->len);
			continue;
		case T_VAR: nd->kind = N_VAR; break;
		case T_RAW: nd->kind = N_RAW; break;
		case T_SECTION: nd->kind = N_SECTION; break;
		case T_INVERTED: nd->kind = N_INVERTED; break;
		case T_PARTIAL: nd->kind = N_PARTIAL; break;
		case T_PARENT: nd->kind = N_PARENT; break;
		default: nd->kind = N_BLOCK; break;
		}
		nd->len = t->name_len;
		nd->str = xstrndup(p->src + t->name, t->name_len);
		nd->indent = xstrndup(p->src + t->ind, t->ind_len);
		if (is_open(t->kind)) {
			nd->kids = build(p, k + 1, t->match, t->kind == T_PARENT, &nd->nkids);
			nd->body = t->end;
			nd->body_len = p->toks[t->match].start - t->end;
			nd->otag = xstrdup(t->otag);
			nd->ctag = xstrdup(t->ctag);
		}
		k = next;
	}
	return kids;
}

/* Compiles src[0..len) (copied) starting with the delimiters otag/ctag.
 * Returns a new template (mus_free), or NULL with *err set (malloc'd). */
static mus_template *compile(const char *src, size_t len, const char *path,
			     const char *otag, const char *ctag, char **err)
{
	mus_template *t = xcalloc(1, sizeof *t);
	t->path = xstrdup(path ? path : "<template>");
	t->src = xstrndup(src, len);
	t->len = len;
	parser p = {.src = t->src, .len = len, .path = t->path, .line = 1, .col = 1};
	if (!tokenize(&p, otag, ctag) || !match_sections(&p))
		goto done;
	mark_standalone(&p);
	indent_tokens(&p);
	t->kids = build(&p, 0, p.n, 0, &t->nkids);
done:
	for (size_t i = 0; i < p.ndelims; i++)
		free(p.delims[i]);
	free(p.delims);
	free(p.toks);
	if (p.err) {
		mus_free(t);
		t = NULL;
		if (err)
			*err = p.err;
		else
			free(p.err);
	}
	return t;
}

/* Compiles with the default delimiters; see mustache.h. */
mus_template *mus_compile(const char *text, size_t len, const char *path, char **err)
{
	return compile(text, len, path, "{{", "}}", err);
}

/* Frees a template; NULL is fine. */
void mus_free(mus_template *t)
{
	if (!t)
		return;
	free_nodes(t->kids, t->nkids);
	free(t->path);
	free(t->src);
	free(t);
}

/* ==== environment ==================================================== */

/* Returns a new, empty, non-strict env (mus_env_free). */
mus_env *mus_env_new(mus_loader loader, void *ud)
{
	mus_env *env = xcalloc(1, sizeof *env);
	env->loader = loader;
	env->ud = ud;
	pthread_mutex_init(&env->lock, NULL);
	return env;
}

/* Frees env and every template it compiled; NULL is fine. */
void mus_env_free(mus_env *env)
{
	if (!env)
		return;
	for (size_t i = 0; i < env->n; i++) {
		free(env->entries[i].name);
		mus_free(env->entries[i].t);
		free(env->entries[i].err);
	}
	free(env->entries);
	pthread_mutex_destroy(&env->lock);
	free(env);
}

/* Makes missing partials errors (strict) or empty. */
void mus_env_set_strict(mus_env *env, int strict)
{
	env->strict = strict;
}

/* Finds template `name`, loading and compiling it on first use; the lock
 * is held meanwhile, so the loader is never called twice for a name nor
 * from two threads at once. Returns 1 with *out (owned by env), 0 if there
 * is no such template, -1 with *err (malloc'd, caller frees) if it does
 * not compile. */
static int env_find(mus_env *env, const char *name, mus_template **out, char **err)
{
	int status;
	env_entry *e = NULL;
	if (!env || !env->loader)
		return 0;
	pthread_mutex_lock(&env->lock);
	for (size_t i = 0; i < env->n; i++)
		if (!strcmp(env->entries[i].name, name)) {
			e = &env->entries[i];
			break;
		}
	if (!e) {
		char *text = NULL, *path = NULL;
		mus_template *t = NULL;
		char *msg = NULL;
		if (env->loader(env->ud, name, &text, &path)) {
			t = mus_compile(text ? text : "", text ? strlen(text) : 0,
					path ? path : name, &msg);
			free(text);
		}
		if (env->n == env->cap) {
			env->cap = env->cap ? env->cap * 2 : 16;
			env->entries = xrealloc(env->entries, env->cap * sizeof(env_entry));
		}
		e = &env->entries[env->n++];
		e->name = xstrdup(name);
		e->t = t;
		e->err = msg;
	}
	*out = e->t;
	status = e->t ? 1 : e->err ? -1 : 0;
	if (status < 0 && err)
		*err = xstrdup(e->err);
	pthread_mutex_unlock(&env->lock);
	return status;
}

/* Returns the compiled template `name` (owned by env), or NULL with *err
 * (malloc'd). */
mus_template *mus_env_get(mus_env *env, const char *name, char **err)
{
	mus_template *t = NULL;
	char *msg = NULL;
	int status = env_find(env, name, &t, &msg);
	if (status == 0)
		msg = xasprintf("%s: template not found", name); /* render.c looks for "not found" */
	if (status <= 0) {
		if (err)
			*err = msg;
		else
			free(msg);
		return NULL;
	}
	return t;
}

/* ==== rendering ====================================================== */

/* The context stack, innermost first. */
typedef struct ctx_frame {
	value *v;
	const struct ctx_frame *up;
} ctx_frame;

/* The block overrides of the {{<parent}} tags being expanded, innermost
 * first; the outermost override of a name wins. */
typedef struct block_frame {
	const mus_template *t;
	const node *parent;
	const struct block_frame *up;
} block_frame;

typedef struct {
	mus_env *env;
	buf *out;
	char *err;    /* first error */
	int expansions; /* partials, parents and lambdas being expanded */
	int depth;      /* nested node lists being rendered */
	long total;     /* partial and parent expansions in this render */
} render;

/* How the first node of a list treats the indentation. */
enum { FIRST_AS_MARKED, FIRST_INDENTED, FIRST_INLINE };

static int render_nodes(render *r, const mus_template *t, const node *kids, size_t n,
			const ctx_frame *ctx, const block_frame *bf, const char *indent,
			int first);

/* Records the first render error, placed at node nd of t. Returns 0. */
static int rerr(render *r, const mus_template *t, const node *nd, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static int rerr(render *r, const mus_template *t, const node *nd, const char *fmt, ...)
{
	if (r->err)
		return 0;
	buf b = {0};
	buf_printf(&b, "%s:%d:%d: ", t->path, nd->line, nd->col);
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, msg_tr(fmt), ap);
	va_end(ap);
	r->err = buf_detach(&b);
	return 0;
}

/* Looks s[0..n) up as a key of map v, or, as our one extension to the
 * spec, as an index of list v when it is all digits ({{#items.0}} tests
 * that a list is not empty). Borrowed or NULL. */
static value *map_getn(const value *v, const char *s, size_t n)
{
	if (v && v->type == V_LIST && n > 0 && n < 9 && strspn(s, "0123456789") >= n) {
		size_t idx = 0;
		for (size_t i = 0; i < n; i++)
			idx = idx * 10 + (size_t)(s[i] - '0');
		return value_at(v, idx);
	}
	return value_getn(v, s, n);
}

/* Resolves a (dotted) name on the context stack as the spec says: the
 * first part in the innermost map that has it, the rest inside that.
 * Borrowed or NULL. */
static value *lookup(const ctx_frame *ctx, const char *name)
{
	if (name[0] == '.' && name[1] == 0)
		return ctx ? ctx->v : NULL;
	const char *dot = strchr(name, '.');
	size_t n = dot ? (size_t)(dot - name) : strlen(name);
	value *v = NULL;
	for (const ctx_frame *f = ctx; f && !v; f = f->up)
		v = map_getn(f->v, name, n);
	while (v && dot) {
		name = dot + 1;
		dot = strchr(name, '.');
		n = dot ? (size_t)(dot - name) : strlen(name);
		v = map_getn(v, name, n);
	}
	return v;
}

/* Calls lambda fn of node nd (section text for sections, NULL otherwise),
 * compiles what it returns and renders it in ctx; an interpolation's
 * result is escaped unless nd is {{{raw}}}. Returns 1/0. */
static int render_lambda(render *r, const mus_template *t, const node *nd, const value *fn,
			 const ctx_frame *ctx, const block_frame *bf)
{
	int ok = 0, section = nd->kind == N_SECTION;
	char *raw = section ? xstrndup(t->src + nd->body, nd->body_len) : NULL;
	char *res = fn->u.fn.fn(fn->u.fn.ud, raw);
	char *msg = NULL, *where = NULL;
	mus_template *lt = NULL;
	buf tmp = {0};
	buf *saved = r->out;
	if (!res) {
		ok = 1;
		goto done;
	}
	if (r->expansions >= MAX_PARTIAL_DEPTH) {
		rerr(r, t, nd, "lambda '%s' nested deeper than %d levels", nd->str,
		     MAX_PARTIAL_DEPTH);
		goto done;
	}
	/* Messages about the result read "tpl:1:2: lambda 'x' result:3:4: ...". */
	where = xasprintf("%s:%d:%d: lambda '%s' result", t->path, nd->line, nd->col, nd->str);
	lt = compile(res, strlen(res), where, section ? nd->otag : "{{",
		     section ? nd->ctag : "}}", &msg);
	if (!lt) {
		if (!r->err) {
			r->err = msg;
			msg = NULL;
		}
		goto done;
	}
	if (nd->kind == N_VAR)
		r->out = &tmp;
	r->expansions++;
	ok = render_nodes(r, lt, lt->kids, lt->nkids, ctx, bf, "", FIRST_AS_MARKED);
	r->expansions--;
	r->out = saved;
	if (ok && nd->kind == N_VAR && tmp.len)
		buf_put_html(r->out, tmp.s, tmp.len);
done:
	buf_free(&tmp);
	mus_free(lt);
	free(where);
	free(msg);
	free(res);
	free(raw);
	return ok;
}

/* Appends a value for {{name}} (escaped) or {{{name}}}. */
static void put_value(render *r, const value *v, int escape)
{
	if (!escape) {
		value_to_text(v, r->out);
	} else if (v->type == V_STR) {
		buf_put_html(r->out, v->u.str.s, v->u.str.len);
	} else {
		buf tmp = {0};
		value_to_text(v, &tmp);
		if (tmp.len)
			buf_put_html(r->out, tmp.s, tmp.len);
		buf_free(&tmp);
	}
}

/* Expands a partial or parent tag nd: finds the template (a missing one is
 * empty, or an error in strict mode) and renders it in ctx, indented when
 * the tag stood alone. Returns 1/0. */
static int render_partial(render *r, const mus_template *t, const node *nd,
			  const ctx_frame *ctx, const block_frame *bf, const char *indent)
{
	int ok = 0;
	const char *name = nd->str;
	mus_template *pt = NULL;
	char *msg = NULL, *ind = NULL;
	int strict = r->env && r->env->strict;
	if (nd->dynamic) {
		name = value_cstr(lookup(ctx, nd->str));
		if (!name) {
			ok = strict ? rerr(r, t, nd, "partial name '%s' is not a string in the context",
					   nd->str) : 1;
			goto done;
		}
	}
	int status = env_find(r->env, name, &pt, &msg);
	if (status < 0) {
		/* The partial's own message says where it is wrong. */
		if (!r->err) {
			r->err = msg;
			msg = NULL;
		}
		goto done;
	}
	if (status == 0) {
		ok = strict ? rerr(r, t, nd, "partial '%s' not found", name) : 1;
		goto done;
	}
	if (r->expansions >= MAX_PARTIAL_DEPTH) {
		rerr(r, t, nd, "partial '%s' nested deeper than %d levels (recursive partial?)",
		     name, MAX_PARTIAL_DEPTH);
		goto done;
	}
	/* partials that each include the next twice grow exponentially without
	 * ever nesting deep: cap the total, like the YAML alias budget */
	if (++r->total > MAX_EXPANSIONS) {
		rerr(r, t, nd, "partial '%s': templates expand more than %d partials for one page",
		     name, MAX_EXPANSIONS);
		goto done;
	}
	block_frame frame = {t, nd, bf};
	if (nd->kind == N_PARENT)
		bf = &frame;
	ind = nd->standalone ? xasprintf("%s%s", indent, nd->indent) : xstrdup("");
	r->expansions++;
	ok = render_nodes(r, pt, pt->kids, pt->nkids, ctx, bf, ind, FIRST_INDENTED);
	r->expansions--;
done:
	free(ind);
	free(msg);
	return ok;
}

/* Expands block nd: the outermost override of its name among the parents
 * being expanded, else its own content. A standalone block re-indents what
 * it expands to by its indentation. Returns 1/0. */
static int render_block(render *r, const mus_template *t, const node *nd,
			const ctx_frame *ctx, const block_frame *bf, const char *indent)
{
	const mus_template *bt = t;
	const node *body = nd;
	for (const block_frame *f = bf; f; f = f->up)
		for (size_t i = 0; i < f->parent->nkids; i++) {
			const node *b = &f->parent->kids[i];
			if (b->kind == N_BLOCK && !strcmp(b->str, nd->str)) {
				bt = f->t;
				body = b;
				break;
			}
		}
	if (!nd->standalone)
		return render_nodes(r, bt, body->kids, body->nkids, ctx, bf, indent,
				    body == nd ? FIRST_AS_MARKED : FIRST_INLINE);
	char *ind = xasprintf("%s%s", indent, nd->indent);
	int ok = render_nodes(r, bt, body->kids, body->nkids, ctx, bf, ind, FIRST_INDENTED);
	free(ind);
	return ok;
}

/* Does a dotted name end in a list index ("items.0")? */
static int ends_with_index(const char *name)
{
	const char *dot = strrchr(name, '.');
	return dot && dot[1] && strspn(dot + 1, "0123456789") == strlen(dot + 1);
}

/* Renders one node. Returns 1/0. */
static int render_node(render *r, const mus_template *t, const node *nd,
		       const ctx_frame *ctx, const block_frame *bf, const char *indent)
{
	value *v;
	switch (nd->kind) {
	case N_TEXT:
		buf_put(r->out, nd->str, nd->len);
		return 1;
	case N_VAR:
	case N_RAW:
		v = lookup(ctx, nd->str);
		if (!v)
			return 1;
		if (v->type == V_FUNC)
			return render_lambda(r, t, nd, v, ctx, bf);
		put_value(r, v, nd->kind == N_VAR);
		return 1;
	case N_SECTION:
		v = lookup(ctx, nd->str);
		if (v && v->type == V_FUNC)
			return render_lambda(r, t, nd, v, ctx, bf);
		if (!value_truthy(v))
			return 1;
		if (v->type == V_LIST) {
			for (size_t i = 0; i < value_len(v); i++) {
				ctx_frame f = {value_at(v, i), ctx};
				if (!render_nodes(r, t, nd->kids, nd->nkids, &f, bf, indent,
						  FIRST_AS_MARKED))
					return 0;
			}
			return 1;
		} else if (ends_with_index(nd->str)) {
			/* {{#list.0}}: a test that the list has an item; the context
			 * stays as it was, so names inside never leak from item 0 */
			return render_nodes(r, t, nd->kids, nd->nkids, ctx, bf, indent,
					    FIRST_AS_MARKED);
		} else {
			ctx_frame f = {v, ctx};
			return render_nodes(r, t, nd->kids, nd->nkids, &f, bf, indent,
					    FIRST_AS_MARKED);
		}
	case N_INVERTED:
		if (value_truthy(lookup(ctx, nd->str)))
			return 1;
		return render_nodes(r, t, nd->kids, nd->nkids, ctx, bf, indent, FIRST_AS_MARKED);
	case N_PARTIAL:
	case N_PARENT:
		return render_partial(r, t, nd, ctx, bf, indent);
	case N_BLOCK:
		return render_block(r, t, nd, ctx, bf, indent);
	}
	return 1;
}

/* Renders nodes kids[0..n) of template t, writing indent before each node
 * that starts a source line (but not before empty lines). first says
 * whether kids[0] starts a line whatever its mark. Returns 1/0. */
static int render_nodes(render *r, const mus_template *t, const node *kids, size_t n,
			const ctx_frame *ctx, const block_frame *bf, const char *indent,
			int first)
{
	int ok = 1;
	if (!n)
		return 1;
	if (r->depth >= MAX_RENDER_DEPTH)
		return rerr(r, t, &kids[0], "templates nested deeper than %d levels",
			    MAX_RENDER_DEPTH);
	r->depth++;
	for (size_t i = 0; i < n && ok; i++) {
		const node *nd = &kids[i];
		int bol = nd->bol;
		if (i == 0 && first != FIRST_AS_MARKED)
			bol = first == FIRST_INDENTED;
		if (bol && !nd->standalone && *indent &&
		    !(nd->kind == N_TEXT && (nd->str[0] == '\n' ||
					     (nd->str[0] == '\r' && nd->str[1] == '\n'))))
			buf_puts(r->out, indent);
		ok = render_node(r, t, nd, ctx, bf, indent);
	}
	r->depth--;
	return ok;
}

/* Renders t over ctx into out; 1, or 0 with *err (malloc'd). */
int mus_render(mus_env *env, mus_template *t, value *ctx, buf *out, char **err)
{
	render r = {.env = env, .out = out};
	ctx_frame root = {ctx, NULL};
	buf_cstr(out);
	if (render_nodes(&r, t, t->kids, t->nkids, ctx ? &root : NULL, NULL, "",
			 FIRST_AS_MARKED))
		return 1;
	if (!r.err)
		r.err = xasprintf(msg_tr("%s: render failed"), t->path);
	if (err)
		*err = r.err;
	else
		free(r.err);
	return 0;
}

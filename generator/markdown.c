/* markdown.c: see markdown.h. Headings get ids in cmark's HTML: found as
 * the only "<hN>" tags when raw HTML is off; with raw HTML on, by rendering
 * with source positions and rewriting each data-sourcepos attribute (on a
 * heading it becomes id="...", elsewhere it is removed). */
#include "markdown.h"
#include "autolink.h"
#include "util.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <dlfcn.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* cmark-gfm's allocator for every document (a bump allocator, below):
 * nodes added to a document must come from its allocator. */
static cmark_mem ARENA_MEM;

static const char *const ext_names[] = {"table", "strikethrough", "autolink", "tagfilter", "tasklist"};

/* cmark-gfm keeps the extensions' special inline characters ('~', '|',
 * ':' ...) in one global table: process_inlines switches them on at the
 * start of every parse and off at its end, through this exported
 * function (its calls go through the PLT, so the program's definition
 * replaces the library's). Two threads parsing at once would switch them
 * off under each other. Every parser here attaches the same extensions,
 * so md_setup switches them on once, before any thread parses, and the
 * library's later calls change nothing: each parse sees exactly the
 * table it saw before. */
static void (*lib_manage_chars)(cmark_parser *, int);

void cmark_manage_extensions_special_characters(cmark_parser *parser, int add)
{
	(void)parser;
	(void)add;
}

static pthread_once_t setup_once = PTHREAD_ONCE_INIT;
static int threads_ok;

static void md_setup(void)
{
	cmark_gfm_core_extensions_ensure_registered();
	lib_manage_chars = (void (*)(cmark_parser *, int))dlsym(RTLD_NEXT, "cmark_manage_extensions_special_characters");
	if (!lib_manage_chars) {
		fprintf(stderr, "shirube: cmark-gfm without cmark_manage_extensions_special_characters: %s\n", dlerror());
		abort();
	}
	cmark_parser *p = cmark_parser_new(CMARK_OPT_DEFAULT);
	for (size_t i = 0; i < sizeof ext_names / sizeof *ext_names; i++) {
		cmark_syntax_extension *e = cmark_find_syntax_extension(ext_names[i]);
		if (e)
			cmark_parser_attach_syntax_extension(p, e);
	}
	lib_manage_chars(p, 1);
	cmark_parser_free(p);
	/* the library's calls reach the definition above only when the
	 * program's symbol is the one the dynamic linker binds */
	threads_ok = dlsym(RTLD_DEFAULT, "cmark_manage_extensions_special_characters") ==
		     (void *)cmark_manage_extensions_special_characters;
}

int md_threads_ok(void)
{
	pthread_once(&setup_once, md_setup);
	return threads_ok;
}

static cmark_llist *extensions(void)
{
	const char *const *names = ext_names;
	pthread_once(&setup_once, md_setup);
	cmark_llist *list = NULL;
	for (size_t i = 0; i < sizeof ext_names / sizeof *ext_names; i++) {
		cmark_syntax_extension *e = cmark_find_syntax_extension(names[i]);
		if (e)
			list = cmark_llist_append(cmark_get_default_mem_allocator(), list, e);
	}
	return list;
}

int md_valid_id(const char *id)
{
	if (!*id)
		return 0;
	for (const unsigned char *p = (const unsigned char *)id; *p; p++)
		if (*p <= ' ' || *p == 0x7f || strchr("\"'<>&#/\\", *p))
			return 0;
	return 1;
}

/* The NFKC case fold of text when every character is one the fold leaves
 * alone or only lowercases (ASCII, hiragana, katakana without the
 * half-width forms, the main CJK block: no compatibility mapping, no
 * combining mark to compose), else NULL: most Japanese headings skip
 * utf8proc's two passes. */
static char *fold_simple(const char *text)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0;
	for (; s[i];) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		if ((s[i] & 0xf0) != 0xe0 || (s[i + 1] & 0xc0) != 0x80 || (s[i + 2] & 0xc0) != 0x80)
			return NULL;
		unsigned cp = ((s[i] & 0x0fu) << 12) | ((s[i + 1] & 0x3fu) << 6) | (s[i + 2] & 0x3fu);
		if (!((cp >= 0x3041 && cp <= 0x3096) || (cp >= 0x30a1 && cp <= 0x30fa) || cp == 0x30fc ||
		      (cp >= 0x4e00 && cp <= 0x9fff)))
			return NULL;
		i += 3;
	}
	char *r = xmalloc(i + 1);
	for (size_t k = 0; k <= i; k++)
		r[k] = s[k] >= 'A' && s[k] <= 'Z' ? (char)(s[k] + 32) : (char)s[k];
	return r;
}

char *md_slug(const char *text)
{
	utf8proc_uint8_t *norm = (utf8proc_uint8_t *)fold_simple(text);
	buf b = {0};
	utf8proc_ssize_t n = norm ? (utf8proc_ssize_t)strlen((char *)norm)
				  : utf8proc_map((const utf8proc_uint8_t *)text, 0, &norm,
						 UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPAT |
							 UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
	if (n < 0) {
		free(norm);
		return xstrdup("section");
	}
	int dash = 0, other = 0; /* other: letters or digits outside ASCII */
	for (utf8proc_ssize_t i = 0; i < n;) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate(norm + i, n - i, &cp);
		if (k <= 0)
			break;
		utf8proc_category_t c = utf8proc_category(cp);
		int keep = (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_NO) || cp == '_';
		if (keep && cp < 0x80) {
			if (dash && b.len)
				buf_putc(&b, '-');
			dash = 0;
			buf_putc(&b, (char)cp);
		} else {
			other |= keep;
			dash = 1;
		}
		i += k;
	}
	/* other scripts: a short hash of the whole heading keeps the id ASCII
	 * (safe in every URL, no percent-encoding), stable and distinct */
	if (other) {
		if (b.len)
			buf_putc(&b, '-');
		else
			buf_puts(&b, "s-");
		uint32_t h = hash32((const char *)norm, (size_t)n);
		for (int sh = 28; sh >= 0; sh -= 4) /* "%08x", without printf's cost */
			buf_putc(&b, "0123456789abcdef"[(h >> sh) & 15]);
	}
	free(norm);
	if (!b.len)
		buf_puts(&b, "section");
	return buf_detach(&b);
}

/* Collects the plain text under node (text, code, line breaks as spaces). */
static void node_text(cmark_node *node, buf *out)
{
	for (cmark_node *c = cmark_node_first_child(node); c; c = cmark_node_next(c)) {
		cmark_node_type t = cmark_node_get_type(c);
		if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE || t == CMARK_NODE_HTML_INLINE)
			buf_puts(out, cmark_node_get_literal(c));
		else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK)
			buf_putc(out, ' ');
		else
			node_text(c, out);
	}
}

static size_t utf8_cols(const char *s, size_t n)
{
	size_t cols = 0;
	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			cols++;
	return cols;
}

/* Finds source lines in the order headings come: each call goes on from
 * where the previous one stopped, so all the headings of a body cost one
 * pass over it (a scan from the start each time was quadratic: 80,000
 * headings took 31 s). */
typedef struct line_cursor {
	const char *text, *end;
	const char *p; /* start of line `line` */
	int line;
} line_cursor;

/* Returns a pointer to the start of source line `line` (1-based) or NULL. */
static const char *line_start(line_cursor *c, int line)
{
	if (!c->p || line < c->line) {
		c->p = c->text;
		c->line = 1;
	}
	while (c->line < line) {
		const char *nl = memchr(c->p, '\n', (size_t)(c->end - c->p));
		if (!nl)
			return NULL;
		c->p = nl + 1;
		c->line++;
	}
	return c->p;
}

/* cmark's column (bytes, 1-based) on body line `line` as a column in
 * characters, as YAML's positions and editors count them. */
static int char_col(line_cursor *c, int line, int byte_col)
{
	const char *s = line_start(c, line);
	if (!s || byte_col <= 1)
		return byte_col;
	size_t n = (size_t)(byte_col - 1), left = (size_t)(c->end - s);
	return (int)utf8_cols(s, n < left ? n : left) + 1;
}

/* Strips a trailing "{#id key=value ...}" from the heading's last text node
 * and fills h->id / h->topics from it. */
static void heading_attrs(cmark_node *heading, md_heading *h, line_cursor *lc, int body_line)
{
	cmark_node *last = cmark_node_last_child(heading);
	if (!last || cmark_node_get_type(last) != CMARK_NODE_TEXT)
		return;
	const char *lit = cmark_node_get_literal(last);
	size_t n = strlen(lit);
	while (n && (lit[n - 1] == ' ' || lit[n - 1] == '\t'))
		n--;
	if (!n || lit[n - 1] != '}')
		return;
	const char *open = NULL;
	for (size_t i = n; i-- > 0;)
		if (lit[i] == '{') {
			open = lit + i;
			break;
		}
	if (!open || open[1] != '#')
		return;
	char *attrs = xstrndup(open + 1, (size_t)(lit + n - 1 - (open + 1)));
	char *save = NULL;
	for (char *tok = strtok_r(attrs, " \t", &save); tok; tok = strtok_r(NULL, " \t", &save)) {
		if (tok[0] == '#' && !h->id) {
			h->id = xstrdup(tok + 1);
			h->explicit_id = 1;
		} else if (str_starts_with(tok, "topics=")) {
			free(h->topics);
			h->topics = xstrdup(tok + 7);
		}
	}
	free(attrs);
	/* column of topics= on the source line */
	const char *ls = h->topics ? line_start(lc, body_line) : NULL;
	if (ls) {
		const char *le = memchr(ls, '\n', (size_t)(lc->end - ls));
		size_t ll = le ? (size_t)(le - ls) : (size_t)(lc->end - ls);
		for (size_t i = 0; i + 7 <= ll; i++)
			if (!memcmp(ls + i, "topics=", 7)) {
				h->topics_col = (int)utf8_cols(ls, i) + 1;
				break;
			}
	}
	size_t keep = (size_t)(open - lit);
	while (keep && (lit[keep - 1] == ' ' || lit[keep - 1] == '\t'))
		keep--;
	char *rest = xstrndup(lit, keep);
	cmark_node_set_literal(last, rest);
	free(rest);
}

/* Would the browser run url as a script? javascript:, vbscript:, file: and
 * data: except raster images, as cmark-gfm's safe mode has it, read the
 * way a browser reads a URL (leading spaces and controls dropped, tabs and
 * newlines ignored, any case). cmark-gfm checks this only without
 * CMARK_OPT_UNSAFE; we check it always. */
static int dangerous_url(const char *url)
{
	char head[32];
	size_t n = 0;
	const unsigned char *p = (const unsigned char *)url;
	while (*p && *p <= ' ')
		p++;
	for (; *p && n < sizeof head - 1; p++)
		if (*p != '\t' && *p != '\n' && *p != '\r')
			head[n++] = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
	head[n] = 0;
	if (str_starts_with(head, "data:"))
		return !(str_starts_with(head, "data:image/png") || str_starts_with(head, "data:image/gif") ||
			 str_starts_with(head, "data:image/jpeg") || str_starts_with(head, "data:image/webp"));
	return str_starts_with(head, "javascript:") || str_starts_with(head, "vbscript:") ||
	       str_starts_with(head, "file:");
}

/* Rewrites a relative link to a Markdown file into the .html page it
 * becomes: a/README.md#x -> a/index.html#x, b.md -> b.html. */
static char *rewrite_md_link(const char *url)
{
	if (!url || !*url || url[0] == '/' || url[0] == '#' || strstr(url, "://") ||
	    str_starts_with(url, "mailto:"))
		return NULL;
	size_t n = strcspn(url, "#?");
	if (n < 3 || memcmp(url + n - 3, ".md", 3))
		return NULL;
	size_t base = n;
	while (base && url[base - 1] != '/')
		base--;
	buf b = {0};
	const char *name = url + base;
	size_t nlen = n - base;
	if ((nlen == 9 && !strncasecmp(name, "README.md", 9)) ||
	    (nlen == 8 && !memcmp(name, "index.md", 8))) {
		buf_put(&b, url, base);
		buf_puts(&b, "index.html");
	} else {
		buf_put(&b, url, n - 3);
		buf_puts(&b, ".html");
	}
	buf_puts(&b, url + n);
	return buf_detach(&b);
}
/* The nearest block (paragraph, list item, table cell, ...) around an
 * inline node. */
static cmark_node *enclosing_block(cmark_node *n)
{
	while (n && (cmark_node_get_type(n) & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_INLINE)
		n = cmark_node_parent(n);
	return n;
}

/* The quote depth after text[from..to): +1 for 「 or 『, -1 for 」 or 』
 * (never below 0). Auto-links are never made inside a quote: a quoted
 * string is an official title or item name, cited as written. */
static int quote_depth(const char *text, size_t from, size_t to, int depth)
{
	for (size_t i = from; i + 3 <= to; i++) {
		const unsigned char *u = (const unsigned char *)text + i;
		if (u[0] != 0xE3 || u[1] != 0x80)
			continue;
		if (u[2] == 0x8C || u[2] == 0x8E)
			depth++;
		else if ((u[2] == 0x8D || u[2] == 0x8F) && depth > 0)
			depth--;
	}
	return depth;
}


/* Links the first mention of each topic per section (see md_autolink). */
static void auto_link(cmark_node *doc, const md_autolink *lk)
{
	size_t n_ids = 0;
	/* ids are small integers; find the largest to size the seen-set */
	cmark_node **texts = NULL, **blocks = NULL;
	int *sect = NULL;
	size_t nt = 0, cap = 0;
	int section = 0, skip = 0;
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(node);
		int opaque = t == CMARK_NODE_HEADING || t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE;
		if (opaque) {
			if (ev == CMARK_EVENT_ENTER) {
				skip++;
				if (t == CMARK_NODE_HEADING)
					section++;
			} else
				skip--;
			continue;
		}
		if (ev == CMARK_EVENT_ENTER && t == CMARK_NODE_TEXT && !skip) {
			if (nt == cap) {
				cap = cap ? cap * 2 : 64;
				texts = xrealloc(texts, cap * sizeof *texts);
				blocks = xrealloc(blocks, cap * sizeof *blocks);
				sect = xrealloc(sect, cap * sizeof *sect);
			}
			texts[nt] = node;
			blocks[nt] = enclosing_block(node);
			sect[nt] = section;
			nt++;
		}
	}
	cmark_iter_free(it);
	n_ids = 0;
	for (size_t i = 0; lk->urls[i]; i++)
		n_ids++;
	int *seen = xcalloc(n_ids + 1, sizeof(int)); /* section+1 where linked */
	int depth = 0; /* 「…」 / 『…』 nesting, carried across the texts of one block */
	for (size_t i = 0; i < nt; i++) {
		const char *lit = cmark_node_get_literal(texts[i]);
		size_t len = strlen(lit);
		al_match *m;
		size_t nm = al_find(lk->al, lit, len, &m);
		size_t pos = 0, scanned = 0;
		int changed = 0;
		if (i == 0 || blocks[i] != blocks[i - 1])
			depth = 0;
		for (size_t k = 0; k < nm; k++) {
			int id = m[k].id;
			depth = quote_depth(lit, scanned, m[k].start, depth);
			scanned = m[k].start;
			if (depth > 0)
				continue; /* never inside a quoted title */
			if (id < 0 || (size_t)id >= n_ids || id == lk->self || seen[id] == sect[i] + 1)
				continue;
			seen[id] = sect[i] + 1;
			if (m[k].start > pos) {
				cmark_node *tx = cmark_node_new_with_mem(CMARK_NODE_TEXT, &ARENA_MEM);
				char *part = xstrndup(lit + pos, m[k].start - pos);
				cmark_node_set_literal(tx, part);
				free(part);
				cmark_node_insert_before(texts[i], tx);
			}
			cmark_node *ln = cmark_node_new_with_mem(CMARK_NODE_LINK, &ARENA_MEM);
			char *url = xasprintf("%s%s", lk->root, lk->urls[id]);
			cmark_node_set_url(ln, url);
			free(url);
			cmark_node *tx = cmark_node_new_with_mem(CMARK_NODE_TEXT, &ARENA_MEM);
			char *part = xstrndup(lit + m[k].start, m[k].end - m[k].start);
			cmark_node_set_literal(tx, part);
			free(part);
			cmark_node_append_child(ln, tx);
			cmark_node_insert_before(texts[i], ln);
			pos = m[k].end;
			changed = 1;
		}
		free(m);
		depth = quote_depth(lit, scanned, len, depth);
		if (changed) {
			char *rest = xstrdup(lit + pos);
			cmark_node_set_literal(texts[i], rest);
			free(rest);
		}
	}
	free(seen);
	free(texts);
	free(blocks);
	free(sect);
}

/* A set of heading ids for unique_ids: open addressing, keys owned. */
typedef struct id_entry {
	char *id;
	int used;  /* the final id of a heading already numbered */
	int line;  /* that heading's line */
	int next;  /* the next -N suffix to try for this id */
} id_entry;

static id_entry *id_slot(id_entry *t, size_t cap, const char *id)
{
	size_t i = hash32(id, strlen(id)) & (cap - 1);
	while (t[i].id && strcmp(t[i].id, id))
		i = (i + 1) & (cap - 1);
	return &t[i];
}

static id_entry *id_add(id_entry *t, size_t cap, const char *id)
{
	id_entry *e = id_slot(t, cap, id);
	if (!e->id) {
		e->id = xstrdup(id);
		e->next = 1;
	}
	return e;
}

/* Gives headings without an explicit id a slug, in document order, and
 * makes every id unique: one already used by an earlier heading becomes
 * id-N, N the smallest number making an id that no earlier heading and no
 * later explicit id has. A set, and per id the next N to try (what was
 * taken stays taken), keep this linear: thousands of identical headings
 * must not take minutes. */
static void unique_ids(md_doc *out)
{
	size_t cap = 16;
	while (cap < 4 * out->n_h) /* at most 2 ids per heading: load <= 1/2 */
		cap *= 2;
	id_entry *t = xcalloc(cap, sizeof *t);
	for (size_t i = 0; i < out->n_h; i++)
		if (out->h[i].id)
			id_add(t, cap, out->h[i].id);
	for (size_t i = 0; i < out->n_h; i++) {
		md_heading *h = &out->h[i];
		if (!h->id)
			h->id = md_slug(h->text);
		id_entry *e = id_add(t, cap, h->id);
		if (e->used) {
			if (h->explicit_id)
				h->dup_line = e->line;
			char *cand;
			for (;;) {
				cand = xasprintf("%s-%d", h->id, e->next++);
				if (!id_slot(t, cap, cand)->id)
					break;
				free(cand);
			}
			free(h->id);
			h->id = cand;
			e = id_add(t, cap, cand);
		}
		e->used = 1;
		e->line = h->line;
	}
	for (size_t i = 0; i < cap; i++)
		free(t[i].id);
	free(t);
}

/* ---- a bump allocator for cmark-gfm ------------------------------------ */

/* cmark-gfm makes thousands of small allocations per page (nodes, string
 * buffers) and frees them all at the end: a bump allocator whose chunks
 * are kept and reused page after page turns them into pointer moves and
 * touches no new memory after the first pages. One arena a thread (the
 * threads of par_for render pages at once); a thread's chunks go when it
 * ends. Each block starts with its size, for realloc. */
typedef struct arena_chunk {
	struct arena_chunk *next;
	size_t size, used;
	_Alignas(16) unsigned char data[];
} arena_chunk;

typedef struct arena {
	arena_chunk *head, *cur;
	void *last; /* the latest block, which realloc may grow in place */
	size_t total, limit; /* bytes handed out since the reset, and the cap */
	int armed;    /* past the cap, jump to jb (inside the parse and render) */
	jmp_buf jb;
} arena;

static _Thread_local arena md_arena;

/* A thread other than the main one frees its chunks when it ends. */
static pthread_key_t arena_key;
static pthread_once_t arena_key_once = PTHREAD_ONCE_INIT;

static void arena_thread_end(void *unused)
{
	(void)unused;
	for (arena_chunk *c = md_arena.head, *next; c; c = next) {
		next = c->next;
		free(c);
	}
	memset(&md_arena, 0, sizeof md_arena);
}

static void arena_key_make(void)
{
	if (pthread_key_create(&arena_key, arena_thread_end) != 0)
		abort();
}

#define ARENA_HDR 16 /* the block's size, keeping the data 16-aligned */
#define ARENA_CHUNK (1u << 20)

/* Counts n more bytes: past the cap, while armed, jumps back to
 * md_render_capped, which resets the arena (every block at once). */
static void arena_count(size_t n)
{
	md_arena.total += n;
	if (md_arena.armed && md_arena.total > md_arena.limit)
		longjmp(md_arena.jb, 1);
}

static void *arena_alloc(size_t n)
{
	if (n > SIZE_MAX / 2)
		abort();
	n = (n + 15) & ~(size_t)15;
	arena_count(ARENA_HDR + n);
	arena_chunk *c = md_arena.cur;
	while (c && c->used + ARENA_HDR + n > c->size) {
		if (c->next && c->next->size >= ARENA_HDR + n) {
			c = c->next;
			c->used = 0;
			break;
		}
		if (c->next) { /* too small for this block: a bigger one after c */
			size_t sz = n + ARENA_HDR > ARENA_CHUNK ? n + ARENA_HDR : ARENA_CHUNK;
			arena_chunk *nc = xmalloc(sizeof *nc + sz);
			nc->size = sz;
			nc->used = 0;
			nc->next = c->next;
			c->next = nc;
			c = nc;
			break;
		}
		c = NULL;
	}
	if (!c) {
		size_t sz = n + ARENA_HDR > ARENA_CHUNK ? n + ARENA_HDR : ARENA_CHUNK;
		c = xmalloc(sizeof *c + sz);
		c->size = sz;
		c->used = 0;
		c->next = NULL;
		if (md_arena.cur)
			md_arena.cur->next = c;
		else {
			md_arena.head = c;
			pthread_once(&arena_key_once, arena_key_make);
			pthread_setspecific(arena_key, &md_arena); /* non-NULL: the destructor runs */
		}
	}
	md_arena.cur = c;
	unsigned char *blk = c->data + c->used;
	*(size_t *)blk = n;
	c->used += ARENA_HDR + n;
	md_arena.last = blk + ARENA_HDR;
	return md_arena.last;
}

static void *arena_calloc(size_t nmem, size_t size)
{
	if (size && nmem > SIZE_MAX / size)
		abort();
	void *p = arena_alloc(nmem * size);
	memset(p, 0, nmem * size);
	return p;
}

static void *arena_realloc(void *p, size_t n)
{
	if (!p)
		return arena_alloc(n);
	size_t old = *(size_t *)((unsigned char *)p - ARENA_HDR);
	size_t want = (n + 15) & ~(size_t)15;
	arena_chunk *c = md_arena.cur;
	if (p == md_arena.last && (unsigned char *)p + old == c->data + c->used &&
	    c->used - old + want <= c->size) {
		if (want > old)
			arena_count(want - old);
		c->used = c->used - old + want; /* the latest block grows in place */
		*(size_t *)((unsigned char *)p - ARENA_HDR) = want;
		return p;
	}
	if (want <= old)
		return p;
	void *q = arena_alloc(n);
	memcpy(q, p, old);
	return q;
}

static void arena_free(void *p)
{
	(void)p; /* all at once, in arena_reset */
}

/* Everything allocated since the last reset is gone; the chunks stay. */
static void arena_reset(void)
{
	md_arena.cur = md_arena.head;
	if (md_arena.cur)
		md_arena.cur->used = 0;
	md_arena.last = NULL;
	md_arena.total = 0;
	md_arena.armed = 0;
}

/* After a big body: chunks past the first ARENA_KEEP bytes go back to the
 * system, so one huge page (300 MB of arena for 200,000 headings, up to
 * MD_MAX_MEMORY) is not held for the rest of the build beside the model. */
#define ARENA_KEEP ((size_t)32 << 20)
static void arena_trim(void)
{
	size_t kept = 0;
	for (arena_chunk *c = md_arena.head, *next; c; c = next) {
		next = c->next;
		kept += c->size;
		if (kept > ARENA_KEEP && c != md_arena.head) {
			arena_chunk *p = md_arena.head;
			while (p->next != c)
				p = p->next;
			p->next = NULL;
			for (; c; c = next) {
				next = c->next;
				free(c);
			}
			break;
		}
	}
}

static cmark_mem ARENA_MEM = {arena_calloc, arena_realloc, arena_free};

/* ---- rendering ----------------------------------------------------------- */

/* A heading's entry in out->h: level, position, {#id topics=...}, text. */
static void add_heading(cmark_node *node, md_doc *out, size_t *cap_h, line_cursor *lc, int line_offset)
{
	if (out->n_h == *cap_h) {
		*cap_h = *cap_h ? *cap_h * 2 : 8;
		out->h = xrealloc(out->h, *cap_h * sizeof *out->h);
	}
	md_heading *h = &out->h[out->n_h++];
	memset(h, 0, sizeof *h);
	int bl = cmark_node_get_start_line(node);
	h->level = cmark_node_get_heading_level(node);
	h->line = bl + line_offset;
	h->col = char_col(lc, bl, cmark_node_get_start_column(node));
	heading_attrs(node, h, lc, bl);
	buf tb = {0};
	node_text(node, &tb);
	/* trim */
	size_t s = 0;
	while (s < tb.len && (tb.s[s] == ' ' || tb.s[s] == '\t'))
		s++;
	size_t e = tb.len;
	while (e > s && (tb.s[e - 1] == ' ' || tb.s[e - 1] == '\t'))
		e--;
	h->text = xstrndup(tb.s ? tb.s + s : "", e - s);
	buf_free(&tb);
}

/* A link or image: dangerous URLs emptied, the URL rewritten (lk->rewrite,
 * or .md -> .html without one), and recorded in out->links. */
static void check_link(cmark_node *node, md_doc *out, size_t *cap_l, line_cursor *lc, int line_offset,
		       const md_autolink *lk)
{
	cmark_node_type t = cmark_node_get_type(node);
	const char *url = cmark_node_get_url(node);
	if (url && dangerous_url(url)) {
		cmark_node_set_url(node, "");
		url = cmark_node_get_url(node);
	}
	char *written = xstrdup(url ? url : "");
	char *nu = NULL;
	if (lk && lk->rewrite)
		nu = lk->rewrite(lk->rewrite_ud, written, t == CMARK_NODE_IMAGE);
	else if (t == CMARK_NODE_LINK)
		nu = rewrite_md_link(url);
	if (nu) {
		cmark_node_set_url(node, nu);
		free(nu);
		url = cmark_node_get_url(node);
	}
	if (out->n_links == *cap_l) {
		*cap_l = *cap_l ? *cap_l * 2 : 8;
		out->links = xrealloc(out->links, *cap_l * sizeof *out->links);
	}
	md_link *l = &out->links[out->n_links++];
	l->href = xstrdup(url ? url : "");
	l->written = written;
	l->image = t == CMARK_NODE_IMAGE;
	int bl = cmark_node_get_start_line(node);
	l->line = bl + line_offset;
	l->col = char_col(lc, bl, cmark_node_get_start_column(node));
}

/* One walk over the parsed document: headings, links, nesting depth.
 * Stops at the MD_MAX_HEADINGS + 1st heading (out->limit). */
static void collect_nodes(cmark_node *doc, md_doc *out, const char *text, size_t len, int line_offset,
			  const md_autolink *lk)
{
	size_t cap_h = 0, cap_l = 0;
	int nesting = 0;
	line_cursor lc = {text, text + len, NULL, 0};
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(node);
		if (t == CMARK_NODE_LIST || t == CMARK_NODE_BLOCK_QUOTE) {
			nesting += ev == CMARK_EVENT_ENTER ? 1 : -1;
			if (nesting > MD_MAX_NESTING && !out->deep_line) {
				out->deep_line = cmark_node_get_start_line(node) + line_offset;
				out->deep_col = char_col(&lc, cmark_node_get_start_line(node),
							 cmark_node_get_start_column(node));
			}
		}
		if (ev != CMARK_EVENT_ENTER)
			continue;
		if (t == CMARK_NODE_HEADING && out->n_h == MD_MAX_HEADINGS) {
			out->limit = MD_LIMIT_HEADINGS;
			out->limit_line = cmark_node_get_start_line(node) + line_offset;
			out->limit_col = char_col(&lc, cmark_node_get_start_line(node),
						  cmark_node_get_start_column(node));
			break;
		}
		if (t == CMARK_NODE_HEADING)
			add_heading(node, out, &cap_h, &lc, line_offset);
		else if (t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE)
			check_link(node, out, &cap_l, &lc, line_offset, lk);
	}
	cmark_iter_free(it);
}

/* cmark's HTML with every data-sourcepos attribute removed, except on
 * headings, where it becomes the heading's id (and sets its html_off). */
static char *rewrite_sourcepos(const char *html, md_doc *out)
{
	buf b = {0};
	const char *p = html;
	size_t hi = 0;
	static const char attr[] = " data-sourcepos=\"";
	for (;;) {
		/* not strstr: ASan's strstr measures the whole rest of the
		 * string on every call, quadratic on a big page */
		const char *a = p;
		while ((a = strchr(a, ' ')) && strncmp(a, attr, sizeof attr - 1))
			a++;
		if (!a) {
			buf_puts(&b, p);
			break;
		}
		buf_put(&b, p, (size_t)(a - p));
		const char *v = a + sizeof attr - 1;
		const char *q = strchr(v, '"');
		if (!q) {
			buf_puts(&b, a);
			break;
		}
		/* heading? the tag just before is "<hN" */
		if (a - html >= 3 && a[-3] == '<' && a[-2] == 'h' && a[-1] >= '1' && a[-1] <= '6' &&
		    hi < out->n_h) {
			out->h[hi].html_off = b.len - 3;
			buf_puts(&b, " id=\"");
			buf_puts_html(&b, out->h[hi].id);
			buf_putc(&b, '"');
			hi++;
		}
		p = q + 1;
	}
	/* Raw HTML (allow_raw_html) may hold " data-sourcepos=" too and hide
	 * a heading's: a heading not found starts at the end, so the offsets
	 * stay in order for resolve, which cuts sections at them. */
	for (size_t i = hi; i < out->n_h; i++)
		out->h[i].html_off = b.len;
	return buf_detach(&b);
}

/* The same result as rewrite_sourcepos for HTML rendered without source
 * positions, which is only possible when raw HTML is off: then the only
 * "<hN>" in cmark's output are headings (text, code and attributes are
 * escaped), in document order. Saves cmark an snprintf per block. */
static char *insert_heading_ids(const char *html, md_doc *out)
{
	buf b = {0};
	const char *p = html;
	size_t hi = 0;
	const char *end = html + strlen(html);
	/* memchr, not strstr: ASan's strstr measures the rest of the string
	 * on every call (quadratic on a page of many headings) */
	for (const char *a = p; hi < out->n_h && (a = memchr(a, '<', (size_t)(end - a)));) {
		if (end - a < 4 || a[1] != 'h' || a[2] < '1' || a[2] > '6' || a[3] != '>') {
			a++;
			continue;
		}
		buf_put(&b, p, (size_t)(a - p));
		out->h[hi].html_off = b.len;
		buf_put(&b, a, 3);
		buf_puts(&b, " id=\"");
		buf_puts_html(&b, out->h[hi].id);
		buf_putc(&b, '"');
		hi++;
		p = a = a + 3;
	}
	buf_puts(&b, p);
	for (size_t i = hi; i < out->n_h; i++)
		out->h[i].html_off = b.len;
	return buf_detach(&b);
}

/* Feeds text to the parser in pieces that end at a line end, and finishes
 * it. Returns the document, or NULL when the arena's cap was passed;
 * *stop is then the offset of the piece being parsed. */
static cmark_node *capped_parse(cmark_parser *parser, const char *text, size_t len, size_t *stop)
{
	*stop = 0;
	if (setjmp(md_arena.jb))
		return NULL;
	md_arena.armed = 1;
	while (*stop < len) {
		size_t n = len - *stop < 65536 ? len - *stop : 65536;
		const char *nl = n < len - *stop ? memchr(text + *stop + n, '\n', len - *stop - n) : NULL;
		if (nl && (size_t)(nl - (text + *stop)) < 4 * 65536)
			n = (size_t)(nl - (text + *stop)) + 1;
		cmark_parser_feed(parser, text + *stop, n);
		*stop += n;
	}
	cmark_node *doc = cmark_parser_finish(parser);
	md_arena.armed = 0;
	return doc;
}

/* cmark's HTML within the arena's cap, or NULL. */
static char *capped_html(cmark_node *doc, int opts, cmark_llist *exts)
{
	if (setjmp(md_arena.jb))
		return NULL;
	md_arena.armed = 1;
	char *html = cmark_render_html_with_mem(doc, opts, exts, &ARENA_MEM);
	md_arena.armed = 0;
	return html;
}

/* The 1-based line of byte off of text. */
static int line_at(const char *text, size_t off)
{
	int line = 1;
	for (const char *p = text, *end = text + off; (p = memchr(p, '\n', (size_t)(end - p))); p++)
		line++;
	return line;
}

/* Empties out after a bound was passed, keeping where and which. */
static void drop_render(md_doc *out)
{
	md_doc lim = *out;
	md_doc_free(out);
	out->limit = lim.limit;
	out->limit_line = lim.limit_line;
	out->limit_col = lim.limit_col;
	out->html = xstrdup("");
}

int md_render_capped(const char *text, size_t len, int line_offset, int flags,
		     const md_autolink *links, size_t max_bytes, md_doc *out)
{
	memset(out, 0, sizeof *out);
	int opts = CMARK_OPT_GITHUB_PRE_LANG;
	if (flags & MD_ALLOW_HTML)
		opts |= CMARK_OPT_UNSAFE | CMARK_OPT_SOURCEPOS;
	arena_reset();
	md_arena.limit = max_bytes;
	cmark_llist *exts = extensions();
	cmark_parser *parser = cmark_parser_new_with_mem(opts, &ARENA_MEM);
	for (cmark_llist *e = exts; e; e = e->next)
		cmark_parser_attach_syntax_extension(parser, e->data);
	size_t stop;
	cmark_node *doc = capped_parse(parser, text, len, &stop);
	char *html = NULL;
	if (doc) {
		collect_nodes(doc, out, text, len, line_offset, links);
		if (!out->limit) {
			unique_ids(out);
			if (links && links->al && al_count(links->al))
				auto_link(doc, links);
			html = capped_html(doc, opts, exts);
			stop = 0;
		}
	}
	if (!out->limit && !html) {
		out->limit = MD_LIMIT_MEMORY;
		out->limit_line = line_at(text, stop) + line_offset;
		out->limit_col = 1;
	}
	if (html)
		out->html = (opts & CMARK_OPT_SOURCEPOS) ? rewrite_sourcepos(html, out)
							 : insert_heading_ids(html, out);
	/* the parser, the tree and the HTML live in the arena: reset it,
	 * whatever state a jump left them in (its free is a no-op anyway) */
	cmark_llist_free(cmark_get_default_mem_allocator(), exts);
	arena_reset();
	arena_trim();
	if (out->limit)
		drop_render(out);
	return !out->limit;
}

int md_render(const char *text, size_t len, int line_offset, int flags, const md_autolink *links,
	      md_doc *out)
{
	return md_render_capped(text, len, line_offset, flags, links, MD_MAX_MEMORY, out);
}

void md_doc_free(md_doc *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->n_h; i++) {
		free(d->h[i].id);
		free(d->h[i].text);
		free(d->h[i].topics);
	}
	free(d->h);
	for (size_t i = 0; i < d->n_links; i++) {
		free(d->links[i].href);
		free(d->links[i].written);
	}
	free(d->links);
	free(d->html);
	memset(d, 0, sizeof *d);
}

void md_doc_copy(md_doc *dst, const md_doc *src)
{
	*dst = *src;
	dst->html = src->html ? xstrdup(src->html) : NULL;
	dst->h = src->n_h ? xmalloc(src->n_h * sizeof *dst->h) : NULL;
	for (size_t i = 0; i < src->n_h; i++) {
		dst->h[i] = src->h[i];
		dst->h[i].id = xstrdup(src->h[i].id);
		dst->h[i].text = xstrdup(src->h[i].text);
		dst->h[i].topics = src->h[i].topics ? xstrdup(src->h[i].topics) : NULL;
	}
	dst->links = src->n_links ? xmalloc(src->n_links * sizeof *dst->links) : NULL;
	for (size_t i = 0; i < src->n_links; i++) {
		dst->links[i] = src->links[i];
		dst->links[i].href = xstrdup(src->links[i].href);
		dst->links[i].written = xstrdup(src->links[i].written);
	}
}

/* hooks.c: stage 4, Lua hooks (see hooks.h and docs/lua-api.md): reads the
 * resolved and generated site through read-only views; adds pages and
 * page data, registers template helpers. One Lua
 * state per hook file, each with its own allocator (the memory cap) and a
 * count hook (the instruction budget). Every entry into Lua goes through
 * lua_pcall with a traceback handler, so a hook error never unwinds C
 * code; API functions keep the C memory they hold in a collectable box
 * until their last Lua call, so a Lua error never leaks it either. */
#include "hooks.h"
#include "diag.h"
#include "luapat.h"
#include "markdown.h"
#include "mustache.h"
#include "site.h"
#include "util.h"
#include "yamlvalue.h"

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum {
	STEP_EVERY = 1000,          /* the count hook runs every N instructions */
	ALLOC_BYTES_PER_STEP = 32,  /* allocating counts against the budget too */
	MAX_SECONDS = 10,           /* wall-clock safety net per hook */
	MAX_DEPTH = 64,             /* nesting of tables converted to page data */
	MAX_NODES = 1000000,        /* values converted per call */
	MAX_PATH_LEN = 200,         /* add_page paths */
	CALL_STEPS = 100,           /* pcall, xpcall, coroutine.resume */
	CAUGHT_ERROR_STEPS = 10000, /* an error they catch: throwing is costly */
	LOAD_STEPS = 1000,          /* compiling a chunk with load */
	PATTERN_STEPS = 10000000,   /* one string.find/match/gmatch/gsub call */
};
/* Page data a hook may hand over in total (strings + 64 per node). */
#define MAX_OUT_BYTES ((size_t)HOOKS_MEM_MAX * 4)

enum { PHASE_LOAD, PHASE_SITE, PHASE_PAGE, PHASE_RENDER, PHASE_CLOSED };

static const char VIEW_MT[] = "shirube.view";
static const char BOX_MT[] = "shirube.box";
static char view_mt_key, view_cache_key;

typedef struct hook {
	struct hooks *hs;
	lua_State *L;
	const char *path;   /* interned, e.g. content/hooks/glossary.lua */
	char *source;       /* "@" path: the chunk name */
	size_t mem;         /* bytes the state holds now */
	int in_call;        /* inside lua_pcall: the stack may be walked */
	int oom_line;       /* where the memory cap was last hit (0 = unknown) */
	int err_line;       /* innermost line of this file at the last error */
	long long steps;    /* instructions (and allocation) so far */
	double spent;       /* seconds spent in finished calls */
	double call_t0;     /* start of the running call */
	size_t out_bytes;   /* page data handed over so far */
	int failed;
	int on_site, on_page; /* registry refs, or LUA_NOREF */
} hook;

typedef struct helper {
	hook *h;
	int ref;            /* the Lua function in h's registry */
	char *name;
} helper;

struct hooks {
	site *s;
	hook **v;
	size_t n;
	int phase;
	value *helpers;     /* name -> V_FUNC(helper) */
	helper **hl;
	size_t n_hl;
	mus_env *env;       /* theme templates for shirube.render */
	pthread_mutex_t lock; /* one Lua call at a time (helpers may be called from render threads) */
};

static hook *hook_of(lua_State *L)
{
	return *(hook **)lua_getextraspace(L);
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---- positions ------------------------------------------------------------ */

/* Line of the innermost active frame of the hook file itself, starting at
 * level; 0 when there is none (e.g. only C functions are running). */
static int frame_line(lua_State *L, hook *h, int level)
{
	lua_Debug ar;
	for (; lua_getstack(L, level, &ar); level++)
		if (lua_getinfo(L, "Sl", &ar) && ar.currentline > 0 && !strcmp(ar.source, h->source))
			return ar.currentline;
	return 0;
}

/* Raises "path:line: message" at the calling line of the hook. */
static int fail(lua_State *L, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(lua_State *L, const char *fmt, ...)
{
	hook *h = hook_of(L);
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	int line = frame_line(L, h, 1);
	if (line)
		lua_pushfstring(L, "%s:%d: %s", h->path, line, msg);
	else
		lua_pushfstring(L, "%s: %s", h->path, msg);
	return lua_error(L);
}

/* Splits "P:LINE: rest" where P is the hook's path or Lua's shortened form
 * of it ("...tail"). Returns the line (0 when msg has no such prefix) and
 * sets *rest. */
static int parse_pos(hook *h, const char *msg, const char **rest)
{
	*rest = msg;
	for (const char *c = strchr(msg, ':'); c; c = strchr(c + 1, ':')) {
		const char *d = c + 1;
		int line = 0;
		while (*d >= '0' && *d <= '9' && line < 100000000)
			line = line * 10 + (*d++ - '0');
		if (d == c + 1 || *d != ':')
			continue;
		size_t n = (size_t)(c - msg), pl = strlen(h->path);
		int same = (n == pl && !strncmp(msg, h->path, n)) ||
			   (n > 3 && !strncmp(msg, "...", 3) && n - 3 <= pl &&
			    !strncmp(msg + 3, h->path + pl - (n - 3), n - 3));
		if (!same)
			return 0;
		*rest = d[1] == ' ' ? d + 2 : d + 1;
		return line;
	}
	return 0;
}

/* ---- memory cap and instruction budget ------------------------------------ */

static void note_oom(hook *h)
{
	if (h->L && h->in_call)
		h->oom_line = frame_line(h->L, h, 0);
}

/* The allocator of a hook's state: refuses what would pass HOOKS_MEM_MAX
 * (Lua then raises "not enough memory"); allocating also spends budget. */
static void *hook_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	hook *h = ud;
	size_t old = ptr ? osize : 0;
	if (nsize == 0) {
		free(ptr);
		h->mem -= old;
		return NULL;
	}
	if (nsize > old && nsize - old > HOOKS_MEM_MAX - h->mem) {
		note_oom(h);
		return NULL;
	}
	void *p = realloc(ptr, nsize);
	if (!p) {
		if (nsize <= old)
			return ptr; /* Lua assumes shrinking never fails */
		note_oom(h);
		return NULL;
	}
	h->mem = h->mem - old + nsize;
	if (nsize > old)
		h->steps += (long long)((nsize - old) / ALLOC_BYTES_PER_STEP);
	return p;
}

/* Bytes the hook may still allocate: what a C function makes for it (the
 * HTML of shirube.markdown, a file shirube.read reads) must fit in that. */
static size_t mem_left(hook *h)
{
	return h->mem < HOOKS_MEM_MAX ? HOOKS_MEM_MAX - h->mem : 0;
}

/* The count hook: ends a hook that spent its budget. From then on it runs
 * at every instruction, so no pcall loop can outlive the budget. */
static void count_hook(lua_State *L, lua_Debug *ar)
{
	hook *h = hook_of(L);
	h->steps += STEP_EVERY;
	int slow = h->spent + (now_s() - h->call_t0) > MAX_SECONDS;
	if (h->steps < HOOKS_STEPS_MAX && !slow)
		return;
	h->steps = HOOKS_STEPS_MAX;
	lua_sethook(L, count_hook, LUA_MASKCOUNT, 1);
	lua_getinfo(L, "Sl", ar);
	if (slow)
		lua_pushfstring(L, "%s:%d: the hook ran longer than %d seconds", ar->short_src,
				ar->currentline, MAX_SECONDS);
	else
		lua_pushfstring(L, "%s:%d: the hook ran more than %d million instructions (an endless loop?)",
				ar->short_src, ar->currentline, (int)(HOOKS_STEPS_MAX / 1000000));
	lua_error(L);
}

/* ---- boxes: C memory owned by the Lua GC until released ------------------- */

typedef struct cbox {
	char *s;
	value *v;
} cbox;

static int box_gc(lua_State *L)
{
	cbox *b = luaL_checkudata(L, 1, BOX_MT);
	free(b->s);
	value_free(b->v);
	b->s = NULL;
	b->v = NULL;
	return 0;
}

static cbox *box_new(lua_State *L)
{
	cbox *b = lua_newuserdatauv(L, sizeof *b, 0);
	b->s = NULL;
	b->v = NULL;
	luaL_setmetatable(L, BOX_MT);
	return b;
}

static void box_release(cbox *b)
{
	free(b->s);
	value_free(b->v);
	b->s = NULL;
	b->v = NULL;
}

/* ---- read-only views of value trees --------------------------------------- */

typedef struct view {
	value *v; /* one reference, dropped by __gc */
} view;

static void push_view(lua_State *L, value *v);

/* Pushes v as Lua: scalars as Lua values, lists and maps as views. */
static void push_value(lua_State *L, value *v)
{
	if (!v) {
		lua_pushnil(L);
		return;
	}
	switch (v->type) {
	case V_BOOL:
		lua_pushboolean(L, v->u.b);
		break;
	case V_NUM:
		if (v->u.n == floor(v->u.n) && fabs(v->u.n) < 9.0e15)
			lua_pushinteger(L, (lua_Integer)v->u.n);
		else
			lua_pushnumber(L, v->u.n);
		break;
	case V_STR:
		lua_pushlstring(L, v->u.str.s, v->u.str.len);
		break;
	case V_LIST:
	case V_MAP:
		push_view(L, v);
		break;
	default:
		lua_pushnil(L);
		break;
	}
}

/* One view per value (a weak cache), so views compare equal and work as
 * table keys. */
static void push_view(lua_State *L, value *v)
{
	lua_rawgetp(L, LUA_REGISTRYINDEX, &view_cache_key);
	if (lua_rawgetp(L, -1, v) == LUA_TUSERDATA) {
		lua_remove(L, -2);
		return;
	}
	lua_pop(L, 1);
	view *vw = lua_newuserdatauv(L, sizeof *vw, 0);
	vw->v = NULL;
	luaL_setmetatable(L, VIEW_MT);
	vw->v = value_ref(v);
	lua_pushvalue(L, -1);
	lua_rawsetp(L, -3, v);
	lua_remove(L, -2);
}

static view *check_view(lua_State *L, int i)
{
	view *vw = luaL_checkudata(L, i, VIEW_MT);
	if (!vw->v)
		luaL_error(L, "a view used after it was collected");
	return vw;
}

/* The view at index i, or NULL when it is something else. Raw access
 * only: never raises. */
static view *to_view(lua_State *L, int i)
{
	if (lua_type(L, i) != LUA_TUSERDATA || !lua_getmetatable(L, i))
		return NULL;
	lua_rawgetp(L, LUA_REGISTRYINDEX, &view_mt_key);
	int is = lua_rawequal(L, -1, -2);
	lua_pop(L, 2);
	view *vw = is ? lua_touserdata(L, i) : NULL;
	return vw && vw->v ? vw : NULL;
}

static int view_index(lua_State *L)
{
	value *v = check_view(L, 1)->v, *r = NULL;
	if (v->type == V_LIST) {
		int isint = 0;
		lua_Integer i = lua_type(L, 2) == LUA_TNUMBER ? lua_tointegerx(L, 2, &isint) : 0;
		if (isint && i >= 1 && (lua_Unsigned)i <= value_len(v))
			r = value_at(v, (size_t)i - 1);
	} else if (lua_type(L, 2) == LUA_TSTRING) {
		size_t n;
		const char *k = lua_tolstring(L, 2, &n);
		if (strlen(k) == n)
			r = value_get(v, k);
	}
	push_value(L, r);
	return 1;
}

static int view_newindex(lua_State *L)
{
	check_view(L, 1);
	return fail(L, "attempt to change a read-only view of the site (make a writable copy with shirube.copy)");
}

static int view_len(lua_State *L)
{
	value *v = check_view(L, 1)->v;
	lua_pushinteger(L, v->type == V_LIST ? (lua_Integer)value_len(v) : 0);
	return 1;
}

static int view_next(lua_State *L)
{
	view *vw = lua_touserdata(L, lua_upvalueindex(1));
	lua_Integer i = lua_tointeger(L, lua_upvalueindex(2));
	if (!vw->v || i < 0 || (size_t)i >= value_len(vw->v))
		return 0;
	lua_pushinteger(L, i + 1);
	lua_replace(L, lua_upvalueindex(2));
	if (vw->v->type == V_LIST) {
		lua_pushinteger(L, i + 1);
		push_value(L, value_at(vw->v, (size_t)i));
	} else {
		lua_pushstring(L, value_key_at(vw->v, (size_t)i));
		push_value(L, value_val_at(vw->v, (size_t)i));
	}
	return 2;
}

/* pairs(view): list items in order, map fields in insertion order. */
static int view_pairs(lua_State *L)
{
	check_view(L, 1);
	lua_pushvalue(L, 1);
	lua_pushinteger(L, 0);
	lua_pushcclosure(L, view_next, 2);
	lua_pushvalue(L, 1);
	lua_pushnil(L);
	return 3;
}

static int view_tostring(lua_State *L)
{
	value *v = check_view(L, 1)->v;
	lua_pushfstring(L, "shirube view (%s of %d)", v->type == V_LIST ? "list" : "map", (int)value_len(v));
	return 1;
}

static int view_gc(lua_State *L)
{
	view *vw = luaL_checkudata(L, 1, VIEW_MT);
	value_free(vw->v);
	vw->v = NULL;
	return 0;
}

/* ---- Lua values to value trees -------------------------------------------- */

typedef struct conv {
	hook *h;
	size_t nodes, bytes;
	char err[256];
} conv;

/* Sorts a map's fields by key: Lua's table order changes from run to run,
 * and two builds of the same input must be byte-identical. */
static void sort_map(value *m)
{
	value_map_sort(m);
}

static value *to_value(lua_State *L, int idx, int depth, conv *c);

static value *table_to_value(lua_State *L, int idx, int depth, conv *c)
{
	if (depth >= MAX_DEPTH || !lua_checkstack(L, 4)) {
		snprintf(c->err, sizeof c->err, "tables nested more than %d levels deep (a table that contains itself?)", MAX_DEPTH);
		return NULL;
	}
	lua_Unsigned n = lua_rawlen(L, idx);
	size_t count = 0;
	int seq = 1;
	lua_pushnil(L);
	while (lua_next(L, idx)) {
		count++;
		int isint = 0;
		lua_Integer k = lua_type(L, -2) == LUA_TNUMBER ? lua_tointegerx(L, -2, &isint) : 0;
		if (!isint || k < 1 || (lua_Unsigned)k > n)
			seq = 0;
		lua_pop(L, 1);
	}
	if (seq && count == n) {
		value *l = value_list();
		for (lua_Unsigned i = 1; i <= n; i++) {
			lua_rawgeti(L, idx, (lua_Integer)i);
			value *it = to_value(L, -1, depth + 1, c);
			lua_pop(L, 1);
			if (!it) {
				value_free(l);
				return NULL;
			}
			value_push(l, it);
		}
		return l;
	}
	value *m = value_map();
	lua_pushnil(L);
	while (lua_next(L, idx)) {
		size_t kl;
		if (lua_type(L, -2) != LUA_TSTRING) {
			snprintf(c->err, sizeof c->err,
				 "a table mixes list items and fields, or has a %s key (fields need string keys)",
				 luaL_typename(L, -2));
			lua_pop(L, 2);
			value_free(m);
			return NULL;
		}
		const char *k = lua_tolstring(L, -2, &kl);
		value *it = strlen(k) == kl ? to_value(L, -1, depth + 1, c) : NULL;
		if (strlen(k) != kl)
			snprintf(c->err, sizeof c->err, "a field name contains a NUL byte");
		if (!it) {
			lua_pop(L, 2);
			value_free(m);
			return NULL;
		}
		value_set(m, k, it);
		c->bytes += kl;
		lua_pop(L, 1);
	}
	sort_map(m);
	return m;
}

/* Converts the Lua value at idx into a new value tree (caller frees). Uses
 * raw access only, so it never raises a Lua error; returns NULL with c->err
 * set instead. Views convert back to the values they show, unshared. */
static value *to_value(lua_State *L, int idx, int depth, conv *c)
{
	idx = lua_absindex(L, idx);
	if (++c->nodes > MAX_NODES || c->bytes > HOOKS_MEM_MAX ||
	    c->h->out_bytes + c->bytes + 64 * c->nodes > MAX_OUT_BYTES) {
		snprintf(c->err, sizeof c->err, "the data is too large (at most %d values, %u MiB per call, %zu MiB per hook)",
			 MAX_NODES, HOOKS_MEM_MAX >> 20, MAX_OUT_BYTES >> 20);
		return NULL;
	}
	switch (lua_type(L, idx)) {
	case LUA_TNIL:
		return value_null();
	case LUA_TBOOLEAN:
		return value_bool(lua_toboolean(L, idx));
	case LUA_TNUMBER:
		return value_num((double)lua_tonumber(L, idx));
	case LUA_TSTRING: {
		size_t n, bad;
		const char *s = lua_tolstring(L, idx, &n);
		if (memchr(s, 0, n)) {
			snprintf(c->err, sizeof c->err, "a string contains a NUL byte");
			return NULL;
		}
		if (!utf8_valid(s, n, &bad)) {
			snprintf(c->err, sizeof c->err, "a string is not valid UTF-8 (byte %zu)", bad + 1);
			return NULL;
		}
		c->bytes += n;
		return value_strn(s, n);
	}
	case LUA_TTABLE:
		return table_to_value(L, idx, depth, c);
	case LUA_TUSERDATA: {
		view *vw = to_view(L, idx);
		if (vw)
			return value_ref(vw->v);
		break;
	}
	default:
		break;
	}
	snprintf(c->err, sizeof c->err, "a %s cannot be page data", luaL_typename(L, idx));
	return NULL;
}

/* Converts and accounts for the hook's total; NULL with c->err set. */
static value *convert(lua_State *L, int idx, conv *c)
{
	memset(c, 0, sizeof *c);
	c->h = hook_of(L);
	value *v = to_value(L, idx, 0, c);
	if (v) {
		c->h->out_bytes += c->bytes + 64 * c->nodes;
		c->h->steps += (long long)(c->nodes + c->bytes / ALLOC_BYTES_PER_STEP);
	}
	return v;
}

/* A map of fields from the argument at idx (nil: an empty map), else NULL
 * with c->err set. An empty table is an empty map. */
static value *convert_fields(lua_State *L, int idx, conv *c)
{
	if (lua_isnoneornil(L, idx)) {
		memset(c, 0, sizeof *c);
		return value_map();
	}
	value *v = convert(L, idx, c);
	if (v && v->type == V_LIST && !value_len(v)) {
		value_free(v);
		return value_map();
	}
	if (v && v->type != V_MAP) {
		snprintf(c->err, sizeof c->err, "expected a table of fields (name = value), got a %s",
			 value_type_name(v->type));
		value_free(v);
		return NULL;
	}
	return v;
}

/* ---- the site as a value tree ---------------------------------------------- */

static const char *kind_name(page_kind k)
{
	static const char *names[] = {"plain", "page", "guideline", "topic", "persona", "journey", "home", "generated"};
	return names[k];
}

/* {kind, id, url, title, template, source} of a page. */
static value *page_info(page *p)
{
	value *m = value_map();
	value_set_str(m, "kind", kind_name(p->kind));
	value_set_str(m, "id", p->id);
	value_set_str(m, "url", p->out);
	const char *t = value_get_cstr(p->data, "title");
	value_set_str(m, "title", t ? t : site_page_title(p));
	value_set_str(m, "template", p->tmpl ? p->tmpl : "page");
	value_set(m, "source", p->src ? value_str(p->src) : value_null());
	value_set(m, "data", p->data ? value_ref(p->data) : value_map());
	return m;
}

static value *site_value(site *s)
{
	value *m = value_map();
	value_set(m, "config", s->config ? value_ref(s->config) : value_map());
	value_set(m, "t", s->i18n ? value_ref(s->i18n) : value_map());
	const char *names[] = {"guidelines", "topics", "personas", "journeys"};
	page_kind kinds[] = {PAGE_GUIDELINE, PAGE_TOPIC, PAGE_PERSONA, PAGE_JOURNEY};
	for (int k = 0; k < 4; k++) {
		value *l = value_list();
		for (size_t i = 0; i < s->n_pages; i++)
			if (s->pages[i]->kind == kinds[k] && s->pages[i]->data)
				value_push(l, value_ref(s->pages[i]->data));
		value_set(m, names[k], l);
	}
	value *pages = value_list();
	for (size_t i = 0; i < s->n_pages; i++)
		value_push(pages, page_info(s->pages[i]));
	value_set(m, "pages", pages);
	value_set(m, "relations", s->relations ? value_ref(s->relations) : value_list());
	return m;
}

/* Pushes a fresh view of the site and stores it as shirube.site too. */
static void push_site(lua_State *L, site *s)
{
	value *sv = site_value(s);
	cbox *b = box_new(L);
	b->v = sv;
	push_view(L, sv);
	box_release(b);
	lua_remove(L, -2);
	if (lua_getglobal(L, "shirube") == LUA_TTABLE) {
		lua_pushvalue(L, -2);
		lua_setfield(L, -2, "site");
	}
	lua_pop(L, 1);
}

/* ---- the shirube.* API ---------------------------------------------------- */

static void need_phase(lua_State *L, const char *fn, int load_or_site_only)
{
	int ph = hook_of(L)->hs->phase;
	if (ph == PHASE_CLOSED)
		fail(L, "%s: the build is over", fn);
	if (load_or_site_only && ph != PHASE_LOAD && ph != PHASE_SITE)
		fail(L, "%s is only available at the top level of a hook and in on_site", fn);
}

static int valid_template_name(const char *n)
{
	if (!*n || strlen(n) > 64)
		return 0;
	for (const char *p = n; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		      *p == '-' || *p == '_'))
			return 0;
	return 1;
}

static int template_exists(site *s, const char *name)
{
	char *f = xasprintf("%s/templates/%s.mustache", s->theme_dir, name);
	int ok = access(f, R_OK) == 0;
	free(f);
	return ok;
}

/* Why path cannot be a new page (written into why), or NULL if it can. */
static const char *bad_page_path(site *s, const char *path, size_t len, char *why, size_t n)
{
	if (strlen(path) != len)
		return "contains a NUL byte";
	if (!len)
		return "is empty";
	if (len > MAX_PATH_LEN)
		return "is longer than 200 characters";
	if (path[0] == '/')
		return "must be relative to the site root (no leading '/')";
	for (const char *p = path; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		      *p == '-' || *p == '_' || *p == '.' || *p == '/'))
			return "may contain only ASCII letters, digits, '-', '_', '.' and '/'";
	for (const char *seg = path;; ) {
		size_t sl = strcspn(seg, "/");
		if (sl == 2 && !strncmp(seg, "..", 2))
			return "must not contain '..'";
		if (!sl)
			return "has an empty part ('//' or a trailing '/')";
		if (seg[0] == '.')
			return "must not contain names that start with '.'";
		if (!seg[sl])
			break;
		seg += sl + 1;
	}
	if (!str_ends_with(path, ".html"))
		return "must end with .html";
	if (str_starts_with(path, "assets/"))
		return "is inside assets/, which holds the theme's files";
	for (size_t i = 0; i < s->n_pages; i++)
		if (!strcmp(s->pages[i]->out, path)) {
			page *o = s->pages[i];
			snprintf(why, n, "is already the page made from %s", o->src ? o->src : "the generator or another hook");
			return why;
		}
	for (size_t i = 0; i < s->n_assets; i++)
		if (!strcmp(s->assets[i], path))
			return "is already a file copied from the content directory";
	if (value_get(s->files, path))
		return "is already a file the generator writes";
	return NULL;
}

static const char *ADD_PAGE_FIELDS[] = {"path", "title", "template", "data", "html", "nav", "description", NULL};
/* Where api_add_page puts each field on the Lua stack (the table is 1). */
enum { ARG_PATH = 2, ARG_TITLE, ARG_TEMPLATE, ARG_DATA, ARG_HTML, ARG_NAV, ARG_DESCRIPTION };
#define ARG_NAME(slot) ADD_PAGE_FIELDS[(slot) - ARG_PATH]

/* shirube.add_page{path=, title=, template=, data=, html=, nav=, description=} */
static int api_add_page(lua_State *L)
{
	need_phase(L, "shirube.add_page", 1);
	hook *h = hook_of(L);
	site *s = h->hs->s;
	if (!lua_istable(L, 1))
		return fail(L, "shirube.add_page: expected a table {path = ..., title = ...}, got a %s", luaL_typename(L, 1));
	lua_settop(L, 1);
	lua_pushnil(L);
	while (lua_next(L, 1)) {
		int known = 0;
		if (lua_type(L, -2) == LUA_TSTRING)
			for (const char **f = ADD_PAGE_FIELDS; *f; f++)
				known |= !strcmp(*f, lua_tostring(L, -2));
		if (!known)
			return fail(L, "shirube.add_page: unknown field '%s'",
				    lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : luaL_typename(L, -2));
		lua_pop(L, 1);
	}
	for (const char **f = ADD_PAGE_FIELDS; *f; f++)
		lua_getfield(L, 1, *f); /* at ARG_PATH, ARG_TITLE, ... in this order */
	size_t plen;
	const char *path = lua_type(L, ARG_PATH) == LUA_TSTRING ? lua_tolstring(L, ARG_PATH, &plen) : NULL;
	if (!path)
		return fail(L, "shirube.add_page: 'path' must be a string, got a %s", luaL_typename(L, ARG_PATH));
	const char *title = lua_type(L, ARG_TITLE) == LUA_TSTRING ? lua_tostring(L, ARG_TITLE) : NULL;
	if (!title || !*title)
		return fail(L, "shirube.add_page: 'title' must be a non-empty string");
	const char *tmpl = "page";
	if (!lua_isnil(L, ARG_TEMPLATE)) {
		if (lua_type(L, ARG_TEMPLATE) != LUA_TSTRING)
			return fail(L, "shirube.add_page: 'template' must be a string");
		tmpl = lua_tostring(L, ARG_TEMPLATE);
	}
	static const int string_args[] = {ARG_HTML, ARG_DESCRIPTION};
	for (size_t k = 0; k < 2; k++)
		if (!lua_isnil(L, string_args[k]) && lua_type(L, string_args[k]) != LUA_TSTRING)
			return fail(L, "shirube.add_page: '%s' must be a string", ARG_NAME(string_args[k]));
	if (!lua_isnil(L, ARG_NAV) && lua_type(L, ARG_NAV) != LUA_TNUMBER)
		return fail(L, "shirube.add_page: 'nav' must be a number (the position in the navigation)");
	char why[512];
	const char *bad = bad_page_path(s, path, plen, why, sizeof why);
	if (bad)
		return fail(L, "shirube.add_page: path '%s' %s", path, bad);
	if (!valid_template_name(tmpl) || !template_exists(s, tmpl))
		return fail(L, "shirube.add_page: unknown template '%s' (a file NAME.mustache in %s/templates/)", tmpl,
			    s->theme_dir);
	/* the strings are checked like page data (data itself below) */
	conv c;
	static const int text_args[] = {ARG_TITLE, ARG_HTML, ARG_DESCRIPTION};
	for (size_t k = 0; k < 3; k++) {
		if (lua_isnil(L, text_args[k]))
			continue;
		value *t = convert(L, text_args[k], &c);
		if (!t)
			return fail(L, "shirube.add_page: '%s': %s", ARG_NAME(text_args[k]), c.err);
		value_free(t);
	}
	value *data = convert_fields(L, ARG_DATA, &c);
	if (!data)
		return fail(L, "shirube.add_page: 'data': %s", c.err);
	/* no Lua call below: nothing can unwind past data */
	page *p = site_add_generated(s, PAGE_GENERATED, path, tmpl, title);
	for (size_t i = 0; i < value_len(data); i++) {
		const char *k = value_key_at(data, i);
		if (strcmp(k, "title") && strcmp(k, "url"))
			value_set(p->data, k, value_ref(value_val_at(data, i)));
	}
	value_free(data);
	if (!lua_isnil(L, ARG_HTML))
		value_set_str(p->data, "body", lua_tostring(L, ARG_HTML));
	if (!lua_isnil(L, ARG_DESCRIPTION))
		value_set_str(p->data, "description", lua_tostring(L, ARG_DESCRIPTION));
	if (!lua_isnil(L, ARG_NAV)) {
		value *nav = value_num((double)lua_tonumber(L, ARG_NAV));
		nav->pos = pos_at(h->path, frame_line(L, h, 1), 0);
		value_set(p->meta, "nav", nav);
	}
	lua_pushvalue(L, ARG_PATH);
	return 1;
}

/* shirube.markdown(text) -> HTML (raw HTML dropped unless allowed). */
static int api_markdown(lua_State *L)
{
	need_phase(L, "shirube.markdown", 0);
	size_t n;
	const char *text = luaL_checklstring(L, 1, &n);
	hook *h = hook_of(L);
	site *s = h->hs->s;
	cbox *b = box_new(L);
	md_doc d;
	/* cmark-gfm's memory counts against what the hook has left */
	if (!md_render_capped(text, n, 0, s->cfg.allow_raw_html ? MD_ALLOW_HTML : 0, NULL, mem_left(h), &d)) {
		int lim = d.limit, line = d.limit_line;
		md_doc_free(&d);
		if (lim == MD_LIMIT_HEADINGS)
			return fail(L, "shirube.markdown: the text has more than %d headings (at its line %d)",
				    MD_MAX_HEADINGS, line);
		return fail(L, "shirube.markdown: rendering the text would pass the hook's %u MiB memory cap "
			    "(at its line %d)", HOOKS_MEM_MAX >> 20, line);
	}
	b->s = d.html;
	d.html = NULL;
	md_doc_free(&d);
	lua_pushstring(L, b->s ? b->s : "");
	box_release(b);
	return 1;
}

/* shirube.escape(text) -> text with & < > " ' escaped for HTML. */
static int api_escape(lua_State *L)
{
	need_phase(L, "shirube.escape", 0);
	size_t n;
	const char *text = luaL_checklstring(L, 1, &n);
	size_t out = n;
	for (size_t i = 0; i < n; i++)
		out += text[i] == '&' || text[i] == '"' || text[i] == '\'' ? 5 : text[i] == '<' || text[i] == '>' ? 3 : 0;
	if (out > mem_left(hook_of(L)))
		return fail(L, "shirube.escape: the escaped text would pass the hook's %u MiB memory cap",
			    HOOKS_MEM_MAX >> 20);
	cbox *b = box_new(L);
	buf o = {0};
	buf_put_html(&o, text, n);
	size_t len = o.len;
	b->s = buf_detach(&o);
	lua_pushlstring(L, b->s, len);
	box_release(b);
	return 1;
}

/* shirube.render(template, data) -> the theme template rendered with the
 * data's fields and `t` (the UI strings). */
static int api_render(lua_State *L)
{
	need_phase(L, "shirube.render", 0);
	hook *h = hook_of(L);
	const char *name = luaL_checkstring(L, 1);
	if (!valid_template_name(name))
		return fail(L, "shirube.render: invalid template name '%s'", name);
	conv c;
	value *data = convert_fields(L, 2, &c);
	if (!data)
		return fail(L, "shirube.render: data: %s", c.err);
	cbox *b = box_new(L);
	value *ctx = value_map();
	b->v = ctx;
	value_set(ctx, "t", value_ref(h->hs->s->i18n));
	for (size_t i = 0; i < value_len(data); i++)
		value_set(ctx, value_key_at(data, i), value_ref(value_val_at(data, i)));
	value_free(data);
	char *err = NULL, msg[1024];
	mus_template *t = mus_env_get(h->hs->env, name, &err);
	buf out = {0};
	if (t && mus_render(h->hs->env, t, ctx, &out, &err)) {
		size_t len = out.len;
		b->s = buf_detach(&out);
		lua_pushlstring(L, b->s, len);
		box_release(b);
		return 1;
	}
	snprintf(msg, sizeof msg, "%s", err ? err : "template error");
	free(err);
	buf_free(&out);
	box_release(b);
	return fail(L, "shirube.render: %s", msg);
}

/* Does the real path have a component starting with '.' below root? */
static int hidden_below(const char *real, const char *root)
{
	size_t rl = strlen(root);
	for (const char *p = real + (rl == 1 ? 0 : rl); (p = strchr(p, '/')); p++)
		if (p[1] == '.')
			return 1;
	return 0;
}

/* shirube.read(path) -> the contents of a file inside the project. */
static int api_read(lua_State *L)
{
	need_phase(L, "shirube.read", 0);
	hook *h = hook_of(L);
	size_t n;
	const char *rel = luaL_checklstring(L, 1, &n);
	if (strlen(rel) != n || !n)
		return fail(L, "shirube.read: the path is empty or contains a NUL byte");
	if (rel[0] == '/')
		return fail(L, "shirube.read: '%s' must be relative to the project directory", rel);
	for (const char *seg = rel;; ) {
		size_t sl = strcspn(seg, "/");
		if (sl == 2 && !strncmp(seg, "..", 2))
			return fail(L, "shirube.read: '%s' leaves the project ('..' is not allowed)", rel);
		if (sl > 1 && seg[0] == '.')
			return fail(L, "shirube.read: '%s' is hidden (.git/, .env and every other name "
				    "starting with '.' cannot be read)", rel);
		if (!seg[sl])
			break;
		seg += sl + 1;
	}
	char full[PATH_MAX], real[PATH_MAX], root[PATH_MAX];
	snprintf(full, sizeof full, "%s/%s", h->hs->s->project_dir, rel);
	if (!realpath(full, real))
		return fail(L, "shirube.read: cannot read '%s': %s", rel, strerror(errno));
	if (!realpath(h->hs->s->project_dir, root))
		return fail(L, "shirube.read: cannot find the project directory: %s", strerror(errno));
	size_t rl = strlen(root);
	if (strncmp(real, root, rl) || (real[rl] != '/' && !(rl == 1 && root[0] == '/')))
		return fail(L, "shirube.read: '%s' is outside the project (a symbolic link?)", rel);
	struct stat st;
	if (stat(real, &st) != 0 || !S_ISREG(st.st_mode))
		return fail(L, "shirube.read: '%s' is not a regular file", rel);
	if ((unsigned long long)st.st_size > SITE_MAX_FILE_BYTES)
		return fail(L, "shirube.read: '%s' is over the %u MiB limit", rel, SITE_MAX_FILE_BYTES >> 20);
	if (hidden_below(real, root))
		return fail(L, "shirube.read: '%s' leads to a hidden file or directory (a symbolic link?)", rel);
	if ((unsigned long long)st.st_size > mem_left(h))
		return fail(L, "shirube.read: '%s' would pass the hook's %u MiB memory cap", rel,
			    HOOKS_MEM_MAX >> 20);
	cbox *b = box_new(L);
	size_t len;
	if (!read_file(real, &b->s, &len)) {
		int e = errno;
		return fail(L, "shirube.read: cannot read '%s': %s", rel, strerror(e));
	}
	lua_pushlstring(L, b->s, len);
	box_release(b);
	return 1;
}

/* Like copy_value, and pos[table] = "path:line:col" for every map and
 * list (the table at index `pos`). */
static void copy_value_pos(lua_State *L, value *v, int pos)
{
	luaL_checkstack(L, 6, "shirube.yaml: nested too deeply");
	if (v && (v->type == V_LIST || v->type == V_MAP)) {
		if (v->type == V_LIST) {
			lua_createtable(L, (int)value_len(v), 0);
			for (size_t i = 0; i < value_len(v); i++) {
				copy_value_pos(L, value_at(v, i), pos);
				lua_rawseti(L, -2, (lua_Integer)i + 1);
			}
		} else {
			lua_createtable(L, 0, (int)value_len(v));
			for (size_t i = 0; i < value_len(v); i++) {
				copy_value_pos(L, value_val_at(v, i), pos);
				lua_setfield(L, -2, value_key_at(v, i));
			}
		}
		lua_pushvalue(L, -1);
		lua_pushfstring(L, "%s:%d:%d", v->pos.file ? v->pos.file : "?", v->pos.line, v->pos.col);
		lua_rawset(L, pos);
	} else
		push_value(L, v);
}

/* shirube.yaml(path) -> the YAML file as plain tables, and a table that
 * gives each of its maps and lists as "path:line:col" (for messages). */
static int api_yaml(lua_State *L)
{
	need_phase(L, "shirube.yaml", 0);
	const char *rel = luaL_checkstring(L, 1);
	lua_settop(L, 1);
	api_read(L); /* the same checks; the text on top */
	size_t len;
	const char *text = lua_tolstring(L, -1, &len);
	value *v = yaml_parse(text ? text : "", text ? len : 0, intern_path(rel), 0);
	if (!v)
		return fail(L, "shirube.yaml: '%s' is not valid YAML (see the error above)", rel);
	lua_newtable(L); /* the positions */
	copy_value_pos(L, v, lua_gettop(L));
	value_free(v);
	lua_insert(L, -2); /* the tree, then the positions */
	return 2;
}

/* shirube.warn(msg), shirube.error(msg), print(...): diagnostics at the
 * calling line of the hook. shirube.error fails the build but returns. */
static int report(lua_State *L, diag_level lvl, const char *fn)
{
	need_phase(L, fn, 0);
	hook *h = hook_of(L);
	luaL_Buffer b;
	int n = lua_gettop(L);
	luaL_buffinit(L, &b);
	for (int i = 1; i <= n; i++) {
		if (i > 1)
			luaL_addchar(&b, '\t');
		luaL_tolstring(L, i, NULL);
		luaL_addvalue(&b);
	}
	luaL_pushresult(&b);
	/* msg: the hook's own text, as it wrote it */
	diag(lvl, pos_at(h->path, frame_line(L, h, 1), 0), "%s", lua_tostring(L, -1));
	return 0;
}

static int api_warn(lua_State *L) { return report(L, DIAG_WARNING, "shirube.warn"); }
static int api_error(lua_State *L) { return report(L, DIAG_ERROR, "shirube.error"); }
static int sb_print(lua_State *L) { return report(L, DIAG_NOTE, "print"); }

/* Deep copy of a value as plain Lua tables. */
static void copy_value(lua_State *L, value *v)
{
	luaL_checkstack(L, 4, "shirube.copy: nested too deeply");
	if (v && v->type == V_LIST) {
		lua_createtable(L, (int)value_len(v), 0);
		for (size_t i = 0; i < value_len(v); i++) {
			copy_value(L, value_at(v, i));
			lua_rawseti(L, -2, (lua_Integer)i + 1);
		}
	} else if (v && v->type == V_MAP) {
		lua_createtable(L, 0, (int)value_len(v));
		for (size_t i = 0; i < value_len(v); i++) {
			copy_value(L, value_val_at(v, i));
			lua_setfield(L, -2, value_key_at(v, i));
		}
	} else
		push_value(L, v);
}

/* shirube.copy(v) -> a writable deep copy of a view; other values as
 * they are. */
static int api_copy(lua_State *L)
{
	need_phase(L, "shirube.copy", 0);
	luaL_checkany(L, 1);
	view *vw = to_view(L, 1);
	if (!vw) {
		lua_settop(L, 1);
		return 1;
	}
	copy_value(L, vw->v);
	return 1;
}

/* ---- template helpers ----------------------------------------------------- */

typedef struct helper_call {
	helper *hp;
	const char *text;
	char *result;
} helper_call;

static int hook_pcall(hook *h, lua_CFunction entry, void *ud);

static int helper_entry(lua_State *L)
{
	helper_call *c = lua_touserdata(L, 1);
	lua_rawgeti(L, LUA_REGISTRYINDEX, c->hp->ref);
	if (c->text)
		lua_pushstring(L, c->text);
	else
		lua_pushnil(L);
	lua_call(L, 1, 1);
	if (lua_isnil(L, -1))
		return 0;
	if (lua_type(L, -1) != LUA_TSTRING && lua_type(L, -1) != LUA_TNUMBER)
		return luaL_error(L, "%s: helper '%s' returned a %s; it must return a string or nil",
				  c->hp->h->path, c->hp->name, luaL_typename(L, -1));
	c->result = xstrdup(lua_tostring(L, -1));
	return 0;
}

/* The V_FUNC behind {{#helpers.NAME}}...{{/helpers.NAME}}. */
static char *helper_fn(void *ud, const char *text)
{
	helper *hp = ud;
	hook *h = hp->h;
	helper_call c = {hp, text, NULL};
	pthread_mutex_lock(&h->hs->lock);
	if (!h->failed && h->hs->phase != PHASE_CLOSED)
		hook_pcall(h, helper_entry, &c);
	pthread_mutex_unlock(&h->hs->lock);
	return c.result;
}

/* shirube.helper(name, fn): {{#helpers.name}}text{{/helpers.name}} calls
 * fn(text); what it returns is rendered as a template. */
static int api_helper(lua_State *L)
{
	need_phase(L, "shirube.helper", 1);
	hook *h = hook_of(L);
	hooks *hs = h->hs;
	const char *name = luaL_checkstring(L, 1);
	luaL_checktype(L, 2, LUA_TFUNCTION);
	if (!valid_template_name(name))
		return fail(L, "shirube.helper: invalid name '%s' (use letters, digits, '-' and '_')", name);
	for (size_t i = 0; i < hs->n_hl; i++)
		if (!strcmp(hs->hl[i]->name, name))
			return fail(L, "shirube.helper: '%s' is already registered by %s", name, hs->hl[i]->h->path);
	lua_settop(L, 2);
	int ref = luaL_ref(L, LUA_REGISTRYINDEX);
	helper *hp = xmalloc(sizeof *hp);
	hp->h = h;
	hp->ref = ref;
	hp->name = xstrdup(name);
	hs->hl = xrealloc(hs->hl, (hs->n_hl + 1) * sizeof *hs->hl);
	hs->hl[hs->n_hl++] = hp;
	value_set(hs->helpers, name, value_func(helper_fn, hp));
	return 0;
}

static const luaL_Reg API[] = {
	{"add_page", api_add_page},
	{"markdown", api_markdown},
	{"render", api_render},
	{"escape", api_escape},
	{"read", api_read},
	{"yaml", api_yaml},
	{"warn", api_warn},
	{"error", api_error},
	{"helper", api_helper},
	{"copy", api_copy},
	{NULL, NULL},
};

/* ---- the sandbox ---------------------------------------------------------- */

/* load(chunk [, name [, mode [, env]]]): text chunks only; the default
 * environment is the hook's own. */
static int sb_load(lua_State *L)
{
	size_t n;
	if (lua_type(L, 1) == LUA_TSTRING) {
		const char *s = lua_tolstring(L, 1, &n);
		if (n && s[0] == LUA_SIGNATURE[0])
			return fail(L, "load: binary chunks are not allowed in hooks");
	}
	hook_of(L)->steps += LOAD_STEPS;
	int top = lua_gettop(L);
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_pushvalue(L, 1);
	if (top >= 2)
		lua_pushvalue(L, 2);
	else
		lua_pushnil(L);
	lua_pushliteral(L, "t");
	int nargs = 3;
	if (top >= 4) {
		lua_pushvalue(L, 4);
		nargs = 4;
	}
	lua_call(L, nargs, LUA_MULTRET);
	return lua_gettop(L) - top;
}

static int charge_k(lua_State *L, int status, lua_KContext first)
{
	(void)status;
	if (!lua_toboolean(L, (int)first))
		hook_of(L)->steps += CAUGHT_ERROR_STEPS;
	return lua_gettop(L) - (int)first + 1;
}

/* pcall, xpcall, coroutine.resume: the original (upvalue 1) with the same
 * arguments, but a caught error spends budget. Throwing costs time and
 * few instructions, so a loop of caught errors would outlast the budget
 * by far otherwise. Yields pass through (lua_callk). */
static int sb_catching(lua_State *L)
{
	hook_of(L)->steps += CALL_STEPS;
	int n = lua_gettop(L);
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_callk(L, n, LUA_MULTRET, 1, charge_k);
	return charge_k(L, LUA_OK, 1);
}

/* string.find and friends: the subject's length spends budget, since a
 * scan of a long string is one instruction. */
static int sb_scanning(lua_State *L)
{
	size_t n = 0;
	if (lua_type(L, 1) == LUA_TSTRING)
		lua_tolstring(L, 1, &n);
	hook_of(L)->steps += 1 + (long long)(n / ALLOC_BYTES_PER_STEP);
	int top = lua_gettop(L);
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, top, LUA_MULTRET);
	return lua_gettop(L);
}

/* string.find, match, gmatch, gsub: Lua matches patterns by backtracking
 * inside C, where the count hook never fires (".-.-.-.-x" on 130
 * characters ran 69 s). Before the call, luapat_cost runs the same search
 * without results, and a call that would pass PATTERN_STEPS (about 0.3 s
 * of Lua's matching) is refused. Its steps are charged like a scan, one
 * per 32; the budget and the clock are checked at every call, so a loop
 * of long calls ends within MAX_SECONDS too.
 * Upvalue 2 says which function it is (0 find, 1 match, 2 gmatch, 3 gsub). */
static int sb_pattern(lua_State *L)
{
	static const char *names[] = {"find", "match", "gmatch", "gsub"};
	hook *h = hook_of(L);
	int which = (int)lua_tointeger(L, lua_upvalueindex(2));
	/* the count hook fires every STEP_EVERY instructions only: a loop of
	 * long calls would run that many before the next check */
	int slow = h->spent + (now_s() - h->call_t0) > MAX_SECONDS;
	if (slow || h->steps >= HOOKS_STEPS_MAX) {
		h->steps = HOOKS_STEPS_MAX;
		lua_sethook(L, count_hook, LUA_MASKCOUNT, 1);
		if (slow)
			return fail(L, "the hook ran longer than %d seconds", MAX_SECONDS);
		return fail(L, "the hook ran more than %d million instructions (an endless loop?)",
			    (int)(HOOKS_STEPS_MAX / 1000000));
	}
	if (lua_type(L, 1) == LUA_TSTRING && lua_type(L, 2) == LUA_TSTRING) {
		size_t ls, lp;
		const char *s = lua_tolstring(L, 1, &ls), *p = lua_tolstring(L, 2, &lp);
		lua_Integer init = which != 3 && lua_isinteger(L, 3) ? lua_tointeger(L, 3) : 1;
		if (init < 0)
			init = -init > (lua_Integer)ls ? 1 : (lua_Integer)ls + init + 1;
		init = init < 1 ? 1 : init;
		int plain = 1;
		for (size_t i = 0; i < lp && plain; i++)
			plain = !strchr("^$*+?.([%-", p[i]) || !p[i];
		int mode = which == 0 && (plain || lua_toboolean(L, 4)) ? LUAPAT_PLAIN :
			   which < 2 ? LUAPAT_FIRST : LUAPAT_ALL;
		long long max = which == 3 && lua_isinteger(L, 4) ? (long long)lua_tointeger(L, 4) : 0;
		long long cost = (size_t)(init - 1) > ls ? 0 :
				 luapat_cost(s, ls, p, lp, (size_t)(init - 1), mode, max < 0 ? 1 : max, PATTERN_STEPS);
		h->steps += cost / ALLOC_BYTES_PER_STEP;
		if (cost > PATTERN_STEPS)
			return fail(L, "string.%s: this pattern would take more than %d million steps on %zu bytes "
				    "(repetitions such as .- or .* one after another backtrack)", names[which],
				    PATTERN_STEPS / 1000000, ls);
	}
	return sb_scanning(L);
}

/* Replaces table[name] (table at the top of the stack) by fn with the
 * original as its upvalue. */
static void wrap_field(lua_State *L, const char *name, lua_CFunction fn)
{
	lua_getfield(L, -1, name);
	lua_pushcclosure(L, fn, 1);
	lua_setfield(L, -2, name);
}

/* setmetatable without __gc: finalizers run with debug hooks off, so an
 * endless __gc would escape the instruction budget. */
static int sb_setmetatable(lua_State *L)
{
	luaL_checktype(L, 1, LUA_TTABLE);
	if (lua_type(L, 2) == LUA_TTABLE) {
		lua_pushliteral(L, "__gc");
		if (lua_rawget(L, 2) != LUA_TNIL)
			return fail(L, "setmetatable: __gc metamethods are not allowed in hooks");
		lua_pop(L, 1);
	}
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, 1);
	return 1;
}

static void set_metatable_fns(lua_State *L, const luaL_Reg *fns)
{
	luaL_setfuncs(L, fns, 0);
	lua_pushliteral(L, "read-only");
	lua_setfield(L, -2, "__metatable");
}

/* Builds the sandbox: safe libraries only, the shirube table, the view
 * metatables, the count hook. Runs inside lua_pcall. */
static int setup_entry(lua_State *L)
{
	hook *h = lua_touserdata(L, 1);
	static const luaL_Reg libs[] = {
		{LUA_GNAME, luaopen_base},       {LUA_TABLIBNAME, luaopen_table},
		{LUA_STRLIBNAME, luaopen_string}, {LUA_MATHLIBNAME, luaopen_math},
		{LUA_UTF8LIBNAME, luaopen_utf8},  {LUA_COLIBNAME, luaopen_coroutine},
		{NULL, NULL},
	};
	for (const luaL_Reg *l = libs; l->name; l++) {
		luaL_requiref(L, l->name, l->func, 1);
		lua_pop(L, 1);
	}
	lua_pushglobaltable(L);
	static const char *gone[] = {"dofile", "loadfile", "warn", "require", "module", NULL};
	for (const char **g = gone; *g; g++) {
		lua_pushnil(L);
		lua_setfield(L, -2, *g);
	}
	wrap_field(L, "load", sb_load);
	wrap_field(L, "setmetatable", sb_setmetatable);
	wrap_field(L, "pcall", sb_catching);
	wrap_field(L, "xpcall", sb_catching);
	lua_getfield(L, -1, "coroutine");
	wrap_field(L, "resume", sb_catching);
	lua_pop(L, 1);
	lua_getfield(L, -1, "utf8");
	static const char *utf8_scans[] = {"len", "codepoint", "offset", NULL};
	for (const char **f = utf8_scans; *f; f++)
		wrap_field(L, *f, sb_scanning);
	lua_pop(L, 1);
	lua_pushcfunction(L, sb_print);
	lua_setfield(L, -2, "print");
	/* string.dump makes bytecode; the string metatable shares this table */
	lua_getfield(L, -1, "string");
	lua_pushnil(L);
	lua_setfield(L, -2, "dump");
	static const char *str_scans[] = {"find", "match", "gmatch", "gsub", NULL};
	for (int f = 0; str_scans[f]; f++) {
		lua_getfield(L, -1, str_scans[f]);
		lua_pushinteger(L, f);
		lua_pushcclosure(L, sb_pattern, 2);
		lua_setfield(L, -2, str_scans[f]);
	}
	lua_pop(L, 1);
	/* reproducible builds: math.random starts from a fixed seed */
	lua_getfield(L, -1, "math");
	lua_getfield(L, -1, "randomseed");
	lua_pushinteger(L, 0);
	lua_call(L, 1, 0);
	lua_pop(L, 1);

	static const luaL_Reg view_fns[] = {
		{"__index", view_index}, {"__newindex", view_newindex}, {"__len", view_len},
		{"__pairs", view_pairs}, {"__tostring", view_tostring}, {"__gc", view_gc},
		{NULL, NULL},
	};
	luaL_newmetatable(L, VIEW_MT);
	set_metatable_fns(L, view_fns);
	lua_rawsetp(L, LUA_REGISTRYINDEX, &view_mt_key);
	static const luaL_Reg box_fns[] = {{"__gc", box_gc}, {NULL, NULL}};
	luaL_newmetatable(L, BOX_MT);
	set_metatable_fns(L, box_fns);
	lua_pop(L, 1);
	lua_newtable(L); /* the view cache, weak values */
	lua_createtable(L, 0, 1);
	lua_pushliteral(L, "v");
	lua_setfield(L, -2, "__mode");
	lua_setmetatable(L, -2);
	lua_rawsetp(L, LUA_REGISTRYINDEX, &view_cache_key);

	lua_newtable(L);
	luaL_setfuncs(L, API, 0);
	lua_setfield(L, -2, "shirube");
	lua_pop(L, 1);
	push_site(L, h->hs->s);
	lua_pop(L, 1);
	lua_sethook(L, count_hook, LUA_MASKCOUNT, STEP_EVERY);
	return 0;
}

/* ---- calling into Lua ------------------------------------------------------ */

static int msgh(lua_State *L)
{
	hook *h = hook_of(L);
	const char *msg = lua_tostring(L, 1);
	if (!msg)
		msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
	h->err_line = frame_line(L, h, 1);
	luaL_traceback(L, L, msg, 1);
	return 1;
}

/* Reports the failure of a protected call: the message at its position,
 * then each frame of the hook file in the traceback as a note. */
static void report_failure(hook *h, int status)
{
	lua_State *L = h->L;
	h->failed = 1;
	if (status == LUA_ERRMEM) {
		diag(DIAG_ERROR, pos_at(h->path, h->oom_line, 0),
		     "not enough memory: a hook may use at most %u MiB", HOOKS_MEM_MAX >> 20);
		return;
	}
	size_t len;
	const char *all = lua_tolstring(L, -1, &len);
	char *text = xstrdup(all ? all : "error");
	char *tb = NULL;
	for (char *p = strstr(text, "\nstack traceback:\n"); p; p = strstr(p + 1, "\nstack traceback:\n"))
		tb = p;
	if (tb) {
		*tb = 0;
		tb += strlen("\nstack traceback:\n");
	}
	const char *rest;
	int line = parse_pos(h, text, &rest);
	if (status == LUA_ERRERR && !line)
		line = h->oom_line ? h->oom_line : h->err_line;
	if (!line && status == LUA_ERRRUN)
		line = h->err_line;
	if (status == LUA_ERRERR)
		rest = "error while handling an error (out of memory or out of budget)";
	if (!strcmp(rest, "not enough memory"))
		diag(DIAG_ERROR, pos_at(h->path, line, 0), "not enough memory: a hook may use at most %u MiB",
		     HOOKS_MEM_MAX >> 20);
	else
		diag(DIAG_ERROR, pos_at(h->path, line, 0), "%s", rest); /* msg: Lua's error text */
	/* the frames of this file, a run of equal ones (recursion) as one */
	const char *prev = NULL;
	int prev_line = 0, times = 0;
	for (char *l = tb;; ) {
		char *nl = l ? strchr(l, '\n') : NULL;
		if (nl)
			*nl = 0;
		const char *what = NULL;
		int fl = 0, skipped = 0;
		if (l) {
			while (*l == '\t')
				l++;
			fl = parse_pos(h, l, &what);
			if (sscanf(l, "...\t(skipping %d levels)", &skipped) == 1 && prev) {
				times += skipped; /* the middle of a deep recursion */
				l = nl ? nl + 1 : NULL;
				continue;
			}
		}
		if (prev && (!fl || fl != prev_line || strcmp(what, prev))) {
			if (times > 1)
				diag(DIAG_NOTE, pos_at(h->path, prev_line, 0), "traceback: %s (%d times)", prev, times);
			else
				diag(DIAG_NOTE, pos_at(h->path, prev_line, 0), "traceback: %s", prev);
			prev = NULL;
		}
		if (fl && prev)
			times++;
		else if (fl)
			prev = what, prev_line = fl, times = 1;
		if (!l || !*l)
			break;
		l = nl ? nl + 1 : NULL;
	}
	free(text);
}

/* Runs entry(ud) in h's state under lua_pcall with the traceback handler.
 * Returns 1, or 0 after reporting the error. */
static int hook_pcall(hook *h, lua_CFunction entry, void *ud)
{
	lua_State *L = h->L;
	int top = lua_gettop(L);
	lua_pushcfunction(L, msgh);
	lua_pushcfunction(L, entry);
	lua_pushlightuserdata(L, ud);
	if (!h->in_call++)
		h->call_t0 = now_s();
	int st = lua_pcall(L, 1, 0, top + 1);
	if (!--h->in_call)
		h->spent += now_s() - h->call_t0;
	if (st != LUA_OK)
		report_failure(h, st);
	lua_settop(L, top);
	return st == LUA_OK;
}

typedef struct chunk {
	hook *h;
	const char *text;
	size_t len;
} chunk;

static int event_ref(lua_State *L, const char *name)
{
	int t = lua_getglobal(L, name);
	if (t == LUA_TNIL) {
		lua_pop(L, 1);
		return LUA_NOREF;
	}
	if (t != LUA_TFUNCTION)
		return luaL_error(L, "%s: '%s' must be a function, not a %s", hook_of(L)->path, name, lua_typename(L, t));
	return luaL_ref(L, LUA_REGISTRYINDEX);
}

static int chunk_entry(lua_State *L)
{
	chunk *c = lua_touserdata(L, 1);
	if (luaL_loadbufferx(L, c->text, c->len, c->h->source, "t") != LUA_OK)
		return lua_error(L);
	lua_call(L, 0, 0);
	c->h->on_site = event_ref(L, "on_site");
	c->h->on_page = event_ref(L, "on_page");
	return 0;
}

static int on_site_entry(lua_State *L)
{
	hook *h = lua_touserdata(L, 1);
	lua_rawgeti(L, LUA_REGISTRYINDEX, h->on_site);
	push_site(L, h->hs->s);
	lua_call(L, 1, 0);
	return 0;
}

typedef struct page_call {
	hook *h;
	page *p;
	value *info;
} page_call;

/* on_page(page, info): a returned table of fields is set on the page's
 * data. */
static int on_page_entry(lua_State *L)
{
	page_call *c = lua_touserdata(L, 1);
	hook *h = c->h;
	lua_rawgeti(L, LUA_REGISTRYINDEX, h->on_page);
	lua_Debug ar;
	lua_pushvalue(L, -1);
	lua_getinfo(L, ">S", &ar);
	push_value(L, c->p->data);
	push_value(L, c->info);
	lua_call(L, 2, 1);
	if (lua_isnil(L, -1))
		return 0;
	if (!lua_istable(L, -1))
		return luaL_error(L, "%s:%d: on_page must return nil or a table of fields, not a %s", h->path,
				  ar.linedefined, luaL_typename(L, -1));
	conv cv;
	value *v = convert_fields(L, -1, &cv);
	if (!v)
		return luaL_error(L, "%s:%d: on_page for %s: %s", h->path, ar.linedefined, c->p->out, cv.err);
	const char *bad = value_get(v, "url") ? "url" : value_get(v, "id") ? "id" : NULL;
	if (bad) {
		value_free(v);
		return luaL_error(L, "%s:%d: on_page for %s: '%s' cannot be changed", h->path, ar.linedefined,
				  c->p->out, bad);
	}
	for (size_t i = 0; i < value_len(v); i++)
		value_set(c->p->data, value_key_at(v, i), value_ref(value_val_at(v, i)));
	value_free(v);
	return 0;
}

/* ---- running the hooks ----------------------------------------------------- */

static int theme_loader(void *ud, const char *name, char **text, char **path)
{
	hooks *hs = ud;
	if (!valid_template_name(name))
		return 0;
	char *file = xasprintf("%s/templates/%s.mustache", hs->s->theme_dir, name);
	size_t len;
	if (!path_inside(file, hs->s->theme_dir)) {
		/* missing, or a link that leads out of the theme */
		struct stat st;
		if (lstat(file, &st) == 0) {
			diag(DIAG_ERROR, pos_at(file, 0, 0), "symbolic link points outside the theme");
			diag_hint("copy the file into the theme instead of linking to it");
		}
		free(file);
		return 0;
	}
	if (!read_file(file, text, &len)) {
		free(file);
		return 0;
	}
	*path = (char *)intern_path(file);
	free(file);
	return 1;
}

static int hook_panic(lua_State *L)
{
	fprintf(stderr, "shirube: Lua panic: %s\n", lua_tostring(L, -1));
	abort();
}

/* Reads the hook file with the same care as content: inside the project,
 * size limit. Returns 1 with *text malloc'd. */
static int read_hook(site *s, const char *path, char **text, size_t *len)
{
	char rp[PATH_MAX];
	if (!realpath(path, rp)) {
		diag(DIAG_ERROR, pos_at(path, 0, 0), "cannot read: %s", strerror(errno));
		return 0;
	}
	if (!path_inside(rp, s->content_dir) && !path_inside(rp, s->project_dir)) {
		diag(DIAG_ERROR, pos_at(path, 0, 0), "symbolic link points outside the project");
		return 0;
	}
	struct stat st;
	if (stat(rp, &st) != 0 || !S_ISREG(st.st_mode))
		return 0;
	if ((unsigned long long)st.st_size > SITE_MAX_FILE_BYTES) {
		diag(DIAG_ERROR, pos_at(path, 1, 0), "file is over the %u MiB limit", SITE_MAX_FILE_BYTES >> 20);
		return 0;
	}
	if (!read_file(path, text, len)) {
		diag(DIAG_ERROR, pos_at(path, 0, 0), "cannot read: %s", strerror(errno));
		return 0;
	}
	return 1;
}

static hook *hook_open(hooks *hs, const char *path)
{
	hook *h = xcalloc(1, sizeof *h);
	h->hs = hs;
	h->path = intern_path(path);
	h->source = xasprintf("@%s", path);
	h->on_site = h->on_page = LUA_NOREF;
	hs->v = xrealloc(hs->v, (hs->n + 1) * sizeof *hs->v);
	hs->v[hs->n++] = h;
	h->L = lua_newstate(hook_alloc, h);
	if (!h->L) {
		diag(DIAG_ERROR, pos_at(path, 0, 0), "cannot create a Lua state");
		h->failed = 1;
		return h;
	}
	lua_atpanic(h->L, hook_panic);
	*(hook **)lua_getextraspace(h->L) = h;
	if (!hook_pcall(h, setup_entry, h))
		h->failed = 1;
	return h;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int hooks_run(site *s, hooks **states)
{
	*states = NULL;
	char *dir = path_join(s->content_dir, "hooks");
	DIR *d = opendir(dir);
	if (!d) {
		free(dir);
		return 1;
	}
	char **names = NULL;
	size_t n = 0;
	struct dirent *e;
	while ((e = readdir(d)))
		if (e->d_name[0] != '.' && str_ends_with(e->d_name, ".lua")) {
			names = xrealloc(names, (n + 1) * sizeof *names);
			names[n++] = xstrdup(e->d_name);
		}
	closedir(d);
	if (!n) {
		free(dir);
		return 1;
	}
	qsort(names, n, sizeof *names, cmp_names);
	int errors = diag_errors();
	hooks *hs = xcalloc(1, sizeof *hs);
	hs->s = s;
	hs->helpers = value_map();
	hs->env = mus_env_new(theme_loader, hs);
	mus_env_set_strict(hs->env, 1);
	pthread_mutex_init(&hs->lock, NULL);
	*states = hs;

	hs->phase = PHASE_LOAD;
	for (size_t i = 0; i < n; i++) {
		char *path = path_join(dir, names[i]);
		char *text;
		size_t len;
		if (read_hook(s, path, &text, &len)) {
			hook *h = hook_open(hs, path);
			chunk c = {h, text, len};
			if (!h->failed)
				hook_pcall(h, chunk_entry, &c);
			free(text);
		}
		free(path);
		free(names[i]);
	}
	free(names);
	free(dir);

	hs->phase = PHASE_SITE;
	for (size_t i = 0; i < hs->n; i++)
		if (!hs->v[i]->failed && hs->v[i]->on_site != LUA_NOREF)
			hook_pcall(hs->v[i], on_site_entry, hs->v[i]);

	hs->phase = PHASE_PAGE;
	size_t np = s->n_pages;
	for (size_t i = 0; i < hs->n; i++) {
		hook *h = hs->v[i];
		for (size_t k = 0; k < np && !h->failed && h->on_page != LUA_NOREF; k++) {
			page_call c = {h, s->pages[k], page_info(s->pages[k])};
			hook_pcall(h, on_page_entry, &c);
			value_free(c.info);
		}
	}
	hs->phase = PHASE_RENDER;
	return diag_errors() == errors;
}

value *hooks_helpers(const hooks *h)
{
	return h && value_len(h->helpers) ? h->helpers : NULL;
}

void hooks_free(hooks *hs)
{
	if (!hs)
		return;
	hs->phase = PHASE_CLOSED;
	for (size_t i = 0; i < hs->n; i++) {
		hook *h = hs->v[i];
		if (h->L) {
			/* no Lua code runs any more, not even __close handlers */
			h->steps = HOOKS_STEPS_MAX;
			lua_sethook(h->L, count_hook, LUA_MASKCOUNT, 1);
			lua_close(h->L);
		}
		free(h->source);
		free(h);
	}
	free(hs->v);
	for (size_t i = 0; i < hs->n_hl; i++) {
		free(hs->hl[i]->name);
		free(hs->hl[i]);
	}
	free(hs->hl);
	value_free(hs->helpers);
	mus_env_free(hs->env);
	pthread_mutex_destroy(&hs->lock);
	free(hs);
}

/* value.c: the generic value tree (see value.h). Reference counted so one
 * loaded guideline can sit in many template contexts without copies. */
#include "value.h"
#include "util.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static value *value_new(vtype t)
{
	value *v = xcalloc(1, sizeof *v);
	v->type = t;
	v->refs = 1;
	return v;
}

value *value_null(void) { return value_new(V_NULL); }

value *value_bool(int b)
{
	value *v = value_new(V_BOOL);
	v->u.b = !!b;
	return v;
}

value *value_num(double n)
{
	value *v = value_new(V_NUM);
	v->u.n = n;
	return v;
}

value *value_strn(const char *s, size_t n)
{
	value *v = value_new(V_STR);
	v->u.str.s = xstrndup(s, n);
	v->u.str.len = n;
	return v;
}

value *value_str(const char *s) { return value_strn(s, strlen(s)); }

value *value_str_take(char *s)
{
	value *v = value_new(V_STR);
	v->u.str.s = s;
	v->u.str.len = strlen(s);
	return v;
}

value *value_list(void) { return value_new(V_LIST); }
value *value_map(void) { return value_new(V_MAP); }

value *value_func(value_fn fn, void *ud)
{
	value *v = value_new(V_FUNC);
	v->u.fn.fn = fn;
	v->u.fn.ud = ud;
	return v;
}

value *value_ref(value *v)
{
	if (v)
		v->refs++;
	return v;
}

void value_free(value *v)
{
	if (!v || --v->refs > 0)
		return;
	switch (v->type) {
	case V_STR:
		free(v->u.str.s);
		break;
	case V_LIST:
		for (size_t i = 0; i < v->u.list.n; i++)
			value_free(v->u.list.items[i]);
		free(v->u.list.items);
		break;
	case V_MAP:
		for (size_t i = 0; i < v->u.map.n; i++) {
			free(v->u.map.keys[i]);
			value_free(v->u.map.vals[i]);
		}
		free(v->u.map.keys);
		free(v->u.map.vals);
		free(v->u.map.index);
		break;
	default:
		break;
	}
	free(v);
}

void value_push(value *list, value *item)
{
	if (list->u.list.n == list->u.list.cap) {
		list->u.list.cap = list->u.list.cap ? list->u.list.cap * 2 : 4;
		list->u.list.items = xrealloc(list->u.list.items,
					      list->u.list.cap * sizeof(value *));
	}
	list->u.list.items[list->u.list.n++] = item;
}

size_t value_len(const value *v)
{
	if (!v)
		return 0;
	if (v->type == V_LIST)
		return v->u.list.n;
	if (v->type == V_MAP)
		return v->u.map.n;
	return 0;
}

value *value_at(const value *list, size_t i)
{
	if (!list || list->type != V_LIST || i >= list->u.list.n)
		return NULL;
	return list->u.list.items[i];
}

#define MAP_INDEX_MIN 8

static size_t key_hash(const char *s, size_t n)
{
	return (size_t)hash64(HASH64_SEED, s, n);
}

/* Position of key[0..len) in the map, or -1. */
static long map_findn(const value *map, const char *key, size_t len)
{
	if (map->u.map.index) {
		size_t mask = map->u.map.icap - 1;
		for (size_t h = key_hash(key, len) & mask;; h = (h + 1) & mask) {
			unsigned slot = map->u.map.index[h];
			if (!slot)
				return -1;
			const char *k = map->u.map.keys[slot - 1];
			if (!strncmp(k, key, len) && k[len] == 0)
				return (long)slot - 1;
		}
	}
	for (size_t i = 0; i < map->u.map.n; i++) {
		const char *k = map->u.map.keys[i];
		if (k[0] == key[0] && !strncmp(k, key, len) && k[len] == 0)
			return (long)i;
	}
	return -1;
}

static long map_find(const value *map, const char *key)
{
	return map_findn(map, key, strlen(key));
}

/* Rebuilds the hash index with room for `room` entries. */
static void map_index_build(value *map, size_t room)
{
	size_t cap = 32;
	while (cap < room * 4)
		cap *= 2;
	free(map->u.map.index);
	map->u.map.index = xcalloc(cap, sizeof(unsigned));
	map->u.map.icap = cap;
	for (size_t k = 0; k < map->u.map.n; k++) {
		const char *key = map->u.map.keys[k];
		size_t h = key_hash(key, strlen(key)) & (cap - 1);
		while (map->u.map.index[h])
			h = (h + 1) & (cap - 1);
		map->u.map.index[h] = (unsigned)k + 1;
	}
}

/* Adds entry i to the hash index, growing (and rebuilding) it as needed. */
static void map_index_add(value *map, size_t i)
{
	if (map->u.map.n < MAP_INDEX_MIN && !map->u.map.index)
		return;
	if (!map->u.map.index || map->u.map.n * 2 > map->u.map.icap) {
		map_index_build(map, map->u.map.n);
		return;
	}
	const char *key = map->u.map.keys[i];
	size_t mask = map->u.map.icap - 1;
	size_t h = key_hash(key, strlen(key)) & mask;
	while (map->u.map.index[h])
		h = (h + 1) & mask;
	map->u.map.index[h] = (unsigned)i + 1;
}

void value_map_reserve(value *map, size_t n)
{
	if (!map || map->type != V_MAP)
		return;
	if (n > map->u.map.cap) {
		size_t cap = map->u.map.cap ? map->u.map.cap : 4;
		while (cap < n)
			cap *= 2;
		map->u.map.cap = cap;
		map->u.map.keys = xrealloc(map->u.map.keys, cap * sizeof(char *));
		map->u.map.vals = xrealloc(map->u.map.vals, cap * sizeof(value *));
	}
	/* the index a map of n entries would have (map_index_add) */
	if (n >= MAP_INDEX_MIN && (!map->u.map.index || n * 2 > map->u.map.icap))
		map_index_build(map, n);
}

void value_set(value *map, const char *key, value *val)
{
	long i = map_find(map, key);
	if (i >= 0) {
		value_free(map->u.map.vals[i]);
		map->u.map.vals[i] = val;
		return;
	}
	if (map->u.map.n == map->u.map.cap) {
		map->u.map.cap = map->u.map.cap ? map->u.map.cap * 2 : 4;
		map->u.map.keys = xrealloc(map->u.map.keys, map->u.map.cap * sizeof(char *));
		map->u.map.vals = xrealloc(map->u.map.vals, map->u.map.cap * sizeof(value *));
	}
	map->u.map.keys[map->u.map.n] = xstrdup(key);
	map->u.map.vals[map->u.map.n] = val;
	map->u.map.n++;
	map_index_add(map, map->u.map.n - 1);
}

value *value_get(const value *map, const char *key)
{
	if (!map || map->type != V_MAP)
		return NULL;
	long i = map_find(map, key);
	return i >= 0 ? map->u.map.vals[i] : NULL;
}

value *value_take(value *map, const char *key)
{
	if (!map || map->type != V_MAP)
		return NULL;
	long i = map_find(map, key);
	if (i < 0)
		return NULL;
	value *v = map->u.map.vals[i];
	map->u.map.vals[i] = NULL;
	return v;
}

void value_map_sort(value *map)
{
	size_t n = map->u.map.n;
	if (n < 2)
		return;
	/* insertion sort keeps it simple and stable; maps are small */
	for (size_t i = 1; i < n; i++) {
		char *k = map->u.map.keys[i];
		value *v = map->u.map.vals[i];
		size_t j = i;
		while (j > 0 && strcmp(map->u.map.keys[j - 1], k) > 0) {
			map->u.map.keys[j] = map->u.map.keys[j - 1];
			map->u.map.vals[j] = map->u.map.vals[j - 1];
			j--;
		}
		map->u.map.keys[j] = k;
		map->u.map.vals[j] = v;
	}
	free(map->u.map.index);
	map->u.map.index = NULL;
	map->u.map.icap = 0;
	if (n >= MAP_INDEX_MIN)
		map_index_add(map, n - 1); /* rebuilds */
}

value *value_getn(const value *map, const char *key, size_t len)
{
	if (!map || map->type != V_MAP)
		return NULL;
	long i = map_findn(map, key, len);
	return i >= 0 ? map->u.map.vals[i] : NULL;
}

value *value_get_path(const value *map, const char *path)
{
	const value *cur = map;
	const char *p = path;
	char key[256];
	while (cur) {
		const char *dot = strchr(p, '.');
		size_t n = dot ? (size_t)(dot - p) : strlen(p);
		if (n >= sizeof key)
			return NULL;
		memcpy(key, p, n);
		key[n] = 0;
		cur = value_get(cur, key);
		if (!dot)
			return (value *)cur;
		p = dot + 1;
	}
	return NULL;
}

const char *value_key_at(const value *map, size_t i)
{
	return map && map->type == V_MAP && i < map->u.map.n ? map->u.map.keys[i] : NULL;
}

value *value_val_at(const value *map, size_t i)
{
	return map && map->type == V_MAP && i < map->u.map.n ? map->u.map.vals[i] : NULL;
}

void value_set_str(value *map, const char *key, const char *s)
{
	value_set(map, key, value_str(s));
}

void value_set_num(value *map, const char *key, double n)
{
	value_set(map, key, value_num(n));
}

void value_set_bool(value *map, const char *key, int b)
{
	value_set(map, key, value_bool(b));
}

const char *value_cstr(const value *v)
{
	return v && v->type == V_STR ? v->u.str.s : NULL;
}

const char *value_get_cstr(const value *map, const char *key)
{
	return value_cstr(value_get(map, key));
}

int value_truthy(const value *v)
{
	if (!v)
		return 0;
	switch (v->type) {
	case V_NULL: return 0;
	case V_BOOL: return v->u.b;
	case V_NUM: return 1;
	case V_STR: return v->u.str.len > 0;
	case V_LIST: return v->u.list.n > 0;
	case V_MAP: return 1;
	case V_FUNC: return 1;
	}
	return 0;
}

value *value_copy(const value *v)
{
	if (!v)
		return NULL;
	value *c;
	switch (v->type) {
	case V_STR:
		c = value_strn(v->u.str.s, v->u.str.len);
		break;
	case V_LIST:
		c = value_list();
		for (size_t i = 0; i < v->u.list.n; i++)
			value_push(c, value_copy(v->u.list.items[i]));
		break;
	case V_MAP:
		c = value_map();
		for (size_t i = 0; i < v->u.map.n; i++)
			value_set(c, v->u.map.keys[i], value_copy(v->u.map.vals[i]));
		break;
	default:
		c = value_new(v->type);
		c->u = v->u;
		break;
	}
	c->pos = v->pos;
	return c;
}

static void num_to_text(double n, buf *out)
{
	/* range first: converting a double outside long long's is undefined */
	if (isfinite(n) && fabs(n) < 1e15 && n == (double)(long long)n)
		buf_printf(out, "%lld", (long long)n);
	else
		buf_printf(out, "%.15g", n);
}

void value_to_text(const value *v, buf *out)
{
	if (!v)
		return;
	switch (v->type) {
	case V_NULL: break;
	case V_BOOL: buf_puts(out, v->u.b ? "true" : "false"); break;
	case V_NUM: num_to_text(v->u.n, out); break;
	case V_STR: buf_put(out, v->u.str.s, v->u.str.len); break;
	default: break;
	}
}

void value_to_json(const value *v, buf *out)
{
	if (!v) {
		buf_puts(out, "null");
		return;
	}
	switch (v->type) {
	case V_NULL: case V_FUNC: buf_puts(out, "null"); break;
	case V_BOOL: buf_puts(out, v->u.b ? "true" : "false"); break;
	case V_NUM:
		if (isfinite(v->u.n))
			num_to_text(v->u.n, out);
		else
			buf_puts(out, "null");
		break;
	case V_STR:
		buf_putc(out, '"');
		buf_put_json(out, v->u.str.s, v->u.str.len);
		buf_putc(out, '"');
		break;
	case V_LIST:
		buf_putc(out, '[');
		for (size_t i = 0; i < v->u.list.n; i++) {
			if (i)
				buf_putc(out, ',');
			value_to_json(v->u.list.items[i], out);
		}
		buf_putc(out, ']');
		break;
	case V_MAP:
		buf_putc(out, '{');
		for (size_t i = 0; i < v->u.map.n; i++) {
			if (i)
				buf_putc(out, ',');
			buf_putc(out, '"');
			buf_put_json(out, v->u.map.keys[i], strlen(v->u.map.keys[i]));
			buf_puts(out, "\":");
			value_to_json(v->u.map.vals[i], out);
		}
		buf_putc(out, '}');
		break;
	}
}

const char *value_type_name(vtype t)
{
	static const char *names[] = {"null", "boolean", "number", "string", "list", "map", "function"};
	return names[t];
}

/* Interned paths live until exit: srcpos copies stay valid everywhere.
 * A hash set, guarded by a mutex because render threads report too. */
static char **interned;
static size_t n_interned, cap_interned;
static pthread_mutex_t intern_lock = PTHREAD_MUTEX_INITIALIZER;


const char *intern_path(const char *path)
{
	pthread_mutex_lock(&intern_lock);
	if ((n_interned + 1) * 2 > cap_interned) {
		size_t nc = cap_interned ? cap_interned * 2 : 256;
		char **nt = xcalloc(nc, sizeof(char *));
		for (size_t i = 0; i < cap_interned; i++)
			if (interned[i]) {
				size_t h = hash_str(interned[i]) & (nc - 1);
				while (nt[h])
					h = (h + 1) & (nc - 1);
				nt[h] = interned[i];
			}
		free(interned);
		interned = nt;
		cap_interned = nc;
	}
	size_t h = hash_str(path) & (cap_interned - 1);
	while (interned[h] && strcmp(interned[h], path))
		h = (h + 1) & (cap_interned - 1);
	if (!interned[h]) {
		interned[h] = xstrdup(path);
		n_interned++;
	}
	const char *r = interned[h];
	pthread_mutex_unlock(&intern_lock);
	return r;
}

/* value.h: the one generic value tree of shirube. YAML documents, page data,
 * template contexts and JSON output all use it. Every value remembers the
 * file, line and column it came from (line 0 when made by the program). */
#ifndef SHIRUBE_VALUE_H
#define SHIRUBE_VALUE_H

#include <stddef.h>

typedef enum {
	V_NULL, V_BOOL, V_NUM, V_STR, V_LIST, V_MAP, V_FUNC
} vtype;

typedef struct srcpos {
	const char *file; /* interned, never freed while the program runs */
	int line, col;    /* 1-based; 0 = unknown */
} srcpos;

typedef struct value value;

/* A callable value (Mustache lambda, Lua helper). `text` is the raw section
 * text for section lambdas, NULL for interpolation. Returns a malloc'd string
 * (caller frees) that the template engine renders as a template. */
typedef char *(*value_fn)(void *ud, const char *text);

struct value {
	vtype type;
	int refs;
	srcpos pos;
	union {
		int b;
		double n;
		struct { char *s; size_t len; } str;
		struct { value **items; size_t n, cap; } list;
		struct { char **keys; value **vals; size_t n, cap; unsigned *index; size_t icap; } map;
		struct { value_fn fn; void *ud; } fn;
	} u;
};

/* Constructors return a new value with one reference owned by the caller. */
value *value_null(void);
value *value_bool(int b);
value *value_num(double n);
value *value_str(const char *s);
value *value_strn(const char *s, size_t n);
value *value_str_take(char *s); /* takes ownership of malloc'd s */
value *value_list(void);
value *value_map(void);
value *value_func(value_fn fn, void *ud);

value *value_ref(value *v);   /* adds a reference, returns v; NULL ok */
void value_free(value *v);     /* drops a reference; NULL ok */

/* Lists: push takes over the caller's reference to item. */
void value_push(value *list, value *item);
size_t value_len(const value *v);          /* items of list / entries of map */
value *value_at(const value *list, size_t i); /* borrowed */

/* Maps keep insertion order; a map of more than 8 keys also keeps a hash
 * index (updated by value_set, never by lookups, so reading a finished
 * tree from several threads is safe). set takes over the reference to val, replacing
 * an existing key's value. get returns a borrowed pointer or NULL. */
void value_set(value *map, const char *key, value *val);
value *value_get(const value *map, const char *key);
/* Takes map[key]'s value out (the caller gets the map's reference; the
 * key stays, with no value). NULL when absent. For a map that lent a
 * value without a reference of its own (see render.c's page context). */
value *value_take(value *map, const char *key);
/* Makes room for n entries, so that adding up to n - len keys allocates
 * nothing (a map filled on another thread than the one that made it). */
void value_map_reserve(value *map, size_t n);
/* Sorts a map's entries by key (and keeps its index right). */
void value_map_sort(value *map);
/* The same for a key given as key[0..len). */
value *value_getn(const value *map, const char *key, size_t len);
/* Looks up a dotted path "a.b.c" through maps. Borrowed or NULL. */
value *value_get_path(const value *map, const char *path);
const char *value_key_at(const value *map, size_t i);
value *value_val_at(const value *map, size_t i);

/* Convenience setters taking C values. */
void value_set_str(value *map, const char *key, const char *s);
void value_set_num(value *map, const char *key, double n);
void value_set_bool(value *map, const char *key, int b);

/* String of a V_STR, else NULL. */
const char *value_cstr(const value *v);
/* The string of map[key] if it is a string, else NULL. */
const char *value_get_cstr(const value *map, const char *key);
/* Mustache truthiness: null, false, empty list, "" are false. */
int value_truthy(const value *v);
/* Deep copy (functions are shared). */
value *value_copy(const value *v);
/* Appends the value as text (numbers like YAML/Mustache print them). */
struct buf;
void value_to_text(const value *v, struct buf *out);
/* Appends the value as JSON. */
void value_to_json(const value *v, struct buf *out);
const char *value_type_name(vtype t);

/* Interns a file name for srcpos.file. */
const char *intern_path(const char *path);

#endif

/* yamlvalue.c: builds a value tree from libyaml's event stream, keeping the
 * 1-based position of every node. Anchors are shared by reference; the
 * size of what aliases expand to is budgeted so "billion laughs" fails. */
#include "yamlvalue.h"
#include "diag.h"
#include "messages.h"
#include "util.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

/* Largest number of nodes a document may expand to through aliases. */
#define YAML_EXPANSION_LIMIT 200000
#define YAML_DEPTH_LIMIT 512

typedef struct anchor {
	char *name;
	value *v;
	size_t size; /* nodes it expands to */
} anchor;

typedef struct yparse {
	yaml_parser_t p;
	const char *path;
	int line_offset;
	anchor *anchors;
	size_t n_anchors, cap_anchors;
	size_t expanded; /* nodes produced including alias expansions */
	int failed;
	const char *text; /* the YAML text, for hints */
	size_t len;
} yparse;

static srcpos mark_pos(yparse *y, yaml_mark_t m)
{
	/* y->path is interned already: no second lookup per node */
	srcpos pos = {y->path, (int)m.line + 1 + y->line_offset, (int)m.column + 1};
	return pos;
}

static void add_anchor(yparse *y, const char *name, value *v, size_t size)
{
	if (y->n_anchors == y->cap_anchors) {
		y->cap_anchors = y->cap_anchors ? y->cap_anchors * 2 : 8;
		y->anchors = xrealloc(y->anchors, y->cap_anchors * sizeof(anchor));
	}
	anchor *a = &y->anchors[y->n_anchors++];
	a->name = xstrdup(name);
	a->v = value_ref(v);
	a->size = size;
}

static anchor *find_anchor(yparse *y, const char *name)
{
	for (size_t i = y->n_anchors; i-- > 0;)
		if (!strcmp(y->anchors[i].name, name))
			return &y->anchors[i];
	return NULL;
}

/* Types a plain scalar: null, booleans and numbers as YAML 1.2 core. */
static value *plain_scalar(const char *s, size_t n)
{
	if (n == 0 || !strcmp(s, "~") || !strcmp(s, "null") || !strcmp(s, "Null") ||
	    !strcmp(s, "NULL"))
		return value_null();
	if (!strcmp(s, "true") || !strcmp(s, "True") || !strcmp(s, "TRUE"))
		return value_bool(1);
	if (!strcmp(s, "false") || !strcmp(s, "False") || !strcmp(s, "FALSE"))
		return value_bool(0);
	const char *p = s;
	if (*p == '-' || *p == '+')
		p++;
	int digits = 0, ok = 1, dot = 0, exp = 0;
	for (; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digits++;
		else if (*p == '.' && !dot && !exp)
			dot = 1;
		else if ((*p == 'e' || *p == 'E') && digits && !exp) {
			exp = 1;
			if (p[1] == '-' || p[1] == '+')
				p++;
		} else {
			ok = 0;
			break;
		}
	}
	if (ok && digits) {
		errno = 0;
		char *end;
		double d = strtod(s, &end);
		if (!*end && errno == 0 && isfinite(d))
			return value_num(d);
	}
	return value_strn(s, n);
}

static value *parse_node(yparse *y, yaml_event_t *ev, int depth, size_t *size);

/* Typing Japanese, an input method easily leaves a full-width space, a
 * full-width colon or a tab where YAML needs ASCII: names the first such
 * character from two lines before `line` (0-based, where libyaml noticed)
 * to the line after it, as a hint. Returns 1 when it found one. */
static int ime_hint(yparse *y, size_t line)
{
	static const struct { const char *bytes, *name, *fix; } slips[] = {
		{"\xe3\x80\x80", "a full-width space (U+3000)", "use ASCII spaces for indentation and after ':'"},
		{"\xef\xbc\x9a", "a full-width colon '\xef\xbc\x9a' (U+FF1A)", "write an ASCII ':' followed by a space"},
		{"\t", "a tab", "YAML indents with spaces only"},
	};
	size_t l = 0, col = 1;
	for (size_t i = 0; i < y->len && l <= line + 1; i++) {
		if (y->text[i] == '\n') {
			l++, col = 1;
			continue;
		}
		for (size_t k = 0; l + 2 >= line && k < sizeof slips / sizeof *slips; k++) {
			size_t n = strlen(slips[k].bytes);
			if (i + n <= y->len && !memcmp(y->text + i, slips[k].bytes, n)) {
				diag_hint("line %zu, column %zu has %s: %s", l + 1 + (size_t)y->line_offset, col,
					  msg_tr(slips[k].name), msg_tr(slips[k].fix));
				return 1;
			}
		}
		if (((unsigned char)y->text[i] & 0xc0) != 0x80)
			col++;
	}
	return 0;
}

static int next_event(yparse *y, yaml_event_t *ev)
{
	if (!yaml_parser_parse(&y->p, ev)) {
		srcpos pos = mark_pos(y, y->p.problem_mark);
		if (y->p.context)
			diag(DIAG_ERROR, pos, "invalid YAML: %s %s", msg_tr(y->p.problem ? y->p.problem : "error"),
			     msg_tr(y->p.context));
		else
			diag(DIAG_ERROR, pos, "invalid YAML: %s", msg_tr(y->p.problem ? y->p.problem : "error"));
		if (!ime_hint(y, y->p.problem_mark.line))
			diag_hint("check indentation and quote values that contain ': ', '#', or start with '*', '&', '!', '[' or '{'");
		y->failed = 1;
		return 0;
	}
	return 1;
}

static value *parse_node(yparse *y, yaml_event_t *ev, int depth, size_t *size);

/* An alias: a new reference to its anchor's value, counted against the
 * expansion limit. NULL after an error. */
static value *parse_alias(yparse *y, yaml_event_t *ev, srcpos pos, size_t *size)
{
	anchor *a = find_anchor(y, (const char *)ev->data.alias.anchor);
	if (!a) {
		diag(DIAG_ERROR, pos, "unknown YAML alias '*%s'", ev->data.alias.anchor);
		y->failed = 1;
		return NULL;
	}
	*size = a->size;
	y->expanded += a->size;
	if (y->expanded > YAML_EXPANSION_LIMIT) {
		diag(DIAG_ERROR, pos, "YAML aliases expand to more than %d nodes", YAML_EXPANSION_LIMIT);
		diag_hint("this looks like an alias bomb; write the data out instead of nesting aliases");
		y->failed = 1;
		return NULL;
	}
	return value_ref(a->v);
}

/* The items of a sequence into the list v, up to its end event. Returns
 * 1/0 (error reported). */
static int parse_sequence(yparse *y, value *v, int depth, size_t *size)
{
	for (;;) {
		yaml_event_t e;
		if (!next_event(y, &e))
			return 0;
		if (e.type == YAML_SEQUENCE_END_EVENT) {
			yaml_event_delete(&e);
			return 1;
		}
		size_t sub;
		value *item = parse_node(y, &e, depth + 1, &sub);
		if (!item)
			return 0;
		*size += sub;
		value_push(v, item);
	}
}

/* One key and its value (the key's first event is *k) into the map v.
 * Returns 1/0; a bad or duplicate key is reported and skipped (1). */
static int parse_map_entry(yparse *y, value *v, yaml_event_t *k, int depth, size_t *size)
{
	srcpos kpos = mark_pos(y, k->start_mark);
	size_t ksub;
	value *key = parse_node(y, k, depth + 1, &ksub);
	if (!key)
		return 0;
	buf kb = {0};
	int key_ok = key->type != V_LIST && key->type != V_MAP;
	if (key_ok)
		value_to_text(key, &kb);
	if (key->type == V_NULL)
		buf_puts(&kb, "");
	value_free(key);
	yaml_event_t e;
	size_t sub;
	value *val = next_event(y, &e) ? parse_node(y, &e, depth + 1, &sub) : NULL;
	if (!val) {
		buf_free(&kb);
		return 0;
	}
	*size += sub;
	if (!key_ok) {
		diag(DIAG_ERROR, kpos, "a YAML key must be a plain value, not a list or map");
		y->failed = 1;
		value_free(val);
	} else if (value_get(v, buf_cstr(&kb))) {
		diag(DIAG_ERROR, kpos, "duplicate key '%s'", buf_cstr(&kb));
		diag_hint("each key may appear once in a map; remove or rename one");
		y->failed = 1;
		value_free(val);
	} else
		value_set(v, buf_cstr(&kb), val);
	buf_free(&kb);
	return 1;
}

/* The entries of a mapping into the map v, up to its end event. */
static int parse_mapping(yparse *y, value *v, int depth, size_t *size)
{
	for (;;) {
		yaml_event_t k;
		if (!next_event(y, &k))
			return 0;
		if (k.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&k);
			return 1;
		}
		if (!parse_map_entry(y, v, &k, depth, size))
			return 0;
	}
}

/* A sequence or mapping whose start event is *ev (deleted here), with its
 * anchor registered once it is complete. NULL after an error. */
static value *parse_collection(yparse *y, yaml_event_t *ev, srcpos pos, int depth, size_t *size)
{
	int is_seq = ev->type == YAML_SEQUENCE_START_EVENT;
	const char *anchor_name = (const char *)(is_seq ? ev->data.sequence_start.anchor
							: ev->data.mapping_start.anchor);
	char *anchor_copy = anchor_name ? xstrdup(anchor_name) : NULL;
	yaml_event_delete(ev);
	value *v = is_seq ? value_list() : value_map();
	v->pos = pos;
	y->expanded++;
	if (!(is_seq ? parse_sequence(y, v, depth, size) : parse_mapping(y, v, depth, size))) {
		free(anchor_copy);
		value_free(v);
		return NULL;
	}
	if (anchor_copy)
		add_anchor(y, anchor_copy, v, *size);
	free(anchor_copy);
	return v;
}

/* Consumes the events of one node whose first event is *ev (which this
 * function deletes). Returns a new value or NULL after an error. */
static value *parse_node(yparse *y, yaml_event_t *ev, int depth, size_t *size)
{
	value *v = NULL;
	srcpos pos = mark_pos(y, ev->start_mark);
	const char *anchor_name = NULL;
	*size = 1;
	if (depth > YAML_DEPTH_LIMIT) {
		diag(DIAG_ERROR, pos, "YAML nested deeper than %d levels", YAML_DEPTH_LIMIT);
		yaml_event_delete(ev);
		y->failed = 1;
		return NULL;
	}
	switch (ev->type) {
	case YAML_ALIAS_EVENT:
		v = parse_alias(y, ev, pos, size);
		break;
	case YAML_SCALAR_EVENT: {
		const char *s = (const char *)ev->data.scalar.value;
		size_t n = ev->data.scalar.length;
		anchor_name = (const char *)ev->data.scalar.anchor;
		if (ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE && !ev->data.scalar.tag)
			v = plain_scalar(s, n);
		else
			v = value_strn(s, n);
		size_t ctl = text_control_at(s, n); /* from an escape such as "\x01" */
		if (ctl < n) {
			diag(DIAG_ERROR, pos, "control character U+%04X in a YAML value", (unsigned char)s[ctl]);
			diag_hint("remove the escape: HTML and XML forbid the character");
			y->failed = 1;
		}
		v->pos = pos;
		y->expanded++;
		break;
	}
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		return parse_collection(y, ev, pos, depth, size);
	default:
		diag(DIAG_ERROR, pos, "unexpected YAML event");
		y->failed = 1;
		break;
	}
	if (v && anchor_name)
		add_anchor(y, anchor_name, v, *size);
	yaml_event_delete(ev);
	return v;
}

value *yaml_parse(const char *text, size_t len, const char *path, int line_offset)
{
	yparse y;
	memset(&y, 0, sizeof y);
	y.path = intern_path(path);
	y.line_offset = line_offset;
	y.text = text;
	y.len = len;
	value *root = NULL;
	yaml_parser_initialize(&y.p);
	yaml_parser_set_input_string(&y.p, (const unsigned char *)text, len);
	yaml_parser_set_encoding(&y.p, YAML_UTF8_ENCODING);

	yaml_event_t ev;
	/* stream start, then document start or stream end */
	if (!next_event(&y, &ev))
		goto done;
	yaml_event_delete(&ev);
	if (!next_event(&y, &ev))
		goto done;
	if (ev.type == YAML_STREAM_END_EVENT) {
		yaml_event_delete(&ev);
		root = value_map();
		root->pos = pos_at(path, 1 + line_offset, 1);
		goto done;
	}
	yaml_event_delete(&ev); /* document start */
	if (!next_event(&y, &ev))
		goto done;
	size_t size;
	root = parse_node(&y, &ev, 0, &size);
	if (root && root->type == V_NULL) {
		srcpos p = root->pos;
		value_free(root);
		root = value_map();
		root->pos = p;
	}
	if (root && !y.failed && next_event(&y, &ev)) {
		yaml_event_delete(&ev); /* document end */
		/* a second document would be silently lost: refuse it */
		if (next_event(&y, &ev)) {
			if (ev.type == YAML_DOCUMENT_START_EVENT) {
				diag(DIAG_ERROR, mark_pos(&y, ev.start_mark),
				     "a second YAML document starts here; a file holds one");
				diag_hint("remove the '---' line, or move what follows into a file of its own");
				y.failed = 1;
			}
			yaml_event_delete(&ev);
		}
	}
done:
	if (y.failed) {
		value_free(root);
		root = NULL;
	}
	for (size_t i = 0; i < y.n_anchors; i++) {
		free(y.anchors[i].name);
		value_free(y.anchors[i].v);
	}
	free(y.anchors);
	yaml_parser_delete(&y.p);
	return root;
}

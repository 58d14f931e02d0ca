/* load.c: stage 1 (see load.h). Reads the site config (config.c), every
 * Markdown file under the content directory (front matter + body),
 * personas and journeys, and the theme's UI strings into the site model. Every problem is reported as path:line:col and
 * loading goes on so one run shows them all. */
#include "diag.h"
#include "messages.h"
#include "config.h"
#include "load.h"
#include "editorial.h"
#include "util.h"
#include "yamlvalue.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- reading files safely -------------------------------------------- */

/* Column (1-based, in characters) of byte offset off within its line, and
 * the line number. */
static void offset_pos(const char *text, size_t off, int *line, int *col)
{
	int l = 1;
	size_t ls = 0;
	for (size_t i = 0; i < off; i++)
		if (text[i] == '\n')
			l++, ls = i + 1;
	int c = 1;
	for (size_t i = ls; i < off; i++)
		if (((unsigned char)text[i] & 0xc0) != 0x80)
			c++;
	*line = l;
	*col = c;
}

/* Reads a text input file with every check a hostile file needs: inside
 * the project, size limit, no NUL, valid UTF-8; a BOM is dropped. Returns 1
 * with *text malloc'd (caller frees), 0 after reporting. */
static int read_input(site *s, const char *path, const char *root, char **text, size_t *len)
{
	struct stat st;
	/* files of the content walk are inside (load_entry checked their
	 * links and saw a regular file); any other file, or one that a linked
	 * directory holds, is checked here: root is NULL for the walk's files */
	if (root) {
		if (lstat(path, &st) != 0) {
			diag(DIAG_ERROR, pos_at(path, 0, 0), "cannot read: %s", strerror(errno));
			return 0;
		}
		if (!path_inside(path, root) && !path_inside(path, s->project_dir)) {
			int broken = S_ISLNK(st.st_mode) && link_check(path, root, NULL) == LINK_BROKEN;
			diag(DIAG_ERROR, pos_at(path, 0, 0), broken ? "broken symbolic link" :
			     "symbolic link points outside the project");
			diag_hint("copy the file into the project instead of linking to it");
			return 0;
		}
		/* not opened when it is not a regular file (a device) */
		if (stat(path, &st) != 0) {
			diag(DIAG_ERROR, pos_at(path, 0, 0), "cannot read: %s", strerror(errno));
			return 0;
		}
		if (!S_ISREG(st.st_mode)) {
			diag(DIAG_ERROR, pos_at(path, 0, 0), "not a regular file");
			diag_hint("only regular files are read; replace it with a file");
			return 0;
		}
	}
	char *t;
	size_t n;
	if (!read_file_max(path, &t, &n, SITE_MAX_FILE_BYTES, &st)) {
		if (errno == EFBIG) {
			diag(DIAG_ERROR, pos_at(path, 1, 1), "file is %lld bytes, over the %u MiB limit",
			     (long long)st.st_size, SITE_MAX_FILE_BYTES >> 20);
			diag_hint("split it into smaller files");
		} else if (errno == EINVAL) {
			diag(DIAG_ERROR, pos_at(path, 0, 0), "not a regular file");
			diag_hint("only regular files are read; replace it with a file");
		} else
			diag(DIAG_ERROR, pos_at(path, 0, 0), "cannot read: %s", strerror(errno));
		return 0;
	}
	if (n >= 2 && (((unsigned char)t[0] == 0xff && (unsigned char)t[1] == 0xfe) ||
		       ((unsigned char)t[0] == 0xfe && (unsigned char)t[1] == 0xff))) {
		diag(DIAG_ERROR, pos_at(path, 1, 1), "file is UTF-16, not UTF-8");
		diag_hint("save the file as UTF-8");
		free(t);
		return 0;
	}
	char *nul = memchr(t, 0, n);
	if (nul) {
		int l, c;
		offset_pos(t, (size_t)(nul - t), &l, &c);
		diag(DIAG_ERROR, pos_at(path, l, c), "NUL byte in text file");
		diag_hint("remove the NUL byte; is this a binary file saved with a text extension?");
		free(t);
		return 0;
	}
	size_t bad;
	if (!utf8_valid(t, n, &bad)) {
		int l, c;
		offset_pos(t, bad, &l, &c);
		diag(DIAG_ERROR, pos_at(path, l, c), "invalid UTF-8 (byte 0x%02x)",
		     (unsigned char)t[bad]);
		diag_hint("save the file as UTF-8 (not Shift_JIS or EUC-JP)");
		free(t);
		return 0;
	}
	size_t ctl = text_control_at(t, n);
	if (ctl < n) {
		int l, c;
		offset_pos(t, ctl, &l, &c);
		diag(DIAG_ERROR, pos_at(path, l, c), "control character U+%04X in a text file", (unsigned char)t[ctl]);
		diag_hint("remove it: HTML and XML forbid it (it often comes from text copied out of another program)");
		free(t);
		return 0;
	}
	if (n >= 3 && !memcmp(t, "\xEF\xBB\xBF", 3)) {
		memmove(t, t + 3, n - 3 + 1);
		n -= 3;
	}
	*text = t;
	*len = n;
	return 1;
}

/* Splits "---\n yaml \n---\n body" into front matter and body (see
 * site.h). */
value *split_front_matter(const char *path, const char *text, size_t len,
			  const char **body, int *body_line)
{
	*body = text;
	*body_line = 1;
	size_t first = strcspn(text, "\n");
	size_t fl = first;
	if (fl && text[fl - 1] == '\r')
		fl--;
	if (!(fl == 3 && !memcmp(text, "---", 3))) {
		value *m = value_map();
		m->pos = pos_at(path, 1, 1);
		return m;
	}
	const char *fm = text + first + (first < len);
	const char *p = fm;
	int line = 2;
	while (p < text + len) {
		const char *nl = memchr(p, '\n', (size_t)(text + len - p));
		size_t ll = nl ? (size_t)(nl - p) : (size_t)(text + len - p);
		if (ll && p[ll - 1] == '\r')
			ll--;
		if ((ll == 3 && (!memcmp(p, "---", 3) || !memcmp(p, "...", 3)))) {
			value *v = yaml_parse(fm, (size_t)(p - fm), path, 1);
			if (!v)
				return NULL;
			if (v->type != V_MAP) {
				diag(DIAG_ERROR, v->pos.line ? v->pos : pos_at(path, 2, 1),
				     "front matter must be a map of fields, found a %s",
				     msg_tr(value_type_name(v->type)));
				diag_hint("write fields as 'key: value' lines between the two '---' lines");
				value_free(v);
				return NULL;
			}
			*body = nl ? nl + 1 : text + len;
			*body_line = line + 1;
			return v;
		}
		if (!nl)
			break;
		p = nl + 1;
		line++;
	}
	diag(DIAG_ERROR, pos_at(path, 1, 1), "front matter is not closed");
	diag_hint("end the front matter with a line of three dashes: ---");
	return NULL;
}

/* ---- loading --------------------------------------------------------- */

static void add_asset(site *s, const char *rel)
{
	if (s->n_assets == s->cap_assets) {
		s->cap_assets = s->cap_assets ? s->cap_assets * 2 : 16;
		s->assets = xrealloc(s->assets, s->cap_assets * sizeof(char *));
	}
	s->assets[s->n_assets++] = xstrdup(rel);
}

/* Output path of a plain Markdown file: a/README.md -> a/index.html. */
static char *plain_out(const char *rel)
{
	const char *slash = strrchr(rel, '/');
	const char *base = slash ? slash + 1 : rel;
	size_t dirlen = (size_t)(base - rel);
	if (!strcasecmp(base, "README.md") || !strcmp(base, "index.md"))
		return xasprintf("%.*sindex.html", (int)dirlen, rel);
	return xasprintf("%.*s.html", (int)(strlen(rel) - 3), rel);
}

static int check_id(const char *path, const char *id)
{
	if (site_valid_id(id))
		return 1;
	diag(DIAG_ERROR, pos_at(path, 1, 1), "invalid id '%s' (from the file name)", id);
	diag_hint("ids use lowercase ASCII letters, digits and '-', e.g. insider-fraud.md");
	return 0;
}

/* One entry of the content walk, in walk order: what the walk said about
 * it, and for a Markdown file what reading it gave (read in parallel,
 * reported in this order afterwards). */
typedef struct load_item {
	diag_list walk_diags, read_diags;
	int is_md;
	char *path, *id, *out;
	page_kind kind;
	value *meta;     /* read: the front matter, NULL when reading failed */
	int read_ok;     /* read: the file was read (its front matter may be bad) */
	char *body;      /* read: the Markdown body */
	size_t body_len;
	int body_line;
} load_item;

typedef struct load_items {
	load_item *v;
	size_t n, cap;
} load_items;

static load_item *new_item(load_items *l)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->v = xrealloc(l->v, l->cap * sizeof *l->v);
	}
	load_item *it = &l->v[l->n++];
	memset(it, 0, sizeof *it);
	return it;
}

/* A Markdown file found by the walk, to be read with the others. */
static void load_markdown(load_item *it, const char *path, page_kind kind, const char *id, const char *out)
{
	it->is_md = 1;
	it->path = xstrdup(path);
	it->kind = kind;
	it->id = xstrdup(id);
	it->out = xstrdup(out);
}

typedef struct read_job {
	site *s;
	load_item *items;
} read_job;

/* Reads the Markdown file of item i (on any thread): front matter and body. */
static void read_item(size_t i, void *ud)
{
	read_job *j = ud;
	load_item *it = &j->items[i];
	if (!it->is_md)
		return;
	diag_defer(&it->read_diags);
	char *text;
	size_t len;
	if (read_input(j->s, it->path, NULL, &text, &len)) {
		const char *body;
		it->read_ok = 1;
		it->meta = split_front_matter(it->path, text, len, &body, &it->body_line);
		if (it->meta) {
			/* rendered by resolve, once every topic synonym is known; the
			 * body moves to the front of the file's own buffer */
			it->body_len = (size_t)(text + len - body);
			memmove(text, body, it->body_len + 1);
			it->body = text;
		} else
			free(text);
	}
	diag_defer(NULL);
}

/* A draft (draft: true) outside serve: left out of the site, with a note
 * (references to it are then unknown, as for a page that does not exist). */
static int drop_draft(site *s, value *meta)
{
	if (s->show_drafts || !editorial_is_draft(meta))
		return 0;
	diag(DIAG_NOTE, value_get(meta, "draft")->pos, "a draft: left out of the site");
	diag_hint("remove draft: true to publish it; ./shirube serve shows drafts, marked");
	value_free(meta);
	return 1;
}

/* The walk's results in walk order: its messages, then each file's, and
 * the pages. */
static void add_items(site *s, load_item *it)
{
	diag_replay(&it->walk_diags);
	diag_replay(&it->read_diags);
	if (!it->meta && it->read_ok && it->kind != PAGE_PLAIN) {
		/* bad front matter (reported): the page still exists, so what
		 * refers to it does not add errors of its own */
		page *p = site_add_page(s, it->kind, it->id, it->path, it->out);
		p->meta = value_map();
		p->meta->pos = pos_at(it->path, 1, 1);
		p->broken = 1;
	}
	if (it->meta && drop_draft(s, it->meta)) {
		it->meta = NULL;
		free(it->body);
	} else if (it->meta) {
		const char *fid = value_get_cstr(it->meta, "id");
		if (fid && strcmp(fid, it->id) && it->kind != PAGE_PLAIN) {
			diag(DIAG_ERROR, value_get(it->meta, "id")->pos,
			     "id '%s' does not match the file name '%s'", fid, it->id);
			diag_hint("the id is the file name; remove the id field or rename the file");
		}
		page *p = site_add_page(s, it->kind, it->id, it->path, it->out);
		p->meta = it->meta;
		p->body_line = it->body_line;
		p->body_len = it->body_len;
		p->body_src = it->body;
	}
	free(it->path);
	free(it->id);
	free(it->out);
}

/* The content walk: which directories are open on the way down and which
 * were read already, by device and inode, so a symbolic link can neither
 * loop nor make the walk read one directory twice (each directory is read
 * at most once: the walk is linear in the tree, whatever the links). */
#define WALK_MAX_DEPTH 32
typedef struct walk {
	site *s;
	char *open[WALK_MAX_DEPTH + 2];      /* "dev:ino" of the directories being read */
	const char *open_path[WALK_MAX_DEPTH + 2];
	int n_open;
	value *done;  /* "dev:ino" -> path, the directories read */
	load_items items;
} walk;

static void load_tree(walk *w, const char *dir, const char *rel, int depth);

static char *dir_key(const struct stat *st)
{
	return xasprintf("%llx:%llx", (unsigned long long)st->st_dev, (unsigned long long)st->st_ino);
}

/* A directory of the content: read it unless a link made it loop or it
 * was read already (through another link). */
static void load_subdir(walk *w, const char *path, const char *rel, const struct stat *st, int depth)
{
	char *key = dir_key(st);
	const char *open = NULL;
	for (int i = 0; i < w->n_open; i++)
		if (!strcmp(w->open[i], key))
			open = w->open_path[i];
	value *done = value_get(w->done, key);
	if (open) {
		diag(DIAG_ERROR, pos_at(path, 0, 0), "symbolic link leads back to %s, which holds it: a loop",
		     open);
		diag_hint("remove the link; a directory cannot contain itself");
	} else if (done) {
		diag(DIAG_WARNING, pos_at(path, 0, 0), "skipped: this is %s again (through a symbolic link)",
		     done->u.str.s);
		diag_hint("each directory is read once: link to the pages instead of repeating the directory");
	} else if (depth + 1 > WALK_MAX_DEPTH) {
		diag(DIAG_ERROR, pos_at(path, 0, 0), "directories nested too deeply");
	} else {
		w->open[w->n_open] = key;
		w->open_path[w->n_open++] = path;
		load_tree(w, path, rel, depth + 1);
		w->n_open--;
		value_set_str(w->done, key, path);
	}
	free(key);
}

/* Raw HTML published as-is (or SVG, which may hold scripts) is refused
 * unless the config allows raw HTML. */
static int is_raw_markup(const char *name)
{
	static const char *ext[] = {".html", ".htm", ".xhtml", ".svg", ".svgz", ".xml"};
	size_t n = strlen(name);
	for (size_t i = 0; i < sizeof ext / sizeof *ext; i++) {
		size_t e = strlen(ext[i]);
		if (n > e && !strcasecmp(name + n - e, ext[i]))
			return 1;
	}
	return 0;
}

/* A Markdown file: a guideline, topic or page by its directory, else a
 * plain page (README.md is the directory page unless index.md exists). */
static void load_md_entry(load_item *it, const char *path, const char *rel, const char *name, const char *dir_rel,
			  int depth, int has_index)
{
	static const struct {
		const char *dir, *out_fmt;
		page_kind kind;
	} kinds[] = {{"guidelines", "guidelines/%s.html", PAGE_GUIDELINE},
		     {"topics", "topics/%s.html", PAGE_TOPIC},
		     {"pages", "%s.html", PAGE_PAGE}};
	char *id = xstrndup(name, strlen(name) - 3);
	for (size_t k = 0; k < 3; k++)
		if (depth == 1 && !strcmp(dir_rel, kinds[k].dir)) {
			if (check_id(path, id)) {
				char *out = xasprintf(kinds[k].out_fmt, id);
				load_markdown(it, path, kinds[k].kind, id, out);
				free(out);
			}
			free(id);
			return;
		}
	if (!(has_index && !strcasecmp(name, "README.md"))) {
		char *out = plain_out(rel);
		char *pid = xstrndup(out, strlen(out) - 5);
		load_markdown(it, path, PAGE_PLAIN, pid, out);
		free(pid);
		free(out);
	}
	free(id);
}

/* Any other file of the content: copied to the site as it is. */
static void load_asset(site *s, const char *path, const char *rel, const struct stat *st)
{
	if ((unsigned long long)st->st_size > SITE_MAX_FILE_BYTES) {
		diag(DIAG_ERROR, pos_at(path, 0, 0), "file is %lld bytes, over the %u MiB limit",
		     (long long)st->st_size, SITE_MAX_FILE_BYTES >> 20);
		diag_hint("make it smaller, or publish it elsewhere and link to it");
	} else if (is_raw_markup(rel) && !s->cfg.allow_raw_html) {
		diag(DIAG_ERROR, pos_at(path, 0, 0), "raw HTML, SVG or XML files are not published");
		diag_hint("write the page in Markdown, or set allow_raw_html: true in the config if you trust every editor's markup");
	} else
		add_asset(s, rel);
}

/* Reports a symbolic link that may not be followed; returns 1 when it may. */
static int link_ok(site *s, const char *path)
{
	switch (link_check(path, s->content_dir, s->project_dir)) {
	case LINK_OK:
		return 1;
	case LINK_BROKEN:
		diag(DIAG_ERROR, pos_at(path, 0, 0), "broken symbolic link");
		break;
	case LINK_LOOP:
		diag(DIAG_ERROR, pos_at(path, 0, 0), "symbolic link loops back on itself");
		diag_hint("remove the link or point it at a file");
		break;
	default:
		diag(DIAG_ERROR, pos_at(path, 0, 0), "symbolic link points outside the project");
		diag_hint("copy the file into the project instead of linking to it");
	}
	return 0;
}

/* One entry of a content directory. */
static void load_entry(walk *w, const char *dir, const char *dir_rel, const char *name, unsigned char type,
		       int depth, int has_index)
{
	site *s = w->s;
	/* read on their own (hooks.c, load_site, index.c), with their own checks */
	if (depth == 0 && (!strcmp(name, "hooks") || !strcmp(name, "relations.yaml") ||
			   !strcmp(name, "start-check.yaml") || !strcmp(name, "search-variants.yaml")))
		return;
	/* it is not used after a subdirectory's walk, which may move it */
	load_item *it = new_item(&w->items);
	diag_defer(&it->walk_diags);
	char *path = path_join(dir, name);
	char *rel = *dir_rel ? xasprintf("%s/%s", dir_rel, name) : xstrdup(name);
	struct stat st;
	/* only a link can lead outside: everything else in a directory that
	 * is inside is inside (realpath costs a syscall a component); an
	 * entry gone since the directory was listed is nothing to load */
	int is_link = 0;
	/* a Markdown file the directory listing calls regular needs no lstat
	 * (read_input's open and fstat see what it is when it is read) */
	if (type == DT_REG && str_ends_with(name, ".md"))
		load_md_entry(it, path, rel, name, dir_rel, depth, has_index);
	else if (lstat(path, &st) == 0 && (!(is_link = S_ISLNK(st.st_mode)) || (link_ok(s, path) && stat(path, &st) == 0))) {
		if (S_ISDIR(st.st_mode) && is_link && path_inside(path, s->content_dir)) {
			/* a second way into the content tree: it is read anyway */
			diag(DIAG_WARNING, pos_at(path, 0, 0), "skipped: a symbolic link to a directory of the content, which is read anyway");
			diag_hint("link to the pages instead of repeating the directory");
		} else if (S_ISDIR(st.st_mode))
			load_subdir(w, path, rel, &st, depth);
		else if (!S_ISREG(st.st_mode)) {
			diag(DIAG_ERROR, pos_at(path, 0, 0), "not a regular file or directory (a FIFO, socket or device)");
			diag_hint("only regular files and directories are read; remove it from the content");
		} else if (str_ends_with(name, ".md"))
			load_md_entry(it, path, rel, name, dir_rel, depth, has_index);
		else
			load_asset(s, path, rel, &st);
	}
	diag_defer(NULL);
	free(path);
	free(rel);
}

/* Walks the content tree (sorted, so output order is stable). */
static void load_tree(walk *w, const char *dir, const char *rel, int depth)
{
	size_t n;
	char **names = NULL;
	unsigned char *types = NULL;
	dir_entries(dir, &names, &types, &n);
	/* index.md wins over README.md for the directory page */
	int has_index = 0;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(names[i], "index.md"))
			has_index = 1;
	for (size_t i = 0; i < n; i++)
		load_entry(w, dir, rel, names[i], types[i], depth, has_index);
	free_names(names, n);
	free(types);
}

/* The content walk from s->content_dir, then its Markdown files read on
 * threads, then everything added and reported in walk order. */
static void load_content(site *s, int threads)
{
	walk w = {0};
	w.s = s;
	w.done = value_map();
	struct stat st;
	if (stat(s->content_dir, &st) == 0) {
		w.open[0] = dir_key(&st);
		w.open_path[0] = s->content_dir;
		w.n_open = 1;
	}
	load_tree(&w, s->content_dir, "", 0);
	if (w.n_open)
		free(w.open[0]);
	value_free(w.done);
	read_job j = {s, w.items.v};
	par_for(w.items.n, threads, read_item, &j);
	for (size_t i = 0; i < w.items.n; i++)
		add_items(s, &w.items.v[i]);
	free(w.items.v);
}

/* Loads one YAML file as a whole document (personas, journeys, config). */
static value *load_yaml_file(site *s, const char *path, const char *root)
{
	char *text;
	size_t len;
	if (!read_input(s, path, root, &text, &len))
		return NULL;
	value *v = yaml_parse(text, len, path, 0);
	free(text);
	return v;
}

/* personas/ or journeys/ (dir) beside the content, which must be inside
 * root (the directory that holds the content) or the project. */
static void load_yaml_dir(site *s, const char *dir, const char *root, page_kind kind, const char *outdir)
{
	if (!path_inside(dir, root) && !path_inside(dir, s->project_dir)) {
		diag(DIAG_ERROR, pos_at(dir, 0, 0), "symbolic link points outside the project");
		diag_hint("copy the directory into the project instead of linking to it");
		return;
	}
	size_t n;
	char **names = NULL;
	dir_names(dir, &names, &n);
	for (size_t i = 0; i < n; i++) {
		const char *nm = names[i];
		size_t l = strlen(nm);
		size_t ext = str_ends_with(nm, ".yaml") ? 5 : str_ends_with(nm, ".yml") ? 4 : 0;
		if (!ext)
			continue;
		char *path = path_join(dir, nm);
		char *id = xstrndup(nm, l - ext);
		if (check_id(path, id)) {
			value *v = load_yaml_file(s, path, root);
			if (!v && !site_find(s, kind, id)) {
				/* reported; kept (empty) so references to it add no errors */
				char *out = xasprintf("%s/%s.html", outdir, id);
				page *p = site_add_page(s, kind, id, path, out);
				free(out);
				p->meta = value_map();
				p->meta->pos = pos_at(path, 1, 1);
				p->broken = 1;
			}
			if (v && v->type != V_MAP) {
				diag(DIAG_ERROR, v->pos, "a %s file must be a map of fields, found a %s",
				     msg_tr(kind == PAGE_PERSONA ? "persona" : "journey"),
				     msg_tr(value_type_name(v->type)));
				value_free(v);
			} else if (v && !drop_draft(s, v)) {
				if (site_find(s, kind, id))
					diag(DIAG_ERROR, pos_at(path, 1, 1), "duplicate id '%s'", id);
				char *out = xasprintf("%s/%s.html", outdir, id);
				page *p = site_add_page(s, kind, id, path, out);
				p->meta = v;
				free(out);
			}
		}
		free(id);
		free(path);
	}
	free_names(names, n);
}

static char *parent_dir(const char *path)
{
	char *p = xstrdup(path);
	size_t n = strlen(p);
	while (n > 1 && p[n - 1] == '/')
		p[--n] = 0;
	char *slash = strrchr(p, '/');
	if (!slash) {
		free(p);
		return xstrdup(".");
	}
	if (slash == p)
		slash[1] = 0;
	else
		*slash = 0;
	return p;
}

static int dir_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Where the theme is: config theme, else themes/default beside the
 * project, else beside the shirube executable. */
static char *find_theme(site *s)
{
	const char *t = s->cfg.theme;
	if (t)
		return t[0] == '/' ? xstrdup(t) : path_join(s->project_dir, t);
	char *p = path_join(s->project_dir, "themes/default");
	if (dir_exists(p))
		return p;
	free(p);
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = 0;
		/* beside the binary, or up to three levels above (build/asan/) */
		char *d = parent_dir(exe);
		for (int up = 0; up < 4; up++) {
			p = path_join(d, "themes/default");
			if (dir_exists(p)) {
				free(d);
				return p;
			}
			free(p);
			char *pd = parent_dir(d);
			free(d);
			d = pd;
		}
		free(d);
	}
	return path_join(s->project_dir, "themes/default");
}

/* Reports each guideline, topic or page whose id an earlier one of the
 * three already uses (they share one namespace). */
static void report_duplicate_refs(site *s)
{
	static const page_kind kinds[] = {PAGE_GUIDELINE, PAGE_TOPIC, PAGE_PAGE};
	for (size_t i = 0; i < s->n_pages; i++) {
		page *a = s->pages[i];
		if (a->kind != PAGE_GUIDELINE && a->kind != PAGE_TOPIC && a->kind != PAGE_PAGE)
			continue;
		page *earlier[3];
		size_t n = 0;
		for (size_t k = 0; k < 3; k++) {
			page *b = site_find(s, kinds[k], a->id);
			if (b && b->seq < a->seq)
				earlier[n++] = b;
		}
		for (size_t x = 1; x < n; x++) /* in page order, as they were found */
			for (size_t y = x; y > 0 && earlier[y - 1]->seq > earlier[y]->seq; y--) {
				page *t = earlier[y];
				earlier[y] = earlier[y - 1];
				earlier[y - 1] = t;
			}
		for (size_t k = 0; k < n; k++) {
			diag(DIAG_ERROR, pos_at(a->src, 1, 1), "duplicate id '%s'", a->id);
			diag_hint("%s already uses it; guideline, topic and page ids share one namespace",
				  earlier[k]->src);
		}
	}
}

int load_site(site *s, int threads)
{
	if (s->config_path) {
		char *d = parent_dir(s->config_path);
		s->config = load_yaml_file(s, s->config_path, d);
		free(d);
		if (!s->config)
			return 0;
		if (s->config->type != V_MAP) {
			diag(DIAG_ERROR, s->config->pos, "the config must be a map of settings");
			return 0;
		}
	} else
		s->config = value_map();
	config_read(s);
	if (!s->theme_dir) /* --theme, else the config's, else the default */
		s->theme_dir = find_theme(s);
	else if (!dir_exists(s->theme_dir)) {
		diag(DIAG_ERROR, pos_at(s->theme_dir, 0, 0), "theme directory not found (--theme)");
		return 0;
	}
	if (!dir_exists(s->theme_dir)) {
		value *tv = value_get(s->config, "theme");
		diag(DIAG_ERROR, tv ? tv->pos : pos_at(s->theme_dir, 0, 0), "theme directory '%s' not found",
		     value_cstr(tv) ? value_cstr(tv) : s->theme_dir);
		diag_hint("set theme: to a directory with templates/, assets/ and i18n/ (relative to the config file), or remove it to use themes/default");
		return 0;
	}
	if (s->cfg.theme && !path_inside(s->theme_dir, s->project_dir)) {
		/* a theme runs its templates over the site: the config may only
		 * name one of the project's own (--theme is the explicit way) */
		diag(DIAG_ERROR, value_get(s->config, "theme")->pos, "the theme must be inside the project");
		diag_hint("copy the theme into the project (e.g. themes/NAME), or give it on the command line with --theme DIR");
		return 0;
	}
	if (!dir_exists(s->content_dir)) {
		diag(DIAG_ERROR, pos_at(s->content_dir, 0, 0), "content directory not found");
		return 0;
	}
	{
		char *cp = parent_dir(s->content_dir);
		const char *base = strcmp(cp, ".") ? cp : "";
		s->personas_dir = path_join(base, "personas");
		s->journeys_dir = path_join(base, "journeys");
		free(cp);
	}
	load_content(s, threads);
	char *rel = path_join(s->content_dir, "relations.yaml");
	struct stat st;
	if (stat(rel, &st) == 0) {
		s->relations = load_yaml_file(s, rel, s->content_dir);
		s->relations_path = intern_path(rel);
		if (s->relations && s->relations->type == V_MAP && !value_len(s->relations)) {
			/* an empty file (or only comments): no relations yet */
			value_free(s->relations);
			s->relations = value_list();
		} else if (s->relations && s->relations->type != V_LIST) {
			diag(DIAG_ERROR, s->relations->pos, "relations.yaml must be a list of relations");
			value_free(s->relations);
			s->relations = NULL;
		}
	}
	free(rel);
	char *sc = path_join(s->content_dir, "start-check.yaml");
	if (stat(sc, &st) == 0) {
		s->start_check = load_yaml_file(s, sc, s->content_dir);
		if (s->start_check && s->start_check->type == V_MAP && !value_len(s->start_check)) {
			value_free(s->start_check); /* an empty file: no start check */
			s->start_check = NULL;
		} else if (s->start_check && s->start_check->type != V_MAP) {
			diag(DIAG_ERROR, s->start_check->pos, "start-check.yaml must be a map with title, intro, questions");
			value_free(s->start_check);
			s->start_check = NULL;
		}
	}
	free(sc);
	char *content_parent = parent_dir(s->content_dir);
	if (dir_exists(s->personas_dir))
		load_yaml_dir(s, s->personas_dir, content_parent, PAGE_PERSONA, "personas");
	if (dir_exists(s->journeys_dir))
		load_yaml_dir(s, s->journeys_dir, content_parent, PAGE_JOURNEY, "journeys");
	free(content_parent);

	report_duplicate_refs(s);
	int structured = 0;
	for (size_t i = 0; i < s->n_pages; i++)
		if (s->pages[i]->kind != PAGE_PLAIN)
			structured = 1;
	s->plain_only = !structured;

	const char *lang = s->cfg.lang;
	char *i18n = xasprintf("%s/i18n/%s.yaml", s->theme_dir, lang ? lang : "ja");
	if (stat(i18n, &st) == 0 && !path_inside(i18n, s->theme_dir)) {
		diag(DIAG_ERROR, pos_at(i18n, 0, 0), "symbolic link points outside the theme");
		diag_hint("copy the UI strings into the theme instead of linking to them");
	} else if (stat(i18n, &st) == 0)
		s->i18n = load_yaml_file(s, i18n, s->theme_dir);
	else {
		diag(DIAG_ERROR, pos_at(i18n, 0, 0), "UI strings not found for language '%s'",
		     lang ? lang : "ja");
		diag_hint("set lang: ja or lang: en in the config, or add the file");
	}
	free(i18n);
	if (!s->i18n)
		s->i18n = value_map();
	return 1;
}

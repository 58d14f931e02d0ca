/* load.c: stage 1 (see load.h). Reads the site config (config.c), every
 * Markdown file under the content directory (front matter + body),
 * personas and journeys, and the theme's UI strings into the site model. Every problem is reported as path:line:col and
 * loading goes on so one run shows them all. */
#include "diag.h"
#include "config.h"
#include "load.h"
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

/* A FIFO, socket or device where a file is read: opening a FIFO would
 * wait for a writer forever, a device could be endless. Only regular
 * files and directories are read. */
static void not_a_file(const char *path)
{
	diag(DIAG_ERROR, pos_at(path, 0, 0), "not a regular file (a FIFO, socket or device)");
	diag_hint("remove it: only regular files and directories are read");
}

/* Reads a text input file with every check a hostile file needs: inside
 * the project, size limit, no NUL, valid UTF-8; a BOM is dropped. Returns 1
 * with *text malloc'd (caller frees), 0 after reporting. */
static int read_input(site *s, const char *path, const char *root, char **text, size_t *len)
{
	struct stat st;
	if (lstat(path, &st) != 0) {
		diag(DIAG_ERROR, pos_at(path, 0, 0), "cannot read: %s", strerror(errno));
		return 0;
	}
	if (S_ISLNK(st.st_mode) && !path_inside(path, root) &&
	    !path_inside(path, s->project_dir)) {
		diag(DIAG_ERROR, pos_at(path, 0, 0), "symbolic link points outside the project");
		diag_hint("copy the file into the project instead of linking to it");
		return 0;
	}
	if (stat(path, &st) != 0) {
		diag(DIAG_ERROR, pos_at(path, 0, 0), "cannot read: %s", strerror(errno));
		return 0;
	}
	if (!S_ISREG(st.st_mode)) {
		not_a_file(path);
		return 0;
	}
	if ((unsigned long long)st.st_size > SITE_MAX_FILE_BYTES) {
		diag(DIAG_ERROR, pos_at(path, 1, 1), "file is %lld bytes, over the %u MiB limit",
		     (long long)st.st_size, SITE_MAX_FILE_BYTES >> 20);
		diag_hint("split it into smaller files");
		return 0;
	}
	char *t;
	size_t n;
	if (!read_file(path, &t, &n)) {
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
				     value_type_name(v->type));
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

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted names in dir (no dot files); caller frees with free_names. */
static char **list_dir(const char *dir, size_t *n)
{
	*n = 0;
	DIR *d = opendir(dir);
	if (!d)
		return NULL;
	size_t cap = 0;
	char **names = NULL;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			names = xrealloc(names, cap * sizeof(char *));
		}
		names[(*n)++] = xstrdup(e->d_name);
	}
	closedir(d);
	if (*n)
		qsort(names, *n, sizeof(char *), cmp_str);
	return names;
}

static void free_names(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

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

static void load_markdown(site *s, const char *path, const char *rel, page_kind kind,
			  const char *id, const char *out)
{
	char *text;
	size_t len;
	if (!read_input(s, path, s->content_dir, &text, &len))
		return;
	const char *body;
	int body_line;
	value *meta = split_front_matter(path, text, len, &body, &body_line);
	if (!meta) {
		free(text);
		return;
	}
	const char *fid = value_get_cstr(meta, "id");
	if (fid && strcmp(fid, id) && kind != PAGE_PLAIN) {
		diag(DIAG_ERROR, value_get(meta, "id")->pos,
		     "id '%s' does not match the file name '%s'", fid, id);
		diag_hint("the id is the file name; remove the id field or rename the file");
	}
	page *p = site_add_page(s, kind, id, path, out);
	(void)rel;
	p->meta = meta;
	p->body_line = body_line;
	/* rendered by resolve, once every topic synonym is known */
	p->body_len = (size_t)(text + len - body);
	p->body_src = xstrndup(body, p->body_len);
	free(text);
}

/* Walks the content tree (sorted, so output order is stable). */
static void load_tree(site *s, const char *dir, const char *rel, int depth)
{
	size_t n;
	char **names = list_dir(dir, &n);
	if (depth > 32) {
		diag(DIAG_ERROR, pos_at(dir, 0, 0), "directories nested too deeply");
		free_names(names, n);
		return;
	}
	/* index.md wins over README.md for the directory page */
	int has_index = 0;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(names[i], "index.md"))
			has_index = 1;
	for (size_t i = 0; i < n; i++) {
		char *path = path_join(dir, names[i]);
		char *r = *rel ? xasprintf("%s/%s", rel, names[i]) : xstrdup(names[i]);
		struct stat st;
		/* only a link can lead outside: everything else in a directory
		 * that is inside is inside (realpath costs a syscall a component) */
		if (lstat(path, &st) != 0) {
			/* gone since the directory was listed: nothing to load */
			free(path);
			free(r);
			continue;
		}
		int link = S_ISLNK(st.st_mode);
		if (link && stat(path, &st) != 0) {
			diag(DIAG_ERROR, pos_at(path, 0, 0), "broken symbolic link");
		} else if (!S_ISDIR(st.st_mode) && !S_ISREG(st.st_mode)) {
			not_a_file(path);
		} else if (S_ISDIR(st.st_mode)) {
			if (!(depth == 0 && !strcmp(names[i], "hooks"))) {
				if (link && !path_inside(path, s->content_dir) &&
				    !path_inside(path, s->project_dir))
					diag(DIAG_ERROR, pos_at(path, 0, 0),
					     "symbolic link points outside the project");
				else
					load_tree(s, path, r, depth + 1);
			}
		} else if (str_ends_with(names[i], ".md")) {
			char *id = xstrndup(names[i], strlen(names[i]) - 3);
			if (depth == 1 && !strcmp(rel, "guidelines")) {
				if (check_id(path, id)) {
					char *out = xasprintf("guidelines/%s.html", id);
					load_markdown(s, path, r, PAGE_GUIDELINE, id, out);
					free(out);
				}
			} else if (depth == 1 && !strcmp(rel, "topics")) {
				if (check_id(path, id)) {
					char *out = xasprintf("topics/%s.html", id);
					load_markdown(s, path, r, PAGE_TOPIC, id, out);
					free(out);
				}
			} else if (depth == 1 && !strcmp(rel, "pages")) {
				if (check_id(path, id)) {
					char *out = xasprintf("%s.html", id);
					load_markdown(s, path, r, PAGE_PAGE, id, out);
					free(out);
				}
			} else if (!(has_index && !strcasecmp(names[i], "README.md"))) {
				char *out = plain_out(r);
				char *pid = xstrndup(out, strlen(out) - 5);
				load_markdown(s, path, r, PAGE_PLAIN, pid, out);
				free(pid);
				free(out);
			}
			free(id);
		} else if (!(depth == 0 && (!strcmp(names[i], "relations.yaml") ||
					    !strcmp(names[i], "start-check.yaml")))) {
			if (link && !path_inside(path, s->content_dir) && !path_inside(path, s->project_dir))
				diag(DIAG_ERROR, pos_at(path, 0, 0),
				     "symbolic link points outside the project");
			else if ((unsigned long long)st.st_size > SITE_MAX_FILE_BYTES) {
				diag(DIAG_ERROR, pos_at(path, 0, 0), "file is %lld bytes, over the %u MiB limit",
				     (long long)st.st_size, SITE_MAX_FILE_BYTES >> 20);
				diag_hint("make it smaller, or publish it elsewhere and link to it");
			}
			else
				add_asset(s, r);
		}
		free(path);
		free(r);
	}
	free_names(names, n);
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

static void load_yaml_dir(site *s, const char *dir, page_kind kind, const char *outdir)
{
	size_t n;
	char **names = list_dir(dir, &n);
	for (size_t i = 0; i < n; i++) {
		const char *nm = names[i];
		size_t l = strlen(nm);
		size_t ext = str_ends_with(nm, ".yaml") ? 5 : str_ends_with(nm, ".yml") ? 4 : 0;
		if (!ext)
			continue;
		char *path = path_join(dir, nm);
		char *id = xstrndup(nm, l - ext);
		if (check_id(path, id)) {
			value *v = load_yaml_file(s, path, dir);
			if (v && v->type != V_MAP) {
				diag(DIAG_ERROR, v->pos, "a %s file must be a map of fields, found a %s",
				     kind == PAGE_PERSONA ? "persona" : "journey",
				     value_type_name(v->type));
				value_free(v);
			} else if (v) {
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

int load_site(site *s)
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
	s->theme_dir = find_theme(s);
	if (!dir_exists(s->theme_dir)) {
		value *tv = value_get(s->config, "theme");
		diag(DIAG_ERROR, tv ? tv->pos : pos_at(s->theme_dir, 0, 0), "theme directory '%s' not found",
		     value_cstr(tv) ? value_cstr(tv) : s->theme_dir);
		diag_hint("set theme: to a directory with templates/, assets/ and i18n/ (relative to the config file), or remove it to use themes/default");
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
	load_tree(s, s->content_dir, "", 0);
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
	if (dir_exists(s->personas_dir))
		load_yaml_dir(s, s->personas_dir, PAGE_PERSONA, "personas");
	if (dir_exists(s->journeys_dir))
		load_yaml_dir(s, s->journeys_dir, PAGE_JOURNEY, "journeys");

	report_duplicate_refs(s);
	int structured = 0;
	for (size_t i = 0; i < s->n_pages; i++)
		if (s->pages[i]->kind != PAGE_PLAIN)
			structured = 1;
	s->plain_only = !structured;

	const char *lang = s->cfg.lang;
	char *i18n = xasprintf("%s/i18n/%s.yaml", s->theme_dir, lang ? lang : "ja");
	if (stat(i18n, &st) == 0)
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

/* util.c: allocation wrappers, the growable buffer, file helpers. */
#define _POSIX_C_SOURCE 200809L
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static void oom(size_t n)
{
	fprintf(stderr, "shirube: out of memory (%zu bytes)\n", n);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom(n);
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		oom(n * size);
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		oom(n);
	return q;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = 0;
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	buf b = {0};
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	return buf_detach(&b);
}

/* ---- buffer ---------------------------------------------------------- */

void buf_grow(buf *b, size_t extra)
{
	if (b->len + extra + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < b->len + extra + 1)
		cap *= 2;
	b->s = xrealloc(b->s, cap);
	b->cap = cap;
}

void buf_put(buf *b, const char *s, size_t n)
{
	buf_grow(b, n);
	if (n)
		memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = 0;
}

void buf_puts(buf *b, const char *s)
{
	buf_put(b, s, strlen(s));
}

void buf_putc(buf *b, char c)
{
	buf_grow(b, 1);
	b->s[b->len++] = c;
	b->s[b->len] = 0;
}

/* Formats made of literal text, "%s" and "%%" only (paths, most messages)
 * are copied directly: vsnprintf costs thousands of instructions a call. */
static int only_strings(const char *fmt)
{
	for (const char *p = fmt; (p = strchr(p, '%')); p += 2)
		if (p[1] != 's' && p[1] != '%')
			return 0;
	return 1;
}

void buf_vprintf(buf *b, const char *fmt, va_list ap)
{
	if (only_strings(fmt)) {
		for (const char *p = fmt;;) {
			const char *q = strchr(p, '%');
			if (!q) {
				buf_puts(b, p);
				break;
			}
			buf_put(b, p, (size_t)(q - p));
			if (q[1] == '%') {
				buf_putc(b, '%');
			} else {
				const char *arg = va_arg(ap, const char *);
				buf_puts(b, arg ? arg : "(null)");
			}
			p = q + 2;
		}
		buf_grow(b, 0); /* an empty result is still a string */
		return;
	}
	/* one pass when it fits in the space left, a second after growing */
	buf_grow(b, 64);
	va_list aq;
	va_copy(aq, ap);
	size_t room = b->cap - b->len;
	int n = vsnprintf(b->s + b->len, room, fmt, aq);
	va_end(aq);
	if (n < 0) {
		b->s[b->len] = 0;
		return;
	}
	if ((size_t)n >= room) {
		buf_grow(b, (size_t)n);
		vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	}
	b->len += (size_t)n;
}

void buf_printf(buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void buf_put_html(buf *b, const char *s, size_t n)
{
	size_t start = 0;
	for (size_t i = 0; i < n; i++) {
		const char *rep;
		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		buf_put(b, s + start, i - start);
		buf_puts(b, rep);
		start = i + 1;
	}
	buf_put(b, s + start, n - start);
}

void buf_puts_html(buf *b, const char *s)
{
	buf_put_html(b, s, strlen(s));
}

void buf_put_json(buf *b, const char *s, size_t n)
{
	size_t start = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		char tmp[8];
		const char *rep = NULL;
		if (c == '"')
			rep = "\\\"";
		else if (c == '\\')
			rep = "\\\\";
		else if (c == '\n')
			rep = "\\n";
		else if (c == '\r')
			rep = "\\r";
		else if (c == '\t')
			rep = "\\t";
		else if (c < 0x20 || c == '<' || c == '>' || c == '&') {
			/* < > & escaped so JSON inside <script> cannot close it. */
			snprintf(tmp, sizeof tmp, "\\u%04x", c);
			rep = tmp;
		} else if (c == 0xe2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
			   ((unsigned char)s[i + 2] == 0xa8 || (unsigned char)s[i + 2] == 0xa9)) {
			/* U+2028/2029 are line terminators in older JS. */
			buf_put(b, s + start, i - start);
			buf_puts(b, (unsigned char)s[i + 2] == 0xa8 ? "\\u2028" : "\\u2029");
			i += 2;
			start = i + 1;
			continue;
		} else
			continue;
		buf_put(b, s + start, i - start);
		buf_puts(b, rep);
		start = i + 1;
	}
	buf_put(b, s + start, n - start);
}

const char *buf_cstr(buf *b)
{
	/* also after a buf_grow that wrote nothing: b->s is then unterminated */
	buf_grow(b, 0);
	b->s[b->len] = 0;
	return b->s;
}

char *buf_detach(buf *b)
{
	buf_cstr(b);
	/* kept for good: no doubling slack (a build keeps tens of thousands
	 * of these, and every page of memory it touches costs a fault) */
	if (b->cap - b->len > 32)
		b->s = xrealloc(b->s, b->len + 1);
	char *s = b->s;
	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}

void buf_reset(buf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = 0;
}

void buf_free(buf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

/* ---- HTML to text ---------------------------------------------------- */

/* Whether out holds at least max bytes after its leading spaces. */
static int text_full(const buf *out, size_t max)
{
	if (out->len < max)
		return 0;
	size_t lead = 0;
	while (lead < out->len && out->s[lead] == ' ')
		lead++;
	return out->len - lead >= max;
}

void html_to_text_max(const char *h, buf *out, size_t max)
{
	int skip = 0; /* inside <script>/<style> */
	for (const char *p = h; *p && !text_full(out, max);) {
		if (*p == '<') {
			const char *e = strchr(p, '>');
			if (!e)
				break;
			/* only tags that start "<s", "<b" or "</" can matter below */
			char c1 = (char)(p[1] | 0x20);
			if (c1 == 's' && (!strncasecmp(p, "<script", 7) || !strncasecmp(p, "<style", 6)))
				skip = 1;
			else if (p[1] == '/' && (!strncasecmp(p, "</script", 8) || !strncasecmp(p, "</style", 7)))
				skip = 0;
			/* block-level ends separate words */
			if ((c1 == 'b' && !strncasecmp(p, "<br", 3)) ||
			    (p[1] == '/' && (!strncasecmp(p, "</p", 3) || !strncasecmp(p, "</li", 4) ||
					     !strncasecmp(p, "</h", 3) || !strncasecmp(p, "</t", 3) ||
					     !strncasecmp(p, "</div", 5) || !strncasecmp(p, "</blockquote", 12))))
				buf_putc(out, ' ');
			p = e + 1;
			continue;
		}
		if (skip) {
			const char *lt = strchr(p, '<');
			if (!lt)
				break;
			p = lt;
			continue;
		}
		/* a run of ordinary characters at once */
		size_t run = strcspn(p, "<&\n\r\t ");
		if (run) {
			buf_put(out, p, run);
			p += run;
			continue;
		}
		if (*p == '&') {
			const char *semi = strchr(p, ';');
			if (semi && semi - p <= 10) {
				size_t n = (size_t)(semi - p);
				if (n == 4 && !strncmp(p, "&amp", 4))
					buf_putc(out, '&');
				else if (n == 3 && !strncmp(p, "&lt", 3))
					buf_putc(out, '<');
				else if (n == 3 && !strncmp(p, "&gt", 3))
					buf_putc(out, '>');
				else if (n == 5 && !strncmp(p, "&quot", 5))
					buf_putc(out, '"');
				else if (p[1] == '#') {
					unsigned long cp = p[2] == 'x' || p[2] == 'X' ? strtoul(p + 3, NULL, 16)
										   : strtoul(p + 2, NULL, 10);
					char u[5] = {0};
					if (cp < 0x80)
						u[0] = (char)cp;
					else if (cp < 0x800)
						u[0] = (char)(0xc0 | (cp >> 6)), u[1] = (char)(0x80 | (cp & 0x3f));
					else if (cp < 0x10000)
						u[0] = (char)(0xe0 | (cp >> 12)), u[1] = (char)(0x80 | ((cp >> 6) & 0x3f)),
						u[2] = (char)(0x80 | (cp & 0x3f));
					else if (cp < 0x110000)
						u[0] = (char)(0xf0 | (cp >> 18)), u[1] = (char)(0x80 | ((cp >> 12) & 0x3f)),
						u[2] = (char)(0x80 | ((cp >> 6) & 0x3f)), u[3] = (char)(0x80 | (cp & 0x3f));
					if (cp && cp < 0x110000)
						buf_puts(out, u);
				} else
					buf_put(out, p, n + 1);
				p = semi + 1;
				continue;
			}
		}
		if (*p == '\n' || *p == '\r' || *p == '\t') {
			if (out->len && out->s[out->len - 1] != ' ')
				buf_putc(out, ' ');
			p++;
			continue;
		}
		if (*p == ' ' && out->len && out->s[out->len - 1] == ' ') {
			p++;
			continue;
		}
		buf_putc(out, *p++);
	}
}

/* ---- files ----------------------------------------------------------- */

void html_to_text(const char *h, buf *out)
{
	html_to_text_max(h, out, SIZE_MAX);
}

char *text_of_html(const char *html)
{
	buf b = {0};
	html_to_text(html ? html : "", &b);
	return buf_detach(&b);
}

int read_file_max(const char *path, char **out, size_t *len, size_t max, struct stat *st)
{
	/* O_NONBLOCK: a file swapped for a FIFO after it was checked must not
	 * block the build (a regular file reads the same) */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return 0;
	int e = fstat(fd, st) != 0 ? errno : !S_ISREG(st->st_mode) ? EINVAL
					   : (unsigned long long)st->st_size > max ? EFBIG : 0;
	if (e) {
		close(fd);
		errno = e;
		return 0;
	}
	/* one allocation of the file's size; a short read once that size is
	 * in is the end (no extra read to find it), and a file that grows
	 * while it is read still reads whole */
	size_t want = (size_t)st->st_size + 1;
	buf b = {0};
	buf_grow(&b, want);
	for (;;) {
		if (b.cap - b.len < 2)
			buf_grow(&b, 65536);
		size_t ask = b.cap - b.len - 1;
		ssize_t n = read(fd, b.s + b.len, ask);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;
			close(fd);
			buf_free(&b);
			errno = e;
			return 0;
		}
		if (n == 0)
			break;
		b.len += (size_t)n;
		if ((size_t)n < ask && b.len >= (size_t)st->st_size)
			break;
	}
	close(fd);
	b.s[b.len] = 0;
	*len = b.len;
	*out = b.s;
	return 1;
}

int read_file(const char *path, char **out, size_t *len)
{
	struct stat st;
	return read_file_max(path, out, len, SIZE_MAX, &st);
}

typedef struct dir_ent {
	char *name;
	unsigned char type;
} dir_ent;

static int cmp_ent(const void *a, const void *b)
{
	return strcmp(((const dir_ent *)a)->name, ((const dir_ent *)b)->name);
}

int dir_entries(const char *dir, char ***names, unsigned char **types, size_t *n)
{
	*n = 0;
	*names = NULL;
	if (types)
		*types = NULL;
	DIR *d = opendir(dir);
	if (!d)
		return 0;
	size_t cap = 0;
	dir_ent *ents = NULL;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			ents = xrealloc(ents, cap * sizeof *ents);
		}
		ents[*n].name = xstrdup(e->d_name);
		ents[(*n)++].type = e->d_type;
	}
	closedir(d);
	if (*n > 1)
		qsort(ents, *n, sizeof *ents, cmp_ent);
	if (*n) {
		*names = xmalloc(*n * sizeof(char *));
		if (types)
			*types = xmalloc(*n);
	}
	for (size_t i = 0; i < *n; i++) {
		(*names)[i] = ents[i].name;
		if (types)
			(*types)[i] = ents[i].type;
	}
	free(ents);
	return 1;
}

int dir_names(const char *dir, char ***names, size_t *n)
{
	return dir_entries(dir, names, NULL, n);
}

void free_names(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

int mkdir_p(const char *path)
{
	char *p = xstrdup(path);
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = 0;
		if (mkdir(p, 0755) != 0 && errno != EEXIST) {
			free(p);
			return 0;
		}
		*s = '/';
	}
	int ok = mkdir(p, 0755) == 0 || errno == EEXIST;
	free(p);
	return ok;
}

static int write_logged_nodir(write_log *log, const char *path, const char *data, size_t len);

int write_file_logged(write_log *log, const char *path, const char *data, size_t len)
{
	/* the directory usually exists: create it only when open says not */
	if (write_logged_nodir(log, path, data, len))
		return 1;
	const char *slash = strrchr(path, '/');
	if (errno != ENOENT || !slash || slash == path)
		return 0;
	char *dir = xstrndup(path, (size_t)(slash - path));
	int ok = mkdir_p(dir);
	free(dir);
	return ok && write_logged_nodir(log, path, data, len);
}

int write_file(const char *path, const char *data, size_t len)
{
	return write_file_logged(NULL, path, data, len);
}

typedef struct file_id {
	dev_t dev;
	ino_t ino;
} file_id;
struct write_log {
	file_id *f;
	size_t n, cap;
	int sorted;
	pthread_mutex_t mu;
};

write_log *write_log_new(void)
{
	write_log *l = xcalloc(1, sizeof *l);
	pthread_mutex_init(&l->mu, NULL);
	return l;
}

static int cmp_file_id(const void *a, const void *b)
{
	const file_id *x = a, *y = b;
	if (x->dev != y->dev)
		return x->dev < y->dev ? -1 : 1;
	return x->ino < y->ino ? -1 : x->ino > y->ino;
}

void write_log_free(write_log *l)
{
	if (l) {
		pthread_mutex_destroy(&l->mu);
		free(l->f);
		free(l);
	}
}

static void log_written(write_log *l, int fd)
{
	struct stat st;
	if (!l || fstat(fd, &st) != 0)
		return;
	pthread_mutex_lock(&l->mu);
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 1024;
		l->f = xrealloc(l->f, l->cap * sizeof *l->f);
	}
	l->f[l->n].dev = st.st_dev;
	l->f[l->n].ino = st.st_ino;
	l->n++;
	l->sorted = 0;
	pthread_mutex_unlock(&l->mu);
}

static int log_has(write_log *l, const struct stat *st)
{
	if (!l || !l->n)
		return 0;
	if (!l->sorted) {
		qsort(l->f, l->n, sizeof *l->f, cmp_file_id);
		l->sorted = 1;
	}
	file_id key = {st->st_dev, st->st_ino};
	return bsearch(&key, l->f, l->n, sizeof *l->f, cmp_file_id) != NULL;
}

int sweep_unwritten(const char *dir, write_log *log, const char *const *keep)
{
	DIR *d = opendir(dir);
	if (!d)
		return 0;
	int ok = 1;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		int kept = 0;
		for (size_t i = 0; keep && keep[i]; i++)
			kept |= !strcmp(e->d_name, keep[i]);
		if (kept)
			continue;
		char *sub = path_join(dir, e->d_name);
		struct stat st;
		if (lstat(sub, &st) != 0)
			; /* gone meanwhile */
		else if (S_ISDIR(st.st_mode)) {
			ok &= sweep_unwritten(sub, log, NULL);
			rmdir(sub); /* only when nothing written is left in it */
		} else if (!log_has(log, &st))
			ok &= unlink(sub) == 0 || errno == ENOENT;
		free(sub);
	}
	closedir(d);
	return ok;
}

int write_file_nodir(const char *path, const char *data, size_t len)
{
	return write_logged_nodir(NULL, path, data, len);
}

static int write_logged_nodir(write_log *log, const char *path, const char *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return 0;
	log_written(log, fd);
	size_t off = 0;
	while (off < len) {
		ssize_t n = write(fd, data + off, len - off);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;
			close(fd);
			errno = e;
			return 0;
		}
		off += (size_t)n;
	}
	return close(fd) == 0;
}

int remove_tree(const char *path)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		return errno == ENOENT;
	if (!S_ISDIR(st.st_mode))
		return unlink(path) == 0;
	DIR *d = opendir(path);
	if (!d)
		return 0;
	struct dirent *e;
	int ok = 1;
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		char *sub = path_join(path, e->d_name);
		ok &= remove_tree(sub);
		free(sub);
	}
	closedir(d);
	return ok && rmdir(path) == 0;
}

char *path_join(const char *a, const char *b)
{
	if (!*a)
		return xstrdup(b);
	size_t la = strlen(a);
	if (a[la - 1] == '/')
		return xasprintf("%s%s", a, b);
	return xasprintf("%s/%s", a, b);
}

char *path_to_root(const char *page)
{
	buf b = {0};
	for (const char *s = page; *s; s++)
		if (*s == '/')
			buf_puts(&b, "../");
	return buf_detach(&b);
}

char *path_resolve(const char *from, const char *href)
{
	if (!*href || href[0] == '#' || href[0] == '/' || strchr(href, ':'))
		return NULL;
	buf b = {0};
	const char *slash = strrchr(from, '/');
	if (slash)
		buf_put(&b, from, (size_t)(slash - from + 1));
	buf_put(&b, href, strcspn(href, "#?"));
	/* normalise . and .. segments */
	char *path = buf_detach(&b);
	char **segs = xcalloc(strlen(path) + 1, sizeof(char *));
	size_t n = 0;
	char *save = NULL;
	int trailing = str_ends_with(path, "/");
	for (char *tok = strtok_r(path, "/", &save); tok; tok = strtok_r(NULL, "/", &save)) {
		if (!strcmp(tok, "."))
			continue;
		if (!strcmp(tok, "..")) {
			if (!n) {
				free(segs);
				free(path);
				return NULL;
			}
			n--;
			continue;
		}
		segs[n++] = tok;
	}
	buf o = {0};
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_putc(&o, '/');
		buf_puts(&o, segs[i]);
	}
	if (trailing || !n)
		buf_puts(&o, n ? "/index.html" : "index.html");
	free(segs);
	free(path);
	return buf_detach(&o);
}

int path_inside(const char *path, const char *dir)
{
	char rp[PATH_MAX], rd[PATH_MAX];
	if (!realpath(path, rp) || !realpath(dir, rd))
		return 0;
	size_t n = strlen(rd);
	if (n == 1)
		return 1; /* dir is / */
	return !strncmp(rp, rd, n) && (rp[n] == '/' || rp[n] == 0);
}

int link_check(const char *path, const char *dir, const char *dir2)
{
	char rp[PATH_MAX];
	if (!realpath(path, rp))
		return errno == ELOOP ? LINK_LOOP : LINK_BROKEN;
	return path_inside(rp, dir) || (dir2 && path_inside(rp, dir2)) ? LINK_OK : LINK_OUTSIDE;
}

unsigned long long hash64(unsigned long long h, const void *data, size_t n)
{
	const unsigned char *p = data;
	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 1099511628211ull;
	return h;
}

unsigned hash32(const void *data, size_t n)
{
	const unsigned char *p = data;
	unsigned h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 16777619u;
	return h;
}

size_t hash_str(const char *s)
{
	return (size_t)hash64(HASH64_SEED, s, strlen(s));
}

/* The items not yet taken are [lo, hi), packed into one word so that a
 * thread can take from either end with one compare-and-swap. */
typedef struct par_job {
	uint64_t ends; /* lo | hi << 32 */
	void (*fn)(size_t, void *);
	void *ud;
} par_job;

typedef struct par_worker_arg {
	par_job *j;
	int from_back;
} par_worker_arg;

static int par_take(par_job *j, int from_back, size_t *i)
{
	uint64_t cur = __atomic_load_n(&j->ends, __ATOMIC_RELAXED);
	for (;;) {
		uint32_t lo = (uint32_t)cur, hi = (uint32_t)(cur >> 32);
		if (lo >= hi)
			return 0;
		uint64_t next = from_back ? lo | (uint64_t)(hi - 1) << 32 : (lo + 1) | (uint64_t)hi << 32;
		if (__atomic_compare_exchange_n(&j->ends, &cur, next, 1, __ATOMIC_RELAXED, __ATOMIC_RELAXED)) {
			*i = from_back ? hi - 1 : lo;
			return 1;
		}
	}
}

static void *par_worker(void *arg)
{
	par_worker_arg *a = arg;
	size_t i;
	while (par_take(a->j, a->from_back, &i))
		a->j->fn(i, a->j->ud);
	return NULL;
}

/* Half the threads work from the front and half from the back: items in
 * order (pages sorted by path) then meet only in the middle, instead of
 * two threads creating files in one directory at once, where they queue
 * on its lock. */
void par_for(size_t n, int threads, void (*fn)(size_t i, void *ud), void *ud)
{
	if (n > UINT32_MAX) { /* never for pages; one thread keeps it simple */
		for (size_t i = 0; i < n; i++)
			fn(i, ud);
		return;
	}
	par_job j = {(uint64_t)n << 32, fn, ud};
	pthread_t tid[8];
	par_worker_arg args[8];
	int started = 0;
	for (int k = 1; k < threads && k < 8 && (size_t)k < n; k++) {
		args[started] = (par_worker_arg){&j, k % 2};
		if (pthread_create(&tid[started], NULL, par_worker, &args[started]) == 0)
			started++;
	}
	par_worker_arg self = {&j, 0};
	par_worker(&self);
	for (int k = 0; k < started; k++)
		pthread_join(tid[k], NULL);
}

int str_ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && memcmp(s + a - b, suffix, b) == 0;
}

int str_starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

int utf8_valid(const char *str, size_t n, size_t *bad)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < n) {
		/* eight ASCII bytes at a time (most of a Latin Markdown file) */
		while (i + 8 <= n) {
			uint64_t w;
			memcpy(&w, s + i, 8);
			if (w & 0x8080808080808080ull)
				break;
			i += 8;
		}
		/* runs of three-byte characters (most of a Japanese one):
		 * E1-EC and EE-EF take any two continuation bytes */
		while (i + 3 <= n) {
			unsigned c = s[i];
			if (c < 0x80) {
				i++;
				continue;
			}
			if ((c & 0xf0) != 0xe0 || c == 0xe0 || c == 0xed || (s[i + 1] & 0xc0) != 0x80 ||
			    (s[i + 2] & 0xc0) != 0x80)
				break;
			i += 3;
		}
		if (i >= n)
			break;
		unsigned c = s[i];
		size_t need;
		unsigned min;
		if (c < 0x80) {
			i++;
			continue;
		} else if ((c & 0xe0) == 0xc0) {
			need = 1, min = 0x80, c &= 0x1f;
		} else if ((c & 0xf0) == 0xe0) {
			need = 2, min = 0x800, c &= 0x0f;
		} else if ((c & 0xf8) == 0xf0) {
			need = 3, min = 0x10000, c &= 0x07;
		} else
			goto fail;
		for (size_t k = 1; k <= need; k++) {
			if (i + k >= n || (s[i + k] & 0xc0) != 0x80)
				goto fail;
			c = (c << 6) | (s[i + k] & 0x3f);
		}
		if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
			goto fail;
		i += need + 1;
	}
	return 1;
fail:
	if (bad)
		*bad = i;
	return 0;
}

size_t text_control_at(const char *s, size_t n)
{
	size_t i = 0;
	for (;;) {
		/* skip words without a byte below 0x20 or equal to 0x7f (SWAR:
		 * a byte x < 0x20 makes (x - 0x20) borrow into its top bit
		 * while x's own top bit is clear; x ^ 0x7f is zero for 0x7f) */
		while (i + 8 <= n) {
			uint64_t w, ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
			memcpy(&w, s + i, 8);
			uint64_t low = (w - 0x20 * ones) & ~w & high;
			uint64_t del = w ^ (0x7f * ones);
			del = (del - ones) & ~del & high;
			if (low | del)
				break;
			i += 8;
		}
		size_t stop = i + 8 < n ? i + 8 : n;
		if (i >= n)
			return n;
		for (; i < stop; i++) {
			unsigned char c = (unsigned char)s[i];
			if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f)
				return i;
		}
	}
}

char *utf8_clean(const char *s, size_t n)
{
	buf b = {0};
	size_t i = 0;
	while (i < n) {
		size_t bad, rest = n - i;
		if (utf8_valid(s + i, rest, &bad))
			bad = rest;
		for (size_t k = 0; k < bad; k++) {
			unsigned char c = (unsigned char)s[i + k];
			buf_putc(&b, (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f ? ' ' : (char)c);
		}
		i += bad;
		if (i < n) {
			buf_puts(&b, "\xEF\xBF\xBD"); /* U+FFFD for the bad byte */
			i++;
		}
	}
	return buf_detach(&b);
}

double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

int timing_on(void)
{
	const char *e = getenv("SHIRUBE_TIMING");
	return e && !strcmp(e, "1");
}

int threads_env(void)
{
	const char *e = getenv("SHIRUBE_THREADS");
	if (!e)
		return 0;
	int n = atoi(e);
	return n < 1 ? 1 : n > 8 ? 8 : n;
}

int threads_default(void)
{
	int n = threads_env();
	if (n)
		return n;
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	return cores < 1 ? 1 : cores > 8 ? 8 : (int)cores;
}

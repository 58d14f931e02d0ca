/* util.h: memory wrappers that abort on exhaustion, a growable byte
 * buffer used for all generated text, and small file/string helpers. */
#ifndef SHIRUBE_UTIL_H
#define SHIRUBE_UTIL_H

#include <stdarg.h>
#include <stddef.h>

/* Allocation wrappers: never return NULL; print and abort() on OOM. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Returns a malloc'd string formatted like printf; caller frees. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Growable buffer. Zero-initialise (buf b = {0};) to use; buf_free releases.
 * b.s is always NUL-terminated once anything was written (or after
 * buf_cstr). */
typedef struct buf {
	char *s;
	size_t len, cap;
} buf;

void buf_grow(buf *b, size_t extra);
void buf_put(buf *b, const char *s, size_t n);
void buf_puts(buf *b, const char *s);
void buf_putc(buf *b, char c);
void buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(buf *b, const char *fmt, va_list ap);
/* Appends s with & < > " ' escaped for HTML text and attribute values. */
void buf_put_html(buf *b, const char *s, size_t n);
void buf_puts_html(buf *b, const char *s);
/* Appends s as the inside of a JSON string (no quotes added). */
void buf_put_json(buf *b, const char *s, size_t n);
/* Returns the NUL-terminated contents (never NULL). */
const char *buf_cstr(buf *b);
/* Hands the malloc'd string over to the caller and resets b. */
char *buf_detach(buf *b);
void buf_reset(buf *b);
void buf_free(buf *b);

/* Appends the text content of html: tags dropped (and <script>/<style>
 * content), entities decoded, block ends and newlines as single spaces. */
void html_to_text(const char *html, buf *out);
/* The same, stopping once out holds at least max bytes after its leading
 * spaces (for a page's first sentence without reading the whole page). */
void html_to_text_max(const char *html, buf *out, size_t max);
/* html_to_text into a new string (NULL html: ""). Caller frees. */
char *text_of_html(const char *html);

/* Reads a whole file. Returns 1 and a malloc'd, NUL-terminated *out (caller
 * frees) with its length in *len; 0 with errno set on failure. */
int read_file(const char *path, char **out, size_t *len);
/* read_file for a file of at most max bytes, with its fstat in *st: errno
 * is EINVAL when it is not a regular file, EFBIG when it is over max. */
struct stat;
int read_file_max(const char *path, char **out, size_t *len, size_t max, struct stat *st);
/* Writes a whole file, creating parent directories. Returns 1/0 (errno). */
int write_file(const char *path, const char *data, size_t len);
/* A monotonic clock in milliseconds; timing_on() says SHIRUBE_TIMING=1
 * asked for stage times on stderr. */
double now_ms(void);
int timing_on(void);

/* Threads (or processes) to use: SHIRUBE_THREADS when it is set (anything
 * but a positive number counts as 1), else one per online core; at most 8.
 * threads_env() is 0 when SHIRUBE_THREADS is not set. */
int threads_env(void);
int threads_default(void);

/* write_file into a directory that exists already (no mkdir calls). */
int write_file_nodir(const char *path, const char *data, size_t len);
/* The names in dir but "." and ".." and other dot files, sorted (byte
 * order): *names malloc'd (free with free_names), *n their count. Returns
 * 0 (with none) when dir cannot be read. */
int dir_names(const char *dir, char ***names, size_t *n);
/* dir_names with each entry's d_type in *types (malloc'd; DT_UNKNOWN where
 * the file system does not say): lets a walk skip an lstat per file. */
int dir_entries(const char *dir, char ***names, unsigned char **types, size_t *n);
void free_names(char **names, size_t n);
/* mkdir -p. Returns 1/0. */
int mkdir_p(const char *path);
/* rm -rf. Returns 1/0. */
int remove_tree(const char *path);

/* A log of the files written (by inode, from any thread): serve renders
 * into its previous output tree, overwriting files in place (no new
 * inodes, which ext4 allocates slowly right after a tree was deleted),
 * then removes the files that this build did not write. */
typedef struct write_log write_log;
write_log *write_log_new(void);
/* write_file, recording the file in log when log is not NULL. */
int write_file_logged(write_log *log, const char *path, const char *data, size_t len);
/* Removes every file under dir (not dir itself) that log does not hold,
 * and directories left empty; keeps the top-level entries named in keep
 * (NULL-terminated, may be NULL) whole. Returns 1/0. */
int sweep_unwritten(const char *dir, write_log *log, const char *const *keep);
void write_log_free(write_log *log);

/* Joins two path parts with one '/'. Caller frees. */
char *path_join(const char *a, const char *b);
/* Relative prefix ("", "../", "../../") that leads from a page at site path
 * `page` (e.g. "guidelines/x/index.html") back to the site root. Caller
 * frees. */
char *path_to_root(const char *page);

/* Resolves a relative href written on the page at site path `from` to a
 * site path without its #fragment or ?query ("a/../b.html" -> "b.html",
 * "dir/" -> "dir/index.html"); NULL for empty, absolute, external (scheme)
 * or fragment-only hrefs and for ones that leave the site. Caller frees. */
char *path_resolve(const char *from, const char *href);

/* Is path, with every symbolic link resolved, dir itself or inside it
 * (dir resolved too)? 0 when either does not exist. The one containment
 * rule of every place that reads or serves a file. */
int path_inside(const char *path, const char *dir);
/* What following the symbolic link path leads to: LINK_OK (inside dir or,
 * when dir2 is not NULL, inside dir2), LINK_BROKEN, LINK_LOOP (it never
 * ends: ELOOP) or LINK_OUTSIDE. */
enum { LINK_OK, LINK_BROKEN, LINK_LOOP, LINK_OUTSIDE };
int link_check(const char *path, const char *dir, const char *dir2);

/* FNV-1a over n bytes: the one hash of the generator (hash tables, the
 * search index's shard choice, which search.js computes the same way, and
 * serve's page signatures). hash64 continues from h (start with
 * HASH64_SEED). */
#define HASH64_SEED 14695981039346656037ull
unsigned long long hash64(unsigned long long h, const void *data, size_t n);
unsigned hash32(const void *data, size_t n);
/* hash64 of a NUL-terminated string, for hash tables. */
size_t hash_str(const char *s);

/* Runs fn(i, ud) for every i in [0, n) on up to threads threads (this one
 * included), each taking the next i from a shared counter. fn must be
 * safe to run concurrently for different i. */
void par_for(size_t n, int threads, void (*fn)(size_t i, void *ud), void *ud);

int str_ends_with(const char *s, const char *suffix);
int str_starts_with(const char *s, const char *prefix);

/* Is s valid UTF-8 of length n? On failure *bad is the offset of the first
 * bad byte. */
int utf8_valid(const char *s, size_t n, size_t *bad);
/* The offset of the first control character in s[0..n) that HTML and XML
 * forbid (U+0000-U+001F but tab, LF and CR; U+007F), or n when none. */
size_t text_control_at(const char *s, size_t n);
/* A copy of s[0..n) that is valid UTF-8 without those control characters:
 * invalid bytes become U+FFFD, control characters a space (for text from
 * outside the content, such as commit messages). Caller frees. */
char *utf8_clean(const char *s, size_t n);

#endif

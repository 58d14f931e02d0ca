/* serve.c: see serve.h. Requests are answered from files in the preview
 * directory only: the decoded path must not contain "..", NUL or
 * backslashes, and its real path (symbolic links resolved) must stay
 * inside the directory; anything else is 403 or 404. */
#include "serve.h"
#include "diag.h"
#include "messages.h"
#include "util.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <dirent.h>
#include <unistd.h>

static volatile sig_atomic_t stop_flag;

typedef struct state {
	pthread_mutex_t lock;
	char root[PATH_MAX]; /* realpath of the preview directory */
	int port;            /* the port serve listens on (for the Host check) */
	long generation;     /* bumped after every successful rebuild */
	buf errors;          /* messages of the last build when it failed or
				has warnings (what check would find), or empty */
	int failed;          /* the last build failed */
	const char *heading; /* the overlay's first line, in the messages' language */
	int again;           /* a source changed during the last rebuild */
} state;

static void on_signal(int sig)
{
	(void)sig;
	stop_flag = 1;
}

const char *serve_mime(const char *path)
{
	static const struct { const char *ext, *type; } types[] = {
		{".html", "text/html; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
		{".js", "application/javascript; charset=utf-8"}, {".json", "application/json; charset=utf-8"},
		{".xml", "application/xml; charset=utf-8"}, {".txt", "text/plain; charset=utf-8"},
		{".csv", "text/csv; charset=utf-8"}, {".svg", "image/svg+xml"}, {".png", "image/png"},
		{".jpg", "image/jpeg"}, {".jpeg", "image/jpeg"}, {".gif", "image/gif"},
		{".webp", "image/webp"}, {".ico", "image/x-icon"}, {".pdf", "application/pdf"},
		{".woff2", "font/woff2"}, {".wasm", "application/wasm"},
	};
	for (size_t i = 0; i < sizeof types / sizeof *types; i++)
		if (str_ends_with(path, types[i].ext))
			return types[i].type;
	return "application/octet-stream";
}

/* The script every served HTML page gets: it polls the status and
 * reloads after a rebuild, or shows the errors of a failed one. */
static const char LIVE_JS[] =
	"(function () {\n"
	"  'use strict';\n"
	"  var gen = null, box = null, heading = '';\n"
	"  function show(text) {\n"
	"    if (!text) { if (box) { box.remove(); box = null; } return; }\n"
	"    if (!box) {\n"
	"      box = document.createElement('div');\n"
	"      box.id = 'shirube-errors';\n"
	"      box.setAttribute('role', 'alert');\n"
	"      box.style.cssText = 'position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:99999;'\n"
	"        + 'background:#2b0000;color:#fff;font:14px/1.5 monospace;padding:1em;white-space:pre-wrap;border-top:4px solid #e00';\n"
	"      document.body.appendChild(box);\n"
	"    }\n"
	"    box.textContent = heading + '\\n\\n' + text;\n"
	"  }\n"
	"  function poll() {\n"
	"    var x = new XMLHttpRequest();\n"
	"    x.open('GET', '/__shirube/status', true);\n"
	"    x.onload = function () {\n"
	"      try {\n"
	"        var s = JSON.parse(x.responseText);\n"
	"        if (gen !== null && s.generation !== gen) { location.reload(); return; }\n"
	"        gen = s.generation;\n"
	"        heading = s.heading || '';\n"
	"        show(s.errors);\n"
	"      } catch (e) { /* ignore */ }\n"
	"      setTimeout(poll, 300);\n"
	"    };\n"
	"    x.onerror = function () { setTimeout(poll, 1000); };\n"
	"    x.send();\n"
	"  }\n"
	"  poll();\n"
	"})();\n";

static enum MHD_Result reply(struct MHD_Connection *c, unsigned status, const char *type, char *body,
			     size_t len)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
	MHD_add_response_header(r, "Content-Type", type);
	MHD_add_response_header(r, "Cache-Control", "no-store");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	enum MHD_Result ret = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return ret;
}

static enum MHD_Result reply_text(struct MHD_Connection *c, unsigned status, const char *text)
{
	return reply(c, status, "text/plain; charset=utf-8", xstrdup(text), strlen(text));
}

/* Limits against clients that hold connections open (docs/security.md):
 * connections are served by a few event-loop threads, not one thread
 * each, so idle ones cost a socket and a little memory; one that sends
 * nothing for IDLE_SECONDS is closed. */
enum {
	MAX_CONNECTIONS = 4000, /* in all (everyone is 127.0.0.1: per client too) */
	IDLE_SECONDS = 10,      /* a connection that sends nothing this long is closed */
	POOL_THREADS = 4,       /* event-loop threads */
};

/* Is the Host header one of 127.0.0.1, localhost or [::1] with serve's
 * own port? A page from another site that has its name re-pointed at
 * 127.0.0.1 (DNS rebinding) sends its own name and is refused. No Host at
 * all (HTTP/1.0) cannot come from such a page; libmicrohttpd refuses an
 * HTTP/1.1 request without one. */
static int host_ok(struct MHD_Connection *c, int port)
{
	const char *h = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST);
	if (!h)
		return 1;
	static const char *names[] = {"127.0.0.1", "localhost", "[::1]"};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		size_t n = strlen(names[i]);
		if (strncasecmp(h, names[i], n))
			continue;
		const char *rest = h + n;
		if (!*rest)
			return port == 80;
		char *end;
		long p = rest[0] == ':' && isdigit((unsigned char)rest[1]) ? strtol(rest + 1, &end, 10) : -1;
		return p == port && !*end;
	}
	return 0;
}

/* The 302 to a directory's index page, as a reference relative to the
 * request: "./NAME/index.html" with NAME the last segment, percent-encoded.
 * The URL itself ("//evil.example") would be read as another host. */
static enum MHD_Result redirect_dir(struct MHD_Connection *c, const char *url)
{
	size_t n = strlen(url);
	buf loc = {0};
	if (n && url[n - 1] == '/')
		buf_puts(&loc, "./index.html");
	else {
		const char *seg = strrchr(url, '/') + 1;
		buf_puts(&loc, "./");
		for (const unsigned char *p = (const unsigned char *)seg; *p; p++)
			if (isalnum(*p) || strchr("-._~!$&'()*+,;=:@", *p))
				buf_putc(&loc, (char)*p);
			else
				buf_printf(&loc, "%%%02X", *p);
		buf_puts(&loc, "/index.html");
	}
	struct MHD_Response *r = MHD_create_response_from_buffer(0, "", MHD_RESPMEM_PERSISTENT);
	MHD_add_response_header(r, "Location", buf_cstr(&loc));
	enum MHD_Result ret = MHD_queue_response(c, MHD_HTTP_FOUND, r);
	MHD_destroy_response(r);
	buf_free(&loc);
	return ret;
}

/* Is the decoded request path acceptable at all? */
static int path_ok(const char *url)
{
	if (url[0] != '/' || strchr(url, '\\'))
		return 0;
	for (const char *p = url; *p; p++) {
		if ((unsigned char)*p < 0x20)
			return 0;
		if (p[0] == '/' && p[1] == '.' && p[2] == '.' && (p[3] == '/' || p[3] == 0))
			return 0;
	}
	return 1;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url, const char *method,
			      const char *version, const char *upload, size_t *upload_size, void **con_cls)
{
	(void)version;
	(void)upload;
	(void)upload_size;
	(void)con_cls;
	state *st = cls;
	if (!host_ok(c, st->port))
		return reply_text(c, MHD_HTTP_MISDIRECTED_REQUEST,
				  "shirube serve answers only to 127.0.0.1, localhost or [::1] with its port\n");
	if (strcmp(method, "GET") && strcmp(method, "HEAD"))
		return reply_text(c, MHD_HTTP_METHOD_NOT_ALLOWED, "method not allowed\n");
	if (!strcmp(url, "/__shirube/live.js"))
		return reply(c, MHD_HTTP_OK, "application/javascript; charset=utf-8", xstrdup(LIVE_JS),
			     strlen(LIVE_JS));
	if (!strcmp(url, "/__shirube/status")) {
		buf b = {0};
		pthread_mutex_lock(&st->lock);
		buf_printf(&b, "{\"generation\":%ld,\"failed\":%s,\"heading\":\"", st->generation,
			   st->failed ? "true" : "false");
		if (st->heading)
			buf_put_json(&b, st->heading, strlen(st->heading));
		buf_puts(&b, "\",\"errors\":\"");
		buf_put_json(&b, st->errors.s ? st->errors.s : "", st->errors.len);
		pthread_mutex_unlock(&st->lock);
		buf_puts(&b, "\"}");
		size_t n = b.len;
		return reply(c, MHD_HTTP_OK, "application/json; charset=utf-8", buf_detach(&b), n);
	}
	if (!path_ok(url))
		return reply_text(c, MHD_HTTP_FORBIDDEN, "forbidden\n");
	buf rel = {0};
	buf_puts(&rel, url + 1);
	if (!rel.len || rel.s[rel.len - 1] == '/')
		buf_puts(&rel, "index.html");
	char *path = path_join(st->root, buf_cstr(&rel));
	buf_free(&rel);
	char real[PATH_MAX];
	struct stat sb;
	if (!realpath(path, real) || stat(real, &sb) != 0) {
		free(path);
		char *nf = path_join(st->root, "404.html");
		char *text;
		size_t len;
		if (read_file(nf, &text, &len)) {
			free(nf);
			return reply(c, MHD_HTTP_NOT_FOUND, "text/html; charset=utf-8", text, len);
		}
		free(nf);
		return reply_text(c, MHD_HTTP_NOT_FOUND, "not found\n");
	}
	free(path);
	size_t rl = strlen(st->root);
	if (strncmp(real, st->root, rl) || (real[rl] != '/' && real[rl] != 0))
		return reply_text(c, MHD_HTTP_FORBIDDEN, "forbidden\n"); /* a link out */
	if (S_ISDIR(sb.st_mode)) {
		/* a directory: its index page */
		char *idx = path_join(real, "index.html");
		int has = access(idx, R_OK) == 0;
		free(idx);
		if (!has)
			return reply_text(c, MHD_HTTP_NOT_FOUND, "not found\n");
		return redirect_dir(c, url);
	}
	char *text;
	size_t len;
	if (!read_file(real, &text, &len))
		return reply_text(c, MHD_HTTP_FORBIDDEN, "forbidden\n");
	const char *type = serve_mime(real);
	if (str_ends_with(real, ".html")) {
		/* the live-reload script, just before </body> */
		static const char tag[] = "<script src=\"/__shirube/live.js\"></script>\n";
		char *end = strstr(text, "</body>");
		buf b = {0};
		if (end) {
			buf_put(&b, text, (size_t)(end - text));
			buf_puts(&b, tag);
			buf_puts(&b, end);
		} else {
			buf_put(&b, text, len);
			buf_puts(&b, tag);
		}
		free(text);
		len = b.len;
		text = buf_detach(&b);
	}
	return reply(c, MHD_HTTP_OK, type, text, len);
}

/* Percent-decodes the URL in place like libmicrohttpd does, but turns an
 * encoded NUL (or other control byte) into 0x01, which path_ok refuses,
 * instead of cutting the path short at it. */
static size_t unescape(void *cls, struct MHD_Connection *c, char *s)
{
	(void)cls;
	(void)c;
	char *w = s;
	for (char *r = s; *r; r++) {
		if (r[0] == '%' && isxdigit((unsigned char)r[1]) && isxdigit((unsigned char)r[2])) {
			char hex[3] = {r[1], r[2], 0};
			int v = (int)strtol(hex, NULL, 16);
			*w++ = (char)(v == 0 ? 1 : v);
			r += 2;
		} else
			*w++ = *r;
	}
	*w = 0;
	return (size_t)(w - s);
}

/* ---- watching ------------------------------------------------------------------- */

static void watch_tree(int fd, const char *dir, int depth)
{
	if (depth > 32)
		return;
	inotify_add_watch(fd, dir, IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO |
					   IN_MODIFY | IN_ATTRIB);
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char *sub = path_join(dir, e->d_name);
		struct stat st;
		if (lstat(sub, &st) == 0 && S_ISDIR(st.st_mode))
			watch_tree(fd, sub, depth + 1);
		free(sub);
	}
	closedir(d);
}

static int config_wd = -1;       /* the watch on the config's directory */
static const char *config_name;  /* only this file matters there */

static int watch_all(const serve_opts *o)
{
	int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (fd < 0)
		return -1;
	for (const char *const *w = o->watch; w && *w; w++)
		watch_tree(fd, *w, 0);
	config_wd = -1;
	if (o->config) {
		char *dir = xstrdup(o->config);
		char *slash = strrchr(dir, '/');
		if (slash)
			*slash = 0;
		config_name = slash ? o->config + (slash - dir) + 1 : o->config;
		config_wd = inotify_add_watch(fd, slash ? dir : ".", IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE);
		free(dir);
	}
	return fd;
}

/* Drains pending events; returns 1 if any concerned a source (not an
 * editor's temporary file, nor something beside the config file). */
static int drain(int fd)
{
	char ev[8192] __attribute__((aligned(__alignof__(struct inotify_event))));
	int any = 0;
	for (;;) {
		ssize_t n = read(fd, ev, sizeof ev);
		if (n <= 0)
			break;
		for (char *p = ev; p < ev + n;) {
			struct inotify_event *e = (struct inotify_event *)p;
			const char *name = e->len ? e->name : "";
			if (e->wd == config_wd) {
				if (config_name && !strcmp(name, config_name))
					any = 1;
			} else if (!(name[0] == '.' || str_ends_with(name, "~") || str_ends_with(name, ".swp") ||
				     str_ends_with(name, ".tmp")))
				any = 1;
			p += sizeof *e + e->len;
		}
	}
	return any;
}

/* One rebuild: the inotify descriptor, whether a source changed since it
 * began, and what pages_ready needs to publish the new pages. */
typedef struct watch {
	int fd;
	int changed;
	state *st;
	const serve_opts *o;
	buf *msgs;     /* the messages so far */
	int published; /* pages_ready ran */
} watch;

/* The status of a good build: its pages are served from now (open pages
 * reload), with its messages so far. Called with st->lock held. */
static void publish(watch *w)
{
	state *st = w->st;
	buf_reset(&st->errors);
	st->failed = 0;
	st->heading = msg_tr("shirube: the site was rebuilt; check finds these problems.");
	st->generation++;
	if (!*st->root && !realpath(w->o->out_dir, st->root))
		st->root[0] = 0;
	if (diag_warnings() || diag_errors())
		buf_put(&st->errors, w->msgs->s ? w->msgs->s : "", w->msgs->len);
	w->published = 1;
}

/* serve_waiting's ready: the new pages and search index are in place; the
 * checks of the built site come next, and their findings after them. */
static void pages_ready(void *ud)
{
	watch *w = ud;
	pthread_mutex_lock(&w->st->lock);
	publish(w);
	pthread_mutex_unlock(&w->st->lock);
}

/* serve_waiting's fn: reads what inotify has; a change to a source counts
 * (not the preview's own files beside the config, nor an editor's). */
static int events_waiting(void *ud)
{
	watch *w = ud;
	struct pollfd p = {w->fd, POLLIN, 0};
	if (!w->changed && poll(&p, 1, 0) > 0 && drain(w->fd))
		w->changed = 1;
	return w->changed;
}

static int rebuild(state *st, const serve_opts *o, serve_build_fn build, void *ud, int fd)
{
	buf msgs = {0};
	watch wt = {fd, 0, st, o, &msgs, 0};
	serve_waiting w = {events_waiting, pages_ready, &wt};
	diag_reset();
	diag_set_capture(&msgs);
	double t0 = now_ms();
	int ok = build(ud, o->out_dir, &w);
	/* a source changed while it ran (the events are read): again */
	st->again = wt.changed;
	double ms = now_ms() - t0;
	diag_set_capture(NULL);
	pthread_mutex_lock(&st->lock);
	if (ok) {
		/* the checks' findings too (same generation: no reload) */
		int before = wt.published;
		long gen = st->generation;
		publish(&wt);
		if (before)
			st->generation = gen;
	} else {
		buf_reset(&st->errors);
		st->failed = 1;
		st->heading = msg_tr("shirube: the last build failed; this page is the last good one.");
		buf_put(&st->errors, msgs.s ? msgs.s : "", msgs.len);
	}
	pthread_mutex_unlock(&st->lock);
	fprintf(stderr, "shirube serve: %s in %.0f ms\n", ok ? "rebuilt" : "build failed (still serving the last good site)", ms);
	buf_free(&msgs);
	return ok;
}

int serve_run(const serve_opts *o, serve_build_fn build, void *ud)
{
	state st;
	memset(&st, 0, sizeof st);
	pthread_mutex_init(&st.lock, NULL);
	/* watch first: an edit made while the first build runs still counts */
	int fd = watch_all(o);
	if (!rebuild(&st, o, build, ud, fd) && !*st.root) {
		/* nothing good to serve yet: serve an empty directory until fixed */
		mkdir_p(o->out_dir);
		if (!realpath(o->out_dir, st.root)) {
			diag(DIAG_ERROR, pos_at(o->out_dir, 0, 0), "cannot create the directory: %s", strerror(errno));
			return 1;
		}
	}
	/* room for MAX_CONNECTIONS sockets besides the build's own files */
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < MAX_CONNECTIONS + 256) {
		rl.rlim_cur = rl.rlim_max < MAX_CONNECTIONS + 256 ? rl.rlim_max : MAX_CONNECTIONS + 256;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	struct sockaddr_in addr;
	memset(&addr, 0, sizeof addr);
	addr.sin_family = AF_INET;
	addr.sin_port = htons((uint16_t)o->port);
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK); /* 127.0.0.1 only */
	struct MHD_Daemon *d = MHD_start_daemon(MHD_USE_AUTO_INTERNAL_THREAD | MHD_USE_ERROR_LOG,
						(uint16_t)o->port, NULL, NULL, handle, &st,
						MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
						MHD_OPTION_THREAD_POOL_SIZE, (unsigned)POOL_THREADS,
						MHD_OPTION_CONNECTION_LIMIT, (unsigned)MAX_CONNECTIONS,
						MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)IDLE_SECONDS,
						MHD_OPTION_UNESCAPE_CALLBACK, unescape, NULL, MHD_OPTION_END);
	if (!d) {
		diag(DIAG_ERROR, pos_at(NULL, 0, 0), "cannot listen on 127.0.0.1:%d: %s", o->port, strerror(errno));
		diag_hint("choose another port with --port N");
		return 1;
	}
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	int port = info ? info->port : o->port;
	st.port = port;
	printf("shirube serve: http://127.0.0.1:%d/ (Ctrl-C to stop)\n", port);
	fflush(stdout);
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	while (!stop_flag) {
		struct pollfd p = {fd, POLLIN, 0};
		int r = poll(&p, 1, st.again ? 0 : 200);
		if (!st.again && (r <= 0 || !drain(fd)))
			continue;
		/* let a burst of saves settle, then rebuild once */
		usleep(30 * 1000);
		drain(fd);
		/* new directories need watches: start over, before building, so
		 * nothing saved during the build is missed */
		close(fd);
		fd = watch_all(o);
		rebuild(&st, o, build, ud, fd);
	}
	if (fd >= 0)
		close(fd);
	MHD_stop_daemon(d);
	buf_free(&st.errors);
	pthread_mutex_destroy(&st.lock);
	fprintf(stderr, "shirube serve: stopped\n");
	return 0;
}

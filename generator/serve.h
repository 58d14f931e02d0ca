/* serve.h: `shirube serve`, a local preview. A libmicrohttpd server bound
 * to 127.0.0.1 serves the built site; inotify watches the sources and a
 * change triggers a rebuild; open pages poll /__shirube/status and reload,
 * or show the errors of a failed build over the last good page. */
#ifndef SHIRUBE_SERVE_H
#define SHIRUBE_SERVE_H

/* Does a source change wait (saved since the build began)? The build
 * asks between its checks of a built site, to stop them early: the next
 * rebuild runs them again. */
typedef struct serve_waiting {
	int (*fn)(void *ud);
	/* the build's pages and search index are in place, before the
	 * checks: serve starts serving them */
	void (*ready)(void *ud);
	void *ud;
} serve_waiting;

/* Builds the site into out_dir (swapping it in only when it succeeds).
 * Returns 1 on success. Diagnostics go through diag(). */
typedef int (*serve_build_fn)(void *ud, const char *out_dir, const serve_waiting *waiting);

typedef struct serve_opts {
	int port;                 /* 0: pick a free one */
	const char *out_dir;      /* where the preview site lives */
	const char *const *watch; /* directories to watch (recursively), NULL-ended */
	const char *config;       /* the config file, or NULL */
} serve_opts;

/* Builds, serves and rebuilds until SIGINT or SIGTERM. Returns the exit
 * status (0 after a clean stop, 1 when the server cannot start). */
int serve_run(const serve_opts *o, serve_build_fn build, void *ud);

/* The MIME type for a file name (exposed for tests). */
const char *serve_mime(const char *path);

#endif

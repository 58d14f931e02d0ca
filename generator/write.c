/* write.c: stage 7 (see write.h). Reads nothing of the site but its
 * input directories (to refuse an output that holds them); writes, swaps
 * and removes output trees. */
#include "write.h"
#include "diag.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#define MARKER_TEXT "shirube 0.1.0\n"

int write_out_allowed(const site *s, const char *out)
{
	struct stat st;
	if (lstat(out, &st) == 0 && S_ISLNK(st.st_mode)) {
		/* the swap would replace the link, and the old site it points to
		 * would be emptied as if it were ours to remove */
		diag(DIAG_ERROR, pos_at(out, 0, 0), "the output path is a symbolic link");
		diag_hint("give the directory itself (--out with the link's target), or remove the link");
		return 0;
	}
	char real[PATH_MAX];
	if (!realpath(out, real))
		return 1; /* does not exist yet */
	const char *inputs[] = {s->project_dir, s->content_dir, s->theme_dir};
	for (size_t i = 0; i < 3; i++)
		if (inputs[i] && path_inside(inputs[i], out)) {
			diag(DIAG_ERROR, pos_at(out, 0, 0), "the output directory contains the site's own sources");
			diag_hint("choose an output directory of its own, e.g. --out site");
			return 0;
		}
	if (stat(out, &st) != 0 || !S_ISDIR(st.st_mode)) {
		diag(DIAG_ERROR, pos_at(out, 0, 0), "the output path exists and is not a directory");
		return 0;
	}
	char *marker = path_join(out, OUT_MARKER);
	int marked = access(marker, F_OK) == 0;
	free(marker);
	if (marked)
		return 1;
	size_t n = 0;
	DIR *d = opendir(out);
	if (d) {
		struct dirent *e;
		while ((e = readdir(d)))
			if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
				n++;
		closedir(d);
	}
	if (n) {
		diag(DIAG_ERROR, pos_at(out, 0, 0), "the output directory is not empty and was not made by shirube");
		diag_hint("remove it or choose another --out; shirube only replaces its own output");
		return 0;
	}
	return 1;
}

/* Whether the kept previous site is still the directory serve locked,
 * with our marker in it. */
static int spare_ok(const spare_tree *sp)
{
	struct stat a, b, m;
	char *marker = path_join(sp->dir, OUT_MARKER);
	int ok = lstat(sp->dir, &a) == 0 && fstat(sp->lock, &b) == 0 && a.st_dev == b.st_dev &&
		 a.st_ino == b.st_ino && lstat(marker, &m) == 0 && S_ISREG(m.st_mode);
	free(marker);
	return ok;
}

/* Locks the fresh temporary directory tmp and marks it as ours. Returns
 * 1/0 after reporting. The lock stays until write_end: another build can
 * tell it from the leftover of a build that was killed. */
static int claim_tmp_dir(build_ctx *b, const char *tmp)
{
	b->out_lock = open(tmp, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int ok = b->out_lock >= 0 && flock(b->out_lock, LOCK_EX | LOCK_NB) == 0;
	char *marker = path_join(tmp, OUT_MARKER);
	/* the marker has always held the version and a NUL byte: its bytes are
	 * part of the output tree that builds keep byte-identical */
	ok = ok && write_file(marker, MARKER_TEXT, sizeof MARKER_TEXT);
	free(marker);
	if (!ok)
		diag(DIAG_ERROR, pos_at(tmp, 0, 0), "cannot prepare the temporary directory: %s",
		     strerror(errno));
	return ok;
}

/* rm -rf of a build output directory with its marker removed last, so a
 * build killed while removing leaves a directory still marked as ours. */
static void remove_output_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	while (d && (e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..") || !strcmp(e->d_name, OUT_MARKER))
			continue;
		char *sub = path_join(dir, e->d_name);
		remove_tree(sub);
		free(sub);
	}
	if (d)
		closedir(d);
	remove_tree(dir);
}

void write_drop_spare(build_ctx *b, int remove)
{
	spare_tree *sp = &b->spare;
	if (!sp->dir)
		return;
	if (remove)
		remove_output_dir(sp->dir);
	free(sp->dir);
	sp->dir = NULL;
	if (sp->lock >= 0)
		close(sp->lock);
	sp->lock = -1;
}

/* Removes the OUT.tmp-XXXXXX siblings of out that builds killed midway left
 * behind: directories with our marker that no running build holds locked,
 * and empty ones (killed before the marker was written). */
static void remove_stale_tmp_dirs(const char *out)
{
	const char *slash = strrchr(out, '/');
	char *dir = slash ? xstrndup(out, slash == out ? 1 : (size_t)(slash - out)) : xstrdup(".");
	char *prefix = xasprintf("%s.tmp-", slash ? slash + 1 : out);
	size_t pl = strlen(prefix);
	DIR *d = opendir(dir);
	struct dirent *e;
	while (d && (e = readdir(d))) {
		if (strncmp(e->d_name, prefix, pl) || strlen(e->d_name) != pl + 6)
			continue;
		char *path = path_join(dir, e->d_name);
		char *marker = path_join(path, OUT_MARKER);
		struct stat st, mt;
		int fd = -1;
		if (lstat(path, &st) != 0 || !S_ISDIR(st.st_mode))
			; /* not a directory of ours */
		else if (lstat(marker, &mt) != 0)
			rmdir(path); /* only when empty */
		else if (S_ISREG(mt.st_mode) &&
			 (fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) >= 0 &&
			 flock(fd, LOCK_EX | LOCK_NB) == 0)
			remove_output_dir(path);
		if (fd >= 0)
			close(fd);
		free(marker);
		free(path);
	}
	if (d)
		closedir(d);
	free(prefix);
	free(dir);
}

char *write_begin(build_ctx *b, const char *out)
{
	if (b->serve && b->spare.dir && !spare_ok(&b->spare))
		write_drop_spare(b, 0); /* gone or changed behind serve's back: start afresh */
	if (b->serve && b->spare.dir) {
		/* serve: render over the site before the last one, in place */
		char *tmp = b->spare.dir;
		b->out_lock = b->spare.lock;
		b->spare.dir = NULL;
		b->spare.lock = -1;
		b->recycled = 1;
		b->log = write_log_new();
		return tmp;
	}
	char *tmp = xasprintf("%s.tmp-XXXXXX", out);
	if (!mkdtemp(tmp)) {
		diag(DIAG_ERROR, pos_at(out, 0, 0), "cannot create a temporary directory beside it: %s",
		     strerror(errno));
		free(tmp);
		return NULL;
	}
	chmod(tmp, 0755);
	if (!claim_tmp_dir(b, tmp)) {
		remove_output_dir(tmp);
		free(tmp);
		return NULL;
	}
	return tmp;
}

int write_sweep(build_ctx *b, const char *tmp, int keep_search)
{
	/* search/ is the index's, which serve rewrites in place after the swap */
	const char *keep[] = {OUT_MARKER, keep_search ? "search" : NULL, NULL};
	int ok = sweep_unwritten(tmp, b->log, keep);
	write_log_free(b->log);
	b->log = NULL;
	return ok;
}

void write_abort(build_ctx *b, char *tmp)
{
	(void)b;
	remove_output_dir(tmp);
	free(tmp);
}

/* Keeps dir (the previous site, just swapped out) for serve's next build,
 * locked so that no other build takes it for a leftover. Returns 1/0. */
static int keep_spare(build_ctx *b, char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 || flock(fd, LOCK_EX | LOCK_NB) != 0) {
		if (fd >= 0)
			close(fd);
		return 0;
	}
	b->spare.dir = dir;
	b->spare.lock = fd;
	return 1;
}

int write_commit(build_ctx *b, char *tmp, const char *out)
{
	struct stat st;
	int ok = 1;
	if (stat(out, &st) == 0) {
		/* atomic exchange: at every moment out is a complete site */
		if (renameat2(AT_FDCWD, tmp, AT_FDCWD, out, RENAME_EXCHANGE) != 0) {
			diag(DIAG_ERROR, pos_at(out, 0, 0), "cannot replace the output: %s", strerror(errno));
			remove_output_dir(tmp);
			ok = 0;
		} else if (b->serve && keep_spare(b, tmp))
			tmp = NULL; /* now holds the previous site, kept for the next build */
		else
			remove_output_dir(tmp); /* now holds the previous site */
	} else if (rename(tmp, out) != 0) {
		diag(DIAG_ERROR, pos_at(out, 0, 0), "cannot create the output: %s", strerror(errno));
		remove_tree(tmp);
		ok = 0;
	}
	free(tmp);
	if (!diag_errors())
		remove_stale_tmp_dirs(out);
	return ok;
}

void write_end(build_ctx *b)
{
	if (b->out_lock >= 0)
		close(b->out_lock);
	b->out_lock = -1;
}

/* forkpar.c: see forkpar.h. */
#include "forkpar.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

/* One record in the helper's file: job index and length, then the bytes. */
typedef struct rec_head {
	uint64_t i, len;
} rec_head;

static int write_all(int fd, const void *p, size_t n)
{
	const char *c = p;
	while (n) {
		ssize_t w = write(fd, c, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return 0;
		c += w;
		n -= (size_t)w;
	}
	return 1;
}

size_t forkpar_run(size_t n, int parallel, const forkpar_ops *ops, void *ud)
{
	size_t *next = NULL;
	int fd = -1;
	pid_t pid = -1;
	if (parallel && threads_default() > 1 && n > 1) { /* SHIRUBE_THREADS=1: no helper */
		next = mmap(NULL, sizeof *next, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
		if (next == MAP_FAILED)
			next = NULL;
		fd = next ? memfd_create("shirube-forkpar", MFD_CLOEXEC) : -1;
	}
	if (fd >= 0) {
		*next = 0;
		fflush(NULL); /* or buffered output would be written twice */
		pid = fork();
		if (pid == 0) {
			/* the helper: jobs until none are left, each result to fd */
			/* records are gathered and written 256 KiB at a time (two
			 * writes a job were thousands of system calls) */
			buf b = {0}, out = {0};
			for (;;) {
				size_t i = __atomic_fetch_add(next, 1, __ATOMIC_RELAXED);
				if (i >= n)
					break;
				ops->run(i, ud);
				b.len = 0;
				ops->put(i, ud, &b);
				rec_head h = {i, b.len};
				buf_put(&out, (const char *)&h, sizeof h);
				buf_put(&out, b.s ? b.s : "", b.len);
				if (out.len >= (256u << 10)) {
					if (!write_all(fd, out.s, out.len))
						_exit(1);
					out.len = 0;
				}
			}
			if (out.len && !write_all(fd, out.s, out.len))
				_exit(1);
			_exit(0); /* no atexit handlers, no frees: the parent owns everything */
		}
	}
	if (pid < 0) {
		/* no helper: everything here */
		if (fd >= 0)
			close(fd);
		if (next)
			munmap(next, sizeof *next);
		for (size_t i = 0; i < n; i++)
			ops->run(i, ud);
		return 0;
	}
	/* this process: jobs until none are left */
	unsigned char *done = xcalloc(n ? n : 1, 1);
	for (;;) {
		size_t i = __atomic_fetch_add(next, 1, __ATOMIC_RELAXED);
		if (i >= n)
			break;
		ops->run(i, ud);
		done[i] = 1;
	}
	int status = 0;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	size_t got = 0;
	off_t size = lseek(fd, 0, SEEK_END);
	char *map = size > 0 ? mmap(NULL, (size_t)size, PROT_READ, MAP_PRIVATE, fd, 0) : NULL;
	if (map == MAP_FAILED)
		map = NULL;
	for (size_t off = 0; map && off + sizeof(rec_head) <= (size_t)size;) {
		rec_head h;
		memcpy(&h, map + off, sizeof h);
		off += sizeof h;
		if (h.i >= n || h.len > (size_t)size - off || done[h.i])
			break;
		if (ops->get(h.i, ud, map + off, h.len)) {
			done[h.i] = 1;
			got++;
		}
		off += h.len;
	}
	if (map)
		munmap(map, (size_t)size);
	close(fd);
	munmap(next, sizeof *next);
	/* whatever the helper claimed but did not deliver */
	for (size_t i = 0; i < n; i++)
		if (!done[i])
			ops->run(i, ud);
	free(done);
	return got;
}

/* forkpar.h: a batch of independent jobs shared between this process and
 * one forked helper process, for work that must not run in two threads at
 * once. cmark-gfm 0.29 keeps its inline "special character" table in a
 * global that every parse adds to and then clears (see
 * cmark_manage_extensions_special_characters), so two threads parsing
 * Markdown corrupt each other's output; two processes cannot.
 *
 * Both processes take the next job from a counter in shared memory, so
 * the split follows the real cost of each job. The helper runs a job and
 * serialises its result into a memfd; when this process runs out of jobs
 * it waits for the helper and reads the results back. Whatever the helper
 * did not deliver (it crashed, or fork failed) is run here, so the result
 * never depends on the helper. The output is the same as a serial run. */
#ifndef SHIRUBE_FORKPAR_H
#define SHIRUBE_FORKPAR_H

#include "util.h"

#include <stddef.h>

typedef struct forkpar_ops {
	void (*run)(size_t i, void *ud);                 /* do job i in place */
	void (*put)(size_t i, void *ud, buf *out);       /* helper: serialise job i's result */
	int (*get)(size_t i, void *ud, const char *data, size_t len); /* read it back; 0 = bad */
} forkpar_ops;

/* Runs jobs 0..n-1, in a helper process too when `parallel` is set and
 * the machine has more than one core (SHIRUBE_THREADS=1 says it has
 * one). Returns how many jobs the helper
 * delivered (0 when everything ran here). */
size_t forkpar_run(size_t n, int parallel, const forkpar_ops *ops, void *ud);

#endif

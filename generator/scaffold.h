/* scaffold.h: `shirube new guideline|topic|persona|journey ID` writes a
 * commented template with every field, refusing to overwrite. */
#ifndef SHIRUBE_SCAFFOLD_H
#define SHIRUBE_SCAFFOLD_H

/* Writes the template of `kind` for `id` under the project directory
 * `project`. Returns 0 on success, 1 when the file exists or cannot be
 * written, 2 for an unknown kind or an invalid id (messages on stderr). */
int scaffold_new(const char *project, const char *kind, const char *id);

#endif

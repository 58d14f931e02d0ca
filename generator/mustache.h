/* mustache.h: a Mustache template engine (the official spec: comments,
 * delimiters, interpolation, inverted, partials, sections, ~inheritance,
 * ~lambdas and ~dynamic-names) rendering over value trees. One extension:
 * in a dotted name a part of digits indexes a list, so
 * {{#list.0}}...{{/list.0}} renders only when the list is not empty.
 *
 * Also worth knowing: V_FUNC values are lambdas (text NULL for {{x}}, the
 * raw section text for {{#x}}; what they return is rendered as a
 * template). A standalone line may hold several inheritance tags
 * ("{{<layout}}{{$body}}", "{{/body}}{{/layout}}"). Tag names must not
 * contain whitespace. Numbers print with value_to_text. Errors read
 * "path:line:col: message", columns counting UTF-8 characters. */
#ifndef SHIRUBE_MUSTACHE_H
#define SHIRUBE_MUSTACHE_H

#include "util.h"
#include "value.h"

typedef struct mus_template mus_template;
typedef struct mus_env mus_env;

/* Finds the text of a template or partial by name. Returns 1 and sets *text
 * (malloc'd, the env frees it) and *path (the file name used in messages,
 * copied by the env; NULL means the name); 0 if there is no such template.
 * Called at most once per name (the answer, even "not found", is cached),
 * with the env's lock held: it must not call back into the env. */
typedef int (*mus_loader)(void *ud, const char *name, char **text, char **path);

/* An environment caches compiled templates by name. The cache is guarded
 * by a mutex, so several threads may render with one env at once. */
mus_env *mus_env_new(mus_loader loader, void *ud);
void mus_env_free(mus_env *env);

/* In strict mode (the site build) a missing partial is an error; otherwise
 * (the spec) it renders as the empty string. Default: not strict. */
void mus_env_set_strict(mus_env *env, int strict);

/* Compiles (once, then cached) the template `name`; the env owns it.
 * Returns NULL and sets *err (malloc'd "path:line:col: message", caller
 * frees) on a syntax error, or "name: template not found". */
mus_template *mus_env_get(mus_env *env, const char *name, char **err);

/* Compiles a template from text not owned by the env (caller frees with
 * mus_free). */
mus_template *mus_compile(const char *text, size_t len, const char *path, char **err);
void mus_free(mus_template *t);

/* Renders t with the context stack starting at ctx, appending to out.
 * Partials and parents come from env (NULL: none). Returns 1, or 0 with
 * *err set (malloc'd "template-path:line:col: message", caller frees) on a
 * missing partial in strict mode, a partial that does not compile, or
 * partials/lambdas nested deeper than 100 (recursion); out then holds
 * partial output. Thread-safe as long as the templates and ctx are not
 * changed meanwhile; lambdas must be thread-safe themselves. */
int mus_render(mus_env *env, mus_template *t, value *ctx, buf *out, char **err);

#endif

/* hooks.h: stage 4, Lua hooks, over the resolved and generated site. Every .lua file in content/hooks/ runs, in name
 * order, in a sandboxed Lua 5.4 state of its own (no os, io, package,
 * debug or file loading; a memory cap and an instruction budget). Hooks
 * read the site through read-only views and change it only through the
 * shirube.* API (docs/lua-api.md): add pages, adjust page data in
 * on_page, register template helpers. */
#ifndef SHIRUBE_HOOKS_H
#define SHIRUBE_HOOKS_H

#include "value.h"

struct site;
typedef struct hooks hooks;

/* Memory a hook's Lua state may hold, and the Lua VM instructions it may
 * run over the whole build (allocations count too: one per 32 bytes).
 * Documented in docs/lua-api.md. */
#define HOOKS_MEM_MAX (64u << 20)
#define HOOKS_STEPS_MAX 50000000LL

/* Runs the hooks of s after resolve: each file's top level, then every
 * on_site(site), then on_page(page) for every page. Reports every problem
 * with diag() ("path:line: message" plus the traceback as notes) and
 * returns 1 when no hook failed. Sets *states to the Lua states (NULL when
 * the content has no hooks/ directory), which the caller frees with
 * hooks_free after rendering: template helpers stay callable until then. */
int hooks_run(struct site *s, hooks **states);

/* The template helpers registered with shirube.helper: a map of name ->
 * V_FUNC (borrowed; owned by h), or NULL when there are none or h is
 * NULL. Render puts it into each page's context as `helpers`. */
value *hooks_helpers(const hooks *h);

/* Closes every Lua state. NULL does nothing. */
void hooks_free(hooks *h);

#endif

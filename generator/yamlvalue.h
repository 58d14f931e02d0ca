/* yamlvalue.h: libyaml events to a value tree with 1-based source positions.
 * Aliases are expanded with a budget so alias bombs fail cleanly. */
#ifndef SHIRUBE_YAMLVALUE_H
#define SHIRUBE_YAMLVALUE_H

#include <stddef.h>
#include "value.h"

/* Parses the first YAML document of text[0..len). Positions are reported
 * relative to `path`, with `line_offset` added to every line (front matter
 * starts after the opening ---). Scalars stay strings unless plain and
 * spelled like null/true/false/a number. Returns a new value (an empty map
 * for an empty document), or NULL after reporting an error with diag(). */
value *yaml_parse(const char *text, size_t len, const char *path, int line_offset);

#endif

/* config.h: part of stage 1 (load). Reads shirube.yaml's settings into the
 * typed site.cfg once, checking each type; no other code reads the
 * config's YAML for a setting. */
#ifndef SHIRUBE_CONFIG_H
#define SHIRUBE_CONFIG_H

#include "site.h"

/* Fills s->cfg from s->config (a map, possibly empty) and sets s->base_url
 * (--base-url wins when s->base_url is already set) with a trailing '/'.
 * Reports every wrong type or value; returns 1 when none was found. */
int config_read(site *s);

#endif

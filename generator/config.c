/* config.c: part of stage 1 (see config.h): shirube.yaml into site.cfg. */
#include "config.h"
#include "diag.h"
#include "messages.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* The string setting key, NULL when unset; a wrong type is reported. */
static const char *setting_str(site *s, const char *key, int *ok)
{
	value *v = value_get(s->config, key);
	if (!v)
		return NULL;
	if (v->type != V_STR) {
		diag(DIAG_ERROR, v->pos, "'%s' must be a string, not a %s", key, msg_tr(value_type_name(v->type)));
		*ok = 0;
		return NULL;
	}
	return v->u.str.s;
}

/* The true/false setting key, dflt when unset; a wrong type is reported. */
static int setting_bool(site *s, const char *key, int dflt, int *ok)
{
	value *v = value_get(s->config, key);
	if (!v)
		return dflt;
	if (v->type != V_BOOL) {
		diag(DIAG_ERROR, v->pos, "'%s' must be true or false", key);
		*ok = 0;
		return value_truthy(v);
	}
	return v->u.b;
}

/* s->base_url from --base-url or else the setting b. */
static void set_base_url(site *s, const char *b, int *ok)
{
	if (!s->base_url)
		s->base_url = xstrdup(b ? b : "");
	if (*s->base_url && !str_starts_with(s->base_url, "https://") &&
	    !str_starts_with(s->base_url, "http://")) {
		/* it prefixes links (canonical, the 404 page): no javascript: */
		value *bv = value_get(s->config, "base_url");
		diag(DIAG_ERROR,
		     bv && !strcmp(value_cstr(bv) ? value_cstr(bv) : "", s->base_url) ? bv->pos : pos_at(NULL, 0, 0),
		     "the base URL must start with https:// or http://");
		diag_hint("e.g. base_url: https://example.org/guides/");
		*ok = 0;
	}
	if (*s->base_url && !str_ends_with(s->base_url, "/")) {
		char *b = xasprintf("%s/", s->base_url);
		free(s->base_url);
		s->base_url = b;
	}
}

/* A language code: 2-3 lowercase letters, then -subtags of letters and
 * digits (ja, en, en-GB, zh-Hant): it names the i18n/LANG.yaml file read. */
static int lang_valid(const char *l)
{
	size_t n = 0;
	while (l[n] >= 'a' && l[n] <= 'z')
		n++;
	if (n < 2 || n > 3)
		return 0;
	for (const char *p = l + n; *p;) {
		if (*p++ != '-')
			return 0;
		size_t k = 0;
		while ((p[k] >= 'a' && p[k] <= 'z') || (p[k] >= 'A' && p[k] <= 'Z') || (p[k] >= '0' && p[k] <= '9'))
			k++;
		if (k < 1 || k > 8)
			return 0;
		p += k;
	}
	return 1;
}

int config_read(site *s)
{
	int ok = 1;
	site_config *c = &s->cfg;
	c->title = setting_str(s, "title", &ok);
	c->description = setting_str(s, "description", &ok);
	c->lang = setting_str(s, "lang", &ok);
	msg_set_lang(c->lang && lang_valid(c->lang) ? c->lang : "ja");
	if (c->lang && !lang_valid(c->lang)) {
		diag(DIAG_ERROR, value_get(s->config, "lang")->pos, "'lang' must be a language code such as ja or en, not '%s'",
		     c->lang);
		diag_hint("the UI strings are read from the theme's i18n/LANG.yaml");
		c->lang = NULL;
		ok = 0;
	}
	const char *base_url = setting_str(s, "base_url", &ok);
	c->theme = setting_str(s, "theme", &ok);
	c->allow_raw_html = setting_bool(s, "allow_raw_html", 0, &ok);
	c->autolink = setting_bool(s, "autolink", 1, &ok);
	c->search = setting_bool(s, "search", 1, &ok);
	c->git_history = setting_bool(s, "git_history", 1, &ok);
	c->require_evidence = setting_bool(s, "require_evidence", 0, &ok);
	set_base_url(s, base_url, &ok);
	return ok;
}

/* main.c: the shirube command line: options, help texts, exit codes. The
 * pipeline itself is build.c's; `build` leaves the last good site in place
 * when anything fails. */
#include "build.h"
#include "diag.h"
#include "resolve.h"
#include "scaffold.h"
#include "serve.h"
#include "validate.h"
#include "messages.h"
#include "util.h"
#include "write.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#define SHIRUBE_VERSION "0.1.0"

enum { EXIT_OK = 0, EXIT_CONTENT = 1, EXIT_USAGE = 2 };

static const char *USAGE =
	"usage: shirube <command> [options]\n"
	"\n"
	"commands:\n"
	"  build     build the site into the output directory (default site/)\n"
	"  check     build into a scratch directory and report every problem\n"
	"  serve     preview the site on 127.0.0.1 and rebuild on every change\n"
	"  new       write a template for a new guideline, topic, persona, journey\n"
	"  version   print the version\n"
	"  help      show help for a command: shirube help build\n";

static const char *HELP_BUILD =
	"usage: shirube build [--config FILE] [--content DIR] [--theme DIR] [--out DIR] [--base-url URL]\n"
	"                     [--quiet]\n"
	"\n"
	"  --config FILE    site config (default: shirube.yaml when it exists)\n"
	"  --content DIR    Markdown content (default: content/); personas/ and\n"
	"                   journeys/ are read beside it\n"
	"  --theme DIR      a theme outside the project (the config's theme: must be\n"
	"                   inside it; default: themes/default)\n"
	"  --out DIR        output directory (default: site/), replaced only when\n"
	"                   the whole build succeeds\n"
	"  --base-url URL   public URL of the site, for canonical links and sitemap\n"
	"  --quiet, -q      no notes (errors and warnings only)\n"
	"\n"
	"exit status: 0 built, 1 content errors (nothing changed), 2 usage error\n";

static const char *HELP_SERVE =
	"usage: shirube serve [--port N] [--config FILE] [--content DIR] [--theme DIR] [--out DIR]\n"
	"\n"
	"Builds the site, serves it on http://127.0.0.1:N/ (default 8000; 0 picks\n"
	"a free port) and rebuilds when content, personas, journeys, themes or\n"
	"the config change. Open pages reload themselves; when a build fails they\n"
	"show its errors and the last good site keeps being served. --out keeps\n"
	"the preview in DIR (default: a temporary directory).\n";

static const char *HELP_NEW =
	"usage: shirube new guideline|topic|persona|journey ID\n"
	"\n"
	"Writes a commented template with every field to content/guidelines/ID.md,\n"
	"content/topics/ID.md, personas/ID.yaml or journeys/ID.yaml. It never\n"
	"overwrites a file.\n";

static const char *HELP_CHECK =
	"usage: shirube check [--config FILE] [--content DIR] [--theme DIR] [--base-url URL]\n"
	"                     [--format=text|json] [--strict] [--quiet]\n"
	"\n"
	"Runs the whole build into a scratch directory, reports every error and\n"
	"warning as path:line:col, and changes nothing. Exit 1 on any error\n"
	"(--strict: on any warning too). Give the --base-url you publish with to\n"
	"check the site you publish. --quiet leaves out notes.\n";

typedef struct opts {
	build_source src;
	const char *out, *format;
	int strict;
} opts;

static int parse_opts(int argc, char **argv, opts *o, int allow_out)
{
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		const char **slot = NULL;
		const char *name = NULL;
		if (!strncmp(a, "--config", 8))
			slot = &o->src.config, name = "--config";
		else if (!strncmp(a, "--content", 9))
			slot = &o->src.content, name = "--content";
		else if (!strncmp(a, "--theme", 7))
			slot = &o->src.theme, name = "--theme";
		else if (allow_out && !strncmp(a, "--out", 5))
			slot = &o->out, name = "--out";
		else if (!strncmp(a, "--base-url", 10))
			slot = &o->src.base_url, name = "--base-url";
		else if (!allow_out && !strncmp(a, "--format", 8))
			slot = &o->format, name = "--format";
		else if (!allow_out && !strcmp(a, "--strict")) {
			o->strict = 1;
			continue;
		} else if (!strcmp(a, "--quiet") || !strcmp(a, "-q")) {
			diag_set_notes(0);
			continue;
		}
		if (!slot) {
			diag(DIAG_ERROR, pos_at(NULL, 0, 0), "unknown option '%s'", a);
			return 0;
		}
		size_t n = strlen(name);
		if (a[n] == '=')
			*slot = a + n + 1;
		else if (a[n] == 0 && i + 1 < argc)
			*slot = argv[++i];
		else {
			diag(DIAG_ERROR, pos_at(NULL, 0, 0), "option '%s' needs a value", name);
			return 0;
		}
	}
	if (o->format && strcmp(o->format, "text") && strcmp(o->format, "json")) {
		diag(DIAG_ERROR, pos_at(NULL, 0, 0), "--format must be text or json");
		return 0;
	}
	return 1;
}

static int cmd_build(int argc, char **argv)
{
	opts o = {0};
	if (!parse_opts(argc, argv, &o, 1)) {
		fputs(HELP_BUILD, stderr);
		return EXIT_USAGE;
	}
	double t0 = now_ms();
	const char *out = o.out ? o.out : "site";
	char *outc = xstrdup(out);
	while (strlen(outc) > 1 && str_ends_with(outc, "/"))
		outc[strlen(outc) - 1] = 0;
	int pages = 0;
	/* --out a/b/site: a and b are made when missing */
	char *parent = xstrdup(outc), *slash = strrchr(parent, '/');
	if (slash && slash != parent) {
		*slash = 0;
		struct stat st;
		if (stat(parent, &st) != 0 && !mkdir_p(parent))
			diag(DIAG_ERROR, pos_at(parent, 0, 0), "cannot create the directory for --out: %s",
			     strerror(errno));
	}
	free(parent);
	build_ctx *b = build_ctx_new(0, 0);
#ifndef SHIRUBE_FREE_ALL /* sanitizer and valgrind builds free everything */
	b->exiting = 1;
#endif
	if (!diag_errors())
		build_into(b, &o.src, outc, &pages);
	build_ctx_free(b);
	int errors = diag_errors();
	fprintf(stderr, "shirube: %d pages written, %d warnings, %d errors, %.0f ms%s\n",
		errors ? 0 : pages, diag_warnings(), errors, now_ms() - t0,
		errors ? " (output left unchanged)" : "");
	free(outc);
	return errors ? EXIT_CONTENT : EXIT_OK;
}

typedef struct serve_ctx {
	opts o;
	build_ctx *b; /* kept between rebuilds: serve's caches */
} serve_ctx;

static int serve_build(void *ud, const char *out, const serve_waiting *w)
{
	serve_ctx *c = ud;
	c->b->waiting = w->fn;
	c->b->ready = w->ready;
	c->b->waiting_ud = w->ud;
	int pages = 0;
	return build_into(c->b, &c->o.src, out, &pages);
}

static int cmd_serve(int argc, char **argv)
{
	serve_ctx c;
	memset(&c, 0, sizeof c);
	int port = 8000;
	/* --port is ours; the rest are build options */
	char **rest = xcalloc((size_t)argc + 1, sizeof(char *));
	int nrest = 0;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		const char *v = NULL;
		if (!strncmp(a, "--port=", 7))
			v = a + 7;
		else if (!strcmp(a, "--port") && i + 1 < argc)
			v = argv[++i];
		else if (!strcmp(a, "--port")) {
			fputs(HELP_SERVE, stderr);
			free(rest);
			return EXIT_USAGE;
		}
		if (v) {
			char *end;
			long p = strtol(v, &end, 10);
			if (*end || p < 0 || p > 65535) {
				diag(DIAG_ERROR, pos_at(NULL, 0, 0), "--port must be a number from 0 to 65535");
				free(rest);
				return EXIT_USAGE;
			}
			port = (int)p;
		} else
			rest[nrest++] = argv[i];
	}
	int ok = parse_opts(nrest, rest, &c.o, 1);
	free(rest);
	if (!ok) {
		fputs(HELP_SERVE, stderr);
		return EXIT_USAGE;
	}
	char *dir = NULL, *out;
	if (c.o.out)
		out = xstrdup(c.o.out);
	else {
		char tmpl[] = "/tmp/shirube-serve-XXXXXX";
		dir = xstrdup(mkdtemp(tmpl) ? tmpl : "/tmp");
		out = path_join(dir, "site");
	}
	/* what to watch: the content, personas and journeys beside it, themes */
	site *probe = build_site_new(&c.o.src);
	char *content = xstrdup(probe->content_dir);
	char *parent = xstrdup(content);
	char *slash = strrchr(parent, '/');
	if (slash)
		*slash = 0;
	else
		strcpy(parent, ".");
	char *personas = path_join(parent, "personas"), *journeys = path_join(parent, "journeys");
	char *themes = path_join(probe->project_dir, "themes");
	const char *watch[] = {content, personas, journeys, themes, c.o.src.theme, NULL};
	/* serve shows what is in out: the same refusals as a build's (not the
	 * project, not a directory shirube did not make, not a link) */
	int rc = EXIT_CONTENT;
	if (write_out_allowed(probe, out)) {
		serve_opts so = {port, out, watch, probe->config_path};
		c.b = build_ctx_new(0, 1);
		rc = serve_run(&so, serve_build, &c);
	}
	build_ctx_free(c.b);
	site_free(probe);
	if (dir) {
		remove_tree(dir);
		free(dir);
	}
	free(out);
	free(content);
	free(parent);
	free(personas);
	free(journeys);
	free(themes);
	return rc;
}

static int cmd_check(int argc, char **argv)
{
	opts o = {0};
	if (!parse_opts(argc, argv, &o, 0)) {
		fputs(HELP_CHECK, stderr);
		return EXIT_USAGE;
	}
	int json = o.format && !strcmp(o.format, "json");
	diag_set_json(json);
	site *s = build_site_new(&o.src);
	build_ctx *b = build_ctx_new(1, 0);
	char *scratch = xasprintf("/tmp/shirube-check-%d", (int)getpid());
	int pages = 0;
	char *tmp = build_pipeline(b, s, scratch, &pages);
	if (tmp) {
		check_links(s, tmp);
		report_unreviewed(s);
		remove_tree(tmp);
		free(tmp);
	}
	free(scratch);
	build_ctx_free(b);
	int errors = diag_errors(), warnings = diag_warnings();
	if (json)
		diag_flush_json();
	else
		fprintf(stderr, "shirube check: %d pages, %d warnings, %d errors\n", pages, warnings, errors);
	site_free(s);
	return errors || (o.strict && warnings) ? EXIT_CONTENT : EXIT_OK;
}

/* A build allocates a few hundred thousand small objects and never frees
 * most of them (exit does): with 4 KiB pages that is one page fault per
 * page touched, a third of the user time on a 10,000-page site. glibc
 * backs malloc with transparent huge pages only when GLIBC_TUNABLES says
 * so at start-up, so the program starts itself again once with it set.
 * Not when the user set GLIBC_TUNABLES, SHIRUBE_NO_HUGEPAGES=1, the kernel
 * has them off, or under valgrind or a sanitizer (their own allocators);
 * if the exec fails the program simply goes on. */
static void malloc_huge_pages(char **argv)
{
#ifndef SHIRUBE_FREE_ALL
	const char *pre = getenv("LD_PRELOAD");
	if (getenv("GLIBC_TUNABLES") || getenv("SHIRUBE_NO_HUGEPAGES") || (pre && strstr(pre, "vgpreload")))
		return;
	char mode[64] = "";
	FILE *f = fopen("/sys/kernel/mm/transparent_hugepage/enabled", "r");
	if (!f)
		return;
	size_t n = fread(mode, 1, sizeof mode - 1, f);
	fclose(f);
	mode[n] = 0;
	if (!strstr(mode, "[always]") && !strstr(mode, "[madvise]"))
		return;
	if (setenv("GLIBC_TUNABLES", "glibc.malloc.hugetlb=1", 1) == 0)
		execv("/proc/self/exe", argv);
	unsetenv("GLIBC_TUNABLES");
#else
	(void)argv;
#endif
}

/* The heap grows in 64 MiB steps and is never given back below 256 MiB,
 * and buffers up to 32 MiB come from it too: each time the heap grows or
 * shrinks the kernel maps and clears fresh pages, and a build's freed
 * parser and output buffers would otherwise go back and come again for
 * every page (13,000 page faults on a 10,000-page site; 6,000 with this).
 * Only address space is reserved; untouched memory costs nothing. */
static void malloc_tune(void)
{
	mallopt(M_TOP_PAD, 64 << 20);
	mallopt(M_TRIM_THRESHOLD, 256 << 20);
	mallopt(M_MMAP_THRESHOLD, 32 << 20);
}

int main(int argc, char **argv)
{
	if (argc >= 2 && (!strcmp(argv[1], "build") || !strcmp(argv[1], "check") || !strcmp(argv[1], "serve"))) {
		malloc_tune();
		malloc_huge_pages(argv);
		if (timing_on()) {
			const char *t = getenv("GLIBC_TUNABLES");
			fprintf(stderr, "shirube: malloc on huge pages: %s\n",
				t && strstr(t, "glibc.malloc.hugetlb=1") ? "yes" : "no");
		}
	}
	if (argc < 2) {
		fputs(USAGE, stderr);
		return EXIT_USAGE;
	}
	const char *cmd = argv[1];
	/* messages in the default lang's language until the config says
	 * otherwise (config.c); `new` never reads the config */
	msg_set_lang("ja");
	if (!strcmp(cmd, "build"))
		return cmd_build(argc - 2, argv + 2);
	if (!strcmp(cmd, "check"))
		return cmd_check(argc - 2, argv + 2);
	if (!strcmp(cmd, "serve"))
		return cmd_serve(argc - 2, argv + 2);
	if (!strcmp(cmd, "new")) {
		if (argc != 4) {
			fputs(HELP_NEW, stderr);
			return EXIT_USAGE;
		}
		return scaffold_new(".", argv[2], argv[3]);
	}
	if (!strcmp(cmd, "version") || !strcmp(cmd, "--version")) {
		printf("shirube %s\n", SHIRUBE_VERSION);
		return EXIT_OK;
	}
	if (!strcmp(cmd, "help") || !strcmp(cmd, "--help") || !strcmp(cmd, "-h")) {
		if (argc > 2 && !strcmp(argv[2], "build"))
			fputs(HELP_BUILD, stdout);
		else if (argc > 2 && !strcmp(argv[2], "check"))
			fputs(HELP_CHECK, stdout);
		else if (argc > 2 && !strcmp(argv[2], "new"))
			fputs(HELP_NEW, stdout);
		else if (argc > 2 && !strcmp(argv[2], "serve"))
			fputs(HELP_SERVE, stdout);
		else if (argc > 2 && strcmp(argv[2], "version") && strcmp(argv[2], "help")) {
			diag(DIAG_ERROR, pos_at(NULL, 0, 0), "no such command '%s'", argv[2]);
			return EXIT_USAGE;
		} else
			fputs(USAGE, stdout);
		return EXIT_OK;
	}
	diag(DIAG_ERROR, pos_at(NULL, 0, 0), "unknown command '%s'", cmd);
	fputs(USAGE, stderr);
	return EXIT_USAGE;
}

# shirube: `make` installs what is missing, builds ./shirube and the site;
# `make test` runs every test suite. See README.md.

CC      ?= cc
PKGS     = libcmark-gfm libyaml-0.1 lua5.4 tidy libutf8proc
CFLAGS  ?= -O2 -g
WARN     = -std=c11 -D_GNU_SOURCE -Wall -Wextra $(if $(CI),-Werror)
CPPFLAGS = -Igenerator -I/usr/include/lua5.4 -isystem /usr/include/tidy
LIBS     = -lgit2 -lmicrohttpd -lcmark-gfm-extensions -lcmark-gfm -lyaml -llua5.4 -ltidy -lutf8proc -lm -lpthread

SRC  = generator/util.c generator/value.c generator/diag.c generator/yamlvalue.c \
       generator/markdown.c generator/autolink.c generator/mustache.c generator/search.c \
       generator/validate.c generator/scaffold.c generator/serve.c \
       generator/site.c generator/config.c generator/load.c generator/resolve.c generator/editorial.c generator/links.c generator/messages.c generator/crosslink.c \
       generator/gitinfo.c generator/generate.c generator/hooks.c generator/luapat.c generator/publish.c generator/render.c \
       generator/index.c generator/write.c generator/build.c
MAIN = generator/main.c
HDR  = $(wildcard generator/*.h)
OBJ  = $(SRC:generator/%.c=build/%.o)
ASAN_OBJ = $(SRC:generator/%.c=build/asan/%.o)
ASAN = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined -DSHIRUBE_FREE_ALL

UNIT = $(patsubst tests/unit/%.c,%,$(wildcard tests/unit/test_*.c))

.PHONY: quick quick-cases messages publish-test editorial hardening parallel all deps test-deps site publish test unit spec regress bad-input kill check lua content browser regen bench valgrind fuzz fuzz-regress clean

all: site

deps:
	@scripts/deps.sh build

test-deps:
	@scripts/deps.sh test

shirube: deps $(OBJ) build/main.o
	$(CC) $(CFLAGS) -o $@ $(OBJ) build/main.o $(LIBS)

build/%.o: generator/%.c $(HDR)
	@mkdir -p build
	$(CC) $(WARN) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

build/asan/%.o: generator/%.c $(HDR)
	@mkdir -p build/asan
	$(CC) $(WARN) $(CPPFLAGS) $(ASAN) -c $< -o $@

build/asan/shirube: $(ASAN_OBJ) build/asan/main.o
	$(CC) $(ASAN) -o $@ $^ $(LIBS)

build/asan/test_%: tests/unit/test_%.c $(ASAN_OBJ)
	$(CC) $(WARN) $(CPPFLAGS) $(ASAN) -o $@ $^ $(LIBS) -lcmocka

build/asan/mustache_spec: tests/unit/mustache_spec.c $(ASAN_OBJ)
	$(CC) $(WARN) $(CPPFLAGS) $(ASAN) -o $@ $^ $(LIBS)

# An unsanitized -O1 build for valgrind (memcheck cannot run ASan binaries).
VG_OBJ = $(SRC:generator/%.c=build/valgrind/%.o)
build/valgrind/%.o: generator/%.c $(HDR)
	@mkdir -p build/valgrind
	$(CC) $(WARN) $(CPPFLAGS) -O1 -g -DSHIRUBE_FREE_ALL -c $< -o $@

build/valgrind/shirube: $(VG_OBJ) build/valgrind/main.o
	$(CC) -O1 -g -o $@ $^ $(LIBS)

site: shirube
	./shirube build

# Every suite runs on the sanitizer build (ASan + UBSan + LeakSanitizer).
test: test-deps shirube build/asan/shirube
	@$(MAKE) --no-print-directory unit spec regress bad-input messages hardening publish-test editorial kill check lua content parallel browser fuzz-regress
	@echo "make test: all suites passed"

# The fast, most telling suites on the sanitizer build, in about a minute
# (tests/README.md has the figures): unit, spec, regress, check, hardening,
# the content without the browser, then the bad-input, good-input and Lua
# cases with LeakSanitizer off, without the peak-memory runs of the
# unsanitized build, and without the cases that run into a time or memory
# bound (QUICK_SKIP: about a second or more each). `make test` is the full run.
QUICK_SKIP ?= markdown-too-many-headings long-line-1mb \
	sandbox-gc-stop sandbox-deep-recursion sandbox-string-doubling sandbox-pattern-backtrack \
	sandbox-markdown-memory
quick: test-deps shirube build/asan/shirube
	@$(MAKE) --no-print-directory unit spec regress check hardening content quick-cases
	@echo "make quick: all quick suites passed (make test runs everything)"

quick-cases: build/asan/shirube
	@ASAN_OPTIONS=detect_leaks=0 SKIP="$(QUICK_SKIP)" tests/bad-input.sh build/asan/shirube
	@ASAN_OPTIONS=detect_leaks=0 SKIP="$(QUICK_SKIP)" tests/lua.sh build/asan/shirube

unit: $(UNIT:%=build/asan/%)
	@python3 tests/messages-lint.py
	@for t in $^; do echo "== $$t"; $$t || exit 1; done

# Every bad-input case in English and in Japanese (tests/messages-test.py).
messages: build/asan/shirube
	@python3 tests/messages-test.py build/asan/shirube

SPEC_DIR ?= tests/spec/mustache
JSP_DIR ?= tests/corpus/js-primer
spec: build/asan/mustache_spec
	build/asan/mustache_spec $(SPEC_DIR)/comments.yml $(SPEC_DIR)/delimiters.yml \
	  $(SPEC_DIR)/interpolation.yml $(SPEC_DIR)/inverted.yml $(SPEC_DIR)/partials.yml \
	  $(SPEC_DIR)/sections.yml $(SPEC_DIR)/~inheritance.yml

regress: build/asan/shirube
	@tests/regress.sh build/asan/shirube

regen: shirube
	@REGEN=1 tests/regress.sh ./shirube

check: build/asan/shirube
	@tests/check.sh build/asan/shirube
	@tests/lang-en.sh build/asan/shirube

# Hostile input (tests/bad-input/) and odd but valid input (tests/good-input/);
# peak memory measured on the unsanitized ./shirube. tests/bounds.sh: big input
# (200,000 headings, a 20,000-step journey; a million list items refused) on
# the plain build within 15 s and 1 GB.
bad-input: build/asan/shirube shirube
	@tests/bad-input.sh build/asan/shirube ./shirube
	@tests/bounds.sh ./shirube

# Attacks that need more than a case directory: --out links, serve's
# output, CSV formulas, commit messages (tests/hardening.sh).
hardening: build/asan/shirube
	@tests/hardening.sh build/asan/shirube

# Nothing lost: 20 builds SIGKILLed at random moments (tests/kill.sh).
kill: build/asan/shirube
	@tests/kill.sh build/asan/shirube 20

# Same bytes on one core and on all: js-primer x3 with the Markdown helper
# process and the index threads, against SHIRUBE_THREADS=1 (tests/parallel.sh).
parallel: shirube
	@tests/parallel.sh ./shirube

# Lua hooks: one test per API function and the sandbox escapes (tests/lua/).
lua: shirube build/asan/shirube
	@tests/lua.sh build/asan/shirube ./shirube

# The real content, built by the sanitizer binary, checked by tests/content-test.py.
content: build/asan/shirube
	@rm -rf build/test-site
	build/asan/shirube build --out build/test-site
	build/asan/shirube check --strict
	cd tests/regress/basic/input && ../../../../build/asan/shirube check
	tests/content-test.py build/test-site
	tests/style-test.py

# Browser tests: Debian's chromium via playwright-core, nginx on 127.0.0.1.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

# tests/xss (script payloads in every field) is built with a copy of the
# shipped hooks, whose pages show content too (tests/browser/xss.test.js).
browser: build/asan/shirube node_modules/.package-lock.json
	@rm -rf build/browser-site build/jsp-site build/xss-site build/xss-project tests/out
	build/asan/shirube build --out build/browser-site
	build/asan/shirube build --content $(JSP_DIR) --out build/jsp-site
	cp -R tests/xss build/xss-project && cp content/hooks/*.lua build/xss-project/content/hooks/
	cd build/xss-project && ../asan/shirube build --out ../xss-site
	node --test tests/search/ tests/browser/

# valgrind memcheck over a full build and check of the real content (not
# part of make test: it takes a while): no errors, no leaks.
VALGRIND = valgrind -q --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect,possible
valgrind: test-deps build/valgrind/shirube
	@rm -rf build/valgrind-site
	$(VALGRIND) build/valgrind/shirube build --out build/valgrind-site
	$(VALGRIND) build/valgrind/shirube check --strict
	@echo "valgrind: clean"

# Fuzzing: libFuzzer harnesses (tests/fuzz/fuzz_NAME.c) built with clang
# over instrumented generator objects. `make fuzz` runs each harness of
# FUZZ_TARGETS for FUZZ_SECONDS (corpus in build/fuzz/corpus/NAME, seeded
# from tests/fuzz/seeds/NAME; crashes in build/fuzz/crashes/NAME);
# `make fuzz-regress` (part of make test) runs every seed and every crash
# ever found (tests/fuzz/regress/NAME) once.
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 600
FUZZ_NAMES    = frontmatter mustache search autolink journey
FUZZ_TARGETS ?= $(FUZZ_NAMES)
FUZZ_SAN = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
FUZZ_OBJ = $(SRC:generator/%.c=build/fuzz/%.o)
.SECONDARY: $(FUZZ_OBJ)

build/fuzz/%.o: generator/%.c $(HDR)
	@mkdir -p build/fuzz
	$(FUZZ_CC) $(WARN) $(CPPFLAGS) $(FUZZ_SAN) -fsanitize=fuzzer-no-link -c $< -o $@

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_OBJ)
	$(FUZZ_CC) $(WARN) $(CPPFLAGS) $(FUZZ_SAN) -fsanitize=fuzzer -o $@ $^ $(LIBS)

fuzz: test-deps $(FUZZ_TARGETS:%=build/fuzz/fuzz_%)
	@FUZZ_SECONDS=$(FUZZ_SECONDS) tests/fuzz/fuzz.sh $(FUZZ_TARGETS)

fuzz-regress: $(FUZZ_NAMES:%=build/fuzz/fuzz_%)
	@tests/fuzz/regress.sh $(FUZZ_NAMES)

# Publishing: build, check, then upload site/ to DEST (rsync over ssh or a
# local path) with scripts/publish.sh: refuses a non-empty DEST that holds no
# marker of an earlier publish (FORCE=1 to publish there anyway), lists the
# changes only with DRY_RUN=1, uploads beside DEST and switches (ATOMIC=0:
# in place). See docs/publishing.md.
#   make publish DEST=user@host:/var/www/guides/ [BASE_URL=https://example.org/guides/] [DRY_RUN=1] [FORCE=1] [ATOMIC=0]
publish: shirube
	@test -n "$(DEST)" || { echo "usage: make publish DEST=user@host:/path/ [BASE_URL=https://...] [DRY_RUN=1] [FORCE=1] [ATOMIC=0]" >&2; exit 2; }
	./shirube build $(if $(BASE_URL),--base-url "$(BASE_URL)")
	./shirube check --quiet $(if $(BASE_URL),--base-url "$(BASE_URL)")
	@FORCE="$(FORCE)" DRY_RUN="$(DRY_RUN)" ATOMIC="$(ATOMIC)" scripts/publish.sh site "$(DEST)"

# scripts/publish.sh against local destinations, and the shell steps of the
# CI samples in docs/ci/ (tests/publish.sh).
publish-test: shirube
	@tests/publish.sh ./shirube

# The git history: shallow and unreadable repositories warn; the changes
# page and the feed list editorial changes only; drafts (tests/editorial.sh).
editorial: build/asan/shirube
	@tests/editorial.sh build/asan/shirube

# Benchmarks (not part of make test): writes docs/BENCHMARKS.md.
bench: shirube test-deps
	@scripts/deps.sh bench
	bench/run.sh

clean:
	rm -rf build shirube site site.tmp-* tests/out

# shirube: `make` installs what is missing, builds ./shirube and the site;
# `make test` runs every test suite. See README.md.

CC      ?= cc
PKGS     = libcmark-gfm libyaml-0.1 lua5.4 tidy libutf8proc
CFLAGS  ?= -O2 -g
WARN     = -std=c11 -D_GNU_SOURCE -Wall -Wextra $(if $(CI),-Werror)
CPPFLAGS = -Igenerator -I/usr/include/lua5.4 -isystem /usr/include/tidy
LIBS     = -lcmark-gfm-extensions -lcmark-gfm -lyaml -llua5.4 -ltidy -lutf8proc -lm -lpthread

SRC  = generator/util.c generator/value.c generator/diag.c generator/yamlvalue.c \
       generator/markdown.c generator/autolink.c generator/mustache.c generator/load.c \
       generator/resolve.c generator/crosslink.c generator/render.c generator/validate.c generator/search.c generator/index.c
MAIN = generator/main.c
HDR  = $(wildcard generator/*.h)
OBJ  = $(SRC:generator/%.c=build/%.o)
ASAN_OBJ = $(SRC:generator/%.c=build/asan/%.o)
ASAN = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

UNIT = $(patsubst tests/unit/%.c,%,$(wildcard tests/unit/test_*.c))

.PHONY: all deps test-deps site test unit spec regress bad-input lua content browser regen bench clean

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

site: shirube
	./shirube build

# Every suite runs on the sanitizer build (ASan + UBSan + LeakSanitizer).
test: test-deps shirube build/asan/shirube
	@$(MAKE) --no-print-directory unit spec regress bad-input content browser
	@echo "make test: all suites passed"

unit: $(UNIT:%=build/asan/%)
	@for t in $^; do echo "== $$t"; $$t || exit 1; done

SPEC_DIR ?= tests/spec/mustache
JSP_DIR ?= ../shared/corpus/js-primer
spec: build/asan/mustache_spec
	build/asan/mustache_spec $(SPEC_DIR)/comments.yml $(SPEC_DIR)/delimiters.yml \
	  $(SPEC_DIR)/interpolation.yml $(SPEC_DIR)/inverted.yml $(SPEC_DIR)/partials.yml \
	  $(SPEC_DIR)/sections.yml $(SPEC_DIR)/~inheritance.yml

regress: build/asan/shirube
	@tests/regress.sh build/asan/shirube

regen: shirube
	@REGEN=1 tests/regress.sh ./shirube

bad-input: build/asan/shirube
	@tests/bad-input.sh build/asan/shirube

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

# Browser tests: Debian's chromium via playwright-core, nginx on 127.0.0.1.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

browser: build/asan/shirube node_modules/.package-lock.json
	@rm -rf build/browser-site build/jsp-site tests/out
	build/asan/shirube build --out build/browser-site
	build/asan/shirube build --content $(JSP_DIR) --out build/jsp-site
	node --test tests/search/ tests/browser/

# Benchmarks (not part of make test): writes docs/BENCHMARKS.md.
bench: shirube test-deps
	bench/run.sh

clean:
	rm -rf build shirube site site.tmp-* tests/out

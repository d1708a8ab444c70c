# site-gen: build, publish and test.   make site | make test | make help
.DEFAULT_GOAL := site
SHELL := /bin/bash

VERSION := 0.1.0
CC ?= cc
PKGS := libcmark libcjson libgit2 yaml-0.1 libmicrohttpd
BUILD_DEBS := gcc make pkg-config libcmark-dev libcsv-dev libcjson-dev \
	libgit2-dev libyaml-dev libmicrohttpd-dev
TEST_DEBS := python3 git libxml2-utils clang chromium nodejs npm

# Evaluated lazily, after the dependency check has installed pkg-config.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS = $(shell pkg-config --libs $(PKGS)) -lcsv -lpthread -lm
WARN := -Wall -Wextra -Werror -Wformat=2 -Wshadow -Wstrict-prototypes
CFLAGS ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE -DSG_VERSION='"$(VERSION)"' $(WARN) \
	$(CFLAGS) $(PKG_CFLAGS) -Isite-gen -MMD -MP
SAN := -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=undefined

SRC := $(filter-out site-gen/main.c,$(wildcard site-gen/*.c))
OBJ := $(SRC:site-gen/%.c=build/obj/%.o)
ASAN_OBJ := $(SRC:site-gen/%.c=build/asan/obj/%.o)
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT := $(UNIT_SRC:tests/unit/%.c=build/tests/%)
ASAN_UNIT := $(UNIT_SRC:tests/unit/%.c=build/asan/tests/%)

# Ensure Debian packages: install them when root, else name them and stop.
define ensure_debs
@missing=""; for p in $(1); do \
	dpkg-query -W -f='$${Status}\n' "$$p" 2>/dev/null | grep -q 'ok installed' \
		|| missing="$$missing $$p"; done; \
if [ -n "$$missing" ]; then \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "installing Debian packages:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq --no-install-recommends $$missing >/dev/null \
		|| { echo "error: could not install:$$missing"; exit 1; }; \
	else echo "error: missing Debian packages:$$missing (sudo apt-get install$$missing)"; exit 1; fi; \
fi
endef

.PHONY: site test deps test-deps clean help check bench demo fuzz install hooks
help:
	@echo "make site   build site-gen and publish content/ into public/"
	@echo "make test   build and run every test"
	@echo "make clean  remove build/ and public/"

build/.deps: Makefile
	$(call ensure_debs,$(BUILD_DEBS))
	@mkdir -p build && touch $@
deps: build/.deps

build/.test-deps: Makefile tests/package.json tests/package-lock.json
	$(call ensure_debs,$(TEST_DEBS))
	cd tests && npm ci --no-audit --no-fund --loglevel=error
	@touch $@
test-deps: build/.test-deps

build/obj/%.o: site-gen/%.c build/.deps
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c $< -o $@
build/asan/obj/%.o: site-gen/%.c build/.deps
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -O1 $(SAN) -c $< -o $@

build/libsitegen.a: $(OBJ)
	ar rcs $@ $^
build/asan/libsitegen.a: $(ASAN_OBJ)
	ar rcs $@ $^

build/site-gen: build/obj/main.o build/libsitegen.a
	$(CC) $(CFLAGS) $^ -o $@ $(PKG_LIBS)
build/asan/site-gen: build/asan/obj/main.o build/asan/libsitegen.a
	$(CC) $(CFLAGS) $(SAN) $^ -o $@ $(PKG_LIBS)

build/tests/%: tests/unit/%.c build/libsitegen.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itests/unit $< build/libsitegen.a -o $@ $(PKG_LIBS)
build/asan/tests/%: tests/unit/%.c build/asan/libsitegen.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -O1 $(SAN) -Itests/unit $< build/asan/libsitegen.a -o $@ $(PKG_LIBS)

site: build/site-gen
	build/site-gen build --content content --theme themes/default --out public
	@echo "Site published: open public/index.html (or serve public/ with any web server)"

check: build/site-gen
	build/site-gen check --content content

test: build/site-gen build/asan/site-gen $(UNIT) $(ASAN_UNIT) build/.test-deps
	tests/run

clean:
	rm -rf build public

-include $(OBJ:.o=.d) $(ASAN_OBJ:.o=.d) build/obj/main.d build/asan/obj/main.d

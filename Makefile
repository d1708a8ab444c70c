# site-gen: build, publish and test.   make site | make test | make help
.DEFAULT_GOAL := site
SHELL := /bin/bash

# The version: a release tarball's VERSION file (make dist), else git
# describe (the newest tag vX.Y.Z and the commits since, else the release
# below and the commit), else the release below. `site-gen --version`.
RELEASE := 0.1.0
VERSION := $(shell if [ -f VERSION ]; then cat VERSION; \
	elif d=$$(git describe --tags --match 'v[0-9]*' 2>/dev/null); then echo "$${d#v}"; \
	elif h=$$(git rev-parse --short HEAD 2>/dev/null); then echo "$(RELEASE)+g$$h"; \
	else echo "$(RELEASE)"; fi)
CC ?= cc
PKGS := libcmark libcjson libgit2 yaml-0.1 libmicrohttpd libutf8proc \
	xlsxwriter libzip libxml-2.0 libexif nettle opencc sqlite3
BUILD_DEBS := gcc make pkg-config libcmark-dev libcsv-dev libcjson-dev \
	libgit2-dev libyaml-dev libmicrohttpd-dev libutf8proc-dev \
	libxlsxwriter-dev libzip-dev libxml2-dev libexif-dev nettle-dev \
	libopencc-dev libsqlite3-dev
TEST_DEBS := python3 python3-yaml git debhelper dpkg-dev lintian libxml2-utils clang chromium valgrind curl man-db groff-base \
	openjdk-17-jre-headless trang fonts-wqy-microhei \
	python3-openpyxl libreoffice-calc-nogui python3-pil libimage-exiftool-perl \
	opencc sqlite3

# Evaluated lazily, after the dependency check has installed pkg-config.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS = $(shell pkg-config --libs $(PKGS)) -lcsv -lpthread -lm
# make mutate builds with WERROR= (a planted bug often leaves a variable unused).
WERROR := -Werror
WARN := -Wall -Wextra $(WERROR) -Wformat=2 -Wshadow -Wstrict-prototypes
CFLAGS ?= -O2 -g
ALL_CFLAGS = $(CPPFLAGS) -std=c11 -D_GNU_SOURCE -DSG_VERSION='"$(VERSION)"' $(WARN) \
	$(CFLAGS) $(PKG_CFLAGS) $(STAGES:%=-Isite-gen/%) -MMD -MP
SAN := -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=undefined

# site-gen/<stage>/: a stage includes only its own and earlier stages' headers
# (tests/tools/module_graph.py; docs/architecture.md).
STAGES := core lib content history data site cmd
SRC := $(filter-out site-gen/cmd/main.c,$(wildcard $(STAGES:%=site-gen/%/*.c)))
OBJ := $(SRC:site-gen/%.c=build/obj/%.o)
ASAN_OBJ := $(SRC:site-gen/%.c=build/asan/obj/%.o)
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT := $(UNIT_SRC:tests/unit/%.c=build/tests/%)
ASAN_UNIT := $(UNIT_SRC:tests/unit/%.c=build/asan/tests/%)
# Fuzz targets tests/fuzz/fuzz_<name>.c: libFuzzer builds (clang, make fuzz)
# and replay builds (cc + sanitizers, run by make test on saved inputs).
FUZZ_NAMES := $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_TARGETS ?= $(FUZZ_NAMES)
FUZZ_SECONDS ?= 60
FUZZ_OBJ := $(SRC:site-gen/%.c=build/fuzz/obj/%.o)
REPLAY := $(FUZZ_NAMES:%=build/asan/fuzz/fuzz_%)
# make coverage: everything again, unoptimised and instrumented, in build/cov/.
COV := -O0 --coverage -fprofile-update=atomic
COV_OBJ := $(SRC:site-gen/%.c=build/cov/obj/%.o)
COV_UNIT := $(UNIT_SRC:tests/unit/%.c=build/cov/tests/%)
COV_REPLAY := $(FUZZ_NAMES:%=build/cov/fuzz/fuzz_%)

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

.PHONY: site test deps test-deps node-debs clean help check bench demo fuzz install hooks serve \
	coverage mutate dist deb version FORCE
help:
	@echo "make site   build site-gen and publish content/ into public/"
	@echo "make test   build and run every test"
	@echo "make coverage  run every test on an instrumented build; line and branch report"
	@echo "make mutate [MUTANTS='tests/mutants/x.patch …']  plant each mutant, count those the tests kill"
	@echo "make clean  remove build/ and public/"
	@echo "make serve  preview the site at http://127.0.0.1:1313/ while editing"
	@echo "make hooks  check the content before every git commit"
	@echo "make install [PREFIX=/usr/local]  install site-gen, its manual, theme and hook"
	@echo "make dist   the release tarball build/site-gen-VERSION.tar.gz"
	@echo "make deb    the Debian package build/site-gen_VERSION_ARCH.deb"

build/.deps: Makefile
	$(call ensure_debs,$(BUILD_DEBS))
	@mkdir -p build && touch $@
deps: build/.deps

build/.test-deps: Makefile tests/package.json tests/package-lock.json
	$(call ensure_debs,$(TEST_DEBS))
	@command -v npm >/dev/null || $(MAKE) --no-print-directory node-debs
	cd tests && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@
test-deps: build/.test-deps
# Node.js may come from elsewhere than Debian (with its own npm); install
# Debian's only when there is no npm at all.
node-debs:
	$(call ensure_debs,nodejs npm)

# The objects that hold the version are rebuilt when it changes.
build/version: FORCE
	@mkdir -p build
	@echo '$(VERSION)' | cmp -s - $@ || echo '$(VERSION)' >$@
$(foreach d,obj asan/obj cov/obj fuzz/obj,build/$(d)/cmd/main.o build/$(d)/cmd/incr.o): build/version

build/obj/%.o: site-gen/%.c | build/.deps
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c $< -o $@
build/asan/obj/%.o: site-gen/%.c | build/.deps
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -O1 $(SAN) -c $< -o $@

build/libsitegen.a: $(OBJ)
	ar rcs $@ $^
build/asan/libsitegen.a: $(ASAN_OBJ)
	ar rcs $@ $^

build/site-gen: build/obj/cmd/main.o build/libsitegen.a
	$(CC) $(CFLAGS) $(LDFLAGS) $^ -o $@ $(PKG_LIBS)
build/asan/site-gen: build/asan/obj/cmd/main.o build/asan/libsitegen.a
	$(CC) $(CFLAGS) $(SAN) $^ -o $@ $(PKG_LIBS)

build/tests/%: tests/unit/%.c build/libsitegen.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itests/unit $< build/libsitegen.a -o $@ $(PKG_LIBS)
build/asan/tests/%: tests/unit/%.c build/asan/libsitegen.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -O1 $(SAN) -Itests/unit $< build/asan/libsitegen.a -o $@ $(PKG_LIBS)

build/fuzz/obj/%.o: site-gen/%.c build/.deps
	@mkdir -p $(@D)
	clang $(ALL_CFLAGS) -O1 $(SAN) -fsanitize=fuzzer-no-link -c $< -o $@
build/fuzz/libsitegen.a: $(FUZZ_OBJ)
	ar rcs $@ $^
build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h build/fuzz/libsitegen.a
	clang $(ALL_CFLAGS) -O1 $(SAN) -fsanitize=fuzzer $< build/fuzz/libsitegen.a -o $@ $(PKG_LIBS)
build/asan/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c tests/fuzz/fuzz.h build/asan/libsitegen.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -O1 $(SAN) $< tests/fuzz/replay.c build/asan/libsitegen.a -o $@ $(PKG_LIBS)

build/cov/obj/%.o: site-gen/%.c | build/.deps
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(COV) -c $< -o $@
build/cov/libsitegen.a: $(COV_OBJ)
	ar rcs $@ $^
build/cov/site-gen: build/cov/obj/cmd/main.o build/cov/libsitegen.a
	$(CC) $(COV) $^ -o $@ $(PKG_LIBS)
build/cov/tests/%: tests/unit/%.c build/cov/libsitegen.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(COV) -Itests/unit $< build/cov/libsitegen.a -o $@ $(PKG_LIBS)
build/cov/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c tests/fuzz/fuzz.h build/cov/libsitegen.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(COV) $< tests/fuzz/replay.c build/cov/libsitegen.a -o $@ $(PKG_LIBS)

# make fuzz [FUZZ_SECONDS=N] [FUZZ_TARGETS="csv md"]: run each target N s.
fuzz: $(FUZZ_TARGETS:%=build/fuzz/fuzz_%)
	tests/fuzz/run $(FUZZ_SECONDS) $(FUZZ_TARGETS)

site: build/site-gen
	build/site-gen build --content content --theme themes/default --out public
	@echo "Site published: open public/index.html (or serve public/ with any web server)"

check: build/site-gen
	build/site-gen check --content content

serve: build/site-gen
	build/site-gen serve --content content --theme themes/default --out public

test: build/site-gen build/asan/site-gen $(UNIT) $(ASAN_UNIT) $(REPLAY) build/.test-deps
	tests/run

# make coverage: the whole test run on the instrumented build (its "ASan"
# programs too), then gcovr's line and branch report per file of site-gen/,
# also as HTML in build/cov/report/ (docs/testing.md).
COVERAGE_DEBS := gcovr
coverage: build/cov/site-gen $(COV_UNIT) $(COV_REPLAY) build/.test-deps
	$(call ensure_debs,$(COVERAGE_DEBS))
	find build/cov -name '*.gcda' -delete
	-SITE_GEN_COVERAGE=1 SITE_GEN=build/cov/site-gen SITE_GEN_ASAN=build/cov/site-gen \
		UNIT_TESTS=build/cov/tests UNIT_TESTS_ASAN=build/cov/tests \
		FUZZ_REPLAY=build/cov/fuzz tests/run >build/cov/tests.log 2>&1; \
		tail -n 2 build/cov/tests.log
	@mkdir -p build/cov/report
	gcovr --root . --filter 'site-gen/' --object-directory build/cov \
		--exclude-unreachable-branches \
		--json-summary build/cov/coverage.json \
		--html-details build/cov/report/index.html build/cov
	tests/tools/coverage_table.py build/cov/coverage.json

# make mutate: each patch in tests/mutants/ planted in a copy of the tree,
# built, and tested by the suites it names (docs/testing.md). Not part of
# make test: it takes about 15 minutes on 2 cores.
MUTANTS ?= $(wildcard tests/mutants/*.patch)
mutate: build/.test-deps $(REPLAY)
	@tests/tools/mutate.py $(MUTANTS)

# A throwaway git repository with a scripted year of sample progress, built
# into build/demo/public/ (needs python3 and git).
demo: build/site-gen
	tests/demo/make-demo.py

clean:
	rm -rf build public

# make install [PREFIX=/usr/local] [DESTDIR=…]: the program, its manual,
# the default theme (which site-gen finds there when ./themes/default is
# absent) and the pre-commit hook (PREFIX/share/site-gen/pre-commit.sh).
PREFIX ?= /usr/local
SHARE := $(DESTDIR)$(PREFIX)/share/site-gen
install: build/site-gen
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
		$(SHARE)/themes
	install -m 755 build/site-gen $(DESTDIR)$(PREFIX)/bin/site-gen
	install -m 644 docs/site-gen.1 $(DESTDIR)$(PREFIX)/share/man/man1/site-gen.1
	install -m 755 site-gen/pre-commit.sh $(SHARE)/pre-commit.sh
	rm -rf $(SHARE)/themes/default
	cp -R themes/default $(SHARE)/themes/default

# make dist: build/site-gen-VERSION.tar.gz, the committed tree (git
# archive of HEAD) and a VERSION file, which it builds and tests from
# alone. make deb: the Debian package (debian/), built by
# dpkg-buildpackage from that tarball unpacked in build/deb/, copied to
# build/; nothing is written outside build/.
DIST := build/site-gen-$(VERSION).tar.gz
dist: $(DIST)
$(DIST): FORCE
	@mkdir -p build/dist
	echo '$(VERSION)' >build/dist/VERSION
	git archive --format=tar --prefix=site-gen-$(VERSION)/ \
		--add-file=build/dist/VERSION HEAD | gzip -n9 >$@.tmp
	mv $@.tmp $@
	@echo "Release tarball: $@"
version:
	@echo '$(VERSION)'
DEB_DEBS := debhelper dpkg-dev
deb: $(DIST)
	$(call ensure_debs,$(DEB_DEBS) $(BUILD_DEBS))
	rm -rf build/deb && mkdir -p build/deb
	tar -xzf $(DIST) -C build/deb
	sed -i '1s/([^)]*)/($(VERSION))/' build/deb/site-gen-$(VERSION)/debian/changelog
	cd build/deb/site-gen-$(VERSION) && dpkg-buildpackage -us -uc -b
	rm -f build/site-gen_*.deb
	cp build/deb/site-gen_$(VERSION)_*.deb build/
	@echo "Debian package: $$(ls build/site-gen_*.deb)"

# make bench [BENCH_TASKS=N BENCH_COMMITS=C BENCH_RUNS=R BENCH_SEED=S]:
# time site-gen on a synthetic repository (docs/performance.md), generated
# once into build/bench/ and reused.
BENCH_TASKS ?= 1000
BENCH_COMMITS ?= 200
BENCH_RUNS ?= 3
BENCH_SEED ?= 1
BENCH_REPO := build/bench/repo-$(BENCH_TASKS)-$(BENCH_COMMITS)-$(BENCH_SEED)
$(BENCH_REPO):
	@mkdir -p build/bench
	bench/gen-repo.py $@ --tasks $(BENCH_TASKS) --commits $(BENCH_COMMITS) \
		--seed $(BENCH_SEED)
bench: build/site-gen $(BENCH_REPO)
	bench/plan.sh
	bench/run.sh $(BENCH_REPO) $(BENCH_RUNS) $(BENCH_REPO).json

# make hooks: check the staged content before every commit (docs/workflow.md).
hooks: build/site-gen
	install -m 755 site-gen/pre-commit.sh "$$(git rev-parse --git-path hooks)/pre-commit"
	@echo "Installed the pre-commit hook: commits now run site-gen check."

-include $(OBJ:.o=.d) $(ASAN_OBJ:.o=.d) $(FUZZ_OBJ:.o=.d) $(COV_OBJ:.o=.d) \
	build/obj/cmd/main.d build/asan/obj/cmd/main.d build/cov/obj/cmd/main.d

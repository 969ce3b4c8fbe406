# Common Ground — build, run and test.
#   make run    installs what is missing, builds, migrates, loads the demo, serves
#   make test   installs test packages, builds with sanitizers, runs every suite
.SUFFIXES:

ifeq ($(origin CC),default)
CC := gcc
endif
PKGS    := libmicrohttpd sqlite3 libpq libsodium jansson libcurl libical libutf8proc libqrencode libcmark
WARN    := -Wall -Wextra -Werror -Wformat=2 -Wshadow -Wno-unused-parameter \
           -Wstrict-prototypes -Wmissing-prototypes
CFLAGS_BASE = -std=c11 -D_GNU_SOURCE -Isrc $(WARN) \
           -DCG_ROOT='"$(CURDIR)"' -Ibuild \
           $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LIBS     = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lstemmer -lpthread -lm
VERSION := $(shell git describe --always --dirty 2>/dev/null || echo dev)

SRC      := $(sort $(wildcard src/*/*.c))
MAIN_SRC := src/cmd/main.c
LIB_SRC  := $(filter-out $(MAIN_SRC),$(SRC))
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
FUZZ_SRC := $(sort $(wildcard fuzz/fuzz_*.c))

# Release build.
OBJ      := $(LIB_SRC:src/%.c=build/obj/%.o)
# Sanitizer build used by every test.
ASAN_CFLAGS = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
              -fno-sanitize-recover=undefined
ASAN_OBJ := $(LIB_SRC:src/%.c=build/asan/obj/%.o)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=build/asan/%)
FUZZ_BIN := $(FUZZ_SRC:fuzz/%.c=build/fuzz/%)
FUZZ_LIB := $(filter-out src/cmd/%,$(LIB_SRC))
FUZZ_OBJ := $(FUZZ_LIB:src/%.c=build/fuzz/obj/%.o)

# Message catalogs: each po/LANG.po is compiled into build/locale/LANG.mo,
# which the programs load (docs/internals/i18n.md); LANG is a BCP 47 tag
# (po/zh-Hans.po).
PO_SRC   := $(sort $(wildcard po/*.po))
MO       := $(PO_SRC:po/%.po=build/locale/%.mo)

.PHONY: all build run test unit fuzz fuzz-build bench lint clean deps i18n-check mutants FORCE

# Plain `make` builds the program.
.DEFAULT_GOAL := all

# The version is written only when it changes, so that `version` is rebuilt
# after a commit and nothing else is.
build/version.h: FORCE
	@mkdir -p build
	@v='#define CG_VERSION "$(VERSION)"'; [ "$$(cat $@ 2>/dev/null)" = "$$v" ] || echo "$$v" > $@
build/obj/cmd/version.o build/asan/obj/cmd/version.o: build/version.h

# The word lists of redaction, compiled into one table that
# src/domain/redact_lexicon.c links in (data/lexicon/README.md).
LEX_DICT_EN := /usr/share/dict/american-english
LEX_DICT_ES := /usr/share/dict/spanish
LEX_LISTS   := $(sort $(wildcard data/lexicon/*.txt))
build/mklexicon: tools/mklexicon.c
	@mkdir -p build
	$(CC) -std=c11 -D_GNU_SOURCE -O2 $(WARN) -o $@ $< $(shell pkg-config --cflags --libs libutf8proc 2>/dev/null)
# Every inflected Spanish form ("habló", "dolores"), which wspanish lacks.
build/gen/es-forms.txt: /usr/lib/aspell/es.multi
	@mkdir -p build/gen
	aspell -d es dump master | aspell -l es expand | tr ' ' '\n' > $@.tmp && mv $@.tmp $@
build/gen/lexicon.bin: build/mklexicon $(LEX_LISTS) $(LEX_DICT_EN) $(LEX_DICT_ES) build/gen/es-forms.txt
	@mkdir -p build/gen
	build/mklexicon $@ -f dict-en $(LEX_DICT_EN) -f dict-es $(LEX_DICT_ES) -f hashed-es build/gen/es-forms.txt \
	  $(foreach f,$(filter data/lexicon/given-%,$(LEX_LISTS)),-f given $(f)) \
	  $(foreach f,$(filter data/lexicon/family-%,$(LEX_LISTS)),-f family $(f)) \
	  $(foreach f,$(filter data/lexicon/places-%,$(LEX_LISTS)),-f place $(f))
build/obj/domain/redact_lexicon.o build/asan/obj/domain/redact_lexicon.o build/fuzz/obj/domain/redact_lexicon.o: build/gen/lexicon.bin

all build: build/commonground

# The catalogs are order-only: a changed translation rebuilds its .mo,
# not the program.
build/commonground: $(OBJ) build/obj/cmd/main.o | $(MO)
	$(CC) -o $@ $^ $(LIBS)

build/locale/%.mo: po/%.po
	@mkdir -p $(dir $@)
	msgfmt --check -o $@ $<

build/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_BASE) -O2 -g -MMD -MP -c -o $@ $<

build/asan/commonground: $(ASAN_OBJ) build/asan/obj/cmd/main.o | $(MO)
	$(CC) $(ASAN_CFLAGS) -o $@ $^ $(LIBS)

build/asan/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_BASE) $(ASAN_CFLAGS) -MMD -MP -c -o $@ $<

# The program with a stand-in for redaction's doubts, for the HTTP tests of
# the review only (tests/fake/doubts.c says why).
build/asan/commonground-doubts: $(ASAN_OBJ) build/asan/obj/cmd/main.o tests/fake/doubts.c | $(MO)
	$(CC) $(CFLAGS_BASE) $(ASAN_CFLAGS) -Wl,--wrap=redact_run -o $@ tests/fake/doubts.c $(ASAN_OBJ) build/asan/obj/cmd/main.o $(LIBS)

# Unit tests link every module but the command line.
TEST_OBJ := $(filter-out build/asan/obj/cmd/%,$(ASAN_OBJ))
build/asan/test_%: tests/unit/test_%.c $(TEST_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_BASE) -Itests $(ASAN_CFLAGS) -o $@ $< $(TEST_OBJ) $(LIBS) -lcmocka

build/fuzz/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	clang $(CFLAGS_BASE) -O1 -g -fsanitize=fuzzer-no-link,address,undefined -MMD -MP -c -o $@ $<

build/fuzz/fuzz_%: fuzz/fuzz_%.c $(FUZZ_OBJ)
	@mkdir -p $(dir $@)
	clang $(CFLAGS_BASE) -O1 -g -fsanitize=fuzzer,address,undefined -o $@ $< $(FUZZ_OBJ) $(LIBS)

deps:
	@bash scripts/deps.sh run

run:
	@bash scripts/deps.sh run
	@$(MAKE) --no-print-directory build
	@bash scripts/run.sh

unit: $(UNIT_BIN) build/asan/commonground build/asan/commonground-doubts $(MO)

fuzz-build: $(FUZZ_BIN)

test:
	@bash scripts/deps.sh run test
	@bash tests/run.sh

fuzz:
	@bash scripts/deps.sh run test
	@$(MAKE) --no-print-directory fuzz-build
	@bash fuzz/run.sh $${FUZZ_SECONDS:-300}

bench:
	@bash scripts/deps.sh run bench
	@$(MAKE) --no-print-directory build
	@bash bench/run.sh
	@bash bench/analyze/run.sh
	@node bench/redact/run.mjs

lint:
	@bash scripts/lint.sh

# Mutation testing (docs/internals/testing.md, "Mutants"): every mutant of
# tests/mutants.txt, 15 at a time, one run after the other.  Long: not part
# of `make test`.
mutants:
	@bash scripts/deps.sh run test
	@rm -f build/mutants.log
	@n=$$(grep -c '^name:' tests/mutants.txt); st=0; \
	for first in $$(seq 1 15 $$n); do bash scripts/mutants.sh $$first 15 || st=1; done; \
	echo "all mutants: $$(grep -c '^caught' build/mutants.log)/$$(wc -l < build/mutants.log) caught"; \
	grep '^survived' build/mutants.log | sed 's/^/  /'; exit $$st

# Every public string has its Spanish (GNU gettext's xgettext and msgcmp).
i18n-check:
	@bash scripts/i18n_check.sh

clean:
	rm -rf build

-include $(OBJ:.o=.d) $(ASAN_OBJ:.o=.d) $(FUZZ_OBJ:.o=.d)

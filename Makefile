# hamish - a terminal reader and annotator for Arabic documents.
#
# make          build ./hamish (installs missing Debian packages first)
# make run      build and open the draft resolution of the test corpus
# make check    every test; make check-asan: the same under ASan+UBSan;
#               make check-tsan: the threaded paths under ThreadSanitizer;
#               make fuzz: libFuzzer on the render pipeline, the PDF
#               path, the text importer, the reader's keys and mouse,
#               the keymap, theme and config parsers, notes import,
#               refs and addresses (clang)
# make bench    benchmarks against peers (fribidi, ...), see BENCHMARKS.md

PREFIX	?= /usr/local
BINDIR	?= $(PREFIX)/bin
MANDIR	?= $(PREFIX)/share/man
DATADIR	?= $(PREFIX)/share/hamish
DESTDIR	?=

CC	?= cc
PKGS	 = ncursesw fribidi icu-uc icu-i18n sqlite3 poppler-glib
OPT	?= -O2 -g
WARN	 = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	   -Wformat=2 -Wno-format-nonliteral
SAN	?=
SANFLAGS = $(if $(SAN),-fsanitize=$(SAN) -fno-omit-frame-pointer \
	   -fno-sanitize-recover=all)
# pkg-config runs lazily, after `deps` has had a chance to install it.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
# poppler-glib is not linked: doc-pdf.c loads it with the first PDF
# (dlopen), by the soname found here.
PKG_LIBS   = $(shell pkg-config --libs $(filter-out poppler-glib,$(PKGS)) \
	     2>/dev/null) -ldl -lm
PDF_LIB    = $(shell objdump -p "$$(pkg-config --variable=libdir \
	     poppler-glib 2>/dev/null)/libpoppler-glib.so" 2>/dev/null | \
	     sed -n 's/^ *SONAME *//p')
ALL_CFLAGS = -std=c11 -D_DEFAULT_SOURCE -pthread $(OPT) $(WARN) \
	   $(SANFLAGS) $(PKG_CFLAGS) $(if $(PDF_LIB),-DPDF_LIB='"$(PDF_LIB)"') \
	   $(CFLAGS)
ALL_LDFLAGS = -pthread $(SANFLAGS) $(LDFLAGS)

# Sanitizer builds live in their own tree so both can coexist.
B	 = build$(if $(SAN),-san)
LIB_SRC	 = $(filter-out src/main%.c,$(wildcard src/*.c))
CLI_OBJ	 = $(B)/main.o $(B)/main-notes.o $(B)/main-refs.o $(B)/main-diff.o
LIB_OBJ	 = $(LIB_SRC:src/%.c=$(B)/%.o) $(B)/builtin-data.o
DATA	 = $(wildcard keymaps/*.keys themes/*.theme)
UNIT_SRC = $(wildcard tests/unit/test-*.c)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(B)/%)
HAMISH	 = $(B)/hamish

.PHONY: all deps run check check-asan check-tsan fuzz check-deps check-man bench \
	install uninstall clean build-only

all: deps
	@$(MAKE) --no-print-directory build-only

build-only: $(HAMISH) hamish

hamish: $(HAMISH)
	@[ "$(B)" = build ] && ln -sf $(HAMISH) hamish || true

deps:
	@sh mk/deps.sh

$(B):
	@mkdir -p $(B)

$(B)/%.o: src/%.c src/*.h | $(B)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

# The keymaps and themes, compiled in (mk/embed.sh).
$(B)/builtin-data.c: $(DATA) mk/embed.sh | $(B)
	sh mk/embed.sh $(DATA) >$@.tmp && mv $@.tmp $@

$(B)/builtin-data.o: $(B)/builtin-data.c src/builtin.h
	$(CC) $(ALL_CFLAGS) -Isrc -c $< -o $@

$(HAMISH): $(CLI_OBJ) $(LIB_OBJ)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(B)/test-%: tests/unit/test-%.c tests/tap.h tests/child.h tests/corpus.h tests/keys.h \
	    tests/known.h tests/ui-fixture.h tests/warns.h tests/rnd.h $(LIB_OBJ) | $(B)
	$(CC) $(ALL_CFLAGS) -Isrc -Itests -o $@ $< $(LIB_OBJ) $(ALL_LDFLAGS) $(PKG_LIBS)

run: all
	./hamish tests/corpus/001_9cffd64b9ac82079.txt

check: deps
	@$(MAKE) --no-print-directory build-only
	@$(MAKE) --no-print-directory $(UNIT_BIN)
	@$(MAKE) --no-print-directory check-deps check-man
	@HAMISH=$(HAMISH) B=$(B) sh tests/run.sh

check-asan: deps
	@$(MAKE) --no-print-directory check SAN=address,undefined OPT="-O1 -g"

# libFuzzer (clang): tests/fuzz/fuzz-*.c for FUZZ_TIME seconds each.
FUZZ_TIME ?= 60
fuzz: deps
	@command -v clang >/dev/null || { echo "hamish: make fuzz needs" \
	    "clang: apt-get install clang" >&2; exit 1; }
	@$(MAKE) --no-print-directory B=build-fuzz CC=clang OPT="-O1 -g" \
	    SAN=address,undefined,fuzzer-no-link \
	    $(patsubst tests/fuzz/%.c,build-fuzz/%,$(wildcard tests/fuzz/fuzz-*.c))
	@for f in build-fuzz/fuzz-*; do mkdir -p build-fuzz/corpus-$${f##*/}; \
	    $$f -max_total_time=$(FUZZ_TIME) -max_len=4096 \
	    build-fuzz/corpus-$${f##*/} tests/corpus \
	    $$(ls -d tests/fuzz/seed-$${f##*/} 2>/dev/null) || exit 1; done

$(B)/fuzz-%: tests/fuzz/fuzz-%.c $(LIB_OBJ) | $(B)
	$(CC) $(ALL_CFLAGS) -Isrc -o $@ $< $(LIB_OBJ) -fsanitize=fuzzer \
	    $(ALL_LDFLAGS) $(PKG_LIBS)

# The config parser is main.c's own: fuzz-config.c includes it, and needs
# the other command-line objects.
$(B)/fuzz-config: tests/fuzz/fuzz-config.c src/main.c $(LIB_OBJ) \
	    $(filter-out $(B)/main.o,$(CLI_OBJ)) | $(B)
	$(CC) $(ALL_CFLAGS) -Isrc -o $@ $< $(LIB_OBJ) \
	    $(filter-out $(B)/main.o,$(CLI_OBJ)) -fsanitize=fuzzer \
	    $(ALL_LDFLAGS) $(PKG_LIBS)

# The threads of render --plain --jobs, diff (two imports at once) and
# the reader reading a PDF while it shows its first pages, under
# ThreadSanitizer.  G_SLICE: GLib's own allocator
# hands memory between threads under locks TSan cannot see (GLib is not
# instrumented); with malloc it can.
check-tsan: deps
	@$(MAKE) --no-print-directory build-only build-tsan/test-diff \
	    B=build-tsan SAN=thread OPT="-O1 -g"
	@HAMISH=build-tsan/hamish B=build-tsan G_SLICE=always-malloc \
	    SUITES="tests/e2e/render.sh tests/e2e/diff.sh tests/e2e/pdf.sh \
	    tests/e2e/pdf-reader.sh" \
	    TSAN_OPTIONS=halt_on_error=1 sh tests/run.sh

# Each library's headers appear in one module only (STYLE.md).
check-deps:
	@sh tests/check-deps.sh

check-man:
	@mandoc -T lint -W warning man/*.[0-9]

bench: all
	@sh tests/bench/run.sh

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
	    $(DESTDIR)$(MANDIR)/man5 \
	    $(DESTDIR)$(DATADIR)/keymaps $(DESTDIR)$(DATADIR)/themes
	install -m 755 $(HAMISH) $(DESTDIR)$(BINDIR)/hamish
	install -m 644 man/hamish.1 $(DESTDIR)$(MANDIR)/man1/hamish.1
	install -m 644 man/hamish-keys.5 man/hamish-theme.5 \
	    $(DESTDIR)$(MANDIR)/man5/
	for f in keymaps/*.keys themes/*.theme; do \
	    [ -f "$$f" ] && install -m 644 "$$f" $(DESTDIR)$(DATADIR)/$${f%%/*}/ \
	    || true; done

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/hamish $(DESTDIR)$(MANDIR)/man1/hamish.1 \
	    $(DESTDIR)$(MANDIR)/man5/hamish-keys.5 \
	    $(DESTDIR)$(MANDIR)/man5/hamish-theme.5
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build build-san build-tsan build-fuzz hamish

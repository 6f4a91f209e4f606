# Salient - a plain Makefile.
#
#   make            build build/salient-fcgi and build/salient
#   make test       every test layer from a clean clone (scripts/test)
#   make demo       a private stack with demo data on localhost (scripts/stack)
#   make stop       stop what `make demo` started
#   make asan       the same binaries with AddressSanitizer + UBSan in build-asan/
#   make bench      benchmarks, written to bench/RESULTS.md
#   make fuzz       libFuzzer targets, FUZZ_S seconds each (scripts/fuzz)
#   make chaos      faults under load (scripts/chaos), figures in bench/RESULTS.md
#   make install    PREFIX=/usr/local DESTDIR= SYSCONFDIR=/etc/salient

PREFIX     ?= /usr/local
SYSCONFDIR ?= /etc/salient
DATADIR    ?= $(PREFIX)/share/salient
DESTDIR    ?=
SHARED     ?= $(abspath ../shared)
BUILD      ?= build

CC      ?= cc
PKGS    := libmariadb json-c libcurl libsodium inih pangocairo cairo-pdf fontconfig xlsxwriter
CFLAGS  ?= -O2 -g
CFLAGS  += -std=gnu11 -Wall -Wextra -Werror -Wshadow -Wformat=2 -Wno-format-nonliteral \
           -Wstrict-prototypes -Wmissing-prototypes -fno-strict-aliasing \
           -D_FORTIFY_SOURCE=2 -fstack-protector-strong
CPPFLAGS += -D_GNU_SOURCE -Iinclude \
           -DSL_SYSCONFDIR='"$(SYSCONFDIR)"' -DSL_DATADIR='"$(DATADIR)"'
# The boundaries (DESIGN.md section 10 habit 9): a module's file sees the
# module API (include/) and its own folder, nothing of fcgi/ or of another
# module; the core sees fcgi/ (and each module's one exported struct,
# declared in fcgi/modules.c).  Tests see everything (they test the private parts).
# tests/source/boundaries.t checks the sources say the same.
ALL_INC     = -Ifcgi $(addprefix -I,$(MODULE_DIRS))
own_inc     = $(if $(filter modules/%,$<),-I$(dir $<),-Ifcgi)
# expanded in the recipes only, so after deps: a missing package is named
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   = $(shell pkg-config --libs $(PKGS))
LDLIBS  += $(PKG_LIBS) -lfcgi -lcsv -lpthread -lm

MODULE_DIRS := $(sort $(dir $(wildcard modules/*/*.c)))
MAINS    := fcgi/main_fcgi.c fcgi/main_cli.c
LIB_SRC  := $(filter-out $(MAINS),$(wildcard fcgi/*.c)) $(wildcard modules/*/*.c)
LIB_OBJ  := $(patsubst %.c,$(BUILD)/obj/%.o,$(LIB_SRC))
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRC))
HEADERS  := $(wildcard include/salient/*.h fcgi/*.h modules/*/*.h tests/unit/*.h)

FUZZ_NAMES   := form multipart cookie route input origin json csv token mustache num
FUZZ_SMOKE   := $(patsubst %,$(BUILD)/fuzz/smoke_%,$(FUZZ_NAMES))

.PHONY: all deps test unit asan demo stop bench chaos install clean fuzz

all: $(BUILD)/salient-fcgi $(BUILD)/salient $(UNIT_BIN) $(FUZZ_SMOKE)

# every compile waits for deps (order-only: it runs once per make, quickly
# when nothing is missing, and never makes an object out of date), so that
# `make -j2` on a fresh machine installs the headers before compiling
deps:
	@scripts/deps

$(BUILD)/obj/%.o: %.c $(HEADERS) | deps
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(own_inc) $(PKG_CFLAGS) $(CFLAGS) -c $< -o $@

$(BUILD)/libsalient.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/salient-fcgi: $(BUILD)/obj/fcgi/main_fcgi.o $(BUILD)/libsalient.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/salient: $(BUILD)/obj/fcgi/main_cli.o $(BUILD)/libsalient.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libsalient.a $(HEADERS) | deps
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_INC) -Itests/unit $(PKG_CFLAGS) $(CFLAGS) -o $@ $< $(BUILD)/libsalient.a $(LDLIBS)

# the fuzz targets with a plain main() (tests/fuzz/standalone_main.c)
$(BUILD)/fuzz/smoke_%: tests/fuzz/fuzz_%.c tests/fuzz/standalone_main.c tests/fuzz/fuzz_check.h $(BUILD)/libsalient.a | deps
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_INC) $(PKG_CFLAGS) $(CFLAGS) -o $@ $< tests/fuzz/standalone_main.c $(BUILD)/libsalient.a $(LDLIBS)

# unit tests alone (no stack): quick feedback while editing
unit: all
	SALIENT_SHARED=$(SHARED) prove -f $(UNIT_BIN)

test:
	@SHARED=$(SHARED) scripts/test

asan:
	@$(MAKE) --no-print-directory BUILD=build-asan \
	    CFLAGS="-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined" \
	    LDFLAGS="-fsanitize=address,undefined"

demo: all
	@scripts/stack start

stop:
	@scripts/stack stop

bench: all
	@scripts/bench

chaos: all
	@scripts/chaos

fuzz:
	@scripts/fuzz

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(DATADIR) $(DESTDIR)$(SYSCONFDIR)
	install -m 0755 $(BUILD)/salient-fcgi $(BUILD)/salient $(DESTDIR)$(PREFIX)/bin/
	cp -R themes $(DESTDIR)$(DATADIR)/
	install -d $(DESTDIR)$(DATADIR)/sql
	install -m 0644 sql/*.sql $(DESTDIR)$(DATADIR)/sql/
	install -m 0644 deploy/salient.conf.example $(DESTDIR)$(SYSCONFDIR)/
	install -d $(DESTDIR)$(DATADIR)/deploy
	install -m 0644 deploy/nginx-salient.conf deploy/nginx-salient-upstream.conf deploy/*.service $(DESTDIR)$(DATADIR)/deploy/

clean:
	rm -rf build build-asan

# SPDX-License-Identifier: GPL-2.0
#
# refguard: builds in-tree, like sparse and smatch.
#   make            the driver ./refguard and plugin/refguard.so
#   make check      every test (SUITES="plugin cocci ..." for a subset,
#                   QUICK=1 for no kernel tree and no kernel build)
#   make demo       refguard's main job on the embedded 6.12 kernel tree
#   make V=1        show full commands
#   make install    PREFIX=/usr/local DESTDIR= (also BINDIR, LIBDIR, DATADIR,
#                   MANDIR); make uninstall with the same variables

.DEFAULT_GOAL := all

ifeq ($(V),1)
Q :=
quiet = @:
else
Q := @
quiet = @printf '  %-7s %s\n'
endif

# A fresh machine has no config.mk: configure makes it, installing the
# Debian packages it needs when run as root.
config.mk: configure
	./configure $(if $(filter 0,$(shell id -u)),--install-deps)
include config.mk

CFLAGS := -O2 -g -Wall -Wextra -Wno-unused-parameter -std=gnu11
# Layers, lowest first: rules/ (the catalogue), lib/ (findings, their
# printers, the plugin's record, running tools), the engines (sparse/,
# cocci/engine/), the commands (driver/).  Each layer's objects see only
# the headers of the layers below it, so an include going up fails to
# compile.
CPPFLAGS := -D_GNU_SOURCE -Irules -Ilib -DREFGUARD_SRCDIR='"$(SRCDIR)"'
# A packager's flags (debian/rules: dpkg-buildflags), after refguard's own.
CFLAGS += $(EXTRA_CFLAGS)

VERSION := 0.1

# GNU installation directories.  refguard compiles BINDIR, PKGLIBDIR and
# PKGDATADIR in (lib/util.c finds its files from them, relative to
# where its binary is, so a DESTDIR staging or a moved tree works too).
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
LIBDIR ?= $(PREFIX)/lib
DATADIR ?= $(PREFIX)/share
MANDIR ?= $(DATADIR)/man
PKGLIBDIR := $(LIBDIR)/refguard
PKGDATADIR := $(DATADIR)/refguard

PROGRAMS := refguard
all: $(PROGRAMS) plugin/refguard.so docs/rules.md build/refguard.1

COMMAND_SRCS := refguard.c $(wildcard driver/*.c)
COMMAND_OBJS := $(COMMAND_SRCS:.c=.o)
COCCI_ENGINE_OBJS := $(patsubst %.c,%.o,$(wildcard cocci/engine/*.c))
DRIVER_SRCS := $(COMMAND_SRCS) $(wildcard cocci/engine/*.c lib/*.c) \
	rules/catalogue.c rules/frozen-state.c rules/flow-solver.c rules/helper-roles.c
DRIVER_OBJS := $(DRIVER_SRCS:.c=.o)
RULE_DEFS := $(wildcard rules/*.def) rules/catalogue.h rules/frozen-state.h rules/flow-solver.h rules/helper-roles.h
LIB_HEADERS := $(wildcard lib/*.h)
$(COMMAND_OBJS) build/install/version.o: CPPFLAGS += -Icocci/engine -Idriver
$(COCCI_ENGINE_OBJS): CPPFLAGS += -Icocci/engine

%.o: %.c $(wildcard driver/*.h driver/*.def cocci/engine/*.h) $(LIB_HEADERS) \
		$(RULE_DEFS) config.mk
	$(quiet) CC $@
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

# What --version says: configure found the versions.
VERSION_FLAGS := -DRG_VERSION='"$(VERSION)"' -DRG_GCC_VERSION='"$(GCC_VERSION)"' \
	-DRG_SPARSE_VERSION='"$(SPARSE_LIB_VERSION)"' -DRG_SPATCH_VERSION='"$(SPATCH_VERSION)"'
driver/version.o: CPPFLAGS += $(VERSION_FLAGS)

# The refguard make install installs, build/install/refguard, differs
# from ./refguard in two objects, which have the installation directories
# compiled in.  ./refguard never changes with PREFIX (a testsuite may be
# running it while another installs), and the stamp rebuilds the two
# when make is given other directories, so "make && make install
# PREFIX=/usr" installs a refguard that knows /usr.
sq = $(subst ','\'',$(1))
INSTALL_DIRS := $(BINDIR):$(PKGLIBDIR):$(PKGDATADIR)
DIR_FLAGS := -DRG_BINDIR='"$(call sq,$(BINDIR))"' \
	-DRG_PKGLIBDIR='"$(call sq,$(PKGLIBDIR))"' -DRG_PKGDATADIR='"$(call sq,$(PKGDATADIR))"'
build/install-dirs: FORCE
	@mkdir -p build
	@[ "$$(cat $@ 2>/dev/null)" = '$(call sq,$(INSTALL_DIRS))' ] || \
		printf '%s\n' '$(call sq,$(INSTALL_DIRS))' > $@
INSTALLED_OBJS := build/install/util.o build/install/version.o
define install_obj
	$(quiet) CC $@
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) $(CPPFLAGS) $(VERSION_FLAGS) $(DIR_FLAGS) $(CFLAGS) -c -o $@ $<
endef
build/install/%.o: lib/%.c $(LIB_HEADERS) $(RULE_DEFS) config.mk build/install-dirs
	$(install_obj)
build/install/%.o: driver/%.c $(wildcard driver/*.h driver/*.def) $(LIB_HEADERS) \
		$(RULE_DEFS) config.mk build/install-dirs
	$(install_obj)

# refguard helpers: the number parser it shares with the harness lives in
# helpers/.
driver/helpers.o driver/helpers-probe.o: helpers/harness/numbers.h
driver/helpers-run.o: helpers/harness/report.h

# The sparse engine (sparse/) runs inside refguard on sparse's library,
# which configure builds from Debian's source package (build/sparse/).
# sparse calls exit() on fatal errors: --wrap=exit brings such an exit back
# to the engine as "could not check"; the next two wraps tell it where
# sparse's errors are (sparse/engine.c), --wrap=check_declaration which
# function definitions the parser made (sparse/defs.c), --wrap=tokenize
# each file's #line and linemarkers, which sparse ignores (sparse/linemap.c),
# and the warning wraps keep the warnings of work plain sparse does not do
# out of lib.c (sparse/engine.c).
SPARSE_ENGINE_OBJS := $(patsubst %.c,%.o,$(wildcard sparse/*.c))
$(SPARSE_ENGINE_OBJS): CPPFLAGS += -I$(SPARSE_SRC)
$(SPARSE_ENGINE_OBJS): $(wildcard sparse/*.h) $(SPARSE_LIB)
# sparse.c itself, built from the source package: not our warnings.
sparse/checks.o: CFLAGS += -w

$(SPARSE_LIB):
	@echo "refguard: sparse's library $(SPARSE_LIB) is missing;" >&2
	@echo "  ./configure fetches Debian's source package of sparse (pinned there) and builds it: run it again" >&2
	@exit 1

LINK_WRAP := -Wl,--wrap=exit,--wrap=sparse_error,--wrap=expression_error,--wrap=check_declaration,--wrap=tokenize \
	-Wl,--wrap=warning,--wrap=info
refguard: $(DRIVER_OBJS) $(SPARSE_ENGINE_OBJS) $(SPARSE_LIB)
	$(quiet) LD $@
	$(Q)$(CC) $(CFLAGS) $(EXTRA_LDFLAGS) $(LINK_WRAP) -o $@ $^ -lpthread

# The installed refguard: ./refguard with the two objects above.
build/install/refguard: $(filter-out lib/util.o driver/version.o,$(DRIVER_OBJS)) \
		$(INSTALLED_OBJS) $(SPARSE_ENGINE_OBJS) $(SPARSE_LIB)
	$(quiet) LD $@
	$(Q)$(CC) $(CFLAGS) $(EXTRA_LDFLAGS) $(LINK_WRAP) -o $@ $^ -lpthread

# refguard(1), from the table --help prints (driver/commands.def), with
# the installed paths.
man: build/refguard.1
build/refguard.1: build/install/refguard
	$(quiet) GEN $@
	$(Q)build/install/refguard --man > $@.tmp && mv $@.tmp $@

docs/rules.md: refguard
	$(quiet) GEN $@
	$(Q)./refguard rules --markdown > $@.tmp && mv $@.tmp $@

include plugin/build.mk

# The install layout (README.md, "Installing"): the driver in BINDIR, the
# plugin in LIBDIR/refguard, the files it reads in DATADIR/refguard as the
# build tree has them, and config.mk's default kernel tree and compiler
# for scripts/kernel.sh.
INSTALL ?= install
COCCI_FILES := $(wildcard cocci/*.cocci)
COCCI_TEMPLATES := $(wildcard cocci/templates/*)
HARNESS_FILES := $(wildcard helpers/harness/*.c helpers/harness/*.h)
SHIM_FILES := $(wildcard helpers/shim/linux/*.h)

install: all build/install/refguard
	$(quiet) INSTALL $(DESTDIR)$(PREFIX)
	$(Q)$(INSTALL) -d '$(DESTDIR)$(BINDIR)' '$(DESTDIR)$(PKGLIBDIR)' \
		'$(DESTDIR)$(MANDIR)/man1' '$(DESTDIR)$(PKGDATADIR)/cocci/templates' \
		'$(DESTDIR)$(PKGDATADIR)/helpers/harness' \
		'$(DESTDIR)$(PKGDATADIR)/helpers/shim/linux' \
		'$(DESTDIR)$(PKGDATADIR)/scripts' '$(DESTDIR)$(PKGDATADIR)/docs'
	$(Q)$(INSTALL) -m 755 build/install/refguard '$(DESTDIR)$(BINDIR)/refguard'
	$(Q)$(INSTALL) -m 644 plugin/refguard.so '$(DESTDIR)$(PKGLIBDIR)/refguard.so'
	$(Q)$(INSTALL) -m 644 build/refguard.1 '$(DESTDIR)$(MANDIR)/man1/refguard.1'
	$(Q)$(INSTALL) -m 644 $(COCCI_FILES) '$(DESTDIR)$(PKGDATADIR)/cocci'
	$(Q)$(INSTALL) -m 644 $(COCCI_TEMPLATES) '$(DESTDIR)$(PKGDATADIR)/cocci/templates'
	$(Q)$(INSTALL) -m 644 $(HARNESS_FILES) '$(DESTDIR)$(PKGDATADIR)/helpers/harness'
	$(Q)$(INSTALL) -m 644 $(SHIM_FILES) '$(DESTDIR)$(PKGDATADIR)/helpers/shim/linux'
	$(Q)$(INSTALL) -m 755 scripts/kernel.sh '$(DESTDIR)$(PKGDATADIR)/scripts/kernel.sh'
	$(Q)$(INSTALL) -m 644 scripts/kernel-pins '$(DESTDIR)$(PKGDATADIR)/scripts/kernel-pins'
	$(Q)$(INSTALL) -m 644 README.md '$(DESTDIR)$(PKGDATADIR)/README.md'
	$(Q)$(INSTALL) -m 644 docs/*.md '$(DESTDIR)$(PKGDATADIR)/docs'
	$(Q)grep -E '^(CC|KERNEL_DIR|KERNEL_TARBALL) :=' config.mk \
		> '$(DESTDIR)$(PKGDATADIR)/config.mk'
	$(Q)chmod 644 '$(DESTDIR)$(PKGDATADIR)/config.mk'

uninstall:
	$(quiet) UNINSTALL $(DESTDIR)$(PREFIX)
	$(Q)rm -f '$(DESTDIR)$(BINDIR)/refguard' '$(DESTDIR)$(MANDIR)/man1/refguard.1'
	$(Q)rm -rf '$(DESTDIR)$(PKGLIBDIR)' '$(DESTDIR)$(PKGDATADIR)'

check: all
	$(Q)QUICK=$(QUICK) testsuite/run $(SUITES)

demo: all
	$(Q)scripts/demo.sh

clean:
	$(quiet) CLEAN
	$(Q)rm -f $(PROGRAMS) $(DRIVER_OBJS) $(SPARSE_ENGINE_OBJS) $(PLUGIN_CLEAN) \
		build/refguard.1 build/install-dirs build/install/refguard $(INSTALLED_OBJS)

distclean: clean
	rm -rf config.mk build

FORCE:

.PHONY: all check demo clean distclean install uninstall man FORCE

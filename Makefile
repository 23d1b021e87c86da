# SPDX-License-Identifier: GPL-2.0
#
# refguard: builds in-tree, like sparse and smatch.
#   make            the driver ./refguard and plugin/refguard.so
#   make check      every test (SUITES="plugin cocci ..." for a subset,
#                   QUICK=1 for no kernel tree and no kernel build)
#   make demo       refguard's main job on the embedded 6.12 kernel tree
#   make V=1        show full commands

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
CPPFLAGS := -D_GNU_SOURCE -Irules -Idriver -DREFGUARD_SRCDIR='"$(SRCDIR)"'

PROGRAMS := refguard
all: $(PROGRAMS) plugin/refguard.so docs/rules.md

DRIVER_SRCS := refguard.c $(wildcard driver/*.c) rules/catalogue.c rules/frozen-state.c
DRIVER_OBJS := $(DRIVER_SRCS:.c=.o)
RULE_DEFS := $(wildcard rules/*.def) rules/catalogue.h rules/frozen-state.h

%.o: %.c $(wildcard driver/*.h driver/*.def) $(RULE_DEFS) config.mk
	$(quiet) CC $@
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

# refguard helpers: the number parser it shares with the harness lives in
# helpers/.
driver/helpers.o driver/helpers-probe.o: helpers/harness/numbers.h

# The sparse engine (sparse/) runs inside refguard on sparse's library,
# which configure builds from Debian's source package (build/sparse/).
# sparse calls exit() on fatal errors: --wrap=exit brings such an exit back
# to the engine as "could not check"; the error wraps tell it where
# sparse's errors are, the warning wraps keep the warnings of work plain
# sparse does not do out of lib.c (sparse/engine.c).
SPARSE_ENGINE_OBJS := $(patsubst %.c,%.o,$(wildcard sparse/*.c))
$(SPARSE_ENGINE_OBJS): CPPFLAGS += -I$(SPARSE_SRC)
$(SPARSE_ENGINE_OBJS): $(wildcard sparse/*.h) $(SPARSE_LIB)
# sparse.c itself, built from the source package: not our warnings.
sparse/checks.o: CFLAGS += -w

$(SPARSE_LIB):
	@echo "refguard: sparse's library $(SPARSE_LIB) is missing;" >&2
	@echo "  ./configure fetches Debian's source package of sparse (pinned there) and builds it: run it again" >&2
	@exit 1

refguard: $(DRIVER_OBJS) $(SPARSE_ENGINE_OBJS) $(SPARSE_LIB)
	$(quiet) LD $@
	$(Q)$(CC) $(CFLAGS) -Wl,--wrap=exit,--wrap=sparse_error,--wrap=expression_error \
		-Wl,--wrap=warning,--wrap=info \
		-o $@ $^ -lpthread

docs/rules.md: refguard
	$(quiet) GEN $@
	$(Q)./refguard rules --markdown > $@.tmp && mv $@.tmp $@

include plugin/build.mk

check: all
	$(Q)QUICK=$(QUICK) testsuite/run $(SUITES)

demo: all
	$(Q)scripts/demo.sh

clean:
	$(quiet) CLEAN
	$(Q)rm -f $(PROGRAMS) $(DRIVER_OBJS) $(SPARSE_ENGINE_OBJS) $(PLUGIN_CLEAN)

distclean: clean
	rm -rf config.mk build

.PHONY: all check demo clean distclean

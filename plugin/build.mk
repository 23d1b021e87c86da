# SPDX-License-Identifier: GPL-2.0
# The GCC plugin: every plugin/*.c is a C-style C++ translation unit, like
# the kernel's scripts/gcc-plugins, plus the rule catalogue and the flow
# rules' lattice it shares with the sparse engine (rules/).
# plugin/refguard-plugin.c holds plugin_init (the driver's entry is the
# top-level refguard.c); objects go to build/plugin/, so a source gone
# from plugin/ leaves no object behind in the link.

PLUGIN_CXXFLAGS := -O2 -g -fPIC -fno-rtti -fno-exceptions -std=gnu++17 \
	-Wall -Wno-unused-parameter -Wno-format-security -Wno-format-diag \
	-I$(GCC_PLUGIN_DIR)/include -Irules -Iplugin
PLUGIN_SRCS := $(wildcard plugin/*.c) rules/catalogue.c rules/frozen-state.c rules/flow-solver.c rules/helper-roles.c
PLUGIN_OBJS := $(patsubst %.c,build/plugin/%.o,$(PLUGIN_SRCS))
PLUGIN_CLEAN := plugin/refguard.so $(PLUGIN_OBJS)

build/plugin/%.o: %.c $(wildcard plugin/*.h) $(RULE_DEFS) config.mk
	$(quiet) CXX $@
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CXX) $(PLUGIN_CXXFLAGS) -x c++ -c -o $@ $<

plugin/refguard.so: $(PLUGIN_OBJS)
	$(quiet) LD $@
	$(Q)$(CXX) -shared -o $@ $^

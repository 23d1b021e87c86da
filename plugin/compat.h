/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The GCC headers the plugin needs, and every GCC-version difference, in
 * one place: plugin files stay free of version #ifs.  GCC 11 is the floor
 * (Ubuntu 22.04 and RHEL 9's gcc; Debian 12 ships 11 and 12, and both are
 * tested).  Everything used here has the same shape in 11 and 12:
 * rich_location fix-its, PLUGIN_PRE_GENERICIZE, the pass API (opt_pass
 * methods with final override), linemap and hash table templates.  The
 * one GCC 12 addition the plugin once used, system.h's startswith(), is
 * spelled out with strncmp() instead.
 */
#ifndef REFGUARD_COMPAT_H
#define REFGUARD_COMPAT_H

#include "gcc-plugin.h"
#include "bversion.h"

#if BUILDING_GCC_MAJOR < 11
#error "refguard needs GCC 11 or later"
#endif

#include "config.h"
#include "system.h"
#include "coretypes.h"
#include "backend.h"
#include "tree.h"
#include "gimple.h"
#include "tree-pass.h"
#include "context.h"
#include "gcc-rich-location.h"
#include "stringpool.h"
#include "stor-layout.h"
#include "tree-iterator.h"
#include "c-family/c-common.h"
#include "diagnostic.h"
#include "diagnostic-core.h"
#include "gimple-iterator.h"
#include "gimple-pretty-print.h"
#include "tree-pretty-print.h"
#include "ssa.h"
#include "tree-dfa.h"
#include "fold-const.h"
#include "internal-fn.h"
#include "tree-cfg.h"
#include "cfganal.h"
#include "langhooks.h"
#include "hash-map.h"
#include "hash-set.h"
#include "input.h"
#include "intl.h"

/* Plugin entry points must stay visible when built with -fvisibility=hidden. */
#define __visible __attribute__((visibility("default")))

#endif /* REFGUARD_COMPAT_H */

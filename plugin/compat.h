/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The GCC headers the plugin needs, and every GCC-version difference, in
 * one place: plugin files stay free of version #ifs.  GCC 11 is the floor
 * (Ubuntu 22.04 and RHEL 9's gcc); 11 to 16 are tested (Debian 12's 11
 * and 12, trixie's 13 and 14, unstable's 15 and 16: testsuite/toolchains).
 * Everything used directly has the same shape in all of them:
 * rich_location fix-its, PLUGIN_PRE_GENERICIZE, the pass API (opt_pass
 * methods with final override), linemap and hash table templates.  The
 * one GCC 12 addition the plugin once used, system.h's startswith(), is
 * spelled out with strncmp() instead.  What differs is wrapped here:
 *
 *   rg_source_line()  input.h's location_get_source_line() (11 to 13)
 *                     became the diagnostic context's file_cache (14), and
 *                     its char_span moved into namespace diagnostics (16)
 *   rg_last_stmt()    tree-cfg.h's last_stmt() (11 to 13) was renamed
 *                     last_nondebug_stmt() (14)
 */
#ifndef REFGUARD_COMPAT_H
#define REFGUARD_COMPAT_H

#include "gcc-plugin.h"
#include "bversion.h"

#if BUILDING_GCC_MAJOR < 11
#error "refguard's plugin needs GCC 11 or later (11 to 16 are tested)"
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
#if BUILDING_GCC_MAJOR >= 16
/* input.h only declares file_cache now; rg_source_line() calls it. */
#include "diagnostics/file-cache.h"
#endif

/*
 * Line LINE of FILE as GCC's diagnostics read it (its input charset
 * converted, without the newline): *LEN bytes at the returned pointer, not
 * NUL-terminated, owned by GCC's file cache and valid until the next read;
 * NULL when the line cannot be read.  The caller copies what it keeps.
 */
static inline const char *rg_source_line(const char *file, int line, size_t *len)
{
#if BUILDING_GCC_MAJOR >= 14
	/* char_span in 14 and 15, diagnostics::char_span from 16. */
	auto span = global_dc->get_file_cache().get_source_line(file, line);
#else
	char_span span = location_get_source_line(file, line);
#endif

	*len = span ? span.length() : 0;
	return span ? span.get_buffer() : NULL;
}

/*
 * The last statement of BB that is not a debug statement, or NULL: what
 * last_stmt() returned up to GCC 13 and last_nondebug_stmt() from 14,
 * spelled with the iterator every version has.
 */
static inline gimple *rg_last_stmt(basic_block bb)
{
	gimple_stmt_iterator gsi = gsi_last_nondebug_bb(bb);

	return gsi_end_p(gsi) ? NULL : gsi_stmt(gsi);
}

/* Plugin entry points must stay visible when built with -fvisibility=hidden. */
#define __visible __attribute__((visibility("default")))

#endif /* REFGUARD_COMPAT_H */

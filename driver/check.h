/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Running gcc with the plugin in check-only mode, shared by `refguard
 * check --engine=gcc` (and its fallback for files sparse cannot take
 * whole) and `refguard gate` (which replays the compile commands kbuild
 * saved in .cmd files).  `refguard check`'s default engine, sparse's, is
 * sparse/engine.h.
 */
#ifndef REFGUARD_CHECK_H
#define REFGUARD_CHECK_H

#include <stdbool.h>

#include "finding.h"

/*
 * Check one compile command with the plugin in check-only mode, reading
 * its findings and what it analysed from the plugin's record file
 * (plugin-record.h), never from gcc's printed output.  cc and
 * argv[0..argc) are the compiler and its arguments as kbuild ran them
 * (from a .cmd file or $(CHECK)'s argv), run in dir.  Results go to r with
 * paths relative to tree (NULL: as recorded).  Returns 0 when the record
 * says the unit was checked to its end, -1 otherwise (the unit is then in
 * r as unchecked, with gcc's own error lines as the reason).
 */
int rg_plugin_check_command(const char *cc, int argc, char **argv,
			    const char *dir, const char *tree,
			    struct rg_results *r);

/*
 * The checking gcc's argv from a compiler command line (argv[0..argc) are
 * its arguments, without the compiler itself): kbuild-only and
 * output-selecting flags dropped, plugin and check-only flags added.
 * Sparse's flags are dropped when sparse_flags_first is set (kbuild's
 * $(CHECK) argv: they come before -Wp,-MMD,...).
 */
char **rg_checker_argv(const char *cc, int argc, char **argv, const char *plugin,
		       bool sparse_flags_first);


#endif

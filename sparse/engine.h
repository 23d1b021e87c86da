/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The sparse engine: all four rules of the catalogue on sparse's trees and
 * linearized code, in this process, at sparse's own cost (sparse/engine.c).
 */
#ifndef REFGUARD_SPARSE_ENGINE_H
#define REFGUARD_SPARSE_ENGINE_H

#include <stdbool.h>

#include "finding.h"

struct rg_sparse_opts {
	bool sparse_warnings;	/* print sparse's own warnings, as sparse does */
	const char *tree;	/* paths in findings relative to this, or NULL */
};

/*
 * Check what sparse's argv (argv[0] a program name, then sparse's and the
 * compiler's flags and the files, as kbuild gives $(CHECK)) names.
 * Findings go to r (RG_ENGINE_SPARSE), with every function analysed and
 * each unit as rg_results_checked_by() evidence (sparse passes of rules/
 * engines.def).  Returns 0 when every file
 * was checked to its end; -1 when sparse stopped or reported errors (the
 * file is then in r as unchecked, sparse's messages are on stderr).
 * Call it once per process: sparse's state is global.
 */
int rg_sparse_check(int argc, char **argv, const struct rg_sparse_opts *opts,
		    struct rg_results *r);

#endif

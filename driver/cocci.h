/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Coccinelle engine as a library: `refguard report`, `refguard fix`
 * and `refguard gate` call it in-process; nothing runs `refguard` as a
 * subprocess and nothing re-parses another command's output.
 */
#ifndef REFGUARD_COCCI_H
#define REFGUARD_COCCI_H

#include <stdbool.h>

#include "finding.h"

/*
 * Run the report-mode semantic patches of the rules in rule_mask (bit
 * 1u << enum rg_rule; 0 means every rule) over files (paths relative to
 * tree, or absolute paths inside it; a directory stands for the files
 * under it, and no paths for the whole tree).  Findings go to r with paths
 * relative to tree; every file spatch fully processed is added to r as
 * checked, every file it did not (timeout, exception, crash, non-zero
 * exit, output not understood) as unchecked with the reason.  Returns 0,
 * or -1 if Coccinelle could not be run at all (with a message).
 */
int rg_cocci_report(const char *tree, char *const *files, int nr_files,
		    unsigned int rule_mask, struct rg_results *r);

/*
 * A --rule ID option: the bit of rule id into *mask, or a message and
 * RG_EXIT_TROUBLE when no semantic patch serves it (fix: none with a patch
 * mode).
 */
int rg_cocci_rule_option(const char *id, bool fix, unsigned int *mask);

#endif

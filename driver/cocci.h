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
 * under it, and no paths for the whole tree).  Findings go to r with
 * paths relative to tree and byte columns, engine "cocci".
 *
 * The account of what was checked: a file is checked for a rule when
 * spatch completed that rule's semantic patch on it (its completion
 * marker; see cocci-run.c) or when it names none of the rule's functions
 * (the grep prefilter: such code cannot match); every file named in files
 * is either checked for every rule in rule_mask or unchecked, and of the
 * files found under a directory those naming the API are listed.  A file
 * spatch did not fully process (timeout, exception, crash, non-zero exit,
 * unparsed code naming the API, output not understood), a path that does
 * not exist or lies outside the tree is unchecked with the reason.
 * Returns 0, or -1 if Coccinelle could not be run at all (with a message).
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

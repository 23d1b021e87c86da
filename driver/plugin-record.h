/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The GCC plugin's side channel: with -fplugin-arg-refguard-record=FILE
 * the plugin (plugin/record.c) writes, for its translation unit, what it
 * found and what it analysed, as JSON lines (one object each, in this
 * order of kinds but interleaved as the passes run):
 *
 *   {"unit":"<main input file>","directory":"<gcc's cwd>","gcc":"<version>",
 *    "plugin":"<refguard version>"}
 *   {"checked":{"file":F,"function":FN,"pass":"syntactic"|"flow"|"exempt",
 *               "rules":["raw-set-count",...]}}
 *   {"unchecked":{"file":F,"function":FN,"reason":R}}
 *   {"finding":{"rule":"raw-set-count","error":false,"file":F,"line":L,
 *               "column":C,"function":FN,"arg":A,"rewrite":R|null,
 *               "fix":{"line":..,"column":..,"end_line":..,"end_column":..,
 *                      "replacement":".."}|null,
 *               "notes":[{"file":F,"line":L,"column":C,"message":M}]}}
 *   {"end":{"functions":N}}
 *
 * Relative paths are relative to "directory".  A function is named by the
 * file of its definition and its name; "rules" are the rules that pass
 * checked it for (enabled ones only: the syntactic pass covers every rule
 * for a function with no call the flow pass follows; "exempt" is a helper
 * definition, exempt from all).  A function the flow pass had to analyse
 * and did not (GCC dropped it, -fsyntax-only, over budget) is "unchecked".
 * A fix is [line:column, end_line:end_column) on the finding's file.
 *
 * "end" is written last, at PLUGIN_FINISH, and only when gcc reported no
 * error of its own: a record without it means the plugin did not run to
 * the end of the unit (gcc stopped, crashed, or was not the gcc we
 * think), and the unit is unchecked.  This is the only way plugin
 * findings reach the driver: gcc's printed diagnostics are for humans and
 * are never parsed.
 */
#ifndef REFGUARD_PLUGIN_RECORD_H
#define REFGUARD_PLUGIN_RECORD_H

#include "finding.h"

/*
 * Read a record file into r: findings (engine "plugin"), checked functions
 * (rg_results_checked_rules()) and unchecked ones.  Paths are made
 * relative to tree when they lie in it (tree may be NULL).  Returns 0
 * when the record is complete; -1 when it is missing, malformed (any line
 * not exactly as above, an unknown rule) or has no "end": the unit is
 * then added to r as unchecked with the reason (unit, if not NULL, names
 * it), its findings are kept and its checked entries are not.
 */
int rg_plugin_record_read(const char *path, const char *unit, const char *tree,
			  struct rg_results *r);

#endif

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The GCC plugin's side channel: with -fplugin-arg-refguard-record=FILE
 * the plugin (plugin/record.c) writes, for its translation unit, what it
 * found and what it analysed, as JSON lines (one object each, in this
 * order of kinds but interleaved as the passes run):
 *
 *   {"unit":"<main input file>","directory":"<gcc's cwd>","gcc":"<version>",
 *    "plugin":"<refguard version>"}
 *   {"checked":{"file":F,"function":FN,"pass":P,"rules":["raw-set-count",...]}}
 *   {"unchecked":{"file":F,"function":FN,"reason":R}}
 *   {"finding":{"rule":"raw-set-count","error":false,"file":F,"line":L,
 *               "column":C,"function":FN,"arg":A,"rewrite":R|null,
 *               "fix":{"line":..,"column":..,"end_line":..,"end_column":..,
 *                      "replacement":".."}|null,
 *               "notes":[{"file":F,"line":L,"column":C,"message":M}]}}
 *   {"end":{"functions":N}}
 *
 * Relative paths are relative to "directory".  A function is named by the
 * file of its definition and its name; P is a plugin pass of rules/
 * engines.def ("exempt", "syntactic", "screen", "flow") and "rules" the
 * enabled rules it checked the function for; a pass counts only for the
 * rules engines.def gives it (rg_results_checked_by()), and every function
 * must be covered for every rule the plugin serves by its passes together
 * (rg_results_require()), or it is unchecked: under -fsyntax-only, where
 * no flow pass runs, a function with a call the flow rules follow is.  A
 * function the flow pass had to analyse and did not (GCC dropped it,
 * -fsyntax-only, over budget) is also listed "unchecked" by the plugin.
 * Columns are GCC's byte columns (expand_location()); the reader turns
 * those of findings and notes into the display columns GCC prints
 * (columns.h), reading the line.  A fix is [line:column,
 * end_line:end_column) in bytes on the finding's file.
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
 * when the record is complete and covers every function for every rule;
 * -1 when it is missing, malformed (any line not exactly as above, an
 * unknown rule or pass) or has no "end" (the unit is then added to r as
 * unchecked with the reason (unit, if not NULL, names it), its findings
 * are kept and its checked entries are not), or when a function lacks a
 * rule (it is added unchecked, rg_results_require()).
 */
int rg_plugin_record_read(const char *path, const char *unit, const char *tree,
			  struct rg_results *r);

#endif

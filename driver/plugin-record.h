/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The GCC plugin's side channel: with -fplugin-arg-refguard-record=FILE
 * the plugin writes, for its translation unit, what it found and what it
 * analysed, as JSON lines (one object per line):
 *
 *   {"unit":"<main input file>","gcc":"<version>","plugin":"<refguard version>"}
 *   {"checked":{"file":F,"function":FN,"pass":"syntactic"|"flow"}}
 *   {"unchecked":{"file":F,"function":FN,"reason":R}}
 *   {"finding":{"rule":"raw-set-count","error":false,"file":F,"line":L,
 *               "column":C,"function":FN,"arg":A,"rewrite":R|null,
 *               "fix":{"line":..,"column":..,"end_line":..,"end_column":..,
 *                      "replacement":".."}|null,
 *               "notes":[{"file":F,"line":L,"column":C,"message":M}]}}
 *   {"end":{"functions":N}}
 *
 * "end" is written last, at PLUGIN_FINISH: a record without it means the
 * plugin did not run to the end of the unit (gcc stopped, crashed, or was
 * not the gcc we think), and the unit is unchecked.  This is the only way
 * plugin findings reach the driver: gcc's printed diagnostics are for
 * humans and are never parsed.
 */
#ifndef REFGUARD_PLUGIN_RECORD_H
#define REFGUARD_PLUGIN_RECORD_H

#include "finding.h"

/*
 * Read a record file into r: findings (engine "plugin"), checked and
 * unchecked functions.  Paths are made relative to tree when they lie in
 * it (tree may be NULL).  Returns 0 when the record is complete; -1 when
 * it is missing, malformed or has no "end" (the unit is then added to r
 * as unchecked with the reason, and unit may name it for that message).
 */
int rg_plugin_record_read(const char *path, const char *unit, const char *tree,
			  struct rg_results *r);

#endif

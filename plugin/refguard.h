/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the plugin's files share: options, the catalogue index, reporting.
 * Each engine is a file with one registration function; refguard.c parses
 * the arguments and calls them.
 */
#ifndef REFGUARD_PLUGIN_H
#define REFGUARD_PLUGIN_H

#include "compat.h"
#include "catalogue.h"

/* -fplugin-arg-refguard-error: findings are errors, not warnings. */
extern bool rg_findings_are_errors;

/* -fplugin-arg-refguard-disable=<id,...> */
bool rg_rule_enabled(enum rg_rule rule);

/*
 * Is FNDECL exempt from every rule?  True for functions defined in the
 * helper headers (rg_helper_files) and in files ending with a suffix given
 * by -fplugin-arg-refguard-allow=<suffix,...>.
 */
bool rg_function_exempt(tree fndecl);

/*
 * The catalogue entry for a callee, or NULL.  Keyed by identifier, so
 * this is a hash lookup, cheap enough for every call in every function.
 */
const struct rg_api *rg_api_for_callee(tree fndecl);
const struct rg_direct *rg_direct_for_callee(tree fndecl);

/*
 * Report a finding of RULE at RICHLOC (which may carry fix-it hints):
 * the catalogue message with SUBJECT for its first %qs and, if REWRITE is
 * non-NULL, the message_with_rewrite variant with REWRITE as the second.
 * Honours -disable and -error, and reports each (rule, spelling location)
 * once per translation unit.  Returns true if a diagnostic was emitted,
 * so the caller knows whether to add its note.
 */
bool rg_report(enum rg_rule rule, rich_location *richloc,
	       const char *subject, const char *rewrite);

/* The rule's secondary-location note (the catalogue's note text) at LOC. */
void rg_note(enum rg_rule rule, location_t loc);

/* Engines. */
void rg_syntactic_register(const char *plugin_name);	/* syntactic.c */
void rg_flow_register(const char *plugin_name);		/* flow.c */

#endif /* REFGUARD_PLUGIN_H */

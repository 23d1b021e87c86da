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

/* -fplugin-arg-refguard-check-only: stop once refguard's passes ran. */
extern bool rg_check_only;

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

/*
 * Who reports raw-set-count for a setter call (an RG_SET entry of
 * rules/api.def), agreed between syntactic.c and the flow pass (flow*.c):
 *
 * - The count VALUE is an integer constant with a rewrite in
 *   rules/rewrite.def (set_page_count(P, 0), set_page_count(P, 1),
 *   folio_set_count(F, 1)): the syntactic engine, with that rewrite.
 * - Any other count (set_page_count(page, PAGE_FRAG_CACHE_MAX_SIZE + 1),
 *   a variable): whether the rewrite is page_ref_unfreeze() depends on
 *   the page being frozen on every path, which only the flow pass knows.
 *   The flow pass reports these, with the API table's unfreeze_with as a
 *   fix-it when the page is frozen on every path and without a rewrite
 *   otherwise.  The syntactic engine reports them (without a rewrite)
 *   only under -fsyntax-only, where the flow pass never runs.
 *
 * Both sides decide with rg_flow_owns_raw_set(API, VALUE), VALUE being the
 * count argument as each engine sees it (GENERIC or GIMPLE: a constant
 * is an INTEGER_CST in both).  Known gap: a setter call in a function
 * that is never gimplified (an unused static inline) is not reported
 * outside -fsyntax-only; its callers' translation units report it.
 */
bool rg_set_value_rewritable(const struct rg_api *api, tree value);
bool rg_flow_owns_raw_set(const struct rg_api *api, tree value);

/* Engines. */
void rg_syntactic_register(const char *plugin_name);	/* syntactic.c */
void rg_flow_register(const char *plugin_name);		/* flow.c */
/*
 * checkmode.c, registered last.  Passes named "refguard*" are kept: an
 * engine pass must carry that prefix to run under -check-only.
 */
void rg_checkmode_register(const char *plugin_name);

#endif /* REFGUARD_PLUGIN_H */

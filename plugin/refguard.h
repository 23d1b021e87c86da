/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the plugin's files share.  The files depend on each other in one
 * direction only (no call cycles):
 *
 *   refguard-plugin.c	plugin_init: parses the arguments, registers
 *   syntactic.c, flow*.c	the engines
 *   checkmode.c		-check-only
 *   raw-set-owner.c	which engine reports a raw setter call
 *   report.c		the single reporting point, through GCC's diagnostics
 *   record.c		the -record side channel
 *   options.c		the option state every file reads
 *   catalogue-index.c	callee lookups in rules/api.def
 */
#ifndef REFGUARD_PLUGIN_H
#define REFGUARD_PLUGIN_H

#include "compat.h"
#include "catalogue.h"

#define RG_PLUGIN_VERSION "refguard 0.1"

/* options.c: set by plugin_init from -fplugin-arg-refguard-<key>. */
struct rg_options {
	bool errors;		/* -error: findings are errors */
	bool check_only;	/* -check-only: stop once refguard's passes ran */
	const char *record_file; /* -record=<file>, or NULL */
};
extern struct rg_options rg_options;

void rg_options_disable(const char *plugin_name, const char *key, const char *value);
void rg_options_allow(const char *plugin_name, const char *key, const char *value);
void rg_options_record(const char *plugin_name, const char *key, const char *value);

/* -fplugin-arg-refguard-disable=<id,...> */
bool rg_rule_enabled(enum rg_rule rule);
bool rg_any_rule_enabled(void);

/*
 * Is FNDECL exempt from every rule?  True for functions defined in the
 * helper headers (rg_helper_files) and in files ending with a suffix given
 * by -fplugin-arg-refguard-allow=<suffix,...>, by the file the definition
 * was really read from (rg_physical_file), not the one #line names.
 */
bool rg_function_exempt(tree fndecl);
const char *rg_physical_file(location_t loc);

/*
 * catalogue-index.c: the catalogue entry for a callee, or NULL.  Keyed
 * by identifier, so this is a hash lookup, cheap enough for every call
 * in every function.
 */
const struct rg_api *rg_api_for_callee(tree fndecl);
const struct rg_direct *rg_direct_for_callee(tree fndecl);

/*
 * Does a call to API change or depend on a page's frozen state, i.e. can
 * the flow pass have anything to say about it?  (Everything but reads
 * and page <-> folio conversions.)
 */
static inline bool rg_api_stateful(const struct rg_api *api)
{
	return api && api->kind != RG_READ && api->kind != RG_CONVERT;
}

/*
 * spellings.c: NAME, a helper the rewrite tables name, as the unit spells
 * its role (rules/spellings.def): the spelling it declares; NAME itself
 * when it declares none (the helper is to be added) or NAME has no role.
 * When it declares several, the one its code calls, and *WHY (to free)
 * says so; otherwise *WHY is NULL.  Only during parsing (the file scope).
 */
const char *rg_unit_spelling(const char *name, char **why);
/*
 * spellings.c: learn the role of each static inline of page_ref.h and
 * mm.h no table names, from its definition (rules/helper-roles.h), as
 * the front end hands each definition over.
 */
void rg_spellings_register(const char *plugin_name);
/* catalogue-index.c: NAME is API (a helper learned from its definition). */
void rg_api_index_add(const char *name, const struct rg_api *api);

/*
 * report.c: report a finding of RULE at RICHLOC (which may carry fix-it
 * hints): the catalogue message with SUBJECT for its first %qs and, if
 * REWRITE is non-NULL, the message_with_rewrite variant with REWRITE as
 * the second; NOTE_LOC, unless UNKNOWN_LOCATION, gets the rule's note.
 * Honours -disable and -error, reports each (rule, spelling location)
 * once per translation unit, and records the finding for -record.
 * Returns true if the finding is new.
 */
bool rg_report(enum rg_rule rule, rich_location *richloc,
	       const char *subject, const char *rewrite, location_t note_loc);
/* The same with NOTE for the note's message instead of the rule's. */
bool rg_report_note(enum rg_rule rule, rich_location *richloc,
		    const char *subject, const char *rewrite,
		    location_t note_loc, const char *note);

/*
 * raw-set-owner.c: who reports raw-set-count for a setter call (an
 * RG_SET entry of rules/api.def), agreed between syntactic.c and the
 * flow pass:
 *
 * - The count as the syntactic engine sees it (GENERIC) is an integer
 *   constant with a rewrite in rules/rewrite.def (set_page_count(P, 0),
 *   set_page_count(P, 1), folio_set_count(F, 1)): the syntactic engine,
 *   with that rewrite.  It claims the call by its location.
 * - Any other call (set_page_count(page, PAGE_FRAG_CACHE_MAX_SIZE + 1),
 *   a variable, `(side(), 1)`): whether the rewrite is page_ref_unfreeze()
 *   depends on the page being frozen on every path, which only the flow
 *   pass knows.  The flow pass reports every setter call not claimed,
 *   with the API table's unfreeze_with as a fix-it when the page is
 *   frozen on every path.  Under -fsyntax-only, where the flow pass never
 *   runs, the syntactic engine reports them all.
 *
 * The claim is what decides, not a second look at the count: GIMPLE
 * may show a constant where GENERIC had an expression.
 *
 * - A claimed store's rewrite still depends on the page's state, and the
 *   state decides first.  A count with a LIVE_SET entry in
 *   rules/rewrite.def (a 0) is a freeze only if the function holds no
 *   reference to the page: on a page live on every path it drops one
 *   (p2pdma's set_page_count(page, 0) after init_page_count()).  Any
 *   other count on a page frozen on every path is an unfreeze, 1 as much
 *   as 42: page_ref_unfreeze(), not init_page_count().  The syntactic
 *   engine hands such a finding to rg_raw_set_report(), which keeps it
 *   until the flow pass calls rg_raw_set_settle() at the call: live on
 *   every path (a 0), it is reported with LIVE_SET's suggestion and
 *   reason and no fix-it; frozen on every path (not a 0), with the API
 *   table's unfreeze_with and the callee renamed; otherwise as the
 *   syntactic engine made it.  A call the flow pass never reaches is
 *   reported at the end of the unit as made.
 *   Under -fsyntax-only there is no flow pass and it is reported at once:
 *   the frozen setter is then a guess the driver never makes (it always
 *   compiles).
 */
bool rg_raw_set_syntactic(const struct rg_api *api, tree value, location_t loc);
bool rg_raw_set_claimed(location_t loc);
/* Takes RICHLOC, which must come from new. */
void rg_raw_set_report(const struct rg_api *api, long value, location_t call_loc,
		       gcc_rich_location *richloc, const char *rewrite,
		       const char *note);
bool rg_raw_set_deferred(location_t call_loc);
/* BITS: the page's state at the call (frozen-state.h's RG_ALL_*), 0 unknown. */
void rg_raw_set_settle(location_t call_loc, unsigned char bits);
void rg_raw_set_register(const char *plugin_name);

/*
 * record.c: -fplugin-arg-refguard-record=<file>, the side channel the
 * driver reads (driver/plugin-record.h).  Each is a no-op without it.
 *
 * rg_record_checked(FNDECL, PASS): PASS (rules/engines.def) analysed
 * FNDECL for the enabled rules the catalogue gives it (rg_pass_rules()).
 * rg_record_expect(FNDECL, PASS): PASS must analyse FNDECL; if it has not
 * by the end of the unit, the function is recorded unchecked.
 */
void rg_record_register(const char *plugin_name);
void rg_record_finding(enum rg_rule rule, bool error, rich_location *richloc,
		       const char *subject, const char *rewrite,
		       location_t note_loc, const char *note);
void rg_record_checked(tree fndecl, enum rg_pass pass);
void rg_record_unchecked(tree fndecl, const char *reason);
void rg_record_expect(tree fndecl, enum rg_pass pass);

/* Engines. */
void rg_syntactic_register(const char *plugin_name);	/* syntactic.c */
void rg_flow_register(const char *plugin_name);		/* flow.c */
/*
 * flow.c: the syntactic engine saw a stateful API call in FNDECL; make
 * sure the flow pass gets to see it, even if nothing uses it.
 */
void rg_flow_want(tree fndecl);
/*
 * checkmode.c, registered last.  Passes named "refguard*" are kept: an
 * engine pass must carry that prefix to run under -check-only.
 */
void rg_checkmode_register(const char *plugin_name);

#endif /* REFGUARD_PLUGIN_H */

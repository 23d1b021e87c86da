/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the plugin's files share.  The files depend on each other in one
 * direction only (no call cycles):
 *
 *   refguard-plugin.c	plugin_init: parses the arguments, registers
 *   syntactic.c, flow*.c	the engines: walkers calling the rules' hooks
 *   rule-list.c		the hook list, rules/checks.def
 *   rule-*.c		one rule's own code each (hooks)
 *   checkmode.c		-check-only
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
 * A rule's own code: one file per rule, plugin/rule-<name>.c, listed in
 * rules/checks.def (rg_plugin_checks).  The engines call its hooks; any
 * may be NULL, and each tests rg_rule_enabled() itself.
 */
/* syntactic.c's walk of one function body, as its hooks see it. */
struct rg_walk {
	hash_set<tree> *shared_seen;	/* SAVE_EXPRs, TARGET_EXPRs walked */
	location_t last_loc;		/* for trees that have no location */
	bool stateful;			/* a call the flow pass follows */
};

/* Where a finding at T goes: T's location, or the last one the walk saw. */
static inline location_t rg_walk_loc(const struct rg_walk *w, tree t)
{
	location_t loc = EXPR_LOCATION(t);

	return loc != UNKNOWN_LOCATION ? loc : w->last_loc;
}

struct rg_plugin_check {
	/* The GENERIC walk (syntactic.c): a call to a named function. */
	void (*call)(struct rg_walk *w, tree call, tree fndecl,
		     const struct rg_api *api);
	/* &P->_refcount passed as argument ARG of CALL. */
	void (*refcount_arg)(struct rg_walk *w, tree call, tree fndecl, int arg,
			     enum rg_object obj);
	/* Any other use of P->_refcount than taking its address. */
	void (*refcount_value)(struct rg_walk *w, tree ref, enum rg_object obj);
	/*
	 * The flow pass's reporting walk (GIMPLE): a call to API, with its
	 * page's state BITS (frozen-state.h's RG_ALL_*; 0 unknown).
	 */
	void (*flow_call)(gcall *call, const struct rg_api *api,
			  unsigned char bits);
	/* plugin_init, after the syntactic walk registered. */
	void (*init)(const char *plugin_name);
};
/* rule-<file>.c (C++: a const needs this to be seen outside its file). */
#define CHECK(fn, file) extern const struct rg_plugin_check rg_plugin_check_##fn;
#include "checks.def"
#undef CHECK
/* rule-list.c: rules/checks.def's hooks, NULL-terminated. */
extern const struct rg_plugin_check *const rg_plugin_checks[];
/* Each check C of the list with a HOOK, in the list's order. */
#define FOR_EACH_HOOK(c, hook)						\
	for (const struct rg_plugin_check *const *c = rg_plugin_checks; *c; c++) \
		if ((*c)->hook)
void rg_checks_register(const char *plugin_name);

/*
 * record.c: -fplugin-arg-refguard-record=<file>, the side channel the
 * driver reads (lib/plugin-record.h).  Each is a no-op without it.
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

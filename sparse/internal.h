/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the sparse engine's files share.  sparse's own headers come from
 * the Debian source package configure unpacked (SPARSE_SRC); nothing of
 * sparse is in this tree.
 *
 * engine.c	one translation unit: parse, keep the API out of inlining,
 *		evaluate, linearize, and run the rules and sparse's checks
 * unit.c	the unit, the API index and the exempt positions every
 *		part asks about
 * syntactic.c	raw-set-count and direct-refcount on the expression trees
 * flow.c	frozen-arith, unfreeze-unfrozen and the flow part of
 *		raw-set-count: the fixed point over linearized code
 * flow-state.c	the lattice and the transfer functions
 * flow-objects.c page identity: which pseudos are the same refcount
 * report.c	sparse positions to findings, once per (rule, place)
 * spellings.c	the unit's own spelling of a renamed helper
 * flow-copy.c	with --sparse: plain sparse's code for sparse's checks,
 *		a copy with the API kept as calls for the flow rules
 * defs.c	every function definition the parse made, and which the
 *		engine accounted for
 * linemap.c	#line and linemarkers: where a position is reported, and
 *		which file it is really in
 */
#ifndef REFGUARD_SPARSE_INTERNAL_H
#define REFGUARD_SPARSE_INTERNAL_H

#include <stdbool.h>

#include "lib.h"
#include "token.h"
#include "symbol.h"
#include "expression.h"
#include "parse.h"
#include "linearize.h"

#include "catalogue.h"
#include "finding.h"

/* The translation unit being checked, as every part sees it. */
struct rg_unit {
	struct rg_results *results;
	const char *tree;		/* strip this prefix from paths, or NULL */
	int nr_findings;
};

extern struct rg_unit *rg_unit;

/*
 * spellings.c: the unit's spelling of the helper NAME: the one spelling of
 * its role the unit declares, or of several the one its code calls, else
 * the newest, saying why in *why (malloc'd).  NAME when it declares none.
 */
const char *rg_sparse_unit_spelling(const char *name, char **why);
/*
 * spellings.c: SYM, a function definition, is a static inline of
 * page_ref.h or mm.h no table names: learn its role from its definition
 * (rules/helper-roles.h) and index it as API.
 */
void rg_sparse_learn_role(struct symbol *sym);

/* unit.c */
void rg_sparse_index_api(void);
/* unit.c: IDENT is API too (a helper learned from its definition). */
void rg_sparse_index_add(const struct ident *ident, const struct rg_api *api);
const struct rg_api *rg_sparse_api(const struct ident *ident);
bool rg_sparse_exempt_pos(struct position pos);
const char *rg_sparse_fn_name(const struct symbol *fn);

/* syntactic.c: record candidates before evaluation, report after. */
#define RG_SCAN_SYNTACTIC	1	/* a raw setter call or a _refcount access */
#define RG_SCAN_API_CALLS	2	/* a call to the API: work for the flow rules */
#define RG_SCAN_FLOW_STARTS	4	/* one that can begin a flow finding */
unsigned int rg_syntactic_scan(struct symbol *fn, struct statement *body, bool record);
/* Is the call whose '(' is at pos one fn spells itself (see syntactic.c)? */
bool rg_syntactic_api_call(struct symbol *fn, struct position pos);
void rg_syntactic_report(void);
void rg_syntactic_reset(void);
/*
 * Is the call whose '(' is at call_pos one through a _Generic selection
 * naming the API?  *keyword: where _Generic is spelled (the call's place,
 * as GCC's); *selected (if not NULL): the association evaluation chose.
 */
bool rg_syntactic_generic(struct position call_pos, struct position *keyword,
			  struct position *selected);
/* Was the raw setter call whose '(' is at call_pos reported already? */
bool rg_syntactic_owns_call(struct position call_pos);
/*
 * A raw store of a constant with a rewrite is what the page's state says
 * first: a 0 (with a LIVE_SET entry) a freeze, or the drop of a reference
 * the function holds on every path; any other count on a page frozen on
 * every path an unfreeze.  The syntactic finding waits for the flow rules
 * to say which (settle, with the state's RG_ALL_* bits at the call, 0 if
 * unknown), and is reported as it is for calls they never reach (flush).
 */
bool rg_syntactic_settle(struct position call_pos, unsigned char bits);
void rg_syntactic_flush(void);

/*
 * defs.c: the definitions parsed while collecting (every one, nested ones
 * included), and the engine's account of each: analysed, recorded
 * unchecked or screened.
 */
void rg_defs_collect(bool on);
struct symbol_list *rg_defs_parsed(void);
void rg_defs_account(struct symbol *sym);
bool rg_defs_accounted(const struct symbol *sym);
void rg_defs_reset(void);

/*
 * linemap.c: the file and line POS is reported at, after #line and
 * linemarkers (the stream's name and POS's line without them); the file
 * POS is really in (a linemarker's entered file, or the stream's); does
 * STREAM have line directives at all?
 */
const char *rg_sparse_pos_file(struct position pos, unsigned int *line);
const char *rg_sparse_pos_physical(struct position pos);
bool rg_sparse_stream_has_directives(int stream);

/* flow-copy.c */
void rg_api_inline_taken(struct symbol *sym);
void rg_api_inlined(bool inlined);
struct symbol *rg_flow_copy(struct symbol *sym);

/* flow.c */
void rg_flow_function(struct entrypoint *ep);

/*
 * report.c.  pos is where sparse puts the construct: for a call, the
 * callee name (syntactic) or its '(' (linearized code, callee_paren set:
 * the column moves back to the name when the source line shows it).
 */
struct rg_sparse_report {
	enum rg_rule rule;
	struct position pos;
	bool callee_paren;
	const char *callee;		/* the name to look for before '(' */
	const char *arg;		/* the message's first '%s' */
	const char *rewrite;		/* its second, or NULL */
	const char *function;
	/*
	 * 1 + which of the function's calls to callee at pos this is, in
	 * source order (0: not known): calls in one macro argument share the
	 * invocation's position, and are told apart by their order.
	 */
	int nth_call;
	bool has_note;
	struct position note_pos;
	bool note_paren;
	const char *note_callee;
	const char *note_message;	/* NULL: the rule's note */
	/*
	 * A fix-it, made from the call's spelled text as the plugin's
	 * (plugin/fixit.c): RG_FIX_CALL replaces the whole call with
	 * rewrite(P-or-first, further...), RG_FIX_RENAME only the callee's
	 * name.  Given only when the call is spelled whole on one line.
	 * RG_FIX_RENAME_AT renames fix_name where fix_pos spells it (a
	 * _Generic association), if it does.
	 */
	enum { RG_FIX_NONE, RG_FIX_CALL, RG_FIX_RENAME, RG_FIX_RENAME_AT } fix;
	struct position fix_pos;
	const char *fix_name;
	int fix_nargs;			/* the call's argument count */
	int fix_refcount_arg;		/* -1, or &P->_refcount's: P leads */
	const int *fix_order;		/* the other arguments kept, -1 ended */
	int fix_value_arg;		/* -1, or one that must be fix_value */
	long long fix_value;
};

void rg_sparse_report(const struct rg_sparse_report *rep);
void rg_report_reset(void);

#endif

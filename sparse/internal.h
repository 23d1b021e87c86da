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
 * syntactic.c	the walk of the expression trees, calling the rules' hooks
 * walk-records.c what the walk recorded (candidates, API calls), tree helpers
 * rule-list.c	the hook list, rules/checks.def
 * rule-*.c	one rule's own code each (hooks)
 * flow.c	the flow rules: the fixed point over linearized code
 * flow-state.c	the lattice and the transfer functions; the lattice's
 *		check column reported generically (rules/kinds.def)
 * flow-report.c where and how a flow finding is reported
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

/*
 * A rule's own code: one file per rule, rule-<name>.c, listed in
 * rules/checks.def (rule-list.c).  The walkers call its hooks; any may be
 * NULL.  The walk's events are on parsed trees (syntactic.c); a hook
 * that finds something records a candidate (rg_cand_add()), which goes to
 * the same rule's report hook once the body is evaluated.
 */
struct rg_flow;
struct rg_cand;
struct rg_sparse_check {
	/* A call whose callee is the symbol FN; API its catalogue entry or NULL. */
	void (*call)(struct expression *call, struct expression *fn,
		     const struct rg_api *api);
	/* A call through _Generic(...) G, an association of which names the API. */
	void (*generic_call)(struct expression *call, struct expression *g);
	/* &P->_refcount (REF, as parsed) as argument ARG; FN the callee or NULL. */
	void (*refcount_arg)(struct expression *call, struct expression *fn,
			     int arg, struct expression *ref);
	/* Any other use of P->_refcount (REF) than taking its address. */
	void (*refcount_value)(struct expression *ref);
	/* After evaluation: a candidate of this rule, NTH as rg_sparse_report's. */
	void (*report)(struct rg_cand *c, int nth);
	/*
	 * The flow rules' reporting walk (flow-state.c): a call to API at
	 * INSN, its page's state BITS (frozen-state.h's RG_ALL_*; 0 unknown).
	 */
	void (*flow_call)(struct rg_flow *fl, struct instruction *insn,
			  const struct rg_api *api, unsigned char bits);
	/* The unit's functions are analysed: what the flow never reached. */
	void (*flush)(void);
	/* The unit is done. */
	void (*reset)(void);
};

#define CHECK(fn, file) extern const struct rg_sparse_check rg_sparse_check_##fn;
#include "checks.def"
#undef CHECK
/* rule-list.c: rules/checks.def's hooks, NULL-terminated. */
extern const struct rg_sparse_check *const rg_sparse_checks[];
/* Each check C of the list with a HOOK, in the list's order. */
#define FOR_EACH_HOOK(c, hook)						\
	for (const struct rg_sparse_check *const *c = rg_sparse_checks; *c; c++) \
		if ((*c)->hook)

/* What a hook found in a parsed body, for its report hook. */
struct rg_cand {
	const struct rg_sparse_check *check;	/* whose it is */
	int kind;			/* the rule's own: RG_CAND_* */
	struct position pos;		/* where it is reported */
	struct position call_pos;	/* the call's '(' */
	struct expression *base;	/* the struct a field is taken from */
	struct expression *value;	/* a count */
	const struct rg_api *api;
	const struct rg_direct *direct;	/* an atomic op's rules/direct.def entry */
	struct symbol *fn;		/* the function it is in */
	int nargs;			/* the call's */
	int arg;			/* where &P->_refcount is */
	/*
	 * The call's callee, or _refcount, where it is spelled: candidates
	 * of one function at one position with one callee are told apart by
	 * their order (nth).
	 */
	const struct ident *callee;
	/*
	 * The _Generic selection the callee is, or NULL.  Evaluation turns
	 * the node into a copy of the association it selects, so that is
	 * known only then.
	 */
	struct expression *generic;
	struct expression *call;
};
enum { RG_CAND_VALUE, RG_CAND_ATOMIC_ARG, RG_CAND_RAW_SET };

/* syntactic.c: the walk.  Record candidates before evaluation, report after. */
#define RG_SCAN_SYNTACTIC	1	/* a candidate */
#define RG_SCAN_API_CALLS	2	/* a call to the API: work for the flow rules */
#define RG_SCAN_FLOW_STARTS	4	/* one that can begin a flow finding */
unsigned int rg_syntactic_scan(struct symbol *fn, struct statement *body, bool record);
void rg_syntactic_report(void);
/* The flow rules never reached what a rule kept for them: report it as is. */
void rg_syntactic_flush(void);
void rg_syntactic_reset(void);

/*
 * walk-records.c: what the walk recorded for the unit, and tree helpers.
 * rg_records_start() begins a body: with RECORD, candidates and calls are
 * kept; without, only counted (a cheap test whether an inline function
 * needs evaluating at all).
 */
void rg_records_start(struct symbol *fn, bool record);
int rg_records_found(void);
int rg_records_found_api_calls(void);
void rg_cand_add(const struct rg_sparse_check *check, struct rg_cand *c);
void rg_cands_report(void);
void rg_records_api_call(struct position pos);
void rg_records_generic_call(struct expression *call, struct expression *g);
void rg_records_reset(void);
/* Is the call whose '(' is at pos one fn spells itself (see syntactic.c)? */
bool rg_syntactic_api_call(struct symbol *fn, struct position pos);
/*
 * Is the call whose '(' is at call_pos one through a _Generic selection
 * naming the API?  *keyword: where _Generic is spelled (the call's place,
 * as GCC's); *selected (if not NULL): the association evaluation chose.
 */
bool rg_syntactic_generic(struct position call_pos, struct position *keyword,
			  struct position *selected);
bool rg_same_pos(struct position a, struct position b);
struct expression *rg_strip_parens(struct expression *e);
struct expression *rg_strip_casts(struct expression *e);
/* The callee's symbol expression of a parsed call, or NULL. */
struct expression *rg_callee_of(struct expression *call);
/* The _Generic selection a parsed call's callee is, or NULL. */
struct expression *rg_generic_of(struct expression *call);
/* The catalogue entry a _Generic association names, or NULL. */
const struct rg_api *rg_association_api(struct expression *e);
/* After evaluation: is E's type the kernel's struct page or struct folio? */
bool rg_page_record(struct expression *e, enum rg_object *obj);
/* The value of an integer constant expression, as GCC would fold it. */
bool rg_const_value(struct expression *e, long long *v);

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

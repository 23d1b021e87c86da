/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The frozen-state flow analysis over sparse's linearized code, shared by
 * flow.c (the IR as rules/flow-solver.c's fixed point sees it),
 * flow-state.c (the lattice, transfer functions and reports) and
 * flow-objects.c (page identity).  It is the plugin's analysis (plugin/flow.h) on another IR: sparse's pseudos are SSA values
 * as GIMPLE's SSA names are, OP_PHI/OP_PHISOURCE its PHIs, OP_CBR its
 * conditions; the lattice is the same code (rules/frozen-state.c).
 */
#ifndef REFGUARD_SPARSE_RGFLOW_H
#define REFGUARD_SPARSE_RGFLOW_H

#include "internal.h"
#include "flow-solver.h"

/*
 * A freeze site (frozen-state.h): the call's position packed so that
 * sites order as positions do (stream, line, column), and the freezing
 * function's name kept beside it in the flow for the note.
 */
#define RG_FLOW_MAX_SITES	64

struct rg_freeze_site {
	rg_site site;
	struct position pos;
	const char *callee;
};

/* A guard is a pseudo (frozen-state.h's rg_guard). */
#define RG_GUARD(pseudo)	((rg_guard)(uintptr_t)(pseudo))

/* A refcount: the address BASE + OFF bytes (BASE a pseudo). */
struct rg_key {
	pseudo_t base;
	long long off;
};

struct rg_flow {
	struct entrypoint *ep;
	struct rg_objects objs;		/* the pages (their keys: pseudo bases) */
	bool reporting;			/* final walk: emit findings */
	bool flow_valid;		/* false: the fixed point was abandoned */
	const char *function;
	struct symbol *fn;
	unsigned int nsites;
	struct rg_freeze_site sites[RG_FLOW_MAX_SITES];
};

/*
 * flow-report.c: a finding of RULE at the call INSN to API, with REWRITE
 * (a rename of the callee) or NULL, and VIEW's freeze site as the note
 * if VIEW; rg_flow_emit() reports REP as made (at the _Generic keyword
 * for a call through one); rg_flow_nth_call() is REP's nth_call.
 */
void rg_flow_report(struct rg_flow *fl, enum rg_rule rule, struct instruction *insn,
		    const struct rg_api *api, const char *rewrite,
		    const struct rg_side *view);
void rg_flow_emit(struct rg_sparse_report *rep, const struct rg_api *api);
int rg_flow_nth_call(struct rg_flow *fl, struct instruction *insn);
const char *rg_flow_site_callee(const struct rg_flow *fl, rg_site site);

/* flow-objects.c */
int rg_flow_object_of(struct rg_flow *fl, pseudo_t ptr, bool create);
bool rg_flow_is_base(struct rg_flow *fl, pseudo_t p);
const struct rg_api *rg_flow_call_api(struct rg_flow *fl, struct instruction *insn);
pseudo_t rg_flow_call_page(struct instruction *insn, const struct rg_api *api);
pseudo_t rg_flow_phi_arg(struct instruction *phi, struct basic_block *from);
bool rg_flow_const_value(pseudo_t p, long long *value);

/* flow-state.c */
void rg_flow_transfer_insn(struct rg_flow *fl, struct instruction *insn,
			   struct rg_obj_state *st);
void rg_flow_refine_edge(struct rg_flow *fl, struct basic_block *from,
			 struct basic_block *to, struct rg_obj_state *st);
void rg_flow_enter_block(struct rg_flow *fl, struct basic_block *from,
			 struct basic_block *to, struct rg_obj_state *st);
void rg_flow_refine(struct rg_flow *fl, struct rg_obj_state *st, pseudo_t v,
		    bool truth);

#endif

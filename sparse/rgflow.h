/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The frozen-state flow analysis over sparse's linearized code, shared by
 * flow.c (the fixed point and the joins), flow-state.c (the lattice,
 * transfer functions and reports) and flow-objects.c (page identity).
 * It is the plugin's
 * analysis (plugin/flow.h) on another IR: sparse's pseudos are SSA values
 * as GIMPLE's SSA names are, OP_PHI/OP_PHISOURCE its PHIs, OP_CBR its
 * conditions; the facts and the joins are the same.
 */
#ifndef REFGUARD_SPARSE_RGFLOW_H
#define REFGUARD_SPARSE_RGFLOW_H

#include "internal.h"

/* Beyond this many pages in one function the rest are not tracked. */
#define RG_FLOW_MAX_OBJECTS	64

/*
 * Facts about one page along a set of paths.  "Unknown" is no bit set;
 * the join ORs RG_MAY_FROZEN and ANDs the other two.
 */
#define RG_MAY_FROZEN	1	/* frozen on at least one path */
#define RG_ALL_FROZEN	2	/* frozen on every path */
#define RG_ALL_LIVE	4	/* live (not frozen) on every path */
#define RG_NO_PATH	8	/* alone: no path gets here (see the guard) */

struct rg_side {
	unsigned char bits;
	bool has_loc;
	struct position loc;		/* a freeze reaching here (its '(') */
	const char *loc_callee;		/* and the freezing function's name */
};

/*
 * One page's state: t where the guard (a pseudo: a freeze's result, or a
 * PHI of constants built from it) is non-zero, f where it is zero; without
 * a guard t and f are equal.  See plugin/flow.h.
 */
struct rg_obj_state {
	struct rg_side t, f;
	pseudo_t guard;
};

/* A refcount: the address BASE + OFF bytes (BASE a pseudo). */
struct rg_key {
	pseudo_t base;
	long long off;
};

struct rg_flow {
	struct entrypoint *ep;
	unsigned int nobj;
	struct rg_key keys[RG_FLOW_MAX_OBJECTS];
	bool has_phi_base;
	bool reporting;			/* final walk: emit findings */
	bool flow_valid;		/* false: the fixed point was abandoned */
	const char *function;
	struct symbol *fn;
};

/* flow-objects.c */
int rg_flow_object_of(struct rg_flow *fl, pseudo_t ptr, bool create);
bool rg_flow_is_base(struct rg_flow *fl, pseudo_t p);
const struct rg_api *rg_flow_call_api(struct rg_flow *fl, struct instruction *insn);
pseudo_t rg_flow_call_page(struct instruction *insn, const struct rg_api *api);
pseudo_t rg_flow_phi_arg(struct instruction *phi, struct basic_block *from);
bool rg_flow_const_value(pseudo_t p, long long *value);

/* flow-state.c */
void rg_side_join(struct rg_side *acc, const struct rg_side *s, bool *seen);
struct rg_side rg_state_view(const struct rg_obj_state *st);
bool rg_state_equal(const struct rg_obj_state *a, const struct rg_obj_state *b);
void rg_state_set(struct rg_obj_state *st, struct rg_side s);
void rg_flow_transfer_insn(struct rg_flow *fl, struct instruction *insn,
			   struct rg_obj_state *st);
void rg_flow_refine_edge(struct rg_flow *fl, struct basic_block *from,
			 struct basic_block *to, struct rg_obj_state *st);
void rg_flow_enter_block(struct rg_flow *fl, struct basic_block *from,
			 struct basic_block *to, struct rg_obj_state *st);
void rg_flow_refine(struct rg_flow *fl, struct rg_obj_state *st, pseudo_t v,
		    bool truth);

#endif

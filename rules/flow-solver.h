/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The solver of the flow rules, shared by the plugin (GIMPLE,
 * plugin/flow*.c) and the sparse engine (linearized code, sparse/flow*.c):
 * the table of a function's pages, what a call or a tested guard does to
 * their states (rules/frozen-state.h), and the fixed point, a forward
 * dataflow of those states over the function's blocks through a small
 * adapter per IR (struct rg_solver_ops).  Plain C, compiled as C++ in
 * the plugin.
 *
 * Blocks are numbered 0..N-1 in reverse post order (0 the function's
 * first block) and visited from a worklist, lowest number first.  A
 * block's entry state is the join of its visited predecessors' exit
 * states, each as it arrives along its edge (the branch taken, the PHIs
 * entered: the adapter's leave()).  The function's entry is a
 * predecessor like any other (RG_SOLVER_ENTRY), with every page unknown.
 * The lattice is finite and every transfer monotone, so a few visits per
 * block reach the fixed point; a budget of 20 visits per block (plus
 * 100) bounds it anyway, and a function over budget gets no state-based
 * findings rather than wrong ones.
 *
 * Join at a merge, per page:
 * - every predecessor split by the same guard: the sides join separately
 *   (the test is still ahead);
 * - else, when a guard PHI of the block (a constant along some edge:
 *   struct rg_solver_ops says which) separates the paths where the page
 *   differs (`ok = a && page_ref_freeze(p, 1)`: 1 on the frozen path, 0
 *   on the others), that PHI becomes the page's guard;
 * - else the plain join.
 */
#ifndef REFGUARD_FLOW_SOLVER_H
#define REFGUARD_FLOW_SOLVER_H

#include "frozen-state.h"

/*
 * Beyond this many distinct pages in one function the rest are not
 * tracked (no reports for them): no kernel function comes close.
 */
#define RG_FLOW_MAX_OBJECTS	64

/*
 * The pages of one function, numbered in the order the engine finds
 * them.  A page is a refcount: the address BASE + OFF bytes, BASE the
 * engine's SSA value (or declaration) where the pointer was born; which
 * pointers resolve to one key is the engine's (its flow-objects.c).
 */
struct rg_flow_key {
	const void *base;
	long long off;
};

struct rg_objects {
	unsigned int nobj;
	struct rg_flow_key keys[RG_FLOW_MAX_OBJECTS];
	bool has_phi_base;	/* some page's base is a PHI result */
	bool overflow;		/* more than RG_FLOW_MAX_OBJECTS pages */
};

/* The page BASE + OFF, or -1. */
int rg_objects_find(const struct rg_objects *t, const void *base, long long off);
/* A new page BASE + OFF, or -1 when the table is full (overflow). */
int rg_objects_add(struct rg_objects *t, const void *base, long long off);
/* Was some page born at BASE? */
bool rg_objects_is_base(const struct rg_objects *t, const void *base);
/* BASE is being (re)defined: the pages born at it start over in ST. */
void rg_objects_define(const struct rg_objects *t, const void *base,
		       struct rg_obj_state *st);

/*
 * The PHIs of a block as an edge enters it: the pages born at a PHI's
 * result take the state of the page its argument along the edge is (the
 * page at offset 0; others start unknown).  PHIs run in parallel, so
 * every state is read (rg_phi_entry_add(), per PHI) before any is
 * written (rg_phi_entry_apply()).
 */
struct rg_phi_entry {
	unsigned int n;
	struct {
		int obj;
		struct rg_side s;
	} set[RG_FLOW_MAX_OBJECTS];
};

/* RES, a PHI's result, takes page SRC's state in ST (-1: no page, unknown). */
void rg_phi_entry_add(struct rg_phi_entry *pe, const struct rg_objects *t,
		      const void *res, int src, const struct rg_obj_state *st);
void rg_phi_entry_apply(const struct rg_phi_entry *pe, struct rg_obj_state *st);

/*
 * At most this many PHIs per block are taken as guards, the first ones
 * the adapter's each_phi() gives that qualify (see struct rg_solver_ops).
 */
#define RG_SOLVER_MAX_PHIS	4

/* A predecessor: the function's entry, or a block not analysed. */
#define RG_SOLVER_ENTRY		(-2)
#define RG_SOLVER_NONE		(-1)

/* A PHI's value along one edge. */
enum rg_phi_arg {
	RG_PHI_ARG_CONST,	/* a constant: the paths go one way */
	RG_PHI_ARG_VALUE,	/* another value: refine() by its truth */
	RG_PHI_ARG_NONE,	/* no value on this edge: not a guard */
};

/*
 * The IR's side.  IR is the adapter's own context; B a block number;
 * EDGE the adapter's handle of one incoming edge, from pred(); PHI its
 * handle of one PHI, from each_phi().
 *
 * Which PHIs are guards is the solver's rule, from what the adapter
 * answers: a PHI of B is a guard when every incoming edge brings it a
 * value, some edge a constant, and every other edge a constant or, if
 * the adapter has refine(), any value.  With refine() (the sparse
 * engine) `ok = a && page_ref_freeze(p, 1)` is one (0 along one edge,
 * the freeze's result along the other); without it (the plugin, whose
 * GIMPLE has the freeze's result tested into constants first) only a
 * PHI of constants is.  An edge without a value (sparse's edge from
 * the function's entry) rules a PHI out.  The choice is made once per
 * block and kept by the solver.
 */
struct rg_solver_ops {
	/*
	 * The K-th incoming edge of B (false past the last): *FROM is the
	 * block it leaves, RG_SOLVER_ENTRY or RG_SOLVER_NONE.
	 */
	bool (*pred)(void *ir, int b, unsigned int k, int *from, void **edge);
	/* The K-th successor of B (false past the last), or RG_SOLVER_NONE. */
	bool (*succ)(void *ir, int b, unsigned int k, int *to);
	/* ST, the exit state of EDGE's source, as it arrives in B. */
	void (*leave)(void *ir, int b, void *edge, struct rg_obj_state *st);
	/* What B's statements do to ST. */
	void (*transfer)(void *ir, int b, struct rg_obj_state *st);
	/*
	 * FN(PHI, ARG) for each PHI of B with an integer result, in the
	 * block's order, until FN returns false: one walk of the block.
	 */
	void (*each_phi)(void *ir, int b, bool (*fn)(void *phi, void *arg),
			 void *arg);
	/* PHI's value along EDGE (an edge into PHI's block): in *VAL if constant. */
	enum rg_phi_arg (*phi_arg)(void *ir, void *phi, void *edge, long long *val);
	/*
	 * ST where PHI's value along EDGE is TRUTH, for a value phi_arg()
	 * calls RG_PHI_ARG_VALUE; NULL: no such refinement, and a guard PHI
	 * is then one of constants only.
	 */
	void (*refine)(void *ir, void *phi, void *edge, bool truth,
		       struct rg_obj_state *st);
	/* PHI as a guard. */
	rg_guard (*phi_guard)(void *ir, void *phi);
	/*
	 * Does a PHI separate paths whose states differ only in the freeze
	 * site?  (The plugin: yes, the sparse engine: no.)
	 */
	bool guard_by_site;
};

struct rg_solver_scratch;

struct rg_solver {
	const struct rg_solver_ops *ops;
	void *ir;
	int nblocks;
	unsigned int nobj;
	long visits;			/* block visits solve() made */
	struct rg_obj_state *out;	/* per block, nobj each; then the entry's */
	bool *visited;			/* per block */
	struct rg_obj_state *cur;	/* nobj */
	void **phis;			/* per block, its guard PHIs */
	signed char *nphis;		/* per block, how many; -1 not chosen yet */
	struct rg_solver_scratch *js;
};

/*
 * False when out of memory (S then needs no rg_solver_fini(), and is
 * good for rg_solver_report_unknown() only).
 */
bool rg_solver_init(struct rg_solver *s, const struct rg_solver_ops *ops,
		    void *ir, int nblocks, unsigned int nobj);
void rg_solver_fini(struct rg_solver *s);
/* Iterate to the fixed point; false if the budget ran out first. */
bool rg_solver_solve(struct rg_solver *s);
/* The last walk over the fixed point: transfer() every block reached. */
void rg_solver_report(struct rg_solver *s);
/*
 * The last walk without a fixed point (over budget, no page followed,
 * out of memory: S as rg_solver_init() left it, either way): transfer()
 * every block from a state where every page is unknown, for what the
 * engine reports without states.
 */
void rg_solver_report_unknown(struct rg_solver *s);

/*
 * A page's state under a call or a branch, on the NOBJ states ST of a
 * function's pages, for the engines' transfer functions.
 *
 * GUARD's definition runs again (around a loop, at a PHI): the pages it
 * guarded keep only what holds either way.
 */
void rg_states_drop_guard(struct rg_obj_state *st, unsigned int nobj, rg_guard guard);
/* GUARD is known non-zero (TRUTH) or zero: the pages it guards take that side. */
void rg_states_take(struct rg_obj_state *st, unsigned int nobj, rg_guard guard,
		    bool truth);
/*
 * A call of KIND on page OBJ, at SITE (rg_call_effect()), its result the
 * guard RESULT (0: no usable result, the outcomes are joined): the
 * page's state after it in ST, its state over all paths before it in
 * *VIEW.  Returns the rule the lattice's check column reports for the
 * call, RG_NR_RULES for none.
 */
enum rg_rule rg_states_call(struct rg_obj_state *st, unsigned int nobj, int obj,
			    enum rg_api_kind kind, rg_site site, rg_guard result,
			    struct rg_side *view);

#endif

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The frozen-state flow pass, shared between its files:
 *
 * flow.c		pass registration and the per-function fixed point
 *			(worklist in reverse post order, joins at merges)
 * flow-lattice.c	the lattice: a page's facts on a set of paths, their
 *			joins, and what a get or a put does to them
 * flow-objects.c	page identity: which SSA names and addresses are
 *			the same refcount (copies, casts, page_folio(),
 *			&folio->page, folio_page(f, 0), PHIs of one page)
 * flow-transfer.c	what each statement and each branch does to the
 *			state (transitions from rules/api.def), and the
 *			frozen-arith / unfreeze-unfrozen reports
 * flow-raw-set.c	raw-set-count for setter calls without a constant
 *			rewrite, with the page_ref_unfreeze() fix-it
 *
 * They depend on each other in that order (flow.c uses them all);
 * flow-raw-set.c only reports.
 *
 * Cost model: objects are numbered per function and capped at
 * RG_FLOW_MAX_OBJECTS, a state is a small fixed-size record per object,
 * and all memory is allocated once per analysed function (none per
 * statement).  Functions without a stateful API call are never analysed.
 */
#ifndef REFGUARD_FLOW_H
#define REFGUARD_FLOW_H

#include "refguard.h"

/*
 * Beyond this many distinct pages in one function the rest are not
 * tracked (no reports for them): no kernel function comes close.
 */
#define RG_FLOW_MAX_OBJECTS	64

/*
 * Facts about one page along a set of paths.  "Unknown" is no bit set;
 * the join of two path sets ORs RG_MAY_FROZEN and ANDs the other two.
 */
#define RG_MAY_FROZEN	1	/* frozen on at least one path */
#define RG_ALL_FROZEN	2	/* frozen on every path */
#define RG_ALL_LIVE	4	/* live (not frozen) on every path */
#define RG_NO_PATH	8	/* alone: no path gets here (see the guard) */

struct rg_side {
	unsigned char bits;
	location_t loc;		/* a freeze that reaches here, if RG_MAY_FROZEN */
};

/*
 * One page's state.  A freeze's outcome is only known where its result
 * is tested, maybe much later: until then the state is split by the
 * guard, an SSA name (the call's result, or a PHI of constants built
 * from it).  t holds when the guard is non-zero, f when it is zero;
 * without a guard t and f are equal.  Reports look at the join of both.
 * A branch on the guard keeps it and makes the other side RG_NO_PATH,
 * so a second test of the same result (`if (frozen) ...; if (frozen)
 * page_ref_unfreeze(...)`) still knows which paths froze the page.
 */
struct rg_obj_state {
	struct rg_side t, f;
	unsigned int guard;	/* SSA_NAME_VERSION, 0 for none */
};

/* A refcount: an address BASE + OFF bytes (BASE an SSA name or a decl). */
struct rg_key {
	tree base;
	HOST_WIDE_INT off;
};

/* What is known about one SSA name, computed lazily. */
struct rg_name_info {
	struct rg_key key;
	unsigned char resolved;
	unsigned char is_base;	/* the base of some tracked object */
};

struct rg_flow {
	function *fun;
	unsigned int nobj;
	struct rg_key keys[RG_FLOW_MAX_OBJECTS];
	bool has_phi_base;	/* some object's base is a PHI result */
	struct rg_name_info *names;	/* indexed by SSA_NAME_VERSION */
	unsigned int nnames;
	bool reporting;		/* final walk: emit diagnostics */
	bool flow_valid;	/* false: the fixed point was abandoned */
	bool overflow;		/* more than RG_FLOW_MAX_OBJECTS pages */
};

/* flow-lattice.c */
struct rg_side rg_side_frozen(location_t loc);
struct rg_side rg_side_live(void);
struct rg_side rg_side_unknown(void);
struct rg_side rg_side_no_path(void);
struct rg_side rg_side_get(struct rg_side s);	/* take references */
struct rg_side rg_side_put(struct rg_side s);	/* drop references */
void rg_side_join(struct rg_side *acc, const struct rg_side *s, bool *seen);
struct rg_side rg_state_view(const struct rg_obj_state *st);
bool rg_state_equal(const struct rg_obj_state *a, const struct rg_obj_state *b);
void rg_state_set(struct rg_obj_state *st, struct rg_side s);
void rg_state_split(struct rg_obj_state *st, unsigned int guard,
		    struct rg_side t, struct rg_side f);
void rg_state_map(struct rg_obj_state *st, struct rg_side (*fn)(struct rg_side));

/* flow-objects.c */
void rg_flow_objects_init(struct rg_flow *fl);
void rg_flow_objects_fini(struct rg_flow *fl);
int rg_flow_object_of(struct rg_flow *fl, tree ptr, bool create);
bool rg_flow_is_base(struct rg_flow *fl, tree name);
tree rg_flow_call_page(gcall *call, const struct rg_api *api);
bool rg_flow_const_value(tree t, HOST_WIDE_INT *value);

/* flow-transfer.c */
void rg_flow_transfer_stmt(struct rg_flow *fl, gimple *stmt,
			   struct rg_obj_state *st);
void rg_flow_refine_edge(struct rg_flow *fl, edge e, struct rg_obj_state *st);
void rg_flow_enter_block(struct rg_flow *fl, edge e, struct rg_obj_state *st);

/* flow-raw-set.c */
/* BITS: the page's facts at the call (RG_ALL_FROZEN, RG_ALL_LIVE, ...). */
void rg_flow_report_raw_set(gcall *call, const struct rg_api *api, tree value,
			    unsigned char bits);

#endif /* REFGUARD_FLOW_H */

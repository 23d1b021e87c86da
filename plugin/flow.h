/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The frozen-state flow pass, shared between its files:
 *
 * flow.c		pass registration, and GIMPLE as the per-function
 *			fixed point sees it (rules/flow-solver.c, shared
 *			with the sparse engine: worklist, joins at merges)
 * (rules/frozen-state.c the lattice, shared with the sparse engine: a
 *			page's facts on a set of paths, their joins, and
 *			what a get or a put does to them)
 * flow-objects.c	page identity: which SSA names and addresses are
 *			the same refcount (copies, casts, page_folio(),
 *			&folio->page, folio_page(f, 0), PHIs of one page)
 * flow-transfer.c	what each statement and each branch does to the
 *			state (transitions from rules/api.def), the reports
 *			the lattice's check column makes (rules/kinds.def),
 *			and the rules' flow_call hooks (rule-*.c)
 *
 * They depend on each other in that order (flow.c uses them all).
 *
 * Cost model: objects are numbered per function and capped at
 * RG_FLOW_MAX_OBJECTS, a state is a small fixed-size record per object,
 * and all memory is allocated once per analysed function (none per
 * statement).  Functions without a stateful API call are never analysed.
 */
#ifndef REFGUARD_FLOW_H
#define REFGUARD_FLOW_H

#include "refguard.h"
#include "flow-solver.h"

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
	struct rg_objects objs;		/* the pages (their keys: tree bases) */
	struct rg_name_info *names;	/* indexed by SSA_NAME_VERSION */
	unsigned int nnames;
	bool reporting;		/* final walk: emit diagnostics */
	bool flow_valid;	/* false: the fixed point was abandoned */
};

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

#endif /* REFGUARD_FLOW_H */

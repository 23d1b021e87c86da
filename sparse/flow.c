// SPDX-License-Identifier: GPL-2.0
/*
 * The flow rules (rules/engines.def's SPARSE_FLOW: the lattice's check
 * column and the rules' flow_call hooks, rule-*.c): a forward dataflow
 * over one function's linearized code, the plugin's (plugin/flow.c) on
 * sparse's IR.
 *
 * The fixed point is the plugin's too (rules/flow-solver.c: the
 * worklist, the joins, the budget), over this file's view of linearized
 * code (sparse_ops: blocks in reverse post order, parents and children,
 * the integer PHIs and their values, refined by flow-state.c where a
 * value is not constant, so that the solver takes a PHI with a constant
 * among its values as a guard at a join).  A function over
 * budget gets no frozen-state findings (raw setters are still reported,
 * without the path-dependent rewrite) rather than wrong ones.
 *
 * Functions without a stateful API call, most of them, cost one scan.
 */
#include <stdlib.h>
#include <string.h>

#include "rgflow.h"

/* The fixed point's view of linearized code (rules/flow-solver.h). */
struct sparse_ir {
	struct rg_flow *fl;
	struct basic_block **blocks;	/* reverse post order */
};

/* Block numbers live in bb->priv (index + 1) while the function is analysed. */
static int index_of(struct basic_block *bb)
{
	return (int)(long)bb->priv - 1;
}

/* The function's entry comes first into block 0, then its parents. */
static bool ir_pred(void *v, int b, unsigned int k, int *from, void **edge)
{
	struct sparse_ir *ir = v;
	struct basic_block *parent;

	if (b == 0) {
		if (k == 0) {
			*from = RG_SOLVER_ENTRY;
			*edge = NULL;
			return true;
		}
		k--;
	}
	if (k >= (unsigned int)ptr_list_size((struct ptr_list *)ir->blocks[b]->parents))
		return false;
	parent = ptr_list_nth(ir->blocks[b]->parents, k);
	*from = parent ? index_of(parent) : RG_SOLVER_NONE;
	if (*from < 0)
		*from = RG_SOLVER_NONE;
	*edge = parent;
	return true;
}

static bool ir_succ(void *v, int b, unsigned int k, int *to)
{
	struct sparse_ir *ir = v;
	struct basic_block *child;

	if (k >= (unsigned int)ptr_list_size((struct ptr_list *)ir->blocks[b]->children))
		return false;
	child = ptr_list_nth(ir->blocks[b]->children, k);
	*to = child ? index_of(child) : RG_SOLVER_NONE;
	if (*to < 0)
		*to = RG_SOLVER_NONE;
	return true;
}

static void ir_leave(void *v, int b, void *edge, struct rg_obj_state *st)
{
	struct sparse_ir *ir = v;

	if (!edge)
		return;
	rg_flow_refine_edge(ir->fl, edge, ir->blocks[b], st);
	rg_flow_enter_block(ir->fl, edge, ir->blocks[b], st);
}

static void ir_transfer(void *v, int b, struct rg_obj_state *st)
{
	struct sparse_ir *ir = v;
	struct instruction *insn;

	FOR_EACH_PTR(ir->blocks[b]->insns, insn) {
		rg_flow_transfer_insn(ir->fl, insn, st);
	} END_FOR_EACH_PTR(insn);
}

static void ir_each_phi(void *v, int b, bool (*fn)(void *, void *), void *arg)
{
	struct sparse_ir *ir = v;
	struct instruction *insn;

	FOR_EACH_PTR(ir->blocks[b]->insns, insn) {
		if (insn->bb && insn->opcode == OP_PHI && insn->type &&
		    is_int_type(insn->type) && !fn(insn, arg))
			return;
	} END_FOR_EACH_PTR(insn);
}

/* The function's entry (EDGE NULL) brings no value. */
static enum rg_phi_arg ir_phi_arg(void *v, void *phi, void *edge, long long *val)
{
	pseudo_t arg = edge ? rg_flow_phi_arg(phi, edge) : NULL;

	if (!arg)
		return RG_PHI_ARG_NONE;
	return rg_flow_const_value(arg, val) ? RG_PHI_ARG_CONST : RG_PHI_ARG_VALUE;
}

/*
 * The value is not a constant: flow-state.c's refinement by its truth
 * (`ok = a && page_ref_freeze(p, 1)` is 0 where a is false and the
 * freeze's result, tested != 0, where it is true).
 */
static void ir_refine(void *v, void *phi, void *edge, bool truth,
		      struct rg_obj_state *st)
{
	struct sparse_ir *ir = v;

	rg_flow_refine(ir->fl, st, rg_flow_phi_arg(phi, edge), truth);
}

static rg_guard ir_phi_guard(void *v, void *phi)
{
	return RG_GUARD(((struct instruction *)phi)->target);
}

static const struct rg_solver_ops sparse_ops = {
	.pred = ir_pred,
	.succ = ir_succ,
	.leave = ir_leave,
	.transfer = ir_transfer,
	.each_phi = ir_each_phi,
	.phi_arg = ir_phi_arg,
	.refine = ir_refine,
	.phi_guard = ir_phi_guard,
	.guard_by_site = false,
};

/* Post order by an explicit stack: kernel functions can be long. */
static int number_blocks(struct entrypoint *ep, struct basic_block ***out)
{
	struct basic_block *bb, **post, **stack, *child;
	int *next, n = 0, nall = 0, sp = 0, i;

	FOR_EACH_PTR(ep->bbs, bb) {
		bb->priv = NULL;
		nall++;
	} END_FOR_EACH_PTR(bb);
	post = calloc(nall + 1, sizeof(*post));
	stack = calloc(nall + 1, sizeof(*stack));
	next = calloc(nall + 1, sizeof(*next));
	if (!post || !stack || !next) {
		free(post);
		free(stack);
		free(next);
		return -1;
	}
	/* priv: 0 unseen, -1 on the stack/done (numbered at the end). */
	stack[sp++] = ep->entry->bb;
	ep->entry->bb->priv = (void *)-1L;
	while (sp) {
		int nchildren;

		bb = stack[sp - 1];
		nchildren = ptr_list_size((struct ptr_list *)bb->children);
		child = NULL;
		while (next[sp - 1] < nchildren) {
			child = ptr_list_nth(bb->children, next[sp - 1]);
			next[sp - 1]++;
			if (child && !child->priv)
				break;
			child = NULL;
		}
		if (child && sp <= nall) {
			child->priv = (void *)-1L;
			next[sp] = 0;
			stack[sp++] = child;
			continue;
		}
		post[n++] = bb;
		sp--;
	}
	/* Reverse post order, numbered from the entry. */
	for (i = 0; i < n; i++) {
		stack[i] = post[n - 1 - i];
		stack[i]->priv = (void *)(long)(i + 1);
	}
	free(post);
	free(next);
	*out = stack;
	return n;
}

/* A call that can change a page's state, or be reported. */
static const struct rg_api *stateful(struct rg_flow *fl, struct instruction *insn)
{
	const struct rg_api *api = insn->bb ? rg_flow_call_api(fl, insn) : NULL;

	return api && api->kind != RG_READ && api->kind != RG_CONVERT ? api : NULL;
}

void rg_flow_function(struct entrypoint *ep)
{
	struct rg_flow fl;
	struct sparse_ir ir;
	struct rg_solver s;
	struct basic_block *bb;
	struct instruction *insn;
	int nblocks;
	bool any = false, ready;

	memset(&fl, 0, sizeof(fl));
	fl.ep = ep;
	fl.fn = ep->name;
	FOR_EACH_PTR(ep->bbs, bb) {
		FOR_EACH_PTR(bb->insns, insn) {
			if (!any && stateful(&fl, insn))
				any = true;
		} END_FOR_EACH_PTR(insn);
	} END_FOR_EACH_PTR(bb);
	if (!any || !ep->entry || !ep->entry->bb)
		return;

	fl.function = rg_sparse_fn_name(ep->name);
	fl.function = fl.function ? strdup(fl.function) : "";
	FOR_EACH_PTR(ep->bbs, bb) {
		FOR_EACH_PTR(bb->insns, insn) {
			const struct rg_api *api = stateful(&fl, insn);
			pseudo_t page;

			if (api && (page = rg_flow_call_page(insn, api)))
				rg_flow_object_of(&fl, page, true);
		} END_FOR_EACH_PTR(insn);
	} END_FOR_EACH_PTR(bb);

	memset(&ir, 0, sizeof(ir));
	ir.fl = &fl;
	nblocks = number_blocks(ep, &ir.blocks);
	if (nblocks <= 0)
		return;
	ready = rg_solver_init(&s, &sparse_ops, &ir, nblocks, fl.objs.nobj);
	/* No page to follow: raw sets are still reported. */
	fl.flow_valid = ready && fl.objs.nobj && rg_solver_solve(&s);
	fl.reporting = true;
	if (fl.flow_valid)
		rg_solver_report(&s);
	else
		rg_solver_report_unknown(&s);
	if (ready)
		rg_solver_fini(&s);
	free(ir.blocks);
	free((char *)fl.function);
}

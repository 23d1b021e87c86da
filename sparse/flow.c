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
 * the PHIs with a constant a join may take as guards, refined by
 * flow-state.c where a PHI's value is not constant).  A function over
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
	struct instruction *phis[RG_SOLVER_MAX_PHIS];	/* of the block joined */
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

static void transfer_block(struct rg_flow *fl, struct basic_block *bb,
			   struct rg_obj_state *st)
{
	struct instruction *insn;

	FOR_EACH_PTR(bb->insns, insn) {
		rg_flow_transfer_insn(fl, insn, st);
	} END_FOR_EACH_PTR(insn);
}

static void ir_transfer(void *v, int b, struct rg_obj_state *st)
{
	struct sparse_ir *ir = v;

	transfer_block(ir->fl, ir->blocks[b], st);
}

/*
 * An integer PHI with a constant among its values: a truth value stored
 * along some paths (`ok = a && page_ref_freeze(p, 1)` is 0 where a is
 * false and the freeze's result, tested != 0, where it is true).
 */
static bool const_phi(struct instruction *phi)
{
	pseudo_t src;
	long long v;
	int n = 0;

	if (!phi->type || !is_int_type(phi->type))
		return false;
	FOR_EACH_PTR(phi->phi_list, src) {
		if (src == VOID || src->type != PSEUDO_PHI || !src->def)
			continue;
		if (rg_flow_const_value(src->def->phi_src, &v))
			n++;
	} END_FOR_EACH_PTR(src);
	return n > 0;
}

/* The entry block has none: the function's entry brings no PHI value. */
static unsigned int ir_guard_phis(void *v, int b)
{
	struct sparse_ir *ir = v;
	struct instruction *insn;
	unsigned int n = 0;

	if (b == 0)
		return 0;
	FOR_EACH_PTR(ir->blocks[b]->insns, insn) {
		if (!insn->bb || insn->opcode != OP_PHI)
			continue;
		if (n < RG_SOLVER_MAX_PHIS && const_phi(insn))
			ir->phis[n++] = insn;
	} END_FOR_EACH_PTR(insn);
	return n;
}

static enum rg_phi_arg ir_phi_arg(void *v, int b, unsigned int c, void *edge,
				  long long *val)
{
	struct sparse_ir *ir = v;
	pseudo_t arg = edge ? rg_flow_phi_arg(ir->phis[c], edge) : NULL;

	if (!arg)
		return RG_PHI_ARG_NONE;
	return rg_flow_const_value(arg, val) ? RG_PHI_ARG_CONST : RG_PHI_ARG_VALUE;
}

/* The value is not a constant: flow-state.c's refinement by its truth. */
static void ir_refine(void *v, int b, unsigned int c, void *edge, bool truth,
		      struct rg_obj_state *st)
{
	struct sparse_ir *ir = v;

	rg_flow_refine(ir->fl, st, rg_flow_phi_arg(ir->phis[c], edge), truth);
}

static rg_guard ir_phi_guard(void *v, int b, unsigned int c)
{
	struct sparse_ir *ir = v;

	return RG_GUARD(ir->phis[c]->target);
}

static const struct rg_solver_ops sparse_ops = {
	.pred = ir_pred,
	.succ = ir_succ,
	.leave = ir_leave,
	.transfer = ir_transfer,
	.guard_phis = ir_guard_phis,
	.phi_arg = ir_phi_arg,
	.refine = ir_refine,
	.phi_guard = ir_phi_guard,
	.guard_by_site = false,
};

/* The last walk when the fixed point was abandoned: only the hooks. */
static void report_hooks(struct sparse_ir *ir, int nblocks, struct rg_obj_state *cur)
{
	int i;

	for (i = 0; i < nblocks; i++) {
		/* The page's state unknown. */
		memset(cur, 0, ir->fl->objs.nobj * sizeof(*cur));
		transfer_block(ir->fl, ir->blocks[i], cur);
	}
}

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
	bool any = false;

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
	if (rg_solver_init(&s, &sparse_ops, &ir, nblocks, fl.objs.nobj)) {
		/* No page to follow: raw sets are still reported. */
		fl.flow_valid = fl.objs.nobj && rg_solver_solve(&s);
		fl.reporting = true;
		if (fl.flow_valid)
			rg_solver_report(&s);
		else
			report_hooks(&ir, nblocks, s.cur);
		rg_solver_fini(&s);
	}
	free(ir.blocks);
	free((char *)fl.function);
}

// SPDX-License-Identifier: GPL-2.0
/*
 * The flow rules (rules/engines.def's SPARSE_FLOW: the lattice's check
 * column and the rules' flow_call hooks, rule-*.c): a forward dataflow
 * over one function's linearized code, the plugin's (plugin/flow.c) on
 * sparse's IR.
 *
 * Blocks are visited from a worklist in reverse post order; a block's
 * entry state is the join of its visited predecessors' exit states, each
 * refined by the branch taken (flow-state.c) and by the block's PHIs, so
 * loops iterate until nothing changes.  The lattice is finite and every
 * transfer monotone; a budget of 20 visits per block (plus 100) bounds it
 * anyway, and a function over budget gets no frozen-state findings (raw
 * setters are still reported, without the path-dependent rewrite) rather
 * than wrong ones.  A last walk over the fixed point reports.
 *
 * Join at a merge, per page:
 * - every predecessor split by the same guard: the sides join separately
 *   (the test is still ahead);
 * - else, when a PHI of constants in the block separates the paths where
 *   the page differs (`ok = a && page_ref_freeze(p, 1)`: 1 on the frozen
 *   path, 0 on the others), that PHI becomes the page's guard;
 * - else the plain join.
 *
 * Functions without a stateful API call, most of them, cost one scan.
 */
#include <stdlib.h>
#include <string.h>

#include "rgflow.h"

#define MAX_CONST_PHIS	4

struct join_scratch {
	struct rg_obj_state edge_state[RG_FLOW_MAX_OBJECTS];
	struct rg_obj_state when_true[RG_FLOW_MAX_OBJECTS];
	struct rg_obj_state when_false[RG_FLOW_MAX_OBJECTS];
	bool phi_broken[MAX_CONST_PHIS];
	struct rg_side plain[RG_FLOW_MAX_OBJECTS];
	struct rg_side gt[RG_FLOW_MAX_OBJECTS], gf[RG_FLOW_MAX_OBJECTS];
	struct rg_side ct[MAX_CONST_PHIS][RG_FLOW_MAX_OBJECTS];
	struct rg_side cf[MAX_CONST_PHIS][RG_FLOW_MAX_OBJECTS];
	bool plain_seen[RG_FLOW_MAX_OBJECTS];
	bool gt_seen[RG_FLOW_MAX_OBJECTS], gf_seen[RG_FLOW_MAX_OBJECTS];
	bool ct_seen[MAX_CONST_PHIS][RG_FLOW_MAX_OBJECTS];
	bool cf_seen[MAX_CONST_PHIS][RG_FLOW_MAX_OBJECTS];
	rg_guard guard[RG_FLOW_MAX_OBJECTS];
	bool guard_set[RG_FLOW_MAX_OBJECTS];
	struct instruction *phis[MAX_CONST_PHIS];
};

struct fixpoint {
	struct rg_flow *fl;
	struct basic_block **blocks;	/* reverse post order */
	int nblocks;
	struct rg_obj_state *out;	/* per block, nobj each */
	bool *visited;
	struct join_scratch *js;
};

/* Block numbers live in bb->priv (index + 1) while the function is analysed. */
static int index_of(struct basic_block *bb)
{
	return (int)(long)bb->priv - 1;
}

static struct rg_obj_state *out_of(struct fixpoint *fp, int i)
{
	return fp->out + (size_t)i * fp->fl->nobj;
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

static unsigned int collect_const_phis(struct basic_block *bb, struct join_scratch *js)
{
	struct instruction *insn;
	unsigned int n = 0;

	FOR_EACH_PTR(bb->insns, insn) {
		if (!insn->bb || insn->opcode != OP_PHI)
			continue;
		if (n < MAX_CONST_PHIS && const_phi(insn))
			js->phis[n++] = insn;
	} END_FOR_EACH_PTR(insn);
	return n;
}

/*
 * Join one incoming state ES (along the edge from FROM, or NULL) into JS.
 * For each PHI of JS->phis, the paths where its value along this edge is
 * non-zero go to ct, the others to cf: a constant goes one way, another
 * value splits ES by what its truth says (flow-state.c's refinement).
 */
static void join_edge(struct fixpoint *fp, struct basic_block *from,
		      struct rg_obj_state *es, unsigned int nphis)
{
	struct join_scratch *js = fp->js;
	unsigned int nobj = fp->fl->nobj, o, c;

	for (o = 0; o < nobj; o++) {
		struct rg_side v = rg_state_view(&es[o]);

		rg_side_join(&js->plain[o], &v, &js->plain_seen[o]);
		if (!js->guard_set[o]) {
			js->guard[o] = es[o].guard;
			js->guard_set[o] = true;
		} else if (js->guard[o] != es[o].guard) {
			js->guard[o] = 0;
		}
		rg_side_join(&js->gt[o], &es[o].t, &js->gt_seen[o]);
		rg_side_join(&js->gf[o], &es[o].f, &js->gf_seen[o]);
	}
	for (c = 0; c < nphis; c++) {
		pseudo_t arg = from ? rg_flow_phi_arg(js->phis[c], from) : NULL;
		long long val = 0;
		bool cst;

		if (!arg) {
			js->phi_broken[c] = true;
			continue;
		}
		cst = rg_flow_const_value(arg, &val);
		memcpy(js->when_true, es, nobj * sizeof(*es));
		memcpy(js->when_false, es, nobj * sizeof(*es));
		if (!cst) {
			rg_flow_refine(fp->fl, js->when_true, arg, true);
			rg_flow_refine(fp->fl, js->when_false, arg, false);
		}
		for (o = 0; o < nobj; o++) {
			struct rg_side t = rg_state_view(&js->when_true[o]);
			struct rg_side f = rg_state_view(&js->when_false[o]);

			if (!cst || val)
				rg_side_join(&js->ct[c][o], &t, &js->ct_seen[c][o]);
			if (!cst || !val)
				rg_side_join(&js->cf[c][o], &f, &js->cf_seen[c][o]);
		}
	}
}

/* IN = the state on entry to block I; false if no predecessor is visited. */
static bool compute_in(struct fixpoint *fp, int i, struct rg_obj_state *in)
{
	struct rg_flow *fl = fp->fl;
	struct join_scratch *js = fp->js;
	struct basic_block *bb = fp->blocks[i], *parent;
	unsigned int nobj = fl->nobj, nphis, o, c, npreds = 0;

	nphis = collect_const_phis(bb, js);
	for (o = 0; o < nobj; o++) {
		js->plain_seen[o] = js->gt_seen[o] = js->gf_seen[o] = false;
		js->guard_set[o] = false;
		js->guard[o] = 0;
		for (c = 0; c < nphis; c++)
			js->ct_seen[c][o] = js->cf_seen[c][o] = false;
	}
	for (c = 0; c < nphis; c++)
		js->phi_broken[c] = false;
	/* The function's entry: every page unknown. */
	if (i == 0) {
		memset(js->edge_state, 0, nobj * sizeof(*js->edge_state));
		join_edge(fp, NULL, js->edge_state, 0);
		nphis = 0;
		npreds++;
	}
	FOR_EACH_PTR(bb->parents, parent) {
		int p = index_of(parent);

		if (p < 0 || !fp->visited[p])
			continue;
		npreds++;
		memcpy(js->edge_state, out_of(fp, p), nobj * sizeof(*js->edge_state));
		rg_flow_refine_edge(fl, parent, bb, js->edge_state);
		rg_flow_enter_block(fl, parent, bb, js->edge_state);
		join_edge(fp, parent, js->edge_state, nphis);
	} END_FOR_EACH_PTR(parent);
	if (!npreds)
		return false;

	for (o = 0; o < nobj; o++) {
		if (js->guard[o]) {
			in[o].t = js->gt[o];
			in[o].f = js->gf[o];
			in[o].guard = js->guard[o];
			continue;
		}
		rg_state_set(&in[o], js->plain[o]);
		for (c = 0; c < nphis; c++) {
			if (js->phi_broken[c] || !js->ct_seen[c][o] || !js->cf_seen[c][o] ||
			    js->ct[c][o].bits == js->cf[c][o].bits)
				continue;
			in[o].t = js->ct[c][o];
			in[o].f = js->cf[c][o];
			in[o].guard = RG_GUARD(js->phis[c]->target);
			break;
		}
	}
	return true;
}

static void transfer_block(struct rg_flow *fl, struct basic_block *bb,
			   struct rg_obj_state *st)
{
	struct instruction *insn;

	FOR_EACH_PTR(bb->insns, insn) {
		rg_flow_transfer_insn(fl, insn, st);
	} END_FOR_EACH_PTR(insn);
}

static bool states_equal(const struct rg_obj_state *a, const struct rg_obj_state *b,
			 unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (!rg_state_equal(&a[i], &b[i]))
			return false;
	return true;
}

/* Iterate to the fixed point; false if the budget ran out first. */
static bool solve(struct fixpoint *fp, struct rg_obj_state *cur)
{
	struct rg_flow *fl = fp->fl;
	long budget = 20L * fp->nblocks + 100;
	bool *work = calloc(fp->nblocks, sizeof(*work));
	struct basic_block *child;
	int i, pending = fp->nblocks;

	if (!work)
		return false;
	for (i = 0; i < fp->nblocks; i++)
		work[i] = true;
	while (pending) {
		for (i = 0; i < fp->nblocks && !work[i]; i++)
			;
		work[i] = false;
		pending--;
		if (--budget < 0) {
			free(work);
			return false;
		}
		if (!compute_in(fp, i, cur))
			continue;
		transfer_block(fl, fp->blocks[i], cur);
		if (fp->visited[i] && states_equal(out_of(fp, i), cur, fl->nobj))
			continue;
		memcpy(out_of(fp, i), cur, fl->nobj * sizeof(*cur));
		fp->visited[i] = true;
		FOR_EACH_PTR(fp->blocks[i]->children, child) {
			int c = index_of(child);

			if (c >= 0 && !work[c]) {
				work[c] = true;
				pending++;
			}
		} END_FOR_EACH_PTR(child);
	}
	free(work);
	return true;
}

static void report(struct fixpoint *fp, struct rg_obj_state *cur)
{
	struct rg_flow *fl = fp->fl;
	int i;

	fl->reporting = true;
	for (i = 0; i < fp->nblocks; i++) {
		if (!fl->flow_valid) {
			/* Only the hooks, with the page's state unknown. */
			memset(cur, 0, fl->nobj * sizeof(*cur));
			transfer_block(fl, fp->blocks[i], cur);
		} else if (fp->visited[i] && compute_in(fp, i, cur)) {
			transfer_block(fl, fp->blocks[i], cur);
		}
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
	struct fixpoint fp;
	struct basic_block *bb;
	struct instruction *insn;
	struct rg_obj_state *cur;
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

	memset(&fp, 0, sizeof(fp));
	fp.fl = &fl;
	fp.nblocks = number_blocks(ep, &fp.blocks);
	if (fp.nblocks <= 0)
		return;
	fp.out = calloc((size_t)fp.nblocks * fl.nobj + 1, sizeof(*fp.out));
	fp.visited = calloc(fp.nblocks, sizeof(*fp.visited));
	fp.js = malloc(sizeof(*fp.js));
	cur = calloc(fl.nobj + 1, sizeof(*cur));
	if (fp.out && fp.visited && fp.js && cur) {
		/* No page to follow: raw sets are still reported. */
		fl.flow_valid = fl.nobj && solve(&fp, cur);
		report(&fp, cur);
	}
	free(cur);
	free(fp.js);
	free(fp.visited);
	free(fp.out);
	free(fp.blocks);
	free((char *)fl.function);
}

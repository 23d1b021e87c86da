// SPDX-License-Identifier: GPL-2.0
/*
 * The frozen-state flow pass: the rules rules/engines.def serves by
 * PLUGIN_FLOW, reported from the lattice's check column (flow-transfer.c)
 * or by a rule's own flow_call hook (rule-*.c, rules/checks.def).
 *
 * Where: a GIMPLE pass right after "ssa", the first pass that sees a
 * function in SSA form.  That is before early inlining at every -O level,
 * so calls to the static inline helpers of page_ref.h and mm.h are still
 * calls; it runs at -O0 as at -O2, under -S -o /dev/null, and under
 * -fplugin-arg-refguard-check-only (its name starts with "refguard").
 * It only reads the IR: no TODO flags, no properties provided.
 *
 * How: a forward dataflow over the CFG, the fixed point shared with the
 * sparse engine (rules/flow-solver.c) over this file's view of GIMPLE
 * (gimple_solver_ops: blocks in reverse post order, edges, the integer
 * PHIs and their arguments; the solver takes a PHI of constants as a
 * guard at a join).  Each tracked page
 * (flow-objects.c) has a state of three facts, may-frozen / all-frozen /
 * all-live, plus a split by a guard for freezes whose result is tested
 * later (flow-transfer.c).  A function over the solver's budget is left
 * without flow findings rather than given wrong ones.  A last walk over
 * the fixed point emits the diagnostics.
 * With -fdump-tree-all the pass's dump has, per analysed function, a line
 * "refguard: N pages, N blocks, N block visits" (or "gave up").
 *
 * Which functions: every function the syntactic walk saw calling the API
 * in a way this pass follows (rg_flow_want()).  GCC never lowers a static
 * function nothing uses (an unused static inline in a header, a function
 * only called under a false IS_ENABLED()), so such a function is marked
 * force_output (unless GCC marked it itself) until this pass has seen it;
 * the pass then clears the mark and GCC drops the function as before:
 * the generated code is the same with and without the plugin.
 * What each function got is recorded for -record: analysed, or given up
 * (over budget, too many pages) and so unchecked.
 */
#include "flow.h"
#include "cgraph.h"

/* The fixed point's view of GIMPLE (rules/flow-solver.h). */
struct gimple_ir {
	struct rg_flow *fl;
	int *rpo;		/* block number -> basic block index */
	int *pos;		/* basic block index -> block number, or -1 */
	int nbb;		/* last_basic_block_for_fn() */
};

static basic_block block(struct gimple_ir *ir, int b)
{
	return BASIC_BLOCK_FOR_FN(ir->fl->fun, ir->rpo[b]);
}

static int number_of(struct gimple_ir *ir, basic_block bb)
{
	if (bb == ENTRY_BLOCK_PTR_FOR_FN(ir->fl->fun))
		return RG_SOLVER_ENTRY;
	if (bb->index < ir->nbb && ir->pos[bb->index] >= 0)
		return ir->pos[bb->index];
	return RG_SOLVER_NONE;
}

static bool ir_pred(void *v, int b, unsigned int k, int *from, void **eh)
{
	struct gimple_ir *ir = (struct gimple_ir *)v;
	basic_block bb = block(ir, b);
	edge e;

	if (k >= EDGE_COUNT(bb->preds))
		return false;
	e = EDGE_PRED(bb, k);
	*from = number_of(ir, e->src);
	*eh = e;
	return true;
}

static bool ir_succ(void *v, int b, unsigned int k, int *to)
{
	struct gimple_ir *ir = (struct gimple_ir *)v;
	basic_block bb = block(ir, b);

	if (k >= EDGE_COUNT(bb->succs))
		return false;
	*to = number_of(ir, EDGE_SUCC(bb, k)->dest);
	if (*to == RG_SOLVER_ENTRY)
		*to = RG_SOLVER_NONE;
	return true;
}

static void ir_leave(void *v, int b, void *edge_handle, struct rg_obj_state *st)
{
	struct gimple_ir *ir = (struct gimple_ir *)v;
	edge e = (edge)edge_handle;

	rg_flow_refine_edge(ir->fl, e, st);
	rg_flow_enter_block(ir->fl, e, st);
}

static void ir_transfer(void *v, int b, struct rg_obj_state *st)
{
	struct gimple_ir *ir = (struct gimple_ir *)v;
	gimple_stmt_iterator gsi;

	for (gsi = gsi_start_bb(block(ir, b)); !gsi_end_p(gsi); gsi_next(&gsi))
		rg_flow_transfer_stmt(ir->fl, gsi_stmt(gsi), st);
}

static void ir_each_phi(void *v, int b, bool (*fn)(void *, void *), void *arg)
{
	struct gimple_ir *ir = (struct gimple_ir *)v;
	gphi_iterator gsi;

	for (gsi = gsi_start_phis(block(ir, b)); !gsi_end_p(gsi); gsi_next(&gsi))
		if (INTEGRAL_TYPE_P(TREE_TYPE(gimple_phi_result(gsi.phi()))) &&
		    !fn(gsi.phi(), arg))
			return;
}

/* No refine(): a guard PHI's arguments are all constants. */
static enum rg_phi_arg ir_phi_arg(void *v, void *phi, void *edge_handle, long long *val)
{
	HOST_WIDE_INT cst;

	if (!rg_flow_const_value(PHI_ARG_DEF_FROM_EDGE((gphi *)phi, (edge)edge_handle),
				 &cst))
		return RG_PHI_ARG_VALUE;
	*val = cst;
	return RG_PHI_ARG_CONST;
}

static rg_guard ir_phi_guard(void *v, void *phi)
{
	return SSA_NAME_VERSION(gimple_phi_result((gphi *)phi));
}

static const struct rg_solver_ops gimple_solver_ops = {
	ir_pred, ir_succ, ir_leave, ir_transfer, ir_each_phi, ir_phi_arg,
	NULL, ir_phi_guard, true,
};

/* A call that can change a page's state, or be reported. */
static bool stateful_call(gimple *stmt, const struct rg_api **api)
{
	gcall *call = dyn_cast<gcall *>(stmt);

	if (!call)
		return false;
	*api = rg_api_for_callee(gimple_call_fndecl(call));
	return *api && (*api)->kind != RG_READ && (*api)->kind != RG_CONVERT;
}

/* Number the pages the API calls name. */
static void find_objects(struct rg_flow *fl)
{
	const struct rg_api *api;
	gimple_stmt_iterator gsi;
	basic_block bb;

	rg_flow_objects_init(fl);
	FOR_EACH_BB_FN(bb, fl->fun)
		for (gsi = gsi_start_bb(bb); !gsi_end_p(gsi); gsi_next(&gsi)) {
			gimple *stmt = gsi_stmt(gsi);
			tree page;

			if (!stateful_call(stmt, &api))
				continue;
			page = rg_flow_call_page(as_a<gcall *>(stmt), api);
			if (page)
				rg_flow_object_of(fl, page, true);
		}
}

static bool any_stateful_call(function *fun)
{
	const struct rg_api *api;
	gimple_stmt_iterator gsi;
	basic_block bb;

	FOR_EACH_BB_FN(bb, fun)
		for (gsi = gsi_start_bb(bb); !gsi_end_p(gsi); gsi_next(&gsi))
			if (stateful_call(gsi_stmt(gsi), &api))
				return true;
	return false;
}

/* Functions this file marked force_output, until the pass sees them. */
static hash_set<tree> *forced;
/* Functions wanted since the end of the last function definition. */
static auto_vec<tree> pending;

/* Is a rule the flow pass serves (rules/engines.def) on? */
static bool flow_rules_enabled(void)
{
	unsigned int rules = rg_pass_rules(RG_PASS_PLUGIN_FLOW);
	int rule;

	for (rule = 0; rule < RG_NR_RULES; rule++)
		if ((rules & RG_RULE_BIT(rule)) && rg_rule_enabled((enum rg_rule)rule))
			return true;
	return false;
}

/*
 * Called from PLUGIN_PRE_GENERICIZE, before cgraph_node::finalize_function
 * has decided whether GCC itself keeps the function (at -O0 it keeps
 * unused static functions): the mark is set once that decision is made,
 * at the end of the definition, and only where GCC did not set it.
 */
void rg_flow_want(tree fndecl)
{
	if (!flow_rules_enabled())
		return;
	rg_record_expect(fndecl, RG_PASS_PLUGIN_FLOW);
	/*
	 * Public functions are always compiled; an extern inline body is
	 * never compiled on its own (if unused, it stays unchecked).
	 */
	if (flag_syntax_only || TREE_PUBLIC(fndecl) || DECL_EXTERNAL(fndecl))
		return;
	pending.safe_push(fndecl);
}

static void keep_pending(void *gcc_data, void *user_data)
{
	cgraph_node *node;
	unsigned int i;
	tree fndecl;

	FOR_EACH_VEC_ELT(pending, i, fndecl) {
		node = cgraph_node::get(fndecl);
		if (!node || !node->definition || node->force_output)
			continue;
		node->force_output = 1;
		if (!forced)
			forced = new hash_set<tree>;
		forced->add(fndecl);
	}
	pending.truncate(0);
}

/* Iterate to the fixed point; false if the budget ran out first. */
static bool solve(struct rg_solver *s, int nrpo)
{
	if (!rg_solver_solve(s)) {
		if (dump_file)
			fprintf(dump_file, "refguard: gave up after %ld block visits\n",
				s->visits);
		return false;
	}
	if (dump_file)
		fprintf(dump_file, "refguard: %u pages, %d blocks, %ld block visits\n",
			s->nobj, nrpo, s->visits);
	return true;
}

/* Analyse FUN; returns NULL, or why its flow findings are incomplete. */
static const char *analyze(function *fun)
{
	struct rg_flow fl;
	struct gimple_ir ir;
	struct rg_solver s;
	int nrpo, i;
	const char *gave_up = NULL;
	bool ready;

	/* Most functions never touch a refcount: one cheap scan and out. */
	if (!any_stateful_call(fun))
		return NULL;

	memset(&fl, 0, sizeof(fl));
	fl.fun = fun;
	fl.flow_valid = true;
	find_objects(&fl);

	memset(&ir, 0, sizeof(ir));
	ir.fl = &fl;
	ir.nbb = last_basic_block_for_fn(fun);
	ir.rpo = XNEWVEC(int, n_basic_blocks_for_fn(fun));
	nrpo = pre_and_rev_post_order_compute_fn(fun, NULL, ir.rpo, false);
	ir.pos = XNEWVEC(int, ir.nbb);
	for (i = 0; i < ir.nbb; i++)
		ir.pos[i] = -1;
	for (i = 0; i < nrpo; i++)
		ir.pos[ir.rpo[i]] = i;

	ready = rg_solver_init(&s, &gimple_solver_ops, &ir, nrpo, fl.objs.nobj);
	/* No page to follow (only constant pointers): raw sets are still reported. */
	fl.flow_valid = ready && fl.objs.nobj && solve(&s, nrpo);
	fl.reporting = true;
	if (fl.flow_valid)
		rg_solver_report(&s);
	else
		rg_solver_report_unknown(&s);
	if (!ready)
		gave_up = "the flow analysis ran out of memory";
	else if (fl.objs.nobj && !fl.flow_valid)
		gave_up = "the flow analysis gave up (over its budget)";
	else if (fl.objs.overflow)
		gave_up = "more pages than the flow analysis tracks";

	if (ready)
		rg_solver_fini(&s);
	XDELETEVEC(ir.pos);
	XDELETEVEC(ir.rpo);
	rg_flow_objects_fini(&fl);
	return gave_up;
}

static const pass_data flow_pass_data = {
	GIMPLE_PASS,		/* type */
	"refguard_flow",	/* name: "refguard" prefix kept by check-only */
	OPTGROUP_NONE,		/* optinfo_flags */
	TV_PLUGIN_RUN,		/* tv_id */
	PROP_cfg | PROP_ssa,	/* properties_required */
	0,			/* properties_provided */
	0,			/* properties_destroyed */
	0,			/* todo_flags_start */
	0,			/* todo_flags_finish */
};

class flow_pass : public gimple_opt_pass {
public:
	flow_pass(gcc::context *ctxt) : gimple_opt_pass(flow_pass_data, ctxt) {}

	opt_pass *clone() final override { return new flow_pass(m_ctxt); }

	bool gate(function *fun) final override
	{
		/* Seen: an unused function may go now (once per function). */
		if (forced && forced->contains(fun->decl)) {
			cgraph_node *node = cgraph_node::get(fun->decl);

			forced->remove(fun->decl);
			if (node)
				node->force_output = 0;
		}
		return flow_rules_enabled() && !rg_function_exempt(fun->decl);
	}

	unsigned int execute(function *fun) final override
	{
		const char *gave_up = analyze(fun);

		if (gave_up)
			rg_record_unchecked(fun->decl, gave_up);
		else
			rg_record_checked(fun->decl, RG_PASS_PLUGIN_FLOW);
		return 0;
	}
};

void rg_flow_register(const char *plugin_name)
{
	struct register_pass_info info;

	info.pass = new flow_pass(g);
	info.reference_pass_name = "ssa";
	info.ref_pass_instance_number = 1;
	info.pos_op = PASS_POS_INSERT_AFTER;
	register_callback(plugin_name, PLUGIN_PASS_MANAGER_SETUP, NULL, &info);
	register_callback(plugin_name, PLUGIN_FINISH_PARSE_FUNCTION, keep_pending, NULL);
}

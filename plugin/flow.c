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
 * How: a forward dataflow over the CFG.  Each tracked page (flow-objects.c)
 * has a state of three facts, may-frozen / all-frozen / all-live, plus a
 * split by a guard for freezes whose result is tested later
 * (flow-transfer.c).  Blocks are visited from a worklist in reverse post
 * order; a block's entry state is the join of its visited predecessors'
 * exit states, each refined by the branch taken and by the PHIs of the
 * block, so loops iterate until nothing changes.  The lattice is finite
 * and every transfer monotone, so that takes a few visits per block; a
 * budget proportional to the function's size bounds it anyway, and a
 * function over budget is left without flow findings rather than given
 * wrong ones.  A last walk over the fixed point emits the diagnostics.
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
 *
 * Join at a merge, per page:
 * - all predecessors split by the same guard: the sides join separately
 *   (the test is still ahead);
 * - else, when a PHI of constants in the block separates the paths where
 *   the page differs (`ok = a && page_ref_freeze(p, 1)` stores 1 on the
 *   frozen path, 0 on the others), the page gets that PHI as its guard;
 * - else the plain join.
 */
#include "flow.h"
#include "cgraph.h"

/* PHIs of constants considered per block as guards (`x = a && b`). */
#define MAX_CONST_PHIS	4

struct join_scratch {
	struct rg_obj_state edge_state[RG_FLOW_MAX_OBJECTS];
	struct rg_side plain[RG_FLOW_MAX_OBJECTS];
	struct rg_side gt[RG_FLOW_MAX_OBJECTS], gf[RG_FLOW_MAX_OBJECTS];
	struct rg_side ct[MAX_CONST_PHIS][RG_FLOW_MAX_OBJECTS];
	struct rg_side cf[MAX_CONST_PHIS][RG_FLOW_MAX_OBJECTS];
	bool plain_seen[RG_FLOW_MAX_OBJECTS];
	bool gt_seen[RG_FLOW_MAX_OBJECTS], gf_seen[RG_FLOW_MAX_OBJECTS];
	bool ct_seen[MAX_CONST_PHIS][RG_FLOW_MAX_OBJECTS];
	bool cf_seen[MAX_CONST_PHIS][RG_FLOW_MAX_OBJECTS];
	unsigned int guard[RG_FLOW_MAX_OBJECTS];
	gphi *phis[MAX_CONST_PHIS];
};

struct fixpoint {
	struct rg_flow *fl;
	struct rg_obj_state *out;	/* per block index, nobj each */
	sbitmap visited;		/* by block index */
	struct join_scratch *js;
};

#define GUARD_UNSET	UINT_MAX

static struct rg_obj_state *out_of(struct fixpoint *fp, basic_block bb)
{
	return fp->out + (size_t)bb->index * fp->fl->nobj;
}

/* An integral PHI all of whose arguments are constants. */
static bool const_phi(gphi *phi)
{
	tree res = gimple_phi_result(phi);
	HOST_WIDE_INT v;
	unsigned int i;

	if (!INTEGRAL_TYPE_P(TREE_TYPE(res)))
		return false;
	for (i = 0; i < gimple_phi_num_args(phi); i++)
		if (!rg_flow_const_value(gimple_phi_arg_def(phi, i), &v))
			return false;
	return true;
}

static unsigned int collect_const_phis(basic_block bb, struct join_scratch *js)
{
	unsigned int n = 0;
	gphi_iterator gsi;

	for (gsi = gsi_start_phis(bb); !gsi_end_p(gsi) && n < MAX_CONST_PHIS;
	     gsi_next(&gsi))
		if (const_phi(gsi.phi()))
			js->phis[n++] = gsi.phi();
	return n;
}

/*
 * IN = the state on entry to BB, joined over its visited predecessors.
 * Returns false if none is visited yet.
 */
static bool compute_in(struct fixpoint *fp, basic_block bb,
		       struct rg_obj_state *in)
{
	struct rg_flow *fl = fp->fl;
	struct join_scratch *js = fp->js;
	unsigned int nobj = fl->nobj, nphis, o, c, npreds = 0;
	edge_iterator ei;
	edge e;

	nphis = collect_const_phis(bb, js);
	for (o = 0; o < nobj; o++) {
		js->plain_seen[o] = js->gt_seen[o] = js->gf_seen[o] = false;
		js->guard[o] = GUARD_UNSET;
		for (c = 0; c < nphis; c++)
			js->ct_seen[c][o] = js->cf_seen[c][o] = false;
	}

	FOR_EACH_EDGE(e, ei, bb->preds) {
		struct rg_obj_state *es = js->edge_state;

		if (!bitmap_bit_p(fp->visited, e->src->index))
			continue;
		npreds++;
		memcpy(es, out_of(fp, e->src), nobj * sizeof(*es));
		rg_flow_refine_edge(fl, e, es);
		rg_flow_enter_block(fl, e, es);

		for (o = 0; o < nobj; o++) {
			struct rg_side v = rg_state_view(&es[o]);

			rg_side_join(&js->plain[o], &v, &js->plain_seen[o]);
			if (js->guard[o] == GUARD_UNSET)
				js->guard[o] = es[o].guard;
			else if (js->guard[o] != es[o].guard)
				js->guard[o] = 0;
			rg_side_join(&js->gt[o], &es[o].t, &js->gt_seen[o]);
			rg_side_join(&js->gf[o], &es[o].f, &js->gf_seen[o]);
			for (c = 0; c < nphis; c++) {
				HOST_WIDE_INT val = 0;

				rg_flow_const_value(PHI_ARG_DEF_FROM_EDGE(js->phis[c], e),
						    &val);
				if (val)
					rg_side_join(&js->ct[c][o], &v, &js->ct_seen[c][o]);
				else
					rg_side_join(&js->cf[c][o], &v, &js->cf_seen[c][o]);
			}
		}
	}
	if (!npreds)
		return false;

	for (o = 0; o < nobj; o++) {
		if (js->guard[o] && js->guard[o] != GUARD_UNSET) {
			in[o].t = js->gt[o];
			in[o].f = js->gf[o];
			in[o].guard = js->guard[o];
			continue;
		}
		rg_state_set(&in[o], js->plain[o]);
		for (c = 0; c < nphis; c++) {
			if (!js->ct_seen[c][o] || !js->cf_seen[c][o] ||
			    (js->ct[c][o].bits == js->cf[c][o].bits &&
			     js->ct[c][o].site == js->cf[c][o].site))
				continue;
			in[o].t = js->ct[c][o];
			in[o].f = js->cf[c][o];
			in[o].guard = SSA_NAME_VERSION(gimple_phi_result(js->phis[c]));
			break;
		}
	}
	return true;
}

static void transfer_block(struct rg_flow *fl, basic_block bb,
			   struct rg_obj_state *st)
{
	gimple_stmt_iterator gsi;

	for (gsi = gsi_start_bb(bb); !gsi_end_p(gsi); gsi_next(&gsi))
		rg_flow_transfer_stmt(fl, gsi_stmt(gsi), st);
}

static bool states_equal(const struct rg_obj_state *a,
			 const struct rg_obj_state *b, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (!rg_state_equal(&a[i], &b[i]))
			return false;
	return true;
}

/* Iterate to the fixed point; false if the budget ran out first. */
static bool solve(struct fixpoint *fp, int *rpo, int nrpo, int *pos,
		  struct rg_obj_state *cur)
{
	struct rg_flow *fl = fp->fl;
	function *fun = fl->fun;
	long budget = 20L * nrpo + 100, visits = 0;
	auto_sbitmap work(nrpo);
	int i;

	bitmap_clear(work);
	for (i = 0; i < nrpo; i++)
		bitmap_set_bit(work, i);

	while ((i = bitmap_first_set_bit(work)) >= 0) {
		basic_block bb = BASIC_BLOCK_FOR_FN(fun, rpo[i]);
		edge_iterator ei;
		edge e;

		bitmap_clear_bit(work, i);
		visits++;
		if (--budget < 0) {
			if (dump_file)
				fprintf(dump_file, "refguard: gave up after %ld block visits\n",
					visits);
			return false;
		}
		if (!compute_in(fp, bb, cur))
			continue;
		transfer_block(fl, bb, cur);
		if (bitmap_bit_p(fp->visited, bb->index) &&
		    states_equal(out_of(fp, bb), cur, fl->nobj))
			continue;
		memcpy(out_of(fp, bb), cur, fl->nobj * sizeof(*cur));
		bitmap_set_bit(fp->visited, bb->index);
		FOR_EACH_EDGE(e, ei, bb->succs)
			if (e->dest->index < last_basic_block_for_fn(fun) &&
			    pos[e->dest->index] >= 0)
				bitmap_set_bit(work, pos[e->dest->index]);
	}
	if (dump_file)
		fprintf(dump_file, "refguard: %u pages, %d blocks, %ld block visits\n",
			fl->nobj, nrpo, visits);
	return true;
}

/* The last walk, over the fixed point: diagnostics. */
static void report(struct fixpoint *fp, int *rpo, int nrpo,
		   struct rg_obj_state *cur)
{
	struct rg_flow *fl = fp->fl;
	basic_block bb;
	int i;

	fl->reporting = true;
	if (!fl->flow_valid) {
		/* Only the hooks, with the page's state unknown. */
		memset(cur, 0, fl->nobj * sizeof(*cur));
		FOR_EACH_BB_FN(bb, fl->fun)
			transfer_block(fl, bb, cur);
		return;
	}
	for (i = 0; i < nrpo; i++) {
		bb = BASIC_BLOCK_FOR_FN(fl->fun, rpo[i]);
		if (bitmap_bit_p(fp->visited, bb->index) && compute_in(fp, bb, cur))
			transfer_block(fl, bb, cur);
	}
}

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

/* Analyse FUN; returns NULL, or why its flow findings are incomplete. */
static const char *analyze(function *fun)
{
	struct rg_flow fl;
	struct fixpoint fp;
	int *rpo, *pos, nrpo, i, nblocks;
	struct rg_obj_state *cur;
	const char *gave_up = NULL;

	/* Most functions never touch a refcount: one cheap scan and out. */
	if (!any_stateful_call(fun))
		return NULL;

	memset(&fl, 0, sizeof(fl));
	fl.fun = fun;
	fl.flow_valid = true;
	find_objects(&fl);

	nblocks = last_basic_block_for_fn(fun);
	rpo = XNEWVEC(int, n_basic_blocks_for_fn(fun));
	nrpo = pre_and_rev_post_order_compute_fn(fun, NULL, rpo, false);
	pos = XNEWVEC(int, nblocks);
	for (i = 0; i < nblocks; i++)
		pos[i] = -1;
	for (i = 0; i < nrpo; i++)
		pos[rpo[i]] = i;

	fp.fl = &fl;
	fp.out = XCNEWVEC(struct rg_obj_state, (size_t)nblocks * fl.nobj + 1);
	fp.visited = sbitmap_alloc(nblocks);
	bitmap_clear(fp.visited);
	/* The entry block's exit state: every page unknown (all zero). */
	bitmap_set_bit(fp.visited, ENTRY_BLOCK);
	fp.js = XNEW(struct join_scratch);
	cur = XNEWVEC(struct rg_obj_state, fl.nobj + 1);

	/* No page to follow (only constant pointers): raw sets are still reported. */
	fl.flow_valid = fl.nobj && solve(&fp, rpo, nrpo, pos, cur);
	report(&fp, rpo, nrpo, cur);
	if (fl.nobj && !fl.flow_valid)
		gave_up = "the flow analysis gave up (over its budget)";
	else if (fl.overflow)
		gave_up = "more pages than the flow analysis tracks";

	XDELETEVEC(cur);
	XDELETE(fp.js);
	sbitmap_free(fp.visited);
	XDELETEVEC(fp.out);
	XDELETEVEC(pos);
	XDELETEVEC(rpo);
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

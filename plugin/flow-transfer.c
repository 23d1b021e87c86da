// SPDX-License-Identifier: GPL-2.0
/*
 * The flow pass's transfer functions: what each statement and branch does
 * to the lattice of rules/frozen-state.c.
 *
 * What a call to the API checks and does to its page is its kind's
 * (rules/api.def, rules/kinds.def), applied by rg_states_call()
 * (rules/flow-solver.c, the sparse engine's too, on rg_call_effect());
 * a raw store of a count (RG_SET) also goes by the count: frozen if 0,
 * else live.
 *
 * A result is followed to the branches that test it through copies,
 * casts, != 0 / == 0, !, & and | of truth values, __builtin_expect()
 * (likely()/unlikely()) and, at merges, PHIs of constants (a stored
 * `a && page_ref_freeze(...)`): see rg_flow_refine_edge() and the join in
 * rules/flow-solver.c.
 *
 * Calls to functions outside the API table leave the state alone, even
 * when they are passed the page: the frozen state ends only at
 * the listed calls (docs/rules.md), and a helper in between
 * (page_address(), a flag test) must not hide arithmetic on a frozen
 * page.
 */
#include "flow.h"

#define REFINE_MAX_DEPTH	8

/* The call's result as a guard: an integral or pointer SSA name, else 0. */
static rg_guard result_guard(gcall *call)
{
	tree lhs = gimple_call_lhs(call);

	if (lhs && TREE_CODE(lhs) == SSA_NAME &&
	    (INTEGRAL_TYPE_P(TREE_TYPE(lhs)) || POINTER_TYPE_P(TREE_TYPE(lhs))))
		return SSA_NAME_VERSION(lhs);
	return 0;
}

/*
 * A call whose kind checks the page's state (rules/kinds.def's check
 * column) found the state it checks for: RULE's finding, with the rule's
 * note (if it has one) where the page got that state.  Every flow rule
 * that only checks the lattice is reported here, by the catalogue alone.
 */
static void report_check(gcall *call, const struct rg_api *api,
			 enum rg_rule rule, struct rg_side view)
{
	location_t loc = gimple_location(call);

	if (loc == UNKNOWN_LOCATION)
		return;
	rich_location richloc(line_table, loc);
	rg_report(rule, &richloc, api->name, NULL,
		  *rg_rules[rule].note ? (location_t)view.site : UNKNOWN_LOCATION);
}

static tree call_value_arg(gcall *call, const struct rg_api *api)
{
	if (api->value_arg < 0 ||
	    (unsigned int)api->value_arg >= gimple_call_num_args(call))
		return NULL_TREE;
	return gimple_call_arg(call, api->value_arg);
}

/* A raw store of a count: frozen if 0, else live. */
static void raw_set(struct rg_flow *fl, gcall *call, const struct rg_api *api,
		    int obj, struct rg_obj_state *st)
{
	tree value = call_value_arg(call, api);

	if (obj >= 0)
		rg_state_set(&st[obj], value && integer_zerop(value) ?
				       rg_side_frozen(gimple_location(call)) : rg_side_live());
}

static void apply_api(struct rg_flow *fl, gcall *call, const struct rg_api *api,
		      struct rg_obj_state *st)
{
	tree page = rg_flow_call_page(call, api);
	int obj = page ? rg_flow_object_of(fl, page, false) : -1;
	enum rg_rule check;
	struct rg_side view;

	/* The rules with code of their own see every call (rule-*.c). */
	if (fl->reporting)
		FOR_EACH_HOOK(c, flow_call)
			(*c)->flow_call(call, api, obj >= 0 && fl->flow_valid ?
					rg_state_view(&st[obj]).bits : 0);
	if (api->kind == RG_SET) {
		raw_set(fl, call, api, obj, st);
		return;
	}
	if (obj < 0)
		return;
	/* What the call does (rules/kinds.def), and its check column. */
	check = rg_states_call(st, fl->objs.nobj, obj, api->kind, gimple_location(call),
			       result_guard(call), &view);
	if (fl->reporting && fl->flow_valid && check != RG_NR_RULES)
		report_check(call, api, check, view);
}

/* NAME is being (re)defined: the pages born at it start over. */
static void define_name(struct rg_flow *fl, tree name, struct rg_obj_state *st)
{
	if (rg_flow_is_base(fl, name))
		rg_objects_define(&fl->objs, name, st);
}

void rg_flow_transfer_stmt(struct rg_flow *fl, gimple *stmt,
			   struct rg_obj_state *st)
{
	if (gcall *call = dyn_cast<gcall *>(stmt)) {
		tree lhs = gimple_call_lhs(call);
		const struct rg_api *api;

		if (lhs && TREE_CODE(lhs) == SSA_NAME)
			define_name(fl, lhs, st);
		api = rg_api_for_callee(gimple_call_fndecl(call));
		if (api)
			apply_api(fl, call, api, st);
		return;
	}
	if (gassign *as = dyn_cast<gassign *>(stmt)) {
		tree lhs = gimple_assign_lhs(as);

		if (TREE_CODE(lhs) == SSA_NAME)
			define_name(fl, lhs, st);
	}
}

static void refine_value(struct rg_flow *fl, struct rg_obj_state *st,
			 tree v, bool truth, int depth);

/* What "A CODE B" being TRUTH says about the guards A or B derive from. */
static void refine_compare(struct rg_flow *fl, struct rg_obj_state *st,
			   enum tree_code code, tree a, tree b, bool truth,
			   int depth)
{
	if (integer_zerop(a)) {
		std::swap(a, b);
		code = swap_tree_comparison(code);
	}
	if (integer_zerop(b)) {
		if (code == NE_EXPR)
			refine_value(fl, st, a, truth, depth + 1);
		else if (code == EQ_EXPR)
			refine_value(fl, st, a, !truth, depth + 1);
		return;
	}
	/* b == 1 on a truth value (a _Bool, or a 1-bit field) is b != 0. */
	if (integer_onep(b) && TREE_CODE(a) == SSA_NAME &&
	    INTEGRAL_TYPE_P(TREE_TYPE(a)) && TYPE_PRECISION(TREE_TYPE(a)) == 1) {
		if (code == EQ_EXPR)
			refine_value(fl, st, a, truth, depth + 1);
		else if (code == NE_EXPR)
			refine_value(fl, st, a, !truth, depth + 1);
	}
}

static bool is_truth_type(tree t)
{
	return INTEGRAL_TYPE_P(TREE_TYPE(t)) && TYPE_PRECISION(TREE_TYPE(t)) == 1;
}

/*
 * V is known to be non-zero (TRUTH) or zero: pages guarded by V, or by a
 * value V was computed from, take the matching side.
 */
static void refine_value(struct rg_flow *fl, struct rg_obj_state *st,
			 tree v, bool truth, int depth)
{
	gimple *def;

	if (depth > REFINE_MAX_DEPTH || !v || TREE_CODE(v) != SSA_NAME)
		return;
	rg_states_take(st, fl->objs.nobj, SSA_NAME_VERSION(v), truth);
	if (SSA_NAME_IS_DEFAULT_DEF(v))
		return;
	def = SSA_NAME_DEF_STMT(v);

	if (gassign *as = dyn_cast<gassign *>(def)) {
		enum tree_code code = gimple_assign_rhs_code(as);
		tree r1 = gimple_assign_rhs1(as);
		tree r2 = gimple_num_ops(as) > 2 ? gimple_assign_rhs2(as) : NULL_TREE;

		if (code == SSA_NAME || CONVERT_EXPR_CODE_P(code)) {
			/* A cast to a truth type tests the low bit only. */
			if (TREE_CODE(r1) == SSA_NAME &&
			    (!is_truth_type(v) || TREE_CODE(TREE_TYPE(v)) == BOOLEAN_TYPE ||
			     is_truth_type(r1)))
				refine_value(fl, st, r1, truth, depth + 1);
		} else if (TREE_CODE_CLASS(code) == tcc_comparison) {
			refine_compare(fl, st, code, r1, r2, truth, depth);
		} else if (code == TRUTH_NOT_EXPR ||
			   (code == BIT_NOT_EXPR && is_truth_type(v))) {
			refine_value(fl, st, r1, !truth, depth + 1);
		} else if (code == BIT_XOR_EXPR && r2 && integer_onep(r2) &&
			   is_truth_type(v)) {
			refine_value(fl, st, r1, !truth, depth + 1);
		} else if ((code == BIT_AND_EXPR || code == TRUTH_AND_EXPR) && truth) {
			/* a & b non-zero: both are. */
			refine_value(fl, st, r1, true, depth + 1);
			refine_value(fl, st, r2, true, depth + 1);
		} else if ((code == BIT_IOR_EXPR || code == TRUTH_OR_EXPR) && !truth) {
			refine_value(fl, st, r1, false, depth + 1);
			refine_value(fl, st, r2, false, depth + 1);
		}
		return;
	}

	if (gcall *call = dyn_cast<gcall *>(def)) {
		if ((gimple_call_builtin_p(call, BUILT_IN_EXPECT) ||
		     gimple_call_builtin_p(call, BUILT_IN_EXPECT_WITH_PROBABILITY) ||
		     gimple_call_internal_p(call, IFN_BUILTIN_EXPECT)) &&
		    gimple_call_num_args(call) > 0)
			refine_value(fl, st, gimple_call_arg(call, 0), truth, depth + 1);
	}
}

/* ST, the state at the end of E->src, as it leaves along E. */
void rg_flow_refine_edge(struct rg_flow *fl, edge e, struct rg_obj_state *st)
{
	gimple *last = rg_last_stmt(e->src);

	if (!last)
		return;
	if (gcond *cond = dyn_cast<gcond *>(last)) {
		if (!(e->flags & (EDGE_TRUE_VALUE | EDGE_FALSE_VALUE)))
			return;
		refine_compare(fl, st, gimple_cond_code(cond),
			       gimple_cond_lhs(cond), gimple_cond_rhs(cond),
			       e->flags & EDGE_TRUE_VALUE, 0);
	}
}

/*
 * ST, leaving along E, as it enters E->dest: the PHIs of E->dest run.
 * A page born at a PHI takes the state its argument on E has; a guard
 * that is one of these PHIs is a new value now.
 */
void rg_flow_enter_block(struct rg_flow *fl, edge e, struct rg_obj_state *st)
{
	struct rg_phi_entry pe;
	gphi_iterator gsi;

	pe.n = 0;
	for (gsi = gsi_start_phis(e->dest); !gsi_end_p(gsi); gsi_next(&gsi)) {
		gphi *phi = gsi.phi();
		tree res = gimple_phi_result(phi);
		int from = -1;

		rg_states_drop_guard(st, fl->objs.nobj, SSA_NAME_VERSION(res));
		if (!fl->objs.has_phi_base || !rg_flow_is_base(fl, res))
			continue;
		if (rg_objects_find(&fl->objs, res, 0) >= 0)
			from = rg_flow_object_of(fl, PHI_ARG_DEF_FROM_EDGE(phi, e), false);
		rg_phi_entry_add(&pe, &fl->objs, res, from, st);
	}
	rg_phi_entry_apply(&pe, st);
}

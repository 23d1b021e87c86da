// SPDX-License-Identifier: GPL-2.0
/*
 * The transfer functions and reports of the flow rules on sparse's
 * linearized code.  The lattice and what a call of each API kind checks
 * and does are rules/frozen-state.c's and rules/flow-solver.c's
 * (rg_states_call(), shared with the plugin, from rules/kinds.def); a
 * raw store of a count goes by the count, as the
 * plugin's (plugin/flow-transfer.c).
 *
 * Page identity is flow-objects.c's.
 */
#include <string.h>

#include "rgflow.h"

#define REFINE_MAX_DEPTH	8

/* ------------------------------------------------- freeze sites */

/*
 * The lattice is rules/frozen-state.c's.  A freeze's site packs its
 * position so that sites order as positions do: stream, line,
 * column (sparse keeps 31 bits of line and 10 of column).
 */
static rg_site site_of(struct position pos)
{
	return ((rg_site)(pos.stream + 1) << 41) | ((rg_site)pos.line << 10) | pos.pos;
}

/* INSN's site, the callee kept for the note. */
static rg_site freeze_site(struct rg_flow *fl, struct instruction *insn,
			   const char *callee)
{
	rg_site site = site_of(insn->pos);

	if (!rg_flow_site_callee(fl, site) && fl->nsites < RG_FLOW_MAX_SITES) {
		fl->sites[fl->nsites].site = site;
		fl->sites[fl->nsites].callee = callee;
		fl->nsites++;
	}
	return site;
}

/* The call's result as a guard: a register, else 0. */
static rg_guard result_guard(struct instruction *insn)
{
	pseudo_t res = insn->target;

	return res && res != VOID && res->type == PSEUDO_REG ? RG_GUARD(res) : 0;
}

/* A raw store of a count: frozen if 0, else live. */
static void raw_set(struct rg_flow *fl, struct instruction *insn,
		    const struct rg_api *api, int obj, struct rg_obj_state *st)
{
	pseudo_t value = NULL;
	long long v = 1;

	if (api->value_arg >= 0 &&
	    api->value_arg < ptr_list_size((struct ptr_list *)insn->arguments))
		value = ptr_list_nth(insn->arguments, api->value_arg);
	if (obj >= 0)
		rg_state_set(&st[obj], rg_flow_const_value(value, &v) && !v ?
				       rg_side_frozen(freeze_site(fl, insn, api->name)) : rg_side_live());
}

static void apply_api(struct rg_flow *fl, struct instruction *insn,
		      const struct rg_api *api, struct rg_obj_state *st)
{
	pseudo_t page = rg_flow_call_page(insn, api);
	int obj = page ? rg_flow_object_of(fl, page, false) : -1;
	enum rg_rule check;
	struct rg_side view;

	/* The rules with code of their own see every call (rule-*.c). */
	if (fl->reporting)
		FOR_EACH_HOOK(c, flow_call)
			(*c)->flow_call(fl, insn, api, obj >= 0 && fl->flow_valid ?
					rg_state_view(&st[obj]).bits : 0);
	if (api->kind == RG_SET) {
		raw_set(fl, insn, api, obj, st);
		return;
	}
	if (obj < 0)
		return;
	/* What the call does (rules/kinds.def), and its check column. */
	check = rg_states_call(st, fl->objs.nobj, obj, api->kind, rg_kind_freezes(api->kind) ?
			       freeze_site(fl, insn, api->name) : 0,
			       result_guard(insn), &view);
	if (fl->reporting && fl->flow_valid && check != RG_NR_RULES)
		rg_flow_report(fl, check, insn, api, NULL,
			       *rg_rules[check].note ? &view : NULL);
}

/* P is being (re)defined: the pages born at it start over. */
static void define(struct rg_flow *fl, pseudo_t p, struct rg_obj_state *st)
{
	rg_objects_define(&fl->objs, p, st);
}

void rg_flow_transfer_insn(struct rg_flow *fl, struct instruction *insn,
			   struct rg_obj_state *st)
{
	const struct rg_api *api;

	if (!insn->bb || insn->opcode == OP_PHI)
		return;
	if (insn->opcode != OP_PHISOURCE && insn->target && insn->target != VOID &&
	    insn->target->type == PSEUDO_REG)
		define(fl, insn->target, st);
	api = rg_flow_call_api(fl, insn);
	if (api)
		apply_api(fl, insn, api, st);
}

/* ------------------------------------------------------------ branches */

static void refine_value(struct rg_flow *fl, struct rg_obj_state *st, pseudo_t v,
			 bool truth, int depth);

/* Are the compared values truth values (a _Bool, a 1-bit field)? */
static bool one_bit(struct instruction *def)
{
	return def->itype && def->itype->bit_size == 1;
}

static void refine_compare(struct rg_flow *fl, struct rg_obj_state *st,
			   struct instruction *def, bool truth, int depth)
{
	pseudo_t a = def->src1, b = def->src2;
	long long va, vb;
	bool eq = def->opcode == OP_SET_EQ;

	if (rg_flow_const_value(a, &va) && !va) {
		pseudo_t t = a;

		a = b;
		b = t;
	}
	if (rg_flow_const_value(b, &vb)) {
		if (!vb)
			refine_value(fl, st, a, eq ? !truth : truth, depth + 1);
		else if (vb == 1 && one_bit(def))
			refine_value(fl, st, a, eq ? truth : !truth, depth + 1);
	}
}

/*
 * V is known non-zero (TRUTH) or zero: pages guarded by V, or by a value
 * V was computed from, take the matching side.
 */
static void refine_value(struct rg_flow *fl, struct rg_obj_state *st, pseudo_t v,
			 bool truth, int depth)
{
	struct instruction *def;
	long long c;

	if (depth > REFINE_MAX_DEPTH || !v || v == VOID)
		return;
	rg_states_take(st, fl->objs.nobj, RG_GUARD(v), truth);
	if (v->type != PSEUDO_REG || !(def = v->def))
		return;
	switch (def->opcode) {
	case OP_SET_EQ:
	case OP_SET_NE:
		refine_compare(fl, st, def, truth, depth);
		break;
	case OP_ZEXT:
	case OP_SEXT:
	case OP_COPY:
	case OP_PTRCAST:
	case OP_PTRTU:
	case OP_UTPTR:
		refine_value(fl, st, def->src, truth, depth + 1);
		break;
	case OP_NOT:
		if (def->size == 1)
			refine_value(fl, st, def->src, !truth, depth + 1);
		break;
	case OP_XOR:
		if (def->size == 1 && rg_flow_const_value(def->src2, &c) && c == 1)
			refine_value(fl, st, def->src1, !truth, depth + 1);
		break;
	case OP_AND:
		if (truth) {
			refine_value(fl, st, def->src1, true, depth + 1);
			refine_value(fl, st, def->src2, true, depth + 1);
		}
		break;
	case OP_OR:
		if (!truth) {
			refine_value(fl, st, def->src1, false, depth + 1);
			refine_value(fl, st, def->src2, false, depth + 1);
		}
		break;
	default:
		break;
	}
}

void rg_flow_refine(struct rg_flow *fl, struct rg_obj_state *st, pseudo_t v,
		    bool truth)
{
	refine_value(fl, st, v, truth, 0);
}

/*
 * What the edge of a switch to TO says about its value: 1 non-zero, 0
 * zero, -1 nothing (cases of both kinds, or the default with 0 in it).
 */
static int switch_truth(struct instruction *sw, struct basic_block *to)
{
	bool zero_here = false, nonzero_here = false, dflt_here = false;
	bool zero_elsewhere = false;
	struct multijmp *jmp;

	FOR_EACH_PTR(sw->multijmp_list, jmp) {
		bool dflt = jmp->begin > jmp->end;
		bool has_zero = !dflt && jmp->begin <= 0 && jmp->end >= 0;

		if (jmp->target != to) {
			zero_elsewhere |= has_zero;
			continue;
		}
		if (dflt)
			dflt_here = true;
		else if (has_zero && !jmp->begin && !jmp->end)
			zero_here = true;
		else if (has_zero)
			return -1;
		else
			nonzero_here = true;
	} END_FOR_EACH_PTR(jmp);
	if (dflt_here)
		return zero_elsewhere && !zero_here ? 1 : -1;
	if (zero_here != nonzero_here)
		return nonzero_here;
	return -1;
}

/* ST, at the end of FROM, as it leaves along the edge to TO. */
void rg_flow_refine_edge(struct rg_flow *fl, struct basic_block *from,
			 struct basic_block *to, struct rg_obj_state *st)
{
	struct instruction *last = last_instruction(from->insns);
	int truth;

	if (!last)
		return;
	if (last->opcode == OP_SWITCH) {
		truth = switch_truth(last, to);
		if (truth >= 0)
			refine_value(fl, st, last->cond, truth, 0);
		return;
	}
	if (last->opcode != OP_CBR || last->bb_true == last->bb_false)
		return;
	refine_value(fl, st, last->cond, to == last->bb_true, 0);
}

/*
 * ST, leaving FROM, as it enters TO: TO's PHIs run.  A page born at a PHI
 * takes the state its value along this edge has; a guard that is one of
 * these PHIs is a new value now.
 */
void rg_flow_enter_block(struct rg_flow *fl, struct basic_block *from,
			 struct basic_block *to, struct rg_obj_state *st)
{
	struct rg_phi_entry pe;
	struct instruction *insn;

	pe.n = 0;
	FOR_EACH_PTR(to->insns, insn) {
		pseudo_t res, arg;
		int src = -1;

		if (!insn->bb || insn->opcode != OP_PHI)
			continue;
		res = insn->target;
		rg_states_drop_guard(st, fl->objs.nobj, RG_GUARD(res));
		if (!fl->objs.has_phi_base || !rg_flow_is_base(fl, res))
			continue;
		if (rg_objects_find(&fl->objs, res, 0) >= 0 &&
		    (arg = rg_flow_phi_arg(insn, from)))
			src = rg_flow_object_of(fl, arg, false);
		rg_phi_entry_add(&pe, &fl->objs, res, src, st);
	} END_FOR_EACH_PTR(insn);
	rg_phi_entry_apply(&pe, st);
}

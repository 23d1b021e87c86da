// SPDX-License-Identifier: GPL-2.0
/*
 * Page identity for the flow rules on sparse's linearized code, as the
 * plugin's (plugin/flow-objects.c) on GIMPLE: which pseudos name the same
 * refcount.
 *
 * A refcount is BASE + OFF, BASE the pseudo where the pointer was born.
 * Copies and casts (OP_PTRCAST, OP_UTPTR, OP_PTRTU), the RG_CONVERT calls
 * (page_folio() is _compound_head()), &folio->page (an add of 0, folded
 * away by sparse), constant offsets (page + 1 is a different page), and
 * PHIs or selects whose values agree (NULL aside) keep it; a load, an
 * unknown call, a parameter, a variable offset start a new page.  A pseudo
 * is defined once, so a reassigned variable is a new page by construction;
 * the transfer functions reset a base's pages when its definition runs
 * again around a loop.
 */
#include "rgflow.h"

#define RESOLVE_MAX_DEPTH	32

static const struct rg_key no_key = { NULL, 0 };

static struct rg_key own_key(pseudo_t p)
{
	struct rg_key k = { p, 0 };

	return k;
}

static struct rg_key key_add(struct rg_key k, long long off)
{
	if (k.base)
		k.off += off;
	return k;
}

static bool key_equal(struct rg_key a, struct rg_key b)
{
	return a.base == b.base && a.off == b.off;
}

bool rg_flow_const_value(pseudo_t p, long long *value)
{
	if (!p || p->type != PSEUDO_VAL)
		return false;
	*value = p->value;
	return true;
}

/*
 * The catalogue entry of a call to the API the function spells itself
 * (rg_syntactic_api_call()), or NULL.
 */
const struct rg_api *rg_flow_call_api(struct rg_flow *fl, struct instruction *insn)
{
	const struct rg_api *api;
	pseudo_t fn;

	if (insn->opcode != OP_CALL)
		return NULL;
	fn = insn->func;
	if (!fn || fn->type != PSEUDO_SYM || !fn->sym)
		return NULL;
	api = rg_sparse_api(fn->sym->ident);
	if (!api || !rg_syntactic_api_call(fl->fn, insn->pos))
		return NULL;
	return api;
}

pseudo_t rg_flow_call_page(struct instruction *insn, const struct rg_api *api)
{
	if (api->page_arg < 0)
		return insn->target == VOID ? NULL : insn->target;
	if (api->page_arg >= ptr_list_size((struct ptr_list *)insn->arguments))
		return NULL;
	return ptr_list_nth(insn->arguments, api->page_arg);
}

static struct rg_key resolve(struct rg_flow *fl, pseudo_t p, bool deep, int depth);

/* The value a PHI gets along the edge from FROM, or NULL. */
pseudo_t rg_flow_phi_arg(struct instruction *phi, struct basic_block *from)
{
	pseudo_t src;

	FOR_EACH_PTR(phi->phi_list, src) {
		if (src == VOID || src->type != PSEUDO_PHI || !src->def)
			continue;
		if (src->def->bb == from)
			return src->def->phi_src;
	} END_FOR_EACH_PTR(src);
	return NULL;
}

/*
 * Values that agree on one page (NULL on some path does not change which
 * page the others are), resolved shallowly so loops stay acyclic.
 */
static struct rg_key agree(struct rg_flow *fl, pseudo_t self, pseudo_t *vals,
			   int n, int depth)
{
	struct rg_key common = no_key, k;
	long long v;
	int i;

	for (i = 0; i < n; i++) {
		if (!vals[i] || (rg_flow_const_value(vals[i], &v) && !v))
			continue;
		k = resolve(fl, vals[i], false, depth + 1);
		if (k.base == self && !k.off)
			continue;
		if (!k.base || (common.base && !key_equal(common, k)))
			return own_key(self);
		common = k;
	}
	return common.base ? common : own_key(self);
}

static struct rg_key resolve_phi(struct rg_flow *fl, pseudo_t self,
				 struct instruction *phi, int depth)
{
	pseudo_t vals[16], src;
	int n = 0;

	FOR_EACH_PTR(phi->phi_list, src) {
		if (src == VOID || src->type != PSEUDO_PHI || !src->def)
			continue;
		if (n == 16)
			return own_key(self);
		vals[n++] = src->def->phi_src;
	} END_FOR_EACH_PTR(src);
	return agree(fl, self, vals, n, depth);
}

static struct rg_key resolve_def(struct rg_flow *fl, pseudo_t p, bool deep, int depth)
{
	struct instruction *def = p->def;
	const struct rg_api *api;
	long long off;
	struct rg_key k;

	if (!def)
		return own_key(p);
	switch (def->opcode) {
	case OP_COPY:
	case OP_PTRCAST:
	case OP_UTPTR:
	case OP_PTRTU:
		return resolve(fl, def->src, deep, depth + 1);
	case OP_ADD:
		if (rg_flow_const_value(def->src2, &off))
			return key_add(resolve(fl, def->src1, deep, depth + 1), off);
		if (rg_flow_const_value(def->src1, &off))
			return key_add(resolve(fl, def->src2, deep, depth + 1), off);
		return own_key(p);
	case OP_SUB:
		if (rg_flow_const_value(def->src2, &off))
			return key_add(resolve(fl, def->src1, deep, depth + 1), -off);
		return own_key(p);
	case OP_CALL:
		api = rg_flow_call_api(fl, def);
		if (api && api->kind == RG_CONVERT && api->page_arg >= 0) {
			pseudo_t arg = rg_flow_call_page(def, api);

			k = arg ? resolve(fl, arg, deep, depth + 1) : no_key;
			/* The folio of a tail page is its head, not the tail. */
			if (k.base && !k.off)
				return k;
		}
		return own_key(p);
	case OP_PHI:
		return deep ? resolve_phi(fl, p, def, depth) : own_key(p);
	case OP_SEL:
		if (deep) {
			pseudo_t vals[2] = { def->src2, def->src3 };

			return agree(fl, p, vals, 2, depth);
		}
		return own_key(p);
	default:
		return own_key(p);
	}
}

static struct rg_key resolve(struct rg_flow *fl, pseudo_t p, bool deep, int depth)
{
	if (!p || p == VOID || depth > RESOLVE_MAX_DEPTH)
		return no_key;
	switch (p->type) {
	case PSEUDO_REG:
		return resolve_def(fl, p, deep, depth);
	case PSEUDO_PHI:
		return p->def ? resolve(fl, p->def->phi_src, deep, depth + 1) : no_key;
	case PSEUDO_ARG:
	case PSEUDO_SYM:
		return own_key(p);
	default:
		return no_key;
	}
}

/* The table is rules/flow-solver.c's. */
static int find_key(struct rg_flow *fl, struct rg_key k)
{
	return rg_objects_find(&fl->objs, k.base, k.off);
}

static bool is_phi_def(pseudo_t p)
{
	return p->type == PSEUDO_REG && p->def && p->def->opcode == OP_PHI;
}

static int add_key(struct rg_flow *fl, struct rg_key k)
{
	int obj = rg_objects_add(&fl->objs, k.base, k.off);
	pseudo_t src;

	if (obj < 0 || !is_phi_def(k.base))
		return obj;
	/*
	 * A page born at a PHI takes its state from the PHI's values; the
	 * ones that are PHIs themselves need objects too.
	 */
	fl->objs.has_phi_base = true;
	FOR_EACH_PTR(k.base->def->phi_list, src) {
		struct rg_key a;

		if (src == VOID || src->type != PSEUDO_PHI || !src->def)
			continue;
		a = resolve(fl, src->def->phi_src, true, 0);
		if (a.base && is_phi_def(a.base) && find_key(fl, a) < 0)
			add_key(fl, a);
	} END_FOR_EACH_PTR(src);
	return obj;
}

int rg_flow_object_of(struct rg_flow *fl, pseudo_t ptr, bool create)
{
	struct rg_key k = resolve(fl, ptr, true, 0);
	int obj;

	if (!k.base)
		return -1;
	obj = find_key(fl, k);
	if (obj < 0 && create)
		obj = add_key(fl, k);
	return obj;
}

bool rg_flow_is_base(struct rg_flow *fl, pseudo_t p)
{
	return rg_objects_is_base(&fl->objs, p);
}

// SPDX-License-Identifier: GPL-2.0
/*
 * Page identity for the flow pass: which pointers name the same refcount.
 *
 * A refcount is a key, an address BASE + OFF: BASE is the SSA name (or
 * the decl whose address is taken) where the pointer was born, OFF a
 * constant byte offset from it.  Resolving a pointer walks its SSA
 * definitions through everything that keeps the refcount:
 *
 * - copies and casts (page <-> folio <-> unsigned long);
 * - the RG_CONVERT calls of rules/api.def: page_folio() (a _Generic
 *   macro calling _compound_head()), compound_head(), folio_page();
 * - &folio->page and folio_page(f, 0): an ADDR_EXPR of zero-offset
 *   COMPONENT_REFs of *folio;
 * - POINTER_PLUS_EXPR with a constant (page + 1 is key (page, 64), a
 *   different page from page);
 * - a PHI whose arguments all resolve to one key (NULL arguments aside).
 *
 * Anything else starts a new page: a load, the result of an unknown
 * call, a parameter, page + i with a variable i, a PHI merging different
 * pages.  In SSA form a reassigned pointer variable is a new SSA name,
 * so it is a new page by construction; the transfer functions reset a
 * base's pages when its definition executes again around a loop.
 *
 * page_folio() of a page at a non-zero offset is a new page too: the
 * folio of a tail page is its head, not the tail.
 */
#include "flow.h"

#define RESOLVE_MAX_DEPTH	32

static const struct rg_key no_key = { NULL_TREE, 0 };

static bool key_equal(struct rg_key a, struct rg_key b)
{
	return a.base == b.base && a.off == b.off;
}

static struct rg_key key_add(struct rg_key k, HOST_WIDE_INT off)
{
	if (k.base)
		k.off += off;
	return k;
}

static struct rg_key own_key(tree name)
{
	struct rg_key k = { name, 0 };

	return k;
}

static struct rg_key resolve(struct rg_flow *fl, tree t, bool deep, int depth);

/* &BASE->field...: the key of the field's address. */
static struct rg_key resolve_addr(struct rg_flow *fl, tree addr, bool deep,
				  int depth)
{
	poly_int64 poff;
	HOST_WIDE_INT off;
	tree base;

	base = get_addr_base_and_unit_offset(TREE_OPERAND(addr, 0), &poff);
	if (!base || !poff.is_constant(&off))
		return no_key;
	if (TREE_CODE(base) == MEM_REF) {
		if (TREE_CODE(TREE_OPERAND(base, 1)) != INTEGER_CST ||
		    !tree_fits_shwi_p(TREE_OPERAND(base, 1)))
			return no_key;
		off += tree_to_shwi(TREE_OPERAND(base, 1));
		return key_add(resolve(fl, TREE_OPERAND(base, 0), deep, depth + 1),
			       off);
	}
	if (DECL_P(base)) {
		struct rg_key k = { base, off };

		return k;
	}
	return no_key;
}

/* The key of a constant pointer offset, if it fits a signed word. */
static bool pointer_offset(tree cst, HOST_WIDE_INT *off)
{
	if (TREE_CODE(cst) != INTEGER_CST ||
	    TYPE_PRECISION(TREE_TYPE(cst)) > HOST_BITS_PER_WIDE_INT)
		return false;
	/* sizetype is unsigned: page - 1 is a huge value, read it signed. */
	*off = (HOST_WIDE_INT)TREE_INT_CST_LOW(cst);
	return true;
}

/*
 * A PHI is the page its arguments agree on.  Arguments are resolved
 * shallowly (a PHI among them is its own page), which keeps the walk
 * acyclic around loops; a PHI fed by other PHIs is then simply a page
 * of its own, which only costs precision.
 */
static struct rg_key resolve_phi(struct rg_flow *fl, gphi *phi, tree name,
				 int depth)
{
	struct rg_key common = no_key, k;
	unsigned int i;

	for (i = 0; i < gimple_phi_num_args(phi); i++) {
		tree arg = gimple_phi_arg_def(phi, i);
		HOST_WIDE_INT value;

		/* NULL on some path does not change which page the others are. */
		if (rg_flow_const_value(arg, &value) && !value)
			continue;
		k = resolve(fl, arg, false, depth + 1);
		if (k.base == name && k.off == 0)
			continue;
		if (!k.base || (common.base && !key_equal(common, k)))
			return own_key(name);
		common = k;
	}
	return common.base ? common : own_key(name);
}

static struct rg_key resolve_def(struct rg_flow *fl, tree name, bool deep,
				 int depth)
{
	gimple *def;
	HOST_WIDE_INT off;
	struct rg_key k;

	if (SSA_NAME_IS_DEFAULT_DEF(name))
		return own_key(name);
	def = SSA_NAME_DEF_STMT(name);
	if (!def)
		return own_key(name);

	if (gassign *as = dyn_cast<gassign *>(def)) {
		enum tree_code code = gimple_assign_rhs_code(as);
		tree rhs1 = gimple_assign_rhs1(as);

		if (code == SSA_NAME)
			return resolve(fl, rhs1, deep, depth + 1);
		if (code == ADDR_EXPR)
			return resolve_addr(fl, rhs1, deep, depth);
		if (CONVERT_EXPR_CODE_P(code) && TREE_CODE(rhs1) == SSA_NAME &&
		    (POINTER_TYPE_P(TREE_TYPE(rhs1)) ||
		     INTEGRAL_TYPE_P(TREE_TYPE(rhs1))) &&
		    TYPE_PRECISION(TREE_TYPE(rhs1)) == TYPE_PRECISION(TREE_TYPE(name)))
			return resolve(fl, rhs1, deep, depth + 1);
		if (code == POINTER_PLUS_EXPR &&
		    pointer_offset(gimple_assign_rhs2(as), &off))
			return key_add(resolve(fl, rhs1, deep, depth + 1), off);
		return own_key(name);
	}

	if (gcall *call = dyn_cast<gcall *>(def)) {
		const struct rg_api *api = rg_api_for_callee(gimple_call_fndecl(call));

		if (api && api->kind == RG_CONVERT && api->page_arg >= 0 &&
		    (unsigned int)api->page_arg < gimple_call_num_args(call)) {
			k = resolve(fl, gimple_call_arg(call, api->page_arg),
				    deep, depth + 1);
			if (k.base && k.off == 0)
				return k;
		}
		return own_key(name);
	}

	if (gphi *phi = dyn_cast<gphi *>(def))
		if (deep)
			return resolve_phi(fl, phi, name, depth);
	return own_key(name);
}

static struct rg_key resolve_name(struct rg_flow *fl, tree name, bool deep,
				  int depth)
{
	unsigned int ver = SSA_NAME_VERSION(name);
	struct rg_name_info *ni = ver < fl->nnames ? &fl->names[ver] : NULL;
	struct rg_key k;

	if (deep && ni && ni->resolved)
		return ni->key;
	if (depth > RESOLVE_MAX_DEPTH)
		return own_key(name);
	k = resolve_def(fl, name, deep, depth);
	if (deep && ni) {
		ni->key = k;
		ni->resolved = 1;
	}
	return k;
}

static struct rg_key resolve(struct rg_flow *fl, tree t, bool deep, int depth)
{
	if (!t || depth > RESOLVE_MAX_DEPTH)
		return no_key;
	switch (TREE_CODE(t)) {
	case SSA_NAME:
		return resolve_name(fl, t, deep, depth);
	case ADDR_EXPR:
		return resolve_addr(fl, t, deep, depth);
	default:
		/* Constants (NULL), and shapes GIMPLE does not give calls. */
		return no_key;
	}
}

/* The table is rules/flow-solver.c's. */
static int find_key(struct rg_flow *fl, struct rg_key k)
{
	return rg_objects_find(&fl->objs, k.base, k.off);
}

static int add_key(struct rg_flow *fl, struct rg_key k);

/*
 * A page born at a PHI takes its state from the PHI's arguments on each
 * incoming edge; arguments that are PHIs themselves need objects too, or
 * their state would not be there to take.
 */
static void add_phi_arg_keys(struct rg_flow *fl, gphi *phi)
{
	unsigned int i;

	for (i = 0; i < gimple_phi_num_args(phi); i++) {
		struct rg_key k = resolve(fl, gimple_phi_arg_def(phi, i), true, 0);

		if (k.base && TREE_CODE(k.base) == SSA_NAME &&
		    !SSA_NAME_IS_DEFAULT_DEF(k.base) &&
		    gimple_code(SSA_NAME_DEF_STMT(k.base)) == GIMPLE_PHI &&
		    find_key(fl, k) < 0)
			add_key(fl, k);
	}
}

static int add_key(struct rg_flow *fl, struct rg_key k)
{
	int obj = rg_objects_add(&fl->objs, k.base, k.off);

	if (obj < 0)
		return -1;
	if (TREE_CODE(k.base) == SSA_NAME &&
	    SSA_NAME_VERSION(k.base) < fl->nnames) {
		gimple *def = SSA_NAME_DEF_STMT(k.base);

		fl->names[SSA_NAME_VERSION(k.base)].is_base = 1;
		if (!SSA_NAME_IS_DEFAULT_DEF(k.base) && def &&
		    gimple_code(def) == GIMPLE_PHI) {
			fl->objs.has_phi_base = true;
			add_phi_arg_keys(fl, as_a<gphi *>(def));
		}
	}
	return obj;
}

/*
 * The object number of the page PTR points to, or -1 if it is not
 * tracked; with CREATE, a new page gets a number (while there is room).
 */
int rg_flow_object_of(struct rg_flow *fl, tree ptr, bool create)
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

/* Is NAME where some tracked page was born (so its definition resets it)? */
bool rg_flow_is_base(struct rg_flow *fl, tree name)
{
	unsigned int ver = SSA_NAME_VERSION(name);

	return ver < fl->nnames && fl->names[ver].is_base;
}

/* The page (or folio) operand of CALL as API describes it, or NULL. */
tree rg_flow_call_page(gcall *call, const struct rg_api *api)
{
	if (api->page_arg < 0)
		return gimple_call_lhs(call);
	if ((unsigned int)api->page_arg >= gimple_call_num_args(call))
		return NULL_TREE;
	return gimple_call_arg(call, api->page_arg);
}

void rg_flow_objects_init(struct rg_flow *fl)
{
	fl->nnames = num_ssa_names;
	fl->names = XCNEWVEC(struct rg_name_info, fl->nnames);
	fl->objs.nobj = 0;
	fl->objs.has_phi_base = false;
	fl->objs.overflow = false;
}

void rg_flow_objects_fini(struct rg_flow *fl)
{
	XDELETEVEC(fl->names);
	fl->names = NULL;
}

/* Is T an integer constant, directly or through one SSA copy of one? */
bool rg_flow_const_value(tree t, HOST_WIDE_INT *value)
{
	if (t && TREE_CODE(t) == SSA_NAME && !SSA_NAME_IS_DEFAULT_DEF(t)) {
		gimple *def = SSA_NAME_DEF_STMT(t);

		if (def && gimple_assign_single_p(def))
			t = gimple_assign_rhs1(def);
	}
	if (!t || TREE_CODE(t) != INTEGER_CST || !tree_fits_shwi_p(t))
		return false;
	*value = tree_to_shwi(t);
	return true;
}

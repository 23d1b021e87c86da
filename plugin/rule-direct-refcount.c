// SPDX-License-Identifier: GPL-2.0
/*
 * direct-refcount in the plugin: a value access to the _refcount field of
 * struct page or struct folio, found by the syntactic walk (syntactic.c):
 *
 * - its address passed to an atomic_* (raw_, arch_) function: the helper
 *   rules/direct.def maps the op to, with a fix-it rewriting the call
 *   (atomic_set() -> a raw setter -> that setter's constant rewrite in
 *   rules/rewrite.def);
 * - any other use of the field (.counter, assignment, copy).
 *
 * Taking only its address for something that is not an atomic op (a
 * wait_var_event() key, a prefetch() hint) never reads the count: the
 * walk does not call these hooks for it.
 */
#include "fixit.h"

static const char *const atomic_prefixes[] = {
	"atomic_", "raw_atomic_", "arch_atomic_",
};

/* Indexed by enum rg_object. */
static const char *const refcount_subject[] = {
	"page->_refcount", "folio->_refcount",
};

static bool is_atomic_op(tree fndecl)
{
	const char *name = IDENTIFIER_POINTER(DECL_NAME(fndecl));
	unsigned int i;

	if (rg_direct_for_callee(fndecl))
		return true;
	for (i = 0; i < ARRAY_SIZE(atomic_prefixes); i++)
		if (!strncmp(name, atomic_prefixes[i], strlen(atomic_prefixes[i])))
			return true;
	return false;
}

/* A raw setter's count, when the atomic op is mapped to one. */
struct set_count {
	int arg;		/* -1: the helper is not a raw setter */
	HOST_WIDE_INT value;
};

/*
 * The helper replacing atomic op D on OBJ's _refcount or, when that
 * helper is a raw setter, the setter's constant-count rewrite
 * (atomic_set -> set_page_count(P, 0) -> set_page_count_as_frozen(P)),
 * described by *SET.  NULL when there is no rewrite.
 */
static const char *direct_helper(const struct rg_direct *d, enum rg_object obj,
				 tree call, struct set_count *set)
{
	const char *helper = obj == RG_OBJ_FOLIO ? d->folio_helper : d->page_helper;
	const struct rg_api *api;
	tree value;

	set->arg = -1;
	if (!*helper)
		return NULL;
	api = rg_api_find(helper);
	if (!api || api->kind != RG_SET)
		return helper;
	/* atomic_set(&P->_refcount, N) has the setter's argument order. */
	if (api->value_arg < 0 || api->value_arg >= call_expr_nargs(call))
		return NULL;
	value = CALL_EXPR_ARG(call, api->value_arg);
	STRIP_NOPS(value);
	if (TREE_CODE(value) != INTEGER_CST || !tree_fits_shwi_p(value))
		return NULL;
	set->arg = api->value_arg;
	set->value = tree_to_shwi(value);
	return rg_set_rewrite_find(helper, set->value);
}

/* The fix-it for atomic op D at CALL whose argument V is &P->_refcount. */
static void direct_fixit(rich_location *richloc, tree call, tree fndecl,
			 const struct rg_direct *d, int v,
			 const char *helper, const struct set_count *set)
{
	static const int order_v[] = { -1 }, order_v_n[] = { 1, -1 },
			 order_n_v[] = { 0, -1 }, order_v_n_u[] = { 1, 2, -1 };
	/* Indexed by enum rg_direct_args: the helper's arguments after P. */
	static const int *const orders[] = {
		order_v, order_v_n, order_n_v, order_v_n_u,
	};
	/* Indexed by enum rg_direct_args: where &P->_refcount sits. */
	static const int value_pos[] = { 0, 0, 1, 0 };
	const char *name = IDENTIFIER_POINTER(DECL_NAME(fndecl));
	struct rg_call_text ct;
	char *owner, *args;

	if ((unsigned int)d->args >= ARRAY_SIZE(orders) || value_pos[d->args] != v ||
	    !rg_args_match_prototype(call, fndecl))
		return;
	if (!rg_call_text_get(call, name, &ct))
		return;
	owner = rg_call_text_refcount_owner(&ct, v);
	if (owner && (set->arg < 0 || rg_call_text_arg_is_int(&ct, set->arg, set->value))) {
		/* A raw setter's constant rewrite takes the page alone. */
		args = rg_join_args(&ct, set->arg < 0 ? orders[d->args] : order_v, owner);
		rg_fixit_rewrite_call(richloc, &ct, helper, args);
		free(args);
	}
	free(owner);
	rg_call_text_free(&ct);
}

/* direct-refcount: atomic_op(... &P->_refcount ...), argument V. */
static void refcount_arg(struct rg_walk *w, tree call, tree fndecl, int v,
			 enum rg_object obj)
{
	const struct rg_direct *d = rg_direct_for_callee(fndecl);
	gcc_rich_location richloc(rg_walk_loc(w, call));
	const char *helper = NULL;
	struct set_count set = { -1, 0 };
	char *why = NULL;

	if (!is_atomic_op(fndecl) || !rg_rule_enabled(RG_RULE_DIRECT_REFCOUNT))
		return;
	if (d)
		helper = direct_helper(d, obj, call, &set);
	/* The helper as this tree spells it (v4: set_page_count_frozen). */
	if (helper)
		helper = rg_unit_spelling(helper, &why);
	if (helper)
		direct_fixit(&richloc, call, fndecl, d, v, helper, &set);
	rg_report_note(RG_RULE_DIRECT_REFCOUNT, &richloc, refcount_subject[obj],
		       helper, richloc.get_loc(), why);
	free(why);
}

/* Any use of _refcount that is not &_refcount: .counter, =, copy. */
static void refcount_value(struct rg_walk *w, tree ref, enum rg_object obj)
{
	rich_location richloc(line_table, rg_walk_loc(w, ref));

	if (!rg_rule_enabled(RG_RULE_DIRECT_REFCOUNT))
		return;
	rg_report(RG_RULE_DIRECT_REFCOUNT, &richloc, refcount_subject[obj], NULL,
		  UNKNOWN_LOCATION);
}

const struct rg_plugin_check rg_plugin_check_direct_refcount = {
	.refcount_arg = refcount_arg,
	.refcount_value = refcount_value,
};

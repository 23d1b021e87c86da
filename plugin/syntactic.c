// SPDX-License-Identifier: GPL-2.0
/*
 * The syntactic walk, on GENERIC just before gimplification
 * (PLUGIN_PRE_GENERICIZE), so its rules run under -fsyntax-only as well
 * as in a normal build.  It finds events and calls the hooks of the rules
 * listed in rules/checks.def (rule-list.c) for them; the rules are in their
 * own files (rule-*.c):
 *
 * call			a call to a named function (with its catalogue
 *			entry, if any)
 * refcount_arg		&P->_refcount passed to a call, P a struct page or
 *			struct folio
 * refcount_value	any other use of that field (.counter, assignment,
 *			copy).  Taking its address for anything but a call
 *			(a wait_var_event() key) is no event: it never reads
 *			the count
 *
 * The whole body of every function is walked once, so the walk does
 * nothing but compare tree codes and identifier pointers until it meets
 * a call or the _refcount field.  Unknown tree shapes are skipped, never
 * asserted on.
 *
 * The walk also notes whether a function calls the API at all in a way
 * the flow pass follows, so that the flow pass sees it even when nothing
 * in the unit uses it (rg_flow_want()), and records what it walked.
 */
#include "refguard.h"

static tree id_refcount, id_page, id_folio;

/*
 * The walk does not keep a set of every visited node: hashing each node
 * of every function (most of them in header inlines) cost more than the
 * rest of the engine.  GENERIC from the C front end is a tree except for
 * SAVE_EXPRs and TARGET_EXPRs, which may be shared: only those are
 * remembered (struct rg_walk's shared_seen), so no subtree is walked twice.
 */
static tree walk_fn(tree *tp, int *walk_subtrees, void *data);

/*
 * Is TYPE the kernel's struct page or struct folio?  Sets *OBJ if so.
 * A struct of that name local to a function is some other struct.
 */
static bool page_record(tree type, enum rg_object *obj)
{
	tree name, context;

	if (!type || TREE_CODE(type) != RECORD_TYPE)
		return false;
	type = TYPE_MAIN_VARIANT(type);
	context = TYPE_CONTEXT(type);
	if (context && TREE_CODE(context) == FUNCTION_DECL)
		return false;
	name = TYPE_NAME(type);
	if (name && TREE_CODE(name) == TYPE_DECL)
		name = DECL_NAME(name);
	if (name == id_page)
		*obj = RG_OBJ_PAGE;
	else if (name == id_folio)
		*obj = RG_OBJ_FOLIO;
	else
		return false;
	return true;
}

/*
 * Is REF a COMPONENT_REF of _refcount in struct page or struct folio?
 * The folio's field sits in an anonymous struct inside an anonymous
 * union, which the front end spells as COMPONENT_REFs of unnamed fields:
 * those are looked through to the record that names the field.
 */
static bool refcount_ref(tree ref, enum rg_object *obj)
{
	tree field, base;

	if (TREE_CODE(ref) != COMPONENT_REF)
		return false;
	field = TREE_OPERAND(ref, 1);
	if (!field || TREE_CODE(field) != FIELD_DECL || DECL_NAME(field) != id_refcount)
		return false;
	base = TREE_OPERAND(ref, 0);
	while (base && TREE_CODE(base) == COMPONENT_REF &&
	       TREE_CODE(TREE_OPERAND(base, 1)) == FIELD_DECL &&
	       !DECL_NAME(TREE_OPERAND(base, 1)))
		base = TREE_OPERAND(base, 0);
	return base && page_record(TREE_TYPE(base), obj);
}

/* Is ARG &<page or folio>->_refcount, possibly converted? */
static bool refcount_addr(tree arg, enum rg_object *obj)
{
	STRIP_NOPS(arg);
	return TREE_CODE(arg) == ADDR_EXPR && refcount_ref(TREE_OPERAND(arg, 0), obj);
}

static void check_call(tree call, struct rg_walk *w)
{
	tree fndecl = get_callee_fndecl(call);
	const struct rg_api *api;
	enum rg_object obj;
	int i, nargs;

	if (!fndecl || TREE_CODE(fndecl) != FUNCTION_DECL || !DECL_NAME(fndecl))
		return;
	api = rg_api_for_callee(fndecl);
	if (rg_api_stateful(api))
		w->stateful = true;
	FOR_EACH_HOOK(c, call)
		(*c)->call(w, call, fndecl, api);

	/*
	 * &P->_refcount as an argument: the hooks decide whether the callee
	 * makes it a value access (an atomic op) or only its address.
	 */
	nargs = call_expr_nargs(call);
	for (i = 0; i < nargs; i++)
		if (refcount_addr(CALL_EXPR_ARG(call, i), &obj))
			FOR_EACH_HOOK(c, refcount_arg)
				(*c)->refcount_arg(w, call, fndecl, i, obj);
}

/*
 * A GNU C nested function: walked with its parent, and recorded as a
 * function of its own, since GCC gives it the flow pass as one.  With no
 * call the flow rules follow, the walk vouches for them; otherwise the
 * flow pass must see it, or the record leaves it unchecked.
 */
static void walk_nested(tree decl, struct rg_walk *w)
{
	bool outer = w->stateful;

	if (TREE_CODE(decl) != FUNCTION_DECL || !DECL_SAVED_TREE(decl) ||
	    rg_function_exempt(decl))
		return;
	w->stateful = false;
	walk_tree(&DECL_SAVED_TREE(decl), walk_fn, w, NULL);
	rg_record_checked(decl, RG_PASS_PLUGIN_SYNTACTIC);
	if (!w->stateful)
		rg_record_checked(decl, RG_PASS_PLUGIN_SCREEN);
	w->stateful |= outer;
}

static tree walk_fn(tree *tp, int *walk_subtrees, void *data)
{
	struct rg_walk *w = (struct rg_walk *)data;
	tree t = *tp;
	enum rg_object obj;

	if (TYPE_P(t) || t == error_mark_node) {
		*walk_subtrees = 0;
		return NULL_TREE;
	}
	if (EXPR_P(t) && EXPR_HAS_LOCATION(t))
		w->last_loc = EXPR_LOCATION(t);

	switch (TREE_CODE(t)) {
	case CALL_EXPR:
		check_call(t, w);
		break;
	case ADDR_EXPR:
		/*
		 * &P->_refcount: its address, passed to the hooks by
		 * check_call if a call takes it, not an access otherwise.  P itself may still
		 * hold calls to check.
		 */
		if (refcount_ref(TREE_OPERAND(t, 0), &obj)) {
			*walk_subtrees = 0;
			walk_tree(&TREE_OPERAND(TREE_OPERAND(t, 0), 0), walk_fn,
				  w, NULL);
		}
		break;
	case COMPONENT_REF:
		if (refcount_ref(t, &obj))
			FOR_EACH_HOOK(c, refcount_value)
				(*c)->refcount_value(w, t, obj);
		break;
	case DECL_EXPR:
		walk_nested(DECL_EXPR_DECL(t), w);
		break;
	case SAVE_EXPR:
	case TARGET_EXPR:
		if (w->shared_seen->add(t))
			*walk_subtrees = 0;
		break;
	default:
		break;
	}
	return NULL_TREE;
}

static void on_pre_genericize(void *gcc_data, void *user_data)
{
	tree fndecl = (tree)gcc_data;
	struct rg_walk wd;

	if (!fndecl || TREE_CODE(fndecl) != FUNCTION_DECL || !DECL_SAVED_TREE(fndecl))
		return;
	if (rg_function_exempt(fndecl)) {
		rg_record_checked(fndecl, RG_PASS_PLUGIN_EXEMPT);
		return;
	}
	if (!id_refcount) {
		id_refcount = get_identifier("_refcount");
		id_page = get_identifier("page");
		id_folio = get_identifier("folio");
	}
	hash_set<tree> shared_seen;
	wd.shared_seen = &shared_seen;
	wd.last_loc = DECL_SOURCE_LOCATION(fndecl);
	wd.stateful = false;
	walk_tree(&DECL_SAVED_TREE(fndecl), walk_fn, &wd, NULL);
	rg_record_checked(fndecl, RG_PASS_PLUGIN_SYNTACTIC);
	/*
	 * Without a call the flow pass follows, the flow rules have nothing
	 * to apply to: this walk vouches for them (the "screen" pass).
	 */
	if (wd.stateful)
		rg_flow_want(fndecl);
	else
		rg_record_checked(fndecl, RG_PASS_PLUGIN_SCREEN);
}

/*
 * Registered whatever rules are on: besides the syntactic rules, the
 * walk is how the flow pass learns which functions it must see.
 */
void rg_syntactic_register(const char *plugin_name)
{
	if (!rg_any_rule_enabled())
		return;
	register_callback(plugin_name, PLUGIN_PRE_GENERICIZE, on_pre_genericize, NULL);
}

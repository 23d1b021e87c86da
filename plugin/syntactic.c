// SPDX-License-Identifier: GPL-2.0
/*
 * The syntactic rules, on GENERIC just before gimplification
 * (PLUGIN_PRE_GENERICIZE), so they run under -fsyntax-only as well as in
 * a normal build:
 *
 * raw-set-count	a call to an RG_SET function of rules/api.def
 *			(set_page_count(), folio_set_count()); rewritten
 *			by rules/rewrite.def when the count is a constant;
 *			other counts are left to the flow pass, which knows
 *			whether the page is frozen, except under
 *			-fsyntax-only (raw-set-owner.c)
 * direct-refcount	a value access to the _refcount field of struct
 *			page or struct folio: its address passed to an
 *			atomic_* function (rewritten by rules/direct.def),
 *			or any other use of the field (.counter, assignment,
 *			copy) except taking its address for something that
 *			is not an atomic op (a wait_var_event() key, a
 *			prefetch() hint), which never reads the count
 *
 * The whole body of every function is walked once, so the walk does
 * nothing but compare tree codes and identifier pointers until it meets
 * a catalogue function or the _refcount field.  Unknown tree shapes are
 * skipped, never asserted on.
 *
 * The walk also notes whether a function calls the API at all in a way
 * the flow pass follows, so that the flow pass sees it even when nothing
 * in the unit uses it (rg_flow_want()), and records what it walked.
 */
#include "fixit.h"

static tree id_refcount, id_page, id_folio;

static const char *const atomic_prefixes[] = {
	"atomic_", "raw_atomic_", "arch_atomic_",
};

/* Indexed by enum rg_object. */
static const char *const refcount_subject[] = {
	"page->_refcount", "folio->_refcount",
};

/*
 * The walk does not keep a set of every visited node: hashing each node
 * of every function (most of them in header inlines) cost more than the
 * rest of the engine.  GENERIC from the C front end is a tree except for
 * SAVE_EXPRs and TARGET_EXPRs, which may be shared: only those are
 * remembered, so no subtree is walked twice.
 */
struct walk_data {
	hash_set<tree> *shared_seen;
	location_t last_loc;	/* for trees that have no location */
	bool stateful;		/* a call the flow pass follows */
};

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

static location_t finding_loc(tree t, struct walk_data *wd)
{
	location_t loc = EXPR_LOCATION(t);

	return loc != UNKNOWN_LOCATION ? loc : wd->last_loc;
}

/*
 * Does CALL pass as many arguments as FNDECL's prototype takes?  After a
 * "too many arguments" error the call tree still stands, and rewriting it
 * from the catalogue's argument positions would be wrong.
 */
static bool args_match_prototype(tree call, tree fndecl)
{
	tree parm = TYPE_ARG_TYPES(TREE_TYPE(fndecl));
	int n = 0;

	if (!parm || stdarg_p(TREE_TYPE(fndecl)))
		return false;
	for (; parm && parm != void_list_node; parm = TREE_CHAIN(parm))
		n++;
	return n == call_expr_nargs(call);
}

/* ", "-joined text of CT's arguments in the order ORDER (-1 ends it). */
static char *join_args(const struct rg_call_text *ct, const int *order,
		       const char *first)
{
	char *out = xstrdup(first ? first : ""), *arg, *tmp;
	int i;

	for (i = 0; order[i] >= 0; i++) {
		arg = rg_call_text_arg(ct, order[i]);
		tmp = concat(out, *out ? ", " : "", arg, NULL);
		free(out);
		free(arg);
		out = tmp;
	}
	return out;
}

/* raw-set-count: setter(P, V) -> replacement(P) for a constant V. */
static void check_raw_set(tree call, tree fndecl, const struct rg_api *api,
			  struct walk_data *wd)
{
	const char *name = IDENTIFIER_POINTER(DECL_NAME(fndecl));
	/* rg_raw_set_report() may keep it until the flow pass decides. */
	gcc_rich_location *richloc = new gcc_rich_location(finding_loc(call, wd));
	const char *rewrite = NULL;
	struct rg_call_text ct;
	int order[RG_CALL_MAX_ARGS + 1], n = 0, i, nargs = call_expr_nargs(call);
	HOST_WIDE_INT value = 0;
	char *why = NULL;
	tree arg;

	if (!rg_rule_enabled(RG_RULE_RAW_SET_COUNT)) {
		delete richloc;
		return;
	}
	if (api->value_arg >= 0 && api->value_arg < nargs) {
		arg = CALL_EXPR_ARG(call, api->value_arg);
		/* A count without a constant rewrite is the flow pass's. */
		if (!rg_raw_set_syntactic(api, arg, EXPR_LOCATION(call))) {
			delete richloc;
			return;
		}
		STRIP_NOPS(arg);
		if (TREE_CODE(arg) == INTEGER_CST && tree_fits_shwi_p(arg)) {
			value = tree_to_shwi(arg);
			rewrite = rg_set_rewrite_find(name, value);
		}
	}
	/* The helper as this tree spells it (v4: set_page_count_frozen). */
	if (rewrite)
		rewrite = rg_unit_spelling(rewrite, &why);
	if (rewrite && args_match_prototype(call, fndecl) &&
	    rg_call_text_get(call, name, &ct)) {
		if (rg_call_text_arg_is_int(&ct, api->value_arg, value)) {
			for (i = 0; i < nargs; i++)
				if (i != api->value_arg)
					order[n++] = i;
			order[n] = -1;
			char *args = join_args(&ct, order, NULL);
			rg_fixit_rewrite_call(richloc, &ct, rewrite, args);
			free(args);
		}
		rg_call_text_free(&ct);
	}
	if (rewrite) {
		rg_raw_set_report(api, value, EXPR_LOCATION(call), richloc,
				  rewrite, why);
		free(why);
	} else {
		/* why: the tree's helper takes other arguments (no rewrite) */
		rg_report_note(RG_RULE_RAW_SET_COUNT, richloc, name, NULL,
			       why ? EXPR_LOCATION(call) : UNKNOWN_LOCATION, why);
		free(why);
		delete richloc;
	}
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
	    !args_match_prototype(call, fndecl))
		return;
	if (!rg_call_text_get(call, name, &ct))
		return;
	owner = rg_call_text_refcount_owner(&ct, v);
	if (owner && (set->arg < 0 || rg_call_text_arg_is_int(&ct, set->arg, set->value))) {
		/* A raw setter's constant rewrite takes the page alone. */
		args = join_args(&ct, set->arg < 0 ? orders[d->args] : order_v, owner);
		rg_fixit_rewrite_call(richloc, &ct, helper, args);
		free(args);
	}
	free(owner);
	rg_call_text_free(&ct);
}

/* direct-refcount: atomic_op(... &P->_refcount ...), argument V. */
static void check_direct_call(tree call, tree fndecl, int v, enum rg_object obj,
			      struct walk_data *wd)
{
	const struct rg_direct *d = rg_direct_for_callee(fndecl);
	gcc_rich_location richloc(finding_loc(call, wd));
	const char *helper = NULL;
	struct set_count set = { -1, 0 };
	char *why = NULL;

	if (!rg_rule_enabled(RG_RULE_DIRECT_REFCOUNT))
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

static void check_call(tree call, struct walk_data *wd)
{
	tree fndecl = get_callee_fndecl(call);
	const struct rg_api *api;
	enum rg_object obj;
	int i, nargs;

	if (!fndecl || TREE_CODE(fndecl) != FUNCTION_DECL || !DECL_NAME(fndecl))
		return;
	api = rg_api_for_callee(fndecl);
	if (rg_api_stateful(api))
		wd->stateful = true;
	if (api && api->kind == RG_SET)
		check_raw_set(call, fndecl, api, wd);

	/*
	 * &P->_refcount as an argument: a value access when the callee is
	 * an atomic op, address-only (skipped by walk_fn) otherwise.
	 */
	nargs = call_expr_nargs(call);
	for (i = 0; i < nargs; i++)
		if (refcount_addr(CALL_EXPR_ARG(call, i), &obj) &&
		    is_atomic_op(fndecl))
			check_direct_call(call, fndecl, i, obj, wd);
}

/* Any use of _refcount that is not &_refcount: .counter, =, copy. */
static void check_value_access(tree ref, enum rg_object obj, struct walk_data *wd)
{
	rich_location richloc(line_table, finding_loc(ref, wd));

	rg_report(RG_RULE_DIRECT_REFCOUNT, &richloc, refcount_subject[obj], NULL,
		  UNKNOWN_LOCATION);
}

/* Nested functions (a GNU C extension) get no callback of their own. */
/*
 * A GNU C nested function: walked with its parent, and recorded as a
 * function of its own, since GCC gives it the flow pass as one.  With no
 * call the flow rules follow, the walk vouches for them; otherwise the
 * flow pass must see it, or the record leaves it unchecked.
 */
static void walk_nested(tree decl, struct walk_data *wd)
{
	bool outer = wd->stateful;

	if (TREE_CODE(decl) != FUNCTION_DECL || !DECL_SAVED_TREE(decl) ||
	    rg_function_exempt(decl))
		return;
	wd->stateful = false;
	walk_tree(&DECL_SAVED_TREE(decl), walk_fn, wd, NULL);
	rg_record_checked(decl, RG_PASS_PLUGIN_SYNTACTIC);
	if (!wd->stateful)
		rg_record_checked(decl, RG_PASS_PLUGIN_SCREEN);
	wd->stateful |= outer;
}

static tree walk_fn(tree *tp, int *walk_subtrees, void *data)
{
	struct walk_data *wd = (struct walk_data *)data;
	tree t = *tp;
	enum rg_object obj;

	if (TYPE_P(t) || t == error_mark_node) {
		*walk_subtrees = 0;
		return NULL_TREE;
	}
	if (EXPR_P(t) && EXPR_HAS_LOCATION(t))
		wd->last_loc = EXPR_LOCATION(t);

	switch (TREE_CODE(t)) {
	case CALL_EXPR:
		check_call(t, wd);
		break;
	case ADDR_EXPR:
		/*
		 * &P->_refcount: reported by check_call if an atomic op
		 * takes it, address-only otherwise.  P itself may still
		 * hold calls to check.
		 */
		if (refcount_ref(TREE_OPERAND(t, 0), &obj)) {
			*walk_subtrees = 0;
			walk_tree(&TREE_OPERAND(TREE_OPERAND(t, 0), 0), walk_fn,
				  wd, NULL);
		}
		break;
	case COMPONENT_REF:
		if (refcount_ref(t, &obj))
			check_value_access(t, obj, wd);
		break;
	case DECL_EXPR:
		walk_nested(DECL_EXPR_DECL(t), wd);
		break;
	case SAVE_EXPR:
	case TARGET_EXPR:
		if (wd->shared_seen->add(t))
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
	struct walk_data wd;

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

// SPDX-License-Identifier: GPL-2.0
/*
 * direct-refcount in the sparse engine, as the plugin's
 * (plugin/rule-direct-refcount.c): &P->_refcount passed to an atomic_*
 * (raw_, arch_) function, rewritten by rules/direct.def, or any use of
 * the field that is not taking its address (.counter, assignment, copy).
 * Taking only the address (a wait key, a prefetch hint) is no event of
 * the walk (syntactic.c).  Whether P is a struct page or struct folio is
 * known only after evaluation: the hooks record candidates, report()
 * decides.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static const char *const atomic_prefixes[] = {
	"atomic_", "raw_atomic_", "arch_atomic_",
};

/* Indexed by enum rg_object. */
static const char *const refcount_subject[] = {
	"page->_refcount", "folio->_refcount",
};

static bool ident_has_prefix(const struct ident *id, const char *prefix)
{
	size_t n = strlen(prefix);

	return id->len >= n && !strncmp(id->name, prefix, n);
}

static bool is_atomic_op(const struct ident *id, const struct rg_direct **d)
{
	char name[256];
	unsigned int i;

	snprintf(name, sizeof(name), "%.*s", id->len, id->name);
	*d = rg_direct_find(name);
	if (*d)
		return true;
	for (i = 0; i < sizeof(atomic_prefixes) / sizeof(atomic_prefixes[0]); i++)
		if (ident_has_prefix(id, atomic_prefixes[i]))
			return true;
	return false;
}

static void refcount_arg(struct expression *call, struct expression *fn, int arg,
			 struct expression *ref)
{
	const struct rg_direct *d = NULL;
	struct rg_cand c = { .kind = RG_CAND_ATOMIC_ARG };

	if (!fn || !is_atomic_op(fn->symbol_name, &d))
		return;
	c.pos = fn->pos;
	c.base = ref->deref;
	c.direct = d;
	c.callee = fn->symbol_name;
	c.nargs = ptr_list_size((struct ptr_list *)call->args);
	c.arg = arg;
	if (d && !strcmp(d->atomic_op, "atomic_set"))
		c.value = ptr_list_nth(call->args, 1);
	rg_cand_add(&rg_sparse_check_direct_refcount, &c);
}

static void refcount_value(struct expression *ref)
{
	struct rg_cand c = { .kind = RG_CAND_VALUE, .pos = ref->pos,
			     .base = ref->deref, .callee = ref->member };

	rg_cand_add(&rg_sparse_check_direct_refcount, &c);
}

/* Per enum rg_direct_args: the helper's arguments after P, where &P->_refcount is. */
static const int order_v[] = { -1 }, order_v_n[] = { 1, -1 },
		 order_n_v[] = { 0, -1 }, order_v_n_u[] = { 1, 2, -1 };
static const int *const direct_orders[] = {
	order_v, order_v_n, order_n_v, order_v_n_u,
};
static const int direct_refcount_pos[] = { 0, 0, 1, 0 };

/* The fix-it of an atomic op rewritten to HELPER, as the plugin's. */
static void direct_fix(struct rg_sparse_report *rep, const struct rg_cand *c,
		       const char *helper)
{
	const struct rg_api *api = rg_api_find(helper);
	unsigned int args = c->direct->args;

	if (args >= sizeof(direct_orders) / sizeof(direct_orders[0]) ||
	    direct_refcount_pos[args] != c->arg)
		return;
	rep->fix = RG_FIX_CALL;
	rep->fix_nargs = c->nargs;
	rep->fix_refcount_arg = c->arg;
	rep->fix_order = direct_orders[args];
	rep->fix_value_arg = -1;
	/* atomic_set -> a raw setter's constant rewrite: the page alone. */
	if (api && api->kind == RG_SET) {
		long long value;

		if (!c->value || !rg_const_value(c->value, &value))
			return;
		rep->fix_order = order_v;
		rep->fix_value_arg = api->value_arg;
		rep->fix_value = value;
	}
}

/*
 * The helper replacing atomic op D on OBJ's _refcount; for atomic_set,
 * mapped to a raw setter, the setter's constant-count rewrite.
 */
static const char *direct_helper(const struct rg_cand *c, enum rg_object obj)
{
	const char *helper;
	const struct rg_api *api;
	long long value;

	if (!c->direct)
		return NULL;
	helper = obj == RG_OBJ_FOLIO ? c->direct->folio_helper : c->direct->page_helper;
	if (!*helper)
		return NULL;
	api = rg_api_find(helper);
	if (!api || api->kind != RG_SET)
		return helper;
	if (!c->value || !rg_const_value(c->value, &value))
		return NULL;
	return rg_set_rewrite_find(helper, value);
}

static void report(struct rg_cand *c, int nth)
{
	struct rg_sparse_report rep = { .rule = RG_RULE_DIRECT_REFCOUNT };
	enum rg_object obj;
	char *why = NULL;

	rep.nth_call = nth;
	if (!rg_page_record(c->base, &obj))
		return;
	rep.pos = c->pos;
	rep.callee = show_ident(c->callee);
	rep.arg = refcount_subject[obj];
	rep.rewrite = c->kind == RG_CAND_ATOMIC_ARG ? direct_helper(c, obj) : NULL;
	rep.function = rg_sparse_fn_name(c->fn);
	if (rep.rewrite) {
		const char *helper = obj == RG_OBJ_FOLIO ? c->direct->folio_helper
							 : c->direct->page_helper;

		direct_fix(&rep, c, helper);
		rep.rewrite = rg_sparse_unit_spelling(rep.rewrite, &why);
		if (why) {
			rep.has_note = true;
			rep.note_pos = c->pos;
			rep.note_callee = rep.callee;
			rep.note_message = why;
		}
	}
	rg_sparse_report(&rep);
	free(why);
}

const struct rg_sparse_check rg_sparse_check_direct_refcount = {
	.refcount_arg = refcount_arg,
	.refcount_value = refcount_value,
	.report = report,
};

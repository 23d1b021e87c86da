// SPDX-License-Identifier: GPL-2.0
/*
 * raw-set-count in the sparse engine, as the plugin's
 * (plugin/rule-raw-set-count.c): a call to an RG_SET function of
 * rules/api.def, served by the syntactic walk and the flow rules, and who
 * reports which call is decided here:
 *
 * - A constant count that rules/rewrite.def rewrites is the walk's: its
 *   hooks record the call (through _Generic too), report() reports it
 *   with that rewrite once evaluated and owns the call.
 * - Any other count is the flow rules' (flow_call), which know whether
 *   the page is frozen on every path: then the rewrite is the API table's
 *   unfreeze_with, the callee renamed; on a page held on every path a
 *   LIVE_SET count (rules/rewrite.def) drops a reference.
 * - An owned store's rewrite still depends on the page's state, and the
 *   state decides first: a 0 (with a LIVE_SET entry) is a freeze, or the
 *   drop of a reference the function holds on every path; any other count
 *   on a page frozen on every path an unfreeze.  report() defers such a
 *   finding, flow_call settles it with the state at the call, and flush
 *   reports what the flow rules never reached as report() made it.
 */
#include <stdlib.h>
#include <string.h>

#include "rgflow.h"

/* Raw setter calls the syntactic side reported: the flow leaves them alone. */
static struct position *owned;
static int nr_owned, cap_owned;

/* Raw stores waiting for the flow rules (settle()). */
struct deferred {
	struct position call_pos;
	struct rg_sparse_report rep;
	int order[5];
	char *function;
	const struct rg_live_set *live;	/* a 0 that may drop a reference */
	const char *unfreeze;		/* a count that may be an unfreeze */
	const char *setter;		/* the raw setter called */
	bool settled;
};

static struct deferred *deferred;
static int nr_deferred;

static void defer(const struct rg_sparse_report *rep, const int *order,
		  struct position call_pos, const struct rg_api *api,
		  const struct rg_live_set *live, const char *unfreeze)
{
	struct deferred *n = realloc(deferred, (nr_deferred + 1) * sizeof(*n));

	if (!n) {
		rg_sparse_report(rep);
		return;
	}
	deferred = n;
	n = &deferred[nr_deferred++];
	n->call_pos = call_pos;
	n->rep = *rep;
	memcpy(n->order, order, sizeof(n->order));
	n->function = strdup(rep->function ? rep->function : "");
	n->live = live;
	n->unfreeze = unfreeze;
	n->setter = api->name;
	n->settled = false;
}

/* BITS: the page's state at the call (frozen-state.h's RG_ALL_*), 0 unknown. */
static void report_deferred(struct deferred *d, unsigned char bits)
{
	struct position keyword;

	d->rep.fix_order = d->order;
	d->rep.function = d->function;
	d->settled = true;
	if ((bits & RG_ALL_LIVE) && d->live) {
		/* A drop: the suggestion and its reason, never a rewrite. */
		d->rep.rewrite = d->live->suggestion;
		d->rep.fix = RG_FIX_NONE;
		d->rep.has_note = true;
		d->rep.note_pos = d->rep.pos;
		d->rep.note_paren = d->rep.callee_paren;
		d->rep.note_callee = d->rep.callee;
		d->rep.note_message = d->live->reason;
	} else if ((bits & RG_ALL_FROZEN) && d->unfreeze) {
		/*
		 * An unfreeze, whatever the constant: setter(P, 1) ->
		 * page_ref_unfreeze(P, 1), only the callee renamed (in the
		 * association selected, through _Generic).
		 */
		d->rep.rewrite = d->unfreeze;
		d->rep.has_note = false;
		d->rep.fix = RG_FIX_RENAME;
		if (rg_syntactic_generic(d->call_pos, &keyword, &d->rep.fix_pos)) {
			d->rep.fix = RG_FIX_RENAME_AT;
			d->rep.fix_name = d->setter;
		}
	}
	rg_sparse_report(&d->rep);
}

static bool settle(struct position call_pos, unsigned char bits)
{
	int i;

	for (i = 0; i < nr_deferred; i++)
		if (!deferred[i].settled && rg_same_pos(deferred[i].call_pos, call_pos)) {
			report_deferred(&deferred[i], bits);
			return true;
		}
	return false;
}

static void flush(void)
{
	int i;

	for (i = 0; i < nr_deferred; i++)
		if (!deferred[i].settled)
			report_deferred(&deferred[i], 0);
}

static bool owns_call(struct position call_pos)
{
	int i;

	for (i = 0; i < nr_owned; i++)
		if (rg_same_pos(owned[i], call_pos))
			return true;
	return false;
}

static void own_call(struct position call_pos)
{
	if (nr_owned == cap_owned) {
		struct position *n;

		cap_owned = cap_owned ? 2 * cap_owned : 16;
		n = realloc(owned, cap_owned * sizeof(*n));
		if (!n)
			return;
		owned = n;
	}
	owned[nr_owned++] = call_pos;
}

/* A call whose callee is a raw setter: a candidate for report(). */
static void on_call(struct expression *call, struct expression *fn,
		    const struct rg_api *api)
{
	struct rg_cand c = { .kind = RG_CAND_RAW_SET };

	if (!api || api->kind != RG_SET)
		return;
	c.pos = fn->pos;
	c.call_pos = call->pos;
	c.api = api;
	c.callee = fn->symbol_name;
	c.nargs = ptr_list_size((struct ptr_list *)call->args);
	c.value = api->value_arg >= 0 ? ptr_list_nth(call->args, api->value_arg) : NULL;
	rg_cand_add(&rg_sparse_check_raw_set_count, &c);
}

/*
 * A call through _Generic(...): a candidate if any association is a raw
 * setter; which one is selected is known after evaluation.
 */
static void on_generic_call(struct expression *call, struct expression *g)
{
	struct rg_cand c = { .kind = RG_CAND_RAW_SET };
	const struct rg_api *api, *set = NULL;
	struct type_expression *map;

	for (map = g->map; ; map = map->next) {
		api = rg_association_api(map ? map->expr : g->def);
		if (api && api->kind == RG_SET)
			set = api;
		if (!map)
			break;
	}
	if (!set)
		return;
	c.pos = g->pos;
	c.call_pos = call->pos;
	c.api = set;
	c.generic = g;
	c.call = call;
	c.nargs = ptr_list_size((struct ptr_list *)call->args);
	rg_cand_add(&rg_sparse_check_raw_set_count, &c);
}

static void report(struct rg_cand *c, int nth)
{
	struct rg_sparse_report rep = { .rule = RG_RULE_RAW_SET_COUNT };
	const struct rg_live_set *live;
	const char *rewrite, *unfreeze;
	char *why;
	long long value;
	int order[5], i, n;

	if (c->generic) {
		/* The association evaluation selected: a raw setter, or not. */
		const struct rg_api *api = rg_association_api(c->generic);
		struct rg_cand *sel = c;

		if (!api || api->kind != RG_SET || api->value_arg < 0 ||
		    api->value_arg >= c->nargs)
			return;
		sel->api = api;
		sel->value = ptr_list_nth(c->call->args, api->value_arg);
	}
	if (!c->value || !rg_const_value(c->value, &value))
		return;
	rewrite = rg_set_rewrite_find(c->api->name, value);
	/* Any other count is the flow pass's: it knows if the page is frozen. */
	if (!rewrite)
		return;
	/* The helper as this tree spells it (v4: set_page_count_frozen). */
	rewrite = rg_sparse_unit_spelling(rewrite, &why);
	if (why) {
		rep.has_note = true;
		rep.note_pos = c->pos;
		rep.note_paren = c->generic != NULL;
		rep.note_callee = c->generic ? "_Generic" : c->api->name;
		rep.note_message = why;
	}
	own_call(c->call_pos);
	rep.pos = c->pos;
	/* sparse places _Generic(...) at its '(': the keyword is before it. */
	rep.callee_paren = c->generic != NULL;
	rep.callee = c->generic ? "_Generic" : c->api->name;
	rep.nth_call = nth;
	/* setter(P, N) -> rewrite(P): every argument but the count. */
	for (i = 0, n = 0; i < c->nargs && n < 4; i++)
		if (i != c->api->value_arg)
			order[n++] = i;
	order[n] = -1;
	/*
	 * A _Generic callee: the plugin rewrites no such call, nor does
	 * this; nor without a name (the tree's takes other arguments).
	 */
	rep.fix = c->generic || !rewrite ? RG_FIX_NONE : RG_FIX_CALL;
	rep.fix_nargs = c->nargs;
	rep.fix_refcount_arg = -1;
	rep.fix_order = order;
	rep.fix_value_arg = c->api->value_arg;
	rep.fix_value = value;
	rep.arg = c->api->name;
	rep.rewrite = rewrite;
	rep.function = rg_sparse_fn_name(c->fn);
	/*
	 * The page's state decides first, and only the flow rules know it: a
	 * 0 is a freeze or drops a held reference; any other count on a page
	 * frozen on every path is an unfreeze.
	 */
	live = rg_live_set_find(c->api->name, value);
	unfreeze = value && *c->api->unfreeze_with ? c->api->unfreeze_with : NULL;
	if (live || unfreeze) {
		defer(&rep, order, c->call_pos, c->api, live, unfreeze);
		return;		/* why lives on with the deferred finding */
	}
	rg_sparse_report(&rep);
	free(why);
}

/* A raw store of a count without a rewrite, from the flow rules. */
static void report_flow(struct rg_flow *fl, struct instruction *insn,
			const struct rg_api *api, pseudo_t value, unsigned char bits)
{
	const struct rg_live_set *live = NULL;
	long long n;

	if ((bits & RG_ALL_LIVE) && rg_flow_const_value(value, &n))
		live = rg_live_set_find(api->name, n);
	if (live) {
		/* A raw store that drops a reference the function holds: no rewrite. */
		struct rg_sparse_report rep = {
			.rule = RG_RULE_RAW_SET_COUNT, .pos = insn->pos,
			.callee_paren = true, .callee = api->name, .arg = api->name,
			.rewrite = live->suggestion, .function = fl->function,
			.has_note = true, .note_pos = insn->pos, .note_paren = true,
			.note_callee = api->name, .note_message = live->reason,
			.nth_call = rg_flow_nth_call(fl, insn),
		};

		rg_flow_emit(&rep, api);
		return;
	}
	rg_flow_report(fl, RG_RULE_RAW_SET_COUNT, insn, api,
		       (bits & RG_ALL_FROZEN) && *api->unfreeze_with ?
		       api->unfreeze_with : NULL, NULL);
}

/* The flow rules' reporting walk at a call to the API. */
static void flow_call(struct rg_flow *fl, struct instruction *insn,
		      const struct rg_api *api, unsigned char bits)
{
	pseudo_t value = NULL;

	if (api->kind != RG_SET)
		return;
	if (api->value_arg >= 0 &&
	    api->value_arg < ptr_list_size((struct ptr_list *)insn->arguments))
		value = ptr_list_nth(insn->arguments, api->value_arg);
	/*
	 * A constant's rewrite, settled by the page's state: a 0 on a page
	 * held on every path drops a reference, a count on a page frozen on
	 * every path unfreezes it.
	 */
	if (settle(insn->pos, bits) || !value || owns_call(insn->pos))
		return;
	report_flow(fl, insn, api, value, bits);
}

static void reset(void)
{
	free(owned);
	owned = NULL;
	nr_owned = cap_owned = 0;
	while (nr_deferred)
		free(deferred[--nr_deferred].function);
	free(deferred);
	deferred = NULL;
}

const struct rg_sparse_check rg_sparse_check_raw_set_count = {
	.call = on_call,
	.generic_call = on_generic_call,
	.report = report,
	.flow_call = flow_call,
	.flush = flush,
	.reset = reset,
};

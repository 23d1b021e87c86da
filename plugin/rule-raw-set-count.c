// SPDX-License-Identifier: GPL-2.0
/*
 * raw-set-count in the plugin: a call to an RG_SET function of
 * rules/api.def (set_page_count(), folio_set_count()), served by two
 * passes, and who reports which call is decided here:
 *
 * - The count as the syntactic walk sees it (GENERIC) is an integer
 *   constant with a rewrite in rules/rewrite.def (set_page_count(P, 0),
 *   set_page_count(P, 1), folio_set_count(F, 1)): the walk's hook
 *   (syntactic_call) reports it with that rewrite, and claims the call
 *   by its location.
 * - Any other call (set_page_count(page, PAGE_FRAG_CACHE_MAX_SIZE + 1),
 *   a variable, `(side(), 1)`): whether the rewrite is page_ref_unfreeze()
 *   depends on the page being frozen on every path, which only the flow
 *   pass knows.  Its hook (flow_call) reports every setter call not
 *   claimed, with the API table's unfreeze_with as a fix-it replacing the
 *   callee name when the page is frozen on every path
 *   (set_page_count(page, N) -> page_ref_unfreeze(page, N)).  Under
 *   -fsyntax-only, where the flow pass never runs, the syntactic walk
 *   reports them all.
 *
 * The claim is what decides, not a second look at the count: GIMPLE
 * may show a constant where GENERIC had an expression.
 *
 * - A claimed store's rewrite still depends on the page's state, and the
 *   state decides first.  A count with a LIVE_SET entry in
 *   rules/rewrite.def (a 0) is a freeze only if the function holds no
 *   reference to the page: on a page live on every path it drops one
 *   (p2pdma's set_page_count(page, 0) after init_page_count()): the
 *   suggestion, with its reason as the note, and no fix-it.  Any other
 *   count on a page frozen on every path is an unfreeze, 1 as much as 42
 *   (page_ref_unfreeze(P, N): its release ordering publishes what was
 *   done while the page was frozen, which init_page_count()'s plain store
 *   does not), with the API table's unfreeze_with and the callee renamed.
 *   The syntactic finding, fix-it included, is kept (deferred) until the
 *   flow pass reaches the call and settles it; a call the flow pass never
 *   reaches is reported at the end of the unit as the walk made it.
 *   Under -fsyntax-only there is no flow pass and it is reported at once:
 *   the frozen setter is then a guess the driver never makes (it always
 *   compiles).
 */
#include "flow.h"
#include "fixit.h"

typedef int_hash<location_t, UNKNOWN_LOCATION, BUILTINS_LOCATION> loc_hash;

/* Setter calls the syntactic walk reported, by call location. */
static hash_set<loc_hash> *claimed;

/* A syntactic finding waiting for the flow pass. */
struct deferred {
	gcc_rich_location *richloc;	/* with the constant rewrite's fix-it */
	const char *subject;		/* catalogue strings: never freed */
	const char *rewrite;
	char *note;			/* the spelling's, or NULL */
	const struct rg_live_set *live;	/* a 0 that may drop a reference */
	const char *unfreeze;		/* a count that may be an unfreeze */
	tree fndecl;			/* for -record's "function" */
};

static hash_map<loc_hash, struct deferred> *deferred;
/* Calls in settle order, so the end-of-unit flush is deterministic. */
static auto_vec<location_t> deferred_order;

/*
 * GIMPLE locations carry a block (an ad-hoc location) that the
 * GENERIC call's did not: calls are keyed by the bare location.
 */
static location_t call_key(location_t loc)
{
	return get_pure_location(loc);
}

static bool value_rewritable(const struct rg_api *api, tree value)
{
	if (!api || api->kind != RG_SET || !value)
		return false;
	STRIP_NOPS(value);
	if (TREE_CODE(value) != INTEGER_CST || !tree_fits_shwi_p(value))
		return false;
	return rg_set_rewrite_find(api->name, tree_to_shwi(value)) != NULL;
}

static bool claim(const struct rg_api *api, tree value, location_t loc)
{
	loc = call_key(loc);
	if (flag_syntax_only)
		return true;
	if (!value_rewritable(api, value))
		return false;
	if (loc > BUILTINS_LOCATION) {
		if (!claimed)
			claimed = new hash_set<loc_hash>;
		claimed->add(loc);
	}
	return true;
}

static bool is_claimed(location_t loc)
{
	loc = call_key(loc);
	return claimed && loc > BUILTINS_LOCATION && claimed->contains(loc);
}

/* Takes RICHLOC, which must come from new. */
static void defer_or_report(const struct rg_api *api, long value,
			    location_t call_loc, gcc_rich_location *richloc,
			    const char *rewrite, const char *note)
{
	const struct rg_live_set *live = rg_live_set_find(api->name, value);
	const char *unfreeze = value && *api->unfreeze_with ? api->unfreeze_with : NULL;
	struct deferred d;

	call_loc = call_key(call_loc);
	/*
	 * Under -fsyntax-only no flow pass runs: the constant's rewrite is
	 * the best guess there is (see the top of this file).
	 */
	if ((!live && !unfreeze) || flag_syntax_only || call_loc <= BUILTINS_LOCATION) {
		rg_report_note(RG_RULE_RAW_SET_COUNT, richloc, api->name, rewrite,
			       richloc->get_loc(), note);
		delete richloc;
		return;
	}
	if (!deferred)
		deferred = new hash_map<loc_hash, struct deferred>;
	if (deferred->get(call_loc)) {
		delete richloc;
		return;
	}
	d.richloc = richloc;
	d.subject = api->name;
	d.rewrite = rewrite;
	d.note = note ? xstrdup(note) : NULL;
	d.live = live;
	d.unfreeze = unfreeze;
	d.fndecl = current_function_decl;
	deferred->put(call_loc, d);
	deferred_order.safe_push(call_loc);
}

static bool is_deferred(location_t call_loc)
{
	call_loc = call_key(call_loc);
	return deferred && call_loc > BUILTINS_LOCATION &&
	       deferred->get(call_loc);
}

static void settle(struct deferred *d, unsigned char bits)
{
	if ((bits & RG_ALL_LIVE) && d->live) {
		/* A drop, not a freeze: the suggestion, and no fix-it. */
		rich_location richloc(line_table, d->richloc->get_loc());

		rg_report_note(RG_RULE_RAW_SET_COUNT, &richloc, d->subject,
			       d->live->suggestion, d->richloc->get_loc(),
			       d->live->reason);
	} else if ((bits & RG_ALL_FROZEN) && d->unfreeze) {
		/* An unfreeze, as the flow pass reports any other count. */
		gcc_rich_location richloc(d->richloc->get_loc());

		rg_fixit_rename_callee(&richloc, d->richloc->get_loc(), d->subject,
				       d->unfreeze);
		rg_report(RG_RULE_RAW_SET_COUNT, &richloc, d->subject, d->unfreeze,
			  UNKNOWN_LOCATION);
	} else {
		rg_report_note(RG_RULE_RAW_SET_COUNT, d->richloc, d->subject,
			       d->rewrite, d->richloc->get_loc(), d->note);
	}
	delete d->richloc;
	d->richloc = NULL;
	free(d->note);
	d->note = NULL;
}

static void settle_call(location_t call_loc, unsigned char bits)
{
	struct deferred *d = deferred ? deferred->get(call_key(call_loc)) : NULL;

	if (d && d->richloc)
		settle(d, bits);
}

/* What the flow pass never reached is reported as the syntactic walk made it. */
static void flush(void *gcc_data, void *user_data)
{
	tree saved = current_function_decl;
	struct deferred *d;
	location_t loc;
	unsigned int i;

	FOR_EACH_VEC_ELT(deferred_order, i, loc) {
		d = deferred->get(loc);
		if (!d || !d->richloc)
			continue;
		current_function_decl = d->fndecl;
		settle(d, 0);
	}
	current_function_decl = saved;
	deferred_order.truncate(0);
	if (deferred)
		deferred->empty();
}

/*
 * An unclaimed setter call, from the flow pass.  BITS: the page's facts
 * at the call (RG_ALL_FROZEN, RG_ALL_LIVE, ...).
 */
static void report_flow(gcall *call, const struct rg_api *api, tree value,
			unsigned char bits)
{
	location_t loc = gimple_location(call);
	const struct rg_live_set *live = NULL;
	const char *rewrite = NULL;
	HOST_WIDE_INT n;

	if (loc == UNKNOWN_LOCATION)
		return;
	gcc_rich_location richloc(loc);
	/* A drop of a held reference (folio_set_count(F, 0)): no fix-it. */
	if ((bits & RG_ALL_LIVE) && rg_flow_const_value(value, &n))
		live = rg_live_set_find(api->name, n);
	if (live) {
		rg_report_note(RG_RULE_RAW_SET_COUNT, &richloc, api->name,
			       live->suggestion, loc, live->reason);
		return;
	}
	if ((bits & RG_ALL_FROZEN) && *api->unfreeze_with) {
		rewrite = api->unfreeze_with;
		rg_fixit_rename_callee(&richloc, loc, api->name, rewrite);
	}
	rg_report(RG_RULE_RAW_SET_COUNT, &richloc, api->name, rewrite,
		  UNKNOWN_LOCATION);
}

/* raw-set-count: setter(P, V) -> replacement(P) for a constant V. */
static void syntactic_call(struct rg_walk *w, tree call, tree fndecl,
			   const struct rg_api *api)
{
	const char *name = IDENTIFIER_POINTER(DECL_NAME(fndecl));
	gcc_rich_location *richloc;
	const char *rewrite = NULL;
	struct rg_call_text ct;
	int order[RG_CALL_MAX_ARGS + 1], n = 0, i, nargs = call_expr_nargs(call);
	HOST_WIDE_INT value = 0;
	char *why = NULL;
	tree arg;

	if (!api || api->kind != RG_SET || !rg_rule_enabled(RG_RULE_RAW_SET_COUNT))
		return;
	/* defer_or_report() may keep it until the flow pass decides. */
	richloc = new gcc_rich_location(rg_walk_loc(w, call));
	if (api->value_arg >= 0 && api->value_arg < nargs) {
		arg = CALL_EXPR_ARG(call, api->value_arg);
		/* A count without a constant rewrite is the flow pass's. */
		if (!claim(api, arg, EXPR_LOCATION(call))) {
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
	if (rewrite && rg_args_match_prototype(call, fndecl) &&
	    rg_call_text_get(call, name, &ct)) {
		if (rg_call_text_arg_is_int(&ct, api->value_arg, value)) {
			for (i = 0; i < nargs; i++)
				if (i != api->value_arg)
					order[n++] = i;
			order[n] = -1;
			char *args = rg_join_args(&ct, order, NULL);
			rg_fixit_rewrite_call(richloc, &ct, rewrite, args);
			free(args);
		}
		rg_call_text_free(&ct);
	}
	if (rewrite) {
		defer_or_report(api, value, EXPR_LOCATION(call), richloc,
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

static tree call_value_arg(gcall *call, const struct rg_api *api)
{
	if (api->value_arg < 0 ||
	    (unsigned int)api->value_arg >= gimple_call_num_args(call))
		return NULL_TREE;
	return gimple_call_arg(call, api->value_arg);
}

/* The flow pass's reporting walk at a call to the API. */
static void flow_call(gcall *call, const struct rg_api *api, unsigned char bits)
{
	tree value;

	if (api->kind != RG_SET)
		return;
	value = call_value_arg(call, api);
	if (is_deferred(gimple_location(call)))
		/*
		 * A constant's rewrite, settled by the page's state: a zero
		 * store on a page held on every path drops a reference, a
		 * count on a page frozen on every path unfreezes it.
		 */
		settle_call(gimple_location(call), bits);
	else if (value && !is_claimed(gimple_location(call)))
		report_flow(call, api, value, bits);
}

static void init(const char *plugin_name)
{
	register_callback(plugin_name, PLUGIN_FINISH_UNIT, flush, NULL);
}

const struct rg_plugin_check rg_plugin_check_raw_set_count = {
	.call = syntactic_call,
	.flow_call = flow_call,
	.init = init,
};

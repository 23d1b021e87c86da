// SPDX-License-Identifier: GPL-2.0
/*
 * Which engine reports a raw setter call: the rule is in refguard.h.
 * Both engines use this file; neither calls the other.
 *
 * A constant store with a rewrite is the syntactic engine's, but what it
 * is depends on the page's state, which only the flow pass knows, and the
 * state decides first: on a page frozen on every path a count other than
 * 0 is an unfreeze (page_ref_unfreeze(P, N): its release ordering
 * publishes what was done while the page was frozen, which
 * init_page_count()'s plain store does not), whatever the constant; a 0
 * with a LIVE_SET entry in rules/rewrite.def is a freeze, or the drop of
 * a reference the function holds.  The syntactic engine hands its
 * finding, fix-it included, to this file instead of reporting it; the
 * flow pass settles it when it reaches the call, and whatever it never
 * reached (a function the flow pass does not see) is reported as the
 * syntactic engine made it at the end of the unit.
 */
#include "fixit.h"
#include "frozen-state.h"

typedef int_hash<location_t, UNKNOWN_LOCATION, BUILTINS_LOCATION> loc_hash;

/* Setter calls the syntactic engine reported, by call location. */
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

bool rg_raw_set_syntactic(const struct rg_api *api, tree value, location_t loc)
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

bool rg_raw_set_claimed(location_t loc)
{
	loc = call_key(loc);
	return claimed && loc > BUILTINS_LOCATION && claimed->contains(loc);
}

void rg_raw_set_report(const struct rg_api *api, long value, location_t call_loc,
		       gcc_rich_location *richloc, const char *rewrite,
		       const char *note)
{
	const struct rg_live_set *live = rg_live_set_find(api->name, value);
	const char *unfreeze = value && *api->unfreeze_with ? api->unfreeze_with : NULL;
	struct deferred d;

	call_loc = call_key(call_loc);
	/*
	 * Under -fsyntax-only no flow pass runs: the constant's rewrite is
	 * the best guess there is (refguard.h).
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

bool rg_raw_set_deferred(location_t call_loc)
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

void rg_raw_set_settle(location_t call_loc, unsigned char bits)
{
	struct deferred *d = deferred ? deferred->get(call_key(call_loc)) : NULL;

	if (d && d->richloc)
		settle(d, bits);
}

/* What the flow pass never reached is reported as the syntactic engine made it. */
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

void rg_raw_set_register(const char *plugin_name)
{
	register_callback(plugin_name, PLUGIN_FINISH_UNIT, flush, NULL);
}

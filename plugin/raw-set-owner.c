// SPDX-License-Identifier: GPL-2.0
/*
 * Which engine reports a raw setter call: the rule is in refguard.h.
 * Both engines use this file; neither calls the other.
 */
#include "refguard.h"

/* Setter calls the syntactic engine reported, by call location. */
static hash_set<int_hash<location_t, UNKNOWN_LOCATION, BUILTINS_LOCATION> > *claimed;

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
	if (flag_syntax_only)
		return true;
	if (!value_rewritable(api, value))
		return false;
	if (loc > BUILTINS_LOCATION) {
		if (!claimed)
			claimed = new hash_set<int_hash<location_t, UNKNOWN_LOCATION,
							BUILTINS_LOCATION> >;
		claimed->add(loc);
	}
	return true;
}

bool rg_raw_set_claimed(location_t loc)
{
	return claimed && loc > BUILTINS_LOCATION && claimed->contains(loc);
}

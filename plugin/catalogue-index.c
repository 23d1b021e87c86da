// SPDX-License-Identifier: GPL-2.0
/*
 * Callee lookups in the rule catalogue, keyed by identifier node.
 *
 * Every call in every compiled function is looked up, so a linear scan
 * of the tables by name would put ~80 strcmps on the hot path.  GCC
 * interns identifiers, so the index maps identifier pointers to entries;
 * it is built on first use, when the identifier table exists.
 */
#include "refguard.h"

/* Identifiers live as long as the compilation: no GC roots needed. */
static hash_map<tree, const struct rg_api *> *api_index;
static hash_map<tree, const struct rg_direct *> *direct_index;

static void build_index(void)
{
	unsigned int i;

	api_index = new hash_map<tree, const struct rg_api *>(rg_api_count * 2);
	direct_index = new hash_map<tree, const struct rg_direct *>(rg_direct_count * 2);
	for (i = 0; i < rg_api_count; i++)
		api_index->put(get_identifier(rg_api_table[i].name), &rg_api_table[i]);
	for (i = 0; i < rg_direct_count; i++)
		direct_index->put(get_identifier(rg_direct_table[i].atomic_op),
				  &rg_direct_table[i]);
}

static tree callee_name(tree fndecl)
{
	if (!fndecl || TREE_CODE(fndecl) != FUNCTION_DECL)
		return NULL_TREE;
	if (!api_index)
		build_index();
	return DECL_NAME(fndecl);
}

const struct rg_api *rg_api_for_callee(tree fndecl)
{
	tree name = callee_name(fndecl);
	const struct rg_api **entry;

	if (!name)
		return NULL;
	entry = api_index->get(name);
	return entry ? *entry : NULL;
}

const struct rg_direct *rg_direct_for_callee(tree fndecl)
{
	tree name = callee_name(fndecl);
	const struct rg_direct **entry;

	if (!name)
		return NULL;
	entry = direct_index->get(name);
	return entry ? *entry : NULL;
}

void rg_api_index_add(const char *name, const struct rg_api *api)
{
	if (!api_index)
		build_index();
	api_index->put(get_identifier(name), api);
}

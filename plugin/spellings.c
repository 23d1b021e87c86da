// SPDX-License-Identifier: GPL-2.0
/*
 * The unit's own spelling of a renamed helper (rules/spellings.def).
 *
 * The rewrite tables name each helper once, by the design's spelling; a
 * tree carrying another posting of the series (v4's
 * set_page_count_frozen()) must be told its own name, or the fix-it
 * calls a function that does not exist there.  The unit's declarations
 * say which spellings the tree has: each spelling of the role is looked
 * up as a file-scope binding of the C front end.  This runs only when a
 * finding with a rewrite is made, at PLUGIN_PRE_GENERICIZE while the
 * file scope is still there, and costs a few identifier lookups.
 */
#include "refguard.h"

#define MAX_SPELLINGS	8

/* The unit's function declaration of NAME, or NULL_TREE. */
static tree declared(const char *name)
{
	tree id = maybe_get_identifier(name);
	tree decl = id ? identifier_global_value(id) : NULL_TREE;

	return decl && TREE_CODE(decl) == FUNCTION_DECL ? decl : NULL_TREE;
}

const char *rg_unit_spelling(const char *name, char **why)
{
	const struct rg_spelling *sp[MAX_SPELLINGS], *own = NULL, *pick = NULL;
	const struct rg_spelling *have[MAX_SPELLINGS];
	unsigned int i, n, nhave = 0, ncalled = 0;
	int role = rg_spelling_role(name);
	tree decl;

	*why = NULL;
	if (role < 0)
		return name;
	n = rg_role_spellings((enum rg_name_role)role, sp, MAX_SPELLINGS);
	if (n > MAX_SPELLINGS)
		n = MAX_SPELLINGS;
	for (i = 0; i < n; i++)
		if (!strcmp(sp[i]->name, name))
			own = sp[i];
	for (i = 0; i < n; i++) {
		/* Another arity is another call shape: not a drop-in name. */
		if (own && sp[i]->arity != own->arity)
			continue;
		decl = declared(sp[i]->name);
		if (!decl)
			continue;
		have[nhave++] = sp[i];
		/* TREE_USED: the code so far refers to it. */
		if (TREE_USED(decl)) {
			ncalled++;
			pick = sp[i];
		}
	}
	if (!nhave)
		return name;		/* the tree adds it: the design's name */
	if (nhave == 1)
		return have[0]->name;
	/* Several spellings: the one the code calls, else the newest. */
	if (ncalled != 1)
		pick = have[nhave - 1];
	*why = xasprintf("this unit declares %s and %s%s (the %s); %s is the "
			 "one %s", have[0]->name, have[nhave - 1]->name,
			 nhave > 2 ? " and more" : "", rg_name_roles[role].label,
			 pick->name, ncalled == 1 ? "its code calls" :
			 "posted last (its code calls none or several)");
	return pick->name;
}

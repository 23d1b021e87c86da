// SPDX-License-Identifier: GPL-2.0
/*
 * The unit's own spelling of a renamed helper (rules/spellings.def).
 *
 * The rewrite tables name each helper once, by the design's spelling; a
 * tree carrying another posting of the series (v4's
 * set_page_count_frozen()) must be told its own name, or the fix-it
 * calls a function that does not exist there.  The unit's declarations
 * say which spellings the tree has: each spelling of the role is looked
 * up as a file-scope binding of the C front end, and the catalogue picks
 * (rg_unit_spelling_of(), the sparse engine's choice too).  This runs only when a
 * finding with a rewrite is made, at PLUGIN_PRE_GENERICIZE while the
 * file scope is still there, and costs a few identifier lookups.
 */
#include "refguard.h"

/* The unit's function declaration of NAME: is there one, is it used? */
static int declared(const char *name, int *used)
{
	tree id = maybe_get_identifier(name);
	tree decl = id ? identifier_global_value(id) : NULL_TREE;

	if (!decl || TREE_CODE(decl) != FUNCTION_DECL)
		return 0;
	/* TREE_USED: the code so far refers to it. */
	*used = TREE_USED(decl);
	return 1;
}

const char *rg_unit_spelling(const char *name, char **why)
{
	return rg_unit_spelling_of(name, declared, why);
}

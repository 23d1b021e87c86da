// SPDX-License-Identifier: GPL-2.0
/*
 * The unit's own spelling of a renamed helper (rules/spellings.def), for
 * the rewrites the sparse engine suggests: the catalogue's choice
 * (rg_unit_spelling_of(), the plugin's too) from the function
 * declarations sparse has seen.
 */
#include "internal.h"

/* The unit's function declarations named NAME: is there one, is it used? */
static int declared(const char *name, int *used)
{
	struct ident *id = built_in_ident(name);
	struct symbol *sym;
	int found = 0;

	*used = 0;
	for (sym = id->symbols; sym; sym = sym->next_id) {
		if (sym->namespace != NS_SYMBOL || !sym->ctype.base_type ||
		    sym->ctype.base_type->type != SYM_FN)
			continue;
		found = 1;
		*used |= sym->used;
	}
	return found;
}

const char *rg_sparse_unit_spelling(const char *name, char **why)
{
	return rg_unit_spelling_of(name, declared, why);
}

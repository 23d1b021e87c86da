// SPDX-License-Identifier: GPL-2.0
/*
 * The unit's own spelling of a renamed helper (rules/spellings.def), for
 * the rewrites the sparse engine suggests, picked as the plugin picks it
 * (plugin/spellings.c) from the function declarations sparse has seen.
 */
#include <stdlib.h>
#include <string.h>

#include "driver.h"
#include "internal.h"

/* The unit's function declarations named NAME: is there one, is it used? */
static bool declared(const char *name, bool *used)
{
	struct ident *id = built_in_ident(name);
	struct symbol *sym;
	bool found = false;

	*used = false;
	for (sym = id->symbols; sym; sym = sym->next_id) {
		if (sym->namespace != NS_SYMBOL || !sym->ctype.base_type ||
		    sym->ctype.base_type->type != SYM_FN)
			continue;
		found = true;
		*used |= sym->used;
	}
	return found;
}

#define MAX_SPELLINGS	8

/*
 * The unit's own spelling of the helper NAME (rules/spellings.def), as the
 * plugin picks it (plugin/spellings.c): the one spelling of its role the
 * unit declares, or of several the one its code calls, else the newest,
 * saying why in *why (malloc'd).  NAME when the unit declares none.
 */
const char *rg_sparse_unit_spelling(const char *name, char **why)
{
	const struct rg_spelling *sp[MAX_SPELLINGS], *own = NULL, *pick = NULL;
	const struct rg_spelling *have[MAX_SPELLINGS];
	unsigned int i, n, nhave = 0, ncalled = 0;
	int role = rg_spelling_role(name);
	bool used;

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
		if ((own && sp[i]->arity != own->arity) || !declared(sp[i]->name, &used))
			continue;
		have[nhave++] = sp[i];
		if (used) {
			ncalled++;
			pick = sp[i];
		}
	}
	if (!nhave)
		return name;
	if (nhave == 1)
		return have[0]->name;
	if (ncalled != 1)
		pick = have[nhave - 1];
	*why = rg_strdup_printf("this unit declares %s and %s%s (the %s); %s is the "
				"one %s", have[0]->name, have[nhave - 1]->name,
				nhave > 2 ? " and more" : "", rg_name_roles[role].label,
				pick->name, ncalled == 1 ? "its code calls" :
				"posted last (its code calls none or several)");
	return pick->name;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * The rules with code of their own (rules/checks.def), in the order their
 * hooks run: the walkers (syntactic.c, flow-transfer.c) and plugin_init
 * go through this list and name no rule.
 */
#include "refguard.h"

const struct rg_plugin_check *const rg_plugin_checks[] = {
#define CHECK(fn, file) &rg_plugin_check_##fn,
#include "checks.def"
#undef CHECK
	NULL
};

void rg_checks_register(const char *plugin_name)
{
	const struct rg_plugin_check *const *c;

	for (c = rg_plugin_checks; *c; c++)
		if ((*c)->init)
			(*c)->init(plugin_name);
}

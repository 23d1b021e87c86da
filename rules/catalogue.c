// SPDX-License-Identifier: GPL-2.0
/*
 * The .def files turned into tables.  Compiled into both the plugin
 * (as C++) and the driver (as C), so it stays in the common subset:
 * positional initializers, no designated ones.
 */
#include <string.h>
#include "catalogue.h"

const struct rg_rule_info rg_rules[RG_NR_RULES] = {
#define RULE(id, name, sev, msg, msg_fix, note, why) \
	{ name, sev, msg, msg_fix, note, why },
#include "rules.def"
#undef RULE
};

const struct rg_api rg_api_table[] = {
#define API(name, kind, obj, page_arg, value_arg, unfreeze_with) \
	{ #name, kind, obj, page_arg, value_arg, unfreeze_with },
#include "api.def"
#undef API
};
const unsigned int rg_api_count = sizeof(rg_api_table) / sizeof(rg_api_table[0]);

const struct rg_set_rewrite rg_set_rewrites[] = {
#define SET_REWRITE(setter, value, replacement) { #setter, value, #replacement },
#include "rewrite.def"
#undef SET_REWRITE
};
const unsigned int rg_set_rewrite_count =
	sizeof(rg_set_rewrites) / sizeof(rg_set_rewrites[0]);

const struct rg_direct rg_direct_table[] = {
#define DIRECT(op, page_helper, folio_helper, args) \
	{ op, page_helper, folio_helper, args },
#include "direct.def"
#undef DIRECT
};
const unsigned int rg_direct_count =
	sizeof(rg_direct_table) / sizeof(rg_direct_table[0]);

const char *const rg_helper_files[] = {
	"include/linux/page_ref.h",
	"include/linux/mm_types.h",
};
const unsigned int rg_helper_file_count =
	sizeof(rg_helper_files) / sizeof(rg_helper_files[0]);

const char *rg_api_kind_name(enum rg_api_kind kind)
{
	static const char *const names[] = {
		"set", "init", "set-frozen", "freeze", "unfreeze", "get",
		"put", "test-zero", "try-get", "read", "alloc-frozen",
		"consume-frozen", "convert",
	};

	if ((unsigned int)kind >= sizeof(names) / sizeof(names[0]))
		return "?";
	return names[kind];
}

const struct rg_api *rg_api_find(const char *name)
{
	unsigned int i;

	for (i = 0; i < rg_api_count; i++)
		if (!strcmp(rg_api_table[i].name, name))
			return &rg_api_table[i];
	return NULL;
}

int rg_rule_find(const char *name)
{
	int i;

	for (i = 0; i < RG_NR_RULES; i++)
		if (!strcmp(rg_rules[i].name, name))
			return i;
	return -1;
}

const char *rg_set_rewrite_find(const char *setter, long value)
{
	unsigned int i;

	for (i = 0; i < rg_set_rewrite_count; i++)
		if (rg_set_rewrites[i].value == value &&
		    !strcmp(rg_set_rewrites[i].setter, setter))
			return rg_set_rewrites[i].replacement;
	return NULL;
}

const struct rg_direct *rg_direct_find(const char *atomic_op)
{
	unsigned int i;

	for (i = 0; i < rg_direct_count; i++)
		if (!strcmp(rg_direct_table[i].atomic_op, atomic_op))
			return &rg_direct_table[i];
	return NULL;
}

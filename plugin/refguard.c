// SPDX-License-Identifier: GPL-2.0
/*
 * refguard: a GCC plugin that keeps kernel code honest about the page
 * reference-count API (rules and rationale: docs/rules.md).
 *
 * Options:
 * -fplugin-arg-refguard-error
 *	report findings as errors instead of warnings
 * -fplugin-arg-refguard-disable=<id>[,<id>...]
 *	turn rules off by id (raw-set-count, direct-refcount, frozen-arith,
 *	unfreeze-unfrozen)
 * -fplugin-arg-refguard-allow=<suffix>[,<suffix>...]
 *	exempt functions defined in files whose path ends with a suffix, in
 *	addition to include/linux/page_ref.h and include/linux/mm_types.h
 * -fplugin-arg-refguard-check-only
 *	stop compiling once refguard's passes have run: no optimization
 *	after them, no code generation, an empty assembly file (checkmode.c;
 *	used by 'refguard check', which keeps the kernel's -O2)
 *
 * Usage:
 * $ make                          # builds plugin/refguard.so
 * $ gcc -fplugin=plugin/refguard.so -fsyntax-only file.c   # syntactic rules
 * $ gcc -fplugin=plugin/refguard.so -O2 -S -o /dev/null file.c   # all rules
 * $ make KCFLAGS=-fplugin=$PWD/plugin/refguard.so mm/     # in a kernel tree
 * $ gcc -fplugin=plugin/refguard.so -fplugin-arg-refguard-check-only \
 *	-O2 -S -o /dev/null file.c                      # all rules, no codegen
 */
#include "refguard.h"
#include "plugin-version.h"

__visible int plugin_is_GPL_compatible;

static struct plugin_info refguard_info = {
	.version = "refguard 0.1",
	.help = "error\treport findings as errors\n"
		"disable=<id,...>\tturn rules off by id\n"
		"allow=<suffix,...>\texempt functions defined in matching files\n"
		"check-only\tstop once refguard's passes have run (no codegen)\n",
};

bool rg_findings_are_errors;
static bool rule_disabled[RG_NR_RULES];
static auto_vec<const char *> allowed_suffixes;

bool rg_rule_enabled(enum rg_rule rule)
{
	return !rule_disabled[rule];
}

static bool ends_with(const char *path, const char *suffix)
{
	size_t plen = strlen(path), slen = strlen(suffix);

	return plen >= slen && !strcmp(path + plen - slen, suffix);
}

bool rg_function_exempt(tree fndecl)
{
	const char *file = DECL_SOURCE_FILE(fndecl);
	unsigned int i;
	const char *suffix;

	if (!file)
		return false;
	for (i = 0; i < rg_helper_file_count; i++)
		if (ends_with(file, rg_helper_files[i]))
			return true;
	FOR_EACH_VEC_ELT(allowed_suffixes, i, suffix)
		if (ends_with(file, suffix))
			return true;
	return false;
}

/*
 * Split a comma-separated option value, calling FN on each non-empty
 * element; returns false (after an error) if FN rejects one.
 */
static bool for_each_item(const char *plugin_name, const char *key,
			  const char *value, bool (*fn)(const char *item))
{
	char *copy, *item, *save = NULL;
	bool ok = true;

	if (!value || !*value) {
		error("%<-fplugin-arg-%s-%s%> needs a value", plugin_name, key);
		return false;
	}
	copy = xstrdup(value);
	for (item = strtok_r(copy, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
		if (!fn(item)) {
			error("%<-fplugin-arg-%s-%s%>: unknown rule %qs (rules: "
			      "raw-set-count, direct-refcount, frozen-arith, "
			      "unfreeze-unfrozen)", plugin_name, key, item);
			ok = false;
		}
	}
	free(copy);
	return ok;
}

static bool disable_rule(const char *name)
{
	int rule = rg_rule_find(name);

	if (rule < 0)
		return false;
	rule_disabled[rule] = true;
	return true;
}

static bool allow_suffix(const char *suffix)
{
	allowed_suffixes.safe_push(xstrdup(suffix));
	return true;
}

__visible int plugin_init(struct plugin_name_args *plugin_info,
			  struct plugin_gcc_version *version)
{
	const char *const plugin_name = plugin_info->base_name;
	int i;

	if (!plugin_default_version_check(version, &gcc_version)) {
		error("refguard: this plugin was built for gcc %s, not for the "
		      "gcc %s loading it; rebuild it with that gcc ('make -C "
		      "<refguard> clean all CC=<gcc> CXX=<g++>')",
		      gcc_version.basever, version->basever);
		return 1;
	}

	for (i = 0; i < plugin_info->argc; i++) {
		const struct plugin_argument *arg = &plugin_info->argv[i];

		if (!strcmp(arg->key, "error")) {
			rg_findings_are_errors = true;
		} else if (!strcmp(arg->key, "disable")) {
			for_each_item(plugin_name, arg->key, arg->value, disable_rule);
		} else if (!strcmp(arg->key, "allow")) {
			for_each_item(plugin_name, arg->key, arg->value, allow_suffix);
		} else if (!strcmp(arg->key, "check-only")) {
			rg_check_only = true;
		} else {
			error("unknown option %<-fplugin-arg-%s-%s%>",
			      plugin_name, arg->key);
		}
	}

	register_callback(plugin_name, PLUGIN_INFO, NULL, &refguard_info);
	rg_syntactic_register(plugin_name);
	rg_flow_register(plugin_name);
	rg_checkmode_register(plugin_name);
	return 0;
}

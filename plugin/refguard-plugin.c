// SPDX-License-Identifier: GPL-2.0
/*
 * refguard: a GCC plugin that keeps kernel code honest about the page
 * reference-count API (rules and rationale: docs/rules.md).
 *
 * Options:
 * -fplugin-arg-refguard-error
 *	report findings as errors instead of warnings (report.c: they do
 *	not stop the compilation before the flow pass)
 * -fplugin-arg-refguard-disable=<id>[,<id>...]
 *	turn rules off by id (rules/rules.def; `refguard rules` lists them)
 * -fplugin-arg-refguard-allow=<suffix>[,<suffix>...]
 *	exempt functions defined in files whose path ends with a suffix, in
 *	addition to include/linux/page_ref.h and include/linux/mm_types.h
 * -fplugin-arg-refguard-check-only
 *	stop compiling once refguard's passes have run: no optimization
 *	after them, no code generation, an empty assembly file (checkmode.c;
 *	used by 'refguard check', which keeps the kernel's -O2)
 * -fplugin-arg-refguard-record=<file>
 *	write what was found and what was analysed to <file>, as JSON lines
 *	(record.c; the format is lib/plugin-record.h's)
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
	.version = RG_PLUGIN_VERSION,
	.help = "error\treport findings as errors\n"
		"disable=<id,...>\tturn rules off by id\n"
		"allow=<suffix,...>\texempt functions defined in matching files\n"
		"check-only\tstop once refguard's passes have run (no codegen)\n"
		"record=<file>\twrite findings and analysed functions as JSON lines\n",
};

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

		if (!strcmp(arg->key, "error"))
			rg_options.errors = true;
		else if (!strcmp(arg->key, "disable"))
			rg_options_disable(plugin_name, arg->key, arg->value);
		else if (!strcmp(arg->key, "allow"))
			rg_options_allow(plugin_name, arg->key, arg->value);
		else if (!strcmp(arg->key, "check-only"))
			rg_options.check_only = true;
		else if (!strcmp(arg->key, "record"))
			rg_options_record(plugin_name, arg->key, arg->value);
		else
			error("unknown option %<-fplugin-arg-%s-%s%>",
			      plugin_name, arg->key);
	}

	register_callback(plugin_name, PLUGIN_INFO, NULL, &refguard_info);
	rg_record_register(plugin_name);
	rg_spellings_register(plugin_name);
	rg_syntactic_register(plugin_name);
	rg_checks_register(plugin_name);
	rg_flow_register(plugin_name);
	rg_checkmode_register(plugin_name);
	return 0;
}

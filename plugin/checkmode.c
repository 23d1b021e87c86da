// SPDX-License-Identifier: GPL-2.0
/*
 * -fplugin-arg-refguard-check-only: stop the compilation as soon as
 * refguard's own passes have run, for `refguard check` (a make C=1 checker).
 *
 * Why not just -O0 or -fsyntax-only: kernel code does not compile at -O0
 * (always_inline functions, __compiletime_assert() and friends depend on
 * the optimizers), and -fsyntax-only never builds GIMPLE, so the flow pass
 * would not run.  So the checker keeps the kernel's own flags, -O2
 * included, and this file cuts the pipeline behind refguard's passes:
 *
 * 1. Every pass up to the last refguard pass in the pipeline runs (the
 *    lowering passes, and the small IPA passes that build SSA); every pass
 *    after it is gated off with PLUGIN_OVERRIDE_GATE: early optimizations,
 *    the regular and late IPA passes, and all of RTL.
 *
 * 2. Gating off expansion alone is not enough: cgraph_node::expand asserts
 *    that every function was written out.  So when the IPA passes end, the
 *    compilation unit is declared a slim LTO object (flag_lto set,
 *    flag_fat_lto_objects clear, nothing streamed because
 *    flag_generate_lto stays clear).  symbol_table::compile and
 *    compile_file then take GCC's own "nothing left to do" path for slim
 *    LTO objects: no expansion, no debug info, an empty assembly file.
 *
 * Diagnostics (including -Werror) are unaffected: they are all emitted
 * by the time the cut happens, and the exit status still reflects them.
 */
#include "refguard.h"
#include "pass_manager.h"
#include "cgraph.h"

/* Position of each small IPA pass in pipeline order, and the cut point. */
static hash_map<opt_pass *, int> *small_ipa_order;
static int last_needed;		/* passes at or before it run */
static bool seen_fnsummary;

static bool is_refguard_pass(const opt_pass *pass)
{
	return pass->name && !strncmp(pass->name, "refguard", 8);
}

/*
 * The regular IPA passes' summaries are generated whatever the gates say
 * (execute_ipa_summary_passes asks no plugin), and they need what the
 * early local passes provide: SSA form and the function summaries.  So
 * the passes up to the first local-fnsummary always run; the expensive
 * part (early inlining and the early optimizations) does not.  This is
 * the state -Og and -fno-early-inlining leave the IPA passes in.
 */
static bool is_needed_by_ipa(const opt_pass *pass)
{
	return pass->name && !strcmp(pass->name, "local-fnsummary");
}

/* Number PASS, its sub-passes and the passes after it, depth first. */
static void number_passes(opt_pass *pass, int *next)
{
	for (; pass; pass = pass->next) {
		int order = (*next)++;

		small_ipa_order->put(pass, order);
		if (is_refguard_pass(pass) && order > last_needed)
			last_needed = order;
		if (is_needed_by_ipa(pass) && !seen_fnsummary) {
			seen_fnsummary = true;
			if (order > last_needed)
				last_needed = order;
		}
		number_passes(pass->sub, next);
	}
}

/*
 * Done on the first gate query rather than in plugin_init: by then every
 * plugin has registered its passes, whatever the -fplugin order.
 */
static void compute_cut(void)
{
	int next = 0;

	small_ipa_order = new hash_map<opt_pass *, int>;
	last_needed = -1;
	number_passes(g->get_passes()->all_small_ipa_passes, &next);
}

static void check_only_gate(void *gcc_data, void *user_data)
{
	bool *gate_status = (bool *)gcc_data;
	int *order;

	if (!*gate_status || !current_pass)
		return;
	if (!small_ipa_order)
		compute_cut();
	if (symtab->state < IPA) {
		/* Lowering (and nested function lowering): always needed. */
		return;
	}
	order = small_ipa_order->get(current_pass);
	if (order && *order <= last_needed)
		return;
	*gate_status = false;
}

static void check_only_ipa_end(void *gcc_data, void *user_data)
{
	static char slim_lto[] = "refguard-check-only";

	if (seen_error())
		return;
	flag_lto = slim_lto;
	flag_fat_lto_objects = 0;
}

void rg_checkmode_register(const char *plugin_name)
{
	if (!rg_options.check_only)
		return;
	register_callback(plugin_name, PLUGIN_OVERRIDE_GATE, check_only_gate, NULL);
	register_callback(plugin_name, PLUGIN_ALL_IPA_PASSES_END,
			  check_only_ipa_end, NULL);
}

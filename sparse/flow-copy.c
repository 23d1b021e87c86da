// SPDX-License-Identifier: GPL-2.0
/*
 * With --sparse, one parse serves two readers that want different code:
 *
 * - sparse's own checks (context imbalance and friends) must see what
 *   plain sparse sees, or its warnings move: inlining an API helper adds
 *   the helper's branches (a tracepoint test) to the caller's control
 *   flow, and a context warning is reported at the start of the basic
 *   block it finds, which is then another one (hugetlb_wp() on 6.12: the
 *   same warning at another column).
 * - the flow rules want the API's calls as calls (engine.c).
 *
 * Only a function that itself spells a call to the API gets different
 * code from the two (the flow rules follow only such calls: an API call
 * inside an inlined helper is the helper's, analysed on its own), and
 * only one whose calls can begin a flow finding (a freeze, a raw store,
 * an unfreeze: rg_kind_starts_flow()) needs the calls kept.  For those,
 * a copy of the body is taken as parsed, before evaluation, the
 * way sparse copies an inline function's body to inline it (uninline()),
 * with arguments and locals of its own so that the two linearizations
 * share no pseudo.  The original is then expanded with the API inlined,
 * as plain sparse does, and the copy with the API kept as calls.
 */
#include "internal.h"

/*
 * The API's functions whose MOD_INLINE the engine took away, kept for the
 * process: a file's global scope outlives it (sparse checks several files
 * with one global scope), so the next file finds them without it.
 */
static struct symbol_list *api_inlines;

void rg_api_inline_taken(struct symbol *sym)
{
	if (sym->ctype.modifiers & MOD_INLINE) {
		sym->ctype.modifiers &= ~MOD_INLINE;
		add_symbol(&api_inlines, sym);
	}
}

/* Expand with the API inlined (plain sparse's code) or kept as calls. */
void rg_api_inlined(bool inlined)
{
	struct symbol *sym;

	FOR_EACH_PTR(api_inlines, sym) {
		if (inlined)
			sym->ctype.modifiers |= MOD_INLINE;
		else
			sym->ctype.modifiers &= ~MOD_INLINE;
	} END_FOR_EACH_PTR(sym);
}

/*
 * A copy of function SYM's parsed body, to be evaluated, expanded and
 * linearized on its own.  Call before SYM is evaluated: evaluation
 * rewrites the tree in place.  uninline() copies base->inline_stmt with
 * fresh locals (SYM's symbol_list, or inline_symbol_list for a body
 * parsed as inline: every symbol its body declared, labels included) and
 * maps the arguments listed on the copy's type to themselves; the copy's
 * type lists fresh arguments, to which the original ones are mapped here
 * for the copy's duration.  A nested function's copy shares the locals of
 * the function around it (uninline() warns of them as unreplaced: call it
 * with sparse's warnings held back).
 */
struct symbol *rg_flow_copy(struct symbol *sym)
{
	struct symbol *base = sym->ctype.base_type;
	struct symbol *copy, *copy_base, *arg;
	bool parsed_inline = !base->stmt;

	copy_base = alloc_symbol(base->pos, base->type);
	*copy_base = *base;
	copy_base->stmt = NULL;
	copy_base->inline_stmt = parsed_inline ? base->inline_stmt : base->stmt;
	copy_base->arguments = NULL;
	FOR_EACH_PTR(base->arguments, arg) {
		struct symbol *a = alloc_symbol(arg->pos, arg->type);

		*a = *arg;
		a->pseudo = NULL;
		arg->replace = a;
		add_symbol(&copy_base->arguments, a);
	} END_FOR_EACH_PTR(arg);

	copy = alloc_symbol(sym->pos, sym->type);
	*copy = *sym;
	copy->ctype.base_type = copy_base;
	copy->inline_symbol_list = parsed_inline ? sym->inline_symbol_list :
						   sym->symbol_list;
	copy->symbol_list = NULL;
	/* Its own definition, bound to no scope: evaluated as itself. */
	copy->definition = copy;
	copy->same_symbol = NULL;
	copy->ep = NULL;
	copy->pseudo = NULL;
	uninline(copy);

	FOR_EACH_PTR(base->arguments, arg) {
		arg->replace = NULL;
	} END_FOR_EACH_PTR(arg);
	return copy;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * The flow rules' findings on sparse's linearized code: where a call is
 * reported (a _Generic selection at its keyword), which of the calls
 * sharing a position it is, and the note at the freeze site.  Used by the
 * generic report of the lattice's check column (flow-state.c) and by the
 * rules' own flow_call hooks (rule-*.c).
 */
#include <string.h>

#include "rgflow.h"

static struct position site_pos(rg_site site)
{
	struct position pos;

	memset(&pos, 0, sizeof(pos));
	pos.stream = (site >> 41) - 1;
	pos.line = (site >> 10) & 0x7fffffff;
	pos.pos = site & 0x3ff;
	return pos;
}

/* The freezing function's name at SITE, or NULL (more sites than kept). */
const char *rg_flow_site_callee(const struct rg_flow *fl, rg_site site)
{
	unsigned int i;

	for (i = 0; i < fl->nsites; i++)
		if (fl->sites[i].site == site)
			return fl->sites[i].callee;
	return NULL;
}

/*
 * 1 + how many calls to INSN's callee at INSN's position come before it
 * in the function's code: the calls one macro argument spells share the
 * invocation's position, and are told apart by their order (report.c).
 */
int rg_flow_nth_call(struct rg_flow *fl, struct instruction *insn)
{
	struct basic_block *bb;
	struct instruction *i;
	int n = 1;

	FOR_EACH_PTR(fl->ep->bbs, bb) {
		FOR_EACH_PTR(bb->insns, i) {
			if (i == insn)
				return n;
			if (i->opcode == OP_CALL && i->bb && i->func == insn->func &&
			    i->pos.stream == insn->pos.stream && i->pos.line == insn->pos.line &&
			    i->pos.pos == insn->pos.pos)
				n++;
		} END_FOR_EACH_PTR(i);
	} END_FOR_EACH_PTR(bb);
	return 0;
}

/*
 * A call through _Generic(...) is reported at the _Generic keyword, as
 * GCC places it, and so is a freeze made through one; the rename fix-it
 * goes to the association selected, where it is spelled.
 */
void rg_flow_emit(struct rg_sparse_report *rep, const struct rg_api *api)
{
	struct position keyword, selected;

	if (rg_syntactic_generic(rep->pos, &keyword, &selected)) {
		/* sparse places _Generic(...) at its '(': the keyword is before it. */
		rep->pos = keyword;
		rep->callee_paren = true;
		rep->callee = "_Generic";
		if (rep->fix == RG_FIX_RENAME) {
			rep->fix = RG_FIX_RENAME_AT;
			rep->fix_pos = selected;
			rep->fix_name = api->name;
		}
	}
	if (rep->has_note && rg_syntactic_generic(rep->note_pos, &keyword, NULL)) {
		rep->note_pos = keyword;
		rep->note_paren = true;
		rep->note_callee = "_Generic";
	}
	rg_sparse_report(rep);
}

void rg_flow_report(struct rg_flow *fl, enum rg_rule rule, struct instruction *insn,
		    const struct rg_api *api, const char *rewrite,
		    const struct rg_side *view)
{
	struct rg_sparse_report rep = {
		.rule = rule, .pos = insn->pos, .callee_paren = true,
		.callee = api->name, .arg = api->name, .rewrite = rewrite,
		.function = fl->function, .nth_call = rg_flow_nth_call(fl, insn),
	};

	/* set_page_count(P, N) -> page_ref_unfreeze(P, N): only the name. */
	if (rewrite)
		rep.fix = RG_FIX_RENAME;
	if (view && view->site) {
		rep.has_note = true;
		rep.note_pos = site_pos(view->site);
		rep.note_paren = true;
		rep.note_callee = rg_flow_site_callee(fl, view->site);
	}
	rg_flow_emit(&rep, api);
}


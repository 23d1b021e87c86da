// SPDX-License-Identifier: GPL-2.0
/*
 * The syntactic walk on sparse's expression trees: it finds events and
 * calls the hooks of the rules listed in rules/checks.def (rule-list.c);
 * the rules are in their own files (rule-*.c).
 *
 * sparse's evaluation rewrites member accesses in place into pointer
 * arithmetic (p->_refcount becomes *(p + 52), &p->_refcount becomes
 * p + 52), so after it the field and the syntax around it are gone.  The
 * rules therefore look at each body twice:
 *
 * - before evaluation (rg_syntactic_scan()), on the trees as parsed, the
 *   walk's events, where a hook records candidates (walk-records.c):
 *   call		a call whose callee is a symbol
 *   generic_call	a call through _Generic(...) naming the API
 *   refcount_arg	&P->_refcount passed to a call
 *   refcount_value	any other use of P->_refcount; taking only its
 *			address (a wait key, a prefetch hint) is no event
 * - after evaluation (rg_syntactic_report()), each candidate goes to its
 *   rule's report hook, which now knows the type of the expression the
 *   field was taken from and the constant value of a count.
 *
 * So a function without a candidate costs one walk of its parsed tree.
 * The walk also records the API calls each function spells itself, for
 * the flow rules, and the calls through _Generic.
 */
#include "internal.h"
#include "frozen-state.h"

static struct ident *id_refcount;
static int found_flow_starts;	/* calls that can begin a flow finding */

/* The _refcount member access E is, as parsed, or NULL. */
static struct expression *refcount_deref(struct expression *e)
{
	e = rg_strip_parens(e);
	if (e && e->type == EXPR_DEREF && e->member == id_refcount)
		return e;
	return NULL;
}

/*
 * A call whose callee is _Generic(...): a call to the API if any
 * association names it (which one is selected is known after evaluation;
 * the flow rules see the selected function as the call's).  GCC gives the
 * call the _Generic keyword's location, and so do the findings.
 */
static void scan_generic_call(struct expression *call, struct expression *g)
{
	const struct rg_api *api;
	struct type_expression *map;
	bool any = false, starts = false;

	for (map = g->map; ; map = map->next) {
		api = rg_association_api(map ? map->expr : g->def);
		if (api) {
			any = true;
			starts |= rg_kind_starts_flow(api->kind);
		}
		if (!map)
			break;
	}
	if (!any)
		return;
	rg_records_api_call(call->pos);
	if (starts)
		found_flow_starts++;
	rg_records_generic_call(call, g);
	FOR_EACH_HOOK(c, generic_call)
		(*c)->generic_call(call, g);
}

static void scan_expr(struct expression *e);
static void scan_stmt(struct statement *s);

static void scan_list(struct expression_list *list)
{
	struct expression *e;

	FOR_EACH_PTR(list, e) {
		scan_expr(e);
	} END_FOR_EACH_PTR(e);
}

static void scan_call(struct expression *call)
{
	struct expression *fn = rg_callee_of(call), *arg, *ref;
	int i = 0;

	if (fn) {
		const struct rg_api *api = rg_sparse_api(fn->symbol_name);

		if (api)
			rg_records_api_call(call->pos);
		if (api && rg_kind_starts_flow(api->kind))
			found_flow_starts++;
		FOR_EACH_HOOK(c, call)
			(*c)->call(call, fn, api);
	} else {
		struct expression *g = rg_generic_of(call);

		if (g)
			scan_generic_call(call, g);
		scan_expr(call->fn);
	}

	FOR_EACH_PTR(call->args, arg) {
		struct expression *a = rg_strip_casts(arg);

		if (a && a->type == EXPR_PREOP && a->op == '&' &&
		    (ref = refcount_deref(a->unop))) {
			/* &P->_refcount: the hooks say if the callee makes it a value access. */
			FOR_EACH_HOOK(c, refcount_arg)
				(*c)->refcount_arg(call, fn, i, ref);
			scan_expr(ref->deref);
		} else {
			scan_expr(arg);
		}
		i++;
	} END_FOR_EACH_PTR(arg);
}

static void scan_expr(struct expression *e)
{
	struct expression *ref;
	struct type_expression *map;

	if (!e)
		return;
	switch (e->type) {
	case EXPR_CALL:
		scan_call(e);
		break;
	case EXPR_DEREF:
		if (e->member == id_refcount)
			FOR_EACH_HOOK(c, refcount_value)
				(*c)->refcount_value(e);
		scan_expr(e->deref);
		break;
	case EXPR_PREOP:
		/* &P->_refcount not passed to a call: only its address. */
		if (e->op == '&' && (ref = refcount_deref(e->unop))) {
			scan_expr(ref->deref);
			break;
		}
		scan_expr(e->unop);
		break;
	case EXPR_POSTOP:
		scan_expr(e->unop);
		break;
	case EXPR_BINOP:
	case EXPR_COMMA:
	case EXPR_COMPARE:
	case EXPR_LOGICAL:
	case EXPR_ASSIGNMENT:
		scan_expr(e->left);
		scan_expr(e->right);
		break;
	case EXPR_CAST:
	case EXPR_FORCE_CAST:
	case EXPR_IMPLIED_CAST:
		scan_expr(e->cast_expression);
		break;
	case EXPR_CONDITIONAL:
	case EXPR_SELECT:
		scan_expr(e->conditional);
		scan_expr(e->cond_true);
		scan_expr(e->cond_false);
		break;
	case EXPR_STATEMENT:
		scan_stmt(e->statement);
		break;
	case EXPR_INITIALIZER:
		scan_list(e->expr_list);
		break;
	case EXPR_IDENTIFIER:
		scan_expr(e->ident_expression);
		break;
	case EXPR_INDEX:
		scan_expr(e->idx_expression);
		break;
	case EXPR_POS:
		scan_expr(e->init_expr);
		break;
	case EXPR_SLICE:
		scan_expr(e->base);
		break;
	case EXPR_GENERIC:
		/* Every association: the selected one is not known yet. */
		scan_expr(e->def);
		for (map = e->map; map; map = map->next)
			scan_expr(map->expr);
		break;
	default:
		/* Leaves, and sizeof/typeof/offsetof: never evaluated. */
		break;
	}
}

/*
 * A GNU C nested function declared here is a function of its own: the
 * engine scans and analyses it as such (engine.c), wherever it is
 * defined, so its body is not the enclosing function's.
 */
static void scan_symbols(struct symbol_list *list)
{
	struct symbol *sym;

	FOR_EACH_PTR(list, sym) {
		scan_expr(sym->initializer);
	} END_FOR_EACH_PTR(sym);
}

static void scan_asm_operands(struct asm_operand_list *list)
{
	struct asm_operand *op;

	FOR_EACH_PTR(list, op) {
		scan_expr(op->expr);
	} END_FOR_EACH_PTR(op);
}

static void scan_stmt(struct statement *s)
{
	struct statement *child;

	if (!s)
		return;
	switch (s->type) {
	case STMT_DECLARATION:
		scan_symbols(s->declaration);
		break;
	case STMT_EXPRESSION:
	case STMT_CONTEXT:
		scan_expr(s->expression);
		break;
	case STMT_COMPOUND:
		if (s->args)
			scan_stmt(s->args);
		FOR_EACH_PTR(s->stmts, child) {
			scan_stmt(child);
		} END_FOR_EACH_PTR(child);
		break;
	case STMT_IF:
		scan_expr(s->if_conditional);
		scan_stmt(s->if_true);
		scan_stmt(s->if_false);
		break;
	case STMT_RETURN:
		scan_expr(s->ret_value);
		break;
	case STMT_CASE:
		scan_stmt(s->case_statement);
		break;
	case STMT_SWITCH:
		scan_expr(s->switch_expression);
		scan_stmt(s->switch_statement);
		break;
	case STMT_ITERATOR:
		scan_stmt(s->iterator_pre_statement);
		scan_expr(s->iterator_pre_condition);
		scan_stmt(s->iterator_statement);
		scan_stmt(s->iterator_post_statement);
		scan_expr(s->iterator_post_condition);
		break;
	case STMT_LABEL:
		scan_stmt(s->label_statement);
		break;
	case STMT_GOTO:
		scan_expr(s->goto_expression);
		break;
	case STMT_ASM:
		scan_asm_operands(s->asm_outputs);
		scan_asm_operands(s->asm_inputs);
		break;
	case STMT_RANGE:
		scan_expr(s->range_expression);
		break;
	default:
		break;
	}
}

/*
 * Walk a parsed (not yet evaluated) body.  With record, its candidates are
 * kept for rg_syntactic_report() and its API calls for the flow rules;
 * without, only counted (a cheap test whether an inline function needs
 * evaluating at all).  Returns RG_SCAN_* bits: what there is.
 */
unsigned int rg_syntactic_scan(struct symbol *fn, struct statement *body, bool record)
{
	if (!id_refcount)
		id_refcount = built_in_ident("_refcount");
	rg_records_start(fn, record);
	found_flow_starts = 0;
	scan_stmt(body);
	return (rg_records_found() ? RG_SCAN_SYNTACTIC : 0) |
	       (rg_records_found_api_calls() ? RG_SCAN_API_CALLS : 0) |
	       (found_flow_starts ? RG_SCAN_FLOW_STARTS : 0);
}

/* Every candidate recorded so far, now that the trees are evaluated. */
void rg_syntactic_report(void)
{
	rg_cands_report();
}

/* What the rules kept for the flow rules, which never reached it. */
void rg_syntactic_flush(void)
{
	FOR_EACH_HOOK(c, flush)
		(*c)->flush();
}

void rg_syntactic_reset(void)
{
	rg_records_reset();
	FOR_EACH_HOOK(c, reset)
		(*c)->reset();
}

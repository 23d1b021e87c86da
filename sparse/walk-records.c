// SPDX-License-Identifier: GPL-2.0
/*
 * What the syntactic walk (syntactic.c) records for a unit, and the tree
 * helpers the rules' files (rule-*.c) share with it:
 *
 * - candidates: what a rule's hook found in a parsed body, reported by
 *   the same rule's report hook once the body is evaluated;
 * - the API calls each function spells itself (the flow rules follow
 *   only those: rg_syntactic_api_call());
 * - calls through a _Generic selection naming the API
 *   (rg_syntactic_generic()).
 *
 * It calls no rule: the walk, which dispatches to them, is above it.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "scope.h"

static struct rg_cand *cands;
static int nr_cands, cap_cands;
static bool recording;
static int found, found_api_calls;
static struct symbol *scan_fn;

/*
 * The API calls spelled in each function's own body, by the position of
 * their '(': the flow rules follow these and no other.  A call that only
 * sparse's optimiser made direct (through a constant function pointer) or
 * that comes from a static inline's body inlined into the function is not
 * the function's own call to the API, as in the plugin, which sees the
 * function before any inlining.
 */
struct api_call {
	struct symbol *fn;
	struct position pos;
};

static struct api_call *api_calls;
static int nr_api_calls, cap_api_calls;

/*
 * Calls whose callee is a _Generic selection naming the API, by the
 * position of their '(': reported at the _Generic keyword, as the plugin
 * does (rg_syntactic_generic()).
 */
struct generic_call {
	struct position call_pos;
	struct position keyword;
	struct expression *selection;	/* the association, once evaluated */
};

static struct generic_call *generic_calls;
static int nr_generic_calls;

bool rg_same_pos(struct position a, struct position b)
{
	return a.stream == b.stream && a.line == b.line && a.pos == b.pos;
}

void rg_records_start(struct symbol *fn, bool record)
{
	recording = record;
	scan_fn = fn;
	found = 0;
	found_api_calls = 0;
}

int rg_records_found(void)
{
	return found;
}

int rg_records_found_api_calls(void)
{
	return found_api_calls;
}

void rg_cand_add(const struct rg_sparse_check *check, struct rg_cand *c)
{
	found++;
	if (!recording)
		return;
	c->fn = scan_fn;
	c->check = check;
	if (nr_cands == cap_cands) {
		struct rg_cand *n;

		cap_cands = cap_cands ? 2 * cap_cands : 16;
		n = realloc(cands, cap_cands * sizeof(*n));
		if (!n)
			return;
		cands = n;
	}
	cands[nr_cands++] = *c;
}

/*
 * 1 + how many candidates of C's function before C (in source order, as
 * the scan met them) are at C's position with its callee: the calls one
 * macro argument spells share the invocation's position (report.c).
 */
static int nth_call(int i)
{
	const struct rg_cand *c = &cands[i];
	int j, n = 1;

	for (j = 0; j < i; j++)
		if (cands[j].fn == c->fn && cands[j].callee == c->callee &&
		    rg_same_pos(cands[j].pos, c->pos))
			n++;
	return n;
}

void rg_cands_report(void)
{
	int i;

	for (i = 0; i < nr_cands; i++)
		cands[i].check->report(&cands[i], nth_call(i));
	nr_cands = 0;
}

void rg_records_api_call(struct position pos)
{
	found_api_calls++;
	if (!recording)
		return;
	if (nr_api_calls == cap_api_calls) {
		struct api_call *n;

		cap_api_calls = cap_api_calls ? 2 * cap_api_calls : 32;
		n = realloc(api_calls, cap_api_calls * sizeof(*n));
		if (!n)
			return;
		api_calls = n;
	}
	api_calls[nr_api_calls].fn = scan_fn;
	api_calls[nr_api_calls].pos = pos;
	nr_api_calls++;
}

bool rg_syntactic_api_call(struct symbol *fn, struct position pos)
{
	int i;

	for (i = nr_api_calls - 1; i >= 0; i--)
		if (api_calls[i].fn == fn && rg_same_pos(api_calls[i].pos, pos))
			return true;
	return false;
}

void rg_records_generic_call(struct expression *call, struct expression *g)
{
	struct generic_call *n;

	if (!recording)
		return;
	n = realloc(generic_calls, (nr_generic_calls + 1) * sizeof(*n));
	if (!n)
		return;
	generic_calls = n;
	n[nr_generic_calls].call_pos = call->pos;
	n[nr_generic_calls].keyword = g->pos;
	n[nr_generic_calls].selection = g;
	nr_generic_calls++;
}

bool rg_syntactic_generic(struct position call_pos, struct position *keyword,
			  struct position *selected)
{
	int i;

	for (i = 0; i < nr_generic_calls; i++)
		if (rg_same_pos(generic_calls[i].call_pos, call_pos)) {
			*keyword = generic_calls[i].keyword;
			if (selected)
				*selected = generic_calls[i].selection->pos;
			return true;
		}
	return false;
}

void rg_records_reset(void)
{
	free(cands);
	cands = NULL;
	nr_cands = cap_cands = 0;
	free(api_calls);
	api_calls = NULL;
	nr_api_calls = cap_api_calls = 0;
	free(generic_calls);
	generic_calls = NULL;
	nr_generic_calls = 0;
}

/* ------------------------------------------------------ tree helpers */

struct expression *rg_strip_parens(struct expression *e)
{
	while (e && e->type == EXPR_PREOP && e->op == '(')
		e = e->unop;
	return e;
}

struct expression *rg_strip_casts(struct expression *e)
{
	for (;;) {
		e = rg_strip_parens(e);
		if (!e || (e->type != EXPR_CAST && e->type != EXPR_FORCE_CAST &&
			   e->type != EXPR_IMPLIED_CAST))
			return e;
		e = e->cast_expression;
	}
}

/* The callee's symbol expression of a parsed call, or NULL. */
struct expression *rg_callee_of(struct expression *call)
{
	struct expression *fn = rg_strip_parens(call->fn);

	while (fn && fn->type == EXPR_PREOP && fn->op == '*')
		fn = rg_strip_parens(fn->unop);
	return fn && fn->type == EXPR_SYMBOL && fn->symbol_name ? fn : NULL;
}

/* The _Generic selection a parsed call's callee is, or NULL. */
struct expression *rg_generic_of(struct expression *call)
{
	struct expression *fn = rg_strip_parens(call->fn);

	while (fn && fn->type == EXPR_PREOP && fn->op == '*')
		fn = rg_strip_parens(fn->unop);
	return fn && fn->type == EXPR_GENERIC ? fn : NULL;
}

/* The catalogue entry a _Generic association names, or NULL. */
const struct rg_api *rg_association_api(struct expression *e)
{
	e = rg_strip_parens(e);
	while (e && e->type == EXPR_PREOP && (e->op == '*' || e->op == '&'))
		e = rg_strip_parens(e->unop);
	return e && e->type == EXPR_SYMBOL ? rg_sparse_api(e->symbol_name) : NULL;
}

/*
 * After evaluation: is E's type the kernel's struct page or struct folio?
 * A struct of that name declared inside a function is some other struct.
 */
bool rg_page_record(struct expression *e, enum rg_object *obj)
{
	static struct ident *id_page, *id_folio;
	struct symbol *t = e ? e->ctype : NULL;

	if (!id_page) {
		id_page = built_in_ident("page");
		id_folio = built_in_ident("folio");
	}
	while (t && t->type == SYM_NODE)
		t = t->ctype.base_type;
	if (!t || t->type != SYM_STRUCT || !t->ident)
		return false;
	if (t->scope && !toplevel(t->scope))
		return false;
	if (t->ident == id_page)
		*obj = RG_OBJ_PAGE;
	else if (t->ident == id_folio)
		*obj = RG_OBJ_FOLIO;
	else
		return false;
	return true;
}

/* The value of an integer constant expression, as GCC would fold it. */
bool rg_const_value(struct expression *e, long long *v)
{
	long long a, b;

	e = rg_strip_parens(e);
	if (!e)
		return false;
	switch (e->type) {
	case EXPR_VALUE:
		*v = (long long)e->value;
		return true;
	case EXPR_CAST:
	case EXPR_FORCE_CAST:
	case EXPR_IMPLIED_CAST:
		if (e->cast_type && is_ptr_type(e->cast_type))
			return false;
		return rg_const_value(e->cast_expression, v);
	case EXPR_PREOP:
		if (!rg_const_value(e->unop, &a))
			return false;
		switch (e->op) {
		case '+': *v = a; return true;
		case '-': *v = -a; return true;
		case '~': *v = ~a; return true;
		case '!': *v = !a; return true;
		}
		return false;
	case EXPR_BINOP:
		if (!rg_const_value(e->left, &a) || !rg_const_value(e->right, &b))
			return false;
		switch (e->op) {
		case '+': *v = a + b; return true;
		case '-': *v = a - b; return true;
		case '*': *v = a * b; return true;
		case '|': *v = a | b; return true;
		case '&': *v = a & b; return true;
		}
		return false;
	default:
		return false;
	}
}

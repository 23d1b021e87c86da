// SPDX-License-Identifier: GPL-2.0
/*
 * raw-set-count and direct-refcount on sparse's expression trees.
 *
 * sparse's evaluation rewrites member accesses in place into pointer
 * arithmetic (p->_refcount becomes *(p + 52), &p->_refcount becomes
 * p + 52), so after it the field and the syntax around it are gone.  The
 * rules therefore look at each body twice:
 *
 * - before evaluation (rg_syntactic_scan()), on the trees as parsed:
 *   which calls name a raw setter, which _refcount member accesses are
 *   there and in which syntactic place (operand of '&' passed to a call,
 *   other operand of '&', anything else);
 * - after evaluation (rg_syntactic_report()), only for what the scan
 *   recorded: the type of the expression the field was taken from (struct
 *   page, struct folio, or another struct with a _refcount), and the
 *   constant value of a setter's count.
 *
 * So a function without a candidate costs one walk of its parsed tree.
 * The places and rewrites are the plugin's (plugin/syntactic.c):
 *
 * raw-set-count	a call to an RG_SET function of rules/api.def with a
 *			constant count that rules/rewrite.def rewrites; other
 *			counts are the flow pass's (flow.c), which knows
 *			whether the page is frozen on every path
 * direct-refcount	&P->_refcount passed to an atomic_* (raw_, arch_)
 *			function, rewritten by rules/direct.def, or any use of
 *			the field that is not taking its address (.counter,
 *			assignment, copy); taking only the address (a wait key,
 *			a prefetch hint) is not a finding
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "frozen-state.h"
#include "scope.h"
#include "driver.h"

enum cand_kind { CAND_VALUE, CAND_ATOMIC_ARG, CAND_RAW_SET };

struct cand {
	enum cand_kind kind;
	struct position pos;		/* where it is reported */
	struct position call_pos;	/* raw set: the call's '(' */
	struct expression *base;	/* the struct the field is taken from */
	struct expression *value;	/* raw set, atomic_set: the count */
	const struct rg_api *api;	/* raw set */
	const struct rg_direct *direct;	/* atomic op, NULL if not in the table */
	struct symbol *fn;		/* the function it is in */
	int nargs;			/* the call's */
	int arg;			/* atomic op: where &P->_refcount is */
	const struct ident *callee;	/* the call's, or _refcount: where it is spelled */
	/*
	 * Raw set: the _Generic selection the callee is, or NULL.  Evaluation
	 * turns the node into a copy of the association it selects, so that
	 * (and api) is known only then.
	 */
	struct expression *generic;
	struct expression *call;
};

static struct cand *cands;
static int nr_cands, cap_cands;
static bool recording;
static int found;
static struct symbol *scan_fn;

/* Raw setter calls the syntactic side reported: the flow leaves them alone. */
static struct position *owned;
static int nr_owned, cap_owned;

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

static bool same_pos(struct position a, struct position b)
{
	return a.stream == b.stream && a.line == b.line && a.pos == b.pos;
}

/* Raw stores waiting for the flow rules (rg_syntactic_settle()). */
struct deferred {
	struct position call_pos;
	struct rg_sparse_report rep;
	int order[5];
	char *function;
	const struct rg_live_set *live;	/* a 0 that may drop a reference */
	const char *unfreeze;		/* a count that may be an unfreeze */
	const char *setter;		/* the raw setter called */
	bool settled;
};

static struct deferred *deferred;
static int nr_deferred;

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
static int found_api_calls;
static int found_flow_starts;	/* calls that can begin a flow finding */

static struct ident *id_refcount, *id_page, *id_folio;

static const char *const atomic_prefixes[] = {
	"atomic_", "raw_atomic_", "arch_atomic_",
};

static const char *const refcount_subject[] = {
	"page->_refcount", "folio->_refcount",
};

static void add_cand(struct cand *c)
{
	found++;
	if (!recording)
		return;
	c->fn = scan_fn;
	if (nr_cands == cap_cands) {
		struct cand *n;

		cap_cands = cap_cands ? 2 * cap_cands : 16;
		n = realloc(cands, cap_cands * sizeof(*n));
		if (!n)
			return;
		cands = n;
	}
	cands[nr_cands++] = *c;
}

void rg_syntactic_reset(void)
{
	free(cands);
	cands = NULL;
	nr_cands = cap_cands = 0;
	free(owned);
	owned = NULL;
	nr_owned = cap_owned = 0;
	free(api_calls);
	api_calls = NULL;
	nr_api_calls = cap_api_calls = 0;
	free(generic_calls);
	generic_calls = NULL;
	nr_generic_calls = 0;
	while (nr_deferred)
		free(deferred[--nr_deferred].function);
	free(deferred);
	deferred = NULL;
}

static void defer(const struct rg_sparse_report *rep, const int *order,
		  struct position call_pos, const struct rg_api *api,
		  const struct rg_live_set *live, const char *unfreeze)
{
	struct deferred *n = realloc(deferred, (nr_deferred + 1) * sizeof(*n));

	if (!n) {
		rg_sparse_report(rep);
		return;
	}
	deferred = n;
	n = &deferred[nr_deferred++];
	n->call_pos = call_pos;
	n->rep = *rep;
	memcpy(n->order, order, sizeof(n->order));
	n->function = strdup(rep->function ? rep->function : "");
	n->live = live;
	n->unfreeze = unfreeze;
	n->setter = api->name;
	n->settled = false;
}

/* BITS: the page's state at the call (frozen-state.h's RG_ALL_*), 0 unknown. */
static void report_deferred(struct deferred *d, unsigned char bits)
{
	struct position keyword;

	d->rep.fix_order = d->order;
	d->rep.function = d->function;
	d->settled = true;
	if ((bits & RG_ALL_LIVE) && d->live) {
		/* A drop: the suggestion and its reason, never a rewrite. */
		d->rep.rewrite = d->live->suggestion;
		d->rep.fix = RG_FIX_NONE;
		d->rep.has_note = true;
		d->rep.note_pos = d->rep.pos;
		d->rep.note_paren = d->rep.callee_paren;
		d->rep.note_callee = d->rep.callee;
		d->rep.note_message = d->live->reason;
	} else if ((bits & RG_ALL_FROZEN) && d->unfreeze) {
		/*
		 * An unfreeze, whatever the constant: setter(P, 1) ->
		 * page_ref_unfreeze(P, 1), only the callee renamed (in the
		 * association selected, through _Generic).
		 */
		d->rep.rewrite = d->unfreeze;
		d->rep.has_note = false;
		d->rep.fix = RG_FIX_RENAME;
		if (rg_syntactic_generic(d->call_pos, &keyword, &d->rep.fix_pos)) {
			d->rep.fix = RG_FIX_RENAME_AT;
			d->rep.fix_name = d->setter;
		}
	}
	rg_sparse_report(&d->rep);
}

bool rg_syntactic_settle(struct position call_pos, unsigned char bits)
{
	int i;

	for (i = 0; i < nr_deferred; i++)
		if (!deferred[i].settled && same_pos(deferred[i].call_pos, call_pos)) {
			report_deferred(&deferred[i], bits);
			return true;
		}
	return false;
}

void rg_syntactic_flush(void)
{
	int i;

	for (i = 0; i < nr_deferred; i++)
		if (!deferred[i].settled)
			report_deferred(&deferred[i], 0);
}

static void add_api_call(struct position pos)
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
		if (api_calls[i].fn == fn && api_calls[i].pos.line == pos.line &&
		    api_calls[i].pos.pos == pos.pos && api_calls[i].pos.stream == pos.stream)
			return true;
	return false;
}

bool rg_syntactic_owns_call(struct position call_pos)
{
	int i;

	for (i = 0; i < nr_owned; i++)
		if (same_pos(owned[i], call_pos))
			return true;
	return false;
}

static void own_call(struct position call_pos)
{
	if (nr_owned == cap_owned) {
		struct position *n;

		cap_owned = cap_owned ? 2 * cap_owned : 16;
		n = realloc(owned, cap_owned * sizeof(*n));
		if (!n)
			return;
		owned = n;
	}
	owned[nr_owned++] = call_pos;
}

static struct expression *strip_parens(struct expression *e)
{
	while (e && e->type == EXPR_PREOP && e->op == '(')
		e = e->unop;
	return e;
}

static struct expression *strip_casts(struct expression *e)
{
	for (;;) {
		e = strip_parens(e);
		if (!e || (e->type != EXPR_CAST && e->type != EXPR_FORCE_CAST &&
			   e->type != EXPR_IMPLIED_CAST))
			return e;
		e = e->cast_expression;
	}
}

/* The _refcount member access E is, as parsed, or NULL. */
static struct expression *refcount_deref(struct expression *e)
{
	e = strip_parens(e);
	if (e && e->type == EXPR_DEREF && e->member == id_refcount)
		return e;
	return NULL;
}

/* The callee's symbol expression of a parsed call, or NULL. */
static struct expression *callee_of(struct expression *call)
{
	struct expression *fn = strip_parens(call->fn);

	while (fn && fn->type == EXPR_PREOP && fn->op == '*')
		fn = strip_parens(fn->unop);
	return fn && fn->type == EXPR_SYMBOL && fn->symbol_name ? fn : NULL;
}

/* The _Generic selection a parsed call's callee is, or NULL. */
static struct expression *generic_of(struct expression *call)
{
	struct expression *fn = strip_parens(call->fn);

	while (fn && fn->type == EXPR_PREOP && fn->op == '*')
		fn = strip_parens(fn->unop);
	return fn && fn->type == EXPR_GENERIC ? fn : NULL;
}

/* The catalogue entry a _Generic association names, or NULL. */
static const struct rg_api *association_api(struct expression *e)
{
	e = strip_parens(e);
	while (e && e->type == EXPR_PREOP && (e->op == '*' || e->op == '&'))
		e = strip_parens(e->unop);
	return e && e->type == EXPR_SYMBOL ? rg_sparse_api(e->symbol_name) : NULL;
}

bool rg_syntactic_generic(struct position call_pos, struct position *keyword,
			  struct position *selected)
{
	int i;

	for (i = 0; i < nr_generic_calls; i++)
		if (same_pos(generic_calls[i].call_pos, call_pos)) {
			*keyword = generic_calls[i].keyword;
			if (selected)
				*selected = generic_calls[i].selection->pos;
			return true;
		}
	return false;
}

/*
 * A call whose callee is _Generic(...): a call to the API if any
 * association names it (which one is selected is known after evaluation;
 * the flow rules see the selected function as the call's), a raw setter
 * candidate if any association is one.  GCC gives the call the _Generic
 * keyword's location, and so do the findings.
 */
static void scan_generic_call(struct expression *call, struct expression *g)
{
	const struct rg_api *api, *set = NULL;
	struct type_expression *map;
	bool any = false, starts = false;
	struct generic_call *n;

	for (map = g->map; ; map = map->next) {
		api = association_api(map ? map->expr : g->def);
		if (api) {
			any = true;
			starts |= rg_kind_starts_flow(api->kind);
			if (api->kind == RG_SET)
				set = api;
		}
		if (!map)
			break;
	}
	if (!any)
		return;
	add_api_call(call->pos);
	if (starts)
		found_flow_starts++;
	if (recording) {
		n = realloc(generic_calls, (nr_generic_calls + 1) * sizeof(*n));
		if (n) {
			generic_calls = n;
			n[nr_generic_calls].call_pos = call->pos;
			n[nr_generic_calls].keyword = g->pos;
			n[nr_generic_calls].selection = g;
			nr_generic_calls++;
		}
	}
	if (set) {
		struct cand c = { .kind = CAND_RAW_SET, .pos = g->pos,
				  .call_pos = call->pos, .api = set,
				  .generic = g, .call = call,
				  .nargs = ptr_list_size((struct ptr_list *)call->args) };

		add_cand(&c);
	}
}

static bool ident_has_prefix(const struct ident *id, const char *prefix)
{
	size_t n = strlen(prefix);

	return id->len >= n && !strncmp(id->name, prefix, n);
}

static bool is_atomic_op(const struct ident *id, const struct rg_direct **d)
{
	char name[256];
	unsigned int i;

	snprintf(name, sizeof(name), "%.*s", id->len, id->name);
	*d = rg_direct_find(name);
	if (*d)
		return true;
	for (i = 0; i < sizeof(atomic_prefixes) / sizeof(atomic_prefixes[0]); i++)
		if (ident_has_prefix(id, atomic_prefixes[i]))
			return true;
	return false;
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
	struct expression *fn = callee_of(call), *arg, *ref;
	const struct rg_direct *d = NULL;
	int atomic = -1;	/* not known yet: most calls never need to know */
	int i = 0;

	if (fn) {
		const struct rg_api *api = rg_sparse_api(fn->symbol_name);

		if (api)
			add_api_call(call->pos);
		if (api && rg_kind_starts_flow(api->kind))
			found_flow_starts++;
		if (api && api->kind == RG_SET) {
			struct cand c = { .kind = CAND_RAW_SET, .pos = fn->pos,
					  .call_pos = call->pos, .api = api,
					  .callee = fn->symbol_name,
					  .nargs = ptr_list_size((struct ptr_list *)call->args) };

			c.value = api->value_arg >= 0 ?
				  ptr_list_nth(call->args, api->value_arg) : NULL;
			add_cand(&c);
		}
	} else {
		struct expression *g = generic_of(call);

		if (g)
			scan_generic_call(call, g);
		scan_expr(call->fn);
	}

	FOR_EACH_PTR(call->args, arg) {
		struct expression *a = strip_casts(arg);

		if (a && a->type == EXPR_PREOP && a->op == '&' &&
		    (ref = refcount_deref(a->unop))) {
			/* &P->_refcount: a value access only for an atomic op. */
			if (atomic < 0)
				atomic = fn && is_atomic_op(fn->symbol_name, &d);
			if (atomic) {
				struct cand c = { .kind = CAND_ATOMIC_ARG,
						  .pos = fn->pos, .base = ref->deref,
						  .direct = d, .callee = fn->symbol_name,
						  .nargs = ptr_list_size((struct ptr_list *)call->args),
						  .arg = i };

				if (d && !strcmp(d->atomic_op, "atomic_set"))
					c.value = ptr_list_nth(call->args, 1);
				add_cand(&c);
			}
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
		if (e->member == id_refcount) {
			struct cand c = { .kind = CAND_VALUE, .pos = e->pos,
					  .base = e->deref, .callee = id_refcount };

			add_cand(&c);
		}
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
	if (!id_refcount) {
		id_refcount = built_in_ident("_refcount");
		id_page = built_in_ident("page");
		id_folio = built_in_ident("folio");
	}
	recording = record;
	scan_fn = fn;
	found = 0;
	found_api_calls = 0;
	found_flow_starts = 0;
	scan_stmt(body);
	return (found ? RG_SCAN_SYNTACTIC : 0) | (found_api_calls ? RG_SCAN_API_CALLS : 0) |
	       (found_flow_starts ? RG_SCAN_FLOW_STARTS : 0);
}

/*
 * After evaluation: is E's type the kernel's struct page or struct folio?
 * A struct of that name declared inside a function is some other struct.
 */
static bool page_record(struct expression *e, enum rg_object *obj)
{
	struct symbol *t = e ? e->ctype : NULL;

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
static bool const_value(struct expression *e, long long *v)
{
	long long a, b;

	e = strip_parens(e);
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
		return const_value(e->cast_expression, v);
	case EXPR_PREOP:
		if (!const_value(e->unop, &a))
			return false;
		switch (e->op) {
		case '+': *v = a; return true;
		case '-': *v = -a; return true;
		case '~': *v = ~a; return true;
		case '!': *v = !a; return true;
		}
		return false;
	case EXPR_BINOP:
		if (!const_value(e->left, &a) || !const_value(e->right, &b))
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

static void report_raw_set(const struct cand *c, int nth)
{
	struct rg_sparse_report rep = { .rule = RG_RULE_RAW_SET_COUNT };
	const struct rg_live_set *live;
	const char *rewrite, *unfreeze;
	char *why;
	long long value;
	int order[5], i, n;

	if (c->generic) {
		/* The association evaluation selected: a raw setter, or not. */
		const struct rg_api *api = association_api(c->generic);
		struct cand *sel = (struct cand *)c;

		if (!api || api->kind != RG_SET || api->value_arg < 0 ||
		    api->value_arg >= c->nargs)
			return;
		sel->api = api;
		sel->value = ptr_list_nth(c->call->args, api->value_arg);
	}
	if (!c->value || !const_value(c->value, &value))
		return;
	rewrite = rg_set_rewrite_find(c->api->name, value);
	/* Any other count is the flow pass's: it knows if the page is frozen. */
	if (!rewrite)
		return;
	/* The helper as this tree spells it (v4: set_page_count_frozen). */
	rewrite = rg_sparse_unit_spelling(rewrite, &why);
	if (why) {
		rep.has_note = true;
		rep.note_pos = c->pos;
		rep.note_paren = c->generic != NULL;
		rep.note_callee = c->generic ? "_Generic" : c->api->name;
		rep.note_message = why;
	}
	own_call(c->call_pos);
	rep.pos = c->pos;
	/* sparse places _Generic(...) at its '(': the keyword is before it. */
	rep.callee_paren = c->generic != NULL;
	rep.callee = c->generic ? "_Generic" : c->api->name;
	rep.nth_call = nth;
	/* setter(P, N) -> rewrite(P): every argument but the count. */
	for (i = 0, n = 0; i < c->nargs && n < 4; i++)
		if (i != c->api->value_arg)
			order[n++] = i;
	order[n] = -1;
	/*
	 * A _Generic callee: the plugin rewrites no such call, nor does
	 * this; nor without a name (the tree's takes other arguments).
	 */
	rep.fix = c->generic || !rewrite ? RG_FIX_NONE : RG_FIX_CALL;
	rep.fix_nargs = c->nargs;
	rep.fix_refcount_arg = -1;
	rep.fix_order = order;
	rep.fix_value_arg = c->api->value_arg;
	rep.fix_value = value;
	rep.arg = c->api->name;
	rep.rewrite = rewrite;
	rep.function = rg_sparse_fn_name(c->fn);
	/*
	 * The page's state decides first, and only the flow rules know it: a
	 * 0 is a freeze or drops a held reference; any other count on a page
	 * frozen on every path is an unfreeze.
	 */
	live = rg_live_set_find(c->api->name, value);
	unfreeze = value && *c->api->unfreeze_with ? c->api->unfreeze_with : NULL;
	if (live || unfreeze) {
		defer(&rep, order, c->call_pos, c->api, live, unfreeze);
		return;		/* why lives on with the deferred finding */
	}
	rg_sparse_report(&rep);
	free(why);
}

/* Per enum rg_direct_args: the helper's arguments after P, where &P->_refcount is. */
static const int order_v[] = { -1 }, order_v_n[] = { 1, -1 },
		 order_n_v[] = { 0, -1 }, order_v_n_u[] = { 1, 2, -1 };
static const int *const direct_orders[] = {
	order_v, order_v_n, order_n_v, order_v_n_u,
};
static const int direct_refcount_pos[] = { 0, 0, 1, 0 };

/* The fix-it of an atomic op rewritten to HELPER, as the plugin's. */
static void direct_fix(struct rg_sparse_report *rep, const struct cand *c,
		       const char *helper)
{
	const struct rg_api *api = rg_api_find(helper);
	unsigned int args = c->direct->args;

	if (args >= sizeof(direct_orders) / sizeof(direct_orders[0]) ||
	    direct_refcount_pos[args] != c->arg)
		return;
	rep->fix = RG_FIX_CALL;
	rep->fix_nargs = c->nargs;
	rep->fix_refcount_arg = c->arg;
	rep->fix_order = direct_orders[args];
	rep->fix_value_arg = -1;
	/* atomic_set -> a raw setter's constant rewrite: the page alone. */
	if (api && api->kind == RG_SET) {
		long long value;

		if (!c->value || !const_value(c->value, &value))
			return;
		rep->fix_order = order_v;
		rep->fix_value_arg = api->value_arg;
		rep->fix_value = value;
	}
}

/*
 * The helper replacing atomic op D on OBJ's _refcount; for atomic_set,
 * mapped to a raw setter, the setter's constant-count rewrite.
 */
static const char *direct_helper(const struct cand *c, enum rg_object obj)
{
	const char *helper;
	const struct rg_api *api;
	long long value;

	if (!c->direct)
		return NULL;
	helper = obj == RG_OBJ_FOLIO ? c->direct->folio_helper : c->direct->page_helper;
	if (!*helper)
		return NULL;
	api = rg_api_find(helper);
	if (!api || api->kind != RG_SET)
		return helper;
	if (!c->value || !const_value(c->value, &value))
		return NULL;
	return rg_set_rewrite_find(helper, value);
}

/*
 * 1 + how many candidates of C's function before C (in source order, as
 * the scan met them) are at C's position with its callee: the calls one
 * macro argument spells share the invocation's position (report.c).
 */
static int nth_call(int i)
{
	const struct cand *c = &cands[i];
	int j, n = 1;

	for (j = 0; j < i; j++)
		if (cands[j].fn == c->fn && cands[j].callee == c->callee &&
		    same_pos(cands[j].pos, c->pos))
			n++;
	return n;
}

/* Every candidate recorded so far, now that the trees are evaluated. */
void rg_syntactic_report(void)
{
	char *why;
	int i;

	for (i = 0; i < nr_cands; i++) {
		const struct cand *c = &cands[i];
		struct rg_sparse_report rep = { .rule = RG_RULE_DIRECT_REFCOUNT };
		enum rg_object obj;

		if (c->kind == CAND_RAW_SET) {
			report_raw_set(c, nth_call(i));
			continue;
		}
		rep.nth_call = nth_call(i);
		if (!page_record(c->base, &obj))
			continue;
		rep.pos = c->pos;
		rep.callee = show_ident(c->callee);
		rep.arg = refcount_subject[obj];
		rep.rewrite = c->kind == CAND_ATOMIC_ARG ? direct_helper(c, obj) : NULL;
		rep.function = rg_sparse_fn_name(c->fn);
		why = NULL;
		if (rep.rewrite) {
			const char *helper = obj == RG_OBJ_FOLIO ? c->direct->folio_helper
								 : c->direct->page_helper;

			direct_fix(&rep, c, helper);
			rep.rewrite = rg_sparse_unit_spelling(rep.rewrite, &why);
			if (why) {
				rep.has_note = true;
				rep.note_pos = c->pos;
				rep.note_callee = rep.callee;
				rep.note_message = why;
			}
		}
		rg_sparse_report(&rep);
		free(why);
	}
	nr_cands = 0;
}

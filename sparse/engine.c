// SPDX-License-Identifier: GPL-2.0
/*
 * The sparse engine's driver: one translation unit, the way sparse's own
 * main() does it (sparse_initialize(), then per file parse, evaluate, and
 * per function expand, linearize, check_context()), with refguard's rules
 * hooked in between, so the cost is sparse's and, with --sparse, sparse's
 * own warnings come from the same parse.
 *
 * Two things differ from plain sparse, both for the flow rules:
 *
 * - Calls to the page refcount API (rules/api.def) stay calls.  sparse
 *   inlines every static inline at expansion, and after optimisation a
 *   branch on page_ref_freeze() tests the inner atomic_cmpxchg()
 *   comparison, not the call's result.  Clearing MOD_INLINE on the API's
 *   symbols before evaluation keeps them as OP_CALLs with their arguments
 *   and results, which is what the plugin sees in GIMPLE before inlining.
 *   With --sparse, sparse's checks need plain sparse's code, API inlined:
 *   a function whose own API calls can begin a flow finding (a freeze, a
 *   raw store, an unfreeze) is then linearized twice, as plain sparse
 *   does for its checks and, from a copy of its parsed body, with the API
 *   as calls for the flow rules (flow-copy.c).
 * - API functions defined outside the helper headers (put_page(),
 *   set_page_refcounted(), ...) are then analysed as functions of their
 *   own, as the plugin does, with sparse's warnings held back for them:
 *   plain sparse never linearizes them on their own.
 *
 * Static inline functions are never linearized by sparse unless their
 * address is taken, and their bodies are inlined into their callers.  The
 * plugin checks each of them as a function of its own, used or not: so
 * does the engine.  Each inline body is scanned as parsed; the few with a
 * candidate (a raw setter, a _refcount access, a call to the API) are
 * evaluated on a copy (sparse's uninline()) and, if they call the API,
 * linearized and analysed, with sparse's warnings held back.  In their
 * callers, the inlined copies are not the callers' own code: the flow
 * rules follow only the API calls a function spells itself.
 *
 * sparse calls exit() on fatal errors (a missing header): refguard is
 * linked with --wrap=exit, so such an exit comes back here as "could not
 * check", never as an exit status of its own.
 *
 * sparse also reports errors it goes on from, and on kernel code most are
 * findings of its own type checks (__rcu pointers compared with plain
 * ones), not code it failed to read.  refguard links with
 * --wrap=sparse_error,--wrap=expression_error to learn where each one is:
 * an error while parsing (the token stream itself may be cut short) leaves
 * the whole unit unchecked; one while a function is evaluated, expanded or
 * linearized leaves that function unchecked only if its parsed body names
 * the API or _refcount: a function that names neither cannot hold a
 * finding, whatever sparse made of its expressions.  "too long token
 * expansion" is no loss at all: sparse cut a stringified macro argument
 * (#x, a tracepoint's print format) at its MAX_STRING, the tokens are
 * intact.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "engine.h"
#include "scope.h"
#include "evaluate.h"
#include "expand.h"
#include "options.h"

/* sparse.c's check_context() and friends, built from its source (checks.c). */
void rg_sparse_check_context(struct entrypoint *ep);

/* ------------------------------------------------------------ exit() */

void __real_exit(int status) __attribute__((noreturn));
void __wrap_exit(int status) __attribute__((noreturn));

static jmp_buf exit_jmp;
static bool exit_armed;
static const char *current_file;	/* for a fatal error's account */

void __wrap_exit(int status)
{
	if (exit_armed) {
		exit_armed = false;
		longjmp(exit_jmp, 1);
	}
	__real_exit(status);
}

/* ------------------------------------------------------------ errors */

void __real_sparse_error(struct position pos, const char *fmt, ...);
void __real_expression_error(struct expression *expr, const char *fmt, ...);
void __wrap_sparse_error(struct position pos, const char *fmt, ...);
void __wrap_expression_error(struct expression *expr, const char *fmt, ...);

enum rg_phase { PHASE_PARSE, PHASE_EVALUATE, PHASE_CHECK };

static enum rg_phase phase;
static struct symbol *checking_fn;	/* PHASE_CHECK: the function */
static struct symbol_list *erring_fns;	/* a function-level error each */
static bool unit_error;			/* an error no function owns */
static bool quiet_now;			/* work plain sparse does not do */
static int nr_errors;			/* that came through the wrappers */
static struct symbol_list *with_candidates;	/* bodies naming the API */

static void note_error(void)
{
	struct symbol *fn = phase == PHASE_EVALUATE ? current_fn :
			    phase == PHASE_CHECK ? checking_fn : NULL;

	if (fn)
		add_symbol(&erring_fns, fn);
	else
		unit_error = true;
}

void __wrap_sparse_error(struct position pos, const char *fmt, ...)
{
	char buf[1024];
	va_list args;

	va_start(args, fmt);
	vsnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	nr_errors++;
	if (strcmp(fmt, "too long token expansion"))
		note_error();
	if (!quiet_now)
		__real_sparse_error(pos, "%s", buf);
}

void __wrap_expression_error(struct expression *expr, const char *fmt, ...)
{
	char buf[1024];
	va_list args;

	va_start(args, fmt);
	vsnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	nr_errors++;
	note_error();
	if (quiet_now)
		expr->ctype = &bad_ctype;	/* what the real one does, silently */
	else
		__real_expression_error(expr, "%s", buf);
}

/*
 * Warnings and their info lines: work plain sparse does not do (quiet)
 * must leave lib.c as plain sparse would have it.  A warning() past the
 * fmax_warnings limit also turns info() off until the next error, so
 * holding a warning back by the limit alone (quiet()) took the info
 * lines of plain sparse's next warning: sparse 0.6.5's "signed value
 * source" after a warning made at linearization, with a flow copy's
 * warnings held back before it.  refguard links with
 * --wrap=warning,--wrap=info: held-back ones never reach lib.c.
 */
void __real_warning(struct position pos, const char *fmt, ...);
void __real_info(struct position pos, const char *fmt, ...);
void __wrap_warning(struct position pos, const char *fmt, ...);
void __wrap_info(struct position pos, const char *fmt, ...);

void __wrap_warning(struct position pos, const char *fmt, ...)
{
	char buf[1024];
	va_list args;

	if (quiet_now)
		return;
	if ((!fmax_warnings || has_error) && !Wsparse_error) {
		/* Printed by no one: only its effect on info(). */
		__real_warning(pos, "%s", "");
		return;
	}
	va_start(args, fmt);
	vsnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	__real_warning(pos, "%s", buf);
}

void __wrap_info(struct position pos, const char *fmt, ...)
{
	char buf[1024];
	va_list args;

	if (quiet_now)
		return;
	va_start(args, fmt);
	vsnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	__real_info(pos, "%s", buf);
}

static bool in_list(struct symbol_list *list, struct symbol *sym)
{
	struct symbol *s;

	FOR_EACH_PTR(list, s) {
		if (s == sym)
			return true;
	} END_FOR_EACH_PTR(s);
	return false;
}

/* ------------------------------------------------------ one unit */

static unsigned int saved_max_warnings;

/*
 * Hold sparse's warnings and errors back: plain sparse would not print
 * these (errors are still noted, see note_error()).
 */
static void quiet(bool on)
{
	if (on == quiet_now)
		return;
	quiet_now = on;
	if (on) {
		saved_max_warnings = fmax_warnings;
		fmax_warnings = 0;
	} else {
		fmax_warnings = saved_max_warnings;
	}
}

static bool is_fn_symbol(struct symbol *sym)
{
	struct symbol *base = sym->ctype.base_type;

	return sym->type == SYM_NODE && base && base->type == SYM_FN;
}

struct prepared {
	struct symbol_list *own;	/* inline bodies analysed as functions */
	struct symbol_list *inlines;	/* inline bodies checked syntactically */
	struct symbol_list *copies;	/* the flow rules' copies, evaluated quietly */
	struct symbol_list *nested;	/* nested functions, their copy in aux */
};

/* --sparse: sparse's checks see plain sparse's code (flow-copy.c). */
static bool plain_code_for_checks;

/*
 * Before evaluation: keep the API out of inlining, pick the inline
 * bodies the syntactic rules must see, and scan every body as parsed.
 */
static void prepare_scope(struct scope *scope, struct prepared *p)
{
	struct symbol *sym;

	FOR_EACH_PTR(scope->symbols, sym) {
		struct symbol *base;
		const struct rg_api *api;
		unsigned int what;

		if (sym->namespace != NS_SYMBOL || !is_fn_symbol(sym))
			continue;
		base = sym->ctype.base_type;
		rg_sparse_learn_role(sym);
		api = rg_sparse_api(sym->ident);
		if (api)
			rg_api_inline_taken(sym);
		/* A definition parsed as inline: its body is inline_stmt only. */
		if (sym->definition != sym || base->stmt || !base->inline_stmt ||
		    rg_sparse_exempt_pos(sym->pos))
			continue;
		what = api ? RG_SCAN_API_CALLS :
		       rg_syntactic_scan(sym, base->inline_stmt, false);
		/* No call to the API: the flow rules have nothing to follow. */
		if (!(what & RG_SCAN_API_CALLS))
			rg_defs_account(sym);
		if (!what)
			continue;
		uninline(sym);
		what |= rg_syntactic_scan(sym, base->stmt, true);
		add_symbol(&with_candidates, sym);
		/* Calls to the API: analysed as a function of its own, too. */
		add_symbol(what & RG_SCAN_API_CALLS ? &p->own : &p->inlines, sym);
		/*
		 * With --sparse, an inline whose address is taken joins the
		 * unit's list during evaluation (access_symbol()) and is
		 * linearized there as plain sparse does, API inlined: the
		 * flow rules then need a copy, as scan_definitions() makes.
		 */
		if ((what & RG_SCAN_FLOW_STARTS) && plain_code_for_checks &&
		    (sym->ctype.modifiers & MOD_INLINE)) {
			sym->aux = rg_flow_copy(sym);
			add_symbol(&p->copies, sym->aux);
		}
	} END_FOR_EACH_PTR(sym);
}

/*
 * GNU C nested functions, wherever the parse met them (in a block, a
 * statement expression, a typeof): functions of their own, as GCC and
 * the plugin see them, which sparse never linearizes.  The enclosing
 * function's scan leaves their bodies alone (syntactic.c).  Each one with
 * a candidate is analysed from a copy of its parsed body, taken before
 * evaluation like the flow rules' copies (flow-copy.c): sparse evaluates
 * and expands the original as part of the enclosing function, as plain
 * sparse does (with --sparse, the API inlined), and that is left as it
 * is.  The copy is scanned, evaluated quietly and linearized with the
 * API kept as calls (check_nested()).
 */
static void prepare_nested(struct prepared *p)
{
	struct symbol *sym, *copy;
	struct statement *body;

	/*
	 * The testsuite takes this road away to see account_definitions()
	 * catch what it leaves: never silence, an unchecked function.
	 */
	if (getenv("REFGUARD_TEST_SKIP_NESTED"))
		return;
	quiet(true);
	FOR_EACH_PTR(rg_defs_parsed(), sym) {
		struct symbol *base = sym->ctype.base_type;

		if (toplevel(sym->scope) || rg_sparse_exempt_pos(sym->pos))
			continue;
		body = base->stmt ? base->stmt : base->inline_stmt;
		if (!rg_syntactic_scan(sym, body, false)) {
			rg_defs_account(sym);
			continue;
		}
		copy = rg_flow_copy(sym);
		rg_syntactic_scan(sym, copy->ctype.base_type->stmt, true);
		add_symbol(&with_candidates, sym);
		sym->aux = copy;
		add_symbol(&p->nested, sym);
		add_symbol(&p->copies, copy);
	} END_FOR_EACH_PTR(sym);
	quiet(false);
}

/*
 * Scan the file's own definitions; with --sparse, copy (before evaluation)
 * those whose API calls can begin a flow finding, for the flow rules (the
 * others cannot have one: their own code is plain sparse's).  sym->aux
 * holds the copy: sparse's library leaves aux to its users.
 */
static void scan_definitions(struct symbol_list *list, struct prepared *p)
{
	struct symbol *sym;
	unsigned int what;

	quiet(true);
	FOR_EACH_PTR(list, sym) {
		if (!is_fn_symbol(sym) || !sym->ctype.base_type->stmt ||
		    rg_sparse_exempt_pos(sym->pos))
			continue;
		what = rg_syntactic_scan(sym, sym->ctype.base_type->stmt, true);
		if (what)
			add_symbol(&with_candidates, sym);
		if ((what & RG_SCAN_FLOW_STARTS) && plain_code_for_checks) {
			sym->aux = rg_flow_copy(sym);
			add_symbol(&p->copies, sym->aux);
		}
	} END_FOR_EACH_PTR(sym);
	quiet(false);
}

/* A function's file in the records: the one it is reported in (linemap.c). */
static const char *file_name(struct position pos)
{
	unsigned int line;
	const char *name = rg_sparse_pos_file(pos, &line);

	return !strncmp(name, "./", 2) ? name + 2 : name;
}

/* The flow rules' code for SYM: its copy's, linearized quietly. */
static struct entrypoint *linearize_flow_copy(struct symbol *sym,
					      struct symbol *copy)
{
	bool was_quiet = quiet_now;
	struct entrypoint *ep;

	quiet(true);
	expand_symbol(copy);
	ep = linearize_symbol(copy);
	quiet(was_quiet);
	/* Findings and the syntactic records name the original. */
	if (ep)
		ep->name = sym;
	return ep;
}

/*
 * sym went through both passes: the syntactic scan of every body of the
 * unit (rg_syntactic_report(), headers' included) and the flow rules.
 */
static void record_checked(struct symbol *sym)
{
	static const enum rg_pass passes[] = {
		RG_PASS_SPARSE_SYNTACTIC, RG_PASS_SPARSE_FLOW,
	};
	unsigned int i;

	for (i = 0; i < sizeof(passes) / sizeof(passes[0]); i++)
		rg_results_checked_by(rg_unit->results, file_name(sym->pos),
				      rg_sparse_fn_name(sym), passes[i],
				      rg_pass_rules(passes[i]));
	rg_defs_account(sym);
}

static void record_unchecked(struct symbol *sym, const char *reason)
{
	rg_results_unchecked(rg_unit->results, file_name(sym->pos),
			     rg_sparse_fn_name(sym), reason, RG_ENGINE_SPARSE);
	rg_defs_account(sym);
}

/* expand, linearize, sparse's checks, refguard's flow rules. */
static void check_function(struct symbol *sym, bool sparse_checks)
{
	struct symbol *copy = sym->aux;
	bool api_inlined = sparse_checks && plain_code_for_checks;
	struct entrypoint *ep;

	sym->aux = NULL;
	/* An inline whose address is taken: sparse linearized it already. */
	if (sym->ep)
		return;
	phase = PHASE_CHECK;
	checking_fn = sym;
	rg_api_inlined(api_inlined);
	expand_symbol(sym);
	ep = linearize_symbol(sym);
	rg_api_inlined(false);
	if (ep && ep->entry && sparse_checks)
		rg_sparse_check_context(ep);
	/* Not a definition (a static prototype is in the list too), or exempt. */
	if (!is_fn_symbol(sym) || !sym->ctype.base_type->stmt ||
	    rg_sparse_exempt_pos(sym->pos))
		return;
	/* The API was inlined for sparse's checks: the copy keeps the calls. */
	if (ep && ep->entry && copy && api_inlined)
		ep = linearize_flow_copy(sym, copy);
	if (ep && ep->entry)
		rg_flow_function(ep);
	if ((in_list(erring_fns, sym) || (copy && in_list(erring_fns, copy)) ||
	     !ep || !ep->entry) && in_list(with_candidates, sym))
		record_unchecked(sym, ep && ep->entry ? "sparse reported an error in it" :
				      "sparse could not linearize it");
	else
		record_checked(sym);
}

/* A nested function (prepare_nested()): its copy, with the API as calls. */
static void check_nested(struct symbol *sym)
{
	struct symbol *copy = sym->aux;
	struct entrypoint *ep;

	sym->aux = NULL;
	phase = PHASE_CHECK;
	checking_fn = copy;
	ep = linearize_flow_copy(sym, copy);
	if (ep && ep->entry)
		rg_flow_function(ep);
	if (!ep || !ep->entry)
		record_unchecked(sym, "sparse could not linearize it");
	else if (in_list(erring_fns, sym) || in_list(erring_fns, copy))
		record_unchecked(sym, "sparse reported an error in it");
	else
		record_checked(sym);
}

/*
 * Every definition the parse made (defs.c) that no road of the engine
 * reached and no scan screened: unchecked, never silently skipped.
 */
static void account_definitions(void)
{
	struct symbol *sym;

	FOR_EACH_PTR(rg_defs_parsed(), sym) {
		if (rg_defs_accounted(sym) || rg_sparse_exempt_pos(sym->pos))
			continue;
		record_unchecked(sym, "the sparse engine did not analyse its body");
	} END_FOR_EACH_PTR(sym);
}

static void check_list(struct symbol_list *list, bool sparse_checks)
{
	struct symbol *sym;

	FOR_EACH_PTR(list, sym) {
		check_function(sym, sparse_checks);
	} END_FOR_EACH_PTR(sym);
}

static void check_file(char *file)
{
	struct prepared p = { NULL, NULL, NULL, NULL };
	struct symbol_list *list;
	struct symbol *sym;

	phase = PHASE_PARSE;
	/* Keep the tokens: macro bodies tell where a call is spelled (report.c). */
	rg_defs_collect(true);
	list = sparse_keep_tokens(file);
	rg_defs_collect(false);
	if (has_error & ERROR_CURR_PHASE)
		has_error = ERROR_PREV_PHASE;

	prepare_scope(file_scope, &p);
	prepare_scope(global_scope, &p);
	scan_definitions(list, &p);
	prepare_nested(&p);

	/* What sparse() itself does after parsing, then refguard's extras. */
	phase = PHASE_EVALUATE;
	evaluate_symbol_list(list);
	quiet(true);
	evaluate_symbol_list(p.own);
	evaluate_symbol_list(p.inlines);
	evaluate_symbol_list(p.copies);
	quiet(false);
	rg_syntactic_report();

	check_list(list, true);
	quiet(true);
	check_list(p.own, false);
	FOR_EACH_PTR(p.nested, sym) {
		check_nested(sym);
	} END_FOR_EACH_PTR(sym);
	quiet(false);
	/* Raw stores the flow rules never reached: as the trees said. */
	rg_syntactic_flush();
	account_definitions();
	free_ptr_list(&p.own);
	free_ptr_list(&p.inlines);
	free_ptr_list(&p.copies);
	free_ptr_list(&p.nested);
}

int rg_sparse_check(int argc, char **argv, const struct rg_sparse_opts *opts,
		    struct rg_results *r)
{
	struct string_list *files = NULL;
	struct rg_unit unit = { r, opts->tree, 0 };
	struct symbol_list *builtins;
	char *file;
	volatile int ret = 0;

	rg_unit = &unit;
	plain_code_for_checks = opts->sparse_warnings;
	exit_armed = true;
	if (setjmp(exit_jmp)) {
		rg_results_unchecked(r, current_file ? current_file : argv[argc - 1], "",
				     "sparse stopped on a fatal error (above)",
				     RG_ENGINE_SPARSE);
		return -1;
	}
	builtins = sparse_initialize(argc, argv, &files);
	if (!opts->sparse_warnings) {
		/* Only refguard's findings; errors still print (and count). */
		fmax_warnings = 0;
		Wsparse_error = 0;
	}
	rg_sparse_index_api();
	check_list(builtins, true);
	FOR_EACH_PTR(files, file) {
		current_file = file;
		check_file(file);
		/*
		 * die_if_error without an error seen here: one sparse made
		 * inside lib.c (-Wsparse-error), owned by no function.
		 */
		if (unit_error || (die_if_error && !nr_errors)) {
			rg_results_unchecked(r, file, "",
					     "sparse reported errors (above)", RG_ENGINE_SPARSE);
			ret = -1;
		} else {
			/*
			 * Every body was scanned for the syntactic rules; the
			 * flow rules went only over the functions linearized
			 * (their own entries): not over unused static inlines.
			 */
			rg_results_checked_by(r, file, "", RG_PASS_SPARSE_SYNTACTIC,
					      rg_pass_rules(RG_PASS_SPARSE_SYNTACTIC));
		}
		rg_report_reset();
		rg_syntactic_reset();
		rg_defs_reset();
		free_ptr_list(&erring_fns);
		free_ptr_list(&with_candidates);
		unit_error = false;
		nr_errors = 0;
	} END_FOR_EACH_PTR(file);
	exit_armed = false;
	if (!files) {
		rg_results_unchecked(r, argv[argc - 1], "", "no file to check", RG_ENGINE_SPARSE);
		ret = -1;
	}
	/* Each function the flow pass saw must have the syntactic rules too. */
	if (rg_results_require(r, RG_ENGINE_SPARSE))
		ret = -1;
	return ret;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * The tree's own debug assertions on the frozen state.
 *
 * v2's patch 1 puts VM_BUG_ON(__page_count_is_frozen(page_count(page)))
 * at the top of every modifier, so that a reference operation on a frozen
 * page stops a CONFIG_DEBUG_VM kernel.  With patch 2 and the syzbot fix,
 * page_count() reads 0 for a frozen page: the predicate sees 0, never the
 * bit, and the assertion can never fire.  It reads as a check and checks
 * nothing (v4's changelog: "Fix asserts that were never firing").
 *
 * So: every modifier the tree defines (the catalogue's get, put and
 * test-to-zero helpers, rules/api.def) is called on a frozen page while
 * the mmdebug shim traces every VM_BUG_ON/VM_WARN it evaluates.  A helper
 * that evaluated assertions and fired none is reported, with each of
 * them; a helper without assertions is not penalised (keeping callers off
 * frozen pages is then the frozen-arith rule's job, at compile time).
 * Two frozen states are tried: just frozen, and frozen with failed
 * speculative gets piled up on the counter (the frozen-bit design's
 * FROZEN+n): an assertion that compares with the exact frozen value
 * misses the second.
 */
#include <setjmp.h>
#include <string.h>

#include "rg.h"

#define MAX_EVALS	16

static struct page page;
static jmp_buf call_env;
static struct rg_progress *slot;

/* The assertions evaluated by the call in progress. */
static struct eval {
	const char *kind, *file, *cond;
	int line;
	bool fired;
} evals[MAX_EVALS];
static int nr_evals;
static long steps;

/* Only the tree's assertions count: the harness's wrappers have their own. */
void rg_vm_check(const char *kind, const char *file, int line, const char *cond,
		 bool fired)
{
	if (strcmp(file, RG_PAGE_REF_H) || nr_evals == MAX_EVALS)
		return;
	evals[nr_evals++] = (struct eval){ kind, file, cond, line, fired };
}

static void asserts_vm_bug(const char *what)
{
	longjmp(call_env, 1);
}

/* A modifier livelocked on a frozen page is a failure of its own. */
static void count_step(const atomic_t *v, const char *op)
{
	if (++steps > RG_MAX_SEQ_STEPS)
		longjmp(call_env, 2);
}

static void no_after(const atomic_t *v, const char *op, int old, int new)
{
}

static const struct rg_atomic_hooks count_hooks = {
	.before = count_step,
	.after = no_after,
};

static const char *const states[] = {
	"just frozen", "frozen, after 3 failed speculative gets",
};

static bool make_frozen(int state)
{
	int i;

	memset(&page, 0, sizeof(page));
	set_page_count(&page, 1);
	if (!page_ref_freeze(&page, 1))
		return false;
	for (i = 0; state && i < 3; i++)
		if (rg_try_get(&page))
			return false;
	return true;
}

enum outcome {
	FIRES,		/* an assertion fired */
	SILENT,		/* assertions evaluated, none fired */
	NONE,		/* no assertion evaluated */
	BROKEN,		/* livelocked, or no frozen page to call it on */
};

static enum outcome call_frozen(const char *name, void (*call)(struct page *page), int state)
{
	enum outcome outcome;

	if (!make_frozen(state)) {
		fprintf(stderr, "asserts: could not make a frozen page (%s): see the spec\n",
			states[state]);
		return BROKEN;
	}
	nr_evals = 0;
	steps = 0;
	rg_doing(slot, name, NULL, 0);
	switch (setjmp(call_env)) {
	case 0:
		rg_vm_trace = true;
		rg_atomic_hooks = &count_hooks;
		call(&page);
		outcome = nr_evals ? SILENT : NONE;
		break;
	case 1:
		outcome = FIRES;
		break;
	default:
		fprintf(stderr, "asserts: STUCK: %s() on a frozen page (%s): no end after %ld atomic accesses\n",
			name, states[state], RG_MAX_SEQ_STEPS);
		outcome = BROKEN;
	}
	rg_atomic_hooks = NULL;
	rg_vm_trace = false;
	rg_progress(slot);
	return outcome;
}

static void report(const char *name, int state)
{
	int i;

	for (i = 0; i < nr_evals; i++)
		fprintf(stderr, "asserts: %s(): %s(%s) at %s:%d does not fire on a frozen page (%s)\n",
			name, evals[i].kind, evals[i].cond, evals[i].file, evals[i].line,
			states[state]);
}

/* One wrapper per modifier the tree defines: X(name, object, arity). */
#define WRAP(fn, obj, arity)						\
static void call_##fn(struct page *p)					\
{									\
	(void)RG_CALL(fn, obj, arity, p, 1);				\
}
RG_MODIFIERS(WRAP)
#undef WRAP

static const struct modifier {
	const char *name;
	void (*call)(struct page *page);
} modifiers[] = {
#define ENTRY(fn, obj, arity) { #fn, call_##fn },
	RG_MODIFIERS(ENTRY)
#undef ENTRY
	{ NULL, NULL }
};

/*
 * A modifier's verdict over both frozen states: silent (reported) if its
 * assertions stay quiet in either, without assertions if none is ever
 * evaluated.
 */
static enum outcome check_modifier(const struct modifier *m)
{
	enum outcome outcome = NONE, o;
	int state;

	for (state = 0; state < 2; state++) {
		o = call_frozen(m->name, m->call, state);
		if (o == SILENT)
			report(m->name, state);
		if (o == SILENT || o == BROKEN)
			return o;
		if (o == FIRES)
			outcome = FIRES;
	}
	return outcome;
}

int rg_asserts_run(const struct rg_opts *opts)
{
	int i, n[BROKEN + 1] = { 0 };

	slot = rg_watch_slot("the assertion check");
	rg_set_vm_bug_handler(asserts_vm_bug);
	for (i = 0; modifiers[i].name; i++) {
		enum outcome o = check_modifier(&modifiers[i]);

		n[o]++;
		if (opts->verbose && o == FIRES)
			printf("asserts: %s(): an assertion fires on a frozen page\n",
			       modifiers[i].name);
		if (opts->verbose && o == NONE)
			printf("asserts: %s(): no debug assertion: not checked\n",
			       modifiers[i].name);
	}
	rg_set_vm_bug_handler(NULL);
	printf("asserts: %d modifiers called on frozen pages: %d with assertions, %d of them silent; %d without\n",
	       i, n[FIRES] + n[SILENT] + n[BROKEN], n[SILENT], n[NONE]);
	return n[SILENT] || n[BROKEN] ? RG_EXIT_FAILED : RG_EXIT_PASS;
}

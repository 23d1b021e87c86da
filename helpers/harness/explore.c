// SPDX-License-Identifier: GPL-2.0
/*
 * Systematic interleaving explorer (stateless model checking).
 *
 * Each scenario thread is a ucontext coroutine.  The atomic shim calls
 * rg_atomic_hooks->before() ahead of every access to an atomic_t: that is
 * the only place a thread gives the CPU back, so one step of an execution
 * is one atomic access plus the thread-local code after it, and every
 * interleaving of the helpers' atomic operations is reachable.  Memory is
 * sequentially consistent here: weaker orderings are ThreadSanitizer's
 * job in the stress check.
 *
 * The search is a depth-first walk of the schedule tree, re-executing
 * each scenario from scratch along a recorded prefix of choices.  The
 * default choice keeps the current thread running; choosing another
 * thread while the current one could go on is a preemption, and a bound
 * on preemptions (per scenario, or --bound) keeps the walk small: most
 * concurrency bugs need two or three (Musuvathi & Qadeer, CHESS, PLDI'07).
 * With no bound the walk is exhaustive.
 *
 * A violation (a scenario invariant, a VM_BUG_ON/VM_WARN in the helpers,
 * a livelock) ends the scenario with the whole interleaving printed step
 * by step: thread, operation, counter value before and after.
 *
 * Bounds: an execution longer than MAX_STEPS atomic accesses is a
 * livelock (a failure, with its interleaving); a scenario needing more
 * than MAX_EXECUTIONS executions is not explored to the end (unfinished,
 * not failed; a lower --bound explores less).  A thread that spins without
 * ever reaching an atomic access never gives the scheduler back: the
 * watchdog reports it, with the interleaving up to there.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>

#include "rg.h"
#include "explore.h"

#ifdef __SANITIZE_ADDRESS__
#include <sanitizer/asan_interface.h>
#include <sanitizer/common_interface_defs.h>
#define fiber_start(save, bottom, size) __sanitizer_start_switch_fiber(save, bottom, size)
#define fiber_finish(save, bottom, size) __sanitizer_finish_switch_fiber(save, bottom, size)
#else
#define fiber_start(save, bottom, size) do { } while (0)
#define fiber_finish(save, bottom, size) do { } while (0)
#define ASAN_UNPOISON_MEMORY_REGION(addr, size) do { } while (0)
#endif

#define STACK_SIZE	(256 * 1024)
#define MAX_STEPS	400
#define MAX_TRACE	1024
#define MAX_EXECUTIONS	5000000L

struct xthread {
	ucontext_t ctx;
	char *stack;
	bool done;
};

struct choice {
	uint8_t chosen;		/* thread run at this step */
	int8_t prev;		/* thread that ran the step before, -1 at start */
	uint8_t enabled;	/* threads that could run */
	uint8_t tried;		/* threads already explored here */
	uint16_t preemptions;	/* preemptions before this step */
};

static struct {
	const struct rg_scenario *sc;
	struct xthread threads[RG_X_MAX_THREADS];
	ucontext_t sched_ctx;
	const void *sched_bottom;	/* the scheduler's stack, for ASan */
	size_t sched_size;
	int bound;
	int current;			/* running thread, -1: scheduler */
	bool failed;
	char failure[512];
	const void *watched;
	/* the schedule of the execution in progress, and what to replay */
	struct choice stack[MAX_STEPS];
	int depth, replay;
	/* the trace of the execution in progress */
	char *trace[MAX_TRACE];
	int nr_trace;
	long executions, steps;
	struct rg_progress *slot;
} x;

/*
 * swapcontext() through getcontext()/setcontext(): ASan intercepts
 * swapcontext() only to warn that it cannot follow it; the fiber
 * annotations around each switch tell it what it needs.
 */
static void switch_context(ucontext_t *from, ucontext_t *to)
{
	volatile bool resumed = false;

	getcontext(from);
	if (!resumed) {
		resumed = true;
		setcontext(to);
	}
}

static void trace_add(char *line)
{
	if (x.nr_trace < MAX_TRACE)
		x.trace[x.nr_trace++] = line;
	else
		free(line);
}

static void trace_reset(void)
{
	while (x.nr_trace)
		free(x.trace[--x.nr_trace]);
}

void rg_x_note(const char *fmt, ...)
{
	char *msg, *line;
	va_list ap;

	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		abort();
	va_end(ap);
	if (asprintf(&line, "      T%d  %s", x.current, msg) < 0)
		abort();
	free(msg);
	trace_add(line);
}

void rg_x_watch(const void *counter)
{
	x.watched = counter;
}

/* Show a raw counter value the way the tree means it. */
static void format_value(char *buf, size_t len, int val)
{
#ifdef RG_FROZEN_BIT
	if (val & RG_FROZEN_BIT) {
		int rest = val & ~RG_FROZEN_BIT;

		if (rest)
			snprintf(buf, len, "FROZEN+%d", rest);
		else
			snprintf(buf, len, "FROZEN");
		return;
	}
#endif
	snprintf(buf, len, "%d", val);
}

static void switch_to_scheduler(void)
{
	struct xthread *t = &x.threads[x.current];
	void *fake = NULL;

	fiber_start(&fake, x.sched_bottom, x.sched_size);
	(void)fake;
	switch_context(&t->ctx, &x.sched_ctx);
	fiber_finish(fake, NULL, NULL);
}

/* A failure inside a thread abandons the execution: never resumed. */
void rg_x_fail(const char *fmt, ...)
{
	va_list ap;

	if (!x.failed) {
		va_start(ap, fmt);
		vsnprintf(x.failure, sizeof(x.failure), fmt, ap);
		va_end(ap);
		x.failed = true;
	}
	if (x.current >= 0)
		for (;;)
			switch_to_scheduler();
}

void rg_x_yield(void)
{
	char *line;

	if (x.current < 0)
		return;
	switch_to_scheduler();
	if (asprintf(&line, "%4d  T%d    (scheduling point, no atomic)", x.depth,
		     x.current) < 0)
		abort();
	trace_add(line);
}

static void x_before(const atomic_t *v, const char *op)
{
	if (x.current >= 0)
		switch_to_scheduler();
}

static void x_after(const atomic_t *v, const char *op, int old, int new)
{
	char a[32], b[32], *line;

	x.steps++;
	rg_progress(x.slot);
	format_value(a, sizeof(a), old);
	format_value(b, sizeof(b), new);
	if (asprintf(&line, "%4d  T%d    %-28s %10s -> %s%s", x.depth, x.current,
		     op, a, b, v == x.watched ? "" : "  (other counter)") < 0)
		abort();
	trace_add(line);
}

static const struct rg_atomic_hooks explore_hooks = {
	.before = x_before,
	.after = x_after,
};

static void print_failure(void);

static void explore_vm_bug(const char *what)
{
	rg_x_fail("%s", what);
	/* In the scheduler's own context (final checks): report, then exit. */
	print_failure();
}

static void thread_main(int tid)
{
	fiber_finish(NULL, &x.sched_bottom, &x.sched_size);
	x.sc->thread[tid](tid);
	x.threads[tid].done = true;
	/* Leaving for good: NULL lets ASan drop this fiber's fake stack. */
	fiber_start(NULL, x.sched_bottom, x.sched_size);
	setcontext(&x.sched_ctx);
}

static void start_threads(void)
{
	int i;

	for (i = 0; i < x.sc->nr_threads; i++) {
		struct xthread *t = &x.threads[i];

		if (!t->stack)
			t->stack = malloc(STACK_SIZE);
		/* An abandoned execution leaves its frames' redzones behind. */
		ASAN_UNPOISON_MEMORY_REGION(t->stack, STACK_SIZE);
		getcontext(&t->ctx);
		t->ctx.uc_stack.ss_sp = t->stack;
		t->ctx.uc_stack.ss_size = STACK_SIZE;
		t->ctx.uc_link = NULL;
		t->done = false;
		makecontext(&t->ctx, (void (*)(void))thread_main, 1, i);
	}
}

/* Run thread tid until its next atomic access (or its end). */
static void resume(int tid)
{
	struct xthread *t = &x.threads[tid];
	void *fake = NULL;

	x.current = tid;
	fiber_start(&fake, t->stack, STACK_SIZE);
	(void)fake;
	switch_context(&x.sched_ctx, &t->ctx);
	fiber_finish(fake, NULL, NULL);
	x.current = -1;
}

static int enabled_mask(void)
{
	int i, mask = 0;

	for (i = 0; i < x.sc->nr_threads; i++)
		if (!x.threads[i].done)
			mask |= 1 << i;
	return mask;
}

/* The choice at step x.depth: replayed, or the default (no preemption). */
static int choose(int prev, int enabled, int preemptions)
{
	struct choice *c = &x.stack[x.depth];
	int t;

	if (x.depth < x.replay)
		return c->chosen;
	if (prev >= 0 && (enabled & (1 << prev)))
		t = prev;
	else
		t = __builtin_ctz(enabled);
	c->chosen = t;
	c->prev = prev;
	c->enabled = enabled;
	c->tried = 1 << t;
	c->preemptions = preemptions;
	return t;
}

/* One execution along x.stack[0..replay), then default choices. */
static void execute(void)
{
	int prev = -1, preemptions = 0, enabled, t, i;

	x.failed = false;
	x.depth = 0;
	trace_reset();
	x.sc->setup();
	start_threads();
	rg_atomic_hooks = &explore_hooks;
	/* Each thread's code up to its first atomic access is its own. */
	for (i = 0; i < x.sc->nr_threads && !x.failed; i++)
		resume(i);
	while (!x.failed && (enabled = enabled_mask())) {
		if (x.depth == MAX_STEPS) {
			rg_x_fail("livelock: no end after %d steps (atomic accesses): a thread retries forever",
				  MAX_STEPS);
			break;
		}
		t = choose(prev, enabled, preemptions);
		if (prev >= 0 && t != prev && (enabled & (1 << prev)))
			preemptions++;
		x.depth++;
		resume(t);
		prev = t;
	}
	rg_atomic_hooks = NULL;
	if (!x.failed) {
		x.current = -1;
		x.sc->final_check();
	}
	x.executions++;
	rg_progress(x.slot);
}

/* Next unexplored choice within the bound, deepest first. */
static bool backtrack(int bound)
{
	int d, t;

	for (d = x.depth - 1; d >= 0; d--) {
		struct choice *c = &x.stack[d];

		for (t = 0; t < x.sc->nr_threads; t++) {
			int cost = c->preemptions;

			if (!(c->enabled & (1 << t)) || (c->tried & (1 << t)))
				continue;
			c->tried |= 1 << t;
			if (c->prev >= 0 && t != c->prev && (c->enabled & (1 << c->prev)))
				cost++;
			if (bound >= 0 && cost > bound)
				continue;
			c->chosen = t;
			x.replay = d + 1;
			return true;
		}
	}
	return false;
}

static void print_failure(void)
{
	int bound = x.bound, i;
	char b[16];

	printf("explore: %s: VIOLATION: %s\n", x.sc->name, x.failure);
	snprintf(b, sizeof(b), bound < 0 ? "none" : "%d", bound);
	printf("explore: %s: interleaving (execution %ld, preemption bound %s):\n",
	       x.sc->name, x.executions + 1, b);
	printf("  step thread operation                    before -> after\n");
	for (i = 0; i < x.nr_trace; i++)
		printf("  %s\n", x.trace[i]);
}

/* From the watchdog: a thread spins and never gives the scheduler back. */
static void explore_stuck(void)
{
	int i;

	fprintf(stderr, "explore: %s: T%d runs without reaching an atomic access or its end; the interleaving so far (execution %ld):\n",
		x.sc->name, x.current, x.executions + 1);
	for (i = 0; i < x.nr_trace; i++)
		fprintf(stderr, "  %s\n", x.trace[i]);
}

static int explore_scenario(const struct rg_scenario *sc, int bound)
{
	long steps0 = x.steps;
	char b[16];

	x.sc = sc;
	x.bound = bound;
	x.executions = 0;
	x.replay = 0;
	snprintf(b, sizeof(b), bound < 0 ? "none" : "%d", bound);
	do {
		rg_doing(x.slot, sc->name, "execution", x.executions + 1);
		execute();
		if (x.failed) {
			print_failure();
			return RG_EXIT_FAILED;
		}
		if (x.executions == MAX_EXECUTIONS && backtrack(bound)) {
			printf("explore: %s: NOT FINISHED: more than %ld executions at bound %s: unchecked beyond them (a lower --bound explores less)\n",
			       sc->name, MAX_EXECUTIONS, b);
			return RG_EXIT_UNFINISHED;
		}
	} while (backtrack(bound));
	printf("explore: %-26s %d threads, bound %-4s %7ld executions %9ld steps: ok\n",
	       sc->name, sc->nr_threads, b, x.executions, x.steps - steps0);
	return RG_EXIT_PASS;
}

int rg_explore_run(const struct rg_opts *opts)
{
	long executions = 0, steps0 = x.steps;
	int i, status, failed = 0, unfinished = 0;

	x.slot = rg_watch_slot("the explorer");
	x.slot->on_stuck = explore_stuck;
	rg_set_vm_bug_handler(explore_vm_bug);
	for (i = 0; i < rg_nr_scenarios; i++) {
		const struct rg_scenario *sc = &rg_scenarios[i];
		int bound = opts->bound >= -1 ? opts->bound : sc->bound;

		if (opts->verbose)
			printf("explore: %s: %s\n", sc->name, sc->summary);
		status = explore_scenario(sc, bound);
		failed += status == RG_EXIT_FAILED;
		unfinished += status == RG_EXIT_UNFINISHED;
		executions += x.executions;
	}
	rg_set_vm_bug_handler(NULL);
	printf("explore: %d scenarios, %ld executions, %ld steps, %d failed%s\n",
	       rg_nr_scenarios, executions, x.steps - steps0, failed,
	       unfinished ? ", some not finished" : "");
	return failed ? RG_EXIT_FAILED : unfinished ? RG_EXIT_UNFINISHED : RG_EXIT_PASS;
}

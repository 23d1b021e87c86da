/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The interleaving explorer's interface between its engine (explore.c:
 * cooperative threads, the scheduler, the search) and its scenarios
 * (scenarios.c: who does what to the page, and the invariants).
 */
#ifndef RG_HARNESS_EXPLORE_H
#define RG_HARNESS_EXPLORE_H

#include <stdbool.h>

#define RG_X_MAX_THREADS	4

struct rg_scenario {
	const char *name;
	const char *summary;
	int nr_threads;
	int bound;			/* default preemption bound, -1: none */
	void (*setup)(void);		/* fresh page and ghost state */
	void (*thread[RG_X_MAX_THREADS])(int tid);
	void (*final_check)(void);	/* after every thread finished */
};

extern const struct rg_scenario rg_scenarios[];
extern const int rg_nr_scenarios;

/* For scenario code, from inside a thread (or final_check for fail). */
void rg_x_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void rg_x_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/*
 * A scheduling point with no atomic access: where a scenario decides on
 * shared ghost state (is the page free?), other threads may run first.
 */
void rg_x_yield(void);
/* Is the explorer tracing the counter at this address? */
void rg_x_watch(const void *counter);

#endif

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the checks of `refguard helpers` share: options, the test macros
 * (tools/testing style), and the VM_BUG_ON policy.
 */
#ifndef RG_HARNESS_RG_H
#define RG_HARNESS_RG_H

#include <stdbool.h>
#include <stdio.h>

#include "pageref.h"
#include "report.h"
#include "watchdog.h"

struct rg_opts {
	unsigned long seed;	/* stress: -s, printed for replay */
	long threads;		/* stress: threads (default: nproc, at least 2) */
	long iterations;	/* stress: operations per thread */
	long bound;		/* explore: preemption bound, -1 none, -2 per scenario */
	long timeout;		/* seconds per check (watchdog.c) */
	int verbose;
};

/*
 * The checks, in the order they run.  Each returns RG_EXIT_PASS,
 * RG_EXIT_FAILED or RG_EXIT_UNFINISHED (watchdog.h).
 */
int rg_spec_run(const struct rg_opts *opts);
int rg_asserts_run(const struct rg_opts *opts);
int rg_stress_run(const struct rg_opts *opts);
int rg_litmus_run(const struct rg_opts *opts);
int rg_explore_run(const struct rg_opts *opts);

/*
 * Counted atomic accesses: a single sequential test or helper call that
 * needs more than this is livelocked (the largest spec test,
 * try_get_frozen_many, needs about 100,000).
 */
#define RG_MAX_SEQ_STEPS	1000000L

/*
 * A VM_BUG_ON/VM_WARN in the real helpers calls the current handler with
 * "VM_BUG_ON at file:line: cond".  The default prints it and exits 1;
 * each check installs its own to say where it happened.
 */
typedef void (*rg_vm_bug_handler_t)(const char *what);
void rg_set_vm_bug_handler(rg_vm_bug_handler_t fn);

/* Tests: static bool test_<name>(void), run by TEST(), counted. */
extern int rg_tests_run, rg_tests_failed;

#define ASSERT_TRUE(_expr)						\
	do {								\
		if (!(_expr)) {						\
			fprintf(stderr,					\
				"Assert FAILED at %s:%d:%s(): %s is FALSE.\n", \
				__FILE__, __LINE__, __func__, #_expr);	\
			return false;					\
		}							\
	} while (0)
#define ASSERT_FALSE(_expr) ASSERT_TRUE(!(_expr))
#define ASSERT_EQ(_val1, _val2)						\
	do {								\
		long long __a = (_val1), __b = (_val2);			\
		if (__a != __b) {					\
			fprintf(stderr,					\
				"Assert FAILED at %s:%d:%s(): %s == %s: %lld != %lld.\n", \
				__FILE__, __LINE__, __func__, #_val1, #_val2, \
				__a, __b);				\
			return false;					\
		}							\
	} while (0)
#define ASSERT_NE(_val1, _val2) ASSERT_TRUE((_val1) != (_val2))

#endif

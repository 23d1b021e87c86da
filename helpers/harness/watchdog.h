/* SPDX-License-Identifier: GPL-2.0 */
/*
 * No check of `refguard helpers` may hang (see watchdog.c).
 *
 * Each thread doing a check's work owns a progress slot: it calls
 * rg_progress() whenever it gets somewhere and rg_doing() to say what it
 * is doing now.  The watchdog ends the run when a slot stops moving
 * (stuck: status 1) or the check runs past its time budget (unfinished:
 * status RG_EXIT_UNFINISHED), saying which and what the slots were doing.
 */
#ifndef RG_HARNESS_WATCHDOG_H
#define RG_HARNESS_WATCHDOG_H

#include <stdbool.h>

/* The harness's exit statuses (driver/helpers.h has the same). */
#define RG_EXIT_PASS		0
#define RG_EXIT_FAILED		1
#define RG_EXIT_USAGE		2
#define RG_EXIT_UNFINISHED	3

struct rg_progress {
	unsigned long count;		/* bumped on progress (relaxed) */
	const char *doing;		/* a static string (relaxed) */
	const char *unit;		/* what n counts, or NULL */
	long n;
	char who[48];			/* set before the slot is published */
	void (*on_stuck)(void);		/* optional, run by the watchdog */
	int used;			/* published with release */
};

/* Start the watchdog: a check may take budget s, a slot stall for stall s. */
void rg_watch_start(long budget, long stall);
/* A check starts (its slots are registered after) or ends (NULL). */
void rg_watch_check(const char *name);
/* A new slot for the current check, from the thread that starts workers. */
struct rg_progress *rg_watch_slot(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

static inline void rg_progress(struct rg_progress *p)
{
	__atomic_fetch_add(&p->count, 1, __ATOMIC_RELAXED);
}

static inline void rg_doing(struct rg_progress *p, const char *doing,
			    const char *unit, long n)
{
	__atomic_store_n(&p->unit, unit, __ATOMIC_RELAXED);
	__atomic_store_n(&p->n, n, __ATOMIC_RELAXED);
	__atomic_store_n(&p->doing, doing, __ATOMIC_RELAXED);
}

/* The slot's owner is done: it has nothing left to progress on. */
static inline void rg_watch_done(struct rg_progress *p)
{
	__atomic_store_n(&p->used, 0, __ATOMIC_RELEASE);
}

#endif

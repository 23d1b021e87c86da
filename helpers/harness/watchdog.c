// SPDX-License-Identifier: GPL-2.0
/*
 * Bounds in time on every check, so that none can hang.
 *
 * Each check bounds its own steps where a livelock has a shape it can
 * count (atomic accesses per spec test, failed attempts per litmus wait,
 * steps per explored execution): those report deterministically, early,
 * with the most detail.  What they cannot count is left to this
 * watchdog: a helper looping without touching the counter, a thread
 * blocked on another that is stuck, a stress worker livelocked on
 * real atomics (which run without hooks there, for speed).
 *
 * A thread polls the slots of the running check ten times a second.  A
 * slot whose progress count has not moved for the stall time is stuck:
 * every stuck slot is named with what it was doing, and the run ends
 * with status 1, a failed check.  A check still moving past its budget
 * ends the run with RG_EXIT_UNFINISHED: nothing was found wrong, but
 * not everything asked for was checked.
 *
 * Only atomics and strings published before them are read here, so the
 * watchdog is race-free under ThreadSanitizer and never blamed for a
 * race the helpers have.  It exits with _exit(): the stuck threads
 * cannot be joined, and atexit handlers could wait on them.
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "report.h"
#include "watchdog.h"

/*
 * Slots are never reused, so the watchdog never reads one being filled
 * in: a run registers at most 64 stress workers and a few more.
 */
#define MAX_SLOTS	128

static struct rg_progress slots[MAX_SLOTS];
static int nr_slots;			/* registering thread only */
static const char *check;		/* the running check, or NULL */
static long check_start_ms;
static long budget_ms, stall_ms;
static unsigned int generation;		/* bumped by each rg_watch_check() */

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void rg_watch_check(const char *name)
{
	int i;

	for (i = 0; i < nr_slots; i++)
		__atomic_store_n(&slots[i].used, 0, __ATOMIC_RELEASE);
	__atomic_store_n(&check_start_ms, now_ms(), __ATOMIC_RELAXED);
	__atomic_store_n(&check, name, __ATOMIC_RELEASE);
	__atomic_add_fetch(&generation, 1, __ATOMIC_RELEASE);
}

struct rg_progress *rg_watch_slot(const char *fmt, ...)
{
	struct rg_progress *p;
	va_list ap;

	if (nr_slots == MAX_SLOTS) {
		fprintf(stderr, "watchdog: more than %d threads to watch\n", MAX_SLOTS);
		_exit(RG_EXIT_USAGE);
	}
	p = &slots[nr_slots++];
	va_start(ap, fmt);
	vsnprintf(p->who, sizeof(p->who), fmt, ap);
	va_end(ap);
	p->doing = "starting";
	__atomic_store_n(&p->used, 1, __ATOMIC_RELEASE);
	return p;
}

static void say(const char *chk, struct rg_progress *p, const char *what)
{
	const char *doing = __atomic_load_n(&p->doing, __ATOMIC_RELAXED);
	const char *unit = __atomic_load_n(&p->unit, __ATOMIC_RELAXED);
	long n = __atomic_load_n(&p->n, __ATOMIC_RELAXED);

	fprintf(stderr, "%s: %s %s: %s", chk, p->who, what, doing);
	if (unit)
		fprintf(stderr, " (%s %ld)", unit, n);
	fputc('\n', stderr);
}

/* Let what the checks printed so far out first, if stdout is free. */
static void flush_stdout(void)
{
	if (!ftrylockfile(stdout)) {
		fflush_unlocked(stdout);
		funlockfile(stdout);
	}
}

static void *watchdog(void *arg)
{
	const struct timespec tick = { 0, 100 * 1000 * 1000 };
	unsigned long last[MAX_SLOTS];
	long since[MAX_SLOTS];
	unsigned int seen_gen = 0;
	int i, stuck;

	for (;;) {
		unsigned int gen;
		const char *chk;
		long now;

		nanosleep(&tick, NULL);
		gen = __atomic_load_n(&generation, __ATOMIC_ACQUIRE);
		chk = __atomic_load_n(&check, __ATOMIC_ACQUIRE);
		now = now_ms();
		if (gen != seen_gen) {
			seen_gen = gen;
			for (i = 0; i < MAX_SLOTS; i++)
				since[i] = -1;
		}
		if (!chk)
			continue;
		for (i = stuck = 0; i < MAX_SLOTS; i++) {
			unsigned long c;

			if (!__atomic_load_n(&slots[i].used, __ATOMIC_ACQUIRE))
				continue;
			c = __atomic_load_n(&slots[i].count, __ATOMIC_RELAXED);
			if (since[i] < 0 || c != last[i]) {
				last[i] = c;
				since[i] = now;
			} else if (now - since[i] >= stall_ms) {
				stuck++;
			}
		}
		if (stuck) {
			/* The verdict first: printing may block on a helper. */
			rg_report_verdict(RG_EXIT_FAILED);
			flush_stdout();
			fprintf(stderr, "%s: STUCK: no progress for %ld s (a livelock, or a wait that never ends):\n",
				chk, stall_ms / 1000);
			for (i = 0; i < MAX_SLOTS; i++) {
				if (!__atomic_load_n(&slots[i].used, __ATOMIC_ACQUIRE) ||
				    since[i] < 0 || now - since[i] < stall_ms)
					continue;
				say(chk, &slots[i], "is stuck");
				if (slots[i].on_stuck)
					slots[i].on_stuck();
			}
			rg__exit(RG_EXIT_FAILED);
		}
		if (now - __atomic_load_n(&check_start_ms, __ATOMIC_RELAXED) > budget_ms) {
			rg_report_verdict(RG_EXIT_UNFINISHED);
			flush_stdout();
			fprintf(stderr, "%s: NOT FINISHED within its time budget of %ld s (--timeout), still making progress; unchecked from here:\n",
				chk, budget_ms / 1000);
			for (i = 0; i < MAX_SLOTS; i++)
				if (__atomic_load_n(&slots[i].used, __ATOMIC_ACQUIRE))
					say(chk, &slots[i], "was at");
			rg__exit(RG_EXIT_UNFINISHED);
		}
	}
	return NULL;
}

void rg_watch_start(long budget, long stall)
{
	pthread_t t;

	budget_ms = budget * 1000;
	stall_ms = stall * 1000;
	if (pthread_create(&t, NULL, watchdog, NULL)) {
		perror("watchdog: pthread_create");
		_exit(RG_EXIT_USAGE);
	}
	pthread_detach(t);
}

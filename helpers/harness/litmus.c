// SPDX-License-Identifier: GPL-2.0
/*
 * Message-passing litmus rounds for the helpers' memory ordering, run as
 * part of the stress check.  Random stress finds an ordering bug only if
 * the racing accesses happen to meet with no other synchronisation
 * between them; these rounds make them meet every time.  Each round
 * starts two threads at a barrier on a page in a known state; a plain
 * "payload" is written on one side of a helper and read on the other,
 * so the helper is the only thing ordering the two.  Under
 * -fsanitize=thread a helper that is too weak is a data race on the
 * payload in every round.
 *
 *  unfreeze-get: a frozen page's owner writes, unfreezes; a reader spins
 *                on folio_try_get() and reads (release/acquire pair
 *                page_ref_unfreeze() -> folio_try_get()).
 *  put-put:      two holders read, then put; the last one writes
 *                (put_page_testzero() releases and acquires).
 *  put-freeze:   a holder reads and puts; the other spins on
 *                page_ref_freeze() and writes (put -> freeze acquires).
 *
 * A spin is bounded in steps: once the other side has done what the
 * spinner waits for (unfreeze, put; it says so with a relaxed flag, which
 * orders nothing and so hides no missing barrier from ThreadSanitizer),
 * the spinner gets MAX_SPINS more attempts.  A helper that never lets it
 * through (an unfreeze that leaves the page frozen) is a failed round,
 * not a hang.  Everything else, a side stuck inside a helper, is the
 * watchdog's.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "rg.h"

#define ROUNDS		100
#define MAX_SPINS	100000L

static struct page page;
static int payload;
static pthread_barrier_t round_start, round_end;
static int round_nr;
static int side_done;		/* relaxed: see above */
static struct rg_progress *slots[2];
static __thread struct rg_progress *self;

static void litmus_fail(const char *test, const char *what)
{
	rg_report_verdict(RG_EXIT_FAILED);
	fprintf(stderr, "stress: litmus %s, round %d: %s\n", test, round_nr, what);
	rg_exit(RG_EXIT_FAILED);
}

static void done(void)
{
	__atomic_store_n(&side_done, 1, __ATOMIC_RELAXED);
}

/* One more failed attempt at what the other side made possible. */
static void spin(long *spins, const char *test, const char *what)
{
	if (!__atomic_load_n(&side_done, __ATOMIC_RELAXED))
		return;
	if (++*spins > MAX_SPINS)
		litmus_fail(test, what);
}

/* unfreeze-get */
static void ug_setup(void)
{
	set_page_count(&page, 1);
	if (!page_ref_freeze(&page, 1))
		litmus_fail("unfreeze-get", "page_ref_freeze(1) failed on a page with one reference");
}

static void ug_writer(void)
{
	payload = round_nr;
	rg_doing(self, "page_ref_unfreeze(page, 1)", "round", round_nr);
	page_ref_unfreeze(&page, 1);
	done();
}

static void ug_reader(void)
{
	long spins = 0;

	rg_doing(self, "folio_try_get() until the page is unfrozen", "round", round_nr);
	while (!rg_try_get(&page))
		spin(&spins, "unfreeze-get",
		     "page_ref_unfreeze(page, 1) has returned, yet 100000 folio_try_get() after it failed: the page never came back live");
	if (payload != round_nr)
		litmus_fail("unfreeze-get", "the reader saw the payload from before the unfreeze");
	if (rg_put_page_testzero(&page))
		litmus_fail("unfreeze-get", "the reader's put was the last one");
}

/* put-put */
static void pp_setup(void)
{
	set_page_count(&page, 2);
}

static void pp_side(void)
{
	rg_doing(self, "put_page_testzero()", "round", round_nr);
	if (payload != round_nr - 1 && payload != -1)
		litmus_fail("put-put", "a holder saw a freed payload");
	if (rg_put_page_testzero(&page))
		payload = -1;
}

/* put-freeze */
static void pf_setup(void)
{
	set_page_count(&page, 2);
}

static void pf_reader(void)
{
	if (payload == -2)
		litmus_fail("put-freeze", "the reader saw the freezer's write before its put");
	rg_doing(self, "put_page_testzero()", "round", round_nr);
	if (rg_put_page_testzero(&page))
		litmus_fail("put-freeze", "the reader's put was the last one");
	done();
}

static void pf_freezer(void)
{
	long spins = 0;

	rg_doing(self, "page_ref_freeze(page, 1) until the other reference is put", "round",
		 round_nr);
	while (!page_ref_freeze(&page, 1))
		spin(&spins, "put-freeze",
		     "the other holder's put has returned, yet 100000 page_ref_freeze(page, 1) after it failed");
	rg_doing(self, "page_ref_unfreeze(page, 1)", "round", round_nr);
	payload = -2;
	page_ref_unfreeze(&page, 1);
}

static const struct litmus {
	const char *name;
	void (*setup)(void);
	void (*side[2])(void);
} tests[] = {
	{ "unfreeze-get", ug_setup, { ug_writer, ug_reader } },
	{ "put-put", pp_setup, { pp_side, pp_side } },
	{ "put-freeze", pf_setup, { pf_reader, pf_freezer } },
};

static void *litmus_thread(void *arg)
{
	long side = (long)arg;
	unsigned int t;
	int r;

	self = slots[side];
	for (t = 0; t < sizeof(tests) / sizeof(tests[0]); t++) {
		for (r = 0; r < ROUNDS; r++) {
			rg_doing(self, "waiting for the round to start", "round", r + 1);
			pthread_barrier_wait(&round_start);
			tests[t].side[side]();
			rg_doing(self, "waiting for the other side to finish the round",
				 "round", r + 1);
			pthread_barrier_wait(&round_end);
			rg_progress(self);
		}
	}
	rg_watch_done(self);
	return NULL;
}

/* The main thread sets each round up between the two barriers' rounds. */
static void *litmus_main(void *arg)
{
	unsigned int t;
	int r;

	for (t = 0; t < sizeof(tests) / sizeof(tests[0]); t++) {
		for (r = 0; r < ROUNDS; r++) {
			round_nr = r + 1;
			payload = r;
			__atomic_store_n(&side_done, 0, __ATOMIC_RELAXED);
			memset(&page, 0, sizeof(page));
			tests[t].setup();
			pthread_barrier_wait(&round_start);
			pthread_barrier_wait(&round_end);
		}
	}
	return NULL;
}

int rg_litmus_run(const struct rg_opts *opts)
{
	pthread_t threads[2];
	long i;

	pthread_barrier_init(&round_start, NULL, 3);
	pthread_barrier_init(&round_end, NULL, 3);
	for (i = 0; i < 2; i++) {
		slots[i] = rg_watch_slot("litmus side %ld", i);
		pthread_create(&threads[i], NULL, litmus_thread, (void *)i);
	}
	litmus_main(NULL);
	for (i = 0; i < 2; i++)
		pthread_join(threads[i], NULL);
	printf("stress: litmus %zu tests x %d rounds: ok\n",
	       sizeof(tests) / sizeof(tests[0]), ROUNDS);
	return 0;
}

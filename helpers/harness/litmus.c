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
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "rg.h"

#define ROUNDS	100

static struct page page;
static int payload;
static pthread_barrier_t round_start, round_end;
static int round_nr;

static void litmus_fail(const char *test, const char *what)
{
	fprintf(stderr, "stress: litmus %s, round %d: %s\n", test, round_nr, what);
	exit(1);
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
	page_ref_unfreeze(&page, 1);
}

static void ug_reader(void)
{
	while (!rg_try_get(&page))
		;
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
	if (rg_put_page_testzero(&page))
		litmus_fail("put-freeze", "the reader's put was the last one");
}

static void pf_freezer(void)
{
	while (!page_ref_freeze(&page, 1))
		;
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

	for (t = 0; t < sizeof(tests) / sizeof(tests[0]); t++) {
		for (r = 0; r < ROUNDS; r++) {
			pthread_barrier_wait(&round_start);
			tests[t].side[side]();
			pthread_barrier_wait(&round_end);
		}
	}
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
	for (i = 0; i < 2; i++)
		pthread_create(&threads[i], NULL, litmus_thread, (void *)i);
	litmus_main(NULL);
	for (i = 0; i < 2; i++)
		pthread_join(threads[i], NULL);
	printf("stress: litmus %zu tests x %d rounds: ok\n",
	       sizeof(tests) / sizeof(tests[0]), ROUNDS);
	return 0;
}

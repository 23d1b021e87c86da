// SPDX-License-Identifier: GPL-2.0
/*
 * folio_try_get() + folio_put() throughput of one tree's real helpers:
 * every thread hammers the same folio (one cache line), which holds a
 * reference of its own so the puts never free it, as a page cache folio
 * under concurrent small reads.  Built per tree by helpers-throughput.sh
 * against the harness shims, without debug checks (as !CONFIG_DEBUG_VM).
 *
 *   helpers-throughput THREADS MILLISECONDS   prints operations per second
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "pageref.h"

static struct page page __attribute__((aligned(64)));
static volatile int stop;
static pthread_barrier_t start;

void rg_vm_bug(const char *kind, const char *file, int line, const char *cond)
{
	fprintf(stderr, "%s at %s:%d: %s\n", kind, file, line, cond);
	exit(1);
}

static void *worker(void *arg)
{
	long n = 0;

	pthread_barrier_wait(&start);
	while (!stop) {
		if (folio_try_get(page_folio(&page)) &&
		    rg_put_page_testzero(&page)) {
			fprintf(stderr, "bench: the page's own reference was lost\n");
			exit(1);
		}
		n++;
	}
	*(long *)arg = n;
	return NULL;
}

int main(int argc, char **argv)
{
	int threads = argc > 1 ? atoi(argv[1]) : 1, i;
	long ms = argc > 2 ? atol(argv[2]) : 300, total = 0, *counts;
	struct timespec a, b;
	pthread_t *tids;

	counts = calloc(threads, sizeof(*counts));
	tids = calloc(threads, sizeof(*tids));
	init_page_count(&page);
	pthread_barrier_init(&start, NULL, threads + 1);
	for (i = 0; i < threads; i++)
		pthread_create(&tids[i], NULL, worker, &counts[i]);
	clock_gettime(CLOCK_MONOTONIC, &a);
	pthread_barrier_wait(&start);
	nanosleep(&(struct timespec){ ms / 1000, (ms % 1000) * 1000000 }, NULL);
	stop = 1;
	for (i = 0; i < threads; i++) {
		pthread_join(tids[i], NULL);
		total += counts[i];
	}
	clock_gettime(CLOCK_MONOTONIC, &b);
	printf("%.0f\n", total / ((b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9));
	return 0;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * Multi-threaded stress of the real helpers, on real atomics.
 *
 * A few pages share a cache line's worth of contention between N
 * threads.  Each page is published in a slot, as the page cache does:
 * whoever allocates it publishes it, and its "cache" reference is
 * dropped after it is unpublished.  Threads at random:
 *
 *  - allocate a free page (set_page_refcounted(), publish);
 *  - look a page up speculatively (slot load, folio_try_get(), slot
 *    reload to confirm, like filemap_get_entry()) and read its payload;
 *  - take more references (folio_get(), folio_ref_add());
 *  - put references (folio_put(), folio_ref_sub_and_test());
 *  - freeze a page they hold every reference to, rewrite its payload,
 *    then unfreeze it or free it frozen.
 *
 * Invariants, on a ghost model kept with relaxed atomics beside each
 * page: no successful get on a page that is frozen or free; each
 * lifetime ends exactly once, by a holder of a reference to that
 * lifetime, with no reference left (none lost, none invented); the page
 * reaches the allocator with page_ref_count() == 0; at the end every page
 * is free and cannot be taken.  The payload is plain memory written only
 * by exclusive owners: under -fsanitize=thread a helper with too weak an
 * ordering shows up as a data race on it.
 *
 * A failure prints the seed (-s replays the same choices; the
 * interleaving is the OS's) and the failing thread's last operations.
 * A worker that stops completing operations (livelocked in a helper, or
 * waiting on a page that never changes) is the watchdog's: each worker
 * says which operation on which page it is in.
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rg.h"

#define NR_PAGES	4
#define MAX_HELD	8
#define HISTORY		16
#define POISON		0x5a5a5a5a

enum pstate { LIVE, FROZEN, FREE };

struct spage {
	struct page page;
	int payload;			/* plain memory, see above */
	/* ghost state, relaxed atomics */
	int gen, state, refs, released_gen;
	/*
	 * In the allocator: released with a store-release, claimed with an
	 * acquire cmpxchg, like a zone lock between the two and nobody else
	 * (a global lock would order every thread and hide races).
	 */
	int in_allocator;
};

struct token {
	int page, gen, nr;
	bool cache;			/* the publishing owner's reference */
};

struct worker {
	pthread_t thread;
	int id;
	unsigned long rng;
	long op;
	struct token held[MAX_HELD];
	int nr_held;
	char history[HISTORY][128];
	struct rg_progress *slot;
};

static struct spage pages[NR_PAGES];
static struct spage *slots[NR_PAGES];
static pthread_barrier_t start;
static unsigned long seed;
static long iterations;
static __thread struct worker *self;

#define ld(p)		__atomic_load_n(p, __ATOMIC_RELAXED)
#define st(p, v)	__atomic_store_n(p, v, __ATOMIC_RELAXED)

static unsigned long rnd(struct worker *w)
{
	w->rng ^= w->rng << 13;
	w->rng ^= w->rng >> 7;
	w->rng ^= w->rng << 17;
	return w->rng;
}

static void record(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(self->history[self->op % HISTORY], sizeof(self->history[0]), fmt, ap);
	va_end(ap);
}

static void print_history(struct worker *w)
{
	long i;

	fprintf(stderr, "stress: thread %d, last operations:\n", w->id);
	for (i = w->op - HISTORY + 1 < 0 ? 0 : w->op - HISTORY + 1; i <= w->op; i++)
		fprintf(stderr, "  op %ld: %s\n", i, w->history[i % HISTORY]);
}

static void violation(const char *fmt, ...)
{
	static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
	va_list ap;

	pthread_mutex_lock(&lock);
	rg_report_verdict(RG_EXIT_FAILED);
	fprintf(stderr, "stress: VIOLATION (seed %lu", seed);
	if (self)
		fprintf(stderr, ", thread %d, op %ld", self->id, self->op);
	fprintf(stderr, "): ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (self)
		print_history(self);
	fprintf(stderr, "stress: replay with -s %lu\n", seed);
	rg_exit(RG_EXIT_FAILED);
}

static void stress_vm_bug(const char *what)
{
	violation("%s", what);
}

static void hold(int page, int gen, int nr, bool cache)
{
	struct token *t = &self->held[self->nr_held++];

	t->page = page;
	t->gen = gen;
	t->nr = nr;
	t->cache = cache;
}

static void drop_token(int i)
{
	self->held[i] = self->held[--self->nr_held];
}

/* The page's lifetime ends: checks, then back to the allocator. */
static void release(struct token *t)
{
	struct spage *sp = &pages[t->page];

	if (t->gen != ld(&sp->gen))
		violation("page %d: last reference dropped for lifetime %d, but the page is in lifetime %d",
			  t->page, t->gen, ld(&sp->gen));
	if (__atomic_exchange_n(&sp->released_gen, t->gen, __ATOMIC_RELAXED) == t->gen)
		violation("page %d: lifetime %d released twice", t->page, t->gen);
	if (ld(&sp->refs))
		violation("page %d: lifetime %d released with %d references still held",
			  t->page, t->gen, ld(&sp->refs));
	if (!rg_page_expected_state(&sp->page))
		violation("page %d freed with page_ref_count() = %d", t->page,
			  page_ref_count(&sp->page));
	sp->payload = POISON;
	st(&sp->state, FREE);
	__atomic_store_n(&sp->in_allocator, 1, __ATOMIC_RELEASE);
}

static void op_alloc(void)
{
	int i = rnd(self) % NR_PAGES, gen, one = 1;
	struct spage *sp = &pages[i];

	rg_doing(self->slot, "allocate: set_page_refcounted()", "page", i);
	if (!__atomic_compare_exchange_n(&sp->in_allocator, &one, 0, false,
					 __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
		return;
	gen = ld(&sp->gen) + 1;
	rg_set_page_refcounted(&sp->page);
	st(&sp->gen, gen);
	st(&sp->refs, 1);
	st(&sp->state, LIVE);
	sp->payload = gen;
	__atomic_store_n(&slots[i], sp, __ATOMIC_RELEASE);
	hold(i, gen, 1, true);
	record("allocate page %d: lifetime %d", i, gen);
}

static void op_lookup(void)
{
	int i = rnd(self) % NR_PAGES, nr = rnd(self) % 4 ? 1 : 3, gen;
	struct spage *sp = __atomic_load_n(&slots[i], __ATOMIC_ACQUIRE);
	bool ok;

	if (!sp)
		return;
	rg_doing(self->slot, nr == 1 ? "lookup: folio_try_get()" : "lookup: folio_ref_try_add(3)",
		 "page", i);
	ok = nr == 1 ? rg_try_get(&sp->page) : rg_try_add(&sp->page, nr);
	record("lookup page %d: %s(%d) = %d", i, nr == 1 ? "folio_try_get" : "folio_ref_try_add",
	       nr, ok);
	if (!ok)
		return;
	if (ld(&sp->state) != LIVE)
		violation("page %d: speculative get succeeded on a %s page", i,
			  ld(&sp->state) == FREE ? "free" : "frozen");
	gen = ld(&sp->gen);
	__atomic_add_fetch(&sp->refs, nr, __ATOMIC_RELAXED);
	hold(i, gen, nr, false);
	/* Confirm, as filemap_get_entry() does, before touching the page. */
	if (__atomic_load_n(&slots[i], __ATOMIC_ACQUIRE) == sp && sp->payload != gen)
		violation("page %d: payload %#x, expected lifetime %d", i, sp->payload, gen);
}

static void op_get(struct token *t)
{
	struct spage *sp = &pages[t->page];

	rg_doing(self->slot, "folio_get() or folio_ref_add(2)", "page", t->page);
	__atomic_add_fetch(&sp->refs, 1, __ATOMIC_RELAXED);
	if (rnd(self) & 1) {
		rg_folio_get(page_folio(&sp->page));
		hold(t->page, t->gen, 1, false);
		record("folio_get page %d", t->page);
	} else {
		__atomic_add_fetch(&sp->refs, 1, __ATOMIC_RELAXED);
		folio_ref_add(page_folio(&sp->page), 2);
		hold(t->page, t->gen, 2, false);
		record("folio_ref_add(2) page %d", t->page);
	}
}

static void op_put(int i)
{
	struct token t = self->held[i];
	struct spage *sp = &pages[t.page];
	bool last;

	drop_token(i);
	rg_doing(self->slot, "put: folio_put() or folio_ref_sub_and_test()", "page", t.page);
	if (t.cache)
		__atomic_store_n(&slots[t.page], NULL, __ATOMIC_RELEASE);
	__atomic_sub_fetch(&sp->refs, t.nr, __ATOMIC_RELAXED);
	if (t.nr == 1)
		last = rg_put_page_testzero(&sp->page);
	else
		last = folio_ref_sub_and_test(page_folio(&sp->page), t.nr);
	record("put %d of page %d lifetime %d%s: last = %d", t.nr, t.page, t.gen,
	       t.cache ? " (cache ref)" : "", last);
	if (last)
		release(&t);
}

/* Freeze a page whose every reference this thread holds. */
static void op_freeze(struct token *t)
{
	struct spage *sp = &pages[t->page];
	int mine = 0, i;

	for (i = 0; i < self->nr_held; i++)
		if (self->held[i].page == t->page)
			mine += self->held[i].nr;
	rg_doing(self->slot, "page_ref_freeze(), page_ref_unfreeze()", "page", t->page);
	/* A few rounds: readers get in between, right after each unfreeze. */
	for (i = 0; i < 4; i++) {
		if (!page_ref_freeze(&sp->page, mine)) {
			record("page_ref_freeze(page %d, %d) = 0", t->page, mine);
			return;
		}
		record("page_ref_freeze(page %d, %d) = 1", t->page, mine);
		if (ld(&sp->refs) != mine)
			violation("page %d frozen with %d references expected, %d held",
				  t->page, mine, ld(&sp->refs));
		st(&sp->state, FROZEN);
		sp->payload = t->gen;		/* exclusive while frozen */
		st(&sp->state, LIVE);
		page_ref_unfreeze(&sp->page, mine);
	}
}

/* Free a page frozen at one reference: the cache's (split, migration). */
static void op_free_frozen(int i)
{
	struct token t = self->held[i];
	struct spage *sp = &pages[t.page];

	rg_doing(self->slot, "page_ref_freeze(1) to free the page frozen", "page", t.page);
	if (!t.cache || !page_ref_freeze(&sp->page, 1))
		return;
	record("page_ref_freeze(page %d, 1) = 1, free it frozen", t.page);
	if (ld(&sp->refs) != 1)
		violation("page %d frozen at 1 reference, %d held", t.page, ld(&sp->refs));
	st(&sp->state, FROZEN);
	drop_token(i);
	__atomic_store_n(&slots[t.page], NULL, __ATOMIC_RELEASE);
	st(&sp->refs, 0);
	release(&t);
}

static void one_op(void)
{
	unsigned long r = rnd(self) % 100;
	int i = self->nr_held ? rnd(self) % self->nr_held : -1;

	self->op++;
	record("(nothing)");
	if (r < 15 || i < 0)
		op_alloc();
	else if (r < 55)
		op_lookup();
	else if (r < 63 && self->nr_held < MAX_HELD - 1)
		op_get(&self->held[i]);
	else if (r < 87)
		op_put(i);
	else if (r < 96)
		op_freeze(&self->held[i]);
	else
		op_free_frozen(i);
	if (self->nr_held >= MAX_HELD - 1)
		op_put(0);
	rg_progress(self->slot);
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	long n;

	self = w;
	pthread_barrier_wait(&start);
	for (n = 0; n < iterations; n++)
		one_op();
	while (w->nr_held) {
		op_put(0);
		rg_progress(w->slot);
	}
	rg_watch_done(w->slot);
	self = NULL;
	return NULL;
}

static int final_check(void)
{
	int i;

	for (i = 0; i < NR_PAGES; i++) {
		struct spage *sp = &pages[i];

		if (ld(&sp->state) != FREE)
			violation("page %d: lifetime %d never released (page_ref_count() = %d, %d references held)",
				  i, ld(&sp->gen), page_ref_count(&sp->page), ld(&sp->refs));
		if (page_ref_count(&sp->page) != 0)
			violation("free page %d: page_ref_count() = %d", i,
				  page_ref_count(&sp->page));
		if (rg_try_get(&sp->page))
			violation("free page %d can be taken by folio_try_get()", i);
	}
	return 0;
}

static int default_threads(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 2 ? 2 : n > 16 ? 16 : n;
}

int rg_stress_run(const struct rg_opts *opts)
{
	int nr_threads = opts->threads > 0 ? opts->threads : default_threads(), i;
	struct worker *workers = calloc(nr_threads, sizeof(*workers));

	if (rg_litmus_run(opts))
		return RG_EXIT_FAILED;
	seed = opts->seed;
#ifdef __SANITIZE_THREAD__
	iterations = opts->iterations > 0 ? opts->iterations / 5 + 1 : 40000;
#else
	iterations = opts->iterations > 0 ? opts->iterations : 200000;
#endif
	rg_set_vm_bug_handler(stress_vm_bug);
	for (i = 0; i < NR_PAGES; i++) {
		rg_init_count(&pages[i].page);
		rg_boot_free_count(&pages[i].page);
		pages[i].state = FREE;
		pages[i].in_allocator = 1;
	}
	pthread_barrier_init(&start, NULL, nr_threads);
	for (i = 0; i < nr_threads; i++) {
		workers[i].id = i;
		workers[i].rng = seed * 0x9e3779b97f4a7c15UL + i + 1;
		workers[i].slot = rg_watch_slot("stress thread %d", i);
		pthread_create(&workers[i].thread, NULL, worker_main, &workers[i]);
	}
	for (i = 0; i < nr_threads; i++)
		pthread_join(workers[i].thread, NULL);
	rg_doing(rg_watch_slot("stress final check"), "folio_try_get() on each free page",
		 NULL, 0);
	final_check();
	rg_set_vm_bug_handler(NULL);
	printf("stress%s: %d threads x %ld operations on %d pages, seed %lu: ok\n",
#ifdef __SANITIZE_THREAD__
	       " (tsan)",
#else
	       "",
#endif
	       nr_threads, iterations, NR_PAGES, seed);
	free(workers);
	return RG_EXIT_PASS;
}

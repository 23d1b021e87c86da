// SPDX-License-Identifier: GPL-2.0
/*
 * The explorer's scenarios: a page, two or three threads doing what the
 * kernel does to it (put, speculative folio_try_get, freeze, free to the
 * allocator, allocate again), and a ghost model of who owns what.
 *
 * Ghost model.  A page goes through lifetimes: each allocation starts
 * one.  A thread holding a reference holds it to one lifetime.  The
 * invariants, checked at the step where they could first break:
 *
 *  - a successful get happens only on a live page (not frozen by a
 *    freezer, not released, not free in the allocator);
 *  - a lifetime ends exactly once (a put that returns "last", or the
 *    freezer freeing the frozen page), by a thread holding a reference to
 *    that very lifetime, when no other reference to it is held;
 *  - the page reaches the allocator with page_ref_count() == 0
 *    (page_expected_state());
 *  - when every thread is done, page_ref_count() equals the references
 *    held (none lost, none invented), a live page with no references is a
 *    leak, and a free page cannot be taken by folio_try_get().
 */
#include <limits.h>
#include <string.h>

#include "rg.h"
#include "explore.h"

#define MAX_LIFETIMES	8

enum pstate { LIVE, DEAD, FREE, FROZEN };

static const char *const state_name[] = {
	[LIVE] = "live", [DEAD] = "released", [FREE] = "free", [FROZEN] = "frozen",
};

static struct {
	struct page page;
	int lifetime;			/* current lifetime, 1-based */
	enum pstate state;
	int refs[MAX_LIFETIMES];	/* references held, per lifetime */
	int released_by[MAX_LIFETIMES];	/* thread + 1, 0: not released */
} g;

static void setup_live(int count)
{
	memset(&g, 0, sizeof(g));
	set_page_count(&g.page, count);
	g.lifetime = 1;
	g.state = LIVE;
	g.refs[1] = count;
	rg_x_watch(&g.page._refcount);
}

/* The end of a lifetime, by a put that returned "last" or by a freezer. */
static void x_release(int tid, int lt)
{
	if (lt != g.lifetime)
		rg_x_fail("T%d ended lifetime %d of the page (its reference was to lifetime %d), but lifetime %d was already released by T%d and the page is in lifetime %d now (%s, %d references held): T%d frees a page it holds no reference to",
			  tid, lt, lt, lt, g.released_by[lt] - 1, g.lifetime,
			  state_name[g.state], g.refs[g.lifetime], tid);
	if (g.released_by[lt])
		rg_x_fail("lifetime %d of the page released twice: by T%d, then by T%d",
			  lt, g.released_by[lt] - 1, tid);
	if (g.refs[lt])
		rg_x_fail("T%d released lifetime %d while %d references to it are still held",
			  tid, lt, g.refs[lt]);
	g.released_by[lt] = tid + 1;
	g.state = DEAD;
	rg_x_note("lifetime %d ends: free_pages_prepare() checks page_ref_count() == 0", lt);
	if (!rg_page_expected_state(&g.page))
		rg_x_fail("T%d freed the page with page_ref_count() != 0", tid);
	g.state = FREE;
	rg_x_note("page is free in the allocator");
}

/* folio_try_get(): the lifetime a reference was taken to, or 0. */
static int x_try_add(int tid, int nr)
{
	bool ok;

	rg_x_note(nr == 1 ? "folio_try_get()" : "folio_ref_try_add(%d)", nr);
	ok = nr == 1 ? rg_try_get(&g.page) : rg_try_add(&g.page, nr);
	if (!ok) {
		rg_x_note("... failed");
		return 0;
	}
	if (g.state != LIVE)
		rg_x_fail("T%d's speculative get succeeded on a %s page (lifetime %d)",
			  tid, state_name[g.state], g.lifetime);
	g.refs[g.lifetime] += nr;
	rg_x_note("... succeeded: T%d holds %d reference(s) to lifetime %d",
		  tid, nr, g.lifetime);
	return g.lifetime;
}

/* folio_put() / folio_ref_sub_and_test() of nr references to lifetime lt. */
static void x_put(int tid, int lt, int nr)
{
	struct folio *folio = page_folio(&g.page);
	bool last;

	g.refs[lt] -= nr;
	if (nr == 1) {
		rg_x_note("folio_put() of a lifetime %d reference", lt);
		last = rg_put_page_testzero(&g.page);
	} else {
		rg_x_note("folio_ref_sub_and_test(%d) of lifetime %d references", nr, lt);
		last = folio_ref_sub_and_test(folio, nr);
	}
	if (last)
		rg_x_note("... last reference: T%d frees the page", tid);
	else
		rg_x_note("... not the last reference");
	if (last)
		x_release(tid, lt);
}

/* The allocator hands the page out again, if it is free: a new lifetime. */
static int x_alloc(int tid)
{
	rg_x_note("allocator: is the page free?");
	rg_x_yield();
	if (g.state != FREE) {
		rg_x_note("allocation: the page is not free");
		return 0;
	}
	rg_x_note("allocation: set_page_refcounted()");
	rg_set_page_refcounted(&g.page);
	g.lifetime++;
	g.state = LIVE;
	g.refs[g.lifetime] = 1;
	rg_x_note("... T%d owns lifetime %d", tid, g.lifetime);
	return g.lifetime;
}

/* page_ref_freeze(page, n) by a thread holding a reference to lt. */
static bool x_freeze(int tid, int lt, int n)
{
	rg_x_note("page_ref_freeze(%d)", n);
	if (!page_ref_freeze(&g.page, n)) {
		rg_x_note("... failed");
		return false;
	}
	if (g.state != LIVE || g.refs[lt] != n)
		rg_x_fail("T%d froze the page expecting %d references, but %d are held (page %s)",
			  tid, n, g.refs[lt], state_name[g.state]);
	g.state = FROZEN;
	rg_x_note("... frozen");
	return true;
}

static void x_unfreeze(int tid, int n)
{
	/* Ghost first: the unfreeze itself makes the page takeable. */
	g.state = LIVE;
	rg_x_note("page_ref_unfreeze(%d)", n);
	page_ref_unfreeze(&g.page, n);
}

/* A freezer owning every reference frees the frozen page (split, migrate). */
static void x_free_frozen(int tid, int lt)
{
	rg_x_note("frees the frozen page");
	g.refs[lt] = 0;
	g.state = LIVE;
	x_release(tid, lt);
}

static void final_check(void)
{
	int lt, count;

	for (lt = 1; lt <= g.lifetime; lt++) {
		if (g.refs[lt] && lt != g.lifetime)
			rg_x_fail("%d references to lifetime %d (already over) still held",
				  g.refs[lt], lt);
		if (!g.released_by[lt] && lt < g.lifetime)
			rg_x_fail("lifetime %d never released, yet the page was reallocated", lt);
	}
	count = page_ref_count(&g.page);
	if (g.state == LIVE && !g.refs[g.lifetime])
		rg_x_fail("lifetime %d leaked: no reference held, never released (page_ref_count() = %d)",
			  g.lifetime, count);
	else if (g.state == LIVE && count != g.refs[g.lifetime])
		rg_x_fail("page_ref_count() = %d, but %d references are held (lost or invented references)",
			  count, g.refs[g.lifetime]);
	else if (g.state == FREE && count != 0)
		rg_x_fail("free page has page_ref_count() = %d", count);
	else if (g.state == FREE && rg_try_get(&g.page))
		rg_x_fail("folio_try_get() succeeds on the free page");
	else if (g.state == FROZEN || g.state == DEAD)
		rg_x_fail("page left %s", state_name[g.state]);
}

/* A speculative reader: get, and put back what it got. */
static void reader(int tid)
{
	int lt = x_try_add(tid, 1);

	if (lt)
		x_put(tid, lt, 1);
}

/* Another user: allocate the page if it is free, use it, put it. */
static void new_user(int tid)
{
	int lt = x_alloc(tid);

	if (lt)
		x_put(tid, lt, 1);
}

static void owner_put(int tid)
{
	x_put(tid, 1, 1);
}

static void setup_one(void)
{
	setup_live(1);
}

static void setup_two(void)
{
	setup_live(2);
}

/* 1: the last put against a speculative get. */
static void s1_t1(int tid)
{
	reader(tid);
}

/* 2: a reader that, once done, allocates the page itself if it is free. */
static void reader_then_new_user(int tid)
{
	reader(tid);
	new_user(tid);
}

/* 3: a freezer that unfreezes (split/migration that backs off). */
static void freezer_unfreeze(int tid)
{
	if (x_freeze(tid, 1, 1))
		x_unfreeze(tid, 1);
	x_put(tid, 1, 1);
}

/* 4: a freezer that frees the frozen page, or puts if freezing failed. */
static void freezer_free(int tid)
{
	if (x_freeze(tid, 1, 1))
		x_free_frozen(tid, 1);
	else
		x_put(tid, 1, 1);
}

/* 5: the owner of two references drops both at once. */
static void owner_put_two(int tid)
{
	x_put(tid, 1, 2);
}

/* 6: overflow guard: failed adds pile up while the owner unfreezes. */
static void setup_frozen(void)
{
	setup_live(1);
	if (!page_ref_freeze(&g.page, 1))
		rg_x_fail("setup: page_ref_freeze(1) failed on a page with one reference");
	g.state = FROZEN;
}

static void frozen_owner(int tid)
{
	x_unfreeze(tid, 1);
	x_put(tid, 1, 1);
}

static void big_reader(int tid)
{
	int nr = (1 << 30) - 1, lt = x_try_add(tid, nr);

	if (lt)
		x_put(tid, lt, nr);
}

/* 7: everything at once, twice over (bounded: too many to enumerate). */
static void owner_put_twice(int tid)
{
	x_put(tid, 1, 1);
	x_put(tid, 1, 1);
}

static void reader_twice(int tid)
{
	reader(tid);
	reader(tid);
}

static void new_user_then_reader(int tid)
{
	new_user(tid);
	reader(tid);
}

const struct rg_scenario rg_scenarios[] = {
	{ "put-vs-get", "the last folio_put() against a folio_try_get()",
	  2, -1, setup_one, { owner_put, s1_t1 }, final_check },
	{ "two-puts-vs-get", "two owners put, a reader gets and puts",
	  3, -1, setup_two, { owner_put, owner_put, reader }, final_check },
	{ "freeze-vs-get", "freeze/unfreeze/put against a reader",
	  2, -1, setup_one, { freezer_unfreeze, reader }, final_check },
	{ "freeze-free-vs-get-alloc", "freeze and free, a reader, a new user",
	  3, -1, setup_one, { freezer_free, reader, new_user }, final_check },
	{ "put-vs-get-realloc-2t", "last put; a reader gets, puts, reallocates, puts",
	  2, -1, setup_one, { owner_put, reader_then_new_user }, final_check },
	{ "put-vs-get-realloc", "last put; a reader; a new user reallocates and puts",
	  3, -1, setup_one, { owner_put, reader, new_user }, final_check },
	{ "sub-vs-get-realloc", "folio_ref_sub_and_test(2); a reader; a new user",
	  3, -1, setup_two, { owner_put_two, reader, new_user }, final_check },
	{ "guard-vs-unfreeze", "huge failed adds on a frozen page, unfreeze, put",
	  3, -1, setup_frozen, { frozen_owner, big_reader, reader }, final_check },
	{ "busy", "two puts; two readers; a new user that then reads",
	  3, 2, setup_two, { owner_put_twice, reader_twice, new_user_then_reader },
	  final_check },
};

const int rg_nr_scenarios = sizeof(rg_scenarios) / sizeof(rg_scenarios[0]);

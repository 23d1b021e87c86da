// SPDX-License-Identifier: GPL-2.0
/*
 * Sequential specification of the page refcount helpers.
 *
 * The spec is stated through the helpers' own observable behaviour, never
 * through the raw counter, so it holds for 6.12 (frozen == count 0) and
 * for the frozen-bit design (frozen == a dedicated bit) alike:
 *
 *  - live (count n >= 1): the getters return n, every modifier changes n
 *    as its name says and returns what its name says;
 *  - dead/frozen (after a successful freeze, the last put, or
 *    set_page_count_as_frozen()): the getters return 0, every conditional
 *    get fails and leaves no trace, freezing again fails, and unfreeze(n)
 *    makes the page live with exactly n references;
 *  - transient zero (inside the last put, between its atomic steps, if it
 *    has several): whatever a concurrent try-get does there, exactly one
 *    of the two ends up owning the page.  The put is stopped after each of
 *    its atomic operations in turn (through the atomic shim's hooks) and
 *    a try-get, or a try-get and a put, is run at that point.
 *
 * Every spelling the tree has of a renamed role (rules/spellings.def)
 * is held to the same spec.  Each test may make RG_MAX_SEQ_STEPS atomic
 * accesses to page counters: a helper that loops past that is reported
 * as livelocked, with its last access, and the next test runs.
 */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rg.h"

static struct page pages[2];
static jmp_buf test_env;
static bool in_test;
static struct rg_progress *slot;

/* The step bound, through the atomic shim's hooks. */
static struct {
	long steps;
	const char *op;
	int old, new;
} bound;

static void count_step(const atomic_t *v, const char *op)
{
	if (++bound.steps <= RG_MAX_SEQ_STEPS)
		return;
	rg_atomic_hooks = NULL;
	fprintf(stderr, "spec: STUCK: no end after %ld atomic accesses (the last: %s, %d -> %d): a livelock in a helper\n",
		RG_MAX_SEQ_STEPS, bound.op, bound.old, bound.new);
	longjmp(test_env, 1);
}

static void count_after(const atomic_t *v, const char *op, int old, int new)
{
	bound.op = op;
	bound.old = old;
	bound.new = new;
}

static const struct rg_atomic_hooks count_hooks = {
	.before = count_step,
	.after = count_after,
};

static void spec_vm_bug(const char *what)
{
	fprintf(stderr, "%s\n", what);
	if (in_test)
		longjmp(test_env, 1);
	rg_exit(RG_EXIT_FAILED);
}

static struct page *live_page(int count)
{
	memset(pages, 0, sizeof(pages));
	set_page_count(&pages[0], count);
	return &pages[0];
}

/* Frozen the way split and migration freeze: freeze the known count. */
static struct page *frozen_page(int count)
{
	struct page *page = live_page(count);

	if (!page_ref_freeze(page, count)) {
		fprintf(stderr, "spec: page_ref_freeze(page, %d) failed on a page with %d references\n",
			count, count);
		return NULL;
	}
	return page;
}

/* Getters agree: page, folio and a tail page of the folio. */
static bool counts_are(struct page *page, int n)
{
	struct page *tail = &pages[1];

	tail->compound_head = (unsigned long)page | 1;
	ASSERT_EQ(page_ref_count(page), n);
	ASSERT_EQ(page_count(page), n);
	ASSERT_EQ(folio_ref_count(page_folio(page)), n);
	ASSERT_EQ(page_count(tail), n);
	return true;
}

/* Dead or frozen: getters 0, every conditional get fails without trace. */
static bool is_frozen(struct page *page)
{
	int i;

	ASSERT_TRUE(counts_are(page, 0));
	for (i = 0; i < 3; i++) {
		ASSERT_FALSE(rg_try_get(page));
		ASSERT_FALSE(rg_try_add(page, 2));
#define FAILS(fn, obj, arity) ASSERT_FALSE(RG_CALL(fn, obj, arity, page, 1));
		RG_TRY_ADD_SPELLINGS(FAILS)
		RG_FOLIO_TRY_ADD_SPELLINGS(FAILS)
#undef FAILS
		ASSERT_FALSE(page_ref_freeze(page, 1));
		ASSERT_TRUE(counts_are(page, 0));
	}
	return true;
}

/* Every spelling of init (and folio init) makes any page live at 1. */
static bool test_init_count(void)
{
	struct page *page;

#define INIT(fn, obj, arity)						\
	page = live_page(7);						\
	RG_CALL(fn, obj, arity, page, 0);				\
	ASSERT_TRUE(counts_are(page, 1));				\
	page = frozen_page(1);						\
	ASSERT_TRUE(page);						\
	RG_CALL(fn, obj, arity, page, 0);				\
	ASSERT_TRUE(counts_are(page, 1));
	RG_INIT_SPELLINGS(INIT)
	RG_FOLIO_INIT_SPELLINGS(INIT)
#undef INIT
	return true;
}

static bool test_set_count_live(void)
{
	static const int values[] = { 1, 2, 3, 1000, 1 << 20, (1 << 30) - 1 };
	struct page *page = live_page(1);
	unsigned int i;

	for (i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		set_page_count(page, values[i]);
		ASSERT_TRUE(counts_are(page, values[i]));
#ifdef RG_HAVE_FOLIO_SET_COUNT
		folio_set_count(page_folio(page), values[i] + 1);
		ASSERT_TRUE(counts_are(page, values[i] + 1));
#endif
	}
	return true;
}

static bool test_inc_dec(void)
{
	struct page *page = live_page(1);
	struct folio *folio = page_folio(page);

	page_ref_inc(page);
	ASSERT_TRUE(counts_are(page, 2));
	folio_ref_inc(folio);
	ASSERT_TRUE(counts_are(page, 3));
	rg_folio_get(folio);
	ASSERT_TRUE(counts_are(page, 4));
	page_ref_dec(page);
	ASSERT_TRUE(counts_are(page, 3));
	folio_ref_dec(folio);
	return counts_are(page, 2);
}

static bool test_add_sub(void)
{
	struct page *page = live_page(1);
	struct folio *folio = page_folio(page);

	page_ref_add(page, 5);
	ASSERT_TRUE(counts_are(page, 6));
	folio_ref_add(folio, 10);
	ASSERT_TRUE(counts_are(page, 16));
	page_ref_sub(page, 4);
	ASSERT_TRUE(counts_are(page, 12));
	folio_ref_sub(folio, 11);
	return counts_are(page, 1);
}

static bool test_return_variants(void)
{
	struct page *page = live_page(3);
	struct folio *folio = page_folio(page);

	ASSERT_EQ(page_ref_inc_return(page), 4);
	ASSERT_EQ(folio_ref_inc_return(folio), 5);
	ASSERT_EQ(page_ref_dec_return(page), 4);
	ASSERT_EQ(folio_ref_dec_return(folio), 3);
	ASSERT_EQ(folio_ref_sub_return(folio, 2), 1);
	return counts_are(page, 1);
}

static bool test_dec_and_test_live(void)
{
	struct page *page = live_page(3);

	ASSERT_FALSE(page_ref_dec_and_test(page));
	ASSERT_TRUE(counts_are(page, 2));
	ASSERT_FALSE(folio_ref_dec_and_test(page_folio(page)));
	ASSERT_TRUE(counts_are(page, 1));
	ASSERT_TRUE(page_ref_dec_and_test(page));
	return is_frozen(page);
}

static bool test_sub_and_test(void)
{
	struct page *page = live_page(5);

	ASSERT_FALSE(page_ref_sub_and_test(page, 2));
	ASSERT_TRUE(counts_are(page, 3));
	ASSERT_FALSE(folio_ref_sub_and_test(page_folio(page), 2));
	ASSERT_TRUE(counts_are(page, 1));
	ASSERT_TRUE(folio_ref_sub_and_test(page_folio(page), 1));
	ASSERT_TRUE(is_frozen(page));

	page = live_page(4);
	ASSERT_TRUE(page_ref_sub_and_test(page, 4));
	return is_frozen(page);
}

static bool test_put_page_testzero(void)
{
	struct page *page = live_page(2);

	ASSERT_FALSE(rg_put_page_testzero(page));
	ASSERT_TRUE(rg_put_page_testzero(page));
	return is_frozen(page);
}

/* A dead page comes back only through unfreeze, with exactly n refs. */
static bool test_dead_page_unfreeze(void)
{
	struct page *page = live_page(1);

	ASSERT_TRUE(page_ref_dec_and_test(page));
	ASSERT_TRUE(is_frozen(page));
	page_ref_unfreeze(page, 3);
	ASSERT_TRUE(counts_are(page, 3));
	ASSERT_TRUE(rg_try_get(page));
	return counts_are(page, 4);
}

static bool test_freeze(void)
{
	static const int values[] = { 1, 2, 7, 1 << 20 };
	unsigned int i;

	for (i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		struct page *page = frozen_page(values[i]);

		ASSERT_TRUE(page);
		ASSERT_TRUE(is_frozen(page));
		page_ref_unfreeze(page, values[i]);
		ASSERT_TRUE(counts_are(page, values[i]));
	}
	return true;
}

static bool test_freeze_wrong_count(void)
{
	struct page *page = live_page(3);

	ASSERT_FALSE(page_ref_freeze(page, 2));
	ASSERT_TRUE(counts_are(page, 3));
	ASSERT_FALSE(folio_ref_freeze(page_folio(page), 4));
	ASSERT_TRUE(counts_are(page, 3));
	ASSERT_TRUE(folio_ref_freeze(page_folio(page), 3));
	return is_frozen(page);
}

static bool test_freeze_round_trips(void)
{
	struct page *page = live_page(2);
	struct folio *folio = page_folio(page);
	int i;

	for (i = 0; i < 5; i++) {
		ASSERT_TRUE(page_ref_freeze(page, 2));
		ASSERT_TRUE(is_frozen(page));
		page_ref_unfreeze(page, 2);
		ASSERT_TRUE(counts_are(page, 2));
		ASSERT_TRUE(folio_ref_freeze(folio, 2));
		folio_ref_unfreeze(folio, 2);
		ASSERT_TRUE(counts_are(page, 2));
	}
	/* Unfreeze to another count, as migration does for the new folio. */
	ASSERT_TRUE(page_ref_freeze(page, 2));
	page_ref_unfreeze(page, 9);
	return counts_are(page, 9);
}

static bool test_try_get_live(void)
{
	struct page *page = live_page(1);

	ASSERT_TRUE(rg_try_get(page));
	ASSERT_TRUE(counts_are(page, 2));
	ASSERT_TRUE(rg_try_add(page, 3));
	ASSERT_TRUE(counts_are(page, 5));
#define ADDS(fn, obj, arity)						\
	ASSERT_TRUE(RG_CALL(fn, obj, arity, page, 2));			\
	ASSERT_TRUE(counts_are(page, 7));				\
	set_page_count(page, 5);
	RG_TRY_ADD_SPELLINGS(ADDS)
	RG_FOLIO_TRY_ADD_SPELLINGS(ADDS)
#undef ADDS
	return true;
}

/* Failed gets on a frozen page must leave no trace once it is unfrozen. */
static bool test_try_get_frozen_many(void)
{
	struct page *page = frozen_page(1);
	int i;

	ASSERT_TRUE(page);
	for (i = 0; i < 100000; i++)
		ASSERT_FALSE(rg_try_get(page));
	ASSERT_TRUE(is_frozen(page));
	page_ref_unfreeze(page, 2);
	return counts_are(page, 2);
}

/*
 * The overflow guard of an optimistic conditional add: failed adds on a
 * frozen page accumulate in the counter; without a guard, enough of them
 * carry into (and out of) whatever marks the page frozen.  Large counts
 * reach that point in a few calls instead of 2^31.
 */
static bool test_overflow_guard(void)
{
	static const int steps[] = { 1 << 28, 1 << 29, (1 << 30) + 1, INT_MAX };
	unsigned int s;
	int i;

	for (s = 0; s < sizeof(steps) / sizeof(steps[0]); s++) {
		struct page *page = frozen_page(1);

		ASSERT_TRUE(page);
		for (i = 0; i < 64; i++) {
			ASSERT_FALSE(rg_try_add(page, steps[s]));
			ASSERT_TRUE(counts_are(page, 0));
		}
		ASSERT_TRUE(is_frozen(page));
		page_ref_unfreeze(page, 1);
		ASSERT_TRUE(counts_are(page, 1));
	}
	return true;
}

static bool test_boot_free_state(void)
{
	struct page *page = live_page(1);

	rg_init_count(page);
	rg_boot_free_count(page);
	ASSERT_TRUE(rg_page_expected_state(page));
	ASSERT_TRUE(is_frozen(page));
	rg_set_page_refcounted(page);
	return counts_are(page, 1);
}

/* Every spelling of the frozen setter freezes, whatever the count was. */
static bool test_set_frozen(void)
{
	static const int values[] = { 0, 1, 4 };
	struct page *page __attribute__((unused));	/* 6.12 has no setter */
	unsigned int i;

	for (i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
#define SET(fn, obj, arity)						\
		page = live_page(values[i]);				\
		RG_CALL(fn, obj, arity, page, 0);			\
		ASSERT_TRUE(is_frozen(page));				\
		page_ref_unfreeze(page, 1);				\
		ASSERT_TRUE(counts_are(page, 1));
		RG_SET_FROZEN_SPELLINGS(SET)
#undef SET
	}
	return true;
}

/* Free, allocate, free again: the allocator's two refcount steps. */
static bool test_allocator_cycle(void)
{
	struct page *page = live_page(1);
	int i;

	for (i = 0; i < 3; i++) {
		ASSERT_TRUE(rg_put_page_testzero(page));
		ASSERT_TRUE(rg_page_expected_state(page));
		ASSERT_TRUE(is_frozen(page));
		rg_set_page_refcounted(page);
		ASSERT_TRUE(counts_are(page, 1));
	}
	return true;
}

/*
 * Transient zero.  The last put is stopped after its k-th atomic access
 * of the counter and a concurrent action runs there; k goes from 1 until
 * the put finishes before reaching k.
 */
enum inject { INJECT_GET, INJECT_GET_PUT };

static struct {
	const atomic_t *target;
	int stop_at, seen;
	enum inject what;
	bool fired, got, put_last, count_zero;
} inj;

static void inject_before(const atomic_t *v, const char *op)
{
	count_step(v, op);
}

static const struct rg_atomic_hooks inject_hooks;

static void inject_after(const atomic_t *v, const char *op, int old, int new)
{
	struct page *page = &pages[0];

	if (v != inj.target || ++inj.seen != inj.stop_at)
		return;
	rg_atomic_hooks = NULL;
	inj.fired = true;
	rg_atomic_hooks = &count_hooks;
	inj.count_zero = page_ref_count(page) == 0;
	inj.got = rg_try_get(page);
	if (inj.got && inj.what == INJECT_GET_PUT)
		inj.put_last = rg_put_page_testzero(page);
	rg_atomic_hooks = &inject_hooks;
}

static const struct rg_atomic_hooks inject_hooks = {
	.before = inject_before,
	.after = inject_after,
};

static bool one_injection(enum inject what, int k, bool *fired)
{
	struct page *page = live_page(1);
	bool last;

	memset(&inj, 0, sizeof(inj));
	inj.target = &page->_refcount;
	inj.stop_at = k;
	inj.what = what;
	rg_atomic_hooks = &inject_hooks;
	last = rg_put_page_testzero(page);
	rg_atomic_hooks = &count_hooks;
	*fired = inj.fired;
	if (!inj.fired)
		return true;
	if (!inj.got) {
		/* The put won: it owns the dead page. */
		ASSERT_TRUE(last);
		return is_frozen(page);
	}
	if (what == INJECT_GET) {
		/* The getter won: the put must not report the last reference. */
		ASSERT_FALSE(last);
		return counts_are(page, 1);
	}
	/* Getter got and put back: exactly one of the two puts was last. */
	ASSERT_EQ(last + inj.put_last, 1);
	return is_frozen(page);
}

static bool test_transient_zero(void)
{
	enum inject what;
	bool fired;
	int k;

	for (what = INJECT_GET; what <= INJECT_GET_PUT; what++) {
		for (k = 1; k < 16; k++) {
			if (!one_injection(what, k, &fired)) {
				fprintf(stderr, "spec: while the last put was stopped after its atomic access #%d, a concurrent try-get%s broke the contract\n",
					k, what == INJECT_GET_PUT ? " and put" : "");
				return false;
			}
			if (!fired)
				break;
		}
	}
	return true;
}

int rg_tests_run, rg_tests_failed;

#define TEST(name)							\
	do {								\
		bool __ok = false;					\
									\
		rg_tests_run++;						\
		rg_doing(slot, "test_" #name, NULL, 0);			\
		memset(&bound, 0, sizeof(bound));			\
		if (!setjmp(test_env)) {				\
			in_test = true;					\
			rg_atomic_hooks = &count_hooks;			\
			__ok = test_##name();				\
		}							\
		in_test = false;					\
		rg_atomic_hooks = NULL;					\
		rg_progress(slot);					\
		if (!__ok) {						\
			rg_tests_failed++;				\
			fprintf(stderr, "spec: test_%s failed\n", #name); \
		} else if (opts->verbose) {				\
			fprintf(stderr, "spec: test_%s ok (%ld atomic accesses)\n", #name, bound.steps);	\
		}							\
	} while (0)

int rg_spec_run(const struct rg_opts *opts)
{
	slot = rg_watch_slot("the spec's tests");
	rg_set_vm_bug_handler(spec_vm_bug);
	TEST(init_count);
	TEST(set_count_live);
	TEST(inc_dec);
	TEST(add_sub);
	TEST(return_variants);
	TEST(dec_and_test_live);
	TEST(sub_and_test);
	TEST(put_page_testzero);
	TEST(dead_page_unfreeze);
	TEST(freeze);
	TEST(freeze_wrong_count);
	TEST(freeze_round_trips);
	TEST(try_get_live);
	TEST(try_get_frozen_many);
	TEST(overflow_guard);
	TEST(boot_free_state);
	TEST(set_frozen);
	TEST(allocator_cycle);
	TEST(transient_zero);
	rg_set_vm_bug_handler(NULL);
	printf("spec: %d tests run, %d passed, %d failed\n", rg_tests_run,
	       rg_tests_run - rg_tests_failed, rg_tests_failed);
	return rg_tests_failed ? RG_EXIT_FAILED : RG_EXIT_PASS;
}

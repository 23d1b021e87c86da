// SPDX-License-Identifier: GPL-2.0
/*
 * Shapes that sparse's IR gives differently from GIMPLE, each with what
 * the plugin reports on it (the same expectations hold for both engines):
 * static inlines inlined into their callers, switches on a freeze's result, results stored through
 * && and ||, nested macros.  (A call through a constant pointer, which
 * sparse's optimiser makes direct: testsuite/plugin/flow-robust.c.)
 */
#include <linux/mm.h>

#define unlikely(x)	__builtin_expect(!!(x), 0)

int ec_busy(struct page *page);

/* Reported once, in the inline, not again in each caller it is inlined into. */
static inline void ec_freeze_get(struct page *page)
{
	if (page_ref_freeze(page, 1)) /* { dg-note "the page was frozen here" } */
		get_page(page); /* { dg-warning "'get_page' on a page that is frozen on some path to this call \[refguard-frozen-arith\]" } */
}

void ec_caller_one(struct page *page)
{
	ec_freeze_get(page);
}

void ec_caller_two(struct page *page)
{
	ec_freeze_get(page + 1);
	ec_freeze_get(page + 2);
}

/* A helper that freezes, inlined: the caller's own calls are the caller's. */
static inline int ec_try_freeze(struct page *page)
{
	return page_ref_freeze(page, 1);
}

void ec_after_helper(struct page *page)
{
	if (ec_try_freeze(page))
		page_ref_inc(page);	/* the helper is not in the API table: not followed */
}

/* A switch on the result: case 0 is the failed freeze, default the frozen page. */
void ec_switch(struct page *page)
{
	switch (page_ref_freeze(page, 1)) { /* { dg-note "the page was frozen here" } */
	case 0:
		get_page(page);
		break;
	default:
		put_page(page); /* { dg-warning "'put_page' on a page that is frozen" } */
		break;
	}
}

/* A result stored through ||: the page is frozen where done is false. */
void ec_or_stored(struct page *page, bool skip)
{
	bool done = skip || !page_ref_freeze(page, 1);

	ec_busy(page);
	if (done)
		get_page(page);
	else
		page_ref_unfreeze(page, 1);
}

/* unlikely() on the failure path. */
int ec_unlikely(struct folio *folio)
{
	if (unlikely(!folio_ref_freeze(folio, 1))) /* { dg-note "the page was frozen here" } */
		return -1;
	folio_get(folio); /* { dg-warning "'folio_get' on a page that is frozen" } */
	return 0;
}

/* Spelled two macros down: reported where it is spelled. */
#define EC_INNER(p)	set_page_count(p, 0) /* { dg-warning "use 'set_page_count_as_frozen'" } */
					     /* { dg-fixit "set_page_count_as_frozen(p)" .-1 } */
#define EC_OUTER(p)	do { EC_INNER(p); } while (0)

void ec_nested_macro(struct page *page)
{
	EC_OUTER(page);
}


/*
 * An inline whose address is taken: sparse linearizes it with the unit's
 * functions (with --sparse, API inlined, as plain sparse does); the flow
 * rules still see its calls (a copy, sparse/engine.c).
 */
static inline void ec_callback(struct page *page)
{
	if (!page_ref_freeze(page, 1)) /* { dg-note "the page was frozen here" } */
		return;
	page_ref_inc(page); /* { dg-warning "'page_ref_inc' on a page that is frozen on some path to this call" } */
}

void (*ec_hook)(struct page *) = ec_callback;

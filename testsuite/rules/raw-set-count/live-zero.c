// SPDX-License-Identifier: GPL-2.0
/*
 * raw-set-count: a 0 stored over a count the function holds a reference
 * in, on every path, drops that reference; it does not freeze the page.
 * Zi Yan on v2's p2pdma hunk: "we don't use put_page()", so the raw
 * store is page_ref_dec(), not set_page_count_as_frozen().  Such a store
 * is reported with that suggestion and its reason, and never rewritten
 * (rules/rewrite.def, LIVE_SET).  Its look-alikes keep the frozen setter:
 * a page frozen there, a page the function knows nothing about, a page
 * held on only some paths.
 */
#include <linux/mm.h>

struct p2pdma_pool;
struct page *p2pdma_page(struct p2pdma_pool *pool, unsigned long off);

/* The p2pdma shape: the count is initialised, then dropped by a store. */
void p2pdma_populate(struct p2pdma_pool *pool, unsigned long off)
{
	struct page *page = p2pdma_page(pool, off);

	init_page_count(page);
	if (off & 1)
		return;
	set_page_count(page, 0); /* { dg-warning "raw 'set_page_count' call bypasses the page refcount API; use 'page_ref_dec' \[refguard-raw-set-count\]" } */
				 /* { dg-note "holds a reference to the page on every path here: storing 0 drops it" .-1 } */ /* known-miss: cocci: Coccinelle findings carry no note of their own */
}

/*
 * The same hunk as Linux 7.2 has it: a raw store of 1 inits the page, a
 * call takes the page, and the 0 sits in that call's error branch.
 */
int p2pdma_alloc_mmap(struct p2pdma_pool *pool, unsigned long off,
		      int (*insert)(unsigned long off, struct page *page))
{
	struct page *page = p2pdma_page(pool, off);
	int ret;

	set_page_count(page, 1); /* { dg-warning "; use 'init_page_count' \[refguard" } */
				 /* { dg-fixit "init_page_count(page)" .-1 } */
	ret = insert(off, page);
	if (ret) {
		set_page_count(page, 0); /* { dg-warning "raw 'set_page_count' call bypasses the page refcount API; use 'page_ref_dec' \[refguard-raw-set-count\]" } */
					 /* { dg-note "storing 0 drops it" .-1 } */ /* known-miss: cocci: Coccinelle findings carry no note of their own */
		return ret;
	}
	return 0;
}

/* Look-alike: a raw store of 0 is no init; the second 0 is a freeze. */
void zero_then_zero(struct page *page)
{
	set_page_count(page, 0); /* { dg-warning "; use 'set_page_count_as_frozen' \[refguard" } */
				 /* { dg-fixit "set_page_count_as_frozen(page)" .-1 } */
	set_page_count(page, 0); /* { dg-warning "; use 'set_page_count_as_frozen' \[refguard" } */
				 /* { dg-fixit "set_page_count_as_frozen(page)" .-1 } */
}

/* A reference taken with get_page() or folio_get(). */
void take_then_store(struct page *page, struct folio *folio)
{
	get_page(page);
	set_page_count(page, 0); /* { dg-warning "; use 'page_ref_dec' \[refguard" } */
				 /* { dg-note "storing 0 drops it" .-1 } */ /* known-miss: cocci: Coccinelle findings carry no note of their own */
	folio_get(folio);
	folio_set_count(folio, 0); /* { dg-warning "raw 'folio_set_count' call bypasses the page refcount API; use 'folio_ref_dec' \[refguard" } */
				   /* { dg-note "storing 0 drops it" .-1 } */ /* known-miss: cocci: Coccinelle findings carry no note of their own */
}

/* A successful speculative get: held on the path that reaches the store. */
int try_then_store(struct page *page)
{
	if (!get_page_unless_zero(page))
		return 0;
	set_page_count(page, 0); /* { dg-warning "; use 'page_ref_dec' \[refguard" } */
				 /* { dg-note "storing 0 drops it" .-1 } */ /* known-miss: cocci: Coccinelle findings carry no note of their own */
	return 1;
}

/* Look-alike: frozen by a successful freeze, the store is one too. */
void frozen_then_store(struct page *page)
{
	if (!page_ref_freeze(page, 1))
		return;
	set_page_count(page, 0); /* { dg-warning "; use 'set_page_count_as_frozen' \[refguard" } */
				 /* { dg-fixit "set_page_count_as_frozen(page)" .-1 } */
}

/* Look-alike: a parameter page whose state the function does not know. */
void unknown_then_store(struct page *page)
{
	set_page_count(page, 0); /* { dg-warning "; use 'set_page_count_as_frozen' \[refguard" } */
				 /* { dg-fixit "set_page_count_as_frozen(page)" .-1 } */
}

/* Look-alike: held on one path only. */
void some_paths_store(struct page *page, bool take)
{
	if (take)
		get_page(page);
	set_page_count(page, 0); /* { dg-warning "; use 'set_page_count_as_frozen' \[refguard" } */
				 /* { dg-fixit "set_page_count_as_frozen(page)" .-1 } */
}

/* Look-alike: the reference was dropped again before the store. */
void put_then_store(struct page *page)
{
	get_page(page);
	put_page(page);
	set_page_count(page, 0); /* { dg-warning "; use 'set_page_count_as_frozen' \[refguard" } */
				 /* { dg-fixit "set_page_count_as_frozen(page)" .-1 } */
}

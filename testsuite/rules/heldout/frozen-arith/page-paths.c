// SPDX-License-Identifier: GPL-2.0
/*
 * Held-out frozen-arith cases, mm/page_alloc.c and mm/swap.c style: pages
 * frozen by a test-to-zero, the frozen allocator and explicit freezes,
 * with reference operations in conditions and return values.
 */
#include <linux/mm.h>

void hd_cpu_relax(void);
void hd_touch(struct page *page);
void hd_log(struct page *page);
bool hd_want_head(struct page *page);

/* A second test-to-zero on a page whose freeze already succeeded. */
bool hd_release_frozen(struct page *page)
{
	if (!page_ref_freeze(page, 1)) /* { dg-note "the page was frozen here" } */
		return false;
	if (page_ref_dec_and_test(page)) /* { dg-warning "'page_ref_dec_and_test' on a page that is frozen" } */
		return true;
	return false;
}

/* Draining the count of a page just marked frozen. */
void hd_drain(struct page *page)
{
	set_page_count_as_frozen(page); /* { dg-note "the page was frozen here" } */
	while (page_ref_dec_return(page) > 0) /* { dg-warning "'page_ref_dec_return' on a page that is frozen" } */
		hd_cpu_relax();
}

/* A frozen allocation whose first "user" is counted in the return value. */
bool hd_first_user(gfp_t gfp)
{
	struct page *page = alloc_frozen_pages(gfp, 0); /* { dg-note "the page was frozen here" } */

	if (!page)
		return false;
	return page_ref_inc_return(page) == 1; /* { dg-warning "'page_ref_inc_return' on a page that is frozen" } */
}

/* Clean: the frozen allocation made refcounted first. */
struct page *hd_alloc_ready(gfp_t gfp)
{
	struct page *page = alloc_frozen_pages(gfp, 0);

	if (!page)
		return NULL;
	set_page_refcounted(page);
	if (page_ref_inc_return(page) != 2)
		hd_log(page);
	return page;
}

/* Clean: the last reference frees the frozen page; the others stay live. */
void hd_free_last(struct page *page)
{
	if (page_ref_dec_and_test(page))
		free_frozen_pages(page, 0);
	else
		page_ref_inc(page);
}

/* The success branch falls out with the page still frozen. */
void hd_note_then_put(struct page *page)
{
	if (page_ref_freeze(page, 1)) /* { dg-note "the page was frozen here" } */
		hd_log(page);
	put_page(page); /* { dg-warning "'put_page' on a page that is frozen" } */
}

/* Clean: the success branch unfreezes before falling out. */
void hd_note_unfreeze_put(struct page *page)
{
	if (page_ref_freeze(page, 1)) {
		hd_log(page);
		page_ref_unfreeze(page, 1);
	}
	put_page(page);
}

/* likely() around the freeze, a decrement inside. */
void hd_likely_dec(struct page *page)
{
	if (likely(page_ref_freeze(page, 1))) { /* { dg-note "the page was frozen here" } */
		hd_touch(page);
		page_ref_dec(page); /* { dg-warning "'page_ref_dec' on a page that is frozen" } */
	}
}

/* Clean: a reference on another page while this one is frozen. */
void hd_two_pages(struct page *head, struct page *tail)
{
	if (!page_ref_freeze(head, 1))
		return;
	get_page(tail);
	page_ref_unfreeze(head, 1);
}

/* Clean: the variable is pointed at another page before the get. */
void hd_moved_on(struct page *page, struct page *next)
{
	if (!page_ref_freeze(page, 1))
		return;
	hd_touch(page);
	page = next;
	get_page(page);
}

/* Clean: only the failure path takes a reference. */
int hd_busy_ref(struct page *page)
{
	if (!page_ref_freeze(page, 2)) {
		get_page(page);
		return -1;
	}
	page_ref_unfreeze(page, 2);
	return 0;
}

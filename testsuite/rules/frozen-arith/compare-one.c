// SPDX-License-Identifier: GPL-2.0
/*
 * A freeze's result compared with 1 (or true) rather than tested for
 * truth: page_ref_freeze() returns 0 or 1, so "== 1" is its success and
 * "!= 1" its failure, with the constant on either side, directly or
 * through a stored result.  A comparison with any other constant says
 * nothing about the freeze.
 */
#include <linux/mm.h>

void co_work(struct page *page);

void co_eq(struct page *page)
{
	if (page_ref_freeze(page, 1) == 1) { /* { dg-note "frozen here" } */
		co_work(page);
		get_page(page); /* { dg-warning "'get_page' on a page that is frozen" } */
	}
}

void co_ne_bail(struct page *page)
{
	if (page_ref_freeze(page, 1) != 1) /* { dg-note "frozen here" } */
		return;
	put_page(page); /* { dg-warning "'put_page' on a page that is frozen" } */
}

void co_one_first(struct page *page)
{
	if (1 == page_ref_freeze(page, 1)) /* { dg-note "frozen here" } */
		page_ref_inc(page); /* { dg-warning "'page_ref_inc' on a page that is frozen" } */
}

void co_one_first_ne(struct folio *folio)
{
	if (1 != folio_ref_freeze(folio, 1)) /* { dg-note "frozen here" } */
		return;
	folio_get(folio); /* { dg-warning "'folio_get' on a page that is frozen" } */
}

void co_true(struct page *page)
{
	if (likely(page_ref_freeze(page, 1) == true)) /* { dg-note "frozen here" } */
		get_page(page); /* { dg-warning "'get_page' on a page that is frozen" } */
}

void co_stored(struct page *page)
{
	int frozen = page_ref_freeze(page, 1) == 1; /* { dg-note "frozen here" } */

	if (frozen)
		page_ref_inc(page); /* { dg-warning "'page_ref_inc' on a page that is frozen" } */
}

void co_stored_test(struct page *page)
{
	int frozen = page_ref_freeze(page, 1); /* { dg-note "frozen here" } */

	if (frozen == 1)
		get_page(page); /* { dg-warning "'get_page' on a page that is frozen" } */
}

void co_and(struct page *page, int x)
{
	if (x && page_ref_freeze(page, 1) == 1) { /* { dg-note "frozen here" } */
		co_work(page);
		put_page(page); /* { dg-warning "'put_page' on a page that is frozen" } */
	}
}

/*
 * The other branch: page_ref_freeze() returns an int, and no engine
 * takes an int to be 0 or 1, so "!= 1" leaves it maybe non-zero, i.e.
 * frozen on some path (the plugin and the sparse engine refine "== 1"
 * only on a truth value, see co_bool_ok).
 */
void co_eq_else(struct page *page)
{
	if (page_ref_freeze(page, 1) == 1) /* { dg-note "frozen here" } */
		page_ref_unfreeze(page, 2);
	else
		get_page(page); /* { dg-warning "'get_page' on a page that is frozen" } */
}

void co_ne(struct page *page)
{
	if (page_ref_freeze(page, 1) != 1) /* { dg-note "frozen here" } */
		get_page(page); /* { dg-warning "'get_page' on a page that is frozen" } */
}

void co_one_first_after(struct page *page)
{
	if (1 == page_ref_freeze(page, 1)) /* { dg-note "frozen here" } */
		return;
	get_page(page); /* { dg-warning "'get_page' on a page that is frozen" } */
}

/* Clean: compared with 0, on either side, the test is exact. */
void co_zero_first_ok(struct page *page)
{
	if (0 == page_ref_freeze(page, 1))
		get_page(page);
}

/* Clean for the plugin and sparse: a bool is 0 or 1, so "== 1" failing is a failed freeze. */
void co_bool_ok(struct page *page)
{
	bool frozen = page_ref_freeze(page, 1); /* known-extra: cocci: it does not read the type of the stored result */

	if (frozen == 1)
		page_ref_unfreeze(page, 2);
	else
		get_page(page); /* known-extra: cocci: as above */
}

// SPDX-License-Identifier: GPL-2.0
/*
 * A freeze only succeeds where its result says so: results stored in
 * variables (at the declaration or assigned later), negated, compared
 * with 0, wrapped in likely(), combined with && and ||, and tested more
 * than once.
 */
#include <linux/mm.h>

int rs_work(struct page *page);

void rs_stored(struct page *page)
{
	int frozen = page_ref_freeze(page, 1); /* { dg-note "frozen here" } */

	rs_work(page);
	if (frozen)
		page_ref_inc(page); /* { dg-warning "'page_ref_inc' on a page that is frozen" } */
}

/* Assigned after the declaration; the bail-out tests the failure. */
void rs_assigned_bail(struct page *page)
{
	int frozen;

	frozen = page_ref_sub_and_test(page, 2); /* { dg-note "frozen here" } */
	if (!frozen)
		return;
	get_page(page); /* { dg-warning "'get_page' on a page that is frozen" } */
}

/* Clean: the variable names another page before the test. */
void rs_reassigned_ok(struct page *page, struct page *other)
{
	int frozen = page_ref_freeze(page, 1);

	page = other;
	if (frozen)
		get_page(page);
}

/* Clean: the stored result is tested twice; only frozen paths unfreeze. */
void rs_stored_twice(struct page *page)
{
	bool frozen = page_ref_freeze(page, 1);

	if (frozen)
		rs_work(page);
	else
		page_ref_inc(page);
	if (frozen)
		page_ref_unfreeze(page, 1);
	get_page(page);
}

void rs_negated(struct page *page)
{
	bool busy = !page_ref_freeze(page, 1); /* { dg-note "frozen here" } */

	if (busy)
		return;
	put_page(page); /* { dg-warning "'put_page' on a page that is frozen" } */
}

/* Clean: the negation read the right way round. */
void rs_negated_ok(struct page *page)
{
	bool busy = !page_ref_freeze(page, 1);

	if (!busy) {
		page_ref_unfreeze(page, 1);
		put_page(page);
	}
}

void rs_compared(struct page *page)
{
	if (page_ref_freeze(page, 1) == 0) /* { dg-note "frozen here" } */
		return;
	page_ref_add(page, 2); /* { dg-warning "'page_ref_add' on a page that is frozen" } */
}

/* Clean: != 0 taken as success, == 0 as failure. */
void rs_compared_ok(struct page *page)
{
	if (page_ref_freeze(page, 1) != 0)
		page_ref_unfreeze(page, 2);
	else
		page_ref_add(page, 2);
}

void rs_likely(struct folio *folio)
{
	if (likely(folio_ref_freeze(folio, 1))) /* { dg-note "frozen here" } */
		folio_ref_inc(folio); /* { dg-warning "'folio_ref_inc' on a page that is frozen" } */
}

/* Clean: unlikely() failure, bail out. */
int rs_unlikely_ok(struct folio *folio)
{
	if (unlikely(!folio_ref_freeze(folio, 1))) {
		folio_ref_inc(folio);
		return -1;
	}
	folio_ref_unfreeze(folio, 1);
	return 0;
}

void rs_and(struct page *page, bool isolate)
{
	if (isolate && page_ref_freeze(page, 1)) /* { dg-note "frozen here" } */
		put_page(page); /* { dg-warning "'put_page' on a page that is frozen" } */
}

/* Clean: a stored && tested later: only its true side is frozen. */
void rs_and_stored(struct page *page, bool isolate)
{
	bool done = isolate && page_ref_freeze(page, 1);

	rs_work(page);
	if (done)
		page_ref_unfreeze(page, 1);
	else
		get_page(page);
}

void rs_and_stored_bad(struct page *page, bool isolate)
{
	bool done = isolate && page_ref_freeze(page, 1); /* { dg-note "frozen here" } */

	if (done)
		get_page(page); /* { dg-warning "'get_page' on a page that is frozen" } */
}

/* A freeze || an unrelated test: the join has the frozen path. */
void rs_or_join(struct page *a, struct page *b)
{
	if (!page_ref_freeze(a, 1) || b == 0) /* { dg-note "frozen here" } */
		a = a;
	get_page(a); /* { dg-warning "'get_page' on a page that is frozen" } */
}

/* Two freezes joined by ||: when the second fails, the first holds. */
int rs_or_bad(struct page *a, struct page *b)
{
	if (!page_ref_freeze(a, 1) || !page_ref_freeze(b, 1)) /* { dg-note "frozen here" } */
		goto fail;
	page_ref_unfreeze(b, 1);
	page_ref_unfreeze(a, 1);
	return 0;
fail:
	put_page(a); /* { dg-warning "'put_page' on a page that is frozen" } */
	return -1;
}

/* Clean: the same, each failure unwinding what it holds. */
int rs_or_ok(struct page *a, struct page *b)
{
	if (!page_ref_freeze(a, 1))
		goto fail_a;
	if (!page_ref_freeze(b, 1))
		goto fail_b;
	page_ref_unfreeze(b, 1);
	page_ref_unfreeze(a, 1);
	return 0;
fail_b:
	page_ref_unfreeze(a, 1);
fail_a:
	put_page(a);
	put_page(b);
	return -1;
}

/* Clean: the && of two results stored and tested as one. */
int rs_and_two(struct page *a, struct page *b)
{
	int both = page_ref_freeze(a, 1) & page_ref_freeze(b, 1);

	if (!both)
		return -1;
	page_ref_unfreeze(a, 1);
	page_ref_unfreeze(b, 1);
	get_page(a);
	get_page(b);
	return 0;
}

/* The dec-and-test result stored, then ignored on one path. */
void rs_testzero_stored(struct page *page, bool reuse)
{
	int last = put_page_testzero(page); /* { dg-note "frozen here" } */

	if (reuse)
		get_page(page); /* { dg-warning "'get_page' on a page that is frozen" } */
	else if (last)
		free_unref_page(page, 0);
}

/* Clean: the stored dec-and-test result decides. */
void rs_testzero_stored_ok(struct page *page)
{
	int last = put_page_testzero(page);

	if (!last)
		return;
	init_page_count(page);
	get_page(page);
}

/* Clean: a speculative get's result, stored. */
struct folio *rs_try_get(struct folio *folio)
{
	bool got = folio_try_get(folio);

	if (!got)
		return NULL;
	folio_get(folio);
	return folio;
}

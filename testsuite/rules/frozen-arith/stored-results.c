// SPDX-License-Identifier: GPL-2.0
/* Freeze results stored, negated, compared, in likely(), joined by &&: bad (b*) are reported, clean (ok*) are not. */
#include <linux/mm.h>

void relax(void);
void work(struct page *page);

void b_stored(struct page *page)
{
	int frozen = page_ref_freeze(page, 1); /* { dg-note "the page was frozen here" } */

	if (frozen)
		page_ref_inc(page); /* { dg-warning "'page_ref_inc' on a page that is frozen on some path to this call" } */
}
void b_assigned_bail(struct page *page)
{
	int frozen;

	frozen = page_ref_sub_and_test(page, 2); /* { dg-note "the page was frozen here" } */
	if (!frozen)
		return;
	get_page(page); /* { dg-warning "'get_page' on a page that is frozen on some path to this call" } */
}
void b_untested(struct page *page, int reuse)
{
	int last = put_page_testzero(page); /* { dg-note "the page was frozen here" } */

	if (reuse)
		get_page(page); /* { dg-warning "'get_page' on a page that is frozen on some path to this call" } */
	else if (last)
		free_unref_page(page, 0);
}
void b_negated(struct page *page)
{
	int busy = !page_ref_freeze(page, 1); /* { dg-note "the page was frozen here" } */

	if (busy)
		return;
	put_page(page); /* { dg-warning "'put_page' on a page that is frozen on some path to this call" } */
}
void b_and_stored(struct page *page, int isolate)
{
	int done = isolate && page_ref_freeze(page, 1); /* { dg-note "the page was frozen here" } */

	if (done)
		get_page(page); /* { dg-warning "'get_page' on a page that is frozen on some path to this call" } */
}
void b_compared(struct page *page)
{
	if (page_ref_freeze(page, 1) == 0) /* { dg-note "the page was frozen here" } */
		return;
	page_ref_add(page, 2); /* { dg-warning "'page_ref_add' on a page that is frozen on some path to this call" } */
}
void b_likely(struct folio *folio)
{
	if (likely(folio_ref_freeze(folio, 1))) /* { dg-note "the page was frozen here" } */
		folio_ref_inc(folio); /* { dg-warning "'folio_ref_inc' on a page that is frozen on some path to this call" } */
}
void b_and(struct page *page, int isolate)
{
	if (isolate && page_ref_freeze(page, 1)) /* { dg-note "the page was frozen here" } */
		put_page(page); /* { dg-warning "'put_page' on a page that is frozen on some path to this call" } */
}
void b_or(struct page *a, struct page *b)
{
	if (!page_ref_freeze(a, 1) || b == 0) /* { dg-note "the page was frozen here" } */
		a = a;
	get_page(a); /* { dg-warning "'get_page' on a page that is frozen on some path to this call" } */
}
void ok_stored_twice(struct page *page)
{
	int frozen = page_ref_freeze(page, 1);

	if (frozen)
		work(page);
	else
		page_ref_inc(page);
	if (frozen)
		page_ref_unfreeze(page, 1);
	get_page(page);
}
void ok_negated(struct page *page)
{
	int busy = !page_ref_freeze(page, 1);

	if (!busy) {
		page_ref_unfreeze(page, 1);
		put_page(page);
	}
}
void ok_compared(struct page *page)
{
	if (page_ref_freeze(page, 1) != 0)
		page_ref_unfreeze(page, 2);
	else
		page_ref_add(page, 2);
}
int ok_unlikely(struct folio *folio)
{
	if (unlikely(!folio_ref_freeze(folio, 1))) {
		folio_ref_inc(folio);
		return -1;
	}
	folio_ref_unfreeze(folio, 1);
	return 0;
}
void ok_and_stored(struct page *page, int isolate)
{
	int done = isolate && page_ref_freeze(page, 1);

	work(page);
	if (done)
		page_ref_unfreeze(page, 1);
	else
		get_page(page);
}
int ok_bitand(struct page *a, struct page *b)
{
	int both = page_ref_freeze(a, 1) & page_ref_freeze(b, 1);

	if (!both)
		return -1;
	page_ref_unfreeze(a, 1);
	page_ref_unfreeze(b, 1);
	get_page(a);
	return 0;
}
void ok_stored_bail(struct page *page)
{
	int last = put_page_testzero(page);

	if (!last)
		return;
	init_page_count(page);
	get_page(page);
}
void ok_reassigned(struct page *page, struct page *other)
{
	int frozen = page_ref_freeze(page, 1);

	page = other;
	if (frozen)
		get_page(page);
}
void ok_try_get(struct folio *folio)
{
	int got = folio_try_get(folio);

	if (!got)
		return;
	folio_get(folio);
}

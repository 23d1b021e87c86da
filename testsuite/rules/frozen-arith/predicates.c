// SPDX-License-Identifier: GPL-2.0
/* A frozen predicate (page_is_frozen(), folio_is_frozen(): the authors' tree after v4, known from their definitions in page_ref.h) is a test: where it says frozen the page is (p2), where it says not the page is live (p1, p3, and a freeze before it does not count, p4). */
#include <linux/mm.h>

void p1(struct folio *folio)
{
	if (folio_is_frozen(folio))
		return;
	folio_ref_inc(folio);
}
void p2(struct page *page)
{
	if (!page_is_frozen(page)) /* { dg-note "the page was frozen here" } */ /* known-miss: cocci: its rules do not read a predicate as a test */
		return;
	page_ref_inc(page); /* { dg-warning "'page_ref_inc' on a page that is frozen on some path to this call" } */ /* known-miss: cocci: as above */
}
void p3(struct page *page)
{
	if (page_is_frozen(page))
		return;
	get_page(page);
}
void p4(struct page *page)
{
	if (!page_ref_freeze(page, 1))
		return;
	page_ref_unfreeze(page, 1);
	if (folio_is_frozen(page_folio(page)))
		return;
	put_page(page);
}

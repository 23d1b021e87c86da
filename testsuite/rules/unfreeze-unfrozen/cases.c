// SPDX-License-Identifier: GPL-2.0
/* unfreeze of a page made live on every path (u1); not: caller-owned param (u2), after freeze (u3), frozen on some path (u4). */
#include <linux/mm.h>

void relax(void);
void work(struct page *page);

void u1(struct page *page)
{
	init_page_count(page);
	page_ref_unfreeze(page, 1); /* { dg-warning "'page_ref_unfreeze' on a page that is not frozen" } */
}
void u2(struct page *page)
{
	page_ref_unfreeze(page, 1);
}
void u3(struct page *page)
{
	if (!page_ref_freeze(page, 2))
		return;
	page_ref_unfreeze(page, 2);
}
void u4(struct page *page, int x)
{
	get_page(page);
	if (x && !page_ref_freeze(page, 2))
		return;
	page_ref_unfreeze(page, 2);
}

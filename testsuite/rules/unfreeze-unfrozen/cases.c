// SPDX-License-Identifier: GPL-2.0
/* not an unfreeze of a live page: caller-owned param (u2), after freeze (u3), frozen on some path (u4); one made live on every path: basic.c. */
#include <linux/mm.h>

void relax(void);
void work(struct page *page);

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

// SPDX-License-Identifier: GPL-2.0
/* arith on a page frozen on some path (a1-a4); none after unfreeze or consume (ok1, ok2). */
#include <linux/mm.h>

void relax(void);
void work(struct page *page);

void a1(struct page *page)
{
	if (!page_ref_freeze(page, 1)) /* { dg-note "the page was frozen here" } */
		return;
	get_page(page); /* { dg-warning "'get_page' on a page that is frozen on some path to this call" } */
}
void a2(struct page *page)
{
	if (page_ref_dec_and_test(page)) { /* { dg-note "the page was frozen here" } */
		put_page(page); /* { dg-warning "'put_page' on a page that is frozen on some path to this call" } */
	}
}
void a3(struct page *page, int x)
{
	set_page_count_as_frozen(page); /* { dg-note "the page was frozen here" } */
	if (x)
		page_ref_unfreeze(page, 1);
	page_ref_inc(page); /* { dg-warning "'page_ref_inc' on a page that is frozen on some path to this call" } */
}
void ok1(struct page *page)
{
	if (!page_ref_freeze(page, 1))
		return;
	page_ref_unfreeze(page, 1);
	get_page(page);
}
void ok2(struct page *page)
{
	if (page_ref_dec_and_test(page))
		free_frozen_pages(page, 0);
	get_page(page);
}
void a4(void)
{
	struct page *page = NULL;
	page = alloc_frozen_pages(GFP_KERNEL, 0); /* { dg-note "the page was frozen here" } */
	if (page_ref_inc_return(page) > 1) /* { dg-warning "'page_ref_inc_return' on a page that is frozen on some path to this call" } */
		return;
}

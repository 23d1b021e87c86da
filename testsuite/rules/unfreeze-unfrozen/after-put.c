// SPDX-License-Identifier: GPL-2.0
/* after a put the page may be anyone's: no claim (ok2; a get then a put: basic.c); made live again after the put, it is reported (u1). */
#include <linux/mm.h>

void relax(void);
void work(struct page *page);

void ok2(struct folio *folio, int n)
{
	init_folio_count(folio);
	folio_put_refs(folio, n);
	folio_ref_unfreeze(folio, 1);
}
void u1(struct page *page)
{
	put_page(page);
	init_page_count(page);
	page_ref_unfreeze(page, 1); /* { dg-warning "'page_ref_unfreeze' on a page that is not frozen" } */
}

// SPDX-License-Identifier: GPL-2.0
/* A failed freeze leaves the page live: unfreezing it there is reported (u3, u4; a failed freeze and a false dec-and-test: basic.c); not once it may be frozen or another page again (ok1-ok5; ok5 is reached by a label past the test). */
#include <linux/mm.h>

void relax(void);
void work(struct page *page);

void u3(struct folio *folio)
{
	if (folio_ref_freeze(folio, 2))
		relax();
	else
		folio_ref_unfreeze(folio, 2); /* { dg-warning "'folio_ref_unfreeze' on a page that is not frozen" } */
}
void u4(struct page *page)
{
	if (!page_ref_freeze(page, 1)) {
		put_page(page);
		init_page_count(page);
		page_ref_unfreeze(page, 1); /* { dg-warning "'page_ref_unfreeze' on a page that is not frozen" } */
	}
}
void ok1(struct page *page)
{
	if (!page_ref_freeze(page, 1)) {
		set_page_count_as_frozen(page);
		page_ref_unfreeze(page, 1);
	}
}
void ok2(struct page *page)
{
	if (page_ref_dec_and_test(page))
		relax();
	page_ref_unfreeze(page, 1);
}
void ok3(struct page *page, struct page *other)
{
	if (!page_ref_freeze(page, 1)) {
		page = other;
		page_ref_unfreeze(page, 1);
	}
}
void ok4(struct page *page)
{
	if (!page_ref_freeze(page, 1)) {
		put_page(page);
		page_ref_unfreeze(page, 1);
	}
}
void ok5(struct page *page, int x)
{
	if (x) {
		set_page_count_as_frozen(page);
		goto out;
	}
	if (page_ref_dec_and_test(page))
		return;
	relax();
out:
	page_ref_unfreeze(page, 1);
}

// SPDX-License-Identifier: GPL-2.0
/* a successful speculative get (ok1, ok2) or a raw store of a count (ok3) makes a frozen page live: no arith report; a failed one leaves it frozen (a1); a frozen allocation in a declaration (a2, ok4). */
#include <linux/mm.h>

void relax(void);
void work(struct page *page);

struct page *ok1(struct page *page)
{
	set_page_count_as_frozen(page);
	if (!page_ref_add_unless(page, 1, 0))
		return NULL;
	page_ref_inc(page);
	return page;
}
void ok2(struct folio *folio)
{
	if (!folio_ref_freeze(folio, 1))
		return;
	if (folio_try_get(folio))
		folio_put(folio);
}
void ok3(struct page *page, int count)
{
	if (!page_ref_freeze(page, count))
		return;
	set_page_count(page, count + 1); /* { dg-warning "use 'page_ref_unfreeze'" } */ /* { dg-fixit "page_ref_unfreeze" } */
	get_page(page);
}
void a1(struct page *page)
{
	set_page_count_as_frozen(page); /* { dg-note "the page was frozen here" } */
	get_page(page); /* { dg-warning "'get_page' on a page that is frozen on some path to this call" } */
	if (!page_ref_add_unless(page, 1, 0))
		return;
}
struct page *a2(void)
{
	struct page *page = alloc_frozen_pages(GFP_KERNEL, 0); /* { dg-note "the page was frozen here" } */

	if (!page)
		return NULL;
	page_ref_inc(page); /* { dg-warning "'page_ref_inc' on a page that is frozen on some path to this call" } */
	return page;
}
struct page *ok4(void)
{
	struct page *page = alloc_frozen_pages(GFP_KERNEL, 0);

	set_page_refcounted(page);
	get_page(page);
	return page;
}

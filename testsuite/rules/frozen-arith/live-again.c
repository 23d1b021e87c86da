// SPDX-License-Identifier: GPL-2.0
/* a successful speculative get makes a frozen page live: no arith report (ok2); a failed one leaves it frozen (a1); a frozen allocation made live (ok4).  A raw store of a count: raw-set-count/frozen-on-every-path.c; a frozen allocation, a get that fails on it: sources.c. */
#include <linux/mm.h>

void relax(void);
void work(struct page *page);

void ok2(struct folio *folio)
{
	if (!folio_ref_freeze(folio, 1))
		return;
	if (folio_try_get(folio))
		folio_put(folio);
}
void a1(struct page *page)
{
	set_page_count_as_frozen(page); /* { dg-note "the page was frozen here" } */
	get_page(page); /* { dg-warning "'get_page' on a page that is frozen on some path to this call" } */
	if (!page_ref_add_unless(page, 1, 0))
		return;
}
struct page *ok4(void)
{
	struct page *page = alloc_frozen_pages(GFP_KERNEL, 0);

	set_page_refcounted(page);
	get_page(page);
	return page;
}

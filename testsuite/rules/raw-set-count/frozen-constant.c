// SPDX-License-Identifier: GPL-2.0
/*
 * A constant count stored on a page frozen on every path: the page's
 * state decides before the constant rewrite table.  Any count but 0 is an
 * unfreeze, 1 included: page_ref_unfreeze()'s release ordering publishes
 * what was done while the page was frozen, init_page_count() is a plain
 * store.  A 0 there stays the frozen setter; a page frozen on some path
 * only keeps the constant's rewrite.
 */
#include <linux/mm.h>

void fc_after_failed_freeze(struct page *page)
{
	if (!page_ref_freeze(page, 1))
		return;
	set_page_count(page, 1); /* { dg-warning "raw 'set_page_count' call bypasses the page refcount API; use 'page_ref_unfreeze'" } */ /* { dg-fixit "page_ref_unfreeze" } */
}

void fc_after_testzero(struct page *page)
{
	if (put_page_testzero(page))
		set_page_count(page, 1); /* { dg-warning "use 'page_ref_unfreeze'" } */ /* { dg-fixit "page_ref_unfreeze" } */
}

void fc_folio(struct folio *folio)
{
	if (!folio_ref_freeze(folio, 1))
		return;
	folio_set_count(folio, 1); /* { dg-warning "raw 'folio_set_count' call bypasses the page refcount API; use 'folio_ref_unfreeze'" } */ /* { dg-fixit "folio_ref_unfreeze" } */
}

void fc_set_frozen(struct page *page)
{
	set_page_count_as_frozen(page);
	set_page_count(page, 1); /* { dg-warning "use 'page_ref_unfreeze'" } */ /* { dg-fixit "page_ref_unfreeze" } */
}

/* A 0 on a frozen page freezes it again: the frozen setter. */
void fc_zero(struct page *page)
{
	if (!page_ref_freeze(page, 1))
		return;
	set_page_count(page, 0); /* { dg-warning "use 'set_page_count_as_frozen'" } */ /* { dg-fixit "set_page_count_as_frozen(page)" } */
}

/* Frozen on some path only: the constant's rewrite. */
void fc_some_path(struct page *page, bool x)
{
	if (x && !page_ref_freeze(page, 1))
		return;
	set_page_count(page, 1); /* { dg-warning "use 'init_page_count'" } */ /* { dg-fixit "init_page_count(page)" } */
}

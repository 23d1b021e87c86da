// SPDX-License-Identifier: GPL-2.0
/*
 * Fix-its and messages name the helpers as the unit declares them
 * (rules/spellings.def): v4's set_page_count_frozen() and
 * set_page_count_init(); a role the unit has no spelling of keeps the
 * design's name (init_folio_count(), which `refguard fix` adds).
 */
/* The patched copy calls init_folio_count(), which this unit's header does
 * not declare: a warning, as up to GCC 13, not GCC 14's error. */
/* { dg-additional-options "-Wno-error=implicit-function-declaration" } */
#include "spellings-v4.h"

void v4_freeze(struct page *page)
{
	set_page_count(page, 0); /* { dg-warning "raw 'set_page_count' call bypasses the page refcount API; use 'set_page_count_frozen' \[refguard-raw-set-count\]" } */
				 /* { dg-fixit "set_page_count_frozen(page)" .-1 } */
}

void v4_init(struct page *page, struct folio *folio)
{
	set_page_count(page, 1); /* { dg-warning "; use 'set_page_count_init' \[refguard" } */
				 /* { dg-fixit "set_page_count_init(page)" .-1 } */
	folio_set_count(folio, 1); /* { dg-warning "; use 'init_folio_count' \[refguard" } */
				   /* { dg-fixit "init_folio_count(folio)" .-1 } */
}

/* Held: the drop is page_ref_dec(), whatever the frozen setter is called. */
void v4_held(struct page *page)
{
	get_page(page);
	set_page_count(page, 0); /* { dg-warning "; use 'page_ref_dec' \[refguard" } */
				 /* { dg-note "storing 0 drops it" .-1 } */
}

/* direct-refcount's rewrite through the setter's table names v4's too. */
void v4_direct(struct page *page)
{
	atomic_set(&page->_refcount, 0); /* { dg-warning "direct access to 'page->_refcount' outside the page refcount helpers; use 'set_page_count_frozen' \[refguard-direct-refcount\]" } */
					 /* { dg-fixit "set_page_count_frozen(page)" .-1 } */
}

/* The flow pass knows v4's frozen setter freezes (rules/api.def). */
void v4_unfreeze(struct page *page, int n)
{
	set_page_count_frozen(page);
	set_page_count(page, n); /* { dg-warning "; use 'page_ref_unfreeze' \[refguard-raw-set-count\]" } */
				 /* { dg-fixit "page_ref_unfreeze" .-1 } */
}

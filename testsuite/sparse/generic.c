// SPDX-License-Identifier: GPL-2.0
/*
 * The API chosen by _Generic: the association selected is the call's
 * callee, for the raw setters and the flow rules alike, reported at the
 * _Generic keyword, where GCC places the call.  (Coccinelle cannot parse
 * _Generic: refguard report says so and exits 2.)
 */
#include <linux/mm.h>

struct other;
void other_set(struct other *o, int v);

#define set_count(p, n) _Generic((p), struct page *: set_page_count, struct folio *: folio_set_count)(p, n) /* { dg-warning "raw 'set_page_count' call bypasses the page refcount API; use 'init_page_count'" } */
#define ref_freeze(p, n) _Generic((p), struct page *: page_ref_freeze, struct folio *: folio_ref_freeze)(p, n) /* { dg-note "the page was frozen here" } */

void gs_macro(struct page *page)
{
	set_count(page, 1);
}

void gs_direct(struct page *page)
{
	_Generic((page), struct page *: set_page_count, struct folio *: folio_set_count)(page, 0); /* { dg-warning "raw 'set_page_count' call bypasses the page refcount API; use 'set_page_count_as_frozen'" } */
}

void gs_folio(struct folio *folio)
{
	_Generic((folio), struct page *: set_page_count, struct folio *: folio_set_count)(folio, 1); /* { dg-warning "raw 'folio_set_count' call bypasses the page refcount API; use 'init_folio_count'" } */
}

/* A reference held on every path: storing 0 drops it. */
void gs_held(struct page *page)
{
	get_page(page);
	_Generic((page), struct page *: set_page_count, struct folio *: folio_set_count)(page, 0); /* { dg-warning "raw 'set_page_count' call bypasses the page refcount API; use 'page_ref_dec'" } */ /* { dg-note "this function holds a reference to the page on every path here" } */
}

/* Frozen on every path: an unfreeze, renamed in the association selected. */
void gs_frozen(struct page *page, int n)
{
	if (!page_ref_freeze(page, 1))
		return;
	_Generic((page), struct page *: set_page_count, default: folio_set_count)(page, n); /* { dg-warning "raw 'set_page_count' call bypasses the page refcount API; use 'page_ref_unfreeze'" } */ /* { dg-fixit "page_ref_unfreeze" } */
}

/* The association selected is not the API: nothing. */
void gs_not_selected(struct other *o)
{
	_Generic((o), struct page *: set_page_count, default: other_set)(o, 1);
}

void gf_macro(struct page *page)
{
	if (!ref_freeze(page, 1))
		return;
	page_ref_inc(page); /* { dg-warning "'page_ref_inc' on a page that is frozen on some path to this call" } */
}

void gf_direct(struct folio *folio)
{
	if (!_Generic((folio), struct page *: page_ref_freeze, struct folio *: folio_ref_freeze)(folio, 1)) /* { dg-note "the page was frozen here" } */
		return;
	folio_get(folio); /* { dg-warning "'folio_get' on a page that is frozen on some path to this call" } */
}

void gf_op(struct page *page)
{
	if (!page_ref_freeze(page, 1)) /* { dg-note "the page was frozen here" } */
		return;
	_Generic((page), struct page *: page_ref_inc, struct folio *: folio_ref_inc)(page); /* { dg-warning "'page_ref_inc' on a page that is frozen on some path to this call" } */
}

/* The page is live on every path: an unfreeze chosen by _Generic is wrong. */
void gf_unfreeze(struct page *page)
{
	init_page_count(page);
	_Generic((page), struct page *: page_ref_unfreeze, struct folio *: folio_ref_unfreeze)(page, 1); /* { dg-warning "'page_ref_unfreeze' on a page that is not frozen" } */
}

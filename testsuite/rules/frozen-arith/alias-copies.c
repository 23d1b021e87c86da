// SPDX-License-Identifier: GPL-2.0
/* A page and its folio alias: page_folio(), &folio->page, folio_page(folio, 0), in the call or in a variable; copies, also through a cast, "c ? page : NULL" or the same offset.  Bad (b*) are reported, clean (ok*) are not. */
#include <linux/mm.h>

void relax(void);
void work(struct page *page);

void b_folio_of_page(struct page *page)
{
	if (folio_ref_freeze(page_folio(page), 1)) /* { dg-note "the page was frozen here" } */
		page_ref_inc(page); /* { dg-warning "'page_ref_inc' on a page that is frozen on some path to this call" } */
}
void b_page_member(struct folio *folio)
{
	if (!folio_ref_freeze(folio, 1)) /* { dg-note "the page was frozen here" } */
		return;
	page_ref_inc(&folio->page); /* { dg-warning "'page_ref_inc' on a page that is frozen on some path to this call" } */
}
void b_folio_page_zero(struct folio *folio)
{
	if (!folio_ref_freeze(folio, 1)) /* { dg-note "the page was frozen here" } */
		return;
	get_page(folio_page(folio, 0)); /* { dg-warning "'get_page' on a page that is frozen on some path to this call" } */
}
void b_folio_var(struct page *page)
{
	struct folio *folio = page_folio(page);

	if (page_ref_freeze(page, 1)) /* { dg-note "the page was frozen here" } */
		folio_get(folio); /* { dg-warning "'folio_get' on a page that is frozen on some path to this call" } */
}
void b_page_var(struct folio *folio)
{
	struct page *page;

	page = &folio->page;
	if (!folio_ref_freeze(folio, 1)) /* { dg-note "the page was frozen here" } */
		return;
	put_page(page); /* { dg-warning "'put_page' on a page that is frozen on some path to this call" } */
}
void b_stored_alias(struct page *page)
{
	int frozen = folio_ref_freeze(page_folio(page), 1); /* { dg-note "the page was frozen here" } */

	if (frozen)
		get_page(page); /* { dg-warning "'get_page' on a page that is frozen on some path to this call" } */
}
void ok_tail(struct folio *folio)
{
	if (!folio_ref_freeze(folio, 1))
		return;
	set_page_count_as_frozen(folio_page(folio, 1));
	folio_ref_unfreeze(folio, 1);
	page_ref_unfreeze(folio_page(folio, 1), 1);
	get_page(folio_page(folio, 1));
	folio_get(folio);
}
void ok_unfrozen_alias(struct page *page)
{
	if (!folio_ref_freeze(page_folio(page), 1))
		return;
	page_ref_unfreeze(page, 1);
	get_page(page);
	folio_get(page_folio(page));
}
void ok_folio_var_reassigned(struct page *page, struct folio *other)
{
	struct folio *folio = page_folio(page);

	folio = other;
	if (page_ref_freeze(page, 1))
		folio_get(folio);
}
void ok_folio_var_unfrozen(struct page *page)
{
	struct folio *folio = page_folio(page);

	if (page_ref_freeze(page, 1)) {
		folio_ref_unfreeze(folio, 1);
		folio_get(folio);
	}
}
void ok_other_page(struct folio *folio, struct page *page)
{
	if (!folio_ref_freeze(folio, 1))
		return;
	get_page(page);
	get_page(folio_page(folio, 2));
}
void b_void_copy(struct page *page)
{
	void *p = page;

	set_page_count_as_frozen(page); /* { dg-note "the page was frozen here" } */
	page_ref_inc((struct page *)p); /* { dg-warning "'page_ref_inc' on a page that is frozen on some path to this call" } */
}
void b_maybe_null(struct page *page, bool use)
{
	struct page *p = use ? page : NULL;

	if (page_ref_freeze(page, 1)) { /* { dg-note "the page was frozen here" } */
		if (p)
			get_page(p); /* { dg-warning "'get_page' on a page that is frozen on some path to this call" } */
	}
}
void b_offset_copy(struct page *page)
{
	struct page *tail = page + 1;

	set_page_count_as_frozen(page + 1); /* { dg-note "the page was frozen here" } */
	page_ref_inc(tail); /* { dg-warning "'page_ref_inc' on a page that is frozen on some path to this call" } */
}
void ok_copy_reassigned(struct page *page, struct page *other)
{
	struct page *p = page;

	if (!page_ref_freeze(page, 1))
		return;
	p = other;
	get_page(p);
}
void ok_copy_other_offset(struct page *page)
{
	struct page *tail = page + 2;

	set_page_count_as_frozen(page + 1);
	page_ref_inc(tail);
}

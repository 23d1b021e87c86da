// SPDX-License-Identifier: GPL-2.0
/*
 * Page identity: a page and its folio are one refcount, through
 * page_folio(), &folio->page, folio_page(folio, 0), casts and SSA copies;
 * a pointer that is reassigned names a new page; a page passed in is of
 * unknown state.
 */
#include <linux/mm.h>

struct page *al_lookup(unsigned long pfn);
int al_work(struct page *page);

void al_folio_freeze_page_inc(struct page *page)
{
	if (folio_ref_freeze(page_folio(page), 1)) /* { dg-note "frozen here" } */
		page_ref_inc(page); /* { dg-warning "'page_ref_inc' on a page that is frozen" } */
}

void al_page_freeze_folio_get(struct page *page)
{
	struct folio *folio = page_folio(page);

	if (page_ref_freeze(page, 1)) /* { dg-note "frozen here" } */
		folio_get(folio); /* { dg-warning "'folio_get' on a page that is frozen" } */
}

void al_folio_page_member(struct folio *folio)
{
	if (!folio_ref_freeze(folio, 1)) /* { dg-note "frozen here" } */
		return;
	page_ref_inc(&folio->page); /* { dg-warning "'page_ref_inc' on a page that is frozen" } */
}

void al_folio_page_zero(struct folio *folio)
{
	if (!folio_ref_freeze(folio, 1)) /* { dg-note "frozen here" } */
		return;
	get_page(folio_page(folio, 0)); /* { dg-warning "'get_page' on a page that is frozen" } */
}

void al_page_member_var(struct folio *folio)
{
	struct page *page;

	page = &folio->page;
	if (!folio_ref_freeze(folio, 1)) /* { dg-note "frozen here" } */
		return;
	put_page(page); /* { dg-warning "'put_page' on a page that is frozen" } */
}

void al_stored_folio_freeze(struct page *page)
{
	int frozen = folio_ref_freeze(page_folio(page), 1); /* { dg-note "frozen here" } */

	if (frozen)
		get_page(page); /* { dg-warning "'get_page' on a page that is frozen" } */
}

/* Clean: unfrozen through the page, used through either name. */
void al_unfrozen_through_page(struct page *page)
{
	if (!folio_ref_freeze(page_folio(page), 1))
		return;
	page_ref_unfreeze(page, 1);
	get_page(page);
	folio_get(page_folio(page));
}

/* Clean: the folio variable names another folio before the get. */
void al_folio_var_reassigned(struct page *page, struct folio *other)
{
	struct folio *folio = page_folio(page);

	folio = other;
	if (page_ref_freeze(page, 1))
		folio_get(folio);
}

/* Clean: frozen through the page, unfrozen through its folio. */
void al_folio_var_unfrozen(struct page *page)
{
	struct folio *folio = page_folio(page);

	if (page_ref_freeze(page, 1)) {
		folio_ref_unfreeze(folio, 1);
		folio_get(folio);
	}
}

/* Clean: a page passed in and a folio's third page are other pages. */
void al_other_pages(struct folio *folio, struct page *page)
{
	if (!folio_ref_freeze(folio, 1))
		return;
	get_page(page);
	get_page(folio_page(folio, 2));
}

/* Clean: a copy reassigned after the freeze names another page. */
void al_copy_reassigned(struct page *page, struct page *other)
{
	struct page *p = page;

	if (!page_ref_freeze(page, 1))
		return;
	p = other;
	get_page(p);
}

/* Clean: the second page of a folio has a refcount of its own. */
void al_folio_tail(struct folio *folio)
{
	if (!folio_ref_freeze(folio, 1))
		return;
	set_page_count_as_frozen(folio_page(folio, 1));
	folio_ref_unfreeze(folio, 1);
	page_ref_unfreeze(folio_page(folio, 1), 1);
	get_page(folio_page(folio, 1));
	folio_get(folio);
}

void al_cast(struct page *page)
{
	void *p = page;

	set_page_count_as_frozen(page); /* { dg-note "frozen here" } */
	page_ref_inc((struct page *)p); /* { dg-warning "'page_ref_inc' on a page that is frozen" } */
}

/* A NULL on the other path does not make it another page. */
void al_maybe_null(struct page *page, bool use)
{
	struct page *p = use ? page : NULL;

	if (page_ref_freeze(page, 1)) { /* { dg-note "frozen here" } */
		if (p)
			get_page(p); /* { dg-warning "'get_page' on a page that is frozen" } */
	}
}

/* Clean: the variable is reassigned before the get. */
void al_reassigned(struct page *page, unsigned long pfn)
{
	if (!page_ref_freeze(page, 1))
		return;
	al_work(page);
	page = al_lookup(pfn);
	get_page(page);
}

/* Clean: a new page every iteration, whatever happened to the last one. */
int al_reassigned_in_loop(struct page **pages, struct page **frozen, int n)
{
	struct page *page;
	int i, nr = 0;

	for (i = 0; i < n; i++) {
		page = pages[i];
		get_page(page);
		if (page_ref_freeze(page, 2))
			frozen[nr++] = page;
	}
	return nr;
}

/* Reassigned on one path only: the old page arrives frozen on the other. */
void al_reassigned_some_paths(struct page *page, unsigned long pfn, bool move)
{
	set_page_count_as_frozen(page); /* { dg-note "frozen here" } */
	if (move)
		page = al_lookup(pfn);
	page_ref_inc(page); /* { dg-warning "'page_ref_inc' on a page that is frozen" } */
}

/* Clean: reassigned on every path. */
void al_reassigned_all_paths(struct page *page, unsigned long pfn, bool move)
{
	set_page_count_as_frozen(page);
	if (move)
		page = al_lookup(pfn);
	else
		page = al_lookup(pfn + 1);
	page_ref_inc(page);
}

/* Frozen pages from either allocation merge into one frozen page. */
struct page *al_merge_frozen(bool big)
{
	struct page *page;

	if (big)
		page = alloc_frozen_pages(GFP_KERNEL, 9); /* { dg-note "frozen here" } */
	else
		page = alloc_frozen_pages(GFP_KERNEL, 0);
	get_page(page); /* { dg-warning "'get_page' on a page that is frozen" } */
	return page;
}

/* Clean: both allocations are refcounted. */
struct page *al_merge_live(bool big)
{
	struct page *page = big ? alloc_pages(GFP_KERNEL, 9) : alloc_pages(GFP_KERNEL, 0);

	get_page(page);
	return page;
}

/* Clean: parameters start unknown, whatever is done to them. */
void al_parameter(struct page *page, struct folio *folio)
{
	put_page(page);
	folio_put(folio);
	page_ref_unfreeze(page, 1);
	folio_ref_unfreeze(folio, 1);
}

/* Clean: a page derived from another by a constant offset is another page. */
void al_offsets(struct page *page)
{
	set_page_count_as_frozen(page + 1);
	page_ref_inc(page);
	page_ref_inc(page + 2);
	page_ref_unfreeze(page + 1, 1);
}

void al_offsets_same(struct page *page)
{
	struct page *tail = page + 1;

	set_page_count_as_frozen(page + 1); /* { dg-note "frozen here" } */
	page_ref_inc(tail); /* { dg-warning "'page_ref_inc' on a page that is frozen" } */
}

/* Clean: a copy at another offset. */
void al_offsets_other(struct page *page)
{
	struct page *tail = page + 2;

	set_page_count_as_frozen(page + 1);
	page_ref_inc(tail);
}

/* A frozen page passed to a consumer is no longer the caller's. */
void al_consumed(struct page *page)
{
	if (page_ref_freeze(page, 1))
		free_frozen_pages(page, 0);
	else
		put_page(page);
}

// SPDX-License-Identifier: GPL-2.0
/*
 * unfreeze-unfrozen: page_ref_unfreeze()/folio_ref_unfreeze() where the
 * page is live on every path, i.e. the call would overwrite references
 * other users hold.  A page frozen on any path, or of unknown state, is
 * not reported.
 */
#include <linux/mm.h>

int uf_check(struct page *page);

void uf_after_get(struct page *page)
{
	get_page(page);
	page_ref_unfreeze(page, 1); /* { dg-warning "'page_ref_unfreeze' on a page that is not frozen \[refguard-unfreeze-unfrozen\]" } */
}

/* Clean: after a successful freeze. */
void uf_after_freeze(struct page *page)
{
	if (page_ref_freeze(page, 1))
		page_ref_unfreeze(page, 1);
}

/* The inverted check: unfreezing exactly where the freeze failed. */
int uf_inverted_check(struct page *page)
{
	if (!page_ref_freeze(page, 1)) {
		page_ref_unfreeze(page, 1); /* { dg-warning "'page_ref_unfreeze' on a page that is not frozen" } */
		return -1;
	}
	return 0;
}

/* Clean: frozen on one path only, so not definitely live. */
void uf_some_paths(struct page *page, bool want)
{
	if (want && !page_ref_freeze(page, 1))
		return;
	page_ref_unfreeze(page, 1);
}

/* Clean: nothing is known about a page passed in. */
void uf_parameter(struct page *page)
{
	page_ref_unfreeze(page, 1);
}

void uf_twice(struct folio *folio)
{
	if (!folio_ref_freeze(folio, 3))
		return;
	folio_ref_unfreeze(folio, 3);
	folio_ref_unfreeze(folio, 3); /* { dg-warning "'folio_ref_unfreeze' on a page that is not frozen" } */
}

void uf_after_init(struct page *page)
{
	init_page_count(page);
	page_ref_unfreeze(page, 1); /* { dg-warning "'page_ref_unfreeze' on a page that is not frozen" } */
}

/* Clean: set_page_count_as_frozen() then the matching unfreeze. */
void uf_after_set_frozen(struct page *page)
{
	set_page_count_as_frozen(page);
	page_ref_unfreeze(page, 1);
}

/* Clean: a frozen allocation made live with unfreeze. */
struct page *uf_alloc_frozen(void)
{
	struct page *page = alloc_frozen_pages(GFP_KERNEL, 0);

	if (page)
		page_ref_unfreeze(page, 1);
	return page;
}

/* Clean: the last reference was ours, the page is frozen: reuse it. */
void uf_after_dec_and_test(struct page *page)
{
	if (page_ref_dec_and_test(page))
		page_ref_unfreeze(page, 1);
}

void uf_dec_and_test_false(struct page *page)
{
	if (page_ref_dec_and_test(page))
		return;
	page_ref_unfreeze(page, 1); /* { dg-warning "'page_ref_unfreeze' on a page that is not frozen" } */
}

/* Clean: a retry loop leaves the loop only once frozen. */
void uf_retry_loop(struct page *page)
{
	while (!page_ref_freeze(page, 2))
		uf_check(page);
	page_ref_unfreeze(page, 2);
}

/* Clean: after a put the page may be anyone's; no claim either way. */
void uf_after_put(struct page *page)
{
	get_page(page);
	put_page(page);
	page_ref_unfreeze(page, 1);
}

void uf_folio_of_page(struct page *page)
{
	folio_get(page_folio(page));
	folio_ref_unfreeze(page_folio(page), 1); /* { dg-warning "'folio_ref_unfreeze' on a page that is not frozen" } */
}

/* Clean: a speculative get that failed says nothing about the page. */
void uf_try_get_failed(struct folio *folio)
{
	if (folio_try_get(folio))
		return;
	folio_ref_unfreeze(folio, 1);
}

/* Clean: unfrozen on every path of a diamond, then frozen again. */
int uf_refreeze(struct page *page, int nr)
{
	if (!page_ref_freeze(page, nr))
		return -1;
	if (uf_check(page))
		page_ref_unfreeze(page, nr);
	else
		page_ref_unfreeze(page, nr + 1);
	if (!page_ref_freeze(page, nr))
		return -1;
	page_ref_unfreeze(page, nr);
	return 0;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * frozen-arith: reference arithmetic on a page that is frozen on some
 * path to the call, from every source of "frozen" rules/kinds.def lists, next
 * to the correct code each bug is a slip away from.
 */
#include <linux/mm.h>

int fa_busy(struct page *page);

/* A successful freeze, then a get: the classic. */
void fa_freeze_then_inc(struct page *page)
{
	if (page_ref_freeze(page, 1)) /* { dg-note "the page was frozen here" } */
		page_ref_inc(page); /* { dg-warning "'page_ref_inc' on a page that is frozen on some path to this call \[refguard-frozen-arith\]" } */
}

/* Clean: unfrozen before the reference is taken. */
void fa_freeze_unfreeze_inc(struct page *page)
{
	if (page_ref_freeze(page, 1)) {
		page_ref_unfreeze(page, 1);
		page_ref_inc(page);
	}
}

/* Early return on failure: what follows runs on a frozen page. */
int fa_early_return(struct page *page)
{
	if (!page_ref_freeze(page, 2)) /* { dg-note "frozen here" } */
		return -1;
	get_page(page); /* { dg-warning "'get_page' on a page that is frozen" } */
	return 0;
}

/* Clean: only the failure path takes a reference. */
int fa_failure_path_get(struct page *page)
{
	if (!page_ref_freeze(page, 2)) {
		get_page(page);
		return -1;
	}
	page_ref_unfreeze(page, 2);
	return 0;
}

/* The success path falls into the error label's put. */
int fa_goto_error_label(struct folio *folio)
{
	int ret = 0;

	if (!folio_ref_freeze(folio, 2)) { /* { dg-note "frozen here" } */
		ret = -1;
		goto out;
	}
	if (fa_busy(&folio->page))
		ret = -2;
out:
	folio_put(folio); /* { dg-warning "'folio_put' on a page that is frozen on some path" } */
	return ret;
}

/* Clean: the same shape, unfrozen before the label. */
int fa_goto_error_label_ok(struct folio *folio)
{
	int ret = 0;

	if (!folio_ref_freeze(folio, 2)) {
		ret = -1;
		goto out;
	}
	if (fa_busy(&folio->page))
		ret = -2;
	folio_ref_unfreeze(folio, 2);
out:
	folio_put(folio);
	return ret;
}

/* Pages from the frozen allocator have no reference to add to. */
struct page *fa_alloc_frozen_inc(void)
{
	struct page *page = alloc_frozen_pages(GFP_KERNEL, 0); /* { dg-note "frozen here" } */

	if (!page)
		return NULL;
	page_ref_inc(page); /* { dg-warning "'page_ref_inc' on a page that is frozen" } */
	return page;
}

/* Clean: made refcounted first. */
struct page *fa_alloc_frozen_refcounted(void)
{
	struct page *page = alloc_frozen_pages(GFP_KERNEL, 0);

	if (!page)
		return NULL;
	set_page_refcounted(page);
	get_page(page);
	return page;
}

/* Clean: handed back to the allocator still frozen. */
void fa_alloc_frozen_free(unsigned int order)
{
	struct page *page = alloc_frozen_pages(GFP_KERNEL, order);

	if (page)
		free_frozen_pages(page, order);
}

/* The last reference was dropped: putting it again is a double put. */
void fa_dec_and_test_put(struct page *page)
{
	if (page_ref_dec_and_test(page)) { /* { dg-note "frozen here" } */
		fa_busy(page);
		put_page(page); /* { dg-warning "'put_page' on a page that is frozen" } */
	}
}

/* Clean: the false branch still holds references. */
void fa_dec_and_test_false_get(struct page *page)
{
	if (!page_ref_dec_and_test(page))
		get_page(page);
}

/* Clean: the true branch frees the page, as it should. */
void fa_dec_and_test_free(struct page *page)
{
	if (page_ref_dec_and_test(page))
		free_unref_page(page, 0);
}

void fa_testzero_dec(struct page *page)
{
	if (put_page_testzero(page)) /* { dg-note "frozen here" } */
		page_ref_dec(page); /* { dg-warning "'page_ref_dec' on a page that is frozen" } */
}

void fa_folio_testzero_get(struct folio *folio)
{
	if (folio_put_testzero(folio)) /* { dg-note "frozen here" } */
		folio_get(folio); /* { dg-warning "'folio_get' on a page that is frozen" } */
}

/* Clean: folio_put() itself tests for zero and frees. */
void fa_folio_put_twice(struct folio *folio)
{
	folio_get(folio);
	folio_put(folio);
	folio_put(folio);
}

void fa_sub_and_test_add(struct page *page, int nr)
{
	if (page_ref_sub_and_test(page, nr)) /* { dg-note "frozen here" } */
		page_ref_add(page, nr); /* { dg-warning "'page_ref_add' on a page that is frozen" } */
}

void fa_set_frozen_get(struct page *page)
{
	set_page_count_as_frozen(page); /* { dg-note "frozen here" } */
	get_page(page); /* { dg-warning "'get_page' on a page that is frozen" } */
}

/* Clean: initialised again before use. */
void fa_set_frozen_init_get(struct page *page)
{
	set_page_count_as_frozen(page);
	init_page_count(page);
	get_page(page);
}

/* Clean: a speculative get is made for frozen pages and fails on them. */
struct page *fa_try_get_frozen(struct page *page)
{
	set_page_count_as_frozen(page);
	if (!page_ref_add_unless(page, 1, 0))
		return NULL;
	page_ref_inc(page);
	return page;
}

/* Clean: reading the count of a frozen page is what page_count() is for. */
int fa_read_frozen(struct page *page)
{
	int count;

	if (!page_ref_freeze(page, 1))
		return -1;
	count = page_count(page) + page_ref_count(page);
	page_ref_unfreeze(page, 1);
	return count;
}

/* Clean: the frozen page and the referenced page are different pages. */
void fa_two_pages(struct page *frozen, struct page *other)
{
	if (page_ref_freeze(frozen, 1)) {
		get_page(other);
		page_ref_unfreeze(frozen, 1);
	}
	put_page(other);
}

/* A helper call in between does not end the frozen state. */
void fa_helper_between(struct page *page)
{
	if (!page_ref_freeze(page, 1)) /* { dg-note "frozen here" } */
		return;
	fa_busy(page);
	page_ref_sub(page, 1); /* { dg-warning "'page_ref_sub' on a page that is frozen" } */
}

/* Clean: a put with the page not frozen on any path. */
void fa_put_after_get(struct page *page)
{
	get_page(page);
	if (fa_busy(page))
		put_page(page);
	put_page(page);
}
